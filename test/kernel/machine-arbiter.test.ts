/**
 * The CPU shared between machines of one thread (kernel/machine-arbiter.ts), counted in
 * the machines' own units so that nothing depends on the host's speed or load: every
 * machine here has the deterministic generic timer (its counter counts instructions), so a
 * slice is a fixed number of instructions and each machine's share is its CPU's icount.
 */

import t from 'tap';
import { Machine } from '../../machine/machine.js';
import { COUNTER_FREQUENCY } from '../../machine/cpu.js';
import { MachineArbiter, type ArbitratedMachine } from '../../kernel/machine-arbiter.js';
import { boot, ktBinary, run, sleep, start, type Booted } from './kernel-helpers.js';

const RAM = 32 * 1024 * 1024;
const PATIENCE_MS = 120_000;
const perMs = COUNTER_FREQUENCY / 1000;

function bootOn(arbiter: MachineArbiter, sliceMs: number, cpuWeight?: number, logger?: never): Booted {
  return boot({ machine: new Machine({ ramSize: RAM, deterministic: true }), ramSize: RAM, sliceMs, arbiter, cpuWeight, logger });
}

async function until(what: string, done: () => boolean): Promise<void> {
  const giveUp = performance.now() + PATIENCE_MS;
  while (!done()) {
    if (performance.now() > giveUp) throw new Error(`gave up waiting: ${what}`);
    await sleep(5);
  }
}

t.test('machines of one thread share it equally in guest time, whatever their process counts and slices', async (t) => {
  const arbiter = new MachineArbiter();
  const crowd = bootOn(arbiter, 5); // ten spinners
  const single = bootOn(arbiter, 5); // one spinner
  const longSlices = bootOn(arbiter, 20); // one spinner, slices four times as long
  const heavy = bootOn(arbiter, 5, 2); // one spinner, weight 2
  const machines = [crowd, single, longSlices, heavy];
  const equal = [crowd, single, longSlices];
  const icount = (b: Booted): number => b.kernel.machine.cpu.icount;
  let worstSpread = 0;
  let turns = 0;
  const started = [
    ...Array.from({ length: 10 }, () => start(crowd, ktBinary('spin'))),
    start(single, ktBinary('spin')),
    start(longSlices, ktBinary('spin')),
    start(heavy, ktBinary('spin')),
  ];
  arbiter.onTurn = () => {
    turns++;
    const counts = equal.map(icount);
    // After the first round (every machine has had a turn) the equal-weight machines never drift
    // further apart than the longest slice plus one re-entry credit.
    if (counts.every((n) => n > 0)) worstSpread = Math.max(worstSpread, Math.max(...counts) - Math.min(...counts));
  };
  await until('400 turns', () => turns >= 400);
  arbiter.onTurn = null;
  const counts = machines.map(icount);
  for (const b of machines) b.kernel.shutdown();
  const slice20 = 20 * perMs;
  t.ok(worstSpread <= slice20 + 5 * perMs, `equal machines stayed within one long slice of each other: worst spread ${worstSpread} instructions (slice ${slice20})`);
  const [c, s, l, h] = counts;
  t.ok(Math.abs(c - s) <= slice20 + 5 * perMs, `ten spinners' machine ${c} vs one spinner's ${s} instructions`);
  t.ok(Math.abs(l - s) <= slice20 + 5 * perMs, `20 ms slices' machine ${l} vs 5 ms slices' ${s} instructions`);
  t.ok(Math.abs(h - 2 * s) <= 2 * (slice20 + 5 * perMs), `weight 2 ran ${h}, about twice weight 1's ${s}`);
  t.end();
});

t.test('an idle machine woken beside busy ones takes the next turn', async (t) => {
  const arbiter = new MachineArbiter();
  const busy = [bootOn(arbiter, 5), bootOn(arbiter, 5)];
  const idle = bootOn(arbiter, 5);
  const spinners = busy.flatMap((b) => [start(b, ktBinary('spin')), start(b, ktBinary('spin'))]);
  const idleMachine: ArbitratedMachine = idle.kernel.arbitrated;
  let woken = false;
  /** Whether the idle machine is among the ready ones (a wake then changes nothing). */
  let ready = false;
  /** Turns other machines had between a wake of the idle machine and its next turn. */
  const waits: number[] = [];
  let othersSinceWake = 0;
  const wake = arbiter.wake.bind(arbiter);
  arbiter.wake = (m) => {
    if (m === idleMachine && !ready) {
      ready = true;
      woken = true;
      othersSinceWake = 0;
    }
    wake(m);
  };
  arbiter.onTurn = (m) => {
    if (m !== idleMachine) {
      if (woken) othersSinceWake++;
      return;
    }
    if (woken) waits.push(othersSinceWake);
    woken = false;
    ready = m.hasWork();
  };
  await until('the spinners run', () => busy.every((b) => b.kernel.machine.cpu.icount > 0));
  // Each run of the sleeper wakes its machine at least twice: its spawn, and the end of its
  // sleep (a host timer, through the event loop).
  for (let i = 0; i < 5; i++) {
    const r = await run(idle, ktBinary('sleeper'), ['10'], [], PATIENCE_MS);
    t.equal(r.stdout, 'slept\n');
  }
  arbiter.onTurn = null;
  for (const b of [...busy, idle]) b.kernel.shutdown();
  t.ok(waits.length >= 10, `the idle machine was woken ${waits.length} times`);
  t.ok(waits.every((n) => n <= 1), `busy machines' turns between its wake and its turn: ${waits.join(',')} (at most one)`);
  t.end();
});

t.test('a stopped machine leaves the arbiter and logs its CPU time', async (t) => {
  const arbiter = new MachineArbiter();
  const lines: Array<{ o: Record<string, unknown>; msg: string }> = [];
  const logger = {
    info: (o: Record<string, unknown>, msg: string) => void lines.push({ o, msg }),
    warn() {}, debug() {}, error() {}, trace() {}, fatal() {},
    child() {
      return logger;
    },
  };
  const b = bootOn(arbiter, 5, undefined, logger as never);
  t.equal(arbiter.machines, 1);
  const r = await run(b, ktBinary('sleeper'), ['0'], [], PATIENCE_MS);
  t.equal(r.exit.code, 0);
  const share = b.kernel.cpuShare();
  t.ok(share.turns >= 1 && share.cpuMs > 0, `${share.turns} turns, ${share.cpuMs.toFixed(3)} ms of guest time`);
  t.ok(Math.abs(share.cpuMs - b.kernel.machine.cpu.icount / perMs) < 1e-6, 'guest time is the instructions retired, on a deterministic machine');
  b.kernel.shutdown();
  t.equal(arbiter.machines, 0, 'gone from the arbiter');
  const stopped = lines.find((l) => l.msg === 'machine stopped');
  t.ok(stopped, 'one log line when it stops');
  t.equal(stopped?.o.turns, share.turns);
  t.match(stopped?.o, { cpuMs: Number, guestCpuMs: Number, forks: Number });
  t.end();
});
