// elf/load.hh - putting a validated ELF image into an address space (kernel only).
//
// Each PT_LOAD segment becomes a region with the segment's protection, and its file
// bytes are copied into anonymous pages (write_bytes): the rest of the segment (.bss)
// is the zero fill every fresh page starts with. Two segments that share a page (the
// end of one and the start of the next) share one region page with both protections.
// Mapping the file's pages from the page cache instead of copying them comes with the
// mmap issue; the interface stays.
#pragma once

#include <stdint.h>

#include "elf/elf.hh"
#include "lib/result.hh"

namespace mm {
class AddressSpace;
}

namespace elf {

struct Loaded {
  uint64_t entry = 0;  // e_entry + bias
  uint64_t phdr = 0;   // AT_PHDR: the program headers in memory (0 if not loaded)
  uint64_t end = 0;    // the highest loaded address (page aligned): brk starts here
};

// Loads every PT_LOAD of img at `bias` (0 for ET_EXEC). Errors: NoMem, NoExec (segments
// that overlap), Fault.
ktl::Result<Loaded> load_image(mm::AddressSpace& as, const Image& img, uint64_t bias);

}  // namespace elf
