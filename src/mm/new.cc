// mm/new.cc - C++ new and delete for the kernel, on top of kmalloc (kernel only).
//
// The kernel is built without exceptions, so a plain `new T` that cannot get memory has
// no way to tell its caller: it panics. Code that can run out of memory in a way that
// should be handled (anything sized by a user request) uses `new (std::nothrow) T`, which
// returns nullptr, or kmalloc's Result directly. Sized and aligned forms are the ones GCC
// emits for C++17 and later (over-aligned types call the align_val_t overloads).
// delete ignores the size: kfree finds it from the page descriptor.
#include <new>

#include "kernel/panic.hh"
#include "mm/mm.hh"

namespace std {
// <new> declares it; libsupc++ would define it, and the kernel links no libsupc++.
const nothrow_t nothrow{};
}  // namespace std

namespace {

void* allocate_or_panic(size_t size, size_t align) {
  auto memory = align <= 16 ? mm::kmalloc(size) : mm::kmalloc_aligned(size, align);
  if (memory.is_error())
    panic("operator new(%zu, align %zu): %s", size, align, ktl::errno_name(memory.error()));
  return memory.value();
}

void* allocate_or_null(size_t size, size_t align) {
  auto memory = align <= 16 ? mm::kmalloc(size) : mm::kmalloc_aligned(size, align);
  return memory.is_ok() ? memory.value() : nullptr;
}

}  // namespace

void* operator new(size_t size) { return allocate_or_panic(size, 16); }
void* operator new[](size_t size) { return allocate_or_panic(size, 16); }
void* operator new(size_t size, std::align_val_t align) {
  return allocate_or_panic(size, static_cast<size_t>(align));
}
void* operator new[](size_t size, std::align_val_t align) {
  return allocate_or_panic(size, static_cast<size_t>(align));
}

void* operator new(size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, 16);
}
void* operator new[](size_t size, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, 16);
}
void* operator new(size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, static_cast<size_t>(align));
}
void* operator new[](size_t size, std::align_val_t align, const std::nothrow_t&) noexcept {
  return allocate_or_null(size, static_cast<size_t>(align));
}

void operator delete(void* ptr) noexcept { mm::kfree(ptr); }
void operator delete[](void* ptr) noexcept { mm::kfree(ptr); }
void operator delete(void* ptr, size_t) noexcept { mm::kfree(ptr); }
void operator delete[](void* ptr, size_t) noexcept { mm::kfree(ptr); }
void operator delete(void* ptr, std::align_val_t) noexcept { mm::kfree(ptr); }
void operator delete[](void* ptr, std::align_val_t) noexcept { mm::kfree(ptr); }
void operator delete(void* ptr, size_t, std::align_val_t) noexcept { mm::kfree(ptr); }
void operator delete[](void* ptr, size_t, std::align_val_t) noexcept { mm::kfree(ptr); }
void operator delete(void* ptr, const std::nothrow_t&) noexcept { mm::kfree(ptr); }
void operator delete[](void* ptr, const std::nothrow_t&) noexcept { mm::kfree(ptr); }
void operator delete(void* ptr, std::align_val_t, const std::nothrow_t&) noexcept {
  mm::kfree(ptr);
}
void operator delete[](void* ptr, std::align_val_t, const std::nothrow_t&) noexcept {
  mm::kfree(ptr);
}
