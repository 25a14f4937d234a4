/**
 * A64 "Data Processing -- Register" (op0 = x101): logical (shifted register), add/subtract
 * (shifted and extended register), add/subtract with carry, conditional compare,
 * conditional select, data-processing 1-source (RBIT, REV*, CLZ, CLS), 2-source (UDIV,
 * SDIV, LSLV, LSRV, ASRV, RORV) and 3-source (MADD, MSUB, SMADDL, SMSUBL, UMADDL,
 * UMSUBL, SMULH, UMULH).
 *
 * Each width gets its own handler so the hot ones never branch on sf. Subtraction is
 * addition of the inverted operand with carry in 1: bit 30 (op) becomes an all-ones
 * mask `inv` with `(insn << 1) >> 31`, which keeps add and subtract in one branch-free
 * handler. The most common forms (plain ADD/SUB/SUBS/ORR of registers, i.e. MOV and
 * CMP) have their own, more specific patterns without the shift.
 */

import { SP as SP_SLOT, SINK as SINK_SLOT, dstZR, regSP as dstSP, type Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { conditionHolds } from '../conditions.js';
import {
  addFlags32,
  addFlags64,
  clz64,
  lsl64,
  mul64,
  mulHighS32,
  mulHighU32,
  rbit32,
  rev16,
  rev32,
  sdiv32,
  sdiv64,
  shift32,
  shift64,
  smulh64,
  udiv32,
  udiv64,
  umulh64,
  asr64,
  lsr64,
  ror64,
  ror32,
} from '../alu.js';

const TWO32 = 4294967296;

/** Writes a 64-bit result to a ZR-context destination. */
function setX(cpu: Cpu, rd: number, lo: number, hi: number): void {
  const d = rd === 31 ? SINK_SLOT : rd;
  cpu.x[2 * d] = lo;
  cpu.x[2 * d + 1] = hi;
}

/** Writes a 32-bit result to a ZR-context destination, zero-extending it. */
function setW(cpu: Cpu, rd: number, value: number): void {
  const d = rd === 31 ? SINK_SLOT : rd;
  cpu.x[2 * d] = value;
  cpu.x[2 * d + 1] = 0;
}

function setLogicalFlags64(cpu: Cpu, lo: number, hi: number): void {
  cpu.nf = hi >>> 31;
  cpu.zf = (lo | hi) === 0 ? 1 : 0;
  cpu.cf = 0;
  cpu.vf = 0;
}

function setLogicalFlags32(cpu: Cpu, r: number): void {
  cpu.nf = r >>> 31;
  cpu.zf = r === 0 ? 1 : 0;
  cpu.cf = 0;
  cpu.vf = 0;
}

// ---- Operand 2 forms ----------------------------------------------------------------

/** Rm shifted by (shift type bits [23:22], amount bits [15:10]); 64-bit, hi in rhi. */
function shiftedRm64(cpu: Cpu, insn: number): number {
  const m = (insn >>> 16) & 31;
  return shift64(cpu, (insn >>> 22) & 3, cpu.x[2 * m], cpu.x[2 * m + 1], (insn >>> 10) & 63);
}

/** The same on 32 bits (the patterns fix amount bit 5 to 0). */
function shiftedRm32(cpu: Cpu, insn: number): number {
  return shift32((insn >>> 22) & 3, cpu.x[2 * ((insn >>> 16) & 31)], (insn >>> 10) & 31);
}

/**
 * Rm extended by option (bits [15:13]: UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX)
 * and shifted left by imm3 (bits [12:10], 0..4; larger is unallocated). Hi in rhi.
 */
function extendedRm64(cpu: Cpu, insn: number): number {
  const amount = (insn >>> 10) & 7;
  if (amount > 4) cpu.undefinedInstruction();
  const m = (insn >>> 16) & 31;
  let lo = cpu.x[2 * m];
  let hi: number;
  switch ((insn >>> 13) & 7) {
    case 0:
      lo &= 0xff;
      hi = 0;
      break;
    case 1:
      lo &= 0xffff;
      hi = 0;
      break;
    case 2:
      hi = 0;
      break;
    case 4:
      lo = (lo << 24) >> 24;
      hi = lo >> 31;
      break;
    case 5:
      lo = (lo << 16) >> 16;
      hi = lo >> 31;
      break;
    case 6:
      hi = lo >> 31;
      break;
    default: // UXTX, SXTX
      hi = cpu.x[2 * m + 1];
  }
  return lsl64(cpu, lo, hi, amount);
}

function extendedRm32(cpu: Cpu, insn: number): number {
  const amount = (insn >>> 10) & 7;
  if (amount > 4) cpu.undefinedInstruction();
  let v = cpu.x[2 * ((insn >>> 16) & 31)];
  switch ((insn >>> 13) & 7) {
    case 0:
      v &= 0xff;
      break;
    case 1:
      v &= 0xffff;
      break;
    case 4:
      v = (v << 24) >> 24;
      break;
    case 5:
      v = (v << 16) >> 16;
      break;
    // UXTW, UXTX, SXTW, SXTX: all 32 bits as they are.
  }
  return v << amount;
}

// ---- Add/subtract (shifted register) ------------------------------------------------

function addSubShifted64(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 3) === 3) cpu.undefinedInstruction(); // ROR is not allowed here.
  const inv = (insn << 1) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  const lo = (cpu.x[2 * n] >>> 0) + (blo >>> 0) + (inv & 1);
  setX(cpu, insn & 31, lo | 0, (cpu.x[2 * n + 1] + bhi + (lo >= TWO32 ? 1 : 0)) | 0);
}

