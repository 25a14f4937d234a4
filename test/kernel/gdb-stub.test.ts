/**
 * gdb's remote stub (kernel/debug/, `akuma-vm run -g PORT`): the real gdb-multiarch in batch
 * mode debugs packages/kernel-tests' gdbtarget (built -g) against our stub and against
 * qemu-aarch64 -g, and both sessions must print the same lines for the program's state
 * (breakpoint hits by name and line, registers, SIMD registers, memory, steps, the exit
 * code); then a raw client checks the protocol's edges (bad checksums, malformed packets,
 * unmapped memory, a second client, Ctrl-C, k).
 */

import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { ROOT, ktBinary } from './kernel-helpers.js';
import { batchGdb, waitListening } from './gdb-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');
const SRC_DIR = join(ROOT, 'packages/kernel-tests');
const PROG = ktBinary('gdbtarget');
const have = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

let nextPort = 20000 + (process.pid % 20000);

interface Served {
  child: ChildProcess;
  port: number;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Starts `cmd` (run -g or qemu -g) on a fresh port and waits until it listens. */
async function serve(kind: 'akuma' | 'qemu', prog = PROG, args: string[] = []): Promise<Served> {
  const port = nextPort++;
  const child =
    kind === 'akuma'
      ? spawn(process.execPath, [CLI, 'run', '-g', String(port), prog, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn('qemu-aarch64', ['-g', String(port), prog, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitListening(port, child);
  return { child, port, stdout: () => out, exited };
}

/** gdb-multiarch in batch mode with these commands; its stdout and stderr, in order. */
function gdb(port: number, commands: string[], prog = PROG): Promise<string> {
  return batchGdb(port, prog, commands, SRC_DIR);
}

/** What may differ between two correct stubs: where the stack is (qemu's is at 0x55..), how the inferior is named. */
function normalise(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.replace(/^0x[0-9a-f]+:/, 'ADDR:').replace(/argv=0x[0-9a-f]+/, 'argv=STACK').replace(/\((process \d+|Remote target)\)/, '(INFERIOR)'))
    .filter((l) => l !== '');
}

const SESSION = [
  'break add',
  'continue',
  'info registers x0 x1 pc',
  'p $x0 + $x1',
  'x/4gx $sp',
  'stepi',
  'p $pc',
  'next',
  'p sum',
  'delete',
  'hbreak scale',
  'continue',
  'p x',
  'finish',
  'p $v0',
  'p $v0.d.f[0]',
  'p *(int *)8',
  'x/2gx 0x10',
  'continue',
];

t.test('gdb over run -g prints what it prints over qemu-aarch64 -g', async (t) => {
  if (!have('gdb-multiarch') || !have('qemu-aarch64')) {
    t.pass('skip: gdb-multiarch or qemu-aarch64 not installed');
    return;
  }
  const ours = await serve('akuma');
  const ourOut = await gdb(ours.port, SESSION);
  const ourStatus = await ours.exited;
  const qemu = await serve('qemu');
  const qemuOut = await gdb(qemu.port, SESSION);
  const qemuStatus = await qemu.exited;

  // What a user sees, stated once (and then the whole session compared with qemu's).
  t.match(ourOut, /^Breakpoint 1, add \(a=0, b=1\) at \.\/src\/gdbtarget\.c:12$/m, 'break by name stops in add() at its line');
  t.match(ourOut, /^12\t {2}long sum = a \+ b;$/m, 'with the source line');
  t.match(ourOut, /^Breakpoint 2, scale \(x=1\.5, n=6\) at \.\/src\/gdbtarget\.c:18$/m, 'a hardware breakpoint by name');
  t.match(ourOut, /^Value returned is \$\d+ = 9$/m, 'finish shows the double returned in v0');
  t.match(ourOut, /^Cannot access memory at address 0x8$/m, 'an unmapped address is an error, not a crash');
  t.match(ourOut, /exited with code 07\]$/m, 'the exit code reaches gdb');
  t.same(normalise(ourOut), normalise(qemuOut), 'the same session, line for line, as against qemu-aarch64 -g');
  t.equal(ours.stdout(), 'total=6 scaled=9.0 counter=6\n', "the program's own output");
  t.equal(ours.stdout(), qemu.stdout());
  t.equal(ourStatus, 7, 'run exits with the program status');
  t.equal(qemuStatus, 7);
});

t.test('a fault stops in gdb at the faulting line first, then ends the program, as over qemu', async (t) => {
  if (!have('gdb-multiarch') || !have('qemu-aarch64')) {
    t.pass('skip: gdb-multiarch or qemu-aarch64 not installed');
    return;
  }
  const session = ['continue', 'p p', 'bt', 'continue'];
  const ours = await serve('akuma', PROG, ['crash']);
  const ourOut = await gdb(ours.port, session);
  t.equal(await ours.exited, 139);
  const qemu = await serve('qemu', PROG, ['crash']);
  const qemuOut = await gdb(qemu.port, session);
  await qemu.exited;
  t.match(ourOut, /^Program received signal SIGSEGV, Segmentation fault\.\n0x[0-9a-f]+ in crash_here \(p=0x0\) at \.\/src\/gdbtarget\.c:23\n23\t {2}\*p = 1;$/m);
  t.match(ourOut, /^Program terminated with signal SIGSEGV, Segmentation fault\.$/m);
  t.same(normalise(ourOut), normalise(qemuOut), 'the same session as against qemu-aarch64 -g');
});

t.test('threads: a breakpoint in a second thread, info threads lists both, per-thread registers', async (t) => {
  if (!have('gdb-multiarch') || !have('qemu-aarch64')) {
    t.pass('skip: gdb-multiarch or qemu-aarch64 not installed');
    return;
  }
  const prog = ktBinary('gdbthreads');
  // Thread 1's x0 is not compared: it is 2 (clone's return) or a futex address, depending on
  // whether it ran since clone; where its pc is (not in worker) is the same either way.
  const inWorker = 'p (long)$pc >= (long)worker && (long)$pc < (long)main';
  const session = ['break worker', 'continue', 'info threads', 'p $x0', inWorker, 'thread 1', inWorker, 'continue'];
  const run = async (kind: 'akuma' | 'qemu'): Promise<{ out: string; status: number | null }> => {
    const s = await serve(kind, prog);
    const out = await gdb(s.port, session, prog);
    return { out, status: await s.exited };
  };
  const ours = await run('akuma');
  const qemu = await run('qemu');
  const hit = /^Thread 2(\.\d+)? hit Breakpoint 1, worker \(arg=0x2\) at \.\/src\/gdbthreads\.c:11$/m;
  t.match(qemu.out, hit, 'qemu: the breakpoint is hit in the second thread');
  t.match(ours.out, hit, 'ours too');
  // Thread ids are pPID.TID (multiprocess+, as gdb and qemu agree on), so gdb shows PID.TID.
  t.match(ours.out, /^ {2}1 {4}Thread (\d+)\.\1 \(gdbthreads\) 0x[0-9a-f]+ in \S+ \(\)$/m, 'info threads: the first thread, waiting');
  t.match(ours.out, /^\* 2 {4}Thread \d+\.\d+ \(gdbthreads\) worker \(arg=0x2\) at \.\/src\/gdbthreads\.c:11$/m, 'and the second, current');
  const x0 = (out: string): string[] => [...out.matchAll(/^\$\d+ = (.*)$/gm)].map((m) => m[1]);
  t.same(x0(ours.out), ['2', '1', '0'], "the second thread's x0 and pc, then the first's pc");
  t.same(x0(ours.out), x0(qemu.out), 'as qemu shows them');
  t.match(ours.out, /exited with code 03\]$/m);
  t.equal(ours.status, 3);
  t.equal(qemu.status, 3);
});

t.test("data watchpoints stop on the store and show old and new values, as gdb's own single-stepping finds them", async (t) => {
  if (!have('gdb-multiarch') || !have('qemu-aarch64')) {
    t.pass('skip: gdb-multiarch or qemu-aarch64 not installed');
    return;
  }
  const session = ['break add', 'continue', 'delete', 'watch counter', 'continue', 'continue', 'delete', 'rwatch counter', 'continue', 'delete', 'awatch counter', 'continue', 'delete', 'continue'];
  const ours = await serve('akuma');
  const ourOut = await gdb(ours.port, session);
  t.equal(await ours.exited, 7);
  // qemu-aarch64 -g has no watchpoints: there gdb single-steps and compares (a software watchpoint).
  const qemu = await serve('qemu');
  const qemuOut = await gdb(qemu.port, ['set can-use-hw-watchpoints 0', ...session.slice(0, 7), 'continue']);
  await qemu.exited;
  t.match(ourOut, /^Hardware watchpoint 2: counter\n\nOld value = 0\nNew value = 1\nadd \(a=0, b=1\) at \.\/src\/gdbtarget\.c:14\n14\t {2}return sum;$/m, 'watch: a hardware watchpoint, the values, the line after the store');
  t.match(ourOut, /^Old value = 1\nNew value = 3$/m, 'and again on the next store');
  t.match(ourOut, /^Hardware read watchpoint 3: counter\n\nValue = 3\n0x[0-9a-f]+ in add \(a=3, b=3\) at \.\/src\/gdbtarget\.c:13\n13\t {2}counter \+= b;$/m, 'rwatch stops on the load of counter += b');
  t.match(ourOut, /^Hardware access \(read\/write\) watchpoint 4: counter\n\nOld value = 3\nNew value = 6\n/m, 'awatch on its store');
  t.match(ourOut, /exited with code 07\]$/m);
  const values = (out: string): string[] => [...out.matchAll(/^(Old value = .*\nNew value = .*\n.*\n.*)$/gm)].map((m) => m[1]);
  t.same(values(ourOut).slice(0, 2), values(qemuOut).slice(0, 2), 'the same values and lines as gdb stepping under qemu');
  t.equal(values(ourOut).length >= 2, true);
});

/** A raw remote-protocol client: sends packets, collects what comes back. */
class RawClient {
  private data = '';
  private waiters: Array<() => void> = [];
  closed = false;
  constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      this.data += d;
      for (const w of this.waiters.splice(0)) w();
    });
    socket.on('close', () => {
      this.closed = true;
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static open(port: number): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawClient(s)));
      s.on('error', reject);
    });
  }
  write(raw: string): void {
    this.socket.write(raw, 'latin1');
  }
  packet(payload: string): void {
    let sum = 0;
    for (const c of payload) sum = (sum + c.charCodeAt(0)) & 0xff;
    this.write(`$${payload}#${sum.toString(16).padStart(2, '0')}`);
  }
  /** Waits until the received text matches re (or the connection closes); returns and consumes it. */
  async expect(re: RegExp): Promise<string> {
    for (let i = 0; i < 200; i++) {
      const m = re.exec(this.data);
      if (m) {
        this.data = this.data.slice(m.index + m[0].length);
        return m[0];
      }
      if (this.closed) break;
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
    return `(nothing matching ${re}; got ${JSON.stringify(this.data)})`;
  }
}

