/**
 * The A64 decoder, driven by tables of encodings.
 *
 * Each instruction class (insn/*.ts) exports a table of patterns written the way the
 * Arm ARM draws encodings: 32 characters, most significant bit first, `0`/`1` for fixed
 * bits and any other letter for a field bit; spaces and underscores are ignored, so a
 * pattern can be grouped like the manual's boxes. The handler extracts its own fields.
 *
 * When several patterns match a word the one with the most fixed bits wins, which is how
 * the manual's more specific encodings (aliases aside, which decode like their base
 * instruction) take precedence. Encodings that a pattern's field space includes but the
 * architecture leaves unallocated are rejected by the handler with `cpu.undefined()`.
 *
 * Decoding happens once per instruction word per physical page (the CPU caches the
 * result), so this favours clarity over speed; still, patterns are bucketed by the
 * major opcode bits [28:25] so a decode looks at a few dozen patterns, not all.
 */

import type { Cpu } from './cpu.js';

export type Handler = (cpu: Cpu, insn: number) => void;

export interface Encoding {
  /** 32 significant characters: 0, 1, or a field letter. */
  bits: string;
  /** Mnemonic or class name, for traces, errors and coverage reports. */
  name: string;
  exec: Handler;
  /**
   * The instruction may change the PC or the CPU's mode, translation regime or interrupt
   * state (branches, system instructions): the translator ends a block with it.
   */
  endsBlock?: boolean;
}

interface Compiled {
  mask: number;
  value: number;
  fixed: number;
  op: number;
}

export function parsePattern(bits: string): { mask: number; value: number; fixed: number } {
  const clean = bits.replace(/[\s_]/g, '');
  if (clean.length !== 32) throw new Error(`encoding pattern must have 32 bits, has ${clean.length}: ${bits}`);
  let mask = 0;
  let value = 0;
  let fixed = 0;
  for (let i = 0; i < 32; i++) {
    const ch = clean[i];
    const bit = 31 - i;
    if (ch === '0' || ch === '1') {
      mask |= 1 << bit;
      if (ch === '1') value |= 1 << bit;
      fixed++;
    }
  }
  return { mask: mask >>> 0, value: value >>> 0, fixed };
}

export class Decoder {
  /** Handlers by op number. 0 means "not decoded yet" in the CPU's cache; 1 is Undefined. */
  readonly handlers: Handler[];
  readonly names: string[];
  /** 1 for ops whose encoding ends a translated block (Undefined, op 1, always does). */
  readonly endsBlock: Uint8Array;
  private readonly buckets: Compiled[][] = Array.from({ length: 16 }, () => []);

  constructor(tables: readonly (readonly Encoding[])[], undefinedHandler: Handler) {
    this.handlers = [undefinedHandler, undefinedHandler];
    this.names = ['(not decoded)', 'UNDEFINED'];
    const ends = [1, 1];
    const all: Compiled[] = [];
    for (const table of tables) {
      for (const enc of table) {
        const { mask, value, fixed } = parsePattern(enc.bits);
        const op = this.handlers.length;
        this.handlers.push(enc.exec);
        this.names.push(enc.name);
        ends.push(enc.endsBlock ? 1 : 0);
        all.push({ mask, value, fixed, op });
      }
    }
    this.endsBlock = Uint8Array.from(ends);
    all.sort((a, b) => b.fixed - a.fixed);
    // A pattern goes into every bucket whose op0 bits it can match.
    for (let op0 = 0; op0 < 16; op0++) {
      const word = op0 << 25;
      const op0Mask = 0xf << 25;
      for (const c of all) {
        if (((c.value ^ word) & c.mask & op0Mask) === 0) this.buckets[op0].push(c);
      }
    }
  }

  /** Returns the op number for an instruction word (1 when nothing matches). */
  decode(insn: number): number {
    const bucket = this.buckets[(insn >>> 25) & 0xf];
    const word = insn >>> 0;
    for (let i = 0; i < bucket.length; i++) {
      const c = bucket[i];
      if (((word & c.mask) >>> 0) === c.value) return c.op;
    }
    return 1;
  }

  nameOf(insn: number): string {
    return this.names[this.decode(insn)];
  }
}
