/* sigwait <eintr|restart|sleep|suspend>: blocks (read from stdin, or nanosleep) with a SIGUSR1 handler
 * installed, so a test can signal it: without SA_RESTART the call fails with EINTR, with
 * SA_RESTART the read resumes after the handler; a sleep always fails with EINTR; suspend
 * blocks SIGUSR1, then rt_sigsuspend with an empty mask: EINTR after the handler, and
 * SIGUSR1 blocked again afterwards. */
#include "kt.h"

KT_START

struct k_sigaction { u64 handler, flags, restorer, mask; };
extern void kt_restorer(void);
__asm__(".globl kt_restorer\nkt_restorer:\n mov x8, #139\n svc #0\n");

static volatile int handled;
static void on_usr1(int sig) { handled = sig; }

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    const char *mode = argc > 1 ? argv[1] : "eintr";
    struct k_sigaction a = { (u64)on_usr1, 0x04000000 | (kt_streq(mode, "restart") ? 0x10000000 : 0), (u64)kt_restorer, 0 };
    sys4(SYS_rt_sigaction, 10, &a, 0, 8);
    kt_puts("waiting\n");
    long r;
    char buf[64];
    if (kt_streq(mode, "suspend")) {
        u64 usr1 = 1UL << 9, empty = 0, now = 0;
        sys4(SYS_rt_sigprocmask, 0, &usr1, 0, 8);
        r = sys2(133, &empty, 8);
        sys4(SYS_rt_sigprocmask, 0, 0, &now, 8);
        kt_puts(now == usr1 ? "mask restored\n" : "mask wrong\n");
    } else if (kt_streq(mode, "sleep")) {
        struct { long s, ns; } req = { 30, 0 };
        r = sys2(SYS_nanosleep, &req, 0);
    } else {
        r = sys3(SYS_read, 0, buf, sizeof buf);
    }
    kt_puts(r == -EINTR ? "EINTR" : r >= 0 ? "data" : "error");
    if (r > 0) { kt_puts(": "); kt_write(1, buf, r); } else kt_puts("\n");
    kt_puts(handled == 10 ? "handler ran\n" : "no handler\n");
    return 0;
}
