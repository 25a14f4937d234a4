/* fstest: the file system calls, checked against Linux's results and errno values.
 * Usage: fstest DIR   (DIR must not exist; it is created, used and removed).
 * Prints one line per check ("ok"/"FAIL") and "ALL PASSED" or "FAILED n"; exit status = failures. */
#include "kt.h"

enum {
    SYS_getcwd = 17, SYS_dup = 23, SYS_dup3 = 24, SYS_fcntl = 25, SYS_ioctl = 29, SYS_mkdirat = 34,
    SYS_unlinkat = 35, SYS_symlinkat = 36, SYS_renameat = 38, SYS_ftruncate = 46, SYS_faccessat = 48,
    SYS_chdir = 49, SYS_openat = 56, SYS_pipe2 = 59, SYS_getdents64 = 61, SYS_lseek = 62, SYS_readv = 65,
    SYS_writev = 66, SYS_pread64 = 67, SYS_pwrite64 = 68, SYS_readlinkat = 78, SYS_newfstatat = 79,
    SYS_fstat = 80, SYS_fsync = 82, SYS_fdatasync = 83, SYS_renameat2 = 276,
};
enum { ENOTDIR = 20, EISDIR = 21, ENOTEMPTY = 39, ESPIPE = 29, ENOTTY = 25, EPIPE = 32, EACCES = 13 };
#define AT_FDCWD (-100)
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DIRECTORY 040000
#define O_CLOEXEC 02000000
#define AT_REMOVEDIR 0x200
#define AT_SYMLINK_NOFOLLOW 0x100
#define S_IFMT 0170000
#define S_IFREG 0100000
#define S_IFDIR 0040000
#define S_IFLNK 0120000
#define S_IFIFO 0010000
#define S_IFCHR 0020000

struct kstat {
    u64 dev, ino;
    u32 mode, nlink, uid, gid;
    u64 rdev, pad1;
    i64 size;
    int blksize, pad2;
    i64 blocks, atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
    u32 unused[2];
};
struct iovec { void *base; size_t len; };

static int failures;

static void check(const char *what, long got, long want)
{
    if (got == want) {
        kt_puts("ok   ");
        kt_puts(what);
        kt_puts("\n");
        return;
    }
    failures++;
    kt_puts("FAIL ");
    kt_puts(what);
    kt_puts(": got ");
    kt_puti(got);
    kt_puts(", want ");
    kt_puti(want);
    kt_puts("\n");
}
#define CHECK(expr, want) check(#expr, (long)(expr), (long)(want))
#define TRUE(what, cond) check(what, (cond) ? 1 : 0, 1)

static int mem_eq(const void *a, const void *b, size_t n)
{
    const u8 *p = a, *q = b;
    for (size_t i = 0; i < n; i++) if (p[i] != q[i]) return 0;
    return 1;
}
static int contains(const char *hay, long n, const char *needle)
{
    size_t m = kt_strlen(needle);
    for (long i = 0; i + (long)m <= n; i++) if (mem_eq(hay + i, needle, m)) return 1;
    return 0;
}

static long sys_open(const char *p, long flags, long mode) { return sys4(SYS_openat, AT_FDCWD, p, flags, mode); }
static long sys_stat(const char *p, struct kstat *st, long flags) { return sys4(SYS_newfstatat, AT_FDCWD, p, st, flags); }

static char buf[8192];

/* Reads a whole small file into buf; returns its length. */
static long slurp(const char *path)
{
    long fd = sys_open(path, O_RDONLY, 0);
    if (fd < 0) return fd;
    long n = 0, r;
    while ((r = sys3(SYS_read, fd, buf + n, sizeof buf - 1 - n)) > 0) n += r;
    sys1(SYS_close, fd);
    buf[n] = 0;
    return n;
}

