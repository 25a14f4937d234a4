/* fpmix: floating-point arithmetic whose every result bit and exception flag is checked
 * against qemu-aarch64 (test/realworld/fp-tiers.test.ts), under each translating tier.
 *
 * Operands come from a fixed generator mixing ordinary numbers, huge and tiny magnitudes,
 * subnormals, zeros, infinities and NaNs (quiet and signalling, with payloads). Each section
 * runs its loop many times (so the tiers compile it), folds the raw bits of every result
 * into a checksum, and prints the checksum with the FPSR flags the section raised
 * (fetestexcept after feclearexcept): add/sub/mul/div, fused multiply-add (fma and the
 * contracted a*b+c that gcc turns into fmadd/fmla), sqrt, conversions between double,
 * float and integers, comparisons and selects, a vectorised loop, and the same under the
 * other rounding modes (fesetround), where the compiled code must leave the work to the
 * exact handlers.
 *
 *   fpmix [ROUNDS]   (default 200)
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 256

static double da[N], db[N], dc[N], dr[N];
static float fa[N], fb[N], fc[N], fr[N];
static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double bits_d(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }
static float bits_f(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }
static uint64_t d_bits(double d) { uint64_t b; memcpy(&b, &d, 8); return b; }
static uint32_t f_bits(float f) { uint32_t b; memcpy(&b, &f, 4); return b; }

static double operand(void)
{
    uint64_t r = next();
    switch (r % 16) {
    case 0: {
        static const uint64_t special[] = {0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
                                           0x7ff8000000000123ull, 0x7ff4000000000456ull, 0x0000000000000001ull,
                                           0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull};
        return bits_d(special[(r >> 8) % 10]);
    }
    case 1: return ldexp((double)(r >> 11) / 9007199254740992.0, (int)((r >> 4) % 2098) - 1074);
    case 2: return ldexp(1.0 + (double)((r >> 20) % 1000) / 1000.0, (int)((r >> 4) % 11) + 895) * ((r >> 40) & 1 ? -1 : 1);
    case 3: return ldexp(1.0 + (double)((r >> 20) % 1000) / 1000.0, -(int)((r >> 4) % 11) - 895);
    default: return ((double)(int64_t)(r >> 16) / 281474976710656.0 - 32768.0) * ldexp(1.0, (int)((r >> 4) % 41) - 20);
    }
}

static void fill(void)
{
    for (int i = 0; i < N; i++) {
        da[i] = operand();
        db[i] = operand();
        /* Some addends close to the product, for cancellation in the fused multiply-add. */
        dc[i] = (next() & 3) == 0 ? -(da[i] * db[i]) * (1 + ldexp((double)(int)(next() % 5) - 2, -52)) : operand();
        fa[i] = (float)da[i];
        fb[i] = (float)db[i];
        fc[i] = (next() & 7) == 0 ? bits_f(0x7fa00000u | (uint32_t)(next() & 0xffff)) : (float)dc[i];
    }
}

static uint64_t sum;
static void fold(uint64_t b) { sum = (sum ^ b) * 0x100000001b3ull; }

static void report(const char *name)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("%-10s %016llx flags %s%s%s%s%s\n", name, (unsigned long long)sum, f & FE_INVALID ? "i" : "-",
           f & FE_DIVBYZERO ? "z" : "-", f & FE_OVERFLOW ? "o" : "-", f & FE_UNDERFLOW ? "u" : "-", f & FE_INEXACT ? "x" : "-");
    sum = 0;
    feclearexcept(FE_ALL_EXCEPT);
}

/* Kept out of line so the compiler cannot fold them. */
__attribute__((noinline)) static void arith(int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < N; i++) {
            int j = (i + r) % N;
            fold(d_bits(da[i] + db[j]));
            fold(d_bits(da[i] - db[j]));
            fold(d_bits(da[i] * db[j]));
            fold(d_bits(da[i] / db[j]));
            fold(f_bits(fa[i] + fb[j]) | (uint64_t)f_bits(fa[i] * fb[j]) << 32);
            fold(f_bits(fa[i] / fb[j]) | (uint64_t)f_bits(fa[i] - fb[j]) << 32);
        }
}

__attribute__((noinline)) static void fused(int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < N; i++) {
            int j = (i + r) % N;
            fold(d_bits(fma(da[i], db[j], dc[i])));
            fold(d_bits(fma(-da[i], db[j], dc[j])));
            fold(d_bits(-fma(da[i], db[i], -dc[j])));
            fold(f_bits(fmaf(fa[i], fb[j], fc[i])));
        }
}

__attribute__((noinline)) static void roots(int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < N; i++) {
            int j = (i + r) % N;
            fold(d_bits(sqrt(da[j])));
            fold(f_bits(sqrtf(fb[j])));
            fold(d_bits(fabs(da[j]) + 1.0) ^ d_bits(-db[j]));
        }
}

__attribute__((noinline)) static void conversions(int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < N; i++) {
            int j = (i + r) % N;
            double x = da[j] * 1e3;
            fold(f_bits((float)da[j]));
            fold(d_bits((double)fb[j]));
            fold((uint64_t)(int64_t)x);
            fold((uint64_t)(uint32_t)(int32_t)x);
            fold((uint64_t)(uint64_t)x);
            fold(d_bits((double)(int64_t)next()) ^ f_bits((float)(uint32_t)next()));
        }
}

__attribute__((noinline)) static void compares(int rounds)
{
    for (int r = 0; r < rounds; r++)
        for (int i = 0; i < N; i++) {
            int j = (i + r) % N;
            double x = da[i], y = db[j];
            fold((uint64_t)((x < y) | (x <= y) << 1 | (x == y) << 2 | (x != y) << 3 | (x > 0) << 4 | isunordered(x, y) << 5));
            fold(d_bits(x < y ? x : y) ^ f_bits(fa[i] > fb[j] ? fa[i] : fc[j]));
            fold(d_bits(fmax(x, y)) ^ d_bits(fmin(x, y)));
        }
}

__attribute__((noinline)) static void vectors(int rounds)
{
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N; i++) dr[i] = da[i] * db[(i + r) % N];
        for (int i = 0; i < N; i++) dr[i] = dr[i] + dc[i] * da[i];
        for (int i = 0; i < N; i++) fr[i] = fa[i] * fb[i] + fc[i];
        for (int i = 0; i < N; i++) fr[i] = fr[i] / (fb[i] + 1.0f);
        for (int i = 0; i < N; i++) fold(d_bits(dr[i]) ^ f_bits(fr[i]));
    }
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    fill();
    feclearexcept(FE_ALL_EXCEPT);
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    static const char *names[] = {"nearest", "upward", "downward", "zero"};
    for (int k = 0; k < 4; k++) {
        fesetround(modes[k]);
        printf("-- %s\n", names[k]);
        arith(k ? rounds / 8 : rounds);
        report("arith");
        fused(k ? rounds / 8 : rounds);
        report("fused");
        roots(k ? rounds / 8 : rounds);
        report("roots");
        conversions(k ? rounds / 8 : rounds);
        report("convert");
        compares(k ? rounds / 8 : rounds);
        report("compare");
        vectors(k ? rounds / 8 : rounds);
        report("vectors");
    }
    fesetround(FE_TONEAREST);
    return 0;
}
