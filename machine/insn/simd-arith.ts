/**
 * Integer vector arithmetic: the AdvSIMD "three same" (logical, add/sub, compares,
 * min/max, pairwise), "two-register miscellaneous" (compares against zero, NOT, CNT,
 * REV, ABS/NEG, CLZ/CLS, XTN), "across lanes" (ADDV, UMAXV, ...) and "shift by
 * immediate" groups, in their vector and scalar (64-bit) forms.
 *
 * Lanes of 8, 16 and 32 bits are computed as JavaScript numbers (exact, then truncated
 * by the typed array they are stored into); 64-bit lanes as lo/hi int32 pairs.
 */

import type { Encoding } from '../decoder.js';
import type { Cpu } from '../cpu.js';
import {
  A,
  B,
  R,
  U8,
  I32,
  load,
  store,
  clear,
  getU,
  getS,
  setLane,
  signExtend,
  add64,
  sub64,
  shl64,
  shr64,
  cmp64,
  hi64,
} from './simd-lanes.js';
import { same, sameScalar, different, misc, miscScalar, across } from './simd-patterns.js';

const TWO32 = 4294967296;

/** Hi half of the last 64-bit lane result. */
let resultHi = 0;

/** Stores a 64-bit lane as lo/hi. */
function setLane64(slot: number, i: number, lo: number, hi: number): void {
  I32[(slot << 2) + i * 2] = lo;
  I32[(slot << 2) + i * 2 + 1] = hi;
}

/** Stores an exact integer (|value| < 2^53) as a 64-bit lane. */
function setLane64Number(slot: number, i: number, value: number): void {
  const hi = Math.floor(value / TWO32);
  setLane64(slot, i, (value - hi * TWO32) | 0, hi | 0);
}

function lo64(slot: number, i: number): number {
  return I32[(slot << 2) + i * 2];
}
function hiOf64(slot: number, i: number): number {
  return I32[(slot << 2) + i * 2 + 1];
}

// ---- three same ------------------------------------------------------------------------------

const enum Op {
  ADD,
  SUB,
  MUL,
  CMTST,
  CMEQ,
  CMGT,
  CMGE,
  CMHI,
  CMHS,
  SMAX,
  SMIN,
  UMAX,
  UMIN,
  SABD,
  UABD,
}

/** One lane of a two-operand op on lanes of `bits` (8..32) bits, given as unsigned values. */
function laneOp(op: Op, a: number, b: number, bits: number): number {
  switch (op) {
    case Op.ADD:
      return a + b;
    case Op.SUB:
      return a - b;
    case Op.MUL:
      return Math.imul(a, b);
    case Op.CMTST:
      return (a & b) !== 0 ? -1 : 0;
    case Op.CMEQ:
      return a === b ? -1 : 0;
    case Op.CMHI:
      return a > b ? -1 : 0;
    case Op.CMHS:
      return a >= b ? -1 : 0;
    case Op.CMGT:
      return signExtend(a, bits) > signExtend(b, bits) ? -1 : 0;
    case Op.CMGE:
      return signExtend(a, bits) >= signExtend(b, bits) ? -1 : 0;
    case Op.SMAX:
      return signExtend(a, bits) > signExtend(b, bits) ? a : b;
    case Op.SMIN:
      return signExtend(a, bits) < signExtend(b, bits) ? a : b;
    case Op.UMAX:
      return a > b ? a : b;
    case Op.UMIN:
      return a < b ? a : b;
    case Op.SABD:
      return Math.abs(signExtend(a, bits) - signExtend(b, bits));
    default:
      return Math.abs(a - b);
  }
}

/** One 64-bit lane (ADD, SUB and the compares); returns lo, hi in resultHi. */
function laneOp64(op: Op, alo: number, ahi: number, blo: number, bhi: number): number {
  let r: boolean;
  switch (op) {
    case Op.ADD: {
      const lo = add64(alo, ahi, blo, bhi);
      resultHi = hi64;
      return lo;
    }
    case Op.SUB: {
      const lo = sub64(alo, ahi, blo, bhi);
      resultHi = hi64;
      return lo;
    }
    case Op.CMTST:
      r = (alo & blo) !== 0 || (ahi & bhi) !== 0;
      break;
    case Op.CMEQ:
      r = alo === blo && ahi === bhi;
      break;
    case Op.CMHI:
      r = cmp64(alo, ahi, blo, bhi, false) > 0;
      break;
    case Op.CMHS:
      r = cmp64(alo, ahi, blo, bhi, false) >= 0;
      break;
    case Op.CMGT:
      r = cmp64(alo, ahi, blo, bhi, true) > 0;
      break;
    default:
      r = cmp64(alo, ahi, blo, bhi, true) >= 0;
  }
  resultHi = r ? -1 : 0;
  return resultHi;
}

