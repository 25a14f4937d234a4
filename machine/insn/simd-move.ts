/**
 * Moves into, out of and between SIMD&FP registers: FMOV (general, register,
 * immediate), MOVI/MVNI/ORR/BIC (vector immediate), DUP, INS, UMOV/SMOV, and FCMP,
 * the one FP comparison (it only reads values, so it needs no rounding machinery).
 *
 * Other floating-point arithmetic is not implemented: its encodings match no pattern
 * and decode as Undefined. So do the half-precision forms (FEAT_FP16 is not claimed).
 */

import type { Encoding } from '../decoder.js';
import { dstZR, type Cpu } from '../cpu.js';
import { A, R, U32, I32, F32, F64, load, store, copyLane, writeD, signExtend } from './simd-lanes.js';

// ---- FMOV ---------------------------------------------------------------------------------

/** FMOV Wd, Sn / Xd, Dn / Xd, Vn.D[1] (`part` is 0 or 1, the 64-bit half). */
function fmovToGeneral(words: number, part: number) {
  return (cpu: Cpu, insn: number): void => {
    const w = (((insn >>> 5) & 31) << 2) + part * 2;
    const d = dstZR(insn & 31) * 2;
    cpu.x[d] = cpu.v[w];
    cpu.x[d + 1] = words === 2 ? cpu.v[w + 1] : 0;
  };
}

/** FMOV Sd, Wn and Dd, Xn zero the rest of Vd; FMOV Vd.D[1], Xn keeps the low half. */
function fmovFromGeneral(words: number, part: number) {
  return (cpu: Cpu, insn: number): void => {
    const n = ((insn >>> 5) & 31) * 2;
    const lo = cpu.x[n];
    const hi = words === 2 ? cpu.x[n + 1] : 0;
    const r = (insn & 31) << 2;
    if (part) {
      cpu.v[r + 2] = lo;
      cpu.v[r + 3] = hi;
    } else writeD(cpu, insn & 31, lo, hi);
  };
}

/** FMOV Sd, Sn / Dd, Dn (ftype 00/01; 11 would be FP16, not implemented). */
function fmovRegister(cpu: Cpu, insn: number): void {
  const type = (insn >>> 22) & 3;
  if (type > 1) cpu.undefinedInstruction();
  const n = ((insn >>> 5) & 31) << 2;
  writeD(cpu, insn & 31, cpu.v[n], type ? cpu.v[n + 1] : 0);
}

/** VFPExpandImm for single precision: a:NOT(b):bbbbb:cdefgh:Zeros(19). */
function expandSingle(imm8: number): number {
  const b = (imm8 >>> 6) & 1;
  return ((imm8 >>> 7) << 31) | ((b ^ 1) << 30) | (b ? 0x3e000000 : 0) | ((imm8 & 0x3f) << 19);
}

/** VFPExpandImm for double precision: the high word (the low word is zero). */
function expandDoubleHi(imm8: number): number {
  const b = (imm8 >>> 6) & 1;
  return ((imm8 >>> 7) << 31) | ((b ^ 1) << 30) | (b ? 0x3fc00000 : 0) | ((imm8 & 0x3f) << 16);
}

function fmovImmediate(cpu: Cpu, insn: number): void {
  const type = (insn >>> 22) & 3;
  if (type > 1) cpu.undefinedInstruction();
  const imm8 = (insn >>> 13) & 0xff;
  if (type === 0) writeD(cpu, insn & 31, expandSingle(imm8), 0);
  else writeD(cpu, insn & 31, 0, expandDoubleHi(imm8));
}

// ---- FCMP / FCMPE ---------------------------------------------------------------------------

const FPSR_IOC = 1;
const FPSR_IDC = 1 << 7;
const FPCR_FZ = 1 << 24;

/** Reads an S or D operand as a double, flushing denormals when FPCR.FZ asks; notes signalling NaNs. */
let signalling = false;
function fpOperand(cpu: Cpu, word: number, double: number): number {
  const lo = cpu.v[word];
  if (double) {
    const hi = cpu.v[word + 1];
    I32[0] = lo;
    I32[1] = hi;
    const exp = (hi >>> 20) & 0x7ff;
    if (exp === 0x7ff && ((hi & 0xfffff) !== 0 || lo !== 0) && ((hi >>> 19) & 1) === 0) signalling = true;
    if (exp === 0 && ((hi & 0xfffff) !== 0 || lo !== 0) && cpu.fpcr & FPCR_FZ) {
      cpu.fpsr |= FPSR_IDC;
      return 0;
    }
    return F64[0];
  }
  I32[0] = lo;
  const exp = (lo >>> 23) & 0xff;
  if (exp === 0xff && (lo & 0x7fffff) !== 0 && ((lo >>> 22) & 1) === 0) signalling = true;
  if (exp === 0 && (lo & 0x7fffff) !== 0 && cpu.fpcr & FPCR_FZ) {
    cpu.fpsr |= FPSR_IDC;
    return 0;
  }
  return F32[0];
}

