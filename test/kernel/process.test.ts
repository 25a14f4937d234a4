import t from 'tap';
import { boot, ktBinary, pkgBinary, readBinary, run, sleep, start, waitUntil } from './kernel-helpers.js';

t.test('spawn: argv, env, exit status through the exited promise, memory returned', async (t) => {
  const b = boot();
  const free0 = b.kernel.pmm.freePages;
  const echo = pkgBinary('echo');
  if (echo) {
    const r = await run(b, echo, ['hello world', 'two']);
    t.equal(r.stdout, 'hello world two\n');
    t.same(r.exit, { code: 0, signal: null, status: 0 });
  }
  const env = pkgBinary('env');
  if (env) {
    const r = await run(b, env, [], ['A=1', 'B=two words']);
    t.equal(r.stdout, 'A=1\nB=two words\n');
  }
  const f = pkgBinary('false');
  if (f) t.same((await run(b, f)).exit, { code: 1, signal: null, status: 1 });
  t.equal(b.kernel.processes.size, 0, 'exited processes are gone');
  t.equal(b.kernel.pmm.freePages, free0, 'and so is their memory');
  t.end();
});

t.test('stdin from the host reaches the program (cat), blocking reads wake up', { skip: pkgBinary('cat') ? false : 'no cat yet' }, async (t) => {
  const b = boot();
  const s = start(b, pkgBinary('cat')!);
  // Polled rather than a fixed sleep: on a loaded machine cat may need longer to get there.
  const until = async (ok: () => boolean): Promise<void> => {
    for (let i = 0; i < 1000 && !ok(); i++) await sleep(10);
  };
  await until(() => s.proc.state === 'blocked');
  t.equal(s.proc.state, 'blocked', 'cat waits for input');
  s.stdin.push(new TextEncoder().encode('first line\n'));
  await until(() => s.stdout() !== '');
  t.equal(s.stdout(), 'first line\n');
  s.stdin.push(new TextEncoder().encode('second\n'));
  s.stdin.end();
  const exit = await s.proc.exited;
  t.equal(s.stdout(), 'first line\nsecond\n');
  t.equal(exit.code, 0);
  t.end();
});

t.test('kill from the host: default actions end the process with -N / 128+N', async (t) => {
  const b = boot();
  const spin = start(b, ktBinary('spin'));
  await sleep(30);
  t.equal(b.kernel.kill(spin.proc.pid, 15), true);
  t.same(await spin.proc.exited, { code: -15, signal: 15, status: 143 });
  t.equal(b.kernel.kill(spin.proc.pid, 15), false, 'no such process any more');
  const s2 = start(b, ktBinary('sleeper'), ['600000']);
  await waitUntil('the sleeper sleeps', () => s2.proc.state === 'blocked');
  t.equal(s2.proc.state, 'blocked');
  b.kernel.kill(s2.proc.pid, 9);
  t.same(await s2.proc.exited, { code: -9, signal: 9, status: 137 }, 'SIGKILL ends a sleeping process');
  const s3 = start(b, ktBinary('sleeper'), ['50']);
  b.kernel.kill(s3.proc.pid, 17); // SIGCHLD: ignored by default
  t.same(await s3.proc.exited, { code: 0, signal: null, status: 0 }, 'ignored signals do nothing');
  t.end();
});

