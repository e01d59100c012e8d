// kernel/monitor.hh - the kernel monitor: a tiny command line on the console.
//
// Until there is a user-space shell, the console talks to the monitor: `help` lists
// its commands (machine facts, memory map, backtrace, a deliberate fault, power off).
#pragma once

#include <contract/boot.hh>

namespace monitor {

[[noreturn]] void run(const boot::Info& info);

}  // namespace monitor
