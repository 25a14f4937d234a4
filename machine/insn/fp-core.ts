/**
 * IEEE 754 arithmetic for the scalar and vector floating-point instructions, single (S)
 * and double (D) precision, as the Arm ARM's FPAdd/FPMul/FPMulAdd/FPRound/FPToFixed
 * pseudocode defines it (not an instruction class itself; fp-scalar.ts and fp-vector.ts
 * decode the instructions and call in here).
 *
 * Operands and results are raw bits: `lo` is the whole single, or a double's low word with
 * `hi` its high word. NaNs never go through JS arithmetic (it would drop their payloads):
 * they are recognised on the bits and propagated by the Arm rules (first signalling, then
 * first quiet operand, quietened; the default NaN under FPCR.DN). Results are returned in
 * `outLo`/`outHi` and exception flags are ORed into cpu.fpsr.
 *
 * Numbers take a fast path in JS doubles whenever it is provably exact: double +,-,*,/,sqrt
 * are correctly rounded to nearest-even, singles computed in double and narrowed with
 * Math.fround are too (53 >= 2*24+2 makes the double rounding innocuous), and inexactness is
 * detected exactly with error-free transformations (TwoSum, Dekker's TwoProduct). Anything
 * else — another rounding mode, results that underflow or overflow, operands too large or
 * small for the error terms, the double fused multiply-add when its error terms do not add
 * exactly — goes to a slow path that computes the exact value with BigInt and rounds it
 * once (FPRound): correctness first, and those cases are rare in ordinary programs.
 * Flags IOC, DZC, OFC, UFC (tininess before rounding, as Arm), IXC and IDC are exact.
 */

import type { Cpu } from '../cpu.js';

// ---- bit views ---------------------------------------------------------------------------

const F64 = new Float64Array(1);
const W64 = new Int32Array(F64.buffer);
const F32 = new Float32Array(1);
const W32 = new Int32Array(F32.buffer);

export const IOC = 1;
export const DZC = 2;
export const OFC = 4;
export const UFC = 8;
export const IXC = 16;
export const IDC = 128;
const FPCR_FZ = 1 << 24;
const FPCR_DN = 1 << 25;

/** Rounding modes in FPCR.RMode order, then ties-away (FCVTA*, FRINTA), which FPCR cannot select. */
export const NEAREST = 0;
export const PLUS = 1;
export const MINUS = 2;
export const ZERO = 3;
export const AWAY = 4;

export function fpcrRounding(cpu: Cpu): number {
  return (cpu.fpcr >>> 22) & 3;
}

/** The result of the last operation: a single in outLo, or a double's lo/hi words. */
export let outLo = 0;
export let outHi = 0;

const MIN_NORMAL_S = 1.1754943508222875e-38; // 2^-126
const MIN_NORMAL_D = 2.2250738585072014e-308; // 2^-1022
/** Doubles whose error terms (TwoProduct) are exactly representable and cannot overflow. */
const SAFE_LO = 2 ** -900;
const SAFE_HI = 2 ** 900;
const SPLITTER = 134217729; // 2^27 + 1

// ---- NaNs, on the bits ------------------------------------------------------------------

