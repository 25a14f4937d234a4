/* fscheck <dir>: the file system calls end to end from a guest, results and errno, in a fresh
 * directory <dir> (created and removed). Same output under akuma-vm and qemu-aarch64. */
#include "kt.h"

KT_START

enum { SYS_getcwd = 17, SYS_dup = 23, SYS_dup3 = 24, SYS_fcntl = 25, SYS_ioctl = 29, SYS_mkdirat = 34,
       SYS_unlinkat = 35, SYS_chdir = 49, SYS_openat = 56, SYS_pipe2 = 59, SYS_getdents64 = 61,
       SYS_lseek = 62, SYS_readv = 65, SYS_writev = 66, SYS_newfstatat = 79, SYS_fstat = 80,
       SYS_renameat2 = 276 };
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
    EQ("chdir ..", sys1(SYS_chdir, ".."), 0);
    EQ("rmdir the test directory", sys3(SYS_unlinkat, AT_FDCWD, dir, AT_REMOVEDIR), 0);
    kt_puts(failures ? "SOME FAILED\n" : "ALL PASSED\n");
    return failures ? 1 : 0;
}
