/* forkbomb [limit]: forks children that wait on a pipe until fork fails, prints how many it
 * got and the error (EAGAIN at RLIMIT_NPROC), then holds them until stdin reaches EOF and
 * reaps them all. With a limit argument it first lowers its own RLIMIT_NPROC (prlimit64). */
#include "kt.h"

KT_START

#define SYS_clone 220
#define SYS_wait4 260
#define SYS_prlimit64 261
#define SYS_pipe2 59
#define SIGCHLD 17
#define RLIMIT_NPROC 6
#define EAGAIN 11

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    struct { u64 cur, max; } lim, old;
    if (argc > 1) {
        u64 n = 0;
        for (const char *c = argv[1]; *c; c++) n = n * 10 + (u64)(*c - '0');
        lim.cur = lim.max = n;
        long r = sys4(SYS_prlimit64, 0, RLIMIT_NPROC, &lim, 0);
        if (r < 0) { kt_puts("forkbomb: prlimit64 failed "); kt_puti(r); kt_puts("\n"); return 1; }
    }
    sys4(SYS_prlimit64, 0, RLIMIT_NPROC, 0, &old);
    kt_puts("forkbomb: RLIMIT_NPROC ");
    kt_putu(old.cur);
    kt_puts("\n");
    int hold[2];
    sys2(SYS_pipe2, hold, 0);
    long children = 0, err = 0;
    for (;;) {
        long pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
        if (pid == 0) {
            char c;
            sys1(SYS_close, hold[1]);
            sys3(SYS_read, hold[0], &c, 1);
            kt_exit(0);
        }
        if (pid < 0) { err = pid; break; }
        children++;
    }
    kt_puts("forkbomb: ");
    kt_putu(children);
    kt_puts(err == -EAGAIN ? " children, then EAGAIN\n" : " children, then another error\n");
    char c;
    while (sys3(SYS_read, 0, &c, 1) > 0) {}
    sys1(SYS_close, hold[1]);
    long reaped = 0;
    int st;
    while (sys4(SYS_wait4, -1, &st, 0, 0) > 0) reaped++;
    kt_puts("forkbomb: reaped ");
    kt_putu(reaped);
    kt_puts("\n");
    return 0;
}