t.test('/proc sees processes: maps with text, heap, mmap and stack; status; meminfo', async (t) => {
  const b = boot();
  const spin = start(b, ktBinary('spin'));
  await sleep(20);
  t.ok(b.kernel.pids().includes(spin.proc.pid));
  const maps = b.vfs.readText(`/proc/${spin.proc.pid}/maps`);
  t.match(maps, /^00400000-00401000 r-xp 00000000 00:00 0 +\/bin\/spin$/m, 'text');
  // The stack and [vdso] are where exec's randomised layout put them: their sizes are what is fixed.
  const span = (re: RegExp): number => {
    const m = re.exec(maps);
    return m ? parseInt(m[2], 16) - parseInt(m[1], 16) : -1;
  };
  const stack = span(/^([0-9a-f]{8,})-([0-9a-f]{8,}) rw-p 00000000 00:00 0 +\[stack\]$/m);
  t.ok(stack > 128 * 1024 && stack <= 136 * 1024, `stack: what exec wrote and 128 KiB below it at start, as Linux's ~132 KiB (${stack / 1024} KiB)`);
  t.equal(span(/^([0-9a-f]{8,})-([0-9a-f]{8,}) r-xp 00000000 00:00 0 +\[vdso\]$/m), 4096, 'sigreturn trampoline page');
  const info = b.kernel.process(spin.proc.pid)!;
  t.equal(info.name, 'spin');
  t.equal(info.state, 'R');
  t.match(b.vfs.readText(`/proc/${spin.proc.pid}/status`), /spin/);
  t.match(b.vfs.readText('/proc/meminfo'), /MemTotal:\s+65536 kB/);
  b.kernel.kill(spin.proc.pid, 9);
  await spin.proc.exited;
  t.notOk(b.kernel.pids().includes(spin.proc.pid));

  const glibc = await run(b, ktBinary('syscalls'));
  t.equal(glibc.exit.code, 0);
  t.end();
});

