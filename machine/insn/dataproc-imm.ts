/**
 * A64 "Data Processing -- Immediate" (op0 = 100x): PC-relative addressing (ADR, ADRP),
 * add/subtract immediate, logical immediate, move wide, bitfield (SBFM/BFM/UBFM and so
 * all their aliases: LSL/LSR/ASR, SXT*, UXT*, BFI, BFXIL, SBFX, UBFX...) and EXTR.
 *
 * These are among the hottest instructions, so each width/operation gets its own table
 * entry and handler (no runtime branch on sf or opc), and handlers work on the lo/hi
 * register pairs directly. Encodings the architecture leaves unallocated either match no
 * pattern here (the decoder then raises Undefined) or are rejected by the handler.
 */

import { SP as SP_SLOT, dstZR, regSP as dstSP, type Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { addFlags32, addFlags64, lsl64, lsr64, ror32, ror64, LOGICAL_VALID, TMASK, WMASK } from '../alu.js';

const TWO32 = 4294967296;

// ---- PC-relative addressing ---------------------------------------------------------

/** Writes PC + offset (a signed double, |offset| <= 2^32) to Xd. */
function writePcPlus(cpu: Cpu, rd: number, pcLo: number, offset: number): void {
  const sum = (pcLo >>> 0) + offset;
  const d = dstZR(rd);
  cpu.x[2 * d] = sum | 0;
  cpu.x[2 * d + 1] = (cpu.pcHi + Math.floor(sum / TWO32)) | 0;
}

function pcRelImmediate(insn: number): number {
  const imm = ((insn >>> 29) & 3) | (((insn >>> 5) & 0x7ffff) << 2);
  return (imm << 11) >> 11;
}

function adr(cpu: Cpu, insn: number): void {
  writePcPlus(cpu, insn & 31, cpu.pcLo, pcRelImmediate(insn));
}

function adrp(cpu: Cpu, insn: number): void {
  writePcPlus(cpu, insn & 31, cpu.pcLo & ~0xfff, pcRelImmediate(insn) * 4096);
}

// ---- Add/subtract (immediate) -------------------------------------------------------

/** imm12, shifted left 12 when bit 22 (sh) is set. */
function addImmediate(insn: number): number {
  return ((insn >>> 10) & 0xfff) << (((insn >>> 22) & 1) * 12);
}

function addImm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const d = dstSP(insn & 31);
  const lo = (x[2 * n] >>> 0) + addImmediate(insn);
  x[2 * d + 1] = lo >= TWO32 ? (x[2 * n + 1] + 1) | 0 : x[2 * n + 1];
  x[2 * d] = lo | 0;
}

function subImm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const d = dstSP(insn & 31);
  const lo = (x[2 * n] >>> 0) - addImmediate(insn);
  x[2 * d + 1] = lo < 0 ? (x[2 * n + 1] - 1) | 0 : x[2 * n + 1];
  x[2 * d] = lo | 0;
}

function addsImm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const lo = addFlags64(cpu, x[2 * n], x[2 * n + 1], addImmediate(insn), 0, 0);
  const d = dstZR(insn & 31);
  x[2 * d] = lo;
  x[2 * d + 1] = cpu.rhi;
}

function subsImm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const lo = addFlags64(cpu, x[2 * n], x[2 * n + 1], ~addImmediate(insn), -1, 1);
  const d = dstZR(insn & 31);
  x[2 * d] = lo;
  x[2 * d + 1] = cpu.rhi;
}

function addImm32(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  x[2 * d] = x[2 * (rn === 31 ? SP_SLOT : rn)] + addImmediate(insn);
  x[2 * d + 1] = 0;
}

function subImm32(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const rn = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  x[2 * d] = x[2 * (rn === 31 ? SP_SLOT : rn)] - addImmediate(insn);
  x[2 * d + 1] = 0;
}

