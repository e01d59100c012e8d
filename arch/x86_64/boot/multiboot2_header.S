// boot/multiboot2_header.S - the Multiboot2 header that lets GRUB recognise the kernel.
//
// GRUB scans the first 32 KiB of the file for this 8-byte aligned header (linker.ld
// puts section .boot.header first). It holds the magic, the architecture (0: 32-bit
// protected mode entry), its length and a checksum making the four fields sum to 0,
// then tags. We request nothing special: GRUB always passes the command line, boot
// loader name, memory map, modules, ACPI RSDP and, in VGA text mode, a framebuffer tag
// of EGA-text type. The ELF entry point (boot_entry32) is where GRUB jumps.

#define MB2_MAGIC 0xe85250d6
#define MB2_ARCH_I386 0

  .section .boot.header, "a"
  .balign 8
.Lheader:
  .long MB2_MAGIC
  .long MB2_ARCH_I386
  .long .Lheader_end - .Lheader
  .long -(MB2_MAGIC + MB2_ARCH_I386 + (.Lheader_end - .Lheader))

  // Tag "information request" (type 1), optional flag clear: a loader that cannot give
  // a memory map (tag 6) must refuse to boot us rather than start a blind kernel.
  .balign 8
.Linfo_request:
  .short 1, 0
  .long .Linfo_request_end - .Linfo_request
  .long 6
.Linfo_request_end:

  // End tag (type 0, size 8).
  .balign 8
  .short 0, 0
  .long 8
.Lheader_end:

  .section .note.GNU-stack, "", @progbits
