// lib/list.hh - an intrusive, circular, doubly linked list.
//
// Kernel allocators cannot allocate list nodes (they *are* the allocator), so the links
// live inside the objects: a type that can be on a list derives from ListLink<Tag>, and
// List<T, Tag> strings such objects together. An object is on at most one list per tag.
// Removing an object from the middle is O(1), which is what the buddy allocator needs to
// pull a block's buddy off its free list when the two merge.
//
// The list head is a sentinel link pointing at itself when empty, so push and remove
// have no special cases. Lists are not copyable (the sentinel's address matters).
// Nothing here locks: the owner of the list says which lock guards it.
#pragma once

#include <stddef.h>

namespace ktl {

struct DefaultListTag;

template <class Tag = DefaultListTag>
struct ListLink {
  ListLink* prev = nullptr;  // nullptr when not on a list
  ListLink* next = nullptr;

  bool is_linked() const { return next != nullptr; }
};

template <class T, class Tag = DefaultListTag>
class List {
  using Link = ListLink<Tag>;

 public:
  constexpr List() { head_.prev = head_.next = &head_; }
  List(const List&) = delete;
  List& operator=(const List&) = delete;

  bool empty() const { return head_.next == &head_; }
  size_t size() const {  // O(n): for tests and reports, not fast paths
    size_t n = 0;
    for (const Link* l = head_.next; l != &head_; l = l->next) ++n;
    return n;
  }

  T* front() const { return empty() ? nullptr : object(head_.next); }

  void push_front(T* item) { insert_after(&head_, link(item)); }
  void push_back(T* item) { insert_after(head_.prev, link(item)); }

  // Precondition: item is on this list.
  void remove(T* item) {
    Link* l = link(item);
    l->prev->next = l->next;
    l->next->prev = l->prev;
    l->prev = l->next = nullptr;
  }

  // Removes and returns the first item, or nullptr when empty.
  T* pop_front() {
    if (empty()) return nullptr;
    T* item = object(head_.next);
    remove(item);
    return item;
  }

  // Iteration that tolerates removing the current item: the next link is read first.
  template <class Fn>
  void for_each(Fn fn) {
    for (Link* l = head_.next; l != &head_;) {
      Link* next = l->next;
      fn(object(l));
      l = next;
    }
  }

 private:
  static Link* link(T* item) { return static_cast<Link*>(item); }
  static T* object(Link* l) { return static_cast<T*>(l); }
  static T* object(const Link* l) { return static_cast<T*>(const_cast<Link*>(l)); }

  static void insert_after(Link* pos, Link* l) {
    l->prev = pos;
    l->next = pos->next;
    pos->next->prev = l;
    pos->next = l;
  }

  Link head_;
};

}  // namespace ktl
