/* timer_create: SIGEV_SIGNAL with a value, a periodic timer counted by sigwaitinfo, timer_gettime, SIGEV_THREAD_ID to one thread, timer_delete. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile pid_t handled_in;
static void on_rt(int sig, siginfo_t *si, void *uc) { (void)sig; (void)si; (void)uc; handled_in = gettid(); }

static pid_t worker_tid;
static volatile int stop;
static void *worker(void *arg) {
  worker_tid = gettid();
  while (!stop) usleep(1000);
  return arg;
}

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGRTMIN);
  sigprocmask(SIG_BLOCK, &set, NULL);
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMIN;
  ev.sigev_value.sival_int = 77;
  timer_t tm;
  if (timer_create(CLOCK_MONOTONIC, &ev, &tm) != 0) { perror("timer_create"); return 1; }
  struct itimerspec its = {{0, 10 * 1000 * 1000}, {0, 10 * 1000 * 1000}};
  timer_settime(tm, 0, &its, NULL);
  int n = 0, values_ok = 1;
  siginfo_t info;
  while (n < 4) {
    sigwaitinfo(&set, &info);
    values_ok &= info.si_code == SI_TIMER && info.si_value.sival_int == 77;
    n++;
  }
  struct itimerspec cur;
  timer_gettime(tm, &cur);
  printf("periodic timer: %d expirations, siginfo ok %d, interval %ld ms\n", n, values_ok, cur.it_interval.tv_nsec / 1000000);
  timer_delete(tm);
  printf("timer_gettime after delete: %d\n", timer_gettime(tm, &cur));

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_rt;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMIN + 1, &sa, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  while (!worker_tid) usleep(1000);
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGRTMIN + 1;
  ev._sigev_un._tid = worker_tid;
  timer_t tt;
  if (timer_create(CLOCK_REALTIME, &ev, &tt) != 0) { perror("timer_create thread"); return 1; }
  struct itimerspec once = {{0, 0}, {0, 5 * 1000 * 1000}};
  timer_settime(tt, 0, &once, NULL);
  while (!handled_in) usleep(1000);
  printf("SIGEV_THREAD_ID delivered to the named thread: %d\n", handled_in == worker_tid);
  stop = 1;
  pthread_join(t, NULL);
  timer_delete(tt);
  return 0;
}
