// contract/console.hh - the boot console: a serial port on both architectures.
//
// 16550 UART on x86_64 (plus the framebuffer or VGA text screen as a mirror), PL011 on
// aarch64. Polled, so it works from the first instruction of kernel_main to the last
// line of a panic, with interrupts off and any lock state.
#pragma once

#include <concepts>
#include <stddef.h>

namespace contract {

template <class C>
concept ConsoleOps = requires(const char* s, size_t n) {
  { C::write(s, n) } -> std::same_as<void>;  // blocking; "\n" is sent as "\r\n"
  { C::poll_char() } -> std::same_as<int>;   // one received byte, or -1 if none waiting
};

}  // namespace contract
