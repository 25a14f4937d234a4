/* ppoll: a timeout, POLLNVAL for a closed fd, POLLHUP on a pipe whose writer is gone,
 * negative fds ignored, and the signal mask argument: a blocked signal that is already
 * pending interrupts ppoll at once when the mask unblocks it. */
#define _GNU_SOURCE
#include "netcheck.h"
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

static volatile int got;
static void on_usr1(int s) { got = s; }

int main(void) {
  int p[2];
  pipe(p);
  struct pollfd fds[3] = {{p[0], POLLIN, 0}, {99, POLLIN, 0}, {-1, POLLIN, 0}};
  struct timespec ts = {0, 20 * 1000 * 1000};
  SHOW("ppoll nvalid", ppoll(fds, 3, &ts, NULL));
  printf("revents: %#x %#x %#x\n", fds[0].revents, fds[1].revents, fds[2].revents);
  SHOW("ppoll timeout", ppoll(fds, 1, &ts, NULL));
  close(p[1]);
  SHOW("ppoll hangup", ppoll(fds, 1, &ts, NULL));
  printf("revents: %#x\n", fds[0].revents);
  signal(SIGUSR1, on_usr1);
  sigset_t block, empty;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, NULL);
  raise(SIGUSR1);
  printf("pending, handler not run: %d\n", got == 0);
  int q[2];
  pipe(q);
  struct pollfd f = {q[0], POLLIN, 0};
  sigemptyset(&empty);
  struct timespec lng = {10, 0};
  SHOW("ppoll with empty mask", ppoll(&f, 1, &lng, &empty));
  printf("handler ran: %d\n", got == SIGUSR1);
  sigset_t now;
  sigprocmask(SIG_BLOCK, NULL, &now);
  printf("mask restored: %d\n", sigismember(&now, SIGUSR1));
  /* A signal from another process during the wait. */
  got = 0;
  pid_t parent = getpid();
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    usleep(30000);
    kill(parent, SIGUSR1);
    exit(0);
  }
  SHOW("ppoll interrupted", ppoll(&f, 1, &lng, &empty));
  printf("handler ran: %d\n", got == SIGUSR1);
  waitpid(pid, NULL, 0);
  struct timespec bad = {0, 2000000000};
  SHOW("ppoll bad timeout", ppoll(&f, 1, &bad, NULL));
  return 0;
}
