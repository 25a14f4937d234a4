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

    /* The child waits on a pipe until the parent has checked WNOHANG, so the order does not
       depend on how the host schedules (a sleep did, under qemu on a loaded machine). */
    int go[2];
    sys2(59 /* pipe2 */, go, 0);
    pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
    if (pid == 0) {
        char c;
        sys1(SYS_close, go[1]);
        sys3(SYS_read, go[0], &c, 1);
        *(volatile int *)0x816003 = 1;
        kt_exit(0);
    }
    sys1(SYS_close, go[0]);
    w = sys4(SYS_wait4, -1, &st, 1 /* WNOHANG */, 0);
    kt_puts(w == 0 ? "WNOHANG: still running\n" : "WNOHANG: wrong\n");
    sys1(SYS_close, go[1]);
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
