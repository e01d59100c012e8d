// fs/fd_table.cc - lowest-free allocation, dup, close-on-exec, growth.
#include "fs/fd_table.hh"

#include <new>

#include "lib/string.hh"

namespace fs {
namespace {
constexpr int kInitialCapacity = 64;
}

Result<FdTable*> FdTable::create() {
  FdTable* t = new (std::nothrow) FdTable;
  if (!t) return Errno::NoMem;
  return t;
}

FdTable::~FdTable() {
  for (int fd = 0; fd < capacity_; ++fd)
    if (slots_[fd].file) slots_[fd].file->put();
  delete[] slots_;
}

void FdTable::put() {
  if (refs_.fetch_sub(1, ktl::Order::AcqRel) == 1) delete this;
}

Result<FdTable*> FdTable::copy() {
  FdTable* t = TRY(create());
  Guard g(lock_);
  if (capacity_) {
    t->slots_ = new (std::nothrow) Slot[capacity_];
    if (!t->slots_) {
      t->refs_.store(0);
      delete t;
      return Errno::NoMem;
    }
    t->capacity_ = capacity_;
    for (int fd = 0; fd < capacity_; ++fd) {
      t->slots_[fd] = slots_[fd];
      if (slots_[fd].file) slots_[fd].file->get();
    }
  }
  return t;
}

Result<void> FdTable::grow_locked(int fd) {
  while (fd >= capacity_) {
    int want = capacity_ ? capacity_ * 2 : kInitialCapacity;
    while (want <= fd) want *= 2;
    if (want > kMaxFds) want = kMaxFds;
    lock_.unlock();
    Slot* bigger = new (std::nothrow) Slot[want];
    lock_.lock();
    if (!bigger) return Errno::NoMem;
    if (want <= capacity_) {  // someone else grew it meanwhile
      delete[] bigger;
      continue;
    }
    memset(bigger, 0, sizeof(Slot) * want);
    if (capacity_) memcpy(bigger, slots_, sizeof(Slot) * capacity_);
    Slot* old = slots_;
    slots_ = bigger;
    capacity_ = want;
    lock_.unlock();
    delete[] old;
    lock_.lock();
  }
  return {};
}

Result<Ref<OpenFile>> FdTable::get(int fd) {
  Guard g(lock_);
  if (fd < 0 || fd >= capacity_ || !slots_[fd].file) return Errno::BadF;
  return Ref<OpenFile>(slots_[fd].file);
}

Result<int> FdTable::install(Ref<OpenFile> f, int min_fd, bool cloexec, uint64_t limit) {
  if (limit > static_cast<uint64_t>(kMaxFds)) limit = kMaxFds;
  int end = static_cast<int>(limit);
  Guard g(lock_);
  for (int fd = min_fd < 0 ? 0 : min_fd; fd < end; ++fd) {
    if (fd >= capacity_) TRY(grow_locked(fd));
    if (slots_[fd].file) continue;
    slots_[fd] = {f.leak(), cloexec};
    return fd;
  }
  return Errno::MFile;
}

bool FdTable::has_free(int min_fd, uint64_t limit) {
  if (limit > static_cast<uint64_t>(kMaxFds)) limit = kMaxFds;
  Guard g(lock_);
  for (int fd = min_fd < 0 ? 0 : min_fd; static_cast<uint64_t>(fd) < limit; ++fd)
    if (fd >= capacity_ || !slots_[fd].file) return true;
  return false;
}

Result<void> FdTable::close(int fd) {
  OpenFile* f;
  {
    Guard g(lock_);
    if (fd < 0 || fd >= capacity_ || !slots_[fd].file) return Errno::BadF;
    f = slots_[fd].file;
    slots_[fd] = {nullptr, false};
  }
  f->put();
  return {};
}

Result<int> FdTable::duplicate_to(int old_fd, int new_fd, bool cloexec, uint64_t limit) {
  if (new_fd < 0 || static_cast<uint64_t>(new_fd) >= limit || new_fd >= kMaxFds) return Errno::BadF;
  OpenFile* replaced = nullptr;
  {
    Guard g(lock_);
    if (old_fd < 0 || old_fd >= capacity_ || !slots_[old_fd].file) return Errno::BadF;
    if (old_fd == new_fd) return new_fd;
    if (new_fd >= capacity_) {
      TRY(grow_locked(new_fd));
      if (!slots_[old_fd].file) return Errno::BadF;  // closed while we grew
    }
    OpenFile* f = slots_[old_fd].file;
    f->get();
    replaced = slots_[new_fd].file;
    slots_[new_fd] = {f, cloexec};
  }
  if (replaced) replaced->put();
  return new_fd;
}

Result<bool> FdTable::cloexec(int fd) {
  Guard g(lock_);
  if (fd < 0 || fd >= capacity_ || !slots_[fd].file) return Errno::BadF;
  return slots_[fd].cloexec;
}

Result<void> FdTable::set_cloexec(int fd, bool on) {
  Guard g(lock_);
  if (fd < 0 || fd >= capacity_ || !slots_[fd].file) return Errno::BadF;
  slots_[fd].cloexec = on;
  return {};
}

void FdTable::close_on_exec() {
  for (int fd = 0;; ++fd) {
    OpenFile* f = nullptr;
    {
      Guard g(lock_);
      if (fd >= capacity_) return;
      if (slots_[fd].file && slots_[fd].cloexec) {
        f = slots_[fd].file;
        slots_[fd] = {nullptr, false};
      }
    }
    if (f) f->put();
  }
}

int FdTable::open_count() {
  Guard g(lock_);
  int n = 0;
  for (int fd = 0; fd < capacity_; ++fd) n += slots_[fd].file != nullptr;
  return n;
}

}  // namespace fs
