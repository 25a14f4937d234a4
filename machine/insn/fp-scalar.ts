/**
 * Scalar floating-point data processing, single and double precision: FADD, FSUB, FMUL,
 * FNMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM (2-source), FABS, FNEG, FSQRT, FCVT, FRINT*
 * (1-source), FMADD, FMSUB, FNMADD, FNMSUB (3-source, fused), FCCMP/FCCMPE, FCSEL, the
 * conversions to and from integers (FCVT[NAMPZ][SU], SCVTF, UCVTF, with the fixed-point
 * forms) and their Advanced SIMD scalar forms on S/D registers. The arithmetic is in
 * fp-core.ts; the vector forms are in fp-vector.ts, whose table is included here.
 *
 * Half precision (ftype 11, FEAT_FP16) is not claimed and decodes as Undefined, as do the
 * FEAT_FRINTTS (FRINT32Z, ...) and FEAT_JSCVT (FJCVTZS) encodings.
 */

import type { Encoding } from '../decoder.js';
import { dstZR, type Cpu } from '../cpu.js';
import { conditionHolds } from '../conditions.js';
import { writeD } from './simd-lanes.js';
import {
  ADD, SUB, MUL, DIV, MAX, MIN, MAXNM, MINNM, NMUL,
  NEAREST, PLUS, MINUS, ZERO, AWAY,
  binary, sqrt, mulAdd, singleToDouble, doubleToSingle, roundInt, toFixed, fromFixed, compare, fpcrRounding,
  outLo, outHi,
} from './fp-core.js';
import { ENCODINGS as vectorEncodings } from './fp-vector.js';

/** ftype 00 is single, 01 double; 10 and 11 (half) are Undefined here. Returns 0 or 1. */
function precision(cpu: Cpu, insn: number): number {
  const type = (insn >>> 22) & 3;
  if (type > 1) cpu.undefinedInstruction();
  return type;
}

/** Writes the core's result to a scalar S or D register, zeroing the rest of the vector. */
function writeResult(cpu: Cpu, d: number, dbl: number): void {
  writeD(cpu, d, outLo, dbl ? outHi : 0);
}

// ---- 2-source -----------------------------------------------------------------------------

/** opcode<15:12>: FMUL FDIV FADD FSUB FMAX FMIN FMAXNM FMINNM FNMUL. */
const TWO_SOURCE = [MUL, DIV, ADD, SUB, MAX, MIN, MAXNM, MINNM, NMUL];

function twoSource(cpu: Cpu, insn: number): void {
  const dbl = precision(cpu, insn);
  const opcode = (insn >>> 12) & 15;
  if (opcode > 8) cpu.undefinedInstruction();
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  const m = ((insn >>> 16) & 31) << 2;
  binary(cpu, TWO_SOURCE[opcode], v[n], dbl ? v[n + 1] : 0, v[m], dbl ? v[m + 1] : 0, dbl);
  writeResult(cpu, insn & 31, dbl);
}

// ---- 1-source -----------------------------------------------------------------------------

/** FRINT opcodes 001000..001111: N P M Z A (unallocated) X I. */
const FRINT_MODE = [NEAREST, PLUS, MINUS, ZERO, AWAY, -1, -1, -1];

function oneSource(cpu: Cpu, insn: number): void {
  const dbl = precision(cpu, insn);
  const opcode = (insn >>> 15) & 63;
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  const d = insn & 31;
  const lo = v[n];
  const hi = dbl ? v[n + 1] : 0;
  switch (opcode) {
    case 0b000001: // FABS
      if (dbl) writeD(cpu, d, lo, hi & 0x7fffffff);
      else writeD(cpu, d, lo & 0x7fffffff, 0);
      return;
    case 0b000010: // FNEG
      if (dbl) writeD(cpu, d, lo, hi ^ 0x80000000);
      else writeD(cpu, d, lo ^ 0x80000000, 0);
      return;
    case 0b000011: // FSQRT
      sqrt(cpu, lo, hi, dbl);
      return writeResult(cpu, d, dbl);
    case 0b000100: // FCVT Sd, Dn
      if (!dbl) cpu.undefinedInstruction();
      doubleToSingle(cpu, lo, hi);
      return writeResult(cpu, d, 0);
    case 0b000101: // FCVT Dd, Sn
      if (dbl) cpu.undefinedInstruction();
      singleToDouble(cpu, lo);
      return writeResult(cpu, d, 1);
    case 0b001000:
    case 0b001001:
    case 0b001010:
    case 0b001011:
    case 0b001100:
    case 0b001110:
    case 0b001111: {
      const rmode = opcode & 7;
      // FRINTX and FRINTI use FPCR's rounding mode; FRINTX also signals inexactness.
      const rounding = rmode >= 6 ? fpcrRounding(cpu) : FRINT_MODE[rmode];
      roundInt(cpu, lo, hi, dbl, rounding, rmode === 6);
      return writeResult(cpu, d, dbl);
    }
    default:
      // FMOV (opcode 0) has its own, more specific pattern; FCVT to half and the rest are Undefined.
      cpu.undefinedInstruction();
  }
}

