/* The socket options programs set, with Linux's answers: booleans read back as 1, buffer
 * sizes doubled, SO_LINGER, TCP keepalive knobs, SO_TYPE/SO_PROTOCOL/SO_DOMAIN,
 * SO_ACCEPTCONN before and after listen, IPV6_V6ONLY, and the errors for unknown options,
 * wrong levels and non-sockets. */
#include "netcheck.h"
#include <netinet/tcp.h>

static void geti(int fd, int level, int name, const char *label) {
  int v = -12345;
  socklen_t l = sizeof v;
  errno = 0;
  int r = getsockopt(fd, level, name, &v, &l);
  if (r < 0) printf("%s: -1 %s\n", label, errname(errno));
  else printf("%s: %d (len %u)\n", label, v, l);
}

static void seti(int fd, int level, int name, int v, const char *label) {
  SHOW(label, setsockopt(fd, level, name, &v, sizeof v));
}

int main(void) {
  int t = socket(AF_INET, SOCK_STREAM, 0);
  seti(t, SOL_SOCKET, SO_REUSEADDR, 5, "set SO_REUSEADDR 5");
  geti(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
  seti(t, SOL_SOCKET, SO_REUSEPORT, 1, "set SO_REUSEPORT");
  geti(t, SOL_SOCKET, SO_REUSEPORT, "SO_REUSEPORT");
  seti(t, SOL_SOCKET, SO_KEEPALIVE, 1, "set SO_KEEPALIVE");
  geti(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
  seti(t, IPPROTO_TCP, TCP_NODELAY, 1, "set TCP_NODELAY");
  geti(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
  seti(t, IPPROTO_TCP, TCP_KEEPIDLE, 30, "set TCP_KEEPIDLE");
  geti(t, IPPROTO_TCP, TCP_KEEPIDLE, "TCP_KEEPIDLE");
  seti(t, IPPROTO_TCP, TCP_KEEPINTVL, 5, "set TCP_KEEPINTVL");
  geti(t, IPPROTO_TCP, TCP_KEEPINTVL, "TCP_KEEPINTVL");
  seti(t, IPPROTO_TCP, TCP_KEEPCNT, 3, "set TCP_KEEPCNT");
  geti(t, IPPROTO_TCP, TCP_KEEPCNT, "TCP_KEEPCNT");
  seti(t, IPPROTO_TCP, TCP_KEEPIDLE, 0, "set TCP_KEEPIDLE 0");
  seti(t, SOL_SOCKET, SO_RCVBUF, 65536, "set SO_RCVBUF 65536");
  geti(t, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
  seti(t, SOL_SOCKET, SO_SNDBUF, 32768, "set SO_SNDBUF 32768");
  geti(t, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
  seti(t, SOL_SOCKET, SO_RCVBUF, 1, "set SO_RCVBUF 1");
  geti(t, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF minimum");
  struct linger lg = {1, 7};
  SHOW("set SO_LINGER", setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof lg));
  struct linger lg2 = {0, 0};
  socklen_t ll = sizeof lg2;
  getsockopt(t, SOL_SOCKET, SO_LINGER, &lg2, &ll);
  printf("SO_LINGER %d %d len %u\n", lg2.l_onoff, lg2.l_linger, ll);
  geti(t, SOL_SOCKET, SO_TYPE, "SO_TYPE");
  geti(t, SOL_SOCKET, SO_PROTOCOL, "SO_PROTOCOL");
  geti(t, SOL_SOCKET, SO_DOMAIN, "SO_DOMAIN");
  geti(t, SOL_SOCKET, SO_ERROR, "SO_ERROR");
  geti(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN before listen");
  struct sockaddr_in a = loop4(0);
  bind(t, (struct sockaddr *)&a, sizeof a);
  listen(t, 1);
  geti(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN listening");
  char small = 0;
  socklen_t sl = 1;
  SHOW("getsockopt into 1 byte", getsockopt(t, SOL_SOCKET, SO_TYPE, &small, &sl));
  printf("1-byte result %d len %u\n", small, sl);
  int neg = -1;
  SHOW("negative optlen", getsockopt(t, SOL_SOCKET, SO_TYPE, &small, (socklen_t *)&neg));
  SHOW("short setsockopt", setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &small, 1));
  geti(t, SOL_SOCKET, 1000, "unknown SOL_SOCKET option");
  geti(t, IPPROTO_TCP, 1000, "unknown TCP option");
  geti(t, 999, 1, "unknown level");
  seti(t, SOL_SOCKET, SO_TYPE, 1, "set SO_TYPE");
  geti(t, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY on v4");
  int s6 = socket(AF_INET6, SOCK_STREAM, 0);
  geti(s6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY default");
  seti(s6, IPPROTO_IPV6, IPV6_V6ONLY, 1, "set IPV6_V6ONLY");
  geti(s6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY");
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  geti(u, SOL_SOCKET, SO_TYPE, "UDP SO_TYPE");
  geti(u, SOL_SOCKET, SO_PROTOCOL, "UDP SO_PROTOCOL");
  seti(u, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY on UDP");
  seti(u, SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST");
  geti(u, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST");
  int x = socket(AF_UNIX, SOCK_STREAM, 0);
  geti(x, SOL_SOCKET, SO_TYPE, "Unix SO_TYPE");
  geti(x, SOL_SOCKET, SO_DOMAIN, "Unix SO_DOMAIN");
  seti(x, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY on Unix");
  seti(x, SOL_SOCKET, SO_PASSCRED, 1, "SO_PASSCRED");
  geti(x, SOL_SOCKET, SO_PASSCRED, "SO_PASSCRED");
  int p[2];
  pipe(p);
  geti(p[0], SOL_SOCKET, SO_TYPE, "getsockopt on a pipe");
  SHOW("bind on a pipe", bind(p[0], (struct sockaddr *)&a, sizeof a));
  SHOW("getsockopt bad fd", getsockopt(closed_fd(), SOL_SOCKET, SO_TYPE, &small, &sl));
  SHOW("socket bad family", socket(12345, SOCK_STREAM, 0));
  SHOW("socket bad type", socket(AF_INET, 77, 0));
  SHOW("socket bad protocol", socket(AF_INET, SOCK_STREAM, IPPROTO_UDP));
  return 0;
}
