/* O_TMPFILE: an unnamed file in a directory, named later with linkat through /proc/self/fd
 * (not when opened with O_EXCL); glibc's tmpfile(). */
#include "common.h"

int main(int argc, char **argv)
{
    setup(argc, argv);
    int fd = open(scratch, O_TMPFILE | O_RDWR, 0600);
    SAY("open O_TMPFILE ok: %d", fd >= 0);
    SHOW(write(fd, "anonymous", 9));
    struct stat st;
    fstat(fd, &st);
    SAY("regular %d nlink %ld size %ld mode %o", S_ISREG(st.st_mode), (long)st.st_nlink, (long)st.st_size, st.st_mode & 0777);
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    SHOW(linkat(AT_FDCWD, proc, AT_FDCWD, at("named"), AT_SYMLINK_FOLLOW));
    fstat(fd, &st);
    SAY("after linkat: nlink %ld", (long)st.st_nlink);
    cat("named");
    int ex = open(scratch, O_TMPFILE | O_RDWR | O_EXCL, 0600);
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", ex);
    SHOW(linkat(AT_FDCWD, proc, AT_FDCWD, at("never"), AT_SYMLINK_FOLLOW));
    SHOW(open(scratch, O_TMPFILE | O_RDONLY, 0600));
    SHOW(open(at("named"), O_TMPFILE | O_RDWR, 0600));
    FILE *t = tmpfile();
    SAY("tmpfile: %d", t != NULL && fputs("x", t) >= 0 && fflush(t) == 0);
    cleanup();
    return 0;
}
