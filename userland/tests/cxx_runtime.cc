// cxx_runtime.cc - the C++ runtime pieces of userland/lib/cxxrt.cc do their job.
//
// new/delete (plain, array, over-aligned, nothrow), a function-local static with a
// constructor (the __cxa_guard_* path), a virtual call through a base class, a global
// object whose constructor ran before main (crtbegin's .init_array), and the library
// types that allocate (std::vector, std::string, std::unique_ptr) with no libstdc++.
#include <stdint.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "test_report.h"

namespace {

struct Shape {
  virtual ~Shape() = default;
  virtual int corners() const = 0;
};
struct Square final : Shape {
  int corners() const override { return 4; }
};

struct alignas(64) CacheLine {
  char bytes[64];
};

struct Counter {
  Counter() { ++constructed; }
  static inline int constructed = 0;
};

int constructed_before_main = 0;
struct StartupProbe {
  StartupProbe() { constructed_before_main = 1; }
} startup_probe;

Counter& shared_counter() {
  static Counter counter;  // guarded: constructed once, on first call
  return counter;
}

}  // namespace

int main() {
  test_expect(constructed_before_main == 1, "a global constructor did not run");

  Shape* shape = new Square;
  test_expect(shape->corners() == 4, "virtual call through a base pointer");
  delete shape;

  int* numbers = new int[100];
  for (int i = 0; i < 100; i++) numbers[i] = i;
  test_expect(numbers[99] == 99, "new int[100]");
  delete[] numbers;

  auto* line = new CacheLine;
  test_expect(reinterpret_cast<uintptr_t>(line) % 64 == 0, "new of an alignas(64) type");
  delete line;

  int* none = new (std::nothrow) int[1];
  test_expect(none != nullptr, "nothrow new of 4 bytes failed");
  delete[] none;

  std::vector<int> squares;
  for (int i = 0; i < 1000; i++) squares.push_back(i * i);
  test_expect(squares.size() == 1000 && squares[999] == 999 * 999, "std::vector growth");

  std::string text = "cxx";
  for (int i = 0; i < 10; i++) text += "_runtime";
  test_expect(text.size() == 3 + 10 * 8 && text.ends_with("_runtime"), "std::string append");

  auto owned = std::make_unique<Square>();
  test_expect(owned->corners() == 4, "std::make_unique");

  Counter* first = &shared_counter();
  test_expect(first == &shared_counter() && Counter::constructed == 1,
              "function-local static constructed more than once");
  test_pass();
}
