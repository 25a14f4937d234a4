/* hog [hold-ms [max-mib]]: takes memory 1 MiB at a time (mmap, touching every page) until
 * the kernel says no (or it has max-mib), prints how far it got, holds the memory for
 * hold-ms, and exits 0 on ENOMEM or at max-mib; a kernel out of physical pages may kill it
 * instead. */
#include "kt.h"

KT_START

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    long mib = 0, max = -1;
    if (argc > 2) { max = 0; for (const char *c = argv[2]; *c; c++) max = max * 10 + (*c - '0'); }
    for (;;) {
        long p = mib == max ? -ENOMEM : sys6(SYS_mmap, 0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p < 0 && p > -4096) {
            kt_puts(mib == max ? "hog: stopped at " : p == -ENOMEM ? "hog: ENOMEM after " : "hog: other error after ");
            kt_putu(mib);
            kt_puts(" MiB\n");
            long ms = 0;
            if (argc > 1) for (const char *c = argv[1]; *c; c++) ms = ms * 10 + (*c - '0');
            struct { long s, ns; } req = { ms / 1000, (ms % 1000) * 1000000 };
            if (ms) sys2(SYS_nanosleep, &req, 0);
            return p == -ENOMEM ? 0 : 1;
        }
        for (long off = 0; off < (1 << 20); off += 4096) ((volatile u8 *)p)[off] = 1;
        mib++;
    }
}
