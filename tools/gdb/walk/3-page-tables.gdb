# tools/gdb/walk/3-page-tables.gdb - lab 3: page tables, walked the way the MMU does.
# cmdline:
# smp: 2
#
# Run with `make walk LAB=3 [ARCH=aarch64]`. `sea pt ADDRESS` starts at the CPU's table
# base register (CR3; TTBR1_EL1/TTBR0_EL1) and reads one entry per level. Three
# addresses, at two moments:
#   kernel text   kernel_main                     should be present, kernel-only, executable
#   direct map    kDirectMapBase + phys(log_ring) RAM seen through the direct map: never executable
#   unmapped      0x1000                          a low address: not mapped, so a null-ish
#                                                 pointer faults
# first in the boot tables (kernel_main), then in the kernel's final map, which
# arch::mmu_init builds before the self-tests run (selftest::run): look for W^X - text
# read-only and executable, data writable and not executable - and 4 KiB pages where the
# boot map used 2 MiB blocks.

echo \n=== 1. The boot page tables, at kernel_main ===\n
hbreak kernel_main
continue
if $_streq($_sea_arch(), "x86_64")
  p/x $cr3
else
  p/x $TTBR1_EL1
end
echo \n--- kernel text ---\n
sea pt kernel_main
echo \n--- the direct map (log_ring's page, seen at kDirectMapBase + its physical address) ---\n
sea pt 0xffff800000000000 + ((unsigned long) &log_ring - 0xffffffff80000000)
echo \n--- an unmapped address ---\n
sea pt 0x1000

echo \n=== 2. The kernel's final map, once arch::mmu_init has run ===\n
delete
hbreak selftest::run
continue
if $_streq($_sea_arch(), "x86_64")
  p/x $cr3
else
  p/x $TTBR1_EL1
end
echo \n--- kernel text ---\n
sea pt kernel_main
echo \n--- kernel data (log_ring at its link address) ---\n
sea pt &log_ring
echo \n--- the direct map ---\n
sea pt 0xffff800000000000 + ((unsigned long) &log_ring - 0xffffffff80000000)
echo \n--- an unmapped address ---\n
sea pt 0x1000
