/* netfuzz: random arguments to every socket, polling and event-file system call (from a
 * fixed seed, so each run is the same), with pointers into a buffer of random bytes, bad
 * pointers, odd sizes and whatever fds earlier calls made. Sockets are made non-blocking and
 * timeouts are zero, so no call waits. Prints how many calls ran and how many answered EIO
 * (which these calls never do on Linux: the kernel's sign of a host exception it caught). */
#include "kt.h"

enum {
    SYS_eventfd2 = 19, SYS_epoll_create1 = 20, SYS_epoll_ctl = 21, SYS_epoll_pwait = 22, SYS_pselect6 = 72,
    SYS_ppoll = 73, SYS_signalfd4 = 74, SYS_timerfd_create = 85, SYS_timerfd_settime = 86,
    SYS_timerfd_gettime = 87, SYS_socket = 198, SYS_socketpair = 199, SYS_bind = 200, SYS_listen = 201,
    SYS_accept = 202, SYS_connect = 203, SYS_getsockname = 204, SYS_getpeername = 205, SYS_sendto = 206,
    SYS_recvfrom = 207, SYS_setsockopt = 208, SYS_getsockopt = 209, SYS_shutdown = 210, SYS_sendmsg = 211,
    SYS_recvmsg = 212, SYS_accept4 = 242, SYS_recvmmsg = 243, SYS_sendmmsg = 269, SYS_epoll_pwait2 = 441,
};
#define SOCK_NONBLOCK 04000
#define MSG_DONTWAIT 0x40

static u64 seed = 0x9e3779b97f4a7c15ul;
static u64 rnd(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

static u8 scratch[8192] __attribute__((aligned(16)));
static i64 zero_ts[2];

/* An argument: small numbers, fds, pointers good and bad, sizes. */
static long arg(void)
{
    switch (rnd() % 10) {
    case 0: return (long)(rnd() % 24) - 2;
    case 1: return (long)(rnd() % 40);
    case 2: case 3: return (long)(scratch + (rnd() % 4096));
    case 4: return 0;
    case 5: return 0x1000;
    case 6: return (long)(rnd() % 300);
    case 7: return (long)(0x7f0000000000ul + (rnd() & 0xffffffff));
    case 8: return (long)rnd();
    default: return (long)(scratch + 4096 + (rnd() % 64) * 8);
    }
}

static const int calls[] = {
    SYS_eventfd2, SYS_epoll_create1, SYS_epoll_ctl, SYS_epoll_pwait, SYS_pselect6, SYS_ppoll, SYS_signalfd4,
    SYS_timerfd_create, SYS_timerfd_settime, SYS_timerfd_gettime, SYS_socket, SYS_socketpair, SYS_bind,
    SYS_listen, SYS_accept, SYS_connect, SYS_getsockname, SYS_getpeername, SYS_sendto, SYS_recvfrom,
    SYS_setsockopt, SYS_getsockopt, SYS_shutdown, SYS_sendmsg, SYS_recvmsg, SYS_accept4, SYS_recvmmsg,
    SYS_sendmmsg, SYS_epoll_pwait2,
};

int main(int argc, char **argv, char **envp)
{
    long n = argc > 1 ? 0 : 20000, eio = 0, ok = 0;
    for (int i = 1; i < argc; i++) for (const char *p = argv[i]; *p; p++) n = n * 10 + (*p - '0');
    for (long i = 0; i < n; i++) {
        if (i % 64 == 0)
            for (int k = 0; k < 4096; k++) scratch[k] = (u8)rnd();
        int nr = calls[rnd() % (sizeof calls / sizeof calls[0])];
        long a[6];
        for (int k = 0; k < 6; k++) a[k] = arg();
        /* Never wait: sockets non-blocking, flags with MSG_DONTWAIT, zero timeouts. */
        switch (nr) {
        case SYS_socket: case SYS_socketpair: a[1] |= SOCK_NONBLOCK; break;
        case SYS_accept4: a[3] |= SOCK_NONBLOCK; break;
        case SYS_sendto: case SYS_recvfrom: a[3] |= MSG_DONTWAIT; break;
        case SYS_sendmsg: case SYS_recvmsg: a[2] |= MSG_DONTWAIT; break;
        case SYS_sendmmsg: case SYS_recvmmsg: a[3] |= MSG_DONTWAIT; a[4] = (long)zero_ts; break;
        case SYS_epoll_pwait: a[3] = 0; break;
        case SYS_epoll_pwait2: a[3] = (long)zero_ts; break;
        case SYS_ppoll: a[2] = (long)zero_ts; break;
        case SYS_pselect6: a[4] = (long)zero_ts; break;
        case SYS_accept: nr = SYS_accept4; a[3] = SOCK_NONBLOCK; break;
        case SYS_connect: nr = SYS_connect; break;
        }
        /* connect blocks on a blocking socket made some other way (none are): fine. */
        zero_ts[0] = zero_ts[1] = 0;
        long r = sys6(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if (r == -5) eio++;
        if (r >= 0) ok++;
    }
    kt_puts("calls ");
    kt_puti(n);
    kt_puts(" succeeded ");
    kt_puts(ok > 0 ? "some" : "none");
    kt_puts(" EIO ");
    kt_puti(eio);
    kt_puts("\n");
    return 0;
}
KT_START
