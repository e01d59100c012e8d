// Host tests of kernel/machine: RAM size from a firmware memory map.
#include <CppUTest/TestHarness.h>

#include "kernel/machine.hh"

namespace {

void add(boot::Info& info, uint64_t base, uint64_t size, boot::MemKind kind) {
  info.mem[info.mem_count++] = boot::MemRange{base, size, kind};
}

}  // namespace

TEST_GROUP(Machine){};

TEST(Machine, QemuPc512MiB) {
  // The E820 map QEMU's BIOS gives for -m 512.
  static boot::Info info;
  info.mem_count = 0;
  add(info, 0x0, 0x9fc00, boot::MemKind::Usable);
  add(info, 0x9fc00, 0x400, boot::MemKind::Reserved);
  add(info, 0xf0000, 0x10000, boot::MemKind::Reserved);
  add(info, 0x100000, 0x1fee0000, boot::MemKind::Usable);
  add(info, 0x1ffe0000, 0x20000, boot::MemKind::Reserved);
  add(info, 0xfffc0000, 0x40000, boot::MemKind::Reserved);
  UNSIGNED_LONGS_EQUAL(0x9fc00 + 0x1fee0000ull, machine::usable_bytes(info));
  UNSIGNED_LONGS_EQUAL(512, machine::ram_mib(info));
}

TEST(Machine, OverlapsCountedOnce) {
  static boot::Info info;
  info.mem_count = 0;
  add(info, 0x40000000, 0x20000000, boot::MemKind::Usable);
  add(info, 0x50000000, 0x20000000, boot::MemKind::Usable);  // overlaps the first
  add(info, 0x40000000, 0x1000, boot::MemKind::Usable);      // inside the first
  add(info, 0x80000000, 0x1000, boot::MemKind::Reserved);
  UNSIGNED_LONGS_EQUAL(0x30000000ull, machine::usable_bytes(info));
  UNSIGNED_LONGS_EQUAL(768, machine::ram_mib(info));
}

TEST(Machine, AboveFourGiB) {
  static boot::Info info;
  info.mem_count = 0;
  add(info, 0x100000000ull, 0x180000000ull, boot::MemKind::Usable);
  add(info, 0x100000, 0x7ff00000, boot::MemKind::Usable);
  UNSIGNED_LONGS_EQUAL(8192, machine::ram_mib(info));
}

TEST(Machine, KindNames) {
  STRCMP_EQUAL("usable", machine::mem_kind_name(boot::MemKind::Usable));
  STRCMP_EQUAL("ACPI NVS", machine::mem_kind_name(boot::MemKind::AcpiNvs));
}
