// arch/aarch64/fdt.cc - walking the flattened device tree's token stream.
//
// Format facts (Devicetree Specification v0.4, chapter 5): all header fields and cells
// are big-endian; tokens, property values and node names are padded to 4 bytes; the
// header's version must be at least 16 for size_dt_struct to exist (QEMU writes 17).
// Every function below treats a malformed stream as "nothing more here".
#include "fdt.hh"

#include "lib/string.hh"

namespace fdt {
namespace {

constexpr uint32_t kMagic = 0xd00dfeed;
constexpr uint32_t kMinVersion = 16;
constexpr int kMaxDepth = 16;  // deeper trees are not searched (QEMU's has depth 3)

uint32_t read_be32(const uint8_t* p) {
  return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3];
}

uint64_t read_be64(const uint8_t* p) { return uint64_t{read_be32(p)} << 32 | read_be32(p + 4); }

uint32_t align4(uint32_t n) { return (n + 3) & ~3u; }

}  // namespace

// ---- Property ---------------------------------------------------------------------------

uint32_t Property::cell(size_t index) const {
  return (index + 1) * 4 <= size ? read_be32(data + index * 4) : 0;
}

uint64_t Property::cells(size_t index, int count) const {
  return count == 2 ? uint64_t{cell(index)} << 32 | cell(index + 1) : cell(index);
}

uint64_t Property::number() const {
  if (size == 8) return cells(0, 2);
  return size == 4 ? cell(0) : 0;
}

const char* Property::string() const {
  return size > 0 && data[size - 1] == '\0' ? reinterpret_cast<const char*>(data) : nullptr;
}

bool Property::has_string(const char* s) const {
  if (!string()) return false;
  for (uint32_t at = 0; at < size;) {
    const char* item = reinterpret_cast<const char*>(data + at);
    if (ktl::str_compare(item, s) == 0) return true;
    at += static_cast<uint32_t>(strlen(item)) + 1;
  }
  return false;
}

// ---- Tree: header -----------------------------------------------------------------------

bool Tree::open(const void* blob) {
  auto* b = static_cast<const uint8_t*>(blob);
  if (!b || read_be32(b) != kMagic || read_be32(b + 20) < kMinVersion) return false;
  uint32_t total = read_be32(b + 4);
  uint32_t struct_off = read_be32(b + 8), strings_off = read_be32(b + 12);
  uint32_t reserve_off = read_be32(b + 16);
  uint32_t strings_size = read_be32(b + 32), struct_size = read_be32(b + 36);
  auto fits = [total](uint64_t off, uint64_t size) { return off + size <= total; };
  if (!fits(struct_off, struct_size) || !fits(strings_off, strings_size) ||
      !fits(reserve_off, 16) || struct_off % 4 != 0 || reserve_off % 8 != 0)
    return false;
  total_size_ = total;
  structs_ = b + struct_off;
  struct_size_ = struct_size;
  strings_ = reinterpret_cast<const char*>(b + strings_off);
  strings_size_ = strings_size;
  reservations_ = b + reserve_off;
  reservations_size_ = total - reserve_off;
  return true;
}

// ---- Tree: the token stream ---------------------------------------------------------------

uint32_t Tree::token_at(uint32_t offset) const {
  return offset + 4 <= struct_size_ ? read_be32(structs_ + offset) : kEnd;
}

uint32_t Tree::skip_name(uint32_t offset) const {
  for (uint32_t at = offset + 4; at < struct_size_; ++at)
    if (structs_[at] == '\0') return align4(at + 1);
  return struct_size_;
}

uint32_t Tree::skip_property(uint32_t offset) const {
  if (offset + 12 > struct_size_) return struct_size_;
  uint32_t length = read_be32(structs_ + offset + 4);
  if (length > struct_size_ - offset - 12) return struct_size_;
  return offset + 12 + align4(length);
}

uint32_t Tree::skip_nops(uint32_t offset) const {
  while (token_at(offset) == kNop) offset += 4;
  return offset;
}

uint32_t Tree::skip_node(Node node) const {
  uint32_t at = skip_name(static_cast<uint32_t>(node));
  for (int depth = 1;;) {
    switch (token_at(at)) {
      case kBeginNode: ++depth; at = skip_name(at); break;
      case kProp: at = skip_property(at); break;
      case kNop: at += 4; break;
      case kEndNode:
        at += 4;
        if (--depth == 0) return at;
        break;
      default: return struct_size_;  // kEnd or garbage: the stream is over
    }
  }
}

// ---- Tree: nodes and properties -----------------------------------------------------------

