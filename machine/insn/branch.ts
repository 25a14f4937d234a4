/**
 * Branches (Arm ARM C4.1.65 "Branches, Exception Generating and System instructions",
 * the branch groups): B, BL, B.cond, CBZ/CBNZ, TBZ/TBNZ, and the unconditional
 * branches to a register BR, BLR, RET and ERET.
 *
 * Pointer authentication is not implemented (ID_AA64ISAR1_EL1 says so), so its branch
 * forms (BRAA, BLRAA, RETAA, ERETAA...) are unallocated and decode as Undefined through
 * the decoder's fallback. DRPS exists only in Debug state, which we never enter.
 */

import type { Cpu } from '../cpu.js';
import type { Encoding } from '../decoder.js';
import { conditionHolds } from '../conditions.js';

const TWO32 = 4294967296;

/** Sets the next PC to this instruction's address plus a signed byte offset (|offset| < 2^28). */
function branchRelative(cpu: Cpu, offset: number): void {
  const sum = (cpu.pcLo >>> 0) + offset;
  const carry = Math.floor(sum / TWO32);
  cpu.npcLo = (sum - carry * TWO32) | 0;
  cpu.npcHi = (cpu.pcHi + carry) | 0;
}

/**
 * Sets the next PC to a register value, as AArch64.BranchAddr() shapes it: when top-byte
 * ignore applies to instruction addresses (TCR_EL1.TBIx set and TBIDx clear), bits
 * [63:56] become copies of bit 55, so a tagged function pointer lands on the real code.
 */
function branchToRegister(cpu: Cpu, lo: number, hi: number): void {
  const upper = (hi >>> 23) & 1;
  const tbi = upper ? (cpu.tcrHi >>> 6) & 1 : (cpu.tcrHi >>> 5) & 1; // TBI1 bit 38, TBI0 bit 37
  const tbid = upper ? (cpu.tcrHi >>> 20) & 1 : (cpu.tcrHi >>> 19) & 1; // TBID1 bit 52, TBID0 bit 51
  cpu.npcLo = lo;
  cpu.npcHi = tbi && !tbid ? (hi << 8) >> 8 : hi;
}

/** B / BL: imm26 words from this instruction; BL links X30 = next instruction. */
function unconditionalImmediate(cpu: Cpu, insn: number): void {
  if (insn < 0) {
    cpu.x[60] = cpu.npcLo;
    cpu.x[61] = cpu.npcHi;
  }
  branchRelative(cpu, ((insn << 6) >> 6) * 4);
}

/** B.cond; bit 4 set is BC.cond (FEAT_HBC), which we do not implement. */
function conditional(cpu: Cpu, insn: number): void {
  if (insn & 0x10) cpu.undefinedInstruction();
  if (conditionHolds(cpu, insn & 0xf)) branchRelative(cpu, ((insn << 8) >> 13) * 4);
}

/** CBZ / CBNZ (bit 24 = op) on Wt or Xt (bit 31 = sf). */
function compareAndBranch(cpu: Cpu, insn: number): void {
  const t = insn & 31;
  const sf = insn >>> 31;
  const isZero = sf ? (cpu.x[2 * t] | cpu.x[2 * t + 1]) === 0 : cpu.x[2 * t] === 0;
  if (isZero !== ((insn >>> 24) & 1) > 0) branchRelative(cpu, ((insn << 8) >> 13) * 4);
}

/** TBZ / TBNZ: bit b5:b40 of Xt, imm14 words. */
function testAndBranch(cpu: Cpu, insn: number): void {
  const t = insn & 31;
  const bit = ((insn >>> 26) & 0x20) | ((insn >>> 19) & 0x1f);
  const word = bit >= 32 ? cpu.x[2 * t + 1] : cpu.x[2 * t];
  const set = (word >>> (bit & 31)) & 1;
  if (set === ((insn >>> 24) & 1)) branchRelative(cpu, ((insn << 13) >> 18) * 4);
}

/** BR Xn. */
function branchRegister(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  branchToRegister(cpu, cpu.x[2 * n], cpu.x[2 * n + 1]);
}

/** BLR Xn: the target is read before X30 is written, so BLR X30 works. */
function branchLinkRegister(cpu: Cpu, insn: number): void {
  const n = (insn >>> 5) & 31;
  const lo = cpu.x[2 * n];
  const hi = cpu.x[2 * n + 1];
  cpu.x[60] = cpu.npcLo;
  cpu.x[61] = cpu.npcHi;
  branchToRegister(cpu, lo, hi);
}

/** ERET: Undefined at EL0; at EL1 restores PSTATE from SPSR_EL1 and continues at ELR_EL1. */
function exceptionReturn(cpu: Cpu): void {
  if (cpu.el === 0) cpu.undefinedInstruction();
  cpu.exceptionReturn();
  // The restored PSTATE may unmask a pending interrupt: look before the next instruction.
  cpu.recheckInterrupts();
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: 'o00101 iiiiiiiiiiiiiiiiiiiiiiiiii', name: 'B/BL', exec: unconditionalImmediate },
  { bits: '0101010 0 iiiiiiiiiiiiiiiiiii o cccc', name: 'B.cond', exec: conditional },
  { bits: 's011010 o iiiiiiiiiiiiiiiiiii ttttt', name: 'CBZ/CBNZ', exec: compareAndBranch },
  { bits: 'b011011 o bbbbb iiiiiiiiiiiiii ttttt', name: 'TBZ/TBNZ', exec: testAndBranch },
  { bits: '1101011 0000 11111 000000 nnnnn 00000', name: 'BR', exec: branchRegister },
  { bits: '1101011 0001 11111 000000 nnnnn 00000', name: 'BLR', exec: branchLinkRegister },
  { bits: '1101011 0010 11111 000000 nnnnn 00000', name: 'RET', exec: branchRegister },
  { bits: '1101011 0100 11111 000000 11111 00000', name: 'ERET', exec: exceptionReturn },
];
