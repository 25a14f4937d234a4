/* Shared by the files/ programs: a scratch directory given on the command line (created
 * fresh, removed at the end), and one line per result: the value, or -1 and errno's name. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *scratch;

static const char *at(const char *name)
{
    static char bufs[4][4096];
    static int next;
    char *b = bufs[next++ % 4];
    snprintf(b, 4096, "%s/%s", scratch, name);
    return b;
}

/* A descriptor number that is certainly not open: one just opened and closed again. A fixed
 * number (99) can be open in a process that inherited descriptors from its parent, as
 * qemu-aarch64's guest does from whatever started it. */
__attribute__((unused)) static int closed_fd(void)
{
    int fd = open("/dev/null", O_RDONLY);
    close(fd);
    return fd;
}

#include "../common/show.h"

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
    (void)st; (void)f;
    return flag == FTW_DP ? rmdir(p) : unlink(p);
}

static void setup(int argc, char **argv)
{
    if (argc < 3) { fprintf(stderr, "usage: %s DIR CASE\n", argv[0]); exit(2); }
    scratch = argv[1];
    nftw(scratch, rm_one, 16, FTW_DEPTH | FTW_PHYS);
    if (mkdir(scratch, 0755) != 0) { perror("mkdir"); exit(2); }
}

static void cleanup(void)
{
    nftw(scratch, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

__attribute__((unused)) static void put(const char *name, const char *text)
{
    int fd = open(at(name), O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0 || write(fd, text, strlen(text)) < 0) perror(name);
    close(fd);
}

__attribute__((unused)) static void cat(const char *name)
{
    char buf[256];
    int fd = open(at(name), O_RDONLY);
    long n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (n < 0) { printf("%s: unreadable (%s)\n", name, strerrorname_np(errno)); return; }
    buf[n] = 0;
    printf("%s: \"%s\"\n", name, buf);
    close(fd);
}
