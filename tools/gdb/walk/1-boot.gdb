# tools/gdb/walk/1-boot.gdb - lab 1: from the boot code to kernel_main to a backtrace.
# cmdline: test=fault
# smp: 2
#
# Run with `make walk LAB=1 [ARCH=aarch64]`. Three stops:
#   1. the first instruction at a kernel (high-half) address: the boot code has turned
#      paging on and jumped from the physical addresses it was loaded at to the
#      addresses it was linked at; there is no stack yet;
#   2. kernel_main: C++ from here on, with a stack GDB can unwind;
#   3. print_backtrace, called for the fault that test=fault provokes: the frame
#      records your lab-1 code walks, read by hand.
# Every breakpoint is a hardware one (hbreak): when QEMU starts, the kernel's addresses
# are not mapped yet, so GDB could not plant a software breakpoint there.

echo \n=== 1. The first instruction in the high half ===\n
if $_streq($_sea_arch(), "x86_64")
  hbreak boot_entry64
else
  hbreak boot_high_entry
end
continue
echo \nThe pc is a kernel address now; the boot page tables map it:\n
if $_streq($_sea_arch(), "x86_64")
  info registers rip cs cr0 cr3 cr4 efer
else
  info registers pc cpsr TTBR1_EL1 TCR_EL1
end
x/4i $pc
sea pt $pc
echo \nNo frame records yet: the boot code sets the stack pointer and a null frame pointer\n
echo next, which is where every backtrace ends.\n

echo \n=== 2. kernel_main ===\n
delete
hbreak kernel_main
continue
bt
echo \nWhat the boot code told the kernel (boot::Info):\n
printf "arch %s, %d CPUs, command line \"%s\"\n", info.arch, info.cpu_count, info.cmdline
printf "kernel image at physical 0x%lx-0x%lx\n", info.kernel_phys_start, info.kernel_phys_end
echo \nThe kernel log so far (sea log):\n
sea log

echo \n=== 3. print_backtrace, for the fault that test=fault makes ===\n
delete
hbreak print_backtrace
continue
echo \nGDB's own backtrace, unwound with the debug information:\n
bt
echo \nThe arguments: the faulting pc and the frame pointer at the time of the fault.\n
p/x pc
p/x fp
echo \nThe first frame record: { next frame record, return address }:\n
x/2gx fp
info symbol ((unsigned long *) fp)[1]
echo \nThe next one up:\n
x/2gx ((unsigned long *) fp)[0]
info symbol ((unsigned long *) ((unsigned long *) fp)[0])[1]
echo \nThe exception report so far (sea log, last 1000 bytes):\n
sea log 1000
echo \nAnd after print_backtrace returns, the lines it printed:\n
finish
sea log 400
