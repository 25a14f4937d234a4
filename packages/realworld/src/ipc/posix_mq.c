/* POSIX message queues as daemons and test suites use them: priorities (highest first,
 * FIFO within one), mq_getattr/mq_setattr (O_NONBLOCK), EAGAIN on a full or empty
 * non-blocking queue, mq_timedreceive/mq_timedsend timing out (ETIMEDOUT), a receiver in a
 * fork child blocking until a message comes, a sender blocking until there is room, a queue
 * outliving mq_unlink while open, poll on the descriptor, its status line from read(2),
 * permissions and limits for an unprivileged process, and the errors Linux gives.
 * (mq_notify is posix_mq_notify.c: qemu-aarch64 7.2 answers it ENOSYS.) */
#include "ipccheck.h"
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <sys/stat.h>

static char name[64];
static void recv_one(mqd_t q)
{
    char buf[8192];
    unsigned prio = 0;
    ssize_t n = mq_receive(q, buf, sizeof buf, &prio);
    if (n < 0) SAY("mq_receive: -1 %s", strerrorname_np(errno));
    else SAY("mq_receive: %zd bytes prio %u \"%.*s\"", n, prio, (int)n, buf);
}

static struct timespec in_ms(long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_REALTIME, &t);
    t.tv_nsec += ms * 1000000;
    t.tv_sec += t.tv_nsec / 1000000000;
    t.tv_nsec %= 1000000000;
    return t;
}

int main(void)
{
    snprintf(name, sizeof name, "/akuma-mq-%d", (int)getpid());
    mq_unlink(name);
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0640, &attr);
    SHOW(q >= 0);
    SHOW(mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr));
    struct mq_attr a;
    SHOW(mq_getattr(q, &a));
    SAY("flags %ld maxmsg %ld msgsize %ld curmsgs %ld", a.mq_flags, a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs);
    struct stat st;
    SHOW(fstat(q, &st));
    SAY("regular %d mode %o", S_ISREG(st.st_mode), st.st_mode & 0777);

    SHOW(mq_send(q, "low", 3, 1));
    SHOW(mq_send(q, "high", 4, 9));
    SHOW(mq_send(q, "low again", 9, 1));
    SHOW(mq_send(q, "middle", 6, 5));
    SHOW(mq_getattr(q, &a));
    SAY("curmsgs %ld", a.mq_curmsgs);
    char line[128];
    ssize_t n = read(q, line, sizeof line);
    SAY("read: %zd \"%.*s\"", n, (int)(n > 0 ? n - 1 : 0), line);
    struct pollfd pfd = { .fd = q, .events = POLLIN | POLLOUT };
    SHOW(poll(&pfd, 1, 0));
    SAY("revents in %d out %d", !!(pfd.revents & POLLIN), !!(pfd.revents & POLLOUT));

    /* Full: non-blocking EAGAIN, a timeout ETIMEDOUT. */
    struct mq_attr nb = { .mq_flags = O_NONBLOCK }, old;
    SHOW(mq_setattr(q, &nb, &old));
    SAY("old flags %ld", old.mq_flags);
    SHOW(mq_send(q, "x", 1, 0));
    nb.mq_flags = 0;
    SHOW(mq_setattr(q, &nb, NULL));
    struct timespec ts = in_ms(50);
    double t0 = now_ms();
    SHOW(mq_timedsend(q, "x", 1, 0, &ts));
    SAY("waited: %d", now_ms() - t0 >= 40);

    char buf[64];
    SHOW(mq_receive(q, buf, 63, NULL));
    for (int i = 0; i < 4; i++) recv_one(q);
    ts = in_ms(50);
    SHOW(mq_timedreceive(q, buf, 64, NULL, &ts));
    struct timespec past = { 1, 0 };
    SHOW(mq_timedreceive(q, buf, 64, NULL, &past));
    struct timespec bad = { 0, 1000000000 };
    SHOW(mq_timedreceive(q, buf, 64, NULL, &bad));
    SHOW(mq_send(q, "too long for the queue's message size of sixty-four bytes, truly long", 70, 0));
    SHOW(mq_send(q, "p", 1, 32768));
    SHOW(mq_send(99, "p", 1, 0));
    SHOW(mq_send(1, "p", 1, 0));

    /* A child waits for a message; another waits for room. */
    pid_t c = fork();
    if (c == 0) {
        char b[64];
        unsigned p;
        ssize_t r = mq_receive(q, b, sizeof b, &p);
        _exit(r == 5 && p == 3 && memcmp(b, "wake!", 5) == 0 ? 0 : 1);
    }
    SAY("receiver waiting: %d", wait_sleeping(c));
    SHOW(mq_send(q, "wake!", 5, 3));
    reap("receiver", c);
    for (int i = 0; i < 4; i++) mq_send(q, "fill", 4, 0);
    c = fork();
    if (c == 0) _exit(mq_send(q, "room", 4, 7) == 0 ? 0 : 1);
    SAY("sender waiting: %d", wait_sleeping(c));
    recv_one(q);
    reap("sender", c);
    recv_one(q);
    for (int i = 0; i < 3; i++) mq_receive(q, buf, 64, NULL);

    /* An unprivileged process: permission bits, the limits of a user without CAP_SYS_RESOURCE. */
    c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        SHOW(mq_open(name, O_RDWR));
        mqd_t r = mq_open(name, O_RDONLY);
        SHOW(r >= 0);
        SHOW(mq_unlink(name));
        char own[80];
        snprintf(own, sizeof own, "%s-nobody", name);
        struct mq_attr big = { .mq_maxmsg = 11, .mq_msgsize = 64 };
        SHOW(mq_open(own, O_CREAT | O_RDWR, 0600, &big));
        big.mq_maxmsg = 10;
        big.mq_msgsize = 8193;
        SHOW(mq_open(own, O_CREAT | O_RDWR, 0600, &big));
        big.mq_msgsize = 0;
        SHOW(mq_open(own, O_CREAT | O_RDWR, 0600, &big));
        mqd_t mine = mq_open(own, O_CREAT | O_RDWR, 0600, NULL);
        SHOW(mine >= 0);
        SHOW(mq_getattr(mine, &a));
        SAY("default maxmsg %ld msgsize %ld", a.mq_maxmsg, a.mq_msgsize);
        SHOW(mq_unlink(own));
        _exit(0);
    }
    reap("unprivileged child", c);

    /* Names and opening. */
    SHOW(mq_open("/", O_RDWR));
    SHOW(mq_open("/a/b", O_CREAT | O_RDWR, 0600, NULL));
    SHOW(mq_open("/akuma-no-such-queue", O_RDWR));
    SHOW(mq_unlink("/akuma-no-such-queue"));
    mqd_t w = mq_open(name, O_WRONLY);
    SHOW(w >= 0);
    SHOW(mq_receive(w, buf, 64, NULL));

    /* Unlinked while open: the queue lives on for its descriptors, the name is free at once. */
    SHOW(mq_send(q, "still here", 10, 2));
    SHOW(mq_unlink(name));
    SHOW(mq_open(name, O_RDWR));
    recv_one(q);
    mqd_t again = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, NULL);
    SHOW(again >= 0);
    SHOW(mq_getattr(again, &a));
    SAY("new queue: maxmsg %ld msgsize %ld curmsgs %ld", a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs);
    mq_close(again);
    SHOW(mq_unlink(name));
    SHOW(mq_close(q));
    SHOW(mq_close(q));
    return 0;
}
