/* pthread_kill reaches the named thread's handler; a process-directed kill goes to the one thread that does not block it. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdatomic.h>

static _Atomic pid_t handled_by;
static atomic_int worker_ready, stop;
static pid_t worker_tid;

static void on_usr1(int sig) { (void)sig; handled_by = gettid(); }

static void *worker(void *arg) {
  sigset_t s;
  sigemptyset(&s);
  pthread_sigmask(SIG_SETMASK, &s, NULL);
  worker_tid = gettid();
  worker_ready = 1;
  while (!stop) usleep(1000);
  return arg;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!worker_ready) usleep(1000);
  pthread_kill(t, SIGUSR1);
  while (!handled_by) usleep(1000);
  printf("pthread_kill handled by worker: %d\n", handled_by == worker_tid);
  handled_by = 0;
  sigset_t block;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &block, NULL);
  kill(getpid(), SIGUSR1);
  while (!handled_by) usleep(1000);
  printf("kill handled by the unblocked thread: %d\n", handled_by == worker_tid);
  stop = 1;
  pthread_join(t, NULL);
  return 0;
}