function addSubsShifted64(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 3) === 3) cpu.undefinedInstruction();
  const inv = (insn << 1) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  const lo = addFlags64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], blo, bhi, inv & 1);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function addSubShifted32(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 3) === 3) cpu.undefinedInstruction();
  const inv = (insn << 1) >> 31;
  const b = shiftedRm32(cpu, insn) ^ inv;
  setW(cpu, insn & 31, (cpu.x[2 * ((insn >>> 5) & 31)] + b + (inv & 1)) | 0);
}

function addSubsShifted32(cpu: Cpu, insn: number): void {
  if (((insn >>> 22) & 3) === 3) cpu.undefinedInstruction();
  const inv = (insn << 1) >> 31;
  const b = shiftedRm32(cpu, insn) ^ inv;
  setW(cpu, insn & 31, addFlags32(cpu, cpu.x[2 * ((insn >>> 5) & 31)], b, inv & 1));
}

/** ADD Xd, Xn, Xm (no shift): the commonest register form. */
function addPlain64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = (x[2 * n] >>> 0) + (x[2 * m] >>> 0);
  const d = dstZR(insn & 31);
  x[2 * d + 1] = (x[2 * n + 1] + x[2 * m + 1] + (lo >= TWO32 ? 1 : 0)) | 0;
  x[2 * d] = lo | 0;
}

function subPlain64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = (x[2 * n] >>> 0) - (x[2 * m] >>> 0);
  const d = dstZR(insn & 31);
  x[2 * d + 1] = (x[2 * n + 1] - x[2 * m + 1] - (lo < 0 ? 1 : 0)) | 0;
  x[2 * d] = lo | 0;
}

/** SUBS Xd, Xn, Xm (CMP Xn, Xm). */
function subsPlain64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = addFlags64(cpu, x[2 * n], x[2 * n + 1], ~x[2 * m], ~x[2 * m + 1], 1);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

// ---- Add/subtract (extended register) -----------------------------------------------
// Rn is SP when 31; Rd is SP for ADD/SUB and XZR for ADDS/SUBS.

function addSubExtended64(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const blo = extendedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const lo = (cpu.x[2 * n] >>> 0) + (blo >>> 0) + (inv & 1);
  const hi = (cpu.x[2 * n + 1] + bhi + (lo >= TWO32 ? 1 : 0)) | 0;
  const d = dstSP(insn & 31);
  cpu.x[2 * d] = lo | 0;
  cpu.x[2 * d + 1] = hi;
}

function addSubsExtended64(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const blo = extendedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const rn = (insn >>> 5) & 31;
  const n = rn === 31 ? SP_SLOT : rn;
  const lo = addFlags64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], blo, bhi, inv & 1);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function addSubExtended32(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const b = extendedRm32(cpu, insn) ^ inv;
  const rn = (insn >>> 5) & 31;
  const d = dstSP(insn & 31);
  cpu.x[2 * d] = cpu.x[2 * (rn === 31 ? SP_SLOT : rn)] + b + (inv & 1);
  cpu.x[2 * d + 1] = 0;
}

