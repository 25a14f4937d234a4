/* memfd_create: an anonymous file with a /proc/self/fd name, close-on-exec, and seals. */
#include "common.h"
#include <sys/mman.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    int fd = memfd_create("scratch", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    SAY("fd ok: %d", fd >= 0);
    SHOW(fcntl(fd, F_GETFD));
    SHOW(write(fd, "hello memfd", 11));
    struct stat st;
    fstat(fd, &st);
    SAY("regular %d size %ld nlink %ld mode %o", S_ISREG(st.st_mode), (long)st.st_size, (long)st.st_nlink, st.st_mode & 07777);
    char link[64], path[128];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    long n = readlink(link, path, sizeof path - 1);
    path[n > 0 ? n : 0] = 0;
    SAY("name: %s", path);
    SHOW(fcntl(fd, F_GET_SEALS));
    SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK));
    SHOW(fcntl(fd, F_GET_SEALS));
    SHOW(pwrite(fd, "HELLO", 5, 0));
    SHOW(pwrite(fd, "more", 4, 11));
    SHOW(ftruncate(fd, 5));
    SHOW(ftruncate(fd, 50));
    SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_SEAL));
    SHOW(pwrite(fd, "x", 1, 0));
    SHOW(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
    char b[12] = {0};
    SHOW(pread(fd, b, 11, 0));
    SAY("content: %s", b);
    int plain = memfd_create("plain", 0);
    SHOW(fcntl(plain, F_GETFD));
    SHOW(fcntl(plain, F_GET_SEALS));
    SHOW(fcntl(plain, F_ADD_SEALS, F_SEAL_WRITE));
    SHOW(memfd_create("bad", 0x100));
    int f = open(at("file"), O_CREAT | O_RDWR, 0644);
    SHOW(fcntl(f, F_ADD_SEALS, F_SEAL_WRITE) == -1);
    cleanup();
    return 0;
}
