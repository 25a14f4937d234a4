/**
 * Synchronisation loads and stores (Arm ARM C4.1.66, V = 0): the exclusives
 * (LDXR/STXR, LDAXR/STLXR and pairs LDXP/STXP/LDAXP/STLXP), acquire/release (LDAR/STLR,
 * LDAPR, LDAPUR/STLUR), and the LSE atomics (LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN,
 * LDUMAX, LDUMIN, SWP, CAS, CASP) in every size and ordering variant.
 *
 * There is one PE and no weakly ordered buffering, so acquire/release semantics need
 * no extra work; what remains architecturally visible is alignment (all of these
 * require a naturally aligned address and raise an alignment fault, DFSC 0x21,
 * otherwise) and fault behaviour.
 *
 * Atomic read-modify-writes translate the address for writing before touching memory,
 * so a permission or translation fault is taken (with WnR = 1, as qemu reports it)
 * before anything changes. Being aligned, they never cross a page, so they work on the
 * RAM buffer offset directly.
 *
 * The exclusive monitor is cpu.exclusiveAddr (physical address, -1 when clear) and
 * cpu.exclusiveSize (bytes). A store-exclusive succeeds only when the monitor holds
 * exactly its physical address and size; without a reservation it fails without
 * translating or writing. Every store-exclusive clears the monitor.
 *
 * LDLAR/STLLR (LORegions) are not implemented, as ID_AA64MMFR1_EL1.LO says, so their
 * encodings (o2 = 1, o0 = 0) fall through to Undefined. CASP with an odd Rs or Rt is
 * Undefined, as in qemu.
 */

