// boot/multiboot2.cc - the Multiboot2 information: a list of tagged records.
//
// GRUB hands over one block: total size (u32), reserved (u32), then tags, each
// starting 8-byte aligned with {u32 type, u32 size} and ending with a tag of type 0.
// We copy out what boot::Info needs; the block itself stays reserved (boot_data_*) so
// later code may look again. Formats from the Multiboot2 specification, section 3.6.
//
// The memory map keeps the firmware's (E820) types: 1 usable, 3 ACPI reclaimable,
// 4 ACPI NVS, 5 bad, anything else reserved. Tags are read through the direct map with
// memcpy-style loads, because the spec guarantees no alignment inside a tag.
#include "multiboot2.hh"

#include <arch/layout.hh>

#include "lib/string.hh"

namespace multiboot2 {
namespace {

enum TagType : uint32_t {
  kTagEnd = 0,
  kTagCmdline = 1,
  kTagLoaderName = 2,
  kTagModule = 3,
  kTagMemoryMap = 6,
  kTagFramebuffer = 8,
  kTagAcpiOldRsdp = 14,
  kTagAcpiNewRsdp = 15,
};

constexpr uint8_t kFramebufferEgaText = 2;
constexpr size_t kMaxLoaderName = 64;
constinit char loader_name[kMaxLoaderName] = {};

template <class T>
T read(const uint8_t* p) {
  T value;
  memcpy(&value, p, sizeof value);
  return value;
}

boot::MemKind kind_of(uint32_t e820_type) {
  switch (e820_type) {
    case 1: return boot::MemKind::Usable;
    case 3: return boot::MemKind::AcpiReclaimable;
    case 4: return boot::MemKind::AcpiNvs;
    case 5: return boot::MemKind::Bad;
    default: return boot::MemKind::Reserved;
  }
}

// Tag 6: u32 entry_size, u32 entry_version, then entries {u64 base, u64 length,
// u32 type, u32 reserved}; entry_size may grow in later versions, so step by it.
void read_memory_map(const uint8_t* tag, uint32_t size, boot::Info& info) {
  uint32_t entry_size = read<uint32_t>(tag + 8);
  if (entry_size < 20) return;
  for (uint32_t off = 16; off + entry_size <= size; off += entry_size) {
    if (info.mem_count == boot::kMaxMemRanges) break;
    const uint8_t* e = tag + off;
    info.mem[info.mem_count++] = {read<uint64_t>(e), read<uint64_t>(e + 8),
                                  kind_of(read<uint32_t>(e + 16))};
  }
}

// Tag 8: u64 address, u32 pitch, u32 width, u32 height, u8 bpp, u8 type. In EGA text
// mode width and height count characters.
void read_framebuffer(const uint8_t* tag, boot::Info& info) {
  info.fb.phys = read<uint64_t>(tag + 8);
  info.fb.pitch = read<uint32_t>(tag + 16);
  info.fb.width = read<uint32_t>(tag + 20);
  info.fb.height = read<uint32_t>(tag + 24);
  info.fb.bpp = tag[28];
  info.fb.text_mode = tag[29] == kFramebufferEgaText;
}

}  // namespace

uint64_t parse(uint64_t mbi_phys, boot::Info& info) {
  const uint8_t* mbi = arch::phys_to_ptr<const uint8_t>(mbi_phys);
  uint32_t total = read<uint32_t>(mbi);
  info.boot_data_phys = mbi_phys;
  info.boot_data_size = total;
  uint64_t new_rsdp = 0, old_rsdp = 0;

  for (uint32_t off = 8; off + 8 <= total;) {
    const uint8_t* tag = mbi + off;
    uint32_t type = read<uint32_t>(tag), size = read<uint32_t>(tag + 4);
    if (type == kTagEnd || size < 8) break;
    const char* text = reinterpret_cast<const char*>(tag + 8);
    switch (type) {
      case kTagCmdline: ktl::str_copy(info.cmdline, text, sizeof info.cmdline); break;
      case kTagLoaderName:
        ktl::str_copy(loader_name, text, sizeof loader_name);
        info.loader = loader_name;
        break;
      case kTagModule:  // u32 start, u32 end, string; the first module is the initrd
        if (info.initrd_size == 0) {
          info.initrd_phys = read<uint32_t>(tag + 8);
          info.initrd_size = read<uint32_t>(tag + 12) - info.initrd_phys;
        }
        break;
      case kTagMemoryMap: read_memory_map(tag, size, info); break;
      case kTagFramebuffer: read_framebuffer(tag, info); break;
      case kTagAcpiOldRsdp: old_rsdp = mbi_phys + off + 8; break;
      case kTagAcpiNewRsdp: new_rsdp = mbi_phys + off + 8; break;
      default: break;
    }
    off += (size + 7) & ~7u;
  }
  return new_rsdp ? new_rsdp : old_rsdp;
}

}  // namespace multiboot2
