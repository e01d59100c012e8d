// proc/program.cc - loading a program and its interpreter, and its first stack.
//
// Static programs (ET_EXEC) load at their link address; position-independent ones
// (ET_DYN) at mm::kPieBase. A PT_INTERP interpreter is loaded where the mmap area has
// room, AT_BASE tells it where, and execution starts at its entry: musl's dynamic
// linker then relocates itself and the program, and finds libc.so (itself) without
// opening a file. The stack region is mapped at mm::kStackTop and the initial stack
// image (elf/stack.hh) copied to its top.
#include "proc/program.hh"

#include <arch/user_abi.hh>

#include "elf/load.hh"
#include "elf/stack.hh"
#include "lib/string.hh"
#include "fs/ramfs.hh"
#include "fs/vfs.hh"
#include "mm/address_space.hh"
#include "mm/mm.hh"
#include "mm/user_layout.hh"
#include "proc/entropy.hh"
#include "proc/process.hh"
#include "proc/sched.hh"
#include "uapi/auxv.hh"
#include "uapi/mman.hh"

namespace proc {
namespace {

// A program file's bytes, read out of ramfs into one kernel buffer: an elf::Image points
// into them, so the buffer lives until the image is loaded. (Mapping the file's pages
// directly is the page cache's job, once mmap of files exists.)
struct FileBytes {
  uint8_t* data = nullptr;
  ~FileBytes() { mm::kfree(data); }
};

// What exec_lookup needs to know about the process running the exec.
fs::Caller caller_of(const Process& p) {
  fs::Caller c;
  c.cred = {p.creds.uid, p.creds.gid, p.creds.euid, p.creds.egid};
  c.pid = p.pid;
  c.fs = p.fs_context;
  return c;
}

// Finds `path` (symlinks followed, x permission checked) and parses it as an ELF file.
// Errors: exec_lookup's (NoEnt, Acces...), NoExec, NoMem.
ktl::Result<elf::Image> open_image(const fs::Caller& c, const char* path, FileBytes& bytes) {
  fs::Ref<fs::Dentry> cwd = c.fs->get_cwd();
  fs::Ref<fs::Dentry> d = TRY(fs::exec_lookup(c, cwd.get(), path));
  fs::Inode& inode = *d->inode;
  size_t size;
  {
    fs::Guard guard(inode.lock);
    size = inode.size;
  }
  if (size == 0) return ktl::Errno::NoExec;
  bytes.data = static_cast<uint8_t*>(TRY(mm::kmalloc(size)));
  size_t got = TRY(fs::ramfs_load(inode, 0, bytes.data, size));
  return elf::parse(bytes.data, got, arch::kElfMachine);
}

// Everything after the address space exists; on error the caller drops it.
ktl::Result<Program> fill(mm::AddressSpace* as, const elf::Image& img, const ProgramArgs& args,
                          const Credentials& creds, const fs::Caller& caller) {
  uint64_t bias = img.relocatable ? mm::kPieBase - img.load_start : 0;
  elf::Loaded main = TRY(elf::load_image(*as, img, bias));
  uint64_t entry = main.entry, interp_base = 0;
  if (img.interp) {
    FileBytes interp_bytes;
    elf::Image interp = TRY(open_image(caller, img.interp, interp_bytes));
    if (!interp.relocatable || interp.interp) return ktl::Errno::NoExec;
    size_t span = interp.load_end - interp.load_start;
    uint64_t at = TRY(as->map_anonymous(0, span, uapi::kProtNone, false, false));
    TRY(as->unmap(at, span));
    interp_base = at - interp.load_start;
    elf::Loaded loaded = TRY(elf::load_image(*as, interp, interp_base));
    entry = loaded.entry;
  }
  TRY(as->map_anonymous(kSigreturnPage, contract::kPageSize, uapi::kProtRead | uapi::kProtExec,
                        true, false));
  TRY(as->write_bytes(kSigreturnPage, arch::kSigreturnCode, sizeof arch::kSigreturnCode));
  as->set_brk_start(main.end);
  TRY(as->map_anonymous(mm::kStackTop - mm::kStackSize, mm::kStackSize,
                        uapi::kProtRead | uapi::kProtWrite, true, true, mm::RegionKind::Stack));

  const elf::AuxEntry aux[] = {
      {uapi::kAtPhdr, main.phdr},          {uapi::kAtPhent, sizeof(elf::ProgramHeader)},
      {uapi::kAtPhnum, img.phnum},         {uapi::kAtPagesz, contract::kPageSize},
      {uapi::kAtBase, interp_base},        {uapi::kAtFlags, 0},
      {uapi::kAtEntry, main.entry},        {uapi::kAtUid, creds.uid},
      {uapi::kAtEuid, creds.euid},         {uapi::kAtGid, creds.gid},
      {uapi::kAtEgid, creds.egid},         {uapi::kAtSecure, 0},
      {uapi::kAtHwcap, arch::kHwcap},      {uapi::kAtClktck, kTickHz},
  };
  uint8_t random[16];
  random_fill(random, sizeof random);
  elf::StackInput in;
  in.argv = args.argv;
  in.argc = args.argc;
  in.envp = args.envp;
  in.envc = args.envc;
  in.execfn = args.path;
  in.platform = arch::kPlatform;
  in.random = random;
  in.aux = aux;
  in.auxc = sizeof aux / sizeof aux[0];
  size_t size = 4096 + (args.argc + args.envc + 64) * 8 + strlen(args.path);
  for (size_t i = 0; i < args.argc; ++i) size += strlen(args.argv[i]) + 1;
  for (size_t i = 0; i < args.envc; ++i) size += strlen(args.envp[i]) + 1;
  size = mm::page_up(size);
  if (size > mm::kStackSize / 4) return ktl::Errno::TooBig;
  auto* image = static_cast<uint8_t*>(TRY(mm::kmalloc(size)));
  auto sp = elf::build_stack(in, mm::kStackTop, image, size);
  ktl::Result<void> written = ktl::Errno::TooBig;
  if (sp.is_ok())
    written = as->write_bytes(sp.value(), image + (sp.value() - (mm::kStackTop - size)),
                              mm::kStackTop - sp.value());
  mm::kfree(image);
  TRY(written);
  return Program{as, entry, sp.value()};
}

}  // namespace

ktl::Result<Program> build_program(const ProgramArgs& args, const Process& p) {
  fs::Caller caller = caller_of(p);
  FileBytes bytes;
  elf::Image img = TRY(open_image(caller, args.path, bytes));
  mm::AddressSpace* as = TRY(mm::AddressSpace::create());
  auto program = fill(as, img, args, p.creds, caller);
  if (program.is_error()) as->put();
  return program;
}

}  // namespace proc
