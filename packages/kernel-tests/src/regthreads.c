/* regthreads: regcheck's guarantee per thread. Four threads at once load every register
 * (x1..x30, NZCV, TPIDR_EL0, FPCR, FPSR, v0..v31) with their own patterns, make a system
 * call or spin until the timer preempts them in favour of the others, and check that
 * everything but x0 came back: a syscall changes x0 only, in every thread, across every
 * context switch. Uses regcheck's probe (one copy per thread: regthreads-probe.S) from static glibc.
 * qemu-aarch64 is the reference: it passes there. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

typedef void probe_fn(const uint64_t *in, uint64_t *out);
probe_fn regcheck_svc_0, regcheck_svc_1, regcheck_svc_2, regcheck_svc_3;
probe_fn regcheck_spin_0, regcheck_spin_1, regcheck_spin_2, regcheck_spin_3;
static probe_fn *const svc_probe[] = {regcheck_svc_0, regcheck_svc_1, regcheck_svc_2, regcheck_svc_3};
static probe_fn *const spin_probe[] = {regcheck_spin_0, regcheck_spin_1, regcheck_spin_2, regcheck_spin_3};

enum { IN_NZCV = 31, IN_TPIDR, IN_FPCR, IN_FPSR, IN_V, IN_WORDS = IN_V + 64 };
enum { OUT_SP = 31, OUT_NZCV, OUT_TPIDR, OUT_FPCR, OUT_FPSR, OUT_V,
       OUT_SP_BEFORE = 100, OUT_NZCV_BEFORE, OUT_TPIDR_BEFORE, OUT_FPCR_BEFORE,
       OUT_FPSR_BEFORE, OUT_BELOW, OUT_WORDS = OUT_BELOW + 32 };
#define UNUSED (~0ULL)
#define FPCR_MASK (0x1fULL << 22)
#define FPSR_MASK 0x0800009fULL
#define CANARY 0xca11ab1e00000000ULL
#define NTHREADS 4
#define ROUNDS 6

static uint32_t futex_word;
static uint64_t sleep_req[2] = {0, 1000000};
static uint64_t ts_buf[NTHREADS][2];

struct call { long nr; uint64_t args[6]; };

static uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

struct result { int passed, total, first_bad_call, first_bad_reg; };

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  static struct result results[NTHREADS];
  struct result *res = &results[id];
  const struct call calls[] = {
    {172, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},       /* getpid */
    {178, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},       /* gettid */
    {124, {UNUSED, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},       /* sched_yield */
    {101, {(uint64_t)(uintptr_t)sleep_req, 0, UNUSED, UNUSED, UNUSED, UNUSED}}, /* nanosleep 1 ms */
    {98, {(uint64_t)(uintptr_t)&futex_word, 129 /* WAKE|PRIVATE */, 1, UNUSED, UNUSED, UNUSED}},
    {113, {1, (uint64_t)(uintptr_t)ts_buf[id], UNUSED, UNUSED, UNUSED, UNUSED}}, /* clock_gettime */
    {-1, {3000000, UNUSED, UNUSED, UNUSED, UNUSED, UNUSED}},        /* spin: preempted */
  };
  const int ncalls = sizeof calls / sizeof calls[0];
  uint64_t in[IN_WORDS], out[OUT_WORDS];
  res->first_bad_call = res->first_bad_reg = -1;
  for (int round = 0; round < ROUNDS; round++) {
    for (int c = 0; c < ncalls; c++) {
      uint64_t s = ((uint64_t)id << 40) + (uint64_t)(round * ncalls + c) * 1000;
      for (int i = 0; i < 31; i++) in[i] = mix(s++);
      for (int i = 0; i < 6; i++) if (calls[c].args[i] != UNUSED) in[i] = calls[c].args[i];
      if (calls[c].nr >= 0) in[8] = (uint64_t)calls[c].nr;
      in[IN_NZCV] = ((uint64_t)(id + round + c) % 16) << 28;
      in[IN_TPIDR] = mix(s++);
      in[IN_FPCR] = mix(s++) & FPCR_MASK;
      in[IN_FPSR] = mix(s++) & FPSR_MASK;
      for (int i = 0; i < 64; i++) in[IN_V + i] = mix(s++);
      uint64_t tp;
      __asm__ volatile("mrs %0, tpidr_el0" : "=r"(tp));
      if (calls[c].nr < 0) spin_probe[id](in, out);
      else svc_probe[id](in, out);
      __asm__ volatile("msr tpidr_el0, %0" ::"r"(tp));
      int bad = -1;
      if (calls[c].nr < 0 && out[0] != 0) bad = 0;
      for (int i = 1; i < 31 && bad < 0; i++) if (out[i] != in[i]) bad = i;
      if (bad < 0 && out[OUT_SP] != out[OUT_SP_BEFORE]) bad = 31;
      if (bad < 0 && (out[OUT_NZCV] != out[OUT_NZCV_BEFORE] || out[OUT_NZCV_BEFORE] != in[IN_NZCV])) bad = 32;
      if (bad < 0 && (out[OUT_TPIDR] != out[OUT_TPIDR_BEFORE] || out[OUT_TPIDR_BEFORE] != in[IN_TPIDR])) bad = 33;
      if (bad < 0 && (out[OUT_FPCR] != out[OUT_FPCR_BEFORE] || out[OUT_FPSR] != out[OUT_FPSR_BEFORE])) bad = 34;
      for (int i = 0; i < 64 && bad < 0; i++) if (out[OUT_V + i] != in[IN_V + i]) bad = 100 + i / 2;
      for (int i = 0; i < 32 && bad < 0; i++) if (out[OUT_BELOW + i] != CANARY + (uint64_t)i) bad = 200;
      res->total++;
      if (bad < 0) res->passed++;
      else if (res->first_bad_call < 0) { res->first_bad_call = c; res->first_bad_reg = bad; }
    }
  }
  return res;
}

int main(void) {
  pthread_t t[NTHREADS];
  for (intptr_t i = 0; i < NTHREADS; i++) pthread_create(&t[i], NULL, worker, (void *)i);
  int all = 1;
  for (int i = 0; i < NTHREADS; i++) {
    struct result *r;
    pthread_join(t[i], (void **)&r);
    printf("thread %d: %d of %d calls kept every register", i, r->passed, r->total);
    if (r->first_bad_call >= 0) printf(" (first damage: call %d, register %d)", r->first_bad_call, r->first_bad_reg);
    printf("\n");
    all &= r->passed == r->total;
  }
  printf(all ? "Result: ALL PASSED\n" : "Result: SOME FAILED\n");
  return all ? 0 : 1;
}
