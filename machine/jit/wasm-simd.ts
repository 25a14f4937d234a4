/**
 * The wasm tier's FP/SIMD instructions: loads and stores of S/D/Q registers (single, pair,
 * LD1/ST1 of registers and of one lane, LD1R), scalar and vector floating point, and the
 * integer vector operations that memcpy, memset and strlen use. The vector registers stay in memory (cpu.v, in the
 * machine's WebAssembly.Memory), so the interpreter's handlers and this code see one copy
 * and nothing has to be spilled around a call.
 *
 * Exactness. Every instruction here has a fast path and the interpreter's handler behind it
 * (BlockEmitter.guarded): the fast path is taken only where it provably gives the
 * interpreter's bits and FPSR, and anything else (a TLB miss, a page crossing, a NaN, an
 * overflow, an underflow, another rounding mode) runs the handler, which does what the
 * interpreter does, exceptions included.
 *
 *  - wasm's f32/f64 +, -, *, /, sqrt and conversions are IEEE 754 round-to-nearest-even,
 *    which is what FPCR.RMode = 0 asks for. The fast path needs FPCR free of FZ, DN, AHP,
 *    other rounding modes and trap enables (CTL_FP_MODE, kept by the translator's helpers).
 *  - FPSR's cumulative flags: results that are NaN, infinite, zero from nonzero operands or
 *    near the subnormal range go to the handler (they may raise IOC, DZC, OFC, UFC), so the
 *    only flag a fast result can raise is IXC; it is taken only while FPSR.IXC is already set
 *    (CTL_FP_OK), when inexactness changes nothing. The first inexact operation of a program
 *    runs in its handler, which sets IXC; from then on the arithmetic runs in wasm (qemu's
 *    softfloat uses the host FPU on the same condition).
 *  - NaNs never come out of wasm arithmetic (whose NaN payloads are not specified): a NaN
 *    operand makes the result NaN, which fails the guard.
 *  - Fused multiply-add has no wasm instruction: the double forms (FMADD, FMSUB, FNMADD,
 *    FNMSUB, FMLA/FMLS .2D) run the interpreter's own exact fast path (Dekker's product,
 *    TwoSum, rounding to odd; fp-core.ts mulAdd) in f64x2 arithmetic, operation for
 *    operation, with the same range conditions as its guard, so the bits are the handler's.
 *    The single forms (FMADD Sd and the rest, FMLA/FMLS .4S/.2S) widen the lanes to doubles,
 *    where the product is exact, and round the sum to odd and then to single, as fp-core does.
 */

import type { BlockEmitter } from './wasm-translator.js';
import { Op, SatOp, V } from './wasm-encoder.js';
import { advSimdExpandImm } from '../insn/simd-move.js';

/**
 * Control-area words (i32 index) the translator keeps from FPCR/FPSR: CTL_FP_MODE is 1 when
 * FPCR selects plain IEEE arithmetic (round to nearest, no FZ, DN, AHP, traps); CTL_FP_OK is 1
 * when that holds and FPSR.IXC is already set.
 */
export const CTL_FP_MODE = 9;
export const CTL_FP_OK = 10;

const INF = Infinity;
/** Results at least this large (in magnitude) are normal whatever the exact value was: no UFC. */
const NORMAL_D = 2 ** -1021;
const NORMAL_S = 2 ** -125;
/** The smallest normal single: fp-core.ts's single fused multiply-add is fast above it. */
const MIN_NORMAL_S = 2 ** -126;
/** fp-core.ts's range for the error-free transformations of the fused multiply-add. */
const SAFE_LO = 2 ** -900;
const SAFE_HI = 2 ** 900;
const SPLITTER = 134217729;

/** Emits an FP/SIMD instruction; false leaves it to its handler as a plain call. */
export function emitSimd(e: BlockEmitter, name: string, insn: number): boolean {
  switch (name) {
    case 'LDR/STR (SIMD&FP, unsigned offset)':
    case 'LDR/STR/LDUR/STUR (SIMD&FP, immediate)':
    case 'LDR/STR (SIMD&FP, register)':
    case 'LDR (SIMD&FP, literal)':
      return single(e, name, insn);
    case 'LDP/STP/LDNP/STNP (SIMD&FP)':
      return pair(e, insn);
    case 'LD1-4/ST1-4 (multiple structures)':
    case 'LD1-4/ST1-4 (multiple structures, post-index)':
      return multiple(e, insn);
    case 'LD1-4/ST1-4 (single structure), LD1R-LD4R':
    case 'LD1-4/ST1-4 (single structure, post-index), LD1R-LD4R':
      return singleStructure(e, insn);
    case 'FP data-processing (2 source)':
      return twoSource(e, insn);
    case 'FP data-processing (1 source)':
      return oneSource(e, insn);
    case 'FMADD/FMSUB/FNMADD/FNMSUB':
      return threeSource(e, insn);
    case 'FCMP/FCMPE':
      return fcmp(e, insn);
    case 'FCSEL':
      return fcsel(e, insn);
    case 'FMOV (register)':
    case 'FMOV (scalar, immediate)':
    case 'FMOV Wd, Sn':
    case 'FMOV Sd, Wn':
    case 'FMOV Xd, Dn':
    case 'FMOV Dd, Xn':
    case 'FMOV Xd, Vn.D[1]':
    case 'FMOV Vd.D[1], Xn':
      return fmov(e, name, insn);
    case 'FADD (vector)':
    case 'FSUB (vector)':
    case 'FMUL (vector)':
    case 'FDIV (vector)':
      return vectorArith(e, name, insn);
    case 'FMLA (vector)':
    case 'FMLS (vector)':
      return vectorFma(e, name, insn);
    case 'FMAX (vector)':
    case 'FMIN (vector)':
    case 'FMAXNM (vector)':
    case 'FMINNM (vector)':
      return vectorMinMax(e, name, insn);
    case 'AND/BIC/ORR/ORN (vector)':
    case 'EOR/BSL/BIT/BIF (vector)':
      return logical(e, name, insn);
    case 'ADD (vector)':
    case 'SUB (vector)':
    case 'CMEQ (vector)':
    case 'CMEQ (zero)':
      return integerVector(e, name, insn);
    case 'DUP/INS/UMOV/SMOV':
      return copy(e, insn);
    case 'FCVTZS (vector)':
    case 'FCVTZU (vector)':
    case 'SCVTF (vector)':
    case 'UCVTF (vector)':
      return vectorConvert(e, name, insn);
    case 'SHRN':
      return shiftNarrow(e, insn);
    case 'UMAXP':
    case 'UMINP':
      return pairwiseMinMax(e, name, insn);
    case 'MOVI/MVNI/ORR/BIC/FMOV (vector, immediate)':
      return modifiedImmediate(e, insn);
    case 'FCVT*/SCVTF/UCVTF (integer)':
      return convertInteger(e, insn);
  }
  return false;
}

// ---- vector registers --------------------------------------------------------------------

/** Pushes V<r> as a v128. */
function loadV(e: BlockEmitter, r: number): void {
  e.f.i32(0).vmem(V.load, 0, e.vreg(r));
}
/** Pops a v128 into V<r>. Callers push the address (i32 0) first. */
function storeV(e: BlockEmitter, r: number): void {
  e.f.vmem(V.store, 0, e.vreg(r));
}
/** Pushes the v128 in local `l` with its upper 64 bits cleared. */
function low64(e: BlockEmitter, l: number): void {
  e.f.get(l).v128(-1, -1, 0, 0).v(V.and);
}

