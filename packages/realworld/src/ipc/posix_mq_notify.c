/* mq_notify as Linux does it: a signal (si_code SI_MESGQ, the sender's pid, the sigval) when
 * a message reaches an empty queue, once per registration; EBUSY for a second process while
 * one is registered; NULL to unregister; the status line read(2) gives with a registration;
 * no signal while a receiver is waiting (it gets the message instead); bad sigevents.
 * Compared with the host's Linux (qemu-aarch64 7.2 answers mq_notify with ENOSYS). */
#include "ipccheck.h"
#include <fcntl.h>
#include <mqueue.h>

static volatile sig_atomic_t got_sig, got_code, got_value, got_pid;

static void on_usr1(int s, siginfo_t *si, void *u)
{
    (void)u;
    got_sig = s;
    got_code = si->si_code;
    got_value = si->si_value.sival_int;
    got_pid = si->si_pid;
}

int main(void)
{
    char name[64], buf[64], line[128];
    ssize_t n;
    snprintf(name, sizeof name, "/akuma-mqn-%d", (int)getpid());
    struct mq_attr attr = { .mq_maxmsg = 4, .mq_msgsize = 64 };
    mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR, 0600, &attr);
    SHOW(q >= 0);
    struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
    sigaction(SIGUSR1, &sa, NULL);
    struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1, .sigev_value.sival_int = 4242 };
    SHOW(mq_notify(q, &ev));
    SHOW(mq_notify(q, &ev));
    n = read(q, line, sizeof line);
    SAY("read with a registration: \"%.*s\" (pid %s)", 40, line, strstr(line, "NOTIFY_PID:") && atoi(strstr(line, "NOTIFY_PID:") + 11) == getpid() ? "mine" : "other");
    pid_t c = fork();
    if (c == 0) {
        SHOW(mq_notify(q, &ev));
        SHOW(mq_notify(q, NULL));
        _exit(0);
    }
    reap("other process registering", c);
    c = fork();
    if (c == 0) _exit(mq_send(q, "ping", 4, 0) == 0 ? 0 : 1);
    reap("sender", c);
    for (int i = 0; i < 1000 && !got_sig; i++) usleep(1000);
    SAY("signal %d code SI_MESGQ %d value %d from the sender %d", got_sig, got_code == SI_MESGQ, got_value, got_pid == c);
    got_sig = 0;
    mq_receive(q, buf, 64, NULL);
    SHOW(mq_send(q, "pong", 4, 0));
    usleep(20000);
    SAY("second message signalled: %d", got_sig);
    mq_receive(q, buf, 64, NULL);

    /* A waiting receiver takes the message: no signal. */
    SHOW(mq_notify(q, &ev));
    c = fork();
    if (c == 0) _exit(mq_receive(q, buf, 64, NULL) == 4 ? 0 : 1);
    SAY("receiver waiting: %d", wait_sleeping(c));
    SHOW(mq_send(q, "both", 4, 0));
    reap("receiver", c);
    usleep(20000);
    SAY("signalled while a receiver waited: %d", got_sig);
    SHOW(mq_notify(q, NULL));
    SHOW(mq_notify(q, &ev));
    SHOW(mq_notify(q, NULL));
    ev.sigev_notify = 99;
    SHOW(mq_notify(q, &ev));
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = 99;
    SHOW(mq_notify(q, &ev));
    ev.sigev_notify = SIGEV_NONE;
    SHOW(mq_notify(q, &ev));
    SHOW(mq_send(q, "none", 4, 0));
    usleep(20000);
    SAY("SIGEV_NONE signalled: %d", got_sig);
    SHOW(mq_notify(0, NULL));
    mq_unlink(name);
    return 0;
}
