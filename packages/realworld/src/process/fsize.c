/* RLIMIT_FSIZE: a write that crosses the limit is shortened to it, one at or past it fails
 * with EFBIG and raises SIGXFSZ; pwrite, writev, O_APPEND, sendfile, ftruncate and fallocate
 * follow the same rule, pipes do not; a fork child inherits the limit and dies of SIGXFSZ
 * when it does not catch it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t xfsz;
static void on_xfsz(int sig) { (void)sig; xfsz++; }

static void show(const char *what, long r) {
  if (r < 0) printf("%s: -1 %s (SIGXFSZ so far: %d)\n", what, strerrorname_np(errno), (int)xfsz);
  else printf("%s: %ld\n", what, r);
  fflush(stdout);
}

static char buf[4096];

int main(void) {
  char path[] = "/tmp/fsize-XXXXXX";
  int fd = mkstemp(path);
  struct rlimit rl = {1000, RLIM_INFINITY};
  show("setrlimit(RLIMIT_FSIZE, 1000)", setrlimit(RLIMIT_FSIZE, &rl));
  getrlimit(RLIMIT_FSIZE, &rl);
  printf("soft %llu, hard %s\n", (unsigned long long)rl.rlim_cur, rl.rlim_max == RLIM_INFINITY ? "unlimited" : "limited");
  signal(SIGXFSZ, on_xfsz);
  memset(buf, 'x', sizeof buf);

  show("write 600", write(fd, buf, 600));
  show("write 600 more (short, up to the limit)", write(fd, buf, 600));
  show("write 1 at the limit", write(fd, buf, 1));
  show("pwrite 200 at 900 (short)", pwrite(fd, buf, 200, 900));
  show("pwrite 10 at 5000", pwrite(fd, buf, 10, 5000));
  struct iovec iov[2] = {{buf, 300}, {buf, 300}};
  show("ftruncate to 500", ftruncate(fd, 500));
  lseek(fd, 500, SEEK_SET);
  show("writev 600 at 500 (short)", writev(fd, iov, 2));
  show("ftruncate to 5000", ftruncate(fd, 5000));
  show("ftruncate to 1000 (not past the limit)", ftruncate(fd, 1000));
  show("ftruncate to 200 (shrinking)", ftruncate(fd, 200));
  show("fallocate 0..4096", fallocate(fd, 0, 0, 4096));
  int ap = open(path, O_WRONLY | O_APPEND);
  ftruncate(fd, 1000);
  show("O_APPEND write at size 1000", write(ap, buf, 1));
  close(ap);

  int src = open("/proc/self/exe", O_RDONLY);
  lseek(fd, 800, SEEK_SET);
  /* Linux's splice loop tries the rest after the short write: that try raises SIGXFSZ. */
  show("sendfile 4096 into the file at 800 (short)", sendfile(fd, src, NULL, 4096));
  printf("SIGXFSZ so far: %d\n", (int)xfsz);
  show("sendfile at the limit", sendfile(fd, src, NULL, 4096));
  close(src);

  int p[2];
  pipe(p);
  show("pipe write of 2000 (no limit for pipes)", write(p[1], buf, 2000));
  close(p[0]);
  close(p[1]);

  struct stat st;
  fstat(fd, &st);
  printf("file size: %lld\n", (long long)st.st_size);

  fflush(stdout);
  pid_t c = fork();
  if (c == 0) {
    getrlimit(RLIMIT_FSIZE, &rl);
    printf("child's limit: %llu\n", (unsigned long long)rl.rlim_cur);
    fflush(stdout);
    signal(SIGXFSZ, SIG_DFL);
    lseek(fd, 0, SEEK_END);
    write(fd, buf, 1);
    printf("child survived\n");
    _exit(0);
  }
  int ws;
  waitpid(c, &ws, 0);
  printf("child: %s %d\n", WIFSIGNALED(ws) ? "killed by signal" : "exited", WIFSIGNALED(ws) ? WTERMSIG(ws) : WEXITSTATUS(ws));

  signal(SIGXFSZ, SIG_IGN);
  show("write at the limit with SIGXFSZ ignored", write(fd, buf, 1));
  printf("SIGXFSZ caught: %d\n", (int)xfsz);
  unlink(path);
  return 0;
}
