/* System V shared memory as PostgreSQL and test suites use it: a segment shared between a
 * parent and its fork children (inherited attaches and fresh ones), two attaches in one
 * process seeing the same bytes, shm_nattch following attach, detach, fork and exit,
 * IPC_RMID of an attached segment (SHM_DEST, private key, gone after the last detach),
 * SHM_RDONLY faulting on a store, SHM_RND and SHM_REMAP, IPC_SET, permission checks from an
 * unprivileged child, and the errors Linux gives. */
#include "ipccheck.h"
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>

static int nattch(int id)
{
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0) return -1;
    return (int)ds.shm_nattch;
}

static long nattch_of(long id) { return nattch((int)id); }

int main(void)
{
    key_t key = 0x4b530000 | (getpid() & 0xffff);
    int id = shmget(key, 10000, IPC_CREAT | IPC_EXCL | 0600);
    SHOW(id >= 0);
    struct shmid_ds ds;
    SHOW(shmctl(id, IPC_STAT, &ds));
    SAY("segsz %zu nattch %lu mode %o key ok %d cpid ok %d uid %u", ds.shm_segsz, ds.shm_nattch, ds.shm_perm.mode & 0777,
        ds.shm_perm.__key == key, ds.shm_cpid == getpid(), ds.shm_perm.uid);
    SAY("atime %d", ds.shm_atime != 0);

    /* Lookup by key: the same id; errors of shmget. */
    SHOW(shmget(key, 5000, 0) == id);
    SHOW(shmget(key, 20000, 0));
    SHOW(shmget(key, 100, IPC_CREAT | IPC_EXCL | 0600));
    SHOW(shmget(key ^ 0x8000, 100, 0600));
    SHOW(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600));

    char *p = shmat(id, NULL, 0);
    SHOW(p != (void *)-1);
    SHOW(((unsigned long)p) % 4096);
    SAY("fresh segment is zero: %d", p[0] == 0 && p[9999] == 0);
    SHOW(nattch(id));
    SHOW(shmctl(id, IPC_STAT, &ds));
    SAY("atime set %d lpid ok %d", ds.shm_atime != 0, ds.shm_lpid == getpid());
    strcpy(p, "hello from the parent");

    /* A fork child inherits the attach (nattch 2 while it lives) and writes through it. */
    pid_t c = fork();
    if (c == 0) {
        SAY("child sees nattch %d and reads: %s", nattch(id), p);
        strcpy(p + 100, "reply from the child");
        /* A fresh attach in the child at another address shows the same bytes. */
        char *q = shmat(id, NULL, SHM_RDONLY);
        SAY("child second attach reads: %s, nattch %d", q + 100, nattch(id));
        shmdt(q);
        _exit(0);
    }
    reap("child", c);
    SAY("parent reads: %s", p + 100);
    SHOW(nattch(id));

    /* Two attaches in one process share their pages. */
    char *q = shmat(id, NULL, 0);
    SHOW(q != p);
    q[5000] = 'Q';
    SAY("through the first: %c, nattch %d", p[5000], nattch(id));
    SHOW(shmdt(q));
    SHOW(nattch(id));

    /* Detaching: an address that is not an attach, an unaligned one. */
    SHOW(shmdt(p + 4096));
    SHOW(shmdt(p + 1));
    SHOW(shmdt((void *)0x1000));

    /* SHM_RDONLY: a store faults. */
    c = fork();
    if (c == 0) {
        volatile char *r = shmat(id, NULL, SHM_RDONLY);
        SAY("read-only attach reads: %c", r[5000]);
        r[0] = 'x';
        _exit(0);
    }
    reap("store to read-only attach", c);

    /* A fixed address: over an existing mapping only with SHM_REMAP; SHM_RND rounds to SHMLBA. */
    char *area = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *aligned = (char *)(((unsigned long)area + 0x10000) & ~0xffffUL);
    SHOW(shmat(id, aligned, 0) == (void *)-1);
    SAY("errno %s", strerrorname_np(errno));
    char *fixed = shmat(id, aligned, SHM_REMAP);
    SAY("SHM_REMAP at the address asked: %d, reads %c", fixed == aligned, fixed[5000]);
    SHOW(shmdt(fixed));
    char *rounded = shmat(id, aligned + 4096 * 3 + 5, SHM_RND | SHM_REMAP);
    SAY("SHM_RND rounds down to SHMLBA (a page on arm64): %d", rounded == aligned + 4096 * 3);
    SHOW(shmdt(rounded));
    SHOW(shmat(id, aligned + 5, SHM_REMAP) == (void *)-1);
    SAY("errno %s", strerrorname_np(errno));
    munmap(area, 1 << 20);

    /* Errors of shmat and shmctl. */
    SHOW(shmat(id + 1, NULL, 0) == (void *)-1);
    SAY("errno %s", strerrorname_np(errno));
    SHOW(shmat(-1, NULL, 0) == (void *)-1);
    SAY("errno %s", strerrorname_np(errno));
    SHOW(shmctl(id, 12345, &ds));
    SHOW(shmctl(-1, IPC_STAT, &ds));
    SHOW(shmctl(id, IPC_STAT, (void *)8));

    /* IPC_SET: new permission bits. */
    ds.shm_perm.mode = 0644;
    SHOW(shmctl(id, IPC_SET, &ds));
    SHOW(shmctl(id, IPC_STAT, &ds));
    SAY("mode now %o", ds.shm_perm.mode & 0777);

    /* An unprivileged child: may read (0644) but not write, stat, not remove. */
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(shmat(id, NULL, 0) == (void *)-1);
        SAY("errno %s", strerrorname_np(errno));
        char *r = shmat(id, NULL, SHM_RDONLY);
        SAY("unprivileged read-only attach reads: %s", r);
        SHOW(shmctl(id, IPC_STAT, &ds));
        SHOW(shmctl(id, IPC_RMID, NULL));
        ds.shm_perm.mode = 0666;
        SHOW(shmctl(id, IPC_SET, &ds));
        SHOW(shmget(key, 0, 0600) >= 0);
        SHOW(shmget(key, 0, 0400) >= 0);
        _exit(0);
    }
    reap("unprivileged child", c);
    ds.shm_perm.mode = 0600;
    shmctl(id, IPC_SET, &ds);
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(shmctl(id, IPC_STAT, &ds));
        SHOW(shmat(id, NULL, SHM_RDONLY) == (void *)-1);
        SAY("errno %s", strerrorname_np(errno));
        _exit(0);
    }
    reap("unprivileged child, mode 600", c);

    /* IPC_RMID while attached: SHM_DEST, the private key, usable until the last detach. */
    c = fork();
    if (c == 0) {
        /* The child keeps its inherited attach a while after the parent detaches. */
        wait_until(nattch_of, id, 1);
        SAY("child still reads after IPC_RMID: %s", p);
        _exit(0);
    }
    SHOW(shmctl(id, IPC_RMID, NULL));
    SHOW(shmctl(id, IPC_STAT, &ds));
    SAY("after IPC_RMID: dest %d key %d nattch %lu", (ds.shm_perm.mode & SHM_DEST) != 0, ds.shm_perm.__key, ds.shm_nattch);
    SHOW(shmget(key, 100, 0600));
    long detached = shmdt(p); /* printed after the child's line, which this detach lets it print */
    reap("child holding the removed segment", c);
    SHOW(detached);
    SHOW(shmctl(id, IPC_STAT, &ds));
    SHOW(shmat(id, NULL, 0) == (void *)-1);
    SAY("errno %s", strerrorname_np(errno));

    /* A segment nobody attached goes at once; a private one per fork child, freed at exit. */
    int id2 = shmget(IPC_PRIVATE, 3 * 4096 + 1, 0600);
    SHOW(shmctl(id2, IPC_STAT, &ds));
    SAY("segsz %zu", ds.shm_segsz);
    SHOW(shmctl(id2, IPC_RMID, NULL));
    SHOW(shmctl(id2, IPC_STAT, &ds));

    /* A bigger segment as a PostgreSQL-style shared buffer pool: four workers fill their parts. */
    int pool = shmget(IPC_PRIVATE, 4 << 20, IPC_CREAT | 0600);
    long *buf = shmat(pool, NULL, 0);
    shmctl(pool, IPC_RMID, NULL);
    for (int w = 0; w < 4; w++) {
        if (fork() == 0) {
            long *mine = buf + w * (1 << 17);
            for (int i = 0; i < (1 << 17); i++) mine[i] = (long)w * 1000000 + i;
            _exit(0);
        }
    }
    for (int w = 0; w < 4; w++) wait(NULL);
    long sum = 0;
    for (int i = 0; i < (1 << 19); i++) sum += buf[i];
    SAY("pool sum %ld nattch %d", sum, nattch(pool));
    SHOW(shmdt(buf));
    SHOW(shmctl(pool, IPC_STAT, &ds));
    return 0;
}
