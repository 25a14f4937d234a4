/* TCP's error answers on the loopback: ECONNREFUSED for a closed port (blocking, and
 * non-blocking through poll and SO_ERROR), EADDRINUSE and what SO_REUSEADDR and
 * SO_REUSEPORT allow, a wildcard listener reached at 127.0.0.1, and the dual-stack [::]. */
#include "netcheck.h"
#include <poll.h>

static int closed_port(void) {
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = loop4(0);
  bind(s, (struct sockaddr *)&a, sizeof a);
  socklen_t l = sizeof a;
  getsockname(s, (struct sockaddr *)&a, &l);
  close(s);
  return ntohs(a.sin_port);
}

int main(void) {
  int port = closed_port();
  struct sockaddr_in a = loop4(port);
  int c = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("connect to a closed port", connect(c, (struct sockaddr *)&a, sizeof a));
  int e = -1;
  socklen_t el = sizeof e;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el);
  printf("SO_ERROR after: %s\n", errname(e));
  SHOW("read on it", read(c, &e, 1));
  close(c);
  c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  SHOW("non-blocking connect", connect(c, (struct sockaddr *)&a, sizeof a));
  struct pollfd pf = {c, POLLOUT, 0};
  SHOW("poll", poll(&pf, 1, 5000));
  printf("revents OUT %d ERR %d HUP %d\n", (pf.revents & POLLOUT) != 0, (pf.revents & POLLERR) != 0, (pf.revents & POLLHUP) != 0);
  el = sizeof e;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el);
  printf("SO_ERROR: %s\n", errname(e));
  el = sizeof e;
  getsockopt(c, SOL_SOCKET, SO_ERROR, &e, &el);
  printf("SO_ERROR read twice: %s\n", errname(e));
  close(c);

  /* EADDRINUSE and its exceptions. */
  int lport;
  int l1 = listen4(&lport, 0);
  struct sockaddr_in la = loop4(lport);
  int x = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("bind a listening port", bind(x, (struct sockaddr *)&la, sizeof la));
  int one = 1;
  setsockopt(x, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  SHOW("same with SO_REUSEADDR", bind(x, (struct sockaddr *)&la, sizeof la));
  struct sockaddr_in any = la;
  any.sin_addr.s_addr = htonl(INADDR_ANY);
  SHOW("0.0.0.0 on the same port", bind(x, (struct sockaddr *)&any, sizeof any));
  close(x);
  int u1 = socket(AF_INET, SOCK_STREAM, 0), u2 = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(u1, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  setsockopt(u2, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in ua = loop4(closed_port());
  SHOW("REUSEADDR bind 1", bind(u1, (struct sockaddr *)&ua, sizeof ua));
  SHOW("REUSEADDR bind 2 (neither listening)", bind(u2, (struct sockaddr *)&ua, sizeof ua));
  SHOW("listen 1", listen(u1, 1));
  SHOW("listen 2", listen(u2, 1));
  int r1 = socket(AF_INET, SOCK_STREAM, 0), r2 = socket(AF_INET, SOCK_STREAM, 0);
  setsockopt(r1, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  setsockopt(r2, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  struct sockaddr_in ra = loop4(closed_port());
  SHOW("REUSEPORT bind 1", bind(r1, (struct sockaddr *)&ra, sizeof ra));
  SHOW("REUSEPORT bind 2", bind(r2, (struct sockaddr *)&ra, sizeof ra));
  SHOW("REUSEPORT listen 1", listen(r1, 1));
  SHOW("REUSEPORT listen 2", listen(r2, 1));
  SHOW("bind twice", bind(r1, (struct sockaddr *)&ra, sizeof ra));
  struct sockaddr_in far = loop4(0);
  far.sin_addr.s_addr = inet_addr("192.0.2.1");
  int f = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("bind a foreign address", bind(f, (struct sockaddr *)&far, sizeof far));
  SHOW("bind with a short length", bind(f, (struct sockaddr *)&ra, 8));
  struct sockaddr_in6 six = loop6(0);
  SHOW("bind v6 address on v4 socket", bind(f, (struct sockaddr *)&six, sizeof six));

  /* A wildcard listener answers at 127.0.0.1, a dual-stack [::] one too. */
  int w = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in wa = loop4(0);
  wa.sin_addr.s_addr = htonl(INADDR_ANY);
  bind(w, (struct sockaddr *)&wa, sizeof wa);
  listen(w, 1);
  socklen_t wl = sizeof wa;
  getsockname(w, (struct sockaddr *)&wa, &wl);
  struct sockaddr_in to = loop4(ntohs(wa.sin_port));
  int wc = socket(AF_INET, SOCK_STREAM, 0);
  SHOW("connect to 0.0.0.0 listener via 127.0.0.1", connect(wc, (struct sockaddr *)&to, sizeof to));
  int d = socket(AF_INET6, SOCK_STREAM, 0);
  struct sockaddr_in6 da;
  memset(&da, 0, sizeof da);
  da.sin6_family = AF_INET6;
  da.sin6_addr = in6addr_any;
  bind(d, (struct sockaddr *)&da, sizeof da);
  listen(d, 1);
  socklen_t dl = sizeof da;
  getsockname(d, (struct sockaddr *)&da, &dl);
  int dc = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in dto = loop4(ntohs(da.sin6_port));
  SHOW("connect v4 to a dual-stack [::] listener", connect(dc, (struct sockaddr *)&dto, sizeof dto));
  struct sockaddr_in6 peer;
  socklen_t pl = sizeof peer;
  int ds = accept(d, (struct sockaddr *)&peer, &pl);
  char txt[64];
  inet_ntop(AF_INET6, &peer.sin6_addr, txt, sizeof txt);
  printf("accepted %d, peer address %s\n", ds >= 0, txt);
  int v6only = socket(AF_INET6, SOCK_STREAM, 0);
  setsockopt(v6only, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  struct sockaddr_in6 va = da;
  va.sin6_port = 0;
  bind(v6only, (struct sockaddr *)&va, sizeof va);
  listen(v6only, 1);
  socklen_t vl = sizeof va;
  getsockname(v6only, (struct sockaddr *)&va, &vl);
  int vc = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in vto = loop4(ntohs(va.sin6_port));
  SHOW("connect v4 to a V6ONLY listener", connect(vc, (struct sockaddr *)&vto, sizeof vto));
  (void)l1;
  return 0;
}
