// fs/kernel_hooks.hh - the process layer's side of fs/hooks.hh, in the kernel.
//
// install_kernel_hooks() points fs at proc's wait queues, signals and the arch timer
// (fs/kernel_hooks.cc). Until it is called fs keeps its never-blocking defaults.
#pragma once

namespace fs {

void install_kernel_hooks();

}  // namespace fs
