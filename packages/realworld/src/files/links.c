/* Hard links: link counts of files and directories, data kept while a name is left, the
 * errors (EEXIST, ENOENT, EPERM on a directory, EXDEV across file systems), rename onto a
 * second name of the same file, linkat with AT_SYMLINK_FOLLOW. */
#include "common.h"

static long nlink(const char *p)
{
    struct stat st;
    return lstat(p, &st) == 0 ? (long)st.st_nlink : -1;
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    if (!strcmp(c, "count")) {
        put("a", "linked bytes");
        SHOW(nlink(at("a")));
        SHOW(link(at("a"), at("b")));
        SHOW(link(at("b"), at("c")));
        SHOW(nlink(at("a")));
        struct stat sa, sc;
        stat(at("a"), &sa);
        stat(at("c"), &sc);
        SAY("same inode: %d", sa.st_ino == sc.st_ino);
        SHOW(mkdir(at("d"), 0755));
        SHOW(nlink(at("d")));
        SHOW(mkdir(at("d/e"), 0755));
        SHOW(mkdir(at("d/f"), 0755));
        SHOW(nlink(at("d")));
        SHOW(nlink(at("d/e")));
        SHOW(rmdir(at("d/f")));
        SHOW(nlink(at("d")));
    } else if (!strcmp(c, "unlink")) {
        put("a", "kept after unlink");
        SHOW(link(at("a"), at("b")));
        SHOW(unlink(at("a")));
        SHOW(nlink(at("b")));
        cat("b");
        int fd = open(at("b"), O_RDONLY);
        SHOW(unlink(at("b")));
        struct stat st;
        fstat(fd, &st);
        SAY("open file after last unlink: nlink %ld size %ld", (long)st.st_nlink, (long)st.st_size);
        close(fd);
        SHOW(access(at("b"), F_OK));
    } else if (!strcmp(c, "errors")) {
        put("a", "x");
        put("b", "y");
        SHOW(link(at("a"), at("b")));
        SHOW(link(at("missing"), at("z")));
        SHOW(mkdir(at("d"), 0755));
        SHOW(link(at("d"), at("d2")));
        SHOW(link("/proc/self/status", at("p")));
        SHOW(link(at("a"), at("nodir/x")));
        SHOW(link(at("a"), at("a/x")));
        SHOW(linkat(AT_FDCWD, at("a"), AT_FDCWD, at("q"), 0x8000));
    } else if (!strcmp(c, "rename")) {
        put("a", "one file, two names");
        SHOW(link(at("a"), at("b")));
        SHOW(rename(at("a"), at("b")));
        SHOW(nlink(at("a")));
        SHOW(nlink(at("b")));
        put("c", "other");
        SHOW(rename(at("c"), at("b")));
        SHOW(nlink(at("a")));
        cat("b");
        cat("a");
    } else if (!strcmp(c, "symlink")) {
        put("t", "target");
        SHOW(symlink("t", at("s")));
        SHOW(linkat(AT_FDCWD, at("s"), AT_FDCWD, at("hs"), 0));
        SHOW(linkat(AT_FDCWD, at("s"), AT_FDCWD, at("ht"), AT_SYMLINK_FOLLOW));
        struct stat st;
        lstat(at("hs"), &st);
        SAY("hs is a symlink: %d, nlink %ld", S_ISLNK(st.st_mode), (long)st.st_nlink);
        lstat(at("ht"), &st);
        SAY("ht is a file: %d, nlink %ld", S_ISREG(st.st_mode), (long)st.st_nlink);
    }
    cleanup();
    return 0;
}
