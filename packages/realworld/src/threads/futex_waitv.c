/*
 * futex_waitv(2): one wait on several 32-bit futexes, ended by an ordinary FUTEX_WAKE on any
 * of them (the index of that one is the answer), EAGAIN when a word differs at entry,
 * ETIMEDOUT at an absolute deadline on CLOCK_MONOTONIC and CLOCK_REALTIME, and the EINVAL
 * cases: the call's flags, the count, each entry's size, flags, reserved word, value and
 * alignment, and the clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

struct waitv { uint64_t val; uint64_t uaddr; uint32_t flags; uint32_t reserved; };
#define NR_futex_waitv 449
#define SIZE_U8 0
#define SIZE_U32 2
#define SIZE_U64 3
#define PRIV 128

static long waitv(struct waitv *w, unsigned n, unsigned flags, struct timespec *ts, int clk) {
  return syscall(NR_futex_waitv, w, n, flags, ts, clk);
}

static void show(const char *what, long r) {
  if (r >= 0) { printf("%s: %ld\n", what, r); return; }
  const char *e = errno == EINVAL ? "EINVAL" : errno == EAGAIN ? "EAGAIN" : errno == ETIMEDOUT ? "ETIMEDOUT" : errno == EFAULT ? "EFAULT" : strerror(errno);
  printf("%s: %s\n", what, e);
}

static uint32_t words[4] __attribute__((aligned(8)));
static struct waitv w[3];
static long answer;

static void *waiter(void *arg) {
  (void)arg;
  answer = waitv(w, 3, 0, NULL, 0);
  return NULL;
}

static struct timespec in_ms(int clk, int ms) {
  struct timespec ts;
  clock_gettime(clk, &ts);
  ts.tv_nsec += ms * 1000000L;
  ts.tv_sec += ts.tv_nsec / 1000000000L;
  ts.tv_nsec %= 1000000000L;
  return ts;
}

static void reset(void) {
  for (int i = 0; i < 3; i++) {
    words[i] = 10 + i;
    w[i] = (struct waitv){10 + i, (uintptr_t)&words[i], SIZE_U32 | (i == 0 ? PRIV : 0), 0};
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  reset();
  words[2] = 99;
  show("a word differs", waitv(w, 3, 0, NULL, 0));

  for (int target = 0; target < 3; target++) {
    reset();
    pthread_t th;
    pthread_create(&th, NULL, waiter, NULL);
    int op = target == 0 ? FUTEX_WAKE_PRIVATE : FUTEX_WAKE;
    long woke;
    while ((woke = syscall(SYS_futex, &words[target], op, 1, NULL, NULL, 0)) == 0) usleep(1000);
    pthread_join(th, NULL);
    printf("FUTEX_WAKE on futex %d woke %ld; futex_waitv returned %ld\n", target, woke, answer);
  }

  reset();
  struct timespec ts = in_ms(CLOCK_MONOTONIC, 50);
  show("deadline on CLOCK_MONOTONIC", waitv(w, 3, 0, &ts, CLOCK_MONOTONIC));
  ts = in_ms(CLOCK_REALTIME, 50);
  show("deadline on CLOCK_REALTIME", waitv(w, 3, 0, &ts, CLOCK_REALTIME));
  ts = (struct timespec){0, 0};
  show("deadline passed", waitv(w, 1, 0, &ts, CLOCK_MONOTONIC));
  show("deadline on CLOCK_BOOTTIME", waitv(w, 1, 0, &ts, CLOCK_BOOTTIME));
  ts = (struct timespec){0, 1000000000L};
  show("tv_nsec out of range", waitv(w, 1, 0, &ts, CLOCK_MONOTONIC));

  ts = (struct timespec){0, 0};
  show("call flags 1", waitv(w, 1, 1, &ts, CLOCK_MONOTONIC));
  show("no futexes", waitv(w, 0, 0, &ts, CLOCK_MONOTONIC));
  static struct waitv many[129];
  for (int i = 0; i < 129; i++) many[i] = (struct waitv){10, (uintptr_t)&words[0], SIZE_U32, 0};
  show("129 futexes", waitv(many, 129, 0, &ts, CLOCK_MONOTONIC));
  show("128 futexes, deadline passed", waitv(many, 128, 0, &ts, CLOCK_MONOTONIC));
  show("NULL waiters", waitv(NULL, 1, 0, &ts, CLOCK_MONOTONIC));
  struct waitv bad;
  bad = w[1]; bad.flags = SIZE_U8;
  show("FUTEX2_SIZE_U8", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  bad = w[1]; bad.flags = SIZE_U64;
  show("FUTEX2_SIZE_U64", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  bad = w[1]; bad.flags = SIZE_U32 | 0x40;
  show("unknown entry flag", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  bad = w[1]; bad.reserved = 1;
  show("reserved word set", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  bad = w[1]; bad.val = 1ULL << 32;
  show("value wider than 32 bits", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  bad = w[1]; bad.uaddr += 2;
  show("unaligned address", waitv(&bad, 1, 0, &ts, CLOCK_MONOTONIC));
  return 0;
}
