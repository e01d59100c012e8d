// fs/page_tree.cc - lookup, insert with growth, and truncation of a PageTree.
#include "fs/page_tree.hh"

#include <new>

#include "lib/string.hh"

namespace fs {

namespace {

template <class Node>
Node* new_node() {
  Node* n = new (std::nothrow) Node;
  if (n) memset(n, 0, sizeof(Node));
  return n;
}

}  // namespace

PageTree::~PageTree() {
  // Only nodes can be left (truncate(0) frees them too): nothing to do if used rightly.
  if (root_)
    truncate(
        0, [](void*, uint64_t) {}, nullptr);
}

uint64_t PageTree::span(int height) {
  return height <= 0 ? 1 : uint64_t{1} << (kFanoutShift * height);
}

uint64_t PageTree::lookup(uint64_t index) const {
  if (!root_ || index >= span(height_)) return 0;
  const Node* n = root_;
  for (int h = height_; h > 1; --h) {
    uint64_t child = n->slot[(index >> (kFanoutShift * (h - 1))) % kFanout];
    if (!child) return 0;
    n = reinterpret_cast<const Node*>(child);
  }
  return n->slot[index % kFanout];
}

ktl::Result<void> PageTree::insert(uint64_t index, uint64_t phys) {
  if (!root_) {
    root_ = new_node<Node>();
    if (!root_) return ktl::Errno::NoMem;
    height_ = 1;
  }
  while (index >= span(height_)) {  // grow: the old root becomes slot 0 of a new one
    if (height_ == kMaxHeight) return ktl::Errno::FBig;
    Node* top = new_node<Node>();
    if (!top) return ktl::Errno::NoMem;
    top->slot[0] = reinterpret_cast<uint64_t>(root_);
    root_ = top;
    ++height_;
  }
  Node* n = root_;
  for (int h = height_; h > 1; --h) {
    uint64_t& slot = n->slot[(index >> (kFanoutShift * (h - 1))) % kFanout];
    if (!slot) {
      Node* child = new_node<Node>();
      if (!child) return ktl::Errno::NoMem;
      slot = reinterpret_cast<uint64_t>(child);
    }
    n = reinterpret_cast<Node*>(slot);
  }
  n->slot[index % kFanout] = phys;
  ++pages_;
  return {};
}

// Clears the slots of `node` (covering pages from `base`) at or past `first`; returns
// true when the node is now empty (the caller frees it).
bool PageTree::prune(Node* node, int height, uint64_t base, uint64_t first,
                     void (*release)(void*, uint64_t), void* ctx) {
  uint64_t child_span = span(height - 1);
  bool empty = true;
  for (size_t i = 0; i < kFanout; ++i) {
    uint64_t& slot = node->slot[i];
    if (!slot) continue;
    uint64_t child_base = base + i * child_span;
    if (child_base + child_span <= first) {  // entirely kept
      empty = false;
      continue;
    }
    if (height == 1) {
      release(ctx, slot);
      slot = 0;
      --pages_;
      continue;
    }
    Node* child = reinterpret_cast<Node*>(slot);
    if (prune(child, height - 1, child_base, first, release, ctx)) {
      delete child;
      slot = 0;
    } else {
      empty = false;
    }
  }
  return empty;
}

void PageTree::truncate(uint64_t first, void (*release)(void*, uint64_t), void* ctx) {
  if (!root_) return;
  if (prune(root_, height_, 0, first, release, ctx)) {
    delete root_;
    root_ = nullptr;
    height_ = 0;
  }
}

}  // namespace fs