function addSubsExtended32(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const b = extendedRm32(cpu, insn) ^ inv;
  const rn = (insn >>> 5) & 31;
  setW(cpu, insn & 31, addFlags32(cpu, cpu.x[2 * (rn === 31 ? SP_SLOT : rn)], b, inv & 1));
}

// ---- Add/subtract with carry --------------------------------------------------------
// ADC: Rn + Rm + C; SBC: Rn + NOT(Rm) + C. Bit 29 (S) selects the flag-setting form.

function adcSbc64(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const blo = x[2 * m] ^ inv;
  const bhi = x[2 * m + 1] ^ inv;
  if ((insn >>> 29) & 1) {
    const lo = addFlags64(cpu, x[2 * n], x[2 * n + 1], blo, bhi, cpu.cf);
    setX(cpu, insn & 31, lo, cpu.rhi);
  } else {
    const lo = (x[2 * n] >>> 0) + (blo >>> 0) + cpu.cf;
    setX(cpu, insn & 31, lo | 0, (x[2 * n + 1] + bhi + (lo >= TWO32 ? 1 : 0)) | 0);
  }
}

function adcSbc32(cpu: Cpu, insn: number): void {
  const inv = (insn << 1) >> 31;
  const a = cpu.x[2 * ((insn >>> 5) & 31)];
  const b = cpu.x[2 * ((insn >>> 16) & 31)] ^ inv;
  if ((insn >>> 29) & 1) setW(cpu, insn & 31, addFlags32(cpu, a, b, cpu.cf));
  else setW(cpu, insn & 31, (a + b + cpu.cf) | 0);
}

// ---- Logical (shifted register) -----------------------------------------------------
// Bit 21 (N) inverts the shifted operand: BIC, ORN, EON, BICS.

function andShifted64(cpu: Cpu, insn: number): void {
  const inv = (insn << 10) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, cpu.x[2 * n] & blo, cpu.x[2 * n + 1] & bhi);
}

function orrShifted64(cpu: Cpu, insn: number): void {
  const inv = (insn << 10) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, cpu.x[2 * n] | blo, cpu.x[2 * n + 1] | bhi);
}

function eorShifted64(cpu: Cpu, insn: number): void {
  const inv = (insn << 10) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, cpu.x[2 * n] ^ blo, cpu.x[2 * n + 1] ^ bhi);
}

function andsShifted64(cpu: Cpu, insn: number): void {
  const inv = (insn << 10) >> 31;
  const blo = shiftedRm64(cpu, insn) ^ inv;
  const bhi = cpu.rhi ^ inv;
  const n = (insn >>> 5) & 31;
  const lo = cpu.x[2 * n] & blo;
  const hi = cpu.x[2 * n + 1] & bhi;
  setLogicalFlags64(cpu, lo, hi);
  setX(cpu, insn & 31, lo, hi);
}

/** ORR Xd, Xn, Xm with no shift (MOV Xd, Xm when Rn = XZR). */
function orrPlain64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const d = dstZR(insn & 31);
  x[2 * d] = x[2 * n] | x[2 * m];
  x[2 * d + 1] = x[2 * n + 1] | x[2 * m + 1];
}

function andShifted32(cpu: Cpu, insn: number): void {
  const b = shiftedRm32(cpu, insn) ^ ((insn << 10) >> 31);
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] & b);
}

function orrShifted32(cpu: Cpu, insn: number): void {
  const b = shiftedRm32(cpu, insn) ^ ((insn << 10) >> 31);
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] | b);
}

function eorShifted32(cpu: Cpu, insn: number): void {
  const b = shiftedRm32(cpu, insn) ^ ((insn << 10) >> 31);
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] ^ b);
}

function andsShifted32(cpu: Cpu, insn: number): void {
  const b = shiftedRm32(cpu, insn) ^ ((insn << 10) >> 31);
  const r = cpu.x[2 * ((insn >>> 5) & 31)] & b;
  setLogicalFlags32(cpu, r);
  setW(cpu, insn & 31, r);
}

