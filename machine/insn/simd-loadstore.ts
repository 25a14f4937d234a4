/**
 * Loads and stores of SIMD&FP registers: B/H/S/D/Q single registers in every addressing
 * mode, pairs (LDP/STP/LDNP/STNP of S/D/Q), and the structure loads and stores
 * LD1-LD4/ST1-ST4 (multiple structures), their single-structure forms and LD1R-LD4R.
 *
 * All loads read every byte before writing any register, so a fault leaves the
 * registers as they were; writeback happens last for the same reason.
 */

import type { Encoding } from '../decoder.js';
import { SP, type Cpu } from '../cpu.js';
import { U8, I32, load, store, add64, shl64, hi64 } from './simd-lanes.js';

/** First scratch slot used for the registers of a pair or structure transfer (up to 4). */
const FIRST = 3;

// ---- addressing --------------------------------------------------------------------

/** Address computed by the last helper: lo here, hi in addrHi. */
let addrHi = 0;

/** Base register (31 = SP, which then gets its alignment checked) plus a signed offset. */
function baseAddress(cpu: Cpu, rn: number, offset: number): number {
  const slot = rn === 31 ? SP : rn;
  if (rn === 31) cpu.checkSpAlignment();
  const lo = add64(cpu.x[slot * 2], cpu.x[slot * 2 + 1], offset | 0, offset < 0 ? -1 : 0);
  addrHi = hi64;
  return lo;
}

function writeBack(cpu: Cpu, rn: number, lo: number, hi: number): void {
  const slot = rn === 31 ? SP : rn;
  cpu.x[slot * 2] = lo;
  cpu.x[slot * 2 + 1] = hi;
}

function next(lo: number, hi: number, bytes: number): number {
  const r = add64(lo, hi, bytes, 0);
  addrHi = hi64;
  return r;
}

// ---- moving 1..16 bytes between memory and a vector register -----------------------

/** Reads 1 << log2 bytes at hi:lo into V<t>, zeroing the rest of the register. */
function loadReg(cpu: Cpu, t: number, lo: number, hi: number, log2: number): void {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  switch (log2) {
    case 0:
      w0 = cpu.read8(lo, hi);
      break;
    case 1:
      w0 = cpu.read16(lo, hi);
      break;
    case 2:
      w0 = cpu.read32(lo, hi);
      break;
    case 3:
      w0 = cpu.read64(lo, hi);
      w1 = cpu.rhi;
      break;
    default: {
      w0 = cpu.read64(lo, hi);
      w1 = cpu.rhi;
      const lo8 = next(lo, hi, 8);
      w2 = cpu.read64(lo8, addrHi);
      w3 = cpu.rhi;
    }
  }
  const v = cpu.v;
  const r = t << 2;
  v[r] = w0;
  v[r + 1] = w1;
  v[r + 2] = w2;
  v[r + 3] = w3;
}

/** Writes the low 1 << log2 bytes of V<t> to hi:lo. */
function storeReg(cpu: Cpu, t: number, lo: number, hi: number, log2: number): void {
  const v = cpu.v;
  const r = t << 2;
  switch (log2) {
    case 0:
      cpu.write8(lo, hi, v[r] & 0xff);
      return;
    case 1:
      cpu.write16(lo, hi, v[r] & 0xffff);
      return;
    case 2:
      cpu.write32(lo, hi, v[r]);
      return;
    case 3:
      cpu.write64(lo, hi, v[r], v[r + 1]);
      return;
    default: {
      cpu.write64(lo, hi, v[r], v[r + 1]);
      const lo8 = next(lo, hi, 8);
      cpu.write64(lo8, addrHi, v[r + 2], v[r + 3]);
    }
  }
}

/** Access size (log2 bytes) of the single-register forms from size:opc; -1 if unallocated. */
function registerSize(insn: number): number {
  const size = (insn >>> 30) & 3;
  const opc = (insn >>> 22) & 3;
  if (opc & 2) return size === 0 ? 4 : -1;
  return size;
}

function transfer(cpu: Cpu, insn: number, lo: number, hi: number, log2: number): void {
  const t = insn & 31;
  if ((insn >>> 22) & 1) loadReg(cpu, t, lo, hi, log2);
  else storeReg(cpu, t, lo, hi, log2);
}

// ---- single register ---------------------------------------------------------------

function unsignedOffset(cpu: Cpu, insn: number): void {
  const log2 = registerSize(insn);
  if (log2 < 0) cpu.undefinedInstruction();
  const imm12 = (insn >>> 10) & 0xfff;
  const lo = baseAddress(cpu, (insn >>> 5) & 31, imm12 << log2);
  transfer(cpu, insn, lo, addrHi, log2);
}

