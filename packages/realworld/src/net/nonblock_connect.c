/* Non-blocking connect and accept with poll: accept says EAGAIN before anyone connects,
 * connect says EINPROGRESS and then the socket turns writable with SO_ERROR 0, accept then
 * succeeds, reads say EAGAIN until data arrives. */
#include "netcheck.h"
#include <fcntl.h>
#include <poll.h>

int main(void) {
  int port;
  int ls = listen4(&port, SOCK_NONBLOCK);
  SHOW("accept before connect", accept(ls, NULL, NULL));
  int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  struct sockaddr_in a = loop4(port);
  errno = 0;
  int r = connect(c, (struct sockaddr *)&a, sizeof a);
  printf("connect: %s\n", r == 0 ? "done at once" : errno == EINPROGRESS ? "EINPROGRESS" : errname(errno));
  struct pollfd pf = {c, POLLOUT, 0};
  SHOW("poll writable", poll(&pf, 1, 5000));
  printf("revents POLLOUT %d POLLERR %d\n", (pf.revents & POLLOUT) != 0, (pf.revents & POLLERR) != 0);
  int err = -1;
  socklen_t el = sizeof err;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el);
  printf("SO_ERROR %s\n", errname(err));
  SHOW("connect again", connect(c, (struct sockaddr *)&a, sizeof a));
  struct pollfd lp = {ls, POLLIN, 0};
  SHOW("poll listener", poll(&lp, 1, 5000));
  int s = accept4(ls, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
  printf("accept4: %d, nonblocking %d, cloexec %d\n", s >= 0, (fcntl(s, F_GETFL) & O_NONBLOCK) != 0, (fcntl(s, F_GETFD) & FD_CLOEXEC) != 0);
  char buf[16];
  SHOW("read nothing yet", read(s, buf, sizeof buf));
  struct pollfd sp = {s, POLLIN, 0};
  SHOW("poll no data", poll(&sp, 1, 0));
  xwrite(c, "data", 4);
  SHOW("poll data", poll(&sp, 1, 5000));
  SHOW("read data", read(s, buf, sizeof buf));
  SHOW("accept4 bad flags", accept4(ls, NULL, NULL, 0x1234));
  /* Fill the connection until EAGAIN, then drain it. */
  char *big = calloc(1, 65536);
  long sent = 0;
  for (int i = 0; i < 1000; i++) {
    int n = write(c, big, 65536);
    if (n < 0) {
      printf("write until full: %s\n", errname(errno));
      break;
    }
    sent += n;
  }
  struct pollfd wp = {c, POLLOUT, 0};
  SHOW("poll full", poll(&wp, 1, 0));
  long got = 0;
  while (got < sent) {
    int n = read(s, big, 65536);
    if (n > 0) got += n;
    else if (n < 0 && errno == EAGAIN) poll(&sp, 1, 1000);
    else break;
  }
  printf("drained all: %d\n", got == sent);
  return 0;
}
