/* UDP on 127.0.0.1: two sockets trade datagrams; recvfrom names the sender; a connected
 * socket sending to a port nobody has bound learns ECONNREFUSED on its next call. */
#include "netcheck.h"

int main(void) {
  int a = socket(AF_INET, SOCK_DGRAM, 0), b = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in aa = loop4(0), ba = loop4(0);
  bind(a, (struct sockaddr *)&aa, sizeof aa);
  bind(b, (struct sockaddr *)&ba, sizeof ba);
  socklen_t l = sizeof aa;
  getsockname(a, (struct sockaddr *)&aa, &l);
  l = sizeof ba;
  getsockname(b, (struct sockaddr *)&ba, &l);
  char buf[64];
  for (int i = 0; i < 5; i++) {
    char msg[16];
    int n = snprintf(msg, sizeof msg, "ping %d", i);
    sendto(a, msg, n, 0, (struct sockaddr *)&ba, sizeof ba);
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    int r = recvfrom(b, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    printf("b got %.*s from a: %d\n", r, buf, from.sin_port == aa.sin_port && from.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
    buf[1] = 'o';
    sendto(b, buf, r, 0, (struct sockaddr *)&from, fl);
    r = recv(a, buf, sizeof buf, 0);
    printf("a got %.*s\n", r, buf);
  }
  SHOW("empty queue", recv(a, buf, sizeof buf, MSG_DONTWAIT));
  /* A closed port. */
  int c = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in ca = loop4(0);
  bind(c, (struct sockaddr *)&ca, sizeof ca);
  l = sizeof ca;
  getsockname(c, (struct sockaddr *)&ca, &l);
  close(c);
  int d = socket(AF_INET, SOCK_DGRAM, 0);
  SHOW("connect to closed port", connect(d, (struct sockaddr *)&ca, sizeof ca));
  SHOW("send to closed port", send(d, "x", 1, 0));
  usleep(50000);
  SHOW("next recv", recv(d, buf, sizeof buf, MSG_DONTWAIT));
  SHOW("after the error", recv(d, buf, sizeof buf, MSG_DONTWAIT));
  SHOW("send without address", send(b, "x", 1, 0));
  SHOW("too big", sendto(a, malloc(70000), 70000, 0, (struct sockaddr *)&ba, sizeof ba));
  return 0;
}
