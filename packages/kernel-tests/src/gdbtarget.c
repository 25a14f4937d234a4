/*
 * The program test/kernel/gdb-stub.test.ts debugs with gdb-multiarch over `run -g` (and
 * qemu-aarch64 -g as the reference): built -O0 -g and not stripped, so gdb finds add() and
 * scale() by name and their lines; scale() leaves a double in v0; the exit status is 7.
 * With an argument it stores through a null pointer in crash_here() (fault reports name it).
 */
#include <stdio.h>

static volatile long counter;

__attribute__((noinline)) long add(long a, long b) {
  long sum = a + b;
  counter += b;
  return sum;
}

__attribute__((noinline)) double scale(double x, long n) {
  double r = x * (double)n;
  return r;
}

__attribute__((noinline)) void crash_here(volatile int *p) {
  *p = 1;
}

int main(int argc, char **argv) {
  (void)argv;
  if (argc > 1) crash_here(0);
  long total = 0;
  for (long i = 1; i <= 3; i++) total = add(total, i);
  double d = scale(1.5, total);
  printf("total=%ld scaled=%.1f counter=%ld\n", total, d, counter);
  return (int)total + 1;
}
