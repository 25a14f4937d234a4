/**
 * Advanced SIMD floating-point vector instructions on 2S, 4S and 2D: FADD, FSUB, FMUL,
 * FDIV, FMAX, FMIN, FMAXNM, FMINNM, FABD, FADDP, FMLA, FMLS (fused), FCMEQ/FCMGE/FCMGT
 * (register and zero), FABS, FNEG, FSQRT, FRINT*, SCVTF, UCVTF, FCVT[NAMPZ][SU]. Each lane
 * is one scalar operation of fp-core.ts, with its exceptions accumulating in FPSR.
 * The 1D arrangement (sz = 1, Q = 0) is reserved; half precision (FEAT_FP16) is not claimed.
 */

import type { Encoding } from '../decoder.js';
import type { Cpu } from '../cpu.js';
import { writeD } from './simd-lanes.js';
import {
  ADD, SUB, MUL, DIV, MAX, MIN, MAXNM, MINNM,
  NEAREST, PLUS, MINUS, ZERO, AWAY,
  binary, sqrt, mulAdd, roundInt, toFixed, fromFixed, compareLanes, fpcrRounding, singleToDouble, doubleToSingle,
  outLo, outHi,
} from './fp-core.js';

/** The result vector, built here first because Vd may also be a source. */
const result = new Int32Array(4);

/** Number of lanes, or Undefined for the reserved 1D arrangement. */
function laneCount(cpu: Cpu, insn: number, dbl: number): number {
  const q = (insn >>> 30) & 1;
  if (dbl && !q) cpu.undefinedInstruction();
  return dbl ? 2 : q ? 4 : 2;
}

function storeResult(cpu: Cpu, insn: number): void {
  const d = (insn & 31) << 2;
  const q = (insn >>> 30) & 1;
  cpu.v[d] = result[0];
  cpu.v[d + 1] = result[1];
  cpu.v[d + 2] = q ? result[2] : 0;
  cpu.v[d + 3] = q ? result[3] : 0;
}

/** Keeps one lane's result: word i for singles, words 2i, 2i+1 for doubles. */
function keep(i: number, dbl: number): void {
  if (dbl) {
    result[2 * i] = outLo;
    result[2 * i + 1] = outHi;
  } else result[i] = outLo;
}

// ---- three registers of the same type --------------------------------------------------------

const ABD = 100;
const ADDP = 101;
const MLA = 102;
const MLS = 103;
const CMEQ = 104;
const CMGE = 105;
const CMGT = 106;

function lane(cpu: Cpu, op: number, a: number, aHi: number, b: number, bHi: number, d: number, dHi: number, dbl: number): void {
  switch (op) {
    case MLA:
      return mulAdd(cpu, d, dHi, a, aHi, b, bHi, dbl);
    case MLS:
      // FPNeg(op1) on the bits: a negated NaN operand comes out with its sign flipped.
      if (dbl) return mulAdd(cpu, d, dHi, a, aHi ^ 0x80000000, b, bHi, dbl);
      return mulAdd(cpu, d, dHi, a ^ 0x80000000, aHi, b, bHi, dbl);
    case ABD:
      // FABD: |a - b|, the absolute value taken on the result's bits (NaNs included).
      binary(cpu, SUB, a, aHi, b, bHi, dbl);
      signClear = true;
      return;
    case CMEQ:
    case CMGE:
    case CMGT:
      return setMask(compareLanes(cpu, a, aHi, b, bHi, dbl, op - CMEQ), dbl);
    default:
      return binary(cpu, op, a, aHi, b, bHi, dbl);
  }
}

let maskLo = 0;
let maskHi = 0;
let maskSet = false;
function setMask(on: boolean, dbl: number): void {
  maskSet = true;
  maskLo = on ? -1 : 0;
  maskHi = on && dbl ? -1 : 0;
}

let signClear = false;

