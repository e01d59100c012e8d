// context/signal_frame.cc - building and reading the x86_64 signal frame image.
//
// The layouts below are Linux's uapi structs (asm/sigcontext.h, asm/ucontext.h), so
// musl, glibc and any debugger read them as on Linux. The kernel never writes user
// memory here: src/proc copies the image to and from the user stack.
#include <arch/signal.hh>

#include "../cpu/regs.hh"

namespace arch {
namespace {

struct SigContext {  // struct sigcontext (64-bit), 256 bytes
  uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
  uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip;
  uint64_t eflags;
  uint16_t cs, gs, fs, ss;
  uint64_t err, trapno, oldmask, cr2;
  uint64_t fpstate;  // user address of the FXSAVE image, 0 for none
  uint64_t reserved[8];
};
static_assert(sizeof(SigContext) == 256);

struct UContext {  // struct ucontext as the kernel writes it
  uint64_t flags;
  uint64_t link;
  uint64_t stack_sp;
  int32_t stack_flags, stack_pad;
  uint64_t stack_size;
  SigContext mcontext;
  uint64_t sigmask;
};
static_assert(sizeof(UContext) == 304);

struct Frame {  // struct rt_sigframe
  uint64_t pretcode;
  UContext uc;
  uint8_t info[128];
};
static_assert(sizeof(Frame) == 440 && offsetof(Frame, info) == 312);
static_assert(SignalFrame::kFpuOffset >= sizeof(Frame) && SignalFrame::kFpuOffset % 16 == 8);
static_assert(SignalFrame::kFrameSize >= SignalFrame::kFpuOffset + sizeof(FpuState) &&
              SignalFrame::kFrameSize % 16 == 0);

constexpr uint64_t kRedZone = 128;  // the x86_64 ABI lets leaf functions use it below RSP
// RFLAGS bits rt_sigreturn takes from the frame (Linux's FIX_EFLAGS): arithmetic flags,
// TF, DF, RF, AC, ID; the rest (IF, IOPL, NT, VM...) stay as the kernel wants them.
constexpr uint64_t kUserFlags = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x800 | x86::kRflagsTf |
                                x86::kRflagsDf | x86::kRflagsRf | x86::kRflagsAc | x86::kRflagsId;

void copy_bytes(void* dst, const void* src, size_t n) { __builtin_memcpy(dst, src, n); }

}  // namespace

uintptr_t SignalFrame::frame_address(const TrapFrame& f, uintptr_t stack_top) {
  uintptr_t top = stack_top ? stack_top : f.rsp - kRedZone;
  // Placed so that addr + 8 is 16-byte aligned, as RSP is at a function's first
  // instruction; that makes addr + kFpuOffset 16-byte aligned for FXRSTOR too.
  return ((top - kFrameSize) & ~uintptr_t{15}) - 8;
}

void SignalFrame::build(void* buf, uintptr_t addr, const TrapFrame& f, const FpuState& fpu,
                        const contract::SignalFrameRequest& req) {
  __builtin_memset(buf, 0, kFrameSize);
  Frame frame{};
  frame.pretcode = req.restorer;
  frame.uc.stack_sp = req.altstack_sp;
  frame.uc.stack_flags = req.altstack_flags;
  frame.uc.stack_size = req.altstack_size;
  SigContext& sc = frame.uc.mcontext;
  sc.r8 = f.r8, sc.r9 = f.r9, sc.r10 = f.r10, sc.r11 = f.r11;
  sc.r12 = f.r12, sc.r13 = f.r13, sc.r14 = f.r14, sc.r15 = f.r15;
  sc.rdi = f.rdi, sc.rsi = f.rsi, sc.rbp = f.rbp, sc.rbx = f.rbx;
  sc.rdx = f.rdx, sc.rax = f.rax, sc.rcx = f.rcx, sc.rsp = f.rsp, sc.rip = f.rip;
  sc.eflags = f.rflags;
  sc.cs = static_cast<uint16_t>(f.cs);
  sc.ss = static_cast<uint16_t>(f.ss);
  sc.err = f.vector < 32 ? f.error_code : 0;
  sc.trapno = f.vector < 32 ? f.vector : 0;
  sc.oldmask = req.saved_mask;
  sc.cr2 = f.fault_address;
  sc.fpstate = addr + kFpuOffset;
  frame.uc.sigmask = req.saved_mask;
  copy_bytes(frame.info, req.siginfo, sizeof frame.info);
  copy_bytes(buf, &frame, sizeof frame);
  copy_bytes(static_cast<uint8_t*>(buf) + kFpuOffset, &fpu, sizeof fpu);
}

void SignalFrame::enter_handler(TrapFrame& f, uintptr_t addr,
                                const contract::SignalFrameRequest& req) {
  f.rip = req.handler;
  f.rsp = addr;
  f.rdi = static_cast<uint64_t>(req.signal);
  f.rsi = addr + offsetof(Frame, info);
  f.rdx = addr + offsetof(Frame, uc);
  f.rax = 0;  // no vector registers carry variadic arguments
  f.rflags &= ~(x86::kRflagsDf | x86::kRflagsRf | x86::kRflagsTf);
  f.cs = kUserCodeSelector;
  f.ss = kUserDataSelector;
}

bool SignalFrame::restore(TrapFrame& f, FpuState& fpu, const void* buf, uint64_t* mask) {
  Frame frame;
  copy_bytes(&frame, buf, sizeof frame);
  const SigContext& sc = frame.uc.mcontext;
  f.r8 = sc.r8, f.r9 = sc.r9, f.r10 = sc.r10, f.r11 = sc.r11;
  f.r12 = sc.r12, f.r13 = sc.r13, f.r14 = sc.r14, f.r15 = sc.r15;
  f.rdi = sc.rdi, f.rsi = sc.rsi, f.rbp = sc.rbp, f.rbx = sc.rbx;
  f.rdx = sc.rdx, f.rax = sc.rax, f.rcx = sc.rcx, f.rsp = sc.rsp, f.rip = sc.rip;
  f.rflags = (f.rflags & ~kUserFlags) | (sc.eflags & kUserFlags);
  f.cs = kUserCodeSelector;  // whatever the frame says: ring 3, 64-bit
  f.ss = kUserDataSelector;
  f.orig_rax = ~0ull;  // not in a system call: nothing to restart
  if (sc.fpstate) {
    copy_bytes(&fpu, static_cast<const uint8_t*>(buf) + kFpuOffset, sizeof fpu);
    // FXRSTOR faults (#GP, in the kernel) on reserved MXCSR bits: keep only valid ones.
    FpuState live;
    Context::fpu_save(&live);
    fpu.mxcsr &= live.mxcsr_mask ? live.mxcsr_mask : 0xffbf;
  } else {
    Context::fpu_init(&fpu);
  }
  *mask = frame.uc.sigmask;
  return true;
}

}  // namespace arch
