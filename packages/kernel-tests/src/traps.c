/* traps <kind>: takes one kind of exception from EL0.
 *   udf   undefined instruction (SIGILL)    brk   BRK #0x3e8 (SIGTRAP)
 *   exec  jump to a non-executable page     ro    store to read-only text (permission fault)
 *   stack deep recursion past the stack limit (SIGSEGV) */
#include "kt.h"

KT_START

static u32 data_word = 0xd65f03c0; /* ret, in .data: not executable */

static int recurse(int n)
{
    volatile char pad[65536];
    pad[0] = (char)n;
    return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    const char *k = argc > 1 ? argv[1] : "udf";
    kt_puts("traps: ");
    kt_puts(k);
    kt_puts("\n");
    if (kt_streq(k, "udf")) __asm__ volatile(".inst 0x00000000");
    else if (kt_streq(k, "brk")) __asm__ volatile("brk #0x3e8");
    else if (kt_streq(k, "exec")) ((void (*)(void))&data_word)();
    else if (kt_streq(k, "ro")) *(volatile u32 *)&main = 0;
    else if (kt_streq(k, "stack")) return recurse(0);
    kt_puts("traps: survived\n");
    return 0;
}
