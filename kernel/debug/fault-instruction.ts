/**
 * The line of a fault report that says what the program was doing when it faulted:
 *
 *     at main+0x1c (0x400abc): strb w1, [x0, #3]   w1=0x41 x0=0x816000
 *
 * the function and offset of the PC when the ELF has symbols, the faulting instruction in
 * disassembly (disassembler.ts), and the value of every register the instruction names, so the
 * register that held the bad address is read off the line instead of searched for among 31.
 */

import type { CpuContext } from '../../machine/machine.js';
import { disassemble, registersOf } from './disassembler.js';

const hex = (v: bigint): string => '0x' + v.toString(16);

function x64(ctx: CpuContext, i: number): bigint {
  return (BigInt(ctx.x[i * 2 + 1] >>> 0) << 32n) | BigInt(ctx.x[i * 2] >>> 0);
}

function v128(ctx: CpuContext, i: number): bigint {
  let value = 0n;
  for (let w = 3; w >= 0; w--) value = (value << 32n) | BigInt(ctx.v[i * 4 + w] >>> 0);
  return value;
}

const SIMD_BITS: Record<string, number> = { b: 8, h: 16, s: 32, d: 64, q: 128, v: 128 };

/** The value of a register as the instruction names it (w at 32 bits, d at 64, ...), or null. */
export function registerValue(ctx: CpuContext, name: string): bigint | null {
  if (name === 'sp') return x64(ctx, 31);
  if (name === 'wsp') return x64(ctx, 31) & 0xffffffffn;
  const n = Number(name.slice(1));
  if (!Number.isInteger(n)) return null;
  if (name[0] === 'x') return x64(ctx, n);
  if (name[0] === 'w') return x64(ctx, n) & 0xffffffffn;
  const bits = SIMD_BITS[name[0]];
  return bits === undefined ? null : BigInt.asUintN(bits, v128(ctx, n));
}

/**
 * `  at WHERE: INSTRUCTION   reg=value ...` (a newline-terminated line). `where` is `func+0xoff`
 * or null; `word` is the instruction at pc, undefined when pc is not readable.
 */
export function faultInstructionLine(ctx: CpuContext, pc: bigint, word: number | undefined, where: string | null): string {
  const at = where ? `${where} (${hex(pc)})` : hex(pc);
  if (word === undefined) return `  at ${at}: (instruction not readable)\n`;
  const text = disassemble(word, pc);
  if (text === null) return `  at ${at}: .inst 0x${(word >>> 0).toString(16).padStart(8, '0')} (undefined)\n`;
  const values = registersOf(text).map((r) => {
    const v = registerValue(ctx, r);
    return v === null ? null : `${r}=${hex(v)}`;
  });
  const used = values.filter((s) => s !== null).join(' ');
  return `  at ${at}: ${text}${used ? '   ' + used : ''}\n`;
}
