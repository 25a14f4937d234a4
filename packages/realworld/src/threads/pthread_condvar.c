/* A bounded queue between two producers and two consumers with a mutex and two condition variables. */
#include <pthread.h>
#include <stdio.h>

#define CAP 4
#define PER_PRODUCER 500
static int buf[CAP], head, count, done;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER, not_empty = PTHREAD_COND_INITIALIZER;
static long consumed[2];

static void *producer(void *arg) {
  int base = (int)(long)arg;
  for (int i = 1; i <= PER_PRODUCER; i++) {
    pthread_mutex_lock(&m);
    while (count == CAP) pthread_cond_wait(&not_full, &m);
    buf[(head + count) % CAP] = base + i;
    count++;
    pthread_cond_signal(&not_empty);
    pthread_mutex_unlock(&m);
  }
  return NULL;
}

static void *consumer(void *arg) {
  int id = (int)(long)arg;
  for (;;) {
    pthread_mutex_lock(&m);
    while (count == 0 && !done) pthread_cond_wait(&not_empty, &m);
    if (count == 0 && done) { pthread_mutex_unlock(&m); return NULL; }
    int v = buf[head];
    head = (head + 1) % CAP;
    count--;
    pthread_cond_signal(&not_full);
    pthread_mutex_unlock(&m);
    consumed[id] += v;
  }
}

int main(void) {
  pthread_t p[2], c[2];
  for (long i = 0; i < 2; i++) pthread_create(&c[i], NULL, consumer, (void *)i);
  for (long i = 0; i < 2; i++) pthread_create(&p[i], NULL, producer, (void *)(i * 1000));
  for (int i = 0; i < 2; i++) pthread_join(p[i], NULL);
  pthread_mutex_lock(&m);
  done = 1;
  pthread_cond_broadcast(&not_empty);
  pthread_mutex_unlock(&m);
  for (int i = 0; i < 2; i++) pthread_join(c[i], NULL);
  printf("total consumed %ld\n", consumed[0] + consumed[1]);
  return 0;
}