// ---- Conditional compare ------------------------------------------------------------
// If cond holds, flags = Rn + op2 (CCMN) or Rn - op2 (CCMP); else flags = #nzcv.
// Bit 11 selects op2: imm5 (bits [20:16]) or Rm.

function conditionalCompare64(cpu: Cpu, insn: number): void {
  if (!conditionHolds(cpu, (insn >>> 12) & 15)) {
    cpu.nf = (insn >>> 3) & 1;
    cpu.zf = (insn >>> 2) & 1;
    cpu.cf = (insn >>> 1) & 1;
    cpu.vf = insn & 1;
    return;
  }
  const inv = (insn << 1) >> 31;
  const m = (insn >>> 16) & 31;
  let blo: number;
  let bhi: number;
  if (insn & 0x800) {
    blo = m;
    bhi = 0;
  } else {
    blo = cpu.x[2 * m];
    bhi = cpu.x[2 * m + 1];
  }
  const n = (insn >>> 5) & 31;
  addFlags64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], blo ^ inv, bhi ^ inv, inv & 1);
}

function conditionalCompare32(cpu: Cpu, insn: number): void {
  if (!conditionHolds(cpu, (insn >>> 12) & 15)) {
    cpu.nf = (insn >>> 3) & 1;
    cpu.zf = (insn >>> 2) & 1;
    cpu.cf = (insn >>> 1) & 1;
    cpu.vf = insn & 1;
    return;
  }
  const inv = (insn << 1) >> 31;
  const m = (insn >>> 16) & 31;
  const b = insn & 0x800 ? m : cpu.x[2 * m];
  addFlags32(cpu, cpu.x[2 * ((insn >>> 5) & 31)], b ^ inv, inv & 1);
}

// ---- Conditional select -------------------------------------------------------------

function csel64(cpu: Cpu, insn: number): void {
  const s = conditionHolds(cpu, (insn >>> 12) & 15) ? (insn >>> 5) & 31 : (insn >>> 16) & 31;
  setX(cpu, insn & 31, cpu.x[2 * s], cpu.x[2 * s + 1]);
}

function csinc64(cpu: Cpu, insn: number): void {
  if (conditionHolds(cpu, (insn >>> 12) & 15)) {
    const n = (insn >>> 5) & 31;
    setX(cpu, insn & 31, cpu.x[2 * n], cpu.x[2 * n + 1]);
  } else {
    const m = (insn >>> 16) & 31;
    const lo = (cpu.x[2 * m] + 1) | 0;
    setX(cpu, insn & 31, lo, lo === 0 ? (cpu.x[2 * m + 1] + 1) | 0 : cpu.x[2 * m + 1]);
  }
}

function csinv64(cpu: Cpu, insn: number): void {
  if (conditionHolds(cpu, (insn >>> 12) & 15)) {
    const n = (insn >>> 5) & 31;
    setX(cpu, insn & 31, cpu.x[2 * n], cpu.x[2 * n + 1]);
  } else {
    const m = (insn >>> 16) & 31;
    setX(cpu, insn & 31, ~cpu.x[2 * m], ~cpu.x[2 * m + 1]);
  }
}

function csneg64(cpu: Cpu, insn: number): void {
  if (conditionHolds(cpu, (insn >>> 12) & 15)) {
    const n = (insn >>> 5) & 31;
    setX(cpu, insn & 31, cpu.x[2 * n], cpu.x[2 * n + 1]);
  } else {
    // -m = NOT(m) + 1
    const m = (insn >>> 16) & 31;
    const lo = (-cpu.x[2 * m]) | 0;
    setX(cpu, insn & 31, lo, lo === 0 ? -cpu.x[2 * m + 1] | 0 : ~cpu.x[2 * m + 1]);
  }
}

function csel32(cpu: Cpu, insn: number): void {
  const s = conditionHolds(cpu, (insn >>> 12) & 15) ? (insn >>> 5) & 31 : (insn >>> 16) & 31;
  setW(cpu, insn & 31, cpu.x[2 * s]);
}

function csinc32(cpu: Cpu, insn: number): void {
  const c = conditionHolds(cpu, (insn >>> 12) & 15);
  setW(cpu, insn & 31, c ? cpu.x[2 * ((insn >>> 5) & 31)] : (cpu.x[2 * ((insn >>> 16) & 31)] + 1) | 0);
}

