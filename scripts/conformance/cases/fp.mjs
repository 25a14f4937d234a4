/**
 * Scalar and vector floating-point data processing (machine/insn/fp-scalar.ts, fp-vector.ts,
 * fp-core.ts): arithmetic, fused multiply-add, square root, conversions, rounding to
 * integral, compares and selects, in single and double precision, under every FPCR
 * rounding mode and with FZ and DN, with FPSR's cumulative flags compared exactly.
 * Operands mix edge values (zeros, denormals, the smallest normal, the largest finite,
 * infinities, quiet and signalling NaNs with payloads, integers near the conversion limits,
 * halves for the ties) with random numbers.
 */
import { CaseList, distinct } from '../lib.mjs';

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

const bitsS = (x) => ((F32[0] = x), BigInt(U32[0]));
const bitsD = (x) => ((F64[0] = x), U64[0]);
const valS = (b) => ((U32[0] = Number(b)), F32[0]);
const valD = (b) => ((U64[0] = b), F64[0]);

const EDGE_S = [
  0n, 0x80000000n, 1n, 0x807fffffn, 0x00800000n, 0x80800000n, 0x7f7fffffn, 0xff7fffffn, 0x7f800000n, 0xff800000n,
  0x7fc00000n, 0xffc12345n, 0x7f800001n, 0xff812345n, 0x3f800000n, 0xbf800000n, 0x3f000000n, 0x3fc00000n,
  0x40200000n, 0xc0200000n, 0x4f000000n, 0xcf000000n, 0x4effffffn, 0x4f800000n, 0x5f000000n, 0xdf000000n, 0x3effffffn,
];
const EDGE_D = [
  0n, 0x8000000000000000n, 1n, 0x800fffffffffffffn, 0x0010000000000000n, 0x8010000000000000n, 0x7fefffffffffffffn,
  0xffefffffffffffffn, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0xfff8000012345678n,
  0x7ff0000000000001n, 0xfff4000000abcdefn, 0x3ff0000000000000n, 0xbff0000000000000n, 0x3fe0000000000000n,
  0x3ff8000000000000n, 0x4004000000000000n, 0xc004000000000000n, 0x41dfffffffc00000n, 0xc1e0000000000000n,
  0x41e0000000000000n, 0x41efffffffe00000n, 0x43e0000000000000n, 0xc3e0000000000000n, 0x43f0000000000000n,
  0x3fdfffffffffffffn, 0x0000000000000400n,
];