export function isNaNBits(lo: number, hi: number, dbl: number): boolean {
  return dbl
    ? (hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0
    : (lo & 0x7f800000) === 0x7f800000 && (lo & 0x7fffff) !== 0;
}

/** For a NaN: its quiet bit is clear. */
function quietBitClear(lo: number, hi: number, dbl: number): boolean {
  return dbl ? (hi & 0x80000) === 0 : (lo & 0x400000) === 0;
}

export function isSignallingNaN(lo: number, hi: number, dbl: number): boolean {
  return isNaNBits(lo, hi, dbl) && quietBitClear(lo, hi, dbl);
}

export function defaultNaN(dbl: number): void {
  outLo = dbl ? 0 : 0x7fc00000;
  outHi = dbl ? 0x7ff80000 : 0;
}

/** FPProcessNaN: the NaN operand quietened (IOC if it signalled), or the default NaN under DN. */
function processNaN(cpu: Cpu, lo: number, hi: number, dbl: number): void {
  if (quietBitClear(lo, hi, dbl)) cpu.fpsr |= IOC;
  if (cpu.fpcr & FPCR_DN) defaultNaN(dbl);
  else if (dbl) {
    outLo = lo;
    outHi = hi | 0x80000;
  } else {
    outLo = lo | 0x400000;
    outHi = 0;
  }
}

/** FPProcessNaNs for two operands; false when neither is a NaN. */
export function processNaNs2(cpu: Cpu, aLo: number, aHi: number, bLo: number, bHi: number, dbl: number): boolean {
  const an = isNaNBits(aLo, aHi, dbl);
  const bn = isNaNBits(bLo, bHi, dbl);
  if (!an && !bn) return false;
  if (an && quietBitClear(aLo, aHi, dbl)) processNaN(cpu, aLo, aHi, dbl);
  else if (bn && quietBitClear(bLo, bHi, dbl)) processNaN(cpu, bLo, bHi, dbl);
  else if (an) processNaN(cpu, aLo, aHi, dbl);
  else processNaN(cpu, bLo, bHi, dbl);
  return true;
}

/** FPProcessNaN for one operand; false when it is not a NaN. */
export function processNaN1(cpu: Cpu, lo: number, hi: number, dbl: number): boolean {
  if (!isNaNBits(lo, hi, dbl)) return false;
  processNaN(cpu, lo, hi, dbl);
  return true;
}

// ---- operands and results as JS numbers -------------------------------------------------

/** FPUnpack's value of a non-NaN operand; a denormal becomes a signed zero (IDC) under FPCR.FZ. */
export function toNumber(cpu: Cpu, lo: number, hi: number, dbl: number): number {
  if (dbl) {
    if ((hi & 0x7ff00000) === 0 && ((hi & 0xfffff) | lo) !== 0 && cpu.fpcr & FPCR_FZ) {
      cpu.fpsr |= IDC;
      return hi < 0 ? -0 : 0;
    }
    W64[0] = lo;
    W64[1] = hi;
    return F64[0];
  }
  if ((lo & 0x7f800000) === 0 && (lo & 0x7fffff) !== 0 && cpu.fpcr & FPCR_FZ) {
    cpu.fpsr |= IDC;
    return lo < 0 ? -0 : 0;
  }
  W32[0] = lo;
  return F32[0];
}

/** Sets out to a number already representable in the format (never a NaN). */
export function setNumber(x: number, dbl: number): void {
  if (dbl) {
    F64[0] = x;
    outLo = W64[0];
    outHi = W64[1];
  } else {
    F32[0] = x;
    outLo = W32[0];
    outHi = 0;
  }
}

function isNegative(x: number): boolean {
  return x < 0 || (x === 0 && 1 / x < 0);
}

/** The invalid operation result: the default NaN, IOC. */
function invalid(cpu: Cpu, dbl: number): void {
  cpu.fpsr |= IOC;
  defaultNaN(dbl);
}

// ---- error-free transformations ------------------------------------------------------------

/** TwoSum: the exact error a + b - s of s = fl(a + b) (no overflow). */
function sumError(a: number, b: number, s: number): number {
  const bv = s - a;
  const av = s - bv;
  return a - av + (b - bv);
}

/** Dekker's TwoProduct: the exact error a*b - p of p = fl(a*b), for operands and product in the safe range. */
function productError(a: number, b: number, p: number): number {
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

function inSafeRange(x: number): boolean {
  const a = Math.abs(x);
  return a >= SAFE_LO && a <= SAFE_HI;
}

/** The double next to s in the direction of the sign of `towards` (s nonzero, finite). */
function nextToward(s: number, towards: number): number {
  F64[0] = s;
  // Moving away from zero increments the magnitude bits; toward zero decrements them.
  const away = s > 0 === towards > 0;
  let lo = W64[0] >>> 0;
  let hi = W64[1];
  if (away) {
    lo += 1;
    if (lo > 0xffffffff) {
      lo = 0;
      hi += 1;
    }
  } else {
    if (lo === 0) {
      lo = 0xffffffff;
      hi -= 1;
    } else lo -= 1;
  }
  W64[0] = lo | 0;
  W64[1] = hi;
  return F64[0];
}

/** Round-to-odd of an exact s + err from its nearest-even s: then one more rounding to fewer than 52 bits is correct. */
function toOdd(s: number, err: number): number {
  if (err === 0) return s;
  F64[0] = s;
  return W64[0] & 1 ? s : nextToward(s, err);
}

// ---- the exact slow path (FPRound) ---------------------------------------------------------

let partMant = 0;
let partExp = 0;
/** Splits a finite double into |x| = partMant * 2^partExp (partMant < 2^53 an integer). */
function decompose(x: number): void {
  F64[0] = x;
  const hi = W64[1];
  const e = (hi >>> 20) & 0x7ff;
  partMant = ((hi & 0xfffff) | (e ? 0x100000 : 0)) * 4294967296 + (W64[0] >>> 0);
  partExp = (e ? e : 1) - 1075;
}

function bitLength(m: bigint): number {
  return m.toString(2).length;
}

/** The exact signed value of a finite double as m * 2^e (m a signed BigInt); e in exactExp. */
let exactExp = 0;
function exact(x: number): bigint {
  decompose(x);
  exactExp = partExp;
  const m = BigInt(partMant);
  return x < 0 ? -m : m;
}

function setZero(negative: boolean, dbl: number): void {
  outLo = dbl ? 0 : negative ? 0x80000000 | 0 : 0;
  outHi = dbl && negative ? 0x80000000 | 0 : 0;
}

function setInfinity(negative: boolean, dbl: number): void {
  setNumber(negative ? -Infinity : Infinity, dbl);
}

/**
 * FPRound: rounds (-1)^negative * m * 2^e (m > 0) to the format in `rounding`, with the
 * flags and the FZ flush of tiny results (tininess detected before rounding).
 */
function roundExact(cpu: Cpu, negative: boolean, m: bigint, e: number, dbl: number, rounding: number): void {
  const p = dbl ? 53 : 24;
  const emin = dbl ? -1022 : -126;
  const bias = dbl ? 1023 : 127;
  const top = e + bitLength(m) - 1;
  const tiny = top < emin;
  if (tiny && cpu.fpcr & FPCR_FZ) {
    cpu.fpsr |= UFC;
    setZero(negative, dbl);
    return;
  }
  let lsb = tiny ? emin - p + 1 : top - p + 1;
  const shift = lsb - e;
  let int: bigint;
  let inexact = false;
  if (shift <= 0) int = m << BigInt(-shift);
  else {
    const sh = BigInt(shift);
    int = m >> sh;
    const rem = m - (int << sh);
    if (rem !== 0n) {
      inexact = true;
      const half = 1n << (sh - 1n);
      let up: boolean;
      switch (rounding) {
        case NEAREST:
          up = rem > half || (rem === half && (int & 1n) === 1n);
          break;
        case AWAY:
          up = rem >= half;
          break;
        case PLUS:
          up = !negative;
          break;
        case MINUS:
          up = negative;
          break;
        default:
          up = false;
      }
      if (up) int += 1n;
    }
  }
  let biased = 0;
  if (int >= 1n << BigInt(p - 1)) {
    if (int >= 1n << BigInt(p)) {
      int >>= 1n;
      lsb += 1;
    }
    biased = lsb + p - 1 + bias;
  }
  if (tiny && inexact) cpu.fpsr |= UFC;
  if (biased >= (dbl ? 2047 : 255)) {
    cpu.fpsr |= OFC | IXC;
    const toInfinity = rounding === NEAREST || rounding === AWAY || (rounding === PLUS ? !negative : rounding === MINUS && negative);
    if (toInfinity) setInfinity(negative, dbl);
    else setNumber(negative ? -(dbl ? Number.MAX_VALUE : 3.4028234663852886e38) : dbl ? Number.MAX_VALUE : 3.4028234663852886e38, dbl);
    return;
  }
  if (inexact) cpu.fpsr |= IXC;
  const frac = int & ((1n << BigInt(p - 1)) - 1n);
  const sign = negative ? 0x80000000 : 0;
  if (dbl) {
    outLo = Number(frac & 0xffffffffn) | 0;
    outHi = sign | (biased << 20) | Number(frac >> 32n);
  } else {
    outLo = sign | (biased << 23) | Number(frac);
    outHi = 0;
  }
}

/** Rounds a signed exact value m * 2^e; an exact zero takes the sign the rounding mode gives. */
function roundSigned(cpu: Cpu, m: bigint, e: number, dbl: number, rounding: number): void {
  if (m === 0n) setZero(rounding === MINUS, dbl);
  else if (m < 0n) roundExact(cpu, true, -m, e, dbl, rounding);
  else roundExact(cpu, false, m, e, dbl, rounding);
}

function slowAdd(cpu: Cpu, x: number, y: number, dbl: number, rounding: number): void {
  const ma = exact(x);
  const ea = exactExp;
  const mb = exact(y);
  const eb = exactExp;
  const e = Math.min(ea, eb);
  roundSigned(cpu, (ma << BigInt(ea - e)) + (mb << BigInt(eb - e)), e, dbl, rounding);
}

function slowMul(cpu: Cpu, x: number, y: number, dbl: number, rounding: number): void {
  const ma = exact(x);
  const ea = exactExp;
  const mb = exact(y);
  roundSigned(cpu, ma * mb, ea + exactExp, dbl, rounding);
}

/** x / y for finite nonzero operands: 128 extra quotient bits and a sticky bit. */
function slowDiv(cpu: Cpu, x: number, y: number, dbl: number, rounding: number): void {
  decompose(x);
  const ma = BigInt(partMant) << 128n;
  const ea = partExp - 128;
  decompose(y);
  const mb = BigInt(partMant);
  let q = ma / mb;
  let e = ea - partExp;
  if (q * mb !== ma) {
    q = (q << 1n) | 1n;
    e -= 1;
  }
  roundExact(cpu, (x < 0) !== (y < 0), q, e, dbl, rounding);
}

function isqrt(n: bigint): bigint {
  let x = 1n << BigInt((bitLength(n) >> 1) + 1);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** sqrt(x) for finite x > 0: at least 64 root bits and a sticky bit. */
function slowSqrt(cpu: Cpu, x: number, dbl: number, rounding: number): void {
  decompose(x);
  let m = BigInt(partMant);
  let e = partExp;
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  m <<= 128n;
  e -= 128;
  let r = isqrt(m);
  let re = e / 2;
  if (r * r !== m) {
    r = (r << 1n) | 1n;
    re -= 1;
  }
  roundExact(cpu, false, r, re, dbl, rounding);
}

function slowMulAdd(cpu: Cpu, a: number, x: number, y: number, dbl: number, rounding: number): void {
  const mx = exact(x);
  const ex = exactExp;
  const my = exact(y);
  const ep = ex + exactExp;
  const mp = mx * my;
  const ma = exact(a);
  const ea = exactExp;
  const e = Math.min(ea, ep);
  roundSigned(cpu, (ma << BigInt(ea - e)) + (mp << BigInt(ep - e)), e, dbl, rounding);
}

/** Rounds a finite double value (exactly known) to the format: FCVT D->S and integer conversions. */
function slowRoundNumber(cpu: Cpu, x: number, dbl: number, rounding: number): void {
  if (x === 0) return setZero(isNegative(x), dbl);
  decompose(x);
  roundExact(cpu, x < 0, BigInt(partMant), partExp, dbl, rounding);
}

// ---- arithmetic: FADD, FSUB, FMUL, FNMUL, FDIV, FMAX, FMIN, FMAXNM, FMINNM ----------------

export const ADD = 0;
export const SUB = 1;
export const MUL = 2;
export const DIV = 3;
export const MAX = 4;
export const MIN = 5;
export const MAXNM = 6;
export const MINNM = 7;
export const NMUL = 8;

/** Delivers a correctly rounded candidate r: exact, or inexact under round-to-nearest (IXC). */
function deliver(cpu: Cpu, r: number, inexact: boolean, dbl: number): void {
  if (inexact) cpu.fpsr |= IXC;
  setNumber(r, dbl);
}

/** Exact zero sums: +0 unless both addends are -0, or -0 under round-towards-minus (FPAdd). */
function zeroSum(x: number, y: number, rounding: number): number {
  if (x === 0 && y === 0 && isNegative(x) === isNegative(y)) return x;
  return rounding === MINUS ? -0 : 0;
}

function add(cpu: Cpu, x: number, y: number, dbl: number): void {
  const rounding = fpcrRounding(cpu);
  const s = x + y;
  if (s !== s) return invalid(cpu, dbl);
  if (s === 0) return setNumber(zeroSum(x, y, rounding), dbl);
  const as = Math.abs(s);
  if (as === Infinity) {
    if (Math.abs(x) === Infinity || Math.abs(y) === Infinity) return setNumber(s, dbl);
    return slowAdd(cpu, x, y, dbl, rounding);
  }
  if (dbl) {
    // A sum of doubles that lands below 2^-1022 is exact, but FZ would flush it.
    if (as < MIN_NORMAL_D) return slowAdd(cpu, x, y, dbl, rounding);
    const err = sumError(x, y, s);
    if (err !== 0 && rounding !== NEAREST) return slowAdd(cpu, x, y, dbl, rounding);
    return deliver(cpu, s, err !== 0, dbl);
  }
  const r = Math.fround(s);
  const ar = Math.abs(r);
  if (ar < MIN_NORMAL_S || ar === Infinity) return slowAdd(cpu, x, y, dbl, rounding);
  const inexact = r !== s || sumError(x, y, s) !== 0;
  if (inexact && rounding !== NEAREST) return slowAdd(cpu, x, y, dbl, rounding);
  deliver(cpu, r, inexact, dbl);
}

function mul(cpu: Cpu, x: number, y: number, dbl: number): void {
  const rounding = fpcrRounding(cpu);
  const p = x * y;
  if (p !== p) return invalid(cpu, dbl);
  if (x === 0 || y === 0 || Math.abs(x) === Infinity || Math.abs(y) === Infinity) return setNumber(p, dbl);
  if (dbl) {
    if (!inSafeRange(p) || Math.abs(x) >= 2 ** 995 || Math.abs(y) >= 2 ** 995) return slowMul(cpu, x, y, dbl, rounding);
    const inexact = productError(x, y, p) !== 0;
    if (inexact && rounding !== NEAREST) return slowMul(cpu, x, y, dbl, rounding);
    return deliver(cpu, p, inexact, dbl);
  }
  // The product of two singles is exact in a double.
  const r = Math.fround(p);
  const ar = Math.abs(r);
  if (Math.abs(p) < MIN_NORMAL_S || ar === Infinity) return slowMul(cpu, x, y, dbl, rounding);
  const inexact = r !== p;
  if (inexact && rounding !== NEAREST) return slowMul(cpu, x, y, dbl, rounding);
  deliver(cpu, r, inexact, dbl);
}

function div(cpu: Cpu, x: number, y: number, dbl: number): void {
  const rounding = fpcrRounding(cpu);
  const q = x / y;
  if (q !== q) return invalid(cpu, dbl);
  if (y === 0) {
    if (Math.abs(x) !== Infinity) cpu.fpsr |= DZC;
    return setNumber(q, dbl);
  }
  if (x === 0 || Math.abs(x) === Infinity || Math.abs(y) === Infinity) return setNumber(q, dbl);
  if (dbl) {
    if (!inSafeRange(x) || !inSafeRange(y) || !inSafeRange(q)) return slowDiv(cpu, x, y, dbl, rounding);
    const back = q * y;
    const inexact = back !== x || productError(q, y, back) !== 0;
    if (inexact && rounding !== NEAREST) return slowDiv(cpu, x, y, dbl, rounding);
    return deliver(cpu, q, inexact, dbl);
  }
  const r = Math.fround(q);
  const ar = Math.abs(r);
  if (ar <= MIN_NORMAL_S || ar === Infinity) return slowDiv(cpu, x, y, dbl, rounding);
  const inexact = r * y !== x; // r * y is exact: two singles
  if (inexact && rounding !== NEAREST) return slowDiv(cpu, x, y, dbl, rounding);
  deliver(cpu, r, inexact, dbl);
}

/** FPMax/FPMin on numbers: +0 beats -0 for max, -0 for min. */
function maxMin(x: number, y: number, max: boolean, dbl: number): void {
  let r: number;
  if (x === 0 && y === 0) r = isNegative(x) === max ? y : x;
  else r = max ? (x > y ? x : y) : x < y ? x : y;
  setNumber(r, dbl);
}

/** The two-operand arithmetic on raw operand bits; the result is in outLo/outHi. */
export function binary(cpu: Cpu, op: number, aLo: number, aHi: number, bLo: number, bHi: number, dbl: number): void {
  if (op === MAXNM || op === MINNM) {
    // A quiet NaN against a number loses: the number is the result (FPMaxNum/FPMinNum).
    const an = isNaNBits(aLo, aHi, dbl);
    const bn = isNaNBits(bLo, bHi, dbl);
    if (an && !bn && !quietBitClear(aLo, aHi, dbl)) return setNumber(toNumber(cpu, bLo, bHi, dbl), dbl);
    if (bn && !an && !quietBitClear(bLo, bHi, dbl)) return setNumber(toNumber(cpu, aLo, aHi, dbl), dbl);
  }
  if (processNaNs2(cpu, aLo, aHi, bLo, bHi, dbl)) {
    if (op === NMUL) negateOut(dbl);
    return;
  }
  const x = toNumber(cpu, aLo, aHi, dbl);
  const y = toNumber(cpu, bLo, bHi, dbl);
  switch (op) {
    case ADD:
      return add(cpu, x, y, dbl);
    case SUB:
      return add(cpu, x, -y, dbl);
    case MUL:
      return mul(cpu, x, y, dbl);
    case NMUL:
      mul(cpu, x, y, dbl);
      return negateOut(dbl);
    case DIV:
      return div(cpu, x, y, dbl);
    case MAX:
    case MAXNM:
      return maxMin(x, y, true, dbl);
    default:
      return maxMin(x, y, false, dbl);
  }
}

/** FPNeg of the result (FNMUL negates after rounding, NaNs included). */
function negateOut(dbl: number): void {
  if (dbl) outHi ^= 0x80000000;
  else outLo ^= 0x80000000;
}

// ---- FSQRT -----------------------------------------------------------------------------

export function sqrt(cpu: Cpu, lo: number, hi: number, dbl: number): void {
  if (processNaN1(cpu, lo, hi, dbl)) return;
  const x = toNumber(cpu, lo, hi, dbl);
  if (x === 0 || x === Infinity) return setNumber(x, dbl);
  if (x < 0) return invalid(cpu, dbl);
  const rounding = fpcrRounding(cpu);
  const s = Math.sqrt(x);
  if (dbl) {
    if (!inSafeRange(x)) return slowSqrt(cpu, x, dbl, rounding);
    const back = s * s;
    const inexact = back !== x || productError(s, s, back) !== 0;
    if (inexact && rounding !== NEAREST) return slowSqrt(cpu, x, dbl, rounding);
    return deliver(cpu, s, inexact, dbl);
  }
  const r = Math.fround(s);
  const inexact = r * r !== x;
  if (inexact && rounding !== NEAREST) return slowSqrt(cpu, x, dbl, rounding);
  deliver(cpu, r, inexact, dbl);
}

// ---- fused multiply-add: FMADD, FMSUB, FNMADD, FNMSUB, FMLA, FMLS ------------------------

/**
 * FPMulAdd(addend, op1, op2): addend + op1*op2 with one rounding. The callers have applied
 * FPNeg to the operands the instruction negates (on the bits, so negated NaNs flip sign).
 */
export function mulAdd(cpu: Cpu, aLo: number, aHi: number, xLo: number, xHi: number, yLo: number, yHi: number, dbl: number): void {
  const aNaN = isNaNBits(aLo, aHi, dbl);
  const xNaN = isNaNBits(xLo, xHi, dbl);
  const yNaN = isNaNBits(yLo, yHi, dbl);
  if (aNaN || xNaN || yNaN) {
    // FPProcessNaNs3: signalling NaNs first, in operand order (addend first), then quiet ones.
    if (aNaN && quietBitClear(aLo, aHi, dbl)) processNaN(cpu, aLo, aHi, dbl);
    else if (xNaN && quietBitClear(xLo, xHi, dbl)) processNaN(cpu, xLo, xHi, dbl);
    else if (yNaN && quietBitClear(yLo, yHi, dbl)) processNaN(cpu, yLo, yHi, dbl);
    else if (aNaN) {
      // A quiet NaN addend with an infinity times zero product is still an invalid operation.
      if (!xNaN && !yNaN) {
        const x = toNumber(cpu, xLo, xHi, dbl);
        const y = toNumber(cpu, yLo, yHi, dbl);
        if ((x === 0 && Math.abs(y) === Infinity) || (y === 0 && Math.abs(x) === Infinity)) return invalid(cpu, dbl);
      }
      processNaN(cpu, aLo, aHi, dbl);
    } else if (xNaN) processNaN(cpu, xLo, xHi, dbl);
    else processNaN(cpu, yLo, yHi, dbl);
    return;
  }
  const a = toNumber(cpu, aLo, aHi, dbl);
  const x = toNumber(cpu, xLo, xHi, dbl);
  const y = toNumber(cpu, yLo, yHi, dbl);
  const rounding = fpcrRounding(cpu);
  const xInf = Math.abs(x) === Infinity;
  const yInf = Math.abs(y) === Infinity;
  const aInf = Math.abs(a) === Infinity;
  if ((xInf && y === 0) || (x === 0 && yInf)) return invalid(cpu, dbl);
  const pNegative = isNegative(x) !== isNegative(y);
  if (xInf || yInf) {
    if (aInf && isNegative(a) !== pNegative) return invalid(cpu, dbl);
    return setInfinity(pNegative, dbl);
  }
  if (aInf) return setNumber(a, dbl);
  if (x === 0 || y === 0) {
    // The product is an exact zero: the sum is a's, except zero plus zero.
    if (a === 0) return setNumber(isNegative(a) === pNegative ? a : rounding === MINUS ? -0 : 0, dbl);
    return setNumber(a, dbl);
  }
  const p = x * y;
  if (!dbl) {
    // Singles: the product is exact in a double; the sum rounded to odd then to single is exact.
    const s = p + a;
    if (s === 0) return setNumber(rounding === MINUS ? -0 : 0, dbl);
    const err = sumError(p, a, s);
    const r = Math.fround(toOdd(s, err));
    const ar = Math.abs(r);
    const inexact = err !== 0 || r !== s;
    if (ar > MIN_NORMAL_S && ar !== Infinity && (!inexact || rounding === NEAREST)) return deliver(cpu, r, inexact, dbl);
    return slowMulAdd(cpu, a, x, y, dbl, rounding);
  }
  // Doubles (Boldo & Melquiond's emulation): p + pe is the exact product, th + tl = a + p,
  // and z = RN(th + RO(tl + pe)) is the correctly rounded a + x*y. Inexact: when tl + pe
  // is not a double, tl is nonzero, so a and p did not cancel (Sterbenz) and |tl + pe| is
  // far below |th| / 2, which makes th + tl + pe not a double either; otherwise TwoSum tells.
  if (rounding === NEAREST && inSafeRange(p) && Math.abs(x) < 2 ** 995 && Math.abs(y) < 2 ** 995 && (a === 0 || inSafeRange(a))) {
    const pe = productError(x, y, p);
    const th = a + p;
    const tl = sumError(a, p, th);
    const v0 = tl + pe;
    const ve = sumError(tl, pe, v0);
    const v = toOdd(v0, ve);
    const z = th + v;
    if (z !== 0 && inSafeRange(z)) return deliver(cpu, z, ve !== 0 || sumError(th, v, z) !== 0, dbl);
  }
  slowMulAdd(cpu, a, x, y, dbl, rounding);
}

// ---- FCVT between single and double -------------------------------------------------------

/** FCVT Dd, Sn: exact; NaNs keep sign and payload (quietened). Result in outLo/outHi as a double. */
export function singleToDouble(cpu: Cpu, lo: number): void {
  if (isNaNBits(lo, 0, 0)) {
    if (quietBitClear(lo, 0, 0)) cpu.fpsr |= IOC;
    if (cpu.fpcr & FPCR_DN) return defaultNaN(1);
    outHi = (lo & 0x80000000) | 0x7ff80000 | ((lo >>> 3) & 0x7ffff);
    outLo = lo << 29;
    return;
  }
  setNumber(toNumber(cpu, lo, 0, 0), 1);
}

/** FCVT Sd, Dn: one rounding in FPCR's mode. */
export function doubleToSingle(cpu: Cpu, lo: number, hi: number): void {
  if (isNaNBits(lo, hi, 1)) {
    if (quietBitClear(lo, hi, 1)) cpu.fpsr |= IOC;
    if (cpu.fpcr & FPCR_DN) return defaultNaN(0);
    outLo = (hi & 0x80000000) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29);
    outHi = 0;
    return;
  }
  const x = toNumber(cpu, lo, hi, 1);
  const r = Math.fround(x);
  const ar = Math.abs(r);
  if (r === x && (ar >= MIN_NORMAL_S || r === 0)) return setNumber(r, 0);
  const rounding = fpcrRounding(cpu);
  if (ar > MIN_NORMAL_S && ar !== Infinity && rounding === NEAREST) return deliver(cpu, r, true, 0);
  if (Math.abs(x) === Infinity) return setNumber(x, 0);
  slowRoundNumber(cpu, x, 0, rounding);
}

// ---- rounding to an integral value: FRINT*, FCVT[NAMPZ][SU] -------------------------------

/** Rounds a finite number to an integer in the given mode (exact in doubles). */
export function roundToIntegral(x: number, rounding: number): number {
  switch (rounding) {
    case PLUS:
      return Math.ceil(x);
    case MINUS:
      return Math.floor(x);
    case ZERO:
      return Math.trunc(x);
    default: {
      const t = Math.trunc(x);
      const frac = Math.abs(x - t); // exact
      if (frac > 0.5 || (frac === 0.5 && (rounding === AWAY || t % 2 !== 0))) return x < 0 ? t - 1 : t + 1;
      return t;
    }
  }
}

/** FRINT<mode> (`exactFlag`: FRINTX signals IXC when the value changes). */
export function roundInt(cpu: Cpu, lo: number, hi: number, dbl: number, rounding: number, exactFlag: boolean): void {
  if (processNaN1(cpu, lo, hi, dbl)) return;
  const x = toNumber(cpu, lo, hi, dbl);
  if (x === 0 || Math.abs(x) === Infinity) return setNumber(x, dbl);
  let r = roundToIntegral(x, rounding);
  if (r === 0 && x < 0) r = -0;
  if (exactFlag && r !== x) cpu.fpsr |= IXC;
  setNumber(r, dbl);
}

/**
 * FPToFixed: x * 2^fbits rounded to a 32- or 64-bit integer, saturating (IOC) and with NaN
 * giving 0 (IOC); IXC when inexact. The result is in outLo/outHi.
 */
export function toFixed(cpu: Cpu, lo: number, hi: number, dbl: number, fbits: number, bits: number, unsigned: boolean, rounding: number): void {
  if (isNaNBits(lo, hi, dbl)) {
    cpu.fpsr |= IOC;
    outLo = outHi = 0;
    return;
  }
  const x = toNumber(cpu, lo, hi, dbl) * 2 ** fbits;
  const r = Math.abs(x) === Infinity ? x : roundToIntegral(x, rounding);
  // The range is [min, limit): 2^64 - 1 and 2^63 - 1 are not doubles, so saturation is spelled out.
  const limit = unsigned ? 2 ** bits : 2 ** (bits - 1);
  const min = unsigned ? 0 : -limit;
  if (r >= limit) {
    cpu.fpsr |= IOC;
    outLo = unsigned || bits === 64 ? -1 : 0x7fffffff;
    outHi = bits === 32 ? 0 : unsigned ? -1 : 0x7fffffff;
    return;
  }
  if (r < min) {
    cpu.fpsr |= IOC;
    outLo = unsigned ? 0 : bits === 32 ? 0x80000000 | 0 : 0;
    outHi = unsigned || bits === 32 ? 0 : 0x80000000 | 0;
    return;
  }
  if (r !== x) cpu.fpsr |= IXC;
  if (bits === 32) {
    outLo = r | 0;
    outHi = 0;
    return;
  }
  const h = Math.floor(r / 4294967296);
  outHi = h | 0;
  outLo = (r - h * 4294967296) | 0;
}

/**
 * SCVTF/UCVTF: the integer lo/hi (32 or 64 bits, signed or not) divided by 2^fbits, rounded
 * in FPCR's mode to the format.
 */
export function fromFixed(cpu: Cpu, lo: number, hi: number, bits: number, unsigned: boolean, fbits: number, dbl: number): void {
  const high = bits === 32 ? 0 : unsigned ? hi >>> 0 : hi;
  const low = bits === 32 && !unsigned ? lo : lo >>> 0;
  const upper = high * 4294967296;
  const s = upper + low;
  const scale = 2 ** -fbits;
  // Fast2Sum: |upper| >= |low| whenever upper is nonzero, so s - upper is exact.
  const err = low - (s - upper);
  const rounding = fpcrRounding(cpu);
  if (dbl) {
    if (err === 0) return setNumber(s * scale, 1);
    if (rounding === NEAREST) return deliver(cpu, s * scale, true, 1);
  } else {
    const r = Math.fround(toOdd(s, err));
    const inexact = err !== 0 || r !== s;
    if (!inexact) return setNumber(r * scale, 0);
    if (rounding === NEAREST) return deliver(cpu, r * scale, true, 0);
  }
  const m = (BigInt(high) << 32n) | BigInt(low);
  roundSigned(cpu, m, -fbits, dbl, rounding);
}

// ---- FCMP / FCCMP ---------------------------------------------------------------------------

/**
 * FPCompare: NZCV for a <=> b (0110 equal, 1000 less, 0010 greater, 0011 unordered); IOC
 * for a signalling NaN, or any NaN when `signalAll` (FCMPE, FCCMPE). Returns NZCV as 4 bits.
 */
export function compare(cpu: Cpu, aLo: number, aHi: number, bLo: number, bHi: number, dbl: number, signalAll: boolean): number {
  const an = isNaNBits(aLo, aHi, dbl);
  const bn = isNaNBits(bLo, bHi, dbl);
  if (an || bn) {
    if (signalAll || (an && quietBitClear(aLo, aHi, dbl)) || (bn && quietBitClear(bLo, bHi, dbl))) cpu.fpsr |= IOC;
    return 0b0011;
  }
  const a = toNumber(cpu, aLo, aHi, dbl);
  const b = toNumber(cpu, bLo, bHi, dbl);
  if (a === b) return 0b0110;
  return a < b ? 0b1000 : 0b0010;
}

/** FPCompareEQ/GE/GT for the vector compares: true/false, IOC as the Arm ARM says. */
export function compareLanes(cpu: Cpu, aLo: number, aHi: number, bLo: number, bHi: number, dbl: number, kind: number): boolean {
  const an = isNaNBits(aLo, aHi, dbl);
  const bn = isNaNBits(bLo, bHi, dbl);
  if (an || bn) {
    // EQ signals only for signalling NaNs; GE and GT for any NaN.
    if (kind !== 0 || (an && quietBitClear(aLo, aHi, dbl)) || (bn && quietBitClear(bLo, bHi, dbl))) cpu.fpsr |= IOC;
    return false;
  }
  const a = toNumber(cpu, aLo, aHi, dbl);
  const b = toNumber(cpu, bLo, bHi, dbl);
  return kind === 0 ? a === b : kind === 1 ? a >= b : a > b;
}
