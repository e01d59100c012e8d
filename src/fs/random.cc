// fs/random.cc - ChaCha20 and the generator built on it.
#include "fs/random.hh"

#include "fs/lock.hh"
#include "lib/string.hh"

namespace fs {
namespace {

constexpr uint32_t rotl(uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }

void quarter_round(uint32_t* x, int a, int b, int c, int d) {
  x[a] += x[b];
  x[d] = rotl(x[d] ^ x[a], 16);
  x[c] += x[d];
  x[b] = rotl(x[b] ^ x[c], 12);
  x[a] += x[b];
  x[d] = rotl(x[d] ^ x[a], 8);
  x[c] += x[d];
  x[b] = rotl(x[b] ^ x[c], 7);
}

struct Generator {
  Lock lock{"random"};
  uint32_t key[8] = {};  // lock
  uint64_t blocks = 0;   // lock: blocks produced under this key
  EntropySource source = nullptr;
};
Generator gen;

// Produces one block under the current key (lock held).
void next_block_locked(uint8_t out[64]) {
  uint32_t nonce[3] = {static_cast<uint32_t>(gen.blocks >> 32), 0, 0x5ea05u};
  chacha20_block(gen.key, static_cast<uint32_t>(gen.blocks), nonce, out);
  ++gen.blocks;
}

// Replaces the key by fresh keystream (lock held).
void rekey_locked() {
  uint8_t block[64];
  next_block_locked(block);
  memcpy(gen.key, block, sizeof gen.key);
  memset(block, 0, sizeof block);
  gen.blocks = 0;
}

}  // namespace

void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64]) {
  uint32_t state[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};
  for (int i = 0; i < 8; ++i) state[4 + i] = key[i];
  state[12] = counter;
  for (int i = 0; i < 3; ++i) state[13 + i] = nonce[i];
  uint32_t x[16];
  memcpy(x, state, sizeof x);
  for (int round = 0; round < 10; ++round) {
    quarter_round(x, 0, 4, 8, 12);
    quarter_round(x, 1, 5, 9, 13);
    quarter_round(x, 2, 6, 10, 14);
    quarter_round(x, 3, 7, 11, 15);
    quarter_round(x, 0, 5, 10, 15);
    quarter_round(x, 1, 6, 11, 12);
    quarter_round(x, 2, 7, 8, 13);
    quarter_round(x, 3, 4, 9, 14);
  }
  for (int i = 0; i < 16; ++i) {
    uint32_t v = x[i] + state[i];
    out[4 * i] = static_cast<uint8_t>(v);
    out[4 * i + 1] = static_cast<uint8_t>(v >> 8);
    out[4 * i + 2] = static_cast<uint8_t>(v >> 16);
    out[4 * i + 3] = static_cast<uint8_t>(v >> 24);
  }
}

void random_mix(const void* data, size_t n) {
  auto* bytes = static_cast<const uint8_t*>(data);
  Guard g(gen.lock);
  for (size_t i = 0; i < n; ++i) {
    gen.key[(i / 4) % 8] ^= uint32_t{bytes[i]} << (8 * (i % 4));
    if (i % 32 == 31) rekey_locked();
  }
  rekey_locked();
}

void random_set_entropy_source(EntropySource source) {
  gen.source = source;
  if (source) {
    uint64_t sample = source();
    random_mix(&sample, sizeof sample);
  }
}

void random_bytes(void* buf, size_t n) {
  if (gen.source) {
    uint64_t sample = gen.source();
    random_mix(&sample, sizeof sample);
  }
  auto* out = static_cast<uint8_t*>(buf);
  Guard g(gen.lock);
  uint8_t block[64];
  while (n > 0) {
    next_block_locked(block);
    size_t take = n < sizeof block ? n : sizeof block;
    memcpy(out, block, take);
    out += take;
    n -= take;
  }
  memset(block, 0, sizeof block);
  rekey_locked();
}

}  // namespace fs