// ---- 3-source (fused) ------------------------------------------------------------------------

function threeSource(cpu: Cpu, insn: number): void {
  const dbl = precision(cpu, insn);
  const o1 = (insn >>> 21) & 1;
  const o0 = (insn >>> 15) & 1;
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  const m = ((insn >>> 16) & 31) << 2;
  const a = ((insn >>> 10) & 31) << 2;
  // FMADD: a + n*m; FMSUB: a - n*m; FNMADD: -a - n*m; FNMSUB: -a + n*m. FPNeg flips the sign bit.
  const signA = o1 ? 0x80000000 : 0;
  const signN = o0 !== o1 ? 0x80000000 : 0;
  if (dbl) mulAdd(cpu, v[a], v[a + 1] ^ signA, v[n], v[n + 1] ^ signN, v[m], v[m + 1], 1);
  else mulAdd(cpu, v[a] ^ signA, 0, v[n] ^ signN, 0, v[m], 0, 0);
  writeResult(cpu, insn & 31, dbl);
}

// ---- FCCMP, FCSEL ----------------------------------------------------------------------------

function setNzcv(cpu: Cpu, nzcv: number): void {
  cpu.nf = (nzcv >>> 3) & 1;
  cpu.zf = (nzcv >>> 2) & 1;
  cpu.cf = (nzcv >>> 1) & 1;
  cpu.vf = nzcv & 1;
}

function conditionalCompare(cpu: Cpu, insn: number): void {
  const dbl = precision(cpu, insn);
  if (!conditionHolds(cpu, (insn >>> 12) & 15)) return setNzcv(cpu, insn & 15);
  const v = cpu.v;
  const n = ((insn >>> 5) & 31) << 2;
  const m = ((insn >>> 16) & 31) << 2;
  setNzcv(cpu, compare(cpu, v[n], dbl ? v[n + 1] : 0, v[m], dbl ? v[m + 1] : 0, dbl, ((insn >>> 4) & 1) === 1));
}

function conditionalSelect(cpu: Cpu, insn: number): void {
  const dbl = precision(cpu, insn);
  const from = (conditionHolds(cpu, (insn >>> 12) & 15) ? (insn >>> 5) & 31 : (insn >>> 16) & 31) << 2;
  writeD(cpu, insn & 31, cpu.v[from], dbl ? cpu.v[from + 1] : 0);
}

// ---- conversions between floating-point and integer -------------------------------------------

/** FCVT<x>S/U rounding modes by rmode:opcode<2:1> (rmode 00: N, A via opcode; 01 P; 10 M; 11 Z). */
function toIntegerRounding(rmode: number, opcode: number): number {
  if (rmode === 0) return opcode & 4 ? AWAY : NEAREST;
  return rmode === 1 ? PLUS : rmode === 2 ? MINUS : ZERO;
}

/** FP -> general register (W or X) of `fbits` fraction bits, and general register -> FP. */
function convert(cpu: Cpu, insn: number, fbits: number, fixed: boolean): void {
  const dbl = precision(cpu, insn);
  const sf = insn >>> 31;
  const rmode = (insn >>> 19) & 3;
  const opcode = (insn >>> 16) & 7;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  if ((opcode & 6) === 2) {
    // SCVTF / UCVTF: rmode must be 00.
    if (rmode !== 0) cpu.undefinedInstruction();
    fromFixed(cpu, cpu.x[n * 2], cpu.x[n * 2 + 1], sf ? 64 : 32, (opcode & 1) === 1, fbits, dbl);
    return writeResult(cpu, d, dbl);
  }
  // FCVT<x>S/U: opcode 000/001 for any rmode, 100/101 (FCVTA*) only with rmode 00; fixed-point only Z.
  if ((opcode & 6) !== 0 && !((opcode & 6) === 4 && rmode === 0 && !fixed)) cpu.undefinedInstruction();
  if (fixed && rmode !== 3) cpu.undefinedInstruction();
  const w = (n << 2);
  toFixed(cpu, cpu.v[w], dbl ? cpu.v[w + 1] : 0, dbl, fbits, sf ? 64 : 32, (opcode & 1) === 1, toIntegerRounding(rmode, opcode));
  const r = dstZR(d) * 2;
  cpu.x[r] = outLo;
  cpu.x[r + 1] = sf ? outHi : 0;
}

