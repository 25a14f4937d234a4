/* nettest: the socket, polling and event-file calls, checked against Linux's results and
 * errno values with raw system calls (no libc): socket/socketpair/bind/listen/accept4/
 * connect/getsockname/getpeername/sendto/recvfrom/sendmsg/recvmsg/sendmmsg/recvmmsg/
 * setsockopt/getsockopt/shutdown, ppoll/pselect6, epoll_create1/ctl/pwait/pwait2, eventfd2,
 * timerfd_create/settime/gettime, signalfd4. Prints "ok"/"FAIL" per check, then
 * "ALL PASSED" or "FAILED n"; exit status = failures. */
#include "kt.h"

enum {
    SYS_eventfd2 = 19, SYS_epoll_create1 = 20, SYS_epoll_ctl = 21, SYS_epoll_pwait = 22, SYS_pipe2 = 59,
    SYS_pselect6 = 72, SYS_ppoll = 73, SYS_signalfd4 = 74, SYS_timerfd_create = 85, SYS_timerfd_settime = 86,
    SYS_timerfd_gettime = 87, SYS_socket = 198, SYS_socketpair = 199, SYS_bind = 200, SYS_listen = 201,
    SYS_accept = 202, SYS_connect = 203, SYS_getsockname = 204, SYS_getpeername = 205, SYS_sendto = 206,
    SYS_recvfrom = 207, SYS_setsockopt = 208, SYS_getsockopt = 209, SYS_shutdown = 210, SYS_sendmsg = 211,
    SYS_recvmsg = 212, SYS_accept4 = 242, SYS_recvmmsg = 243, SYS_sendmmsg = 269,
};
enum { ENOTSOCK = 88, EDESTADDRREQ = 89, EMSGSIZE = 90, ENOPROTOOPT = 92, EOPNOTSUPP = 95, EAFNOSUPPORT = 97,
       EADDRINUSE = 98, ENETUNREACH = 101, EISCONN = 106, ENOTCONN = 107, ECONNREFUSED = 111,
       EINPROGRESS = 115, EPIPE = 32, ESOCKTNOSUPPORT = 94, ELOOP = 40 };
#define AF_UNIX 1
#define AF_INET 2
#define AF_INET6 10
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_SEQPACKET 5
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_RCVBUF 8
#define SO_ACCEPTCONN 30
#define MSG_PEEK 2
#define MSG_DONTWAIT 0x40
#define MSG_NOSIGNAL 0x4000
#define POLLIN 1
#define POLLOUT 4
#define POLLHUP 0x10
#define POLLNVAL 0x20
#define EPOLLIN 1
#define EPOLLET (1u << 31)
#define EPOLLONESHOT (1u << 30)

struct sockaddr_in { unsigned short family, port; u32 addr; u8 zero[8]; };
struct iovec { void *base; size_t len; };
struct msghdr { void *name; u32 namelen; struct iovec *iov; size_t iovlen; void *control; size_t controllen; int flags; };
struct mmsghdr { struct msghdr hdr; u32 len; };
struct pollfd { int fd; short events, revents; };
struct epoll_event { u32 events; u32 pad; u64 data; };
struct timespec { i64 sec, nsec; };
struct itimerspec { struct timespec interval, value; };

#define S6(n, a, b, c, d, e, f) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

static int failures;

static void check(const char *what, long got, long want)
{
    if (got == want) {
        kt_puts("ok   ");
        kt_puts(what);
        kt_puts("\n");
        return;
    }
    failures++;
    kt_puts("FAIL ");
    kt_puts(what);
    kt_puts(": got ");
    kt_puti(got);
    kt_puts(", want ");
    kt_puti(want);
    kt_puts("\n");
}
#define CHECK(expr, want) check(#expr, (long)(expr), (long)(want))
#define TRUE(what, cond) check(what, (cond) ? 1 : 0, 1)

static unsigned short htons(unsigned short v) { return (unsigned short)((v << 8) | (v >> 8)); }
static struct sockaddr_in lo(unsigned short port)
{
    struct sockaddr_in a = {AF_INET, htons(port), 0x0100007f, {0}};
    return a;
}

static char buf[256];
static char big[70000];