// ---- loads and stores --------------------------------------------------------------------

/** Size (log2 bytes) of a single-register form from size:opc, -1 when unallocated. */
function registerSize(insn: number): number {
  const size = (insn >>> 30) & 3;
  const opc = (insn >>> 22) & 3;
  if (opc & 2) return size === 0 ? 4 : -1;
  return size;
}

/**
 * Moves `regs` (2^log2 bytes each, consecutive in memory) between RAM at the fast access's
 * offset and the vector registers; a load zeroes each register above what it reads.
 */
function moveRegs(e: BlockEmitter, regs: number[], log2: number, load: boolean): void {
  const f = e.f;
  const bytes = 1 << log2;
  regs.forEach((t, k) => {
    const at = k * bytes;
    if (load) {
      f.i32(0);
      switch (log2) {
        case 0:
          f.v128(0, 0, 0, 0).get(e.off).mem(Op.i32_load8_u, 0, at).lane(V.i32x4_replace_lane, 0);
          break;
        case 1:
          f.v128(0, 0, 0, 0).get(e.off).mem(Op.i32_load16_u, 0, at).lane(V.i32x4_replace_lane, 0);
          break;
        case 2:
          f.get(e.off).vmem(V.load32_zero, 0, at);
          break;
        case 3:
          f.get(e.off).vmem(V.load64_zero, 0, at);
          break;
        default:
          f.get(e.off).vmem(V.load, 0, at);
      }
      storeV(e, t);
    } else {
      f.get(e.off);
      f.i32(0);
      const v = e.vreg(t);
      switch (log2) {
        case 0:
          f.mem(Op.i32_load8_u, 0, v).mem(Op.i32_store8, 0, at);
          break;
        case 1:
          f.mem(Op.i32_load16_u, 0, v).mem(Op.i32_store16, 0, at);
          break;
        case 2:
          f.mem(Op.i32_load, 0, v).mem(Op.i32_store, 0, at);
          break;
        case 3:
          f.mem(Op.i64_load, 0, v).mem(Op.i64_store, 0, at);
          break;
        default:
          f.vmem(V.load, 0, v).vmem(V.store, 0, at);
      }
    }
  });
}

/**
 * A transfer of `regs` at the address in e.addr (with the base written back from e.addr2
 * when `writeBack` names the base register field): inline when the TLB allows the whole
 * access in one page, else the handler.
 */
function transferRegs(e: BlockEmitter, op: number, insn: number, regs: number[], log2: number, load: boolean, writeBack: number): void {
  const f = e.f;
  e.guarded(
    op,
    insn,
    !load,
    () => e.fastAccess(e.addr, regs.length << log2, !load),
    () => {
      moveRegs(e, regs, log2, load);
      if (writeBack >= 0) {
        f.get(e.addr2);
        e.setXsp(writeBack);
      }
    },
  );
}

function single(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const t = insn & 31;
  const n = (insn >>> 5) & 31;
  const op = e.opIndex;
  if (name === 'LDR (SIMD&FP, literal)') {
    const opc = insn >>> 30;
    if (opc === 3) return false;
    e.pcRelative(((insn << 8) >> 13) * 4);
    f.set(e.addr);
    transferRegs(e, op, insn, [t], opc + 2, true, -1);
    return true;
  }
  const log2 = registerSize(insn);
  if (log2 < 0) return false;
  const load = ((insn >>> 22) & 1) === 1;
  let writeBack = -1;
  if (name === 'LDR/STR (SIMD&FP, unsigned offset)') {
    e.spCheck(n);
    e.xsp(n);
    f.i64(((insn >>> 10) & 0xfff) << log2, 0).op(Op.i64_add).set(e.addr);
  } else if (name === 'LDR/STR/LDUR/STUR (SIMD&FP, immediate)') {
    const mode = (insn >>> 10) & 3;
    if (mode === 2) return false;
    const imm = (insn << 11) >> 23;
    e.spCheck(n);
    e.xsp(n);
    f.i64(imm, imm >> 31).op(Op.i64_add).set(e.addr2);
    if (mode === 1) {
      e.xsp(n);
      f.set(e.addr);
    } else f.get(e.addr2).set(e.addr);
    if (mode !== 0) writeBack = n;
  } else {
    const option = (insn >>> 13) & 7;
    if ((option & 2) === 0) return false;
    const m = (insn >>> 16) & 31;
    e.spCheck(n);
    e.xsp(n);
    e.xzr(m);
    if ((option & 1) === 0) {
      if (option & 4) f.op(Op.i64_extend32_s);
      else f.i64(0xffffffff | 0, 0).op(Op.i64_and);
    }
    if ((insn >>> 12) & 1 && log2) f.i64(log2, 0).op(Op.i64_shl);
    f.op(Op.i64_add).set(e.addr);
  }
  transferRegs(e, op, insn, [t], log2, load, writeBack);
  return true;
}

function pair(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const opc = insn >>> 30;
  if (opc === 3) return false;
  const log2 = opc + 2;
  const mode = (insn >>> 23) & 3;
  const load = ((insn >>> 22) & 1) === 1;
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const n = (insn >>> 5) & 31;
  const imm = ((insn << 10) >> 25) << log2;
  e.spCheck(n);
  e.xsp(n);
  f.i64(imm, imm >> 31).op(Op.i64_add).set(e.addr2);
  if (mode === 1) {
    e.xsp(n);
    f.set(e.addr);
  } else f.get(e.addr2).set(e.addr);
  // LDP into one register twice is CONSTRAINED UNPREDICTABLE: the handler decides.
  if (load && t === t2) return false;
  transferRegs(e, e.opIndex, insn, [t, t2], log2, load, mode === 1 || mode === 3 ? n : -1);
  return true;
}

/** LD1/ST1 of 1-4 consecutive registers (no interleaving); LD2-LD4 go to their handlers. */
function multiple(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const count = [0, 0, 4, 0, 0, 0, 3, 1, 0, 0, 2, 0, 0, 0, 0, 0][(insn >>> 12) & 15];
  if (count === 0) return false;
  const load = ((insn >>> 22) & 1) === 1;
  const post = ((insn >>> 23) & 1) === 1;
  const t = insn & 31;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const log2 = q ? 4 : 3;
  const regs = Array.from({ length: count }, (_, k) => (t + k) & 31);
  e.spCheck(n);
  e.xsp(n);
  f.set(e.addr);
  if (post) {
    e.xsp(n);
    if (m === 31) f.i64(count << log2, 0);
    else e.xzr(m);
    f.op(Op.i64_add).set(e.addr2);
  }
  transferRegs(e, e.opIndex, insn, regs, log2, load, post ? n : -1);
  return true;
}

/**
 * LD1R and LD1/ST1 of one lane (one register; LD2-LD4 and their replicating forms go to the
 * handlers, as do the unallocated size/S combinations). A lane load writes only its lane (the
 * rest of the register, upper half included, stays); LD1R fills every lane and clears the upper
 * half when Q = 0 (simd-loadstore.ts singleStructure).
 */
