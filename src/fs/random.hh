// fs/random.hh - the kernel's random numbers: a ChaCha20 generator (/dev/urandom).
//
// A CSPRNG stretches a little unpredictable input (the seed) into as many unpredictable
// bytes as anyone asks for. SeaOS uses the ChaCha20 block function (RFC 8439) keyed by a
// 256-bit secret: output is the keystream of successive blocks, and after every request
// the key is replaced by fresh keystream ("fast key erasure"), so a later look at memory
// cannot reconstruct earlier output. Seeding XORs entropy into the key and re-keys.
//
// Where entropy comes from is the platform's business: an EntropySource (the arch timer's
// cycle counter, an RNG instruction, the device tree's /chosen/rng-seed...) is installed
// at boot and also sampled on every request, adding timing jitter. Until something is
// seeded, the output is predictable - fine for tests, documented for students.
//
// Locking: one lock over the generator state; callers copy out of a local buffer.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace fs {

using EntropySource = uint64_t (*)();

// The RFC 8439 block function: 64 bytes of keystream for (key, counter, nonce).
void chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
                    uint8_t out[64]);

// Mixes `n` bytes of entropy into the generator.
void random_mix(const void* data, size_t n);
// Installs the platform's entropy source and mixes in a first sample.
void random_set_entropy_source(EntropySource source);
// Fills buf with n random bytes (never fails, never blocks).
void random_bytes(void* buf, size_t n);

}  // namespace fs
