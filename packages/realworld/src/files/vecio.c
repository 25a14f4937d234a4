/* Positioned vector I/O: preadv/pwritev at offsets (the file position untouched),
 * preadv2/pwritev2 with offset -1 (the position) and flags, and their errors. */
#include "common.h"
#include <sys/uio.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    int fd = open(at("v"), O_CREAT | O_RDWR, 0644);
    char a[] = "alpha-", b[] = "beta-", g[] = "gamma";
    struct iovec w[3] = { { a, 6 }, { b, 5 }, { g, 5 } };
    SHOW(pwritev(fd, w, 3, 100));
    SHOW(lseek(fd, 0, SEEK_CUR));
    char x[4] = {0}, y[20] = {0};
    struct iovec r[2] = { { x, 3 }, { y, 19 } };
    SHOW(preadv(fd, r, 2, 100));
    SAY("read back \"%s\" + \"%s\"", x, y);
    SHOW(pwritev2(fd, w, 1, -1, 0));
    SHOW(lseek(fd, 0, SEEK_CUR));
    SHOW(lseek(fd, 0, SEEK_SET));
    memset(x, 0, 4);
    struct iovec r1[1] = { { x, 3 } };
    SHOW(preadv2(fd, r1, 1, -1, 0));
    SAY("preadv2 at the position: \"%s\", now at %ld", x, (long)lseek(fd, 0, SEEK_CUR));
    /* RWF_APPEND is not compared: qemu-aarch64 7.2 answers EOPNOTSUPP where Linux appends. */
    SHOW(pwritev2(fd, w, 1, 0, 0x4000));
    SHOW(preadv(fd, r, 2, -5));
    SHOW(preadv(fd, r, -1, 0));
    int p[2];
    pipe(p);
    SHOW(pwritev(p[1], w, 1, 0));
    SHOW(pwritev2(p[1], w, 1, -1, 0));
    SHOW(preadv2(p[0], r1, 1, -1, 0));
    SHOW(preadv(fd, r, 2, 1000000));
    int d = open(scratch, O_RDONLY | O_DIRECTORY);
    SHOW(preadv(d, r, 2, 0));
    cleanup();
    return 0;
}
