/**
 * Process creation as Linux does it (packages/realworld/src/process): posix_spawn's error
 * reporting, vfork's shared memory and clone3. qemu-aarch64 runs vfork and CLONE_VM|CLONE_VFORK as
 * a plain fork (posix_spawn then reports success for a missing program), so the reference
 * is the same source built for the host and run on the host's Linux.
 */

import t from 'tap';
import { realworldBinary, sameAsHostBuild, sameAsQemu } from './compare.js';

t.test('process/spawn_errors: posix_spawn reports ENOENT/EACCES, vfork shares memory, spawn of /proc/self/exe', async (t) => {
  sameAsHostBuild(t, 'process', 'spawn_errors');
});

t.test('process/pidfd: pidfd_open, poll for the exit, waitid(P_PIDFD), pidfd_send_signal and their errors', async (t) => {
  sameAsHostBuild(t, 'process', 'pidfd');
});

t.test('process/clone3: size versioning, argument checks, set_tid and cgroup refusals, CLONE_PIDFD, CLONE_CLEAR_SIGHAND, and glibc 2.36 pthread_create/posix_spawn through clone3', async (t) => {
  // qemu-aarch64 7.2 answers clone3 with ENOSYS, so the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'clone3');
});

t.test('process/fsize: RLIMIT_FSIZE shortens a write to the limit, then EFBIG and SIGXFSZ (write, pwrite, writev, O_APPEND, sendfile, truncate, fallocate), not for pipes, inherited by fork', (t) => {
  sameAsQemu(t, 'fsize', realworldBinary('process', 'fsize'));
  t.end();
});

t.test('process/sched_prio: getpriority/setpriority per thread and process group, sched_setscheduler and friends with every policy, SCHED_RESET_ON_FORK, unprivileged EPERM/EACCES', async (t) => {
  // qemu-aarch64's own RCU thread sits in the process group with nice 0: the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'sched_prio');
});

t.test('process/execveat: dirfd-relative paths, fexecve (AT_EMPTY_PATH, O_PATH, a script as /dev/fd/N), AT_SYMLINK_NOFOLLOW and the errors', async (t) => {
  // qemu-aarch64 7.2 answers execveat with ENOSYS: the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'execveat');
});

t.test('process/process_vm: process_vm_readv/writev with scattered iovecs, partial transfers, EFAULT, argument errors, the ptrace permission rule', async (t) => {
  // qemu-aarch64 7.2 has no process_vm_readv: the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'process_vm');
});

t.test('process/sched_attr: sched_setattr/sched_getattr (sizes, E2BIG handshake, flags, policies, nice, DEADLINE checks) and ioprio_get/ioprio_set, as root and unprivileged', async (t) => {
  // qemu-aarch64 passes these to the host's kernel with the guest's struct, but the unprivileged
  // half needs setuid: the same source on the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'sched_attr');
});

t.test('process/seccomp_strict: seccomp and PR_SET_SECCOMP strict mode (read/write/_exit still work, getpid and exit_group are fatal SIGKILL), its argument errors, PR_SET_NO_NEW_PRIVS', async (t) => {
  // qemu-aarch64's own calls would be killed in strict mode: the host's Linux is the reference.
  sameAsHostBuild(t, 'process', 'seccomp_strict');
});
