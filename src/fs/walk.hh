// fs/walk.hh - path walk: from a string to a dentry.
//
// A path is walked one component at a time from a starting directory: the caller's
// root for an absolute path, otherwise the directory a *at() call names (its cwd for
// AT_FDCWD). Each step needs search (x) permission on the directory it leaves
// (EACCES), and the directory must be one (ENOTDIR). "." stays, ".." goes up - but never
// above the caller's root, and across a mount back to the covered directory. A symbolic
// link met in the middle of a path is always followed: its target replaces the link's
// component in the path still to walk (starting again from the root when the target is
// absolute), and more than 40 links in one walk is ELOOP. The last component is
// followed only when asked (open without O_NOFOLLOW, stat, but not lstat or unlink) -
// or when a slash follows it, since "link/" names the directory the link points to.
// A trailing slash also demands that the result be a directory (ENOTDIR).
//
// Operations that create or remove a name (open O_CREAT, mkdir, unlink, rename...) walk
// to the *parent* instead (walk_parent) and get the last component as a string, with
// what kind it is: a normal name, ".", "..", or nothing at all ("/").
// Names longer than 255 bytes are ENAMETOOLONG; whole paths are limited by the system
// call layer's copy (PATH_MAX, 4096 with the NUL) and by the symlink expansion here.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "fs/dentry.hh"
#include "fs/file.hh"

namespace fs {

inline constexpr int kMaxSymlinks = 40;

inline constexpr uint32_t kWalkFollow = 1;     // follow a symlink in the last component
inline constexpr uint32_t kWalkDirectory = 2;  // the result must be a directory
inline constexpr uint32_t kWalkEmptyPath = 4;  // "" names `start` itself (AT_EMPTY_PATH)

// The dentry `path` names, relative to `start` (a directory, unless the path is absolute
// or empty). Errors: NoEnt, NotDir, Acces, Loop, NameTooLong, NoMem.
Result<Ref<Dentry>> walk(const Caller& c, Dentry* start, const char* path, uint32_t flags);

enum class LastKind : uint8_t { Normal, Dot, DotDot, Root };

struct ParentWalk {
  Ref<Dentry> dir;  // the directory that holds (or would hold) the last name
  LastKind kind = LastKind::Normal;
  bool trailing_slash = false;
  size_t len = 0;
  char name[uapi::kNameMax + 1] = {};  // the last component, NUL-terminated
};

// Walks all but the last component of `path`. The result directory has been checked
// for search permission. Errors: as walk(); NoEnt for "".
Result<void> walk_parent(const Caller& c, Dentry* start, const char* path, ParentWalk& out);

// The dentry to continue from after "..": stays at `root`, crosses mounts upwards.
Ref<Dentry> parent_of(Dentry* d, Dentry* root);

// Writes the absolute path of `d` as seen from `root` ("/" for root itself) into buf
// with its NUL; returns the length with the NUL. Errors: NoEnt (d was removed), Range
// (buf too small).
Result<size_t> path_of(Dentry* d, Dentry* root, char* buf, size_t size);

}  // namespace fs