export function build(rng) {
  const L = new CaseList('fp');
  const r64 = () => rng.next64();
  /** A single's bits: edges, ordinary numbers, tiny and huge numbers, integers and halves, or noise. */
  function s() {
    const k = rng.int(10);
    if (k < 3) return rng.pick(EDGE_S);
    if (k < 6) return bitsS(Math.fround((rng.int(2) ? -1 : 1) * (Number(r64() >> 11n) / 2 ** 53) * 2 ** (rng.int(40) - 20)));
    if (k < 7) return bitsS(Math.fround((rng.int(2) ? -1 : 1) * (rng.int(2000) / 2)));
    if (k < 8) return (r64() & 0x807fffffn) | (BigInt(rng.pick([1, 2, 3, 252, 253, 254, 100, 150])) << 23n);
    return r64() & 0xffffffffn;
  }
  function d() {
    const k = rng.int(10);
    if (k < 3) return rng.pick(EDGE_D);
    if (k < 6) return bitsD((rng.int(2) ? -1 : 1) * (Number(r64() >> 11n) / 2 ** 53) * 2 ** (rng.int(80) - 40));
    if (k < 7) return bitsD((rng.int(2) ? -1 : 1) * (rng.int(2000) / 2));
    if (k < 8) return (r64() & 0x800fffffffffffffn) | (BigInt(rng.pick([1, 2, 3, 2044, 2045, 2046, 1000, 1100])) << 52n);
    return r64();
  }
  const val = (dbl) => (dbl ? d() : s());
  /** A whole V register with the scalar in its low bits and noise above (the result must zero it). */
  const scalarV = (dbl) => (r64() << 64n) | (dbl ? val(1) : (r64() & 0xffffffff00000000n) | val(0));
  const vectorV = (dbl) => (dbl ? (val(1) << 64n) | val(1) : (val(0) << 96n) | (val(0) << 64n) | (val(0) << 32n) | val(0));
  /** FPCR: mostly the default, sometimes another rounding mode, FZ or DN. */
  function fpcr() {
    const k = rng.int(8);
    if (k < 4) return 0;
    if (k < 7) return rng.int(4) << 22;
    return (rng.int(4) << 22) | (rng.int(2) << 24) | (rng.int(2) << 25);
  }
  const fpsr = () => (rng.int(6) === 0 ? 0x1f : 0);
  const regs = (k) => distinct(rng, k, 0, 31);
  const P = ['s', 'd'];

  // ---- 2-source, 1-source ---------------------------------------------------------------
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fnmul', 'fmax', 'fmin', 'fmaxnm', 'fminnm']) {
    for (let k = 0; k < 28; k++) {
      const dbl = k & 1;
      const p = P[dbl];
      const [rd, rn, rm] = k % 7 === 6 ? [3, 3, 4] : regs(3);
      L.add(op, `${op} ${p}${rd}, ${p}${rn}, ${p}${rm}`, { v: { [rn]: scalarV(dbl), [rm]: scalarV(dbl) }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (const op of ['fabs', 'fneg', 'fsqrt', 'frintn', 'frinta', 'frintm', 'frintp', 'frintz', 'frintx', 'frinti']) {
    for (let k = 0; k < 20; k++) {
      const dbl = k & 1;
      const p = P[dbl];
      const [rd, rn] = regs(2);
      L.add(op, `${op} ${p}${rd}, ${p}${rn}`, { v: { [rn]: scalarV(dbl) }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (let k = 0; k < 40; k++) {
    const dbl = k & 1;
    const [rd, rn] = regs(2);
    L.add('fcvt', dbl ? `fcvt s${rd}, d${rn}` : `fcvt d${rd}, s${rn}`, { v: { [rn]: scalarV(dbl) }, fpcr: fpcr(), fpsr: fpsr() });
  }

  // ---- fused multiply-add, with cancelling addends that expose the exact product ---------
  for (const op of ['fmadd', 'fmsub', 'fnmadd', 'fnmsub']) {
    for (let k = 0; k < 40; k++) {
      const dbl = k & 1;
      const p = P[dbl];
      const [rd, rn, rm, ra] = regs(4);
      const vn = scalarV(dbl);
      const vm = scalarV(dbl);
      let va = scalarV(dbl);
      if (k % 4 >= 2) {
        // addend = -(n*m) rounded, nudged: the result is the product's rounding error (or near it).
        const mask = dbl ? (1n << 64n) - 1n : 0xffffffffn;
        const x = dbl ? valD(vn & mask) : valS(vn & mask);
        const y = dbl ? valD(vm & mask) : valS(vm & mask);
        let a = -(dbl ? x * y : Math.fround(x * y));
        if (op === 'fmsub' || op === 'fnmadd') a = -a;
        if (op === 'fnmadd' || op === 'fnmsub') a = -a;
        if (rng.bool()) a *= 1 + rng.pick([0, 2 ** -20, -(2 ** -30), 2 ** -52]);
        va = (r64() << 64n) | (dbl ? bitsD(a) : bitsS(Math.fround(a)));
      }
      L.add(op, `${op} ${p}${rd}, ${p}${rn}, ${p}${rm}, ${p}${ra}`, { v: { [rn]: vn, [rm]: vm, [ra]: va }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }

  // ---- compares and selects ------------------------------------------------------------------
  const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al'];
  for (const op of ['fccmp', 'fccmpe']) {
    for (let k = 0; k < 24; k++) {
      const dbl = k & 1;
      const p = P[dbl];
      const [rn, rm] = regs(2);
      L.add(op, `${op} ${p}${rn}, ${p}${rm}, #${rng.int(16)}, ${rng.pick(CONDS)}`, { v: { [rn]: scalarV(dbl), [rm]: scalarV(dbl) }, nzcv: rng.nzcv(), fpcr: fpcr() });
    }
  }
  for (let k = 0; k < 16; k++) {
    const dbl = k & 1;
    const p = P[dbl];
    const [rd, rn, rm] = regs(3);
    L.add('fcsel', `fcsel ${p}${rd}, ${p}${rn}, ${p}${rm}, ${rng.pick(CONDS)}`, { v: { [rn]: scalarV(dbl), [rm]: scalarV(dbl) }, nzcv: rng.nzcv() });
  }

  // ---- conversions with general registers ------------------------------------------------------
  for (const op of ['fcvtns', 'fcvtnu', 'fcvtas', 'fcvtau', 'fcvtms', 'fcvtmu', 'fcvtps', 'fcvtpu', 'fcvtzs', 'fcvtzu']) {
    for (let k = 0; k < 24; k++) {
      const dbl = k & 1;
      const wide = (k >> 1) & 1;
      const [rn] = regs(1);
      const [rd] = distinct(rng, 1, 0, 28);
      L.add(op, `${op} ${wide ? 'x' : 'w'}${rd}, ${P[dbl]}${rn}`, { v: { [rn]: scalarV(dbl) }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (const op of ['scvtf', 'ucvtf']) {
    for (let k = 0; k < 32; k++) {
      const dbl = k & 1;
      const wide = (k >> 1) & 1;
      const [rd] = regs(1);
      const [rn] = distinct(rng, 1, 0, 28);
      L.add(op, `${op} ${P[dbl]}${rd}, ${wide ? 'x' : 'w'}${rn}`, { x: { [rn]: rng.val() }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (let k = 0; k < 48; k++) {
    const dbl = k & 1;
    const wide = (k >> 1) & 1;
    const fbits = 1 + rng.int(wide ? 64 : 32);
    const [rv] = regs(1);
    const [rx] = distinct(rng, 1, 0, 28);
    const R = `${wide ? 'x' : 'w'}${rx}`;
    const op = ['scvtf', 'ucvtf', 'fcvtzs', 'fcvtzu'][k >> 2 & 3];
    if (op.endsWith('cvtf')) L.add('fixed-point', `${op} ${P[dbl]}${rv}, ${R}, #${fbits}`, { x: { [rx]: rng.val() }, fpcr: fpcr() });
    else L.add('fixed-point', `${op} ${R}, ${P[dbl]}${rv}, #${fbits}`, { v: { [rv]: scalarV(dbl) }, fpcr: fpcr() });
  }
  for (const op of ['scvtf', 'ucvtf', 'fcvtzs', 'fcvtzu', 'fcvtns', 'fcvtmu', 'fcvtas', 'fcvtpu']) {
    for (let k = 0; k < 8; k++) {
      const dbl = k & 1;
      const [rd, rn] = regs(2);
      const input = op.endsWith('cvtf') ? (rng.bool() ? (r64() << 64n) | rng.val() : scalarV(dbl)) : scalarV(dbl);
      L.add('simd scalar convert', `${op} ${P[dbl]}${rd}, ${P[dbl]}${rn}`, { v: { [rn]: input }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }

  // ---- vector ------------------------------------------------------------------------------
  const ARR = ['2s', '4s', '2d'];
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv', 'fmax', 'fmin', 'fmaxnm', 'fminnm', 'fabd', 'faddp', 'fmla', 'fmls', 'fcmeq', 'fcmge', 'fcmgt']) {
    for (let k = 0; k < 9; k++) {
      const arr = ARR[k % 3];
      const dbl = arr === '2d' ? 1 : 0;
      const [rd, rn, rm] = k === 8 ? [5, 5, 6] : regs(3);
      L.add(`${op} (vector)`, `${op} v${rd}.${arr}, v${rn}.${arr}, v${rm}.${arr}`, { v: { [rd]: vectorV(dbl), [rn]: vectorV(dbl), [rm]: vectorV(dbl) }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (const op of ['fabs', 'fneg', 'fsqrt', 'frintn', 'frinta', 'frintm', 'frintp', 'frintz', 'frintx', 'frinti', 'scvtf', 'ucvtf', 'fcvtzs', 'fcvtzu', 'fcvtns', 'fcvtau', 'fcvtms', 'fcvtpu']) {
    for (let k = 0; k < 6; k++) {
      const arr = ARR[k % 3];
      const dbl = arr === '2d' ? 1 : 0;
      const [rd, rn] = regs(2);
      const input = op.endsWith('cvtf') && rng.bool() ? rng.v128() : vectorV(dbl);
      L.add(`${op} (vector)`, `${op} v${rd}.${arr}, v${rn}.${arr}`, { v: { [rn]: input }, fpcr: fpcr(), fpsr: fpsr() });
    }
  }
  for (const op of ['fcmeq', 'fcmge', 'fcmgt', 'fcmle', 'fcmlt']) {
    for (let k = 0; k < 6; k++) {
      const arr = ARR[k % 3];
      const dbl = arr === '2d' ? 1 : 0;
      const [rd, rn] = regs(2);
      L.add(`${op} (zero)`, `${op} v${rd}.${arr}, v${rn}.${arr}, #0.0`, { v: { [rn]: vectorV(dbl) }, fpcr: fpcr() });
    }
  }
  for (const op of ['fmul', 'fmla', 'fmls']) {
    for (let k = 0; k < 9; k++) {
      const arr = ARR[k % 3];
      const dbl = arr === '2d' ? 1 : 0;
      const [rd, rn, rm] = regs(3);
      const index = rng.int(dbl ? 2 : 4);
      const input = { v: { [rd]: vectorV(dbl), [rn]: vectorV(dbl), [rm]: vectorV(dbl) }, fpcr: fpcr(), fpsr: fpsr() };
      L.add(`${op} (by element)`, `${op} v${rd}.${arr}, v${rn}.${arr}, v${rm}.${arr.slice(-1)}[${index}]`, input);
      if (k < 6) L.add(`${op} (by element)`, `${op} ${P[dbl]}${rd}, ${P[dbl]}${rn}, v${rm}.${arr.slice(-1)}[${index}]`, input);
    }
  }
  for (let k = 0; k < 12; k++) {
    const dbl = k & 1;
    const [rd, rn, rm] = regs(3);
    L.add('faddp (scalar)', `faddp ${P[dbl]}${rd}, v${rn}.2${P[dbl]}`, { v: { [rn]: vectorV(dbl) }, fpcr: fpcr() });
    L.add('fabd (scalar)', `fabd ${P[dbl]}${rd}, ${P[dbl]}${rn}, ${P[dbl]}${rm}`, { v: { [rn]: scalarV(dbl), [rm]: scalarV(dbl) }, fpcr: fpcr() });
  }
  for (let k = 0; k < 12; k++) {
    const [rd, rn] = regs(2);
    const q = k & 1;
    L.add('fcvtn/fcvtl', `fcvtn${q ? '2' : ''} v${rd}.${q ? '4s' : '2s'}, v${rn}.2d`, { v: { [rd]: rng.v128(), [rn]: vectorV(1) }, fpcr: fpcr(), fpsr: fpsr() });
    L.add('fcvtn/fcvtl', `fcvtl${q ? '2' : ''} v${rd}.2d, v${rn}.${q ? '4s' : '2s'}`, { v: { [rn]: vectorV(0) }, fpcr: fpcr(), fpsr: fpsr() });
  }
  return L.cases;
}
