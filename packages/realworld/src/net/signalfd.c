/* signalfd: blocked SIGUSR1 read as a signalfd_siginfo (from kill by myself and by a
 * forked child, whose pid it names), polled and epolled, non-blocking when empty. */
#include "netcheck.h"
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

int main(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  struct signalfd_siginfo si;
  SHOW("read empty", read(fd, &si, sizeof si));
  SHOW("short read", read(fd, &si, 8));
  struct pollfd pf = {fd, POLLIN, 0};
  SHOW("poll nothing", poll(&pf, 1, 0));
  kill(getpid(), SIGUSR1);
  SHOW("poll pending", poll(&pf, 1, 0));
  SHOW("read", read(fd, &si, sizeof si));
  printf("signo %u (SIGUSR1 %d), code SI_USER %d, pid mine %d\n", si.ssi_signo, si.ssi_signo == SIGUSR1, si.ssi_code == SI_USER, si.ssi_pid == (uint32_t)getpid());
  SHOW("read again", read(fd, &si, sizeof si));

  /* Blocking signalfd woken by a child's kill, through epoll. */
  int b = signalfd(-1, &set, 0);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = b};
  epoll_ctl(ep, EPOLL_CTL_ADD, b, &ev);
  pid_t parent = getpid();
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    usleep(20000);
    kill(parent, SIGUSR2);
    exit(0);
  }
  struct epoll_event out;
  SHOW("epoll_wait", epoll_wait(ep, &out, 1, 5000));
  SHOW("read child's", read(b, &si, sizeof si));
  printf("signo SIGUSR2 %d, from the child %d\n", si.ssi_signo == SIGUSR2, si.ssi_pid == (uint32_t)pid);
  waitpid(pid, NULL, 0);
  /* Two at once in one read. */
  kill(getpid(), SIGUSR1);
  kill(getpid(), SIGUSR2);
  struct signalfd_siginfo two[2];
  SHOW("read two", read(b, two, sizeof two));
  printf("in order: %d %d\n", two[0].ssi_signo == SIGUSR1, two[1].ssi_signo == SIGUSR2);
  /* Changing the mask of an existing signalfd. */
  sigset_t only1;
  sigemptyset(&only1);
  sigaddset(&only1, SIGUSR1);
  SHOW("update mask", signalfd(b, &only1, 0) == b);
  kill(getpid(), SIGUSR2);
  SHOW("poll USR2 not in mask", poll(&(struct pollfd){b, POLLIN, 0}, 1, 0));
  SHOW("bad flags", signalfd(-1, &set, 0x10));
  SHOW("not a signalfd", signalfd(0, &set, 0));
  return 0;
}
