/* Process-shared synchronisation between a parent and its fork child, through futexes in
 * MAP_SHARED memory: a PTHREAD_PROCESS_SHARED mutex guarding a counter, a condition variable,
 * a barrier, semaphores (sem_init with pshared=1) in a
 * mapping of a file playing ping-pong, and raw futex calls on one file mapped at a different
 * address in each process (FUTEX_PRIVATE_FLAG does not reach the other process). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 20000

struct shared {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  pthread_barrier_t barrier;
  long counter;
  int ready;
  int after_barrier[2];
};

static long futex(uint32_t *addr, int op, uint32_t val, const struct timespec *t) {
  return syscall(SYS_futex, addr, op, val, t, NULL, 0);
}

static int child_status(pid_t c) {
  int st;
  waitpid(c, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  alarm(120); /* a lost wake-up ends the run instead of hanging it */
  struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  pthread_mutexattr_t ma;
  pthread_mutexattr_init(&ma);
  pthread_mutexattr_setpshared(&ma, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(&s->lock, &ma);
  pthread_condattr_t ca;
  pthread_condattr_init(&ca);
  pthread_condattr_setpshared(&ca, PTHREAD_PROCESS_SHARED);
  pthread_cond_init(&s->cond, &ca);
  pthread_barrierattr_t ba;
  pthread_barrierattr_init(&ba);
  pthread_barrierattr_setpshared(&ba, PTHREAD_PROCESS_SHARED);
  pthread_barrier_init(&s->barrier, &ba, 2);

  /* Mutex and counter. */
  pid_t c = fork();
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&s->lock);
    long v = s->counter;
    if (i % 1000 == 0) sched_yield(); /* hold the lock across a switch now and then */
    s->counter = v + 1;
    pthread_mutex_unlock(&s->lock);
  }
  if (c == 0) _exit(0);
  child_status(c);
  printf("counter after %d increments in each process: %ld\n", ROUNDS, s->counter);

  /* Condition variable: the child waits until the parent says ready. */
  c = fork();
  if (c == 0) {
    pthread_mutex_lock(&s->lock);
    while (!s->ready) pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    _exit(s->ready);
  }
  usleep(20000);
  pthread_mutex_lock(&s->lock);
  s->ready = 7;
  pthread_cond_broadcast(&s->cond);
  pthread_mutex_unlock(&s->lock);
  printf("child woken by the shared condvar, exit %d\n", child_status(c));

  /* Barrier: three rounds, each side sees the other's round number after each. */
  c = fork();
  int me = c == 0 ? 1 : 0;
  int seen_ok = 1;
  for (int round = 1; round <= 3; round++) {
    s->after_barrier[me] = round;
    pthread_barrier_wait(&s->barrier);
    if (s->after_barrier[1 - me] < round) seen_ok = 0;
    pthread_barrier_wait(&s->barrier);
  }
  if (c == 0) _exit(seen_ok ? 0 : 1);
  int cs = child_status(c);
  printf("barrier rounds seen by both: %s\n", seen_ok && cs == 0 ? "yes" : "no");

  /* Semaphores in a file mapping: ping-pong. */
  char path[] = "/tmp/pshared-XXXXXX";
  int fd = mkstemp(path);
  ftruncate(fd, 4096);
  sem_t *sems = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  int *turns = (int *)(sems + 2);
  sem_init(&sems[0], 1, 0);
  sem_init(&sems[1], 1, 0);
  c = fork();
  if (c == 0) {
    for (int i = 0; i < 200; i++) {
      sem_wait(&sems[0]);
      (*turns)++;
      sem_post(&sems[1]);
    }
    _exit(0);
  }
  for (int i = 0; i < 200; i++) {
    (*turns)++;
    sem_post(&sems[0]);
    sem_wait(&sems[1]);
  }
  child_status(c);
  printf("semaphore ping-pong turns: %d\n", *turns);

  /* Raw futex calls on one file page, mapped by the child at an address of its own. */
  uint32_t *word = (uint32_t *)((char *)sems + 2048);
  *word = 0;
  c = fork();
  if (c == 0) {
    char *own = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    uint32_t *w = (uint32_t *)(own + 2048);
    struct timespec t = {30, 0};
    long rr = futex(w, FUTEX_WAIT, 0, &t);
    _exit(rr == 0 ? 0 : errno == EAGAIN ? 2 : 1);
  }
  long priv = 0, woken = 0;
  for (int i = 0; i < 20000 && woken == 0; i++) {
    priv += futex(word, FUTEX_WAKE_PRIVATE, 1, NULL);
    woken = futex(word, FUTEX_WAKE, 1, NULL);
    if (!woken) usleep(1000);
  }
  printf("FUTEX_WAKE_PRIVATE woke the other process: %ld times; FUTEX_WAKE woke it: %ld\n", priv, woken);
  printf("child's FUTEX_WAIT returned: %s\n", child_status(c) == 0 ? "0 (woken)" : "an error");
  *word = 5;
  printf("FUTEX_WAIT on a changed value: %s\n", futex(word, FUTEX_WAIT, 0, NULL) < 0 && errno == EAGAIN ? "EAGAIN" : "?");
  munmap(sems, 4096);
  close(fd);
  unlink(path);
  return 0;
}