t.test('the stub survives a bad client and answers Ctrl-C and k', async (t) => {
  const s = await serve('akuma', ktBinary('spin'));
  const c = await RawClient.open(s.port);
  c.write('$?#00'); // wrong checksum
  t.equal(await c.expect(/^-/), '-', 'a wrong checksum is refused');
  c.packet('?');
  t.match(await c.expect(/\$T05thread:[0-9a-f]+;#[0-9a-f]{2}/), /T05/, 'stopped before the first instruction');
  c.packet('m0,8');
  t.match(await c.expect(/\$E[0-9a-f]{2}#/), /\$E14/, 'reading address 0 answers an error');
  c.packet('mzz,4');
  t.match(await c.expect(/\$E[0-9a-f]{2}#/), /\$E01/, 'a malformed packet answers E01');
  c.packet('pffff');
  t.match(await c.expect(/\$E[0-9a-f]{2}#/), /\$E0/, 'no such register');
  c.packet('Xdeadbeef');
  t.match(await c.expect(/\$E01#/), /E01/);
  const second = await RawClient.open(s.port);
  await new Promise<void>((r) => (second.closed ? r() : second.socket.once('close', () => r())));
  t.ok(second.closed, 'a second client is closed at once');
  c.packet('QStartNoAckMode');
  t.match(await c.expect(/\$OK#9a/), /OK/);
  c.packet('p20');
  t.match(await c.expect(/\$[0-9a-f]{16}#/), /\$[0-9a-f]{16}#/, 'pc reads as 8 bytes');
  c.packet('c');
  await new Promise((r) => setTimeout(r, 300));
  c.write('\x03');
  t.match(await c.expect(/\$T02thread:[0-9a-f]+;#[0-9a-f]{2}/), /\$T02/, 'Ctrl-C stops the spinning program');
  c.packet('s');
  t.match(await c.expect(/\$T05thread:[0-9a-f]+;#[0-9a-f]{2}/), /\$T05/, 'a single step stops again');
  c.packet('k');
  t.equal(await s.exited, 137, 'k kills it: run exits 128+SIGKILL');
});

t.test('a fault report names the function and offset of the PC, as gdb names it', (t) => {
  const r = spawnSync(process.execPath, [CLI, 'run', PROG, 'crash'], { encoding: 'utf8', timeout: 120_000 });
  t.equal(r.status, 139);
  const lines = r.stderr.split('\n');
  t.equal(lines[0], '[Fault] Data abort from EL0 at FAR=0x0, ISS=0x46');
  const elr = /ELR=(0x[0-9a-f]+)/.exec(lines[1])?.[1] ?? '?';
  if (!have('gdb-multiarch')) {
    t.match(lines[2], /^ {2}at crash_here\+0x[0-9a-f]+ \(0x[0-9a-f]+\): /);
    return t.end();
  }
  const g = spawnSync('gdb-multiarch', ['-batch', '-nx', '-ex', `info symbol ${elr}`, PROG], { encoding: 'utf8' });
  const m = /^(\w+) \+ (\d+) in section/m.exec(g.stdout);
  t.ok(m, `gdb: ${g.stdout.trim()}`);
  t.equal(lines[2].split(' (')[0], `  at ${m?.[1]}+0x${Number(m?.[2]).toString(16)}`, 'the function gdb names, at the same offset');
  t.equal(lines[2], `  at crash_here+0x10 (${elr}): str w1, [x0]   w1=0x1 x0=0x0`, 'the instruction, and the registers it used');
  // A stripped program's report stays as it was: no guess at a name.
  const s = spawnSync(process.execPath, [CLI, 'run', ktBinary('fault')], { encoding: 'utf8', timeout: 120_000 });
  t.match(s.stderr.split('\n')[2], /^ {2}at 0x[0-9a-f]+: strb w2, \[x1\] {3}w2=0x42 x1=0x816003$/, 'stripped: no guess at a name, the instruction still');
  t.end();
});

t.test('a client that goes away mid-packet leaves the program running on, detached, as qemu does', async (t) => {
  const s = await serve('akuma');
  const c = await RawClient.open(s.port);
  c.packet('Z0,4006a0,4'); // a breakpoint in add(), removed again on detach
  t.match(await c.expect(/\$OK#9a/), /OK/);
  c.write('$m4006a0,');
  c.socket.destroy();
  t.equal(await s.exited, 7, 'the program ran to its end');
  t.equal(s.stdout(), 'total=6 scaled=9.0 counter=6\n');
});
