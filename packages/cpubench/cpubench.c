/* cpubench: a fixed, CPU-bound integer workload for measuring the emulator
 * (about 340 million AArch64 instructions; no floating point, no SIMD).
 *
 *   crc32    bitwise CRC-32 (reflected, poly 0xEDB88320), 4 x 256 KiB
 *   adler32  Adler-32 of the same buffer, 16 passes
 *   sieve    primes below 2,000,000 (sieve of Eratosthenes, byte per
 *            number), 3 runs
 *   qsort    quicksort of 300,000 pseudo-random 32-bit numbers, 3 rounds
 *
 * Each pass feeds on the previous result, so no pass can be skipped.
 *
 * Every result is compared with the value qemu-aarch64 computes, so a run
 * also tests the CPU: "cpubench: OK" and exit 0, or "WRONG" and exit 1. It
 * makes two system calls only: write and exit_group. The data (about 3.5
 * MB) lives in .bss, so the loader must map a large zeroed .bss. */
#include "akuma.h"

#define BUF_SIZE (256 * 1024)
#define CRC_PASSES 4
#define ADLER_PASSES 16
#define SIEVE_N 2000000
#define SIEVE_RUNS 3
#define SORT_N 300000
#define SORT_ROUNDS 3

/* Known-good results: computed by qemu-aarch64 and, independently, by
 * Python's zlib.crc32/zlib.adler32/sorted() on the same data. */
#define WANT_CRC32 0x632264f3u
#define WANT_ADLER32 0x03877500u
#define WANT_PRIMES 148933u
#define WANT_SORTSUM 0x9e7efff927dbf270ull
#define WANT_CHECKSUM 0xfd5c9b0861998770ull

static uint8_t buf[BUF_SIZE];
static uint8_t composite[SIEVE_N];
static uint32_t numbers[SORT_N];

/* A 32-bit LCG (Numerical Recipes constants): cheap and repeatable. */
static uint32_t lcg_state = 12345;
static uint32_t lcg(void)
{
    lcg_state = lcg_state * 1664525u + 1013904223u;
    return lcg_state;
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static uint32_t adler32(const uint8_t *p, size_t n)
{
    uint32_t a = 1, b = 0;
    while (n) {
        /* 5552 bytes is the most that cannot overflow b before the modulo. */
        size_t chunk = n < 5552 ? n : 5552;
        n -= chunk;
        while (chunk--) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return (b << 16) | a;
}

static uint32_t sieve(void)
{
    uint32_t count = 0;
    memset(composite, 0, sizeof composite);
    for (uint32_t i = 2; i < SIEVE_N; i++) {
        if (composite[i])
            continue;
        count++;
        for (uint64_t j = (uint64_t)i * i; j < SIEVE_N; j += i)
            composite[j] = 1;
    }
    return count;
}

static void swap(uint32_t *a, uint32_t *b)
{
    uint32_t t = *a;
    *a = *b;
    *b = t;
}

/* Quicksort: median-of-three pivot, recurse on the smaller side and loop
 * on the larger (bounded stack), insertion sort for short ranges. */
static void quicksort(uint32_t *a, long lo, long hi)
{
    while (hi - lo > 16) {
        long mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swap(&a[mid], &a[lo]);
        if (a[hi] < a[lo])
            swap(&a[hi], &a[lo]);
        if (a[hi] < a[mid])
            swap(&a[hi], &a[mid]);
        uint32_t pivot = a[mid];
        long i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                swap(&a[i], &a[j]);
                i++;
                j--;
            }
        }
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static int failures;

static void report(const char *name, uint64_t got, uint64_t want, int hex)
{
    ak_puts("  ");
    ak_puts(name);
    ak_puts(": ");
    if (hex)
        ak_put_hex(got, hex);
    else
        ak_put_u64(got);
    if (got != want) {
        ak_puts("  WRONG, want ");
        if (hex)
            ak_put_hex(want, hex);
        else
            ak_put_u64(want);
        failures++;
    }
    ak_puts("\n");
}

int main(void)
{
    ak_puts("cpubench: crc32, adler32, sieve, qsort\n");

    for (size_t i = 0; i < BUF_SIZE; i++)
        buf[i] = (uint8_t)(lcg() >> 24);
    uint32_t crc = 0;
    for (int pass = 0; pass < CRC_PASSES; pass++) {
        buf[pass] ^= (uint8_t)crc; /* each pass sees different data */
        crc = crc32(buf, BUF_SIZE);
    }
    report("crc32, 4 x 256 KiB", crc, WANT_CRC32, 8);

    uint32_t adler = 0;
    for (int pass = 0; pass < ADLER_PASSES; pass++) {
        buf[pass] ^= (uint8_t)adler;
        adler = adler32(buf, BUF_SIZE);
    }
    report("adler32, 16 x 256 KiB", adler, WANT_ADLER32, 8);

    uint32_t primes = 0;
    for (int run = 0; run < SIEVE_RUNS; run++) {
        uint32_t n = sieve();
        if (run && n != primes) {
            ak_puts("  sieve: runs disagree\n");
            failures++;
        }
        primes = n;
    }
    report("primes below 2000000", primes, WANT_PRIMES, 0);

    uint64_t sortsum = 0;
    for (int round = 0; round < SORT_ROUNDS; round++) {
        for (long i = 0; i < SORT_N; i++)
            numbers[i] = lcg();
        quicksort(numbers, 0, SORT_N - 1);
        for (long i = 0; i < SORT_N; i++) {
            sortsum = sortsum * 31 + numbers[i];
            if (i && numbers[i - 1] > numbers[i]) {
                ak_puts("  qsort: NOT SORTED\n");
                failures++;
                break;
            }
        }
    }
    report("qsort, 3 x 300000, hash", sortsum, WANT_SORTSUM, 16);

    uint64_t checksum = ((uint64_t)crc << 32 | adler) ^ ((uint64_t)primes << 16) ^ sortsum;
    report("checksum", checksum, WANT_CHECKSUM, 16);
    ak_puts(failures ? "cpubench: WRONG RESULTS\n" : "cpubench: OK\n");
    return failures ? 1 : 0;
}
