/**
 * The scheduler's behaviour, counted in its own units so that no assertion depends on how
 * fast or how loaded the host is: the machines here run with the deterministic generic timer
 * (CNTVCT counts instructions retired), so a time slice is a fixed number of instructions,
 * and fairness is measured in turns (RunQueue.next) and instructions, not milliseconds.
 * How fast these things happen in wall-clock time is `npm run bench`'s business.
 */

import t from 'tap';
import { Machine } from '../../machine/machine.js';
import { COUNTER_FREQUENCY } from '../../machine/cpu.js';
import type { Thread } from '../../kernel/process.js';
import { boot, ktBinary, run, sleep, start, waitUntil as until, type Booted } from './kernel-helpers.js';

const RAM = 64 * 1024 * 1024;
/** Generous: only a hung scheduler, never a slow host, gets near it. */
const PATIENCE_MS = 60_000;

/** A kernel whose timer counts instructions: one slice of `sliceMs` is sliceMs * CNTFRQ / 1000 of them. */
function bootDeterministic(sliceMs: number, tickMs?: number): Booted {
  return boot({ machine: new Machine({ ramSize: RAM, deterministic: true }), sliceMs, tickMs });
}

/** Counts every turn the run queue hands out, by pid; `onTurn` sees each as it is handed out. */
function countTurns(b: Booted, onTurn: (pid: number) => void = () => {}): Map<number, number> {
  const turns = new Map<number, number>();
  const queue = b.kernel.runQueue;
  const next = queue.next.bind(queue);
  queue.next = (): Thread | undefined => {
    const th = next();
    if (th) {
      turns.set(th.pid, (turns.get(th.pid) ?? 0) + 1);
      onTurn(th.pid);
    }
    return th;
  };
  return turns;
}

t.test('an infinite loop does not starve another process or the event loop', async (t) => {
  const b = bootDeterministic(5);
  let pids: number[] = [];
  const turnsOf = (pid: number): number => turns.get(pid) ?? 0;
  /** The spinners' turn counts when another process last got a turn. */
  let atOtherTurn: number[] = [];
  const turns = countTurns(b, (pid) => {
    if (!pids.includes(pid)) atOtherTurn = pids.map(turnsOf);
  });
  const spins = [start(b, ktBinary('spin')), start(b, ktBinary('spin')), start(b, ktBinary('spin'))];
  pids = spins.map((s) => s.proc.pid);
  await until('every spinner has had a turn', () => pids.every((p) => turnsOf(p) > 0));

  // The event loop is served while three guests spin: host timers keep firing, and guest
  // turns run between any two of them (the run loop hands the event loop back every tick).
  let between = Infinity;
  for (let i = 0; i < 10; i++) {
    const before = b.kernel.contextSwitches;
    await sleep(1);
    between = Math.min(between, b.kernel.contextSwitches - before);
  }
  t.ok(between >= 1, `ten host timers fired while the guests spun, with guest turns between each (at least ${between})`);

  // A short program started beside them is served in its round: from its start to its last
  // turn, each spinner gets at most one turn per turn of the short program's.
  const spinTurnsBefore = pids.map(turnsOf);
  const r = await run(b, ktBinary('sleeper'), ['0'], [], PATIENCE_MS);
  t.equal(r.stdout, 'slept\n');
  t.equal(r.exit.code, 0);
  const sleeperPid = [...turns.keys()].find((p) => !pids.includes(p))!;
  const sleeperTurns = turns.get(sleeperPid) ?? 0;
  const spinTurnsMeanwhile = pids.map((_, i) => atOtherTurn[i] - spinTurnsBefore[i]);
  t.ok(sleeperTurns >= 1, `the short program ran in ${sleeperTurns} turn(s)`);
  t.ok(
    spinTurnsMeanwhile.every((n) => n <= sleeperTurns),
    `beside three spinning ones: they had ${spinTurnsMeanwhile.join('/')} turns meanwhile`,
  );

  // Round robin shares the CPU: every spinner's turn is the same slice of instructions, so
  // equal shares mean turn counts that differ by at most one at any moment.
  await until('each spinner has had 20 turns', () => pids.every((p) => turnsOf(p) >= 20));
  for (const s of spins) b.kernel.kill(s.proc.pid, 9);
  await Promise.all(spins.map((s) => s.proc.exited));
  const counts = pids.map(turnsOf);
  t.ok(Math.max(...counts) - Math.min(...counts) <= 1, `round robin shares the CPU: ${counts.join('/')} turns`);
  t.end();
});

t.test('a blocked process does not spin: no instructions run while it sleeps', async (t) => {
  const b = boot();
  // A sleep far longer than the test looks at it, so no host stall can wake it early.
  const s = start(b, ktBinary('sleeper'), ['600000']);
  await until('the sleeper blocks', () => s.proc.state === 'blocked');
  t.equal(b.kernel.runQueue.size, 0, 'nothing runnable');
  const icount = b.kernel.machine.cpu.icount;
  const cpuMs = s.proc.cpuMs;
  await sleep(150);
  t.equal(s.proc.state, 'blocked', 'still asleep');
  t.equal(b.kernel.machine.cpu.icount, icount, 'the CPU executed nothing meanwhile');
  t.equal(s.proc.cpuMs, cpuMs);
  b.kernel.kill(s.proc.pid, 9);
  t.equal((await s.proc.exited).signal, 9);

  // And a short sleep ends: the sleeper wakes, prints and exits.
  const woke = await run(b, ktBinary('sleeper'), ['30'], [], PATIENCE_MS);
  t.equal(woke.exit.code, 0);
  t.equal(woke.stdout, 'slept\n');
  t.end();
});

t.test('the timer interrupt preempts: a spinning process gets turns of one slice', async (t) => {
  const sliceMs = 4;
  const sliceInstructions = (sliceMs * COUNTER_FREQUENCY) / 1000;
  const b = bootDeterministic(sliceMs, 4);
  const spin = start(b, ktBinary('spin'));
  // Each requeue of the lone spinner follows a timer interrupt: the instructions between two
  // of them are one turn.
  const cpu = b.kernel.machine.cpu;
  const turnLengths: number[] = [];
  let last = -1;
  const original = b.kernel.runQueue.add.bind(b.kernel.runQueue);
  b.kernel.runQueue.add = (p) => {
    if (last >= 0) turnLengths.push(cpu.icount - last);
    last = cpu.icount;
    original(p);
  };
  await until('ten turns', () => turnLengths.length >= 10);
  b.kernel.kill(spin.proc.pid, 9);
  await spin.proc.exited;
  t.ok(turnLengths.length >= 10, `${turnLengths.length} turns, requeued after each timer interrupt`);
  const off = turnLengths.filter((n) => Math.abs(n - sliceInstructions) > sliceInstructions / 100);
  t.same(off, [], `every turn is one slice of ${sliceInstructions} instructions (first: ${turnLengths.slice(0, 3).join(', ')})`);
  t.end();
});
