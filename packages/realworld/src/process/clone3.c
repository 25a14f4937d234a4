/* clone3: the struct's size versioning (too small, too large, a non-zero unknown tail), the
 * argument checks Linux makes (exit signal, stack without size, flag combinations, set_tid,
 * CLONE_INTO_CGROUP), a fork-like clone3 with its exit signal and CLONE_PIDFD, and the two
 * glibc 2.36 functions that call clone3 first: pthread_create and posix_spawn. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef SYS_clone3
#define SYS_clone3 435
#endif
#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#define CLEAR_SIGHAND 0x100000000ULL
#define INTO_CGROUP 0x200000000ULL

extern char **environ;

/* struct clone_args as Linux 5.7 defines it (88 bytes), plus room for a newer tail. */
struct args {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid, set_tid_size, cgroup;
  uint64_t future[2];
};

static long clone3(struct args *a, size_t size) { return syscall(SYS_clone3, a, size); }

static void show(const char *what, long r) {
  if (r < 0) printf("%s: %s\n", what, strerrorname_np(errno));
  else printf("%s: ok\n", what);
}

/* Expecting a refusal: a child that got created anyway exits at once. */
static void refused(const char *what, struct args *a, size_t size) {
  long r = clone3(a, size);
  if (r == 0) _exit(0);
  if (r > 0) waitpid((pid_t)r, NULL, 0);
  show(what, r);
}

static int shared_value;
static void *thread_main(void *p) {
  shared_value = 42;
  return (char *)p + 1;
}

static volatile sig_atomic_t caught, exit_signal_seen;
static void on_usr1(int sig) { caught = sig; }
static void on_usr2(int sig) { exit_signal_seen = sig; }

