/* fscheck <dir>: the file system calls end to end from a guest, results and errno, in a fresh
 * directory <dir> (created and removed). Same output under akuma-vm and qemu-aarch64. */
#include "kt.h"

KT_START

enum { SYS_getcwd = 17, SYS_dup = 23, SYS_dup3 = 24, SYS_fcntl = 25, SYS_ioctl = 29, SYS_mkdirat = 34,
       SYS_unlinkat = 35, SYS_chdir = 49, SYS_openat = 56, SYS_pipe2 = 59, SYS_getdents64 = 61,
       SYS_lseek = 62, SYS_readv = 65, SYS_writev = 66, SYS_newfstatat = 79, SYS_fstat = 80,
       SYS_renameat2 = 276, SYS_flock = 32, SYS_linkat = 37, SYS_statfs = 43, SYS_fstatfs = 44,
       SYS_ftruncate = 46, SYS_fallocate = 47, SYS_fchownat = 54, SYS_fchown = 55, SYS_pread64 = 67,
       SYS_pwrite64 = 68, SYS_preadv = 69, SYS_pwritev = 70, SYS_sendfile = 71, SYS_splice = 76,
       SYS_fdatasync = 83, SYS_sync_file_range = 84, SYS_utimensat = 88, SYS_mlock = 228,
       SYS_munlock = 229, SYS_mlockall = 230, SYS_munlockall = 231, SYS_mincore = 232, SYS_syncfs = 267,
       SYS_memfd_create = 279, SYS_copy_file_range = 285, SYS_close_range = 436, SYS_readahead = 213, SYS_fadvise64 = 223 };
enum { ENOTDIR = 20, EISDIR = 21, ENOTTY = 25, ESPIPE = 29, EPIPE = 32, ENOTEMPTY = 39, EXDEV = 18 };
#define AT_FDCWD (-100)
#define AT_REMOVEDIR 0x200
#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_CREAT 0100
#define O_EXCL 0200
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_DIRECTORY 040000
#define O_CLOEXEC 02000000
#define BAD ((void *)0x10)

static int failures;
static void check(const char *what, int ok, long got)
{
    kt_puts(ok ? "ok   " : "FAIL ");
    kt_puts(what);
    if (!ok) { kt_puts(" (got "); kt_puti(got); kt_puts(")"); failures++; }
    kt_puts("\n");
}
#define EQ(what, call, v) do { long r_ = (long)(call); check(what, r_ == (long)(v), r_); } while (0)
#define ERR(what, call, e) EQ(what, call, -(e))

struct stat { u64 dev, ino; u32 mode, nlink, uid, gid; u64 rdev, pad1; i64 size; int blksize, pad2; i64 blocks; i64 t[6]; u32 unused[2]; };
struct iovec { const void *base; u64 len; };

static int memeq(const char *a, const char *b, long n) { while (n-- > 0) if (*a++ != *b++) return 0; return 1; }

