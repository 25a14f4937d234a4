/**
 * Exclusives (that succeed and that fail), load-acquire/store-release, and the LSE
 * atomics (LDADD/LDCLR/LDEOR/LDSET/LDSMAX/LDSMIN/LDUMAX/LDUMIN, SWP, CAS, CASP) in every
 * size and ordering. All accesses are naturally aligned, as these instructions require.
 */
import { CaseList, M64, r, distinct, SCRATCH_BASE, SCRATCH_SIZE } from '../lib.mjs';

const SIZES = [['b', 1, 'w'], ['h', 2, 'w'], ['', 4, 'w'], ['', 8, 'x']];

export function build(rng) {
  const L = new CaseList('atomic');
  const aligned = (size) => SCRATCH_BASE + BigInt(rng.int(SCRATCH_SIZE / size)) * BigInt(size);

  // ---- exclusives ----------------------------------------------------------------------
  for (const [sfx, size, w] of SIZES) {
    for (const [ld, st] of [['ldxr', 'stxr'], ['ldaxr', 'stlxr'], ['ldxr', 'stlxr'], ['ldaxr', 'stxr']]) {
      for (let k = 0; k < 2; k++) {
        const [t, t2, s, n] = distinct(rng, 4);
        const x = { [t]: rng.val(), [t2]: rng.val(), [s]: rng.val(), [n]: aligned(size) };
        L.add('exclusive succeeds', [`${ld}${sfx} ${w}${t}, [x${n}]`, `${st}${sfx} w${s}, ${w}${t2}, [x${n}]`], { x, mem: true });
      }
    }
    for (const st of ['stxr', 'stlxr']) {
      const [t, s, n] = distinct(rng, 3);
      L.add('exclusive store fails', `${st}${sfx} w${s}, ${w}${t}, [x${n}]`, { x: { [t]: rng.val(), [s]: rng.val(), [n]: aligned(size) }, mem: true });
      const [t1, t2, s2, n2] = distinct(rng, 4);
      L.add('exclusive store fails', [`ldxr${sfx} ${w}${t1}, [x${n2}]`, 'clrex', `${st}${sfx} w${s2}, ${w}${t2}, [x${n2}]`], { x: { [t2]: rng.val(), [s2]: rng.val(), [n2]: aligned(size) }, mem: true });
      const [t3, s3, n3] = distinct(rng, 3);
      L.add('exclusive store fails', [`${st}${sfx} w${s3}, ${w}${t3}, [x${n3}]`, `${st}${sfx} w${s3}, ${w}${t3}, [x${n3}]`], { x: { [t3]: rng.val(), [n3]: aligned(size) }, mem: true });
      // A successful store-exclusive clears the monitor: a second one fails.
      const [a, b, c, d] = distinct(rng, 4);
      L.add('exclusive store fails', [`ldxr${sfx} ${w}${a}, [x${d}]`, `${st}${sfx} w${c}, ${w}${b}, [x${d}]`, `${st}${sfx} w${a}, ${w}${b}, [x${d}]`], { x: { [b]: rng.val(), [d]: aligned(size) }, mem: true });
    }
    // The exclusive retry loop compilers emit for an atomic increment.
    const [t, s, n] = distinct(rng, 3);
    L.add('exclusive loop', ['%again:', `ldaxr${sfx} ${w}${t}, [x${n}]`, `add ${w}${t}, ${w}${t}, #1`, `stlxr${sfx} w${s}, ${w}${t}, [x${n}]`, `cbnz w${s}, %again`], { x: { [n]: aligned(size) }, mem: true });
  }
  for (const [w, size] of [['w', 4], ['x', 8]]) {
    for (const [ld, st] of [['ldxp', 'stxp'], ['ldaxp', 'stlxp']]) {
      for (let k = 0; k < 3; k++) {
        const [t1, t2, u1, u2, s, n] = distinct(rng, 6);
        const x = { [u1]: rng.val(), [u2]: rng.val(), [s]: rng.val(), [n]: aligned(2 * size) };
        L.add('exclusive pair succeeds', [`${ld} ${w}${t1}, ${w}${t2}, [x${n}]`, `${st} w${s}, ${w}${u1}, ${w}${u2}, [x${n}]`], { x, mem: true });
      }
      const [u1, u2, s, n] = distinct(rng, 4);
      L.add('exclusive store fails', `${st} w${s}, ${w}${u1}, ${w}${u2}, [x${n}]`, { x: { [u1]: rng.val(), [u2]: rng.val(), [s]: rng.val(), [n]: aligned(2 * size) }, mem: true });
    }
    const [t1, t2, n] = distinct(rng, 3);
    L.add('exclusive load', [`ldxp ${w}${t1}, ${w}${t2}, [x${n}]`, 'clrex'], { x: { [n]: aligned(2 * size) }, mem: true });
  }
  // SP as the base of an exclusive.
  L.add('exclusive succeeds', ['ldxr x1, [sp]', 'stxr w2, x3, [sp]'], { x: { 3: rng.val() }, sp: SCRATCH_BASE + 0x40n, mem: true });

  // ---- load-acquire / store-release ----------------------------------------------------
  for (const [sfx, size, w] of SIZES) {
    for (let k = 0; k < 4; k++) {
      const [t, n] = distinct(rng, 2);
      L.add('ldar/stlr', `ldar${sfx} ${w}${t}, [x${n}]`, { x: { [t]: rng.val(), [n]: aligned(size) }, mem: true });
      L.add('ldar/stlr', `stlr${sfx} ${w}${t}, [x${n}]`, { x: { [t]: rng.val(), [n]: aligned(size) }, mem: true });
    }
    L.add('ldar/stlr', `stlr${sfx} ${w}zr, [sp]`, { sp: SCRATCH_BASE + 0x30n, mem: true });
    L.add('ldar/stlr', `ldar${sfx} ${w}5, [sp]`, { sp: SCRATCH_BASE + 0x80n, mem: true });
  }

  // ---- LSE atomics ---------------------------------------------------------------------
  const OPS = ['ldadd', 'ldclr', 'ldeor', 'ldset', 'ldsmax', 'ldsmin', 'ldumax', 'ldumin', 'swp'];
  const edgeFor = (size) => {
    const bits = BigInt(size * 8);
    const mask = (1n << bits) - 1n;
    return [0n, 1n, mask, mask >> 1n, 1n << (bits - 1n), (1n << (bits - 1n)) + 1n];
  };
  for (const op of OPS) {
    for (const [sfx, size, w] of SIZES) {
      for (const ord of ['', 'a', 'l', 'al']) {
        for (let k = 0; k < 2; k++) {
          const [s, t, n] = distinct(rng, 3);
          const addr = aligned(size);
          const mem = rng.bytes(SCRATCH_SIZE);
          // Make memory and operand interesting for min/max: sign boundaries and equal values.
          const edges = edgeFor(size);
          const mv = rng.int(2) ? rng.pick(edges) : rng.next64() & ((1n << BigInt(size * 8)) - 1n);
          const off = Number(addr - SCRATCH_BASE);
          for (let i = 0; i < size; i++) mem[off + i] = Number((mv >> BigInt(8 * i)) & 0xffn);
          const sv = rng.int(3) === 0 ? mv | (rng.next64() & ~((1n << BigInt(size * 8)) - 1n)) : rng.int(2) ? rng.pick(edges) : rng.val();
          L.add(`${op}`, `${op}${ord}${sfx} ${w}${s}, ${w}${t}, [x${n}]`, { x: { [s]: sv, [t]: rng.val(), [n]: addr }, mem });
        }
      }
      // Store forms (ST<op>: Rt = ZR) and Rs = Rt.
      if (op !== 'swp') {
        const [s, n] = distinct(rng, 2);
        L.add(`${op}`, `st${op.slice(2)}${rng.pick(['', 'l'])}${sfx} ${w}${s}, [x${n}]`, { x: { [s]: rng.val(), [n]: aligned(size) }, mem: true });
      }
      const [s, n] = distinct(rng, 2);
      L.add(`${op}`, `${op}al${sfx} ${w}${s}, ${w}${s}, [x${n}]`, { x: { [s]: rng.val(), [n]: aligned(size) }, mem: true });
    }
  }
  // SP base.
  L.add('ldadd', 'ldaddal x1, x2, [sp]', { x: { 1: 5n }, sp: SCRATCH_BASE + 0x10n, mem: true });

  // CAS: compare matches (memory written) and does not (Rs gets the old value either way).
  for (const [sfx, size, w] of SIZES) {
    for (const ord of ['', 'a', 'l', 'al']) {
      for (const match of [true, false, true]) {
        const [s, t, n] = distinct(rng, 3);
        const addr = aligned(size);
        const mem = rng.bytes(SCRATCH_SIZE);
        const off = Number(addr - SCRATCH_BASE);
        let old = 0n;
        for (let i = size - 1; i >= 0; i--) old = (old << 8n) | BigInt(mem[off + i]);
        // The comparison uses only the low `size` bytes of Rs; junk above must not matter.
        const sv = match ? old | (rng.next64() & ~((1n << BigInt(size * 8)) - 1n)) : (old ^ (1n << BigInt(rng.int(size * 8)))) | (rng.next64() & ~((1n << BigInt(size * 8)) - 1n));
        L.add('cas', `cas${ord}${sfx} ${w}${s}, ${w}${t}, [x${n}]`, { x: { [s]: sv & M64, [t]: rng.val(), [n]: addr }, mem });
      }
    }
  }
  for (const [w, size] of [['w', 4], ['x', 8]]) {
    for (const ord of ['', 'a', 'l', 'al']) {
      for (const match of ['both', 'first', 'second', 'neither']) {
        // Register pairs must be even-numbered; keep them apart from the base register.
        const s = 2 * rng.int(5);
        const t = 10 + 2 * rng.int(5);
        const n = 20 + rng.int(9);
        const addr = SCRATCH_BASE + BigInt(rng.int(SCRATCH_SIZE / (2 * size))) * BigInt(2 * size);
        const mem = rng.bytes(SCRATCH_SIZE);
        const off = Number(addr - SCRATCH_BASE);
        const word = (o) => {
          let v = 0n;
          for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(mem[o + i]);
          return v;
        };
        const hiJunk = () => (size === 4 ? rng.next64() & ~0xffff_ffffn : 0n);
        const lo = word(off) ^ (match === 'both' || match === 'first' ? 0n : 1n);
        const hi = word(off + size) ^ (match === 'both' || match === 'second' ? 0n : 4n);
        L.add('casp', `casp${ord} ${w}${s}, ${w}${s + 1}, ${w}${t}, ${w}${t + 1}, [x${n}]`, { x: { [s]: lo | hiJunk(), [s + 1]: hi | hiJunk(), [t]: rng.val(), [t + 1]: rng.val(), [n]: addr }, mem });
      }
    }
  }
  return L.cases;
}