function keepLane(i: number, dbl: number): void {
  if (maskSet) {
    maskSet = false;
    if (dbl) {
      result[2 * i] = maskLo;
      result[2 * i + 1] = maskHi;
    } else result[i] = maskLo;
    return;
  }
  keep(i, dbl);
  if (signClear) {
    signClear = false;
    if (dbl) result[2 * i + 1] &= 0x7fffffff;
    else result[i] &= 0x7fffffff;
  }
}

function threeSame(op: number) {
  return (cpu: Cpu, insn: number): void => {
    const dbl = (insn >>> 22) & 1;
    const lanes = laneCount(cpu, insn, dbl);
    const v = cpu.v;
    const n = ((insn >>> 5) & 31) << 2;
    const m = ((insn >>> 16) & 31) << 2;
    const d = (insn & 31) << 2;
    for (let i = 0; i < lanes; i++) {
      const w = dbl ? 2 * i : i;
      if (op === ADDP) {
        // Pairs of adjacent lanes of the concatenation Vm:Vn, low lanes from Vn.
        const half = lanes >> 1;
        const src = i < half ? n : m;
        const j = (i < half ? i : i - half) * 2;
        const wj = dbl ? 2 * j : j;
        const step = dbl ? 2 : 1;
        binary(cpu, ADD, v[src + wj], dbl ? v[src + wj + 1] : 0, v[src + wj + step], dbl ? v[src + wj + step + 1] : 0, dbl);
      } else {
        lane(cpu, op, v[n + w], dbl ? v[n + w + 1] : 0, v[m + w], dbl ? v[m + w + 1] : 0, v[d + w], dbl ? v[d + w + 1] : 0, dbl);
      }
      keepLane(i, dbl);
    }
    storeResult(cpu, insn);
  };
}

// ---- two-register miscellaneous ----------------------------------------------------------------

const ABS = 0;
const NEG = 1;
const SQRT = 2;
const RINT = 3;
const SCVTF = 4;
const UCVTF = 5;
const CVTS = 6;
const CVTU = 7;
const CMP0 = 8;

/** `mode`: the rounding for RINT/CVT (-1: FPCR's), or the compare kind for CMP0 (0 EQ, 1 GE, 2 GT, 3 LE, 4 LT). */
function misc(op: number, mode: number, exactFlag = false) {
  return (cpu: Cpu, insn: number): void => {
    const dbl = (insn >>> 22) & 1;
    const lanes = laneCount(cpu, insn, dbl);
    const v = cpu.v;
    const n = ((insn >>> 5) & 31) << 2;
    const rounding = mode < 0 ? fpcrRounding(cpu) : mode;
    for (let i = 0; i < lanes; i++) {
      const w = n + (dbl ? 2 * i : i);
      const lo = v[w];
      const hi = dbl ? v[w + 1] : 0;
      switch (op) {
        case ABS:
          if (dbl) setOut(lo, hi & 0x7fffffff);
          else setOut(lo & 0x7fffffff, 0);
          break;
        case NEG:
          if (dbl) setOut(lo, hi ^ 0x80000000);
          else setOut(lo ^ 0x80000000, 0);
          break;
        case SQRT:
          sqrt(cpu, lo, hi, dbl);
          break;
        case RINT:
          roundInt(cpu, lo, hi, dbl, rounding, exactFlag);
          break;
        case SCVTF:
        case UCVTF:
          fromFixed(cpu, lo, hi, dbl ? 64 : 32, op === UCVTF, 0, dbl);
          break;
        case CVTS:
        case CVTU:
          toFixed(cpu, lo, hi, dbl, 0, dbl ? 64 : 32, op === CVTU, rounding);
          break;
        default: {
          // Compares with zero: LE and LT are GE and GT with the operands swapped.
          const swap = mode >= 3;
          const kind = mode >= 3 ? mode - 2 : mode;
          const on = swap ? compareLanes(cpu, 0, 0, lo, hi, dbl, kind) : compareLanes(cpu, lo, hi, 0, 0, dbl, kind);
          setMask(on, dbl);
        }
      }
      if (op === ABS || op === NEG) {
        if (dbl) {
          result[2 * i] = plainLo;
          result[2 * i + 1] = plainHi;
        } else result[i] = plainLo;
      } else keepLane(i, dbl);
    }
    storeResult(cpu, insn);
  };
}

