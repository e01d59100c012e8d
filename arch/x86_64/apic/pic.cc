// apic/pic.cc - the two cascaded 8259 PICs of the PC/AT, retired.
//
// At power-on the BIOS leaves the master PIC delivering IRQ 0-7 on vectors 8-15, which
// are CPU exceptions in protected mode: the timer's IRQ 0 would look like a double
// fault. Even masked, a PIC can raise a spurious IRQ 7 or 15. So before interrupts are
// enabled we run the initialisation sequence (ICW1-4) once to move both PICs to
// 0x20-0x2f, and mask all sixteen inputs; from then on the I/O APIC carries device
// interrupts and anything arriving at 0x20-0x2f is ignored (apic/irq.cc).
#include "pic.hh"

#include "../cpu/x86.hh"
#include "vectors.hh"

namespace pic {
namespace {

constexpr uint16_t kMasterCommand = 0x20, kMasterData = 0x21;
constexpr uint16_t kSlaveCommand = 0xa0, kSlaveData = 0xa1;
constexpr uint8_t kIcw1Init = 0x11;  // initialise, ICW4 follows, cascade, edge triggered
constexpr uint8_t kIcw4x86 = 0x01;   // 8086 mode

// Port 0x80 is the POST-code port: writing it takes ~1 us, the delay old PICs need.
void io_wait() { x86::outb(0x80, 0); }

}  // namespace

void disable() {
  x86::outb(kMasterCommand, kIcw1Init), io_wait();
  x86::outb(kSlaveCommand, kIcw1Init), io_wait();
  x86::outb(kMasterData, vectors::kPicBase), io_wait();      // ICW2: vector base
  x86::outb(kSlaveData, vectors::kPicBase + 8), io_wait();
  x86::outb(kMasterData, 1 << 2), io_wait();                 // ICW3: slave on IRQ 2
  x86::outb(kSlaveData, 2), io_wait();                       //       slave's cascade id
  x86::outb(kMasterData, kIcw4x86), io_wait();
  x86::outb(kSlaveData, kIcw4x86), io_wait();
  x86::outb(kMasterData, 0xff);  // mask everything
  x86::outb(kSlaveData, 0xff);
}

}  // namespace pic
