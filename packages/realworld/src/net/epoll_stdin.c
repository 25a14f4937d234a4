/* An event loop on standard input: epoll (edge-triggered) and poll on fd 0, reading lines
 * until end of input, which poll and epoll report at once. */
#include "netcheck.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/epoll.h>

int main(void) {
  fcntl(0, F_SETFL, fcntl(0, F_GETFL) | O_NONBLOCK);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLET, .data.fd = 0};
  SHOW("epoll_ctl stdin", epoll_ctl(ep, EPOLL_CTL_ADD, 0, &ev));
  long bytes = 0;
  int lines = 0, hup = 0;
  while (!hup) {
    struct epoll_event out;
    int n = epoll_wait(ep, &out, 1, 10000);
    if (n != 1) {
      printf("epoll_wait %d\n", n);
      break;
    }
    for (;;) {
      char buf[7];
      int k = read(0, buf, sizeof buf);
      if (k > 0) {
        bytes += k;
        for (int i = 0; i < k; i++) lines += buf[i] == '\n';
        continue;
      }
      if (k == 0) hup = 1;
      break;
    }
  }
  printf("read %ld bytes, %d lines\n", bytes, lines);
  struct pollfd pf = {0, POLLIN, 0};
  /* Which bit says "end" depends on what stdin is (a pipe: POLLHUP; a socket, as Node
   * gives qemu: POLLIN|POLLRDHUP), so only that poll answers at once is compared. */
  SHOW("poll at EOF", poll(&pf, 1, 0));
  return 0;
}
