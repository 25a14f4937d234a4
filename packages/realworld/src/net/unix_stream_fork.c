/* A Unix stream echo server on a path name, with a forked client: bind creates the socket
 * file, a second bind to it is EADDRINUSE, connect to a missing path is ENOENT, and the
 * server and client see each other's names. */
#include "netcheck.h"
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

int main(void) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/akuma-net-%d.sock", getpid());
  unlink(path);
  struct sockaddr_un a = {0};
  a.sun_family = AF_UNIX;
  strcpy(a.sun_path, path);
  int ls = socket(AF_UNIX, SOCK_STREAM, 0);
  OK("bind", bind(ls, (struct sockaddr *)&a, sizeof a));
  struct stat st;
  printf("socket file exists: %d\n", stat(path, &st) == 0);
  int other = socket(AF_UNIX, SOCK_STREAM, 0);
  SHOW("bind again", bind(other, (struct sockaddr *)&a, sizeof a));
  struct sockaddr_un missing = {0};
  missing.sun_family = AF_UNIX;
  strcpy(missing.sun_path, "/tmp/akuma-no-such-socket");
  SHOW("connect missing", connect(other, (struct sockaddr *)&missing, sizeof missing));
  SHOW("connect before listen", connect(other, (struct sockaddr *)&a, sizeof a));
  close(other);
  SHOW("listen", listen(ls, 4));
  struct sockaddr_un got;
  socklen_t gl = sizeof got;
  getsockname(ls, (struct sockaddr *)&got, &gl);
  printf("getsockname is the path: %d\n", strcmp(got.sun_path, path) == 0);
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    int c = socket(AF_UNIX, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); exit(1); }
    struct sockaddr_un peer;
    socklen_t pl = sizeof peer;
    getpeername(c, (struct sockaddr *)&peer, &pl);
    printf("client: peer is the path: %d\n", strcmp(peer.sun_path, path) == 0);
    for (int i = 0; i < 3; i++) {
      char msg[32], back[32];
      int n = snprintf(msg, sizeof msg, "message %d", i);
      xwrite(c, msg, n);
      int got = 0;
      while (got < n) {
        int r = read(c, back + got, sizeof back - got);
        if (r <= 0) exit(3);
        got += r;
      }
      printf("client: echoed %.*s\n", got, back);
    }
    close(c);
    exit(0);
  }
  struct sockaddr_un peer;
  socklen_t pl = sizeof peer;
  int s = accept(ls, (struct sockaddr *)&peer, &pl);
  printf("server: accepted, client unnamed: %d\n", pl == sizeof(sa_family_t));
  char buf[128];
  int n, total = 0;
  while ((n = read(s, buf, sizeof buf)) > 0) {
    xwrite(s, buf, n);
    total += n;
  }
  int status;
  waitpid(pid, &status, 0);
  printf("server: %d bytes echoed, client exit %d\n", total, WEXITSTATUS(status));
  close(s);
  close(ls);
  SHOW("unlink", unlink(path));
  return 0;
}
