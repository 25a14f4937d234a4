/* bigbss: a 48 MiB .bss and initialised data; checks both and touches the bss sparsely.
 * Built twice: with GNU ld and with lld (whose segments sit at unaligned file offsets). */
#include "kt.h"

KT_START

static u8 big[48 << 20];
static u64 table[64] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
static const char message[] = "bigbss: data intact\n";

int main(int argc, char **argv, char **envp)
{
    (void)argc; (void)argv; (void)envp;
    u64 sum = 0;
    for (int i = 0; i < 16; i++) sum += table[i];
    if (sum != 136) { kt_puts("bigbss: data wrong\n"); return 1; }
    kt_puts(message);
    u64 nonzero = 0;
    for (u64 off = 0; off < sizeof big; off += (1 << 20)) { nonzero |= big[off]; big[off] = (u8)(off >> 20); }
    nonzero |= big[sizeof big - 1];
    u64 check = 0;
    for (u64 off = 0; off < sizeof big; off += (1 << 20)) check += big[off];
    kt_puts(nonzero ? "bigbss: bss not zero\n" : "bigbss: bss zero\n");
    kt_puts("bigbss: sum ");
    kt_putu(check);
    kt_puts("\n");
    return nonzero ? 1 : 0;
}
