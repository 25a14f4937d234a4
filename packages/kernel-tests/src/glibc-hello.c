/* glibc-hello: a static glibc program (start-up needs brk, set_tid_address, set_robust_list,
 * rseq, prlimit64, readlinkat, getrandom, mprotect), printf, malloc, getenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    printf("hello from glibc, argc=%d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    const char *v = getenv("AKUMA_TEST");
    printf("AKUMA_TEST=%s\n", v ? v : "(unset)");
    size_t total = 0;
    for (int i = 1; i <= 200; i++) {
        char *p = malloc(i * 100);
        memset(p, i, i * 100);
        total += p[i * 100 - 1];
        free(p);
    }
    char *big = malloc(4 << 20);
    memset(big, 1, 4 << 20);
    printf("malloc ok %zu %d\n", total, big[(4 << 20) - 1]);
    free(big);
    double x = 1.5;
    for (int i = 0; i < 10; i++) x = x * 1.25 + 0.5;
    printf("float %.6f\n", x);
    return 0;
}