function csinv32(cpu: Cpu, insn: number): void {
  const c = conditionHolds(cpu, (insn >>> 12) & 15);
  setW(cpu, insn & 31, c ? cpu.x[2 * ((insn >>> 5) & 31)] : ~cpu.x[2 * ((insn >>> 16) & 31)]);
}

function csneg32(cpu: Cpu, insn: number): void {
  const c = conditionHolds(cpu, (insn >>> 12) & 15);
  setW(cpu, insn & 31, c ? cpu.x[2 * ((insn >>> 5) & 31)] : -cpu.x[2 * ((insn >>> 16) & 31)] | 0);
}

// ---- Data-processing (1 source) -----------------------------------------------------

function rbit64(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = cpu.x[2 * n];
  setX(cpu, insn & 31, rbit32(cpu.x[2 * n + 1]), rbit32(lo));
}

function rev16_64(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, rev16(cpu.x[2 * n]), rev16(cpu.x[2 * n + 1]));
}

/** REV32 Xd: byte-reverse each 32-bit word in place. */
function rev32_64(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, rev32(cpu.x[2 * n]), rev32(cpu.x[2 * n + 1]));
}

function rev64(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = cpu.x[2 * n];
  setX(cpu, insn & 31, rev32(cpu.x[2 * n + 1]), rev32(lo));
}

function clzX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  setX(cpu, insn & 31, clz64(cpu.x[2 * n], cpu.x[2 * n + 1]), 0);
}

/** CLS: leading bits equal to the sign bit, not counting the sign bit itself. */
function clsX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = cpu.x[2 * n];
  const hi = cpu.x[2 * n + 1];
  // CountLeadingZeroBits(x<63:1> EOR x<62:0>) = clz64(x XOR (x << 1)) with bit 0 ignored.
  const xlo = lo ^ (lo << 1);
  const xhi = hi ^ ((hi << 1) | (lo >>> 31));
  const c = clz64(xlo | 1, xhi);
  setX(cpu, insn & 31, c, 0);
}

function rbitW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, rbit32(cpu.x[2 * ((insn >>> 5) & 31)]));
}

function rev16W(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, rev16(cpu.x[2 * ((insn >>> 5) & 31)]));
}

function revW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, rev32(cpu.x[2 * ((insn >>> 5) & 31)]));
}

function clzW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, Math.clz32(cpu.x[2 * ((insn >>> 5) & 31)]));
}

function clsW(cpu: Cpu, insn: number): void {
  const v = cpu.x[2 * ((insn >>> 5) & 31)];
  setW(cpu, insn & 31, Math.clz32((v ^ (v << 1)) | 1));
}

// ---- Data-processing (2 source) -----------------------------------------------------

function udivX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = udiv64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * m], cpu.x[2 * m + 1]);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function sdivX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = sdiv64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * m], cpu.x[2 * m + 1]);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function udivW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, udiv32(cpu.x[2 * ((insn >>> 5) & 31)], cpu.x[2 * ((insn >>> 16) & 31)]));
}

function sdivW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, sdiv32(cpu.x[2 * ((insn >>> 5) & 31)], cpu.x[2 * ((insn >>> 16) & 31)]));
}

function lslvX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = lsl64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * ((insn >>> 16) & 31)] & 63);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function lsrvX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = lsr64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * ((insn >>> 16) & 31)] & 63);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function asrvX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = asr64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * ((insn >>> 16) & 31)] & 63);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function rorvX(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = ror64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * ((insn >>> 16) & 31)] & 63);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

// JS shifts already take the count modulo 32, which is what the W forms want.
function lslvW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] << cpu.x[2 * ((insn >>> 16) & 31)]);
}

function lsrvW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] >>> cpu.x[2 * ((insn >>> 16) & 31)]);
}

function asrvW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, cpu.x[2 * ((insn >>> 5) & 31)] >> cpu.x[2 * ((insn >>> 16) & 31)]);
}

function rorvW(cpu: Cpu, insn: number): void {
  setW(cpu, insn & 31, ror32(cpu.x[2 * ((insn >>> 5) & 31)], cpu.x[2 * ((insn >>> 16) & 31)] & 31));
}

// ---- Data-processing (3 source) -----------------------------------------------------
// Bit 15 (o0) selects subtract: Ra - product instead of Ra + product.

