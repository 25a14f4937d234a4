/* Addresses off the guest's loopback: the guest has no other network, so TCP connect
 * (blocking or not) and UDP sendto to them fail at once with ENETUNREACH, as on a Linux
 * machine whose only interface is lo, and binding to them is EADDRNOTAVAIL. */
#include "netcheck.h"

int main(void) {
  struct sockaddr_in far = loop4(80);
  far.sin_addr.s_addr = inet_addr("10.0.0.1");
  int t = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("tcp connect 10.0.0.1", connect(t, (struct sockaddr *)&far, sizeof far));
  int nb = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  SHOW("non-blocking connect 10.0.0.1", connect(nb, (struct sockaddr *)&far, sizeof far));
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  SHOW("udp sendto 10.0.0.1", sendto(u, "x", 1, 0, (struct sockaddr *)&far, sizeof far));
  SHOW("udp connect 10.0.0.1", connect(u, (struct sockaddr *)&far, sizeof far));
  struct sockaddr_in6 far6 = loop6(80);
  inet_pton(AF_INET6, "2001:db8::1", &far6.sin6_addr);
  int t6 = socket(AF_INET6, SOCK_STREAM, 0);
  SHOW("tcp connect 2001:db8::1", connect(t6, (struct sockaddr *)&far6, sizeof far6));
  struct sockaddr_in mapped = far;
  mapped.sin_port = 0;
  int b = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("bind 10.0.0.1", bind(b, (struct sockaddr *)&mapped, sizeof mapped));
  struct sockaddr_in lo2 = loop4(0);
  lo2.sin_addr.s_addr = inet_addr("127.0.0.2");
  SHOW("bind 127.0.0.2 (on the loopback)", bind(b, (struct sockaddr *)&lo2, sizeof lo2));
  return 0;
}