t.test('cat /proc/self/maps shows the program, heap and stack from inside the guest', { skip: pkgBinary('cat') ? false : 'no cat yet' }, async (t) => {
  const r = await run(boot(), pkgBinary('cat')!, ['/proc/self/maps']);
  t.match(r.stdout, /^[0-9a-f]{8}-[0-9a-f]{8} r-xp [0-9a-f]{8} 00:00 0 +\/bin\/cat$/m, 'text');
  t.match(r.stdout, /^[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0 +\[heap\]$/m, 'heap (cat allocates with brk)');
  t.match(r.stdout, /^[0-9a-f]{8,}-[0-9a-f]{8,} rw-p 00000000 00:00 0 +\[stack\]$/m, 'stack');
  t.equal(r.exit.code, 0);
  t.end();
});

t.test('stdcheck, the reproduction, passes in every heap layout', async (t) => {
  for (const name of ['stdcheck', 'stdcheck-pad401000', 'stdcheck-pad402000']) {
    const path = pkgBinary(name);
    if (!path) {
      t.comment(`${name} not built yet`);
      continue;
    }
    const r = await run(boot(), path);
    t.match(r.stdout, /Result: ALL PASSED\n$/, name);
    t.equal(r.exit.code, 0, name);
  }
  t.end();
});

t.test('memory limits: ENOMEM at the per-process limit, OOM kills only the offender', async (t) => {
  const b = boot({ ramSize: 32 * 1024 * 1024, processMemoryLimit: 8 * 1024 * 1024 });
  const r = await run(b, ktBinary('hog'));
  t.match(r.stdout, /^hog: ENOMEM after [4-8] MiB\n$/, 'mmap fails with ENOMEM at the 8 MiB limit');
  t.equal(r.exit.code, 0);

  const m = boot({ ramSize: 32 * 1024 * 1024 });
  const hog = start(m, ktBinary('hog'), ['5000']);
  hog.stdin.end();
  await waitUntil('the hog reports', () => hog.stdout() !== '' || hog.proc.exit != null);
  t.match(hog.stdout(), /^hog: ENOMEM after 3[01] MiB\n$/, 'the hog holds nearly all RAM');
  const small = await run(m, ktBinary('syscalls'));
  t.equal(small.exit.code, 0, 'a small program that needs pages still runs');
  t.match(small.stdout, /ALL PASSED\n$/);
  const hogExit = await hog.proc.exited;
  t.equal(hogExit.signal, 9, 'the out-of-memory killer chose the largest process');
  t.equal(hog.stderr(), `[Kernel] Out of memory: killed process ${hog.proc.pid} (hog)\n`);
  t.equal(m.kernel.pmm.freePages, m.kernel.pmm.totalPages, 'all memory is back');
  const after = await run(m, ktBinary('sleeper'), ['1']);
  t.equal(after.stdout, 'slept\n', 'and the kernel runs the next program');
  t.end();
});

t.test('a static glibc program starts (brk, set_tid_address, rseq, prlimit64, readlinkat, getrandom, mprotect)', async (t) => {
  const r = await run(boot(), ktBinary('glibc-hello'), ['x y'], ['AKUMA_TEST=yes']);
  t.equal(r.stdout, 'hello from glibc, argc=2\nargv[1]=x y\nAKUMA_TEST=yes\nmalloc ok 20100 1\nfloat 30.596290\n');
  t.equal(r.exit.code, 0);
  t.end();
});

t.test('many processes at once all complete', async (t) => {
  const b = boot();
  const runs = await Promise.all(Array.from({ length: 30 }, (_, i) => run(b, ktBinary('sleeper'), [String(i % 5)])));
  t.ok(runs.every((r) => r.stdout === 'slept\n' && r.exit.code === 0));
  t.equal(b.kernel.processes.size, 0);
  t.end();
});

t.test('signals interrupt blocked calls: EINTR, SA_RESTART resumes a read, sleeps and rt_sigsuspend always EINTR', async (t) => {
  const b = boot();
  for (const [mode, want] of [
    ['eintr', 'waiting\nEINTR\nhandler ran\n'],
    ['restart', 'waiting\ndata: after\nhandler ran\n'],
    ['sleep', 'waiting\nEINTR\nhandler ran\n'],
    ['suspend', 'waiting\nmask restored\nEINTR\nhandler ran\n'],
  ] as const) {
    const s = start(b, ktBinary('sigwait'), [mode]);
    await waitUntil(`${mode}: it blocks`, () => s.proc.state === 'blocked');
    t.equal(s.proc.state, 'blocked', `${mode}: blocked`);
    b.kernel.kill(s.proc.pid, 10);
    await sleep(40);
    s.stdin.push(new TextEncoder().encode('after\n'));
    s.stdin.end();
    const exit = await s.proc.exited;
    t.equal(s.stdout(), want, mode);
    t.equal(exit.code, 0);
  }
  t.end();
});

t.test('execve replaces the image (same pid, new memory); failures leave the caller intact', async (t) => {
  const b = boot();
  // Neither ELF nor #! script (a #! line now runs its interpreter, as on Linux).
  b.vfs.writeFile('/tmp/notelf', 'plain text\n', { mode: 0o755 });
  b.vfs.writeFile('/bin/sleeper', readBinary(ktBinary('sleeper')), { mode: 0o755 });
  const free0 = b.kernel.pmm.freePages;
  const s = start(b, ktBinary('execer'), ['/bin/sleeper', '20']);
  s.stdin.end();
  const pid = s.proc.pid;
  await sleep(10);
  const exit = await s.proc.exited;
  t.equal(s.stdout(), 'execve /bin/missing: ENOENT\nexecve /etc/hostname: EACCES\nexecve /tmp/notelf: ENOEXEC\nexecve bad pointer: EFAULT\nslept\n');
  t.equal(exit.code, 0);
  t.equal(s.proc.pid, pid);
  t.equal(s.proc.exe, '/bin/sleeper');
  t.same(s.proc.argv, ['/bin/sleeper', '20']);
  t.equal(b.kernel.pmm.freePages, free0, 'both images freed');
  t.end();
});

t.test('fork and wait4: exit codes, signals, WNOHANG, ECHILD, copied memory, vfork waits for the child', async (t) => {
  const b = boot();
  const free0 = b.kernel.pmm.freePages;
  const r = await run(b, ktBinary('forker'));
  t.equal(
    r.stdout,
    'no children: ECHILD\nchild: running\nfirst child: exited 7\nparent memory untouched by the child\nWNOHANG: still running\n' +
      'crashing child: killed by signal 11\nvfork child: running first\nvfork parent: resumed after the child\nvfork child: exited 3\n',
  );
  t.match(r.stderr, /^\[Fault\] Data abort from EL0 at FAR=0x816003, ISS=0x46\n/, 'the crashing child reports on the shared stderr');
  t.equal(r.exit.code, 0);
  t.equal(b.kernel.processes.size, 0);
  t.equal(b.kernel.pmm.freePages, free0, 'parent and children freed');
  t.end();
});
