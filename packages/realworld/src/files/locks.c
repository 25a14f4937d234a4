/* Advisory locks between fork'ed processes: flock (shared, exclusive, non-blocking, released
 * at close), fcntl record locks (F_GETLK reports the holder, F_SETLK fails with EAGAIN,
 * F_SETLKW waits, close releases), and open-file-description locks. */
#include "common.h"
#include <sys/file.h>
#include <sys/wait.h>

static int child_status(pid_t p)
{
    int st;
    waitpid(p, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Waits (up to 30 s) until process p sleeps, as /proc/p/stat's state says: a child that told
 * us it is about to wait for a lock is then really waiting, however slow the host. A fixed
 * usleep() instead would let a slow child reach its wait after the parent's next step. */
static void wait_sleeping(pid_t p)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)p);
    for (int i = 0; i < 30000; i++) {
        int fd = open(path, O_RDONLY);
        ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
        if (fd >= 0) close(fd);
        if (n > 0) {
            buf[n] = 0;
            const char *end = strrchr(buf, ')');
            if (end && end[1] == ' ' && end[2] == 'S') return;
        }
        usleep(1000);
    }
    SAY("the child never slept");
}

static void lockrange(struct flock *l, short type, off_t start, off_t len)
{
    memset(l, 0, sizeof *l);
    l->l_type = type;
    l->l_whence = SEEK_SET;
    l->l_start = start;
    l->l_len = len;
}

