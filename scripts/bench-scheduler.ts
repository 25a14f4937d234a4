/**
 * Scheduler latency in wall-clock time, measured where the host's speed and load are
 * allowed to show (test/kernel/scheduler.test.ts asserts the same behaviour in turns and
 * instructions, which do not depend on them):
 *
 *  - host timer latency: the worst of 10 `setTimeout(1)` delays while three guests spin
 *    (packages/kernel-tests/bin/spin), against the same delays on an idle event loop;
 *  - a short program (kernel-tests `sleeper 0`) beside the three spinners: wall time from
 *    spawn to exit, against the same program alone in its kernel;
 *  - CPU share: after 200 ms, the spinners' least CPU time as a fraction of the most (1 = fair).
 *
 *   node dist/scripts/bench-scheduler.js      # also a section of `npm run bench`
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HostInput, HostOutput } from '../kernel/fs/stdio.js';
import { bootKernel } from '../kernel/boot.js';
import type { Kernel } from '../kernel/kernel.js';
import type { Process } from '../kernel/process.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const KT_BIN = join(ROOT, 'packages', 'kernel-tests', 'bin');

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function spawnQuiet(kernel: Kernel, vfs: ReturnType<typeof bootKernel>['vfs'], name: string, args: string[]): Process {
  const guest = `/bin/${name}`;
  if (!vfs.exists(guest)) vfs.writeFile(guest, readFileSync(join(KT_BIN, name)), { mode: 0o755 });
  const out = new HostOutput(() => undefined);
  const stdin = new HostInput();
  stdin.end();
  return kernel.spawn(guest, [guest, ...args], [], { cwd: '/', stdin, stdout: out, stderr: out });
}

async function worstTimerDelay(): Promise<number> {
  let worst = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await sleep(1);
    worst = Math.max(worst, performance.now() - t0);
  }
  return worst;
}

async function shortProgramMs(kernel: Kernel, vfs: ReturnType<typeof bootKernel>['vfs']): Promise<number> {
  const t0 = performance.now();
  await spawnQuiet(kernel, vfs, 'sleeper', ['0']).exited;
  return performance.now() - t0;
}

export async function benchScheduler(): Promise<void> {
  console.log('== Scheduler: three spinning guests (sliceMs 5) beside the host event loop and a short program');
  const idleTimer = await worstTimerDelay();
  const alone = bootKernel({ ramSize: 64 << 20 });
  const aloneMs = await shortProgramMs(alone.kernel, alone.vfs);
  alone.kernel.shutdown();

  const { kernel, vfs } = bootKernel({ ramSize: 64 << 20, sliceMs: 5 });
  const spins = [0, 1, 2].map(() => spawnQuiet(kernel, vfs, 'spin', []));
  await sleep(30);
  const busyTimer = await worstTimerDelay();
  const besideMs = await shortProgramMs(kernel, vfs);
  await sleep(200);
  const cpu = spins.map((p) => p.cpuMs);
  kernel.shutdown();
  console.log(`worst host timer delay (setTimeout 1 ms): ${busyTimer.toFixed(1)} ms beside spinners, ${idleTimer.toFixed(1)} ms idle: ratio ${(busyTimer / idleTimer).toFixed(1)}`);
  console.log(`sleeper 0: ${besideMs.toFixed(0)} ms beside three spinners, ${aloneMs.toFixed(0)} ms alone: ratio ${(besideMs / aloneMs).toFixed(1)}`);
  console.log(`CPU share after 200 ms: ${cpu.map((c) => c.toFixed(0)).join('/')} ms; least/most ${(Math.min(...cpu) / Math.max(...cpu)).toFixed(2)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchScheduler();
