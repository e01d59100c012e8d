// kernel/machine.hh - facts about the machine derived from boot::Info.
//
// Kept apart from kernel_main so the arithmetic can be unit-tested on the host.
#pragma once

#include <contract/boot.hh>
#include <stdint.h>

namespace machine {

// Bytes of RAM the firmware lists as usable (overlapping ranges counted once).
uint64_t usable_bytes(const boot::Info& info);

// The installed RAM as a user sees it ("-m 512" -> 512): firmware maps withhold a few
// hundred KiB for themselves (x86 BIOS area, ACPI tables), so the usable total is
// rounded up to a whole 2 MiB.
uint64_t ram_mib(const boot::Info& info);

const char* mem_kind_name(boot::MemKind kind);

}  // namespace machine
