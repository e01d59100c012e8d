// cxx_headers.cc - C++20 over musl: the header-only library compiles, links and works.
//
// Proves the scheme of userland/include/libstdc++-musl: GCC's glibc-configured C++
// headers used with musl's C headers and no libstdc++. The includes are the set
// docs/userland.md promises; the code uses <array>, <algorithm> (classic and ranges),
// <span>, <string_view>, <optional>, <bit> and <mutex>, both at compile time
// (static_assert) and at run time. Built twice, like hello: cxx_headers (dynamic) and
// cxx_headers_static, where a wrong libstdc++ configuration shows (see the mutex check).
#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "test_report.h"

// libstdc++ must treat musl like a glibc with all of pthreads inside libc: otherwise it
// probes "is the program threaded?" through a weak symbol, which a static program may
// leave unresolved, and std::mutex::lock silently does nothing (c++config.h, point 1).
static_assert(_GLIBCXX_GTHREAD_USE_WEAK == 0, "libstdc++ uses weak pthread symbols");

namespace {

constexpr std::array<int, 6> kUnsorted = {5, 3, 9, 1, 7, 2};

constexpr std::array<int, 6> sorted(std::array<int, 6> values) {
  std::ranges::sort(values);
  return values;
}
static_assert(sorted(kUnsorted) == std::array<int, 6>{1, 2, 3, 5, 7, 9});
static_assert(std::bit_ceil(17u) == 32u);

int sum(std::span<const int> values) {
  int total = 0;
  for (int v : values) total += v;
  return total;
}

std::optional<std::string_view> word_after(std::string_view text, std::string_view key) {
  size_t at = text.find(key);
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(at + key.size());
  return rest.substr(0, rest.find(' '));
}

// Read through a volatile, so the optimizer cannot fold the run-time half away.
volatile int opaque_zero = 0;

}  // namespace

int main() {
  std::array<int, 6> values = kUnsorted;
  values[0] += opaque_zero;
  std::sort(values.begin(), values.end());
  if (!std::is_sorted(values.begin(), values.end()) || values.front() != 1)
    test_fail("std::sort gave %d %d %d ...", values[0], values[1], values[2]);

  if (int total = sum(std::span(values).subspan(1, 3)); total != 2 + 3 + 5)
    test_fail("sum of a subspan is %d, want 10", total);

  std::string_view text = "name=cxx_headers arch=any";
  auto word = word_after(text, opaque_zero == 0 ? "name=" : "arch=");
  if (!word || *word != "cxx_headers")
    test_fail("string_view search found '%.*s'", word ? int(word->size()) : 0,
              word ? word->data() : "");
  if (word_after(text, "missing=")) test_fail("found a key that is not there");

  test_expect(__gthread_active_p() != 0, "libstdc++ thinks the program has no threads");
  test_pass();
}
