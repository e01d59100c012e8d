// elf/stack.hh - the initial user stack: argc, argv, envp, auxv and their strings.
//
// What a new program finds at its stack pointer is fixed by the ELF ABI of both
// architectures (and what musl's _start reads):
//
//   sp ->  argc
//          argv[0] .. argv[argc-1], NULL
//          envp[0] .. envp[envc-1], NULL
//          auxv pairs (key, value) ..., AT_NULL 0
//          padding, 16 random bytes (AT_RANDOM), the platform string
//          argv and envp strings, the file name (AT_EXECFN), 8 zero bytes   <- top
//
// sp is 16-byte aligned. The builder lays this out in a kernel buffer that stands for
// the bytes [top - size, top) of user memory, so the pointers it writes are user
// addresses; exec then copies the used part into the new address space. Pure code.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace elf {

struct AuxEntry {
  uint64_t key;
  uint64_t value;
};

struct StackInput {
  const char* const* argv = nullptr;  // kernel copies of the strings
  size_t argc = 0;
  const char* const* envp = nullptr;
  size_t envc = 0;
  const char* execfn = "";            // AT_EXECFN
  const char* platform = "";          // AT_PLATFORM
  const uint8_t* random = nullptr;    // 16 bytes for AT_RANDOM
  const AuxEntry* aux = nullptr;      // every other entry; the builder adds AT_RANDOM,
  size_t auxc = 0;                    // AT_EXECFN, AT_PLATFORM and AT_NULL itself
};

// Builds the stack image into buf, which stands for user memory [top - size, top).
// Returns the initial stack pointer. Errors: TooBig (does not fit in `size`), Inval
// (top not 16-byte aligned).
ktl::Result<uint64_t> build_stack(const StackInput& in, uint64_t top, uint8_t* buf, size_t size);

}  // namespace elf
