/**
 * General-purpose register loads and stores (Arm ARM C4.1.66 "Loads and Stores", the
 * groups with V = 0): LDR/STR and their byte, halfword and sign-extending forms in every
 * addressing mode (unsigned scaled offset, unscaled, pre- and post-index, register
 * offset, literal, unprivileged), PRFM/PRFUM, and the pairs LDP/STP/LDPSW/LDNP/STNP.
 * Exclusives, acquire/release and the LSE atomics live in atomic.ts; FP/SIMD registers
 * (V = 1) in simd-loadstore.ts.
 *
 * Addresses are lo/hi int32 pairs; offsets are added to the unsigned lo half as a
 * double (exact) and the carry or borrow is applied to the hi half.
 *
 * Ordinary accesses may be unaligned (Normal memory); the CPU's read and write helpers
 * split accesses that cross a page. Device memory faults on unaligned accesses in the
 * MMU path.
 *
 * CONSTRAINED UNPREDICTABLE choices follow qemu-aarch64 (checked against 7.2):
 *  - a load with writeback where Rt == Rn: the loaded value is written, then the
 *    writeback, so Rn ends up holding the updated address;
 *  - a store with writeback where Rt == Rn: the original value of Rt is stored;
 *  - LDP with Rt == Rt2: Rt (the lower address) wins. Both elements are loaded before
 *    any register is written, so a fault on the second leaves the registers untouched.
 *
 * The hottest forms (LDR/STR unsigned offset of X, W and B, LDP/STP of X and W) have
 * handlers of their own so that each stays small and monomorphic.
 */

import { SP, SINK, type Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { AccessKind } from '../exceptions.js';
import { PAGE_SHIFT } from '../memory.js';
import { Perm } from '../mmu.js';

const TWO32 = 4294967296;

/**
 * Access kinds: (size << 2) | opc, exactly the encoding's size and opc fields.
 * size 0..3 = byte, halfword, word, doubleword; opc 0 = store, 1 = load (zero-extend),
 * 2 = load signed to X (or PRFM for size 3), 3 = load signed to W.
 */
const enum Kind {
  STRB = 0,
  LDRB = 1,
  LDRSB_X = 2,
  LDRSB_W = 3,
  STRH = 4,
  LDRH = 5,
  LDRSH_X = 6,
  LDRSH_W = 7,
  STR_W = 8,
  LDR_W = 9,
  LDRSW = 10,
  UNALLOCATED_W = 11,
  STR_X = 12,
  LDR_X = 13,
  PRFM = 14,
  UNALLOCATED_X = 15,
}

/** The access kind of a single-register load/store word (bits [31:30] and [23:22]). */
function kindOf(insn: number): number {
  return ((insn >>> 28) & 0xc) | ((insn >>> 22) & 3);
}

/** Register slot (x index, already doubled) of base register field n; SP when 31. */
function baseSlot(cpu: Cpu, n: number): number {
  if (n === 31) {
    cpu.checkSpAlignment();
    return SP * 2;
  }
  return n * 2;
}

/** Hi half of the last address computed by offsetAddress. */
let addressHi = 0;

/** Base slot value plus a signed offset (|offset| < 2^31); returns lo, hi in addressHi. */
function offsetAddress(x: Int32Array, b: number, offset: number): number {
  const sum = (x[b] >>> 0) + offset;
  const hi = x[b + 1];
  addressHi = sum > 0xffffffff ? (hi + 1) | 0 : sum < 0 ? (hi - 1) | 0 : hi;
  return sum | 0;
}

/**
 * Performs one single-register access of `kind` at hi:lo for register field t.
 * The caller has rejected the unallocated kinds.
 */
function transfer(cpu: Cpu, kind: number, t: number, lo: number, hi: number): void {
  const x = cpu.x;
  const s = t * 2; // store source: slot 31 reads as zero
  const d = t === 31 ? SINK * 2 : t * 2; // load destination: XZR writes are dropped
  let v: number;
  switch (kind) {
    case Kind.STRB:
      cpu.write8(lo, hi, x[s]);
      return;
    case Kind.LDRB:
      x[d] = cpu.read8(lo, hi);
      x[d + 1] = 0;
      return;
    case Kind.LDRSB_X:
      v = (cpu.read8(lo, hi) << 24) >> 24;
      x[d] = v;
      x[d + 1] = v >> 31;
      return;
    case Kind.LDRSB_W:
      x[d] = (cpu.read8(lo, hi) << 24) >> 24;
      x[d + 1] = 0;
      return;
    case Kind.STRH:
      cpu.write16(lo, hi, x[s] & 0xffff);
      return;
    case Kind.LDRH:
      x[d] = cpu.read16(lo, hi);
      x[d + 1] = 0;
      return;
    case Kind.LDRSH_X:
      v = (cpu.read16(lo, hi) << 16) >> 16;
      x[d] = v;
      x[d + 1] = v >> 31;
      return;
    case Kind.LDRSH_W:
      x[d] = (cpu.read16(lo, hi) << 16) >> 16;
      x[d + 1] = 0;
      return;
    case Kind.STR_W:
      cpu.write32(lo, hi, x[s]);
      return;
    case Kind.LDR_W:
      x[d] = cpu.read32(lo, hi);
      x[d + 1] = 0;
      return;
    case Kind.LDRSW:
      v = cpu.read32(lo, hi);
      x[d] = v;
      x[d + 1] = v >> 31;
      return;
    case Kind.STR_X:
      cpu.write64(lo, hi, x[s], x[s + 1]);
      return;
    case Kind.LDR_X:
      v = cpu.read64(lo, hi);
      x[d] = v;
      x[d + 1] = cpu.rhi;
      return;
    default:
      cpu.undefinedInstruction();
  }
}

// ---- Unsigned scaled 12-bit offset: the hot forms ----------------------------------

/** LDR Xt, [Xn|SP, #imm12*8] */
function ldrXUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 7) & 0x7ff8);
  const v = cpu.read64(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1]);
  const t = insn & 31;
  const d = t === 31 ? SINK * 2 : t * 2;
  x[d] = v;
  x[d + 1] = cpu.rhi;
}

