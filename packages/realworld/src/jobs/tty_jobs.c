/*
 * Job control on the controlling terminal, as a program sees it: run in the foreground of a
 * terminal, it makes children in background process groups that read, write and change the
 * terminal, and prints what each one met (stopped by SIGTTIN/SIGTTOU, EIO, EINTR, ok), then
 * the session ioctls' answers (tcsetpgrp to a bad group, after setsid, TIOCNOTTY, /dev/tty)
 * and what an orphaned group meets. Every line depends only on the kernel's rules, so the
 * output is the same under Linux (qemu-aarch64 on a host pty) and akuma-vm (an SSH pty).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static void result(const char *what, int r) {
  printf("%s: %s\n", what, r < 0 ? strerror(errno) : "ok");
  fflush(stdout);
}

/* Waits for a child (stops included) and says how it ended; a stopped child is killed. */
static void report(const char *what, pid_t pid) {
  int st;
  waitpid(pid, &st, WUNTRACED);
  if (WIFSTOPPED(st)) {
    printf("%s: stopped by signal %d\n", what, WSTOPSIG(st));
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
  } else if (WIFEXITED(st)) {
    printf("%s: exit %d\n", what, WEXITSTATUS(st));
  } else {
    printf("%s: killed by signal %d\n", what, WTERMSIG(st));
  }
  fflush(stdout);
}

/* A child in a background group of its own (both sides call setpgid, so there is no race). */
static pid_t background(void) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    return 0;
  }
  setpgid(pid, pid);
  return pid;
}

static volatile sig_atomic_t handled;
static void on_signal(int sig) { handled = sig; }

static void set_tostop(int on) {
  struct termios t;
  tcgetattr(0, &t);
  if (on) t.c_lflag |= TOSTOP;
  else t.c_lflag &= ~TOSTOP;
  tcsetattr(0, TCSANOW, &t);
}

int main(void) {
  char c;
  pid_t pid;
  printf("BEGIN\n");
  printf("in the foreground: %s\n", tcgetpgrp(0) == getpgrp() ? "yes" : "no");

  if ((pid = background()) == 0) { read(0, &c, 1); _exit(0); }
  report("background read", pid);

  if ((pid = background()) == 0) {
    signal(SIGTTIN, SIG_IGN);
    result("background read, SIGTTIN ignored", (int)read(0, &c, 1));
    _exit(0);
  }
  report("child", pid);

  if ((pid = background()) == 0) {
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGTTIN);
    sigprocmask(SIG_BLOCK, &s, NULL);
    result("background read, SIGTTIN blocked", (int)read(0, &c, 1));
    _exit(0);
  }
  report("child", pid);

  if ((pid = background()) == 0) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigaction(SIGTTIN, &sa, NULL);
    int r = (int)read(0, &c, 1);
    printf("background read, SIGTTIN handled: %s, handler saw %d\n", r < 0 ? strerror(errno) : "ok", (int)handled);
    fflush(stdout);
    _exit(0);
  }
  report("child", pid);

  if ((pid = background()) == 0) { result("background write", (int)write(1, "w\n", 2)); _exit(0); }
  report("child", pid);

  set_tostop(1);
  if ((pid = background()) == 0) { write(1, "not shown\n", 10); _exit(0); }
  report("background write with TOSTOP", pid);
  if ((pid = background()) == 0) {
    signal(SIGTTOU, SIG_IGN);
    result("background write with TOSTOP, SIGTTOU ignored", (int)write(1, "w\n", 2));
    _exit(0);
  }
  report("child", pid);
  set_tostop(0);

  if ((pid = background()) == 0) {
    struct termios t;
    tcgetattr(0, &t);
    tcsetattr(0, TCSANOW, &t);
    _exit(0);
  }
  report("background tcsetattr", pid);

  if ((pid = background()) == 0) {
    signal(SIGTTOU, SIG_IGN);
    pid_t parent_group = getpgid(getppid());
    result("background tcsetpgrp to itself, SIGTTOU ignored", tcsetpgrp(0, getpgrp()));
    printf("now in the foreground: %s\n", tcgetpgrp(0) == getpgrp() ? "yes" : "no");
    result("and back", tcsetpgrp(0, parent_group));
    _exit(0);
  }
  report("child", pid);
  printf("foreground again: %s\n", tcgetpgrp(0) == getpgrp() ? "yes" : "no");

  result("tcsetpgrp to no such group", tcsetpgrp(0, 999999));
  result("tcsetpgrp to -5", tcsetpgrp(0, -5));

  fflush(stdout);
  if ((pid = fork()) == 0) {
    setsid();
    result("after setsid: tcgetpgrp", tcgetpgrp(0));
    result("after setsid: tcsetpgrp", tcsetpgrp(0, getpid()));
    result("after setsid: open /dev/tty", open("/dev/tty", O_RDWR));
    result("after setsid: TIOCSCTTY of a terminal another session has", ioctl(0, TIOCSCTTY, 0));
    result("after setsid: TIOCNOTTY", ioctl(0, TIOCNOTTY));
    _exit(0);
  }
  report("child", pid);

  if ((pid = background()) == 0) {
    result("open /dev/tty", open("/dev/tty", O_RDWR));
    result("TIOCNOTTY in a group member", ioctl(0, TIOCNOTTY));
    result("then open /dev/tty", open("/dev/tty", O_RDWR));
    result("then tcgetpgrp", tcgetpgrp(0));
    _exit(0);
  }
  report("child", pid);

  /* An orphaned group: its only member's parent has gone, so nothing would continue it. */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  if ((pid = fork()) == 0) {
    pid_t me = getpid();
    if (fork() == 0) {
      setpgid(0, 0);
      while (getppid() == me) usleep(10000);
      char line[200];
      int r = (int)read(0, &c, 1);
      int n = snprintf(line, sizeof line, "orphaned background read: %s\n", r < 0 ? strerror(errno) : "ok");
      struct termios t;
      tcgetattr(0, &t);
      r = tcsetattr(0, TCSANOW, &t);
      n += snprintf(line + n, sizeof line - n, "orphaned background tcsetattr: %s\n", r < 0 ? strerror(errno) : "ok");
      write(fds[1], line, n);
      _exit(0);
    }
    _exit(0);
  }
  close(fds[1]);
  waitpid(pid, NULL, 0);
  char buf[400];
  ssize_t n;
  while ((n = read(fds[0], buf, sizeof buf)) > 0) fwrite(buf, 1, n, stdout);
  printf("END\n");
  return 0;
}