/** LDUR/STUR (mode 00), post-index (01) and pre-index (11); mode 10 is unallocated for SIMD. */
function immediate9(cpu: Cpu, insn: number): void {
  const log2 = registerSize(insn);
  const mode = (insn >>> 10) & 3;
  if (log2 < 0 || mode === 2) cpu.undefinedInstruction();
  const imm9 = (insn << 11) >> 23;
  const rn = (insn >>> 5) & 31;
  if (mode === 0) {
    const lo = baseAddress(cpu, rn, imm9);
    transfer(cpu, insn, lo, addrHi, log2);
    return;
  }
  const newLo = baseAddress(cpu, rn, imm9);
  const newHi = addrHi;
  if (mode === 3) transfer(cpu, insn, newLo, newHi, log2);
  else {
    const lo = baseAddress(cpu, rn, 0);
    transfer(cpu, insn, lo, addrHi, log2);
  }
  writeBack(cpu, rn, newLo, newHi);
}

/** Register offset: Xn|SP + (extended Rm << (S ? size : 0)); option<1> must be set. */
function registerOffset(cpu: Cpu, insn: number): void {
  const log2 = registerSize(insn);
  const option = (insn >>> 13) & 7;
  if (log2 < 0 || (option & 2) === 0) cpu.undefinedInstruction();
  const rm = (insn >>> 16) & 31;
  let lo = cpu.x[rm * 2];
  let hi = cpu.x[rm * 2 + 1];
  // option<0> = 0: a W register, zero- (UXTW) or sign- (SXTW) extended.
  if ((option & 1) === 0) hi = option & 4 ? lo >> 31 : 0;
  if ((insn >>> 12) & 1) {
    lo = shl64(lo, hi, log2);
    hi = hi64;
  }
  const rn = (insn >>> 5) & 31;
  const base = rn === 31 ? SP : rn;
  if (rn === 31) cpu.checkSpAlignment();
  const alo = add64(cpu.x[base * 2], cpu.x[base * 2 + 1], lo, hi);
  transfer(cpu, insn, alo, hi64, log2);
}

/** LDR (literal): S, D or Q from PC + imm19 * 4. */
function literal(cpu: Cpu, insn: number): void {
  const opc = (insn >>> 30) & 3;
  if (opc === 3) cpu.undefinedInstruction();
  const offset = ((insn << 8) >> 13) * 4;
  const lo = add64(cpu.pcLo, cpu.pcHi, offset, offset < 0 ? -1 : 0);
  loadReg(cpu, insn & 31, lo, hi64, opc + 2);
}

// ---- pairs ---------------------------------------------------------------------------

/** LDP/STP (post 01, offset 10, pre 11) and LDNP/STNP (00) of S, D or Q registers. */
function pair(cpu: Cpu, insn: number): void {
  const opc = (insn >>> 30) & 3;
  if (opc === 3) cpu.undefinedInstruction();
  const log2 = opc + 2;
  const mode = (insn >>> 23) & 3;
  const isLoad = (insn >>> 22) & 1;
  const offset = ((insn << 10) >> 25) << log2;
  const rn = (insn >>> 5) & 31;
  const t = insn & 31;
  const t2 = (insn >>> 10) & 31;
  const newLo = baseAddress(cpu, rn, offset);
  const newHi = addrHi;
  let lo = newLo;
  let hi = newHi;
  if (mode === 1) {
    lo = baseAddress(cpu, rn, 0);
    hi = addrHi;
  }
  const lo2 = next(lo, hi, 1 << log2);
  const hi2 = addrHi;
  if (isLoad) {
    // Read both before writing either, so a fault on the second leaves Vt intact.
    readChunk(cpu, lo, hi, log2, FIRST);
    readChunk(cpu, lo2, hi2, log2, FIRST + 1);
    store(cpu, t, FIRST, 1);
    store(cpu, t2, FIRST + 1, 1);
  } else {
    storeReg(cpu, t, lo, hi, log2);
    storeReg(cpu, t2, lo2, hi2, log2);
  }
  if (mode === 1 || mode === 3) writeBack(cpu, rn, newLo, newHi);
}

/** Reads 4, 8 or 16 bytes into a scratch slot, zero-filled above. */
function readChunk(cpu: Cpu, lo: number, hi: number, log2: number, slot: number): void {
  const s = slot << 2;
  I32[s + 1] = I32[s + 2] = I32[s + 3] = 0;
  if (log2 === 2) {
    I32[s] = cpu.read32(lo, hi);
    return;
  }
  I32[s] = cpu.read64(lo, hi);
  I32[s + 1] = cpu.rhi;
  if (log2 === 4) {
    const lo8 = next(lo, hi, 8);
    I32[s + 2] = cpu.read64(lo8, addrHi);
    I32[s + 3] = cpu.rhi;
  }
}

