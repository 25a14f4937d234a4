/* crcsieve: an integer benchmark for the emulator (npm run bench): a bitwise CRC-32 over a
 * buffer and a sieve of Eratosthenes, the tight loops of branchy integer code, with no
 * system calls between them. Built with gcc -O2 against static glibc, as a user would
 * build it. The output is compared with qemu-aarch64's (test/realworld/bench.test.ts).
 *
 *   crcsieve [SCALE]   (default 8: eight CRC passes over 64 KiB and eight sieves below 1e6)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define BUF_SIZE (64 * 1024)
#define SIEVE_N 1000000

static uint8_t buf[BUF_SIZE];
static uint8_t composite[SIEVE_N];

static uint32_t crc32(const uint8_t *p, size_t n, uint32_t crc)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static unsigned sieve(unsigned n)
{
    unsigned count = 0;
    for (unsigned i = 0; i < n; i++) composite[i] = 0;
    for (unsigned i = 2; i < n; i++) {
        if (composite[i]) continue;
        count++;
        for (unsigned j = i + i; j < n; j += i) composite[j] = 1;
    }
    return count;
}

int main(int argc, char **argv)
{
    int scale = argc > 1 ? atoi(argv[1]) : 8;
    uint32_t x = 12345;
    for (size_t i = 0; i < BUF_SIZE; i++) {
        x = x * 1664525u + 1013904223u;
        buf[i] = (uint8_t)(x >> 24);
    }
    uint32_t crc = 0;
    unsigned primes = 0;
    for (int r = 0; r < scale; r++) {
        crc = crc32(buf, BUF_SIZE, crc);
        buf[r % BUF_SIZE] ^= (uint8_t)crc;
        primes += sieve(SIEVE_N - (crc & 0xff));
    }
    printf("crcsieve %d: crc %08x primes %u\n", scale, crc, primes);
    return 0;
}
