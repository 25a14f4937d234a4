/**
 * The CPU shared between machines of one thread (kernel/machine-arbiter.ts), in wall-clock
 * time, where the host's speed and load are allowed to show (test/kernel/machine-arbiter.test.ts
 * asserts the same rule in instructions on deterministic machines):
 *
 *  - share: three machines on one thread for one second, one with ten spinning processes, one
 *    with one, one with one and 20 ms slices (the others' are 5 ms): each machine's CPU time
 *    (its kernel's cpuMs) as a fraction of the whole, and least/most (1 = fair);
 *  - wake-up: beside three machines of two spinners each, the gaps of a 1 ms host interval
 *    (the event loop is how a machine is woken), p50/p99 as ratios to one slice (goal: about
 *    1: the loop is served after every turn), and for a machine
 *    running kernel-tests `sleeper 10` ten times, the worst wait from becoming ready to its
 *    turn and the runs' wall time against the same runs alone.
 *
 *   node dist/scripts/bench-machine-arbiter.js      # also a section of `npm run bench`
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HostInput, HostOutput } from '../kernel/fs/stdio.js';
import { bootKernel } from '../kernel/boot.js';
import { MachineArbiter } from '../kernel/machine-arbiter.js';
import type { Process } from '../kernel/process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KT_BIN = join(ROOT, 'packages', 'kernel-tests', 'bin');
const SLICE_MS = 5;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Booted = ReturnType<typeof bootKernel>;

function bootOn(arbiter: MachineArbiter, sliceMs = SLICE_MS): Booted {
  return bootKernel({ ramSize: 32 << 20, sliceMs, arbiter });
}

function spawnQuiet(b: Booted, name: string, args: string[] = []): Process {
  const guest = `/bin/${name}`;
  if (!b.vfs.exists(guest)) b.vfs.writeFile(guest, readFileSync(join(KT_BIN, name)), { mode: 0o755 });
  const out = new HostOutput(() => undefined);
  const stdin = new HostInput();
  stdin.end();
  return b.kernel.spawn(guest, [guest, ...args], [], { cwd: '/', stdin, stdout: out, stderr: out });
}

async function sleeperRuns(b: Booted, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await spawnQuiet(b, 'sleeper', ['10']).exited;
  return performance.now() - t0;
}

export async function benchMachineArbiter(): Promise<void> {
  console.log('== Machines sharing one thread (kernel/machine-arbiter.ts)');
  {
    const arbiter = new MachineArbiter();
    const crowd = bootOn(arbiter);
    const single = bootOn(arbiter);
    const longSlices = bootOn(arbiter, 20);
    for (let i = 0; i < 10; i++) spawnQuiet(crowd, 'spin');
    spawnQuiet(single, 'spin');
    spawnQuiet(longSlices, 'spin');
    await sleep(1000);
    const machines = [crowd, single, longSlices];
    const cpu = machines.map((b) => b.kernel.cpuMs);
    for (const b of machines) b.kernel.shutdown();
    const total = cpu.reduce((a, b) => a + b, 0);
    console.log(`share over 1 s (10 spinners / 1 spinner / 1 spinner with 20 ms slices): ${cpu.map((c) => `${((100 * c) / total).toFixed(0)}%`).join(' / ')}; least/most ${(Math.min(...cpu) / Math.max(...cpu)).toFixed(2)}`);
  }
  {
    const alone = bootOn(new MachineArbiter());
    const aloneMs = await sleeperRuns(alone, 10);
    alone.kernel.shutdown();
    const arbiter = new MachineArbiter();
    const busy = [bootOn(arbiter), bootOn(arbiter), bootOn(arbiter)];
    for (const b of busy) for (let i = 0; i < 2; i++) spawnQuiet(b, 'spin');
    const idle = bootOn(arbiter);
    await sleep(50);
    // A 1 ms host interval for one second: the gaps between its calls are how long a wake-up waits.
    const gaps: number[] = [];
    let last = performance.now();
    const interval = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 1);
    await sleep(1000);
    clearInterval(interval);
    gaps.sort((x, y) => x - y);
    const at = (q: number): number => gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * q))] ?? NaN;
    const besideMs = await sleeperRuns(idle, 10);
    const worst = arbiter.share(idle.kernel.arbitrated)?.worstWaitMs ?? NaN;
    for (const b of [...busy, idle]) b.kernel.shutdown();
    console.log(`wake-up beside three busy machines: a 1 ms host interval (how a machine is woken) ran every ${at(0.5).toFixed(1)} ms at p50, ${at(0.99).toFixed(1)} ms at p99, ${gaps.at(-1)?.toFixed(1)} ms at worst: ${(at(0.5) / SLICE_MS).toFixed(2)} / ${(at(0.99) / SLICE_MS).toFixed(2)} slices of ${SLICE_MS} ms; then its machine waited at worst ${worst.toFixed(1)} ms for its turn`);
    console.log(`ten runs of sleeper 10: ${besideMs.toFixed(0)} ms beside them, ${aloneMs.toFixed(0)} ms alone: ratio ${(besideMs / aloneMs).toFixed(2)}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchMachineArbiter();