/** Vector three-same op; `allow64` says whether the 2D arrangement exists. */
function vectorBinary(op: Op, allow64: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3 && (!q || !allow64)) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    if (size === 3) {
      for (let i = 0; i < 2; i++) {
        const lo = laneOp64(op, lo64(A, i), hiOf64(A, i), lo64(B, i), hiOf64(B, i));
        setLane64(R, i, lo, resultHi);
      }
    } else {
      const elements = (q ? 16 : 8) >>> size;
      const bits = 8 << size;
      for (let i = 0; i < elements; i++) setLane(R, size, i, laneOp(op, getU(A, size, i), getU(B, size, i), bits));
    }
    store(cpu, insn & 31, R, q);
  };
}

/** Scalar three-same op: only the 64-bit (D) form is allocated for these. */
function scalarBinary(op: Op) {
  return (cpu: Cpu, insn: number): void => {
    if (((insn >>> 22) & 3) !== 3) cpu.undefinedInstruction();
    const n = ((insn >>> 5) & 31) << 2;
    const m = ((insn >>> 16) & 31) << 2;
    const v = cpu.v;
    const lo = laneOp64(op, v[n], v[n + 1], v[m], v[m + 1]);
    const d = (insn & 31) << 2;
    v[d] = lo;
    v[d + 1] = resultHi;
    v[d + 2] = 0;
    v[d + 3] = 0;
  };
}

/**
 * Pairwise op: the lanes of Vn then Vm taken two at a time (ADDP, UMAXP, ...).
 * Results from Vn fill the low half of Vd, from Vm the high half.
 */
function vectorPairwise(op: Op, allow64: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3 && (!q || !allow64)) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    const elements = (q ? 16 : 8) >>> size;
    const half = elements >>> 1;
    if (size === 3) {
      setLane64(R, 0, add64(lo64(A, 0), hiOf64(A, 0), lo64(A, 1), hiOf64(A, 1)), hi64);
      setLane64(R, 1, add64(lo64(B, 0), hiOf64(B, 0), lo64(B, 1), hiOf64(B, 1)), hi64);
    } else {
      const bits = 8 << size;
      for (let i = 0; i < elements; i++) {
        const src = i < half ? A : B;
        const k = (i < half ? i : i - half) * 2;
        setLane(R, size, i, laneOp(op, getU(src, size, k), getU(src, size, k + 1), bits));
      }
    }
    store(cpu, insn & 31, R, q);
  };
}

/** ADDP (scalar): Dd = Vn.D[0] + Vn.D[1]. */
function addpScalar(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 3) !== 3) cpu.undefinedInstruction();
  const n = ((insn >>> 5) & 31) << 2;
  const v = cpu.v;
  const lo = add64(v[n], v[n + 1], v[n + 2], v[n + 3]);
  const d = (insn & 31) << 2;
  v[d] = lo;
  v[d + 1] = hi64;
  v[d + 2] = 0;
  v[d + 3] = 0;
}

/** AND, BIC, ORR, ORN (U = 0) and EOR, BSL, BIT, BIF (U = 1), selected by the size field. */
function logical(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const which = (((insn >>> 29) & 1) << 2) | ((insn >>> 22) & 3);
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  const m = ((insn >>> 16) & 31) << 2;
  const d = (insn & 31) << 2;
  const words = q ? 4 : 2;
  for (let i = 0; i < words; i++) {
    const a = v[n + i];
    const b = v[m + i];
    const c = v[d + i];
    let r: number;
    switch (which) {
      case 0:
        r = a & b;
        break;
      case 1:
        r = a & ~b;
        break;
      case 2:
        r = a | b;
        break;
      case 3:
        r = a | ~b;
        break;
      case 4:
        r = a ^ b;
        break;
      case 5: // BSL: Vd selects between Vn (1) and Vm (0).
        r = b ^ ((a ^ b) & c);
        break;
      case 6: // BIT: insert Vn where Vm is 1.
        r = c ^ ((c ^ a) & b);
        break;
      default: // BIF: insert Vn where Vm is 0.
        r = c ^ ((c ^ a) & ~b);
    }
    v[d + i] = r;
  }
  if (!q) v[d + 2] = v[d + 3] = 0;
}

// ---- two-register miscellaneous ----------------------------------------------------------------

const enum Un {
  CNT,
  NOT,
  RBIT,
  CMGT0,
  CMGE0,
  CMEQ0,
  CMLE0,
  CMLT0,
  ABS,
  NEG,
  CLS,
  CLZ,
}

function popcount8(a: number): number {
  a = a - ((a >>> 1) & 0x55);
  a = (a & 0x33) + ((a >>> 2) & 0x33);
  return (a + (a >>> 4)) & 0x0f;
}

