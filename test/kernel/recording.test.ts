/**
 * The recording behind `run --record` (kernel/debug/recording.ts, replay.ts), checked without
 * gdb: a run is stopped at some point, its whole history is replayed from the first snapshot,
 * and the registers and every mapped page must come out as the live run left them (what
 * verifyRecording reports). `cat` reading chunks from stdin (read()'s data is an input from
 * outside, a blocked read is where it stops), stdcheck (allocation, many system calls), and
 * cpubench under a small --record-limit (the oldest snapshots go, the history starts later).
 * After each visit to the past the program runs on live to the output and status it has unrecorded.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootKernel } from '../../kernel/boot.js';
import { DebugTarget, type StopEvent } from '../../kernel/debug/target.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { ROOT, ktBinary, waitUntil } from './kernel-helpers.js';

const BIN = join(ROOT, 'packages/bin');

function start(name: string, options: { interval?: number; limit?: number } = {}, args: string[] = [], file = join(BIN, name)) {
  const { kernel, vfs } = bootKernel();
  kernel.randomizeLayout = false;
  vfs.writeFile(`/bin/${name}`, readFileSync(file), { mode: 0o755 });
  let output = '';
  const out = new HostOutput((b) => void (output += Buffer.from(b).toString()));
  const stdin = new HostInput();
  const p = kernel.spawn(`/bin/${name}`, [name, ...args], [], { stdin, stdout: out, stderr: out });
  const target = new DebugTarget(kernel, p);
  target.attach();
  target.startRecording(options);
  const stops: StopEvent[] = [];
  target.onStop = (e) => void stops.push(e);
  return { kernel, p, target, stdin, stops, output: () => output };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

t.test('cat: stopped in a blocked read, the history replays to exactly the present; then it runs on', async (t) => {
  const { kernel, p, target, stdin, stops, output } = start('cat', { interval: 1000 });
  target.resume();
  stdin.push(Buffer.from('first line\n'));
  await waitUntil('cat echoes the first chunk', () => output().includes('first line'));
  t.equal(output(), 'first line\n', 'cat echoed the first chunk');
  stdin.push(Buffer.from('second\n'));
  await sleep(100);
  target.interrupt();
  t.equal(stops.length, 1, 'stopped');
  const rec = target.recording!;
  t.ok(rec.events.some((e) => e.writes.some((w) => Buffer.from(w.data).toString().includes('first line'))), "read()'s data is in the log");
  t.equal(target.verifyRecording(), null, 'replayed from the first snapshot, the same registers and pages');
  // Back one instruction and forward again, a few times over.
  for (let i = 0; i < 3; i++) target.reverse(true);
  t.ok(target.inHistory, 'in the past');
  for (let i = 0; i < 3; i++) target.step(p.threads[0]);
  t.notOk(target.inHistory, 'and back at the present');
  target.resume();
  stdin.push(Buffer.from('third\n'));
  stdin.end();
  const status = await p.exited;
  t.equal(status.code, 0);
  t.equal(output(), 'first line\nsecond\nthird\n', 'the live run carried on where it was');
  kernel.shutdown();
});

t.test('a signal handler run in a blocked read (SA_RESTART): its frame and sigreturn replay exactly', async (t) => {
  const { kernel, p, target, stdin, output } = start('sigwait', { interval: 1000 }, ['restart'], ktBinary('sigwait'));
  target.resume();
  for (let i = 0; i < 300 && !output().includes('waiting'); i++) await sleep(10);
  await sleep(50);
  kernel.kill(p.pid, 10); // SIGUSR1: the handler runs, the read starts again
  await sleep(200);
  target.interrupt();
  const rec = target.recording!;
  t.ok(rec.events.some((e) => !e.svc || e.writes.length > 0), 'the delivery is in the log (the frame written on the stack)');
  t.equal(target.verifyRecording(), null, 'replayed through the handler and sigreturn: the same registers and pages');
  target.reverse(false);
  target.resume(); // forward through the history
  target.resume(); // and live
  stdin.push(Buffer.from('data\n'));
  stdin.end();
  const status = await p.exited;
  t.equal(status.code, 0);
  t.equal(output(), 'waiting\ndata: data\nhandler ran\n', 'and it runs on as it would have');
  kernel.shutdown();
});

t.test('a program that reads the counter itself (mrs CNTVCT_EL0): the reads trap while recording and replay the values read', async (t) => {
  const { kernel, p, target } = start('spin', { interval: 1000 }, [], ktBinary('spin'));
  target.resume();
  await sleep(50);
  target.interrupt();
  // As gdb would patch it: the loop becomes `mrs x0, cntvct_el0; b .-4` (gdb's stores are inputs too).
  const th = p.threads[0];
  const loop = new Uint8Array(8);
  new DataView(loop.buffer).setUint32(0, 0xd53be040, true);
  new DataView(loop.buffer).setUint32(4, 0x17ffffff, true);
  t.ok(target.writeMemory(th.pc, loop));
  target.resume();
  await sleep(100);
  target.interrupt();
  const x0 = (BigInt(th.ctx.x[1] >>> 0) << 32n) | BigInt(th.ctx.x[0] >>> 0);
  t.ok(x0 > 0n, `x0 holds a counter value (0x${x0.toString(16)})`);
  const rec = target.recording!;
  const reads = rec.events.filter((e) => e.svc && e.regs.some((v, i) => i % 2 === 0 && v === 0));
  t.ok(reads.length > 10, `the reads are in the log (${reads.length})`);
  t.equal(target.verifyRecording(), null, 'the replay reads the same values: the same registers and pages');
  for (let i = 0; i < 5; i++) target.reverse(true);
  const back = (BigInt(th.ctx.x[1] >>> 0) << 32n) | BigInt(th.ctx.x[0] >>> 0);
  t.ok(back <= x0, 'a few instructions back, an earlier reading');
  target.kill();
  await p.exited;
  kernel.shutdown();
});

t.test('forker: plain forks are recorded on (the children run live), a clone with CLONE_VM ends it in one line', async (t) => {
  const plain = (() => {
    const { kernel, vfs } = bootKernel();
    kernel.randomizeLayout = false;
    vfs.writeFile('/bin/forker', readFileSync(ktBinary('forker')), { mode: 0o755 });
    let output = '';
    const out = new HostOutput((b) => void (output += Buffer.from(b).toString()));
    const stdin = new HostInput();
    stdin.end();
    const p = kernel.spawn('/bin/forker', ['forker'], [], { stdin, stdout: out, stderr: out });
    return p.exited.then((st) => {
      kernel.shutdown();
      return { code: st.code, output };
    });
  })();
  const { kernel, p, target, stdin, output } = start('forker', { interval: 1000 }, [], ktBinary('forker'));
  stdin.end();
  const rec = target.recording!;
  let eventsBeforeEnd = 0;
  const resuming = rec.resuming.bind(rec);
  rec.resuming = (th) => {
    if (!rec.ended) eventsBeforeEnd = rec.events.length;
    resuming(th);
  };
  target.resume();
  const st = await p.exited;
  const want = await plain;
  t.equal(rec.ended, 'clone with CLONE_VM', 'the vfork-style clone ended the recording');
  t.ok(eventsBeforeEnd > 5, `the forks before it were recorded (${eventsBeforeEnd} events)`);
  const line = '[record] clone with CLONE_VM: reverse execution covers one single-threaded process; the recording stops here\n';
  t.equal(output().split(line).length, 2, 'said once');
  t.equal(output().replace(line, ''), want.output, 'otherwise the same output as unrecorded');
  t.equal(st.code, want.code);
  kernel.shutdown();
});

t.test('stdcheck: stopped mid-run, the history replays exactly; reverse-continue with nothing set goes to its start', async (t) => {
  const { kernel, p, target, stops, output } = start('stdcheck', { interval: 50_000 });
  target.resume();
  const rec = target.recording!;
  // Stop it mid-run, once it has made a few system calls and passed a few snapshots.
  for (let i = 0; i < 3000 && !(rec.events.length > 3 && rec.snapshots.length > 3) && !p.exit; i++) await sleep(10);
  target.interrupt();
  t.ok(rec.snapshots.length > 3, `several snapshots (${rec.snapshots.length})`);
  t.ok(rec.events.length > 3, `events (${rec.events.length})`);
  t.equal(target.verifyRecording(), null, 'the same registers and pages');
  target.reverse(false);
  t.same(stops.at(-1)?.replaylog, 'begin', 'no breakpoint, no watchpoint: back to the start of the history');
  t.equal(p.threads[0].pc, Number(BigInt(rec.snapshots[0].ctx[192] >>> 0) | (BigInt(rec.snapshots[0].ctx[193] >>> 0) << 32n)), 'at the first snapshot');
  target.resume(); // forward through the history to the present
  t.same(stops.at(-1)?.replaylog, 'end', 'forward to the end of the history');
  target.resume(); // and on, live
  const status = await p.exited;
  t.equal(status.code, 0);
  t.match(output(), /ALL PASSED/);
  kernel.shutdown();
});

t.test('--record-limit: the oldest snapshots go, the history starts later and still replays exactly', async (t) => {
  const limit = 4 * 2 ** 20;
  const { kernel, p, target } = start('cpubench', { interval: 100_000, limit });
  target.resume();
  const rec = target.recording!;
  for (let i = 0; i < 3000 && !(rec.start > 0) && !p.exit; i++) await sleep(10);
  target.interrupt();
  t.ok(rec.bytes <= limit * 1.5, `within the limit, give or take a snapshot (${(rec.bytes / 2 ** 20).toFixed(1)} MiB)`);
  t.ok(rec.start > 0, `the history now starts at position ${rec.start}`);
  t.equal(target.verifyRecording(), null, 'and replays exactly from there');
  target.kill();
  await p.exited;
  kernel.shutdown();
});
