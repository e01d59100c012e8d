/* hello.c - the smallest test: a program starts, prints through stdio and exits 0.
 *
 * Built twice (tests/programs.mk): as hello, linked against musl's libc.so (the kernel
 * must map the program and its PT_INTERP, musl's dynamic linker, which relocates both),
 * and as hello_static, a self-contained ET_EXEC (the kernel maps one file and jumps to
 * its entry). If argv and envp arrive broken, musl's start code or printf fall over
 * before the PASS line.
 */
#include "test_report.h"

int main(int argc, char **argv) {
  test_expect(argc >= 1 && argv[argc] == NULL, "argv is not a NULL-terminated array");
  test_pass();
}
