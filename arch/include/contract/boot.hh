// contract/boot.hh - what every architecture's boot code hands to kernel_main().
//
// The boot path of each architecture (Multiboot2 on x86_64, the device tree on aarch64)
// reads the firmware's description of the machine and fills one boot::Info. Everything
// after kernel_main() reads the machine only through this struct, so src/ never needs to
// know how the facts were found. Addresses here are physical unless the name says `virt`.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace boot {

enum class MemKind : uint8_t {
  Usable,           // free RAM the kernel may allocate (minus the reservations below)
  Reserved,         // firmware, MMIO holes, anything we must not touch
  AcpiReclaimable,  // RAM holding ACPI tables; usable once the tables are read
  AcpiNvs,          // firmware-owned, never usable
  Bad,              // defective RAM
};

struct MemRange {
  uint64_t base;
  uint64_t size;
  MemKind kind;
};

// A linear framebuffer, when the boot loader set one up (x86_64 Multiboot2).
struct Framebuffer {
  uint64_t phys = 0;
  uint32_t width = 0, height = 0, pitch = 0;  // pitch in bytes
  uint8_t bpp = 0;                             // bits per pixel (32 expected)
  bool text_mode = false;                      // true: EGA text 80x25 at `phys`
};

inline constexpr size_t kMaxMemRanges = 128;
inline constexpr size_t kMaxCpus = 64;
inline constexpr size_t kMaxCmdline = 512;

struct Info {
  const char* arch = "";     // "x86_64" or "aarch64"
  const char* loader = "";   // who booted us: "GRUB 2.06", "QEMU virt (device tree)"
  char cmdline[kMaxCmdline] = {};  // kernel command line, NUL-terminated, copied by boot code

  // The firmware's memory map, raw (overlaps allowed, unsorted). Reservations below
  // are *not* subtracted from it: the physical allocator does that.
  MemRange mem[kMaxMemRanges] = {};
  size_t mem_count = 0;

  // Physical ranges that hold something we still need, to be kept out of the allocator.
  uint64_t kernel_phys_start = 0, kernel_phys_end = 0;  // the whole loaded image
  uint64_t initrd_phys = 0, initrd_size = 0;            // 0 when there is no initrd
  uint64_t boot_data_phys = 0, boot_data_size = 0;      // Multiboot2 info / FDT blob

  // CPUs found by platform discovery (ACPI MADT / device tree), boot CPU first.
  // hwid is the APIC id (x86_64) or the MPIDR affinity value (aarch64).
  uint32_t cpu_count = 0;
  uint64_t cpu_hwid[kMaxCpus] = {};

  Framebuffer fb;
};

}  // namespace boot

// The first arch-independent function. Called once, on the boot CPU, with interrupts
// off, a valid stack, the console working and the kernel mapped at its link address.
[[noreturn]] void kernel_main(boot::Info& info);