let plainLo = 0;
let plainHi = 0;
function setOut(lo: number, hi: number): void {
  plainLo = lo;
  plainHi = hi;
}

// ---- by element: FMUL, FMLA, FMLS (vector and scalar) ---------------------------------------------

/** Vm's lane for the by-element forms: Rm is M:Rm, the index H:L for singles, H for doubles (L = 1 reserved). */
function elementWord(cpu: Cpu, insn: number, dbl: number): number {
  const m = (insn >>> 16) & 31;
  const h = (insn >>> 11) & 1;
  const l = (insn >>> 21) & 1;
  if (dbl && l) cpu.undefinedInstruction();
  return (m << 2) + (dbl ? 2 * h : (h << 1) | l);
}

function byElement(op: number, scalar: boolean) {
  return (cpu: Cpu, insn: number): void => {
    const dbl = (insn >>> 22) & 1;
    const lanes = scalar ? 1 : laneCount(cpu, insn, dbl);
    const e = elementWord(cpu, insn, dbl);
    const v = cpu.v;
    const bLo = v[e];
    const bHi = dbl ? v[e + 1] : 0;
    const n = ((insn >>> 5) & 31) << 2;
    const d = (insn & 31) << 2;
    for (let i = 0; i < lanes; i++) {
      const w = dbl ? 2 * i : i;
      lane(cpu, op, v[n + w], dbl ? v[n + w + 1] : 0, bLo, bHi, v[d + w], dbl ? v[d + w + 1] : 0, dbl);
      keepLane(i, dbl);
    }
    if (scalar) writeD(cpu, insn & 31, result[0], dbl ? result[1] : 0);
    else storeResult(cpu, insn);
  };
}

// ---- scalar pairwise and absolute difference ------------------------------------------------------

/** FADDP Sd, Vn.2S / Dd, Vn.2D. */
function addPairScalar(cpu: Cpu, insn: number): void {
  const dbl = (insn >>> 22) & 1;
  const n = ((insn >>> 5) & 31) << 2;
  const v = cpu.v;
  if (dbl) binary(cpu, ADD, v[n], v[n + 1], v[n + 2], v[n + 3], 1);
  else binary(cpu, ADD, v[n], 0, v[n + 1], 0, 0);
  writeD(cpu, insn & 31, outLo, dbl ? outHi : 0);
}

/** FABD Sd, Sn, Sm / Dd, Dn, Dm. */
function absDiffScalar(cpu: Cpu, insn: number): void {
  const dbl = (insn >>> 22) & 1;
  const n = ((insn >>> 5) & 31) << 2;
  const m = ((insn >>> 16) & 31) << 2;
  const v = cpu.v;
  binary(cpu, SUB, v[n], dbl ? v[n + 1] : 0, v[m], dbl ? v[m + 1] : 0, dbl);
  if (dbl) writeD(cpu, insn & 31, outLo, outHi & 0x7fffffff);
  else writeD(cpu, insn & 31, outLo & 0x7fffffff, 0);
}

// ---- FCVTN, FCVTL: narrowing and widening between 2D and 2S (half precision not claimed) -------------

/** FCVTN{2} Vd.2S|4S, Vn.2D: the low half (zeroing the top) or, with Q, the high half. */
function convertNarrow(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 1) === 0) cpu.undefinedInstruction(); // from single to half
  const q = (insn >>> 30) & 1;
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  doubleToSingle(cpu, v[n], v[n + 1]);
  const first = outLo;
  doubleToSingle(cpu, v[n + 2], v[n + 3]);
  const d = (insn & 31) << 2;
  if (q) {
    v[d + 2] = first;
    v[d + 3] = outLo;
  } else {
    v[d] = first;
    v[d + 1] = outLo;
    v[d + 2] = 0;
    v[d + 3] = 0;
  }
}

