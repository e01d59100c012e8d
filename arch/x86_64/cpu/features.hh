// cpu/features.hh - the control-register set-up every CPU runs once.
#pragma once

namespace cpu_features {

// CR0, CR4 and EFER as SeaOS wants them on this CPU (features.cc says what and why).
// Interrupts off, before any user code runs.
void init_cpu();

}  // namespace cpu_features
