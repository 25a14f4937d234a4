/* TCP half-close and closed peers: after shutdown(SHUT_WR) the server reads EOF and still
 * answers; MSG_PEEK, MSG_WAITALL and MSG_DONTWAIT; getsockname/getpeername; FIONREAD;
 * EPOLLRDHUP; writing to a peer that closed gives EPIPE (and SIGPIPE unless MSG_NOSIGNAL);
 * closing with unread data resets the connection. */
#include "netcheck.h"
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>

static volatile int sigpipes;
static void on_pipe(int s) { (void)s; sigpipes++; }

static void pair(int *client, int *server) {
  int port;
  int ls = listen4(&port, 0);
  struct sockaddr_in a = loop4(port);
  *client = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(*client, (struct sockaddr *)&a, sizeof a) < 0) exit(2);
  *server = accept(ls, NULL, NULL);
  close(ls);
}

int main(void) {
  signal(SIGPIPE, on_pipe);
  int c, s;
  pair(&c, &s);
  struct sockaddr_in me, peer, sme, speer;
  socklen_t l = sizeof me;
  getsockname(c, (struct sockaddr *)&me, &l);
  l = sizeof peer;
  getpeername(c, (struct sockaddr *)&peer, &l);
  l = sizeof sme;
  getsockname(s, (struct sockaddr *)&sme, &l);
  l = sizeof speer;
  getpeername(s, (struct sockaddr *)&speer, &l);
  printf("client port nonzero %d, names cross-match %d %d, address 127.0.0.1 %d\n", me.sin_port != 0,
         me.sin_port == speer.sin_port, peer.sin_port == sme.sin_port, me.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
  char buf[64];
  xwrite(c, "hello world", 11);
  usleep(10000);
  int n = 0;
  ioctl(s, FIONREAD, &n);
  printf("FIONREAD %d\n", n);
  SHOW("peek", recv(s, buf, 5, MSG_PEEK));
  printf("peeked %.5s\n", buf);
  SHOW("read after peek", recv(s, buf, sizeof buf, 0));
  SHOW("dontwait empty", recv(s, buf, sizeof buf, MSG_DONTWAIT));
  xwrite(c, "abc", 3);
  if (fork() == 0) {
    usleep(20000);
    xwrite(c, "defgh", 5);
    exit(0);
  }
  SHOW("waitall 8", recv(s, buf, 8, MSG_WAITALL));
  printf("got %.8s\n", buf);
  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN | EPOLLRDHUP};
  epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
  struct epoll_event out;
  SHOW("epoll before shutdown", epoll_wait(ep, &out, 1, 0));
  SHOW("shutdown WR", shutdown(c, SHUT_WR));
  SHOW("epoll after", epoll_wait(ep, &out, 1, 1000));
  printf("EPOLLIN %d EPOLLRDHUP %d EPOLLHUP %d\n", (out.events & EPOLLIN) != 0, (out.events & EPOLLRDHUP) != 0, (out.events & EPOLLHUP) != 0);
  SHOW("server reads EOF", read(s, buf, sizeof buf));
  SHOW("server still answers", write(s, "reply", 5));
  SHOW("client reads it", read(c, buf, sizeof buf));
  SHOW("client write after SHUT_WR", send(c, "x", 1, MSG_NOSIGNAL));
  printf("SIGPIPEs so far %d\n", sigpipes);
  close(s);
  SHOW("client reads EOF", read(c, buf, sizeof buf));
  close(c);

  /* Writing to a closed peer. */
  pair(&c, &s);
  close(s);
  usleep(10000);
  SHOW("first write to closed peer", write(c, "a", 1));
  usleep(10000);
  SHOW("second write", write(c, "b", 1));
  printf("SIGPIPEs %d\n", sigpipes);
  SHOW("with MSG_NOSIGNAL", send(c, "c", 1, MSG_NOSIGNAL));
  printf("SIGPIPEs %d\n", sigpipes);
  close(c);

  /* Closing with unread data resets. */
  pair(&c, &s);
  xwrite(c, "unread", 6);
  usleep(10000);
  close(s);
  usleep(10000);
  SHOW("read after reset", read(c, buf, sizeof buf));
  SHOW("read again", read(c, buf, sizeof buf));
  close(c);
  int u = socket(AF_INET, SOCK_STREAM, 0);
  l = sizeof peer;
  SHOW("getpeername unconnected", getpeername(u, (struct sockaddr *)&peer, &l));
  SHOW("read unconnected", read(u, buf, 1));
  SHOW("write unconnected", send(u, "x", 1, MSG_NOSIGNAL));
  SHOW("shutdown unconnected", shutdown(u, SHUT_RD));
  SHOW("shutdown bad how", shutdown(u, 7));
  return 0;
}
