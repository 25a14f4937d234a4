/**
 * Small helpers for tests that run hand-assembled code on a Machine: place instruction
 * words in RAM, run to the ending BRK, and read back the syndrome registers.
 * Instruction words were produced with aarch64-linux-gnu-as and are written as numbers
 * with the assembly in a comment, so the tests need no toolchain.
 */

import { Machine, StopReason } from '../../machine/index.js';

export const BRK0 = 0xd4200000;
export const NOP = 0xd503201f;
/** BRK #imm16. */
export function brk(imm: number): number {
  return (0xd4200000 | ((imm & 0xffff) << 5)) >>> 0;
}

/**
 * Writes instruction words at physical address `pa`, points the PC at `va` (default: pa)
 * and sets the exception level the code starts at (default EL0; a previous BRK left the
 * CPU at EL1).
 */
export function load(m: Machine, pa: number, words: readonly number[], va: bigint = BigInt(pa), el: 0 | 1 = 0): void {
  words.forEach((w, i) => m.memory.write32(pa + 4 * i, w >>> 0));
  m.cpu.setExceptionLevel(el);
  m.setPc(va);
}

export interface Stop {
  reason: StopReason;
  ec: number;
  iss: number;
  elr: bigint;
  far: bigint;
  spsr: bigint;
}

/** Runs up to `budget` instructions and reports how it stopped. */
export function runTo(m: Machine, budget = 1000): Stop {
  const reason = m.run(budget);
  const { ec, iss } = m.syndrome;
  return {
    reason,
    ec,
    iss,
    elr: m.readSysReg('ELR_EL1'),
    far: m.readSysReg('FAR_EL1'),
    spsr: m.readSysReg('SPSR_EL1'),
  };
}

/** Sign-extends and masks to a 64-bit unsigned BigInt (for comparing with getX). */
export function u64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}
