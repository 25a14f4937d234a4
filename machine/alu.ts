/**
 * 64-bit integer arithmetic on lo/hi int32 pairs, shared by the integer instruction
 * classes: add-with-carry with NZCV, multiplies (low and high halves, signed and
 * unsigned), divide, shifts and rotates, and the Arm ARM's DecodeBitMasks for logical
 * immediates and bitfields.
 *
 * Convention (see cpu.ts): a 64-bit result is returned as its lo half (an int32) and its
 * hi half is left in `cpu.rhi`. Nothing here allocates, except the rare 64-bit division
 * whose operands do not fit in 32 bits, which uses BigInt for exactness.
 */

import type { Cpu } from './cpu.js';

const TWO32 = 4294967296;

// ---- Add with carry -----------------------------------------------------------------

/**
 * AddWithCarry(a, b, carry) on 64 bits, setting NZCV. Subtraction is a + NOT(b) + 1,
 * so SUBS passes ~b and carry 1 (the architecture defines C that way too).
 */
export function addFlags64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number, carry: number): number {
  const lo = (alo >>> 0) + (blo >>> 0) + carry;
  const c0 = lo >= TWO32 ? 1 : 0;
  const h = (ahi >>> 0) + (bhi >>> 0) + c0;
  const hi = h | 0;
  const rlo = lo | 0;
  cpu.nf = hi >>> 31;
  cpu.zf = (rlo | hi) === 0 ? 1 : 0;
  cpu.cf = h >= TWO32 ? 1 : 0;
  // Overflow: the operands have the same sign and the result's sign differs.
  cpu.vf = (~(ahi ^ bhi) & (ahi ^ hi)) >>> 31;
  cpu.rhi = hi;
  return rlo;
}

/** AddWithCarry on 32 bits, setting NZCV; returns the int32 result. */
export function addFlags32(cpu: Cpu, a: number, b: number, carry: number): number {
  const sum = (a >>> 0) + (b >>> 0) + carry;
  const r = sum | 0;
  cpu.nf = r >>> 31;
  cpu.zf = r === 0 ? 1 : 0;
  cpu.cf = sum >= TWO32 ? 1 : 0;
  cpu.vf = (~(a ^ b) & (a ^ r)) >>> 31;
  return r;
}

/** a + b + carry on 64 bits without flags. */
export function add64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number, carry: number): number {
  const lo = (alo >>> 0) + (blo >>> 0) + carry;
  cpu.rhi = (ahi + bhi + (lo >= TWO32 ? 1 : 0)) | 0;
  return lo | 0;
}

/** a - b on 64 bits without flags. */
export function sub64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = (alo >>> 0) - (blo >>> 0);
  cpu.rhi = (ahi - bhi - (lo < 0 ? 1 : 0)) | 0;
  return lo | 0;
}

// ---- Multiply -----------------------------------------------------------------------

/** High 32 bits of the unsigned 64-bit product a * b (both taken as uint32). */
export function mulHighU32(a: number, b: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16)) | 0;
}

/** High 32 bits of the signed 64-bit product a * b (both taken as int32). */
export function mulHighS32(a: number, b: number): number {
  return (mulHighU32(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** Low 64 bits of a * b (the same for signed and unsigned). */
export function mul64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  cpu.rhi = (mulHighU32(alo, blo) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  return Math.imul(alo, blo);
}

/** Bits [127:64] of the unsigned 128-bit product a * b. */
export function umulh64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  // Four 32x32 partial products; sums of a few uint32 stay exact as doubles.
  const llH = mulHighU32(alo, blo) >>> 0;
  const lhL = Math.imul(alo, bhi) >>> 0;
  const lhH = mulHighU32(alo, bhi) >>> 0;
  const hlL = Math.imul(ahi, blo) >>> 0;
  const hlH = mulHighU32(ahi, blo) >>> 0;
  const hhL = Math.imul(ahi, bhi) >>> 0;
  const hhH = mulHighU32(ahi, bhi) >>> 0;
  const w1 = llH + lhL + hlL;
  const w2 = lhH + hlH + hhL + Math.floor(w1 / TWO32);
  cpu.rhi = (hhH + Math.floor(w2 / TWO32)) | 0;
  return w2 | 0;
}

/** Bits [127:64] of the signed 128-bit product a * b. */
export function smulh64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  let lo = umulh64(cpu, alo, ahi, blo, bhi);
  let hi = cpu.rhi;
  // signed high = unsigned high - (a < 0 ? b : 0) - (b < 0 ? a : 0), modulo 2^64.
  if (ahi < 0) {
    lo = sub64(cpu, lo, hi, blo, bhi);
    hi = cpu.rhi;
  }
  if (bhi < 0) {
    lo = sub64(cpu, lo, hi, alo, ahi);
    hi = cpu.rhi;
  }
  cpu.rhi = hi;
  return lo;
}

// ---- Divide -------------------------------------------------------------------------

/** Unsigned 64-bit division; divide by zero gives 0 (as the architecture says). */
export function udiv64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) {
    cpu.rhi = 0;
    return 0;
  }
  if ((ahi | bhi) === 0) {
    cpu.rhi = 0;
    return Math.floor((alo >>> 0) / (blo >>> 0)) | 0;
  }
  const q = ((BigInt(ahi >>> 0) << 32n) | BigInt(alo >>> 0)) / ((BigInt(bhi >>> 0) << 32n) | BigInt(blo >>> 0));
  cpu.rhi = Number(BigInt.asIntN(32, q >> 32n));
  return Number(BigInt.asIntN(32, q));
}

