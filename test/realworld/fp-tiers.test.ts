/**
 * packages/realworld/src/fp/fpmix.c (floating-point results and exception flags over NaNs,
 * infinities, subnormals, huge and tiny magnitudes, fused multiply-adds, conversions and
 * every rounding mode) under each translating tier, and with every block compiled on its
 * first entry (AKUMA_TRANSLATE=eager), must print what it prints on qemu-aarch64: the wasm
 * tier's FP code (machine/jit/wasm-simd.ts) against a real implementation, not only
 * against our interpreter (test/machine/wasm-fp.test.ts).
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

const FPMIX = realworldBinary('fp', 'fpmix');

for (const [label, env] of [
  ['wasm tier', { AKUMA_TIER: 'wasm' }],
  ['js tier', { AKUMA_TIER: 'js' }],
  ['wasm tier, every block compiled', { AKUMA_TIER: 'wasm', AKUMA_TRANSLATE: 'eager' }],
] as const) {
  t.test(`fpmix (${label})`, (t) => {
    const rounds = env.AKUMA_TRANSLATE ? '24' : '160';
    const r = sameAsQemu(t, `fpmix ${rounds}`, FPMIX, { args: [rounds], hostEnv: { ...env } });
    if (r) t.match(r.stdout, /^-- nearest\narith +[0-9a-f]{16} flags/);
    t.end();
  });
}
