/* execveat as glibc's fexecve and sandboxes use it: a path relative to a directory fd, the
 * open file itself with AT_EMPTY_PATH (also through O_PATH, and a #! script, whose
 * interpreter gets /dev/fd/N), AT_SYMLINK_NOFOLLOW refusing a symlink, and the errors
 * (ENOENT, ENOTDIR, EBADF, EINVAL, EACCES, ELOOP). Each exec runs in a fork child, which
 * prints its argv and comm; the program copies itself into a scratch directory first. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64];
static char *const child_env[] = { "AKUMA_EXEC_CHILD=1", NULL };

static int execat(int dirfd, const char *path, char *const argv[], int flags)
{
    return syscall(SYS_execveat, dirfd, path, argv, child_env, flags);
}

/* Runs one execveat in a fork child: the child's own output, or the errno it failed with. */
static void attempt(const char *what, int dirfd, const char *path, int flags)
{
    char *argv[] = { "given-argv0", "arg1", NULL };
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        execat(dirfd, path, argv, flags);
        printf("%s: -1 %s\n", what, strerrorname_np(errno));
        fflush(stdout);
        _exit(1);
    }
    int st;
    waitpid(c, &st, 0);
    printf("%s: exit %d\n", what, WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
    fflush(stdout);
}

static void copy_self(const char *to, mode_t mode)
{
    int in = open("/proc/self/exe", O_RDONLY);
    int out = open(to, O_CREAT | O_WRONLY | O_TRUNC, mode);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) write(out, buf, n);
    close(in);
    close(out);
    chmod(to, mode);
}

int main(int argc, char **argv)
{
    if (getenv("AKUMA_EXEC_CHILD")) {
        char comm[32] = "";
        int f = open("/proc/self/comm", O_RDONLY);
        ssize_t n = read(f, comm, sizeof comm - 1);
        if (n > 0) comm[n - 1] = 0;
        printf("  child: argc %d", argc);
        for (int i = 0; i < argc; i++) {
            /* the scratch directory has the pid in it: only the last part is printed */
            printf(" [%s]", strstr(argv[i], "/akuma-execat-") ? strrchr(argv[i], '/') : argv[i]);
        }
        printf(" comm %s\n", comm);
        return 0;
    }
    snprintf(dir, sizeof dir, "/tmp/akuma-execat-%d", (int)getpid());
    mkdir(dir, 0755);
    char prog[128], plain[128], link[128], script[128];
    snprintf(prog, sizeof prog, "%s/prog", dir);
    snprintf(plain, sizeof plain, "%s/plain", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    snprintf(script, sizeof script, "%s/script", dir);
    copy_self(prog, 0755);
    copy_self(plain, 0644);
    symlink("prog", link);
    FILE *s = fopen(script, "w");
    fprintf(s, "#!%s\n", prog);
    fclose(s);
    chmod(script, 0755);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    int pfd = open(prog, O_RDONLY);
    int path_fd = open(prog, O_PATH);
    int sfd = open(script, O_RDONLY);
    int plainfd = open(plain, O_RDONLY);

    attempt("absolute path", AT_FDCWD, prog, 0);
    attempt("relative to a directory fd", dfd, "prog", 0);
    attempt("through a symlink", dfd, "link", 0);
    attempt("symlink with AT_SYMLINK_NOFOLLOW", dfd, "link", AT_SYMLINK_NOFOLLOW);
    attempt("the open file (fexecve)", pfd, "", AT_EMPTY_PATH);
    attempt("an O_PATH descriptor", path_fd, "", AT_EMPTY_PATH);
    attempt("a script by descriptor", sfd, "", AT_EMPTY_PATH);
    attempt("empty path without AT_EMPTY_PATH", pfd, "", 0);
    attempt("unknown flag", dfd, "prog", 0x4);
    attempt("relative to a file fd", pfd, "prog", 0);
    {
        int closed = open("/dev/null", O_RDONLY); /* a number certainly not open (99 may be inherited) */
        close(closed);
        attempt("relative to a closed fd", closed, "prog", 0);
    }
    attempt("a directory by descriptor", dfd, "", AT_EMPTY_PATH);
    attempt("a file without x by descriptor", plainfd, "", AT_EMPTY_PATH);
    attempt("a file without x by name", dfd, "plain", 0);
    attempt("missing", dfd, "nothing", 0);

    unlink(prog);
    unlink(plain);
    unlink(link);
    unlink(script);
    rmdir(dir);
    return 0;
}
