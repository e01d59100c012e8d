// fs/page_tree.hh - a file's pages, indexed by page number: a small radix tree.
//
// ramfs keeps file contents in whole pages from the page allocator, so that the page
// cache and mmap (the mmap issue) can later map the very same pages into a process
// instead of copying. A PageTree maps a page index (byte offset / 4096) to the physical
// address of the page holding those bytes; an index with no page is a hole, which reads
// as zeros. Each tree node is an array of 512 slots (one 4 KiB allocation); a tree of
// height h covers 512^h pages, and grows a level when a write lands beyond that, so a
// small file costs one node and a sparse file only the nodes on its paths.
//
// No locking here: the owning inode's lock guards the tree. Pages come from, and go back
// to, a PageSource (fs/page_source.hh) that the tree itself never calls: insert() takes
// a page already allocated, truncate() hands each removed page to a callback.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "lib/result.hh"

namespace fs {

class PageTree {
 public:
  static constexpr unsigned kFanoutShift = 9;
  static constexpr size_t kFanout = size_t{1} << kFanoutShift;
  static constexpr int kMaxHeight = 4;  // 2^36 pages: 256 TiB

  PageTree() = default;
  ~PageTree();  // the pages must have been removed (truncate(0, ...)) before
  PageTree(const PageTree&) = delete;
  PageTree& operator=(const PageTree&) = delete;

  // The physical address stored for `index`, or 0 (a hole).
  uint64_t lookup(uint64_t index) const;
  // Stores `phys` (non-zero) for `index`, which must be a hole. Errors: NoMem (a node),
  // FBig (index beyond kMaxHeight levels).
  ktl::Result<void> insert(uint64_t index, uint64_t phys);
  // Removes every page with index >= first, calling release(ctx, phys) for each, and
  // frees the nodes left empty.
  void truncate(uint64_t first, void (*release)(void* ctx, uint64_t phys), void* ctx);
  // Pages stored.
  size_t page_count() const { return pages_; }

 private:
  struct Node {
    uint64_t slot[kFanout];  // leaf: physical addresses; interior: Node pointers
  };
  static uint64_t span(int height);  // pages covered by a subtree of this height
  bool prune(Node* node, int height, uint64_t base, uint64_t first,
             void (*release)(void*, uint64_t), void* ctx);

  Node* root_ = nullptr;
  int height_ = 0;  // 0: empty; 1: root_ is a leaf
  size_t pages_ = 0;
};

}  // namespace fs
