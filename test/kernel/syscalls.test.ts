import t from 'tap';
import pino from 'pino';
import { Errno } from '../../kernel/errno.js';
import { ContextArgs } from '../../kernel/syscalls/dispatch.js';
import { boot, ktBinary, pkgBinary, run, start } from './kernel-helpers.js';

function captureLogger(lines: string[]) {
  return pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
}

t.test('the syscall program: every check passes (results and errno, EFAULT/EBADF/ENOSYS/ENOMEM/EINVAL)', async (t) => {
  const b = boot();
  const r = await run(b, ktBinary('syscalls'), ['one', 'two']);
  const failed = r.stdout.split('\n').filter((l) => l.startsWith('FAIL'));
  t.same(failed, [], 'no failed checks');
  t.ok(r.stdout.endsWith('ALL PASSED\n'), 'ALL PASSED');
  t.ok(r.stdout.split('\n').length > 100, 'more than a hundred checks ran');
  t.equal(r.exit.code, 0);
  t.equal(r.stderr, '');
  t.end();
});

t.test('the file system call program: read, write, readv, writev, openat, close, lseek, fstat, newfstatat, getdents64, mkdirat, unlinkat, renameat2, getcwd, chdir, dup, dup3, pipe2, ioctl, fcntl', async (t) => {
  const b = boot();
  const r = await run(b, ktBinary('fscheck'), ['/tmp/fscheck']);
  t.same(r.stdout.split('\n').filter((l) => l.startsWith('FAIL')), [], 'no failed checks');
  t.ok(r.stdout.endsWith('ALL PASSED\n'));
  t.equal(r.exit.code, 0);
  t.notOk(b.vfs.exists('/tmp/fscheck'), 'it cleaned up');
  t.end();
});

t.test('register preservation: regcheck (packages/bin) fills every register and checks it across each syscall', { skip: pkgBinary('regcheck') ? false : 'packages/bin/regcheck not built yet' }, async (t) => {
  const r = await run(boot(), pkgBinary('regcheck')!);
  t.match(r.stdout, /Result: ALL PASSED/);
  t.notMatch(r.stdout, /FAIL/);
  t.equal(r.exit.code, 0);
  t.end();
});

t.test('register preservation per thread: four threads fill every register with their own patterns across syscalls and preemption', async (t) => {
  const r = await run(boot(), ktBinary('regthreads'));
  t.equal(r.stdout, [0, 1, 2, 3].map((i) => `thread ${i}: 42 of 42 calls kept every register\n`).join('') + 'Result: ALL PASSED\n');
  t.equal(r.exit.code, 0);
  t.end();
});

t.test('unknown numbers return ENOSYS and log one line; a handler that throws a host error gives -EIO, the kernel lives on', async (t) => {
  const lines: string[] = [];
  const b = boot({
    logger: captureLogger(lines),
    syscalls: {
      4000: () => {
        throw new TypeError('boom');
      },
    },
  });
  const r = await run(b, ktBinary('syscalls'));
  t.match(r.stdout, /^ok {3}unknown syscall 999 = ENOSYS$/m);
  t.match(r.stdout, /^FAIL unknown syscall 4000 = ENOSYS \(got -5\)$/m, 'the throwing handler answered -EIO');
  const warnings = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'unknown syscall: ENOSYS' && l.nr === 999);
  t.equal(warnings.length, 1, 'one log line for syscall 999');
  const errors = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'syscall handler failed');
  t.equal(errors.length, 1);
  t.equal(errors[0].err, 'boom');
  const again = await run(b, ktBinary('sleeper'), ['1']);
  t.equal(again.stdout, 'slept\n', 'the kernel still runs programs');
  t.end();
});