/** FCMP{E} Sn, Sm|#0.0 and Dn, Dm|#0.0: NZCV = 0110 equal, 1000 less, 0010 greater, 0011 unordered. */
function fcmp(cpu: Cpu, insn: number): void {
  const type = (insn >>> 22) & 3;
  if (type > 1) cpu.undefinedInstruction();
  const withZero = (insn >>> 3) & 1;
  const signalAll = (insn >>> 4) & 1;
  signalling = false;
  const a = fpOperand(cpu, ((insn >>> 5) & 31) << 2, type);
  const b = withZero ? 0 : fpOperand(cpu, ((insn >>> 16) & 31) << 2, type);
  if (a !== a || b !== b) {
    if (signalAll || signalling) cpu.fpsr |= FPSR_IOC;
    cpu.nf = 0;
    cpu.zf = 0;
    cpu.cf = 1;
    cpu.vf = 1;
    return;
  }
  cpu.nf = a < b ? 1 : 0;
  cpu.zf = a === b ? 1 : 0;
  cpu.cf = a >= b ? 1 : 0;
  cpu.vf = 0;
}

// ---- MOVI / MVNI / ORR / BIC / FMOV (vector, immediate) ---------------------------------------

/** AdvSIMDExpandImm: the 64-bit pattern for op:cmode:imm8, lo returned, hi in expandedHi. */
let expandedHi = 0;
function expandImmediate(op: number, cmode: number, imm8: number): number {
  let lo: number;
  switch (cmode >>> 1) {
    case 0:
    case 1:
    case 2:
    case 3:
      lo = imm8 << (8 * (cmode >>> 1));
      expandedHi = lo;
      return lo;
    case 4:
    case 5: {
      const h = imm8 << (8 * ((cmode >>> 1) & 1));
      lo = h | (h << 16);
      expandedHi = lo;
      return lo;
    }
    case 6:
      lo = cmode & 1 ? (imm8 << 16) | 0xffff : (imm8 << 8) | 0xff;
      expandedHi = lo;
      return lo;
    default:
      if ((cmode & 1) === 0) {
        if (op === 0) {
          lo = imm8 * 0x01010101;
          expandedHi = lo | 0;
          return lo | 0;
        }
        // Each bit of imm8 becomes a byte of ones or zeros.
        lo = 0;
        let hi = 0;
        for (let i = 0; i < 4; i++) {
          if ((imm8 >>> i) & 1) lo |= 0xff << (8 * i);
          if ((imm8 >>> (i + 4)) & 1) hi |= 0xff << (8 * i);
        }
        expandedHi = hi;
        return lo;
      }
      if (op === 0) {
        lo = expandSingle(imm8);
        expandedHi = lo;
        return lo;
      }
      expandedHi = expandDoubleHi(imm8);
      return 0;
  }
}

/** AdvSIMDExpandImm as [lo, hi] words, for the wasm tier's MOVI and friends (jit/wasm-simd.ts). */
export function advSimdExpandImm(op: number, cmode: number, imm8: number): [number, number] {
  const lo = expandImmediate(op, cmode, imm8);
  return [lo, expandedHi];
}

