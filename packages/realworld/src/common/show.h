/* Shared by the realworld programs' area headers (files/common.h, ipc/ipccheck.h): one line
 * per result, the value or -1 and errno's name, flushed at once so that the output of a
 * program that forks or dies keeps its order. The includer defines _GNU_SOURCE first
 * (strerrorname_np). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
    fflush(stdout);
}
#define SHOW(e) show(#e, (long)(e))
#define SAY(...) do { printf(__VA_ARGS__); putchar('\n'); fflush(stdout); } while (0)
