/*
 * name_to_handle_at/open_by_handle_at on akuma-vm, whose file systems have no export operations
 * (test/realworld/kcmp.test.ts states the answers): the path is resolved first, then EOPNOTSUPP;
 * open_by_handle_at is for CAP_DAC_READ_SEARCH only, and no handle it is given was ever issued.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *e(long r) { return r < 0 ? strerrorname_np(errno) : "ok"; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    struct file_handle *h = malloc(sizeof *h + MAX_HANDLE_SZ);
    int mount_id;
    h->handle_bytes = MAX_HANDLE_SZ;
    printf("name_to_handle_at /etc/passwd: %s\n", e(name_to_handle_at(AT_FDCWD, "/etc/passwd", h, &mount_id, 0)));
    printf("name_to_handle_at missing: %s\n", e(name_to_handle_at(AT_FDCWD, "/nonexistent", h, &mount_id, 0)));
    printf("name_to_handle_at bad flags: %s\n", e(name_to_handle_at(AT_FDCWD, "/etc/passwd", h, &mount_id, 1)));
    int fd = open("/etc", O_RDONLY | O_DIRECTORY);
    printf("name_to_handle_at AT_EMPTY_PATH: %s\n", e(name_to_handle_at(fd, "", h, &mount_id, AT_EMPTY_PATH)));
    h->handle_bytes = 8;
    h->handle_type = 1;
    memset(h->f_handle, 0, 8);
    printf("open_by_handle_at as root: %s\n", e(open_by_handle_at(fd, h, O_RDONLY)));
    h->handle_bytes = 0;
    printf("open_by_handle_at empty handle: %s\n", e(open_by_handle_at(fd, h, O_RDONLY)));
    h->handle_bytes = 8;
    printf("open_by_handle_at bad fd: %s\n", e(open_by_handle_at(999, h, O_RDONLY)));
    pid_t c = fork();
    if (c == 0) {
        if (setuid(1000) < 0) _exit(9);
        printf("open_by_handle_at unprivileged: %s\n", e(open_by_handle_at(fd, h, O_RDONLY)));
        _exit(0);
    }
    waitpid(c, NULL, 0);
    return 0;
}
