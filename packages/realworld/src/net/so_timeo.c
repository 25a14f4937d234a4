/* SO_RCVTIMEO and SO_SNDTIMEO: a blocking recv, read, accept or send that waits longer than
 * the timeout fails with EAGAIN; data arriving in time is returned; a partial send returns
 * its count. */
#include "netcheck.h"
#include <sys/time.h>

int main(void) {
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  struct timeval tv = {0, 50000};
  SHOW("set SO_RCVTIMEO", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
  struct timeval got;
  socklen_t gl = sizeof got;
  getsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &got, &gl);
  printf("SO_RCVTIMEO back: %ld.%06ld len %u\n", (long)got.tv_sec, (long)got.tv_usec, gl);
  char buf[64];
  SHOW("recv times out", recv(sv[0], buf, sizeof buf, 0));
  SHOW("read times out", read(sv[0], buf, sizeof buf));
  xwrite(sv[1], "in time", 7);
  SHOW("recv with data", recv(sv[0], buf, sizeof buf, 0));
  SHOW("set SO_SNDTIMEO", setsockopt(sv[1], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv));
  static char big[1 << 20];
  long total = 0;
  for (int i = 0; i < 8; i++) {
    errno = 0;
    long n = send(sv[1], big, sizeof big, 0);
    if (n < 0) {
      printf("send until the timeout: %s after filling %d\n", errname(errno), total > 0);
      break;
    }
    total += n;
    if (n < (long)sizeof big) {
      printf("partial send returned its count: %d\n", n > 0);
      break;
    }
  }
  int port;
  int ls = listen4(&port, 0);
  setsockopt(ls, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  SHOW("accept times out", accept(ls, NULL, NULL));
  struct timeval bad = {0, 2000000};
  SHOW("usec out of range", setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &bad, sizeof bad));
  return 0;
}