/** Signed 64-bit division rounding toward zero; x / 0 = 0 and INT64_MIN / -1 = INT64_MIN. */
export function sdiv64(cpu: Cpu, alo: number, ahi: number, blo: number, bhi: number): number {
  if ((blo | bhi) === 0) {
    cpu.rhi = 0;
    return 0;
  }
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    // int32 operands: the double quotient truncates exactly (see DIV notes in the tests).
    const q = Math.trunc(alo / blo);
    cpu.rhi = q < 0 ? -1 : 0;
    return q | 0;
  }
  const q = BigInt.asIntN(64, ((BigInt(ahi) << 32n) | BigInt(alo >>> 0)) / ((BigInt(bhi) << 32n) | BigInt(blo >>> 0)));
  cpu.rhi = Number(BigInt.asIntN(32, q >> 32n));
  return Number(BigInt.asIntN(32, q));
}

/** Unsigned 32-bit division; divide by zero gives 0. */
export function udiv32(a: number, b: number): number {
  return b === 0 ? 0 : Math.floor((a >>> 0) / (b >>> 0)) | 0;
}

/** Signed 32-bit division; x / 0 = 0, INT32_MIN / -1 = INT32_MIN (the |0 wraps it). */
export function sdiv32(a: number, b: number): number {
  return b === 0 ? 0 : Math.trunc(a / b) | 0;
}

// ---- Shifts and rotates (amounts 0..63) --------------------------------------------

export function lsl64(cpu: Cpu, lo: number, hi: number, n: number): number {
  if (n === 0) {
    cpu.rhi = hi;
    return lo;
  }
  if (n < 32) {
    cpu.rhi = (hi << n) | (lo >>> (32 - n));
    return lo << n;
  }
  cpu.rhi = lo << (n - 32);
  return 0;
}

export function lsr64(cpu: Cpu, lo: number, hi: number, n: number): number {
  if (n === 0) {
    cpu.rhi = hi;
    return lo;
  }
  if (n < 32) {
    cpu.rhi = hi >>> n;
    return (lo >>> n) | (hi << (32 - n));
  }
  cpu.rhi = 0;
  return hi >>> (n - 32);
}

export function asr64(cpu: Cpu, lo: number, hi: number, n: number): number {
  if (n === 0) {
    cpu.rhi = hi;
    return lo;
  }
  if (n < 32) {
    cpu.rhi = hi >> n;
    return (lo >>> n) | (hi << (32 - n));
  }
  cpu.rhi = hi >> 31;
  return hi >> (n - 32);
}

export function ror64(cpu: Cpu, lo: number, hi: number, n: number): number {
  if (n === 0) {
    cpu.rhi = hi;
    return lo;
  }
  if (n === 32) {
    cpu.rhi = lo;
    return hi;
  }
  if (n < 32) {
    cpu.rhi = (hi >>> n) | (lo << (32 - n));
    return (lo >>> n) | (hi << (32 - n));
  }
  const m = n - 32;
  cpu.rhi = (lo >>> m) | (hi << (32 - m));
  return (hi >>> m) | (lo << (32 - m));
}

