// fs/ref.hh - Ref<T>: a counted reference to a VFS object.
//
// Inodes, dentries, open files, pipes and fd tables live as long as someone refers to
// them. Each has get() and put() (an atomic count; the last put frees the object), and
// Ref<T> is the RAII holder that makes "who owns a reference" visible in the types:
// a function returning Ref<Dentry> hands the caller one reference, a Ref going out of
// scope gives it back. Raw pointers in fs code are borrowed: valid while some Ref, or a
// lock that pins the object, is held by the caller.
#pragma once

namespace fs {

template <class T>
class Ref {
 public:
  Ref() = default;
  // Takes a new reference to `p` (may be null).
  explicit Ref(T* p) : p_(p) {
    if (p_) p_->get();
  }
  // Wraps a reference the caller already owns (from a constructor or a factory).
  static Ref adopt(T* p) {
    Ref r;
    r.p_ = p;
    return r;
  }
  Ref(const Ref& o) : Ref(o.p_) {}
  Ref(Ref&& o) : p_(o.p_) { o.p_ = nullptr; }
  Ref& operator=(const Ref& o) {
    Ref copy(o);
    swap(copy);
    return *this;
  }
  Ref& operator=(Ref&& o) {
    Ref moved(static_cast<Ref&&>(o));
    swap(moved);
    return *this;
  }
  ~Ref() { reset(); }

  void reset() {
    if (p_) p_->put();
    p_ = nullptr;
  }
  // Gives up ownership without dropping the reference.
  T* leak() {
    T* p = p_;
    p_ = nullptr;
    return p;
  }
  void swap(Ref& o) {
    T* t = p_;
    p_ = o.p_;
    o.p_ = t;
  }

  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  bool operator==(const Ref& o) const { return p_ == o.p_; }

 private:
  T* p_ = nullptr;
};

}  // namespace fs