function modifiedImmediate(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const op = (insn >>> 29) & 1;
  const cmode = (insn >>> 12) & 15;
  // o2 = 1 is FMOV (half-precision), FEAT_FP16; op = 1, cmode 1111 needs Q = 1 (FMOV .2D).
  if ((insn >>> 11) & 1 || (op === 1 && cmode === 15 && q === 0)) cpu.undefinedInstruction();
  const imm8 = (((insn >>> 16) & 7) << 5) | ((insn >>> 5) & 31);
  const lo = expandImmediate(op, cmode, imm8);
  const hi = expandedHi;
  const d = (insn & 31) << 2;
  const v = cpu.v;
  // cmode 0xx1 and 10x1 are ORR (op 0) and BIC (op 1); the rest are moves, inverted for MVNI.
  const isLogical = cmode < 12 && (cmode & 1) === 1;
  let w0 = lo;
  let w1 = hi;
  if (isLogical) {
    if (op) {
      w0 = v[d] & ~lo;
      w1 = v[d + 1] & ~hi;
      v[d + 2] = q ? v[d + 2] & ~lo : 0;
      v[d + 3] = q ? v[d + 3] & ~hi : 0;
    } else {
      w0 = v[d] | lo;
      w1 = v[d + 1] | hi;
      v[d + 2] = q ? v[d + 2] | lo : 0;
      v[d + 3] = q ? v[d + 3] | hi : 0;
    }
  } else {
    if (op && cmode < 14) {
      w0 = ~lo;
      w1 = ~hi;
    }
    v[d + 2] = q ? w0 : 0;
    v[d + 3] = q ? w1 : 0;
  }
  v[d] = w0;
  v[d + 1] = w1;
}

// ---- DUP / INS / UMOV / SMOV -------------------------------------------------------------------

/** The element size encoded by imm5's lowest set bit (0..3), or -1 when imm5<3:0> is zero. */
function imm5Size(insn: number): number {
  const imm5 = (insn >>> 16) & 31;
  if (imm5 & 1) return 0;
  if (imm5 & 2) return 1;
  if (imm5 & 4) return 2;
  if (imm5 & 8) return 3;
  return -1;
}

/** Reads lane `index` (size 0..3) of V<n> into lo, hi in laneHi. */
let laneHi = 0;
function readLane(cpu: Cpu, n: number, size: number, index: number): number {
  const w = (n << 2) + ((index << size) >>> 2);
  const word = cpu.v[w];
  laneHi = size === 3 ? cpu.v[w + 1] : 0;
  switch (size) {
    case 0:
      return (word >>> ((index & 3) * 8)) & 0xff;
    case 1:
      return (word >>> ((index & 1) * 16)) & 0xffff;
    default:
      return word;
  }
}

/** Writes lane `index` (size 0..3) of V<d>, leaving the other lanes alone. */
function writeLane(cpu: Cpu, d: number, size: number, index: number, lo: number, hi: number): void {
  const w = (d << 2) + ((index << size) >>> 2);
  const v = cpu.v;
  switch (size) {
    case 0: {
      const sh = (index & 3) * 8;
      v[w] = (v[w] & ~(0xff << sh)) | ((lo & 0xff) << sh);
      return;
    }
    case 1: {
      const sh = (index & 1) * 16;
      v[w] = (v[w] & ~(0xffff << sh)) | ((lo & 0xffff) << sh);
      return;
    }
    case 2:
      v[w] = lo;
      return;
    default:
      v[w] = lo;
      v[w + 1] = hi;
  }
}

/** Fills V<d> (64 or 128 bits) with a lane value repeated. */
function replicate(cpu: Cpu, d: number, size: number, lo: number, hi: number, q: number): void {
  let w0 = lo;
  let w1 = hi;
  if (size === 0) w0 = w1 = (lo & 0xff) * 0x01010101;
  else if (size === 1) w0 = w1 = (lo & 0xffff) | (lo << 16);
  else if (size === 2) w1 = lo;
  const r = d << 2;
  cpu.v[r] = w0 | 0;
  cpu.v[r + 1] = w1 | 0;
  cpu.v[r + 2] = q ? w0 | 0 : 0;
  cpu.v[r + 3] = q ? w1 | 0 : 0;
}

