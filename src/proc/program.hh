// proc/program.hh - building a new program image: the shared part of execve and init.
//
// build_program() does everything that can fail before the point of no return: find the
// file in the initrd, validate it (and its PT_INTERP interpreter, musl's libc.so, for a
// dynamically linked program), load both into a fresh address space, map the stack and
// lay out argv/envp/auxv on it. The caller then either installs the result (execve,
// init) or drops it, and the old program is untouched in that case.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace mm {
class AddressSpace;
}

namespace proc {

struct Credentials;

struct ProgramArgs {
  const char* path = nullptr;         // absolute path in the initrd
  const char* const* argv = nullptr;
  size_t argc = 0;
  const char* const* envp = nullptr;
  size_t envc = 0;
};

struct Program {
  mm::AddressSpace* as = nullptr;  // the caller's reference
  uint64_t entry = 0;              // the interpreter's entry for a dynamic program
  uint64_t sp = 0;
};

// Errors: NoEnt, Acces (not executable), NoExec, TooBig, NoMem, Loop, NameTooLong.
ktl::Result<Program> build_program(const ProgramArgs& args, const Credentials& creds);

}  // namespace proc
