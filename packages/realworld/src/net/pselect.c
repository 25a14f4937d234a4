/* pselect6 and select: timeouts with nothing ready, readiness of pipes and sockets in the
 * three sets, EBADF, and the signal mask argument letting a handler interrupt the wait. */
#include "netcheck.h"
#include <signal.h>
#include <sys/select.h>
#include <sys/wait.h>

static volatile int got;
static void on_usr1(int s) { got = s; }

int main(void) {
  int p[2];
  pipe(p);
  fd_set r, w;
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  struct timespec ts = {0, 30 * 1000 * 1000};
  SHOW("pselect timeout", pselect(p[0] + 1, &r, NULL, NULL, &ts, NULL));
  printf("set cleared: %d\n", !FD_ISSET(p[0], &r));
  xwrite(p[1], "x", 1);
  FD_ZERO(&r);
  FD_ZERO(&w);
  FD_SET(p[0], &r);
  FD_SET(p[1], &w);
  SHOW("pselect ready", pselect(p[1] + 1, &r, &w, NULL, &ts, NULL));
  printf("read end set %d, write end set %d\n", FD_ISSET(p[0], &r), FD_ISSET(p[1], &w));
  struct timeval tv = {0, 20000};
  FD_ZERO(&r);
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  FD_SET(sv[0], &r);
  SHOW("select socket timeout", select(sv[0] + 1, &r, NULL, NULL, &tv));
  xwrite(sv[1], "y", 1);
  FD_SET(sv[0], &r);
  SHOW("select socket ready", select(sv[0] + 1, &r, NULL, NULL, NULL));
  FD_ZERO(&r);
  int bad = closed_fd();
  FD_SET(bad, &r);
  SHOW("select bad fd", select(bad + 1, &r, NULL, NULL, &tv));
  SHOW("select negative nfds", select(-1, NULL, NULL, NULL, &tv));
  /* The mask: SIGUSR1 blocked except during pselect. */
  signal(SIGUSR1, on_usr1);
  sigset_t block, empty;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, NULL);
  sigemptyset(&empty);
  pid_t parent = getpid();
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    usleep(30000);
    kill(parent, SIGUSR1);
    exit(0);
  }
  char c;
  read(p[0], &c, 1);
  FD_ZERO(&r);
  FD_SET(p[0], &r);
  struct timespec long_ts = {10, 0};
  SHOW("pselect with mask", pselect(p[0] + 1, &r, NULL, NULL, &long_ts, &empty));
  printf("handler ran: %d\n", got == SIGUSR1);
  waitpid(pid, NULL, 0);
  return 0;
}
