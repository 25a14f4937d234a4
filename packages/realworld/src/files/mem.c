/* Memory calls: madvise(MADV_DONTNEED) zeroing private anonymous pages, advice values, mincore on touched pages, mlock/munlock/mlockall. */
#include "common.h"
#include <sys/mman.h>

int main(int argc, char **argv)
{
    setup(argc, argv);
    long pg = sysconf(_SC_PAGESIZE);
    char *m = mmap(NULL, 8 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(m, 'x', 4 * pg);
    SHOW(madvise(m, 2 * pg, MADV_DONTNEED));
    SAY("after DONTNEED: page 0 byte %d, page 3 byte %c", m[0], m[3 * pg]);
    SHOW(madvise(m, 8 * pg, MADV_WILLNEED));
    SHOW(madvise(m, 8 * pg, MADV_SEQUENTIAL));
    SHOW(madvise(m, 8 * pg, MADV_RANDOM));
    SHOW(madvise(m, 8 * pg, MADV_NORMAL));
    SHOW(madvise(m, 8 * pg, MADV_DONTFORK));
    SHOW(madvise(m, 8 * pg, MADV_DOFORK));
    /* Unknown advice (EINVAL on Linux) and unmapped ranges (ENOMEM) are not compared:
     * qemu-aarch64 7.2 answers 0 to any advice it does not act on. */
    SHOW(madvise(m + 1, pg, MADV_NORMAL));
    SHOW(madvise(m, 0, MADV_NORMAL));
    unsigned char vec[8];
    memset(m + 5 * pg, 1, 1);
    SHOW(mincore(m, 8 * pg, vec));
    SAY("touched pages resident: %d %d %d", vec[3] & 1, vec[2] & 1, vec[5] & 1);
    SHOW(mincore(m + 1, pg, vec));
    SHOW(mlock(m, 8 * pg));
    SHOW(munlock(m, 8 * pg));
    SHOW(mlock(m + 3, 10));
    SHOW(munlock(m + 3, 10));
    SHOW(mlockall(0));
    SHOW(mlockall(MCL_ONFAULT));
    SHOW(munlockall());
    munmap(m, 8 * pg);
    SHOW(mlock(m, pg));
    SHOW(mincore(m, pg, vec));
    char *s = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    memset(s, 'y', 2 * pg);
    SHOW(madvise(s, 2 * pg, MADV_DONTNEED));
    SAY("shared anonymous page after DONTNEED: %c", s[0]);
    cleanup();
    return 0;
}
