// arch/aarch64/selftest_usermode.cc - test=usermode: EL0 and back, without a process layer.
//
// The test builds a tiny address space (code at 0x400000, a flag page at 0x401000, a
// stack page below 0x800000), starts a kernel thread on a kernel stack
// (mm::kernel_stack_alloc) that keeps room for a TrapFrame at its top, and from that
// thread enters EL0 with Context::return_to_user.
// The user program (usermode_program.S) makes a system call, waits for a timer
// interrupt taken from EL0, and writes to address 0. The handlers below stand in for
// the process layer (user_hooks::Overrides): the system call is restarted once through
// SyscallAbi::restart and then answered with -ENOSYS; the fault must arrive as a
// PageFault (user, write, not present) and then as SIGSEGV/SEGV_MAPERR at address 0,
// with the user's registers intact (x0 = the syscall result, x2 = TPIDR_EL0, d1 = x0,
// sp). The SIGSEGV handler also puts the user's registers through a signal frame and
// back (SignalFrame::build, restore) and switches back to the test's own context,
// never returning to the program; the test checks what was recorded.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <arch/signal.hh>
#include <contract/selftest.hh>

#include "lib/string.hh"
#include "mm/kernel_stack.hh"
#include "mm/mm.hh"
#include "selftest_support.hh"
#include "timer_internal.hh"
#include "user_hooks.hh"

extern "C" const char usermode_program[], usermode_program_end[];

namespace {

constexpr uint64_t kPage = 4096;
constexpr uintptr_t kCodeVa = 0x400000, kFlagVa = 0x401000, kStackVa = 0x7ff000;
constexpr uint64_t kBadSyscall = 0x7fff, kArg = 0x1111, kTls = 0x7e57;
constexpr uint64_t kEnosys = static_cast<uint64_t>(-38);

struct Record {
  arch::ThreadContext test, user;  // the test's context; the user thread's
  uintptr_t stack_top = 0;
  arch::PageTable* table = nullptr;
  uint64_t flag_phys = 0;
  unsigned syscalls = 0, returns = 0, irq_returns = 0, ticks = 0;
  uint64_t numbers[2] = {}, args[2] = {};
  trap::PageFault fault{};
  bool fault_seen = false;
  int signal = 0, code = 0;
  uintptr_t address = ~0ull;
  uint64_t x0 = 0, x2 = 0, sp = 0, d1 = 0;
  arch::FpuState fpu;
  bool signal_frame_ok = false;
};
Record record;  // one test at a time, on the boot CPU
alignas(16) uint8_t signal_frame[arch::SignalFrame::kFrameSize];

// The faulting registers into a signal frame image and back: nothing may change.
bool signal_frame_round_trip(const arch::TrapFrame& f, const arch::FpuState& fpu) {
  uint8_t info[128] = {11};
  contract::SignalFrameRequest req{11, 0x400100, 0x400200, 0x1234, info, 0, 0, 2};
  uintptr_t addr = arch::SignalFrame::frame_address(f, 0);
  if (addr % 16 || addr + arch::SignalFrame::kFrameSize > f.sp) return false;
  arch::SignalFrame::build(signal_frame, addr, f, fpu, req);
  arch::TrapFrame handler = f;
  arch::SignalFrame::enter_handler(handler, addr, req);
  if (handler.elr != 0x400100 || handler.x[30] != 0x400200 || handler.x[0] != 11 ||
      handler.sp != addr || arch::SignalFrame::sigreturn_address(handler) != addr)
    return false;
  arch::TrapFrame back = handler;
  arch::FpuState fpu_back{};
  uint64_t mask = 0;
  if (!arch::SignalFrame::restore(back, fpu_back, signal_frame, &mask) || mask != 0x1234)
    return false;
  for (int i = 0; i < 31; ++i)
    if (back.x[i] != f.x[i]) return false;
  return back.sp == f.sp && back.elr == f.elr && back.spsr == f.spsr && fpu_back.v[2] == fpu.v[2] &&
         fpu_back.fpcr == fpu.fpcr;
}

void on_syscall(arch::TrapFrame& f) {
  unsigned n = record.syscalls++;
  if (n < 2) {
    record.numbers[n] = arch::SyscallAbi::number(f);
    record.args[n] = arch::SyscallAbi::arg(f, 0);
  }
  if (n == 0) {  // clobber x0, then ask for the call again: x0 must come back
    arch::SyscallAbi::set_result(f, 5);
    arch::SyscallAbi::restart(f);
  } else {
    arch::SyscallAbi::set_result(f, kEnosys);
  }
}

trap::FaultResult on_page_fault(const trap::PageFault& fault) {
  record.fault = fault;
  record.fault_seen = true;
  return trap::FaultResult::Unhandled;
}

void on_user_exception(arch::TrapFrame& f, int signal, int code, uintptr_t address) {
  record.signal = signal;
  record.code = code;
  record.address = address;
  record.x0 = f.x[0];
  record.x2 = f.x[2];
  record.sp = f.sp;
  arch::Context::fpu_save(&record.fpu);
  record.d1 = record.fpu.v[2];  // V1, low 64 bits
  record.signal_frame_ok = signal_frame_round_trip(f, record.fpu);
  arch::Context::switch_to(&record.user, &record.test);  // the program ends here
}

// The program's spin loop ends once an interrupt has been taken from EL0 and returned
// there, after at least 3 ticks. (Setting the flag from the tick itself let the test fail
// when a stalled host delivered the first ticks back to back before the program ran.)
void on_return(arch::TrapFrame& f) {
  ++record.returns;
  if (f.vector != 9) return;
  ++record.irq_returns;
  if (record.ticks >= 3) *arch::phys_to_ptr<volatile uint64_t>(record.flag_phys) = 1;
}

void on_tick() { ++record.ticks; }

constexpr user_hooks::Overrides kOverrides = {on_syscall, on_page_fault, on_user_exception,
                                              on_return};

void user_thread(void*) {
  arch::Context::set_kernel_stack(record.stack_top);
  record.table->activate();
  arch::Context::set_user_tls(kTls);
  arch::FpuState fresh;
  arch::Context::fpu_init(&fresh);
  arch::Context::fpu_restore(&fresh);
  auto* frame = reinterpret_cast<arch::TrapFrame*>(record.stack_top) - 1;
  arch::SyscallAbi::init_user(*frame, kCodeVa, kStackVa + kPage);
  arch::Context::return_to_user(frame);
}

// The user pages: code (R+X), the flag (RW), the stack (RW). Returns their frames.
ktl::Result<void> build_space(arch::PageTable& t, uint64_t pages[3]) {
  for (int i = 0; i < 3; ++i) pages[i] = TRY(mm::page_alloc_zeroed());
  size_t size = static_cast<size_t>(usermode_program_end - usermode_program);
  memcpy(arch::phys_to_ptr<void>(pages[0]), usermode_program, size);
  selftest_support::sync_icache(arch::phys_to_virt(pages[0]), size);
  uint32_t user = contract::kProtUser | contract::kProtRead;
  TRY(t.map(kCodeVa, pages[0], kPage, user | contract::kProtExec));
  TRY(t.map(kFlagVa, pages[1], kPage, user | contract::kProtWrite));
  TRY(t.map(kStackVa, pages[2], kPage, user | contract::kProtWrite));
  return {};
}

bool check(const Record& r) {
  bool ok = true;
  SELFTEST_CHECK(ok, r.syscalls == 2);
  SELFTEST_CHECK(ok, r.numbers[0] == kBadSyscall && r.numbers[1] == kBadSyscall);
  SELFTEST_CHECK(ok, r.args[0] == kArg && r.args[1] == kArg);  // restart restored x0
  SELFTEST_CHECK(ok, r.fault_seen && r.fault.user && r.fault.address == 0);
  SELFTEST_CHECK(ok, r.fault.access == trap::Access::Write && !r.fault.present);
  SELFTEST_CHECK(ok, r.signal == 11 && r.code == 1 && r.address == 0);  // SIGSEGV, MAPERR
  SELFTEST_CHECK(ok, r.x0 == kEnosys && r.x2 == kTls && r.d1 == kEnosys);
  SELFTEST_CHECK(ok, r.sp == kStackVa + kPage);
  SELFTEST_CHECK(ok, r.irq_returns >= 1 && r.returns >= 3);
  SELFTEST_CHECK(ok, r.signal_frame_ok);
  return ok;
}

}  // namespace

