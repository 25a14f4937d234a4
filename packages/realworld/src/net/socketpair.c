/* socketpair in its three types: stream bytes both ways, datagram boundaries, seqpacket
 * truncation; FIONREAD, SO_TYPE, SO_PEERCRED, shutdown and close seen from the other end. */
#include "netcheck.h"
#include <signal.h>
#include <sys/ioctl.h>

int main(void) {
  int sv[2];
  char buf[64];
  signal(SIGPIPE, SIG_IGN);
  SHOW("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  xwrite(sv[0], "ping", 4);
  xwrite(sv[0], "pong", 4);
  int n = 0;
  ioctl(sv[1], FIONREAD, &n);
  printf("FIONREAD %d\n", n);
  SHOW("read merges", read(sv[1], buf, sizeof buf));
  xwrite(sv[1], "back", 4);
  SHOW("read back", read(sv[0], buf, sizeof buf));
  int type = 0;
  socklen_t len = sizeof type;
  getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &len);
  printf("SO_TYPE %d len %u\n", type, len);
  struct ucred cr;
  len = sizeof cr;
  SHOW("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
  printf("peer pid is me: %d, uid %u len %u\n", cr.pid == getpid(), cr.uid == getuid(), len);
  SHOW("shutdown WR", shutdown(sv[0], SHUT_WR));
  SHOW("read after peer shutdown", read(sv[1], buf, sizeof buf));
  SHOW("write after own shutdown", write(sv[0], "x", 1));
  SHOW("other way still works", write(sv[1], "y", 1));
  SHOW("read it", read(sv[0], buf, 1));
  close(sv[1]);
  SHOW("write to closed peer", write(sv[0], "z", 1));
  SHOW("send MSG_NOSIGNAL", send(sv[0], "z", 1, MSG_NOSIGNAL));
  close(sv[0]);

  SHOW("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
  send(sv[0], "one", 3, 0);
  send(sv[0], "three", 5, 0);
  SHOW("dgram 1", recv(sv[1], buf, sizeof buf, 0));
  SHOW("dgram 2 truncated", recv(sv[1], buf, 2, 0));
  SHOW("dgram empty nonblock", recv(sv[1], buf, sizeof buf, MSG_DONTWAIT));
  close(sv[0]);
  close(sv[1]);

  SHOW("socketpair seqpacket", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
  send(sv[0], "record-one", 10, 0);
  send(sv[0], "r2", 2, 0);
  struct iovec iov = {buf, 4};
  struct msghdr m = {0};
  m.msg_iov = &iov;
  m.msg_iovlen = 1;
  SHOW("seqpacket recvmsg short", recvmsg(sv[1], &m, 0));
  printf("MSG_TRUNC set: %d\n", (m.msg_flags & MSG_TRUNC) != 0);
  SHOW("seqpacket next", recv(sv[1], buf, sizeof buf, 0));
  close(sv[0]);
  SHOW("seqpacket EOF", recv(sv[1], buf, sizeof buf, 0));
  close(sv[1]);
  SHOW("socketpair inet", socketpair(AF_INET, SOCK_STREAM, 0, sv));
  SHOW("socketpair bad type", socketpair(AF_UNIX, 9, 0, sv));
  return 0;
}
