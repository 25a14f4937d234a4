/* forker: fork (clone with SIGCHLD), wait4 for exit codes and signals, WNOHANG, ECHILD,
 * memory copied not shared, and vfork-style clone. Same output under qemu-aarch64. */
#include "kt.h"

KT_START

#define SYS_clone 220
#define SYS_wait4 260
#define ECHILD 10
#define SIGCHLD 17
#define CLONE_VM 0x100
#define CLONE_VFORK 0x4000

static int counter = 100;

static void report(const char *what, long pid, int st)
{
    kt_puts(what);
    if (pid <= 0) { kt_puts(": wait4 failed "); kt_puti(pid); kt_puts("\n"); return; }
    if ((st & 0x7f) == 0) { kt_puts(": exited "); kt_putu((st >> 8) & 0xff); }
    else { kt_puts(": killed by signal "); kt_putu(st & 0x7f); }
    kt_puts("\n");
}

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    int st = 0;
    long r = sys4(SYS_wait4, -1, &st, 0, 0);
    kt_puts(r == -ECHILD ? "no children: ECHILD\n" : "no children: wrong\n");

    long pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        counter = 7;
        kt_puts("child: running\n");
        kt_exit(counter);
    }
    long w = sys4(SYS_wait4, pid, &st, 0, 0);
    report("first child", w == pid ? w : -1, st);
    kt_puts(counter == 100 ? "parent memory untouched by the child\n" : "parent memory changed!\n");

    pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        struct { long s, ns; } req = { 0, 50000000 };
        sys2(SYS_nanosleep, &req, 0);
        *(volatile int *)0x816003 = 1;
        kt_exit(0);
    }
    w = sys4(SYS_wait4, -1, &st, 1 /* WNOHANG */, 0);
    kt_puts(w == 0 ? "WNOHANG: still running\n" : "WNOHANG: wrong\n");
    w = sys4(SYS_wait4, -1, &st, 0, 0);
    report("crashing child", w == pid ? w : -1, st);

    pid = sys6(SYS_clone, CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        kt_puts("vfork child: running first\n");
        kt_exit(3);
    }
    kt_puts("vfork parent: resumed after the child\n");
    w = sys4(SYS_wait4, pid, &st, 0, 0);
    report("vfork child", w == pid ? w : -1, st);
    return 0;
}