function maddMsub64(cpu: Cpu, insn: number): void {
  const x = cpu.x;
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const a = (insn >>> 10) & 31;
  const inv = (insn << 16) >> 31;
  const plo = mul64(cpu, x[2 * n], x[2 * n + 1], x[2 * m], x[2 * m + 1]) ^ inv;
  const phi = cpu.rhi ^ inv;
  const lo = (x[2 * a] >>> 0) + (plo >>> 0) + (inv & 1);
  setX(cpu, insn & 31, lo | 0, (x[2 * a + 1] + phi + (lo >= TWO32 ? 1 : 0)) | 0);
}

function maddMsub32(cpu: Cpu, insn: number): void {
  const product = Math.imul(cpu.x[2 * ((insn >>> 5) & 31)], cpu.x[2 * ((insn >>> 16) & 31)]);
  const a = cpu.x[2 * ((insn >>> 10) & 31)];
  setW(cpu, insn & 31, (insn & 0x8000 ? a - product : a + product) | 0);
}

/** SMADDL/SMSUBL (bit 23 clear) and UMADDL/UMSUBL (bit 23 set): Xa +/- Wn * Wm. */
function multiplyLong(cpu: Cpu, insn: number): void {
  const wn = cpu.x[2 * ((insn >>> 5) & 31)];
  const wm = cpu.x[2 * ((insn >>> 16) & 31)];
  const a = (insn >>> 10) & 31;
  const inv = (insn << 16) >> 31;
  const plo = Math.imul(wn, wm) ^ inv;
  const phi = (insn & 0x800000 ? mulHighU32(wn, wm) : mulHighS32(wn, wm)) ^ inv;
  const lo = (cpu.x[2 * a] >>> 0) + (plo >>> 0) + (inv & 1);
  setX(cpu, insn & 31, lo | 0, (cpu.x[2 * a + 1] + phi + (lo >= TWO32 ? 1 : 0)) | 0);
}

function smulh(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = smulh64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * m], cpu.x[2 * m + 1]);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

function umulh(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const m = (insn >>> 16) & 31;
  const lo = umulh64(cpu, cpu.x[2 * n], cpu.x[2 * n + 1], cpu.x[2 * m], cpu.x[2 * m + 1]);
  setX(cpu, insn & 31, lo, cpu.rhi);
}

