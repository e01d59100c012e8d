// proc/program.hh - building a new program image: the shared part of execve and init.
//
// build_program() does everything that can fail before the point of no return: find the
// file in the VFS (fs::exec_lookup, relative to the process's cwd) and read it in, validate it (and its PT_INTERP interpreter, musl's libc.so, for a
// dynamically linked program), load both into a fresh address space, map the stack and
// lay out argv/envp/auxv on it. The caller then either installs the result (execve,
// init) or drops it, and the old program is untouched in that case.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"
#include "mm/user_layout.hh"

namespace mm {
class AddressSpace;
}

namespace proc {

struct Process;

struct ProgramArgs {
  const char* path = nullptr;         // as execve got it (relative to the cwd)
  const char* const* argv = nullptr;
  size_t argc = 0;
  const char* const* envp = nullptr;
  size_t envc = 0;
};

// A read-only, executable page that every program gets at this address, holding the
// architecture's rt_sigreturn call (arch::kSigreturnCode): the return address of a
// signal handler installed without SA_RESTORER (Linux's vDSO plays this part; static
// glibc on arm64 depends on it). It sits in the gap below the stack.
inline constexpr uint64_t kSigreturnPage = mm::kStackTop - mm::kStackSize - 0x10000;

struct Program {
  mm::AddressSpace* as = nullptr;  // the caller's reference
  uint64_t entry = 0;              // the interpreter's entry for a dynamic program
  uint64_t sp = 0;
};

// Looks up with p's credentials, cwd and root; p itself is not changed.
// Errors: NoEnt, NotDir, Acces (not a regular file, or not executable), NoExec (not a
// valid ELF file for this machine), TooBig, NoMem, Loop, NameTooLong.
ktl::Result<Program> build_program(const ProgramArgs& args, const Process& p);

}  // namespace proc
