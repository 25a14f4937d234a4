/* Shared helpers for the network test programs: print a call's result and errno name the
 * same way on every system, and make loopback addresses. */
#ifndef NETCHECK_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#define NETCHECK_H
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* A descriptor number that is certainly not open: one just opened and closed again. A fixed
 * number (99, 100, 999) can be open in a process that inherited descriptors from its parent,
 * as qemu-aarch64's guest does from whatever started it. */
static inline int closed_fd(void) {
  int fd = open("/dev/null", O_RDONLY);
  close(fd);
  return fd;
}

static const char *errname(int e) {
  switch (e) {
    case 0: return "OK";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case EINVAL: return "EINVAL";
    case EINTR: return "EINTR";
    case EPIPE: return "EPIPE";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EPERM: return "EPERM";
    case ENOTSOCK: return "ENOTSOCK";
    case EMSGSIZE: return "EMSGSIZE";
    case EPROTOTYPE: return "EPROTOTYPE";
    case ENOPROTOOPT: return "ENOPROTOOPT";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case EAFNOSUPPORT: return "EAFNOSUPPORT";
    case EADDRINUSE: return "EADDRINUSE";
    case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case ENETUNREACH: return "ENETUNREACH";
    case ECONNRESET: return "ECONNRESET";
    case EISCONN: return "EISCONN";
    case ENOTCONN: return "ENOTCONN";
    case ECONNREFUSED: return "ECONNREFUSED";
    case EINPROGRESS: return "EINPROGRESS";
    case EALREADY: return "EALREADY";
    case EDESTADDRREQ: return "EDESTADDRREQ";
    case ETIMEDOUT: return "ETIMEDOUT";
    case EFAULT: return "EFAULT";
    case ELOOP: return "ELOOP";
    case EDOM: return "EDOM";
    default: return "E?";
  }
}

/* Prints "label: result errno" where errno is shown only for a -1 result. */
#define SHOW(label, expr) do { errno = 0; long r_ = (long)(expr); \
  if (r_ < 0) printf("%s: -1 %s\n", label, errname(errno)); else printf("%s: %ld\n", label, r_); fflush(stdout); } while (0)
/* Same, but prints only whether it succeeded (for results that differ between runs: fds, ports). */
#define OK(label, expr) do { errno = 0; long r_ = (long)(expr); \
  if (r_ < 0) printf("%s: -1 %s\n", label, errname(errno)); else printf("%s: ok\n", label); fflush(stdout); } while (0)

static inline struct sockaddr_in loop4(int port) {
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

static inline struct sockaddr_in6 loop6(int port) {
  struct sockaddr_in6 a;
  memset(&a, 0, sizeof a);
  a.sin6_family = AF_INET6;
  a.sin6_port = htons(port);
  a.sin6_addr = in6addr_loopback;
  return a;
}

/* A listening TCP socket on 127.0.0.1 with a kernel-chosen port; *port gets it. */
static inline int listen4(int *port, int type_flags) {
  int s = socket(AF_INET, SOCK_STREAM | type_flags, 0);
  struct sockaddr_in a = loop4(0);
  if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0 || listen(s, 16) < 0) { perror("listen4"); exit(2); }
  socklen_t l = sizeof a;
  getsockname(s, (struct sockaddr *)&a, &l);
  *port = ntohs(a.sin_port);
  return s;
}

static inline void xwrite(int fd, const void *p, size_t n) {
  if (write(fd, p, n) != (ssize_t)n) { perror("write"); exit(2); }
}
#endif
