// console/serial.cc - COM1, the console every test reads.
//
// The 16550 is programmed once, by port I/O, and then only polled: the line status
// register says when the transmitter can take a byte (THR empty) and when a received
// byte is waiting (data ready). No interrupts, so it works in a panic with IF off.
//
// A missing UART reads back 0xff from every register, which looks like "transmitter
// empty" and "data ready". init() detects that with the scratch register and turns the
// port off, so a machine without COM1 does not flood poll_char() with 0xff bytes.
#include "serial.hh"

#include "../cpu/x86.hh"

namespace serial {
namespace {

constexpr uint16_t kCom1 = 0x3f8;
// Register offsets from the base port (DLAB = 0 unless noted).
constexpr uint16_t kData = 0;         // THR on write, RBR on read; divisor low with DLAB
constexpr uint16_t kIrqEnable = 1;    // divisor high with DLAB
constexpr uint16_t kFifoControl = 2;
constexpr uint16_t kLineControl = 3;
constexpr uint16_t kModemControl = 4;
constexpr uint16_t kLineStatus = 5;
constexpr uint16_t kScratch = 7;

constexpr uint8_t kLineDlab = 0x80;
constexpr uint8_t kLine8N1 = 0x03;
constexpr uint8_t kStatusDataReady = 0x01;
constexpr uint8_t kStatusThrEmpty = 0x20;

// A real 16550 at 115200 baud drains a byte in ~87 us; emulators at once. The bound only
// keeps a wedged UART from hanging the kernel.
constexpr int kMaxSpins = 1 << 20;

constinit bool present = true;  // assumed until init() looks, so early output is tried

}  // namespace

void init() {
  x86::outb(kCom1 + kScratch, 0x5a);
  if (x86::inb(kCom1 + kScratch) != 0x5a) {
    present = false;
    return;
  }
  x86::outb(kCom1 + kIrqEnable, 0x00);
  x86::outb(kCom1 + kLineControl, kLineDlab);
  x86::outb(kCom1 + kData, 1);  // divisor 1: 115200 baud
  x86::outb(kCom1 + kIrqEnable, 0);
  x86::outb(kCom1 + kLineControl, kLine8N1);
  x86::outb(kCom1 + kFifoControl, 0xc7);   // enable and clear FIFOs, 14-byte threshold
  x86::outb(kCom1 + kModemControl, 0x03);  // DTR + RTS; OUT2 clear: no IRQ line
  present = true;
}

void put(char c) {
  if (!present) return;
  for (int i = 0; i < kMaxSpins && !(x86::inb(kCom1 + kLineStatus) & kStatusThrEmpty); ++i)
    __asm__ volatile("pause");
  x86::outb(kCom1 + kData, static_cast<uint8_t>(c));
}

int get() {
  if (!present || !(x86::inb(kCom1 + kLineStatus) & kStatusDataReady)) return -1;
  return x86::inb(kCom1 + kData);
}

}  // namespace serial
