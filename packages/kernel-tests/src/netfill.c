/* netfill: tries to make the kernel hold as much socket memory as it will: as many
 * non-blocking socketpairs as the fd table allows, each written until it refuses (EAGAIN),
 * plus an epoll set watching all of them. Prints the bytes the kernel accepted in KiB. */
#include "kt.h"

enum { SYS_epoll_create1 = 20, SYS_epoll_ctl = 21, SYS_socketpair = 199, SYS_sendto = 206 };
struct epoll_event { u32 events; u32 pad; u64 data; };

static u8 chunk[65536];

int main(int argc, char **argv, char **envp)
{
    long total = 0;
    int pairs = 0;
    int ep = sys1(SYS_epoll_create1, 0);
    for (;;) {
        int sv[2];
        if (sys4(SYS_socketpair, 1 /* AF_UNIX */, 1 /* SOCK_STREAM */ | 04000, 0, sv) < 0) break;
        pairs++;
        struct epoll_event ev = {1, 0, 0};
        sys4(SYS_epoll_ctl, ep, 1, sv[0], &ev);
        sys4(SYS_epoll_ctl, ep, 1, sv[1], &ev);
        for (;;) {
            long n = sys6(SYS_sendto, sv[0], (long)chunk, sizeof chunk, 0, 0, 0);
            if (n <= 0) break;
            total += n;
        }
    }
    kt_puts("pairs ");
    kt_puti(pairs);
    kt_puts(" buffered_kib ");
    kt_puti(total / 1024);
    kt_puts("\n");
    return 0;
}
KT_START