/** STR Xt, [Xn|SP, #imm12*8] */
function strXUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 7) & 0x7ff8);
  const s = (insn & 31) * 2;
  cpu.write64(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1], x[s], x[s + 1]);
}

/** LDR Wt, [Xn|SP, #imm12*4] */
function ldrWUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 8) & 0x3ffc);
  const v = cpu.read32(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1]);
  const t = insn & 31;
  const d = t === 31 ? SINK * 2 : t * 2;
  x[d] = v;
  x[d + 1] = 0;
}

/** STR Wt, [Xn|SP, #imm12*4] */
function strWUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 8) & 0x3ffc);
  cpu.write32(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1], x[(insn & 31) * 2]);
}

/** LDRB Wt, [Xn|SP, #imm12] */
function ldrbUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 10) & 0xfff);
  const v = cpu.read8(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1]);
  const t = insn & 31;
  const d = t === 31 ? SINK * 2 : t * 2;
  x[d] = v;
  x[d + 1] = 0;
}

/** STRB Wt, [Xn|SP, #imm12] */
function strbUnsigned(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  const sum = (x[b] >>> 0) + ((insn >>> 10) & 0xfff);
  cpu.write8(sum | 0, sum > 0xffffffff ? (x[b + 1] + 1) | 0 : x[b + 1], x[(insn & 31) * 2]);
}

/** The other unsigned-offset forms: halfwords, sign-extending loads, PRFM. */
function unsignedOffset(cpu: Cpu, insn: number): void {
  const kind = kindOf(insn);
  if (kind === Kind.UNALLOCATED_W || kind === Kind.UNALLOCATED_X) cpu.undefinedInstruction();
  if (kind === Kind.PRFM) return; // a hint: no access, no SP alignment check, no fault
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const lo = offsetAddress(cpu.x, b, ((insn >>> 10) & 0xfff) << (insn >>> 30));
  transfer(cpu, kind, insn & 31, lo, addressHi);
}

// ---- 9-bit signed offsets: unscaled, pre-index, post-index, unprivileged ------------

function imm9(insn: number): number {
  return (insn << 11) >> 23;
}

/** LDUR/STUR family and PRFUM: [Xn|SP, #simm9], no writeback. */
function unscaled(cpu: Cpu, insn: number): void {
  const kind = kindOf(insn);
  if (kind === Kind.UNALLOCATED_W || kind === Kind.UNALLOCATED_X) cpu.undefinedInstruction();
  if (kind === Kind.PRFM) return; // PRFUM
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const lo = offsetAddress(cpu.x, b, imm9(insn));
  transfer(cpu, kind, insn & 31, lo, addressHi);
}

/** [Xn|SP, #simm9]! (bit 11 set) or [Xn|SP], #simm9: access, then write the base back. */
function indexed(cpu: Cpu, insn: number): void {
  const kind = kindOf(insn);
  if (kind === Kind.UNALLOCATED_W || kind === Kind.UNALLOCATED_X || kind === Kind.PRFM) cpu.undefinedInstruction();
  const x = cpu.x;
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const newLo = offsetAddress(x, b, imm9(insn));
  const newHi = addressHi;
  if (insn & 0x800) transfer(cpu, kind, insn & 31, newLo, newHi);
  else transfer(cpu, kind, insn & 31, x[b], x[b + 1]);
  x[b] = newLo;
  x[b + 1] = newHi;
}