static int has_entry(int dirfd, const char *name)
{
    char buf[2048];
    sys3(SYS_lseek, dirfd, 0, 0);
    for (;;) {
        long n = sys3(SYS_getdents64, dirfd, buf, sizeof buf);
        if (n <= 0) return 0;
        for (long off = 0; off < n;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            if (kt_streq(buf + off + 19, name)) return 1;
            off += reclen;
        }
    }
}

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    const char *dir = argc > 1 ? argv[1] : "/tmp/fscheck";
    EQ("mkdirat creates the test directory", sys3(SYS_mkdirat, AT_FDCWD, dir, 0755), 0);
    ERR("mkdirat again = EEXIST", sys3(SYS_mkdirat, AT_FDCWD, dir, 0755), EEXIST);
    EQ("chdir into it", sys1(SYS_chdir, dir), 0);
    char cwd[256];
    long n = sys2(SYS_getcwd, cwd, sizeof cwd);
    check("getcwd returns it (length with NUL)", n == (long)kt_strlen(dir) + 1 && kt_streq(cwd, dir), n);
    ERR("getcwd with a tiny buffer = ERANGE", sys2(SYS_getcwd, cwd, 2), 34);
    ERR("chdir to a missing dir = ENOENT", sys1(SYS_chdir, "missing"), ENOENT);

    long fd = sys4(SYS_openat, AT_FDCWD, "a.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    check("openat O_CREAT gives the lowest free fd (3)", fd == 3, fd);
    ERR("openat O_CREAT|O_EXCL on an existing file = EEXIST", sys4(SYS_openat, AT_FDCWD, "a.txt", O_CREAT | O_EXCL | O_RDWR, 0644), EEXIST);
    ERR("openat a missing file = ENOENT", sys4(SYS_openat, AT_FDCWD, "nope", O_RDONLY, 0), ENOENT);
    ERR("openat a bad path pointer = EFAULT", sys4(SYS_openat, AT_FDCWD, BAD, O_RDONLY, 0), EFAULT);
    EQ("write 11 bytes", sys3(SYS_write, fd, "hello world", 11), 11);
    EQ("lseek SEEK_SET 0", sys3(SYS_lseek, fd, 0, 0), 0);
    char buf[64];
    n = sys3(SYS_read, fd, buf, 5);
    check("read 5 bytes back", n == 5 && memeq(buf, "hello", 5), n);
    EQ("lseek SEEK_CUR is 5", sys3(SYS_lseek, fd, 0, 1), 5);
    EQ("lseek SEEK_END is 11", sys3(SYS_lseek, fd, 0, 2), 11);
    ERR("lseek to a negative offset = EINVAL", sys3(SYS_lseek, fd, -1, 0), EINVAL);
    struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
    EQ("writev two buffers", sys3(SYS_writev, fd, iov, 2), 5);
    sys3(SYS_lseek, fd, 11, 0);
    char r1[2], r2[3];
    struct iovec riov[2] = { { r1, 2 }, { r2, 3 } };
    n = sys3(SYS_readv, fd, riov, 2);
    check("readv fills both buffers", n == 5 && memeq(r1, "ab", 2) && memeq(r2, "cde", 3), n);
    EQ("read at end of file = 0", sys3(SYS_read, fd, buf, 10), 0);
    ERR("read into a bad pointer = EFAULT", (sys3(SYS_lseek, fd, 0, 0), sys3(SYS_read, fd, BAD, 4)), EFAULT);

    struct stat st, st2;
    EQ("fstat", sys2(SYS_fstat, fd, &st), 0);
    check("fstat: regular file of 16 bytes, mode 0644", (st.mode & 0170000) == 0100000 && st.size == 16 && (st.mode & 0777) == 0644, st.size);
    EQ("newfstatat by name", sys4(SYS_newfstatat, AT_FDCWD, "a.txt", &st2, 0), 0);
    check("same inode both ways", st.ino == st2.ino && st.dev == st2.dev, 0);
    ERR("newfstatat missing = ENOENT", sys4(SYS_newfstatat, AT_FDCWD, "nope", &st2, 0), ENOENT);
    ERR("fstat of a bad fd = EBADF", sys2(SYS_fstat, 99, &st), EBADF);
    ERR("fstat into a bad pointer = EFAULT", sys2(SYS_fstat, fd, BAD), EFAULT);

    long d = sys1(SYS_dup, fd);
    check("dup gives the next fd (4)", d == 4, d);
    EQ("dup3 to fd 20 with O_CLOEXEC", sys3(SYS_dup3, fd, 20, O_CLOEXEC), 20);
    EQ("fcntl F_GETFD shows FD_CLOEXEC", sys3(SYS_fcntl, 20, 1, 0), 1);
    EQ("fcntl F_GETFD on the original: 0", sys3(SYS_fcntl, fd, 1, 0), 0);
    ERR("dup3 onto itself = EINVAL", sys3(SYS_dup3, fd, fd, 0), EINVAL);
    EQ("close fd 20", sys1(SYS_close, 20), 0);
    ERR("close it again = EBADF", sys1(SYS_close, 20), EBADF);
    EQ("dup'd fds share the offset", (sys3(SYS_lseek, fd, 3, 0), sys3(SYS_lseek, d, 0, 1)), 3);
    EQ("close the dup", sys1(SYS_close, d), 0);
    EQ("fcntl F_GETFL access mode O_RDWR", sys3(SYS_fcntl, fd, 3, 0) & 3, O_RDWR);
    EQ("fcntl F_SETFL O_APPEND", sys3(SYS_fcntl, fd, 4, O_APPEND), 0);
    sys3(SYS_lseek, fd, 0, 0);
    sys3(SYS_write, fd, "!", 1);
    EQ("O_APPEND writes at the end", sys3(SYS_lseek, fd, 0, 1), 17);
    ERR("ioctl TIOCGWINSZ on a file = ENOTTY", sys3(SYS_ioctl, fd, 0x5413, buf), ENOTTY);
    ERR("write to a bad fd = EBADF", sys3(SYS_write, 99, "x", 1), EBADF);
    long ro = sys4(SYS_openat, AT_FDCWD, "a.txt", O_RDONLY, 0);
    ERR("write to a read-only fd = EBADF", sys3(SYS_write, ro, "x", 1), EBADF);
    sys1(SYS_close, ro);

    int fds[2];
    EQ("pipe2", sys2(SYS_pipe2, fds, 0), 0);
    EQ("write into the pipe", sys3(SYS_write, fds[1], "ping", 4), 4);
    n = sys3(SYS_read, fds[0], buf, sizeof buf);
    check("read it out", n == 4 && memeq(buf, "ping", 4), n);
    ERR("lseek on a pipe = ESPIPE", sys3(SYS_lseek, fds[0], 0, 0), ESPIPE);
    EQ("close the write end", sys1(SYS_close, fds[1]), 0);
    EQ("read sees end of file", sys3(SYS_read, fds[0], buf, sizeof buf), 0);
    EQ("pipe2 again", sys2(SYS_pipe2, fds, O_CLOEXEC), 0);
    sys1(SYS_close, fds[0]);
    u64 pipemask = 1UL << 12;
    sys4(SYS_rt_sigprocmask, 0, &pipemask, 0, 8);
    ERR("write with no reader = EPIPE (SIGPIPE blocked)", sys3(SYS_write, fds[1], "x", 1), EPIPE);
    sys1(SYS_close, fds[1]);
    ERR("pipe2 with bad flags = EINVAL", sys2(SYS_pipe2, fds, 0x7), EINVAL);
    ERR("pipe2 into a bad pointer = EFAULT", sys2(SYS_pipe2, BAD, 0), EFAULT);

    EQ("mkdirat sub", sys3(SYS_mkdirat, AT_FDCWD, "sub", 0755), 0);
    long b = sys4(SYS_openat, AT_FDCWD, "sub/b.txt", O_CREAT | O_WRONLY, 0600);
    check("create sub/b.txt", b >= 0, b);
    sys1(SYS_close, b);
    long dfd = sys4(SYS_openat, AT_FDCWD, ".", O_RDONLY | O_DIRECTORY, 0);
    check("open the directory", dfd >= 0, dfd);
    check("getdents64 lists . .. a.txt sub", has_entry(dfd, ".") && has_entry(dfd, "..") && has_entry(dfd, "a.txt") && has_entry(dfd, "sub"), 0);
    ERR("getdents64 on a file = ENOTDIR", sys3(SYS_getdents64, fd, buf, sizeof buf), ENOTDIR);
    ERR("openat a directory for writing = EISDIR", sys4(SYS_openat, AT_FDCWD, "sub", O_WRONLY, 0), EISDIR);
    ERR("openat a file with O_DIRECTORY = ENOTDIR", sys4(SYS_openat, AT_FDCWD, "a.txt", O_RDONLY | O_DIRECTORY, 0), ENOTDIR);
    EQ("renameat2 a.txt -> c.txt", sys6(SYS_renameat2, AT_FDCWD, (long)"a.txt", AT_FDCWD, (long)"c.txt", 0, 0), 0);
    ERR("the old name is gone", sys4(SYS_newfstatat, AT_FDCWD, "a.txt", &st2, 0), ENOENT);
    ERR("RENAME_NOREPLACE onto an existing file = EEXIST", sys6(SYS_renameat2, AT_FDCWD, (long)"c.txt", AT_FDCWD, (long)"sub/b.txt", 1, 0), EEXIST);
    ERR("unlinkat a directory without AT_REMOVEDIR = EISDIR", sys3(SYS_unlinkat, AT_FDCWD, "sub", 0), EISDIR);
    ERR("rmdir a non-empty directory = ENOTEMPTY", sys3(SYS_unlinkat, AT_FDCWD, "sub", AT_REMOVEDIR), ENOTEMPTY);
    EQ("unlink sub/b.txt", sys3(SYS_unlinkat, AT_FDCWD, "sub/b.txt", 0), 0);
    EQ("rmdir sub", sys3(SYS_unlinkat, dfd, "sub", AT_REMOVEDIR), 0);
    ERR("unlink a missing file = ENOENT", sys3(SYS_unlinkat, AT_FDCWD, "sub/b.txt", 0), ENOENT);
    EQ("unlink c.txt (still open)", sys3(SYS_unlinkat, AT_FDCWD, "c.txt", 0), 0);
    n = (sys3(SYS_lseek, fd, 0, 0), sys3(SYS_read, fd, buf, 5));
    check("an unlinked open file stays readable", n == 5 && memeq(buf, "hello", 5), n);
    EQ("close", sys1(SYS_close, fd), 0);
    sys1(SYS_close, dfd);

    /* Hard links and link counts. */
    long h = sys4(SYS_openat, AT_FDCWD, "h1", O_CREAT | O_RDWR, 0644);
    sys3(SYS_write, h, "linked", 6);
    EQ("linkat h1 -> h2", sys6(SYS_linkat, AT_FDCWD, (long)"h1", AT_FDCWD, (long)"h2", 0, 0), 0);
    sys2(SYS_fstat, h, &st);
    EQ("st_nlink is 2", st.nlink, 2);
    ERR("linkat onto an existing name = EEXIST", sys6(SYS_linkat, AT_FDCWD, (long)"h1", AT_FDCWD, (long)"h2", 0, 0), EEXIST);
    ERR("linkat a missing file = ENOENT", sys6(SYS_linkat, AT_FDCWD, (long)"nope", AT_FDCWD, (long)"h3", 0, 0), ENOENT);
    ERR("linkat a directory = EPERM", sys6(SYS_linkat, AT_FDCWD, (long)".", AT_FDCWD, (long)"h3", 0, 0), EPERM);
    ERR("linkat from /proc = EXDEV", sys6(SYS_linkat, AT_FDCWD, (long)"/proc/self/status", AT_FDCWD, (long)"h3", 0, 0), EXDEV);
    ERR("linkat with bad flags = EINVAL", sys6(SYS_linkat, AT_FDCWD, (long)"h1", AT_FDCWD, (long)"h3", 0x1, 0), EINVAL);
    EQ("unlink h1", sys3(SYS_unlinkat, AT_FDCWD, "h1", 0), 0);
    EQ("h2 keeps the bytes", (sys4(SYS_newfstatat, AT_FDCWD, "h2", &st2, 0), st2.size), 6);
    EQ("and st_nlink is 1", st2.nlink, 1);

    /* Vector I/O at an offset, sparse files, fallocate. */
    struct iovec wv[2] = { { "pq", 2 }, { "rst", 3 } };
    EQ("pwritev at 100", sys6(SYS_pwritev, h, (long)wv, 2, 100, 0, 0), 5);
    EQ("pwritev leaves the position", sys3(SYS_lseek, h, 0, 1), 6);
    char v1[3], v2[2];
    struct iovec rv[2] = { { v1, 3 }, { v2, 2 } };
    n = sys6(SYS_preadv, h, (long)rv, 2, 100, 0, 0);
    check("preadv at 100", n == 5 && memeq(v1, "pqr", 3) && memeq(v2, "st", 2), n);
    ERR("preadv at a negative offset = EINVAL", sys6(SYS_preadv, h, (long)rv, 2, -1, 0, 0), EINVAL);
    /* preadv2/pwritev2 are in realworld/files/vecio (qemu-aarch64 7.2 lacks the raw calls). */
    EQ("pwrite at 4 MiB makes a hole", sys6(SYS_pwrite64, h, (long)"end", 3, 4 << 20, 0, 0), 3);
    EQ("SEEK_HOLE from 0 = 4096", sys3(SYS_lseek, h, 0, 4), 4096);
    EQ("SEEK_DATA from 4096 = 4 MiB", sys3(SYS_lseek, h, 4096, 3), 4 << 20);
    ERR("SEEK_DATA past the end = ENXIO", sys3(SYS_lseek, h, 5 << 20, 3), 6);
    EQ("fallocate mode 0 grows the file", (sys4(SYS_fallocate, h, 0, 0, 5 << 20), sys2(SYS_fstat, h, &st), st.size), 5 << 20);
    EQ("fallocate KEEP_SIZE", (sys4(SYS_fallocate, h, 1, 5 << 20, 4096), sys2(SYS_fstat, h, &st), st.size), 5 << 20);
    EQ("fallocate PUNCH_HOLE|KEEP_SIZE", sys4(SYS_fallocate, h, 3, 0, 4096), 0);
    n = sys6(SYS_pread64, h, (long)buf, 2, 0, 0, 0);
    check("punched bytes read as zeros", n == 2 && buf[0] == 0 && buf[1] == 0, n);
    ERR("fallocate PUNCH_HOLE without KEEP_SIZE = EOPNOTSUPP", sys4(SYS_fallocate, h, 2, 0, 4096), 95);
    ERR("fallocate of length 0 = EINVAL", sys4(SYS_fallocate, h, 0, 0, 0), EINVAL);
    EQ("fdatasync", sys1(SYS_fdatasync, h), 0);
    EQ("syncfs", sys1(SYS_syncfs, h), 0);
    EQ("sync_file_range", sys4(SYS_sync_file_range, h, 0, 0, 2), 0);
    ERR("sync_file_range with bad flags = EINVAL", sys4(SYS_sync_file_range, h, 0, 0, 8), EINVAL);
    EQ("fadvise64 POSIX_FADV_SEQUENTIAL", sys4(SYS_fadvise64, h, 0, 0, 2), 0);
    ERR("fadvise64 with bad advice = EINVAL", sys4(SYS_fadvise64, h, 0, 0, 99), EINVAL);
    EQ("readahead", sys3(SYS_readahead, h, 0, 4096), 0);

    /* In-kernel copies. */
    EQ("ftruncate to 6", sys2(SYS_ftruncate, h, 6), 0);
    EQ("pwrite the bytes back", sys6(SYS_pwrite64, h, (long)"linked", 6, 0, 0, 0), 6);
    long cp = sys4(SYS_openat, AT_FDCWD, "copy", O_CREAT | O_RDWR, 0644);
    long off = 1;
    EQ("sendfile 4 bytes from offset 1", sys4(SYS_sendfile, cp, h, &off, 4), 4);
    EQ("sendfile moved the offset", off, 5);
    n = sys6(SYS_pread64, cp, (long)buf, 8, 0, 0, 0);
    check("sendfile copied \"inke\"", n == 4 && memeq(buf, "inke", 4), n);
    long in_off = 0, out_off = 10;
    EQ("copy_file_range 6 bytes", sys6(SYS_copy_file_range, h, (long)&in_off, cp, (long)&out_off, 6, 0), 6);
    EQ("copy_file_range moved both offsets", in_off + out_off, 22);
    ERR("copy_file_range with flags = EINVAL", sys6(SYS_copy_file_range, h, 0, cp, 0, 6, 1), EINVAL);
    ERR("sendfile from a pipe = EINVAL", (sys2(SYS_pipe2, fds, 0), sys4(SYS_sendfile, cp, fds[0], 0, 4)), EINVAL);
    ERR("splice between two files = EINVAL", sys6(SYS_splice, h, 0, cp, 0, 4, 0), EINVAL);
    ERR("fadvise64 on a pipe = ESPIPE", sys4(SYS_fadvise64, fds[0], 0, 0, 0), ESPIPE);
    ERR("readahead on a pipe = EINVAL", sys3(SYS_readahead, fds[0], 0, 10), EINVAL);
    off = 0;
    EQ("splice a file into a pipe", sys6(SYS_splice, h, (long)&off, fds[1], 0, 6, 0), 6);
    n = sys3(SYS_read, fds[0], buf, 16);
    check("the pipe holds \"linked\"", n == 6 && memeq(buf, "linked", 6), n);
    sys1(SYS_close, fds[0]);
    sys1(SYS_close, fds[1]);
    sys1(SYS_close, cp);

    /* Locks. */
    EQ("flock LOCK_EX", sys2(SYS_flock, h, 2), 0);
    long h2 = sys4(SYS_openat, AT_FDCWD, "h2", O_RDWR, 0);
    ERR("flock LOCK_EX|LOCK_NB from another open = EAGAIN", sys2(SYS_flock, h2, 6), EAGAIN);
    EQ("flock LOCK_UN", sys2(SYS_flock, h, 8), 0);
    EQ("now the other open gets it", sys2(SYS_flock, h2, 6), 0);
    ERR("flock with a bad operation = EINVAL", sys2(SYS_flock, h2, 3), EINVAL);
    struct { short type, whence; int pad; long start, len; int pid, pad2; } fl = { 1, 0, 0, 0, 10, 0, 0 };
    EQ("F_SETLK write lock", sys3(SYS_fcntl, h, 6, &fl), 0);
    fl.type = 1;
    EQ("F_GETLK from the same process sees no conflict", (sys3(SYS_fcntl, h2, 5, &fl), fl.type), 2);
    fl.type = 1; fl.start = 0; fl.len = 10; fl.pid = 0;
    ERR("F_OFD_SETLK conflicts with the POSIX lock = EAGAIN", sys3(SYS_fcntl, h2, 37, &fl), EAGAIN);
    fl.type = 9;
    ERR("F_SETLK with a bad type = EINVAL", sys3(SYS_fcntl, h, 6, &fl), EINVAL);
    sys1(SYS_close, h2);

    /* Ownership and times. */
    EQ("fchownat -1 -1", sys6(SYS_fchownat, AT_FDCWD, (long)"h2", -1, -1, 0, 0), 0);
    EQ("fchown to 1234:5678", (sys3(SYS_fchown, h, 1234, 5678), sys2(SYS_fstat, h, &st), st.uid + st.gid), 6912);
    ERR("fchownat with bad flags = EINVAL", sys6(SYS_fchownat, AT_FDCWD, (long)"h2", 0, 0, 0x4, 0), EINVAL);
    long bad_ts[4] = { 0, 1000000000, 0, 0 };
    ERR("utimensat with tv_nsec out of range = EINVAL", sys4(SYS_utimensat, AT_FDCWD, "h2", bad_ts, 0), EINVAL);
    ERR("utimensat with bad flags = EINVAL", sys4(SYS_utimensat, AT_FDCWD, "h2", 0, 0x4), EINVAL);
    long ts[4] = { 1000, 0, 2000, 0 };
    EQ("utimensat explicit times", (sys4(SYS_utimensat, AT_FDCWD, "h2", ts, 0), sys4(SYS_newfstatat, AT_FDCWD, "h2", &st2, 0), st2.t[2]), 2000);

    /* statfs. */
    long sfs[15];
    EQ("statfs /proc", sys2(SYS_statfs, "/proc", sfs), 0);
    EQ("f_type is PROC_SUPER_MAGIC", sfs[0], 0x9fa0);
    EQ("fstatfs of a file: f_namelen 255", (sys2(SYS_fstatfs, h, sfs), sfs[8]), 255);
    ERR("statfs of a missing path = ENOENT", sys2(SYS_statfs, "nope", sfs), ENOENT);

    /* RENAME_EXCHANGE. */
    EQ("renameat2 RENAME_EXCHANGE of h2 and copy", sys6(SYS_renameat2, AT_FDCWD, (long)"h2", AT_FDCWD, (long)"copy", 2, 0), 0);
    EQ("copy now names the 6-byte file", (sys4(SYS_newfstatat, AT_FDCWD, "copy", &st2, 0), st2.size), 6);
    ERR("RENAME_EXCHANGE with a missing name = ENOENT", sys6(SYS_renameat2, AT_FDCWD, (long)"copy", AT_FDCWD, (long)"nope", 2, 0), ENOENT);
    ERR("RENAME_EXCHANGE|RENAME_NOREPLACE = EINVAL", sys6(SYS_renameat2, AT_FDCWD, (long)"copy", AT_FDCWD, (long)"h2", 3, 0), EINVAL);
    sys1(SYS_close, h);

    /* memfd, close_range. */
    long mf = sys2(SYS_memfd_create, "kt", 3 /* MFD_CLOEXEC|MFD_ALLOW_SEALING */);
    check("memfd_create", mf >= 0, mf);
    EQ("memfd is close-on-exec", sys3(SYS_fcntl, mf, 1, 0), 1);
    EQ("F_ADD_SEALS F_SEAL_GROW", sys3(SYS_fcntl, mf, 1033, 4), 0);
    EQ("F_GET_SEALS", sys3(SYS_fcntl, mf, 1034, 0), 4);
    ERR("a sealed memfd cannot grow = EPERM", sys3(SYS_write, mf, "x", 1), EPERM);
    ERR("memfd_create with bad flags = EINVAL", sys2(SYS_memfd_create, "kt", 0x100), EINVAL);
    long c1 = sys1(SYS_dup, mf), c2 = sys1(SYS_dup, mf);
    EQ("close_range CLOSE_RANGE_CLOEXEC", sys3(SYS_close_range, c1, c2, 4), 0);
    EQ("sets FD_CLOEXEC", sys3(SYS_fcntl, c2, 1, 0), 1);
    EQ("close_range closes", sys3(SYS_close_range, c1, c2, 0), 0);
    ERR("the range is closed", sys3(SYS_fcntl, c2, 1, 0), EBADF);
    ERR("close_range with first > last = EINVAL", sys3(SYS_close_range, 10, 5, 0), EINVAL);
    sys1(SYS_close, mf);

    /* Memory: mincore, mlock, madvise. */
    char *pg = (char *)sys6(SYS_mmap, 0, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | 0x20, -1, 0);
    pg[0] = 7;
    u8 vec[2];
    EQ("mincore", sys3(SYS_mincore, pg, 2 * 4096, vec), 0);
    EQ("the touched page is resident", vec[0] & 1, 1);
    ERR("mincore of an unaligned address = EINVAL", sys3(SYS_mincore, pg + 1, 4096, vec), EINVAL);
    EQ("mlock", sys2(SYS_mlock, pg, 4096), 0);
    EQ("munlock", sys2(SYS_munlock, pg, 4096), 0);
    ERR("mlockall(0) = EINVAL", sys1(SYS_mlockall, 0), EINVAL);
    EQ("munlockall", sys0(SYS_munlockall), 0);
    EQ("madvise MADV_DONTNEED", sys3(SYS_madvise, pg, 4096, 4), 0);
    EQ("the page reads zero again", pg[0], 0);
    ERR("madvise with unknown advice = EINVAL", sys3(SYS_madvise, pg, 4096, 9999), EINVAL);
    sys2(SYS_munmap, pg, 2 * 4096);
    ERR("mincore of unmapped memory = ENOMEM", sys3(SYS_mincore, pg, 4096, vec), ENOMEM);
    ERR("mlock of unmapped memory = ENOMEM", sys2(SYS_mlock, pg, 4096), ENOMEM);
    ERR("madvise of unmapped memory = ENOMEM", sys3(SYS_madvise, pg, 4096, 0), ENOMEM);

    sys3(SYS_unlinkat, AT_FDCWD, "h2", 0);
    sys3(SYS_unlinkat, AT_FDCWD, "copy", 0);
    EQ("chdir ..", sys1(SYS_chdir, ".."), 0);
    EQ("rmdir the test directory", sys3(SYS_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR), 0);
    kt_puts(failures ? "SOME FAILED\n" : "ALL PASSED\n");
    return failures ? 1 : 0;
}
