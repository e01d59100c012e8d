// elf/parse.cc - validating an ELF64 executable before anything is loaded.
#include <contract/layout.hh>

#include "elf/elf.hh"
#include "lib/string.hh"

namespace elf {
namespace {

constexpr uint64_t kPage = contract::kPageSize;

// True when [offset, offset + len) lies inside a file of `size` bytes (no wrapping).
bool in_file(uint64_t offset, uint64_t len, size_t size) {
  return offset <= size && len <= size - offset;
}

bool check_load(const ProgramHeader& ph, size_t size) {
  if (ph.filesz > ph.memsz) return false;
  if (!in_file(ph.offset, ph.filesz, size)) return false;
  if (ph.vaddr >= contract::kUserEnd || ph.memsz > contract::kUserEnd - ph.vaddr) return false;
  return ph.vaddr % kPage == ph.offset % kPage;  // mappable page by page
}

}  // namespace

ktl::Result<Image> parse(const void* data, size_t size, uint16_t machine) {
  constexpr auto bad = ktl::Errno::NoExec;
  if (!data || size < sizeof(Header)) return bad;
  Image img;
  img.data = static_cast<const uint8_t*>(data);
  img.size = size;
  img.header = static_cast<const Header*>(data);
  const Header& h = *img.header;
  if (memcmp(h.ident, "\x7f" "ELF", 4) != 0 || h.ident[4] != kClass64 ||
      h.ident[5] != kDataLsb || h.ident[6] != kVersionCurrent || h.version != kVersionCurrent)
    return bad;
  if (h.type != kTypeExec && h.type != kTypeDyn) return bad;
  if (h.machine != machine) return bad;
  if (h.phentsize != sizeof(ProgramHeader) || h.phnum == 0 || h.phnum > kMaxProgramHeaders)
    return bad;
  if (h.phoff % 8 != 0 || !in_file(h.phoff, uint64_t{h.phnum} * sizeof(ProgramHeader), size))
    return bad;
  img.relocatable = h.type == kTypeDyn;
  img.phdrs = reinterpret_cast<const ProgramHeader*>(img.data + h.phoff);
  img.phnum = h.phnum;

  bool any_load = false;
  uint64_t lo = ~uint64_t{0}, hi = 0;
  for (unsigned i = 0; i < img.phnum; ++i) {
    const ProgramHeader& ph = img.phdrs[i];
    if (ph.type == kPtLoad) {
      if (!check_load(ph, size)) return bad;
      if (ph.memsz == 0) continue;
      any_load = true;
      uint64_t start = ph.vaddr & ~(kPage - 1);
      uint64_t end = (ph.vaddr + ph.memsz + kPage - 1) & ~(kPage - 1);
      if (start < lo) lo = start;
      if (end > hi) hi = end;
      // AT_PHDR: the segment that holds the program headers' file bytes.
      if (!img.phdr_vaddr && h.phoff >= ph.offset && h.phoff - ph.offset < ph.filesz)
        img.phdr_vaddr = ph.vaddr + (h.phoff - ph.offset);
    } else if (ph.type == kPtInterp) {
      if (ph.filesz < 2 || ph.filesz > kMaxInterpPath || !in_file(ph.offset, ph.filesz, size))
        return bad;
      const char* path = reinterpret_cast<const char*>(img.data + ph.offset);
      if (path[ph.filesz - 1] != '\0' || ktl::str_nlength(path, ph.filesz) != ph.filesz - 1)
        return bad;
      img.interp = path;
    }
  }
  for (unsigned i = 0; i < img.phnum; ++i)
    if (img.phdrs[i].type == kPtPhdr) img.phdr_vaddr = img.phdrs[i].vaddr;
  if (!any_load) return bad;
  img.load_start = lo;
  img.load_end = hi;
  if (h.entry < lo || h.entry >= hi) return bad;
  return img;
}

}  // namespace elf