function copy(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const op = (insn >>> 29) & 1;
  const imm5 = (insn >>> 16) & 31;
  const imm4 = (insn >>> 11) & 15;
  const size = imm5Size(insn);
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  if (size < 0) cpu.undefinedInstruction();
  const index = imm5 >>> (size + 1);
  if (op) {
    // INS (element): Vd.T[index] = Vn.T[imm4 >> size]; only the Q = 1 encoding exists.
    if (!q) cpu.undefinedInstruction();
    const lo = readLane(cpu, n, size, imm4 >>> size);
    writeLane(cpu, d, size, index, lo, laneHi);
    return;
  }
  switch (imm4) {
    case 0: {
      // DUP (element)
      if (size === 3 && !q) cpu.undefinedInstruction();
      const lo = readLane(cpu, n, size, index);
      replicate(cpu, d, size, lo, laneHi, q);
      return;
    }
    case 1:
      // DUP (general)
      if (size === 3 && !q) cpu.undefinedInstruction();
      replicate(cpu, d, size, cpu.x[n * 2], cpu.x[n * 2 + 1], q);
      return;
    case 3:
      // INS (general)
      if (!q) cpu.undefinedInstruction();
      writeLane(cpu, d, size, index, cpu.x[n * 2], cpu.x[n * 2 + 1]);
      return;
    case 5: {
      // SMOV: to W for B/H, to X for B/H/S.
      if (size === 3 || (size === 2 && !q)) cpu.undefinedInstruction();
      const value = signExtend(readLane(cpu, n, size, index), 8 << size);
      const r = dstZR(d) * 2;
      cpu.x[r] = value;
      cpu.x[r + 1] = q ? value >> 31 : 0;
      return;
    }
    case 7: {
      // UMOV: to W for B/H/S, to X for D.
      if (q ? size !== 3 : size === 3) cpu.undefinedInstruction();
      const lo = readLane(cpu, n, size, index);
      const r = dstZR(d) * 2;
      cpu.x[r] = lo;
      cpu.x[r + 1] = laneHi;
      return;
    }
    default:
      cpu.undefinedInstruction();
  }
}

/** DUP (element, scalar), alias MOV Bd|Hd|Sd|Dd, Vn.T[index]. */
function dupScalar(cpu: Cpu, insn: number): void {
  const size = imm5Size(insn);
  if (size < 0) cpu.undefinedInstruction();
  const index = ((insn >>> 16) & 31) >>> (size + 1);
  load(cpu, (insn >>> 5) & 31, A);
  const s = R << 2;
  U32[s] = U32[s + 1] = U32[s + 2] = U32[s + 3] = 0;
  copyLane(A, index, R, 0, size);
  store(cpu, insn & 31, R, 0);
}

/**
 * MOVI/MVNI/ORR/BIC/FMOV (vector, immediate) share the space of "shift by immediate" with
 * immh = 0000; spelling out op and cmode makes these patterns the more specific ones.
 * o2 = 1 (FP16 FMOV) is left to the shift patterns, which reject immh = 0000.
 */
function modifiedImmediateEncodings(): Encoding[] {
  const list: Encoding[] = [];
  for (let op = 0; op < 2; op++) {
    for (let cmode = 0; cmode < 16; cmode++) {
      const c = cmode.toString(2).padStart(4, '0');
      list.push({ bits: `0 q ${op} 0111100000 abc ${c} 0 1 defgh ddddd`, name: 'MOVI/MVNI/ORR/BIC/FMOV (vector, immediate)', exec: modifiedImmediate });
    }
  }
  return list;
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: '0 00 11110 00 1 00 110 000000 nnnnn ddddd', name: 'FMOV Wd, Sn', exec: fmovToGeneral(1, 0) },
  { bits: '0 00 11110 00 1 00 111 000000 nnnnn ddddd', name: 'FMOV Sd, Wn', exec: fmovFromGeneral(1, 0) },
  { bits: '1 00 11110 01 1 00 110 000000 nnnnn ddddd', name: 'FMOV Xd, Dn', exec: fmovToGeneral(2, 0) },
  { bits: '1 00 11110 01 1 00 111 000000 nnnnn ddddd', name: 'FMOV Dd, Xn', exec: fmovFromGeneral(2, 0) },
  { bits: '1 00 11110 10 1 01 110 000000 nnnnn ddddd', name: 'FMOV Xd, Vn.D[1]', exec: fmovToGeneral(2, 1) },
  { bits: '1 00 11110 10 1 01 111 000000 nnnnn ddddd', name: 'FMOV Vd.D[1], Xn', exec: fmovFromGeneral(2, 1) },
  { bits: '0 00 11110 tt 1 000000 10000 nnnnn ddddd', name: 'FMOV (register)', exec: fmovRegister },
  { bits: '0 00 11110 tt 1 iiiiiiii 100 00000 ddddd', name: 'FMOV (scalar, immediate)', exec: fmovImmediate },
  { bits: '0 00 11110 tt 1 mmmmm 00 1000 nnnnn ez 000', name: 'FCMP/FCMPE', exec: fcmp },
  ...modifiedImmediateEncodings(),
  { bits: '0 q o 01110000 iiiii 0 jjjj 1 nnnnn ddddd', name: 'DUP/INS/UMOV/SMOV', exec: copy },
  { bits: '01 0 11110000 iiiii 0 0000 1 nnnnn ddddd', name: 'DUP (element, scalar)', exec: dupScalar },
];