/** Rotate right on 32 bits (n is 0..31). */
export function ror32(v: number, n: number): number {
  return n === 0 ? v : (v >>> n) | (v << (32 - n));
}

/**
 * Applies a shift type (00 LSL, 01 LSR, 10 ASR, 11 ROR) to a 64-bit value, as the
 * shifted-register forms do.
 */
export function shift64(cpu: Cpu, type: number, lo: number, hi: number, n: number): number {
  switch (type) {
    case 0:
      return lsl64(cpu, lo, hi, n);
    case 1:
      return lsr64(cpu, lo, hi, n);
    case 2:
      return asr64(cpu, lo, hi, n);
    default:
      return ror64(cpu, lo, hi, n);
  }
}

/** The same on 32 bits (n is 0..31). */
export function shift32(type: number, v: number, n: number): number {
  switch (type) {
    case 0:
      return v << n;
    case 1:
      return v >>> n;
    case 2:
      return v >> n;
    default:
      return ror32(v, n);
  }
}

// ---- Bit counting and reversal ------------------------------------------------------

export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

/** Reverses the bits of a 32-bit value. */
export function rbit32(v: number): number {
  v = ((v >>> 1) & 0x55555555) | ((v & 0x55555555) << 1);
  v = ((v >>> 2) & 0x33333333) | ((v & 0x33333333) << 2);
  v = ((v >>> 4) & 0x0f0f0f0f) | ((v & 0x0f0f0f0f) << 4);
  v = ((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8);
  return (v >>> 16) | (v << 16);
}

/** Reverses the bytes of a 32-bit value. */
export function rev32(v: number): number {
  return ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24)) | 0;
}

/** Swaps the bytes within each 16-bit halfword of a 32-bit value. */
export function rev16(v: number): number {
  return (((v >>> 8) & 0x00ff00ff) | ((v & 0x00ff00ff) << 8)) | 0;
}

// ---- DecodeBitMasks -----------------------------------------------------------------

/**
 * DecodeBitMasks(N, imms, immr) for every 13-bit N:immr:imms, computed once at load.
 * Index = (N << 12) | (immr << 6) | imms, i.e. insn bits [22:10] of the logical
 * immediate and bitfield encodings. WMASK/TMASK hold lo/hi pairs of the 64-bit masks
 * (for 32-bit operations the lo half is the 32-bit mask, since element sizes are <= 32).
 * LOGICAL_VALID is 1 where a logical immediate is allocated (len >= 1 and the element is
 * not all ones); bitfields need only len >= 1, which their own encoding checks ensure.
 */
export const WMASK = new Int32Array(8192 * 2);
export const TMASK = new Int32Array(8192 * 2);
export const LOGICAL_VALID = new Uint8Array(8192);

function buildBitMasks(): void {
  for (let index = 0; index < 8192; index++) {
    const n = index >>> 12;
    const immr = (index >>> 6) & 63;
    const imms = index & 63;
    // len = HighestSetBit(N:NOT(imms)).
    const combined = (n << 6) | (~imms & 63);
    if (combined === 0) continue;
    const len = 31 - Math.clz32(combined);
    if (len < 1) continue;
    const esize = 1 << len;
    const levels = esize - 1;
    const s = imms & levels;
    const r = immr & levels;
    const d = (s - r) & levels;
    LOGICAL_VALID[index] = s === levels ? 0 : 1;
    // welem = Ones(S+1) rotated right by R within esize; telem = Ones(d+1).
    let wlo = 0;
    let whi = 0;
    let tlo = 0;
    let thi = 0;
    for (let bit = 0; bit < 64; bit++) {
      const pos = bit & levels;
      // Bit `pos` of ROR(Ones(s+1), r) is bit (pos + r) mod esize of Ones(s+1).
      const w = ((pos + r) & levels) <= s ? 1 : 0;
      const t = pos <= d ? 1 : 0;
      if (bit < 32) {
        wlo |= w << bit;
        tlo |= t << bit;
      } else {
        whi |= w << (bit - 32);
        thi |= t << (bit - 32);
      }
    }
    WMASK[index * 2] = wlo;
    WMASK[index * 2 + 1] = whi;
    TMASK[index * 2] = tlo;
    TMASK[index * 2 + 1] = thi;
  }
}
buildBitMasks();
