/* Phases separated by a barrier and a read-write lock guarding a table; detached threads signal completion by semaphore. */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

#define N 4
static pthread_barrier_t barrier;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int table[N];
static int phase_sum[3];
static sem_t finished;

static void *work(void *arg) {
  int id = (int)(long)arg;
  for (int phase = 0; phase < 3; phase++) {
    pthread_rwlock_wrlock(&rw);
    table[id] = (phase + 1) * (id + 1);
    pthread_rwlock_unlock(&rw);
    int serial = pthread_barrier_wait(&barrier);
    pthread_rwlock_rdlock(&rw);
    int s = 0;
    for (int i = 0; i < N; i++) s += table[i];
    pthread_rwlock_unlock(&rw);
    if (serial == PTHREAD_BARRIER_SERIAL_THREAD) phase_sum[phase] = s;
    pthread_barrier_wait(&barrier);
  }
  return NULL;
}

static void *detached(void *arg) {
  sem_post(&finished);
  return arg;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, N);
  sem_init(&finished, 0, 0);
  pthread_t t[N];
  for (long i = 0; i < N; i++) pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < N; i++) pthread_join(t[i], NULL);
  pthread_attr_t a;
  pthread_attr_init(&a);
  pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
  for (int i = 0; i < 3; i++) {
    pthread_t d;
    pthread_create(&d, &a, detached, NULL);
  }
  for (int i = 0; i < 3; i++) sem_wait(&finished);
  printf("phase sums %d %d %d, detached threads done\n", phase_sum[0], phase_sum[1], phase_sum[2]);
  return 0;
}
