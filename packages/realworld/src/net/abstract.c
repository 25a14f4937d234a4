/* Abstract Unix names: a stream server and client that never touch the file system, the
 * same name twice is EADDRINUSE, the name is free again after close, autobind. */
#include "netcheck.h"
#include <stddef.h>
#include <sys/un.h>

static socklen_t abstract_addr(struct sockaddr_un *a, const char *name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  memcpy(a->sun_path + 1, name, strlen(name));
  return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

int main(void) {
  char name[40], buf[32];
  snprintf(name, sizeof name, "akuma-abstract-%d", getpid());
  struct sockaddr_un a;
  socklen_t al = abstract_addr(&a, name);
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  SHOW("bind", bind(ls, (struct sockaddr *)&a, al));
  SHOW("listen", listen(ls, 2));
  int dup = socket(AF_UNIX, SOCK_STREAM, 0);
  SHOW("bind same name", bind(dup, (struct sockaddr *)&a, al));
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  SHOW("connect", connect(c, (struct sockaddr *)&a, al));
  int s = accept(ls, NULL, NULL);
  printf("accepted: %d\n", s >= 0);
  xwrite(c, "abstract", 8);
  SHOW("read", read(s, buf, sizeof buf));
  struct sockaddr_un got;
  socklen_t gl = sizeof got;
  getsockname(s, (struct sockaddr *)&got, &gl);
  printf("accepted socket's name is the server's: %d\n", gl == al && memcmp(&got, &a, al) == 0);
  close(s);
  close(c);
  close(ls);
  SHOW("bind after close", bind(dup, (struct sockaddr *)&a, al));
  int auto_ = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un none = {0};
  none.sun_family = AF_UNIX;
  SHOW("autobind", bind(auto_, (struct sockaddr *)&none, sizeof(sa_family_t)));
  gl = sizeof got;
  getsockname(auto_, (struct sockaddr *)&got, &gl);
  printf("autobind name: abstract %d, length %u\n", got.sun_path[0] == 0, gl);
  struct sockaddr_un nobody;
  socklen_t nl = abstract_addr(&nobody, "akuma-abstract-nobody");
  int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
  SHOW("connect to nobody", connect(c2, (struct sockaddr *)&nobody, nl));
  int d = socket(AF_UNIX, SOCK_DGRAM, 0);
  SHOW("stream connect to dgram name", connect(c2, (struct sockaddr *)&got, gl));
  close(d);
  return 0;
}
