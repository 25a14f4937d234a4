/*
 * The administrator's system calls as an unprivileged user sees them: EPERM ("not allowed"),
 * never ENOSYS ("no such call"), with the argument errors Linux reports before its privilege
 * check. Run as root, the program drops to uid 1000 in a child first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *name(int e) {
    switch (e) {
    case 0: return "ok";
    case EPERM: return "EPERM";
    case ENOENT: return "ENOENT";
    case EINVAL: return "EINVAL";
    case ENOSYS: return "ENOSYS";
    case EFAULT: return "EFAULT";
    case EBADF: return "EBADF";
    case ENOTDIR: return "ENOTDIR";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    default: return strerror(e);
    }
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); printf("%-28s %s\n", label, r_ < 0 ? name(errno) : "ok"); } while (0)

/* EPERM where the kernel has the feature, ENOSYS where it was built without it. */
#define CONFIGURED(label, present, call) do { errno = 0; long r_ = (long)(call); int want_ = (present) ? EPERM : ENOSYS; \
    printf("%-28s %s\n", label, r_ < 0 && errno == want_ ? "as the kernel's configuration says" : name(r_ < 0 ? errno : 0)); } while (0)

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    pid_t c = fork();
    if (c == 0) {
        if (getuid() == 0 && (setgid(1000) < 0 || setuid(1000) < 0)) _exit(9);
        struct timeval tv = {1700000000, 0};
        struct timespec ts = {1700000000, 0};
        SHOW("sethostname", sethostname("x", 1));
        SHOW("setdomainname", setdomainname("x", 1));
        SHOW("settimeofday", settimeofday(&tv, NULL));
        SHOW("settimeofday(NULL,NULL)", syscall(SYS_settimeofday, NULL, NULL));
        SHOW("clock_settime(REALTIME)", clock_settime(CLOCK_REALTIME, &ts));
        SHOW("clock_settime(MONOTONIC)", clock_settime(CLOCK_MONOTONIC, &ts));
        SHOW("clock_settime(CPUTIME)", clock_settime(CLOCK_PROCESS_CPUTIME_ID, &ts));
        struct timex tx = {0};
        SHOW("adjtimex(read)", adjtimex(&tx));
        tx.modes = ADJ_FREQUENCY;
        SHOW("adjtimex(ADJ_FREQUENCY)", adjtimex(&tx));
        struct timex tx2 = {0};
        SHOW("clock_adjtime(read)", syscall(SYS_clock_adjtime, CLOCK_REALTIME, &tx2));
        SHOW("reboot", syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0));
        SHOW("reboot(bad magic)", syscall(SYS_reboot, 1, 2, 0x4321fedc, 0));
        SHOW("acct(NULL)", syscall(SYS_acct, NULL));
        SHOW("swapon", syscall(SYS_swapon, "/etc/passwd", 0));
        SHOW("swapoff", syscall(SYS_swapoff, "/etc/passwd"));
        /* Kernels built without modules or kexec have no such calls (ENOSYS); with them, EPERM.
           /proc/modules and /proc/sys/kernel/kexec_load_disabled say which kernel this is. */
        int modules = access("/proc/modules", F_OK) == 0;
        int kexec = access("/proc/sys/kernel/kexec_load_disabled", F_OK) == 0;
        CONFIGURED("init_module", modules, syscall(SYS_init_module, "x", 1, ""));
        CONFIGURED("finit_module", modules, syscall(SYS_finit_module, 0, "", 0));
        CONFIGURED("delete_module", modules, syscall(SYS_delete_module, "nosuchmodule", 0));
        CONFIGURED("kexec_load", kexec, syscall(SYS_kexec_load, 0, 0, NULL, 0));
        SHOW("vhangup", syscall(SYS_vhangup));
        SHOW("mount(tmpfs)", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, NULL));
        SHOW("umount2(/proc)", syscall(SYS_umount2, "/proc", 0));
        SHOW("pivot_root", syscall(SYS_pivot_root, "/tmp", "/tmp"));
        SHOW("chroot(/tmp)", chroot("/tmp"));
        SHOW("chroot(missing)", chroot("/nonexistent-dir"));
        SHOW("unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS));
        SHOW("unshare(CLONE_NEWNS)", unshare(CLONE_NEWNS));
        SHOW("unshare(CLONE_FS)", unshare(CLONE_FS));
        SHOW("unshare(CLONE_FILES)", unshare(CLONE_FILES));
        SHOW("unshare(bad flag)", unshare(1));
        /* kernel.dmesg_restrict decides whether the log may be read: the answer must agree with it. */
        char restrict_ = '?';
        int fd = open("/proc/sys/kernel/dmesg_restrict", O_RDONLY);
        if (fd >= 0) { if (read(fd, &restrict_, 1) != 1) restrict_ = '?'; close(fd); }
        char buf[64];
        errno = 0;
        long r = syscall(SYS_syslog, 3, buf, sizeof buf);
        printf("%-28s %s\n", "syslog(READ_ALL)", restrict_ == '1' ? (r < 0 && errno == EPERM ? "as dmesg_restrict says" : "wrong")
               : restrict_ == '0' ? (r >= 0 ? "as dmesg_restrict says" : "wrong") : "no dmesg_restrict");
        SHOW("syslog(CLEAR)", syscall(SYS_syslog, 5, NULL, 0));
        _exit(0);
    }
    int st;
    waitpid(c, &st, 0);
    printf("child status %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    return 0;
}
