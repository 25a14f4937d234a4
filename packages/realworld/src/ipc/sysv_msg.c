/* System V message queues as test suites and older daemons use them: typed messages and the
 * four ways msgrcv picks one (first, first of a type, first of another type with MSG_EXCEPT,
 * lowest type up to a bound), E2BIG and MSG_NOERROR truncation, IPC_NOWAIT (ENOMSG, EAGAIN
 * on a full queue), a receiver blocking until its type arrives, a sender blocking until the
 * queue has room (IPC_SET of msg_qbytes), IPC_RMID waking a waiter with EIDRM, IPC_STAT's
 * counters, an unprivileged process, and the errors Linux gives. */
#include "ipccheck.h"
#include <sys/ipc.h>
#include <sys/msg.h>

struct msg { long type; char text[256]; };

static int send(int q, long type, const char *text, int flags)
{
    struct msg m = { .type = type };
    strcpy(m.text, text);
    return msgsnd(q, &m, strlen(text) + 1, flags);
}

static void recv(int q, size_t max, long type, int flags)
{
    struct msg m;
    memset(&m, 0, sizeof m);
    long n = msgrcv(q, &m, max, type, flags);
    if (n < 0) SAY("msgrcv(type %ld): -1 %s", type, strerrorname_np(errno));
    else SAY("msgrcv(type %ld): %ld bytes, type %ld, \"%.*s\"", type, n, m.type, (int)n, m.text);
}

static int queue;
static long qnum(long q)
{
    struct msqid_ds ds;
    if (msgctl((int)q, IPC_STAT, &ds) < 0) return -1;
    return (long)ds.msg_qnum;
}

