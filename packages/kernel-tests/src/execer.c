/* execer <program> [args...]: tries execve on paths that must fail (missing, not executable,
 * not ELF), printing each errno, then execs <program> with the remaining arguments. */
#include "kt.h"

KT_START

#define SYS_execve 221
#define EACCES 13
#define ENOEXEC 8

static void attempt(const char *path, char **envp)
{
    char *argv[] = { (char *)path, 0 };
    long r = sys3(SYS_execve, path, argv, envp);
    kt_puts("execve ");
    kt_puts(path);
    kt_puts(r == -ENOENT ? ": ENOENT\n" : r == -EACCES ? ": EACCES\n" : r == -ENOEXEC ? ": ENOEXEC\n" : r == -EFAULT ? ": EFAULT\n" : ": other\n");
}

int main(int argc, char **argv, char **envp)
{
    attempt("/bin/missing", envp);
    attempt("/etc/hostname", envp);
    attempt("/tmp/notelf", envp);
    long r = sys3(SYS_execve, (char *)0x10, argv, envp);
    kt_puts(r == -EFAULT ? "execve bad pointer: EFAULT\n" : "execve bad pointer: other\n");
    if (argc < 2) return 1;
    sys3(SYS_execve, argv[1], argv + 1, envp);
    kt_puts("execve failed\n");
    return 1;
}
