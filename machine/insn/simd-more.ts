/**
 * The integer SIMD instructions that vectorising compilers emit beyond the basic set in
 * simd-arith.ts: multiply-accumulate (MLA/MLS and the widening SMLAL/UMLAL/SMLSL/UMLSL,
 * also by element), MUL/SMULL/UMULL by element, saturating arithmetic (SQADD/UQADD/
 * SQSUB/UQSUB, SQABS/SQNEG, SQXTN/UQXTN/SQXTUN, SQDMULH/SQRDMULH), shifts by register
 * (SSHL/USHL/SRSHL/URSHL), halving adds, absolute-difference accumulate (SABA/UABA,
 * SABAL/UABAL, SABDL/UABDL), SADALP/UADALP, ADDHN/SUBHN (rounding too) and PMUL/PMULL.
 *
 * Saturating instructions set FPSR.QC (bit 27) when any lane saturates, and leave it
 * alone otherwise (it is sticky). Lanes of 8..32 bits are exact JavaScript numbers
 * (truncated by the typed array they are stored into); 64-bit lanes are lo/hi pairs.
 */

import type { Encoding } from '../decoder.js';
import type { Cpu } from '../cpu.js';
import { A, B, R, T0, I32, load, store, clear, getU, getS, setLane, add64, sub64, shl64, shr64, hi64 } from './simd-lanes.js';
import { same, sameScalar, different, misc, miscScalar, element } from './simd-patterns.js';

const TWO32 = 4294967296;
const QC = 1 << 27;
/** The accumulator operand (the old destination) of the accumulating forms. */
const D = T0;

/** Hi half of the last 64-bit result of the helpers below. */
let resultHi = 0;

function lo64(slot: number, i: number): number {
  return I32[(slot << 2) + i * 2];
}
function hiOf64(slot: number, i: number): number {
  return I32[(slot << 2) + i * 2 + 1];
}
function setLane64(slot: number, i: number, lo: number, hi: number): void {
  I32[(slot << 2) + i * 2] = lo;
  I32[(slot << 2) + i * 2 + 1] = hi;
}
function lane(slot: number, size: number, i: number, signed: boolean): number {
  return signed ? getS(slot, size, i) : getU(slot, size, i);
}

/** Clamps x to the signed or unsigned range of `bits`, setting FPSR.QC when it had to. */
function saturate(cpu: Cpu, x: number, bits: number, signed: boolean): number {
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  if (x > max) {
    cpu.fpsr |= QC;
    return max;
  }
  if (x < min) {
    cpu.fpsr |= QC;
    return min;
  }
  return x;
}

/** Exact product of two integers with |a|, |b| < 2^32 as a 64-bit lo, hi in resultHi. */
function product64(a: number, b: number): number {
  const negative = a < 0 !== b < 0;
  a = Math.abs(a);
  b = Math.abs(b);
  const bLo = b % 65536;
  const bHi = (b - bLo) / 65536;
  const p0 = a * bLo;
  const p1 = a * bHi;
  const t = (p1 % 65536) * 65536 + p0;
  const lo = t % TWO32;
  const hi = Math.floor(p1 / 65536) + Math.floor(t / TWO32);
  if (!negative) {
    resultHi = hi | 0;
    return lo | 0;
  }
  const nlo = sub64(0, 0, lo | 0, hi | 0);
  resultHi = hi64;
  return nlo;
}

/** floor((a * b + round) / 2^31) exactly, for signed 32-bit a and b (SQDMULH/SQRDMULH .S). */
function doublingHigh32(a: number, b: number, round: number): number {
  const bLo = b & 0xffff;
  const bHi = (b - bLo) / 65536;
  const p1 = a * bHi;
  const qHi = Math.floor((a * bLo + round) / 65536);
  return Math.floor((p1 + qHi) / 32768);
}

// ---- three same ----------------------------------------------------------------------------

const enum Op {
  HADD,
  RHADD,
  HSUB,
  QADD,
  QSUB,
  SHL,
  RSHL,
  MLA,
  MLS,
  ABA,
  PMUL,
  QDMULH,
  QRDMULH,
}