/**
 * LDTR/STTR family: accesses checked against EL0's permissions even at EL1. The access
 * needs are swapped for the access; if it faults, exception entry recomputes them.
 */
function unprivileged(cpu: Cpu, insn: number): void {
  const kind = kindOf(insn);
  if (kind === Kind.UNALLOCATED_W || kind === Kind.UNALLOCATED_X || kind === Kind.PRFM) cpu.undefinedInstruction();
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const lo = offsetAddress(cpu.x, b, imm9(insn));
  const needRead = cpu.needRead;
  const needWrite = cpu.needWrite;
  cpu.needRead = Perm.R0;
  cpu.needWrite = Perm.W0;
  transfer(cpu, kind, insn & 31, lo, addressHi);
  cpu.needRead = needRead;
  cpu.needWrite = needWrite;
}

// ---- Register offset -----------------------------------------------------------------

/** [Xn|SP, (W|X)m{, extend|LSL {#size}}]; option<1> = 0 is unallocated. */
function registerOffset(cpu: Cpu, insn: number): void {
  const kind = kindOf(insn);
  const option = (insn >>> 13) & 7;
  if (kind === Kind.UNALLOCATED_W || kind === Kind.UNALLOCATED_X || (option & 2) === 0) cpu.undefinedInstruction();
  if (kind === Kind.PRFM) return;
  const x = cpu.x;
  const m = ((insn >>> 16) & 31) * 2; // 31 is XZR
  let offLo = x[m];
  // option<0> picks the 64-bit register (LSL/UXTX, SXTX); otherwise UXTW or SXTW (option<2>).
  let offHi = option & 1 ? x[m + 1] : option & 4 ? offLo >> 31 : 0;
  const shift = insn & 0x1000 ? insn >>> 30 : 0;
  if (shift) {
    offHi = (offHi << shift) | (offLo >>> (32 - shift));
    offLo <<= shift;
  }
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const sum = (x[b] >>> 0) + (offLo >>> 0);
  const hi = (x[b + 1] + offHi + (sum > 0xffffffff ? 1 : 0)) | 0;
  transfer(cpu, kind, insn & 31, sum | 0, hi);
}

// ---- Literal ---------------------------------------------------------------------------

/** LDR Wt/Xt, LDRSW and PRFM (a no-op) at PC + simm19*4. */
function literal(cpu: Cpu, insn: number): void {
  const opc = insn >>> 30;
  if (opc === 3) return;
  const sum = (cpu.pcLo >>> 0) + ((insn << 8) >> 13) * 4;
  const carry = Math.floor(sum / TWO32);
  const lo = sum | 0;
  const hi = (cpu.pcHi + carry) | 0;
  transfer(cpu, opc === 0 ? Kind.LDR_W : opc === 1 ? Kind.LDR_X : Kind.LDRSW, insn & 31, lo, hi);
}

// ---- Pairs -------------------------------------------------------------------------------

/*
 * Bits [24:23] select the mode: 00 no-allocate offset (LDNP/STNP), 01 post-index,
 * 10 signed offset, 11 pre-index. Writeback happens for 01 and 11 (bit 23 set).
 * imm7 is bits [21:15], scaled by the element size.
 */

/** Element addresses of a pair access: first in pairLo/pairHi; new base in baseLo/baseHi. */
let pairLo = 0;
let pairHi = 0;
let baseLo = 0;
let baseHi = 0;

function pairAddress(x: Int32Array, b: number, insn: number, scale: number): void {
  const blo = x[b];
  const bhi = x[b + 1];
  const sum = (blo >>> 0) + (((insn << 10) >> 25) << scale);
  baseLo = sum | 0;
  baseHi = sum > 0xffffffff ? (bhi + 1) | 0 : sum < 0 ? (bhi - 1) | 0 : bhi;
  if (((insn >>> 23) & 3) === 1) {
    pairLo = blo;
    pairHi = bhi;
  } else {
    pairLo = baseLo;
    pairHi = baseHi;
  }
}

