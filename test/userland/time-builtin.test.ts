/**
 * The shell's `time`: real time from the guest's monotonic clock and user time from times(2),
 * which counts the CPU time of the children it reaped. A guest program that computes for a
 * while (packages/bin/cpubench) must show user time above zero and no more than real time,
 * where the old `time` printed 0m0.000s for both.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bootMachine, runSh } from './run-sh.js';
import { ROOT } from '../realworld/compare.js';

t.test('time reports the user time of the command it ran', async (t) => {
  const m = bootMachine();
  m.vfs.writeFile('/bin/cpubench', readFileSync(join(ROOT, 'packages/bin/cpubench')), { mode: 0o755 });
  const r = await runSh(m, ['sh', '-c', 'time cpubench > /dev/null'], '', '/tmp', 120_000);
  t.equal(r.status, 0);
  const field = (name: string): number => {
    const match = new RegExp(`^${name}\\t(\\d+)m(\\d+\\.\\d{3})s$`, 'm').exec(r.stderr);
    t.ok(match, `a ${name} line in bash's time format: ${JSON.stringify(r.stderr)}`);
    return match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  };
  const real = field('real');
  const user = field('user');
  field('sys');
  t.ok(user > 0, `user time counted (${user} s)`);
  t.ok(user <= real + 0.01, `user (${user} s) within real (${real} s)`);
  m.kernel.shutdown();
});
