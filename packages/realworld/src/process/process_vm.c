/* process_vm_readv/process_vm_writev as debuggers and MPI libraries use them: reading a
 * fork child's memory (scattered over several iovecs on both sides), writing into it, a
 * partial transfer stopping at an unmapped remote page, EFAULT for a read-only remote page
 * or a bad address, the argument errors, and the ptrace rule for an unprivileged process
 * (its own same-uid child yes, a root process no). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static char secret[64] = "before fork";
static char inbox[64];
static const char constant[64] = "read-only data";
static char *hole; /* a page the child unmaps */

static void show(const char *what, long r)
{
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno));
    else printf("%s: %ld\n", what, r);
    fflush(stdout);
}

int main(void)
{
    int go[2], ready[2];
    pipe(go);
    pipe(ready);
    hole = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(hole + 4096 - 8, "edge!!!");
    pid_t c = fork();
    if (c == 0) {
        strcpy(secret, "the child's secret");
        munmap(hole + 4096, 4096);
        write(ready[1], "r", 1);
        char b;
        read(go[0], &b, 1);
        printf("child inbox: %s\n", inbox);
        fflush(stdout);
        _exit(0);
    }
    char b;
    read(ready[0], &b, 1);

    char part1[5] = "", part2[64] = "";
    struct iovec local[2] = { { part1, 4 }, { part2, sizeof part2 } };
    struct iovec remote[1] = { { secret, 19 } };
    show("readv", process_vm_readv(c, local, 2, remote, 1, 0));
    printf("read: [%s] [%s], mine still: %s\n", part1, part2, secret);

    char msg1[] = "hello ", msg2[] = "from the parent";
    struct iovec wl[2] = { { msg1, 6 }, { msg2, sizeof msg2 } };
    struct iovec wr[2] = { { inbox, 10 }, { inbox + 10, 40 } };
    show("writev", process_vm_writev(c, wl, 2, wr, 2, 0));

    char edge[64] = "";
    struct iovec el = { edge, sizeof edge };
    struct iovec er = { hole + 4096 - 8, 64 };
    show("readv across an unmapped page", process_vm_readv(c, &el, 1, &er, 1, 0));
    printf("got: %s\n", edge);
    struct iovec er2 = { hole + 4096, 16 };
    show("readv of the unmapped page", process_vm_readv(c, &el, 1, &er2, 1, 0));
    struct iovec cr = { (void *)constant, 8 };
    show("writev into read-only memory", process_vm_writev(c, wl, 1, &cr, 1, 0));
    show("readv of read-only memory", process_vm_readv(c, &el, 1, &cr, 1, 0));
    struct iovec bad = { (void *)8, 8 };
    show("readv into a bad local buffer", process_vm_readv(c, &bad, 1, remote, 1, 0));
    show("flags 1", process_vm_readv(c, local, 2, remote, 1, 1));
    show("1025 iovecs", process_vm_readv(c, local, 1025, remote, 1, 0));
    show("no such process", process_vm_readv(999999, local, 2, remote, 1, 0));
    show("nothing to copy", process_vm_readv(c, local, 0, remote, 1, 0));
    show("bad iovec array", process_vm_readv(c, (void *)8, 1, remote, 1, 0));

    write(go[1], "g", 1);
    waitpid(c, NULL, 0);

    /* Unprivileged: its own child of the same uid, not a root process. */
    pid_t u = fork();
    if (u == 0) {
        if (setuid(1000) < 0) _exit(9);
        prctl(PR_SET_DUMPABLE, 1); /* setuid made it undumpable: ptrace rules would refuse even its own child */
        char buf[16] = "";
        struct iovec l = { buf, 11 }, r = { secret, 11 };
        show("unprivileged, root parent", process_vm_readv(getppid(), &l, 1, &r, 1, 0));
        int p2[2];
        pipe(p2);
        pid_t g = fork();
        if (g == 0) {
            strcpy(secret, "grandchild!");
            write(p2[1], "x", 1);
            pause();
            _exit(0);
        }
        read(p2[0], buf, 1);
        show("unprivileged, own child", process_vm_readv(g, &l, 1, &r, 1, 0));
        printf("got: %.11s\n", buf);
        fflush(stdout);
        kill(g, SIGKILL);
        waitpid(g, NULL, 0);
        _exit(0);
    }
    waitpid(u, NULL, 0);
    return 0;
}
