/**
 * Loads and stores of SIMD&FP registers: LDR/STR B/H/S/D/Q (unsigned offset, unscaled,
 * pre/post-index, register offset, literal), LDP/STP S/D/Q, LD1/ST1 (1-4 registers,
 * post-index by immediate and register, single lane, LD1R). Narrow loads zero the rest
 * of the vector register.
 */
import { CaseList, M64, distinct, SCRATCH_BASE, SCRATCH_SIZE, PAGE_BOUNDARY } from '../lib.mjs';

const SIZES = [['b', 1], ['h', 2], ['s', 4], ['d', 8], ['q', 16]];

export function build(rng) {
  const L = new CaseList('simd-loadstore');
  const inWindow = (a, size) => a >= SCRATCH_BASE && a + BigInt(size) <= SCRATCH_BASE + BigInt(SCRATCH_SIZE);
  function address(size, kind = rng.pick(['aligned', 'aligned', 'unaligned', 'crossing'])) {
    if (kind === 'crossing' && size > 1) return PAGE_BOUNDARY - BigInt(1 + rng.int(size - 1));
    let a = SCRATCH_BASE + BigInt(rng.int(SCRATCH_SIZE - size + 1));
    if (kind === 'aligned') a &= ~BigInt(size - 1);
    return a;
  }

  for (const [t, size] of SIZES) {
    for (const op of ['ldr', 'str']) {
      const uop = op === 'ldr' ? 'ldur' : 'stur';
      for (let k = 0; k < 3; k++) {
        const [v] = distinct(rng, 1, 0, 31);
        const [n, m] = distinct(rng, 2);
        const vin = { [v]: rng.v128() };
        let a = address(size);
        const imm = BigInt(size * rng.pick([0, 1, rng.int(64), 4095]));
        L.add(`${op} ${t} unsigned offset`, `${op} ${t}${v}, [x${n}, #${imm}]`, { x: { [n]: (a - imm) & M64 }, v: vin, mem: true });
        const u = rng.int(512) - 256;
        a = address(size);
        L.add(`${op} ${t} unscaled`, `${uop} ${t}${v}, [x${n}, #${u}]`, { x: { [n]: (a - BigInt(u)) & M64 }, v: vin, mem: true });
        for (const mode of ['pre', 'post']) {
          let base, imm2;
          do {
            a = address(size);
            imm2 = BigInt(rng.int(128) - 64);
            base = mode === 'pre' ? a - imm2 : a;
          } while (!inWindow(base, 0) || !inWindow(base + imm2, 0));
          const asm = mode === 'pre' ? `${op} ${t}${v}, [x${n}, #${imm2}]!` : `${op} ${t}${v}, [x${n}], #${imm2}`;
          L.add(`${op} ${t} ${mode}-index`, asm, { x: { [n]: base }, v: vin, mem: true });
        }
        // Register offset.
        const amt = rng.bool() ? Math.log2(size) : 0;
        const ext = rng.pick(['lsl', 'uxtw', 'sxtw', 'sxtx']);
        const idx = BigInt(ext === 'uxtw' ? rng.int(64) : rng.int(128) - 64);
        a = address(size);
        const idxVal = ext === 'uxtw' || ext === 'sxtw' ? (rng.next64() & ~0xffff_ffffn) | (idx & 0xffff_ffffn) : idx & M64;
        const reg = ext === 'uxtw' || ext === 'sxtw' ? `w${m}` : `x${m}`;
        const suffix = ext === 'lsl' ? (amt ? `, lsl #${amt}` : '') : `, ${ext}${amt ? ` #${amt}` : ''}`;
        L.add(`${op} ${t} register offset`, `${op} ${t}${v}, [x${n}, ${reg}${suffix}]`, { x: { [n]: (a - (idx << BigInt(amt))) & M64, [m]: idxVal }, v: vin, mem: true });
      }
    }
  }
  // Literal.
  for (const t of ['s', 'd', 'q']) {
    const [v] = distinct(rng, 1, 0, 31);
    const words = Array.from({ length: 4 }, () => `.word 0x${rng.int(0x1_0000_0000).toString(16)}`);
    L.add('ldr literal', [`ldr ${t}${v}, %lit`, 'b %end', '.balign 16', '%lit:', ...words]);
    L.add('ldr literal', ['b %go', '.balign 16', '%lit:', ...words, '%go:', `ldr ${t}${v}, %lit`]);
  }
  // SP base.
  for (const [t, size] of SIZES) {
    const [v] = distinct(rng, 1, 0, 31);
    L.add('sp base', `str ${t}${v}, [sp, #${size * rng.int(4)}]`, { v: { [v]: rng.v128() }, mem: true });
    L.add('sp base', `ldr ${t}${v}, [sp, #-${1 + rng.int(64)}]!`, { sp: SCRATCH_BASE + 0x80n, mem: true });
  }

  // Pairs.
  for (const [t, size] of [['s', 4], ['d', 8], ['q', 16]]) {
    for (const op of ['ldp', 'stp', 'ldnp', 'stnp']) {
      const modes = op.endsWith('np') ? ['offset'] : ['offset', 'pre', 'post'];
      for (const mode of modes) {
        for (let k = 0; k < 3; k++) {
          const [v1, v2] = distinct(rng, 2, 0, 31);
          const [n] = distinct(rng, 1);
          let a, imm, base;
          do {
            a = address(2 * size, rng.pick(['aligned', 'unaligned', 'crossing']));
            imm = BigInt(size * (rng.int(8) - 4));
            base = mode === 'post' ? a : a - imm;
          } while (mode !== 'offset' && (!inWindow(base, 0) || !inWindow(base + imm, 0)));
          const ops = `${t}${v1}, ${t}${v2}`;
          const asm = { offset: `${op} ${ops}, [x${n}, #${imm}]`, pre: `${op} ${ops}, [x${n}, #${imm}]!`, post: `${op} ${ops}, [x${n}], #${imm}` }[mode];
          L.add(`${op} ${t}`, asm, { x: { [n]: base & M64 }, v: { [v1]: rng.v128(), [v2]: rng.v128() }, mem: true });
        }
      }
    }
  }

  // LD1/ST1 multiple structures.
  for (const op of ['ld1', 'st1']) {
    for (let count = 1; count <= 4; count++) {
      for (const arr of ['8b', '16b', '4h', '4s', '2d', '1d']) {
        const bytes = (arr === '8b' || arr === '4h' || arr === '1d' ? 8 : 16) * count;
        for (const mode of ['none', 'imm', 'reg']) {
          if (mode !== 'none' && rng.int(2)) continue;
          const first = rng.int(32);
          const list = Array.from({ length: count }, (_, i) => `v${(first + i) % 32}.${arr}`).join(', ');
          const [n, m] = distinct(rng, 2);
          const a = SCRATCH_BASE + BigInt(rng.int(SCRATCH_SIZE - bytes + 1));
          const v = {};
          for (let i = 0; i < count; i++) v[(first + i) % 32] = rng.v128();
          const post = mode === 'imm' ? `, #${bytes}` : mode === 'reg' ? `, x${m}` : '';
          const x = { [n]: a };
          if (mode === 'reg') x[m] = BigInt(rng.int(64) - 32) & M64;
          L.add(`${op} multiple`, `${op} {${list}}, [x${n}]${post}`, { x, v, mem: true });
        }
      }
    }
  }
  // LD1/ST1 single lane and LD1R.
  for (const t of ['b', 'h', 's', 'd']) {
    const size = { b: 1, h: 2, s: 4, d: 8 }[t];
    for (let k = 0; k < 3; k++) {
      const [v] = distinct(rng, 1, 0, 31);
      const [n, m] = distinct(rng, 2);
      const lane = rng.int(16 / size);
      const a = address(size);
      L.add('ld1/st1 lane', `ld1 {v${v}.${t}}[${lane}], [x${n}]`, { x: { [n]: a }, v: { [v]: rng.v128() }, mem: true });
      L.add('ld1/st1 lane', `st1 {v${v}.${t}}[${lane}], [x${n}]`, { x: { [n]: a }, v: { [v]: rng.v128() }, mem: true });
      L.add('ld1/st1 lane', `ld1 {v${v}.${t}}[${lane}], [x${n}], #${size}`, { x: { [n]: a }, v: { [v]: rng.v128() }, mem: true });
      const arr = rng.pick({ b: ['8b', '16b'], h: ['4h', '8h'], s: ['2s', '4s'], d: ['1d', '2d'] }[t]);
      L.add('ld1r', `ld1r {v${v}.${arr}}, [x${n}]`, { x: { [n]: a }, v: { [v]: rng.v128() }, mem: true });
      L.add('ld1r', `ld1r {v${v}.${arr}}, [x${n}], x${m}`, { x: { [n]: a, [m]: BigInt(rng.int(16)) }, v: { [v]: rng.v128() }, mem: true });
    }
  }
  // memcpy idiom: copy 32 bytes with LDP/STP of Q registers.
  L.add('ldp q', ['ldp q0, q1, [x1]', 'stp q0, q1, [x2]'], { x: { 1: SCRATCH_BASE + 3n, 2: SCRATCH_BASE + 0x70n }, mem: true });
  return L.cases;
}