/** FCVTL{2} Vd.2D, Vn.2S|4S: from the low (or, with Q, the high) pair of singles. */
function convertLong(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 1) === 0) cpu.undefinedInstruction(); // from half
  const q = (insn >>> 30) & 1;
  const v = cpu.v;
  const n = (((insn >>> 5) & 31) << 2) + 2 * q;
  const a = v[n];
  const b = v[n + 1];
  singleToDouble(cpu, a);
  result[0] = outLo;
  result[1] = outHi;
  singleToDouble(cpu, b);
  const d = (insn & 31) << 2;
  v[d] = result[0];
  v[d + 1] = result[1];
  v[d + 2] = outLo;
  v[d + 3] = outHi;
}

// ---- the table ---------------------------------------------------------------------------------

function same(u: number, a: number, opcode: string): string {
  return `0 q ${u} 01110 ${a} z 1 mmmmm ${opcode} 1 nnnnn ddddd`;
}
function twoMisc(u: number, a: number, opcode: string): string {
  return `0 q ${u} 01110 ${a} z 10000 ${opcode} 10 nnnnn ddddd`;
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: same(0, 0, '11010'), name: 'FADD (vector)', exec: threeSame(ADD) },
  { bits: same(0, 1, '11010'), name: 'FSUB (vector)', exec: threeSame(SUB) },
  { bits: same(1, 0, '11011'), name: 'FMUL (vector)', exec: threeSame(MUL) },
  { bits: same(1, 0, '11111'), name: 'FDIV (vector)', exec: threeSame(DIV) },
  { bits: same(0, 0, '11110'), name: 'FMAX (vector)', exec: threeSame(MAX) },
  { bits: same(0, 1, '11110'), name: 'FMIN (vector)', exec: threeSame(MIN) },
  { bits: same(0, 0, '11000'), name: 'FMAXNM (vector)', exec: threeSame(MAXNM) },
  { bits: same(0, 1, '11000'), name: 'FMINNM (vector)', exec: threeSame(MINNM) },
  { bits: same(1, 1, '11010'), name: 'FABD (vector)', exec: threeSame(ABD) },
  { bits: same(1, 0, '11010'), name: 'FADDP (vector)', exec: threeSame(ADDP) },
  { bits: same(0, 0, '11001'), name: 'FMLA (vector)', exec: threeSame(MLA) },
  { bits: same(0, 1, '11001'), name: 'FMLS (vector)', exec: threeSame(MLS) },
  { bits: same(0, 0, '11100'), name: 'FCMEQ (register)', exec: threeSame(CMEQ) },
  { bits: same(1, 0, '11100'), name: 'FCMGE (register)', exec: threeSame(CMGE) },
  { bits: same(1, 1, '11100'), name: 'FCMGT (register)', exec: threeSame(CMGT) },
  { bits: twoMisc(0, 1, '01111'), name: 'FABS (vector)', exec: misc(ABS, 0) },
  { bits: twoMisc(1, 1, '01111'), name: 'FNEG (vector)', exec: misc(NEG, 0) },
  { bits: twoMisc(1, 1, '11111'), name: 'FSQRT (vector)', exec: misc(SQRT, 0) },
  { bits: twoMisc(0, 0, '11000'), name: 'FRINTN (vector)', exec: misc(RINT, NEAREST) },
  { bits: twoMisc(0, 1, '11000'), name: 'FRINTP (vector)', exec: misc(RINT, PLUS) },
  { bits: twoMisc(0, 0, '11001'), name: 'FRINTM (vector)', exec: misc(RINT, MINUS) },
  { bits: twoMisc(0, 1, '11001'), name: 'FRINTZ (vector)', exec: misc(RINT, ZERO) },
  { bits: twoMisc(1, 0, '11000'), name: 'FRINTA (vector)', exec: misc(RINT, AWAY) },
  { bits: twoMisc(1, 0, '11001'), name: 'FRINTX (vector)', exec: misc(RINT, -1, true) },
  { bits: twoMisc(1, 1, '11001'), name: 'FRINTI (vector)', exec: misc(RINT, -1) },
  { bits: twoMisc(0, 0, '11101'), name: 'SCVTF (vector)', exec: misc(SCVTF, 0) },
  { bits: twoMisc(1, 0, '11101'), name: 'UCVTF (vector)', exec: misc(UCVTF, 0) },
  { bits: twoMisc(0, 0, '11010'), name: 'FCVTNS (vector)', exec: misc(CVTS, NEAREST) },
  { bits: twoMisc(1, 0, '11010'), name: 'FCVTNU (vector)', exec: misc(CVTU, NEAREST) },
  { bits: twoMisc(0, 1, '11010'), name: 'FCVTPS (vector)', exec: misc(CVTS, PLUS) },
  { bits: twoMisc(1, 1, '11010'), name: 'FCVTPU (vector)', exec: misc(CVTU, PLUS) },
  { bits: twoMisc(0, 0, '11011'), name: 'FCVTMS (vector)', exec: misc(CVTS, MINUS) },
  { bits: twoMisc(1, 0, '11011'), name: 'FCVTMU (vector)', exec: misc(CVTU, MINUS) },
  { bits: twoMisc(0, 1, '11011'), name: 'FCVTZS (vector)', exec: misc(CVTS, ZERO) },
  { bits: twoMisc(1, 1, '11011'), name: 'FCVTZU (vector)', exec: misc(CVTU, ZERO) },
  { bits: twoMisc(0, 0, '11100'), name: 'FCVTAS (vector)', exec: misc(CVTS, AWAY) },
  { bits: twoMisc(1, 0, '11100'), name: 'FCVTAU (vector)', exec: misc(CVTU, AWAY) },
  { bits: '0 q 0 01111 1 z l m rrrr 1001 h 0 nnnnn ddddd', name: 'FMUL (by element)', exec: byElement(MUL, false) },
  { bits: '0 q 0 01111 1 z l m rrrr 0001 h 0 nnnnn ddddd', name: 'FMLA (by element)', exec: byElement(MLA, false) },
  { bits: '0 q 0 01111 1 z l m rrrr 0101 h 0 nnnnn ddddd', name: 'FMLS (by element)', exec: byElement(MLS, false) },
  { bits: '01 0 11111 1 z l m rrrr 1001 h 0 nnnnn ddddd', name: 'FMUL (by element, scalar)', exec: byElement(MUL, true) },
  { bits: '01 0 11111 1 z l m rrrr 0001 h 0 nnnnn ddddd', name: 'FMLA (by element, scalar)', exec: byElement(MLA, true) },
  { bits: '01 0 11111 1 z l m rrrr 0101 h 0 nnnnn ddddd', name: 'FMLS (by element, scalar)', exec: byElement(MLS, true) },
  { bits: '01 1 11110 0 z 11000 01101 10 nnnnn ddddd', name: 'FADDP (scalar)', exec: addPairScalar },
  { bits: '01 1 11110 1 z 1 mmmmm 11010 1 nnnnn ddddd', name: 'FABD (scalar)', exec: absDiffScalar },
  { bits: twoMisc(0, 0, '10110'), name: 'FCVTN{2}', exec: convertNarrow },
  { bits: twoMisc(0, 0, '10111'), name: 'FCVTL{2}', exec: convertLong },
  { bits: twoMisc(0, 1, '01101'), name: 'FCMEQ (zero)', exec: misc(CMP0, 0) },
  { bits: twoMisc(1, 1, '01100'), name: 'FCMGE (zero)', exec: misc(CMP0, 1) },
  { bits: twoMisc(0, 1, '01100'), name: 'FCMGT (zero)', exec: misc(CMP0, 2) },
  { bits: twoMisc(1, 1, '01101'), name: 'FCMLE (zero)', exec: misc(CMP0, 3) },
  { bits: twoMisc(0, 1, '01110'), name: 'FCMLT (zero)', exec: misc(CMP0, 4) },
];
