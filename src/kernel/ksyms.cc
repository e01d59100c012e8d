// kernel/ksyms.cc - binary search in the kernel's symbol table.
#include "kernel/ksyms.hh"

#include "lib/string.hh"

// Defined by the generated table in the second link; weak empty defaults in ksyms_empty.cc.
extern "C" const ksyms::Entry __ksyms_entries[];
extern "C" const uint64_t __ksyms_count;
extern "C" const char __ksyms_names[];

namespace ksyms {

Table kernel_table() { return Table{__ksyms_entries, __ksyms_count, __ksyms_names}; }

const char* lookup(const Table& table, uintptr_t address, uintptr_t* offset) {
  // Find the last entry whose address is <= `address`.
  uint64_t lo = 0, hi = table.count;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (table.entries[mid].address <= address) lo = mid + 1;
    else hi = mid;
  }
  if (lo == 0) return nullptr;
  const Entry& e = table.entries[lo - 1];
  if (offset) *offset = address - e.address;
  return table.names + e.name_offset;
}

uintptr_t address_of(const Table& table, const char* name) {
  for (uint64_t i = 0; i < table.count; ++i)
    if (ktl::str_compare(table.names + table.entries[i].name_offset, name) == 0)
      return table.entries[i].address;
  return 0;
}

}  // namespace ksyms
