/*
 * process_mrelease on a live and an ended process, and the Landlock calls on a kernel where
 * Landlock is not enabled (test/realworld/kcmp.test.ts states the answers).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *e(long r) { return r < 0 ? strerrorname_np(errno) : "ok"; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int go[2];
    if (pipe(go) < 0) return 1;
    pid_t c = fork();
    if (c == 0) {
        char x;
        if (read(go[0], &x, 1) < 0) _exit(1);
        _exit(0);
    }
    int pidfd = syscall(SYS_pidfd_open, c, 0);
    printf("process_mrelease live: %s\n", e(syscall(SYS_process_mrelease, pidfd, 0)));
    printf("process_mrelease flags: %s\n", e(syscall(SYS_process_mrelease, pidfd, 1)));
    printf("process_mrelease not a pidfd: %s\n", e(syscall(SYS_process_mrelease, 0, 0)));
    if (write(go[1], "x", 1) < 0) return 1;
    waitpid(c, NULL, 0);
    printf("process_mrelease ended: %s\n", e(syscall(SYS_process_mrelease, pidfd, 0)));
    printf("landlock ABI version: %s\n", e(syscall(SYS_landlock_create_ruleset, NULL, 0, 1)));
    printf("landlock_create_ruleset: %s\n", e(syscall(SYS_landlock_create_ruleset, NULL, 0, 0)));
    printf("landlock_restrict_self: %s\n", e(syscall(SYS_landlock_restrict_self, -1, 0)));
    return 0;
}
