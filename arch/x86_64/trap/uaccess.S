// trap/uaccess.S - uaccess_copy(dst, src, n): the only kernel code allowed to fault on a
// user address (arch/uaccess.hh).
//
// The copy is one `rep movsb` between two labels. A page fault there that the VM layer
// cannot resolve is sent to uaccess_copy_fixup (trap/uaccess_fixup.cc), which closes
// the SMAP window and returns false; the registers and stack are as the fault found
// them, so `ret` returns to the caller normally. `smap_enabled` (cpu/features.cc) says
// whether stac/clac exist on this CPU: they are invalid instructions otherwise.

  .text
  .global uaccess_copy, uaccess_copy_start, uaccess_copy_end, uaccess_copy_fixup
  .type uaccess_copy, @function
uaccess_copy:
  movq %rdx, %rcx
  testb $1, smap_enabled(%rip)
  jz 1f
  stac
1:
uaccess_copy_start:
  rep movsb
uaccess_copy_end:
  movl $1, %eax
  jmp 2f
uaccess_copy_fixup:
  xorl %eax, %eax
2:
  testb $1, smap_enabled(%rip)
  jz 3f
  clac
3:
  ret
  .size uaccess_copy, . - uaccess_copy

  .section .note.GNU-stack, "", @progbits