// ---- structures (LD1-4 / ST1-4) --------------------------------------------------------

/** rpt:selem for the multiple-structure opcodes, 0 when unallocated. */
const MULTIPLE_LAYOUT = [0x14, 0, 0x41, 0, 0x13, 0, 0x31, 0x11, 0x12, 0, 0x21, 0, 0, 0, 0, 0];

function readElement(cpu: Cpu, lo: number, hi: number, size: number, slot: number, index: number): void {
  switch (size) {
    case 0:
      U8[(slot << 4) + index] = cpu.read8(lo, hi);
      return;
    case 1: {
      const b = (slot << 4) + index * 2;
      const h = cpu.read16(lo, hi);
      U8[b] = h;
      U8[b + 1] = h >>> 8;
      return;
    }
    case 2:
      I32[(slot << 2) + index] = cpu.read32(lo, hi);
      return;
    default:
      I32[(slot << 2) + index * 2] = cpu.read64(lo, hi);
      I32[(slot << 2) + index * 2 + 1] = cpu.rhi;
  }
}

function writeElement(cpu: Cpu, lo: number, hi: number, size: number, reg: number, index: number): void {
  const v = cpu.v;
  const w = (reg << 2) + ((index << size) >>> 2);
  switch (size) {
    case 0:
      cpu.write8(lo, hi, (v[w] >>> ((index & 3) * 8)) & 0xff);
      return;
    case 1:
      cpu.write16(lo, hi, (v[w] >>> ((index & 1) * 16)) & 0xffff);
      return;
    case 2:
      cpu.write32(lo, hi, v[w]);
      return;
    default:
      cpu.write64(lo, hi, v[w], v[w + 1]);
  }
}

/** Post-index writeback of a structure instruction: Rm = 31 means "by the bytes moved". */
function structureWriteBack(cpu: Cpu, insn: number, bytes: number): void {
  if (((insn >>> 23) & 1) === 0) return;
  const rn = (insn >>> 5) & 31;
  const rm = (insn >>> 16) & 31;
  const slot = rn === 31 ? SP : rn;
  const lo =
    rm === 31
      ? add64(cpu.x[slot * 2], cpu.x[slot * 2 + 1], bytes, 0)
      : add64(cpu.x[slot * 2], cpu.x[slot * 2 + 1], cpu.x[rm * 2], cpu.x[rm * 2 + 1]);
  writeBack(cpu, rn, lo, hi64);
}

function multipleStructures(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const isLoad = (insn >>> 22) & 1;
  const size = (insn >>> 10) & 3;
  const layout = MULTIPLE_LAYOUT[(insn >>> 12) & 15];
  const rpt = layout >>> 4;
  const selem = layout & 15;
  // Unallocated opcodes, and the 1D arrangement for LD2-LD4/ST2-ST4.
  if (layout === 0 || (size === 3 && q === 0 && selem !== 1)) cpu.undefinedInstruction();
  const rn = (insn >>> 5) & 31;
  const t = insn & 31;
  const regBytes = q ? 16 : 8;
  const elements = regBytes >>> size;
  const ebytes = 1 << size;
  let lo = baseAddress(cpu, rn, 0);
  let hi = addrHi;
  if (selem === 1) {
    // LD1/ST1: each register is a contiguous run of bytes whatever the element size.
    for (let r = 0; r < rpt; r++) {
      const reg = (t + r) & 31;
      if (isLoad) {
        const s = (FIRST + r) << 2;
        I32[s] = cpu.read64(lo, hi);
        I32[s + 1] = cpu.rhi;
        lo = next(lo, hi, 8);
        hi = addrHi;
        if (q) {
          I32[s + 2] = cpu.read64(lo, hi);
          I32[s + 3] = cpu.rhi;
          lo = next(lo, hi, 8);
          hi = addrHi;
        }
      } else {
        const w = reg << 2;
        cpu.write64(lo, hi, cpu.v[w], cpu.v[w + 1]);
        lo = next(lo, hi, 8);
        hi = addrHi;
        if (q) {
          cpu.write64(lo, hi, cpu.v[w + 2], cpu.v[w + 3]);
          lo = next(lo, hi, 8);
          hi = addrHi;
        }
      }
    }
  } else {
    // LD2-LD4/ST2-ST4: element e of each register in turn (interleaved).
    for (let e = 0; e < elements; e++) {
      for (let s = 0; s < selem; s++) {
        if (isLoad) readElement(cpu, lo, hi, size, FIRST + s, e);
        else writeElement(cpu, lo, hi, size, (t + s) & 31, e);
        lo = next(lo, hi, ebytes);
        hi = addrHi;
      }
    }
  }
  if (isLoad) {
    const count = rpt * selem;
    for (let r = 0; r < count; r++) store(cpu, (t + r) & 31, FIRST + r, q);
  }
  structureWriteBack(cpu, insn, rpt * selem * regBytes);
}

