/**
 * The benchmark programs of `npm run bench` (packages/realworld/src/bench: a CRC-32 and
 * sieve loop, and a vectorised double-precision matrix multiply), at a small size, compared
 * with qemu-aarch64: the figures the benchmark reports are only worth anything if the
 * programs compute what they compute on qemu, under every tier.
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

for (const tier of ['wasm', 'js']) {
  t.test(`crcsieve (${tier} tier)`, (t) => {
    const r = sameAsQemu(t, 'crcsieve 2', realworldBinary('bench', 'crcsieve'), { args: ['2'], hostEnv: { AKUMA_TIER: tier } });
    if (r) t.match(r.stdout, /^crcsieve 2: crc [0-9a-f]{8} primes \d+\n$/);
    t.end();
  });
  t.test(`matmul (${tier} tier)`, (t) => {
    const r = sameAsQemu(t, 'matmul 3', realworldBinary('bench', 'matmul'), { args: ['3'], hostEnv: { AKUMA_TIER: tier } });
    if (r) t.match(r.stdout, /^matmul 3 reps: sum \S+ trace \S+\n$/);
    t.end();
  });
}
