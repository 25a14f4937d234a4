/* A signal-handling thread: every thread blocks SIGUSR1/SIGTERM, one thread sigwait()s for them; sigtimedwait times out; sigqueue carries a value; sigpending sees a blocked signal. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static void *waiter(void *arg) {
  sigset_t *set = arg;
  int got = 0, sig;
  while (got < 3) {
    sigwait(set, &sig);
    printf("waiter got %s\n", sig == SIGUSR1 ? "SIGUSR1" : sig == SIGTERM ? "SIGTERM" : "other");
    fflush(stdout);
    got++;
  }
  return NULL;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  pthread_t t;
  pthread_create(&t, NULL, waiter, &set);
  kill(getpid(), SIGUSR1);
  usleep(20000);
  kill(getpid(), SIGTERM);
  usleep(20000);
  pthread_kill(t, SIGUSR1);
  pthread_join(t, NULL);

  struct timespec ts = {0, 30 * 1000 * 1000};
  int r = sigtimedwait(&set, NULL, &ts);
  printf("sigtimedwait with nothing pending: %d %s\n", r, errno == EAGAIN ? "EAGAIN" : "other");

  union sigval v = {.sival_int = 1234};
  sigqueue(getpid(), SIGUSR1, v);
  sigset_t pending;
  sigpending(&pending);
  printf("SIGUSR1 pending while blocked: %d\n", sigismember(&pending, SIGUSR1));
  siginfo_t info;
  r = sigwaitinfo(&set, &info);
  printf("sigwaitinfo: %s code=%s value=%d pid ok=%d\n", r == SIGUSR1 ? "SIGUSR1" : "other", info.si_code == SI_QUEUE ? "SI_QUEUE" : "other", info.si_value.sival_int, info.si_pid == getpid());
  return 0;
}
