/**
 * Lane access for the SIMD&FP instruction handlers (not an instruction class itself).
 *
 * A vector register V<n> is four words of cpu.v, least significant first. Handlers copy
 * their operands into fixed scratch slots (16 bytes each) of one shared buffer, work on
 * lanes through typed-array views of that buffer (the host is little-endian, as the
 * guest is, so byte i of a slot is lane byte i), and copy the result back. This costs
 * a few word copies but allocates nothing and makes every arrangement the same loop.
 */

import type { Cpu } from '../cpu.js';

/** Number of 16-byte scratch slots: TBL needs four table registers, an index and a result. */
const SLOTS = 8;
const BUFFER = new ArrayBuffer(16 * SLOTS);
export const U8 = new Uint8Array(BUFFER);
export const I8 = new Int8Array(BUFFER);
export const U16 = new Uint16Array(BUFFER);
export const I16 = new Int16Array(BUFFER);
export const U32 = new Uint32Array(BUFFER);
export const I32 = new Int32Array(BUFFER);
export const F32 = new Float32Array(BUFFER);
export const F64 = new Float64Array(BUFFER);

/** Slot names by role: first and second operand, result, then extra slots (TBL tables). */
export const A = 0;
export const B = 1;
export const R = 2;
export const T0 = 3;

/** Copies V<reg> into a scratch slot. */
export function load(cpu: Cpu, reg: number, slot: number): void {
  const v = cpu.v;
  const r = reg << 2;
  const s = slot << 2;
  I32[s] = v[r];
  I32[s + 1] = v[r + 1];
  I32[s + 2] = v[r + 2];
  I32[s + 3] = v[r + 3];
}

/** Writes a slot to V<reg>; when `q` is 0 only the low 64 bits are kept and the rest zeroed. */
export function store(cpu: Cpu, reg: number, slot: number, q: number): void {
  const v = cpu.v;
  const r = reg << 2;
  const s = slot << 2;
  v[r] = I32[s];
  v[r + 1] = I32[s + 1];
  v[r + 2] = q ? I32[s + 2] : 0;
  v[r + 3] = q ? I32[s + 3] : 0;
}

/** Writes a 64-bit scalar to V<reg>, zeroing bits [127:64]. */
export function writeD(cpu: Cpu, reg: number, lo: number, hi: number): void {
  const r = reg << 2;
  cpu.v[r] = lo;
  cpu.v[r + 1] = hi;
  cpu.v[r + 2] = 0;
  cpu.v[r + 3] = 0;
}

/** Clears a slot. */
export function clear(slot: number): void {
  const s = slot << 2;
  I32[s] = I32[s + 1] = I32[s + 2] = I32[s + 3] = 0;
}

/** Lane i of a slot, zero-extended, for lane sizes 8/16/32 (size 0..2). */
export function getU(slot: number, size: number, i: number): number {
  switch (size) {
    case 0:
      return U8[(slot << 4) + i];
    case 1:
      return U16[(slot << 3) + i];
    default:
      return U32[(slot << 2) + i];
  }
}

/** Lane i of a slot, sign-extended, for lane sizes 8/16/32 (size 0..2). */
export function getS(slot: number, size: number, i: number): number {
  switch (size) {
    case 0:
      return I8[(slot << 4) + i];
    case 1:
      return I16[(slot << 3) + i];
    default:
      return I32[(slot << 2) + i];
  }
}

/** Sets lane i of a slot (size 0..2); the value is truncated to the lane as integers are. */
export function setLane(slot: number, size: number, i: number, value: number): void {
  switch (size) {
    case 0:
      U8[(slot << 4) + i] = value;
      return;
    case 1:
      U16[(slot << 3) + i] = value;
      return;
    default:
      I32[(slot << 2) + i] = value;
  }
}

/** Copies lane `si` of slot `src` to lane `di` of slot `dst`, for any lane size 0..3. */
export function copyLane(src: number, si: number, dst: number, di: number, size: number): void {
  const bytes = 1 << size;
  const s = (src << 4) + si * bytes;
  const d = (dst << 4) + di * bytes;
  for (let k = 0; k < bytes; k++) U8[d + k] = U8[s + k];
}

/** Sign-extends the low `bits` bits of v (bits <= 32). */
export function signExtend(v: number, bits: number): number {
  return bits >= 32 ? v | 0 : (v << (32 - bits)) >> (32 - bits);
}

// ---- 64-bit lane arithmetic on lo/hi int32 pairs; results return lo, hi in `hi64` ----

/** Hi half of the last 64-bit helper result. */
export let hi64 = 0;

export function add64(alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = (alo >>> 0) + (blo >>> 0);
  hi64 = (ahi + bhi + (lo > 0xffffffff ? 1 : 0)) | 0;
  return lo | 0;
}

export function sub64(alo: number, ahi: number, blo: number, bhi: number): number {
  const lo = (alo >>> 0) - (blo >>> 0);
  hi64 = (ahi - bhi - (lo < 0 ? 1 : 0)) | 0;
  return lo | 0;
}

/** Logical shift left by 0..63 (larger shifts give 0). */
export function shl64(lo: number, hi: number, n: number): number {
  if (n === 0) {
    hi64 = hi;
    return lo;
  }
  if (n >= 64) {
    hi64 = 0;
    return 0;
  }
  if (n >= 32) {
    hi64 = lo << (n - 32);
    return 0;
  }
  hi64 = (hi << n) | (lo >>> (32 - n));
  return lo << n;
}

/** Shift right by 0..64 (arithmetic when `signed`); 64 gives 0 or the sign. */
export function shr64(lo: number, hi: number, n: number, signed: boolean): number {
  if (n === 0) {
    hi64 = hi;
    return lo;
  }
  const fill = signed ? hi >> 31 : 0;
  if (n >= 64) {
    hi64 = fill;
    return fill;
  }
  if (n >= 32) {
    hi64 = fill;
    return n === 32 ? hi : signed ? hi >> (n - 32) : hi >>> (n - 32);
  }
  hi64 = signed ? hi >> n : hi >>> n;
  return (lo >>> n) | (hi << (32 - n));
}

/** Compares two 64-bit values: -1, 0 or 1, as signed or unsigned numbers. */
export function cmp64(alo: number, ahi: number, blo: number, bhi: number, signed: boolean): number {
  if (ahi !== bhi) {
    if (signed) return ahi < bhi ? -1 : 1;
    return ahi >>> 0 < bhi >>> 0 ? -1 : 1;
  }
  if (alo === blo) return 0;
  return alo >>> 0 < blo >>> 0 ? -1 : 1;
}
