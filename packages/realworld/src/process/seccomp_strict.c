/*
 * seccomp strict mode, by seccomp(2) and by prctl(PR_SET_SECCOMP): read, write, _exit and
 * sigreturn still work, anything else kills the process with SIGKILL; a fork child inherits it;
 * bad arguments are EINVAL; PR_SET_NO_NEW_PRIVS is kept and reported.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void reap(const char *what, pid_t c) {
    int st;
    waitpid(c, &st, 0);
    if (WIFSIGNALED(st)) printf("%s: killed by signal %d\n", what, WTERMSIG(st));
    else printf("%s: exit %d\n", what, WEXITSTATUS(st));
}

static void say(const char *s) {
    if (write(1, s, strlen(s)) < 0) syscall(SYS_exit, 9);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("PR_GET_SECCOMP: %d\n", prctl(PR_GET_SECCOMP));
    printf("PR_GET_NO_NEW_PRIVS: %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    printf("PR_SET_NO_NEW_PRIVS: %d\n", prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
    printf("PR_GET_NO_NEW_PRIVS: %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
    long r = syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 1, NULL);
    printf("strict with flags: %ld %s\n", r, strerrorname_np(errno));
    r = syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, (void *)8);
    printf("strict with args: %ld %s\n", r, strerrorname_np(errno));

    pid_t c = fork();
    if (c == 0) {
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL) != 0) _exit(1);
        say("strict: write works\n");
        char buf[1];
        if (read(-1, buf, 1) < 0) say("strict: read answers (EBADF)\n");
        syscall(SYS_exit, 3);
    }
    reap("strict child that exits", c);

    c = fork();
    if (c == 0) {
        if (syscall(SYS_seccomp, SECCOMP_SET_MODE_STRICT, 0, NULL) != 0) _exit(1);
        say("strict: about to call getpid\n");
        syscall(SYS_getpid);
        say("strict: still alive\n");
        syscall(SYS_exit, 0);
    }
    reap("strict child that calls getpid", c);

    c = fork();
    if (c == 0) {
        if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT) != 0) _exit(1);
        say("prctl strict: write works\n");
        _exit(0); /* exit_group: not allowed either */
    }
    reap("prctl strict child that calls exit_group", c);
    return 0;
}
