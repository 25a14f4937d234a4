/* inotify: the events a directory watch and a file watch report for creating, writing,
 * reading, closing, renaming (cookies paired), linking, chmod, unlinking and removing;
 * IN_DELETE_SELF/IN_IGNORED, IN_ONESHOT, IN_MASK_ADD/IN_MASK_CREATE, rm_watch, the errors,
 * read's whole-event rule, FIONREAD, readiness through poll and epoll, and changes made by
 * another process waking a blocked read. Each watch that must not depend on the order of
 * events between watches has an inotify instance of its own. */
#include "common.h"
#include <poll.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static const struct { unsigned bit; const char *name; } NAMES[] = {
    {IN_ACCESS, "ACCESS"}, {IN_MODIFY, "MODIFY"}, {IN_ATTRIB, "ATTRIB"}, {IN_CLOSE_WRITE, "CLOSE_WRITE"},
    {IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"}, {IN_OPEN, "OPEN"}, {IN_MOVED_FROM, "MOVED_FROM"},
    {IN_MOVED_TO, "MOVED_TO"}, {IN_CREATE, "CREATE"}, {IN_DELETE, "DELETE"}, {IN_DELETE_SELF, "DELETE_SELF"},
    {IN_MOVE_SELF, "MOVE_SELF"}, {IN_UNMOUNT, "UNMOUNT"}, {IN_Q_OVERFLOW, "Q_OVERFLOW"}, {IN_IGNORED, "IGNORED"},
    {IN_ISDIR, "ISDIR"},
};

static unsigned last_cookie;

/* Prints every queued event of `fd` (non-blocking) as "label: wd MASK|MASK name". */
static void drain(const char *label, int fd)
{
    char buf[8192] __attribute__((aligned(8)));
    for (;;) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0) {
            if (errno != EAGAIN) printf("%s: read -1 %s\n", label, strerrorname_np(errno));
            break;
        }
        for (char *p = buf; p < buf + n;) {
            struct inotify_event *e = (struct inotify_event *)p;
            char mask[256] = "";
            for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++)
                if (e->mask & NAMES[i].bit) {
                    if (mask[0]) strcat(mask, "|");
                    strcat(mask, NAMES[i].name);
                }
            const char *cookie = "";
            if (e->mask & IN_MOVED_FROM) last_cookie = e->cookie, cookie = e->cookie ? " (cookie set)" : " (cookie 0)";
            if (e->mask & IN_MOVED_TO) cookie = e->cookie && e->cookie == last_cookie ? " (cookie matches)" : " (cookie differs)";
            printf("%s: wd %d %s%s%s len %u%s\n", label, e->wd, mask, e->len ? " " : "", e->len ? e->name : "", e->len, cookie);
            p += sizeof *e + e->len;
        }
    }
    fflush(stdout);
}

static int watch(int fd, const char *name, unsigned mask)
{
    int wd = inotify_add_watch(fd, name[0] == '/' ? name : at(name), mask);
    if (wd < 0) printf("add_watch %s: -1 %s\n", name, strerrorname_np(errno));
    return wd;
}