function singleStructure(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const load = ((insn >>> 22) & 1) === 1;
  const opcode = (insn >>> 13) & 7;
  const s = (insn >>> 12) & 1;
  const size = (insn >>> 10) & 3;
  if ((opcode & 1) !== 0 || ((insn >>> 21) & 1) !== 0) return false;
  let scale = opcode >>> 1;
  let index = 0;
  const replicate = scale === 3;
  if (replicate) {
    if (!load || s) return false;
    scale = size;
  } else if (scale === 0) index = (q << 3) | (s << 2) | size;
  else if (scale === 1) {
    if (size & 1) return false;
    index = (q << 2) | (s << 1) | (size >>> 1);
  } else if (size === 0) index = (q << 1) | s;
  else if (size === 1 && s === 0) {
    scale = 3;
    index = q;
  } else return false;
  const post = ((insn >>> 23) & 1) === 1;
  const t = insn & 31;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const bytes = 1 << scale;
  e.spCheck(n);
  e.xsp(n);
  f.set(e.addr);
  if (post) {
    e.xsp(n);
    if (m === 31) f.i64(bytes, 0);
    else e.xzr(m);
    f.op(Op.i64_add).set(e.addr2);
  }
  const lane = e.vreg(t) + index * bytes;
  const scalarLoad = [Op.i32_load8_u, Op.i32_load16_u, Op.i32_load, Op.i64_load][scale];
  const scalarStore = [Op.i32_store8, Op.i32_store16, Op.i32_store, Op.i64_store][scale];
  e.guarded(
    e.opIndex,
    insn,
    !load,
    () => e.fastAccess(e.addr, bytes, !load),
    () => {
      if (replicate) {
        f.i32(0).get(e.off).vmem([V.load8_splat, V.load16_splat, V.load32_splat, V.load64_splat][scale], 0, 0);
        if (!q) f.v128(-1, -1, 0, 0).v(V.and);
        storeV(e, t);
      } else if (load) f.i32(0).get(e.off).mem(scalarLoad, 0, 0).mem(scalarStore, 0, lane);
      else f.get(e.off).i32(0).mem(scalarLoad, 0, lane).mem(scalarStore, 0, 0);
      if (post) {
        f.get(e.addr2);
        e.setXsp(n);
      }
    },
  );
  return true;
}

// ---- scalar floating point -----------------------------------------------------------------

/** ftype: 0 single, 1 double; -1 for half precision and the reserved type (the handler's). */
function ftype(insn: number): number {
  const t = (insn >>> 22) & 3;
  return t > 1 ? -1 : t;
}

/** Pushes the scalar S or D register r as f32/f64. */
function loadF(e: BlockEmitter, r: number, dbl: boolean): void {
  e.f.i32(0).mem(dbl ? Op.f64_load : Op.f32_load, 0, e.vreg(r));
}

/** Writes the f32/f64 in local `l` to S/D register d, zeroing the rest of the vector. */
function storeF(e: BlockEmitter, d: number, l: number, dbl: boolean): void {
  const f = e.f;
  f.i32(0).i64(0, 0).mem(Op.i64_store, 0, e.vreg(d) + 8);
  if (dbl) f.i32(0).get(l).mem(Op.f64_store, 0, e.vreg(d));
  else f.i32(0).get(l).op(Op.i32_reinterpret_f32, Op.i64_extend_i32_u).mem(Op.i64_store, 0, e.vreg(d));
}

/** A scalar result local of the precision. */
function resultLocal(e: BlockEmitter, dbl: boolean): number {
  return dbl ? e.ftemp(0) : e.f32temp(0);
}

/** Pushes 1 when local `l` is finite (not NaN, not infinite). */
function finite(e: BlockEmitter, l: number, dbl: boolean): void {
  const f = e.f;
  f.get(l);
  if (dbl) f.op(Op.f64_abs).f64(INF).op(Op.f64_lt);
  else f.op(Op.f32_abs).f32(INF).op(Op.f32_lt);
}

/** Pushes 1 when local `l` is finite and at least the normal-result bound in magnitude. */
function normal(e: BlockEmitter, l: number, dbl: boolean): void {
  const f = e.f;
  finite(e, l, dbl);
  f.get(l);
  if (dbl) f.op(Op.f64_abs).f64(NORMAL_D).op(Op.f64_ge);
  else f.op(Op.f32_abs).f32(NORMAL_S).op(Op.f32_ge);
  f.op(Op.i32_and);
}

function twoSource(e: BlockEmitter, insn: number): boolean {
  const type = ftype(insn);
  const opcode = (insn >>> 12) & 15;
  if (type < 0 || opcode > 8) return false;
  const dbl = type === 1;
  if (opcode >= 4 && opcode <= 7) return scalarMinMax(e, insn, dbl, opcode);
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const r = resultLocal(e, dbl);
  const ops = dbl ? [Op.f64_mul, Op.f64_div, Op.f64_add, Op.f64_sub] : [Op.f32_mul, Op.f32_div, Op.f32_add, Op.f32_sub];
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadF(e, n, dbl);
      loadF(e, m, dbl);
      f.op(ops[opcode & 3]).set(r);
      // Sums of normal or subnormal numbers are exact when tiny: only overflow and NaN matter.
      if (opcode === 2 || opcode === 3) finite(e, r, dbl);
      else normal(e, r, dbl);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => {
      if (opcode === 8) f.get(r).op(dbl ? Op.f64_neg : Op.f32_neg).set(r);
      storeF(e, d, r, dbl);
    },
  );
  return true;
}

/**
 * FMAX, FMIN, FMAXNM, FMINNM (opcode 4-7): the result is an operand, so only NaNs (which pick
 * or make a NaN and may raise IOC) and FPCR.FZ (which flushes a subnormal operand and raises
 * IDC) need the handler. For the rest the four agree with wasm's min and max, which order -0
 * below +0 as the Arm pseudocode does.
 */
function scalarMinMax(e: BlockEmitter, insn: number, dbl: boolean, opcode: number): boolean {
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const a = dbl ? e.ftemp(1) : e.f32temp(1);
  const b = dbl ? e.ftemp(2) : e.f32temp(2);
  const r = resultLocal(e, dbl);
  const max = (opcode & 1) === 0;
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadF(e, n, dbl);
      f.tee(a);
      loadF(e, m, dbl);
      f.tee(b);
      f.op(dbl ? (max ? Op.f64_max : Op.f64_min) : max ? Op.f32_max : Op.f32_min).set(r);
      f.get(a).get(a).op(dbl ? Op.f64_eq : Op.f32_eq);
      f.get(b).get(b).op(dbl ? Op.f64_eq : Op.f32_eq, Op.i32_and);
      e.fpFlag(CTL_FP_MODE);
      f.op(Op.i32_and);
    },
    () => storeF(e, d, r, dbl),
  );
  return true;
}

