/* A TCP echo server and client on 127.0.0.1 (or ::1 with "6"): the server binds port 0,
 * forks a client that connects, sends lines and reads the echoes, and reports what it saw. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what) { printf("%s: %s\n", what, strerror(errno)); exit(1); }

int main(int argc, char **argv) {
  int v6 = argc > 1 && strcmp(argv[1], "6") == 0;
  int ls = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
  if (ls < 0) die("socket");
  int one = 1;
  setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_storage ss;
  memset(&ss, 0, sizeof ss);
  socklen_t len;
  if (v6) {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    len = sizeof *a;
  } else {
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof *a;
  }
  if (bind(ls, (struct sockaddr *)&ss, len) < 0) die("bind");
  if (listen(ls, 8) < 0) die("listen");
  if (getsockname(ls, (struct sockaddr *)&ss, &len) < 0) die("getsockname");
  int port = ntohs(v6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
  printf("listening, port nonzero: %d\n", port != 0);
  fflush(stdout);
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    int c = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&ss, len) < 0) die("connect");
    const char *lines[] = {"hello\n", "world, a longer line\n", "bye\n"};
    for (int i = 0; i < 3; i++) {
      char buf[128];
      write(c, lines[i], strlen(lines[i]));
      size_t got = 0;
      while (got < strlen(lines[i])) {
        ssize_t n = read(c, buf + got, sizeof buf - got);
        if (n <= 0) die("read");
        got += n;
      }
      printf("client got back: %.*s", (int)got, buf);
    }
    shutdown(c, SHUT_WR);
    char b;
    printf("client read after shutdown: %zd\n", read(c, &b, 1));
    close(c);
    exit(0);
  }
  struct sockaddr_storage peer;
  socklen_t plen = sizeof peer;
  int s = accept(ls, (struct sockaddr *)&peer, &plen);
  if (s < 0) die("accept");
  printf("accepted family %s, peer len ok %d\n", peer.ss_family == (v6 ? AF_INET6 : AF_INET) ? "right" : "wrong", plen == len);
  char buf[256];
  ssize_t n;
  long total = 0;
  while ((n = read(s, buf, sizeof buf)) > 0) {
    write(s, buf, n);
    total += n;
  }
  printf("server echoed %ld bytes, then EOF (%zd)\n", total, n);
  close(s);
  int st;
  waitpid(pid, &st, 0);
  printf("client exit %d\n", WEXITSTATUS(st));
  return 0;
}