static void directory_events(void)
{
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    SAY("cloexec %d nonblock %d", (fcntl(in, F_GETFD) & FD_CLOEXEC) != 0, (fcntl(in, F_GETFL) & O_NONBLOCK) != 0);
    SHOW(watch(in, scratch, IN_ALL_EVENTS));
    char c;
    SHOW(read(in, &c, 0));
    drain("empty", in);

    int fd = open(at("f"), O_CREAT | O_WRONLY, 0644);
    write(fd, "one", 3);
    write(fd, "two", 3);
    close(fd);
    drain("create+write+close", in);
    fd = open(at("f"), O_RDONLY);
    char buf[16];
    read(fd, buf, sizeof buf);
    read(fd, buf, sizeof buf);
    close(fd);
    drain("read", in);
    chmod(at("f"), 0600);
    drain("chmod", in);
    truncate(at("f"), 1);
    drain("truncate", in);
    rename(at("f"), at("g"));
    drain("rename", in);
    link(at("g"), at("h"));
    symlink("g", at("s"));
    drain("link+symlink", in);
    unlink(at("h"));
    unlink(at("g"));
    unlink(at("s"));
    drain("unlinks", in);
    mkdir(at("d"), 0755);
    rename(at("d"), at("e"));
    rmdir(at("e"));
    drain("mkdir+rename+rmdir", in);
    fd = open(scratch, O_RDONLY | O_DIRECTORY);
    char dents[4096];
    while (syscall(SYS_getdents64, fd, dents, sizeof dents) > 0) {}
    close(fd);
    drain("readdir", in);
    /* O_TRUNC on an existing file: IN_MODIFY (its order against IN_OPEN changed in Linux 6.9). */
    int in2 = inotify_init1(IN_NONBLOCK);
    SHOW(watch(in2, scratch, IN_CREATE | IN_MODIFY | IN_CLOSE_WRITE));
    put("p", "x");
    put("p", "yy");
    drain("create, then rewrite with O_TRUNC", in2);
    close(in2);
    close(in);
}

static void self_events(void)
{
    put("a", "text");
    int file = inotify_init1(IN_NONBLOCK), dir = inotify_init1(IN_NONBLOCK);
    SHOW(watch(file, "a", IN_ALL_EVENTS));
    SHOW(watch(dir, scratch, IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB));
    int fd = open(at("a"), O_WRONLY | O_APPEND);
    write(fd, "more", 4);
    close(fd);
    chmod(at("a"), 0640);
    drain("file: write+chmod", file);
    drain("dir: write+chmod", dir);
    link(at("a"), at("b"));
    drain("file: link", file);
    drain("dir: link", dir);
    rename(at("a"), at("c"));
    drain("file: rename", file);
    drain("dir: rename", dir);
    unlink(at("b"));
    drain("file: unlink one name", file);
    drain("dir: unlink one name", dir);
    unlink(at("c"));
    drain("file: unlink last name", file);
    drain("dir: unlink last name", dir);

    /* A file unlinked while open: its removal is reported at the last close. */
    put("o", "open");
    SHOW(watch(file, "o", IN_ALL_EVENTS));
    fd = open(at("o"), O_RDONLY);
    unlink(at("o"));
    drain("file: unlinked while open", file);
    close(fd);
    drain("file: after the close", file);

    /* A watched directory removed. */
    mkdir(at("sub"), 0755);
    SHOW(watch(file, "sub", IN_ALL_EVENTS));
    put("sub/x", "x");
    unlink(at("sub/x"));
    rmdir(at("sub"));
    drain("file: rmdir of a watched dir", file);
    drain("dir: rmdir", dir);

    /* Rename over a watched file. */
    put("victim", "v");
    put("winner", "w");
    SHOW(watch(file, "victim", IN_ALL_EVENTS & ~(IN_OPEN | IN_CLOSE_WRITE | IN_CLOSE_NOWRITE | IN_MODIFY)));
    rename(at("winner"), at("victim"));
    drain("file: renamed over", file);
    drain("dir: rename over", dir);
    unlink(at("victim"));
    close(file);
    close(dir);
}

