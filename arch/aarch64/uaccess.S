// arch/aarch64/uaccess.S - bool uaccess_copy(void* dst, const void* src, size_t n)
//
// Copies eight bytes at a time, then the rest byte by byte (unaligned accesses are fine
// on normal memory). Every load and store that may touch user memory lies between
// uaccess_copy_start and uaccess_copy_end: a fault there that the VM layer cannot
// resolve resumes at uaccess_copy_fixup (traps.cc), which returns false. Bytes copied
// before the fault stay copied.
  .text
  .global uaccess_copy, uaccess_copy_start, uaccess_copy_end, uaccess_copy_fixup
  .type uaccess_copy, %function
uaccess_copy:
uaccess_copy_start:
  cmp x2, #8
  b.lo 2f
1:ldr x3, [x1], #8
  str x3, [x0], #8
  sub x2, x2, #8
  cmp x2, #8
  b.hs 1b
2:cbz x2, 3f
  ldrb w3, [x1], #1
  strb w3, [x0], #1
  sub x2, x2, #1
  b 2b
uaccess_copy_end:
3:mov x0, #1
  ret
uaccess_copy_fixup:
  mov x0, #0
  ret
  .size uaccess_copy, . - uaccess_copy

  .section .note.GNU-stack, "", %progbits
