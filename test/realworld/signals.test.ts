/**
 * Real programs using signals, timers and credentials (packages/realworld/src/signals):
 * alarm/pause, setitimer, sigwait in a signal thread, POSIX timers, sigaltstack, and Linux's
 * uid/gid and kill permission rules, under akuma-vm and qemu-aarch64.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import t from 'tap';
import { HAVE_QEMU, ROOT, realworldBinary, sameAsHostBuild, sameAsQemu } from './compare.js';

const CASES: Array<[string, string]> = [
  ['alarm_pause', 'alarm wakes pause through a handler; an unhandled SIGALRM ends the process (142)'],
  ['itimer', 'setitimer ITIMER_REAL with an interval, getitimer, ITIMER_PROF on CPU time'],
  ['sigwait_threads', 'a sigwait thread, sigtimedwait EAGAIN, sigqueue value, sigpending'],
  ['posix_timer', 'timer_create SIGEV_SIGNAL periodic, SIGEV_THREAD_ID, timer_delete'],
  ['sigaltstack', 'SA_ONSTACK handlers (and a stack overflow) on the alternate stack'],
  ['credentials', 'setuid family, groups, kill EPERM across uids, capget, prctl, waitid, times'],
  ['cputime', 'getrusage user/system time, times, CLOCK_PROCESS_CPUTIME_ID grow with work not sleep; ITIMER_VIRTUAL/ITIMER_PROF; RUSAGE_CHILDREN'],
];

for (const [name, what] of CASES) {
  t.test(`signals/${name}: ${what}`, async (t) => {
    sameAsQemu(t, name, realworldBinary('signals', name));
  });
}

t.test('signals/restart_syscall: called with nothing to restart it fails with EINTR', async (t) => {
  // qemu-aarch64 7.2 answers restart_syscall with ENOSYS: the host's Linux is the reference.
  sameAsHostBuild(t, 'signals', 'restart_syscall');
});

/** Starts a command, sends SIGINT once it has printed its first line, and collects stdout and status. */
function interruptOnceWaiting(cmd: string, args: string[]): Promise<{ stdout: string; status: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (!sent && stdout.includes('\n')) {
        sent = true;
        // A little later, so the guest is surely parked in pause() (either way it must get the signal).
        setTimeout(() => child.kill('SIGINT'), 200);
      }
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, status: code ?? (signal ? 128 + 2 : null) });
    });
  });
}

t.test('run: a guest blocked in pause() waits, and SIGINT to the run command reaches the guest', async (t) => {
  const bin = realworldBinary('signals', 'sigint_pause');
  const a = await interruptOnceWaiting(process.execPath, [join(ROOT, 'dist/server/cli.js'), 'run', bin]);
  if (!HAVE_QEMU) {
    t.equal(a.stdout, 'waiting for SIGINT\ngot SIGINT\n');
    t.equal(a.status, 3);
    return;
  }
  const q = await interruptOnceWaiting('qemu-aarch64', [bin]);
  t.equal(a.stdout, q.stdout, 'same stdout as qemu-aarch64');
  t.equal(a.status, q.status, 'same exit status as qemu-aarch64 (the handler ran)');
});
