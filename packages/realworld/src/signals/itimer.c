/* setitimer(ITIMER_REAL) with an interval: five SIGALRMs, then getitimer reads a disarmed timer; ITIMER_PROF fires on CPU time. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks, profs;
static void on_alarm(int sig) { (void)sig; ticks++; }
static void on_prof(int sig) { (void)sig; profs++; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm;
  sigaction(SIGALRM, &sa, NULL);
  struct itimerval it = {{0, 20000}, {0, 20000}};
  if (setitimer(ITIMER_REAL, &it, NULL) != 0) { perror("setitimer"); return 1; }
  struct itimerval cur;
  getitimer(ITIMER_REAL, &cur);
  printf("armed: interval %ld us, value set %d\n", (long)cur.it_interval.tv_usec, cur.it_value.tv_sec > 0 || cur.it_value.tv_usec > 0);
  while (ticks < 5) pause();
  struct itimerval off = {{0, 0}, {0, 0}}, old;
  setitimer(ITIMER_REAL, &off, &old);
  getitimer(ITIMER_REAL, &cur);
  printf("5 ticks; old interval %ld us; now disarmed %d\n", (long)old.it_interval.tv_usec, cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0);
  sa.sa_handler = on_prof;
  sigaction(SIGPROF, &sa, NULL);
  struct itimerval prof = {{0, 0}, {0, 10000}};
  setitimer(ITIMER_PROF, &prof, NULL);
  volatile unsigned long spin = 0;
  while (!profs) spin++;
  printf("ITIMER_PROF fired after CPU work: %d\n", (int)profs);
  printf("bad which: %d\n", setitimer(7, &off, NULL));
  return 0;
}