function addsImm32(cpu: Cpu, insn: number): void {
  const rn = (insn >>> 5) & 31;
  const r = addFlags32(cpu, cpu.x[2 * (rn === 31 ? SP_SLOT : rn)], addImmediate(insn), 0);
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = r;
  cpu.x[2 * d + 1] = 0;
}

function subsImm32(cpu: Cpu, insn: number): void {
  const rn = (insn >>> 5) & 31;
  const r = addFlags32(cpu, cpu.x[2 * (rn === 31 ? SP_SLOT : rn)], ~addImmediate(insn), 1);
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = r;
  cpu.x[2 * d + 1] = 0;
}

// ---- Logical (immediate) ------------------------------------------------------------
// The immediate is DecodeBitMasks(N, imms, immr) from the precomputed table, indexed by
// insn bits [22:10]. AND/ORR/EOR may write SP; ANDS writes XZR and sets N, Z (C=V=0).

function logicalIndex(cpu: Cpu, insn: number): number {
  const index = (insn >>> 10) & 0x1fff;
  if (LOGICAL_VALID[index] === 0) cpu.undefinedInstruction();
  return index;
}

function andImm64(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  x[2 * d] = x[2 * n] & WMASK[2 * i];
  x[2 * d + 1] = x[2 * n + 1] & WMASK[2 * i + 1];
}

function orrImm64(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  x[2 * d] = x[2 * n] | WMASK[2 * i];
  x[2 * d + 1] = x[2 * n + 1] | WMASK[2 * i + 1];
}

function eorImm64(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  x[2 * d] = x[2 * n] ^ WMASK[2 * i];
  x[2 * d + 1] = x[2 * n + 1] ^ WMASK[2 * i + 1];
}

function andsImm64(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const lo = x[2 * n] & WMASK[2 * i];
  const hi = x[2 * n + 1] & WMASK[2 * i + 1];
  cpu.nf = hi >>> 31;
  cpu.zf = (lo | hi) === 0 ? 1 : 0;
  cpu.cf = 0;
  cpu.vf = 0;
  const d = dstZR(insn & 31);
  x[2 * d] = lo;
  x[2 * d + 1] = hi;
}

function andImm32(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const d = dstSP(insn & 31);
  cpu.x[2 * d] = cpu.x[2 * ((insn >>> 5) & 31)] & WMASK[2 * i];
  cpu.x[2 * d + 1] = 0;
}

function orrImm32(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const d = dstSP(insn & 31);
  cpu.x[2 * d] = cpu.x[2 * ((insn >>> 5) & 31)] | WMASK[2 * i];
  cpu.x[2 * d + 1] = 0;
}

function eorImm32(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const d = dstSP(insn & 31);
  cpu.x[2 * d] = cpu.x[2 * ((insn >>> 5) & 31)] ^ WMASK[2 * i];
  cpu.x[2 * d + 1] = 0;
}

function andsImm32(cpu: Cpu, insn: number): void {
  const i = logicalIndex(cpu, insn);
  const r = cpu.x[2 * ((insn >>> 5) & 31)] & WMASK[2 * i];
  cpu.nf = r >>> 31;
  cpu.zf = r === 0 ? 1 : 0;
  cpu.cf = 0;
  cpu.vf = 0;
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = r;
  cpu.x[2 * d + 1] = 0;
}

// ---- Move wide (immediate) ----------------------------------------------------------
// imm16 goes to bit position hw*16; insn bits [22:21] are hw, so (insn >>> 17) & 0x30 is
// the shift. The 32-bit patterns fix hw<1> = 0 (hw >= 2 is unallocated for W registers).

function movz64(cpu: Cpu, insn: number): void {
  const imm = (insn >>> 5) & 0xffff;
  const shift = (insn >>> 17) & 0x30;
  const d = dstZR(insn & 31);
  if (shift < 32) {
    cpu.x[2 * d] = imm << shift;
    cpu.x[2 * d + 1] = 0;
  } else {
    cpu.x[2 * d] = 0;
    cpu.x[2 * d + 1] = imm << (shift - 32);
  }
}

