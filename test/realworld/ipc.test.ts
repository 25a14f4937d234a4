/**
 * System V IPC as real programs use it, compared with qemu-aarch64: shared memory between
 * fork children (attach counts, IPC_RMID of an attached segment, read-only attaches that
 * fault), semaphores (blocking, timeouts, SEM_UNDO at exit, EIDRM, EINTR) and message
 * queues (types, IPC_NOWAIT, blocking senders and receivers), each with the errors Linux
 * gives and an unprivileged process's view; POSIX message queues (priorities, timeouts,
 * blocking, unlink while open, mq_notify).
 */

import t from 'tap';
import { realworldBinary, sameAsHostBuild, sameAsQemu } from './compare.js';

t.test('System V shared memory: shmget, shmat, shmdt, shmctl', (t) => {
  const r = sameAsQemu(t, 'sysv_shm', realworldBinary('ipc', 'sysv_shm'));
  if (r) t.match(r.stdout, /pool sum 820791476224 nattch 1\n/, 'four fork children filled one 4 MiB segment');
  t.end();
});

t.test('System V semaphores: semget, semop, semtimedop, semctl', (t) => {
  const r = sameAsQemu(t, 'sysv_sem', realworldBinary('ipc', 'sysv_sem'));
  if (r) t.match(r.stdout, /counter 1200 lock value 1\n/, 'a semaphore lock kept four workers from losing updates');
  t.end();
});

t.test('System V message queues: msgget, msgsnd, msgrcv, msgctl', (t) => {
  const r = sameAsQemu(t, 'sysv_msg', realworldBinary('ipc', 'sysv_msg'));
  if (r) t.match(r.stdout, /sums 20100 20100 20100\n/, 'three producers, one consumer');
  t.end();
});

t.test('POSIX message queues: mq_open, mq_timedsend, mq_timedreceive, mq_getsetattr, mq_unlink', (t) => {
  const r = sameAsQemu(t, 'posix_mq', realworldBinary('ipc', 'posix_mq'));
  if (r) t.match(r.stdout, /mq_receive: 4 bytes prio 9 "high"\nmq_receive: 6 bytes prio 5 "middle"\n/, 'highest priority first');
  t.end();
});

t.test('mq_notify: SIGEV_SIGNAL once per registration, EBUSY, SIGEV_NONE', async (t) => {
  // qemu-aarch64 7.2 answers mq_notify with ENOSYS: the host's Linux is the reference.
  sameAsHostBuild(t, 'ipc', 'posix_mq_notify');
});