int main(void)
{
    key_t key = 0x4b510000 | (getpid() & 0xffff);
    int q = msgget(key, IPC_CREAT | IPC_EXCL | 0600);
    queue = q;
    SHOW(q >= 0);
    SHOW(msgget(key, 0) == q);
    SHOW(msgget(key, IPC_CREAT | IPC_EXCL | 0600));
    SHOW(msgget(key ^ 0x8000, 0600));

    struct msqid_ds ds;
    SHOW(msgctl(q, IPC_STAT, &ds));
    SAY("qnum %lu cbytes %lu qbytes %lu mode %o stime %ld", ds.msg_qnum, ds.__msg_cbytes, ds.msg_qbytes, ds.msg_perm.mode & 0777, (long)ds.msg_stime);

    SHOW(send(q, 1, "one", 0));
    SHOW(send(q, 3, "three", 0));
    SHOW(send(q, 2, "two", 0));
    SHOW(send(q, 2, "two again", 0));
    SHOW(send(q, 5, "five", 0));
    SHOW(msgctl(q, IPC_STAT, &ds));
    SAY("qnum %lu cbytes %lu lspid ok %d stime set %d", ds.msg_qnum, ds.__msg_cbytes, ds.msg_lspid == getpid(), ds.msg_stime != 0);

    recv(q, 256, 2, 0);
    recv(q, 256, -4, 0);
    recv(q, 256, 1, MSG_EXCEPT);
    recv(q, 256, 0, 0);
    recv(q, 2, 0, 0);
    recv(q, 2, 0, MSG_NOERROR);
    recv(q, 256, 9, IPC_NOWAIT);
    recv(q, 256, 0, IPC_NOWAIT);
    SHOW(msgctl(q, IPC_STAT, &ds));
    /* (msg_lrpid is not compared: qemu-aarch64 7.2 writes msg_lspid as 8 bytes over it.) */
    SAY("qnum %lu cbytes %lu rtime set %d", ds.msg_qnum, ds.__msg_cbytes, ds.msg_rtime != 0);

    /* Errors of msgsnd and msgrcv. */
    SHOW(send(q, 0, "zero type", 0));
    SHOW(send(q, -3, "negative type", 0));
    static struct msg huge;
    huge.type = 1;
    SHOW(msgsnd(q, &huge, 8193, 0));
    SHOW(msgsnd(q, (void *)8, 4, 0));
    SHOW(msgsnd(-1, &huge, 4, 0));
    SHOW(msgsnd(q + 1, &huge, 4, 0));
    SHOW(msgrcv(q, &huge, (size_t)-1, 0, IPC_NOWAIT));
    SHOW(msgrcv(q + 1, &huge, 4, 0, IPC_NOWAIT));
    SHOW(msgctl(q, 999, &ds));
    SHOW(msgctl(q, IPC_STAT, (void *)8));

    /* A receiver waits until its type arrives. */
    pid_t c = fork();
    if (c == 0) {
        struct msg m;
        long n = msgrcv(q, &m, sizeof m.text, 7, 0);
        _exit(n == 6 && m.type == 7 && strcmp(m.text, "seven") == 0 ? 0 : 1);
    }
    SAY("receiver waiting: %d", wait_sleeping(c));
    SHOW(send(q, 6, "six", 0));
    SHOW(send(q, 7, "seven", 0));
    reap("receiver of type 7", c);
    SHOW(qnum(q));
    recv(q, 256, 0, 0);

    /* A full queue: EAGAIN with IPC_NOWAIT, else the sender waits for room. */
    SHOW(msgctl(q, IPC_STAT, &ds));
    ds.msg_qbytes = 100;
    SHOW(msgctl(q, IPC_SET, &ds));
    char text[60];
    memset(text, 'x', 59);
    text[59] = 0;
    SHOW(send(q, 1, text, 0));
    SHOW(send(q, 1, text, IPC_NOWAIT));
    c = fork();
    if (c == 0) _exit(send(q, 2, text, 0) == 0 ? 0 : 1);
    SAY("sender waiting: %d", wait_sleeping(c));
    SHOW(qnum(q));
    recv(q, 5, 0, MSG_NOERROR);
    reap("blocked sender", c);
    recv(q, 256, 0, 0);
    SHOW(msgctl(q, IPC_STAT, &ds));
    SAY("qbytes %lu", ds.msg_qbytes);

    /* An unprivileged process. */
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(send(q, 1, "no", 0));
        SHOW(msgrcv(q, &huge, 4, 0, IPC_NOWAIT));
        SHOW(msgctl(q, IPC_STAT, &ds));
        SHOW(msgctl(q, IPC_RMID, NULL));
        SHOW(msgget(key, 0) >= 0);
        SHOW(msgget(key, 0600));
        _exit(0);
    }
    reap("unprivileged child", c);
    ds.msg_perm.mode = 0622;
    SHOW(msgctl(q, IPC_SET, &ds));
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(send(q, 4, "from nobody", 0));
        SHOW(msgrcv(q, &huge, 4, 0, IPC_NOWAIT));
        SHOW(msgctl(q, IPC_STAT, &ds));
        SHOW(msgctl(q, IPC_SET, &ds));
        _exit(0);
    }
    reap("unprivileged child, mode 622", c);
    recv(q, 256, 4, IPC_NOWAIT);

    /* IPC_RMID wakes a waiting receiver with EIDRM. */
    c = fork();
    if (c == 0) {
        long n = msgrcv(q, &huge, 4, 0, 0);
        _exit(n < 0 && errno == EIDRM ? 0 : 1);
    }
    SAY("receiver waiting: %d", wait_sleeping(c));
    SHOW(msgctl(q, IPC_RMID, NULL));
    reap("receiver on the removed queue", c);
    SHOW(msgctl(q, IPC_STAT, &ds));
    SHOW(send(q, 1, "gone", 0));

    /* A work queue: three producers, one consumer summing what they send. */
    int wq = msgget(IPC_PRIVATE, 0600);
    for (int p = 0; p < 3; p++) {
        if (fork() == 0) {
            for (int i = 1; i <= 200; i++) {
                struct { long type; int v; } m = { p + 1, i };
                msgsnd(wq, &m, sizeof m.v, 0);
            }
            _exit(0);
        }
    }
    long sum[4] = { 0 };
    for (int i = 0; i < 600; i++) {
        struct { long type; int v; } m;
        if (msgrcv(wq, &m, sizeof m.v, 0, 0) != sizeof m.v) break;
        sum[m.type] += m.v;
    }
    for (int p = 0; p < 3; p++) wait(NULL);
    SAY("sums %ld %ld %ld", sum[1], sum[2], sum[3]);
    msgctl(wq, IPC_RMID, NULL);
    (void)qnum;
    return 0;
}
