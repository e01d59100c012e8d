// kernel/ksyms.hh - kernel symbol names for backtraces and reports.
//
// The build links the kernel twice: the first link's `nm` output is turned into a sorted
// table (tools/scripts/ksyms.py) that the second link places in the last section of the
// image, so no other address moves. Until then the table is empty and lookups fail.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace ksyms {

struct Entry {
  uint64_t address;      // start of the function
  uint32_t name_offset;  // into Table::names
  uint32_t reserved;
};

struct Table {
  const Entry* entries;  // sorted by address
  uint64_t count;
  const char* names;     // NUL-terminated names, back to back
};

// The table linked into this kernel (empty when built without symbols).
Table kernel_table();

// Name of the function containing `address` and the offset into it, or nullptr when
// the address is below the first symbol or the table is empty.
const char* lookup(const Table& table, uintptr_t address, uintptr_t* offset);

// Address of the symbol called `name`, or 0.
uintptr_t address_of(const Table& table, const char* name);

}  // namespace ksyms
