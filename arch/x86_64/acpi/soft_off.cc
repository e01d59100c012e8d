// acpi/soft_off.cc - powering the machine off through ACPI (sleep state S5).
//
// Turning the power off is writing SLP_TYP (which sleep state) with SLP_EN to the PM1
// control register(s), whose I/O ports the FADT ("FACP") names. The S5 value of SLP_TYP
// is chipset-specific and only stated in AML, the DSDT's \_S5 object:
//     Name (_S5, Package () { SLP_TYPa, SLP_TYPb, ... })
// which compiles to  "_S5_" PackageOp(0x12) PkgLength NumElements elements..., each a
// BytePrefix(0x0a) byte, or ZeroOp(0x00) / OneOp(0x01). Instead of an AML interpreter
// we look for that byte pattern, the usual shortcut for a teaching kernel: it works on
// QEMU, Bochs and most PCs.
//
// Power::exit() tries this only after QEMU's isa-debug-exit, so under the test runner it
// never runs. Machines that boot with ACPI disabled (SCI_EN clear, usually on real
// hardware) would first need the SMI_CMD handshake; that is not done here.
#include "acpi.hh"
#include "tables.hh"

#include <arch/layout.hh>

#include "../cpu/x86.hh"

namespace acpi {
namespace {

// FADT field offsets (ACPI 5.2.9).
constexpr uint32_t kFadtDsdt = 40, kFadtPm1aControl = 64, kFadtPm1bControl = 68;
constexpr uint32_t kFadtXDsdt = 140;

constexpr uint8_t kPackageOp = 0x12, kBytePrefix = 0x0a, kOneOp = 0x01;
constexpr uint16_t kSleepEnable = 1 << 13;

struct SoftOff {
  uint16_t pm1a_control = 0, pm1b_control = 0;
  uint8_t sleep_type_a = 0, sleep_type_b = 0;
  bool known = false;
};
constinit SoftOff soft_off;

// Reads one AML integer element at p (BytePrefix, ZeroOp or OneOp); advances p.
bool read_small_integer(const uint8_t*& p, const uint8_t* end, uint8_t* value) {
  if (p >= end) return false;
  if (*p == kBytePrefix && p + 1 < end) {
    *value = p[1];
    p += 2;
    return true;
  }
  if (*p <= kOneOp) {
    *value = *p++;
    return true;
  }
  return false;
}

// Finds \_S5 in the DSDT's AML and reads its first two elements.
bool read_s5(const uint8_t* dsdt) {
  uint32_t length = field<uint32_t>(dsdt + 4);
  const uint8_t* end = dsdt + length;
  for (const uint8_t* p = dsdt + kHeaderSize; p + 8 < end; ++p) {
    if (__builtin_memcmp(p, "_S5_", 4) != 0 || p[4] != kPackageOp) continue;
    const uint8_t* q = p + 5;
    q += 1 + (*q >> 6);  // PkgLength: bits 7-6 of the lead byte = extra length bytes
    ++q;                 // NumElements
    return read_small_integer(q, end, &soft_off.sleep_type_a) &&
           read_small_integer(q, end, &soft_off.sleep_type_b);
  }
  return false;
}

}  // namespace

void read_fadt(const uint8_t* fadt) {
  uint32_t length = field<uint32_t>(fadt + 4);
  soft_off.pm1a_control = static_cast<uint16_t>(field<uint32_t>(fadt + kFadtPm1aControl));
  soft_off.pm1b_control = static_cast<uint16_t>(field<uint32_t>(fadt + kFadtPm1bControl));
  uint64_t dsdt_phys = length >= kFadtXDsdt + 8 ? field<uint64_t>(fadt + kFadtXDsdt) : 0;
  if (!dsdt_phys) dsdt_phys = field<uint32_t>(fadt + kFadtDsdt);
  if (!dsdt_phys || !soft_off.pm1a_control) return;
  const uint8_t* dsdt = arch::phys_to_ptr<const uint8_t>(dsdt_phys);
  if (__builtin_memcmp(dsdt, "DSDT", 4) != 0) return;
  soft_off.known = read_s5(dsdt);
}

void power_off() {
  if (!soft_off.known) return;
  x86::outw(soft_off.pm1a_control, static_cast<uint16_t>(soft_off.sleep_type_a << 10) | kSleepEnable);
  if (soft_off.pm1b_control)
    x86::outw(soft_off.pm1b_control, static_cast<uint16_t>(soft_off.sleep_type_b << 10) | kSleepEnable);
  // Power may take a moment to fall; the caller halts afterwards.
}

}  // namespace acpi
