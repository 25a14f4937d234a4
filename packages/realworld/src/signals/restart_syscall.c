/* restart_syscall(2) called directly, with no interrupted call to restart: EINTR, not ENOSYS. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void) {
    errno = 0;
    long r = syscall(SYS_restart_syscall);
    printf("restart_syscall: %ld %s\n", r, r < 0 ? strerror(errno) : "");
    return 0;
}
