// smp/start.hh - which CPUs have started (smp/start.cc), for the IPI code.
#pragma once

#include <stdint.h>

namespace smp_start {

// True once CPU `index` has finished its arch set-up (the boot CPU always).
bool online(uint32_t index);
// CPUs online, the boot CPU included (1 before start_secondaries).
uint32_t online_count();

}  // namespace smp_start
