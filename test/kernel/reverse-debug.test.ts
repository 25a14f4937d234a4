/**
 * Reverse execution (`akuma-vm run --record -g PORT`, kernel/debug/recording.ts and replay.ts):
 * the real gdb-multiarch in batch mode runs packages/kernel-tests' gdbtarget (built -g)
 * backwards — reverse-continue to the store a watchpoint names, reverse-stepi then stepi back
 * to the same pc, reverse-finish to the call in main — and then forwards again to its live end,
 * whose output and exit status must be those of a run nobody rewound. Then the origin report's
 * hunt: stdcheck-pad401000 with `--inject clobber-x9` faults; from the fault, reverse-continue
 * with a watch on the allocator's pointer register lands on the svc that clobbered it, and
 * with a watch on the allocator's head on the store that set it.
 */

import t from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, ktBinary, pkgBinary } from './kernel-helpers.js';
import { batchGdb, waitListening } from './gdb-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');
const SRC_DIR = join(ROOT, 'packages/kernel-tests');
const PROG = ktBinary('gdbtarget');
const HAVE_GDB = spawnSync('sh', ['-c', 'command -v gdb-multiarch']).status === 0;

let nextPort = 21000 + ((process.pid * 7) % 19000);

interface Served {
  port: number;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `akuma-vm run <options> -g PORT prog args` on a fresh port, once it listens. */
async function serve(options: string[], prog: string, args: string[] = []): Promise<Served> {
  const port = nextPort++;
  const child: ChildProcess = spawn(process.execPath, [CLI, 'run', ...options, '-g', String(port), prog, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitListening(port, child, () => err);
  return { port, stdout: () => out, stderr: () => err, exited };
}

/** gdb-multiarch -batch with these commands; stdout and stderr in order. */
function gdb(port: number, prog: string, commands: string[]): Promise<string> {
  return batchGdb(port, prog, commands, SRC_DIR);
}

/** The values of gdb's `p $pc` lines ($N = (void (*)()) 0x... <sym>), in order. */
function pcs(out: string): string[] {
  return [...out.matchAll(/^\$\d+ = \(void \(\*\)\(\)\) (0x[0-9a-f]+)/gm)].map((m) => m[1]);
}

t.test('gdbtarget runs backwards: reverse-continue to the store, reverse-stepi/stepi, reverse-finish, then live to its end', async (t) => {
  if (!HAVE_GDB) {
    t.pass('skip: gdb-multiarch not installed');
    return;
  }
  const run = await serve(['--record'], PROG);
  const out = await gdb(run.port, PROG, [
    'break add',
    'continue',
    'watch counter',
    'continue', // counter 0 -> 1, in add(0, 1)
    'continue', // breakpoint 1 again: add(1, 2)
    'reverse-continue',
    'p counter',
    'x/i $pc',
    'p $pc',
    'reverse-stepi',
    'p $pc',
    'stepi',
    'p $pc',
    'delete',
    'reverse-finish',
    'x/i $pc',
    'continue',
    'continue',
  ]);
  t.match(out, /^Breakpoint 1, add \(a=1, b=2\) at \.\/src\/gdbtarget\.c:12$/m, 'forward first, to the second call');
  // Backwards over the watched store: gdb shows the value going from after the store to before it.
  t.match(out, /^Hardware watchpoint 2: counter\n\nOld value = 1\nNew value = 0\n0x[0-9a-f]+ in add \(a=0, b=1\) at \.\/src\/gdbtarget\.c:13\n13\t {2}counter \+= b;$/m, 'reverse-continue stops on the line of the store that wrote counter');
  t.match(out, /^\$\d+ = 0\n=> 0x[0-9a-f]+ <add\+\d+>:\tstr\tx1, \[x0\]$/m, 'at the store itself, before it ran');
  const [atStore, back, again] = pcs(out);
  t.ok(atStore && back && again, 'three pcs printed');
  t.not(back, atStore, 'reverse-stepi moved back one instruction');
  t.equal(Number(atStore) - Number(back), 4, 'to the instruction before');
  t.equal(again, atStore, 'stepi after reverse-stepi is at the same pc');
  t.match(out, /^0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at \.\/src\/gdbtarget\.c:30\n30\t/m, 'reverse-finish: back in the caller, main, at its line');
  t.match(out, /^=> 0x[0-9a-f]+ <main\+\d+>:\tbl\t0x[0-9a-f]+ <add>$/m, 'on the call instruction');
  t.match(out, /^No more reverse-execution history\.\n.*add \(a=1, b=2\) at \.\/src\/gdbtarget\.c:12$/m, 'forward through the history up to the present');
  t.match(out, /exited with code 07\]$/m, 'and on, live, to the end');
  t.equal(await run.exited, 7, 'the exit status of an unrewound run');
  t.equal(run.stdout(), 'total=6 scaled=9.0 counter=6\n', 'and its output');
});

t.test('reverse-next out of a function back to the line of its call, then forward to the end', async (t) => {
  if (!HAVE_GDB) {
    t.pass('skip: gdb-multiarch not installed');
    return;
  }
  const run = await serve(['--record'], PROG);
  const out = await gdb(run.port, PROG, ['break scale', 'continue', 'reverse-next', 'p total', 'p d', 'continue', 'continue']);
  t.match(out, /^Breakpoint 1, scale \(x=1\.5, n=6\) at \.\/src\/gdbtarget\.c:18$/m);
  t.match(out, /^main \(argc=1, argv=0x[0-9a-f]+\) at \.\/src\/gdbtarget\.c:31\n31\t {2}double d = scale\(1\.5, total\);\n\$1 = 6$/m, 'reverse-next: back in main before the call, total already 6');
  t.match(out, /^No more reverse-execution history\.\nscale \(x=1\.5, n=6\) at \.\/src\/gdbtarget\.c:18$/m, 'continue: forward to where it was');
  t.match(out, /exited with code 07\]$/m);
  t.equal(await run.exited, 7);
  t.equal(run.stdout(), 'total=6 scaled=9.0 counter=6\n');
});

t.test("the origin report's hunt: from the injected fault back to the svc that clobbered x9, and to the store of the head", async (t) => {
  const bin = pkgBinary('stdcheck-pad401000');
  if (!HAVE_GDB || !bin) {
    t.pass('skip: gdb-multiarch or stdcheck-pad401000 missing');
    return;
  }
  const run = await serve(['--record', '--inject', 'clobber-x9'], bin);
  const out = await gdb(run.port, bin, [
    'continue',
    'x/i $pc',
    'p/x $x9',
    'watch $x9',
    'reverse-continue',
    'x/i $pc',
    'p/x $x9',
    'stepi',
    'p/x $x9',
    'delete',
    // The allocator's state (AKUMA_HEAP) is at 0x401000 in this layout: start, top (the head), end.
    'watch *(long *)0x401008',
    'reverse-continue',
    'x/i $pc',
    'p/x $x8',
    'kill',
  ]);
  t.match(out, /^Program received signal SIGSEGV, Segmentation fault\.\n0x0*21132c in \?\? \(\)\n=> 0x21132c:\tstr\tx0, \[x9, #16\]\n\$1 = 0x814000$/m, 'the fault: a store through x9 = 0x814000');
  t.match(out, /^Watchpoint 1: \$x9\n\nOld value = 8470528\nNew value = 4198400\n0x0*(2112e8) in \?\? \(\)\n=> 0x\1:\tsvc\t#0x0\n\$\d+ = 0x401000$/m, 'reverse-continue stops at an svc, before which x9 held the allocator state (0x401000)');
  t.match(out, /^Watchpoint 1: \$x9\n\nOld value = 4198400\nNew value = 8470528\n0x0*2112ec in \?\? \(\)\n\$\d+ = 0x814000$/m, 'one stepi later, right after the svc, x9 is 0x814000: the kernel wrote it');
  t.match(out, /^Hardware watchpoint 2: \*\(long \*\)0x401008\n\nOld value = 4202496\nNew value = 0\n0x0*210d70 in \?\? \(\)\n=> 0x210d70:\tstp\tx8, x8, \[x19\]\n\$\d+ = 0x402000$/m, 'a watch on the head: back to the stp that set it to 0x402000');
  await run.exited;
});

t.test('--record wants -g, says so in one line', (t) => {
  const r = spawnSync(process.execPath, [CLI, 'run', '--record', PROG], { encoding: 'utf8' });
  t.equal(r.status, 2);
  t.match(r.stderr.split('\n')[0], /^akuma-vm run: --record needs -g PORT/);
  t.end();
});

t.test('a second thread ends the recording with one line; reverse commands then say there is no history', async (t) => {
  if (!HAVE_GDB) {
    t.pass('skip: gdb-multiarch not installed');
    return;
  }
  const prog = ktBinary('gdbthreads');
  const run = await serve(['--record'], prog);
  const out = await gdb(run.port, prog, ['break worker', 'continue', 'reverse-stepi', 'delete', 'continue']);
  t.match(out, /^No more reverse-execution history\.$/m);
  t.match(out, /exited with code 03\]$/m, 'the program runs on to its end');
  t.equal(await run.exited, 3);
  const lines = run.stderr().split('\n').filter((l) => l.startsWith('[record]'));
  t.same(lines, ['[record] a second thread: reverse execution covers one single-threaded process; the recording stops here']);
});

t.test('without --record gdb is told reverse execution is not there, and the program runs on', async (t) => {
  if (!HAVE_GDB) {
    t.pass('skip: gdb-multiarch not installed');
    return;
  }
  const run = await serve([], PROG);
  const out = await gdb(run.port, PROG, ['break add', 'continue', 'reverse-stepi', 'delete', 'continue']);
  t.match(out, /^Target .* does not support this command\.$/m);
  t.equal(await run.exited, 7);
});
