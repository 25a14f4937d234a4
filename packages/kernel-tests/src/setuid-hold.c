/* setuid-hold UID CHILDREN MIB [PROGRAM]: run as root, becomes another user the way a login
 * program does, to show that per-user counts follow setuid: forks CHILDREN children that each
 * setuid(UID) and wait on a pipe, waits until they all have, takes MIB MiB (mmap, every page touched), setuid(UID) itself,
 * prints "setuid-hold: ready", then with PROGRAM tries execve(PROGRAM) and prints its error
 * (EAGAIN when UID is over its RLIMIT_NPROC), and holds everything until stdin reaches EOF. */
#include "kt.h"

KT_START

#define SYS_clone 220
#define SYS_wait4 260
#define SYS_pipe2 59
#define SYS_setuid 146
#define SYS_execve 221
#define SIGCHLD 17

static long num(const char *s)
{
    long n = 0;
    for (; *s; s++) n = n * 10 + (*s - '0');
    return n;
}

int main(int argc, char **argv, char **envp)
{
    if (argc < 4) { kt_eputs("usage: setuid-hold UID CHILDREN MIB [PROGRAM]\n"); return 2; }
    long uid = num(argv[1]), children = num(argv[2]), mib = num(argv[3]);
    int hold[2], ready[2];
    sys2(SYS_pipe2, hold, 0);
    sys2(SYS_pipe2, ready, 0);
    for (long i = 0; i < children; i++) {
        long pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
        if (pid == 0) {
            char c;
            sys1(SYS_close, hold[1]);
            if (sys1(SYS_setuid, uid) < 0) kt_exit(3);
            sys3(SYS_write, ready[1], "r", 1);
            sys3(SYS_read, hold[0], &c, 1);
            kt_exit(0);
        }
        if (pid < 0) { kt_puts("setuid-hold: fork failed "); kt_puti(pid); kt_puts("\n"); return 1; }
    }
    /* Every child has become UID before this process does. */
    for (long i = 0; i < children; i++) { char c; sys3(SYS_read, ready[0], &c, 1); }
    if (mib) {
        long p = sys6(SYS_mmap, 0, mib << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p < 0 && p > -4096) { kt_puts("setuid-hold: mmap failed "); kt_puti(p); kt_puts("\n"); return 1; }
        for (long off = 0; off < (mib << 20); off += 4096) ((volatile u8 *)p)[off] = 1;
    }
    long r = sys1(SYS_setuid, uid);
    if (r < 0) { kt_puts("setuid-hold: setuid failed "); kt_puti(r); kt_puts("\n"); return 1; }
    kt_puts("setuid-hold: ready\n");
    if (argc > 4) {
        char *args[] = { argv[4], 0 };
        long e = sys3(SYS_execve, argv[4], args, envp);
        kt_puts("setuid-hold: execve ");
        kt_puti(e);
        kt_puts("\n");
    }
    char c;
    while (sys3(SYS_read, 0, &c, 1) > 0) {}
    sys1(SYS_close, hold[1]);
    int st;
    while (sys4(SYS_wait4, -1, &st, 0, 0) > 0) {}
    return 0;
}