function reverse8(a: number): number {
  a = ((a & 0xf0) >>> 4) | ((a & 0x0f) << 4);
  a = ((a & 0xcc) >>> 2) | ((a & 0x33) << 2);
  return ((a & 0xaa) >>> 1) | ((a & 0x55) << 1);
}

function unaryLane(op: Un, a: number, bits: number): number {
  switch (op) {
    case Un.CNT:
      return popcount8(a);
    case Un.NOT:
      return ~a;
    case Un.RBIT:
      return reverse8(a);
    case Un.CMGT0:
      return signExtend(a, bits) > 0 ? -1 : 0;
    case Un.CMGE0:
      return signExtend(a, bits) >= 0 ? -1 : 0;
    case Un.CMEQ0:
      return a === 0 ? -1 : 0;
    case Un.CMLE0:
      return signExtend(a, bits) <= 0 ? -1 : 0;
    case Un.CMLT0:
      return signExtend(a, bits) < 0 ? -1 : 0;
    case Un.ABS:
      return Math.abs(signExtend(a, bits));
    case Un.NEG:
      return -a;
    case Un.CLS: {
      // CountLeadingZeroBits(x<N-1:1> EOR x<N-2:0>), an N-1 bit value.
      const y = ((a >>> 1) ^ a) & (bits === 32 ? 0x7fffffff : (1 << (bits - 1)) - 1);
      return Math.clz32(y) - (33 - bits);
    }
    default:
      return Math.clz32(a) - (32 - bits);
  }
}

/** 64-bit lane of the ops that have a 2D / scalar D form; returns lo, hi in resultHi. */
function unaryLane64(op: Un, lo: number, hi: number): number {
  let r: boolean;
  switch (op) {
    case Un.ABS:
    case Un.NEG: {
      if (op === Un.ABS && hi >= 0) {
        resultHi = hi;
        return lo;
      }
      const nlo = sub64(0, 0, lo, hi);
      resultHi = hi64;
      return nlo;
    }
    case Un.CMGT0:
      r = hi > 0 || (hi === 0 && lo !== 0);
      break;
    case Un.CMGE0:
      r = hi >= 0;
      break;
    case Un.CMEQ0:
      r = hi === 0 && lo === 0;
      break;
    case Un.CMLE0:
      r = hi < 0 || (hi === 0 && lo === 0);
      break;
    default:
      r = hi < 0;
  }
  resultHi = r ? -1 : 0;
  return resultHi;
}

/**
 * Vector two-register op. `sizes` is a bit mask of the allowed size fields for Q = 1;
 * size 3 additionally needs Q = 1.
 */
function vectorUnary(op: Un, sizes: number) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (((sizes >>> size) & 1) === 0 || (size === 3 && !q)) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    if (size === 3) {
      for (let i = 0; i < 2; i++) setLane64(R, i, unaryLane64(op, lo64(A, i), hiOf64(A, i)), resultHi);
    } else {
      // CNT, NOT and RBIT work on bytes whatever their size field says.
      const laneSize = op <= Un.RBIT ? 0 : size;
      const elements = (q ? 16 : 8) >>> laneSize;
      const bits = 8 << laneSize;
      for (let i = 0; i < elements; i++) setLane(R, laneSize, i, unaryLane(op, getU(A, laneSize, i), bits));
    }
    store(cpu, insn & 31, R, q);
  };
}

function scalarUnary(op: Un) {
  return (cpu: Cpu, insn: number): void => {
    if (((insn >>> 22) & 3) !== 3) cpu.undefinedInstruction();
    const n = ((insn >>> 5) & 31) << 2;
    const v = cpu.v;
    const lo = unaryLane64(op, v[n], v[n + 1]);
    const d = (insn & 31) << 2;
    v[d] = lo;
    v[d + 1] = resultHi;
    v[d + 2] = 0;
    v[d + 3] = 0;
  };
}

/** REV16/REV32/REV64: reverse the lanes within each 2^container-byte container. */
function reverse(containerLog2: number) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size >= containerLog2) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    const bytes = q ? 16 : 8;
    const container = 1 << containerLog2;
    const ebytes = 1 << size;
    const a = A << 4;
    const r = R << 4;
    for (let j = 0; j < bytes; j++) {
      const base = j & ~(container - 1);
      const within = j & (container - 1);
      const lane = within >>> size;
      const src = base + (container - ebytes - lane * ebytes) + (within & (ebytes - 1));
      U8[r + j] = U8[a + src];
    }
    store(cpu, insn & 31, R, q);
  };
}

