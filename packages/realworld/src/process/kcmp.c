/*
 * kcmp(2) between a process, its fork child and a CLONE_FILES|CLONE_FS|CLONE_VM|CLONE_SIGHAND-like
 * sharing child, and pidfd_getfd(2) taking a child's file descriptor; with their errors, as root
 * and unprivileged (another user's process is EPERM).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define KCMP_FILE 0
#define KCMP_VM 1
#define KCMP_FILES 2
#define KCMP_FS 3
#define KCMP_SIGHAND 4

static const char *cmp(long r) {
    if (r < 0) return strerrorname_np(errno);
    return r == 0 ? "same" : r == 1 || r == 2 ? "different" : "bad answer";
}
static long kcmp(pid_t a, pid_t b, int type, unsigned long i1, unsigned long i2) { return syscall(SYS_kcmp, a, b, type, i1, i2); }

static int pipefd[2], gofd[2];
static char stack[65536];

static int shared_child(void *arg) {
    (void)arg;
    char c;
    if (read(gofd[0], &c, 1) < 0) return 1;
    return 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (pipe(pipefd) < 0 || pipe(gofd) < 0) return 1;
    pid_t me = getpid();
    int fd = open("/proc/self/status", O_RDONLY);
    int dup_fd = dup(fd);
    int other = open("/proc/self/status", O_RDONLY);
    printf("file vs dup: %s\n", cmp(kcmp(me, me, KCMP_FILE, fd, dup_fd)));
    printf("file vs another open: %s\n", cmp(kcmp(me, me, KCMP_FILE, fd, other)));
    printf("file vs closed fd: %s\n", cmp(kcmp(me, me, KCMP_FILE, fd, 999)));
    printf("self vm: %s\n", cmp(kcmp(me, me, KCMP_VM, 0, 0)));
    printf("bad type: %s\n", cmp(kcmp(me, me, 99, 0, 0)));
    printf("no such pid: %s\n", cmp(kcmp(me, 999999, KCMP_VM, 0, 0)));
    printf("pid 0: %s\n", cmp(kcmp(0, me, KCMP_VM, 0, 0)));

    pid_t child = fork();
    if (child == 0) {
        char c;
        if (read(gofd[0], &c, 1) < 0) _exit(1);
        _exit(0);
    }
    printf("fork child vm: %s\n", cmp(kcmp(me, child, KCMP_VM, 0, 0)));
    printf("fork child files: %s\n", cmp(kcmp(me, child, KCMP_FILES, 0, 0)));
    printf("fork child fs: %s\n", cmp(kcmp(me, child, KCMP_FS, 0, 0)));
    printf("fork child sighand: %s\n", cmp(kcmp(me, child, KCMP_SIGHAND, 0, 0)));
    printf("fork child's inherited fd: %s\n", cmp(kcmp(me, child, KCMP_FILE, fd, fd)));

    pid_t sharer = clone(shared_child, stack + sizeof stack, CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | SIGCHLD, NULL);
    printf("sharing child vm: %s\n", cmp(kcmp(me, sharer, KCMP_VM, 0, 0)));
    printf("sharing child files: %s\n", cmp(kcmp(me, sharer, KCMP_FILES, 0, 0)));
    printf("sharing child fs: %s\n", cmp(kcmp(me, sharer, KCMP_FS, 0, 0)));
    printf("sharing child sighand: %s\n", cmp(kcmp(me, sharer, KCMP_SIGHAND, 0, 0)));

    /* pidfd_getfd: the fork child's copy of fd is the same open file description. */
    int pidfd = syscall(SYS_pidfd_open, child, 0);
    int got = syscall(SYS_pidfd_getfd, pidfd, fd, 0);
    printf("pidfd_getfd: %s\n", got >= 0 ? "ok" : strerrorname_np(errno));
    printf("got fd is the same file: %s\n", cmp(kcmp(me, me, KCMP_FILE, fd, got)));
    printf("got fd close-on-exec: %s\n", (fcntl(got, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    errno = 0;
    printf("pidfd_getfd closed fd: %s\n", syscall(SYS_pidfd_getfd, pidfd, 999, 0) >= 0 ? "ok" : strerrorname_np(errno));
    printf("pidfd_getfd flags: %s\n", syscall(SYS_pidfd_getfd, pidfd, fd, 1) >= 0 ? "ok" : strerrorname_np(errno));
    printf("pidfd_getfd not a pidfd: %s\n", syscall(SYS_pidfd_getfd, fd, fd, 0) >= 0 ? "ok" : strerrorname_np(errno));

    pid_t user = fork();
    if (user == 0) {
        if (setgid(1000) < 0 || setuid(1000) < 0) _exit(9);
        printf("unprivileged kcmp of root's processes: %s\n", cmp(kcmp(me, child, KCMP_VM, 0, 0)));
        printf("unprivileged kcmp of itself: %s\n", cmp(kcmp(getpid(), getpid(), KCMP_VM, 0, 0)));
        int pfd = syscall(SYS_pidfd_open, child, 0);
        printf("unprivileged pidfd_getfd: %s\n", syscall(SYS_pidfd_getfd, pfd, fd, 0) >= 0 ? "ok" : strerrorname_np(errno));
        _exit(0);
    }
    waitpid(user, NULL, 0);
    if (write(gofd[1], "xx", 2) < 0) return 1;
    waitpid(child, NULL, 0);
    waitpid(sharer, NULL, 0);
    printf("pidfd_getfd after exit: %s\n", syscall(SYS_pidfd_getfd, pidfd, fd, 0) >= 0 ? "ok" : strerrorname_np(errno));
    return 0;
}
