// fs/initrd.cc - cpio newc parsing, path normalization and symlink following.
#include "fs/initrd.hh"

#include "lib/string.hh"

namespace initrd {
namespace {

constexpr size_t kHeaderSize = 110;

Archive the_boot_archive;

constexpr size_t align4(size_t n) { return (n + 3) & ~size_t{3}; }

// Parses 8 hex digits; false on a non-hex character.
bool hex8(const uint8_t* p, uint32_t* out) {
  uint32_t v = 0;
  for (int i = 0; i < 8; ++i) {
    uint8_t c = p[i];
    uint32_t d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
    else return false;
    v = v << 4 | d;
  }
  *out = v;
  return true;
}

// Appends the component [c, c+n) to out (length *len), handling "." and "..".
bool push_component(const char* c, size_t n, char* out, size_t* len, size_t size) {
  if (n == 0 || (n == 1 && c[0] == '.')) return true;
  if (n == 2 && c[0] == '.' && c[1] == '.') {
    while (*len > 0 && out[*len - 1] != '/') --*len;
    if (*len > 0) --*len;  // the separator before the dropped component
    out[*len] = '\0';
    return true;
  }
  size_t need = *len + (*len ? 1 : 0) + n;
  if (need + 1 > size) return false;
  if (*len) out[(*len)++] = '/';
  memcpy(out + *len, c, n);
  *len += n;
  out[*len] = '\0';
  return true;
}

bool push_path(const char* path, char* out, size_t* len, size_t size) {
  while (*path) {
    while (*path == '/') ++path;
    const char* c = path;
    while (*path && *path != '/') ++path;
    if (!push_component(c, static_cast<size_t>(path - c), out, len, size)) return false;
  }
  return true;
}

}  // namespace

ktl::Result<void> normalize(const char* dir, const char* path, char* out, size_t size) {
  if (size == 0) return ktl::Errno::NameTooLong;
  size_t len = 0;
  out[0] = '\0';
  if (path[0] != '/' && dir && !push_path(dir, out, &len, size)) return ktl::Errno::NameTooLong;
  if (!push_path(path, out, &len, size)) return ktl::Errno::NameTooLong;
  return {};
}

ktl::Result<bool> Archive::next(size_t* at, Member* out) const {
  if (*at + kHeaderSize > size_) return false;
  const uint8_t* h = base_ + *at;
  if (memcmp(h, "070701", 6) != 0 && memcmp(h, "070702", 6) != 0) return ktl::Errno::Inval;
  // ino mode uid gid nlink mtime filesize devmajor devminor rdevmajor rdevminor namesize check
  uint32_t f[13];
  for (int i = 0; i < 13; ++i)
    if (!hex8(h + 6 + 8 * i, &f[i])) return ktl::Errno::Inval;
  uint32_t filesize = f[6], namesize = f[11];
  size_t name_at = *at + kHeaderSize;
  size_t data_at = align4(name_at + namesize);
  if (namesize == 0 || name_at + namesize > size_ || data_at + filesize > size_)
    return ktl::Errno::Inval;
  const char* name = reinterpret_cast<const char*>(base_ + name_at);
  if (name[namesize - 1] != '\0') return ktl::Errno::Inval;
  if (ktl::str_compare(name, "TRAILER!!!") == 0) return false;
  *out = {name, f[0], f[1], f[2], f[3], f[4], f[5], f[7], f[8], f[9], f[10], base_ + data_at,
          filesize};
  *at = align4(data_at + filesize);
  return true;
}

ktl::Result<File> Archive::lookup(const char* name) const {
  size_t at = 0;
  Member m;
  for (;;) {
    bool more = TRY(next(&at, &m));
    if (!more) return ktl::Errno::NoEnt;
    char normalized[kMaxPath];
    if (normalize(nullptr, m.name, normalized, sizeof normalized).is_ok() &&
        ktl::str_compare(normalized, name) == 0)
      return File{m.data, m.size, m.mode};
  }
}

ktl::Result<File> Archive::find(const char* path) const {
  char name[kMaxPath];
  TRY(normalize(nullptr, path, name, sizeof name));
  for (int links = 0; links <= kMaxSymlinks; ++links) {
    File f = TRY(lookup(name));
    uint32_t type = f.mode & kModeTypeMask;
    if (type == kModeDirectory) return ktl::Errno::IsDir;
    if (type != kModeSymlink) return f;
    // The target is relative to the link's directory.
    char target[kMaxPath], dir[kMaxPath];
    if (f.size >= sizeof target) return ktl::Errno::NameTooLong;
    memcpy(target, f.data, f.size);
    target[f.size] = '\0';
    ktl::str_copy(dir, name, sizeof dir);
    char* slash = dir;
    for (char* p = dir; *p; ++p)
      if (*p == '/') slash = p;
    *slash = '\0';
    TRY(normalize(dir, target, name, sizeof name));
  }
  return ktl::Errno::Loop;
}

void set_boot_archive(const void* base, size_t size) { the_boot_archive = Archive(base, size); }
const Archive& boot_archive() { return the_boot_archive; }

}  // namespace initrd
