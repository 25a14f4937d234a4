/* Sparse files and space: holes read as zeros and take no blocks, lseek SEEK_DATA/SEEK_HOLE
 * find them, fallocate allocates (mode 0, FALLOC_FL_KEEP_SIZE) and punches holes, ftruncate
 * grows with a hole and shrinks. Offsets are MiB-aligned so every file system agrees. */
#include "common.h"
#include <linux/falloc.h>

#define MiB (1L << 20)

static struct stat st_of(int fd)
{
    struct stat st;
    fstat(fd, &st);
    return st;
}

static int zeros(int fd, off_t at, int n)
{
    char buf[4096];
    if (pread(fd, buf, n, at) != n) return 0;
    for (int i = 0; i < n; i++) if (buf[i]) return 0;
    return 1;
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    int fd = open(at("s"), O_CREAT | O_RDWR, 0644);
    if (!strcmp(c, "holes")) {
        SHOW(pwrite(fd, "head", 4, 0));
        SHOW(pwrite(fd, "tail", 4, 8 * MiB));
        struct stat st = st_of(fd);
        SAY("size %ld, allocated less than 1 MiB: %d", (long)st.st_size, st.st_blocks * 512 < MiB);
        SAY("hole reads zeros: %d", zeros(fd, 3 * MiB, 4096));
        SHOW(lseek(fd, 0, SEEK_DATA));
        SHOW(lseek(fd, 0, SEEK_HOLE));
        SHOW(lseek(fd, 4096, SEEK_DATA));
        SHOW(lseek(fd, 8 * MiB, SEEK_HOLE));
        SHOW(lseek(fd, 8 * MiB + 4, SEEK_DATA));
        SHOW(lseek(fd, 100 * MiB, SEEK_HOLE));
    } else if (!strcmp(c, "fallocate")) {
        SHOW(fallocate(fd, 0, 0, 2 * MiB));
        struct stat st = st_of(fd);
        SAY("mode 0: size %ld, 2 MiB allocated: %d", (long)st.st_size, st.st_blocks * 512 >= 2 * MiB);
        SHOW(fallocate(fd, FALLOC_FL_KEEP_SIZE, 2 * MiB, 2 * MiB));
        st = st_of(fd);
        SAY("keep size: size %ld, 4 MiB allocated: %d", (long)st.st_size, st.st_blocks * 512 >= 4 * MiB);
        SHOW(pwrite(fd, "data", 4, MiB));
        long before = st_of(fd).st_blocks;
        SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 2 * MiB));
        st = st_of(fd);
        SAY("punched: size %ld, fewer blocks: %d, zeros where data was: %d", (long)st.st_size, st.st_blocks < before, zeros(fd, MiB, 4));
        SHOW(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, MiB));
        SHOW(fallocate(fd, 0, 0, 0));
        SHOW(fallocate(fd, 0, -1, 10));
        int ro = open(at("s"), O_RDONLY);
        SHOW(fallocate(ro, 0, 0, 10));
        SHOW(fallocate(fd, 0x100, 0, 10));
    } else if (!strcmp(c, "truncate")) {
        SHOW(write(fd, "abcdef", 6));
        SHOW(ftruncate(fd, 3 * MiB));
        struct stat st = st_of(fd);
        SAY("grown: size %ld, mostly a hole: %d, zeros past the data: %d", (long)st.st_size, st.st_blocks * 512 < MiB, zeros(fd, 6, 100));
        SHOW(ftruncate(fd, 2));
        SHOW(ftruncate(fd, 6));
        char b[8] = {0};
        SHOW(pread(fd, b, 8, 0));
        SAY("after shrink and regrow: %c%c then zeros %d", b[0], b[1], !b[2] && !b[5]);
        SHOW(ftruncate(fd, -1));
        SHOW(truncate(at("s"), 10));
        SHOW(truncate(at("missing"), 10));
    }
    close(fd);
    cleanup();
    return 0;
}
