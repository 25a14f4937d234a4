/* Unix datagram sockets on path and abstract names: sendto/recvfrom with the sender's
 * address, boundaries kept, MSG_TRUNC, connect as default destination, errors for names
 * nobody has bound. */
#include "netcheck.h"
#include <stddef.h>
#include <sys/un.h>

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  a->sun_path[0] = 0;
  memcpy(a->sun_path + 1, name, strlen(name));
  return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

int main(void) {
  char path[64], buf[64];
  snprintf(path, sizeof path, "/tmp/akuma-dgram-%d.sock", getpid());
  unlink(path);
  struct sockaddr_un srv = {0};
  srv.sun_family = AF_UNIX;
  strcpy(srv.sun_path, path);
  int s = socket(AF_UNIX, SOCK_DGRAM, 0);
  OK("bind server path", bind(s, (struct sockaddr *)&srv, sizeof srv));
  int c = socket(AF_UNIX, SOCK_DGRAM, 0);
  char name[32];
  snprintf(name, sizeof name, "akuma-client-%d", getpid());
  struct sockaddr_un ca;
  socklen_t cl = abstract_addr(&ca, name);
  OK("bind client abstract", bind(c, (struct sockaddr *)&ca, cl));
  SHOW("sendto 1", sendto(c, "hello", 5, 0, (struct sockaddr *)&srv, sizeof srv));
  SHOW("sendto 2", sendto(c, "world!", 6, 0, (struct sockaddr *)&srv, sizeof srv));
  struct sockaddr_un from;
  socklen_t fl = sizeof from;
  SHOW("recvfrom 1", recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl));
  printf("from is the client's abstract name: %d (len ok %d)\n", from.sun_path[0] == 0 && memcmp(from.sun_path + 1, name, strlen(name)) == 0, fl == cl);
  SHOW("recv truncated", recv(s, buf, 3, 0));
  SHOW("reply", sendto(s, "ack", 3, 0, (struct sockaddr *)&from, fl));
  SHOW("client gets reply", recv(c, buf, sizeof buf, 0));
  SHOW("connect client", connect(c, (struct sockaddr *)&srv, sizeof srv));
  SHOW("send connected", send(c, "via connect", 11, 0));
  SHOW("recv it", recv(s, buf, sizeof buf, MSG_DONTWAIT));
  SHOW("recv empty", recv(s, buf, sizeof buf, MSG_DONTWAIT));
  struct sockaddr_un nobody;
  socklen_t nl = abstract_addr(&nobody, "akuma-nobody-here");
  SHOW("sendto unbound abstract", sendto(s, "x", 1, 0, (struct sockaddr *)&nobody, nl));
  struct sockaddr_un nopath = {0};
  nopath.sun_family = AF_UNIX;
  strcpy(nopath.sun_path, "/tmp/akuma-no-such-dgram");
  SHOW("sendto missing path", sendto(s, "x", 1, 0, (struct sockaddr *)&nopath, sizeof nopath));
  int u = socket(AF_UNIX, SOCK_DGRAM, 0);
  SHOW("send unconnected", send(u, "x", 1, 0));
  SHOW("listen on dgram", listen(s, 1));
  close(c);
  close(s);
  close(u);
  unlink(path);
  return 0;
}