export const ENCODINGS: readonly Encoding[] = [
  // Logical (shifted register): sf opc 01010 shift N Rm imm6 Rn Rd
  { bits: '1 00 01010 tt N mmmmm iiiiii nnnnn ddddd', name: 'AND/BIC (shifted register, 64)', exec: andShifted64 },
  { bits: '1 01 01010 tt N mmmmm iiiiii nnnnn ddddd', name: 'ORR/ORN (shifted register, 64)', exec: orrShifted64 },
  { bits: '1 10 01010 tt N mmmmm iiiiii nnnnn ddddd', name: 'EOR/EON (shifted register, 64)', exec: eorShifted64 },
  { bits: '1 11 01010 tt N mmmmm iiiiii nnnnn ddddd', name: 'ANDS/BICS (shifted register, 64)', exec: andsShifted64 },
  { bits: '1 01 01010 00 0 mmmmm 000000 nnnnn ddddd', name: 'ORR (register, 64)', exec: orrPlain64 },
  { bits: '0 00 01010 tt N mmmmm 0iiiii nnnnn ddddd', name: 'AND/BIC (shifted register, 32)', exec: andShifted32 },
  { bits: '0 01 01010 tt N mmmmm 0iiiii nnnnn ddddd', name: 'ORR/ORN (shifted register, 32)', exec: orrShifted32 },
  { bits: '0 10 01010 tt N mmmmm 0iiiii nnnnn ddddd', name: 'EOR/EON (shifted register, 32)', exec: eorShifted32 },
  { bits: '0 11 01010 tt N mmmmm 0iiiii nnnnn ddddd', name: 'ANDS/BICS (shifted register, 32)', exec: andsShifted32 },

  // Add/subtract (shifted register): sf op S 01011 shift 0 Rm imm6 Rn Rd
  { bits: '1 o 0 01011 tt 0 mmmmm iiiiii nnnnn ddddd', name: 'ADD/SUB (shifted register, 64)', exec: addSubShifted64 },
  { bits: '1 o 1 01011 tt 0 mmmmm iiiiii nnnnn ddddd', name: 'ADDS/SUBS (shifted register, 64)', exec: addSubsShifted64 },
  { bits: '0 o 0 01011 tt 0 mmmmm 0iiiii nnnnn ddddd', name: 'ADD/SUB (shifted register, 32)', exec: addSubShifted32 },
  { bits: '0 o 1 01011 tt 0 mmmmm 0iiiii nnnnn ddddd', name: 'ADDS/SUBS (shifted register, 32)', exec: addSubsShifted32 },
  { bits: '1 0 0 01011 00 0 mmmmm 000000 nnnnn ddddd', name: 'ADD (register, 64)', exec: addPlain64 },
  { bits: '1 1 0 01011 00 0 mmmmm 000000 nnnnn ddddd', name: 'SUB (register, 64)', exec: subPlain64 },
  { bits: '1 1 1 01011 00 0 mmmmm 000000 nnnnn ddddd', name: 'SUBS (register, 64)', exec: subsPlain64 },

  // Add/subtract (extended register): sf op S 01011 00 1 Rm option imm3 Rn Rd
  { bits: '1 o 0 01011 00 1 mmmmm xxx iii nnnnn ddddd', name: 'ADD/SUB (extended register, 64)', exec: addSubExtended64 },
  { bits: '1 o 1 01011 00 1 mmmmm xxx iii nnnnn ddddd', name: 'ADDS/SUBS (extended register, 64)', exec: addSubsExtended64 },
  { bits: '0 o 0 01011 00 1 mmmmm xxx iii nnnnn ddddd', name: 'ADD/SUB (extended register, 32)', exec: addSubExtended32 },
  { bits: '0 o 1 01011 00 1 mmmmm xxx iii nnnnn ddddd', name: 'ADDS/SUBS (extended register, 32)', exec: addSubsExtended32 },

  // Add/subtract with carry: sf op S 11010000 Rm 000000 Rn Rd
  { bits: '1 o s 11010000 mmmmm 000000 nnnnn ddddd', name: 'ADC/ADCS/SBC/SBCS (64)', exec: adcSbc64 },
  { bits: '0 o s 11010000 mmmmm 000000 nnnnn ddddd', name: 'ADC/ADCS/SBC/SBCS (32)', exec: adcSbc32 },

  // Conditional compare: sf op 1 11010010 Rm|imm5 cond i 0 Rn 0 nzcv
  { bits: '1 o 1 11010010 mmmmm cccc i 0 nnnnn 0 ffff', name: 'CCMN/CCMP (64)', exec: conditionalCompare64 },
  { bits: '0 o 1 11010010 mmmmm cccc i 0 nnnnn 0 ffff', name: 'CCMN/CCMP (32)', exec: conditionalCompare32 },

  // Conditional select: sf op 0 11010100 Rm cond 0 o2 Rn Rd
  { bits: '1 0 0 11010100 mmmmm cccc 00 nnnnn ddddd', name: 'CSEL (64)', exec: csel64 },
  { bits: '1 0 0 11010100 mmmmm cccc 01 nnnnn ddddd', name: 'CSINC (64)', exec: csinc64 },
  { bits: '1 1 0 11010100 mmmmm cccc 00 nnnnn ddddd', name: 'CSINV (64)', exec: csinv64 },
  { bits: '1 1 0 11010100 mmmmm cccc 01 nnnnn ddddd', name: 'CSNEG (64)', exec: csneg64 },
  { bits: '0 0 0 11010100 mmmmm cccc 00 nnnnn ddddd', name: 'CSEL (32)', exec: csel32 },
  { bits: '0 0 0 11010100 mmmmm cccc 01 nnnnn ddddd', name: 'CSINC (32)', exec: csinc32 },
  { bits: '0 1 0 11010100 mmmmm cccc 00 nnnnn ddddd', name: 'CSINV (32)', exec: csinv32 },
  { bits: '0 1 0 11010100 mmmmm cccc 01 nnnnn ddddd', name: 'CSNEG (32)', exec: csneg32 },

  // Data-processing (1 source): sf 1 0 11010110 00000 opcode Rn Rd
  { bits: '1 1 0 11010110 00000 000000 nnnnn ddddd', name: 'RBIT (64)', exec: rbit64 },
  { bits: '1 1 0 11010110 00000 000001 nnnnn ddddd', name: 'REV16 (64)', exec: rev16_64 },
  { bits: '1 1 0 11010110 00000 000010 nnnnn ddddd', name: 'REV32', exec: rev32_64 },
  { bits: '1 1 0 11010110 00000 000011 nnnnn ddddd', name: 'REV (64)', exec: rev64 },
  { bits: '1 1 0 11010110 00000 000100 nnnnn ddddd', name: 'CLZ (64)', exec: clzX },
  { bits: '1 1 0 11010110 00000 000101 nnnnn ddddd', name: 'CLS (64)', exec: clsX },
  { bits: '0 1 0 11010110 00000 000000 nnnnn ddddd', name: 'RBIT (32)', exec: rbitW },
  { bits: '0 1 0 11010110 00000 000001 nnnnn ddddd', name: 'REV16 (32)', exec: rev16W },
  { bits: '0 1 0 11010110 00000 000010 nnnnn ddddd', name: 'REV (32)', exec: revW },
  { bits: '0 1 0 11010110 00000 000100 nnnnn ddddd', name: 'CLZ (32)', exec: clzW },
  { bits: '0 1 0 11010110 00000 000101 nnnnn ddddd', name: 'CLS (32)', exec: clsW },

  // Data-processing (2 source): sf 0 0 11010110 Rm opcode Rn Rd
  { bits: '1 0 0 11010110 mmmmm 000010 nnnnn ddddd', name: 'UDIV (64)', exec: udivX },
  { bits: '1 0 0 11010110 mmmmm 000011 nnnnn ddddd', name: 'SDIV (64)', exec: sdivX },
  { bits: '1 0 0 11010110 mmmmm 001000 nnnnn ddddd', name: 'LSLV (64)', exec: lslvX },
  { bits: '1 0 0 11010110 mmmmm 001001 nnnnn ddddd', name: 'LSRV (64)', exec: lsrvX },
  { bits: '1 0 0 11010110 mmmmm 001010 nnnnn ddddd', name: 'ASRV (64)', exec: asrvX },
  { bits: '1 0 0 11010110 mmmmm 001011 nnnnn ddddd', name: 'RORV (64)', exec: rorvX },
  { bits: '0 0 0 11010110 mmmmm 000010 nnnnn ddddd', name: 'UDIV (32)', exec: udivW },
  { bits: '0 0 0 11010110 mmmmm 000011 nnnnn ddddd', name: 'SDIV (32)', exec: sdivW },
  { bits: '0 0 0 11010110 mmmmm 001000 nnnnn ddddd', name: 'LSLV (32)', exec: lslvW },
  { bits: '0 0 0 11010110 mmmmm 001001 nnnnn ddddd', name: 'LSRV (32)', exec: lsrvW },
  { bits: '0 0 0 11010110 mmmmm 001010 nnnnn ddddd', name: 'ASRV (32)', exec: asrvW },
  { bits: '0 0 0 11010110 mmmmm 001011 nnnnn ddddd', name: 'RORV (32)', exec: rorvW },

  // Data-processing (3 source): sf 00 11011 op31 Rm o0 Ra Rn Rd
  { bits: '1 00 11011 000 mmmmm o aaaaa nnnnn ddddd', name: 'MADD/MSUB (64)', exec: maddMsub64 },
  { bits: '0 00 11011 000 mmmmm o aaaaa nnnnn ddddd', name: 'MADD/MSUB (32)', exec: maddMsub32 },
  { bits: '1 00 11011 001 mmmmm o aaaaa nnnnn ddddd', name: 'SMADDL/SMSUBL', exec: multiplyLong },
  { bits: '1 00 11011 101 mmmmm o aaaaa nnnnn ddddd', name: 'UMADDL/UMSUBL', exec: multiplyLong },
  { bits: '1 00 11011 010 mmmmm 0 aaaaa nnnnn ddddd', name: 'SMULH', exec: smulh },
  { bits: '1 00 11011 110 mmmmm 0 aaaaa nnnnn ddddd', name: 'UMULH', exec: umulh },
];