/** FMAX, FMIN, FMAXNM, FMINNM (vector): as scalarMinMax, every lane. */
function vectorMinMax(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const dbl = ((insn >>> 22) & 1) === 1;
  if (dbl && !q) return false;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const max = name === 'FMAX (vector)' || name === 'FMAXNM (vector)';
  const a = e.vtemp(1);
  const b = e.vtemp(2);
  const r = e.vtemp(0);
  const eq = dbl ? V.f64x2_eq : V.f32x4_eq;
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadV(e, n);
      f.tee(a);
      loadV(e, m);
      f.tee(b);
      f.v(dbl ? (max ? V.f64x2_max : V.f64x2_min) : max ? V.f32x4_max : V.f32x4_min).set(r);
      f.get(a).get(a).v(eq).get(b).get(b).v(eq, V.and);
      allLanes(e, dbl, q);
      e.fpFlag(CTL_FP_MODE);
      f.op(Op.i32_and);
    },
    () => {
      f.i32(0);
      if (q) f.get(r);
      else low64(e, r);
      storeV(e, d);
    },
  );
  return true;
}

function oneSource(e: BlockEmitter, insn: number): boolean {
  const type = ftype(insn);
  const opcode = (insn >>> 15) & 63;
  if (type < 0) return false;
  const dbl = type === 1;
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  switch (opcode) {
    case 1: // FABS
    case 2: {
      // FNEG: the sign bit, NaNs included, with no flags.
      const r = resultLocal(e, dbl);
      loadF(e, n, dbl);
      f.op(dbl ? (opcode === 1 ? Op.f64_abs : Op.f64_neg) : opcode === 1 ? Op.f32_abs : Op.f32_neg).set(r);
      storeF(e, d, r, dbl);
      return true;
    }
    case 3: {
      // FSQRT: correctly rounded; only NaN results (NaN or negative operands) need the handler.
      const r = resultLocal(e, dbl);
      e.guarded(
        e.opIndex,
        insn,
        false,
        () => {
          loadF(e, n, dbl);
          f.op(dbl ? Op.f64_sqrt : Op.f32_sqrt).tee(r).get(r).op(dbl ? Op.f64_eq : Op.f32_eq);
          e.fpFlag(CTL_FP_OK);
          f.op(Op.i32_and);
        },
        () => storeF(e, d, r, dbl),
      );
      return true;
    }
    case 4: {
      // FCVT Sd, Dn: one rounding to nearest; tiny, huge and NaN results go to the handler.
      if (!dbl) return false;
      const r = e.f32temp(0);
      e.guarded(
        e.opIndex,
        insn,
        false,
        () => {
          loadF(e, n, true);
          f.op(Op.f32_demote_f64).set(r);
          finite(e, r, false);
          f.get(r).op(Op.f32_abs).f32(2 ** -126).op(Op.f32_gt, Op.i32_and);
          e.fpFlag(CTL_FP_OK);
          f.op(Op.i32_and);
        },
        () => storeF(e, d, r, false),
      );
      return true;
    }
    case 5: {
      // FCVT Dd, Sn: exact; NaNs (quietened by their own rule) go to the handler.
      if (dbl) return false;
      const r = e.ftemp(0);
      e.guarded(
        e.opIndex,
        insn,
        false,
        () => {
          loadF(e, n, false);
          f.op(Op.f64_promote_f32).tee(r).get(r).op(Op.f64_eq);
          e.fpFlag(CTL_FP_MODE);
          f.op(Op.i32_and);
        },
        () => storeF(e, d, r, true),
      );
      return true;
    }
  }
  return false;
}

/**
 * The double fused multiply-add on f64x2 locals a (addend), x, y (already negated as the
 * instruction asks): leaves the result in local vtemp(0) and pushes an i32, 1 when every lane
 * took fp-core.ts's exact fast path (its conditions, in its order of operations) or has an
 * exact zero product.
 */
function fmaLanes(e: BlockEmitter, a: number, x: number, y: number): void {
  const f = e.f;
  const p = e.vtemp(3);
  const xh = e.vtemp(4);
  const xl = e.vtemp(5);
  const yh = e.vtemp(6);
  const yl = e.vtemp(7);
  const pe = e.vtemp(8);
  const th = e.vtemp(9);
  const tl = e.vtemp(10);
  const v0 = e.vtemp(11);
  const ve = e.vtemp(12);
  const t = e.vtemp(13);
  const z = e.vtemp(0);
  const splat = (c: number): void => void f.f64(c).v(V.f64x2_splat);
  const inSafe = (l: number): void => {
    f.get(l).v(V.f64x2_abs).tee(t);
    splat(SAFE_LO);
    f.v(V.f64x2_ge).get(t);
    splat(SAFE_HI);
    f.v(V.f64x2_le, V.and);
  };
  // p = x * y; Dekker's split of x and y.
  f.get(x).get(y).v(V.f64x2_mul).set(p);
  const split = (s: number, hi: number, lo: number): void => {
    splat(SPLITTER);
    f.get(s).v(V.f64x2_mul).tee(t);
    f.get(t).get(s).v(V.f64x2_sub, V.f64x2_sub).tee(hi);
    f.get(s).get(hi).v(V.f64x2_sub).set(lo);
    f.op(Op.drop);
  };
  split(x, xh, xl);
  split(y, yh, yl);
  // pe = ah*bh - p + ah*bl + al*bh + al*bl, left to right.
  f.get(xh).get(yh).v(V.f64x2_mul).get(p).v(V.f64x2_sub);
  f.get(xh).get(yl).v(V.f64x2_mul, V.f64x2_add);
  f.get(xl).get(yh).v(V.f64x2_mul, V.f64x2_add);
  f.get(xl).get(yl).v(V.f64x2_mul, V.f64x2_add).set(pe);
  // TwoSum: th = a + p, tl its error.
  const twoSum = (u: number, w: number, s: number, err: number): void => {
    f.get(u).get(w).v(V.f64x2_add).tee(s);
    // bv = s - u, av = s - bv, err = (u - av) + (w - bv)
    f.get(u).v(V.f64x2_sub).set(t);
    f.get(u).get(s).get(t).v(V.f64x2_sub, V.f64x2_sub);
    f.get(w).get(t).v(V.f64x2_sub, V.f64x2_add).set(err);
  };
  twoSum(a, p, th, tl);
  twoSum(tl, pe, v0, ve);
  // v = toOdd(v0, ve): when ve != 0 and v0's last bit is 0, one step toward ve's sign.
  f.get(v0);
  f.get(v0).get(ve).v(V.xor).i32(63).v(V.i64x2_shr_s).i64(1, 0).v(V.i64x2_splat, V.or);
  f.get(ve);
  f.f64(0).v(V.f64x2_splat, V.f64x2_ne);
  f.get(v0).i64(1, 0).v(V.i64x2_splat, V.and).i64(0, 0).v(V.i64x2_splat, V.i64x2_eq, V.and, V.and, V.i64x2_add).set(v0);
  // z = th + v
  f.get(th).get(v0).v(V.f64x2_add).set(z);
  // Lanes whose product is an exact zero (x or y zero, both finite) and whose addend is not a
  // NaN: fp-core returns the addend, or for a zero addend the sum of signed zeros, which is
  // what a + p gives in round-to-nearest (matmul's zeros made 15% of its FMLAs leave wasm).
  const zero = e.vtemp(15);
  f.get(x);
  splat(0);
  f.v(V.f64x2_eq).get(y);
  splat(0);
  f.v(V.f64x2_eq, V.or).get(x).v(V.f64x2_abs);
  splat(INF);
  f.v(V.f64x2_lt, V.and).get(y).v(V.f64x2_abs);
  splat(INF);
  f.v(V.f64x2_lt, V.and).get(a).get(a).v(V.f64x2_eq, V.and).set(zero);
  f.get(a).get(p).v(V.f64x2_add).get(z).get(zero).v(V.bitselect).set(z);
  // The conditions: p, z in the safe range, |x|, |y| < 2^995, a zero or in the safe range, z != 0.
  inSafe(p);
  f.get(x).v(V.f64x2_abs);
  splat(2 ** 995);
  f.v(V.f64x2_lt, V.and);
  f.get(y).v(V.f64x2_abs);
  splat(2 ** 995);
  f.v(V.f64x2_lt, V.and);
  f.get(a);
  splat(0);
  f.v(V.f64x2_eq);
  inSafe(a);
  f.v(V.or, V.and);
  inSafe(z);
  f.v(V.and).get(zero).v(V.or, V.i64x2_all_true);
}