function movn64(cpu: Cpu, insn: number): void {
  const imm = (insn >>> 5) & 0xffff;
  const shift = (insn >>> 17) & 0x30;
  const d = dstZR(insn & 31);
  if (shift < 32) {
    cpu.x[2 * d] = ~(imm << shift);
    cpu.x[2 * d + 1] = -1;
  } else {
    cpu.x[2 * d] = -1;
    cpu.x[2 * d + 1] = ~(imm << (shift - 32));
  }
}

function movk64(cpu: Cpu, insn: number): void {
  const imm = (insn >>> 5) & 0xffff;
  const shift = (insn >>> 17) & 0x30;
  // MOVK reads its destination; XZR reads as zero and the write is discarded.
  const rd = insn & 31;
  if (rd === 31) return;
  const slot = shift < 32 ? 2 * rd : 2 * rd + 1;
  const s = shift & 31;
  cpu.x[slot] = (cpu.x[slot] & ~(0xffff << s)) | (imm << s);
}

function movz32(cpu: Cpu, insn: number): void {
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = ((insn >>> 5) & 0xffff) << ((insn >>> 17) & 0x10);
  cpu.x[2 * d + 1] = 0;
}

function movn32(cpu: Cpu, insn: number): void {
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = ~(((insn >>> 5) & 0xffff) << ((insn >>> 17) & 0x10));
  cpu.x[2 * d + 1] = 0;
}

function movk32(cpu: Cpu, insn: number): void {
  const rd = insn & 31;
  if (rd === 31) return;
  const s = (insn >>> 17) & 0x10;
  cpu.x[2 * rd] = (cpu.x[2 * rd] & ~(0xffff << s)) | (((insn >>> 5) & 0xffff) << s);
  cpu.x[2 * rd + 1] = 0;
}

// ---- Bitfield -----------------------------------------------------------------------
// As the Arm ARM's shared decode: wmask/tmask = DecodeBitMasks(N, imms, immr, FALSE),
// then (with R = immr, S = imms):
//   UBFM: ROR(src, R) AND wmask AND tmask
//   SBFM: (Replicate(src<S>) AND NOT tmask) OR (ROR(src, R) AND wmask AND tmask)
//   BFM:  bot = (dst AND NOT wmask) OR (ROR(src, R) AND wmask);
//         (dst AND NOT tmask) OR (bot AND tmask)
// The 64-bit patterns fix N = 1; the 32-bit ones fix N = 0 and immr<5> = imms<5> = 0.

function ubfm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const i = (insn >>> 10) & 0x1fff;
  const n = (insn >>> 5) & 31;
  const lo = ror64(cpu, x[2 * n], x[2 * n + 1], (insn >>> 16) & 63);
  const hi = cpu.rhi;
  const d = dstZR(insn & 31);
  x[2 * d] = lo & WMASK[2 * i] & TMASK[2 * i];
  x[2 * d + 1] = hi & WMASK[2 * i + 1] & TMASK[2 * i + 1];
}

function sbfm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const i = (insn >>> 10) & 0x1fff;
  const n = (insn >>> 5) & 31;
  const s = (insn >>> 10) & 63;
  const srcLo = x[2 * n];
  const srcHi = x[2 * n + 1];
  const top = s < 32 ? (srcLo << (31 - s)) >> 31 : (srcHi << (63 - s)) >> 31;
  const lo = ror64(cpu, srcLo, srcHi, (insn >>> 16) & 63);
  const hi = cpu.rhi;
  const tlo = TMASK[2 * i];
  const thi = TMASK[2 * i + 1];
  const d = dstZR(insn & 31);
  x[2 * d] = (top & ~tlo) | (lo & WMASK[2 * i] & tlo);
  x[2 * d + 1] = (top & ~thi) | (hi & WMASK[2 * i + 1] & thi);
}