/** LDP Xt1, Xt2 (and LDNP), all modes. */
function ldpX(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  pairAddress(x, b, insn, 3);
  const lo = pairLo;
  const hi = pairHi;
  let a0: number, a1: number, b0: number, b1: number;
  if ((lo & 0xfff) <= 0xff0) {
    // Both elements in one page: one translation of both (so a watchpoint on the second element
    // fires; Device memory, which EL0 never maps here, would be checked for the pair's alignment).
    const off = cpu.translate(lo, hi, 16, cpu.needRead, AccessKind.READ);
    const mem = cpu.memory;
    if ((off & 3) === 0) {
      const w = off >> 2;
      const i32 = mem.i32;
      a0 = i32[w];
      a1 = i32[w + 1];
      b0 = i32[w + 2];
      b1 = i32[w + 3];
    } else {
      const view = mem.view;
      a0 = view.getInt32(off, true);
      a1 = view.getInt32(off + 4, true);
      b0 = view.getInt32(off + 8, true);
      b1 = view.getInt32(off + 12, true);
    }
  } else {
    a0 = cpu.read64(lo, hi);
    a1 = cpu.rhi;
    const sum = (lo >>> 0) + 8;
    b0 = cpu.read64(sum | 0, sum > 0xffffffff ? (hi + 1) | 0 : hi);
    b1 = cpu.rhi;
  }
  const t2 = (insn >>> 10) & 31;
  const d2 = t2 === 31 ? SINK * 2 : t2 * 2;
  x[d2] = b0;
  x[d2 + 1] = b1;
  const t = insn & 31;
  const d = t === 31 ? SINK * 2 : t * 2;
  x[d] = a0;
  x[d + 1] = a1;
  if (insn & 0x800000) {
    x[b] = baseLo;
    x[b + 1] = baseHi;
  }
}

/** STP Xt1, Xt2 (and STNP), all modes. */
function stpX(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  pairAddress(x, b, insn, 3);
  const lo = pairLo;
  const hi = pairHi;
  const s = (insn & 31) * 2;
  const s2 = ((insn >>> 10) & 31) * 2;
  if ((lo & 0xfff) <= 0xff0) {
    const off = cpu.translate(lo, hi, 16, cpu.needWrite, AccessKind.WRITE);
    const mem = cpu.memory;
    if ((off & 3) === 0) {
      const w = off >> 2;
      const i32 = mem.i32;
      i32[w] = x[s];
      i32[w + 1] = x[s + 1];
      i32[w + 2] = x[s2];
      i32[w + 3] = x[s2 + 1];
    } else {
      const view = mem.view;
      view.setInt32(off, x[s], true);
      view.setInt32(off + 4, x[s + 1], true);
      view.setInt32(off + 8, x[s2], true);
      view.setInt32(off + 12, x[s2 + 1], true);
    }
    if (mem.codePage[off >>> PAGE_SHIFT]) mem.noteWrite(off, 16);
  } else {
    cpu.write64(lo, hi, x[s], x[s + 1]);
    const sum = (lo >>> 0) + 8;
    cpu.write64(sum | 0, sum > 0xffffffff ? (hi + 1) | 0 : hi, x[s2], x[s2 + 1]);
  }
  if (insn & 0x800000) {
    x[b] = baseLo;
    x[b + 1] = baseHi;
  }
}

/** LDP Wt1, Wt2 (and LDNP), and LDPSW (bit 30) which sign-extends both to X. */
function ldpW(cpu: Cpu, insn: number): void {
  const signed = insn & 0x40000000;
  if (signed && ((insn >>> 23) & 3) === 0) cpu.undefinedInstruction(); // no LDNPSW
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  pairAddress(x, b, insn, 2);
  const lo = pairLo;
  const hi = pairHi;
  let a: number, c: number;
  if ((lo & 0xfff) <= 0xff8) {
    const off = cpu.translate(lo, hi, 8, cpu.needRead, AccessKind.READ);
    const mem = cpu.memory;
    if ((off & 3) === 0) {
      a = mem.i32[off >> 2];
      c = mem.i32[(off >> 2) + 1];
    } else {
      a = mem.view.getInt32(off, true);
      c = mem.view.getInt32(off + 4, true);
    }
  } else {
    a = cpu.read32(lo, hi);
    const sum = (lo >>> 0) + 4;
    c = cpu.read32(sum | 0, sum > 0xffffffff ? (hi + 1) | 0 : hi);
  }
  const t2 = (insn >>> 10) & 31;
  const d2 = t2 === 31 ? SINK * 2 : t2 * 2;
  x[d2] = c;
  x[d2 + 1] = signed ? c >> 31 : 0;
  const t = insn & 31;
  const d = t === 31 ? SINK * 2 : t * 2;
  x[d] = a;
  x[d + 1] = signed ? a >> 31 : 0;
  if (insn & 0x800000) {
    x[b] = baseLo;
    x[b + 1] = baseHi;
  }
}

