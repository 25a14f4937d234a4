/* regcheck: prove that a system call changes x0 and nothing else.
 *
 * For each system call in the table (and for a long busy loop, during
 * which the timer should preempt us), regs.S loads x1..x30, NZCV,
 * TPIDR_EL0, FPCR, FPSR and v0..v31 with fresh patterns, runs the call,
 * and dumps them all; this file compares them with what went in, checks SP
 * and the 256 bytes below it, and prints "[TEST] name... PASS" or FAIL with
 * the damaged registers. Exit status 0 only if everything survived.
 *
 * This is the kernel bug akuma-vm started from: a syscall return path that
 * overwrote user x9 and so corrupted the user allocator. qemu-aarch64
 * preserves everything, so it is the reference: regcheck passes there.
 *
 * In C and assembly rather than Rust because the Rust target is softfloat
 * and cannot touch the SIMD registers. */
#include "akuma.h"

void regcheck_svc(const uint64_t *in, uint64_t *out);
void regcheck_spin(const uint64_t *in, uint64_t *out);

enum { IN_NZCV = 31, IN_TPIDR, IN_FPCR, IN_FPSR, IN_V, IN_WORDS = IN_V + 64 };
enum { OUT_SP = 31, OUT_NZCV, OUT_TPIDR, OUT_FPCR, OUT_FPSR, OUT_V,
       OUT_SP_BEFORE = 100, OUT_NZCV_BEFORE, OUT_TPIDR_BEFORE, OUT_FPCR_BEFORE,
       OUT_FPSR_BEFORE, OUT_BELOW, OUT_WORDS = OUT_BELOW + 32 };

#define CANARY 0xca11ab1e00000000ULL
#define UNUSED (~0ULL) /* marks an argument register that gets a pattern */
#define SPIN_ITERATIONS 20000000 /* 40 M instructions: many timer ticks */

/* Writable bits only: FPCR AHP/DN/FZ/RMode; FPSR QC and the cumulative
 * exception flags. Other bits are RES0. */
#define FPCR_MASK (0x1fULL << 22)
#define FPSR_MASK 0x0800009fULL

struct test {
    const char *name;
    long nr;        /* -1: the busy loop instead of a syscall */
    uint64_t args[6];
};

static uint64_t mmap_result; /* mmap's address, for the munmap test */
static uint64_t timespec_buf[2];
static uint64_t sleep_req[2] = {0, 1000000}; /* 1 ms */
static char uname_buf[390];
static uint8_t random_buf[16];
static uint16_t winsize_buf[4];
static char space[1] = {' '};
static char read_buf[8];

#define A(x) ((uint64_t)(uintptr_t)(x))

