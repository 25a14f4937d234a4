/* Named pipes: mkfifo/mknod and their errors, the open rules of a FIFO (O_NONBLOCK reader at
 * once, O_NONBLOCK writer without a reader ENXIO, O_RDWR at once, blocking opens meet), data
 * between fork'ed processes through a path, end of file, EPIPE and SIGPIPE, poll. */
#include "common.h"
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

static void kind(const char *name)
{
    struct stat st;
    if (lstat(at(name), &st) != 0) { SAY("%s: stat -1 %s", name, strerrorname_np(errno)); return; }
    SAY("%s: fifo %d reg %d sock %d mode %o size %ld nlink %ld", name, S_ISFIFO(st.st_mode), S_ISREG(st.st_mode),
        S_ISSOCK(st.st_mode), st.st_mode & 07777, (long)st.st_size, (long)st.st_nlink);
}

static void make(void)
{
    umask(022);
    SHOW(mkfifo(at("p"), 0666));
    kind("p");
    SHOW(mkfifo(at("p"), 0666));
    SHOW(mkfifo(at("none/p"), 0666));
    put("file", "x");
    SHOW(mkfifo(at("file/p"), 0666));
    SHOW(mknod(at("reg"), S_IFREG | 0640, 0));
    kind("reg");
    SHOW(mknod(at("zero"), 0600, 0));
    kind("zero");
    SHOW(mknod(at("sock"), S_IFSOCK | 0755, 0));
    kind("sock");
    SHOW(open(at("sock"), O_RDONLY));
    SHOW(mknod(at("dir"), S_IFDIR | 0755, 0));
    SHOW(mknod(at("bad"), S_IFMT | 0644, 0));
    SHOW(mknod(at("bad2"), 0130000 | 0644, 0));
    SHOW(mknodat(AT_FDCWD, at("at"), S_IFIFO | 0600, 0));
    kind("at");
    SHOW(link(at("p"), at("p2")));
    kind("p");
    SHOW(rename(at("p2"), at("p3")));
    kind("p3");
    SHOW(chmod(at("p3"), 0600));
    kind("p");
    SHOW(unlink(at("p")));
    SHOW(unlink(at("p3")));
    kind("p");
}

static void opens(void)
{
    mkfifo(at("p"), 0600);
    SHOW(open(at("p"), O_WRONLY | O_NONBLOCK));
    int r = open(at("p"), O_RDONLY | O_NONBLOCK);
    SAY("reader nonblocking: %d", r >= 0);
    char buf[64];
    SHOW(read(r, buf, sizeof buf));
    struct pollfd none = { .fd = r, .events = POLLIN };
    SHOW(poll(&none, 1, 0));
    SAY("revents before any writer %x", none.revents);
    int w = open(at("p"), O_WRONLY | O_NONBLOCK);
    SAY("writer with a reader: %d", w >= 0);
    SHOW(read(r, buf, sizeof buf));
    SHOW(write(w, "hello", 5));
    SHOW(read(r, buf, sizeof buf));
    struct stat st;
    fstat(w, &st);
    SAY("fstat: fifo %d", S_ISFIFO(st.st_mode));
    struct pollfd pf = { .fd = r, .events = POLLIN };
    SHOW(poll(&pf, 1, 0));
    write(w, "x", 1);
    SHOW(poll(&pf, 1, 0));
    SAY("revents %x", pf.revents);
    read(r, buf, 1);
    close(w);
    SHOW(poll(&pf, 1, 0));
    SAY("revents after writer closed %x", pf.revents);
    SHOW(read(r, buf, sizeof buf));
    signal(SIGPIPE, SIG_IGN);
    w = open(at("p"), O_WRONLY | O_NONBLOCK);
    close(r);
    SHOW(write(w, "y", 1));
    close(w);
    int rw = open(at("p"), O_RDWR);
    SAY("O_RDWR: %d", rw >= 0);
    SHOW(write(rw, "both", 4));
    SHOW(read(rw, buf, sizeof buf));
    SHOW(write(rw, "left", 4));
    close(rw);
    rw = open(at("p"), O_RDWR | O_NONBLOCK);
    SHOW(read(rw, buf, sizeof buf));
    close(rw);
    unlink(at("p"));
}

static void between(void)
{
    mkfifo(at("p"), 0600);
    pid_t c = fork();
    if (c == 0) {
        int r = open(at("p"), O_RDONLY);
        long total = 0, sum = 0;
        char buf[4096];
        ssize_t n;
        while ((n = read(r, buf, sizeof buf)) > 0) {
            for (ssize_t i = 0; i < n; i++) sum += (unsigned char)buf[i];
            total += n;
        }
        printf("child read %ld bytes, sum %ld, last read %ld\n", total, sum, (long)n);
        fflush(stdout);
        _exit(0);
    }
    int w = open(at("p"), O_WRONLY);
    SAY("parent opened for writing: %d", w >= 0);
    static char data[200000];
    long sum = 0;
    for (size_t i = 0; i < sizeof data; i++) { data[i] = (char)(i * 7); sum += (unsigned char)data[i]; }
    size_t off = 0;
    while (off < sizeof data) {
        ssize_t n = write(w, data + off, sizeof data - off);
        if (n <= 0) break;
        off += n;
    }
    close(w);
    int st;
    waitpid(c, &st, 0);
    SAY("parent wrote %zu bytes, sum %ld, child status %d", off, sum, WEXITSTATUS(st));

    /* The writer opens first and waits; the reader then closes without reading: SIGPIPE. */
    c = fork();
    if (c == 0) {
        int w2 = open(at("p"), O_WRONLY);
        sleep(1);
        write(w2, "z", 1);
        _exit(7);
    }
    usleep(200000);
    int r = open(at("p"), O_RDONLY);
    SAY("reader met the waiting writer: %d", r >= 0);
    close(r);
    waitpid(c, &st, 0);
    SAY("writer: signaled %d sig %s", WIFSIGNALED(st), WIFSIGNALED(st) ? sigabbrev_np(WTERMSIG(st)) : "-");
    unlink(at("p"));
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    if (!strcmp(c, "make")) make();
    else if (!strcmp(c, "open")) opens();
    else if (!strcmp(c, "between")) between();
    cleanup();
    return 0;
}
