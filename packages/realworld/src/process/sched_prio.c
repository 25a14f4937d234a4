/* Scheduling priorities as nice(1), renice and real-time test programs use them: getpriority
 * and setpriority for a thread, a process group and a user (per-thread nice, inherited by
 * threads and fork children; PRIO_USER only in its errors), sched_setscheduler/getscheduler/setparam/getparam with every
 * policy, SCHED_RESET_ON_FORK, the priority ranges, and what an unprivileged process may
 * not do (EPERM for another user's process or a real-time policy, EACCES for a lower nice). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *what, long r)
{
    if (r < 0 && errno) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
    fflush(stdout);
}
#define SHOW(e) do { errno = 0; show(#e, (long)(e)); } while (0)
#define SAY(...) do { printf(__VA_ARGS__); putchar('\n'); fflush(stdout); } while (0)

static void reap(const char *what, pid_t c)
{
    int st;
    waitpid(c, &st, 0);
    if (WIFEXITED(st)) SAY("%s: exit %d", what, WEXITSTATUS(st));
    else SAY("%s: signal %d", what, WTERMSIG(st));
}

static void *thread_nice(void *arg)
{
    (void)arg;
    SHOW(getpriority(PRIO_PROCESS, 0));
    SHOW(setpriority(PRIO_PROCESS, 0, 7));
    SHOW(getpriority(PRIO_PROCESS, 0));
    return NULL;
}

int main(void)
{
    struct sched_param sp = { 0 };
    /* A process group of its own: PRIO_PGRP must not reach whoever started the test. (PRIO_USER
     * is left alone for the same reason: on a real machine it reaches every process of the user.) */
    setpgid(0, 0);
    SHOW(getpriority(PRIO_PROCESS, 0));
    SHOW(getpriority(PRIO_PROCESS, getpid()));
    SHOW(getpriority(PRIO_PGRP, 0));
    SHOW(getpriority(7, 0));
    SHOW(getpriority(PRIO_PROCESS, 999999));
    SHOW(setpriority(PRIO_PROCESS, 999999, 1));
    SHOW(setpriority(9, 0, 1));
    SHOW(syscall(SYS_getpriority, PRIO_PROCESS, 0));
    SHOW(setpriority(PRIO_PROCESS, 0, 3));
    SHOW(getpriority(PRIO_PROCESS, 0));
    SHOW(syscall(SYS_getpriority, PRIO_PROCESS, 0));
    SHOW(setpriority(PRIO_PROCESS, 0, 100));
    SHOW(getpriority(PRIO_PROCESS, 0));
    SHOW(setpriority(PRIO_PROCESS, 0, -100));
    SHOW(getpriority(PRIO_PROCESS, 0));
    SHOW(nice(5));
    SHOW(setpriority(PRIO_PROCESS, 0, 2));

    /* A thread starts with its creator's nice and changes only its own. */
    pthread_t th;
    pthread_create(&th, NULL, thread_nice, NULL);
    pthread_join(th, NULL);
    SHOW(getpriority(PRIO_PROCESS, 0));

    /* A fork child inherits it; the process group and the user see the highest. */
    pid_t c = fork();
    if (c == 0) {
        SHOW(getpriority(PRIO_PROCESS, 0));
        setpriority(PRIO_PROCESS, 0, 10);
        usleep(300000);
        _exit(0);
    }
    usleep(100000);
    SHOW(getpriority(PRIO_PROCESS, c));
    SHOW(getpriority(PRIO_PGRP, 0));
    SHOW(setpriority(PRIO_PGRP, 0, 4));
    SHOW(getpriority(PRIO_PROCESS, c));
    SHOW(getpriority(PRIO_PROCESS, 0));
    reap("child", c);

    /* Policies. */
    SHOW(sched_getscheduler(0));
    SHOW(sched_getparam(0, &sp));
    SAY("priority %d", sp.sched_priority);
    for (int pol = 0; pol <= 8; pol++) SAY("policy %d: min %d max %d", pol, sched_get_priority_min(pol), sched_get_priority_max(pol));
    SHOW(sched_getscheduler(-1));
    SHOW(sched_getscheduler(999999));
    SHOW(sched_getparam(0, NULL));
    SHOW(sched_getparam(-1, &sp));
    sp.sched_priority = 5;
    SHOW(sched_setscheduler(0, SCHED_OTHER, &sp));
    SHOW(sched_setparam(0, &sp));
    SHOW(sched_setscheduler(0, 4, &sp));
    SHOW(sched_setscheduler(0, -1, &sp));
    SHOW(sched_setscheduler(0, SCHED_FIFO, NULL));
    sp.sched_priority = 100;
    SHOW(sched_setscheduler(0, SCHED_FIFO, &sp));
    sp.sched_priority = 0;
    SHOW(sched_setscheduler(0, SCHED_RR, &sp));
    SHOW(sched_setscheduler(0, SCHED_BATCH, &sp));
    SHOW(sched_getscheduler(0));
    SHOW(sched_setscheduler(0, SCHED_IDLE, &sp));
    SHOW(sched_getscheduler(0));
    SHOW(sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp));
    SHOW(sched_getscheduler(0));
    sp.sched_priority = 10;
    SHOW(sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp));
    SHOW(sched_getscheduler(0));
    sp.sched_priority = 0;
    SHOW(sched_getparam(0, &sp));
    SAY("priority %d", sp.sched_priority);
    sp.sched_priority = 20;
    SHOW(sched_setparam(0, &sp));
    SHOW(sched_getparam(0, &sp));
    SAY("priority %d", sp.sched_priority);
    sp.sched_priority = 0;
    SHOW(sched_setparam(0, &sp));
    c = fork();
    if (c == 0) {
        /* SCHED_RESET_ON_FORK: the child runs SCHED_OTHER, priority 0, without the flag. */
        SHOW(sched_getscheduler(0));
        SHOW(sched_getparam(0, &sp));
        SAY("child priority %d", sp.sched_priority);
        _exit(0);
    }
    reap("reset-on-fork child", c);
    sp.sched_priority = 0;
    SHOW(sched_setscheduler(0, SCHED_OTHER, &sp));
    SHOW(sched_getscheduler(0));
    setpriority(PRIO_PROCESS, 0, 0);

    /* An unprivileged process. */
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(setpriority(PRIO_PROCESS, 0, 5));
        SHOW(setpriority(PRIO_PROCESS, 0, 4));
        SHOW(setpriority(PRIO_PROCESS, 0, 6));
        SHOW(setpriority(PRIO_PROCESS, getppid(), 1));
        SHOW(getpriority(PRIO_PROCESS, getppid()));
        sp.sched_priority = 1;
        SHOW(sched_setscheduler(0, SCHED_FIFO, &sp));
        sp.sched_priority = 0;
        SHOW(sched_setscheduler(0, SCHED_BATCH, &sp));
        SHOW(sched_setscheduler(0, SCHED_IDLE, &sp));
        SHOW(sched_setscheduler(0, SCHED_OTHER, &sp));
        SHOW(sched_getscheduler(0));
        SHOW(sched_setscheduler(getppid(), SCHED_BATCH, &sp));
        SHOW(sched_setparam(getppid(), &sp));
        SHOW(sched_getscheduler(getppid()));
        _exit(0);
    }
    reap("unprivileged child", c);
    return 0;
}
