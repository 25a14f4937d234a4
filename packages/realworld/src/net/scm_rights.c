/* SCM_RIGHTS: a pipe's read end passed to a forked child over a Unix socket, which reads
 * what the parent writes into the pipe; SCM_CREDENTIALS with SO_PASSCRED. */
#include "netcheck.h"
#include <sys/wait.h>

static int send_fd(int sock, int fd) {
  char byte = 'F';
  struct iovec iov = {&byte, 1};
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
  memset(&u, 0, sizeof u);
  struct msghdr m = {0};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = u.buf;
  m.msg_controllen = sizeof u.buf;
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof fd);
  return sendmsg(sock, &m, 0);
}

static int recv_fd(int sock) {
  char byte;
  struct iovec iov = {&byte, 1};
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u;
  struct msghdr m = {0};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = u.buf;
  m.msg_controllen = sizeof u.buf;
  if (recvmsg(sock, &m, 0) != 1) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  if (!c || c->cmsg_type != SCM_RIGHTS) return -2;
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

int main(void) {
  int sv[2], p[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  pipe(p);
  pid_t pid = (fflush(stdout), fork());
  if (pid == 0) {
    close(sv[0]);
    close(p[0]);
    close(p[1]);
    int fd = recv_fd(sv[1]);
    printf("child: got an fd: %d\n", fd >= 0);
    char buf[64];
    int n = read(fd, buf, sizeof buf);
    printf("child: read through passed pipe: %.*s\n", n, buf);
    n = read(fd, buf, sizeof buf);
    printf("child: then EOF: %d\n", n);
    exit(0);
  }
  close(sv[1]);
  SHOW("sendmsg with SCM_RIGHTS", send_fd(sv[0], p[0]));
  close(p[0]);
  xwrite(p[1], "through the pipe", 16);
  close(p[1]);
  int st;
  waitpid(pid, &st, 0);
  printf("child exit %d\n", WEXITSTATUS(st));
  close(sv[0]);

  /* Credentials. */
  socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  int one = 1;
  setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
  send(sv[0], "c", 1, 0);
  char byte;
  struct iovec iov = {&byte, 1};
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } u;
  struct msghdr m = {0};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  m.msg_control = u.buf;
  m.msg_controllen = sizeof u.buf;
  SHOW("recvmsg with SO_PASSCRED", recvmsg(sv[1], &m, 0));
  struct cmsghdr *c = CMSG_FIRSTHDR(&m);
  if (c && c->cmsg_type == SCM_CREDENTIALS) {
    struct ucred cr;
    memcpy(&cr, CMSG_DATA(c), sizeof cr);
    printf("credentials: pid is mine %d, uid %d\n", cr.pid == getpid(), cr.uid == getuid());
  } else printf("no credentials\n");
  /* Passing a bad fd. */
  int bad = closed_fd();
  union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int))]; } u2;
  memset(&u2, 0, sizeof u2);
  struct msghdr m2 = {0};
  m2.msg_iov = &iov;
  m2.msg_iovlen = 1;
  m2.msg_control = u2.buf;
  m2.msg_controllen = sizeof u2.buf;
  struct cmsghdr *c2 = CMSG_FIRSTHDR(&m2);
  c2->cmsg_level = SOL_SOCKET;
  c2->cmsg_type = SCM_RIGHTS;
  c2->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c2), &bad, sizeof bad);
  SHOW("SCM_RIGHTS with a bad fd", sendmsg(sv[0], &m2, 0));
  return 0;
}
