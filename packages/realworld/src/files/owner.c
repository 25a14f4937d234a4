/* Ownership and times, run as root: chown/fchown/lchown (-1 keeps a field, set-user-ID
 * cleared), then a child that gives up root (setresuid) and may only change a file's group
 * to one of its own; utimensat with UTIME_OMIT/UTIME_NOW and its errors. */
#include "common.h"
#include <grp.h>
#include <sys/wait.h>

static void owner(const char *name)
{
    struct stat st;
    if (lstat(at(name), &st) != 0) { SAY("%s: gone", name); return; }
    SAY("%s: uid %d gid %d mode %o", name, st.st_uid, st.st_gid, st.st_mode & 07777);
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    if (!strcmp(c, "chown")) {
        SAY("root: %d", getuid() == 0);
        put("f", "owned");
        chmod(at("f"), 04755);
        SHOW(chown(at("f"), 1234, 5678));
        owner("f");
        SHOW(chown(at("f"), -1, 42));
        owner("f");
        SHOW(symlink("f", at("l")));
        SHOW(lchown(at("l"), 77, 77));
        owner("l");
        owner("f");
        int fd = open(at("f"), O_RDONLY);
        SHOW(fchown(fd, 1000, 1000));
        owner("f");
        SHOW(chown(at("missing"), 1, 1));
    } else if (!strcmp(c, "chown-user")) {
        put("f", "owned");
        SHOW(chown(at("f"), 1000, 1000));
        SHOW(symlink("f", at("l")));
        pid_t p = fork();
        if (p == 0) {
            gid_t groups[1] = { 2000 };
            if (setgroups(1, groups) != 0 || setresgid(1000, 1000, 1000) != 0 || setresuid(1000, 1000, 1000) != 0) { SAY("could not drop root"); _exit(3); }
            SHOW(chown(at("f"), 1000, -1));
            SHOW(chown(at("f"), 0, -1));
            SHOW(chown(at("f"), -1, 2000));
            SHOW(chown(at("f"), -1, 3000));
            SHOW(chown(at("l"), -1, 1000));
            SHOW(chown(at("f"), -1, -1));
            _exit(0);
        }
        int st;
        waitpid(p, &st, 0);
        owner("f");
    } else if (!strcmp(c, "utimens")) {
        put("f", "timed");
        struct timespec t[2] = { { 1000000000, 0 }, { 1200000000, 250000000 } };
        SHOW(utimensat(AT_FDCWD, at("f"), t, 0));
        struct stat st;
        stat(at("f"), &st);
        SAY("atime %ld mtime %ld.%09ld", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
        t[0].tv_nsec = UTIME_OMIT;
        t[1].tv_sec = 1300000000;
        t[1].tv_nsec = 0;
        SHOW(utimensat(AT_FDCWD, at("f"), t, 0));
        stat(at("f"), &st);
        SAY("atime %ld mtime %ld", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
        t[1].tv_nsec = 1000000000;
        SHOW(utimensat(AT_FDCWD, at("f"), t, 0));
        SHOW(utimensat(AT_FDCWD, at("f"), NULL, 0x8000));
        SHOW(utimensat(AT_FDCWD, at("missing"), NULL, 0));
        int fd = open(at("f"), O_RDONLY);
        struct timespec now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
        SHOW(futimens(fd, now));
        stat(at("f"), &st);
        SAY("futimens UTIME_NOW moved mtime: %d", st.st_mtim.tv_sec > 1300000000);
        SHOW(symlink("f", at("l")));
        struct timespec old[2] = { { 1000, 0 }, { 2000, 0 } };
        SHOW(utimensat(AT_FDCWD, at("l"), old, AT_SYMLINK_NOFOLLOW));
        lstat(at("l"), &st);
        long lm = st.st_mtim.tv_sec;
        stat(at("l"), &st);
        SAY("link mtime %ld, target mtime changed: %d", lm, st.st_mtim.tv_sec == 2000);
    } else if (!strcmp(c, "utimens-user")) {
        put("f", "timed");
        struct timespec old[2] = { { 1000, 0 }, { 2000, 0 } };
        pid_t p = fork();
        if (p == 0) {
            if (setresgid(1000, 1000, 1000) != 0 || setresuid(1000, 1000, 1000) != 0) { SAY("could not drop root"); _exit(3); }
            SHOW(utimensat(AT_FDCWD, at("f"), NULL, 0));
            SHOW(utimensat(AT_FDCWD, at("f"), old, 0));
            _exit(0);
        }
        int st2;
        waitpid(p, &st2, 0);
    }
    cleanup();
    return 0;
}