/** XTN/XTN2, SHRN/SHRN2, RSHRN/RSHRN2: narrow the 2*esize lanes of Vn into half of Vd. */
function narrow(cpu: Cpu, insn: number, size: number, shift: number, round: boolean): void {
  const q = (insn >>> 30) & 1;
  const d = insn & 31;
  load(cpu, (insn >>> 5) & 31, A);
  if (q) load(cpu, d, R);
  else clear(R);
  const elements = 8 >>> size;
  const base = q ? elements : 0;
  for (let i = 0; i < elements; i++) {
    let value: number;
    if (size === 2) {
      const lo = lo64(A, i);
      const hi = hiOf64(A, i);
      value = shr64(lo, hi, shift, false);
      if (round && shift > 0 && (shr64(lo, hi, shift - 1, false) & 1) !== 0) value = (value + 1) | 0;
    } else {
      const a = getU(A, size + 1, i);
      value = Math.floor(a / 2 ** shift);
      if (round && shift > 0) value += Math.floor(a / 2 ** (shift - 1)) & 1;
    }
    setLane(R, size, base + i, value);
  }
  store(cpu, d, R, 1);
}

function xtn(cpu: Cpu, insn: number): void {
  const size = (insn >>> 22) & 3;
  if (size === 3) cpu.undefinedInstruction();
  narrow(cpu, insn, size, 0, false);
}

/** SADDLP/UADDLP: add adjacent pairs into lanes twice as wide. */
function addLongPairwise(signed: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    const elements = (q ? 16 : 8) >>> (size + 1);
    for (let i = 0; i < elements; i++) {
      const a = signed ? getS(A, size, 2 * i) : getU(A, size, 2 * i);
      const b = signed ? getS(A, size, 2 * i + 1) : getU(A, size, 2 * i + 1);
      if (size === 2) setLane64Number(R, i, a + b);
      else setLane(R, size + 1, i, a + b);
    }
    store(cpu, insn & 31, R, q);
  };
}

// ---- across lanes ------------------------------------------------------------------------

const enum Across {
  ADDV,
  SADDLV,
  UADDLV,
  SMAXV,
  SMINV,
  UMAXV,
  UMINV,
}

function acrossLanes(kind: Across) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3 || (size === 2 && !q)) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    const elements = (q ? 16 : 8) >>> size;
    const signed = kind === Across.SADDLV || kind === Across.SMAXV || kind === Across.SMINV;
    let acc = signed ? getS(A, size, 0) : getU(A, size, 0);
    for (let i = 1; i < elements; i++) {
      const e = signed ? getS(A, size, i) : getU(A, size, i);
      switch (kind) {
        case Across.SMAXV:
        case Across.UMAXV:
          if (e > acc) acc = e;
          break;
        case Across.SMINV:
        case Across.UMINV:
          if (e < acc) acc = e;
          break;
        default:
          acc += e;
      }
    }
    clear(R);
    const long = kind === Across.SADDLV || kind === Across.UADDLV;
    if (long && size === 2) setLane64Number(R, 0, acc);
    else setLane(R, long ? size + 1 : size, 0, acc);
    store(cpu, insn & 31, R, 0);
  };
}

// ---- shift by immediate ----------------------------------------------------------------------

const enum Sh {
  SSHR,
  USHR,
  SSRA,
  USRA,
  SRSHR,
  URSHR,
  SRSRA,
  URSRA,
  SRI,
  SHL,
  SLI,
}

function isSigned(kind: Sh): boolean {
  return kind === Sh.SSHR || kind === Sh.SSRA || kind === Sh.SRSHR || kind === Sh.SRSRA;
}
function isRounding(kind: Sh): boolean {
  return kind >= Sh.SRSHR && kind <= Sh.URSRA;
}
function isAccumulating(kind: Sh): boolean {
  return kind === Sh.SSRA || kind === Sh.USRA || kind === Sh.SRSRA || kind === Sh.URSRA;
}

/** One lane of 8..32 bits: `a` (unsigned), `d` the destination lane (unsigned), shift amount. */
function shiftLane(kind: Sh, a: number, d: number, sh: number, bits: number): number {
  switch (kind) {
    case Sh.SHL:
      return a << sh;
    case Sh.SLI: {
      const mask = (-1 << sh) & (bits === 32 ? -1 : (1 << bits) - 1);
      return (d & ~mask) | ((a << sh) & mask);
    }
    case Sh.SRI: {
      if (sh === bits) return d;
      const mask = (bits === 32 ? 0xffffffff : (1 << bits) - 1) >>> sh;
      return (d & ~mask) | (a >>> sh);
    }
    default: {
      const x = isSigned(kind) ? signExtend(a, bits) : a;
      let r = Math.floor(x / 2 ** sh);
      if (isRounding(kind)) r += Math.floor(x / 2 ** (sh - 1)) & 1;
      return isAccumulating(kind) ? d + r : r;
    }
  }
}