function convertInteger(cpu: Cpu, insn: number): void {
  convert(cpu, insn, 0, false);
}

function convertFixed(cpu: Cpu, insn: number): void {
  const scale = (insn >>> 10) & 63;
  // A W register cannot have more than 32 fraction bits: scale<5> must be 1.
  if (insn >>> 31 === 0 && scale < 32) cpu.undefinedInstruction();
  convert(cpu, insn, 64 - scale, true);
}

// ---- Advanced SIMD scalar: conversions with the integer in an S or D register ------------------

/** SCVTF/UCVTF/FCVT<x>S/U Sd, Sn and Dd, Dn (two-register misc, scalar). */
function simdScalarConvert(cpu: Cpu, insn: number): void {
  const dbl = (insn >>> 22) & 1;
  const u = (insn >>> 29) & 1;
  const a = (insn >>> 23) & 1;
  const opcode = (insn >>> 12) & 31;
  const n = ((insn >>> 5) & 31) << 2;
  const lo = cpu.v[n];
  const hi = dbl ? cpu.v[n + 1] : 0;
  const bits = dbl ? 64 : 32;
  if (opcode === 0b11101) {
    if (a) cpu.undefinedInstruction(); // FRECPE/FRSQRTE, not implemented
    fromFixed(cpu, lo, hi, bits, u === 1, 0, dbl);
  } else {
    // 11010: N (a=0) / P (a=1); 11011: M / Z; 11100: A (a=0 only).
    let rounding: number;
    if (opcode === 0b11010) rounding = a ? PLUS : NEAREST;
    else if (opcode === 0b11011) rounding = a ? ZERO : MINUS;
    else if (!a) rounding = AWAY;
    else return cpu.undefinedInstruction();
    toFixed(cpu, lo, hi, dbl, 0, bits, u === 1, rounding);
  }
  writeResult(cpu, insn & 31, dbl);
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: '0 0 0 11110 tt 1 mmmmm oooo 10 nnnnn ddddd', name: 'FP data-processing (2 source)', exec: twoSource },
  { bits: '0 0 0 11110 tt 1 oooooo 10000 nnnnn ddddd', name: 'FP data-processing (1 source)', exec: oneSource },
  { bits: '0 0 0 11111 tt o mmmmm p aaaaa nnnnn ddddd', name: 'FMADD/FMSUB/FNMADD/FNMSUB', exec: threeSource },
  { bits: '0 0 0 11110 tt 1 mmmmm cccc 01 nnnnn e ffff', name: 'FCCMP/FCCMPE', exec: conditionalCompare },
  { bits: '0 0 0 11110 tt 1 mmmmm cccc 11 nnnnn ddddd', name: 'FCSEL', exec: conditionalSelect },
  { bits: 's 0 0 11110 tt 1 rr ooo 000000 nnnnn ddddd', name: 'FCVT*/SCVTF/UCVTF (integer)', exec: convertInteger },
  { bits: 's 0 0 11110 tt 0 rr ooo ssssss nnnnn ddddd', name: 'FCVTZS/FCVTZU/SCVTF/UCVTF (fixed-point)', exec: convertFixed },
  { bits: '01 u 11110 a z 10000 1101x 10 nnnnn ddddd', name: 'FCVT[NMPZ][SU] (scalar, SIMD)', exec: simdScalarConvert },
  { bits: '01 u 11110 0 z 10000 11100 10 nnnnn ddddd', name: 'FCVTA[SU] (scalar, SIMD)', exec: simdScalarConvert },
  { bits: '01 u 11110 0 z 10000 11101 10 nnnnn ddddd', name: 'SCVTF/UCVTF (scalar, SIMD)', exec: simdScalarConvert },
  ...vectorEncodings,
];
