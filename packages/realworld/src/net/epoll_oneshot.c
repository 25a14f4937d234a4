/* epoll over pipes: level-triggered reports repeat, edge-triggered once per change,
 * EPOLLONESHOT once until EPOLL_CTL_MOD re-arms it, EPOLLHUP/EPOLLERR when the other end
 * closes, EPOLLEXCLUSIVE accepted, epoll nested in epoll and in poll. */
#include "netcheck.h"
#include <poll.h>
#include <sys/epoll.h>

static int wait1(int ep) {
  struct epoll_event e;
  int n = epoll_wait(ep, &e, 1, 0);
  return n <= 0 ? n : (int)e.events;
}

int main(void) {
  int p[2];
  pipe(p);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 42};
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  printf("empty: %d\n", wait1(ep));
  xwrite(p[1], "x", 1);
  printf("level 1: %#x\n", wait1(ep));
  printf("level 2: %#x\n", wait1(ep));
  ev.events = EPOLLIN | EPOLLET;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  printf("edge after MOD: %#x\n", wait1(ep));
  printf("edge again: %d\n", wait1(ep));
  xwrite(p[1], "y", 1);
  printf("edge new data: %#x\n", wait1(ep));
  ev.events = EPOLLIN | EPOLLONESHOT;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  printf("oneshot: %#x\n", wait1(ep));
  printf("oneshot fired: %d\n", wait1(ep));
  xwrite(p[1], "z", 1);
  printf("still disarmed: %d\n", wait1(ep));
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  struct epoll_event got;
  printf("re-armed: %d data %llu\n", epoll_wait(ep, &got, 1, 0), (unsigned long long)got.data.u64);
  /* Nested: an epoll watching the epoll. */
  int outer = epoll_create1(0);
  int ep2 = epoll_create1(0);
  struct epoll_event e2 = {.events = EPOLLIN};
  epoll_ctl(ep2, EPOLL_CTL_ADD, p[0], &e2);
  struct epoll_event eo = {.events = EPOLLIN, .data.u32 = 7};
  epoll_ctl(outer, EPOLL_CTL_ADD, ep2, &eo);
  printf("nested: %#x\n", wait1(outer));
  SHOW("loop", epoll_ctl(ep2, EPOLL_CTL_ADD, outer, &eo));
  struct pollfd pf = {ep2, POLLIN, 0};
  SHOW("poll on an epoll", poll(&pf, 1, 0));
  struct epoll_event ex = {.events = EPOLLIN | EPOLLEXCLUSIVE};
  int q[2];
  pipe(q);
  SHOW("EPOLLEXCLUSIVE", epoll_ctl(ep2, EPOLL_CTL_ADD, q[0], &ex));
  SHOW("EPOLLEXCLUSIVE MOD", epoll_ctl(ep2, EPOLL_CTL_MOD, q[0], &ex));
  ex.events = EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT;
  SHOW("EPOLLEXCLUSIVE|ONESHOT", epoll_ctl(ep2, EPOLL_CTL_ADD, q[1], &ex));
  /* Hang-ups. */
  int w = epoll_create1(0);
  struct epoll_event ew = {.events = EPOLLOUT};
  epoll_ctl(w, EPOLL_CTL_ADD, q[1], &ew);
  printf("write end writable: %#x\n", wait1(w));
  close(q[0]);
  printf("readers gone: %#x\n", wait1(w));
  close(p[1]);
  ev.events = EPOLLIN;
  epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev);
  printf("writers gone: %#x\n", wait1(ep));
  /* A closed fd leaves the set. */
  int r[2];
  pipe(r);
  int e3 = epoll_create1(0);
  struct epoll_event ee = {.events = EPOLLOUT};
  epoll_ctl(e3, EPOLL_CTL_ADD, r[1], &ee);
  close(r[1]);
  printf("after close: %d\n", wait1(e3));
  return 0;
}
