/* openat2 as container runtimes and sandboxed file servers use it: the extensible open_how
 * structure (size checks, E2BIG for non-zero bytes past it), strict flags and mode, and the
 * RESOLVE_* restrictions: NO_SYMLINKS and NO_MAGICLINKS (ELOOP), BENEATH (EXDEV on "..",
 * absolute paths and symlinks that leave the directory), IN_ROOT (the directory is "/"),
 * NO_XDEV (EXDEV at a mount point), CACHED (EAGAIN for O_CREAT). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int dfd;

static long o2(int dirfd, const char *path, unsigned long long flags, unsigned long long mode, unsigned long long resolve, size_t size)
{
    struct { struct open_how how; char tail[64]; } h;
    memset(&h, 0, sizeof h);
    h.how.flags = flags;
    h.how.mode = mode;
    h.how.resolve = resolve;
    return syscall(SYS_openat2, dirfd, path, &h, size);
}

/* One line: the fd's first bytes (a file), "dir" (a directory), or the errno. */
static void try(const char *what, int dirfd, const char *path, unsigned long long flags, unsigned long long resolve)
{
    long fd = o2(dirfd, path, flags, 0, resolve, sizeof(struct open_how));
    if (fd < 0) { printf("%s: -1 %s\n", what, strerrorname_np(errno)); return; }
    struct stat st;
    fstat(fd, &st);
    char buf[32] = "";
    if (S_ISDIR(st.st_mode)) strcpy(buf, "dir");
    else if (flags & O_PATH) strcpy(buf, "O_PATH fd");
    else {
        ssize_t n = read(fd, buf, sizeof buf - 1);
        buf[n > 0 ? n : 0] = 0;
        if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    }
    printf("%s: %s\n", what, buf);
    close(fd);
}

/* For the calls whose fd is not read: "ok" or the errno (taken after the call). */
static void result(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else { printf("%s: ok\n", what); close(r); }
}