static struct test tests[] = {
    {"getpid", 172, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"getppid", 173, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"brk(0)", 214, {0, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"write(1, buf, 0)", 64, {1, A(space), 0, UNUSED, UNUSED, UNUSED}},
    {"write(1, \" \", 1)", 64, {1, A(space), 1, UNUSED, UNUSED, UNUSED}},
    {"read(0, buf, 0)", 63, {0, A(read_buf), 0, UNUSED, UNUSED, UNUSED}},
    {"clock_gettime(MONOTONIC)", 113, {1, A(timespec_buf), UNUSED, UNUSED, UNUSED, UNUSED}},
    {"clock_gettime(REALTIME)", 113, {0, A(timespec_buf), UNUSED, UNUSED, UNUSED, UNUSED}},
    {"sched_yield", 124, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"nanosleep(1 ms)", 101, {A(sleep_req), 0, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"uname", 160, {A(uname_buf), UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"getrandom(16)", 278, {A(random_buf), 16, 0, UNUSED, UNUSED, UNUSED}},
    {"ioctl(1, TIOCGWINSZ)", 29, {1, 0x5413, A(winsize_buf), UNUSED, UNUSED, UNUSED}},
    {"mmap(4096)", 222, {0, 4096, 3, 0x22, (uint64_t)-1, 0}},
    {"munmap(4096)", 215, {0 /* set at run time */, 4096, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"close(-1) = EBADF", 57, {(uint64_t)-1, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"openat(missing) = ENOENT", 56, {(uint64_t)-100, A("/regcheck/no/such/file"), 0, 0, UNUSED, UNUSED}},
    {"syscall 999 = ENOSYS", 999, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
    {"busy loop (preemption)", -1, {SPIN_ITERATIONS, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},
};

#define NTESTS (sizeof tests / sizeof tests[0])
#define ROUNDS 2 /* each test twice, with different patterns */

/* splitmix64: well-spread, distinct patterns from a counter. */
static uint64_t mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static uint64_t in[IN_WORDS];
static uint64_t out[OUT_WORDS];

static int problems;

static void mismatch(const char *what, int index, uint64_t got, uint64_t want)
{
    if (problems < 8) {
        ak_puts(problems ? ", " : "FAIL (");
        ak_puts(what);
        if (index >= 0)
            ak_put_u64((uint64_t)index);
        ak_puts("=");
        ak_put_hex(got, 1);
        ak_puts(" want ");
        ak_put_hex(want, 1);
    }
    problems++;
}

static int run(const struct test *t, uint64_t seed)
{
    uint64_t s = seed * 1000;
    for (int i = 0; i < 31; i++)
        in[i] = mix(s++);
    for (int i = 0; i < 6; i++)
        if (t->args[i] != UNUSED)
            in[i] = t->args[i];
    if (t->nr >= 0)
        in[8] = (uint64_t)t->nr;
    in[IN_NZCV] = (seed % 16) << 28;
    in[IN_TPIDR] = mix(s++);
    in[IN_FPCR] = mix(s++) & FPCR_MASK;
    in[IN_FPSR] = mix(s++) & FPSR_MASK;
    for (int i = 0; i < 64; i++)
        in[IN_V + i] = mix(s++);

    ak_puts("[TEST] ");
    ak_puts(t->name);
    ak_puts("... ");
    ak_flush(); /* our own writes must not land in the middle of the test */
    if (t->nr < 0)
        regcheck_spin(in, out);
    else
        regcheck_svc(in, out);

    problems = 0;
    /* x0 is the result (the busy loop leaves 0 there). */
    if (t->nr < 0 && out[0] != 0)
        mismatch("x", 0, out[0], 0);
    for (int i = 1; i < 31; i++)
        if (out[i] != in[i])
            mismatch("x", i, out[i], in[i]);
    if (out[OUT_SP] != out[OUT_SP_BEFORE])
        mismatch("sp", -1, out[OUT_SP], out[OUT_SP_BEFORE]);
    if (out[OUT_NZCV] != out[OUT_NZCV_BEFORE])
        mismatch("nzcv", -1, out[OUT_NZCV], out[OUT_NZCV_BEFORE]);
    if (out[OUT_NZCV_BEFORE] != in[IN_NZCV])
        mismatch("nzcv written", -1, out[OUT_NZCV_BEFORE], in[IN_NZCV]);
    if (out[OUT_TPIDR] != out[OUT_TPIDR_BEFORE])
        mismatch("tpidr_el0", -1, out[OUT_TPIDR], out[OUT_TPIDR_BEFORE]);
    if (out[OUT_TPIDR_BEFORE] != in[IN_TPIDR])
        mismatch("tpidr_el0 written", -1, out[OUT_TPIDR_BEFORE], in[IN_TPIDR]);
    if (out[OUT_FPCR] != out[OUT_FPCR_BEFORE])
        mismatch("fpcr", -1, out[OUT_FPCR], out[OUT_FPCR_BEFORE]);
    if (out[OUT_FPSR] != out[OUT_FPSR_BEFORE])
        mismatch("fpsr", -1, out[OUT_FPSR], out[OUT_FPSR_BEFORE]);
    for (int i = 0; i < 64; i++)
        if (out[OUT_V + i] != in[IN_V + i]) {
            mismatch(i & 1 ? "v(high) " : "v(low) ", i / 2, out[OUT_V + i], in[IN_V + i]);
        }
    for (int i = 0; i < 32; i++)
        if (out[OUT_BELOW + i] != CANARY + (uint64_t)i) {
            mismatch("stack below sp, word ", i, out[OUT_BELOW + i], CANARY + (uint64_t)i);
            break;
        }

    if (problems == 0) {
        ak_puts("PASS\n");
    } else {
        if (problems > 8) {
            ak_puts(", and ");
            ak_put_u64((uint64_t)(problems - 8));
            ak_puts(" more");
        }
        ak_puts("; x0=");
        ak_put_hex(out[0], 1);
        ak_puts(")\n");
    }
    return problems == 0;
}

int main(void)
{
    int passed = 0, total = 0;
    ak_puts("=== regcheck: x1-x30, sp, nzcv, tpidr_el0, fpcr, fpsr, v0-v31 across syscalls ===\n");
    for (int round = 0; round < ROUNDS; round++) {
        for (unsigned i = 0; i < NTESTS; i++) {
            struct test *t = &tests[i];
            if (t->nr == 215)
                t->args[0] = mmap_result;
            passed += run(t, (uint64_t)(round * NTESTS + i + 1));
            total++;
            if (t->nr == 222)
                mmap_result = out[0];
        }
    }
    ak_puts("=== regcheck: ");
    ak_put_u64((uint64_t)passed);
    ak_puts(" of ");
    ak_put_u64((uint64_t)total);
    ak_puts(" passed ===\n");
    ak_puts(passed == total ? "Result: ALL PASSED\n" : "Result: SOME FAILED\n");
    return passed == total ? 0 : 1;
}
