/*
 * vmsplice(2): user memory into a pipe (gathered from several iovecs, like writev) and a pipe's
 * bytes out to user memory (scattered), SPLICE_F_NONBLOCK and O_NONBLOCK on a full or empty
 * pipe (O_NONBLOCK does not count: vmsplice waits), a blocked vmsplice woken by a reader, and the errors: an fd that is no pipe, a closed
 * fd, unknown flags, too many segments, a pipe without readers.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>
#include <limits.h>

static const char *err(int e) {
  switch (e) {
  case EBADF: return "EBADF";
  case EINVAL: return "EINVAL";
  case EAGAIN: return "EAGAIN";
  case EPIPE: return "EPIPE";
  case EFAULT: return "EFAULT";
  case EINTR: return "EINTR";
  default: return strerror(e);
  }
}

static void show(const char *what, ssize_t r) {
  if (r < 0) printf("%s: %s\n", what, err(errno));
  else printf("%s: %zd\n", what, r);
}

static void on_alarm(int sig) { (void)sig; }

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  int p[2];
  if (pipe(p) != 0) return 1;
  static char a[] = "hello ", b[] = "vmsplice ", c[] = "world";
  struct iovec in[3] = {{a, 6}, {b, 9}, {c, 5}};
  show("vmsplice to pipe, 3 iovecs", vmsplice(p[1], in, 3, 0));
  char x[8], y[32];
  memset(x, 0, sizeof x);
  memset(y, 0, sizeof y);
  struct iovec out[2] = {{x, 7}, {y, 31}};
  show("vmsplice from pipe, 2 iovecs", vmsplice(p[0], out, 2, 0));
  printf("  got [%s] [%s]\n", x, y);

  /* Some bytes written, fewer asked for: the rest stays in the pipe. */
  show("write 10", write(p[1], "0123456789", 10));
  struct iovec small = {x, 4};
  memset(x, 0, sizeof x);
  show("vmsplice from pipe, 4 of 10", vmsplice(p[0], &small, 1, 0));
  printf("  got [%s]\n", x);
  memset(y, 0, sizeof y);
  show("read the rest", read(p[0], y, sizeof y));
  printf("  got [%s]\n", y);

  /* Empty pipe. */
  struct iovec one = {x, 1};
  show("vmsplice from empty pipe, SPLICE_F_NONBLOCK", vmsplice(p[0], &one, 1, SPLICE_F_NONBLOCK));
  /* O_NONBLOCK on the pipe end does not make vmsplice non-blocking: it waits (here until a signal). */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; /* no SA_RESTART */
  sigaction(SIGALRM, &sa, NULL);
  fcntl(p[0], F_SETFL, O_NONBLOCK);
  alarm(1);
  show("vmsplice from empty pipe, O_NONBLOCK, until SIGALRM", vmsplice(p[0], &one, 1, 0));
  fcntl(p[0], F_SETFL, 0);
  show("zero-length iovec", vmsplice(p[0], &(struct iovec){x, 0}, 1, 0));
  show("no iovecs", vmsplice(p[1], in, 0, 0));

  /* Fill the pipe without blocking. */
  static char page[4096];
  memset(page, 'p', sizeof page);
  struct iovec pg = {page, sizeof page};
  int n = 0;
  ssize_t r;
  while ((r = vmsplice(p[1], &pg, 1, SPLICE_F_NONBLOCK)) > 0 && n < 100000) n++;
  printf("filling with SPLICE_F_NONBLOCK ended: %s (filled: %s)\n", r < 0 ? err(errno) : "no error", n > 0 ? "yes" : "no");
  fcntl(p[1], F_SETFL, O_NONBLOCK);
  alarm(1);
  show("full pipe, O_NONBLOCK, until SIGALRM", vmsplice(p[1], &pg, 1, 0));
  fcntl(p[1], F_SETFL, 0);

  /* A blocking vmsplice into the full pipe waits until a child drains it. */
  pid_t pid = fork();
  if (pid == 0) {
    char buf[65536];
    close(p[1]);
    usleep(100000);
    while (read(p[0], buf, sizeof buf) > 0) {}
    _exit(0);
  }
  r = vmsplice(p[1], &pg, 1, 0);
  printf("blocking vmsplice into a full pipe, after the reader drained: %s\n", r > 0 ? "wrote" : err(errno));
  close(p[1]);
  int st;
  waitpid(pid, &st, 0);
  printf("child exit %d\n", WEXITSTATUS(st));
  show("vmsplice from pipe without writers", vmsplice(p[0], &one, 1, 0));
  close(p[0]);

  /* Errors. */
  if (pipe(p) != 0) return 1;
  show("unknown flag 0x10", vmsplice(p[1], in, 1, 0x10));
  show("nr_segs IOV_MAX+1", vmsplice(p[1], in, IOV_MAX + 1, 0));
  /* The count is taken as 32 bits, as Linux's iovec import does. */
  show("nr_segs 2^32+1: one segment", syscall(SYS_vmsplice, p[1], in, (unsigned long)(1ULL << 32) + 1, 0));
  int f = open("/dev/null", O_WRONLY);
  show("not a pipe", vmsplice(f, in, 1, 0));
  int g = open("/dev/null", O_RDONLY);
  show("not a pipe, read-only", vmsplice(g, &one, 1, 0));
  close(g);
  int bad = dup(f);
  close(bad);
  show("closed fd", vmsplice(bad, in, 1, 0));
  close(f);
  signal(SIGPIPE, SIG_IGN);
  close(p[0]);
  show("pipe without readers", vmsplice(p[1], in, 1, 0));
  close(p[1]);
  return 0;
}