/**
 * The single fused multiply-add on f64x2 locals a (addend), x, y holding singles widened
 * (exactly) to doubles, operands already negated as the instruction asks: pushes the f32x4
 * [r0, r1, 0, 0]. fp-core.ts mulAdd's single path, operation for operation: the product is
 * exact in a double, and the sum rounded to odd (TwoSum's error tells which way) and then
 * rounded to single is the correctly rounded fused result, as a double has 53 >= 2 * 24 + 2
 * bits. The caller's guard takes the fast path only for finite results above the smallest
 * normal single, as fp-core does.
 */
function fmaSingleLanes(e: BlockEmitter, a: number, x: number, y: number): void {
  const f = e.f;
  const p = e.vtemp(3);
  const s = e.vtemp(4);
  const err = e.vtemp(5);
  const t = e.vtemp(13);
  f.get(x).get(y).v(V.f64x2_mul).set(p);
  // s = p + a; err = (p - (s - bv)) + (a - bv) with bv = s - p (fp-core.ts sumError).
  f.get(p).get(a).v(V.f64x2_add).tee(s);
  f.get(p).v(V.f64x2_sub).set(t);
  f.get(p).get(s).get(t).v(V.f64x2_sub, V.f64x2_sub);
  f.get(a).get(t).v(V.f64x2_sub, V.f64x2_add).set(err);
  // toOdd(s, err): when err != 0 and s's last bit is 0, one step toward err's sign.
  f.get(s);
  f.get(s).get(err).v(V.xor).i32(63).v(V.i64x2_shr_s).i64(1, 0).v(V.i64x2_splat, V.or);
  f.get(err);
  f.f64(0).v(V.f64x2_splat, V.f64x2_ne);
  f.get(s).i64(1, 0).v(V.i64x2_splat, V.and).i64(0, 0).v(V.i64x2_splat, V.i64x2_eq, V.and, V.and, V.i64x2_add);
  f.v(V.f32x4_demote_f64x2_zero);
}

/** Pushes an f32x4 mask: each lane finite and above the smallest normal single in magnitude (fp-core's single FMA guard). */
function singleFmaGuard(e: BlockEmitter, r: number): void {
  const f = e.f;
  const t = e.vtemp(13);
  f.get(r).v(V.f32x4_abs).tee(t);
  f.f32(MIN_NORMAL_S).v(V.f32x4_splat, V.f32x4_gt).get(t);
  f.f32(INF).v(V.f32x4_splat, V.f32x4_lt, V.and);
}

function threeSource(e: BlockEmitter, insn: number): boolean {
  const type = ftype(insn);
  if (type < 0) return false;
  if (type === 0) return threeSourceSingle(e, insn);
  const f = e.f;
  const o1 = (insn >>> 21) & 1;
  const o0 = (insn >>> 15) & 1;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const ra = (insn >>> 10) & 31;
  const d = insn & 31;
  const a = e.vtemp(1);
  const x = e.vtemp(2);
  const y = e.vtemp(14);
  const z = e.vtemp(0);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      const splatReg = (r: number, neg: boolean, l: number): void => {
        f.i32(0).vmem(V.load64_splat, 0, e.vreg(r));
        if (neg) f.v(V.f64x2_neg);
        f.set(l);
      };
      splatReg(ra, o1 === 1, a);
      splatReg(n, o0 !== o1, x);
      splatReg(m, false, y);
      fmaLanes(e, a, x, y);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => {
      f.i32(0);
      low64(e, z);
      storeV(e, d);
    },
  );
  return true;
}

/** FMADD/FMSUB/FNMADD/FNMSUB on S registers: lane 0 of fmaSingleLanes. */
function threeSourceSingle(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const o1 = (insn >>> 21) & 1;
  const o0 = (insn >>> 15) & 1;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const ra = (insn >>> 10) & 31;
  const d = insn & 31;
  const a = e.vtemp(6);
  const x = e.vtemp(7);
  const y = e.vtemp(8);
  const z = e.vtemp(0);
  const r = e.f32temp(0);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      const widen = (reg: number, neg: boolean, l: number): void => {
        f.i32(0).vmem(V.load32_zero, 0, e.vreg(reg)).v(V.f64x2_promote_low_f32x4);
        if (neg) f.v(V.f64x2_neg);
        f.set(l);
      };
      widen(ra, o1 === 1, a);
      widen(n, o0 !== o1, x);
      widen(m, false, y);
      fmaSingleLanes(e, a, x, y);
      f.tee(z).lane(V.f32x4_extract_lane, 0).set(r);
      singleFmaGuard(e, z);
      f.lane(V.i32x4_extract_lane, 0);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => storeF(e, d, r, false),
  );
  return true;
}

/** FMLA/FMLS .4S and .2S: each half of the lanes widened to f64x2 for fmaSingleLanes. */
function vectorFmaSingle(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const wa = e.vtemp(1);
  const wx = e.vtemp(2);
  const wy = e.vtemp(14);
  const a = e.vtemp(6);
  const x = e.vtemp(7);
  const y = e.vtemp(8);
  const low = e.vtemp(9);
  const r = e.vtemp(0);
  const UPPER = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];
  const half = (upper: boolean): void => {
    for (const [from, to] of [[wa, a], [wx, x], [wy, y]]) {
      f.get(from);
      if (upper) f.get(from).shuffle(UPPER);
      f.v(V.f64x2_promote_low_f32x4).set(to);
    }
    fmaSingleLanes(e, a, x, y);
  };
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadV(e, d);
      f.set(wa);
      loadV(e, n);
      if (name === 'FMLS (vector)') f.v(V.f32x4_neg);
      f.set(wx);
      loadV(e, m);
      f.set(wy);
      half(false);
      if (q) {
        f.set(low);
        half(true);
        f.set(r);
        f.get(low).get(r).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23]);
      }
      f.set(r);
      singleFmaGuard(e, r);
      allLanes(e, false, q);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => {
      f.i32(0).get(r);
      storeV(e, d);
    },
  );
  return true;
}