Node Tree::first_child(Node node) const {
  if (node == kNone) return kNone;
  uint32_t at = skip_name(static_cast<uint32_t>(node));
  for (;;) {
    uint32_t token = token_at(at);
    if (token == kProp) at = skip_property(at);
    else if (token == kNop) at += 4;
    else return token == kBeginNode ? static_cast<Node>(at) : kNone;
  }
}

Node Tree::next_sibling(Node node) const {
  if (node == kNone) return kNone;
  uint32_t at = skip_nops(skip_node(node));
  return token_at(at) == kBeginNode ? static_cast<Node>(at) : kNone;
}

const char* Tree::name(Node node) const {
  if (node == kNone || skip_name(static_cast<uint32_t>(node)) >= struct_size_) return "";
  return reinterpret_cast<const char*>(structs_ + node + 4);
}

bool Tree::property(Node node, const char* wanted, Property* out) const {
  if (node == kNone) return false;
  uint32_t at = skip_name(static_cast<uint32_t>(node));
  for (;;) {
    uint32_t token = token_at(at);
    if (token == kNop) {
      at += 4;
      continue;
    }
    if (token != kProp || at + 12 > struct_size_) return false;
    uint32_t length = read_be32(structs_ + at + 4), name_off = read_be32(structs_ + at + 8);
    if (length > struct_size_ - at - 12) return false;
    uint32_t name_room = name_off < strings_size_ ? strings_size_ - name_off : 0;
    if (name_room && ktl::str_nlength(strings_ + name_off, name_room) < name_room &&
        ktl::str_compare(strings_ + name_off, wanted) == 0) {
      out->data = structs_ + at + 12;
      out->size = length;
      return true;
    }
    at = skip_property(at);
  }
}

bool Tree::name_matches(Node node, const char* component, size_t length) const {
  const char* n = name(node);
  if (ktl::str_ncompare(n, component, length) != 0) return false;
  if (n[length] == '\0') return true;
  // "memory" matches "memory@40000000" unless the path gave a unit address itself.
  bool has_unit = false;
  for (size_t i = 0; i < length; ++i) has_unit = has_unit || component[i] == '@';
  return n[length] == '@' && !has_unit;
}

Node Tree::find_path(const char* path, Node* parent) const {
  Node node = root(), above = kNone;
  if (!path || path[0] != '/') return kNone;
  const char* p = path;
  while (node != kNone) {
    while (*p == '/') ++p;
    if (!*p) break;
    size_t length = 0;
    while (p[length] && p[length] != '/') ++length;
    Node child = first_child(node);
    while (child != kNone && !name_matches(child, p, length)) child = next_sibling(child);
    above = node;
    node = child;
    p += length;
  }
  if (parent) *parent = above;
  return node;
}

Node Tree::find_compatible(const char* compatible, Node* parent) const {
  // Depth-first, with the path from the root kept in `stack` (stack[d] is at depth d).
  Node stack[kMaxDepth];
  int depth = 0;
  stack[0] = root();
  while (depth >= 0 && stack[depth] != kNone) {
    Node node = stack[depth];
    Property compat;
    if (property(node, "compatible", &compat) && compat.has_string(compatible)) {
      if (parent) *parent = depth > 0 ? stack[depth - 1] : kNone;
      return node;
    }
    Node next = depth + 1 < kMaxDepth ? first_child(node) : kNone;
    if (next != kNone) {
      stack[++depth] = next;
      continue;
    }
    // No children: move to the next sibling, climbing while there is none.
    while (depth >= 0 && (next = next_sibling(stack[depth])) == kNone) --depth;
    if (depth >= 0) stack[depth] = next;
  }
  return kNone;
}

int Tree::cells_property(Node node, const char* prop_name, int fallback) const {
  Property p;
  if (!property(node, prop_name, &p) || p.size != 4) return fallback;
  return static_cast<int>(p.cell(0));
}

int Tree::address_cells(Node node) const { return cells_property(node, "#address-cells", 2); }
int Tree::size_cells(Node node) const { return cells_property(node, "#size-cells", 1); }

// ---- Tree: /memreserve/ ---------------------------------------------------------------------

size_t Tree::reservation_count() const {
  size_t n = 0;
  for (uint32_t at = 0; at + 16 <= reservations_size_; at += 16, ++n)
    if (read_be64(reservations_ + at) == 0 && read_be64(reservations_ + at + 8) == 0) break;
  return n;
}

void Tree::reservation(size_t index, uint64_t* base, uint64_t* size) const {
  *base = read_be64(reservations_ + index * 16);
  *size = read_be64(reservations_ + index * 16 + 8);
}

}  // namespace fdt