/** Multiplies polynomials over GF(2) of 8 bits (a 15-bit result). */
function polyMul8(a: number, b: number): number {
  let r = 0;
  for (let i = 0; i < 8; i++) if ((b >>> i) & 1) r ^= a << i;
  return r;
}

/** Shift by the signed low byte of `b` (negative: right), rounding when asked; exact in doubles. */
function shiftByRegister(a: number, b: number, round: boolean): number {
  const sh = (b << 24) >> 24;
  if (sh >= 0) return a * 2 ** sh;
  const k = -sh;
  return Math.floor((a + (round ? 2 ** (k - 1) : 0)) / 2 ** k);
}

/** One lane of 8..32 bits; a and b are signed or unsigned per U, d the old destination lane. */
function laneOp(cpu: Cpu, op: Op, a: number, b: number, d: number, bits: number, signed: boolean): number {
  switch (op) {
    case Op.HADD:
      return Math.floor((a + b) / 2);
    case Op.RHADD:
      return Math.floor((a + b + 1) / 2);
    case Op.HSUB:
      return Math.floor((a - b) / 2);
    case Op.QADD:
      return saturate(cpu, a + b, bits, signed);
    case Op.QSUB:
      return saturate(cpu, a - b, bits, signed);
    case Op.SHL:
      return shiftByRegister(a, b, false);
    case Op.RSHL:
      return shiftByRegister(a, b, true);
    case Op.MLA:
      return (d + Math.imul(a, b)) | 0;
    case Op.MLS:
      return (d - Math.imul(a, b)) | 0;
    case Op.ABA:
      return d + Math.abs(a - b);
    case Op.PMUL:
      return polyMul8(a, b);
    case Op.QDMULH:
    case Op.QRDMULH: {
      const round = op === Op.QRDMULH ? 2 ** (bits - 2) : 0;
      const r = bits === 32 ? doublingHigh32(a, b, round) : Math.floor((a * b + round) / 2 ** (bits - 1));
      return saturate(cpu, r, bits, true);
    }
  }
}

/** SQADD/UQADD/SQSUB/UQSUB on one 64-bit lane; lo returned, hi in resultHi. */
function saturatingAddSub64(cpu: Cpu, sub: boolean, signed: boolean, alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = sub ? sub64(alo, ahi, blo, bhi) : add64(alo, ahi, blo, bhi);
  const hi = hi64;
  let overflow: boolean;
  if (signed) {
    // Overflow when the operands' signs make it possible and the result's sign differs from a's.
    const operandsAgree = sub ? (ahi ^ bhi) < 0 : (ahi ^ bhi) >= 0;
    overflow = operandsAgree && (hi ^ ahi) < 0;
    if (overflow) {
      cpu.fpsr |= QC;
      resultHi = ahi < 0 ? -0x80000000 : 0x7fffffff;
      return ahi < 0 ? 0 : -1;
    }
  } else {
    // Carry out of an add: the sum is below a; borrow of a subtract: b was above a.
    const below = hi >>> 0 < ahi >>> 0 || (hi === ahi && lo >>> 0 < alo >>> 0);
    overflow = sub ? bhi >>> 0 > ahi >>> 0 || (bhi === ahi && blo >>> 0 > alo >>> 0) : below;
    if (overflow) {
      cpu.fpsr |= QC;
      resultHi = sub ? 0 : -1;
      return resultHi;
    }
  }
  resultHi = hi;
  return lo;
}

/** SSHL/USHL/SRSHL/URSHL on one 64-bit lane by the signed low byte of b; lo returned, hi in resultHi. */
function shift64(signed: boolean, round: boolean, lo: number, hi: number, b: number): number {
  const sh = (b << 24) >> 24;
  if (sh >= 0) {
    const r = shl64(lo, hi, sh);
    resultHi = hi64;
    return r;
  }
  const k = -sh;
  let r = shr64(lo, hi, k, signed);
  let rhi = hi64;
  // floor((x + 2^(k-1)) / 2^k) = (x >> k) + bit k-1 of x.
  if (round && (shr64(lo, hi, k - 1, signed) & 1) !== 0) {
    r = add64(r, rhi, 1, 0);
    rhi = hi64;
  }
  resultHi = rhi;
  return r;
}

