/**
 * Lane rearrangements: ZIP1/ZIP2, UZP1/UZP2, TRN1/TRN2, EXT, and the table lookups
 * TBL/TBX with one to four table registers.
 */

import type { Encoding } from '../decoder.js';
import type { Cpu } from '../cpu.js';
import { A, B, R, T0, U8, load, store, copyLane } from './simd-lanes.js';

/** ZIP/UZP/TRN: opcode bits [14:12] = 001 UZP1, 010 TRN1, 011 ZIP1, 101 UZP2, 110 TRN2, 111 ZIP2. */
function permute(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const size = (insn >>> 22) & 3;
  const opcode = (insn >>> 12) & 7;
  const kind = opcode & 3;
  if (kind === 0 || (size === 3 && !q)) cpu.undefinedInstruction();
  const part = opcode >>> 2;
  load(cpu, (insn >>> 5) & 31, A);
  load(cpu, (insn >>> 16) & 31, B);
  const elements = (q ? 16 : 8) >>> size;
  const half = elements >>> 1;
  switch (kind) {
    case 1: // UZP: even (part 0) or odd (part 1) lanes of Vn:Vm concatenated.
      for (let i = 0; i < elements; i++) {
        const k = 2 * i + part;
        copyLane(k < elements ? A : B, k < elements ? k : k - elements, R, i, size);
      }
      break;
    case 2: // TRN: lanes 2p+part of Vn and Vm, alternating.
      for (let p = 0; p < half; p++) {
        copyLane(A, 2 * p + part, R, 2 * p, size);
        copyLane(B, 2 * p + part, R, 2 * p + 1, size);
      }
      break;
    default: // ZIP: the low (part 0) or high (part 1) halves of Vn and Vm, interleaved.
      for (let p = 0; p < half; p++) {
        copyLane(A, part * half + p, R, 2 * p, size);
        copyLane(B, part * half + p, R, 2 * p + 1, size);
      }
  }
  store(cpu, insn & 31, R, q);
}

/** EXT: bytes imm4.. of Vm:Vn (Vn low). */
function ext(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const pos = (insn >>> 11) & 15;
  if (!q && pos >= 8) cpu.undefinedInstruction();
  load(cpu, (insn >>> 5) & 31, A);
  load(cpu, (insn >>> 16) & 31, B);
  const bytes = q ? 16 : 8;
  const r = R << 4;
  for (let j = 0; j < bytes; j++) {
    const k = j + pos;
    U8[r + j] = k < bytes ? U8[(A << 4) + k] : U8[(B << 4) + k - bytes];
  }
  store(cpu, insn & 31, R, q);
}

/** TBL/TBX: each byte of Vm indexes the table Vn..Vn+len; out of range gives 0 (TBL) or keeps Vd (TBX). */
function table(cpu: Cpu, insn: number): void {
  const q = (insn >>> 30) & 1;
  const regs = ((insn >>> 13) & 3) + 1;
  const isTbx = (insn >>> 12) & 1;
  const n = (insn >>> 5) & 31;
  const d = insn & 31;
  // The table occupies consecutive slots from T0; registers wrap from V31 to V0.
  for (let i = 0; i < regs; i++) load(cpu, (n + i) & 31, T0 + i);
  load(cpu, (insn >>> 16) & 31, B);
  load(cpu, d, R);
  const limit = regs * 16;
  const bytes = q ? 16 : 8;
  const r = R << 4;
  for (let j = 0; j < bytes; j++) {
    const index = U8[(B << 4) + j];
    if (index < limit) U8[r + j] = U8[(T0 << 4) + index];
    else if (!isTbx) U8[r + j] = 0;
  }
  store(cpu, d, R, q);
}

export const ENCODINGS: readonly Encoding[] = [
  { bits: '0 q 001110 zz 0 mmmmm 0 ooo 10 nnnnn ddddd', name: 'UZP1/UZP2/TRN1/TRN2/ZIP1/ZIP2', exec: permute },
  { bits: '0 q 101110 00 0 mmmmm 0 iiii 0 nnnnn ddddd', name: 'EXT', exec: ext },
  { bits: '0 q 001110 00 0 mmmmm 0 ll o 00 nnnnn ddddd', name: 'TBL/TBX', exec: table },
];
