/* Scatter/gather and batches: sendmsg/recvmsg with several iovecs and a source address,
 * sendmmsg/recvmmsg of three UDP datagrams, MSG_PEEK and FIONREAD on UDP, recvmmsg with
 * MSG_WAITFORONE, over IPv4 and IPv6. */
#include "netcheck.h"
#include <sys/ioctl.h>

int main(void) {
  int a = socket(AF_INET6, SOCK_DGRAM, 0), b = socket(AF_INET6, SOCK_DGRAM, 0);
  struct sockaddr_in6 aa = loop6(0), ba = loop6(0);
  bind(a, (struct sockaddr *)&aa, sizeof aa);
  bind(b, (struct sockaddr *)&ba, sizeof ba);
  socklen_t l = sizeof ba;
  getsockname(b, (struct sockaddr *)&ba, &l);
  l = sizeof aa;
  getsockname(a, (struct sockaddr *)&aa, &l);
  struct iovec iov[3] = {{"one ", 4}, {"two ", 4}, {"three", 5}};
  struct msghdr m = {0};
  m.msg_name = &ba;
  m.msg_namelen = sizeof ba;
  m.msg_iov = iov;
  m.msg_iovlen = 3;
  SHOW("sendmsg 3 iovecs", sendmsg(a, &m, 0));
  int n = 0;
  ioctl(b, FIONREAD, &n);
  printf("FIONREAD %d\n", n);
  char b1[6], b2[20];
  SHOW("peek", recv(b, b2, sizeof b2, MSG_PEEK));
  struct iovec riov[2] = {{b1, 6}, {b2, 20}};
  struct sockaddr_in6 from;
  struct msghdr rm = {0};
  rm.msg_name = &from;
  rm.msg_namelen = sizeof from;
  rm.msg_iov = riov;
  rm.msg_iovlen = 2;
  SHOW("recvmsg into 2 iovecs", recvmsg(b, &rm, 0));
  printf("%.6s|%.7s from a: %d namelen %u\n", b1, b2, from.sin6_port == aa.sin6_port, rm.msg_namelen);
  struct mmsghdr mm[3];
  struct iovec mi[3];
  const char *words[3] = {"alpha", "beta", "gamma!"};
  memset(mm, 0, sizeof mm);
  for (int i = 0; i < 3; i++) {
    mi[i].iov_base = (void *)words[i];
    mi[i].iov_len = strlen(words[i]);
    mm[i].msg_hdr.msg_iov = &mi[i];
    mm[i].msg_hdr.msg_iovlen = 1;
    mm[i].msg_hdr.msg_name = &ba;
    mm[i].msg_hdr.msg_namelen = sizeof ba;
  }
  SHOW("sendmmsg", sendmmsg(a, mm, 3, 0));
  printf("msg_len %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
  char bufs[4][16];
  struct mmsghdr rr[4];
  struct iovec ri[4];
  memset(rr, 0, sizeof rr);
  for (int i = 0; i < 4; i++) {
    ri[i].iov_base = bufs[i];
    ri[i].iov_len = 16;
    rr[i].msg_hdr.msg_iov = &ri[i];
    rr[i].msg_hdr.msg_iovlen = 1;
  }
  SHOW("recvmmsg waitforone", recvmmsg(b, rr, 4, MSG_WAITFORONE, NULL));
  for (int i = 0; i < 3; i++) printf("  %.*s\n", rr[i].msg_len, bufs[i]);
  SHOW("recvmmsg nothing", recvmmsg(b, rr, 4, MSG_DONTWAIT, NULL));
  /* IPv4, with the v4 address family in recvfrom. */
  int c = socket(AF_INET, SOCK_DGRAM, 0);
  struct sockaddr_in ca = loop4(0);
  bind(c, (struct sockaddr *)&ca, sizeof ca);
  l = sizeof ca;
  getsockname(c, (struct sockaddr *)&ca, &l);
  int d = socket(AF_INET, SOCK_DGRAM, 0);
  SHOW("sendto v4", sendto(d, "v4!", 3, 0, (struct sockaddr *)&ca, sizeof ca));
  struct sockaddr_in f4;
  socklen_t fl = sizeof f4;
  SHOW("recvfrom v4", recvfrom(c, b2, sizeof b2, 0, (struct sockaddr *)&f4, &fl));
  printf("family %d len %u addr 127.0.0.1 %d\n", f4.sin_family, fl, f4.sin_addr.s_addr == htonl(INADDR_LOOPBACK));
  SHOW("sendto with v4 address on v6 socket", sendto(a, "x", 1, 0, (struct sockaddr *)&ca, sizeof ca));
  return 0;
}