/** One 64-bit lane of the ops that have one (saturating add/sub, shifts by register). */
function laneOp64(cpu: Cpu, op: Op, signed: boolean, alo: number, ahi: number, blo: number, bhi: number): number {
  switch (op) {
    case Op.QADD:
      return saturatingAddSub64(cpu, false, signed, alo, ahi, blo, bhi);
    case Op.QSUB:
      return saturatingAddSub64(cpu, true, signed, alo, ahi, blo, bhi);
    default:
      return shift64(signed, op === Op.RSHL, alo, ahi, blo);
  }
}

/**
 * Vector three-same op. `sizes` is the mask of allocated size fields (size 3 also needs Q);
 * `signedAlways` for the ops whose lanes are signed whatever U says (SQDMULH, SQRDMULH).
 */
function vectorSame(op: Op, sizes: number, signedAlways = false) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (((sizes >>> size) & 1) === 0 || (size === 3 && !q)) cpu.undefinedInstruction();
    const signed = signedAlways || ((insn >>> 29) & 1) === 0;
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    load(cpu, d, R);
    if (size === 3) {
      for (let i = 0; i < 2; i++) setLane64(R, i, laneOp64(cpu, op, signed, lo64(A, i), hiOf64(A, i), lo64(B, i), hiOf64(B, i)), resultHi);
    } else {
      const elements = (q ? 16 : 8) >>> size;
      const bits = 8 << size;
      for (let i = 0; i < elements; i++) {
        const r = laneOp(cpu, op, lane(A, size, i, signed), lane(B, size, i, signed), getU(R, size, i), bits, signed);
        setLane(R, size, i, r);
      }
    }
    store(cpu, d, R, q);
  };
}

/** Scalar three-same op on lane 0 of the size field's width; the rest of Vd is zeroed. */
function scalarSame(op: Op, sizes: number, signedAlways = false) {
  return (cpu: Cpu, insn: number): void => {
    const size = (insn >>> 22) & 3;
    if (((sizes >>> size) & 1) === 0) cpu.undefinedInstruction();
    const signed = signedAlways || ((insn >>> 29) & 1) === 0;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    clear(R);
    if (size === 3) setLane64(R, 0, laneOp64(cpu, op, signed, lo64(A, 0), hiOf64(A, 0), lo64(B, 0), hiOf64(B, 0)), resultHi);
    else setLane(R, size, 0, laneOp(cpu, op, lane(A, size, 0, signed), lane(B, size, 0, signed), 0, 8 << size, signed));
    store(cpu, insn & 31, R, 0);
  };
}

// ---- three different (widening and narrowing) ------------------------------------------------

const enum Long {
  ABAL,
  ABDL,
  MLAL,
  MLSL,
  MULL,
}

/**
 * One widened lane i of a long op from narrow values a, b (signed or unsigned per U),
 * accumulating into R's wide lane (which holds the old destination).
 */
function longLane(kind: Long, size: number, i: number, a: number, b: number): void {
  if (size < 2) {
    const acc = getU(R, size + 1, i);
    let r: number;
    switch (kind) {
      case Long.ABAL:
        r = acc + Math.abs(a - b);
        break;
      case Long.ABDL:
        r = Math.abs(a - b);
        break;
      case Long.MLAL:
        r = acc + a * b;
        break;
      case Long.MLSL:
        r = acc - a * b;
        break;
      default:
        r = a * b;
    }
    setLane(R, size + 1, i, r);
    return;
  }
  let lo: number;
  let hi: number;
  if (kind === Long.ABAL || kind === Long.ABDL) {
    const diff = Math.abs(a - b); // < 2^32
    lo = diff | 0;
    hi = 0;
  } else {
    lo = product64(a, b);
    hi = resultHi;
  }
  if (kind === Long.ABAL || kind === Long.MLAL) {
    lo = add64(lo64(R, i), hiOf64(R, i), lo, hi);
    hi = hi64;
  } else if (kind === Long.MLSL) {
    lo = sub64(lo64(R, i), hiOf64(R, i), lo, hi);
    hi = hi64;
  }
  setLane64(R, i, lo, hi);
}

