/*
 * sched_setattr/sched_getattr (the struct-versioned scheduling calls) and ioprio_get/ioprio_set,
 * as root and as an unprivileged user: sizes, flags, policies, nice, the E2BIG size handshake and
 * the permission errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct attr {
    uint32_t size, policy;
    uint64_t flags;
    int32_t nice;
    uint32_t priority;
    uint64_t runtime, deadline, period;
    uint32_t util_min, util_max;
    uint64_t future[2];
};

static const char *e(long r) { return r < 0 ? strerrorname_np(errno) : "ok"; }

static long setattr(pid_t pid, struct attr *a, unsigned flags) { return syscall(SYS_sched_setattr, pid, a, flags); }
static long getattr(pid_t pid, struct attr *a, unsigned size, unsigned flags) { return syscall(SYS_sched_getattr, pid, a, size, flags); }

static void show(const char *who) {
    struct attr a;
    memset(&a, 0xff, sizeof a);
    long r = getattr(0, &a, 48, 0);
    printf("%s: getattr %s size %u policy %u flags %llu nice %d priority %u\n", who, e(r), a.size, a.policy, (unsigned long long)a.flags, a.nice, a.priority);
}

#define IOPRIO(cls, lvl) (((cls) << 13) | (lvl))
static long ioget(int which, int who) { return syscall(SYS_ioprio_get, which, who); }
static long ioset(int which, int who, int prio) { return syscall(SYS_ioprio_set, which, who, prio); }

static void cases(const char *who) {
    struct attr a;
    show(who);
    memset(&a, 0, sizeof a);
    printf("%s: getattr size 47: %s\n", who, e(getattr(0, &a, 47, 0)));
    printf("%s: getattr flags 1: %s\n", who, e(getattr(0, &a, 48, 1)));
    printf("%s: getattr NULL: %s\n", who, e(getattr(0, NULL, 48, 0)));
    printf("%s: getattr pid -1: %s\n", who, e(getattr(-1, &a, 48, 0)));
    printf("%s: getattr no such pid: %s\n", who, e(getattr(999999, &a, 48, 0)));
    memset(&a, 0, sizeof a);
    a.size = 48; a.policy = SCHED_OTHER; a.nice = 5;
    printf("%s: setattr OTHER nice 5: %s\n", who, e(setattr(0, &a, 0)));
    show(who);
    printf("%s: getpriority: %d\n", who, getpriority(PRIO_PROCESS, 0));
    a.nice = 3;
    printf("%s: setattr nice 3 (lower): %s\n", who, e(setattr(0, &a, 0)));
    a.nice = 40;
    printf("%s: setattr nice 40 (clamped): %s\n", who, e(setattr(0, &a, 0)));
    show(who);
    a.nice = 19; a.policy = SCHED_BATCH;
    printf("%s: setattr BATCH: %s\n", who, e(setattr(0, &a, 0)));
    show(who);
    a.policy = SCHED_OTHER; a.flags = 0x08 /* KEEP_POLICY */;
    printf("%s: setattr KEEP_POLICY: %s\n", who, e(setattr(0, &a, 0)));
    show(who);
    a.flags = 0; a.policy = SCHED_FIFO; a.priority = 10;
    printf("%s: setattr FIFO 10: %s\n", who, e(setattr(0, &a, 0)));
    a.priority = 0;
    printf("%s: setattr FIFO 0: %s\n", who, e(setattr(0, &a, 0)));
    a.policy = SCHED_OTHER; a.priority = 3;
    printf("%s: setattr OTHER priority 3: %s\n", who, e(setattr(0, &a, 0)));
    a.priority = 0; a.policy = 6 /* DEADLINE */; a.runtime = 10; a.deadline = 5; a.period = 5;
    printf("%s: setattr DEADLINE bad params: %s\n", who, e(setattr(0, &a, 0)));
    a.policy = 42;
    printf("%s: setattr policy 42: %s\n", who, e(setattr(0, &a, 0)));
    a.policy = SCHED_OTHER; a.nice = 19; a.flags = 0x1000;
    printf("%s: setattr unknown flag: %s\n", who, e(setattr(0, &a, 0)));
    a.flags = 0;
    printf("%s: setattr flags arg 1: %s\n", who, e(setattr(0, &a, 1)));
    a.size = 40;
    const char *r = e(setattr(0, &a, 0));
    printf("%s: setattr size 40: %s, size now %u\n", who, r, a.size);
    a.size = sizeof a; a.future[1] = 1;
    r = e(setattr(0, &a, 0));
    printf("%s: setattr bigger struct, nonzero tail: %s, size now %u\n", who, r, a.size);
    a.size = sizeof a; a.future[1] = 0;
    printf("%s: setattr bigger struct, zero tail: %s\n", who, e(setattr(0, &a, 0)));
    a.size = 0;
    printf("%s: setattr size 0 (VER0): %s\n", who, e(setattr(0, &a, 0)));
    a.size = 48; a.flags = 1 /* RESET_ON_FORK */;
    printf("%s: setattr RESET_ON_FORK: %s\n", who, e(setattr(0, &a, 0)));
    show(who);
    a.flags = 0;
    printf("%s: setattr clear RESET_ON_FORK: %s\n", who, e(setattr(0, &a, 0)));

    long p = ioget(1, 0);
    printf("%s: ioprio_get: class %ld level %ld\n", who, p >> 13, p & 7);
    printf("%s: ioprio_set BE 6: %s\n", who, e(ioset(1, 0, IOPRIO(2, 6))));
    p = ioget(1, 0);
    printf("%s: ioprio_get: class %ld level %ld\n", who, p >> 13, p & 7);
    printf("%s: ioprio_set IDLE: %s\n", who, e(ioset(1, 0, IOPRIO(3, 0))));
    p = ioget(1, 0);
    printf("%s: ioprio_get: class %ld\n", who, p >> 13);
    printf("%s: ioprio_set RT 1: %s\n", who, e(ioset(1, 0, IOPRIO(1, 1))));
    printf("%s: ioprio_set NONE level 1: %s\n", who, e(ioset(1, 0, IOPRIO(0, 1))));
    printf("%s: ioprio_set class 5: %s\n", who, e(ioset(1, 0, IOPRIO(5, 0))));
    printf("%s: ioprio_set which 9: %s\n", who, e(ioset(9, 0, IOPRIO(2, 4))));
    printf("%s: ioprio_get which 9: %s\n", who, e(ioget(9, 0)));
    printf("%s: ioprio_get no such pid: %s\n", who, e(ioget(1, 999999)));
    printf("%s: ioprio_set NONE: %s\n", who, e(ioset(1, 0, 0)));
    p = ioget(1, 0);
    printf("%s: ioprio_get after NONE: class %ld level %ld\n", who, p >> 13, p & 7);
    printf("%s: ioprio_get pgrp: %s\n", who, ioget(2, 0) >= 0 ? "ok" : e(-1));
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t c = fork();
    if (c == 0) {
        cases("root");
        _exit(0);
    }
    waitpid(c, NULL, 0);
    c = fork();
    if (c == 0) {
        if (setgid(1000) < 0 || setuid(1000) < 0) _exit(9);
        cases("user");
        printf("user: ioprio_set of the parent: %s\n", e(ioset(1, getppid(), IOPRIO(2, 7))));
        printf("user: setattr of the parent: %s\n", e(setattr(getppid(), &(struct attr){.size = 48, .nice = 10}, 0)));
        struct attr a = {.size = 48, .policy = 6, .runtime = 100000, .deadline = 1000000, .period = 1000000};
        printf("user: setattr DEADLINE: %s\n", e(setattr(0, &a, 0)));
        _exit(0);
    }
    waitpid(c, NULL, 0);
    return 0;
}
