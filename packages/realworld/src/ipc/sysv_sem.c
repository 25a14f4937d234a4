/* System V semaphores as PostgreSQL and test suites use them: SETVAL/GETVAL/SETALL/GETALL,
 * semop that blocks until another process posts (GETNCNT/GETZCNT count it meanwhile),
 * all-or-nothing operation lists, IPC_NOWAIT and semtimedop's timeout (EAGAIN), SEM_UNDO
 * undone when the process exits, IPC_RMID waking a waiter with EIDRM, a signal ending a
 * wait with EINTR even under SA_RESTART, a lock guarding a counter in shared memory between
 * four workers, and the errors Linux gives. */
#include "ipccheck.h"
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sched.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static int sem_id;

static long ncnt(long num) { return semctl(sem_id, (int)num, GETNCNT); }
static long zcnt(long num) { return semctl(sem_id, (int)num, GETZCNT); }

static int op1(int num, int op, int flags)
{
    struct sembuf b = { .sem_num = num, .sem_op = op, .sem_flg = flags };
    return semop(sem_id, &b, 1);
}

static void on_usr1(int s) { (void)s; }

int main(void)
{
    key_t key = 0x4b4d0000 | (getpid() & 0xffff);
    int id = semget(key, 3, IPC_CREAT | IPC_EXCL | 0600);
    sem_id = id;
    SHOW(id >= 0);
    SHOW(semget(key, 2, 0) == id);
    SHOW(semget(key, 4, 0));
    SHOW(semget(key, 3, IPC_CREAT | IPC_EXCL));
    SHOW(semget(IPC_PRIVATE, 0, 0600));
    SHOW(semget(IPC_PRIVATE, -1, 0600));
    SHOW(semget(key ^ 0x8000, 1, 0600));

    struct semid_ds ds;
    union semun arg = { .buf = &ds };
    SHOW(semctl(id, 0, IPC_STAT, arg));
    SAY("nsems %lu mode %o otime %ld", ds.sem_nsems, ds.sem_perm.mode & 0777, (long)ds.sem_otime);

    SHOW(semctl(id, 0, GETVAL));
    arg.val = 5;
    SHOW(semctl(id, 1, SETVAL, arg));
    SHOW(semctl(id, 1, GETVAL));
    SHOW(semctl(id, 1, GETPID) == getpid());
    arg.val = -1;
    SHOW(semctl(id, 1, SETVAL, arg));
    arg.val = 32768;
    SHOW(semctl(id, 1, SETVAL, arg));
    arg.val = 1;
    SHOW(semctl(id, 3, SETVAL, arg));
    SHOW(semctl(id, 3, GETVAL));
    SHOW(semctl(id, -1, GETVAL));
    SHOW(semctl(id, 0, 999));
    SHOW(semctl(-1, 0, GETVAL));

    unsigned short all[3] = { 2, 0, 7 };
    arg.array = all;
    SHOW(semctl(id, 0, SETALL, arg));
    unsigned short got[3] = { 0 };
    arg.array = got;
    SHOW(semctl(id, 0, GETALL, arg));
    SAY("values %u %u %u", got[0], got[1], got[2]);

    /* Operation lists are all or nothing. */
    struct sembuf two[2] = { { 0, -1, IPC_NOWAIT }, { 1, -1, IPC_NOWAIT } };
    SHOW(semop(id, two, 2));
    SHOW(semctl(id, 0, GETVAL));
    struct sembuf seq[3] = { { 0, -1, 0 }, { 0, -1, 0 }, { 2, 3, 0 } };
    SHOW(semop(id, seq, 3));
    SAY("values %d %d %d", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL), semctl(id, 2, GETVAL));
    SHOW(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    SAY("otime set %d", ds.sem_otime != 0);

    /* Errors of semop. */
    SHOW(semop(id, two, 0));
    struct sembuf big = { 5, 1, 0 };
    SHOW(semop(id, &big, 1));
    struct sembuf over = { 2, 32767, 0 };
    SHOW(semop(id, &over, 1));
    SHOW(semop(id, (struct sembuf *)8, 1));
    static struct sembuf many[501];
    SHOW(semop(id, many, 501));
    SHOW(semop(-1, two, 1));
    SHOW(op1(1, -1, IPC_NOWAIT));
    SHOW(op1(2, 0, IPC_NOWAIT));

    /* semtimedop: EAGAIN after the timeout; a bad timespec is EINVAL. */
    struct sembuf down = { 1, -1, 0 };
    struct timespec ts = { 0, 60 * 1000 * 1000 };
    double t0 = now_ms();
    SHOW(semtimedop(id, &down, 1, &ts));
    SAY("waited the timeout: %d", now_ms() - t0 >= 50);
    struct timespec bad = { 0, 2000000000 };
    SHOW(semtimedop(id, &down, 1, &bad));

    /* A child blocks until the parent posts; GETNCNT counts it meanwhile. */
    pid_t c = fork();
    if (c == 0) {
        SHOW(op1(1, -1, 0));
        _exit(0);
    }
    SAY("child waiting: %d", wait_until(ncnt, 1, 1));
    SHOW(semctl(id, 1, GETNCNT));
    long posted = op1(1, 1, 0); /* printed after the child's line: the woken child may print first */
    reap("waiting child", c);
    SHOW(posted);
    SHOW(semctl(id, 1, GETNCNT));
    SHOW(semctl(id, 1, GETPID) == c);

    /* Waiting for zero. */
    c = fork();
    if (c == 0) {
        SHOW(op1(2, 0, 0));
        SAY("child saw zero");
        _exit(0);
    }
    SAY("child waiting for zero: %d", wait_until(zcnt, 2, 1));
    arg.val = 0;
    long set0 = semctl(id, 2, SETVAL, arg);
    reap("zero-waiting child", c);
    SHOW(set0);

    /* SEM_UNDO: what a process did is undone when it exits (clamped at 0). */
    c = fork();
    if (c == 0) {
        SHOW(op1(2, 4, SEM_UNDO));
        SHOW(op1(0, 1, SEM_UNDO));
        SAY("child set values %d %d", semctl(id, 0, GETVAL), semctl(id, 2, GETVAL));
        _exit(0);
    }
    reap("undo child", c);
    SAY("after its exit: %d %d", semctl(id, 0, GETVAL), semctl(id, 2, GETVAL));
    arg.val = 3;
    semctl(id, 2, SETVAL, arg);
    c = fork();
    if (c == 0) {
        SHOW(op1(2, -2, SEM_UNDO));
        arg.val = 1;
        semctl(id, 2, SETVAL, arg); /* SETVAL clears the undo: nothing is added back at exit */
        _exit(0);
    }
    reap("undo child 2", c);
    SAY("after SETVAL cleared its undo: %d", semctl(id, 2, GETVAL));
    c = fork();
    if (c == 0) {
        SHOW(op1(2, 2, SEM_UNDO));
        arg.val = 0;
        SHOW(op1(2, -3, IPC_NOWAIT));
        _exit(0);
    }
    reap("undo child 3", c);
    SAY("after its exit (undo of +2 clamped at 0): %d", semctl(id, 2, GETVAL));

    /* A signal ends the wait with EINTR, even with SA_RESTART. */
    c = fork();
    if (c == 0) {
        struct sigaction sa = { .sa_handler = on_usr1, .sa_flags = SA_RESTART };
        sigaction(SIGUSR1, &sa, NULL);
        SHOW(op1(1, -1, 0));
        SHOW(semctl(id, 1, GETNCNT));
        _exit(0);
    }
    wait_until(ncnt, 1, 1);
    kill(c, SIGUSR1);
    reap("interrupted child", c);

    /* IPC_STAT/IPC_SET and an unprivileged process. */
    SHOW(semctl(id, 0, IPC_STAT, (union semun){ .buf = &ds }));
    ds.sem_perm.mode = 0640;
    SHOW(semctl(id, 0, IPC_SET, (union semun){ .buf = &ds }));
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(semctl(id, 0, GETVAL));
        SHOW(op1(0, 1, 0));
        SHOW(semctl(id, 0, IPC_RMID));
        _exit(0);
    }
    reap("unprivileged child", c);
    ds.sem_perm.mode = 0644;
    semctl(id, 0, IPC_SET, (union semun){ .buf = &ds });
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(semctl(id, 0, GETVAL));
        struct sembuf zero = { 1, 0, IPC_NOWAIT };
        SHOW(semop(id, &zero, 1));
        arg.val = 1;
        SHOW(semctl(id, 0, SETVAL, arg));
        _exit(0);
    }
    reap("unprivileged child, mode 644", c);

    /* IPC_RMID wakes a waiter with EIDRM. */
    c = fork();
    if (c == 0) {
        SHOW(op1(1, -1, 0));
        _exit(0);
    }
    wait_until(ncnt, 1, 1);
    long removed = semctl(id, 0, IPC_RMID);
    reap("child waiting on the removed set", c);
    SHOW(removed);
    SHOW(semctl(id, 0, GETVAL));
    SHOW(op1(0, 1, 0));

    /* A lock (one semaphore) guarding a counter in shared memory, four workers. */
    int lock = semget(IPC_PRIVATE, 1, 0600);
    sem_id = lock;
    arg.val = 1;
    semctl(lock, 0, SETVAL, arg);
    int shm = shmget(IPC_PRIVATE, 4096, 0600);
    volatile long *counter = shmat(shm, NULL, 0);
    shmctl(shm, IPC_RMID, NULL);
    for (int w = 0; w < 4; w++) {
        if (fork() == 0) {
            for (int i = 0; i < 300; i++) {
                op1(0, -1, SEM_UNDO);
                long v = *counter;
                if ((i & 31) == 0) sched_yield();
                *counter = v + 1;
                op1(0, 1, SEM_UNDO);
            }
            _exit(0);
        }
    }
    for (int w = 0; w < 4; w++) wait(NULL);
    SAY("counter %ld lock value %d", *counter, semctl(lock, 0, GETVAL));
    semctl(lock, 0, IPC_RMID);
    return 0;
}