/** SABAL/UABAL, SABDL/UABDL, SMLAL/UMLAL, SMLSL/UMLSL (and their "2" forms on the upper halves). */
function widening(kind: Long) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    const signed = ((insn >>> 29) & 1) === 0;
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    load(cpu, d, R);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    for (let i = 0; i < elements; i++) longLane(kind, size, i, lane(A, size, base + i, signed), lane(B, size, base + i, signed));
    store(cpu, d, R, 1);
  };
}

/** ADDHN/RADDHN/SUBHN/RSUBHN{2}: the high halves of wide sums or differences, into half of Vd. */
function highNarrow(sub: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    const round = ((insn >>> 29) & 1) === 1;
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, (insn >>> 16) & 31, B);
    if (q) load(cpu, d, R);
    else clear(R);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    const bits = 8 << size;
    for (let i = 0; i < elements; i++) {
      let value: number;
      if (size === 2) {
        let lo = sub ? sub64(lo64(A, i), hiOf64(A, i), lo64(B, i), hiOf64(B, i)) : add64(lo64(A, i), hiOf64(A, i), lo64(B, i), hiOf64(B, i));
        let hi = hi64;
        if (round) {
          lo = add64(lo, hi, 0x80000000 | 0, 0);
          hi = hi64;
        }
        value = hi;
      } else {
        const a = getU(A, size + 1, i);
        const b = getU(B, size + 1, i);
        const wide = (sub ? a - b : a + b) + (round ? 2 ** (bits - 1) : 0);
        value = Math.floor(wide / 2 ** bits);
      }
      setLane(R, size, base + i, value);
    }
    store(cpu, d, R, 1);
  };
}

/** Carry-less multiply of the 64-bit lane q of A and B into the 128-bit R. */
function polyMul64(lane: number): void {
  const s = R << 2;
  I32[s] = I32[s + 1] = I32[s + 2] = I32[s + 3] = 0;
  const alo = lo64(A, lane);
  const ahi = hiOf64(A, lane);
  const blo = lo64(B, lane);
  const bhi = hiOf64(B, lane);
  for (let i = 0; i < 64; i++) {
    const bit = i < 32 ? (blo >>> i) & 1 : (bhi >>> (i - 32)) & 1;
    if (!bit) continue;
    // XOR (a << i) into the 128-bit result, word by word.
    const word = i >>> 5;
    const sh = i & 31;
    I32[s + word] ^= alo << sh;
    I32[s + word + 1] ^= sh ? (ahi << sh) | (alo >>> (32 - sh)) : ahi;
    if (sh) I32[s + word + 2] ^= ahi >>> (32 - sh);
  }
}

/** PMULL/PMULL2: 8B x 8B -> 8H, or 1D x 1D -> 1Q. */
function pmull(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  if (size === 1 || size === 2) cpu.undefinedInstruction();
  load(cpu, (insn >>> 5) & 31, A);
  load(cpu, (insn >>> 16) & 31, B);
  if (size === 3) polyMul64(q);
  else {
    const base = q ? 8 : 0;
    for (let i = 0; i < 8; i++) setLane(R, 1, i, polyMul8(getU(A, 0, base + i), getU(B, 0, base + i)));
  }
  store(cpu, insn & 31, R, 1);
}

// ---- two-register miscellaneous --------------------------------------------------------------

