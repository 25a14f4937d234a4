/* Shared by the ipc/ programs: one line per result (the value, or -1 and errno's name), and
 * fork helpers whose child's exit status the parent prints. Nothing printed depends on ids,
 * pids or the host's IPC limits, so the output is the same on any Linux. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../common/show.h"

/* Waits for c and says how it ended. */
static inline void reap(const char *what, pid_t c)
{
    int st;
    if (waitpid(c, &st, 0) < 0) { SAY("%s: waitpid failed", what); return; }
    if (WIFEXITED(st)) SAY("%s: exit %d", what, WEXITSTATUS(st));
    else SAY("%s: killed by signal %d", what, WTERMSIG(st));
}

static inline double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* Polls until f(arg) == want (at most ~5 s): how a parent waits for a child to park. */
static inline int wait_until(long (*f)(long), long arg, long want)
{
    for (int i = 0; i < 5000; i++) {
        if (f(arg) == want) return 1;
        usleep(1000);
    }
    return 0;
}

/* Waits (at most ~5 s) until process c sleeps in the kernel (/proc/c/status says S): a
 * child parked in msgrcv or msgsnd, where no IPC counter shows it. */
static inline int wait_sleeping(pid_t c)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/status", (int)c);
    for (int i = 0; i < 5000; i++) {
        FILE *f = fopen(path, "r");
        if (f) {
            size_t n = fread(buf, 1, sizeof buf - 1, f);
            fclose(f);
            buf[n] = 0;
            if (strstr(buf, "\nState:\tS")) return 1;
        }
        usleep(1000);
    }
    return 0;
}
