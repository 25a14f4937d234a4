/* bigwrite PATH MIB: writes MIB MiB to PATH, one 1 MiB buffer per step with the step's number
 * in its first 8 bytes (the rest a fixed pattern), fsync every 64 MiB and at the end, prints
 * "synced", then keeps overwriting the file from the start, without fsync, until killed.
 * test/kernel/fs-extents.test.ts kills the machine running it and checks the file's sha256. */
#include "kt.h"

KT_START

enum { SYS_openat = 56, SYS_lseek = 62, SYS_fsync = 82 };
#define AT_FDCWD (-100)

static u32 buf[1 << 18];

static long num(const char *s) { long v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    if (argc < 3) return 2;
    long mib = num(argv[2]);
    long fd = sys4(SYS_openat, AT_FDCWD, argv[1], 0101 /* O_CREAT|O_WRONLY */, 0644);
    if (fd < 0) { kt_puts("open failed\n"); return 1; }
    for (u32 j = 0; j < (1 << 18); j++) buf[j] = j * 2654435761u;
    for (long i = 0; i < mib; i++) {
        buf[0] = (u32)i;
        buf[1] = (u32)(i >> 32);
        if (sys3(SYS_write, fd, buf, sizeof buf) != (long)sizeof buf) { kt_puts("write failed\n"); return 1; }
        if (i % 64 == 63 && sys1(SYS_fsync, fd) != 0) { kt_puts("fsync failed\n"); return 1; }
    }
    if (sys1(SYS_fsync, fd) != 0) { kt_puts("fsync failed\n"); return 1; }
    kt_puts("synced\n");
    sys3(SYS_lseek, fd, 0, 0);
    for (u64 i = 0;; i++) {
        buf[0] = (u32)~i;
        buf[1] = (u32)(~i >> 32);
        sys3(SYS_write, fd, buf, sizeof buf);
    }
}