/** SADALP/UADALP: add adjacent pairs of Vn into the lanes of Vd twice as wide. */
function addAccumulatePairs(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  if (size === 3) cpu.undefinedInstruction();
  const signed = ((insn >>> 29) & 1) === 0;
  const d = insn & 31;
  load(cpu, (insn >>> 5) & 31, A);
  load(cpu, d, R);
  const elements = (q ? 16 : 8) >>> (size + 1);
  for (let i = 0; i < elements; i++) {
    const sum = lane(A, size, 2 * i, signed) + lane(A, size, 2 * i + 1, signed);
    if (size === 2) {
      const hi = Math.floor(sum / TWO32);
      setLane64(R, i, add64(lo64(R, i), hiOf64(R, i), (sum - hi * TWO32) | 0, hi | 0), hi64);
    } else setLane(R, size + 1, i, getU(R, size + 1, i) + sum);
  }
  store(cpu, d, R, q);
}

/** SQABS/SQNEG on one lane of 8..32 bits (signed value a). */
function saturatingAbsNeg(cpu: Cpu, neg: boolean, a: number, bits: number): number {
  return saturate(cpu, neg ? -a : Math.abs(a), bits, true);
}

/** SQABS/SQNEG on a 64-bit lane; lo returned, hi in resultHi. */
function saturatingAbsNeg64(cpu: Cpu, neg: boolean, lo: number, hi: number): number {
  if (hi === (0x80000000 | 0) && lo === 0) {
    cpu.fpsr |= QC;
    resultHi = 0x7fffffff;
    return -1;
  }
  if (!neg && hi >= 0) {
    resultHi = hi;
    return lo;
  }
  const r = sub64(0, 0, lo, hi);
  resultHi = hi64;
  return r;
}

function vectorAbsNeg(neg: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3 && !q) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    if (size === 3) {
      for (let i = 0; i < 2; i++) setLane64(R, i, saturatingAbsNeg64(cpu, neg, lo64(A, i), hiOf64(A, i)), resultHi);
    } else {
      const elements = (q ? 16 : 8) >>> size;
      for (let i = 0; i < elements; i++) setLane(R, size, i, saturatingAbsNeg(cpu, neg, getS(A, size, i), 8 << size));
    }
    store(cpu, insn & 31, R, q);
  };
}

function scalarAbsNeg(neg: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const size = (insn >>> 22) & 3;
    load(cpu, (insn >>> 5) & 31, A);
    clear(R);
    if (size === 3) setLane64(R, 0, saturatingAbsNeg64(cpu, neg, lo64(A, 0), hiOf64(A, 0)), resultHi);
    else setLane(R, size, 0, saturatingAbsNeg(cpu, neg, getS(A, size, 0), 8 << size));
    store(cpu, insn & 31, R, 0);
  };
}

const enum Narrow {
  SQXTN,
  UQXTN,
  SQXTUN,
}

/** Saturates wide lane i of A (size+1) to `size` bits. */
function saturateNarrow(cpu: Cpu, kind: Narrow, size: number, i: number): number {
  const bits = 8 << size;
  const toSigned = kind === Narrow.SQXTN;
  if (size < 2) return saturate(cpu, lane(A, size + 1, i, kind !== Narrow.UQXTN), bits, toSigned);
  const lo = lo64(A, i);
  const hi = hiOf64(A, i);
  if (kind === Narrow.UQXTN) {
    if (hi === 0) return lo;
    cpu.fpsr |= QC;
    return -1;
  }
  if (kind === Narrow.SQXTUN) {
    if (hi === 0) return lo;
    cpu.fpsr |= QC;
    return hi < 0 ? 0 : -1;
  }
  if (hi === lo >> 31) return lo;
  cpu.fpsr |= QC;
  return hi < 0 ? 0x80000000 | 0 : 0x7fffffff;
}

function vectorSaturatingNarrow(kind: Narrow) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    if (q) load(cpu, d, R);
    else clear(R);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    for (let i = 0; i < elements; i++) setLane(R, size, base + i, saturateNarrow(cpu, kind, size, i));
    store(cpu, d, R, 1);
  };
}

function scalarSaturatingNarrow(kind: Narrow) {
  return (cpu: Cpu, insn: number): void => {
    const size = (insn >>> 22) & 3;
    if (size === 3) cpu.undefinedInstruction();
    load(cpu, (insn >>> 5) & 31, A);
    clear(R);
    setLane(R, size, 0, saturateNarrow(cpu, kind, size, 0));
    store(cpu, insn & 31, R, 0);
  };
}

