/* sleeper [ms]: sleeps with nanosleep (default 200 ms), then prints "slept". */
#include "kt.h"

KT_START

int main(int argc, char **argv, char **envp)
{
    (void)envp;
    long ms = 200;
    if (argc > 1) { ms = 0; for (const char *p = argv[1]; *p; p++) ms = ms * 10 + (*p - '0'); }
    struct { long s, ns; } req = { ms / 1000, (ms % 1000) * 1000000 };
    long r = sys2(SYS_nanosleep, &req, 0);
    kt_puts(r == 0 ? "slept\n" : "nanosleep failed\n");
    return r == 0 ? 0 : 1;
}