static void flags_and_errors(void)
{
    int in = inotify_init1(IN_NONBLOCK);
    put("f", "f");
    mkdir(at("d"), 0755);
    int wd = watch(in, scratch, IN_CREATE | IN_ONESHOT);
    put("x", "");
    put("y", "");
    drain("oneshot", in);
    SHOW(inotify_rm_watch(in, wd));
    wd = watch(in, scratch, IN_CREATE);
    SHOW(wd);
    SHOW(inotify_add_watch(in, scratch, IN_DELETE | IN_MASK_ADD) == wd);
    unlink(at("x"));
    put("z", "");
    drain("mask_add", in);
    SHOW(inotify_add_watch(in, scratch, IN_DELETE) == wd);
    unlink(at("y"));
    put("w", "");
    drain("mask replaced", in);
    SHOW(inotify_add_watch(in, scratch, IN_CREATE | IN_MASK_CREATE));
    SHOW(inotify_add_watch(in, scratch, IN_CREATE | IN_MASK_CREATE | IN_MASK_ADD));
    SHOW(inotify_add_watch(in, at("f"), IN_MODIFY | IN_ONLYDIR));
    SHOW(inotify_add_watch(in, at("d"), IN_MODIFY | IN_ONLYDIR) > wd);
    SHOW(inotify_add_watch(in, at("missing"), IN_MODIFY));
    SHOW(inotify_add_watch(in, at("f"), 0));
    SHOW(inotify_add_watch(0, at("f"), IN_MODIFY));
    SHOW(inotify_add_watch(closed_fd(), at("f"), IN_MODIFY));
    SHOW(inotify_rm_watch(in, 12345));
    SHOW(inotify_rm_watch(in, wd));
    SHOW(inotify_rm_watch(in, wd));
    drain("rm_watch", in);
    SHOW(inotify_init1(12345));

    /* read: whole events only; FIONREAD counts the bytes queued. */
    wd = watch(in, scratch, IN_CREATE);
    put("a-longer-name", "");
    int avail = -1;
    SHOW(ioctl(in, FIONREAD, &avail));
    SAY("FIONREAD %d", avail);
    char small[sizeof(struct inotify_event) + 4];
    SHOW(read(in, small, sizeof small));
    drain("after the short read", in);

    /* Identical events in a row are merged; different ones in between are kept. */
    SHOW(watch(in, "f", IN_MODIFY | IN_ATTRIB));
    int fd = open(at("f"), O_WRONLY);
    for (int i = 0; i < 5; i++) write(fd, "m", 1);
    fchmod(fd, 0644);
    write(fd, "m", 1);
    close(fd);
    drain("merged", in);
    close(in);
}

static void waiting(void)
{
    int in = inotify_init1(0);
    SHOW(watch(in, scratch, IN_CREATE | IN_CLOSE_WRITE));
    struct pollfd p = {in, POLLIN, 0};
    SHOW(poll(&p, 1, 0));
    int ep = epoll_create1(0);
    struct epoll_event ev = {.events = EPOLLIN, .data.u32 = 7}, got;
    SHOW(epoll_ctl(ep, EPOLL_CTL_ADD, in, &ev));
    SHOW(epoll_wait(ep, &got, 1, 0));

    /* Another process makes the change (one event); this one is blocked in read. */
    pid_t child = fork();
    if (child == 0) {
        usleep(50000);
        mkdir(at("from-child"), 0755);
        _exit(0);
    }
    char buf[4096] __attribute__((aligned(8)));
    ssize_t n = read(in, buf, sizeof buf);
    struct inotify_event *e = (struct inotify_event *)buf;
    SAY("blocking read woke: %d %s", n > 0, n > 0 ? e->name : "");
    int status;
    waitpid(child, &status, 0);
    put("after", "");
    SHOW(poll(&p, 1, 1000));
    SAY("revents %#x", p.revents);
    SHOW(epoll_wait(ep, &got, 1, 1000));
    SAY("epoll data %u events %#x", got.data.u32, got.events);
    fcntl(in, F_SETFL, O_NONBLOCK);
    drain("rest", in);
    SHOW(epoll_wait(ep, &got, 1, 0));

    /* Moves between two watched directories share a cookie. */
    mkdir(at("from"), 0755);
    mkdir(at("to"), 0755);
    int mv = inotify_init1(IN_NONBLOCK);
    SHOW(watch(mv, "from", IN_MOVED_FROM | IN_MOVED_TO));
    SHOW(watch(mv, "to", IN_MOVED_FROM | IN_MOVED_TO));
    put("from/m", "");
    rename(at("from/m"), at("to/m2"));
    mkdir(at("from/dir"), 0755);
    rename(at("from/dir"), at("to/dir"));
    drain("moves", mv);
    close(mv);
    close(ep);
    close(in);
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    if (!strcmp(c, "dir")) directory_events();
    else if (!strcmp(c, "self")) self_events();
    else if (!strcmp(c, "flags")) flags_and_errors();
    else if (!strcmp(c, "wait")) waiting();
    cleanup();
    return 0;
}
