/* The system calls --trace-syscalls decodes (kernel/syscalls/trace/), made through glibc as a
 * real program makes them: test/kernel/trace-syscalls.test.ts runs this file built for the guest
 * under akuma-vm run --trace-syscalls and built for the host under strace(1), and compares the
 * lines. Everything it touches it makes itself (a file in /tmp), so both runs see the same data. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  static const char text[] = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
  char buf[4096];
  int fd = open("/tmp/tracecalls.txt", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return 1;
  write(fd, text, sizeof text - 1);
  close(fd);
  fd = open("/tmp/tracecalls.txt", O_RDONLY | O_CLOEXEC);
  read(fd, buf, sizeof buf);
  struct stat st;
  fstat(fd, &st);
  lseek(fd, 5, SEEK_SET);
  close(fd);
  open("/nonexistent/file", O_RDONLY);
  unlink("/tmp/tracecalls.txt");
  void *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(p, 4096, PROT_READ);
  munmap(p, 8192);
  struct timespec ts = {0, 1000000};
  nanosleep(&ts, NULL);
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  struct sockaddr_in sin;
  memset(&sin, 0, sizeof sin);
  sin.sin_family = AF_INET;
  sin.sin_port = htons(9);
  sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  connect(s, (struct sockaddr *)&sin, sizeof sin);
  close(s);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, NULL);
  kill(getpid(), SIGUSR1);
  pid_t child = fork();
  if (child == 0) _exit(3);
  int status;
  waitpid(child, &status, 0);
  write(1, "done\n", 5);
  return 0;
}