function bfm64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const i = (insn >>> 10) & 0x1fff;
  const n = (insn >>> 5) & 31;
  const rd = insn & 31;
  if (rd === 31) return; // XZR destination: computed and discarded.
  const lo = ror64(cpu, x[2 * n], x[2 * n + 1], (insn >>> 16) & 63);
  const hi = cpu.rhi;
  const wlo = WMASK[2 * i];
  const whi = WMASK[2 * i + 1];
  const tlo = TMASK[2 * i];
  const thi = TMASK[2 * i + 1];
  const dlo = x[2 * rd];
  const dhi = x[2 * rd + 1];
  const botLo = (dlo & ~wlo) | (lo & wlo);
  const botHi = (dhi & ~whi) | (hi & whi);
  x[2 * rd] = (dlo & ~tlo) | (botLo & tlo);
  x[2 * rd + 1] = (dhi & ~thi) | (botHi & thi);
}

function ubfm32(cpu: Cpu, insn: number): void {
  const i = (insn >>> 10) & 0x1fff;
  const v = ror32(cpu.x[2 * ((insn >>> 5) & 31)], (insn >>> 16) & 31);
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = v & WMASK[2 * i] & TMASK[2 * i];
  cpu.x[2 * d + 1] = 0;
}

function sbfm32(cpu: Cpu, insn: number): void {
  const i = (insn >>> 10) & 0x1fff;
  const src = cpu.x[2 * ((insn >>> 5) & 31)];
  const top = (src << (31 - ((insn >>> 10) & 31))) >> 31;
  const v = ror32(src, (insn >>> 16) & 31);
  const t = TMASK[2 * i];
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = (top & ~t) | (v & WMASK[2 * i] & t);
  cpu.x[2 * d + 1] = 0;
}

function bfm32(cpu: Cpu, insn: number): void {
  const rd = insn & 31;
  if (rd === 31) return;
  const i = (insn >>> 10) & 0x1fff;
  const v = ror32(cpu.x[2 * ((insn >>> 5) & 31)], (insn >>> 16) & 31);
  const w = WMASK[2 * i];
  const t = TMASK[2 * i];
  const dst = cpu.x[2 * rd];
  const bot = (dst & ~w) | (v & w);
  cpu.x[2 * rd] = (dst & ~t) | (bot & t);
  cpu.x[2 * rd + 1] = 0;
}

// ---- Extract ------------------------------------------------------------------------
// EXTR Xd, Xn, Xm, #lsb = bits [lsb+63:lsb] of Xn:Xm (ROR #imm when Rn = Rm).

function extr64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const m = (insn >>> 16) & 31;
  const n = (insn >>> 5) & 31;
  const lsb = (insn >>> 10) & 63;
  let lo = x[2 * m];
  let hi = x[2 * m + 1];
  if (lsb !== 0) {
    const nlo = x[2 * n];
    const nhi = x[2 * n + 1];
    lo = lsr64(cpu, lo, hi, lsb);
    hi = cpu.rhi;
    const ulo = lsl64(cpu, nlo, nhi, 64 - lsb);
    lo |= ulo;
    hi |= cpu.rhi;
  }
  const d = dstZR(insn & 31);
  x[2 * d] = lo;
  x[2 * d + 1] = hi;
}

