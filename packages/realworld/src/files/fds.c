/* close_range: closing a range, CLOSE_RANGE_CLOEXEC, bad arguments; fcntl F_DUPFD limits. */
#include "common.h"
#include <linux/close_range.h>
#include <sys/syscall.h>

static int is_open(int fd) { return fcntl(fd, F_GETFD) != -1; }

int main(int argc, char **argv)
{
    setup(argc, argv);
    int fds[8];
    for (int i = 0; i < 8; i++) fds[i] = open(at("."), O_RDONLY);
    SAY("opened 8");
    SHOW(syscall(SYS_close_range, fds[2], fds[4], 0));
    for (int i = 0; i < 8; i++) printf("%d", is_open(fds[i]));
    putchar('\n');
    SHOW(syscall(SYS_close_range, fds[5], fds[6], CLOSE_RANGE_CLOEXEC));
    SHOW(fcntl(fds[5], F_GETFD));
    SHOW(fcntl(fds[7], F_GETFD));
    SHOW(syscall(SYS_close_range, 10, 5, 0));
    SHOW(syscall(SYS_close_range, 3, 3, 0x80));
    SHOW(syscall(SYS_close_range, fds[5], ~0U, 0));
    for (int i = 0; i < 8; i++) printf("%d", is_open(fds[i]));
    putchar('\n');
    SHOW(is_open(0) && is_open(1));
    cleanup();
    return 0;
}
