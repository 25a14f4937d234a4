/* Process groups and sessions as Linux gives them (kernel/sys.c): setsid makes a session
 * leader that cannot change group or start another session; setpgid moves a child into a
 * new or an existing group of the same session, and refuses (EPERM/ESRCH/EACCES/EINVAL) the
 * rest; getpgid/getsid answer ESRCH for no such process; kill(-pgid) and kill(0) reach a
 * whole group; wait4(-pgid) and wait4(0) wait for children of one group only. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long r) {
  if (r >= 0) return "ok";
  switch (errno) {
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case EACCES: return "EACCES";
    case EINVAL: return "EINVAL";
    case ECHILD: return "ECHILD";
    default: return strerror(errno);
  }
}

/* A child that waits to be killed. */
static pid_t sleeper(void) {
  pid_t p = fork();
  if (p == 0) {
    for (;;) pause();
  }
  return p;
}

static int session(void) {
  pid_t me = getpid();
  printf("setsid returns the pid: %d\n", setsid() == me);
  printf("getsid(0) and getpgid(0) are the pid: %d %d\n", getsid(0) == me, getpgid(0) == me);
  printf("getpgrp is the pid: %d\n", getpgrp() == me);
  printf("setsid again (already a leader): %s\n", err(setsid()));
  printf("setpgid of a session leader: %s\n", err(setpgid(0, 0)));
  printf("setpgid with a negative pgid: %s\n", err(setpgid(0, -1)));
  printf("setpgid of a pid that is not a child: %s\n", err(setpgid(1, 0)));
  printf("setpgid of no such pid: %s\n", err(setpgid(999999, 0)));
  printf("getpgid/getsid of no such pid: %s %s\n", err(getpgid(999999)), err(getsid(999999)));

  pid_t a = sleeper();
  printf("a child inherits group and session: %d %d\n", getpgid(a) == me, getsid(a) == me);
  printf("setpgid(a, a) from the parent: %s, group is a: %d\n", err(setpgid(a, a)), getpgid(a) == a);
  pid_t b = sleeper();
  printf("setpgid(b, a) joins a's group: %s, group is a: %d\n", err(setpgid(b, a)), getpgid(b) == a);
  printf("setpgid(b, group that does not exist): %s\n", err(setpgid(b, 999999)));
  printf("getsid of a grouped child is the session: %d\n", getsid(b) == me);

  /* A child that made its own session: the parent may not move it. */
  int pfd[2];
  pipe(pfd);
  pid_t c = fork();
  if (c == 0) {
    close(pfd[0]);
    long r = setsid();
    write(pfd[1], "x", 1);
    if (r < 0) _exit(1);
    for (;;) pause();
  }
  close(pfd[1]);
  char x;
  read(pfd[0], &x, 1);
  close(pfd[0]);
  printf("child in its own session: getsid is its pid %d\n", getsid(c) == c);
  printf("setpgid of a child in another session: %s\n", err(setpgid(c, c)));

  /* A group leader cannot setsid. */
  pid_t d = fork();
  if (d == 0) {
    setpgid(0, 0);
    _exit(setsid() < 0 && errno == EPERM ? 7 : 8);
  }
  int st;
  waitpid(d, &st, 0);
  printf("setsid of a group leader: %s\n", WEXITSTATUS(st) == 7 ? "EPERM" : "other");

  /* A child that has exec'd: EACCES. A close-on-exec pipe says when the exec happened. */
  pipe2(pfd, O_CLOEXEC);
  pid_t e = fork();
  if (e == 0) {
    close(pfd[0]);
    execl("/bin/sleep", "sleep", "100", (char *)NULL);
    _exit(127);
  }
  close(pfd[1]);
  while (read(pfd[0], &x, 1) > 0) {
  }
  close(pfd[0]);
  printf("setpgid of a child after exec: %s\n", err(setpgid(e, e)));
  kill(e, SIGKILL);
  waitpid(e, &st, 0);

  /* kill(-pgid) reaches both a and b; wait4(-pgid) reaps only that group. */
  printf("kill(-group that does not exist): %s\n", err(kill(-999999, 0)));
  printf("wait4(-a, WNOHANG) while they live: %ld\n", (long)waitpid(-a, &st, WNOHANG));
  printf("kill(-a, SIGTERM): %s\n", err(kill(-a, SIGTERM)));
  int got = 0, right = 1;
  for (int i = 0; i < 2; i++) {
    pid_t w = waitpid(-a, &st, 0);
    if (w == a || w == b) got++;
    if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM) right = 0;
  }
  printf("wait4(-a) reaped %d, by SIGTERM: %d\n", got, right);
  printf("wait4(-a) again: %s\n", err(waitpid(-a, &st, 0)));
  printf("wait4(0) does not see the child of another group: %s\n", err(waitpid(0, &st, WNOHANG)));

  /* wait4(0): a child still in the caller's group. */
  pid_t f = fork();
  if (f == 0) _exit(3);
  pid_t w = waitpid(0, &st, 0);
  printf("wait4(0) reaps a child of the caller's group: %d, status %d\n", w == f, WEXITSTATUS(st));

  /* kill(0) reaches the caller's own group: a handler counts it. */
  signal(SIGUSR1, SIG_IGN);
  pipe(pfd);
  pid_t g = fork();
  if (g == 0) {
    signal(SIGUSR1, SIG_DFL);
    write(pfd[1], "x", 1); /* ready: the signal now ends it */
    for (;;) pause();
  }
  read(pfd[0], &x, 1);
  printf("kill(0, SIGUSR1): %s\n", err(kill(0, SIGUSR1)));
  waitpid(g, &st, 0);
  printf("the group's child died of SIGUSR1: %d\n", WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1);

  kill(c, SIGKILL);
  waitpid(c, &st, 0);
  return 0;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  /* Under qemu the program runs in the caller's group; a child with its own session makes
   * the start the same everywhere. */
  pid_t s = fork();
  if (s == 0) _exit(session());
  int st;
  waitpid(s, &st, 0);
  printf("exit %d\n", WEXITSTATUS(st));
  return 0;
}