function fcmp(e: BlockEmitter, insn: number): boolean {
  const type = ftype(insn);
  if (type < 0) return false;
  const dbl = type === 1;
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const withZero = ((insn >>> 3) & 1) === 1;
  const a = e.ftemp(1);
  const b = e.ftemp(2);
  // Singles compare exactly as doubles.
  const operand = (r: number, l: number): void => {
    loadF(e, r, dbl);
    if (!dbl) f.op(Op.f64_promote_f32);
    f.set(l);
  };
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      operand(n, a);
      if (withZero) f.f64(0).set(b);
      else operand(m, b);
      // Unordered operands (and their IOC) are the handler's.
      f.get(a).get(a).op(Op.f64_eq).get(b).get(b).op(Op.f64_eq, Op.i32_and);
      e.fpFlag(CTL_FP_MODE);
      f.op(Op.i32_and);
    },
    () => {
      // 0110 equal, 1000 less, 0010 greater.
      f.i32(0x60000000).i32(0x80000000 | 0).i32(0x20000000);
      f.get(a).get(b).op(Op.f64_lt, Op.select);
      f.get(a).get(b).op(Op.f64_eq, Op.select);
      e.setNzcv();
    },
  );
  return true;
}

function fcsel(e: BlockEmitter, insn: number): boolean {
  const type = ftype(insn);
  if (type < 0) return false;
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const load = type === 1 ? Op.i64_load : Op.i64_load32_u;
  const t = e.t64b;
  f.i32(0).mem(load, 0, e.vreg(n));
  f.i32(0).mem(load, 0, e.vreg(m));
  e.condition((insn >>> 12) & 15);
  f.op(Op.select).set(t);
  f.i32(0).get(t).mem(Op.i64_store, 0, e.vreg(d));
  f.i32(0).i64(0, 0).mem(Op.i64_store, 0, e.vreg(d) + 8);
  return true;
}

/** VFPExpandImm: the 8-bit FMOV immediate as the bits of a single or a double. */
function expandImm(imm8: number, dbl: boolean): [number, number] {
  const sign = (imm8 >>> 7) & 1;
  const b6 = (imm8 >>> 6) & 1;
  const b54 = (imm8 >>> 4) & 3;
  const frac = imm8 & 15;
  if (dbl) return [0, (sign << 31) | ((b6 ^ 1) << 30) | (b6 ? 0xff << 22 : 0) | (b54 << 20) | (frac << 16)];
  return [(sign << 31) | ((b6 ^ 1) << 30) | (b6 ? 0x1f << 25 : 0) | (b54 << 23) | (frac << 19), 0];
}

function fmov(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  const zeroUpper = (): void => void f.i32(0).i64(0, 0).mem(Op.i64_store, 0, e.vreg(d) + 8);
  const t = e.t64b;
  switch (name) {
    case 'FMOV (register)': {
      const type = ftype(insn);
      if (type < 0) return false;
      f.i32(0).mem(type ? Op.i64_load : Op.i64_load32_u, 0, e.vreg(n)).set(t);
      f.i32(0).get(t).mem(Op.i64_store, 0, e.vreg(d));
      zeroUpper();
      return true;
    }
    case 'FMOV (scalar, immediate)': {
      const type = ftype(insn);
      if (type < 0) return false;
      const [lo, hi] = expandImm((insn >>> 13) & 0xff, type === 1);
      f.i32(0).i64(lo, hi).mem(Op.i64_store, 0, e.vreg(d));
      zeroUpper();
      return true;
    }
    case 'FMOV Wd, Sn':
      f.i32(0).mem(Op.i64_load32_u, 0, e.vreg(n));
      e.setXzr(d);
      return true;
    case 'FMOV Xd, Dn':
      f.i32(0).mem(Op.i64_load, 0, e.vreg(n));
      e.setXzr(d);
      return true;
    case 'FMOV Xd, Vn.D[1]':
      f.i32(0).mem(Op.i64_load, 0, e.vreg(n) + 8);
      e.setXzr(d);
      return true;
    case 'FMOV Sd, Wn':
      f.i32(0);
      e.xzr(n);
      f.i64(0xffffffff | 0, 0).op(Op.i64_and).mem(Op.i64_store, 0, e.vreg(d));
      zeroUpper();
      return true;
    case 'FMOV Dd, Xn':
      f.i32(0);
      e.xzr(n);
      f.mem(Op.i64_store, 0, e.vreg(d));
      zeroUpper();
      return true;
    case 'FMOV Vd.D[1], Xn':
      f.i32(0);
      e.xzr(n);
      f.mem(Op.i64_store, 0, e.vreg(d) + 8);
      return true;
  }
  return false;
}

// ---- vector floating point -----------------------------------------------------------------

/** Pushes every-lane-true (i32) of the mask on the stack, ignoring the upper lanes when q = 0. */
function allLanes(e: BlockEmitter, dbl: boolean, q: number): void {
  if (!q) e.f.v128(0, 0, -1, -1).v(V.or);
  e.f.v(dbl ? V.i64x2_all_true : V.i32x4_all_true);
}

function vectorArith(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const dbl = ((insn >>> 22) & 1) === 1;
  if (dbl && !q) return false;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const which = ['FMUL (vector)', 'FDIV (vector)', 'FADD (vector)', 'FSUB (vector)'].indexOf(name);
  const op = dbl ? [V.f64x2_mul, V.f64x2_div, V.f64x2_add, V.f64x2_sub][which] : [V.f32x4_mul, V.f32x4_div, V.f32x4_add, V.f32x4_sub][which];
  const r = e.vtemp(0);
  const t = e.vtemp(1);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadV(e, n);
      loadV(e, m);
      f.v(op).tee(r);
      // Every lane finite, and for products and quotients normal-sized (see twoSource).
      f.v(dbl ? V.f64x2_abs : V.f32x4_abs).tee(t);
      if (dbl) f.f64(INF).v(V.f64x2_splat, V.f64x2_lt);
      else f.f32(INF).v(V.f32x4_splat, V.f32x4_lt);
      if (which < 2) {
        f.get(t);
        if (dbl) f.f64(NORMAL_D).v(V.f64x2_splat, V.f64x2_ge);
        else f.f32(NORMAL_S).v(V.f32x4_splat, V.f32x4_ge);
        f.v(V.and);
      }
      allLanes(e, dbl, q);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => {
      f.i32(0);
      if (q) f.get(r);
      else low64(e, r);
      storeV(e, d);
    },
  );
  return true;
}

function vectorFma(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const dbl = ((insn >>> 22) & 1) === 1;
  if (!dbl) return vectorFmaSingle(e, name, insn);
  if (!q) return false;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const a = e.vtemp(1);
  const x = e.vtemp(2);
  const y = e.vtemp(14);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadV(e, d);
      f.set(a);
      loadV(e, n);
      if (name === 'FMLS (vector)') f.v(V.f64x2_neg);
      f.set(x);
      loadV(e, m);
      f.set(y);
      fmaLanes(e, a, x, y);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_and);
    },
    () => {
      f.i32(0).get(e.vtemp(0));
      storeV(e, d);
    },
  );
  return true;
}

// ---- integer vector ------------------------------------------------------------------------

