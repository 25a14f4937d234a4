/*
 * Two glibc threads for test/kernel/gdb-stub.test.ts: gdb breaks in worker() (in a thread
 * that is not the first) and lists both threads; built -O0 -g, unstripped. Exit status 3.
 */
#include <pthread.h>
#include <stdio.h>

static volatile long done;

__attribute__((noinline)) void *worker(void *arg) {
  long id = (long)arg;
  done += id;
  return arg;
}

int main(void) {
  pthread_t th;
  pthread_create(&th, NULL, worker, (void *)2);
  pthread_join(th, NULL);
  printf("done=%ld\n", done);
  return (int)done + 1;
}
