/**
 * Real threaded programs (packages/realworld/src/threads, src/go) under akuma-vm and
 * qemu-aarch64: pthreads, C++ std::thread and futures, Go's runtime. Same stdout, same status.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ROOT, realworldBinary, runUnderAkuma, sameAsQemu } from './compare.js';

const C_CASES: Array<[string, string]> = [
  ['pthread_mutex', 'four threads count under a mutex'],
  ['pthread_condvar', 'producers and consumers on condition variables'],
  ['pthread_tls', '__thread variables and pthread keys with destructors'],
  ['pthread_barrier', 'barriers, rwlocks, detached threads and a semaphore'],
  ['pthread_spin', 'a spinning thread cannot starve the one it waits for'],
  ['thread_exit_codes', 'pthread_exit in main, exit(42) from a thread'],
  ['thread_signals', 'pthread_kill and a process signal to the unblocked thread'],
  ['thread_many', '64 threads in waves'],
  ['proc_task', '/proc/self/task and the Threads: count of /proc/self/status'],
  ['cxx_thread', 'std::thread, std::mutex, std::condition_variable, thread_local'],
  ['cxx_async', 'std::async, promises, packaged_task, an exception through a future'],
  ['cxx_atomic_pool', 'a thread pool with std::atomic and std::shared_mutex'],
];

const GO_CASES: Array<[string, string]> = [
  ['hello', 'hello world (the runtime starts its threads)'],
  ['channels', 'a goroutine pipeline over channels'],
  ['waitgroup', 'sync.WaitGroup and sync.Mutex'],
  ['gomaxprocs', 'runtime.GOMAXPROCS(4) with CPU-bound goroutines'],
  ['panic', "an unrecovered panic's exit status 2"],
  ['selecttimeout', 'select with time.After, a ticker (timers through epoll)'],
];

for (const [name, what] of C_CASES) {
  t.test(`threads/${name}: ${what}`, async (t) => {
    sameAsQemu(t, name, realworldBinary('threads', name));
  });
}

for (const [name, what] of GO_CASES) {
  t.test(`go/${name}: ${what}`, async (t) => {
    sameAsQemu(t, `go ${name}`, realworldBinary('go', name));
  });
}

// os/exec re-runs the program itself: qemu-aarch64 cannot (its execve of an AArch64 file
// fails without binfmt_misc), so the reference is the same source built for the host.
t.test('go/osexec: os/exec runs a child, reads its output and exit status; a missing program is an error', async (t) => {
  const guest = realworldBinary('go', 'osexec');
  const go = spawnSync('go', ['version']).status === 0;
  if (!go) return void t.pass('skip go/osexec: go is not installed (needed to build the host reference)');
  const dir = mkdtempSync(join(tmpdir(), 'akuma-osexec-'));
  try {
    const hostBin = join(dir, 'osexec');
    const b = spawnSync('go', ['build', '-o', hostBin, './main.go'], {
      cwd: join(ROOT, 'packages/realworld/src/go/osexec'), encoding: 'utf8',
      env: { ...process.env, CGO_ENABLED: '0', GO111MODULE: 'off', GOARCH: '', GOCACHE: process.env.GOCACHE ?? join(process.env.HOME ?? dir, '.cache/akuma-go-build') },
    });
    if (b.status !== 0) return void t.pass(`skip go/osexec: host build failed: ${b.stderr.split('\n')[0]}`);
    const host = spawnSync(hostBin, [], { encoding: 'utf8', timeout: 60_000 });
    const a = runUnderAkuma(guest);
    t.equal(a.stdout, host.stdout, `same stdout as the host build${a.stderr ? ` (akuma stderr: ${a.stderr.split('\n')[0]})` : ''}`);
    t.equal(a.status, host.status, 'same exit status');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
