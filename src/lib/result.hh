// lib/result.hh - Result<T>: a value or the reason there is none.
//
// Kernel functions that can fail return Result<T> instead of a magic value (a null
// pointer, -1) that a caller may forget to test: the type is [[nodiscard]], and the only
// way to reach the value is to ask. TRY(expr) unwraps a Result or returns its error from
// the enclosing function, so error paths stay one line each:
//
//   Result<Page*> grow(unsigned order) {
//     Page* block = TRY(buddy.alloc(order));   // on ENOMEM, grow() returns ENOMEM too
//     ...
//     return block;
//   }
//
// The error is a ktl::Errno (lib/errno.hh); it becomes -errno only at the syscall
// boundary. value() on an error is a kernel bug, caught by __builtin_trap().
#pragma once

#include <new>  // placement new only (freestanding, no library code)

#include "lib/errno.hh"

// The host unit tests' leak detector (CppUTest) defines `new` as a macro; the placement
// new below must see the keyword whatever was included before this header.
#pragma push_macro("new")
#undef new

namespace ktl {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : ok_(true) { new (&value_) T(value); }
  Result(T&& value) : ok_(true) { new (&value_) T(static_cast<T&&>(value)); }
  Result(Errno error) : ok_(false), error_(error) {}

  Result(const Result& other) : ok_(other.ok_) {
    if (ok_)
      new (&value_) T(other.value_);
    else
      error_ = other.error_;
  }
  Result(Result&& other) : ok_(other.ok_) {
    if (ok_)
      new (&value_) T(static_cast<T&&>(other.value_));
    else
      error_ = other.error_;
  }
  Result& operator=(const Result& other) {
    if (this != &other) {
      destroy();
      ok_ = other.ok_;
      if (ok_)
        new (&value_) T(other.value_);
      else
        error_ = other.error_;
    }
    return *this;
  }
  Result& operator=(Result&& other) {
    if (this != &other) {
      destroy();
      ok_ = other.ok_;
      if (ok_)
        new (&value_) T(static_cast<T&&>(other.value_));
      else
        error_ = other.error_;
    }
    return *this;
  }
  ~Result() { destroy(); }

  bool is_ok() const { return ok_; }
  bool is_error() const { return !ok_; }
  Errno error() const {
    if (ok_) __builtin_trap();
    return error_;
  }
  T& value() {
    if (!ok_) __builtin_trap();
    return value_;
  }
  const T& value() const {
    if (!ok_) __builtin_trap();
    return value_;
  }
  // Moves the value out (what TRY uses).
  T release_value() {
    if (!ok_) __builtin_trap();
    return static_cast<T&&>(value_);
  }
  T value_or(T fallback) const { return ok_ ? value_ : fallback; }

 private:
  void destroy() {
    if (ok_) value_.~T();
    ok_ = false;
  }

  bool ok_;
  union {
    T value_;
    Errno error_;
  };
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() : error_(Errno{}) {}
  Result(Errno error) : error_(error) {}

  bool is_ok() const { return error_ == Errno{}; }
  bool is_error() const { return !is_ok(); }
  Errno error() const {
    if (is_ok()) __builtin_trap();
    return error_;
  }
  void release_value() const {}

 private:
  Errno error_;  // Errno{} (0) means success: no Linux error has the number 0
};

}  // namespace ktl

#pragma pop_macro("new")

// Evaluates `expr` (a Result<T>); on error returns that error from the enclosing
// function (which must return a Result or an Errno), otherwise yields the T.
// A GNU statement expression: GCC and Clang both accept it.
#define TRY(expr)                                                       \
  ({                                                                    \
    auto&& seaos_try_result_ = (expr);                                  \
    if (seaos_try_result_.is_error()) return seaos_try_result_.error(); \
    seaos_try_result_.release_value();                                  \
  })
