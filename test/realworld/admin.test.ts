/**
 * The administrator's system calls (kernel/syscalls/admin.ts, clock-admin.ts, mount.ts,
 * namespaces.ts, chroot.ts). An unprivileged caller's answers and chroot are compared with the
 * same source built for and run on the host's Linux (qemu-aarch64 passes these calls to the host
 * or refuses them itself, so it is no reference for them). What root's calls do to the machine
 * (its name, its clock, its mounts, powering off) cannot be done to the host a test runs on: for
 * those the expected output is stated here, from Linux's documented semantics.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { realworldBinary, runUnderAkuma, sameAsHostBuild } from './compare.js';

t.test('process/admin_eperm: an unprivileged user gets EPERM (not ENOSYS) from the admin calls, after the argument errors Linux reports first', async (t) => {
  sameAsHostBuild(t, 'process', 'admin_eperm');
});

t.test('process/chroot: root\'s chroot resolves "/", absolute symlinks, ".." and exec inside the new root; the cwd left outside is unreachable; EPERM unprivileged', async (t) => {
  // Static: the program runs a copy of itself inside the new root, where there is no ld.so.
  sameAsHostBuild(t, 'process', 'chroot', { ccArgs: ['-static'] });
});

/** What process/admin_root prints on akuma-vm, line by line (the last is before the power-off kills it). */
const ROOT_EXPECTED = [
  "sethostname(65 bytes): EINVAL",
  "sethostname: ok",
  "setdomainname: ok",
  "uname: nodename guest-box, domainname example.test",
  "/proc/sys/kernel/hostname: guest-box",
  "gethostname: guest-box",
  "child unshare(CLONE_NEWUTS): ok",
  "child: nodename private, domainname example.test",
  "parent after child: nodename guest-box, domainname example.test",
  "settimeofday(2030): ok",
  "time() after: in 2030",
  "clock_settime(REALTIME, 2027): ok",
  "clock_gettime after: in 2027",
  "monotonic moved back: no",
  "adjtimex(ADJ_SETOFFSET +100 s): ok",
  "after the offset: 100 s later",
  "adjtimex(read) state: 5",
  "adjtimex(clear STA_UNSYNC) state: 0",
  "adjtimex(bad tick): EINVAL",
  "syslog(READ_ALL): has the boot messages",
  "syslog(SIZE_BUFFER): 131072",
  "syslog(CONSOLE_LEVEL 9): EINVAL",
  "syslog(CLEAR): ok",
  "syslog(READ_ALL) after clear: 0",
  "syslog(99): EINVAL",
  "mount tmpfs: ok",
  "statfs: tmpfs yes, 256 blocks",
  "mode 700",
  "write in it: ok",
  "remount: ok",
  "make-private: ok",
  "umount: ok",
  "file after umount: gone",
  "umount again: EINVAL",
  "umount /proc: EBUSY",
  "umount missing: ENOENT",
  "bind /etc: ok",
  "passwd through the bind: yes",
  "umount bind: ok",
  "mount proc: ok",
  "proc there: yes",
  "umount proc copy: ok",
  "mount ext4: ENOTBLK",
  "mount sysfs: ENODEV",
  "umount2 bad flags: EINVAL",
  "pivot_root: EINVAL",
  "swapon: EINVAL",
  "swapon missing: ENOENT",
  "swapoff: EINVAL",
  "init_module: ENOEXEC",
  "finit_module bad flags: EINVAL",
  "delete_module: ENOENT",
  "kexec_load: EPERM",
  "quotactl(Q_SYNC, NULL): ok",
  "quotactl(Q_GETINFO, NULL): ENODEV",
  "quotactl(Q_GETINFO, /etc/passwd): ENOTBLK",
  "quotactl(bad type): EINVAL",
  "vhangup: ok",
  "acct(/tmp/pacct): ok",
  "acct(NULL): ok",
  "pacct size: 64",
  "record: version 3, exit code 7, fork flag 1",
  "acct(directory): EACCES",
  "reboot(bad magic): EINVAL",
  "reboot(bad command): EINVAL",
  "reboot(CAD_OFF): ok",
  "powering off",
];

t.test('process/admin_root: root changes the machine\'s names and clock, reads the kernel log, mounts tmpfs/proc/bind, gets Linux\'s errors for swap, modules, kexec and quotas, and reboot(POWER_OFF) stops the machine', async (t) => {
  const bin = realworldBinary('process', 'admin_root');
  if (!existsSync(bin)) return void t.pass('skip admin_root: not built');
  const a = runUnderAkuma(bin);
  t.same(a.stdout.split('\n'), [...ROOT_EXPECTED, ''], `admin_root output${a.stderr ? ` (stderr: ${a.stderr.split('\n')[0]})` : ''}`);
  // Every process was killed (SIGKILL) by the power-off, the caller first among them.
  t.equal(a.status, 137, 'power-off ends the program by SIGKILL');
});