/** One 64-bit lane; returns lo, hi in resultHi. */
function shiftLane64(kind: Sh, alo: number, ahi: number, dlo: number, dhi: number, sh: number): number {
  switch (kind) {
    case Sh.SHL: {
      const lo = shl64(alo, ahi, sh);
      resultHi = hi64;
      return lo;
    }
    case Sh.SLI: {
      const lo = shl64(alo, ahi, sh);
      const hi = hi64;
      const mlo = shl64(-1, -1, sh);
      const mhi = hi64;
      resultHi = (dhi & ~mhi) | hi;
      return (dlo & ~mlo) | lo;
    }
    case Sh.SRI: {
      if (sh === 64) {
        resultHi = dhi;
        return dlo;
      }
      const lo = shr64(alo, ahi, sh, false);
      const hi = hi64;
      const mlo = shr64(-1, -1, sh, false);
      const mhi = hi64;
      resultHi = (dhi & ~mhi) | hi;
      return (dlo & ~mlo) | lo;
    }
    default: {
      const signed = isSigned(kind);
      let lo = shr64(alo, ahi, sh, signed);
      let hi = hi64;
      if (isRounding(kind) && (shr64(alo, ahi, sh - 1, signed) & 1) !== 0) {
        lo = add64(lo, hi, 1, 0);
        hi = hi64;
      }
      if (isAccumulating(kind)) {
        lo = add64(dlo, dhi, lo, hi);
        hi = hi64;
      }
      resultHi = hi;
      return lo;
    }
  }
}

/** Element size from immh (its highest set bit), and the shift amounts it encodes. */
function immhSize(insn: number): number {
  return 31 - Math.clz32((insn >>> 19) & 15);
}

function vectorShift(kind: Sh) {
  const left = kind === Sh.SHL || kind === Sh.SLI;
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = immhSize(insn);
    if (size < 0 || (size === 3 && !q)) cpu.undefinedInstruction();
    const bits = 8 << size;
    const immhb = (insn >>> 16) & 127;
    const sh = left ? immhb - bits : 2 * bits - immhb;
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, d, R);
    if (size === 3) {
      for (let i = 0; i < 2; i++) {
        const lo = shiftLane64(kind, lo64(A, i), hiOf64(A, i), lo64(R, i), hiOf64(R, i), sh);
        setLane64(R, i, lo, resultHi);
      }
    } else {
      const elements = (q ? 16 : 8) >>> size;
      for (let i = 0; i < elements; i++) setLane(R, size, i, shiftLane(kind, getU(A, size, i), getU(R, size, i), sh, bits));
    }
    store(cpu, d, R, q);
  };
}

/** Scalar shifts: only the D form (immh = 1xxx) exists for these. */
function scalarShift(kind: Sh) {
  const left = kind === Sh.SHL || kind === Sh.SLI;
  return (cpu: Cpu, insn: number): void => {
    if (immhSize(insn) !== 3) cpu.undefinedInstruction();
    const immhb = (insn >>> 16) & 127;
    const sh = left ? immhb - 64 : 128 - immhb;
    const v = cpu.v;
    const n = ((insn >>> 5) & 31) << 2;
    const d = (insn & 31) << 2;
    const lo = shiftLane64(kind, v[n], v[n + 1], v[d], v[d + 1], sh);
    v[d] = lo;
    v[d + 1] = resultHi;
    v[d + 2] = 0;
    v[d + 3] = 0;
  };
}

function shiftNarrow(round: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const size = immhSize(insn);
    if (size < 0 || size === 3) cpu.undefinedInstruction();
    narrow(cpu, insn, size, (16 << size) - ((insn >>> 16) & 127), round);
  };
}

/** SSHLL/USHLL{2} (aliases SXTL/UXTL): widen half of Vn, then shift left. */
function shiftLong(signed: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = immhSize(insn);
    if (size < 0 || size === 3) cpu.undefinedInstruction();
    const sh = ((insn >>> 16) & 127) - (8 << size);
    load(cpu, (insn >>> 5) & 31, A);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    for (let i = 0; i < elements; i++) {
      const a = signed ? getS(A, size, base + i) : getU(A, size, base + i);
      if (size === 2) setLane64(R, i, shl64(a | 0, signed ? a >> 31 : 0, sh), hi64);
      else setLane(R, size + 1, i, a * 2 ** sh);
    }
    store(cpu, insn & 31, R, 1);
  };
}

// ---- three different (widening) --------------------------------------------------------------

const enum Long {
  ADD,
  SUB,
  MUL,
}

