// mm/user_table.cc - the kernel's tree, user trees, and CR3.
//
// The kernel's PageTable describes one PML4 whose lower half stays empty: loaded in CR3
// when no user program runs, it makes every user address fault. A user tree is a fresh
// PML4 whose upper 256 entries are copies of the kernel's. Those entries point to PDPTs
// that mmu_init allocates once for the whole kernel half (kernel_map.cc) and that are
// never freed, so the copies never go stale: whatever the kernel maps later lands in a
// table every PML4 already shares. destroy() frees only the user half's tables.
//
// Activating a table writes CR3, which drops this CPU's non-global TLB entries - all of
// the user half, none of the kernel's global ones. Without PCIDs that is the whole cost
// of an address-space switch.
#include <arch/mmu.hh>
#include <new>

#include "../cpu/x86.hh"
#include "mm/mm.hh"
#include "table_edit.hh"

namespace arch {
namespace {

// root 0: filled in from CR3 by the first kernel() call (the boot tables), and replaced
// by mmu_init's tree through adopt_root().
PageTable kernel_table{0, true};

// Frees the table pages below `phys` (a table at `level`), then the table itself.
void free_tables(uint64_t phys, int level) {
  uint64_t* table = page_table::table_at(phys);
  if (level < 3)
    for (unsigned i = 0; i < pte::kEntries; ++i)
      if (pte::is_table(table[i], level)) free_tables(pte::address(table[i]), level + 1);
  mm::page_free(phys);
}

}  // namespace

PageTable& PageTable::kernel() {
  if (!kernel_table.root_) kernel_table.root_ = x86::read_cr3() & pte::kAddressMask;
  return kernel_table;
}

ktl::Result<PageTable*> PageTable::create_user() {
  uint64_t root = TRY(page_table::alloc_table());
  const uint64_t* kernel_root = page_table::table_at(kernel().root_);
  uint64_t* user_root = page_table::table_at(root);
  for (unsigned i = pte::kFirstKernelEntry; i < pte::kEntries; ++i) user_root[i] = kernel_root[i];
  auto* table = new (std::nothrow) PageTable(root, false);
  if (!table) {
    mm::page_free(root);
    return ktl::Errno::NoMem;
  }
  return table;
}

void PageTable::destroy(PageTable* table) {
  if (!table || table->kernel_) return;
  if ((x86::read_cr3() & pte::kAddressMask) == table->root_) kernel().activate();
  uint64_t* root = page_table::table_at(table->root_);
  for (unsigned i = 0; i < pte::kFirstKernelEntry; ++i)
    if (pte::is_table(root[i], 0)) free_tables(pte::address(root[i]), 1);
  mm::page_free(table->root_);
  delete table;
}

void PageTable::activate() {
  if ((x86::read_cr3() & pte::kAddressMask) != root_) x86::write_cr3(root_);
}

}  // namespace arch
