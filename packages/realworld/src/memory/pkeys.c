/*
 * Memory protection keys where the CPU has none (AArch64 without FEAT_S1POE), and process_madvise:
 * test/realworld/memory.test.ts states what Linux answers on such hardware.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *e(long r) { return r < 0 ? strerrorname_np(errno) : "ok"; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("pkey_alloc: %s\n", e(syscall(SYS_pkey_alloc, 0, 0)));
    printf("pkey_alloc bad flags: %s\n", e(syscall(SYS_pkey_alloc, 1, 0)));
    printf("pkey_alloc bad rights: %s\n", e(syscall(SYS_pkey_alloc, 0, 4)));
    printf("pkey_free 1: %s\n", e(syscall(SYS_pkey_free, 1)));
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1;
    printf("pkey_mprotect key -1: %s\n", e(syscall(SYS_pkey_mprotect, m, 4096, PROT_READ, -1)));
    printf("pkey_mprotect key 0: %s\n", e(syscall(SYS_pkey_mprotect, m, 4096, PROT_READ | PROT_WRITE, 0)));
    printf("pkey_mprotect key 1: %s\n", e(syscall(SYS_pkey_mprotect, m, 4096, PROT_READ, 1)));
    printf("pkey_mprotect unaligned: %s\n", e(syscall(SYS_pkey_mprotect, m + 1, 4096, PROT_READ, -1)));
    printf("still writable: %s\n", (m[1] = 2) == 2 ? "yes" : "no");

    int pidfd = syscall(SYS_pidfd_open, getpid(), 0);
    struct iovec iov[2] = {{m, 8192}, {m, 4096}};
    long r = syscall(SYS_process_madvise, pidfd, iov, 2, MADV_COLD, 0);
    printf("process_madvise COLD: %s %ld\n", e(r), r);
    printf("process_madvise DONTNEED: %s\n", e(syscall(SYS_process_madvise, pidfd, iov, 2, MADV_DONTNEED, 0)));
    printf("process_madvise flags: %s\n", e(syscall(SYS_process_madvise, pidfd, iov, 2, MADV_COLD, 1)));
    printf("process_madvise not a pidfd: %s\n", e(syscall(SYS_process_madvise, 0, iov, 2, MADV_COLD, 0)));
    munmap(m + 4096, 4096);
    r = syscall(SYS_process_madvise, pidfd, iov, 2, MADV_WILLNEED, 0);
    printf("process_madvise over a hole: %s %ld\n", e(r), r);
    struct iovec hole = {m + 4096, 4096};
    printf("process_madvise of unmapped only: %s\n", e(syscall(SYS_process_madvise, pidfd, &hole, 1, MADV_COLD, 0)));
    pid_t c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        int self = syscall(SYS_pidfd_open, getpid(), 0);
        printf("process_madvise unprivileged: %s\n", e(syscall(SYS_process_madvise, self, iov, 1, MADV_COLD, 0)));
        _exit(0);
    }
    waitpid(c, NULL, 0);
    return 0;
}
