// elf/load.cc - PT_LOAD segments into regions, file bytes into pages.
#include "elf/load.hh"

#include "mm/address_space.hh"
#include "mm/user_layout.hh"

namespace elf {

ktl::Result<Loaded> load_image(mm::AddressSpace& as, const Image& img, uint64_t bias) {
  // Pass 1: regions. Segments come sorted by address (the ELF specification says so);
  // a page shared with the previous segment gets the union of both protections.
  uint64_t prev_end = 0;
  uint32_t prev_prot = 0;
  for (unsigned i = 0; i < img.phnum; ++i) {
    const ProgramHeader& ph = img.phdrs[i];
    if (ph.type != kPtLoad || ph.memsz == 0) continue;
    uint64_t start = mm::page_down(ph.vaddr + bias);
    uint64_t end = mm::page_up(ph.vaddr + bias + ph.memsz);
    uint32_t prot = segment_prot(ph.flags);
    if (start < prev_end) {
      if (start + contract::kPageSize < prev_end) return ktl::Errno::NoExec;
      TRY(as.protect(start, prev_end - start, prev_prot | prot));
      start = prev_end;
    }
    if (end > start)
      TRY(as.map_anonymous(start, end - start, prot, true, true, mm::RegionKind::Program));
    if (end > prev_end) prev_end = end;
    prev_prot = prot;
  }
  // Pass 2: contents.
  for (unsigned i = 0; i < img.phnum; ++i) {
    const ProgramHeader& ph = img.phdrs[i];
    if (ph.type != kPtLoad || ph.filesz == 0) continue;
    TRY(as.write_bytes(ph.vaddr + bias, img.data + ph.offset, ph.filesz));
  }
  Loaded out;
  out.entry = img.header->entry + bias;
  out.phdr = img.phdr_vaddr ? img.phdr_vaddr + bias : 0;
  out.end = img.load_end + bias;
  return out;
}

}  // namespace elf