/** STP Wt1, Wt2 (and STNP), all modes. */
function stpW(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const b = n === 31 ? baseSlot(cpu, n) : n * 2;
  pairAddress(x, b, insn, 2);
  const lo = pairLo;
  const hi = pairHi;
  const v1 = x[(insn & 31) * 2];
  const v2 = x[((insn >>> 10) & 31) * 2];
  if ((lo & 0xfff) <= 0xff8) {
    const off = cpu.translate(lo, hi, 8, cpu.needWrite, AccessKind.WRITE);
    const mem = cpu.memory;
    if ((off & 3) === 0) {
      mem.i32[off >> 2] = v1;
      mem.i32[(off >> 2) + 1] = v2;
    } else {
      mem.view.setInt32(off, v1, true);
      mem.view.setInt32(off + 4, v2, true);
    }
    if (mem.codePage[off >>> PAGE_SHIFT]) mem.noteWrite(off, 8);
  } else {
    cpu.write32(lo, hi, v1);
    const sum = (lo >>> 0) + 4;
    cpu.write32(sum | 0, sum > 0xffffffff ? (hi + 1) | 0 : hi, v2);
  }
  if (insn & 0x800000) {
    x[b] = baseLo;
    x[b + 1] = baseHi;
  }
}

export const ENCODINGS: readonly Encoding[] = [
  // Unsigned offset: size 111 V=0 01 opc imm12 Rn Rt.
  { bits: '11 111 0 01 01 iiiiiiiiiiii nnnnn ttttt', name: 'LDR (X, unsigned offset)', exec: ldrXUnsigned },
  { bits: '11 111 0 01 00 iiiiiiiiiiii nnnnn ttttt', name: 'STR (X, unsigned offset)', exec: strXUnsigned },
  { bits: '10 111 0 01 01 iiiiiiiiiiii nnnnn ttttt', name: 'LDR (W, unsigned offset)', exec: ldrWUnsigned },
  { bits: '10 111 0 01 00 iiiiiiiiiiii nnnnn ttttt', name: 'STR (W, unsigned offset)', exec: strWUnsigned },
  { bits: '00 111 0 01 01 iiiiiiiiiiii nnnnn ttttt', name: 'LDRB (unsigned offset)', exec: ldrbUnsigned },
  { bits: '00 111 0 01 00 iiiiiiiiiiii nnnnn ttttt', name: 'STRB (unsigned offset)', exec: strbUnsigned },
  { bits: 'ss 111 0 01 oo iiiiiiiiiiii nnnnn ttttt', name: 'LDR/STR (unsigned offset)', exec: unsignedOffset },
  // 9-bit signed offset forms: size 111 V=0 00 opc 0 imm9 mode Rn Rt.
  { bits: 'ss 111 0 00 oo 0 iiiiiiiii 00 nnnnn ttttt', name: 'LDUR/STUR', exec: unscaled },
  { bits: 'ss 111 0 00 oo 0 iiiiiiiii 01 nnnnn ttttt', name: 'LDR/STR (post-index)', exec: indexed },
  { bits: 'ss 111 0 00 oo 0 iiiiiiiii 11 nnnnn ttttt', name: 'LDR/STR (pre-index)', exec: indexed },
  { bits: 'ss 111 0 00 oo 0 iiiiiiiii 10 nnnnn ttttt', name: 'LDTR/STTR', exec: unprivileged },
  // Register offset: size 111 V=0 00 opc 1 Rm option S 10 Rn Rt.
  { bits: 'ss 111 0 00 oo 1 mmmmm xxx S 10 nnnnn ttttt', name: 'LDR/STR (register offset)', exec: registerOffset },
  // Literal: opc 011 V=0 00 imm19 Rt.
  { bits: 'oo 011 0 00 iiiiiiiiiiiiiiiiiii ttttt', name: 'LDR (literal)', exec: literal },
  // Pairs: opc 101 V=0 0 mode L imm7 Rt2 Rn Rt.
  { bits: '10 101 0 0 mm 1 iiiiiii uuuuu nnnnn ttttt', name: 'LDP (X)', exec: ldpX },
  { bits: '10 101 0 0 mm 0 iiiiiii uuuuu nnnnn ttttt', name: 'STP (X)', exec: stpX },
  { bits: '0s 101 0 0 mm 1 iiiiiii uuuuu nnnnn ttttt', name: 'LDP (W) / LDPSW', exec: ldpW },
  { bits: '00 101 0 0 mm 0 iiiiiii uuuuu nnnnn ttttt', name: 'STP (W)', exec: stpW },
];