t.test('--trace-syscalls: one strace-like line per call', async (t) => {
  const trace: string[] = [];
  const b = boot({ traceSyscalls: (l) => trace.push(l) });
  await run(b, ktBinary('sleeper'), ['5']);
  const pid = /^\[pid (\d+)\]/.exec(trace[0] ?? '')?.[1];
  t.ok(pid, 'lines carry the pid');
  t.match(trace[0], /^\[pid \d+\] nanosleep\(\{tv_sec=0, tv_nsec=5000000\}, NULL\) += 0$/);
  t.match(trace[1], /^\[pid \d+\] write\(1, "slept\\n", 6\) += 6$/);
  t.match(trace[2], /^\[pid \d+\] exit_group\(0\) += \?$/);
  t.equal(trace[2].indexOf('= ?'), 40, 'results at column 40, as strace lines them up');
  t.match(trace[3], /^\[pid \d+\] \+\+\+ exited with 0 \+\+\+$/, 'then the exit, as strace shows it');
  t.equal(trace.length, 4);
  trace.length = 0;
  await run(b, ktBinary('syscalls'));
  t.ok(trace.some((l) => /close\(-1\) += -1 EBADF \(Bad file descriptor\)$/.test(l)), 'errors as -1 ENAME (strerror)');
  t.ok(trace.some((l) => /syscall_999\(.*\) += -1 ENOSYS \(Function not implemented\)$/.test(l)), 'unknown calls by number');
  t.ok(trace.some((l) => /mmap\(NULL, 32768, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) = 0x[0-9a-f]+$/.test(l)), 'mmap with its flags');
  t.ok(trace.some((l) => /mmap\(0x20000000, 4096, PROT_READ, MAP_PRIVATE\|MAP_ANONYMOUS\|MAP_FIXED_NOREPLACE, -1, 0\) = -1 EEXIST \(File exists\)$/.test(l)));
  t.end();
});

t.test('argument views: int/u32/u64/i64/big of x0..x5', (t) => {
  const x = new Int32Array(64);
  x[0] = -100;
  x[1] = -1;
  x[2] = 0x1000;
  x[3] = 0x10;
  x[4] = -1;
  x[5] = 0x7fffffff;
  const a = new ContextArgs(x);
  t.equal(a.int(0), -100);
  t.equal(a.u32(0), 4294967196);
  t.equal(a.u64(0), Infinity, 'huge values are never valid sizes');
  t.equal(a.i64(0), -100);
  t.equal(a.u64(1), 0x10_0000_1000);
  t.equal(a.big(2), 0x7fffffff_ffffffffn);
  t.equal(Errno.ENOSYS, 38);
  t.end();
});

t.test('fuzz: random arguments to every syscall number never throw in the host, and all memory comes back', async (t) => {
  const lines: string[] = [];
  const b = boot({ logger: captureLogger(lines) });
  b.kernel.stop(); // dispatch by hand: nothing runs on its own
  const free0 = b.kernel.pmm.freePages;
  const spawn = () => start(b, ktBinary('sleeper')).proc.threads[0];
  let p = spawn();
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0), seed);
  const interesting = [0n, 1n, 2n, 3n, 8n, 24n, 4096n, 0xffffffffn, (1n << 64n) - 1n, (1n << 63n), 0x816003n, 0x3fffe000n, 0x3ffffff0n, 0x400000n, 0x10000000n, (1n << 47n), -100n & ((1n << 64n) - 1n)];
  const value = (): bigint => (rand() % 3 === 0 ? BigInt(rand()) * BigInt(rand()) : interesting[rand() % interesting.length]);
  let threw = 0;
  for (let i = 0; i < 20000; i++) {
    const nr = rand() % 300;
    if (nr === 93 || nr === 94) continue;
    for (let r = 0; r < 6; r++) {
      const v = value();
      p.ctx.x[r * 2] = Number(v & 0xffffffffn) | 0;
      p.ctx.x[r * 2 + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
    }
    p.ctx.x[16] = nr;
    p.ctx.x[17] = 0;
    try {
      b.kernel.dispatcher.dispatch(p);
    } catch (e) {
      threw++;
      if (threw < 5) t.comment(`syscall ${nr} threw: ${(e as Error).stack}`);
    }
    if (p.state === 'blocked') {
      p.unblock?.();
      p.unblock = null;
      p.state = 'runnable';
      p.blockedSyscall = -1;
      p.syscallState = undefined;
    }
    if (p.exit) p = spawn();
  }
  t.equal(threw, 0, 'no host exception escaped the dispatcher');
  const internal = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'syscall handler failed');
  t.same(internal.map((l) => `${l.name}: ${l.err}`), [], 'no handler hit an internal error');
  b.kernel.shutdown();
  t.equal(b.kernel.pmm.freePages, free0, 'every page came back');
  t.end();
});
