/**
 * System instructions observable at EL0: MRS/MSR NZCV, TPIDR_EL0 (read back into a
 * general register: the harness uses TPIDR_EL0 itself), FPCR/FPSR, DC ZVA on the
 * scratch window, DCZID_EL0, CNTFRQ_EL0, hints and barriers (no effect), CLREX.
 */
import { CaseList, M64, distinct, SCRATCH_BASE, SCRATCH_SIZE } from '../lib.mjs';

export function build(rng) {
  const L = new CaseList('system');
  for (let k = 0; k < 16; k++) {
    const [t, u] = distinct(rng, 2);
    L.add('mrs/msr nzcv', `mrs x${t}, nzcv`, { x: { [t]: rng.val() }, nzcv: (k << 28) >>> 0 });
    L.add('mrs/msr nzcv', `msr nzcv, x${t}`, { x: { [t]: k === 0 ? M64 : (BigInt(k) << 28n) | (rng.next64() & ~0xf000_0000n) } });
    L.add('mrs/msr nzcv', [`msr nzcv, x${t}`, `mrs x${u}, nzcv`, `cset w${t}, ${rng.pick(['eq', 'cs', 'mi', 'vs', 'hi', 'ge', 'gt'])}`], { x: { [t]: BigInt(rng.int(16)) << 28n } });
  }
  L.add('mrs/msr nzcv', 'msr nzcv, xzr', { nzcv: 0xf000_0000 });

  for (let k = 0; k < 8; k++) {
    const [t, u] = distinct(rng, 2);
    L.add('tpidr_el0', `mrs x${t}, tpidr_el0`, { tpidr: rng.val() });
    L.add('tpidr_el0', [`msr tpidr_el0, x${t}`, `mrs x${u}, tpidr_el0`], { x: { [t]: rng.val() } });
  }
  L.add('tpidr_el0', ['msr tpidr_el0, xzr', 'mrs x3, tpidr_el0'], { tpidr: 0x1234n });

  // FPCR: the rounding mode, FZ, DN, AHP bits are writable; FPSR: cumulative flags.
  for (const v of [0n, 0x0040_0000n, 0x00c0_0000n, 0x0100_0000n, 0x0200_0000n, 0x0400_0000n, 0x03c0_0000n]) {
    L.add('fpcr/fpsr', ['msr fpcr, x3', 'mrs x4, fpcr'], { x: { 3: v } });
  }
  for (const v of [0n, 1n, 0x9fn, 0x0800_0000n, 0xf800_009fn, 0x0800_0001n]) {
    L.add('fpcr/fpsr', ['msr fpsr, x3', 'mrs x4, fpsr'], { x: { 3: v } });
  }
  L.add('fpcr/fpsr', 'mrs x5, fpcr', { fpcr: 0x0300_0000 });
  L.add('fpcr/fpsr', 'mrs x5, fpsr', { fpsr: 0x8000_0001 });

  // DC ZVA zeroes the aligned 64-byte block containing the address.
  for (let k = 0; k < 10; k++) {
    const [n] = distinct(rng, 1);
    const addr = SCRATCH_BASE + BigInt(rng.int(SCRATCH_SIZE));
    L.add('dc zva', `dc zva, x${n}`, { x: { [n]: addr }, mem: true });
  }
  L.add('dc zva', ['mrs x1, dczid_el0', 'dc zva, x2'], { x: { 2: SCRATCH_BASE + 0x40n }, mem: true });
  L.add('dc zva', 'mrs x7, dczid_el0');
  L.add('cntfrq_el0', 'mrs x7, cntfrq_el0');

  // Hints and barriers change nothing visible.
  for (const ins of ['nop', 'yield', 'dmb ish', 'dmb ishld', 'dmb ishst', 'dmb sy', 'dsb sy', 'dsb ish', 'isb', 'hint #0x22', 'hint #0x7f', 'bti c', 'bti j', 'bti jc', 'paciasp', 'autiasp', 'pacibsp', 'autibsp', 'xpaclri', 'csdb', 'esb', 'sevl', 'clrex', 'clrex #5', 'ssbb', 'pssbb', 'dc cvau, x3', 'ic ivau, x3', 'dc civac, x3', 'dc cvac, x3']) {
    L.add('hints and barriers', ins, { x: { 3: SCRATCH_BASE, 30: rng.val() }, nzcv: rng.nzcv(), mem: true });
  }
  // CLREX makes a following store-exclusive fail.
  L.add('hints and barriers', ['ldxr x1, [x3]', 'clrex', 'stxr w2, x4, [x3]'], { x: { 3: SCRATCH_BASE + 8n }, mem: true });
  return L.cases;
}
