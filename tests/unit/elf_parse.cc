// Host tests of elf/parse.cc and elf/stack.cc: validation and the initial stack.
#include <CppUTest/TestHarness.h>
#include <string.h>

#include <vector>

#include "elf/elf.hh"
#include "elf/stack.hh"
#include "uapi/auxv.hh"

namespace {

constexpr uint16_t kMachine = 62;

// A minimal static executable: header, two program headers, some "code".
std::vector<uint8_t> make_elf(uint16_t type = elf::kTypeExec) {
  std::vector<uint8_t> f(0x3000, 0);
  elf::Header h{};
  memcpy(h.ident, "\x7f" "ELF", 4);
  h.ident[4] = elf::kClass64;
  h.ident[5] = elf::kDataLsb;
  h.ident[6] = elf::kVersionCurrent;
  h.type = type;
  h.machine = kMachine;
  h.version = 1;
  h.entry = 0x401000;
  h.phoff = 64;
  h.ehsize = 64;
  h.phentsize = sizeof(elf::ProgramHeader);
  h.phnum = 2;
  memcpy(f.data(), &h, sizeof h);
  elf::ProgramHeader text{elf::kPtLoad, elf::kPfR | elf::kPfX, 0, 0x400000, 0x400000, 0x2000,
                          0x2000, 0x1000};
  elf::ProgramHeader data{elf::kPtLoad, elf::kPfR | elf::kPfW, 0x2000, 0x402000, 0x402000,
                          0x800, 0x5000, 0x1000};
  memcpy(f.data() + 64, &text, sizeof text);
  memcpy(f.data() + 64 + 56, &data, sizeof data);
  return f;
}

elf::Header* header(std::vector<uint8_t>& f) { return reinterpret_cast<elf::Header*>(f.data()); }
elf::ProgramHeader* phdr(std::vector<uint8_t>& f, int i) {
  return reinterpret_cast<elf::ProgramHeader*>(f.data() + 64 + 56 * i);
}
bool rejected(const std::vector<uint8_t>& f) {
  auto r = elf::parse(f.data(), f.size(), kMachine);
  return r.is_error() && r.error() == ktl::Errno::NoExec;
}

}  // namespace

TEST_GROUP(ElfParse){};

TEST(ElfParse, AcceptsAValidProgram) {
  auto f = make_elf();
  auto r = elf::parse(f.data(), f.size(), kMachine);
  CHECK_TRUE(r.is_ok());
  LONGS_EQUAL(0x400000, r.value().load_start);
  LONGS_EQUAL(0x407000, r.value().load_end);
  LONGS_EQUAL(0x400040, r.value().phdr_vaddr);
  CHECK_FALSE(r.value().relocatable);
  POINTERS_EQUAL(nullptr, r.value().interp);
}

TEST(ElfParse, RejectsBadHeaders) {
  auto f = make_elf();
  f[1] = 'X';
  CHECK_TRUE(rejected(f));
  f = make_elf();
  f[4] = 1;  // 32-bit
  CHECK_TRUE(rejected(f));
  f = make_elf();
  f[5] = 2;  // big-endian
  CHECK_TRUE(rejected(f));
  f = make_elf();
  header(f)->machine = 183;
  CHECK_TRUE(rejected(f));
  f = make_elf(1);  // ET_REL
  CHECK_TRUE(rejected(f));
  f = make_elf();
  header(f)->phoff = 0x10000;  // past the end
  CHECK_TRUE(rejected(f));
  f = make_elf();
  header(f)->entry = 0x10;  // outside every segment
  CHECK_TRUE(rejected(f));
  CHECK_TRUE(rejected(std::vector<uint8_t>(10, 0)));
}

TEST(ElfParse, RejectsBadSegments) {
  auto f = make_elf();
  phdr(f, 1)->filesz = 0x9000;  // more file bytes than memory
  CHECK_TRUE(rejected(f));
  f = make_elf();
  phdr(f, 1)->offset = 0x2fff0;  // data past the end of the file
  CHECK_TRUE(rejected(f));
  f = make_elf();
  phdr(f, 0)->vaddr = 0xffffffff80000000ull;  // into the kernel
  CHECK_TRUE(rejected(f));
  f = make_elf();
  phdr(f, 1)->vaddr = 0x402100;  // vaddr and offset disagree modulo the page
  CHECK_TRUE(rejected(f));
}

