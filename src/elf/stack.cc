// elf/stack.cc - laying out argc/argv/envp/auxv, top down, in a kernel buffer.
#include "elf/stack.hh"

#include "lib/string.hh"
#include "uapi/auxv.hh"

namespace elf {
namespace {

// A cursor moving down from `top`, writing into the buffer that mirrors user memory.
class Builder {
 public:
  Builder(uint64_t top, uint8_t* buf, size_t size) : top_(top), low_(top - size), buf_(buf) {
    at_ = top;
  }
  // Reserves n bytes below the cursor; false when the buffer is full.
  bool reserve(size_t n) {
    if (n > at_ - low_) return false;
    at_ -= n;
    return true;
  }
  // Copies a string (with its NUL) below the cursor; returns its user address or 0.
  uint64_t push_string(const char* s) {
    size_t n = strlen(s) + 1;
    if (!reserve(n)) return 0;
    memcpy(ptr(at_), s, n);
    return at_;
  }
  bool align_down(uint64_t alignment) {
    uint64_t aligned = at_ & ~(alignment - 1);
    if (aligned < low_) return false;
    at_ = aligned;
    return true;
  }
  void put_word(uint64_t addr, uint64_t value) { memcpy(ptr(addr), &value, sizeof value); }
  uint8_t* ptr(uint64_t addr) { return buf_ + (addr - low_); }
  uint64_t at() const { return at_; }
  uint64_t top() const { return top_; }

 private:
  uint64_t top_, low_, at_;
  uint8_t* buf_;
};

}  // namespace

ktl::Result<uint64_t> build_stack(const StackInput& in, uint64_t top, uint8_t* buf, size_t size) {
  if (top % 16 != 0 || size > top) return ktl::Errno::Inval;
  Builder b(top, buf, size);
  constexpr auto too_big = ktl::Errno::TooBig;
  if (!b.reserve(8)) return too_big;
  b.put_word(b.at(), 0);
  uint64_t execfn = b.push_string(in.execfn);
  if (!execfn) return too_big;

  // Strings: envp last-to-first then argv last-to-first, so argv[0] ends up lowest. The
  // addresses are stored in the pointer table later; remember them in the buffer's own
  // table slots as we go (computed once the table size is known), so first measure.
  uint64_t string_bytes = 0;
  for (size_t i = 0; i < in.argc; ++i) string_bytes += strlen(in.argv[i]) + 1;
  for (size_t i = 0; i < in.envc; ++i) string_bytes += strlen(in.envp[i]) + 1;
  if (string_bytes > b.at() - (top - size)) return too_big;
  uint64_t strings_end = b.at();
  uint64_t strings_start = strings_end - string_bytes;

  // Below the strings: platform, random bytes, then the table.
  if (!b.reserve(string_bytes)) return too_big;
  uint64_t platform = b.push_string(in.platform);
  if (!platform || !b.align_down(16) || !b.reserve(16)) return too_big;
  uint64_t random = b.at();
  memcpy(b.ptr(random), in.random, 16);

  size_t aux_pairs = in.auxc + 4;  // + AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_NULL
  size_t words = 1 + (in.argc + 1) + (in.envc + 1) + 2 * aux_pairs;
  if (!b.reserve(words * 8) || !b.align_down(16)) return too_big;
  uint64_t sp = b.at();

  // Fill the table and the strings it points to.
  uint64_t slot = sp;
  auto put = [&](uint64_t v) {
    b.put_word(slot, v);
    slot += 8;
  };
  uint64_t s = strings_start;
  auto put_string = [&](const char* str) {
    size_t n = strlen(str) + 1;
    memcpy(b.ptr(s), str, n);
    put(s);
    s += n;
  };
  put(in.argc);
  for (size_t i = 0; i < in.argc; ++i) put_string(in.argv[i]);
  put(0);
  for (size_t i = 0; i < in.envc; ++i) put_string(in.envp[i]);
  put(0);
  for (size_t i = 0; i < in.auxc; ++i) {
    put(in.aux[i].key);
    put(in.aux[i].value);
  }
  put(uapi::kAtRandom);
  put(random);
  put(uapi::kAtExecfn);
  put(execfn);
  put(uapi::kAtPlatform);
  put(platform);
  put(uapi::kAtNull);
  put(0);
  return sp;
}

}  // namespace elf
