// platform/platform.cc - what mmu_init brings up once device registers can be mapped.
//
// The interrupt controllers come first (the timer is one of the local APIC's
// registers), then the clock, which calibrates that timer. Interrupts stay off: the
// kernel turns them on when it has something to take them (the scheduler, a test).
#include "platform.hh"

#include "../apic/irq.hh"
#include "../time/time.hh"

namespace platform {

void init_after_mmu() {
  irq::init_controllers();
  x86_time::init();
}

}  // namespace platform
