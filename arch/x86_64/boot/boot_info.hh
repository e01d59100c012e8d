// boot/boot_info.hh - the boot::Info that x86_boot_main filled, for the arch's own later
// set-up (mmu_init needs the memory map and the framebuffer again). Read-only after boot.
#pragma once

#include <contract/boot.hh>

namespace x86_boot {

extern boot::Info boot_info;

}  // namespace x86_boot
