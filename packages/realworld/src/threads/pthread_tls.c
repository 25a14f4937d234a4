/* __thread variables and pthread keys with destructors are per thread; gettid differs from getpid in threads. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static __thread int tls_value = 7;
static pthread_key_t key;
static int destructed;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void dtor(void *p) {
  pthread_mutex_lock(&m);
  destructed += *(int *)p;
  pthread_mutex_unlock(&m);
  free(p);
}

static void *work(void *arg) {
  int n = (int)(long)arg;
  tls_value += n;
  int *p = malloc(sizeof *p);
  *p = n;
  pthread_setspecific(key, p);
  usleep(1000);
  int same = tls_value == 7 + n;
  int other = gettid() != getpid();
  return (void *)(long)(same && other);
}

int main(void) {
  pthread_key_create(&key, dtor);
  pthread_t t[5];
  for (long i = 0; i < 5; i++) pthread_create(&t[i], NULL, work, (void *)(i + 1));
  int ok = 0;
  for (int i = 0; i < 5; i++) {
    void *r;
    pthread_join(t[i], &r);
    ok += (int)(long)r;
  }
  printf("threads with private TLS: %d, main tls %d, destructors sum %d, main tid==pid %d\n", ok, tls_value, destructed, gettid() == getpid());
  return 0;
}