// ---- by element -------------------------------------------------------------------------------

/**
 * The element of Vm a by-element instruction names: for 16-bit lanes Vm is V0-V15 and the
 * index H:L:M; for 32-bit lanes Vm is M:Rm and the index H:L. Loads Vm into B and returns
 * the element (signed or unsigned).
 */
function elementOf(cpu: Cpu, insn: number, size: number, signed: boolean): number {
  const h = (insn >>> 11) & 1;
  const l = (insn >>> 21) & 1;
  const m = (insn >>> 20) & 1;
  if (size === 1) {
    load(cpu, (insn >>> 16) & 15, B);
    return lane(B, 1, (h << 2) | (l << 1) | m, signed);
  }
  load(cpu, (insn >>> 16) & 31, B);
  return lane(B, 2, (h << 1) | l, signed);
}

/** MUL/MLA/MLS/SQDMULH/SQRDMULH (by element), vector. */
function vectorByElement(op: Op | -1) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 0 || size === 3) cpu.undefinedInstruction();
    const signed = op === Op.QDMULH || op === Op.QRDMULH;
    const b = elementOf(cpu, insn, size, signed);
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, d, R);
    const elements = (q ? 16 : 8) >>> size;
    const bits = 8 << size;
    for (let i = 0; i < elements; i++) {
      const a = lane(A, size, i, signed);
      setLane(R, size, i, op === -1 ? Math.imul(a, b) : laneOp(cpu, op, a, b, getU(R, size, i), bits, true));
    }
    store(cpu, d, R, q);
  };
}

/** SQDMULH/SQRDMULH (by element), scalar. */
function scalarByElement(op: Op) {
  return (cpu: Cpu, insn: number): void => {
    const size = (insn >>> 22) & 3;
    if (size === 0 || size === 3) cpu.undefinedInstruction();
    const b = elementOf(cpu, insn, size, true);
    load(cpu, (insn >>> 5) & 31, A);
    clear(R);
    setLane(R, size, 0, laneOp(cpu, op, getS(A, size, 0), b, 0, 8 << size, true));
    store(cpu, insn & 31, R, 0);
  };
}

/** SMULL/UMULL/SMLAL/UMLAL/SMLSL/UMLSL{2} (by element). */
function wideningByElement(kind: Long) {
  return (cpu: Cpu, insn: number): void => {
    const q = (insn >>> 30) & 1;
    const size = (insn >>> 22) & 3;
    if (size === 0 || size === 3) cpu.undefinedInstruction();
    const signed = ((insn >>> 29) & 1) === 0;
    const b = elementOf(cpu, insn, size, signed);
    const d = insn & 31;
    load(cpu, (insn >>> 5) & 31, A);
    load(cpu, d, R);
    const elements = 8 >>> size;
    const base = q ? elements : 0;
    for (let i = 0; i < elements; i++) longLane(kind, size, i, lane(A, size, base + i, signed), b);
    store(cpu, d, R, 1);
  };
}

// ---- the table -----------------------------------------------------------------------------

function elementScalar(u: number, opcode: string): string {
  return `01 ${u} 11111 zz l m rrrr ${opcode} h 0 nnnnn ddddd`;
}

const S_ALL = 0b1111;
const S_NO64 = 0b0111;
const S_HS = 0b0110;
const S_D = 0b1000;
const S_B = 0b0001;

