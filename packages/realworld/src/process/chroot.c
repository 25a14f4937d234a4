/*
 * chroot(2) as build tools use it: a root-owned tree in a temporary directory becomes "/" for
 * a child; absolute paths, absolute symlinks, ".." at the top and exec resolve inside it, the cwd
 * left outside shows as unreachable, and an unprivileged caller gets EPERM (ENOENT first).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];

static void put(const char *rel, const char *text) {
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    if (fd < 0 || write(fd, text, strlen(text)) < 0) { perror(p); exit(1); }
    close(fd);
}

static void copy_self(const char *rel) {
    char p[PATH_MAX], buf[65536];
    snprintf(p, sizeof p, "%s/%s", dir, rel);
    int in = open("/proc/self/exe", O_RDONLY), out = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0755);
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) if (write(out, buf, n) != n) exit(1);
    close(in);
    close(out);
}

static void show_file(const char *path) {
    char buf[128] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) { printf("open %s: %s\n", path, strerror(errno)); return; }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    printf("open %s: %.*s", path, (int)(n > 0 ? n : 0), buf);
}

static void reap(const char *what, pid_t c) {
    int st;
    waitpid(c, &st, 0);
    printf("%s: status %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

int main(int argc, char **argv) {
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) {
        /* Run again inside the new root. */
        char cwd[PATH_MAX];
        printf("exec'd inside: %s, cwd %s\n", argv[1], getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
        show_file("/etc/motd");
        return 3;
    }
    strcpy(dir, "/tmp/chroot-test-XXXXXX");
    if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/etc", dir); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/bin", dir); mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub", dir); mkdir(p, 0755);
    put("etc/motd", "inside the new root\n");
    copy_self("bin/prog");
    snprintf(p, sizeof p, "%s/abs-link", dir); symlink("/etc/motd", p);
    snprintf(p, sizeof p, "%s/sub/up-link", dir); symlink("../../../../etc/motd", p);

    pid_t c = fork();
    if (c == 0) {
        if (chdir(dir) < 0) _exit(1);
        printf("chroot(\"sub\") relative: %d\n", chroot("sub") == 0 ? 0 : -errno);
        /* The cwd is outside the new root now. */
        char cwd[PATH_MAX];
        long r = syscall(SYS_getcwd, cwd, sizeof cwd);
        printf("getcwd syscall outside the root: %s\n", r > 0 ? (strncmp(cwd, "(unreachable)", 13) == 0 ? "(unreachable)..." : cwd) : strerror(errno));
        printf("glibc getcwd outside the root: %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
        /* Through the cwd, the old tree is still reachable, as on Linux. */
        show_file("etc/motd");
        printf("chroot(\".\") again: %d\n", chroot(".") == 0 ? 0 : -errno);
        printf("chdir(\"/\"): %d\n", chdir("/"));
        printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : strerror(errno));
        show_file("/etc/motd");
        show_file("/abs-link");
        show_file("/sub/up-link");
        show_file("/../../etc/motd");
        struct stat a, b;
        stat("/", &a);
        stat("/..", &b);
        printf("\"/..\" is \"/\": %s\n", a.st_ino == b.st_ino && a.st_dev == b.st_dev ? "yes" : "no");
        char link[PATH_MAX] = {0};
        printf("readlink /abs-link: %s\n", readlink("/abs-link", link, sizeof link - 1) > 0 ? link : strerror(errno));
        printf("access /bin/prog: %d\n", access("/bin/prog", X_OK));
        printf("open /tmp: %s\n", open("/tmp", O_RDONLY) < 0 ? strerror(errno) : "exists");
        pid_t g = fork();
        if (g == 0) {
            printf("grandchild inherits the root: ");
            show_file("/etc/motd");
            execl("/bin/prog", "prog", "argument", (char *)NULL);
            printf("exec: %s\n", strerror(errno));
            _exit(1);
        }
        reap("exec inside", g);
        _exit(0);
    }
    reap("chroot child", c);

    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        printf("unprivileged chroot(dir): %s\n", chroot(dir) == 0 ? "ok" : strerror(errno));
        printf("unprivileged chroot(missing): %s\n", chroot("/nonexistent") == 0 ? "ok" : strerror(errno));
        printf("unprivileged chroot(file): %s\n", chroot("/etc/passwd") == 0 ? "ok" : strerror(errno));
        _exit(0);
    }
    reap("unprivileged child", c);

    snprintf(p, sizeof p, "rm -rf %s", dir);
    if (system(p) != 0) {
        /* No shell in the guest: remove what was made by hand. */
        const char *files[] = {"sub/up-link", "abs-link", "bin/prog", "etc/motd", "sub", "bin", "etc", ""};
        for (int i = 0; files[i]; i++) {
            snprintf(p, sizeof p, "%s/%s", dir, files[i]);
            if (unlink(p) < 0) rmdir(p);
        }
    }
    printf("parent's root unchanged: ");
    printf("%s\n", access("/etc/passwd", R_OK) == 0 ? "yes" : "no");
    return 0;
}
