// arch/aarch64/user_table.cc - user address spaces: their tables, ASIDs and TTBR0.
//
// A user table is a level-0 table for TTBR0 plus an ASID. The TLB tags every user entry
// with the ASID of the table it came from, so activate() only writes TTBR0 (root and
// ASID in one register) and the TLB entries of the previous address space simply stop
// matching. ASID 0 is never handed out: it is what TTBR0 holds while no user table is
// active (kernel().activate()), so nothing can hit under it.
//
// The allocator is a bitmap over 2^8 or 2^16 ASIDs (ID_AA64MMFR0_EL1.ASIDBits; TCR.AS
// selects 16 bits in mmu_init). A freed ASID is flushed from every TLB before it can
// be reused. Should every ASID be taken, further tables share kSharedAsid and flush it
// on each activate: slower, never wrong. `asid_lock` guards the bitmap and the cursor.
#include <arch/mmu.hh>
#include <new>

#include "mm/mm.hh"
#include "page_table_internal.hh"

namespace arch {
namespace {

constexpr uint16_t kNoUserAsid = 0;  // TTBR0 with no user table
constexpr uint16_t kSharedAsid = 1;  // for tables made when every ASID was taken
constexpr uint32_t kMaxAsids = 1u << 16;

ktl::SpinLock asid_lock{"asid"};
uint64_t asid_used[kMaxAsids / 64];      // guarded by asid_lock
uint32_t asid_count = 1u << 8;           // set by asid_init(); 8-bit until then
uint32_t asid_cursor = kSharedAsid + 1;  // next-fit search start; guarded by asid_lock

PageTable kernel_table{0, kNoUserAsid, true};

uint16_t asid_alloc() {
  ktl::SpinGuard guard(asid_lock);
  for (uint32_t n = 0; n < asid_count; ++n) {
    uint32_t asid = asid_cursor;
    asid_cursor = asid_cursor + 1 < asid_count ? asid_cursor + 1 : kSharedAsid + 1;
    if (asid <= kSharedAsid || (asid_used[asid / 64] >> (asid % 64) & 1)) continue;
    asid_used[asid / 64] |= 1ull << (asid % 64);
    return static_cast<uint16_t>(asid);
  }
  return kSharedAsid;
}

void asid_free(uint16_t asid) {
  pte::invalidate_asid(asid);  // the next owner must not inherit our TLB entries
  pte::complete();
  if (asid == kSharedAsid) return;
  ktl::SpinGuard guard(asid_lock);
  asid_used[asid / 64] &= ~(1ull << (asid % 64));
}

uint64_t read_ttbr0() {
  uint64_t v;
  __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(v));
  return v;
}

// Frees the table pages below `phys` (a table at `level`), then the table itself.
void free_tables(uint64_t phys, int level) {
  uint64_t* table = page_table::table_at(phys);
  if (level < 3)
    for (uint64_t i = 0; i < pte::kEntries; ++i)
      if (pte::is_table(table[i], level)) free_tables(pte::address(table[i]), level + 1);
  mm::page_free(phys);
}

}  // namespace

// Called by mmu_init once TCR.AS says how wide ASIDs are.
void asid_init(unsigned bits) { asid_count = 1u << bits; }

PageTable& PageTable::kernel() {
  // Until mmu_init adopts its own tree, the kernel table is the boot one in TTBR1.
  if (!kernel_table.root_) {
    uint64_t ttbr1;
    __asm__ volatile("mrs %0, ttbr1_el1" : "=r"(ttbr1));
    kernel_table.root_ = ttbr1 & DESC_ADDR_MASK;
  }
  return kernel_table;
}

ktl::Result<PageTable*> PageTable::create_user() {
  uint64_t root = TRY(page_table::alloc_table());
  auto* table = new (std::nothrow) PageTable(root, 0, false);
  if (!table) {
    mm::page_free(root);
    return ktl::Errno::NoMem;
  }
  table->asid_ = asid_alloc();
  return table;
}

void PageTable::destroy(PageTable* table) {
  if (!table || table->kernel_) return;
  uint64_t ttbr0 = read_ttbr0();
  if ((ttbr0 & DESC_ADDR_MASK) == table->root_) kernel_table.activate();
  free_tables(table->root_, 0);
  asid_free(table->asid_);
  delete table;
}

void PageTable::activate() {
  uint64_t tcr;
  __asm__ volatile("mrs %0, tcr_el1" : "=r"(tcr));
  if (kernel_) {
    __asm__ volatile("msr ttbr0_el1, xzr\n\tisb" : : : "memory");
    if (!(tcr & TCR_EPD0)) __asm__ volatile("msr tcr_el1, %0\n\tisb" : : "r"(tcr | TCR_EPD0));
    return;
  }
  uint64_t ttbr0 = root_ | static_cast<uint64_t>(asid_) << 48;
  __asm__ volatile("msr ttbr0_el1, %0\n\tisb" : : "r"(ttbr0) : "memory");
  if (asid_ == kSharedAsid)  // another table may have left entries under this ASID
    __asm__ volatile("tlbi aside1, %0\n\tdsb nsh" : : "r"(ttbr0 & (0xffffull << 48)) : "memory");
  if (tcr & TCR_EPD0) __asm__ volatile("msr tcr_el1, %0" : : "r"(tcr & ~TCR_EPD0));
  __asm__ volatile("isb" : : : "memory");
}

}  // namespace arch
