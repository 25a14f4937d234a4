/* timerfd: periodic ticks counted through epoll until at least five have passed, a
 * one-shot absolute timer on CLOCK_REALTIME, gettime while armed and disarmed, expirations
 * that pile up while nobody reads. */
#include "netcheck.h"
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>

int main(void) {
  int t = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  uint64_t n;
  SHOW("read unarmed", read(t, &n, 8));
  struct itimerspec its = {{0, 10 * 1000 * 1000}, {0, 10 * 1000 * 1000}};
  SHOW("settime periodic", timerfd_settime(t, 0, &its, NULL));
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = t};
  epoll_ctl(ep, EPOLL_CTL_ADD, t, &ev);
  uint64_t ticks = 0;
  int wakeups = 0;
  while (ticks < 5) {
    struct epoll_event out;
    if (epoll_wait(ep, &out, 1, 5000) != 1) break;
    wakeups++;
    if (read(t, &n, 8) == 8) ticks += n;
  }
  printf("ticks >= 5: %d, woken at least once: %d\n", ticks >= 5, wakeups > 0);
  struct itimerspec cur;
  timerfd_gettime(t, &cur);
  printf("armed: interval %ld ns, value in (0, 10ms]: %d\n", cur.it_interval.tv_nsec, cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 10000000);
  usleep(35000);
  read(t, &n, 8);
  printf("piled up while sleeping: %d\n", n >= 2);
  struct itimerspec off = {{0, 0}, {0, 0}}, old;
  timerfd_settime(t, 0, &off, &old);
  printf("old interval %ld\n", old.it_interval.tv_nsec);
  timerfd_gettime(t, &cur);
  printf("disarmed: %ld %ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
  SHOW("read disarmed", read(t, &n, 8));
  close(t);

  int r = timerfd_create(CLOCK_REALTIME, 0);
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  struct itimerspec abs = {{0, 0}, now};
  abs.it_value.tv_nsec += 20 * 1000 * 1000;
  if (abs.it_value.tv_nsec >= 1000000000) {
    abs.it_value.tv_sec++;
    abs.it_value.tv_nsec -= 1000000000;
  }
  SHOW("settime absolute", timerfd_settime(r, TFD_TIMER_ABSTIME, &abs, NULL));
  SHOW("blocking read", read(r, &n, 8));
  printf("one expiration: %llu\n", (unsigned long long)n);
  struct itimerspec bad = {{0, 0}, {0, 1000000000}};
  SHOW("bad nsec", timerfd_settime(r, 0, &bad, NULL));
  SHOW("bad clock", timerfd_create(99, 0));
  SHOW("not a timerfd", timerfd_settime(0, 0, &its, NULL));
  return 0;
}