function singleStructure(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const isLoad = (insn >>> 22) & 1;
  const opcode = (insn >>> 13) & 7;
  const s = (insn >>> 12) & 1;
  const size = (insn >>> 10) & 3;
  const selem = (((opcode & 1) << 1) | ((insn >>> 21) & 1)) + 1;
  let scale = opcode >>> 1;
  let index = 0;
  const replicate = scale === 3;
  switch (scale) {
    case 3:
      if (!isLoad || s) cpu.undefinedInstruction();
      scale = size;
      break;
    case 0:
      index = (q << 3) | (s << 2) | size;
      break;
    case 1:
      if (size & 1) cpu.undefinedInstruction();
      index = (q << 2) | (s << 1) | (size >>> 1);
      break;
    default:
      if (size === 0) index = (q << 1) | s;
      else if (size === 1 && s === 0) {
        scale = 3;
        index = q;
      } else cpu.undefinedInstruction();
  }
  const rn = (insn >>> 5) & 31;
  const t = insn & 31;
  const ebytes = 1 << scale;
  let lo = baseAddress(cpu, rn, 0);
  let hi = addrHi;
  if (replicate) {
    const lanes = (q ? 16 : 8) >>> scale;
    for (let k = 0; k < selem; k++) {
      const slot = FIRST + k;
      readElement(cpu, lo, hi, scale, slot, 0);
      const b = slot << 4;
      for (let i = 1; i < lanes; i++) for (let j = 0; j < ebytes; j++) U8[b + i * ebytes + j] = U8[b + j];
      lo = next(lo, hi, ebytes);
      hi = addrHi;
    }
    for (let k = 0; k < selem; k++) store(cpu, (t + k) & 31, FIRST + k, q);
  } else if (isLoad) {
    // Only the one lane changes; the rest of each register (upper half too) is kept.
    for (let k = 0; k < selem; k++) {
      load(cpu, (t + k) & 31, FIRST + k);
      readElement(cpu, lo, hi, scale, FIRST + k, index);
      lo = next(lo, hi, ebytes);
      hi = addrHi;
    }
    for (let k = 0; k < selem; k++) store(cpu, (t + k) & 31, FIRST + k, 1);
  } else {
    for (let k = 0; k < selem; k++) {
      writeElement(cpu, lo, hi, scale, (t + k) & 31, index);
      lo = next(lo, hi, ebytes);
      hi = addrHi;
    }
  }
  structureWriteBack(cpu, insn, selem * ebytes);
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: 'zz 111 1 01 oo iiiiiiiiiiii nnnnn ttttt', name: 'LDR/STR (SIMD&FP, unsigned offset)', exec: unsignedOffset },
  { bits: 'zz 111 1 00 oo 0 iiiiiiiii ww nnnnn ttttt', name: 'LDR/STR/LDUR/STUR (SIMD&FP, immediate)', exec: immediate9 },
  { bits: 'zz 111 1 00 oo 1 mmmmm xxx s 10 nnnnn ttttt', name: 'LDR/STR (SIMD&FP, register)', exec: registerOffset },
  { bits: 'oo 011 1 00 iiiiiiiiiiiiiiiiiii ttttt', name: 'LDR (SIMD&FP, literal)', exec: literal },
  { bits: 'oo 101 1 0 ww l iiiiiii uuuuu nnnnn ttttt', name: 'LDP/STP/LDNP/STNP (SIMD&FP)', exec: pair },
  { bits: '0 q 0011000 l 000000 oooo zz nnnnn ttttt', name: 'LD1-4/ST1-4 (multiple structures)', exec: multipleStructures },
  { bits: '0 q 0011001 l 0 mmmmm oooo zz nnnnn ttttt', name: 'LD1-4/ST1-4 (multiple structures, post-index)', exec: multipleStructures },
  { bits: '0 q 0011010 l r 00000 ooo s zz nnnnn ttttt', name: 'LD1-4/ST1-4 (single structure), LD1R-LD4R', exec: singleStructure },
  { bits: '0 q 0011011 l r mmmmm ooo s zz nnnnn ttttt', name: 'LD1-4/ST1-4 (single structure, post-index), LD1R-LD4R', exec: singleStructure },
];
