// arch/aarch64/fdt.hh - reading a flattened device tree (the DTB the boot loader passes).
//
// A DTB is a header, a memory-reservation block, a structure block and a strings block.
// The structure block is a stream of big-endian 32-bit tokens: BEGIN_NODE (name follows),
// PROP (length, offset of the name in the strings block, value), END_NODE, NOP, END. A
// node is represented here by the offset of its BEGIN_NODE token; walking is done on
// demand, nothing is copied or allocated, so this works before any memory allocator.
// Every read is bounds-checked against the sizes in the header: a corrupt blob gives
// "not found", never a fault.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace fdt {

// A property value: `size` bytes at `data` (big-endian cells, or NUL-separated strings).
struct Property {
  const uint8_t* data = nullptr;
  uint32_t size = 0;

  // Cell `index` (32 bits each), 0 when out of range.
  uint32_t cell(size_t index) const;
  // The value built from `count` cells (1 or 2) starting at cell `index`.
  uint64_t cells(size_t index, int count) const;
  // The whole value as one number: 4 bytes -> u32, 8 bytes -> u64 (linux,initrd-*).
  uint64_t number() const;
  // The first string (nullptr unless the value is NUL-terminated).
  const char* string() const;
  // True when the string list contains `s` exactly (for "compatible").
  bool has_string(const char* s) const;
};

using Node = int32_t;  // offset of a BEGIN_NODE token in the structure block
inline constexpr Node kNone = -1;

class Tree {
 public:
  // Checks the header (magic, version, block bounds); false when `blob` is not a DTB.
  bool open(const void* blob);
  uint32_t total_size() const { return total_size_; }

  Node root() const { return struct_size_ >= 4 && token_at(0) == kBeginNode ? 0 : kNone; }
  Node first_child(Node node) const;
  Node next_sibling(Node node) const;
  const char* name(Node node) const;
  bool property(Node node, const char* name, Property* out) const;

  // The node at `path` ("/chosen", "/cpus/cpu@0"); a component without '@' also matches
  // a name with a unit address ("memory" finds "memory@40000000"). `parent` (optional)
  // receives the node's parent, whose #address-cells/#size-cells describe its `reg`.
  Node find_path(const char* path, Node* parent = nullptr) const;
  // The first node (depth first) whose "compatible" list contains `compatible`.
  Node find_compatible(const char* compatible, Node* parent = nullptr) const;

  // #address-cells / #size-cells of `node` for its children (defaults 2 and 1).
  int address_cells(Node node) const;
  int size_cells(Node node) const;

  // Entries of the memory-reservation block (/memreserve/), until the (0, 0) end marker.
  size_t reservation_count() const;
  void reservation(size_t index, uint64_t* base, uint64_t* size) const;

 private:
  static constexpr uint32_t kBeginNode = 1, kEndNode = 2, kProp = 3, kNop = 4, kEnd = 9;

  uint32_t token_at(uint32_t offset) const;
  uint32_t skip_name(uint32_t offset) const;      // offset after BEGIN_NODE and name
  uint32_t skip_property(uint32_t offset) const;  // offset after a PROP and its value
  uint32_t skip_node(Node node) const;            // offset after the node's END_NODE
  uint32_t skip_nops(uint32_t offset) const;
  bool name_matches(Node node, const char* component, size_t length) const;
  int cells_property(Node node, const char* name, int fallback) const;

  const uint8_t* structs_ = nullptr;
  const char* strings_ = nullptr;
  const uint8_t* reservations_ = nullptr;
  uint32_t total_size_ = 0, struct_size_ = 0, strings_size_ = 0, reservations_size_ = 0;
};

}  // namespace fdt