export const ENCODINGS: readonly Encoding[] = [
  { bits: same(0, '00000'), name: 'SHADD', exec: vectorSame(Op.HADD, S_NO64) },
  { bits: same(1, '00000'), name: 'UHADD', exec: vectorSame(Op.HADD, S_NO64) },
  { bits: same(0, '00010'), name: 'SRHADD', exec: vectorSame(Op.RHADD, S_NO64) },
  { bits: same(1, '00010'), name: 'URHADD', exec: vectorSame(Op.RHADD, S_NO64) },
  { bits: same(0, '00100'), name: 'SHSUB', exec: vectorSame(Op.HSUB, S_NO64) },
  { bits: same(1, '00100'), name: 'UHSUB', exec: vectorSame(Op.HSUB, S_NO64) },
  { bits: same(0, '00001'), name: 'SQADD (vector)', exec: vectorSame(Op.QADD, S_ALL) },
  { bits: same(1, '00001'), name: 'UQADD (vector)', exec: vectorSame(Op.QADD, S_ALL) },
  { bits: same(0, '00101'), name: 'SQSUB (vector)', exec: vectorSame(Op.QSUB, S_ALL) },
  { bits: same(1, '00101'), name: 'UQSUB (vector)', exec: vectorSame(Op.QSUB, S_ALL) },
  { bits: same(0, '01000'), name: 'SSHL (vector)', exec: vectorSame(Op.SHL, S_ALL) },
  { bits: same(1, '01000'), name: 'USHL (vector)', exec: vectorSame(Op.SHL, S_ALL) },
  { bits: same(0, '01010'), name: 'SRSHL (vector)', exec: vectorSame(Op.RSHL, S_ALL) },
  { bits: same(1, '01010'), name: 'URSHL (vector)', exec: vectorSame(Op.RSHL, S_ALL) },
  { bits: same(0, '01111'), name: 'SABA', exec: vectorSame(Op.ABA, S_NO64) },
  { bits: same(1, '01111'), name: 'UABA', exec: vectorSame(Op.ABA, S_NO64) },
  { bits: same(0, '10010'), name: 'MLA (vector)', exec: vectorSame(Op.MLA, S_NO64) },
  { bits: same(1, '10010'), name: 'MLS (vector)', exec: vectorSame(Op.MLS, S_NO64) },
  { bits: same(1, '10011'), name: 'PMUL', exec: vectorSame(Op.PMUL, S_B) },
  { bits: same(0, '10110'), name: 'SQDMULH (vector)', exec: vectorSame(Op.QDMULH, S_HS, true) },
  { bits: same(1, '10110'), name: 'SQRDMULH (vector)', exec: vectorSame(Op.QRDMULH, S_HS, true) },
  { bits: sameScalar(0, '00001'), name: 'SQADD (scalar)', exec: scalarSame(Op.QADD, S_ALL) },
  { bits: sameScalar(1, '00001'), name: 'UQADD (scalar)', exec: scalarSame(Op.QADD, S_ALL) },
  { bits: sameScalar(0, '00101'), name: 'SQSUB (scalar)', exec: scalarSame(Op.QSUB, S_ALL) },
  { bits: sameScalar(1, '00101'), name: 'UQSUB (scalar)', exec: scalarSame(Op.QSUB, S_ALL) },
  { bits: sameScalar(0, '01000'), name: 'SSHL (scalar)', exec: scalarSame(Op.SHL, S_D) },
  { bits: sameScalar(1, '01000'), name: 'USHL (scalar)', exec: scalarSame(Op.SHL, S_D) },
  { bits: sameScalar(0, '01010'), name: 'SRSHL (scalar)', exec: scalarSame(Op.RSHL, S_D) },
  { bits: sameScalar(1, '01010'), name: 'URSHL (scalar)', exec: scalarSame(Op.RSHL, S_D) },
  { bits: sameScalar(0, '10110'), name: 'SQDMULH (scalar)', exec: scalarSame(Op.QDMULH, S_HS, true) },
  { bits: sameScalar(1, '10110'), name: 'SQRDMULH (scalar)', exec: scalarSame(Op.QRDMULH, S_HS, true) },

  { bits: different(0, '0100'), name: 'ADDHN', exec: highNarrow(false) },
  { bits: different(1, '0100'), name: 'RADDHN', exec: highNarrow(false) },
  { bits: different(0, '0110'), name: 'SUBHN', exec: highNarrow(true) },
  { bits: different(1, '0110'), name: 'RSUBHN', exec: highNarrow(true) },
  { bits: different(0, '0101'), name: 'SABAL', exec: widening(Long.ABAL) },
  { bits: different(1, '0101'), name: 'UABAL', exec: widening(Long.ABAL) },
  { bits: different(0, '0111'), name: 'SABDL', exec: widening(Long.ABDL) },
  { bits: different(1, '0111'), name: 'UABDL', exec: widening(Long.ABDL) },
  { bits: different(0, '1000'), name: 'SMLAL', exec: widening(Long.MLAL) },
  { bits: different(1, '1000'), name: 'UMLAL', exec: widening(Long.MLAL) },
  { bits: different(0, '1010'), name: 'SMLSL', exec: widening(Long.MLSL) },
  { bits: different(1, '1010'), name: 'UMLSL', exec: widening(Long.MLSL) },
  { bits: different(0, '1110'), name: 'PMULL', exec: pmull },

  { bits: misc(0, '00110'), name: 'SADALP', exec: addAccumulatePairs },
  { bits: misc(1, '00110'), name: 'UADALP', exec: addAccumulatePairs },
  { bits: misc(0, '00111'), name: 'SQABS (vector)', exec: vectorAbsNeg(false) },
  { bits: misc(1, '00111'), name: 'SQNEG (vector)', exec: vectorAbsNeg(true) },
  { bits: misc(0, '10100'), name: 'SQXTN', exec: vectorSaturatingNarrow(Narrow.SQXTN) },
  { bits: misc(1, '10100'), name: 'UQXTN', exec: vectorSaturatingNarrow(Narrow.UQXTN) },
  { bits: misc(1, '10010'), name: 'SQXTUN', exec: vectorSaturatingNarrow(Narrow.SQXTUN) },
  { bits: miscScalar(0, '00111'), name: 'SQABS (scalar)', exec: scalarAbsNeg(false) },
  { bits: miscScalar(1, '00111'), name: 'SQNEG (scalar)', exec: scalarAbsNeg(true) },
  { bits: miscScalar(0, '10100'), name: 'SQXTN (scalar)', exec: scalarSaturatingNarrow(Narrow.SQXTN) },
  { bits: miscScalar(1, '10100'), name: 'UQXTN (scalar)', exec: scalarSaturatingNarrow(Narrow.UQXTN) },
  { bits: miscScalar(1, '10010'), name: 'SQXTUN (scalar)', exec: scalarSaturatingNarrow(Narrow.SQXTUN) },

  { bits: element(0, '1000'), name: 'MUL (by element)', exec: vectorByElement(-1) },
  { bits: element(1, '0000'), name: 'MLA (by element)', exec: vectorByElement(Op.MLA) },
  { bits: element(1, '0100'), name: 'MLS (by element)', exec: vectorByElement(Op.MLS) },
  { bits: element(0, '1100'), name: 'SQDMULH (by element)', exec: vectorByElement(Op.QDMULH) },
  { bits: element(0, '1101'), name: 'SQRDMULH (by element)', exec: vectorByElement(Op.QRDMULH) },
  { bits: elementScalar(0, '1100'), name: 'SQDMULH (by element, scalar)', exec: scalarByElement(Op.QDMULH) },
  { bits: elementScalar(0, '1101'), name: 'SQRDMULH (by element, scalar)', exec: scalarByElement(Op.QRDMULH) },
  { bits: element(0, '1010'), name: 'SMULL (by element)', exec: wideningByElement(Long.MULL) },
  { bits: element(1, '1010'), name: 'UMULL (by element)', exec: wideningByElement(Long.MULL) },
  { bits: element(0, '0010'), name: 'SMLAL (by element)', exec: wideningByElement(Long.MLAL) },
  { bits: element(1, '0010'), name: 'UMLAL (by element)', exec: wideningByElement(Long.MLAL) },
  { bits: element(0, '0110'), name: 'SMLSL (by element)', exec: wideningByElement(Long.MLSL) },
  { bits: element(1, '0110'), name: 'UMLSL (by element)', exec: wideningByElement(Long.MLSL) },
];