namespace arch_selftest {

bool usermode() {
  record = Record{};
  auto table = arch::PageTable::create_user();
  auto stack = mm::kernel_stack_alloc();
  uint64_t pages[3] = {};
  if (table.is_error() || stack.is_error() || build_space(*table.value(), pages).is_error()) {
    printk("usermode: no memory to set the test up\n");
    return false;
  }
  record.table = table.value();
  record.flag_phys = pages[1];
  record.stack_top = stack.value().top;
  user_hooks::overrides = &kOverrides;
  arch::timer_set_tick_override(on_tick);
  arch::Timer::start_tick(1000);
  // The thread's own frames start below the TrapFrame slot at the top of its stack.
  arch::Context::init_kernel_thread(&record.user, record.stack_top - sizeof(arch::TrapFrame),
                                    user_thread, nullptr);
  arch::Context::switch_to(&record.test, &record.user);  // back from on_user_exception

  arch::Cpu::irq_disable();
  arch::timer_stop_tick();
  arch::timer_set_tick_override(nullptr);
  user_hooks::overrides = nullptr;
  arch::Context::set_kernel_stack(0);
  arch::PageTable::kernel().activate();
  arch::PageTable::destroy(record.table);
  for (uint64_t page : pages) mm::page_free(page);
  mm::kernel_stack_free(stack.value());
  printk(
      "usermode: %u system calls (number %#lx), fault at %#lx -> signal %d code %d, "
      "%u returns to EL0 (%u after an IRQ), x0 %#lx, TPIDR_EL0 %#lx\n",
      record.syscalls, static_cast<unsigned long>(record.numbers[0]),
      static_cast<unsigned long>(record.fault.address), record.signal, record.code, record.returns,
      record.irq_returns, static_cast<unsigned long>(record.x0),
      static_cast<unsigned long>(record.x2));
  return check(record);
}

}  // namespace arch_selftest