/** Unsigned 32 x 32 -> 64-bit product of |a| and |b|, negated when `negative`; lo returned, hi in resultHi. */
function multiplyLong(a: number, b: number, negative: boolean): number {
  const aLo = a & 0xffff;
  const aHi = Math.floor(a / 65536);
  const bLo = b & 0xffff;
  const bHi = Math.floor(b / 65536);
  const mid = aHi * bLo + aLo * bHi;
  const t = aLo * bLo + (mid % 65536) * 65536;
  const lo = t % TWO32;
  const hi = aHi * bHi + Math.floor(mid / 65536) + Math.floor(t / TWO32);
  if (!negative) {
    resultHi = hi | 0;
    return lo | 0;
  }
  const nlo = sub64(0, 0, lo | 0, hi | 0);
  resultHi = hi64;
  return nlo;
}

/**
 * SADDL/UADDL, SSUBL/USUBL, SMULL/UMULL (both operands narrow) and SADDW/UADDW,
 * SSUBW/USUBW (first operand already wide), with the "2" forms taking the upper halves.
 */
function widening(kind: Long, wideFirst: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const signed = ((insn >>> 29) & 1) === 0;
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    for (let i = 0; i < elements; i++) {
      const b = signed ? getS(B, size, base + i) : getU(B, size, base + i);
      if (size === 2) {
        let alo: number;
        let ahi: number;
        if (wideFirst) {
          alo = lo64(A, i);
          ahi = hiOf64(A, i);
        } else {
          const a = signed ? getS(A, 2, base + i) : getU(A, 2, base + i);
          if (kind === Long.MUL) {
            setLane64(R, i, multiplyLong(Math.abs(a), Math.abs(b), a < 0 !== b < 0), resultHi);
            continue;
          }
          alo = a | 0;
          ahi = a < 0 ? -1 : 0;
        }
        const bhi = b < 0 ? -1 : 0;
        setLane64(R, i, kind === Long.ADD ? add64(alo, ahi, b | 0, bhi) : sub64(alo, ahi, b | 0, bhi), hi64);
      } else {
        const a = wideFirst
          ? signed
            ? getS(A, size + 1, i)
            : getU(A, size + 1, i)
          : signed
            ? getS(A, size, base + i)
            : getU(A, size, base + i);
        setLane(R, size + 1, i, kind === Long.ADD ? a + b : kind === Long.SUB ? a - b : a * b);
      }
    }
    store(cpu, insn & 31, R, 1);
  };
}

// ---- the table ---------------------------------------------------------------------------

function shift(u: number, opcode: string): string {
  return `0 q ${u} 011110 hhhh bbb ${opcode} 1 nnnnn ddddd`;
}
function shiftScalar(u: number, opcode: string): string {
  return `01 ${u} 111110 hhhh bbb ${opcode} 1 nnnnn ddddd`;
}

const not = vectorUnary(Un.NOT, 0b0001);
const rbit = vectorUnary(Un.RBIT, 0b0010);

const B_ALL = 0b1111;
const B_NO64 = 0b0111;