function logical(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const opc = (insn >>> 22) & 3;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const r = e.vtemp(0);
  if (name === 'AND/BIC/ORR/ORN (vector)') {
    loadV(e, n);
    loadV(e, m);
    if (opc === 0) f.v(V.and);
    else if (opc === 1) f.v(V.andnot);
    else if (opc === 2) f.v(V.or);
    else f.v(V.not, V.or);
  } else if (opc === 0) {
    loadV(e, n);
    loadV(e, m);
    f.v(V.xor);
  } else {
    // bitselect(a, b, c) = (a & c) | (b & ~c).
    const [a, b, c] = opc === 1 ? [n, m, d] : opc === 2 ? [n, d, m] : [d, n, m];
    loadV(e, a);
    loadV(e, b);
    loadV(e, c);
    f.v(V.bitselect);
  }
  f.set(r).i32(0);
  if (q) f.get(r);
  else low64(e, r);
  storeV(e, d);
  return true;
}

function integerVector(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  if (size === 3 && !q) return false;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const r = e.vtemp(0);
  loadV(e, n);
  switch (name) {
    case 'ADD (vector)':
      loadV(e, m);
      f.v([V.i8x16_add, V.i16x8_add, V.i32x4_add, V.i64x2_add][size]);
      break;
    case 'SUB (vector)':
      loadV(e, m);
      f.v([V.i8x16_sub, V.i16x8_sub, V.i32x4_sub, V.i64x2_sub][size]);
      break;
    case 'CMEQ (vector)':
      loadV(e, m);
      f.v([V.i8x16_eq, V.i16x8_eq, V.i32x4_eq, V.i64x2_eq][size]);
      break;
    default:
      f.v128(0, 0, 0, 0).v([V.i8x16_eq, V.i16x8_eq, V.i32x4_eq, V.i64x2_eq][size]);
  }
  f.set(r).i32(0);
  if (q) f.get(r);
  else low64(e, r);
  storeV(e, d);
  return true;
}

/** DUP (general), UMOV; the other forms go to their handlers. */
function copy(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const op = (insn >>> 29) & 1;
  const imm5 = (insn >>> 16) & 31;
  const imm4 = (insn >>> 11) & 15;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  const size = imm5 & 1 ? 0 : imm5 & 2 ? 1 : imm5 & 4 ? 2 : imm5 & 8 ? 3 : -1;
  if (op || size < 0) return false;
  if (imm4 === 1) {
    // DUP Vd.T, Rn
    if (size === 3 && !q) return false;
    const r = e.vtemp(0);
    e.xzr(n);
    if (size < 3) f.op(Op.i32_wrap_i64);
    f.v([V.i8x16_splat, V.i16x8_splat, V.i32x4_splat, V.i64x2_splat][size]).set(r);
    f.i32(0);
    if (q) f.get(r);
    else low64(e, r);
    storeV(e, d);
    return true;
  }
  if (imm4 === 7) {
    // UMOV: W for B/H/S, X for D.
    if (q ? size !== 3 : size === 3) return false;
    const index = imm5 >>> (size + 1);
    loadV(e, n);
    switch (size) {
      case 0:
        f.lane(V.i8x16_extract_lane_u, index).op(Op.i64_extend_i32_u);
        break;
      case 1:
        f.lane(V.i16x8_extract_lane_u, index).op(Op.i64_extend_i32_u);
        break;
      case 2:
        f.lane(V.i32x4_extract_lane, index).op(Op.i64_extend_i32_u);
        break;
      default:
        f.lane(V.i64x2_extract_lane, index);
    }
    e.setXzr(d);
    return true;
  }
  return false;
}

/**
 * MOVI, MVNI, ORR and BIC (vector, immediate) and FMOV (vector, immediate): the constant is
 * expanded at compile time (simd-move.ts advSimdExpandImm); Q = 0 clears the upper half.
 */
function modifiedImmediate(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const op = (insn >>> 29) & 1;
  const cmode = (insn >>> 12) & 15;
  // The half-precision FMOV and FMOV .2D with Q = 0: the handler's (undefined).
  if ((insn >>> 11) & 1 || (op === 1 && cmode === 15 && q === 0)) return false;
  const imm8 = (((insn >>> 16) & 7) << 5) | ((insn >>> 5) & 31);
  const [lo, hi] = advSimdExpandImm(op, cmode, imm8);
  const d = insn & 31;
  f.i32(0);
  if (cmode < 12 && (cmode & 1) === 1) {
    // ORR (op 0) or BIC (op 1) with the pattern in both halves.
    loadV(e, d);
    f.v128(lo, hi, lo, hi).v(op ? V.andnot : V.or);
    if (!q) f.v128(-1, -1, 0, 0).v(V.and);
  } else {
    const invert = op === 1 && cmode < 14;
    const w0 = invert ? ~lo : lo;
    const w1 = invert ? ~hi : hi;
    f.v128(w0, w1, q ? w0 : 0, q ? w1 : 0);
  }
  storeV(e, d);
  return true;
}

/** The two's-complement range [min, limit) of a conversion's integer, as doubles. */
function intRange(bits: number, unsigned: boolean): [number, number] {
  const limit = unsigned ? 2 ** bits : 2 ** (bits - 1);
  return [unsigned ? 0 : -limit, limit];
}

/**
 * FCVTZS/FCVTZU Wd/Xd, Sn/Dn and SCVTF/UCVTF Sd/Dd, Wn/Xn (no fraction bits); the other
 * roundings (FCVTN*, FCVTP*, FCVTM*, FCVTA*) and FMOV go to the handlers.
 *
 * FCVTZ*: fast when the value truncates into the integer's range (fp-core.ts toFixed: no
 * IOC, and NaNs fail the comparisons) under plain FPCR (no FZ, which would flag IDC), and
 * either exact or with FPSR.IXC already set; wasm's saturating truncation is then the
 * handler's result. SCVTF/UCVTF: wasm's conversions round to nearest as fromFixed does; fast
 * when the integer is exactly representable (no flag, any FPCR) or FPCR is plain with IXC set.
 */
