// fs/ramfs_file.cc - a ramfs file's bytes: pages in, pages out, truncation.
//
// Reads and writes work a page at a time through a kernel bounce buffer (fs/io_cursor.hh
// says why): a read copies a slice of one page out under the inode lock, then copies it
// to the caller without the lock; a write copies the caller's bytes in first, then
// stores them under the lock, allocating pages for holes as it goes. O_APPEND's position
// is taken under that same lock, so appenders never overwrite each other - within a
// chunk of one page; two large appends may interleave page by page.
// Budget: every page a file holds is counted in RamfsInfo::used_pages; past max_pages a
// write stops with ENOSPC (returning the bytes it did write, like a full disk).
#include "fs/ramfs_internal.hh"
#include "lib/string.hh"

namespace fs {

void ramfs_release_page(void* ctx, uint64_t phys) {
  RamfsInfo* ri = static_cast<RamfsInfo*>(ctx);
  ri->pages->free(phys);
  ri->used_pages.fetch_sub(1);
}

namespace {

// The page for `index`, allocated (zeroed) if it is a hole. Inode lock held.
Result<char*> page_for_write_locked(Inode& inode, uint64_t index) {
  RamfsInfo& ri = ramfs_info(*inode.sb);
  uint64_t phys = ramfs_tree(inode)->lookup(index);
  if (!phys) {
    if (ri.used_pages.fetch_add(1) >= ri.max_pages) {
      ri.used_pages.fetch_sub(1);
      return Errno::NoSpc;
    }
    auto page = ri.pages->alloc_zeroed();
    if (page.is_error()) {
      ri.used_pages.fetch_sub(1);
      return Errno::NoSpc;
    }
    phys = page.value();
    if (auto r = ramfs_tree(inode)->insert(index, phys); r.is_error()) {
      ramfs_release_page(&ri, phys);
      return r.error();
    }
    inode.blocks += kRamfsPage / 512;
  }
  return static_cast<char*>(ri.pages->address(phys));
}

// Stores len bytes at *pos (a chunk of at most one page, maybe across two pages).
Result<size_t> store_locked(Inode& inode, uint64_t pos, const char* data, size_t len) {
  size_t done = 0;
  while (done < len) {
    uint64_t at = pos + done, in_page = at % kRamfsPage;
    size_t n = kRamfsPage - in_page < len - done ? kRamfsPage - in_page : len - done;
    auto page = page_for_write_locked(inode, at / kRamfsPage);
    if (page.is_error()) return partial_or(done, page.error());
    memcpy(page.value() + in_page, data + done, n);
    done += n;
    if (at + n > inode.size) inode.size = at + n;
  }
  return done;
}

}  // namespace

Result<size_t> ramfs_store(Inode& inode, uint64_t pos, const void* data, size_t len) {
  if (!inode.is_reg()) return Errno::Inval;
  uapi::Timespec t = now();
  Guard g(inode.lock);
  auto stored = store_locked(inode, pos, static_cast<const char*>(data), len);
  inode.mtime = inode.ctime = t;
  return stored;
}

Result<size_t> ramfs_load(Inode& inode, uint64_t pos, void* buf, size_t len) {
  if (!inode.is_reg()) return Errno::Inval;
  RamfsInfo& ri = ramfs_info(*inode.sb);
  auto* out = static_cast<char*>(buf);
  size_t done = 0;
  Guard g(inode.lock);
  while (done < len && pos + done < inode.size) {
    uint64_t at = pos + done, in_page = at % kRamfsPage;
    size_t n = kRamfsPage - in_page;
    if (n > len - done) n = len - done;
    if (n > inode.size - at) n = inode.size - at;
    uint64_t phys = ramfs_tree(inode)->lookup(at / kRamfsPage);
    if (phys)
      memcpy(out + done, static_cast<char*>(ri.pages->address(phys)) + in_page, n);
    else
      memset(out + done, 0, n);
    done += n;
  }
  return done;
}

namespace {

// LAB 9 readwrite: BEGIN
// read(2) of a regular file: page by page, a slice of the page (or zeros for a hole)
// into the bounce buffer under the inode lock, then out to the caller without it.
Result<size_t> ramfs_read(OpenFile& f, const Caller&, IoCursor& out, uint64_t* pos) {
  Inode& inode = *f.inode;
  RamfsInfo& ri = ramfs_info(*inode.sb);
  Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t done = 0;
  while (out.remaining() > 0) {
    size_t n;
    {
      Guard g(inode.lock);
      if (*pos >= inode.size) break;
      uint64_t in_page = *pos % kRamfsPage;
      n = kRamfsPage - in_page;
      if (n > inode.size - *pos) n = inode.size - *pos;
      if (n > out.remaining()) n = out.remaining();
      uint64_t phys = ramfs_tree(inode)->lookup(*pos / kRamfsPage);
      if (phys)
        memcpy(bounce.data(), static_cast<char*>(ri.pages->address(phys)) + in_page, n);
      else
        memset(bounce.data(), 0, n);
    }
    auto copied = out.copy_out(bounce.data(), n);
    if (copied.is_error()) return partial_or(done, copied.error());
    *pos += copied.value();
    done += copied.value();
    if (copied.value() < n) break;
  }
  return done;
}

// write(2): the caller's bytes into the bounce buffer first, then into the file's pages
// (allocated for holes) under the inode lock, where O_APPEND's position is also taken.
Result<size_t> ramfs_write(OpenFile& f, const Caller&, IoCursor& in, uint64_t* pos) {
  Inode& inode = *f.inode;
  bool append = f.status_flags() & uapi::kOAppend;
  Bounce bounce;
  if (!bounce.ok()) return Errno::NoMem;
  size_t done = 0;
  while (in.remaining() > 0) {
    size_t want = kRamfsPage - *pos % kRamfsPage;
    auto got = in.copy_in(bounce.data(), want);
    if (got.is_error()) return partial_or(done, got.error());
    uapi::Timespec t = now();
    Guard g(inode.lock);
    if (append) *pos = inode.size;
    if (*pos + got.value() > (uint64_t{1} << 46)) return partial_or(done, Errno::FBig);
    auto stored = store_locked(inode, *pos, bounce.data(), got.value());
    if (stored.is_error()) return partial_or(done, stored.error());
    *pos += stored.value();
    done += stored.value();
    inode.mtime = inode.ctime = t;
    if (stored.value() < got.value()) return partial_or(done, Errno::NoSpc);
  }
  return done;
}
// LAB 9: STUB
// Result<size_t> ramfs_read(OpenFile&, const Caller&, IoCursor&, uint64_t*) {
//   return Errno::NoSys;  // lab 9: copy each page's slice out (holes read as zeros)
// }
// Result<size_t> ramfs_write(OpenFile&, const Caller&, IoCursor&, uint64_t*) {
//   return Errno::NoSys;  // lab 9: copy in, store into the pages, grow the size
// }
// LAB 9: END

}  // namespace

const FileOps kRamfsFileOps = {ramfs_read, ramfs_write, nullptr, nullptr, nullptr, true};

Result<void> ramfs_truncate(Inode& inode, uint64_t size) {
  RamfsInfo& ri = ramfs_info(*inode.sb);
  Guard g(inode.lock);
  if (size < inode.size) {
    uint64_t first_gone = (size + kRamfsPage - 1) / kRamfsPage;
    ramfs_tree(inode)->truncate(first_gone, ramfs_release_page, &ri);
    if (size % kRamfsPage) {  // zero the tail of the last page, so growing again reads zeros
      uint64_t phys = ramfs_tree(inode)->lookup(size / kRamfsPage);
      if (phys)
        memset(static_cast<char*>(ri.pages->address(phys)) + size % kRamfsPage, 0,
               kRamfsPage - size % kRamfsPage);
    }
    inode.blocks = ramfs_tree(inode)->page_count() * (kRamfsPage / 512);
  }
  inode.size = size;
  return {};
}

}  // namespace fs
