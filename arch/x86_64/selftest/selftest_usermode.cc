// selftest/selftest_usermode.cc - test=usermode on x86_64: ring 3 and back, without the
// process layer.
//
// A page of user code (below, assembled into .rodata and copied to a user page) loads
// the six argument registers, makes a system call with a number nobody has (999), keeps
// the result, then runs into one exception after another:
//   ud2 (#UD -> SIGILL ILL_ILLOPN), int3 (#BP -> SIGTRAP), hlt (privileged: #GP ->
//   SIGSEGV SI_KERNEL), div by zero (#DE -> SIGFPE FPE_INTDIV), and a write to address 0
//   (#PF -> SIGSEGV SEGV_MAPERR at 0).
// This file's handlers stand in for the process layer through user_hooks::Overrides:
// the system call gets -ENOSYS, each exception is recorded and the program resumed
// after the instruction (as a signal handler would), and the last one switches back to
// the test. The kernel side runs on a kernel stack from mm::kernel_stack_alloc that is
// installed as TSS.RSP0 and the syscall stack, as the scheduler will do.
#define SEAOS_ARCH_SELFTEST_IMPL
#include <arch/context.hh>
#include <arch/cpu.hh>
#include <arch/layout.hh>
#include <arch/mmu.hh>
#include <contract/selftest.hh>

#include "../cpu/gdt.hh"
#include "../trap/user_hooks.hh"
#include "check.hh"
#include "mm/kernel_stack.hh"
#include "mm/mm.hh"

extern "C" const char usermode_code_start[], usermode_code_end[];

// The user program. Position-independent; 16-bit immediates keep it short.
__asm__(R"(
  .pushsection .rodata.usermode_code, "a"
  .global usermode_code_start, usermode_code_end
usermode_code_start:
  mov $1, %edi
  mov $2, %esi
  mov $3, %edx
  mov $4, %r10d
  mov $5, %r8d
  mov $6, %r9d
  mov $999, %eax
  syscall
  mov %rax, %rbx          # the result, for the kernel to see at the next exception
  ud2
  int3
  hlt
  xor %ecx, %ecx
  xor %edx, %edx
  mov $1, %eax
  div %ecx
  movq $42, 0
1:
  jmp 1b
usermode_code_end:
  .popsection
)");

namespace {

constexpr uintptr_t kCodeVa = 0x400000, kStackVa = 0x7fff0000;
constexpr uint64_t kPage = 4096;
constexpr uint64_t kEnosys = static_cast<uint64_t>(-38);
constexpr int kSigIll = 4, kSigTrap = 5, kSigFpe = 8, kSigSegv = 11;

struct Event {
  int signal, code;
  uintptr_t address, rip;
};

struct Seen {
  uint64_t number = 0, args[6] = {}, syscall_cs = 0, syscall_rip = 0;
  int syscalls = 0, returns = 0, page_faults = 0;
  uint64_t rbx_after_syscall = 0;
  Event events[8] = {};
  int count = 0;
};

Seen seen;  // written by the handlers below, on the boot CPU, while the test waits
arch::ThreadContext test_context, user_context, abandoned;
arch::TrapFrame first_frame;

void on_syscall(arch::TrapFrame& f) {
  ++seen.syscalls;
  seen.number = arch::SyscallAbi::number(f);
  for (unsigned i = 0; i < 6; ++i) seen.args[i] = arch::SyscallAbi::arg(f, i);
  seen.syscall_cs = f.cs;
  seen.syscall_rip = f.rip;
  arch::SyscallAbi::set_result(f, kEnosys);
}

trap::FaultResult on_page_fault(const trap::PageFault&) {
  ++seen.page_faults;
  return trap::FaultResult::Unhandled;
}

// Records the signal; resumes the program after the faulting instruction, except for
// the last one, which ends the program: back to the test, for good.
void on_user_exception(arch::TrapFrame& f, int signal, int code, uintptr_t address) {
  if (seen.count < 8) seen.events[seen.count++] = Event{signal, code, address, f.rip};
  if (seen.count == 1) seen.rbx_after_syscall = f.rbx;
  if (signal == kSigSegv && code == 1) arch::Context::switch_to(&abandoned, &test_context);
  if (signal == kSigIll || signal == kSigFpe) f.rip += 2;  // ud2, div %ecx
  else if (signal == kSigSegv) f.rip += 1;                 // hlt
}

void on_return(arch::TrapFrame&) { ++seen.returns; }

const user_hooks::Overrides kHooks{on_syscall, on_page_fault, on_user_exception, on_return,
                                   nullptr};

// The first (and only) kernel code on the test's kernel stack: off to ring 3.
void enter_user(void*) {
  arch::Context::return_to_user(&first_frame);
}

bool check_events() {
  bool ok = true;
  const Event want[] = {{kSigIll, 2, 0, 0}, {kSigTrap, 0x80, 0, 0}, {kSigSegv, 0x80, 0, 0},
                        {kSigFpe, 1, 0, 0}, {kSigSegv, 1, 0, 0}};
  SELFTEST_CHECK(ok, seen.count == 5);
  for (int i = 0; i < 5 && i < seen.count; ++i) {
    const Event& e = seen.events[i];
    printk("usermode: signal %d code %#x address %#lx at rip %#lx\n", e.signal, e.code,
           static_cast<unsigned long>(e.address), static_cast<unsigned long>(e.rip));
    SELFTEST_CHECK(ok, e.signal == want[i].signal && e.code == want[i].code);
    SELFTEST_CHECK(ok, e.rip >= kCodeVa && e.rip < kCodeVa + kPage);
  }
  if (seen.count == 5) SELFTEST_CHECK(ok, seen.events[4].address == 0);
  return ok;
}

}  // namespace

