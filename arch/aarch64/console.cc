// arch/aarch64/console.cc - the PL011 UART, polled.
//
// Only three registers matter for a polled console: DR (data), FR (flags: transmit FIFO
// full, receive FIFO empty) and CR (enable bits). The firmware (QEMU) leaves the UART
// enabled at a working baud rate, as Linux's earlycon also assumes, so there is no
// baud-rate setup. Registers are reached through the direct map, where the MMIO window
// is Device memory. The base starts at QEMU virt's fixed address (usable from the first
// line of C++) and is switched to the device tree's address by boot.cc, then to its
// mapping in the MMIO window by mmu_init (the final direct map holds RAM only).
#include <arch/console.hh>
#include <arch/cpu.hh>
#include <arch/layout.hh>

namespace {

constexpr uint64_t kQemuVirtPl011 = 0x09000000;
constexpr uintptr_t kDataRegister = 0x00;  // UARTDR
constexpr uintptr_t kFlagRegister = 0x18;  // UARTFR
constexpr uintptr_t kControlRegister = 0x30;  // UARTCR
constexpr uint32_t kFlagTxFull = 1u << 5;
constexpr uint32_t kFlagRxEmpty = 1u << 4;
constexpr uint32_t kControlEnable = 1u << 0 | 1u << 8 | 1u << 9;  // UARTEN, TXE, RXE

// Virtual address of the UART registers (a constant, so usable before constructors run).
uintptr_t uart_base = arch::phys_to_virt(kQemuVirtPl011);

volatile uint32_t& reg(uintptr_t offset) {
  return *reinterpret_cast<volatile uint32_t*>(uart_base + offset);
}

void put(char c) {
  while (reg(kFlagRegister) & kFlagTxFull) arch::Cpu::relax();
  reg(kDataRegister) = static_cast<uint8_t>(c);
}

}  // namespace

namespace arch {

void Console::write(const char* s, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (s[i] == '\n') put('\r');
    put(s[i]);
  }
}

int Console::poll_char() {
  if (reg(kFlagRegister) & kFlagRxEmpty) return -1;
  return static_cast<int>(reg(kDataRegister) & 0xff);
}

void Console::remap(uintptr_t virt) { uart_base = virt; }

void Console::use_pl011(uint64_t phys) {
  uart_base = phys_to_virt(phys);
  if ((reg(kControlRegister) & kControlEnable) != kControlEnable)
    reg(kControlRegister) = reg(kControlRegister) | kControlEnable;
}

}  // namespace arch
