// arch/aarch64/semihosting.S - the semihosting trap instruction, at a known address.
//
// int64_t semihosting_trap(uint64_t operation, uint64_t parameter)
// Kept in assembly so that exactly one `hlt #0xf000` exists and the trap handler can
// recognise it by address (semihosting_trap_instruction) when semihosting is off.
  .text
  .global semihosting_trap, semihosting_trap_instruction
  .type semihosting_trap, %function
semihosting_trap:
semihosting_trap_instruction:
  hlt #0xf000
  ret
  .size semihosting_trap, . - semihosting_trap

  .section .note.GNU-stack, "", %progbits
