/* 64 threads created and joined in waves; each returns its own argument squared. */
#include <pthread.h>
#include <stdio.h>

static void *sq(void *arg) { long n = (long)arg; return (void *)(n * n); }

int main(void) {
  long total = 0;
  for (int wave = 0; wave < 4; wave++) {
    pthread_t t[16];
    for (long i = 0; i < 16; i++) pthread_create(&t[i], NULL, sq, (void *)(wave * 16 + i));
    for (int i = 0; i < 16; i++) { void *r; pthread_join(t[i], &r); total += (long)r; }
  }
  printf("sum of squares 0..63 = %ld\n", total);
  return 0;
}
