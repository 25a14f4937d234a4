/* recvmmsg's timeout as Linux applies it: checked after each datagram received, so a short
 * or zero timeout returns after the first one, a long one lets the whole vector fill, and
 * the time left is written back; an invalid timespec is EINVAL, MSG_WAITFORONE returns what
 * is queued. (qemu-user ignores the timeout: the reference is the host build.) */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int s[2];

static void send_n(int n)
{
    for (int i = 0; i < n; i++) {
        char m[16];
        int len = snprintf(m, sizeof m, "dgram %d", i);
        send(s[0], m, len, 0);
    }
}

static int receive(const char *label, int vlen, int flags, struct timespec *t)
{
    struct mmsghdr v[8];
    char bufs[8][32];
    struct iovec iov[8];
    memset(v, 0, sizeof v);
    for (int i = 0; i < 8; i++) {
        iov[i].iov_base = bufs[i];
        iov[i].iov_len = sizeof bufs[i];
        v[i].msg_hdr.msg_iov = &iov[i];
        v[i].msg_hdr.msg_iovlen = 1;
    }
    int n = recvmmsg(s[1], v, vlen, flags, t);
    if (n < 0) printf("%s: -1 %s\n", label, strerrorname_np(errno));
    else {
        printf("%s: %d", label, n);
        for (int i = 0; i < n; i++) printf(" [%.*s]", (int)v[i].msg_len, bufs[i]);
        if (t) printf(" left: %s", t->tv_sec == 0 && t->tv_nsec == 0 ? "none" : t->tv_sec < 10 ? "some" : "too much");
        printf("\n");
    }
    fflush(stdout);
    return n;
}

static void drain(void)
{
    char b[64];
    int n = 0;
    while (recv(s[1], b, sizeof b, MSG_DONTWAIT) >= 0) n++;
    printf("drained %d\n", n);
}

int main(void)
{
    if (socketpair(AF_UNIX, SOCK_DGRAM, 0, s) != 0) return perror("socketpair"), 1;
    send_n(4);
    struct timespec t = {5, 0};
    receive("4 queued, vlen 4, timeout 5s", 4, 0, &t);
    send_n(4);
    t = (struct timespec){0, 0};
    receive("4 queued, vlen 4, timeout 0", 4, 0, &t);
    t = (struct timespec){0, 1};
    receive("3 queued, vlen 4, timeout 1ns", 4, 0, &t);
    drain();
    send_n(2);
    receive("2 queued, vlen 4, MSG_WAITFORONE", 4, MSG_WAITFORONE, NULL);
    t = (struct timespec){0, 2000000000};
    receive("invalid tv_nsec", 4, 0, &t);
    t = (struct timespec){-1, 0};
    receive("negative tv_sec", 4, 0, &t);
    t = (struct timespec){1, 0};
    receive("nothing queued, MSG_DONTWAIT, timeout 1s", 4, MSG_DONTWAIT, &t);
    send_n(3);
    t = (struct timespec){5, 0};
    receive("3 queued, vlen 2, timeout 5s", 2, 0, &t);
    drain();
    return 0;
}