static void put(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    char top[64], d[96], p[160];
    snprintf(top, sizeof top, "/tmp/akuma-openat2-%d", (int)getpid());
    mkdir(top, 0755);
    snprintf(d, sizeof d, "%s/d", top);
    mkdir(d, 0755);
    snprintf(p, sizeof p, "%s/outside", top); put(p, "outside\n");
    snprintf(p, sizeof p, "%s/f", d); put(p, "inside f\n");
    snprintf(p, sizeof p, "%s/sub", d); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/g", d); put(p, "inside sub/g\n");
    snprintf(p, sizeof p, "%s/link_in", d); symlink("f", p);
    snprintf(p, sizeof p, "%s/link_sub", d); symlink("sub/../f", p);
    snprintf(p, sizeof p, "%s/link_up", d); symlink("../outside", p);
    snprintf(p, sizeof p, "%s/link_abs", d); symlink("/f", p);
    snprintf(p, sizeof p, "%s/link_root", d); symlink("/", p);
    dfd = open(d, O_RDONLY | O_DIRECTORY);

    /* The structure and its checks. */
    try("plain", dfd, "f", O_RDONLY, 0);
    result("size 23", o2(dfd, "f", 0, 0, 0, 23));
    result("size 4097", o2(dfd, "f", 0, 0, 0, 4097));
    result("size 32, zero tail", o2(dfd, "f", 0, 0, 0, 32));
    struct { struct open_how how; char tail[8]; } h = { { 0, 0, 0 }, { 1 } };
    result("non-zero tail", syscall(SYS_openat2, dfd, "f", &h, sizeof h));
    result("bad pointer", syscall(SYS_openat2, dfd, "f", (void *)8, 24));
    try("flag bit 40", dfd, "f", 1ULL << 40, 0);
    try("flag 0x40000000", dfd, "f", 0x40000000, 0);
    result("mode without O_CREAT", o2(dfd, "f", O_RDONLY, 0644, 0, 24));
    result("mode 010000 with O_CREAT", o2(dfd, "new", O_CREAT | O_WRONLY, 010000, 0, 24));
    try("resolve bit 0x40", dfd, "f", 0, 0x40);
    try("BENEATH|IN_ROOT", dfd, "f", 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT);
    try("O_PATH|O_RDWR", dfd, "f", O_PATH | O_RDWR, 0);
    try("O_PATH|O_CLOEXEC", dfd, "f", O_PATH | O_CLOEXEC, 0);
    try("O_PATH|O_APPEND", dfd, "f", O_PATH | O_APPEND, 0);

    /* RESOLVE_NO_SYMLINKS and RESOLVE_NO_MAGICLINKS. */
    try("NO_SYMLINKS, no link", dfd, "sub/g", 0, RESOLVE_NO_SYMLINKS);
    try("NO_SYMLINKS, a link", dfd, "link_in", 0, RESOLVE_NO_SYMLINKS);
    try("NO_SYMLINKS, last link not followed", dfd, "link_in", O_PATH | O_NOFOLLOW, RESOLVE_NO_SYMLINKS);
    try("NO_SYMLINKS, /proc/self", AT_FDCWD, "/proc/self/comm", 0, RESOLVE_NO_SYMLINKS);
    try("NO_MAGICLINKS, /proc/self/comm", AT_FDCWD, "/proc/self/comm", 0, RESOLVE_NO_MAGICLINKS);
    char fdpath[64];
    snprintf(fdpath, sizeof fdpath, "/proc/self/fd/%d", dfd);
    try("NO_MAGICLINKS, /proc/self/fd/N", AT_FDCWD, fdpath, 0, RESOLVE_NO_MAGICLINKS);
    try("NO_MAGICLINKS, /proc/self/exe", AT_FDCWD, "/proc/self/exe", O_PATH, RESOLVE_NO_MAGICLINKS);
    try("magic link followed without the flag", AT_FDCWD, fdpath, 0, 0);

    /* RESOLVE_BENEATH. */
    try("BENEATH sub/g", dfd, "sub/g", 0, RESOLVE_BENEATH);
    try("BENEATH sub/../f", dfd, "sub/../f", 0, RESOLVE_BENEATH);
    try("BENEATH link_sub", dfd, "link_sub", 0, RESOLVE_BENEATH);
    try("BENEATH ../outside", dfd, "../outside", 0, RESOLVE_BENEATH);
    try("BENEATH sub/../../outside", dfd, "sub/../../outside", 0, RESOLVE_BENEATH);
    try("BENEATH link_up", dfd, "link_up", 0, RESOLVE_BENEATH);
    try("BENEATH link_abs", dfd, "link_abs", 0, RESOLVE_BENEATH);
    try("BENEATH absolute", dfd, "/etc", 0, RESOLVE_BENEATH);
    try("BENEATH magic link", dfd, fdpath, 0, RESOLVE_BENEATH);
    try("BENEATH .", dfd, ".", 0, RESOLVE_BENEATH);
    result("BENEATH create", o2(dfd, "made", O_CREAT | O_WRONLY, 0600, RESOLVE_BENEATH, 24));
    result("BENEATH create outside", o2(dfd, "../made", O_CREAT | O_WRONLY, 0600, RESOLVE_BENEATH, 24));
    int ffd = openat(dfd, "f", O_PATH);
    try("BENEATH from a file fd", ffd, "x", 0, RESOLVE_BENEATH);
    close(ffd);

    /* RESOLVE_IN_ROOT: dfd is "/". */
    try("IN_ROOT /f", dfd, "/f", 0, RESOLVE_IN_ROOT);
    try("IN_ROOT ../../f", dfd, "../../f", 0, RESOLVE_IN_ROOT);
    try("IN_ROOT link_abs", dfd, "link_abs", 0, RESOLVE_IN_ROOT);
    try("IN_ROOT link_up", dfd, "link_up", 0, RESOLVE_IN_ROOT);
    try("IN_ROOT link_root", dfd, "link_root", 0, RESOLVE_IN_ROOT);
    try("IN_ROOT /sub/g", dfd, "/sub/g", 0, RESOLVE_IN_ROOT);

    /* RESOLVE_NO_XDEV and RESOLVE_CACHED. */
    try("NO_XDEV inside", dfd, "sub/g", 0, RESOLVE_NO_XDEV);
    try("NO_XDEV into /proc", AT_FDCWD, "/proc/self/comm", 0, RESOLVE_NO_XDEV);
    try("CACHED", dfd, "f", 0, RESOLVE_CACHED);
    result("CACHED O_CREAT", o2(dfd, "f", O_CREAT | O_RDONLY, 0600, RESOLVE_CACHED, 24));

    char cmd[128];
    snprintf(cmd, sizeof cmd, "%s/made", d); unlink(cmd);
    const char *names[] = { "f", "sub/g", "link_in", "link_sub", "link_up", "link_abs", "link_root" };
    for (unsigned i = 0; i < sizeof names / sizeof *names; i++) { snprintf(cmd, sizeof cmd, "%s/%s", d, names[i]); unlink(cmd); }
    snprintf(cmd, sizeof cmd, "%s/sub", d); rmdir(cmd);
    rmdir(d);
    snprintf(cmd, sizeof cmd, "%s/outside", top); unlink(cmd);
    rmdir(top);
    return 0;
}
