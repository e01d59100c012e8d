// platform/platform.hh - the x86_64 set-up that needs the final kernel map.
#pragma once

namespace platform {

// After mmu_init's map is in place (or it gave up and the boot map stays): the legacy
// PICs masked, the local APIC and the I/O APICs mapped in the MMIO window, the TSC and
// the APIC timer calibrated, the RTC read. Boot CPU, interrupts off.
void init_after_mmu();

}  // namespace platform
