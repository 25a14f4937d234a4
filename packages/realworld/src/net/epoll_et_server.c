/* An edge-triggered epoll server on 127.0.0.1 handling several forked clients at once:
 * non-blocking accept and reads drained to EAGAIN after each edge, as event loops do. */
#include "netcheck.h"
#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/wait.h>

#define CLIENTS 4
#define ROUNDS 3

int main(void) {
  int port;
  int ls = listen4(&port, SOCK_NONBLOCK);
  for (int i = 0; i < CLIENTS; i++) {
    if ((fflush(stdout), fork()) == 0) {
      int c = socket(AF_INET, SOCK_STREAM, 0);
      struct sockaddr_in a = loop4(port);
      if (connect(c, (struct sockaddr *)&a, sizeof a) < 0) exit(1);
      for (int r = 0; r < ROUNDS; r++) {
        char msg[32], back[32];
        int n = snprintf(msg, sizeof msg, "client %d round %d", i, r);
        xwrite(c, msg, n);
        int got = 0;
        while (got < n) {
          int k = read(c, back + got, sizeof back - got);
          if (k <= 0) exit(2);
          got += k;
        }
        if (memcmp(msg, back, n)) exit(3);
      }
      close(c);
      exit(0);
    }
  }
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = ls};
  epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
  int closed = 0, accepted = 0;
  long bytes = 0;
  while (closed < CLIENTS) {
    struct epoll_event evs[8];
    int n = epoll_wait(ep, evs, 8, 10000);
    if (n <= 0) {
      printf("epoll_wait: %d\n", n);
      break;
    }
    for (int i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      if (fd == ls) {
        for (;;) {
          int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK);
          if (s < 0) break;
          accepted++;
          struct epoll_event cev = {.events = EPOLLIN | EPOLLET | EPOLLRDHUP, .data.fd = s};
          epoll_ctl(ep, EPOLL_CTL_ADD, s, &cev);
        }
        continue;
      }
      for (;;) {
        char buf[256];
        int k = read(fd, buf, sizeof buf);
        if (k > 0) {
          bytes += k;
          xwrite(fd, buf, k);
          continue;
        }
        if (k == 0) {
          epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
          close(fd);
          closed++;
        }
        break;
      }
    }
  }
  int ok = 0, st;
  while (wait(&st) > 0) ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
  printf("accepted %d, closed %d, echoed %ld bytes, clients ok %d\n", accepted, closed, bytes, ok);
  struct epoll_event e2 = {.events = EPOLLIN};
  SHOW("epoll_ctl on a regular file", epoll_ctl(ep, EPOLL_CTL_ADD, open("/proc/self/exe", O_RDONLY), &e2));
  SHOW("epoll_ctl add twice", (epoll_ctl(ep, EPOLL_CTL_ADD, ls, &e2)));
  int pp[2];
  pipe(pp);
  SHOW("epoll_ctl mod missing", epoll_ctl(ep, EPOLL_CTL_MOD, pp[0], &e2));
  SHOW("epoll_ctl del missing", epoll_ctl(ep, EPOLL_CTL_DEL, pp[0], NULL));
  SHOW("epoll_ctl bad op", epoll_ctl(ep, 7, pp[0], &e2));
  SHOW("epoll_ctl on itself", epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e2));
  SHOW("epoll_wait bad maxevents", epoll_wait(ep, &e2, 0, 0));
  SHOW("epoll_create1 bad flags", epoll_create1(1));
  return 0;
}
