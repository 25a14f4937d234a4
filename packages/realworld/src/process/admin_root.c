/*
 * What root's administrator calls do on akuma-vm (test/realworld/admin.test.ts states what each
 * should print): host and domain names with their own UTS namespace, the realtime clock, the
 * kernel log, mounts, swap, modules, kexec, process accounting and, last, powering off.
 * Not run on the host: it would change the host's name and clock.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/quota.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char *err(long r) {
    return r >= 0 ? "ok" : strerrorname_np(errno);
}

#define SHOW(label, call) do { errno = 0; long r_ = (long)(call); printf("%s: %s\n", label, err(r_)); } while (0)

static void cat(const char *path) {
    char buf[256] = {0};
    int fd = open(path, O_RDONLY);
    ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf - 1);
    if (fd >= 0) close(fd);
    printf("%s: %s", path, n >= 0 ? buf : "unreadable\n");
}

static void names(const char *who) {
    struct utsname u;
    uname(&u);
    printf("%s: nodename %s, domainname %s\n", who, u.nodename, u.domainname);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    /* Names. */
    SHOW("sethostname(65 bytes)", sethostname("0123456789012345678901234567890123456789012345678901234567890123456789", 65));
    SHOW("sethostname", sethostname("guest-box", 9));
    SHOW("setdomainname", setdomainname("example.test", 12));
    names("uname");
    cat("/proc/sys/kernel/hostname");
    char host[65];
    gethostname(host, sizeof host);
    printf("gethostname: %s\n", host);
    pid_t c = fork();
    if (c == 0) {
        SHOW("child unshare(CLONE_NEWUTS)", unshare(CLONE_NEWUTS));
        sethostname("private", 7);
        names("child");
        _exit(0);
    }
    waitpid(c, NULL, 0);
    names("parent after child");

    /* The realtime clock moves; monotonic does not. */
    struct timespec mono0, mono1;
    clock_gettime(CLOCK_MONOTONIC, &mono0);
    struct timeval tv = {1900000000, 0};
    SHOW("settimeofday(2030)", settimeofday(&tv, NULL));
    time_t now = time(NULL);
    printf("time() after: %s\n", now >= 1900000000 && now < 1900000100 ? "in 2030" : "wrong");
    struct timespec ts = {1800000000, 500000000};
    SHOW("clock_settime(REALTIME, 2027)", clock_settime(CLOCK_REALTIME, &ts));
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("clock_gettime after: %s\n", ts.tv_sec >= 1800000000 && ts.tv_sec < 1800000100 ? "in 2027" : "wrong");
    clock_gettime(CLOCK_MONOTONIC, &mono1);
    printf("monotonic moved back: %s\n", mono1.tv_sec < mono0.tv_sec ? "yes" : "no");
    struct timex tx = {0};
    tx.modes = ADJ_SETOFFSET;
    tx.time.tv_sec = 100;
    SHOW("adjtimex(ADJ_SETOFFSET +100 s)", adjtimex(&tx));
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("after the offset: %s\n", ts.tv_sec >= 1800000100 && ts.tv_sec < 1800000200 ? "100 s later" : "wrong");
    memset(&tx, 0, sizeof tx);
    printf("adjtimex(read) state: %d\n", adjtimex(&tx));
    tx.modes = ADJ_STATUS;
    tx.status = 0;
    printf("adjtimex(clear STA_UNSYNC) state: %d\n", adjtimex(&tx));
    tx.modes = ADJ_TICK;
    tx.tick = 5;
    SHOW("adjtimex(bad tick)", adjtimex(&tx));

    /* The kernel log. */
    char log[4096] = {0};
    long n = syscall(SYS_syslog, 3, log, sizeof log - 1);
    printf("syslog(READ_ALL): %s\n", n > 0 && strstr(log, "Linux version") ? "has the boot messages" : "wrong");
    printf("syslog(SIZE_BUFFER): %ld\n", syscall(SYS_syslog, 10, NULL, 0));
    SHOW("syslog(CONSOLE_LEVEL 9)", syscall(SYS_syslog, 8, NULL, 9));
    SHOW("syslog(CLEAR)", syscall(SYS_syslog, 5, NULL, 0));
    printf("syslog(READ_ALL) after clear: %ld\n", syscall(SYS_syslog, 3, log, sizeof log - 1));
    SHOW("syslog(99)", syscall(SYS_syslog, 99, NULL, 0));

    /* Mounts. */
    mkdir("/tmp/mnt", 0755);
    SHOW("mount tmpfs", mount("none", "/tmp/mnt", "tmpfs", 0, "size=1m,mode=0700"));
    struct statfs sf;
    statfs("/tmp/mnt", &sf);
    printf("statfs: tmpfs %s, %ld blocks\n", sf.f_type == 0x01021994 ? "yes" : "no", (long)sf.f_blocks);
    struct stat st;
    stat("/tmp/mnt", &st);
    printf("mode %o\n", st.st_mode & 07777);
    int fd = open("/tmp/mnt/file", O_CREAT | O_WRONLY, 0644);
    printf("write in it: %s\n", write(fd, "x", 1) == 1 ? "ok" : "failed");
    close(fd);
    SHOW("remount", mount(NULL, "/tmp/mnt", NULL, MS_REMOUNT, NULL));
    SHOW("make-private", mount(NULL, "/tmp/mnt", NULL, MS_PRIVATE, NULL));
    SHOW("umount", umount("/tmp/mnt"));
    printf("file after umount: %s\n", access("/tmp/mnt/file", F_OK) == 0 ? "still there" : "gone");
    SHOW("umount again", umount("/tmp/mnt"));
    SHOW("umount /proc", umount("/proc"));
    SHOW("umount missing", umount("/nonexistent"));
    mkdir("/tmp/mnt2", 0755);
    SHOW("bind /etc", mount("/etc", "/tmp/mnt2", NULL, MS_BIND, NULL));
    printf("passwd through the bind: %s\n", access("/tmp/mnt2/passwd", R_OK) == 0 ? "yes" : "no");
    SHOW("umount bind", umount2("/tmp/mnt2", MNT_DETACH));
    SHOW("mount proc", mount("proc", "/tmp/mnt2", "proc", 0, NULL));
    printf("proc there: %s\n", access("/tmp/mnt2/self/status", R_OK) == 0 ? "yes" : "no");
    SHOW("umount proc copy", umount("/tmp/mnt2"));
    SHOW("mount ext4", mount("/etc/passwd", "/tmp/mnt2", "ext4", 0, NULL));
    SHOW("mount sysfs", mount("sysfs", "/tmp/mnt2", "sysfs", 0, NULL));
    SHOW("umount2 bad flags", umount2("/tmp/mnt2", 0x100));
    SHOW("pivot_root", syscall(SYS_pivot_root, "/tmp", "/tmp/mnt2"));
    rmdir("/tmp/mnt");
    rmdir("/tmp/mnt2");

    /* Swap, modules, kexec, quotas. */
    SHOW("swapon", syscall(SYS_swapon, "/etc/passwd", 0));
    SHOW("swapon missing", syscall(SYS_swapon, "/nonexistent", 0));
    SHOW("swapoff", syscall(SYS_swapoff, "/etc/passwd"));
    SHOW("init_module", syscall(SYS_init_module, "not a module", 12, ""));
    SHOW("finit_module bad flags", syscall(SYS_finit_module, 0, "", 64));
    SHOW("delete_module", syscall(SYS_delete_module, "nosuchmodule", 0));
    SHOW("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
    SHOW("quotactl(Q_SYNC, NULL)", syscall(SYS_quotactl, QCMD(Q_SYNC, USRQUOTA), NULL, 0, NULL));
    SHOW("quotactl(Q_GETINFO, NULL)", syscall(SYS_quotactl, QCMD(Q_GETINFO, USRQUOTA), NULL, 0, NULL));
    SHOW("quotactl(Q_GETINFO, /etc/passwd)", syscall(SYS_quotactl, QCMD(Q_GETINFO, USRQUOTA), "/etc/passwd", 0, NULL));
    SHOW("quotactl(bad type)", syscall(SYS_quotactl, QCMD(Q_SYNC, 7), NULL, 0, NULL));
    SHOW("vhangup", syscall(SYS_vhangup));

    /* Process accounting: one 64-byte record for each process that ends. */
    close(open("/tmp/pacct", O_CREAT | O_WRONLY | O_TRUNC, 0600));
    SHOW("acct(/tmp/pacct)", acct("/tmp/pacct"));
    c = fork();
    if (c == 0) _exit(7);
    waitpid(c, NULL, 0);
    SHOW("acct(NULL)", acct(NULL));
    stat("/tmp/pacct", &st);
    printf("pacct size: %ld\n", (long)st.st_size);
    unsigned char rec[64];
    fd = open("/tmp/pacct", O_RDONLY);
    if (read(fd, rec, 64) == 64) printf("record: version %d, exit code %d, fork flag %d\n", rec[1], (rec[4] | rec[5] << 8) >> 8, rec[0] & 1);
    close(fd);
    SHOW("acct(directory)", acct("/tmp"));

    /* Reboot: the magic first, then the machine stops. */
    SHOW("reboot(bad magic)", syscall(SYS_reboot, 0xfee1dead, 1, 0x4321fedc, 0));
    SHOW("reboot(bad command)", syscall(SYS_reboot, 0xfee1dead, 672274793, 0x12345, 0));
    SHOW("reboot(CAD_OFF)", syscall(SYS_reboot, 0xfee1dead, 672274793, 0, 0));
    printf("powering off\n");
    sync();
    syscall(SYS_reboot, 0xfee1dead, 672274793, 0x4321fedc, 0);
    printf("still running after power off\n");
    return 1;
}
