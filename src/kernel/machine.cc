// kernel/machine.cc - summing the memory map without double counting.
//
// Firmware maps may overlap (some repeat ranges). The usable ranges are copied, sorted
// by base (insertion sort: the map has at most boot::kMaxMemRanges entries) and swept
// once, counting only the part of each range past what was already counted.
#include "kernel/machine.hh"

namespace machine {

uint64_t usable_bytes(const boot::Info& info) {
  struct Span {
    uint64_t start, end;
  } spans[boot::kMaxMemRanges];
  size_t n = 0;
  for (size_t i = 0; i < info.mem_count && i < boot::kMaxMemRanges; ++i) {
    const boot::MemRange& r = info.mem[i];
    if (r.kind != boot::MemKind::Usable || r.size == 0) continue;
    Span s{r.base, r.base + r.size};
    size_t j = n++;
    for (; j > 0 && spans[j - 1].start > s.start; --j) spans[j] = spans[j - 1];
    spans[j] = s;
  }
  uint64_t total = 0, covered_to = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t start = spans[i].start > covered_to ? spans[i].start : covered_to;
    if (spans[i].end > start) total += spans[i].end - start;
    if (spans[i].end > covered_to) covered_to = spans[i].end;
  }
  return total;
}

uint64_t ram_mib(const boot::Info& info) {
  constexpr uint64_t kTwoMiB = 2ull << 20;
  uint64_t bytes = usable_bytes(info);
  return ((bytes + kTwoMiB - 1) / kTwoMiB) * 2;
}

const char* mem_kind_name(boot::MemKind kind) {
  switch (kind) {
    case boot::MemKind::Usable: return "usable";
    case boot::MemKind::Reserved: return "reserved";
    case boot::MemKind::AcpiReclaimable: return "ACPI reclaimable";
    case boot::MemKind::AcpiNvs: return "ACPI NVS";
    case boot::MemKind::Bad: return "bad";
  }
  return "?";
}

}  // namespace machine