import { SP, SINK, type Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { AccessKind } from '../exceptions.js';
import { PAGE_SHIFT } from '../memory.js';

/** Register slot (doubled) of base field n; SP (after its alignment check) when 31. */
function baseSlot(cpu: Cpu, n: number): number {
  if (n === 31) {
    cpu.checkSpAlignment();
    return SP * 2;
  }
  return n * 2;
}

/** Doubled destination slot of register field r, XZR writes going to the sink. */
function dest(r: number): number {
  return r === 31 ? SINK * 2 : r * 2;
}

/** Mask of the low `bytes` bytes of a 32-bit value (bytes <= 4). */
function maskOf(bytes: number): number {
  return bytes === 4 ? -1 : (1 << (bytes * 8)) - 1;
}

/** Hi half of the last memAt. */
let loadedHi = 0;

/** Reads a naturally aligned value of `bytes` at RAM offset off; returns lo, hi in loadedHi. */
function memAt(cpu: Cpu, off: number, bytes: number): number {
  const mem = cpu.memory;
  loadedHi = 0;
  switch (bytes) {
    case 1:
      return mem.u8[off];
    case 2:
      return mem.u8[off] | (mem.u8[off + 1] << 8);
    case 4:
      return mem.i32[off >> 2];
    default:
      loadedHi = mem.i32[(off >> 2) + 1];
      return mem.i32[off >> 2];
  }
}

/** Writes a naturally aligned value of `bytes` at RAM offset off. */
function setMemAt(cpu: Cpu, off: number, bytes: number, lo: number, hi: number): void {
  const mem = cpu.memory;
  switch (bytes) {
    case 1:
      mem.u8[off] = lo;
      break;
    case 2:
      mem.u8[off] = lo;
      mem.u8[off + 1] = lo >>> 8;
      break;
    case 4:
      mem.i32[off >> 2] = lo;
      break;
    default:
      mem.i32[off >> 2] = lo;
      mem.i32[(off >> 2) + 1] = hi;
  }
  if (mem.codePage[off >>> PAGE_SHIFT]) mem.noteWrite(off, bytes);
}

/** Writes a loaded value to register field r: W (hi zeroed) for sizes below 8 bytes. */
function setRegister(cpu: Cpu, r: number, bytes: number, lo: number, hi: number): void {
  const d = dest(r);
  cpu.x[d] = lo;
  cpu.x[d + 1] = bytes === 8 ? hi : 0;
}

// ---- Exclusives ---------------------------------------------------------------------

/** Address of the last exclusiveAddress call: lo, and hi in addrHi. */
let addrHi = 0;
function baseAddress(cpu: Cpu, insn: number): number {
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  addrHi = cpu.x[b + 1];
  return cpu.x[b];
}

/** LDXR/LDAXR (B, H, W, X): bits [31:30] are the size. */
function loadExclusive(cpu: Cpu, insn: number): void {
  const bytes = 1 << (insn >>> 30);
  const lo = baseAddress(cpu, insn);
  const hi = addrHi;
  cpu.checkAlignment(lo, hi, bytes, AccessKind.READ);
  const off = cpu.translate(lo, hi, bytes, cpu.needRead, AccessKind.READ);
  const v = memAt(cpu, off, bytes);
  setRegister(cpu, insn & 31, bytes, v, loadedHi);
  cpu.exclusiveAddr = off + cpu.memory.base;
  cpu.exclusiveSize = bytes;
}

/** LDXP/LDAXP: bit 30 selects X pairs (16 bytes) over W pairs (8 bytes). */
function loadExclusivePair(cpu: Cpu, insn: number): void {
  const wide = (insn >>> 30) & 1;
  const bytes = wide ? 16 : 8;
  const lo = baseAddress(cpu, insn);
  const hi = addrHi;
  cpu.checkAlignment(lo, hi, bytes, AccessKind.READ);
  const off = cpu.translate(lo, hi, bytes, cpu.needRead, AccessKind.READ);
  const i32 = cpu.memory.i32;
  const w = off >> 2;
  const t = dest(insn & 31);
  const t2 = dest((insn >>> 10) & 31);
  const x = cpu.x;
  if (wide) {
    const a0 = i32[w];
    const a1 = i32[w + 1];
    x[t2] = i32[w + 2];
    x[t2 + 1] = i32[w + 3];
    x[t] = a0;
    x[t + 1] = a1;
  } else {
    const a = i32[w];
    x[t2] = i32[w + 1];
    x[t2 + 1] = 0;
    x[t] = a;
    x[t + 1] = 0;
  }
  cpu.exclusiveAddr = off + cpu.memory.base;
  cpu.exclusiveSize = bytes;
}

/**
 * The monitor check of a store-exclusive of `bytes` at hi:lo. Returns the RAM offset
 * to write, or -1 when the store must fail. Clears the monitor either way.
 */
function exclusiveCheck(cpu: Cpu, lo: number, hi: number, bytes: number): number {
  cpu.checkAlignment(lo, hi, bytes, AccessKind.WRITE);
  if (cpu.exclusiveAddr === -1) return -1;
  const off = cpu.translate(lo, hi, bytes, cpu.needWrite, AccessKind.WRITE);
  const pass = off + cpu.memory.base === cpu.exclusiveAddr && bytes === cpu.exclusiveSize;
  cpu.exclusiveAddr = -1;
  return pass ? off : -1;
}

/** Writes the 0 (success) / 1 (failure) status to Ws (field [20:16]). */
function setStatus(cpu: Cpu, insn: number, failed: boolean): void {
  const d = dest((insn >>> 16) & 31);
  cpu.x[d] = failed ? 1 : 0;
  cpu.x[d + 1] = 0;
}

/** STXR/STLXR (B, H, W, X). */
function storeExclusive(cpu: Cpu, insn: number): void {
  const bytes = 1 << (insn >>> 30);
  const lo = baseAddress(cpu, insn);
  const off = exclusiveCheck(cpu, lo, addrHi, bytes);
  if (off >= 0) {
    const t = (insn & 31) * 2;
    setMemAt(cpu, off, bytes, cpu.x[t], cpu.x[t + 1]);
  }
  setStatus(cpu, insn, off < 0);
}

/** STXP/STLXP: Rt at the lower address, Rt2 above it. */
function storeExclusivePair(cpu: Cpu, insn: number): void {
  const wide = (insn >>> 30) & 1;
  const bytes = wide ? 16 : 8;
  const lo = baseAddress(cpu, insn);
  const off = exclusiveCheck(cpu, lo, addrHi, bytes);
  if (off >= 0) {
    const x = cpu.x;
    const t = (insn & 31) * 2;
    const t2 = ((insn >>> 10) & 31) * 2;
    if (wide) {
      setMemAt(cpu, off, 8, x[t], x[t + 1]);
      setMemAt(cpu, off + 8, 8, x[t2], x[t2 + 1]);
    } else {
      setMemAt(cpu, off, 8, x[t], x[t2]);
    }
  }
  setStatus(cpu, insn, off < 0);
}

// ---- Acquire / release ---------------------------------------------------------------

/** A load of `bytes` at hi:lo into register field t after an alignment check. */
function loadOrdered(cpu: Cpu, t: number, bytes: number, lo: number, hi: number): void {
  cpu.checkAlignment(lo, hi, bytes, AccessKind.READ);
  const off = cpu.translate(lo, hi, bytes, cpu.needRead, AccessKind.READ);
  const v = memAt(cpu, off, bytes);
  setRegister(cpu, t, bytes, v, loadedHi);
}

function storeOrdered(cpu: Cpu, t: number, bytes: number, lo: number, hi: number): void {
  cpu.checkAlignment(lo, hi, bytes, AccessKind.WRITE);
  const off = cpu.translate(lo, hi, bytes, cpu.needWrite, AccessKind.WRITE);
  setMemAt(cpu, off, bytes, cpu.x[t * 2], cpu.x[t * 2 + 1]);
}

/** LDAR (and LDAPR, whose weaker ordering is indistinguishable here). */
function loadAcquire(cpu: Cpu, insn: number): void {
  const lo = baseAddress(cpu, insn);
  loadOrdered(cpu, insn & 31, 1 << (insn >>> 30), lo, addrHi);
}

/** STLR. */
function storeRelease(cpu: Cpu, insn: number): void {
  const lo = baseAddress(cpu, insn);
  storeOrdered(cpu, insn & 31, 1 << (insn >>> 30), lo, addrHi);
}

/**
 * LDAPUR/STLUR (FEAT_LRCPC2): [Xn|SP, #simm9]. opc 00 store, 01 load, 10 load signed
 * to X, 11 load signed to W; size 10 with opc 11 and size 11 with opc 1x are unallocated.
 */
function orderedUnscaled(cpu: Cpu, insn: number): void {
  const size = insn >>> 30;
  const opc = (insn >>> 22) & 3;
  if ((size === 2 && opc === 3) || (size === 3 && opc >= 2)) cpu.undefinedInstruction();
  const bytes = 1 << size;
  const b = baseSlot(cpu, (insn >>> 5) & 31);
  const sum = (cpu.x[b] >>> 0) + ((insn << 11) >> 23);
  const bhi = cpu.x[b + 1];
  const lo = sum | 0;
  const hi = sum > 0xffffffff ? (bhi + 1) | 0 : sum < 0 ? (bhi - 1) | 0 : bhi;
  const t = insn & 31;
  if (opc === 0) {
    storeOrdered(cpu, t, bytes, lo, hi);
    return;
  }
  loadOrdered(cpu, t, bytes, lo, hi);
  if (opc === 1) return;
  // Sign-extend what loadOrdered zero-extended.
  const d = dest(t);
  const shift = 32 - bytes * 8;
  const v = shift ? (cpu.x[d] << shift) >> shift : cpu.x[d];
  cpu.x[d] = v;
  cpu.x[d + 1] = opc === 2 ? v >> 31 : 0;
}

// ---- LSE atomics -------------------------------------------------------------------

/** Translates an atomic read-modify-write target for writing; returns the RAM offset. */
function atomicTarget(cpu: Cpu, insn: number, bytes: number): number {
  const lo = baseAddress(cpu, insn);
  const hi = addrHi;
  cpu.checkAlignment(lo, hi, bytes, AccessKind.WRITE);
  return cpu.translate(lo, hi, bytes, cpu.needWrite, AccessKind.WRITE);
}

/**
 * LDADD, LDCLR, LDEOR, LDSET, LDSMAX, LDSMIN, LDUMAX, LDUMIN (o3 = 0, opc in [14:12])
 * and SWP (o3 = 1, opc = 000); the ST* aliases are these with Rt = XZR.
 * Rt receives the old value; memory receives op(old, Rs).
 */
function atomicOp(cpu: Cpu, insn: number): void {
  const op = (insn >>> 12) & 15; // o3:opc
  if (op > 8) cpu.undefinedInstruction();
  const bytes = 1 << (insn >>> 30);
  const off = atomicTarget(cpu, insn, bytes);
  const x = cpu.x;
  const s = ((insn >>> 16) & 31) * 2;
  const old = memAt(cpu, off, bytes);
  const oldHi = loadedHi;
  let lo: number;
  let hi = 0;
  if (bytes === 8) {
    const slo = x[s];
    const shi = x[s + 1];
    switch (op) {
      case 0: {
        const sum = (old >>> 0) + (slo >>> 0);
        lo = sum | 0;
        hi = (oldHi + shi + (sum > 0xffffffff ? 1 : 0)) | 0;
        break;
      }
      case 1:
        lo = old & ~slo;
        hi = oldHi & ~shi;
        break;
      case 2:
        lo = old ^ slo;
        hi = oldHi ^ shi;
        break;
      case 3:
        lo = old | slo;
        hi = oldHi | shi;
        break;
      case 8:
        lo = slo;
        hi = shi;
        break;
      default: {
        // 4 SMAX, 5 SMIN, 6 UMAX, 7 UMIN: is old greater than Rs?
        const oldGreater =
          op < 6
            ? oldHi !== shi ? oldHi > shi : old >>> 0 > slo >>> 0
            : oldHi !== shi ? oldHi >>> 0 > shi >>> 0 : old >>> 0 > slo >>> 0;
        const keepOld = (op & 1) === 0 ? oldGreater : !oldGreater;
        lo = keepOld ? old : slo;
        hi = keepOld ? oldHi : shi;
      }
    }
  } else {
    const mask = maskOf(bytes);
    const sv = x[s] & mask;
    switch (op) {
      case 0:
        lo = (old + sv) & mask;
        break;
      case 1:
        lo = old & ~sv;
        break;
      case 2:
        lo = old ^ sv;
        break;
      case 3:
        lo = old | sv;
        break;
      case 8:
        lo = sv;
        break;
      default: {
        let a = old;
        let c = sv;
        if (op < 6) {
          // Signed: sign-extend both from the access size.
          const shift = 32 - bytes * 8;
          a = (a << shift) >> shift;
          c = (c << shift) >> shift;
        } else {
          a >>>= 0;
          c >>>= 0;
        }
        const keepOld = (op & 1) === 0 ? a > c : a <= c;
        lo = keepOld ? old : sv;
      }
    }
  }
  setMemAt(cpu, off, bytes, lo, hi);
  setRegister(cpu, insn & 31, bytes, old, oldHi);
}

/** CAS/CASA/CASL/CASAL (B, H, W, X): if [Xn] == Rs then [Xn] = Rt; Rs = old [Xn]. */
function compareAndSwap(cpu: Cpu, insn: number): void {
  const bytes = 1 << (insn >>> 30);
  const off = atomicTarget(cpu, insn, bytes);
  const x = cpu.x;
  const s = (insn >>> 16) & 31;
  const t = (insn & 31) * 2;
  const old = memAt(cpu, off, bytes);
  const oldHi = loadedHi;
  if (bytes === 8) {
    if (old === x[s * 2] && oldHi === x[s * 2 + 1]) setMemAt(cpu, off, 8, x[t], x[t + 1]);
  } else {
    const mask = maskOf(bytes);
    if (old === (x[s * 2] & mask)) setMemAt(cpu, off, bytes, x[t] & mask, 0);
  }
  setRegister(cpu, s, bytes, old, oldHi);
}

/**
 * CASP/CASPA/CASPL/CASPAL: bit 30 selects X pairs. Compares <Rs, Rs+1> with the two
 * elements at [Xn] (Rs at the lower address) and, if both match, stores <Rt, Rt+1>;
 * <Rs, Rs+1> receive the old values. Rs and Rt must be even.
 */
function compareAndSwapPair(cpu: Cpu, insn: number): void {
  const s = (insn >>> 16) & 31;
  const t = insn & 31;
  if (s & 1 || t & 1) cpu.undefinedInstruction();
  const wide = (insn >>> 30) & 1;
  const off = atomicTarget(cpu, insn, wide ? 16 : 8);
  const x = cpu.x;
  const i32 = cpu.memory.i32;
  const w = off >> 2;
  // Register slots of the second registers: Rs+1 / Rt+1 may be 31 (XZR) when Rs/Rt = 30.
  const s1 = s + 1;
  const t1 = t + 1;
  if (wide) {
    const a0 = i32[w];
    const a1 = i32[w + 1];
    const b0 = i32[w + 2];
    const b1 = i32[w + 3];
    if (a0 === x[s * 2] && a1 === x[s * 2 + 1] && b0 === x[s1 * 2] && b1 === x[s1 * 2 + 1]) {
      setMemAt(cpu, off, 8, x[t * 2], x[t * 2 + 1]);
      setMemAt(cpu, off + 8, 8, x[t1 * 2], x[t1 * 2 + 1]);
    }
    setRegister(cpu, s, 8, a0, a1);
    setRegister(cpu, s1, 8, b0, b1);
  } else {
    const a = i32[w];
    const b = i32[w + 1];
    if (a === x[s * 2] && b === x[s1 * 2]) setMemAt(cpu, off, 8, x[t * 2], x[t1 * 2]);
    setRegister(cpu, s, 4, a, 0);
    setRegister(cpu, s1, 4, b, 0);
  }
}

export const ENCODINGS: readonly Encoding[] = [
  // Load/store exclusive and ordered: size 001000 o2 L o1 Rs o0 Rt2 Rn Rt.
  // Rs of loads and Rt2 of single-register forms should be ones; like qemu we ignore them.
  { bits: 'ss 001000 0 0 0 sssss o uuuuu nnnnn ttttt', name: 'STXR/STLXR', exec: storeExclusive },
  { bits: 'ss 001000 0 1 0 sssss o uuuuu nnnnn ttttt', name: 'LDXR/LDAXR', exec: loadExclusive },
  { bits: '1s 001000 0 0 1 sssss o uuuuu nnnnn ttttt', name: 'STXP/STLXP', exec: storeExclusivePair },
  { bits: '1s 001000 0 1 1 sssss o uuuuu nnnnn ttttt', name: 'LDXP/LDAXP', exec: loadExclusivePair },
  { bits: 'ss 001000 1 0 0 sssss 1 uuuuu nnnnn ttttt', name: 'STLR', exec: storeRelease },
  { bits: 'ss 001000 1 1 0 sssss 1 uuuuu nnnnn ttttt', name: 'LDAR', exec: loadAcquire },
  { bits: '0s 001000 0 L 1 sssss o 11111 nnnnn ttttt', name: 'CASP', exec: compareAndSwapPair },
  { bits: 'ss 001000 1 L 1 sssss o 11111 nnnnn ttttt', name: 'CAS', exec: compareAndSwap },
  // Atomic memory operations: size 111 V=0 00 A R 1 Rs o3 opc 00 Rn Rt.
  { bits: 'ss 111 0 00 A R 1 sssss o ooo 00 nnnnn ttttt', name: 'LDADD/LDCLR/LDEOR/LDSET/LD[SU]MAX/LD[SU]MIN/SWP', exec: atomicOp },
  { bits: 'ss 111 0 00 1 0 1 11111 1 100 00 nnnnn ttttt', name: 'LDAPR', exec: loadAcquire },
  // LDAPR/STLR (unscaled immediate): size 011001 opc 0 imm9 00 Rn Rt.
  { bits: 'ss 011001 oo 0 iiiiiiiii 00 nnnnn ttttt', name: 'LDAPUR/STLUR', exec: orderedUnscaled },
];
