/**
 * Integer SIMD instructions vectorising compilers emit beyond the basic set (machine/insn/
 * simd-more.ts): MLA/MLS (vector, by element), MUL/SMULL/UMULL by element, SMLAL/UMLAL/
 * SMLSL/UMLSL{2} (vector, by element), SQADD/UQADD/SQSUB/UQSUB (vector, scalar), SSHL/USHL/
 * SRSHL/URSHL, SQXTN/UQXTN/SQXTUN{2}, ADDHN/SUBHN/RADDHN/RSUBHN{2}, SADALP/UADALP,
 * SABA/UABA, SABAL/UABAL/SABDL/UABDL, SHADD/UHADD/SRHADD/URHADD/SHSUB/UHSUB, SQABS/SQNEG,
 * SQDMULH/SQRDMULH (vector, scalar, by element), PMUL, PMULL{2} (8B and 1D).
 * Saturating cases start with FPSR = 0 so that QC (bit 27) shows when a lane saturates.
 */
import { CaseList, distinct } from '../lib.mjs';

const SIZES = { b: 8, h: 16, s: 32, d: 64 };
const bitsOf = (arr) => SIZES[arr.slice(-1)];
const isQ = (arr) => ['16b', '8h', '4s', '2d'].includes(arr);

export function build(rng) {
  const L = new CaseList('simd-more');
  const vregs = (k) => distinct(rng, k, 0, 31);
  /** A 128-bit value with lanes of `bits` drawn from edges (0, ones, sign bit, max) and noise. */
  function vval(bits) {
    if (rng.int(5) === 0) return rng.v128();
    let v = 0n;
    const mask = (1n << BigInt(bits)) - 1n;
    for (let i = 0; i < 128 / bits; i++) {
      const lane = rng.pick([0n, mask, 1n, 1n << BigInt(bits - 1), mask >> 1n, ((1n << BigInt(bits - 1)) + 1n) & mask, rng.next64() & mask, rng.next64() & mask]);
      v |= lane << BigInt(i * bits);
    }
    return v;
  }
  /** Lanes whose low byte is a shift amount in -(bits+2)..bits+2 (sometimes any byte). */
  function shifts(bits) {
    let v = 0n;
    const mask = (1n << BigInt(bits)) - 1n;
    for (let i = 0; i < 128 / bits; i++) {
      const amount = rng.int(6) === 0 ? rng.int(256) : (rng.int(2 * bits + 5) - bits - 2) & 0xff;
      const lane = ((rng.next64() & mask & ~0xffn) | BigInt(amount)) & mask;
      v |= lane << BigInt(i * bits);
    }
    return v;
  }
  const three = (group, mnem, arrs, count, opts = {}) => {
    for (const arr of arrs) {
      for (let k = 0; k < count; k++) {
        const [d, n, m] = vregs(3);
        const bits = bitsOf(arr);
        const v = { [d]: rng.v128(), [n]: vval(bits), [m]: opts.shift ? shifts(bits) : vval(bits) };
        L.add(group, `${mnem} v${d}.${arr}, v${n}.${arr}, v${m}.${arr}`, { v });
      }
    }
  };
  const scalar3 = (group, mnem, regs, count, opts = {}) => {
    for (const r of regs) {
      for (let k = 0; k < count; k++) {
        const [d, n, m] = vregs(3);
        const bits = { b: 8, h: 16, s: 32, d: 64 }[r];
        const v = { [d]: rng.v128(), [n]: vval(bits), [m]: opts.shift ? shifts(bits) : vval(bits) };
        L.add(group, `${mnem} ${r}${d}, ${r}${n}, ${r}${m}`, { v });
      }
    }
  };
  const NO64 = ['8b', '16b', '4h', '8h', '2s', '4s'];
  const ALL = [...NO64, '2d'];
  const HS = ['4h', '8h', '2s', '4s'];

  for (const m of ['shadd', 'uhadd', 'srhadd', 'urhadd', 'shsub', 'uhsub']) three('halving', m, NO64, 2);
  for (const m of ['sqadd', 'uqadd', 'sqsub', 'uqsub']) {
    three('saturating add/sub', m, ALL, 3);
    scalar3('saturating add/sub (scalar)', m, ['b', 'h', 's', 'd'], 3);
  }
  for (const m of ['sshl', 'ushl', 'srshl', 'urshl']) {
    three('shift by register', m, ALL, 3, { shift: true });
    scalar3('shift by register (scalar)', m, ['d'], 6, { shift: true });
  }
  for (const m of ['mla', 'mls', 'saba', 'uaba']) three('accumulate', m, NO64, 3);
  three('pmul', 'pmul', ['8b', '16b'], 3);
  for (const m of ['sqdmulh', 'sqrdmulh']) {
    three('sqdmulh', m, HS, 4);
    scalar3('sqdmulh', m, ['h', 's'], 4);
  }

  // Widening and narrowing (three different).
  const longs = [['8h', '8b', '16b'], ['4s', '4h', '8h'], ['2d', '2s', '4s']];
  for (const m of ['sabal', 'uabal', 'sabdl', 'uabdl', 'smlal', 'umlal', 'smlsl', 'umlsl']) {
    for (const [wide, lo, hi] of longs) {
      for (const [suffix, narrow] of [['', lo], ['2', hi]]) {
        for (let k = 0; k < 2; k++) {
          const [d, n, mm] = vregs(3);
          const bits = bitsOf(narrow);
          L.add('widening', `${m}${suffix} v${d}.${wide}, v${n}.${narrow}, v${mm}.${narrow}`, { v: { [d]: vval(bits * 2), [n]: vval(bits), [mm]: vval(bits) } });
        }
      }
    }
  }
  for (const m of ['addhn', 'raddhn', 'subhn', 'rsubhn']) {
    for (const [wide, lo, hi] of longs) {
      for (const [suffix, narrow] of [['', lo], ['2', hi]]) {
        for (let k = 0; k < 2; k++) {
          const [d, n, mm] = vregs(3);
          const bits = bitsOf(wide);
          L.add('high narrow', `${m}${suffix} v${d}.${narrow}, v${n}.${wide}, v${mm}.${wide}`, { v: { [d]: rng.v128(), [n]: vval(bits), [mm]: vval(bits) } });
        }
      }
    }
  }
  for (const [suffix, wide, narrow] of [['', '8h', '8b'], ['2', '8h', '16b'], ['', '1q', '1d'], ['2', '1q', '2d']]) {
    for (let k = 0; k < 4; k++) {
      const [d, n, mm] = vregs(3);
      // The 1Q form belongs to the AES extension, which the harness's -march leaves out.
      const insn = `pmull${suffix} v${d}.${wide}, v${n}.${narrow}, v${mm}.${narrow}`;
      L.add('pmull', wide === '1q' ? ['.arch_extension aes', insn] : insn, { v: { [d]: rng.v128(), [n]: vval(8), [mm]: rng.v128() } });
    }
  }

  // Two-register miscellaneous.
  for (const m of ['sadalp', 'uadalp']) {
    for (const [wide, narrow] of [['4h', '8b'], ['8h', '16b'], ['2s', '4h'], ['4s', '8h'], ['1d', '2s'], ['2d', '4s']]) {
      for (let k = 0; k < 2; k++) {
        const [d, n] = vregs(2);
        L.add('adalp', `${m} v${d}.${wide}, v${n}.${narrow}`, { v: { [d]: vval(bitsOf(narrow === '2s' || narrow === '4s' ? 'd' : wide)), [n]: vval(bitsOf(narrow)) } });
      }
    }
  }
  for (const m of ['sqabs', 'sqneg']) {
    for (const arr of ALL) {
      for (let k = 0; k < 2; k++) {
        const [d, n] = vregs(2);
        L.add('sqabs/sqneg', `${m} v${d}.${arr}, v${n}.${arr}`, { v: { [d]: rng.v128(), [n]: vval(bitsOf(arr)) } });
      }
    }
    for (const r of ['b', 'h', 's', 'd']) {
      for (let k = 0; k < 2; k++) {
        const [d, n] = vregs(2);
        L.add('sqabs/sqneg', `${m} ${r}${d}, ${r}${n}`, { v: { [d]: rng.v128(), [n]: vval(SIZES[r]) } });
      }
    }
  }
  for (const m of ['sqxtn', 'uqxtn', 'sqxtun']) {
    for (const [wide, lo, hi] of longs) {
      for (const [suffix, narrow] of [['', lo], ['2', hi]]) {
        for (let k = 0; k < 3; k++) {
          const [d, n] = vregs(2);
          L.add('saturating narrow', `${m}${suffix} v${d}.${narrow}, v${n}.${wide}`, { v: { [d]: rng.v128(), [n]: vval(bitsOf(wide)) } });
        }
      }
    }
    for (const [rd, rn] of [['b', 'h'], ['h', 's'], ['s', 'd']]) {
      for (let k = 0; k < 3; k++) {
        const [d, n] = vregs(2);
        L.add('saturating narrow', `${m} ${rd}${d}, ${rn}${n}`, { v: { [d]: rng.v128(), [n]: vval(SIZES[rn]) } });
      }
    }
  }

  // By element: 16-bit lanes take Vm from V0-V15 and an index 0..7; 32-bit lanes any Vm, index 0..3.
  const elem = (bits) => {
    const [d, n] = vregs(2);
    const m = bits === 16 ? distinct(rng, 1, 0, 15, [d, n])[0] : distinct(rng, 1, 0, 31, [d, n])[0];
    return [d, n, m, rng.int(bits === 16 ? 8 : 4)];
  };
  for (const m of ['mul', 'mla', 'mls', 'sqdmulh', 'sqrdmulh']) {
    for (const arr of HS) {
      for (let k = 0; k < 3; k++) {
        const bits = bitsOf(arr);
        const [d, n, mm, i] = elem(bits);
        const t = bits === 16 ? 'h' : 's';
        L.add('by element', `${m} v${d}.${arr}, v${n}.${arr}, v${mm}.${t}[${i}]`, { v: { [d]: rng.v128(), [n]: vval(bits), [mm]: vval(bits) } });
      }
    }
  }
  for (const m of ['sqdmulh', 'sqrdmulh']) {
    for (const t of ['h', 's']) {
      for (let k = 0; k < 3; k++) {
        const bits = SIZES[t];
        const [d, n, mm, i] = elem(bits);
        L.add('by element', `${m} ${t}${d}, ${t}${n}, v${mm}.${t}[${i}]`, { v: { [d]: rng.v128(), [n]: vval(bits), [mm]: vval(bits) } });
      }
    }
  }
  for (const m of ['smull', 'umull', 'smlal', 'umlal', 'smlsl', 'umlsl']) {
    for (const [wide, lo, hi] of longs.slice(1)) {
      for (const [suffix, narrow] of [['', lo], ['2', hi]]) {
        for (let k = 0; k < 2; k++) {
          const bits = bitsOf(narrow);
          const [d, n, mm, i] = elem(bits);
          const t = bits === 16 ? 'h' : 's';
          L.add('by element (long)', `${m}${suffix} v${d}.${wide}, v${n}.${narrow}, v${mm}.${t}[${i}]`, { v: { [d]: vval(bits * 2), [n]: vval(bits), [mm]: vval(bits) } });
        }
      }
    }
  }
  return L.cases;
}
