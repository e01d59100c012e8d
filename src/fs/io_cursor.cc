// fs/io_cursor.cc - segment walking and copying for IoCursor.
#include "fs/io_cursor.hh"

#include <new>

#include "lib/string.hh"

namespace fs {
namespace {

Result<void> kernel_copy_to(uint64_t dst, const void* src, size_t n) {
  memcpy(reinterpret_cast<void*>(dst), src, n);
  return {};
}
Result<void> kernel_copy_from(void* dst, uint64_t src, size_t n) {
  memcpy(dst, reinterpret_cast<const void*>(src), n);
  return {};
}

}  // namespace

const MemoryAccess kKernelMemory = {kernel_copy_to, kernel_copy_from};

IoCursor::IoCursor(const MemoryAccess& mem, const IoSegment* segments, size_t count)
    : mem_(&mem), segs_(segments), count_(count) {
  for (size_t i = 0; i < count; ++i) remaining_ += segments[i].len;
}

IoCursor IoCursor::kernel(void* buf, size_t len, IoSegment& storage) {
  storage = {reinterpret_cast<uint64_t>(buf), len};
  return IoCursor(kKernelMemory, &storage, 1);
}

// Moves n bytes between `kernel` and the segments, segment by segment. A failed copy
// ends the transfer; the bytes before it count.
template <bool kOut>
Result<size_t> IoCursor::transfer(void* kernel, size_t n) {
  auto* k = static_cast<char*>(kernel);
  size_t done = 0;
  while (done < n && remaining_ > 0) {
    const IoSegment& s = segs_[index_];
    size_t room = s.len - offset_;
    if (room == 0) {
      ++index_;
      offset_ = 0;
      continue;
    }
    size_t len = n - done < room ? n - done : room;
    Result<void> r = kOut ? mem_->copy_to(s.addr + offset_, k + done, len)
                          : mem_->copy_from(k + done, s.addr + offset_, len);
    if (r.is_error()) return partial_or(done, r.error());
    done += len;
    offset_ += len;
    remaining_ -= len;
    transferred_ += len;
  }
  return done;
}

Result<size_t> IoCursor::copy_out(const void* src, size_t n) {
  return transfer<true>(const_cast<void*>(src), n);
}

Result<size_t> IoCursor::copy_in(void* dst, size_t n) { return transfer<false>(dst, n); }

Bounce::Bounce() : buf_(new (std::nothrow) char[kSize]) {}
Bounce::~Bounce() { delete[] buf_; }

}  // namespace fs