int main(void) {
  struct args a;
  memset(&a, 0, sizeof a);
  a.exit_signal = SIGCHLD;
  refused("size 0", &a, 0);
  refused("size 63", &a, 63);
  refused("size 4097", &a, 4097);
  a.future[0] = 1;
  refused("size 104 with a non-zero unknown field", &a, sizeof a);
  a.future[0] = 0;

  a.exit_signal = 65;
  refused("exit signal 65", &a, 64);
  a.exit_signal = SIGCHLD;
  a.flags = SIGCHLD;
  refused("signal in the flags", &a, 64);
  a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
  refused("CLONE_THREAD with an exit signal", &a, 64);
  a.flags = CLONE_SIGHAND | CLONE_VM | CLEAR_SIGHAND;
  a.exit_signal = 0;
  refused("CLONE_SIGHAND with CLONE_CLEAR_SIGHAND", &a, 64);
  a.flags = CLONE_SIGHAND;
  refused("CLONE_SIGHAND without CLONE_VM", &a, 64);
  a.flags = 0;
  a.exit_signal = SIGCHLD;
  a.stack = 0x10000;
  refused("stack without stack_size", &a, 64);
  a.stack = 0;
  a.stack_size = 4096;
  refused("stack_size without stack", &a, 64);
  a.stack_size = 0;

  pid_t self = getpid();
  a.set_tid = (uintptr_t)&self;
  a.set_tid_size = 33;
  refused("set_tid_size 33", &a, 80);
  a.set_tid_size = 2;
  refused("set_tid_size 2 in one pid namespace", &a, 80);
  a.set_tid = 0;
  a.set_tid_size = 1;
  refused("set_tid_size without set_tid", &a, 80);
  a.set_tid = (uintptr_t)&self;
  a.set_tid_size = 0;
  refused("set_tid without set_tid_size", &a, 80);
  a.set_tid_size = 1;
  /* Root may choose a pid (EEXIST: this one is taken); anyone else may not (EPERM). */
  long r0 = clone3(&a, 80);
  if (r0 == 0) _exit(0);
  printf("set_tid of a pid in use: %s\n", r0 < 0 && errno == (geteuid() == 0 ? EEXIST : EPERM) ? "refused as Linux refuses it" : strerrorname_np(errno));
  a.set_tid = 0;
  a.set_tid_size = 0;

  int dir = open("/", O_RDONLY | O_DIRECTORY);
  a.flags = INTO_CGROUP;
  a.cgroup = (uint64_t)dir;
  refused("CLONE_INTO_CGROUP in a 64-byte struct", &a, 64);
  a.cgroup = 1ULL << 31;
  refused("CLONE_INTO_CGROUP with cgroup > INT_MAX", &a, 88);
  a.cgroup = (uint64_t)dir;
  refused("CLONE_INTO_CGROUP with a directory that is no cgroup", &a, 88);
  close(dir);
  a.flags = 0;
  a.cgroup = 0;

  /* Fork-like: the child runs on a copy of the stack, as with fork(). */
  long c = clone3(&a, sizeof a);
  if (c == 0) _exit(7);
  int st = 0;
  pid_t w = waitpid((pid_t)c, &st, 0);
  printf("fork-like clone3 (104-byte struct, zero tail): reaped %s, exit %d\n", w == c ? "it" : "another", WEXITSTATUS(st));

  /* A child whose exit signal is not SIGCHLD is only reaped with __WALL / __WCLONE. */
  signal(SIGUSR2, on_usr2);
  a.exit_signal = SIGUSR2;
  c = clone3(&a, 64);
  if (c == 0) _exit(8);
  w = waitpid((pid_t)c, &st, __WALL);
  printf("exit signal SIGUSR2: parent got it %d, reaped with __WALL %s, exit %d\n", exit_signal_seen, w == c ? "yes" : "no", WEXITSTATUS(st));
  a.exit_signal = SIGCHLD;

  /* CLONE_PIDFD: the descriptor arrives in args.pidfd and polls readable at the exit. */
  int pidfd = -1;
  a.flags = CLONE_PIDFD;
  a.pidfd = (uintptr_t)&pidfd;
  c = clone3(&a, 64);
  if (c == 0) _exit(9);
  struct pollfd p = {.fd = pidfd, .events = POLLIN};
  int ready = poll(&p, 1, 10000);
  siginfo_t si;
  memset(&si, 0, sizeof si);
  int r = waitid(P_PIDFD, pidfd, &si, WEXITED);
  printf("CLONE_PIDFD: fd %s, poll %d, waitid %d, status %d\n", pidfd > 2 ? "given" : "missing", ready, r, si.si_status);
  close(pidfd);
  a.flags = 0;
  a.pidfd = 0;

  /* CLONE_CLEAR_SIGHAND: a caught signal is back at its default (terminate) in the child. */
  signal(SIGUSR1, on_usr1);
  signal(SIGUSR2, SIG_IGN);
  a.flags = CLEAR_SIGHAND;
  c = clone3(&a, 64);
  if (c == 0) {
    raise(SIGUSR2); /* still ignored */
    raise(SIGUSR1);
    _exit(0);
  }
  waitpid((pid_t)c, &st, 0);
  printf("CLONE_CLEAR_SIGHAND: child %s %d\n", WIFSIGNALED(st) ? "killed by signal" : "exited", WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
  raise(SIGUSR1);
  printf("parent's handler still caught: %d\n", caught);
  signal(SIGUSR2, SIG_DFL);

  /* glibc's own callers. */
  pthread_t th;
  void *ret;
  char token[2];
  pthread_create(&th, NULL, thread_main, token);
  pthread_join(th, &ret);
  printf("pthread_create: thread stored %d, returned its argument + 1: %s\n", shared_value, ret == token + 1 ? "yes" : "no");
  pid_t sp;
  char *argv[] = {"sh", "-c", "exit 5", NULL};
  int e = posix_spawn(&sp, "/bin/sh", NULL, NULL, argv, environ);
  waitpid(sp, &st, 0);
  printf("posix_spawn /bin/sh: %d, exit %d\n", e, WEXITSTATUS(st));
  char *argv2[] = {"missing", NULL};
  e = posix_spawn(&sp, "/nonexistent/program", NULL, NULL, argv2, environ);
  printf("posix_spawn of a missing program: %s\n", strerrorname_np(e));
  return 0;
}