function extr32(cpu: Cpu, insn: number): void {
  const lsb = (insn >>> 10) & 31;
  const low = cpu.x[2 * ((insn >>> 16) & 31)];
  const r = lsb === 0 ? low : (low >>> lsb) | (cpu.x[2 * ((insn >>> 5) & 31)] << (32 - lsb));
  const d = dstZR(insn & 31);
  cpu.x[2 * d] = r;
  cpu.x[2 * d + 1] = 0;
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: '0 ii 10000 iiiiiiiiiiiiiiiiiii ddddd', name: 'ADR', exec: adr },
  { bits: '1 ii 10000 iiiiiiiiiiiiiiiiiii ddddd', name: 'ADRP', exec: adrp },

  { bits: '1 0 0 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'ADD (immediate, 64)', exec: addImm64 },
  { bits: '1 1 0 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'SUB (immediate, 64)', exec: subImm64 },
  { bits: '1 0 1 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'ADDS (immediate, 64)', exec: addsImm64 },
  { bits: '1 1 1 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'SUBS (immediate, 64)', exec: subsImm64 },
  { bits: '0 0 0 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'ADD (immediate, 32)', exec: addImm32 },
  { bits: '0 1 0 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'SUB (immediate, 32)', exec: subImm32 },
  { bits: '0 0 1 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'ADDS (immediate, 32)', exec: addsImm32 },
  { bits: '0 1 1 100010 h iiiiiiiiiiii nnnnn ddddd', name: 'SUBS (immediate, 32)', exec: subsImm32 },

  { bits: '1 00 100100 N rrrrrr ssssss nnnnn ddddd', name: 'AND (immediate, 64)', exec: andImm64 },
  { bits: '1 01 100100 N rrrrrr ssssss nnnnn ddddd', name: 'ORR (immediate, 64)', exec: orrImm64 },
  { bits: '1 10 100100 N rrrrrr ssssss nnnnn ddddd', name: 'EOR (immediate, 64)', exec: eorImm64 },
  { bits: '1 11 100100 N rrrrrr ssssss nnnnn ddddd', name: 'ANDS (immediate, 64)', exec: andsImm64 },
  { bits: '0 00 100100 0 rrrrrr ssssss nnnnn ddddd', name: 'AND (immediate, 32)', exec: andImm32 },
  { bits: '0 01 100100 0 rrrrrr ssssss nnnnn ddddd', name: 'ORR (immediate, 32)', exec: orrImm32 },
  { bits: '0 10 100100 0 rrrrrr ssssss nnnnn ddddd', name: 'EOR (immediate, 32)', exec: eorImm32 },
  { bits: '0 11 100100 0 rrrrrr ssssss nnnnn ddddd', name: 'ANDS (immediate, 32)', exec: andsImm32 },

  { bits: '1 00 100101 hh iiiiiiiiiiiiiiii ddddd', name: 'MOVN (64)', exec: movn64 },
  { bits: '1 10 100101 hh iiiiiiiiiiiiiiii ddddd', name: 'MOVZ (64)', exec: movz64 },
  { bits: '1 11 100101 hh iiiiiiiiiiiiiiii ddddd', name: 'MOVK (64)', exec: movk64 },
  { bits: '0 00 100101 0h iiiiiiiiiiiiiiii ddddd', name: 'MOVN (32)', exec: movn32 },
  { bits: '0 10 100101 0h iiiiiiiiiiiiiiii ddddd', name: 'MOVZ (32)', exec: movz32 },
  { bits: '0 11 100101 0h iiiiiiiiiiiiiiii ddddd', name: 'MOVK (32)', exec: movk32 },

  { bits: '1 00 100110 1 rrrrrr ssssss nnnnn ddddd', name: 'SBFM (64)', exec: sbfm64 },
  { bits: '1 01 100110 1 rrrrrr ssssss nnnnn ddddd', name: 'BFM (64)', exec: bfm64 },
  { bits: '1 10 100110 1 rrrrrr ssssss nnnnn ddddd', name: 'UBFM (64)', exec: ubfm64 },
  { bits: '0 00 100110 0 0rrrrr 0sssss nnnnn ddddd', name: 'SBFM (32)', exec: sbfm32 },
  { bits: '0 01 100110 0 0rrrrr 0sssss nnnnn ddddd', name: 'BFM (32)', exec: bfm32 },
  { bits: '0 10 100110 0 0rrrrr 0sssss nnnnn ddddd', name: 'UBFM (32)', exec: ubfm32 },

  { bits: '1 00 100111 1 0 mmmmm ssssss nnnnn ddddd', name: 'EXTR (64)', exec: extr64 },
  { bits: '0 00 100111 0 0 mmmmm 0sssss nnnnn ddddd', name: 'EXTR (32)', exec: extr32 },
];
