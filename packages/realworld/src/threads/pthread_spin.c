/* A thread spins (no syscalls) waiting on a flag another thread sets after sleeping: only preemption lets the setter run. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int flag;
static atomic_int spinlock;
static long shared;

static void *setter(void *arg) {
  usleep(20000);
  atomic_store(&flag, 1);
  return arg;
}

static void *locker(void *arg) {
  for (int i = 0; i < 2000; i++) {
    while (atomic_exchange(&spinlock, 1)) { }
    shared++;
    atomic_store(&spinlock, 0);
  }
  return arg;
}

int main(void) {
  pthread_t s, l[3];
  pthread_create(&s, NULL, setter, NULL);
  while (!atomic_load(&flag)) { }
  pthread_join(s, NULL);
  for (int i = 0; i < 3; i++) pthread_create(&l[i], NULL, locker, NULL);
  for (int i = 0; i < 3; i++) pthread_join(l[i], NULL);
  printf("flag seen, shared=%ld\n", shared);
  return 0;
}
