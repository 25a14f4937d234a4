/* pidfd_open: poll() sees the child's exit, waitid(P_PIDFD) reaps it, pidfd_send_signal kills a second child; errors for bad pids and flags. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static int pidfd_open(pid_t pid, unsigned flags) { return (int)syscall(SYS_pidfd_open, pid, flags); }
static int pidfd_send_signal(int fd, int sig) { return (int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0); }
static const char *err(int r) { return r >= 0 ? "ok" : errno == ESRCH ? "ESRCH" : errno == EINVAL ? "EINVAL" : errno == EBADF ? "EBADF" : strerror(errno); }

int main(void) {
  pid_t c = fork();
  if (c == 0) { usleep(50000); _exit(4); }
  int fd = pidfd_open(c, 0);
  printf("pidfd_open(child): %s\n", err(fd));
  struct pollfd p = {.fd = fd, .events = POLLIN};
  int before = poll(&p, 1, 0);
  int after = poll(&p, 1, 10000);
  printf("readable before exit: %d, after: %d (POLLIN %d)\n", before, after, (p.revents & POLLIN) != 0);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int r = waitid(P_PIDFD, fd, &si, WEXITED);
  printf("waitid(P_PIDFD): %s, status %d\n", err(r), si.si_status);
  close(fd);

  pid_t c2 = fork();
  if (c2 == 0) { pause(); _exit(0); }
  int fd2 = pidfd_open(c2, 0);
  printf("pidfd_send_signal(SIGTERM): %s\n", err(pidfd_send_signal(fd2, SIGTERM)));
  int st;
  waitpid(c2, &st, 0);
  printf("second child killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  printf("pidfd_send_signal after exit: %s\n", err(pidfd_send_signal(fd2, SIGTERM)));
  printf("pidfd_send_signal on stdin: %s\n", err(pidfd_send_signal(0, SIGTERM)));
  printf("pidfd_open(no such pid): %s\n", err(pidfd_open(999999, 0)));
  printf("pidfd_open(bad flags): %s\n", err(pidfd_open(getpid(), 1)));
  return 0;
}
