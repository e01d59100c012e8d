// elf/elf.hh - ELF64 headers, and the validated view of a program that exec loads.
//
// execve trusts nothing in the file: parse() checks the identification (magic, 64-bit,
// little-endian, version), the type (ET_EXEC at a fixed address or ET_DYN anywhere), the
// machine (arch::kElfMachine), and that every program header and every PT_LOAD segment
// it will copy lies inside the file and maps into the user half. Any failure is ENOEXEC
// and nothing has been touched yet. The result, an Image, is what the loader (load.cc)
// and the stack builder (stack.hh) work from. Pure code, host-tested (tests/unit/elf_*).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace elf {

struct Header {
  uint8_t ident[16];
  uint16_t type, machine;
  uint32_t version;
  uint64_t entry, phoff, shoff;
  uint32_t flags;
  uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};
static_assert(sizeof(Header) == 64);

struct ProgramHeader {
  uint32_t type, flags;
  uint64_t offset, vaddr, paddr, filesz, memsz, align;
};
static_assert(sizeof(ProgramHeader) == 56);

inline constexpr uint8_t kClass64 = 2, kDataLsb = 1, kVersionCurrent = 1;
inline constexpr uint16_t kTypeExec = 2, kTypeDyn = 3;
inline constexpr uint32_t kPtLoad = 1, kPtInterp = 3, kPtPhdr = 6, kPtGnuStack = 0x6474e551;
inline constexpr uint32_t kPfX = 1, kPfW = 2, kPfR = 4;
inline constexpr unsigned kMaxProgramHeaders = 64;
inline constexpr size_t kMaxInterpPath = 256;

struct Image {
  const uint8_t* data = nullptr;
  size_t size = 0;
  const Header* header = nullptr;
  const ProgramHeader* phdrs = nullptr;  // header->phnum entries, inside data
  unsigned phnum = 0;
  bool relocatable = false;  // ET_DYN: loaded at a base the kernel chooses
  uint64_t load_start = 0;   // lowest PT_LOAD address, page aligned down (before bias)
  uint64_t load_end = 0;     // highest PT_LOAD end, page aligned up
  uint64_t phdr_vaddr = 0;   // where the program headers are in memory (0: not loaded)
  const char* interp = nullptr;  // PT_INTERP path (NUL-terminated, in data), or nullptr
};

// Validates an ELF64 executable of `machine`. Errors: NoExec.
ktl::Result<Image> parse(const void* data, size_t size, uint16_t machine);

// uapi PROT_* bits for a segment's p_flags.
constexpr uint32_t segment_prot(uint32_t pflags) {
  return ((pflags & kPfR) ? 1u : 0u) | ((pflags & kPfW) ? 2u : 0u) | ((pflags & kPfX) ? 4u : 0u);
}

}  // namespace elf