int main(int argc, char **argv, char **envp)
{
    if (argc < 2) {
        kt_eputs("usage: fstest DIR\n");
        return 2;
    }
    const char *dir = argv[1];
    struct kstat st;
    sys1(166 /* umask */, 022); /* the mode checks below assume it, whatever the caller's umask */

    /* --- directories and the working directory */
    CHECK(sys3(SYS_mkdirat, AT_FDCWD, dir, 0755), 0);
    CHECK(sys3(SYS_mkdirat, AT_FDCWD, dir, 0755), -EEXIST);
    CHECK(sys1(SYS_chdir, dir), 0);
    long n = sys2(SYS_getcwd, buf, sizeof buf);
    TRUE("getcwd returns the length with NUL", n == (long)kt_strlen(buf) + 1);
    TRUE("getcwd ends with DIR's last component", contains(buf, n, "fst"));
    CHECK(sys2(SYS_getcwd, buf, 2), -34 /* ERANGE */);

    /* --- regular files */
    long fd = sys_open("f", O_CREAT | O_EXCL | O_RDWR, 0644);
    TRUE("openat O_CREAT|O_EXCL", fd >= 3);
    CHECK(sys_open("f", O_CREAT | O_EXCL | O_RDWR, 0644), -EEXIST);
    CHECK(sys3(SYS_write, fd, "hello world", 11), 11);
    CHECK(sys3(SYS_lseek, fd, 0, 0), 0);
    CHECK(sys3(SYS_read, fd, buf, 5), 5);
    TRUE("read back hello", mem_eq(buf, "hello", 5));
    CHECK(sys4(SYS_pread64, fd, buf, 5, 6), 5);
    TRUE("pread world", mem_eq(buf, "world", 5));
    CHECK(sys3(SYS_lseek, fd, 0, 1), 5);
    CHECK(sys4(SYS_pwrite64, fd, "W", 1, 6), 1);
    CHECK(sys3(SYS_lseek, fd, 0, 2), 11);
    CHECK(sys3(SYS_lseek, fd, -20, 1), -EINVAL);
    CHECK(sys3(SYS_read, fd, buf, 10), 0);
    CHECK(sys2(SYS_fstat, fd, &st), 0);
    CHECK(st.mode & S_IFMT, S_IFREG);
    CHECK(st.mode & 0777, 0644);
    CHECK(st.size, 11);
    CHECK(st.nlink, 1);
    CHECK(sys1(SYS_fsync, fd), 0);
    CHECK(sys1(SYS_fdatasync, fd), 0);
    CHECK(sys2(SYS_ftruncate, fd, 5), 0);
    CHECK(sys_stat("f", &st, 0), 0);
    CHECK(st.size, 5);
    CHECK(sys2(SYS_ftruncate, fd, -1), -EINVAL);
    CHECK(sys1(SYS_close, fd), 0);
    CHECK(sys1(SYS_close, fd), -EBADF);

    fd = sys_open("f", O_WRONLY | O_APPEND, 0);
    CHECK(sys3(SYS_write, fd, "!", 1), 1);
    sys1(SYS_close, fd);
    CHECK(slurp("f"), 6);
    TRUE("O_APPEND appended", mem_eq(buf, "hello!", 6));
    fd = sys_open("f", O_RDONLY, 0);
    CHECK(sys3(SYS_write, fd, "x", 1), -EBADF);
    CHECK(sys2(SYS_ftruncate, fd, 0), -EINVAL);
    CHECK(sys3(SYS_ioctl, fd, 0x5413 /* TIOCGWINSZ */, buf), -ENOTTY);
    sys1(SYS_close, fd);
    fd = sys_open("f", O_RDWR | O_TRUNC, 0);
    CHECK(sys2(SYS_fstat, fd, &st), 0);
    CHECK(st.size, 0);

    /* --- readv / writev */
    struct iovec wv[3] = { { "one ", 4 }, { 0, 0 }, { "two three", 9 } };
    CHECK(sys3(SYS_writev, fd, wv, 3), 13);
    sys3(SYS_lseek, fd, 0, 0);
    char a[3], b[20];
    struct iovec rv[2] = { { a, 3 }, { b, 20 } };
    CHECK(sys3(SYS_readv, fd, rv, 2), 13);
    TRUE("readv scattered", mem_eq(a, "one", 3) && mem_eq(b, " two three", 10));
    CHECK(sys3(SYS_readv, fd, rv, -1), -EINVAL);

    /* --- dup, dup3, fcntl */
    long d = sys1(SYS_dup, fd);
    TRUE("dup gives a new fd", d > fd);
    sys3(SYS_lseek, fd, 4, 0);
    CHECK(sys3(SYS_lseek, d, 0, 1), 4);
    CHECK(sys3(SYS_dup3, fd, 30, O_CLOEXEC), 30);
    CHECK(sys2(SYS_fcntl, 30, 1 /* F_GETFD */), 1);
    CHECK(sys3(SYS_fcntl, 30, 2 /* F_SETFD */, 0), 0);
    CHECK(sys2(SYS_fcntl, 30, 1), 0);
    CHECK(sys3(SYS_dup3, fd, fd, 0), -EINVAL);
    CHECK(sys3(SYS_fcntl, fd, 1030 /* F_DUPFD_CLOEXEC */, 40), 40);
    CHECK(sys2(SYS_fcntl, 40, 1), 1);
    CHECK(sys2(SYS_fcntl, fd, 3 /* F_GETFL */) & 3, O_RDWR);
    CHECK(sys2(SYS_fcntl, fd, 99999), -EINVAL);
    CHECK(sys2(SYS_fcntl, 999, 1), -EBADF);
    sys1(SYS_close, 30);
    sys1(SYS_close, 40);
    sys1(SYS_close, d);
    sys1(SYS_close, fd);

    /* --- pipes */
    int p[2];
    CHECK(sys2(SYS_pipe2, p, 0), 0);
    CHECK(sys3(SYS_write, p[1], "abc", 3), 3);
    int avail = -1;
    CHECK(sys3(SYS_ioctl, p[0], 0x541b /* FIONREAD */, &avail), 0);
    CHECK(avail, 3);
    CHECK(sys2(SYS_fstat, p[0], &st), 0);
    CHECK(st.mode & S_IFMT, S_IFIFO);
    CHECK(sys3(SYS_lseek, p[0], 0, 0), -ESPIPE);
    CHECK(sys3(SYS_read, p[0], buf, 100), 3);
    CHECK(sys3(SYS_fcntl, p[0], 4 /* F_SETFL */, O_NONBLOCK), 0);
    CHECK(sys3(SYS_read, p[0], buf, 100), -EAGAIN);
    sys1(SYS_close, p[1]);
    CHECK(sys3(SYS_read, p[0], buf, 100), 0);
    sys1(SYS_close, p[0]);
    CHECK(sys2(SYS_pipe2, p, O_CLOEXEC), 0);
    CHECK(sys2(SYS_fcntl, p[0], 1), 1);
    /* SIGPIPE ignored: the write fails with EPIPE instead of killing us. */
    u64 act[4] = { 1 /* SIG_IGN */, 0, 0, 0 };
    CHECK(sys4(SYS_rt_sigaction, 13, act, 0, 8), 0);
    sys1(SYS_close, p[0]);
    CHECK(sys3(SYS_write, p[1], "x", 1), -EPIPE);
    sys1(SYS_close, p[1]);
    CHECK(sys2(SYS_pipe2, p, 1), -EINVAL);

    /* --- directories */
    CHECK(sys3(SYS_mkdirat, AT_FDCWD, "d", 0755), 0);
    sys1(SYS_close, sys_open("d/a", O_CREAT | O_WRONLY, 0644));
    sys1(SYS_close, sys_open("d/b", O_CREAT | O_WRONLY, 0644));
    fd = sys_open("d", O_RDONLY | O_DIRECTORY, 0);
    TRUE("open a directory", fd >= 0);
    CHECK(sys3(SYS_read, fd, buf, 10), -EISDIR);
    int seen = 0, count = 0;
    for (;;) {
        long got = sys3(SYS_getdents64, fd, buf, 64);
        if (got <= 0) {
            CHECK(got, 0);
            break;
        }
        for (long off = 0; off < got;) {
            u8 *e = (u8 *)buf + off;
            unsigned short reclen = *(unsigned short *)(e + 16);
            const char *name = (const char *)e + 19;
            count++;
            if (kt_streq(name, ".") && e[18] == 4) seen |= 1;
            if (kt_streq(name, "..") && e[18] == 4) seen |= 2;
            if (kt_streq(name, "a") && e[18] == 8) seen |= 4;
            if (kt_streq(name, "b") && e[18] == 8) seen |= 8;
            off += reclen;
        }
    }
    CHECK(count, 4);
    CHECK(seen, 15);
    CHECK(sys3(SYS_lseek, fd, 0, 0), 0);
    CHECK(sys3(SYS_getdents64, fd, buf, 8), -EINVAL);
    sys1(SYS_close, fd);
    fd = sys_open("f", O_RDONLY, 0);
    CHECK(sys3(SYS_getdents64, fd, buf, 64), -ENOTDIR);
    sys1(SYS_close, fd);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR), -ENOTEMPTY);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d", 0), -EISDIR);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d/a", AT_REMOVEDIR), -ENOTDIR);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d/a", 0), 0);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d/a", 0), -ENOENT);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d/b", 0), 0);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "d", AT_REMOVEDIR), 0);
    CHECK(sys_stat("d", &st, 0), -ENOENT);

    /* --- rename, symlinks */
    CHECK(sys4(SYS_renameat, AT_FDCWD, "f", AT_FDCWD, "g"), 0);
    CHECK(sys_stat("f", &st, 0), -ENOENT);
    sys1(SYS_close, sys_open("h", O_CREAT | O_WRONLY, 0600));
    CHECK(sys6(SYS_renameat2, AT_FDCWD, (long)"g", AT_FDCWD, (long)"h", 1 /* RENAME_NOREPLACE */, 0), -EEXIST);
    CHECK(sys6(SYS_renameat2, AT_FDCWD, (long)"h", AT_FDCWD, (long)"g", 0, 0), 0);
    CHECK(sys_stat("g", &st, 0), 0);
    CHECK(st.mode & 0777, 0600);
    CHECK(sys3(SYS_symlinkat, "g", AT_FDCWD, "ln"), 0);
    CHECK(sys4(SYS_readlinkat, AT_FDCWD, "ln", buf, 100), 1);
    CHECK(buf[0], 'g');
    CHECK(sys4(SYS_readlinkat, AT_FDCWD, "g", buf, 100), -EINVAL);
    CHECK(sys_stat("ln", &st, AT_SYMLINK_NOFOLLOW), 0);
    CHECK(st.mode & S_IFMT, S_IFLNK);
    CHECK(sys_stat("ln", &st, 0), 0);
    CHECK(st.mode & S_IFMT, S_IFREG);
    n = sys4(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", buf, 100);
    TRUE("readlink /proc/self/exe is absolute", n > 1 && buf[0] == '/');

    /* --- errors */
    CHECK(sys_open("nope", O_RDONLY, 0), -ENOENT);
    CHECK(sys_open("g/x", O_RDONLY, 0), -ENOTDIR);
    CHECK(sys_open(".", O_WRONLY, 0), -EISDIR);
    CHECK(sys_open("g", O_RDONLY | O_DIRECTORY, 0), -ENOTDIR);
    CHECK(sys_open((const char *)8, O_RDONLY, 0), -EFAULT);
    CHECK(sys3(SYS_read, 999, buf, 1), -EBADF);
    fd = sys_open("/dev/zero", O_RDONLY, 0);
    CHECK(sys3(SYS_read, fd, (void *)16, 1), -EFAULT);
    sys1(SYS_close, fd);
    CHECK(sys3(SYS_faccessat, AT_FDCWD, "g", 4), 0);
    CHECK(sys3(SYS_faccessat, AT_FDCWD, "nope", 0), -ENOENT);

    /* --- devices and /proc */
    fd = sys_open("/dev/null", O_RDWR, 0);
    CHECK(sys3(SYS_read, fd, buf, 10), 0);
    CHECK(sys3(SYS_write, fd, "xyz", 3), 3);
    sys1(SYS_close, fd);
    fd = sys_open("/dev/zero", O_RDONLY, 0);
    buf[0] = 1;
    CHECK(sys3(SYS_read, fd, buf, 16), 16);
    CHECK(buf[0] + buf[15], 0);
    sys1(SYS_close, fd);
    CHECK(sys_stat("/dev/null", &st, 0), 0);
    CHECK(st.mode & S_IFMT, S_IFCHR);
    CHECK(st.rdev, 0x103);
    fd = sys_open("/dev/urandom", O_RDONLY, 0);
    CHECK(sys3(SYS_read, fd, buf, 16), 16);
    sys1(SYS_close, fd);
    n = slurp("/proc/self/maps");
    TRUE("/proc/self/maps has a stack line", n > 0 && contains(buf, n, "[stack]"));
    TRUE("/proc/self/maps has an executable mapping", contains(buf, n, " r-xp 00000000 "));
    n = slurp("/proc/self/status");
    TRUE("/proc/self/status starts with Name:", n > 5 && mem_eq(buf, "Name:", 5));
    n = slurp("/proc/meminfo");
    TRUE("/proc/meminfo starts with MemTotal:", n > 9 && mem_eq(buf, "MemTotal:", 9));
    n = slurp("/proc/cpuinfo");
    TRUE("/proc/cpuinfo has processor", contains(buf, n, "processor"));

    /* --- clean up */
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "ln", 0), 0);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, "g", 0), 0);
    CHECK(sys1(SYS_chdir, ".."), 0);
    CHECK(sys3(SYS_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR), 0);

    if (failures == 0) kt_puts("ALL PASSED\n");
    else {
        kt_puts("FAILED ");
        kt_putu(failures);
        kt_puts("\n");
    }
    return failures;
}

KT_START