export const ENCODINGS: readonly Encoding[] = [
  { bits: same(0, '00011'), name: 'AND/BIC/ORR/ORN (vector)', exec: logical },
  { bits: same(1, '00011'), name: 'EOR/BSL/BIT/BIF (vector)', exec: logical },
  { bits: same(0, '10000'), name: 'ADD (vector)', exec: vectorBinary(Op.ADD, true) },
  { bits: same(1, '10000'), name: 'SUB (vector)', exec: vectorBinary(Op.SUB, true) },
  { bits: same(0, '10011'), name: 'MUL (vector)', exec: vectorBinary(Op.MUL, false) },
  { bits: same(0, '10001'), name: 'CMTST (vector)', exec: vectorBinary(Op.CMTST, true) },
  { bits: same(1, '10001'), name: 'CMEQ (vector)', exec: vectorBinary(Op.CMEQ, true) },
  { bits: same(0, '00110'), name: 'CMGT (vector)', exec: vectorBinary(Op.CMGT, true) },
  { bits: same(1, '00110'), name: 'CMHI (vector)', exec: vectorBinary(Op.CMHI, true) },
  { bits: same(0, '00111'), name: 'CMGE (vector)', exec: vectorBinary(Op.CMGE, true) },
  { bits: same(1, '00111'), name: 'CMHS (vector)', exec: vectorBinary(Op.CMHS, true) },
  { bits: same(0, '01100'), name: 'SMAX', exec: vectorBinary(Op.SMAX, false) },
  { bits: same(1, '01100'), name: 'UMAX', exec: vectorBinary(Op.UMAX, false) },
  { bits: same(0, '01101'), name: 'SMIN', exec: vectorBinary(Op.SMIN, false) },
  { bits: same(1, '01101'), name: 'UMIN', exec: vectorBinary(Op.UMIN, false) },
  { bits: same(0, '01110'), name: 'SABD', exec: vectorBinary(Op.SABD, false) },
  { bits: same(1, '01110'), name: 'UABD', exec: vectorBinary(Op.UABD, false) },
  { bits: same(0, '10111'), name: 'ADDP (vector)', exec: vectorPairwise(Op.ADD, true) },
  { bits: same(0, '10100'), name: 'SMAXP', exec: vectorPairwise(Op.SMAX, false) },
  { bits: same(1, '10100'), name: 'UMAXP', exec: vectorPairwise(Op.UMAX, false) },
  { bits: same(0, '10101'), name: 'SMINP', exec: vectorPairwise(Op.SMIN, false) },
  { bits: same(1, '10101'), name: 'UMINP', exec: vectorPairwise(Op.UMIN, false) },
  { bits: sameScalar(0, '10000'), name: 'ADD (scalar)', exec: scalarBinary(Op.ADD) },
  { bits: sameScalar(1, '10000'), name: 'SUB (scalar)', exec: scalarBinary(Op.SUB) },
  { bits: sameScalar(0, '10001'), name: 'CMTST (scalar)', exec: scalarBinary(Op.CMTST) },
  { bits: sameScalar(1, '10001'), name: 'CMEQ (scalar)', exec: scalarBinary(Op.CMEQ) },
  { bits: sameScalar(0, '00110'), name: 'CMGT (scalar)', exec: scalarBinary(Op.CMGT) },
  { bits: sameScalar(1, '00110'), name: 'CMHI (scalar)', exec: scalarBinary(Op.CMHI) },
  { bits: sameScalar(0, '00111'), name: 'CMGE (scalar)', exec: scalarBinary(Op.CMGE) },
  { bits: sameScalar(1, '00111'), name: 'CMHS (scalar)', exec: scalarBinary(Op.CMHS) },
  { bits: '01 0 11110 zz 11000 11011 10 nnnnn ddddd', name: 'ADDP (scalar)', exec: addpScalar },

  { bits: different(0, '0000'), name: 'SADDL', exec: widening(Long.ADD, false) },
  { bits: different(1, '0000'), name: 'UADDL', exec: widening(Long.ADD, false) },
  { bits: different(0, '0001'), name: 'SADDW', exec: widening(Long.ADD, true) },
  { bits: different(1, '0001'), name: 'UADDW', exec: widening(Long.ADD, true) },
  { bits: different(0, '0010'), name: 'SSUBL', exec: widening(Long.SUB, false) },
  { bits: different(1, '0010'), name: 'USUBL', exec: widening(Long.SUB, false) },
  { bits: different(0, '0011'), name: 'SSUBW', exec: widening(Long.SUB, true) },
  { bits: different(1, '0011'), name: 'USUBW', exec: widening(Long.SUB, true) },
  { bits: different(0, '1100'), name: 'SMULL', exec: widening(Long.MUL, false) },
  { bits: different(1, '1100'), name: 'UMULL', exec: widening(Long.MUL, false) },

  { bits: misc(0, '00000'), name: 'REV64', exec: reverse(3) },
  { bits: misc(1, '00000'), name: 'REV32', exec: reverse(2) },
  { bits: misc(0, '00001'), name: 'REV16', exec: reverse(1) },
  { bits: misc(0, '00101'), name: 'CNT', exec: vectorUnary(Un.CNT, 0b0001) },
  { bits: misc(1, '00101'), name: 'NOT/RBIT', exec: (cpu, insn) => ((insn >>> 22) & 3 ? rbit(cpu, insn) : not(cpu, insn)) },
  { bits: misc(0, '01000'), name: 'CMGT (zero)', exec: vectorUnary(Un.CMGT0, B_ALL) },
  { bits: misc(1, '01000'), name: 'CMGE (zero)', exec: vectorUnary(Un.CMGE0, B_ALL) },
  { bits: misc(0, '01001'), name: 'CMEQ (zero)', exec: vectorUnary(Un.CMEQ0, B_ALL) },
  { bits: misc(1, '01001'), name: 'CMLE (zero)', exec: vectorUnary(Un.CMLE0, B_ALL) },
  { bits: misc(0, '01010'), name: 'CMLT (zero)', exec: vectorUnary(Un.CMLT0, B_ALL) },
  { bits: misc(0, '01011'), name: 'ABS', exec: vectorUnary(Un.ABS, B_ALL) },
  { bits: misc(1, '01011'), name: 'NEG', exec: vectorUnary(Un.NEG, B_ALL) },
  { bits: misc(0, '00100'), name: 'CLS', exec: vectorUnary(Un.CLS, B_NO64) },
  { bits: misc(1, '00100'), name: 'CLZ', exec: vectorUnary(Un.CLZ, B_NO64) },
  { bits: misc(0, '10010'), name: 'XTN', exec: xtn },
  { bits: misc(0, '00010'), name: 'SADDLP', exec: addLongPairwise(true) },
  { bits: misc(1, '00010'), name: 'UADDLP', exec: addLongPairwise(false) },
  { bits: miscScalar(0, '01000'), name: 'CMGT (zero, scalar)', exec: scalarUnary(Un.CMGT0) },
  { bits: miscScalar(1, '01000'), name: 'CMGE (zero, scalar)', exec: scalarUnary(Un.CMGE0) },
  { bits: miscScalar(0, '01001'), name: 'CMEQ (zero, scalar)', exec: scalarUnary(Un.CMEQ0) },
  { bits: miscScalar(1, '01001'), name: 'CMLE (zero, scalar)', exec: scalarUnary(Un.CMLE0) },
  { bits: miscScalar(0, '01010'), name: 'CMLT (zero, scalar)', exec: scalarUnary(Un.CMLT0) },
  { bits: miscScalar(0, '01011'), name: 'ABS (scalar)', exec: scalarUnary(Un.ABS) },
  { bits: miscScalar(1, '01011'), name: 'NEG (scalar)', exec: scalarUnary(Un.NEG) },

  { bits: across(0, '11011'), name: 'ADDV', exec: acrossLanes(Across.ADDV) },
  { bits: across(0, '00011'), name: 'SADDLV', exec: acrossLanes(Across.SADDLV) },
  { bits: across(1, '00011'), name: 'UADDLV', exec: acrossLanes(Across.UADDLV) },
  { bits: across(0, '01010'), name: 'SMAXV', exec: acrossLanes(Across.SMAXV) },
  { bits: across(1, '01010'), name: 'UMAXV', exec: acrossLanes(Across.UMAXV) },
  { bits: across(0, '11010'), name: 'SMINV', exec: acrossLanes(Across.SMINV) },
  { bits: across(1, '11010'), name: 'UMINV', exec: acrossLanes(Across.UMINV) },

  { bits: shift(0, '00000'), name: 'SSHR', exec: vectorShift(Sh.SSHR) },
  { bits: shift(1, '00000'), name: 'USHR', exec: vectorShift(Sh.USHR) },
  { bits: shift(0, '00010'), name: 'SSRA', exec: vectorShift(Sh.SSRA) },
  { bits: shift(1, '00010'), name: 'USRA', exec: vectorShift(Sh.USRA) },
  { bits: shift(0, '00100'), name: 'SRSHR', exec: vectorShift(Sh.SRSHR) },
  { bits: shift(1, '00100'), name: 'URSHR', exec: vectorShift(Sh.URSHR) },
  { bits: shift(0, '00110'), name: 'SRSRA', exec: vectorShift(Sh.SRSRA) },
  { bits: shift(1, '00110'), name: 'URSRA', exec: vectorShift(Sh.URSRA) },
  { bits: shift(1, '01000'), name: 'SRI', exec: vectorShift(Sh.SRI) },
  { bits: shift(0, '01010'), name: 'SHL', exec: vectorShift(Sh.SHL) },
  { bits: shift(1, '01010'), name: 'SLI', exec: vectorShift(Sh.SLI) },
  { bits: shift(0, '10000'), name: 'SHRN', exec: shiftNarrow(false) },
  { bits: shift(0, '10001'), name: 'RSHRN', exec: shiftNarrow(true) },
  { bits: shift(0, '10100'), name: 'SSHLL (SXTL)', exec: shiftLong(true) },
  { bits: shift(1, '10100'), name: 'USHLL (UXTL)', exec: shiftLong(false) },
  { bits: shiftScalar(0, '00000'), name: 'SSHR (scalar)', exec: scalarShift(Sh.SSHR) },
  { bits: shiftScalar(1, '00000'), name: 'USHR (scalar)', exec: scalarShift(Sh.USHR) },
  { bits: shiftScalar(0, '00010'), name: 'SSRA (scalar)', exec: scalarShift(Sh.SSRA) },
  { bits: shiftScalar(1, '00010'), name: 'USRA (scalar)', exec: scalarShift(Sh.USRA) },
  { bits: shiftScalar(0, '00100'), name: 'SRSHR (scalar)', exec: scalarShift(Sh.SRSHR) },
  { bits: shiftScalar(1, '00100'), name: 'URSHR (scalar)', exec: scalarShift(Sh.URSHR) },
  { bits: shiftScalar(0, '00110'), name: 'SRSRA (scalar)', exec: scalarShift(Sh.SRSRA) },
  { bits: shiftScalar(1, '00110'), name: 'URSRA (scalar)', exec: scalarShift(Sh.URSRA) },
  { bits: shiftScalar(1, '01000'), name: 'SRI (scalar)', exec: scalarShift(Sh.SRI) },
  { bits: shiftScalar(0, '01010'), name: 'SHL (scalar)', exec: scalarShift(Sh.SHL) },
  { bits: shiftScalar(1, '01010'), name: 'SLI (scalar)', exec: scalarShift(Sh.SLI) },
];
