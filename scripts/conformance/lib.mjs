/**
 * Shared pieces of the conformance generator: a seeded PRNG, the "interesting" input
 * values, bit helpers, and the case builder every class file uses.
 *
 * A case is a short AArch64 snippet (assembly source lines) plus the input state it
 * starts from. Registers a case does not name get the deterministic filler values
 * below, so an instruction that writes a register it should not is still caught.
 */

export const M64 = (1n << 64n) - 1n;
export const M32 = (1n << 32n) - 1n;

/** The scratch memory window every load/store case works in (it straddles a page boundary). */
export const SCRATCH_BASE = 0x4080_0f80n;
export const SCRATCH_SIZE = 256;
export const PAGE_BOUNDARY = 0x4080_1000n;

/** Filler value of Xn when a case does not set it. */
export function defaultX(n) {
  return ((0xc0de_0000n + BigInt(n)) << 32n) | (0x5eed_0000n + BigInt(n) * 0x101n);
}
/** Filler value of Vn (128 bits) when a case does not set it. */
export function defaultV(n) {
  const b = BigInt(n);
  return (0xf00d_0000_0000_0000n + (b << 40n) + b * 0x1_0001n) << 64n | (0xbeef_0000_0000_0000n + (b << 32n) + b * 0x0101n);
}
/** Default SP: 16-byte aligned, on the page boundary inside the scratch window. */
export const DEFAULT_SP = PAGE_BOUNDARY;

/** splitmix64: small, fast, good enough, and fully determined by its seed. */
export class Rng {
  constructor(seed) {
    this.s = BigInt(seed) & M64;
  }
  next64() {
    this.s = (this.s + 0x9e3779b97f4a7c15n) & M64;
    let z = this.s;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  }
  /** Integer in [0, n). */
  int(n) {
    return Number(this.next64() % BigInt(n));
  }
  pick(list) {
    return list[this.int(list.length)];
  }
  bool() {
    return this.int(2) === 1;
  }
  bytes(n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(this.next64() & 0xffn);
    return out;
  }
  /** A 64-bit value: edge values, small numbers, sign-boundary neighbours, or noise. */
  val() {
    const k = this.int(10);
    if (k < 3) return this.pick(EDGE64);
    if (k < 4) return BigInt(this.int(256));
    if (k < 5) return (this.pick(EDGE64) + BigInt(this.int(5)) - 2n) & M64;
    if (k < 6) return this.next64() & M32; // upper half clear
    if (k < 7) return this.next64() | 0xffff_ffff_0000_0000n; // upper half set
    return this.next64();
  }
  v128() {
    return (this.next64() << 64n) | this.next64();
  }
  nzcv() {
    return (this.int(16) << 28) >>> 0;
  }
}

export const EDGE64 = [
  0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn,
  0x1_0000_0000n, 0x7fff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n, 0xffff_ffff_ffff_ffffn,
  0xffff_ffff_ffff_fffen, 0x8000_0000_0000_0001n, 0xffff_fffen, 0xffff_ffff_8000_0000n, 0xffff_ffff_7fff_ffffn,
  0x0000_0001_ffff_ffffn, 0x5555_5555_5555_5555n, 0xaaaa_aaaa_aaaa_aaaan,
];

export function hex(v) {
  return '0x' + (BigInt(v) & ((1n << 128n) - 1n)).toString(16);
}

export function sext(v, bits) {
  const b = BigInt(bits);
  v &= (1n << b) - 1n;
  return v & (1n << (b - 1n)) ? v - (1n << b) : v;
}

/** Replicates an element-size bitmask pattern (as the logical-immediate encoding does). */
export function bitmaskImmediate(rng, width) {
  const sizes = width === 64 ? [2, 4, 8, 16, 32, 64] : [2, 4, 8, 16, 32];
  const e = rng.pick(sizes);
  const ones = 1 + rng.int(e - 1);
  const rot = rng.int(e);
  const eb = BigInt(e);
  const emask = (1n << eb) - 1n;
  let elem = (1n << BigInt(ones)) - 1n;
  elem = ((elem >> BigInt(rot)) | (elem << (eb - BigInt(rot)))) & emask;
  let v = 0n;
  for (let i = 0; i < width; i += e) v |= elem << BigInt(i);
  return v;
}

/** Register name of width 32 ('w') or 64 ('x'). */
export function r(width, n) {
  if (n === 31) return width === 64 ? 'xzr' : 'wzr';
  return (width === 64 ? 'x' : 'w') + n;
}

/** Picks `count` distinct integers from [lo, hi], excluding `avoid`. */
export function distinct(rng, count, lo = 0, hi = 28, avoid = []) {
  const out = [];
  while (out.length < count) {
    const n = lo + rng.int(hi - lo + 1);
    if (!out.includes(n) && !avoid.includes(n)) out.push(n);
  }
  return out;
}

/**
 * Collects cases for one class file. `add` takes the snippet lines, the inputs, and a
 * group (the to-do list line it counts under). Labels written `%name` are made unique
 * per case; `%end` is the end of the snippet (where the runner puts BRK #0).
 */
export class CaseList {
  constructor(cls) {
    this.cls = cls;
    this.cases = [];
    this.counts = new Map();
  }
  add(group, asm, input = {}) {
    const lines = Array.isArray(asm) ? asm : [asm];
    const k = (this.counts.get(group) ?? 0) + 1;
    this.counts.set(group, k);
    this.cases.push({ name: `${group} [${k}]: ${lines.filter((l) => !l.startsWith('%')).join('; ')}`, group, asm: lines, input });
  }
}