namespace arch_selftest {

bool usermode() {
  bool ok = true;
  size_t code_size = static_cast<size_t>(usermode_code_end - usermode_code_start);
  auto table = arch::PageTable::create_user();
  auto code = mm::page_alloc_zeroed();
  auto stack = mm::page_alloc_zeroed();
  auto kstack = mm::kernel_stack_alloc();
  if (table.is_error() || code.is_error() || stack.is_error() || kstack.is_error()) {
    printk("usermode: no memory for the test (or no page tables)\n");
    return false;
  }
  __builtin_memcpy(arch::phys_to_ptr<char>(code.value()), usermode_code_start, code_size);
  arch::PageTable& user = *table.value();
  uint32_t user_rx = contract::kProtRead | contract::kProtExec | contract::kProtUser;
  uint32_t user_rw = contract::kProtRead | contract::kProtWrite | contract::kProtUser;
  SELFTEST_CHECK(ok, user.map(kCodeVa, code.value(), kPage, user_rx).is_ok());
  SELFTEST_CHECK(ok, user.map(kStackVa, stack.value(), kPage, user_rw).is_ok());

  seen = Seen{};
  arch::SyscallAbi::init_user(first_frame, kCodeVa, kStackVa + kPage);
  uintptr_t flags = arch::Cpu::irq_save();
  user_hooks::overrides = &kHooks;
  user.activate();
  arch::Context::set_kernel_stack(kstack.value().top);
  arch::Context::init_kernel_thread(&user_context, kstack.value().top, enter_user, nullptr);
  arch::Context::switch_to(&test_context, &user_context);  // back after the last fault
  arch::Cpu::irq_disable();
  arch::Context::set_kernel_stack(gdt::fallback_kernel_stack_top());
  arch::PageTable::kernel().activate();
  user_hooks::overrides = nullptr;
  arch::Cpu::irq_restore(flags);

  printk("usermode: system call %lu (%lu %lu %lu %lu %lu %lu) from cs %#lx, rip %#lx; "
         "the program saw %ld\n",
         static_cast<unsigned long>(seen.number), static_cast<unsigned long>(seen.args[0]),
         static_cast<unsigned long>(seen.args[1]), static_cast<unsigned long>(seen.args[2]),
         static_cast<unsigned long>(seen.args[3]), static_cast<unsigned long>(seen.args[4]),
         static_cast<unsigned long>(seen.args[5]), static_cast<unsigned long>(seen.syscall_cs),
         static_cast<unsigned long>(seen.syscall_rip),
         static_cast<long>(seen.rbx_after_syscall));
  SELFTEST_CHECK(ok, seen.syscalls == 1 && seen.number == 999);
  for (unsigned i = 0; i < 6; ++i) SELFTEST_CHECK(ok, seen.args[i] == i + 1);
  SELFTEST_CHECK(ok, seen.syscall_cs == arch::kUserCodeSelector);
  SELFTEST_CHECK(ok, seen.rbx_after_syscall == kEnosys);
  SELFTEST_CHECK(ok, seen.page_faults == 1);
  SELFTEST_CHECK(ok, seen.returns == 6);  // the first entry, the syscall, 4 resumed signals
  ok = check_events() && ok;

  arch::PageTable::destroy(&user);
  mm::page_free(code.value());
  mm::page_free(stack.value());
  mm::kernel_stack_free(kstack.value());
  return ok;
}

}  // namespace arch_selftest
