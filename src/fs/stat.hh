// fs/stat.hh - filling the user's stat structures from a Kstat.
//
// fs works with the neutral Kstat (fs/inode.hh); the system call layer picks the
// layout its architecture's user space expects - uapi::StatX86_64 on x86_64,
// uapi::StatGeneric on arm64 - through the overload set below, so no code in src/ has to
// know which architecture it runs on: the choice is a type named by <arch/...>.
#pragma once

#include "fs/inode.hh"
#include "uapi/stat.hh"

namespace fs {

void encode_stat(const Kstat& k, uapi::StatX86_64& out);
void encode_stat(const Kstat& k, uapi::StatGeneric& out);
// statx fills the basic fields whatever `mask` asks (as Linux does for ramfs) and says so
// in out.mask.
void encode_statx(const Kstat& k, uapi::Statx& out);

}  // namespace fs