TEST(ElfParse, FindsInterpreter) {
  auto f = make_elf(elf::kTypeDyn);
  const char path[] = "/lib/ld-musl-x86_64.so.1";
  memcpy(f.data() + 0x1800, path, sizeof path);
  header(f)->phnum = 3;
  elf::ProgramHeader interp{elf::kPtInterp, elf::kPfR, 0x1800, 0, 0, sizeof path, sizeof path, 1};
  memcpy(f.data() + 64 + 2 * 56, &interp, sizeof interp);
  auto r = elf::parse(f.data(), f.size(), kMachine);
  CHECK_TRUE(r.is_ok());
  STRCMP_EQUAL(path, r.value().interp);
  CHECK_TRUE(r.value().relocatable);
  f[0x1800 + sizeof path - 1] = 'x';  // no NUL
  CHECK_TRUE(rejected(f));
}

TEST_GROUP(ElfStack){};

TEST(ElfStack, LayoutMatchesTheAbi) {
  constexpr uint64_t top = 0x7ffffffff000;
  std::vector<uint8_t> buf(4096);
  const char* argv[] = {"/tests/hello", "a b"};
  const char* envp[] = {"PATH=/bin"};
  uint8_t random[16];
  for (int i = 0; i < 16; ++i) random[i] = static_cast<uint8_t>(i);
  elf::AuxEntry aux[] = {{uapi::kAtPagesz, 4096}, {uapi::kAtEntry, 0x401000}};
  elf::StackInput in;
  in.argv = argv;
  in.argc = 2;
  in.envp = envp;
  in.envc = 1;
  in.execfn = "/tests/hello";
  in.platform = "x86_64";
  in.random = random;
  in.aux = aux;
  in.auxc = 2;
  auto r = elf::build_stack(in, top, buf.data(), buf.size());
  CHECK_TRUE(r.is_ok());
  uint64_t sp = r.value();
  LONGS_EQUAL(0, sp % 16);
  auto word = [&](uint64_t addr) {
    uint64_t v;
    memcpy(&v, buf.data() + (addr - (top - buf.size())), 8);
    return v;
  };
  auto str = [&](uint64_t addr) {
    return reinterpret_cast<const char*>(buf.data() + (addr - (top - buf.size())));
  };
  LONGS_EQUAL(2, word(sp));
  STRCMP_EQUAL("/tests/hello", str(word(sp + 8)));
  STRCMP_EQUAL("a b", str(word(sp + 16)));
  LONGS_EQUAL(0, word(sp + 24));
  STRCMP_EQUAL("PATH=/bin", str(word(sp + 32)));
  LONGS_EQUAL(0, word(sp + 40));
  uint64_t a = sp + 48;
  LONGS_EQUAL(uapi::kAtPagesz, word(a));
  LONGS_EQUAL(4096, word(a + 8));
  LONGS_EQUAL(uapi::kAtEntry, word(a + 16));
  LONGS_EQUAL(uapi::kAtRandom, word(a + 32));
  CHECK_TRUE(memcmp(str(word(a + 40)), random, 16) == 0);
  LONGS_EQUAL(uapi::kAtExecfn, word(a + 48));
  STRCMP_EQUAL("/tests/hello", str(word(a + 56)));
  LONGS_EQUAL(uapi::kAtPlatform, word(a + 64));
  STRCMP_EQUAL("x86_64", str(word(a + 72)));
  LONGS_EQUAL(uapi::kAtNull, word(a + 80));
}

TEST(ElfStack, TooBigIsE2big) {
  std::vector<uint8_t> buf(64);
  const char* argv[] = {"a-rather-long-argument-that-does-not-fit-in-sixty-four-bytes"};
  uint8_t random[16] = {};
  elf::StackInput in;
  in.argv = argv;
  in.argc = 1;
  in.random = random;
  auto r = elf::build_stack(in, 0x7ffffffff000, buf.data(), buf.size());
  CHECK_TRUE(r.is_error());
  LONGS_EQUAL(static_cast<int>(ktl::Errno::TooBig), static_cast<int>(r.error()));
}
