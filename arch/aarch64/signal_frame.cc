// arch/aarch64/signal_frame.cc - building and reading the arm64 signal frame image.
//
// The layouts below are Linux's uapi structs (asm/sigcontext.h, asm/ucontext.h), so
// musl, glibc and debuggers read them as on Linux. The kernel never writes user memory
// here: src/proc copies the image to and from the user stack. The __reserved area is a
// list of records, each starting with {magic, size}; rt_sigreturn insists on the
// fpsimd record first, as Linux does, and ignores records it does not know.
#include <arch/signal.hh>

#include "esr.hh"

namespace arch {
namespace {

struct RecordHead {  // struct _aarch64_ctx
  uint32_t magic, size;
};

constexpr uint32_t kFpsimdMagic = 0x46508001, kEsrMagic = 0x45535201;

struct FpsimdContext {  // struct fpsimd_context
  RecordHead head;
  uint32_t fpsr, fpcr;
  uint64_t vregs[64];  // __uint128_t vregs[32], low half first
};
static_assert(sizeof(FpsimdContext) == 528);

struct EsrContext {  // struct esr_context
  RecordHead head;
  uint64_t esr;
};

struct alignas(16) SigContext {  // struct sigcontext
  uint64_t fault_address;
  uint64_t regs[31];
  uint64_t sp, pc, pstate;
  alignas(16) uint8_t reserved[4096];
};
static_assert(sizeof(SigContext) == 4384 && offsetof(SigContext, reserved) == 288);

struct alignas(16) UContext {  // struct ucontext (arm64)
  uint64_t flags;
  uint64_t link;
  uint64_t stack_sp;
  int32_t stack_flags, stack_pad;
  uint64_t stack_size;
  uint64_t sigmask;
  uint8_t unused[120];  // the rest of a 1024-bit sigset_t
  SigContext mcontext;
};
static_assert(sizeof(UContext) == 4560 && offsetof(UContext, mcontext) == 176);

struct Frame {  // struct rt_sigframe, then the frame record
  uint8_t info[128];
  UContext uc;
  uint64_t record_fp, record_lr;
};
static_assert(offsetof(Frame, uc) == 128 &&
              offsetof(Frame, record_fp) == SignalFrame::kRecordOffset);
static_assert(sizeof(Frame) == SignalFrame::kFrameSize && SignalFrame::kFrameSize % 16 == 0);

// PSTATE bits a program may choose: NZCV, DIT, SSBS (as user_hooks::prepare_return).
constexpr uint64_t kUserPstate = 0xfull << 28 | 1ull << 24 | 1ull << 12;

}  // namespace

uintptr_t SignalFrame::frame_address(const TrapFrame& f, uintptr_t stack_top) {
  uintptr_t top = stack_top ? stack_top : f.sp;
  uintptr_t record = (top - 16) & ~uintptr_t{15};
  return record - kRecordOffset;
}

void SignalFrame::build(void* buf, uintptr_t addr, const TrapFrame& f, const FpuState& fpu,
                        const contract::SignalFrameRequest& req) {
  (void)addr;  // nothing in the arm64 frame points into itself
  auto* frame = static_cast<Frame*>(buf);
  __builtin_memset(frame, 0, sizeof *frame);
  __builtin_memcpy(frame->info, req.siginfo, sizeof frame->info);
  frame->uc.stack_sp = req.altstack_sp;
  frame->uc.stack_flags = req.altstack_flags;
  frame->uc.stack_size = req.altstack_size;
  frame->uc.sigmask = req.saved_mask;
  SigContext& sc = frame->uc.mcontext;
  bool fault = f.vector == 8 && esr::is_abort(f.esr);
  sc.fault_address = fault ? f.far : 0;
  for (int i = 0; i < 31; ++i) sc.regs[i] = f.x[i];
  sc.sp = f.sp;
  sc.pc = f.elr;
  sc.pstate = f.spsr;
  auto* fp = reinterpret_cast<FpsimdContext*>(sc.reserved);
  fp->head = RecordHead{kFpsimdMagic, sizeof(FpsimdContext)};
  fp->fpsr = fpu.fpsr;
  fp->fpcr = fpu.fpcr;
  __builtin_memcpy(fp->vregs, fpu.v, sizeof fp->vregs);
  if (fault) {  // the terminator after it is already zero
    auto* esr = reinterpret_cast<EsrContext*>(sc.reserved + sizeof(FpsimdContext));
    esr->head = RecordHead{kEsrMagic, sizeof(EsrContext)};
    esr->esr = f.esr;
  }
  frame->record_fp = f.x[29];
  frame->record_lr = f.x[30];
}

void SignalFrame::enter_handler(TrapFrame& f, uintptr_t addr,
                                const contract::SignalFrameRequest& req) {
  f.x[0] = static_cast<uint64_t>(req.signal);
  f.x[1] = addr + offsetof(Frame, info);
  f.x[2] = addr + offsetof(Frame, uc);
  f.x[29] = addr + kRecordOffset;
  f.x[30] = req.restorer;
  f.sp = addr;
  f.elr = req.handler;
  f.spsr &= kUserPstate;
}

bool SignalFrame::restore(TrapFrame& f, FpuState& fpu, const void* buf, uint64_t* mask) {
  const auto* frame = static_cast<const Frame*>(buf);
  const SigContext& sc = frame->uc.mcontext;
  if ((sc.pstate & 0x1f) != 0) return false;  // only EL0t, AArch64
  const auto* fp = reinterpret_cast<const FpsimdContext*>(sc.reserved);
  if (fp->head.magic != kFpsimdMagic || fp->head.size != sizeof(FpsimdContext)) return false;
  for (int i = 0; i < 31; ++i) f.x[i] = sc.regs[i];
  f.sp = sc.sp;
  f.elr = sc.pc;
  f.spsr = sc.pstate & kUserPstate;
  f.orig_x0 = f.x[0];
  fpu.fpsr = fp->fpsr;
  fpu.fpcr = fp->fpcr;
  __builtin_memcpy(fpu.v, fp->vregs, sizeof fpu.v);
  *mask = frame->uc.sigmask;
  return true;
}

}  // namespace arch