int main(int argc, char **argv)
{
    setup(argc, argv);
    const char *c = argv[2];
    put("f", "0123456789");
    if (!strcmp(c, "flock")) {
        int fd = open(at("f"), O_RDWR);
        SHOW(flock(fd, LOCK_EX));
        pid_t p = fork();
        if (p == 0) {
            int mine = open(at("f"), O_RDWR);
            SHOW(flock(mine, LOCK_EX | LOCK_NB));
            SHOW(flock(mine, LOCK_SH | LOCK_NB));
            SHOW(flock(fd, LOCK_EX | LOCK_NB)); /* the inherited description holds it */
            _exit(0);
        }
        SAY("child: %d", child_status(p));
        SHOW(flock(fd, LOCK_SH));
        p = fork();
        if (p == 0) {
            int mine = open(at("f"), O_RDWR);
            SHOW(flock(mine, LOCK_SH | LOCK_NB));
            SHOW(flock(mine, LOCK_EX | LOCK_NB));
            _exit(0);
        }
        SAY("child: %d", child_status(p));
        SHOW(close(fd));
        int again = open(at("f"), O_RDWR);
        SHOW(flock(again, LOCK_EX | LOCK_NB));
        SHOW(flock(again, LOCK_UN));
        SHOW(flock(again, 99));
        SHOW(flock(again, 3));
    } else if (!strcmp(c, "fcntl")) {
        int fd = open(at("f"), O_RDWR);
        struct flock l;
        lockrange(&l, F_WRLCK, 0, 5);
        SHOW(fcntl(fd, F_SETLK, &l));
        pid_t p = fork();
        if (p == 0) {
            int mine = open(at("f"), O_RDWR);
            struct flock q;
            lockrange(&q, F_RDLCK, 2, 1);
            SHOW(fcntl(mine, F_GETLK, &q));
            SAY("F_GETLK: type %s start %ld len %ld holder is parent %d", q.l_type == F_WRLCK ? "F_WRLCK" : "other", (long)q.l_start, (long)q.l_len, q.l_pid == getppid());
            lockrange(&q, F_RDLCK, 2, 1);
            SHOW(fcntl(mine, F_SETLK, &q));
            lockrange(&q, F_WRLCK, 5, 5);
            SHOW(fcntl(mine, F_SETLK, &q));
            lockrange(&q, F_WRLCK, 8, 0);
            SHOW(fcntl(mine, F_GETLK, &q));
            SAY("F_GETLK of mine: type %s", q.l_type == F_UNLCK ? "F_UNLCK" : "locked");
            _exit(0);
        }
        SAY("child: %d", child_status(p));
        lockrange(&l, F_RDLCK, 0, 0);
        int ro = open(at("f"), O_WRONLY);
        SHOW(fcntl(ro, F_SETLK, &l));
        lockrange(&l, 7, 0, 0);
        SHOW(fcntl(fd, F_SETLK, &l));
    } else if (!strcmp(c, "setlkw")) {
        int fd = open(at("f"), O_RDWR);
        struct flock l;
        lockrange(&l, F_WRLCK, 0, 0);
        SHOW(fcntl(fd, F_SETLK, &l));
        int go[2];
        pipe(go);
        pid_t p = fork();
        if (p == 0) {
            int mine = open(at("f"), O_RDWR);
            struct flock q;
            lockrange(&q, F_WRLCK, 0, 0);
            write(go[1], "w", 1);
            long r = fcntl(mine, F_SETLKW, &q); /* waits until the parent closes */
            SAY("child F_SETLKW after the parent's close: %ld", r);
            _exit(0);
        }
        char b;
        read(go[0], &b, 1);
        wait_sleeping(p);
        SAY("parent closes");
        fflush(stdout);
        close(fd); /* releases every POSIX lock of this process on the file */
        SAY("child: %d", child_status(p));
    } else if (!strcmp(c, "deadlock")) {
        /* The parent holds byte 0, the child byte 1; the child waits for byte 0; the parent's
         * wait for byte 1 would close the cycle: EDEADLK. */
        int fd = open(at("f"), O_RDWR);
        struct flock l;
        lockrange(&l, F_WRLCK, 0, 1);
        SHOW(fcntl(fd, F_SETLK, &l));
        int go[2];
        pipe(go);
        pid_t p = fork();
        if (p == 0) {
            struct flock q;
            lockrange(&q, F_WRLCK, 1, 1);
            long r = fcntl(fd, F_SETLK, &q);
            write(go[1], "w", 1);
            lockrange(&q, F_WRLCK, 0, 1);
            long w = fcntl(fd, F_SETLKW, &q);
            SAY("child: byte 1 %ld, then byte 0 after the parent let go: %ld", r, w);
            _exit(0);
        }
        char b;
        read(go[0], &b, 1);
        wait_sleeping(p);
        lockrange(&l, F_WRLCK, 1, 1);
        SHOW(fcntl(fd, F_SETLKW, &l));
        lockrange(&l, F_UNLCK, 0, 1);
        /* The child prints as soon as this lets go: its line first, then ours, in any host's order. */
        long unlocked = fcntl(fd, F_SETLK, &l);
        int st = child_status(p);
        show("fcntl(fd, F_SETLK, &l)", unlocked);
        SAY("child: %d", st);
    } else if (!strcmp(c, "flock-wait")) {
        int fd = open(at("f"), O_RDWR);
        SHOW(flock(fd, LOCK_EX));
        int go[2];
        pipe(go);
        pid_t p = fork();
        if (p == 0) {
            close(fd); /* the inherited descriptor holds the parent's lock too */
            int mine = open(at("f"), O_RDWR);
            write(go[1], "w", 1);
            long r = flock(mine, LOCK_EX); /* waits for the parent's close */
            SAY("child got the lock after the parent's close: %ld", r);
            _exit(0);
        }
        char b;
        read(go[0], &b, 1);
        wait_sleeping(p);
        SAY("parent closes");
        close(fd);
        SAY("child: %d", child_status(p));
    } else if (!strcmp(c, "ofd")) {
        int a = open(at("f"), O_RDWR);
        int b = open(at("f"), O_RDWR);
        struct flock l;
        lockrange(&l, F_WRLCK, 0, 4);
        SHOW(fcntl(a, F_OFD_SETLK, &l));
        lockrange(&l, F_WRLCK, 2, 4);
        SHOW(fcntl(b, F_OFD_SETLK, &l));
        lockrange(&l, F_WRLCK, 2, 4);
        SHOW(fcntl(b, F_OFD_GETLK, &l));
        SAY("OFD GETLK: type %s start %ld len %ld pid %d", l.l_type == F_WRLCK ? "F_WRLCK" : "other", (long)l.l_start, (long)l.l_len, l.l_pid);
        lockrange(&l, F_WRLCK, 2, 4);
        SHOW(fcntl(b, F_SETLK, &l)); /* a POSIX lock of this process conflicts with the OFD lock */
        lockrange(&l, F_WRLCK, 0, 1);
        l.l_pid = 1;
        SHOW(fcntl(a, F_OFD_SETLK, &l));
        SHOW(close(a));
        lockrange(&l, F_WRLCK, 2, 4);
        SHOW(fcntl(b, F_OFD_SETLK, &l));
    }
    cleanup();
    return 0;
}