function convertInteger(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const type = ftype(insn);
  if (type < 0) return false;
  const dbl = type === 1;
  const sf = insn >>> 31;
  const rmode = (insn >>> 19) & 3;
  const opcode = (insn >>> 16) & 7;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  const unsigned = (opcode & 1) === 1;
  const bits = sf ? 64 : 32;
  if ((opcode & 6) === 2 && rmode === 0) {
    // SCVTF / UCVTF.
    const r = resultLocal(e, dbl);
    const wide = e.t64b;
    e.guarded(
      e.opIndex,
      insn,
      false,
      () => {
        if (sf) e.xzr(n);
        else {
          e.wzr(n);
          f.op(unsigned ? Op.i64_extend_i32_u : Op.i64_extend_i32_s);
        }
        // 32-bit integers were extended to 64 as the instruction asks, so only an unsigned
        // 64-bit one needs the unsigned conversion.
        f.tee(wide);
        if (unsigned && sf) f.op(dbl ? Op.f64_convert_i64_u : Op.f32_convert_i64_u);
        else f.op(dbl ? Op.f64_convert_i64_s : Op.f32_convert_i64_s);
        f.set(r);
        // Exact: |integer| <= 2^53 (2^24 for singles), as an unsigned compare of integer + 2^k
        // with 2^(k+1).
        f.get(wide);
        if (dbl) f.i64(0, 1 << 21).op(Op.i64_add).i64(0, 1 << 22);
        else f.i64(1 << 24, 0).op(Op.i64_add).i64(1 << 25, 0);
        f.op(Op.i64_le_u);
        if (unsigned && sf) {
          // An unsigned value of 2^63 or more is not small, whatever the signed sum says.
          f.get(wide).i64(0, 0).op(Op.i64_ge_s, Op.i32_and);
        }
        e.fpFlag(CTL_FP_OK);
        f.op(Op.i32_or);
      },
      () => storeF(e, d, r, dbl),
    );
    return true;
  }
  if (rmode !== 3 || (opcode & 6) !== 0) return false;
  // FCVTZS / FCVTZU.
  const x = e.ftemp(0);
  const [min, limit] = intRange(bits, unsigned);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadF(e, n, dbl);
      if (!dbl) f.op(Op.f64_promote_f32);
      f.tee(x);
      // Truncation lands in [min, limit) exactly when min - 1 < x < limit.
      f.f64(min - 1).op(Op.f64_gt);
      f.get(x).f64(limit).op(Op.f64_lt, Op.i32_and);
      f.get(x).op(Op.f64_trunc).get(x).op(Op.f64_eq);
      e.fpFlag(CTL_FP_OK);
      f.op(Op.i32_or, Op.i32_and);
      e.fpFlag(CTL_FP_MODE);
      f.op(Op.i32_and);
    },
    () => {
      f.get(x);
      if (sf) {
        f.sat(unsigned ? SatOp.i64_trunc_sat_f64_u : SatOp.i64_trunc_sat_f64_s);
        e.setXzr(d);
      } else {
        f.sat(unsigned ? SatOp.i32_trunc_sat_f64_u : SatOp.i32_trunc_sat_f64_s);
        e.setWzr(d);
      }
    },
  );
  return true;
}

/**
 * SHRN/SHRN2: each double-width lane of Vn shifted right, its low half kept (a shuffle of the
 * shifted vector's low bytes); SHRN writes the lower half of Vd and clears the upper, SHRN2
 * writes the upper half and keeps the lower.
 */
function shiftNarrow(e: BlockEmitter, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const immh = (insn >>> 19) & 15;
  if (immh === 0 || immh & 8) return false;
  const size = immh & 4 ? 2 : immh & 2 ? 1 : 0;
  const shift = (16 << size) - ((insn >>> 16) & 127);
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  // The bytes of each narrowed lane: the low 2^size bytes of each 2^(size+1)-byte lane.
  const bytes: number[] = [];
  const narrow = 1 << size;
  for (let lane = 0; lane < 8 >>> size; lane++) for (let b = 0; b < narrow; b++) bytes.push(lane * 2 * narrow + b);
  f.i32(0);
  if (q) loadV(e, d);
  loadV(e, n);
  f.i32(shift).v([V.i16x8_shr_u, V.i32x4_shr_u, V.i64x2_shr_u][size]);
  if (q) f.shuffle([0, 1, 2, 3, 4, 5, 6, 7, ...bytes.map((b) => 16 + b)]);
  else f.v128(0, 0, 0, 0).shuffle([...bytes, 16, 16, 16, 16, 16, 16, 16, 16]);
  storeV(e, d);
  return true;
}

/**
 * UMAXP/UMINP: the lanes of Vn then Vm (their lower halves when Q = 0) taken in pairs, each
 * pair's larger or smaller: the even lanes and the odd lanes are shuffled apart and compared.
 */
function pairwiseMinMax(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  if (size === 3) return false;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = insn & 31;
  const lane = 1 << size;
  const elements = (q ? 16 : 8) >>> size;
  const half = elements >>> 1;
  // Byte indices into (Vn ++ Vm) of the first (parity 0) or second element of each pair.
  const pick = (parity: number): number[] => {
    const out: number[] = [];
    for (let i = 0; i < elements; i++) {
      const base = i < half ? 0 : 16;
      const k = (i < half ? i : i - half) * 2 + parity;
      for (let b = 0; b < lane; b++) out.push(base + k * lane + b);
    }
    while (out.length < 16) out.push(0);
    return out;
  };
  const max = name === 'UMAXP';
  f.i32(0);
  loadV(e, n);
  loadV(e, m);
  f.shuffle(pick(0));
  loadV(e, n);
  loadV(e, m);
  f.shuffle(pick(1));
  f.v([max ? V.i8x16_max_u : V.i8x16_min_u, max ? V.i16x8_max_u : V.i16x8_min_u, max ? V.i32x4_max_u : V.i32x4_min_u][size]);
  if (!q) f.v128(-1, -1, 0, 0).v(V.and);
  storeV(e, d);
  return true;
}

/**
 * FCVTZS/FCVTZU/SCVTF/UCVTF (vector) on single lanes (.4S, .2S), with convertInteger's
 * conditions lane by lane: wasm's saturating truncation and its conversions are the handlers'
 * results when every lane is in range (FCVTZ*) and exact or FPSR.IXC is already set. The .2D
 * forms (wasm has no 64-bit lane conversions) go to the handlers.
 */
function vectorConvert(e: BlockEmitter, name: string, insn: number): boolean {
  const f = e.f;
  const q = (insn >>> 30) & 1;
  if ((insn >>> 22) & 1) return false;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  const unsigned = name === 'FCVTZU (vector)' || name === 'UCVTF (vector)';
  const toInteger = name === 'FCVTZS (vector)' || name === 'FCVTZU (vector)';
  const x = e.vtemp(1);
  const r = e.vtemp(0);
  e.guarded(
    e.opIndex,
    insn,
    false,
    () => {
      loadV(e, n);
      f.tee(x);
      if (toInteger) {
        f.v(unsigned ? V.i32x4_trunc_sat_f32x4_u : V.i32x4_trunc_sat_f32x4_s).set(r);
        // In range: min <= x (no single lies between min - 1 and min) and x < limit; unsigned
        // x > -1. NaN lanes fail.
        f.get(x);
        if (unsigned) f.f32(-1).v(V.f32x4_splat, V.f32x4_gt);
        else f.f32(-(2 ** 31)).v(V.f32x4_splat, V.f32x4_ge);
        f.get(x).f32(unsigned ? 2 ** 32 : 2 ** 31).v(V.f32x4_splat, V.f32x4_lt, V.and);
        allLanes(e, false, q);
        f.get(x).v(V.f32x4_trunc).get(x).v(V.f32x4_eq);
        allLanes(e, false, q);
        e.fpFlag(CTL_FP_OK);
        f.op(Op.i32_or, Op.i32_and);
        e.fpFlag(CTL_FP_MODE);
        f.op(Op.i32_and);
      } else {
        f.v(unsigned ? V.f32x4_convert_i32x4_u : V.f32x4_convert_i32x4_s).set(r);
        // Exact when |lane| <= 2^24 (lane + 2^24 <= 2^25 unsigned for signed lanes).
        f.get(x);
        if (!unsigned) f.i32(1 << 24).v(V.i32x4_splat, V.i32x4_add);
        f.i32(unsigned ? 1 << 24 : 1 << 25).v(V.i32x4_splat, V.i32x4_le_u);
        allLanes(e, false, q);
        e.fpFlag(CTL_FP_OK);
        f.op(Op.i32_or);
      }
    },
    () => {
      f.i32(0);
      if (q) f.get(r);
      else low64(e, r);
      storeV(e, d);
    },
  );
  return true;
}