int main(int argc, char **argv, char **envp)
{
    int one = 1, v = 0;
    u32 len;
    long r;

    /* socket and its argument checks */
    CHECK(sys3(SYS_socket, 12345, SOCK_STREAM, 0), -EAFNOSUPPORT);
    CHECK(sys3(SYS_socket, AF_INET, 9, 0), -ESOCKTNOSUPPORT);
    CHECK(sys3(SYS_socket, AF_UNIX, SOCK_STREAM, 7), -93 /* EPROTONOSUPPORT */);
    int ls = sys3(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    TRUE("socket AF_INET", ls >= 3);
    struct sockaddr_in a = lo(0);
    CHECK(S6(SYS_setsockopt, ls, SOL_SOCKET, SO_REUSEADDR, (long)&one, 4, 0), 0);
    CHECK(S6(SYS_setsockopt, ls, SOL_SOCKET, SO_REUSEADDR, (long)&one, 2, 0), -EINVAL);
    CHECK(S6(SYS_setsockopt, ls, 999, 1, (long)&one, 4, 0), -ENOPROTOOPT);
    CHECK(sys3(SYS_bind, ls, &a, 8), -EINVAL);
    CHECK(sys3(SYS_bind, ls, &a, sizeof a), 0);
    CHECK(sys3(SYS_bind, ls, &a, sizeof a), -EINVAL);
    CHECK(sys3(SYS_bind, ls, 16, sizeof a), -EFAULT);
    len = 4;
    CHECK(S6(SYS_getsockopt, ls, SOL_SOCKET, SO_ACCEPTCONN, (long)&v, (long)&len, 0), 0);
    CHECK(v, 0);
    CHECK(sys2(SYS_listen, ls, 5), 0);
    len = 4;
    S6(SYS_getsockopt, ls, SOL_SOCKET, SO_ACCEPTCONN, (long)&v, (long)&len, 0);
    CHECK(v, 1);
    len = sizeof a;
    CHECK(sys3(SYS_getsockname, ls, &a, &len), 0);
    CHECK(len, 16);
    TRUE("bound port nonzero", a.port != 0);
    CHECK(sys3(SYS_getpeername, ls, &a, &len), -ENOTCONN);
    CHECK(sys4(SYS_accept4, ls, 0, 0, SOCK_NONBLOCK | 1), -EINVAL);

    /* connect, accept, data */
    int c = sys3(SYS_socket, AF_INET, SOCK_STREAM, 0);
    CHECK(sys3(SYS_connect, c, &a, sizeof a), 0);
    CHECK(sys3(SYS_connect, c, &a, sizeof a), -EISCONN);
    struct sockaddr_in peer;
    len = sizeof peer;
    int s = sys4(SYS_accept4, ls, &peer, &len, SOCK_NONBLOCK);
    TRUE("accept4", s > c);
    CHECK(len, 16);
    CHECK(sys4(SYS_accept4, ls, 0, 0, SOCK_NONBLOCK), -EAGAIN);
    CHECK(S6(SYS_recvfrom, s, buf, sizeof buf, 0, 0, 0), -EAGAIN);
    CHECK(S6(SYS_sendto, c, "hello", 5, 0, 0, 0), 5);
    struct pollfd pf = {s, POLLIN, 0};
    struct timespec ts = {2, 0};
    CHECK(sys4(SYS_ppoll, &pf, 1, &ts, 0), 1);
    CHECK(pf.revents, POLLIN);
    CHECK(S6(SYS_recvfrom, s, buf, sizeof buf, MSG_PEEK, 0, 0), 5);
    CHECK(S6(SYS_recvfrom, s, buf, 3, 0, 0, 0), 3);
    CHECK(S6(SYS_recvfrom, s, buf, sizeof buf, 0, 0, 0), 2);
    CHECK(sys2(SYS_shutdown, c, 1), 0);
    CHECK(sys2(SYS_shutdown, c, 9), -EINVAL);
    CHECK(S6(SYS_recvfrom, s, buf, sizeof buf, 0, 0, 0), 0);
    CHECK(S6(SYS_sendto, c, "x", 1, MSG_NOSIGNAL, 0, 0), -EPIPE);
    len = 4;
    CHECK(S6(SYS_getsockopt, c, SOL_SOCKET, SO_ERROR, (long)&v, (long)&len, 0), 0);
    CHECK(v, 0);
    CHECK(sys1(SYS_close, s), 0);
    CHECK(sys1(SYS_close, c), 0);

    /* refused, unreachable, in use */
    int d = sys3(SYS_socket, AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in closed = lo(0);
    int t = sys3(SYS_socket, AF_INET, SOCK_STREAM, 0);
    sys3(SYS_bind, t, &closed, sizeof closed);
    len = sizeof closed;
    sys3(SYS_getsockname, t, &closed, &len);
    sys1(SYS_close, t);
    CHECK(sys3(SYS_connect, d, &closed, sizeof closed), -ECONNREFUSED);
    /* (Addresses off the loopback: test/realworld/net.test.ts; under qemu they reach the host's network.) */
    int e = sys3(SYS_socket, AF_INET, SOCK_STREAM, 0);
    CHECK(sys3(SYS_bind, e, &a, sizeof a), -EADDRINUSE);
    int nb = sys3(SYS_socket, AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK(sys3(SYS_connect, nb, &a, sizeof a), -EINPROGRESS);

    /* not sockets */
    int p[2];
    sys2(SYS_pipe2, p, 0);
    CHECK(sys2(SYS_listen, p[0], 1), -ENOTSOCK);
    CHECK(S6(SYS_sendto, p[1], "x", 1, 0, 0, 0), -ENOTSOCK);
    CHECK(sys2(SYS_shutdown, 999, 0), -EBADF);

    /* Unix: socketpair, datagram, sendmsg/recvmsg, sendmmsg/recvmmsg */
    int sv[2];
    CHECK(sys4(SYS_socketpair, AF_INET, SOCK_STREAM, 0, sv), -EOPNOTSUPP);
    CHECK(sys4(SYS_socketpair, AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    struct iovec iov[2] = {{"ab", 2}, {"cde", 3}};
    struct msghdr m = {0, 0, iov, 2, 0, 0, 0};
    CHECK(sys3(SYS_sendmsg, sv[0], &m, 0), 5);
    struct iovec riov = {buf, 4};
    struct msghdr rm = {0, 0, &riov, 1, 0, 0, 0};
    CHECK(sys3(SYS_recvmsg, sv[1], &rm, 0), 4);
    CHECK(rm.flags, 0x20 /* MSG_TRUNC */);
    struct mmsghdr mm[2] = {{{0, 0, &iov[0], 1, 0, 0, 0}, 0}, {{0, 0, &iov[1], 1, 0, 0, 0}, 0}};
    CHECK(sys4(SYS_sendmmsg, sv[0], mm, 2, 0), 2);
    CHECK(mm[1].len, 3);
    struct iovec r1 = {buf, 16}, r2 = {buf + 16, 16};
    struct mmsghdr rr[2] = {{{0, 0, &r1, 1, 0, 0, 0}, 0}, {{0, 0, &r2, 1, 0, 0, 0}, 0}};
    CHECK(S6(SYS_recvmmsg, sv[1], rr, 2, MSG_DONTWAIT, 0, 0), 2);
    CHECK(rr[0].len + rr[1].len, 5);
    CHECK(S6(SYS_recvmmsg, sv[1], rr, 2, MSG_DONTWAIT, 0, 0), -EAGAIN);
    CHECK(S6(SYS_sendto, sys3(SYS_socket, AF_INET, SOCK_DGRAM, 0), "x", 1, 0, 0, 0), -EDESTADDRREQ);
    int u = sys3(SYS_socket, AF_INET, SOCK_DGRAM, 0);
    CHECK(S6(SYS_sendto, u, big, sizeof big, 0, (long)&a, sizeof a), -EMSGSIZE);
    CHECK(sys2(SYS_listen, u, 1), -EOPNOTSUPP);
    len = 4;
    CHECK(S6(SYS_getsockopt, u, SOL_SOCKET, SO_TYPE, (long)&v, (long)&len, 0), 0);
    CHECK(v, SOCK_DGRAM);

    /* epoll */
    int ep = sys1(SYS_epoll_create1, SOCK_CLOEXEC);
    TRUE("epoll_create1", ep >= 0);
    CHECK(sys1(SYS_epoll_create1, 1), -EINVAL);
    struct epoll_event ev = {EPOLLIN | EPOLLET, 0, 77};
    CHECK(sys4(SYS_epoll_ctl, ep, 1, p[0], &ev), 0);
    CHECK(sys4(SYS_epoll_ctl, ep, 1, p[0], &ev), -EEXIST);
    CHECK(sys4(SYS_epoll_ctl, ep, 1, ep, &ev), -EINVAL);
    CHECK(sys4(SYS_epoll_ctl, p[0], 1, p[1], &ev), -EINVAL);
    CHECK(sys4(SYS_epoll_ctl, ep, 3, p[1], &ev), -ENOENT);
    struct epoll_event out[2];
    CHECK(S6(SYS_epoll_pwait, ep, out, 2, 0, 0, 8), 0);
    CHECK(S6(SYS_epoll_pwait, ep, out, 0, 0, 0, 8), -EINVAL);
    sys3(SYS_write, p[1], "x", 1);
    CHECK(S6(SYS_epoll_pwait, ep, out, 2, 1000, 0, 8), 1);
    CHECK(out[0].data, 77);
    CHECK(S6(SYS_epoll_pwait, ep, out, 2, 0, 0, 8), 0);
    struct timespec z = {0, 0};
    u64 mask = 0;
    CHECK(S6(SYS_epoll_pwait, ep, out, 2, 0, (long)&mask, 4), -EINVAL);
    int ep2 = sys1(SYS_epoll_create1, 0);
    struct epoll_event e2 = {EPOLLIN, 0, 0};
    CHECK(sys4(SYS_epoll_ctl, ep2, 1, ep, &e2), 0);
    CHECK(sys4(SYS_epoll_ctl, ep, 1, ep2, &e2), -ELOOP);
    CHECK(sys4(SYS_epoll_ctl, ep, 2, p[0], 0), 0);
    CHECK(sys4(SYS_epoll_ctl, ep, 2, p[0], 0), -ENOENT);

    /* ppoll and pselect6 */
    struct pollfd bad = {999, POLLIN, 0};
    CHECK(sys4(SYS_ppoll, &bad, 1, &z, 0), 1);
    CHECK(bad.revents, POLLNVAL);
    struct timespec neg = {-1, 0};
    CHECK(sys4(SYS_ppoll, &bad, 1, &neg, 0), -EINVAL);
    u64 rset = 1ul << p[0];
    CHECK(S6(SYS_pselect6, p[0] + 1, (long)&rset, 0, 0, (long)&z, 0), 1);
    u64 bset = 1ul << 60;
    CHECK(S6(SYS_pselect6, 61, (long)&bset, 0, 0, (long)&z, 0), -EBADF);
    CHECK(S6(SYS_pselect6, -1, 0, 0, 0, (long)&z, 0), -EINVAL);

    /* eventfd2 */
    int efd = sys2(SYS_eventfd2, 5, 04000);
    u64 val = 0;
    CHECK(sys3(SYS_read, efd, &val, 8), 8);
    CHECK(val, 5);
    CHECK(sys3(SYS_read, efd, &val, 8), -EAGAIN);
    CHECK(sys3(SYS_read, efd, &val, 4), -EINVAL);
    val = ~0ul;
    CHECK(sys3(SYS_write, efd, &val, 8), -EINVAL);
    CHECK(sys2(SYS_eventfd2, 0, 0x10), -EINVAL);

    /* timerfd */
    int tfd = sys2(SYS_timerfd_create, 1, 04000);
    TRUE("timerfd_create", tfd >= 0);
    CHECK(sys2(SYS_timerfd_create, 99, 0), -EINVAL);
    CHECK(sys3(SYS_read, tfd, &val, 8), -EAGAIN);
    struct itimerspec its = {{0, 0}, {0, 1000000}}, cur;
    CHECK(sys4(SYS_timerfd_settime, tfd, 0, &its, 0), 0);
    CHECK(sys4(SYS_timerfd_settime, tfd, 4, &its, 0), -EINVAL);
    its.value.nsec = 1000000000;
    CHECK(sys4(SYS_timerfd_settime, tfd, 0, &its, 0), -EINVAL);
    struct pollfd tp = {tfd, POLLIN, 0};
    struct timespec two = {2, 0};
    CHECK(sys4(SYS_ppoll, &tp, 1, &two, 0), 1);
    CHECK(sys3(SYS_read, tfd, &val, 8), 8);
    CHECK(val, 1);
    CHECK(sys2(SYS_timerfd_gettime, tfd, &cur), 0);
    CHECK(cur.value.sec + cur.value.nsec, 0);
    CHECK(sys2(SYS_timerfd_gettime, p[0], &cur), -EINVAL);

    /* signalfd4 */
    u64 usr1 = 1ul << (10 - 1);
    sys4(SYS_rt_sigprocmask, 0 /* SIG_BLOCK */, &usr1, 0, 8);
    int sfd = sys4(SYS_signalfd4, -1, &usr1, 8, 04000);
    TRUE("signalfd4", sfd >= 0);
    CHECK(sys4(SYS_signalfd4, p[0], &usr1, 8, 0), -EINVAL);
    char si[128];
    CHECK(sys3(SYS_read, sfd, si, sizeof si), -EAGAIN);
    sys2(SYS_kill, sys0(SYS_getpid), 10);
    CHECK(sys3(SYS_read, sfd, si, 64), -EINVAL);
    CHECK(sys3(SYS_read, sfd, si, sizeof si), 128);
    CHECK(*(u32 *)si, 10);

    (void)r;
    if (failures) {
        kt_puts("FAILED ");
        kt_puti(failures);
        kt_puts("\n");
    } else {
        kt_puts("ALL PASSED\n");
    }
    return failures;
}
KT_START
