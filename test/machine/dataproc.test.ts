/**
 * The A64 base integer data-processing instructions (machine/insn/dataproc-*.ts and
 * machine/alu.ts).
 *
 * Most checks compare against qemu-aarch64: every form in FORMS is run by a generated
 * static program under qemu with the inputs inputsFor() derives (curated carry/overflow,
 * shift and division edges plus pseudo-random values), and the results (X0, NZCV, SP)
 * and instruction words are recorded at the end of this file. To re-record after
 * changing FORMS or inputs (needs aarch64-linux-gnu-as/ld and qemu-aarch64):
 *
 *     npx tsc -p . && DATAPROC_REGEN=1 node dist/test/machine/dataproc.test.js
 *
 * which rewrites the RECORDED block of test/machine/dataproc.test.ts in place, and also
 * checks under qemu (-cpu cortex-a57) that every word in UNALLOCATED raises SIGILL.
 */

import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';
import {
  LOGICAL_VALID,
  TMASK,
  WMASK,
  mul64,
  umulh64,
  smulh64,
  udiv64,
  sdiv64,
  addFlags64,
  lsl64,
  lsr64,
  asr64,
  ror64,
} from '../../machine/alu.js';
import type { Cpu } from '../../machine/cpu.js';

const M64 = (1n << 64n) - 1n;
const u64 = (v: bigint): bigint => v & M64;
const hex = (v: bigint): string => v.toString(16);

// ---- Inputs -------------------------------------------------------------------------

/** Values that sit on carry, overflow, sign, shift-count and division boundaries. */
const POOL: bigint[] = [
  0n,
  1n,
  u64(-1n),
  0x7fffffffffffffffn,
  0x8000000000000000n,
  0x00000000ffffffffn,
  0x0000000080000000n,
  0x000000007fffffffn,
  0x0000000100000000n,
  2n,
  63n,
  64n,
  31n,
  32n,
  0xffffffff80000000n,
  0xdeadbeefcafebaben,
  0x0123456789abcdefn,
  0xffffffff00000000n,
  0x8000000000000001n,
  0x00000001ffffffffn,
  0x7fffffff80000000n,
  0xfffn,
  0xfffffffffffff000n,
  0x00000000fffffffen,
];

/**
 * (x1, x2) index pairs every form sees first: add/sub carry and overflow on 64 and 32
 * bits, equal operands, zero, INT_MIN / -1 and x / 0 for both widths, big divisions.
 */
const CURATED: [number, number][] = [
  [0, 0],
  [1, 2], // 1 + -1: carry out, zero; 1 - -1
  [3, 1], // INT64_MAX + 1: signed overflow
  [4, 2], // INT64_MIN + -1 overflow; INT64_MIN / -1
  [5, 1], // 0xffffffff + 1: 32-bit carry
  [7, 1], // INT32_MAX + 1: 32-bit overflow
  [14, 2], // W: INT32_MIN / -1
  [0, 1], // 0 - 1: borrow
  [4, 1], // INT64_MIN - 1: overflow
  [15, 16], // large operands (64-bit division path)
  [16, 10], // shift by 63
  [18, 11], // shift by 64 (mod 64 = 0)
];

const SP_DEFAULT = 0x40f00000n;

interface Inputs {
  x: bigint[]; // x0..x3
  sp: bigint;
  nzcv: number;
}

/** A 32-bit FNV-1a hash, so a form's inputs do not depend on its position in FORMS. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function inputsFor(asm: string, k: number): Inputs {
  let state = (hash(asm) ^ Math.imul(k + 1, 0x9e3779b9)) | 0;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const random64 = (): bigint => {
    const r = next();
    // Mostly pool values (edges), sometimes fully random bits.
    if (r % 3 !== 0) return POOL[next() % POOL.length];
    return (BigInt(next()) << 32n) | BigInt(next());
  };
  for (let i = 0; i < 4; i++) next();
  const x0 = random64();
  let x1: bigint;
  let x2: bigint;
  if (k < CURATED.length) {
    x1 = POOL[CURATED[k][0]];
    x2 = POOL[CURATED[k][1]];
  } else {
    x1 = random64();
    x2 = random64();
  }
  const x3 = random64();
  const sp = asm.includes('sp') ? random64() : SP_DEFAULT;
  const nzcv = (next() & 15) << 28;
  return { x: [x0, x1, x2, x3], sp, nzcv };
}

// ---- Forms --------------------------------------------------------------------------
// Operands are x0..x3 / w0..w3 / sp / xzr only: the recording harness uses other registers.

const FORMS: string[] = [
  // Add/subtract (immediate)
  'add x0, x1, #0',
  'add x0, x1, #4095',
  'add x0, x1, #1, lsl #12',
  'add x0, x1, #4095, lsl #12',
  'sub x0, x1, #1',
  'sub x0, x1, #4095, lsl #12',
  'adds x0, x1, #1',
  'adds x0, x1, #0',
  'adds x0, x1, #4095, lsl #12',
  'subs x0, x1, #1',
  'subs x0, x1, #0',
  'cmp x1, #4095',
  'cmn x1, #1',
  'add w0, w1, #1',
  'add w0, w1, #4095, lsl #12',
  'sub w0, w1, #1',
  'adds w0, w1, #1',
  'adds w0, w1, #0',
  'subs w0, w1, #1',
  'subs w0, w1, #0',
  'cmp w1, #4095, lsl #12',
  'cmn w1, #1',
  'add sp, x1, #16',
  'add x0, sp, #16',
  'sub sp, sp, #32',
  'mov x0, sp',
  'mov sp, x1',
  'add wsp, w1, #1',
  'add w0, wsp, #4',
  'adds x0, sp, #1',
  'subs x0, sp, #8',
  'cmp sp, #16',
  'subs w0, wsp, #1',
  // Logical (immediate)
  'and x0, x1, #0xff',
  'and x0, x1, #0xfffffffffffffffe',
  'and x0, x1, #0x7fffffffffffffff',
  'orr x0, x1, #0x5555555555555555',
  'orr x0, x1, #0xe000000000000003',
  'orr x0, xzr, #0x00ff00ff00ff00ff',
  'eor x0, x1, #0x8000000000000000',
  'eor x0, x1, #0x3fffc000',
  'eor x0, x1, #0x0ff00ff00ff00ff0',
  'ands x0, x1, #0xf0f0f0f0f0f0f0f0',
  'ands x0, x1, #1',
  'tst x1, #0x8000000000000000',
  'and sp, x1, #0xfffffffffffffff0',
  'orr sp, xzr, #0x10',
  'eor sp, x1, #0x6666666666666666',
  'and w0, w1, #0xff',
  'orr w0, w1, #0x80000001',
  'eor w0, w1, #0x55555555',
  'eor w0, w1, #0xfffffffe',
  'ands w0, w1, #0x80000000',
  'tst w1, #1',
  'and wsp, w1, #0xfffffff0',
  'orr w0, wzr, #0xffff0000',
  'orr w0, w1, #0x3c3c3c3c',
  // Move wide
  'movz x0, #0',
  'movz x0, #0xffff',
  'movz x0, #0xffff, lsl #16',
  'movz x0, #0x8001, lsl #32',
  'movz x0, #0xffff, lsl #48',
  'movn x0, #0',
  'movn x0, #0x1234, lsl #16',
  'movn x0, #0x1234, lsl #32',
  'movn x0, #0x1234, lsl #48',
  'movk x0, #0xabcd',
  'movk x0, #0xabcd, lsl #16',
  'movk x0, #0xabcd, lsl #32',
  'movk x0, #0xabcd, lsl #48',
  'movz w0, #0xffff, lsl #16',
  'movz w0, #0x8000',
  'movn w0, #0',
  'movn w0, #0x1234, lsl #16',
  'movk w0, #0xbeef',
  'movk w0, #0xbeef, lsl #16',
  // Bitfield aliases
  'lsl x0, x1, #1',
  'lsl x0, x1, #32',
  'lsl x0, x1, #63',
  'lsr x0, x1, #1',
  'lsr x0, x1, #32',
  'lsr x0, x1, #63',
  'asr x0, x1, #1',
  'asr x0, x1, #31',
  'asr x0, x1, #63',
  'lsl w0, w1, #1',
  'lsl w0, w1, #31',
  'lsr w0, w1, #31',
  'asr w0, w1, #1',
  'asr w0, w1, #31',
  'sxtb x0, w1',
  'sxth x0, w1',
  'sxtw x0, w1',
  'sxtb w0, w1',
  'sxth w0, w1',
  'uxtb w0, w1',
  'uxth w0, w1',
  'bfi x0, x1, #8, #16',
  'bfi x0, x1, #60, #4',
  'bfi x0, x1, #1, #63',
  'bfxil x0, x1, #4, #8',
  'bfxil x0, x1, #0, #64',
  'bfxil x0, x1, #63, #1',
  'bfi w0, w1, #31, #1',
  'bfxil w0, w1, #16, #16',
  'bfc x0, #4, #40',
  'sbfx x0, x1, #3, #7',
  'sbfx x0, x1, #63, #1',
  'sbfx x0, x1, #0, #32',
  'ubfx x0, x1, #32, #32',
  'ubfx x0, x1, #1, #62',
  'sbfiz x0, x1, #4, #20',
  'sbfiz x0, x1, #32, #32',
  'ubfiz x0, x1, #60, #4',
  'sbfx w0, w1, #8, #8',
  'sbfx w0, w1, #31, #1',
  'ubfx w0, w1, #4, #28',
  'ubfiz w0, w1, #31, #1',
  'sbfiz w0, w1, #16, #16',
  // Extract
  'extr x0, x1, x2, #0',
  'extr x0, x1, x2, #1',
  'extr x0, x1, x2, #32',
  'extr x0, x1, x2, #63',
  'ror x0, x1, #17',
  'extr w0, w1, w2, #0',
  'extr w0, w1, w2, #1',
  'extr w0, w1, w2, #31',
  'ror w0, w1, #5',
  // Add/subtract (shifted register)
  'add x0, x1, x2',
  'add x0, x1, x2, lsl #1',
  'add x0, x1, x2, lsl #63',
  'add x0, x1, x2, lsr #63',
  'add x0, x1, x2, asr #63',
  'add x0, x1, x2, asr #1',
  'sub x0, x1, x2',
  'sub x0, x1, x2, lsl #32',
  'sub x0, x1, x2, asr #7',
  'adds x0, x1, x2',
  'adds x0, x1, x2, asr #32',
  'adds x0, x1, x2, lsl #63',
  'subs x0, x1, x2',
  'subs x0, x1, x2, lsr #7',
  'subs x0, x1, x2, lsl #1',
  'cmp x1, x2',
  'cmn x1, x2',
  'neg x0, x2',
  'negs x0, x2',
  'add x0, xzr, x2',
  'add w0, w1, w2',
  'add w0, w1, w2, lsl #31',
  'add w0, w1, w2, lsr #3',
  'sub w0, w1, w2, asr #31',
  'adds w0, w1, w2',
  'subs w0, w1, w2',
  'subs w0, w1, w2, lsr #31',
  'adds w0, w1, w2, asr #16',
  'cmp w1, w2',
  'cmn w1, w2',
  'negs w0, w2',
  // Add/subtract (extended register)
  'add x0, x1, w2, uxtb',
  'add x0, x1, w2, uxtb #4',
  'add x0, x1, w2, uxth #2',
  'add x0, x1, w2, uxtw #3',
  'add x0, x1, x2, uxtx #1',
  'add x0, x1, w2, sxtb',
  'add x0, x1, w2, sxth #1',
  'add x0, x1, w2, sxtw #4',
  'add x0, x1, x2, sxtx',
  'sub x0, x1, w2, sxtw',
  'sub x0, x1, w2, uxth #4',
  'adds x0, x1, w2, uxtb',
  'adds x0, x1, w2, sxtw',
  'subs x0, x1, w2, sxth #2',
  'subs x0, x1, w2, sxtb #3',
  'cmp x1, w2, uxtw',
  'cmn x1, w2, sxtw #1',
  'add sp, sp, x2',
  'add x0, sp, x2',
  'sub sp, x1, w2, sxtw #2',
  'add x0, sp, w2, uxtw #1',
  'cmp sp, x2',
  'adds x0, sp, x2, sxtx #3',
  'add w0, w1, w2, uxtb',
  'add w0, w1, w2, sxth #3',
  'add w0, w1, w2, uxtx #2',
  'sub w0, w1, w2, sxtb #4',
  'adds w0, w1, w2, uxth',
  'subs w0, w1, w2, sxtw #1',
  'add wsp, wsp, w2',
  'add w0, wsp, w2, uxtw #2',
  'cmp wsp, w2, uxtb',
  // Add/subtract with carry
  'adc x0, x1, x2',
  'adcs x0, x1, x2',
  'sbc x0, x1, x2',
  'sbcs x0, x1, x2',
  'ngc x0, x2',
  'ngcs x0, x2',
  'adc w0, w1, w2',
  'adcs w0, w1, w2',
  'sbc w0, w1, w2',
  'sbcs w0, w1, w2',
  'ngcs w0, w2',
  // Logical (shifted register)
  'and x0, x1, x2',
  'and x0, x1, x2, lsl #1',
  'and x0, x1, x2, ror #63',
  'bic x0, x1, x2, lsr #4',
  'orr x0, x1, x2',
  'orr x0, x1, x2, asr #63',
  'orr x0, x1, x2, ror #32',
  'mov x0, x2',
  'orn x0, x1, x2',
  'orn x0, x1, x2, ror #8',
  'mvn x0, x2',
  'eor x0, x1, x2, lsl #63',
  'eor x0, x1, x2',
  'eon x0, x1, x2, asr #3',
  'ands x0, x1, x2',
  'ands x0, x1, x2, ror #1',
  'bics x0, x1, x2',
  'bics x0, x1, x2, lsl #32',
  'tst x1, x2',
  'and w0, w1, w2, ror #31',
  'bic w0, w1, w2',
  'orr w0, w1, w2, lsl #31',
  'orn w0, w1, w2',
  'mov w0, w2',
  'mvn w0, w2',
  'eor w0, w1, w2, asr #5',
  'eon w0, w1, w2',
  'ands w0, w1, w2',
  'bics w0, w1, w2, lsr #31',
  'tst w1, w2',
  // Shifts (register)
  'lsl x0, x1, x2',
  'lsr x0, x1, x2',
  'asr x0, x1, x2',
  'ror x0, x1, x2',
  'lsl w0, w1, w2',
  'lsr w0, w1, w2',
  'asr w0, w1, w2',
  'ror w0, w1, w2',
  // Conditional compare
  'ccmp x1, x2, #0, eq',
  'ccmp x1, x2, #15, ne',
  'ccmp x1, x2, #2, ls',
  'ccmp x1, #31, #4, ge',
  'ccmp x1, #0, #1, al',
  'ccmp x1, x2, #5, nv',
  'ccmn x1, x2, #2, lt',
  'ccmn x1, #1, #8, hi',
  'ccmp w1, w2, #0, cs',
  'ccmp w1, #5, #15, mi',
  'ccmp w1, w2, #9, gt',
  'ccmn w1, w2, #3, vs',
  'ccmn w1, #31, #0, le',
  // Conditional select
  'csel x0, x1, x2, eq',
  'csel x0, x1, x2, ne',
  'csel x0, x1, x2, cs',
  'csel x0, x1, x2, cc',
  'csel x0, x1, x2, mi',
  'csel x0, x1, x2, pl',
  'csel x0, x1, x2, vs',
  'csel x0, x1, x2, vc',
  'csel x0, x1, x2, hi',
  'csel x0, x1, x2, ls',
  'csel x0, x1, x2, ge',
  'csel x0, x1, x2, lt',
  'csel x0, x1, x2, gt',
  'csel x0, x1, x2, le',
  'csel x0, x1, x2, al',
  'csel x0, x1, x2, nv',
  'csinc x0, x1, x2, ge',
  'csinv x0, x1, x2, lt',
  'csneg x0, x1, x2, hi',
  'cset x0, eq',
  'csetm x0, ne',
  'cinc x0, x1, mi',
  'cneg x0, x1, vs',
  'csel w0, w1, w2, ls',
  'csinc w0, w1, w2, gt',
  'csinv w0, w1, w2, le',
  'csneg w0, w1, w2, cc',
  'cset w0, hi',
  'cneg w0, w1, eq',
  // Data-processing (1 source)
  'rbit x0, x1',
  'rev16 x0, x1',
  'rev32 x0, x1',
  'rev x0, x1',
  'clz x0, x1',
  'cls x0, x1',
  'rbit w0, w1',
  'rev16 w0, w1',
  'rev w0, w1',
  'clz w0, w1',
  'cls w0, w1',
  // Divide
  'udiv x0, x1, x2',
  'sdiv x0, x1, x2',
  'udiv w0, w1, w2',
  'sdiv w0, w1, w2',
  // Multiply
  'madd x0, x1, x2, x3',
  'msub x0, x1, x2, x3',
  'mul x0, x1, x2',
  'mneg x0, x1, x2',
  'smaddl x0, w1, w2, x3',
  'smsubl x0, w1, w2, x3',
  'smull x0, w1, w2',
  'umaddl x0, w1, w2, x3',
  'umsubl x0, w1, w2, x3',
  'umull x0, w1, w2',
  'smulh x0, x1, x2',
  'umulh x0, x1, x2',
  'madd w0, w1, w2, w3',
  'msub w0, w1, w2, w3',
  'mul w0, w1, w2',
  // Bitfield raw grid: every (immr, imms) relation at the width's corners
  ...grid(),
];

function grid(): string[] {
  const out: string[] = [];
  const corners64 = [0, 1, 31, 32, 63];
  const corners32 = [0, 1, 16, 31];
  for (const op of ['sbfm', 'bfm', 'ubfm']) {
    for (const r of corners64) for (const s of corners64) out.push(`${op} x0, x1, #${r}, #${s}`);
    for (const r of corners32) for (const s of corners32) out.push(`${op} w0, w1, #${r}, #${s}`);
  }
  return out;
}

/** How many input cases a form gets: fewer for the big bitfield grid. */
function caseCount(asm: string): number {
  return /^(sbfm|bfm|ubfm) /.test(asm) ? 4 : CURATED.length + 4;
}

/** Words in the data-processing classes' space that the architecture leaves unallocated. */
const UNALLOCATED: [number, string][] = [
  [0x12400020, 'logical immediate, sf=0 with N=1'],
  [0x9240fc20, 'logical immediate, element all ones (imms=111111, N=1)'],
  [0x1200fc20, 'logical immediate, sf=0, N=0, imms=111111 (len < 1)'],
  [0x3203f820, 'logical immediate, 32-bit all-ones element (imms=111110, N=0)'],
  [0xb2800000, 'move wide, opc=01'],
  [0x52c00000, 'MOVZ W with hw=2'],
  [0x12e00000, 'MOVN W with hw=3'],
  [0x53008020, 'UBFM W with imms=32'],
  [0x53200020, 'UBFM W with immr=32'],
  [0x53400020, 'UBFM W with N=1'],
  [0xd3000020, 'UBFM X with N=0'],
  [0x73000020, 'bitfield opc=11 (32)'],
  [0xf3400020, 'bitfield opc=11 (64)'],
  [0x13808020, 'EXTR W with imms=32'],
  [0x93800020, 'EXTR X with N=0'],
  [0x93e00020, 'EXTR with o0=1'],
  [0xb3c00020, 'EXTR with op21=01'],
  [0x91800020, 'add/sub immediate with bit 23 set (ADDG without MTE)'],
  [0x8bc00020, 'ADD shifted register with ROR'],
  [0xebc00020, 'SUBS shifted register with ROR'],
  [0x0b008020, 'ADD W shifted register with amount 32'],
  [0x0a008020, 'AND W shifted register with amount 32'],
  [0x2a20fc20, 'ORN W shifted register with amount 63'],
  [0x8b201420, 'ADD extended with imm3=5'],
  [0x8b201c20, 'ADD extended with imm3=7'],
  [0x0b201820, 'ADD W extended with imm3=6'],
  [0x8b600020, 'add/sub extended with opt=01'],
  [0x9a000420, 'ADC with bits [15:10] != 0'],
  [0x5a400020, 'conditional compare with S=0'],
  [0x7a400420, 'conditional compare with o2=1'],
  [0x7a400030, 'conditional compare with o3=1'],
  [0xba800020, 'conditional select with S=1'],
  [0x9a800820, 'conditional select with op2=10'],
  [0x5ac00c20, 'REV (64-bit opcode) with sf=0'],
  [0xdac01820, '1-source opcode 000110'],
  [0xfac00020, '1-source with S=1'],
  [0x9ac00020, '2-source opcode 000000'],
  [0x9ac01820, '2-source opcode 000110'],
  [0xbac00820, '2-source with S=1'],
  [0x9ac03c20, '2-source opcode 001111'],
  [0x1b200020, 'SMADDL with sf=0'],
  [0x1ba00020, 'UMADDL with sf=0'],
  [0x9b600020, '3-source op31=011'],
  [0x9b408020, 'SMULH with o0=1'],
  [0x9bc08020, 'UMULH with o0=1'],
  [0x9be00020, '3-source op31=111'],
  [0xbb000020, '3-source op54=01'],
];

// ---- Recording under qemu (DATAPROC_REGEN=1) ----------------------------------------

function record(): void {
  const dir = mkdtempSync(join(tmpdir(), 'dataproc-'));
  const lines: string[] = ['.text', '.global _start', '_start:', '  adrp x20, inputs', '  add x20, x20, :lo12:inputs', '  adrp x21, outputs', '  add x21, x21, :lo12:outputs', '  mov x28, sp'];
  const data: string[] = ['.data', '.balign 8', 'inputs:'];
  let total = 0;
  FORMS.forEach((asm, f) => {
    for (let k = 0; k < caseCount(asm); k++) {
      const inp = inputsFor(asm, k);
      data.push(`  .quad 0x${hex(inp.x[0])}, 0x${hex(inp.x[1])}, 0x${hex(inp.x[2])}, 0x${hex(inp.x[3])}, 0x${hex(inp.sp)}, 0x${(inp.nzcv >>> 0).toString(16)}`);
      lines.push(
        '  ldp x0, x1, [x20], #16',
        '  ldp x2, x3, [x20], #16',
        '  ldp x4, x5, [x20], #16',
        '  mov sp, x4',
        '  msr nzcv, x5',
        `i${f}_${k}: ${asm}`,
        '  mov x4, sp',
        '  mrs x5, nzcv',
        '  mov sp, x28',
        '  stp x0, x1, [x21], #16',
        '  stp x2, x3, [x21], #16',
        '  stp x4, x5, [x21], #16',
        `  adr x6, i${f}_${k}`,
        '  ldr w6, [x6]',
        '  str x6, [x21], #8',
      );
      total++;
    }
  });
  lines.push(
    '  mov x0, #1',
    '  adrp x1, outputs',
    '  add x1, x1, :lo12:outputs',
    `  ldr x2, =${total * 56}`,
    '  mov x8, #64',
    '  svc #0',
    '  mov x0, #0',
    '  mov x8, #93',
    '  svc #0',
    '.ltorg',
  );
  const src = [...lines, ...data, '.bss', '.balign 8', 'outputs:', `  .skip ${total * 56}`, ''].join('\n');
  writeFileSync(join(dir, 'h.s'), src);
  execFileSync('aarch64-linux-gnu-as', ['-march=armv8.2-a', '-o', join(dir, 'h.o'), join(dir, 'h.s')]);
  execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', join(dir, 'h'), join(dir, 'h.o')]);
  const out = execFileSync('qemu-aarch64', [join(dir, 'h')], { maxBuffer: 1 << 28 });
  if (out.length !== total * 56) throw new Error(`harness wrote ${out.length} bytes, expected ${total * 56}`);
  const recorded: string[] = [];
  let pos = 0;
  FORMS.forEach((asm) => {
    const cases: string[] = [];
    let word = 0;
    for (let k = 0; k < caseCount(asm); k++) {
      const q = (i: number): bigint => out.readBigUInt64LE(pos + 8 * i);
      const inp = inputsFor(asm, k);
      for (let r = 1; r <= 3; r++) if (q(r) !== inp.x[r]) throw new Error(`${asm}: x${r} changed under qemu`);
      let c = `${hex(q(0))},${(Number(q(5)) >>> 28).toString(16)}`;
      if (asm.includes('sp')) c += `,${hex(q(4))}`;
      cases.push(c);
      word = Number(q(6));
      pos += 56;
    }
    recorded.push(`${word.toString(16).padStart(8, '0')} ${cases.join(' ')}`);
  });
  // Unallocated words must be SIGILL on a core without the later extensions.
  for (const [word, what] of UNALLOCATED) {
    const s = ['.global _start', '_start:', `  .inst 0x${(word >>> 0).toString(16)}`, '  mov x0, #0', '  mov x8, #93', '  svc #0', ''].join('\n');
    writeFileSync(join(dir, 'u.s'), s);
    execFileSync('aarch64-linux-gnu-as', ['-o', join(dir, 'u.o'), join(dir, 'u.s')]);
    execFileSync('aarch64-linux-gnu-ld', ['-static', '-o', join(dir, 'u'), join(dir, 'u.o')]);
    const r = spawnSync('qemu-aarch64', ['-cpu', 'cortex-a57', join(dir, 'u')]);
    if (r.signal !== 'SIGILL') throw new Error(`0x${(word >>> 0).toString(16)} (${what}) is not SIGILL under qemu: ${r.signal ?? r.status}`);
  }
  const file = join(process.cwd(), 'test/machine/dataproc.test.ts');
  const text = readFileSync(file, 'utf8');
  const begin = text.lastIndexOf('const RECORDED = `');
  const end = text.indexOf('`;', begin);
  const updated = text.slice(0, begin) + 'const RECORDED = `\n' + recorded.join('\n') + '\n' + text.slice(end);
  writeFileSync(file, updated);
  console.log(`recorded ${total} cases of ${FORMS.length} forms; ${UNALLOCATED.length} unallocated words confirmed`);
}

// ---- Running on the machine ---------------------------------------------------------

const CODE = 0x40001000n;

function newMachine(): Machine {
  const m = new Machine({ ramSize: 16 << 20 });
  identityMapForEl0(m);
  return m;
}

/** Runs one instruction word at CODE from the given state; returns the stop reason. */
function step(m: Machine, word: number, inp: Inputs): StopReason {
  m.cpu.setExceptionLevel(0);
  m.memory.write32(Number(CODE), word | 0);
  for (let r = 0; r < 4; r++) m.setX(r, inp.x[r]);
  m.setSp(inp.sp);
  m.setNzcv(inp.nzcv);
  m.setPc(CODE);
  return m.run(1);
}

function runRecorded(): void {
  const rows = RECORDED.trim().split('\n');
  t.equal(rows.length, FORMS.length, 'one recorded row per form (re-record after editing FORMS)');
  const m = newMachine();
  let failures = 0;
  let checked = 0;
  FORMS.forEach((asm, f) => {
    const [wordHex, ...cases] = rows[f].split(' ');
    const word = parseInt(wordHex, 16);
    t.equal(cases.length, caseCount(asm), `${asm}: case count`);
    cases.forEach((c, k) => {
      const [x0, nzcv, sp] = c.split(',');
      const inp = inputsFor(asm, k);
      const reason = step(m, word, inp);
      const got = {
        reason,
        pc: m.getPc(),
        x0: hex(m.getX(0)),
        x123: [m.getX(1), m.getX(2), m.getX(3)],
        nzcv: (m.getNzcv() >>> 28).toString(16),
        sp: hex(m.getSp()),
      };
      const ok =
        reason === StopReason.BUDGET &&
        got.pc === CODE + 4n &&
        got.x0 === x0 &&
        got.nzcv === nzcv &&
        (sp === undefined ? got.sp === hex(inp.sp) : got.sp === sp) &&
        got.x123.every((v, i) => v === inp.x[i + 1]);
      checked++;
      if (!ok && failures++ < 40) {
        t.fail(
          `${asm} [${wordHex}] case ${k}: in x0..x3=${inp.x.map(hex).join(',')} sp=${hex(inp.sp)} nzcv=${(inp.nzcv >>> 28).toString(16)}; ` +
            `want x0=${x0} nzcv=${nzcv}${sp ? ` sp=${sp}` : ''}; got x0=${got.x0} nzcv=${got.nzcv} sp=${got.sp} reason=${reason}`,
        );
      }
    });
  });
  t.equal(failures, 0, `${checked} recorded cases match qemu`);
}

// ---- Tests --------------------------------------------------------------------------

function main(): void {
  if (process.env.DATAPROC_REGEN) {
    record();
    return;
  }
  t.test('every form matches qemu-aarch64 on edge and random inputs', async () => runRecorded());

  t.test('unallocated encodings raise Undefined Instruction (EC 0x00)', async (t) => {
    const m = newMachine();
    const inp: Inputs = { x: [1n, 2n, 3n, 4n], sp: SP_DEFAULT, nzcv: 0 };
    for (const [word, what] of UNALLOCATED) {
      const reason = step(m, word, inp);
      t.equal(reason, StopReason.EXCEPTION, `${what}: exception`);
      t.equal(m.syndrome.ec, 0, `${what}: EC 0x00`);
      t.equal(m.readSysReg('ELR_EL1'), CODE, `${what}: ELR is the instruction`);
      t.equal(m.getX(0), 1n, `${what}: X0 untouched`);
    }
  });

  t.test('ADR and ADRP', async (t) => {
    const m = newMachine();
    const adr = (rd: number, imm: number, page: boolean): number =>
      ((page ? 1 << 31 : 0) | ((imm & 3) << 29) | (0x10 << 24) | (((imm >> 2) & 0x7ffff) << 5) | rd) >>> 0;
    const inp: Inputs = { x: [7n, 0n, 0n, 0n], sp: SP_DEFAULT, nzcv: 0 };
    const run = (word: number): bigint => {
      t.equal(step(m, word, inp), StopReason.BUDGET);
      return m.getX(0);
    };
    t.equal(run(adr(0, 0, false)), CODE, 'ADR #0');
    t.equal(run(adr(0, 0x1235, false)), CODE + 0x1235n, 'ADR forward, odd offset');
    t.equal(run(adr(0, -1, false)), CODE - 1n, 'ADR -1');
    t.equal(run(adr(0, (1 << 20) - 1, false)), CODE + 0xfffffn, 'ADR max');
    t.equal(run(adr(0, -(1 << 20), false)), CODE - 0x100000n, 'ADR min');
    t.equal(run(adr(0, 1, true)), CODE + 0x1000n, 'ADRP +1 page');
    t.equal(run(adr(0, 0x123, true)), CODE + 0x123000n, 'ADRP forward');
    // 0x40001000 - 0x40002 pages = -0x1000: borrows into the upper half.
    t.equal(run(adr(0, -0x40002, true)), u64(-0x1000n), 'ADRP below zero wraps');
    t.equal(run(adr(0, (1 << 20) - 1, true)), CODE + 0xfffff000n, 'ADRP max (+4 GiB - 4 KiB)');
    t.equal(run(adr(0, -(1 << 20), true)), u64(CODE - 0x100000000n), 'ADRP min (-4 GiB)');
    t.equal(run(adr(31, 0x10, false)), 7n, 'ADR to XZR discards (X0 keeps its value)');
    // ADRP masks the low 12 bits of the PC.
    m.memory.write32(Number(CODE) + 0x7fc, adr(0, 2, true));
    for (let r = 0; r < 4; r++) m.setX(r, 0n);
    m.setPc(CODE + 0x7fcn);
    m.run(1);
    t.equal(m.getX(0), CODE + 0x2000n, 'ADRP from mid-page');
  });

  t.test('DecodeBitMasks table matches the Arm ARM pseudocode for all 8192 encodings', async (t) => {
    let bad = 0;
    for (let i = 0; i < 8192; i++) {
      const ref = decodeBitMasksReference(i >>> 12, i & 63, (i >>> 6) & 63);
      const valid = ref !== null && ref.logicalOk ? 1 : 0;
      if (LOGICAL_VALID[i] !== valid) bad++;
      if (ref === null) continue;
      const w = (BigInt(WMASK[2 * i + 1] >>> 0) << 32n) | BigInt(WMASK[2 * i] >>> 0);
      const tm = (BigInt(TMASK[2 * i + 1] >>> 0) << 32n) | BigInt(TMASK[2 * i] >>> 0);
      if (w !== ref.wmask || tm !== ref.tmask) bad++;
    }
    t.equal(bad, 0, 'no mismatches');
    // immr bits above the element size are ignored, so 7680 encodings give 5334 values.
    const values = new Set<string>();
    let count = 0;
    for (let i = 0; i < 8192; i++) {
      if (!LOGICAL_VALID[i]) continue;
      count++;
      values.add(`${WMASK[2 * i]}:${WMASK[2 * i + 1]}`);
    }
    t.equal(count, 7680, '7680 allocated logical immediate encodings');
    t.equal(values.size, 5334, '5334 distinct 64-bit logical immediates');
  });

  t.test('alu helpers agree with BigInt arithmetic on random operands', async (t) => {
    const cpu = { rhi: 0, nf: 0, zf: 0, cf: 0, vf: 0 } as unknown as Cpu;
    let state = 12345;
    const r32 = (): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state | 0;
    };
    const edges = [0, 1, -1, 0x7fffffff, -0x80000000, 2, 0x10000, -0x10000];
    const word = (): number => (r32() & 3 ? r32() : edges[r32() & 7]);
    const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);
    const join = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
    let bad = 0;
    const check = (what: string, got: bigint, want: bigint): void => {
      if (got !== u64(want) && bad++ < 10) t.fail(`${what}: got ${hex(got)} want ${hex(u64(want))}`);
    };
    for (let i = 0; i < 20000; i++) {
      const alo = word();
      const ahi = word();
      const blo = word();
      const bhi = word();
      const a = join(alo, ahi);
      const b = join(blo, bhi);
      check(`mul ${hex(a)} ${hex(b)}`, join(mul64(cpu, alo, ahi, blo, bhi), cpu.rhi), a * b);
      check(`umulh ${hex(a)} ${hex(b)}`, join(umulh64(cpu, alo, ahi, blo, bhi), cpu.rhi), (a * b) >> 64n);
      check(`smulh ${hex(a)} ${hex(b)}`, join(smulh64(cpu, alo, ahi, blo, bhi), cpu.rhi), (s64(a) * s64(b)) >> 64n);
      check(`udiv ${hex(a)} ${hex(b)}`, join(udiv64(cpu, alo, ahi, blo, bhi), cpu.rhi), b === 0n ? 0n : a / b);
      const sq = s64(b) === 0n ? 0n : s64(a) / s64(b);
      check(`sdiv ${hex(a)} ${hex(b)}`, join(sdiv64(cpu, alo, ahi, blo, bhi), cpu.rhi), sq);
      // 32-bit-operand fast paths.
      const sa = BigInt(alo);
      const sb = BigInt(blo);
      check(`sdiv small ${sa} ${sb}`, join(sdiv64(cpu, alo, alo >> 31, blo, blo >> 31), cpu.rhi), sb === 0n ? 0n : sa / sb);
      const carry = i & 1;
      const sum = join(addFlags64(cpu, alo, ahi, blo, bhi, carry), cpu.rhi);
      check(`adc ${hex(a)} ${hex(b)}`, sum, a + b + BigInt(carry));
      const c = a + b + BigInt(carry) > M64 ? 1 : 0;
      const sres = s64(a) + s64(b) + BigInt(carry);
      const v = sres !== s64(sum) ? 1 : 0;
      if ((cpu.cf !== c || cpu.vf !== v || cpu.nf !== Number(sum >> 63n) || cpu.zf !== (sum === 0n ? 1 : 0)) && bad++ < 10) {
        t.fail(`adc flags ${hex(a)} ${hex(b)} ${carry}`);
      }
      const n = r32() & 63;
      check(`lsl ${n}`, join(lsl64(cpu, alo, ahi, n), cpu.rhi), a << BigInt(n));
      check(`lsr ${n}`, join(lsr64(cpu, alo, ahi, n), cpu.rhi), a >> BigInt(n));
      check(`asr ${n}`, join(asr64(cpu, alo, ahi, n), cpu.rhi), s64(a) >> BigInt(n));
      check(`ror ${n}`, join(ror64(cpu, alo, ahi, n), cpu.rhi), (a >> BigInt(n)) | (a << BigInt(64 - n)));
    }
    t.equal(bad, 0, 'no mismatches');
  });

  t.test('32-bit forms zero the upper half and XZR destinations write nothing', async (t) => {
    const m = newMachine();
    const inp: Inputs = { x: [0xffffffffffffffffn, 0xaaaaaaaa00000005n, 0xbbbbbbbb00000003n, 0n], sp: SP_DEFAULT, nzcv: 0 };
    // add w0, w1, w2
    t.equal(step(m, 0x0b020020, inp), StopReason.BUDGET);
    t.equal(m.getX(0), 8n, 'ADD W zero-extends');
    // adds xzr, x1, x2 (CMN): X0 and SP untouched, flags set
    step(m, 0xab02003f, inp);
    t.equal(m.getX(0), inp.x[0], 'CMN writes no register');
    t.equal(m.getSp(), SP_DEFAULT, 'CMN does not write SP');
    // movk xzr, #1 and bfm xzr: nothing written, no exception
    t.equal(step(m, 0xf280003f, inp), StopReason.BUDGET, 'MOVK XZR executes');
    t.equal(m.getX(0), inp.x[0]);
  });
}

/** DecodeBitMasks from the Arm ARM, in BigInt, for checking the precomputed table. */
function decodeBitMasksReference(n: number, imms: number, immr: number): { wmask: bigint; tmask: bigint; logicalOk: boolean } | null {
  const combined = (n << 6) | (~imms & 63);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1) return null;
  const esize = 1 << len;
  const levels = esize - 1;
  const s = imms & levels;
  const r = immr & levels;
  const d = (s - r) & levels;
  const emask = (1n << BigInt(esize)) - 1n;
  const ones = (k: number): bigint => (1n << BigInt(k)) - 1n;
  const welem = ((ones(s + 1) >> BigInt(r)) | (ones(s + 1) << BigInt(esize - r))) & emask;
  const telem = ones(d + 1);
  let wmask = 0n;
  let tmask = 0n;
  for (let i = 0; i < 64; i += esize) {
    wmask |= welem << BigInt(i);
    tmask |= telem << BigInt(i);
  }
  return { wmask, tmask, logicalOk: s !== levels };
}

// ---- Recorded under qemu-aarch64 (see the file comment) ------------------------------
// Per form: instruction word, then per case "X0,NZCV[,SP]" in hex.
const RECORDED = `
91000020 0,8 1,1 7fffffffffffffff,d 8000000000000000,4 ffffffff,c 7fffffff,3 ffffffff80000000,5 0,3 8000000000000000,b deadbeefcafebabe,c 123456789abcdef,5 8000000000000001,1 0,8 b4a71496908a0e0c,0 e66725ab589adc82,6 ffffffff00000000,5
913ffc20 fff,0 1000,8 8000000000000ffe,9 8000000000000fff,a 100000ffe,2 80000ffe,6 ffffffff80000fff,1 fff,7 8000000000000fff,8 deadbeefcafecabd,f 123456789abddee,b 8000000000001000,f ffffffff80000fff,1 ffe,0 25f10462aad5ad5b,f 80000ffe,5
91400420 1000,d 1001,9 8000000000000fff,e 8000000000001000,e 100000fff,2 80000fff,6 ffffffff80001000,1 1000,c 8000000000001000,5 deadbeefcafecabe,c 123456789abddef,6 8000000000001001,2 29fbe2cae1f39b7b,6 b75bb9dfcc67140f,e fff,1 8000000000001001,1
917ffc20 fff000,5 fff001,8 8000000000ffefff,0 8000000000fff000,6 100ffefff,a 80ffefff,e ffffffff80fff000,8 fff000,6 8000000000fff000,b deadbeefcbfeaabe,4 12345678aabbdef,c 8000000000fff001,b fff001,b fff01f,a fff002,6 9ed203dc0c946d88,6
d1000420 ffffffffffffffff,6 0,2 7ffffffffffffffe,3 7fffffffffffffff,9 fffffffe,1 7ffffffe,d ffffffff7fffffff,f ffffffffffffffff,d 7fffffffffffffff,5 deadbeefcafebabd,1 123456789abcdee,f 8000000000000000,c 96f941c566f66a04,6 8591ad04b62e570,e 1f,8 7fffffff7fffffff,b
d17ffc20 ffffffffff001000,b ffffffffff001001,f 7fffffffff000fff,6 7fffffffff001000,8 ff000fff,4 7f000fff,0 ffffffff7f001000,a ffffffffff001000,7 7fffffffff001000,8 deadbeefc9fecabe,4 123456788abddef,2 7fffffffff001001,9 ffffffffff001001,4 18e82f44bc14a944,1 ffffffffff000fff,4 ffffffffff00101f,0
b1000420 1,0 2,0 8000000000000000,9 8000000000000001,8 100000000,0 80000000,0 ffffffff80000001,8 1,0 8000000000000001,8 deadbeefcafebabf,8 123456789abcdf0,0 8000000000000002,8 3,0 85d933c5d79980b6,8 8000000000000000,9 fb8e2338c2cea54d,8
b1000020 0,4 1,0 7fffffffffffffff,0 8000000000000000,8 ffffffff,0 7fffffff,0 ffffffff80000000,8 0,4 8000000000000000,8 deadbeefcafebabe,8 123456789abcdef,0 8000000000000001,8 7fffffffffffffff,0 edb29746541b158b,8 bf72a67b9c0bc705,8 80000000,0
b17ffc20 fff000,0 fff001,0 8000000000ffefff,9 8000000000fff000,8 100ffefff,0 80ffefff,0 ffffffff80fff000,8 fff000,0 8000000000fff000,8 deadbeefcbfeaabe,8 12345678aabbdef,0 8000000000fff001,8 d315ad10b144472b,8 fe81226484741f42,8 f11785763791e0ea,8 8000000000ffefff,9
f1000420 ffffffffffffffff,8 0,6 7ffffffffffffffe,2 7fffffffffffffff,3 fffffffe,2 7ffffffe,2 ffffffff7fffffff,a ffffffffffffffff,8 7fffffffffffffff,3 deadbeefcafebabd,a 123456789abcdee,2 8000000000000000,a fffffffe,2 1e,2 fffffffd,2 7fffffff7fffffff,2
f1000020 0,6 1,2 7fffffffffffffff,2 8000000000000000,a ffffffff,2 7fffffff,2 ffffffff80000000,a 0,6 8000000000000000,a deadbeefcafebabe,a 123456789abcdef,2 8000000000000001,a ffffffff80000000,a ec26aa7e1447af8a,a dc577d044d0b7b1f,a fffffffe,2
f13ffc3f 40,8 aaff4355102d81ff,8 8000000000000000,2 100000000,3 100000000,2 fff,2 3e01d95ca06122e9,a ffffffff80000000,8 7fffffff80000000,3 0,a a1fd4fdd08db901e,2 e5457cf611a8aafb,3 fffffffe,a 123456789abcdef,2 7fffffff,2 41d13d39a8b3ee42,a
b100043f fff,0 7fffffffffffffff,0 3f,9 ffffffff80000000,8 fffffffffffff000,0 40,0 44418842dc77ae26,8 0,0 ffffffffffffffff,8 80000000,8 7fffffffffffffff,0 0,8 85984789204d069d,8 80000000,8 1,0 deadbeefcafebabe,8
11000420 1,c 2,e 0,b 1,b 0,3 80000000,7 80000001,d 1,7 1,f cafebabf,d 89abcdf0,a 2,2 ffffffff,d 0,5 1000,3 98f5de7f,7
117ffc20 fff000,9 fff001,6 ffefff,c fff000,b ffefff,9 80ffefff,2 80fff000,d fff000,2 fff000,a cbfeaabe,3 8aabbdef,a fff001,e fff000,3 fff000,5 ffefff,4 fff002,4
51000420 ffffffff,6 0,b fffffffe,d ffffffff,3 fffffffe,7 7ffffffe,f 7fffffff,5 ffffffff,8 ffffffff,b cafebabd,9 89abcdee,2 0,6 cafebabd,0 acad134a,8 ffe,e ffffefff,4
31000420 1,0 2,0 0,6 1,0 0,6 80000000,9 80000001,8 1,0 1,0 cafebabf,8 89abcdf0,8 2,0 cafebabf,8 0,6 ffffffff,8 2,0
31000020 0,4 1,0 ffffffff,8 0,4 ffffffff,8 7fffffff,0 80000000,8 0,4 0,4 cafebabe,8 89abcdef,8 1,0 f529a2a3,8 fffff000,8 40,0 2,0
71000420 ffffffff,8 0,6 fffffffe,a ffffffff,8 fffffffe,a 7ffffffe,2 7fffffff,3 ffffffff,8 ffffffff,8 cafebabd,a 89abcdee,a 0,6 54ad5871,2 ffffffff,8 ffffffff,8 89abcdee,a
71000020 0,6 1,2 ffffffff,a 0,6 ffffffff,a 7fffffff,2 80000000,a 0,6 0,6 cafebabe,a 89abcdef,a 1,2 ffffffff,a a4f3594b,a 3fe3a251,2 7fffffff,2
717ffc3f 100000000,8 fffffffffffff000,8 2efebeb7dc2c6643,a 20f2cf835950f342,8 930a0be39cb659d8,a 80000000,2 163696e759a886d2,3 20,8 7e142d078d22ab7d,8 7fffffffffffffff,a 89ca0066f1123425,a fff,8 7fffffff80000000,2 40,2 f36213c49243a269,8 69e67282517a4a79,2
3100043f 1f,0 d26e10b21f73494e,0 40,6 7054d3dfafc79fc8,0 fffffffe,6 3f,9 40,8 ffffffff00000000,0 1ffffffff,0 7cfd12ff0af1286e,8 d96c1c3a078558af,8 1,0 100000000,0 fffffffe,0 123456789abcdef,8 80000000,6
9100403f 7fffffff80000000,1,10 4f54b56ae6caab56,8,11 40,5,800000000000000f 7fffffff,5,8000000000000010 5e96b2679398d74a,b,10000000f 3f,0,8000000f dbaa2f6356860840,3,ffffffff80000010 4f2f62a1cc19709c,5,10 b3889483820c25ef,2,8000000000000010 e1c7b727f348ca76,3,deadbeefcafebace 3f,6,123456789abcdff 1,3,8000000000000011 100000000,f,8000000000000011 deadbeefcafebabe,a,8000000f 3efeaa409d6d2cfb,d,faa2e5d265062d2e 80000000,0,1ff1366f1ea594e1
910043e0 deadbeefcafebace,6,deadbeefcafebabe 800000000000000f,b,7fffffffffffffff 4f,d,3f 2f,d,1f 89087d1453fd7671,9,89087d1453fd7661 10000000e,f,fffffffe 4f,d,3f 8000000f,e,7fffffff 100f,8,fff 45ecde9619f040b9,b,45ecde9619f040a9 8000000000000011,c,8000000000000001 8000000000000010,a,8000000000000000 100000010,d,100000000 f729e72bb250bb7d,3,f729e72bb250bb6d ffffffff00000010,c,ffffffff00000000 34131cdaa68694ee,0,34131cdaa68694de
d10083ff ffffffff00000000,d,ffffffffffffffe2 deadbeefcafebabe,7,ffffffe0 ffffffff80000000,6,ffffffffffffffff ffffffffffffffff,6,7fffffffffffffe1 3f,f,7fffffe0 deadbeefcafebabe,a,7fffffffffffffe0 ffffffff80000000,c,7fffffe0 8000000000000000,a,ffffffffffffffdf 2d009076dec7b1d1,d,ffffffff7fffffe0 7f4fb3d2af835e48,f,f6f4ad62084344ee 7fffffff,9,ffffffffffffffe0 9e668e3cbb84146c,f,7fffffdf ffffffff,6,df5b413358d22b0d e7ddcf22990da7fe,4,1d834bd1ebd363ed fff,b,3e8f01e408ce38fd 7fffffffffffffff,e,20
910003e0 fffffffe,3,fffffffe 747a5c52c1f076ea,c,747a5c52c1f076ea fdf8cdf76c8da554,7,fdf8cdf76c8da554 2,4,2 fff,d,fff c3828ee9d9a31f06,7,c3828ee9d9a31f06 8000000000000000,1,8000000000000000 e674e9b9133d7718,7,e674e9b9133d7718 8000000000000000,0,8000000000000000 cc93c7043a213b3,9,cc93c7043a213b3 40,b,40 7fffffff80000000,5,7fffffff80000000 fffffffe,b,fffffffe 9f9097f220bcb9e5,5,9f9097f220bcb9e5 ffffffff80000000,7,ffffffff80000000 1f,7,1f
9100003f fff,e,0 13725c1b46d31c03,9,1 bf44ee42731b5f84,4,7fffffffffffffff fffffffffffff000,4,8000000000000000 80000000,a,ffffffff 40,4,7fffffff ffffffffffffffff,5,ffffffff80000000 13098bd06c00c7c9,4,0 8000000000000001,9,8000000000000000 80000000,9,deadbeefcafebabe 7fffffffffffffff,a,123456789abcdef 5cc863b847563707,3,8000000000000001 465509d90aa517ae,4,ffffffffffffffff fffffffffffff000,b,1ffffffff 62d843313d749bae,d,dca19ae810614fd6 7fffffff,e,5769efc338a6ebeb
1100043f df9adea40d8d8ce3,2,1 3f,b,2 1ffffffff,6,0 7fffffff,6,1 7fffffff,0,0 8000000000000001,6,80000000 40,0,80000001 87fb88412889b438,6,1 40,1,1 7fffffff,1,cafebabf 3f,a,89abcdf0 ffffffff00000000,f,2 d2a70a484e2c645f,4,2 7fffffff,8,1 f62a40a079fde85f,2,41 ffffffff80000000,2,2
110013e0 2,4,fffffffe 5,3,1 80000003,e,7fffffff 23,f,1f 4b087ea,0,7f5af3b004b087e6 80000004,d,7fffffff80000000 3,f,ffffffffffffffff 3,e,1ffffffff 4,f,8000000000000000 5,b,8000000000000001 866e04a4,d,2e46ad56866e04a0 e7ef1932,b,16c396e1e7ef192e 3,a,ffffffffffffffff 4,3,8000000000000000 23,c,1f 28038d2e,9,d419935328038d2a
b10007e0 7fffffff80000001,0,7fffffff80000000 ffffffff00000001,8,ffffffff00000000 3,0,2 deadbeefcafebabf,8,deadbeefcafebabe e765c0e7b082056,0,e765c0e7b082055 200000000,0,1ffffffff 80000000,0,7fffffff 41,0,40 ffffffff,0,fffffffe 8000000000000000,9,7fffffffffffffff 100000000,0,ffffffff ed29c2c67b5c67bf,8,ed29c2c67b5c67be 2c125155a1208b6a,0,2c125155a1208b69 ccac979895a8ae58,8,ccac979895a8ae57 100000001,0,100000000 2,0,1
f10023e0 7ffffff8,2,80000000 c3fc7f51ced95212,a,c3fc7f51ced9521a 55b8210d62eab14,2,55b8210d62eab1c 7ffffffffffffff8,3,8000000000000000 fffffff7,2,ffffffff ffffffff7ffffff8,a,ffffffff80000000 9dbf18b8abacda64,a,9dbf18b8abacda6c b03d0b4a3bdc3fd8,a,b03d0b4a3bdc3fe0 ffffffffffffeff8,a,fffffffffffff000 7ffffffffffffff8,3,8000000000000000 38,2,40 38,2,40 38,2,40 ffffffff7ffffff8,a,ffffffff80000000 38,2,40 38,2,40
f10043ff 24982d05062b2eb9,2,7fffffff80000000 7c82ac2b09fccda8,a,ffffffff00000000 3f,2,7f818a3c960386bf deb86f46b9481b2e,2,7fffffff fffffffffffff000,a,fffffffffffff000 40,a,ffffffffffffffff 8000000000000001,3,8000000000000000 0,a,ffffffffffffffff ffffffffffffffff,2,3f ffffffff80000000,a,f6471f9ba33add61 7780a0a3110adc49,8,0 0,a,85e0bceedddb8fd0 29a5f9e9458ac605,2,9b6393a1cb2d032 4a83d2962af0553e,2,7fffffff80000000 ffffffff00000000,a,f01ff4d6de234114 7fffffff,2,100000000
710007e0 ffffffff,8,8000000000000000 1,2,2 fffffffd,a,fffffffe fffffffd,a,fffffffe cb4b85d5,a,c4bfd8c5cb4b85d6 ffe,2,fff 4675503e,2,d58cefe74675503f fede0c0f,a,4447f303fede0c10 f17cc37b,a,bc31fd37f17cc37c fffffffe,a,7fffffffffffffff ffffffff,8,0 7fffffff,3,80000000 7fffffff,3,ffffffff80000000 fffffffe,a,ffffffff 8e0ab6e8,a,47bc2ef88e0ab6e9 1,2,2
92401c20 0,e 1,e ff,1 0,b ff,8 ff,7 0,d 0,1 0,d be,9 ef,a 1,e 0,9 e3,6 6d,9 40,7
927ff820 0,c 0,2 7ffffffffffffffe,3 8000000000000000,b fffffffe,1 7ffffffe,5 ffffffff80000000,f 0,2 8000000000000000,b deadbeefcafebabe,9 123456789abcdee,b 8000000000000000,c 8e8e1b02f021c354,d 102e4017ddb54c20,0 8000000000000000,1 f1a2efac26b00966,5
9240f820 0,d 1,9 7fffffffffffffff,8 0,8 ffffffff,0 7fffffff,4 7fffffff80000000,0 0,3 0,a 5eadbeefcafebabe,0 123456789abcdef,9 1,3 80000000,5 7809b7fb9028e080,8 7ffffffffffff000,f 40,5
b200f020 5555555555555555,b 5555555555555555,d 7fffffffffffffff,c d555555555555555,a 55555555ffffffff,6 555555557fffffff,2 ffffffffd5555555,5 5555555555555555,2 d555555555555555,c dffdffffdfffffff,6 55775577ddffddff,a d555555555555555,b d555555555555555,9 5555555555555557,d 5555555555555555,1 f75d5dddf7ffdfdf,3
b2431020 e000000000000003,5 e000000000000003,1 ffffffffffffffff,6 e000000000000003,4 e0000000ffffffff,c e00000007fffffff,8 ffffffff80000003,2 e000000000000003,f e000000000000003,6 feadbeefcafebabf,c e123456789abcdef,5 e000000000000003,1 e000000000000003,c ffffffff80000003,e ffffffffffffffff,8 e00000000000001f,1
b2009fe0 ff00ff00ff00ff,4 ff00ff00ff00ff,6 ff00ff00ff00ff,a ff00ff00ff00ff,3 ff00ff00ff00ff,b ff00ff00ff00ff,4 ff00ff00ff00ff,2 ff00ff00ff00ff,4 ff00ff00ff00ff,c ff00ff00ff00ff,b ff00ff00ff00ff,6 ff00ff00ff00ff,6 ff00ff00ff00ff,d ff00ff00ff00ff,0 ff00ff00ff00ff,5 ff00ff00ff00ff,0
d2410020 8000000000000000,8 8000000000000001,8 ffffffffffffffff,2 0,4 80000000ffffffff,a 800000007fffffff,1 7fffffff80000000,b 8000000000000000,c 0,f 5eadbeefcafebabe,5 8123456789abcdef,e 1,9 8000000000000002,c 80000000fffffffe,4 80000001ffffffff,7 a2f468a853c6d458,c
d2723c20 3fffc000,7 3fffc001,f 7fffffffc0003fff,2 800000003fffc000,4 c0003fff,8 40003fff,6 ffffffffbfffc000,c 3fffc000,1 800000003fffc000,4 deadbeeff5017abe,2 1234567b6540def,e 800000003fffc001,b 800000003fffc000,6 ffffffffc0003fff,8 3fffc01f,d ffffffff3fffc000,2
d20c9c20 ff00ff00ff00ff0,a ff00ff00ff00ff1,a 700ff00ff00ff00f,9 8ff00ff00ff00ff0,f ff00ff0f00ff00f,7 ff00ff0700ff00f,7 f00ff00f8ff00ff0,9 ff00ff00ff00ff0,7 8ff00ff00ff00ff0,f d15db11fc50eb54e,7 ed34a97865bc21f,5 8ff00ff00ff00ff1,a ff00ff08ff00ff0,c 700ff00ff00ff00f,6 ff00ff08ff00ff0,2 ff00ff00ff00fcf,8
f204cc20 0,4 0,4 70f0f0f0f0f0f0f0,0 8000000000000000,8 f0f0f0f0,0 70f0f0f0,0 f0f0f0f080000000,8 0,4 8000000000000000,8 d0a0b0e0c0f0b0b0,8 20406080a0c0e0,0 8000000000000000,8 70f0f0f080000000,0 10,0 30,0 0,4
f2400020 0,4 1,0 1,0 0,4 1,0 1,0 0,4 0,4 0,4 0,4 1,0 1,0 1,0 0,4 0,4 1,0
f241003f deadbeefcafebabe,4 a5b2b7c19a1722e4,4 9840598afdf6163,4 78874ac2aa3f462,8 b470b0ccef455ef8,4 f239bc1f72b386c,4 314c2dc82a5b81f2,8 3f,4 596e9628fed1ac5d,8 7fffffff80000000,8 1,4 ea0888629b9209e0,8 f095e203d6612949,8 93b3c97cb91bba72,8 7fffffffffffffff,4 4e9cc9ad22894d59,4
927cec3f ffffffff00000000,4,0 c0d0134795aad17b,d,0 6ce6a11ea06292fc,8,7ffffffffffffff0 8000000000000001,0,8000000000000000 8000000000000001,e,fffffff0 fffffffe,b,7ffffff0 80000000,9,ffffffff80000000 1f,5,0 ffffffff80000000,9,8000000000000000 8000000000000001,4,deadbeefcafebab0 cbd21fcf8d5cc09a,3,123456789abcde0 8f6a2ce4942ffa7f,8,8000000000000000 ffffffff,b,fffffff0 f6d16dfab6a649ed,9,8000000000000000 b17a0c6dee0d56d6,3,7fffffff80000000 40,3,100000000
b27c03ff 2be4c77ad270011f,7,10 73fe4654dda7e20e,5,10 dfc8f40de86fa189,3,10 1,3,10 2,8,10 7fffffff80000000,1,10 20,3,10 deadbeefcafebabe,f,10 20,1,10 2,0,10 1f,5,10 3c4479f7dc22c90a,a,10 fffffffffffff000,a,10 1,1,10 254597ea60065a3,e,10 123456789abcdef,a,10
d203e43f 20,4,6666666666666666 40,0,6666666666666667 471fa225d8150b8,0,1999999999999999 ffffffff80000000,6,e666666666666666 b9854f761d1b6f23,f,6666666699999999 2d6647b057509b7,f,6666666619999999 3cb9d272d805b029,7,99999999e6666666 100000000,0,6666666666666666 3f,6,e666666666666666 fffffffffffff000,4,b8cbd889ac98dcd8 7fffffffffffffff,9,67452301efcdab89 0,5,e666666666666667 fd601db9243f1892,c,6666666666666664 9e4636c64b458ba9,4,1d55e94b367504e0 d9ed575113ee9492,0,d5453bc5ac1b0a8e deadbeefcafebabe,e,6666666666666664
12001c20 0,1 1,5 ff,e 0,4 ff,e ff,a 0,2 0,a 0,2 be,c ef,5 1,6 b8,5 40,f 1e,a e,4
32010420 80000001,7 80000001,c ffffffff,8 80000001,2 ffffffff,a ffffffff,3 80000001,4 80000001,9 80000001,b cafebabf,9 89abcdef,1 80000001,7 e751d16f,6 cac55e1b,e 80000001,3 cafebabf,2
5200f020 55555555,9 55555554,3 aaaaaaaa,2 55555555,8 aaaaaaaa,0 2aaaaaaa,4 d5555555,e 55555555,3 55555555,a 9fabefeb,6 dcfe98ba,d 55555554,9 55555555,b 55555555,0 d5555555,6 55555aaa,c
521f7820 fffffffe,f ffffffff,b 1,0 fffffffe,a 1,2 80000001,6 7ffffffe,c fffffffe,1 fffffffe,c 35014540,e 76543211,b ffffffff,1 443ccaf9,b ffffffbe,1 7ffffffe,a e07a7f21,3
72010020 0,4 0,4 80000000,8 0,4 80000000,8 0,4 80000000,8 0,4 0,4 80000000,8 80000000,8 0,4 0,4 80000000,8 0,4 80000000,8
7200003f ffffffff00000000,4 7fffffff,0 80000000,0 ffffffffffffffff,4 8000000000000001,0 deadbeefcafebabe,0 392cc95ea0ec72fd,4 1f,4 80000000,4 341511a0522b0cb,4 fffffffe,0 e2686cf41125faef,0 f8f506955cd6da46,0 8000000000000001,4 20,0 46fc2d3ba83ebe56,0
121c6c3f fffffffffffff000,7,0 123456789abcdef,4,0 795e60c11d855622,2,fffffff0 20,7,0 ffffffff,4,fffffff0 7ff9fe9845710f2d,3,7ffffff0 2,5,80000000 d5130553029ece6f,3,0 29b4f3714c8b9b1c,4,0 7bfbd0d53dcf7485,7,cafebab0 100000000,0,89abcde0 7fffffffffffffff,6,0 8000000000000001,3,ff0 20,3,89abcde0 8000000000000001,3,b33b9f40 7fffffff80000000,d,573cee40
32103fe0 ffff0000,2 ffff0000,2 ffff0000,6 ffff0000,0 ffff0000,f ffff0000,7 ffff0000,1 ffff0000,c ffff0000,5 ffff0000,2 ffff0000,a ffff0000,d ffff0000,5 ffff0000,9 ffff0000,5 ffff0000,d
3206cc20 3c3c3c3c,7 3c3c3c3d,3 ffffffff,d 3c3c3c3c,4 ffffffff,8 7fffffff,f bc3c3c3c,a 3c3c3c3c,c 3c3c3c3c,5 fefebebe,f bdbffdff,6 3c3c3c3d,2 ffffffff,c fcbefd7f,4 ffffffff,1 3c3c3c3d,8
d2800000 0,5 0,9 0,6 0,6 0,0 0,e 0,8 0,7 0,6 0,4 0,6 0,9 0,7 0,a 0,f 0,b
d29fffe0 ffff,5 ffff,5 ffff,a ffff,2 ffff,e ffff,c ffff,e ffff,a ffff,2 ffff,8 ffff,8 ffff,f ffff,f ffff,4 ffff,7 ffff,7
d2bfffe0 ffff0000,8 ffff0000,c ffff0000,7 ffff0000,d ffff0000,7 ffff0000,6 ffff0000,b ffff0000,3 ffff0000,f ffff0000,9 ffff0000,c ffff0000,6 ffff0000,8 ffff0000,5 ffff0000,4 ffff0000,9
d2d00020 800100000000,2 800100000000,2 800100000000,d 800100000000,5 800100000000,9 800100000000,d 800100000000,1 800100000000,d 800100000000,5 800100000000,7 800100000000,f 800100000000,6 800100000000,c 800100000000,a 800100000000,5 800100000000,3
d2ffffe0 ffff000000000000,3 ffff000000000000,7 ffff000000000000,0 ffff000000000000,a ffff000000000000,c ffff000000000000,6 ffff000000000000,c ffff000000000000,8 ffff000000000000,0 ffff000000000000,2 ffff000000000000,b ffff000000000000,f ffff000000000000,c ffff000000000000,4 ffff000000000000,2 ffff000000000000,e
92800000 ffffffffffffffff,9 ffffffffffffffff,7 ffffffffffffffff,6 ffffffffffffffff,0 ffffffffffffffff,5 ffffffffffffffff,8 ffffffffffffffff,a ffffffffffffffff,7 ffffffffffffffff,e ffffffffffffffff,4 ffffffffffffffff,a ffffffffffffffff,d ffffffffffffffff,f ffffffffffffffff,c ffffffffffffffff,7 ffffffffffffffff,7
92a24680 ffffffffedcbffff,e ffffffffedcbffff,9 ffffffffedcbffff,b ffffffffedcbffff,c ffffffffedcbffff,4 ffffffffedcbffff,0 ffffffffedcbffff,a ffffffffedcbffff,5 ffffffffedcbffff,0 ffffffffedcbffff,f ffffffffedcbffff,7 ffffffffedcbffff,0 ffffffffedcbffff,2 ffffffffedcbffff,8 ffffffffedcbffff,b ffffffffedcbffff,d
92c24680 ffffedcbffffffff,5 ffffedcbffffffff,5 ffffedcbffffffff,c ffffedcbffffffff,a ffffedcbffffffff,8 ffffedcbffffffff,c ffffedcbffffffff,e ffffedcbffffffff,b ffffedcbffffffff,2 ffffedcbffffffff,8 ffffedcbffffffff,1 ffffedcbffffffff,5 ffffedcbffffffff,8 ffffedcbffffffff,e ffffedcbffffffff,7 ffffedcbffffffff,5
92e24680 edcbffffffffffff,6 edcbffffffffffff,8 edcbffffffffffff,9 edcbffffffffffff,3 edcbffffffffffff,b edcbffffffffffff,7 edcbffffffffffff,d edcbffffffffffff,1 edcbffffffffffff,1 edcbffffffffffff,9 edcbffffffffffff,2 edcbffffffffffff,6 edcbffffffffffff,7 edcbffffffffffff,0 edcbffffffffffff,3 edcbffffffffffff,3
f29579a0 8000abcd,5 abcd,b abcd,4 ffffabcd,e f0f8d645ac30abcd,0 123456789ababcd,e 75c44b41692eabcd,8 1ffffabcd,5 abcd,c ffffabcd,4 123456789ababcd,f 1ffffabcd,b ffffffffffffabcd,c d73baff5fa6eabcd,d abcd,b 800000000000abcd,2
f2b579a0 e3da10deabcd87fe,7 1abcd0000,a ffffffffabcd0000,5 19fa529dabcdb269,4 abcdffff,7 1abcd0000,3 abcd0002,9 abcd0040,4 471cb019abcdea56,4 abcdffff,6 1abcd0000,e abcd0040,a abcd003f,0 abcdffff,8 ca6a8edaabcde342,6 7fffffffabcd0000,4
f2d579a0 886aabcd06283bce,4 d070abcd09ffd8df,d 7c46abcd3c379b58,1 724aabcdb94b0e59,7 ffffabcd80000000,6 7fffabcdffffffff,f ffffabcdffffffff,8 d00babcd232c0315,f 2cacabcd6d395666,7 7ee3abcd1c7db9ff,5 db72abcd1109c93e,d abcd00000000,b ffffabcd00000000,4 ffffabcd80000000,f ffffabcd00000000,4 abcd7fffffff,4
f2f579a0 abcd0001ffffffff,8 abcd672532ad3adb,2 abcd000000000000,a abcd000100000000,d abcd602847ff46c7,d abcd0000ffffffff,1 abcdfd2c82e199cd,4 abcdb0ee187ee111,4 abcd000000000000,c abcd000100000000,5 abcd0000ffffffff,6 abcd000080000000,8 abcd0000fffffffe,7 abcd000100000000,7 abcd780f490abd76,2 abcdffff00000000,3
52bfffe0 ffff0000,a ffff0000,e ffff0000,f ffff0000,6 ffff0000,5 ffff0000,a ffff0000,0 ffff0000,1 ffff0000,4 ffff0000,b ffff0000,3 ffff0000,3 ffff0000,2 ffff0000,a ffff0000,2 ffff0000,6
52900000 8000,c 8000,e 8000,f 8000,3 8000,5 8000,1 8000,7 8000,2 8000,3 8000,7 8000,3 8000,c 8000,6 8000,b 8000,c 8000,2
12800000 ffffffff,a ffffffff,8 ffffffff,5 ffffffff,e ffffffff,7 ffffffff,7 ffffffff,e ffffffff,4 ffffffff,f ffffffff,d ffffffff,5 ffffffff,a ffffffff,3 ffffffff,c ffffffff,d ffffffff,9
12a24680 edcbffff,3 edcbffff,9 edcbffff,8 edcbffff,6 edcbffff,e edcbffff,a edcbffff,0 edcbffff,6 edcbffff,e edcbffff,e edcbffff,7 edcbffff,3 edcbffff,6 edcbffff,7 edcbffff,c edcbffff,e
7297dde0 aca8beef,5 beef,1 ffffbeef,0 13cbbeef,d 8000beef,b ce43beef,f 1333beef,d beef,8 ffffbeef,1 b6fdbeef,4 ffffbeef,c beef,b beef,4 ffffbeef,9 beef,e ffffbeef,c
72b7dde0 beef0000,6 beef003f,6 beefffff,7 beeffffe,3 beeffffe,b beef19b2,9 beefffff,f beef0000,8 beefffff,1 beefbabe,b beef003f,2 beef0002,6 beef0000,7 beefbabe,2 beef0000,8 beef0000,a
d37ff820 0,4 2,8 fffffffffffffffe,b 0,f 1fffffffe,9 fffffffe,d ffffffff00000000,1 0,7 0,f bd5b7ddf95fd757c,9 2468acf13579bde,a 2,4 bd5b7ddf95fd757c,5 7e,d e96c9e7f2ecf06ee,b 9bfe7324e6c1e4e8,2
d3607c20 0,0 100000000,7 ffffffff00000000,8 0,0 ffffffff00000000,d 7fffffff00000000,8 8000000000000000,e 0,8 0,7 cafebabe00000000,d 89abcdef00000000,4 100000000,d 2f000e5b00000000,e 1c30763200000000,b 0,1 0,4
d3410020 0,e 8000000000000000,a 8000000000000000,b 0,d 8000000000000000,1 8000000000000000,5 0,7 0,9 0,d 0,f 8000000000000000,3 8000000000000000,7 0,5 0,c 8000000000000000,d 0,0
d341fc20 0,d 0,7 3fffffffffffffff,f 4000000000000000,9 7fffffff,5 3fffffff,e 7fffffffc0000000,7 0,1 4000000000000000,9 6f56df77e57f5d5f,b 91a2b3c4d5e6f7,3 4000000000000000,4 7ffffffffffff800,d 4000000000000000,0 f,5 3fffffff,b
d360fc20 0,f 0,f 7fffffff,0 80000000,8 0,1 0,6 ffffffff,c 0,0 80000000,8 deadbeef,c 1234567,2 80000000,5 0,b 7fffffff,f 2ffeb056,b 7fffffff,6
d37ffc20 0,9 0,1 0,c 1,d 0,6 0,5 1,7 0,6 1,f 1,8 0,0 1,8 0,5 0,8 0,d 1,5
9341fc20 0,c 0,8 3fffffffffffffff,9 c000000000000000,9 7fffffff,3 3fffffff,7 ffffffffc0000000,f 0,7 c000000000000000,b ef56df77e57f5d5f,1 91a2b3c4d5e6f7,5 c000000000000000,c 517f5758ca99da,2 0,a e6614a432a08b727,9 fac5f115d80b0fa6,6
935ffc20 0,0 0,0 ffffffff,f ffffffff00000000,2 1,d 0,9 ffffffffffffffff,c 0,e ffffffff00000000,2 ffffffffbd5b7ddf,d 2468acf,4 ffffffff00000000,0 ffffffff2b306e83,4 0,0 0,6 ffffffff,c
937ffc20 0,3 0,f 0,e ffffffffffffffff,8 0,4 0,a ffffffffffffffff,e 0,d ffffffffffffffff,8 ffffffffffffffff,e 0,2 ffffffffffffffff,3 0,d 0,f ffffffffffffffff,3 0,9
531f7820 0,2 2,5 fffffffe,4 0,c fffffffe,f fffffffe,e 0,c 0,0 0,5 95fd757c,f 13579bde,3 2,d fffffffe,5 fffffffc,d 0,b 5fb82644,7
53010020 0,3 80000000,7 80000000,6 0,0 80000000,c 80000000,2 0,e 0,2 0,c 0,2 80000000,1 80000000,d 80000000,0 80000000,0 0,b 80000000,4
531f7c20 0,b 0,b 1,f 0,b 1,7 0,d 1,5 0,3 0,c 1,9 1,f 0,b 1,8 1,5 0,0 1,0
13017c20 0,0 0,a ffffffff,f 0,5 ffffffff,d 3fffffff,4 c0000000,c 0,e 0,c e57f5d5f,e c4d5e6f7,4 0,0 1f,d d0b77226,1 ffffffff,6 0,c
131f7c20 0,3 0,e ffffffff,1 0,b ffffffff,f 0,b ffffffff,d 0,b 0,9 ffffffff,1 ffffffff,a 0,e ffffffff,2 ffffffff,2 0,c 0,6
93401c20 0,1 1,5 ffffffffffffffff,4 0,2 ffffffffffffffff,e ffffffffffffffff,a 0,7 0,9 0,0 ffffffffffffffbe,0 ffffffffffffffef,3 1,f fffffffffffffffe,6 1,d 0,b 3f,b
93403c20 0,c 1,b ffffffffffffffff,9 0,e ffffffffffffffff,6 ffffffffffffffff,c 0,8 0,7 0,e ffffffffffffbabe,d ffffffffffffcdef,5 1,f ffffffffffffdaf4,0 ffffffffffffb7e6,e ffffffffffffffff,7 3ae3,0
93407c20 0,4 1,5 ffffffffffffffff,6 0,0 ffffffffffffffff,f 7fffffff,c ffffffff80000000,6 0,b 0,7 ffffffffcafebabe,8 ffffffff89abcdef,d 1,5 78938b5c,2 0,f 0,a 0,8
13001c20 0,0 1,0 ffffffff,f 0,e ffffffff,2 ffffffff,b 0,3 0,e 0,e ffffffbe,d ffffffef,4 1,3 1,1 0,6 ffffffff,3 1f,c
13003c20 0,0 1,0 ffffffff,f 0,7 ffffffff,b ffffffff,9 0,3 0,e 0,7 ffffbabe,d ffffcdef,4 1,a 2,0 ffffffed,d 30fb,5 5c60,8
53001c20 0,e 1,c ff,d 0,b ff,7 ff,7 0,d 0,8 0,b be,3 ef,1 1,5 c7,b b3,3 3d,d 0,f
53003c20 0,2 1,2 ffff,d 0,7 ffff,f ffff,b 0,1 0,7 0,5 babe,f cdef,6 1,2 ffff,6 fffe,3 babe,5 a23,f
b3783c20 ff,2 7fb5469b3b000128,6 8000000000ffff01,2 ffffffff80000000,1 6e7741964effff34,d 7fffffffffffffff,4 3f,e 0,3 836967725f000091,7 ffffffffffbabe00,0 cdef40,9 100,c 2a921359778a7a85,2 49b43826180000be,f ffffffff00000000,6 deadbeefca001fbe,c
b3440c20 527a2b07f40cb08,2 1000000080000000,6 f00000007fffffff,7 40,3 fcff249305c55405,d f000000080000000,f eadbeefcafebabe,5 20,9 fffffffe,1 efffffffffffffff,3 f000000080000000,2 1000000000000fff,6 efffffff80000000,7 10000001ffffffff,5 c973cb40b30afb4,4 600000000000003f,4
b37ff820 0,f 2,0 fffffffffffffffe,a 0,c 1ffffffff,0 ffffffff,a ffffffff00000001,3 1,e 1,7 bd5b7ddf95fd757d,d 2468acf13579bdf,4 3,9 fffbf212b687ab0e,1 1fff,0 80,5 7f0a08ebfcfdabe1,1
b3442c20 cec4a01b023a4200,4 96de21350deda100,e 7fffffff800000ff,1 0,9 1000000ff,3 ff,1 220bb3cbda10200,f ffffffff80000000,0 6a0200dc692b2f00,9 384d2378186fc0ab,b ffffffde,3 ffffffff80000000,4 deadbeefcafebaff,0 100000000,4 fffffff0,8 e0,2
b340fc20 0,9 1,9 7fffffffffffffff,6 8000000000000000,b ffffffff,4 7fffffff,3 ffffffff80000000,4 0,3 8000000000000000,e deadbeefcafebabe,4 123456789abcdef,1 8000000000000001,9 7fffffff80000000,c 4d476ce4bbac2da9,3 b665554c8557be6a,b 6150cf696f07b5d7,b
b37ffc20 2,9 7ffffffe,d e3c85d64e475834,c 30f4e2cb3bcd35,0 fffffffffffffffe,e 89b1b8f16b3013a,2 ffffffff80000001,0 1e,d 80000001,a 3f,e a9083b0763790a52,f 1f,3 f72d624d37f9101f,f 8000000000000000,6 fff,6 1fffffffe,c
33010020 7ffffffe,b 80000002,b 80000000,4 0,e 9fec88d6,a 80000000,e 9abcdef,8 1,5 e787a73,6 0,4 f248e52b,c 80000001,b 40,b 49b26c5c,7 40,6 80000fff,5
33107c20 cafe0000,b 0,2 f80affff,e 80000000,7 ffff,f a0fe7fff,a 7d8e8000,6 0,0 0,5 cafe,f 89ab,6 ffff0000,2 544b,3 eeceb886,a b6650000,d 755c6c2d,4
b37c9fe0 c468c0000000000f,0 7ffff00000000000,4 3044f00000000009,5 1,4 8db0400000000002,f 7ffff00000000000,8 f,d e,f 60ae600000000007,f 2,c 8000000000000000,5 d3c870000000000a,e c955100000000003,1 aa73300000000008,e edd8500000000003,9 0,2
93432420 0,1 0,5 ffffffffffffffff,a 0,2 ffffffffffffffff,8 ffffffffffffffff,a 0,e 0,a 0,2 ffffffffffffffd7,0 3d,1 0,f 0,5 ffffffffffffffc9,b 18,d ffffffffffffffff,7
937ffc20 0,a 0,a 0,6 ffffffffffffffff,f 0,c 0,3 ffffffffffffffff,9 0,4 ffffffffffffffff,0 ffffffffffffffff,2 0,a ffffffffffffffff,4 0,e ffffffffffffffff,1 ffffffffffffffff,7 ffffffffffffffff,d
93407c20 0,f 1,2 ffffffffffffffff,e 0,f ffffffffffffffff,3 7fffffff,6 ffffffff80000000,2 0,7 0,6 ffffffffcafebabe,d ffffffff89abcdef,5 1,2 0,3 ffffffffab25673c,4 6335b5b2,d 1,1
d360fc20 0,6 0,a 7fffffff,3 80000000,5 0,7 0,d ffffffff,b 0,4 80000000,d deadbeef,7 1234567,f 80000000,8 21b18292,2 bf11d987,a c81edbf9,f 0,6
d341f820 0,0 0,0 3fffffffffffffff,f 0,2 7fffffff,d 3fffffff,a 3fffffffc0000000,3 0,e 0,4 2f56df77e57f5d5f,0 91a2b3c4d5e6f7,b 0,f 1,7 1c26613e5030aeee,f 20,b 91a2b3c4d5e6f7,b
937c4c20 0,7 10,a fffffffffffffff0,2 0,f fffffffffffffff0,7 fffffffffffffff0,c 0,9 0,c 0,4 ffffffffffebabe0,6 ffffffffffbcdef0,e 10,c 3f0,1 ffffffffffffffe0,5 3f0,6 168aa0,c
93607c20 0,0 100000000,4 ffffffff00000000,c 0,6 ffffffff00000000,f 7fffffff00000000,a 8000000000000000,d 0,b 0,4 cafebabe00000000,1 89abcdef00000000,9 100000000,3 cafebabe00000000,b 100000000,3 7fffffff00000000,c 100000000,e
d3440c20 0,b 1000000000000000,4 f000000000000000,4 0,3 f000000000000000,d f000000000000000,b 0,d 0,5 0,c e000000000000000,1 f000000000000000,f 1000000000000000,5 1000000000000000,6 1000000000000000,f 0,a f000000000000000,1
13083c20 0,3 0,a ffffffff,6 0,f ffffffff,7 ffffffff,8 0,9 0,8 0,d ffffffba,7 ffffffcd,a 0,d ffffff83,8 0,a fffffff5,5 ffffffff,3
131f7c20 0,b 0,b ffffffff,4 0,9 ffffffff,6 0,1 ffffffff,8 0,5 0,c ffffffff,b ffffffff,3 0,4 ffffffff,0 ffffffff,8 ffffffff,9 ffffffff,4
53047c20 0,8 0,1 fffffff,0 0,d fffffff,a 7ffffff,0 8000000,8 0,e 0,6 cafebab,5 89abcde,c 0,8 7ffffff,d 0,3 fffffff,6 fffffff,0
53010020 0,6 80000000,3 80000000,9 0,4 80000000,b 80000000,c 0,5 0,8 0,1 0,b 80000000,2 80000000,6 0,b 80000000,c 80000000,9 0,b
13103c20 0,e 10000,d ffff0000,2 0,8 ffff0000,0 ffff0000,8 0,3 0,3 0,a babe0000,f cdef0000,9 10000,0 3f0000,5 babe0000,c 4f2e0000,a fffe0000,f
93c20020 0,c ffffffffffffffff,8 1,a ffffffffffffffff,0 1,3 1,8 ffffffffffffffff,1 1,b 1,f 123456789abcdef,e 3f,5 40,5 c128b85c12493aed,7 7abd30cb4823edb9,9 5562a4943ff4a9ec,9 29984ee728d36665,7
93c20420 0,b ffffffffffffffff,b 8000000000000000,4 7fffffffffffffff,e 8000000000000000,6 8000000000000000,2 7fffffffffffffff,2 0,5 0,c 91a2b3c4d5e6f7,e 800000000000001f,f 8000000000000020,1 80000000000007ff,f 40000000,0 8091a2b3c4d5e6f7,b ffffffffc0000000,5
93c28020 0,7 1ffffffff,3 ffffffff00000000,0 ffffffff,4 ffffffff00000000,8 7fffffff00000000,c 80000000ffffffff,6 0,c 0,2 cafebabe01234567,6 89abcdef00000000,f 100000000,9 0,1 1fffffffff,5 ad3a3a36ffffffff,7 eb28f81800000000,9
93c2fc20 0,e 3,8 fffffffffffffffe,1 1,d 1fffffffe,8 fffffffe,1 ffffffff00000001,b 0,6 0,d bd5b7ddf95fd757c,5 2468acf13579bde,e 2,0 a8304e1b9f8802a2,e 2468acf13579bde,6 5480b95636e148c3,5 2468acf13579bdf,3
93c14420 0,3 800000000000,7 ffffbfffffffffff,6 400000000000,f ffff800000007fff,7 ffff800000003fff,8 7fffffffc000,e 0,8 400000000000,d 5d5f6f56df77e57f,9 e6f78091a2b3c4d5,e c00000000000,c cc19d217aa8acf9b,5 5d5f6f56df77e57f,e 10000000000000,d e6f78091a2b3c4d5,d
13820020 0,b ffffffff,f 1,4 ffffffff,4 1,4 1,0 ffffffff,6 1,7 1,8 89abcdef,a 3f,b 40,5 ffffffff,2 922a02c4,d 856d34ca,a 0,1
13820420 0,f ffffffff,2 80000000,4 7fffffff,e 80000000,6 80000000,6 7fffffff,0 0,6 0,c 44d5e6f7,6 8000001f,f 80000020,b 80000010,6 6635c3b3,4 0,8 1f,2
13827c20 0,8 3,a fffffffe,b 1,d fffffffe,5 fffffffe,5 1,b 0,5 0,f 95fd757d,5 13579bde,d 2,0 3,3 40,8 80,d 95fd757c,e
13811420 0,4 8000000,1 ffffffff,f 0,f ffffffff,2 fbffffff,d 4000000,c 0,1 0,6 f657f5d5,4 7c4d5e6f,c 8000000,b 4000000,4 f8000001,e 0,b ffffffff,b
8b020020 0,9 0,9 8000000000000000,8 7fffffffffffffff,c 100000000,4 80000000,0 ffffffff7fffffff,a 1,7 8000000000000001,e dfd1045754aa88ad,c 123456789abce2e,4 8000000000000041,3 123456809abcdef,0 8000000000000fff,a 39fae9567edb3cff,5 1f721de2c5001324,6
8b020420 0,0 ffffffffffffffff,0 8000000000000001,f 7ffffffffffffffe,5 100000001,5 80000001,1 ffffffff7ffffffe,5 2,1 8000000000000002,5 e0f449bede56569c,b 123456789abce6d,3 8000000000000081,4 1,7 deadbeefcafebb3e,3 40000003e,b 300000000,b
8b02fc20 0,8 8000000000000001,8 ffffffffffffffff,f 0,d 80000000ffffffff,5 800000007fffffff,1 7fffffff80000000,7 8000000000000000,2 0,f 5eadbeefcafebabe,5 8123456789abcdef,3 8000000000000001,8 ffffffff80000000,6 b8726375778b961b,2 800000000000001f,9 ffffffff00000000,b
8b42fc20 0,f 2,b 7fffffffffffffff,9 8000000000000001,c ffffffff,b 7fffffff,4 ffffffff80000001,5 0,8 8000000000000000,1 deadbeefcafebabe,b 123456789abcdef,6 8000000000000001,1 fffffffffffff000,1 42d87acbfda6bd6b,9 100000000,f 29513d5bd1b11ee6,5
8b82fc20 0,b 0,8 7fffffffffffffff,e 7fffffffffffffff,8 ffffffff,5 7fffffff,1 ffffffff7fffffff,b 0,0 8000000000000000,3 deadbeefcafebabe,5 123456789abcdef,2 8000000000000001,2 1de83a614e26f153,2 7ffffffe,5 3f,e 1c6b1698a9bd1143,2
8b820420 0,6 0,6 7fffffffffffffff,9 7fffffffffffffff,3 ffffffff,c 7fffffff,f ffffffff7fffffff,5 0,8 8000000000000000,9 df3f61a38fd4a1b5,b 123456789abce0e,3 8000000000000021,6 c96b5b82a1763b6e,a cb2b4e26ff120510,f 61c4912e8fdcf3c,9 8000000f,7
cb020020 0,1 2,1 7ffffffffffffffe,4 8000000000000001,2 fffffffe,c 7ffffffe,a ffffffff80000001,2 ffffffffffffffff,a 7fffffffffffffff,c dd8a79884152eccf,c 123456789abcdb0,5 7fffffffffffffc1,f d3ac614ad0c1dd2b,f d6fd4e899aaa129d,6 7ffffffe,f 103f,3
cb028020 0,a 100000001,3 7ffffffeffffffff,c 8000000100000000,d ffffffffffffffff,1 ffffffff7fffffff,a 80000000,3 ffffffff00000000,d 7fffffff00000000,d 5501f100cafebabe,e 123452889abcdef,7 7fffffc000000001,3 3477fc7a34eba946,a 2ffffffff,3 0,8 fffffffeffffffff,a
cb821c20 0,a 2,3 7fffffffffffffff,f 8000000000000001,9 ffffffff,e 7fffffff,a ffffffff80000001,0 0,1 8000000000000000,9 deab7864fbeb6323,b 123456789abcdef,3 8000000000000001,3 ff00000000000040,7 1bce00e780833c4e,a ffffffffffffffff,4 71474777aa949fc3,d
ab020020 0,4 0,6 8000000000000000,9 7fffffffffffffff,3 100000000,0 80000000,0 ffffffff7fffffff,a 1,0 8000000000000001,8 dfd1045754aa88ad,8 123456789abce2e,0 8000000000000041,8 e25735429b38d12,2 ffffffffffffffff,8 123456989abcdee,0 8123456789abcdee,9
ab828020 0,4 0,6 7fffffffffffffff,0 7fffffffffffffff,3 ffffffff,0 7fffffff,0 ffffffff7fffffff,a 0,4 8000000000000000,8 deadbeefcc220025,8 123456789abcdef,0 8000000000000001,8 12e23122aec8e675,2 100000000,0 8000000000000000,a 100000000,0
ab02fc20 0,4 8000000000000001,8 ffffffffffffffff,8 0,7 80000000ffffffff,8 800000007fffffff,8 7fffffff80000000,3 8000000000000000,8 0,7 5eadbeefcafebabe,3 8123456789abcdef,8 8000000000000001,8 80000000,0 80000001ffffffff,8 7eca0a56cf9a6756,0 8000000000000020,8
eb020020 0,6 2,0 7ffffffffffffffe,2 8000000000000001,8 fffffffe,2 7ffffffe,2 ffffffff80000001,8 ffffffffffffffff,8 7fffffffffffffff,3 dd8a79884152eccf,a 123456789abcdb0,2 7fffffffffffffc1,3 7ffffffeffffffff,2 ffffffffffffefff,a fffffffffffff002,8 ad86ee5c79fb79dd,8
eb421c20 0,6 fe00000000000002,8 7fffffffffffffff,2 7e00000000000001,3 ffffffff,2 7fffffff,2 fdffffff80000001,a 0,6 8000000000000000,a deab7864fbeb6323,a 123456789abcdef,2 8000000000000001,a ff00000200000000,8 b7ae902673e51a81,a feba52ff89ae2a1c,8 d341e5df10b43662,a
eb020420 0,6 3,0 7ffffffffffffffd,2 8000000000000002,8 fffffffd,2 7ffffffd,2 ffffffff80000002,8 fffffffffffffffe,8 7ffffffffffffffe,3 dc673420b7a71ee0,a 123456789abcd71,2 7fffffffffffff81,3 27fffffff,0 3fa1bbf513284f8,0 bb498a37cbeac92e,a f4cdc6f3318f007b,a
eb02003f ffffffff80000000,6 123456789abcdef,0 e50f390947ed1bde,2 eb03483dc2918edf,8 58fb8c5d07772445,2 0,2 ddc71159c269fb4f,8 40,8 b5e5aab916e3d6e0,3 fff,a 100000000,2 40,3 8000000000000001,3 ffffffff,2 ffffffffffffffff,0 a217f53ccabb37e4,0
ab02003f f24e0a2252402747,4 1f,6 6623955685f87d1,9 ffffffff00000000,3 1,0 8000000000000000,0 ffffffff,a 7fffffff,0 5688aae539514aef,8 4c789414815a576,8 a15687844561d5b7,0 deadbeefcafebabe,8 80000000,0 2,0 ffffffff80000000,3 417af560e509abeb,9
cb0203e0 0,b 1,f ffffffffffffffff,e 1,0 ffffffffffffffff,4 ffffffffffffffff,c 1,7 ffffffffffffffff,b ffffffffffffffff,8 fedcba9876543211,8 ffffffffffffffc1,2 ffffffffffffffc0,5 100000000,7 7fffffffffffffff,4 fffffffffffffffe,2 9aea15852cfdf349,f
eb0203e0 0,6 1,0 ffffffffffffffff,8 1,0 ffffffffffffffff,8 ffffffffffffffff,8 1,0 ffffffffffffffff,8 ffffffffffffffff,8 fedcba9876543211,8 ffffffffffffffc1,8 ffffffffffffffc0,8 22f97f7350083919,0 e638dd45b06c6dce,8 ffffffff00000001,8 80000000,0
8b0203e0 0,7 ffffffffffffffff,d 1,2 ffffffffffffffff,4 1,8 1,4 ffffffffffffffff,a 1,3 1,2 123456789abcdef,0 3f,e 40,9 8000000000000000,0 e1bc64b3c86c76e6,6 100000000,5 deadbeefcafebabe,4
0b020020 0,9 0,e 0,a ffffffff,2 0,3 80000000,4 7fffffff,2 1,0 1,c 54aa88ad,e 89abce2e,a 41,3 31b9b0d4,5 fffff020,9 0,2 89abddee,0
0b027c20 0,6 80000001,5 7fffffff,a 80000000,0 7fffffff,9 ffffffff,c 0,6 80000000,d 80000000,5 4afebabe,8 9abcdef,f 1,8 2cb38c6e,c 0,0 20173046,2 80000020,c
0b420c20 0,0 20000000,9 ffffffff,8 1fffffff,e ffffffff,2 7fffffff,2 9fffffff,8 0,6 0,e dc34347b,c 89abcdf6,4 9,b f7cbe726,c 10000001,7 cafebac5,c 10000040,c
4b827c20 0,e 2,e ffffffff,f 1,9 ffffffff,3 7fffffff,7 80000001,e 0,0 0,9 cafebabf,b 89abcdef,3 1,4 0,b b4d1ce4,a 89abcdf0,c 275abf6f,4
2b020020 0,4 0,6 0,6 ffffffff,8 0,6 80000000,9 7fffffff,3 1,0 1,0 54aa88ad,3 89abce2e,8 41,0 0,6 c24e501e,8 956e446e,a 0,4
6b020020 0,6 2,0 fffffffe,a 1,0 fffffffe,a 7ffffffe,2 80000001,8 ffffffff,8 ffffffff,8 4152eccf,2 89abcdb0,a ffffffc1,8 87adbd6a,8 5ae886ab,2 7652008f,3 d932cd4d,a
6b427c20 0,6 0,6 ffffffff,a ffffffff,8 ffffffff,a 7fffffff,2 7fffffff,3 0,6 0,6 cafebabd,a 89abcdef,a 1,2 7fffffff,3 718497ea,2 1,2 58e6f4e8,2
2b824020 0,4 0,6 ffffffff,8 ffffffff,8 ffffffff,8 7fffffff,0 7fffffff,3 0,4 0,4 cafe4469,a 89abcdef,8 1,0 2,0 3c82,0 0,6 ffffffff,8
6b02003f 1f,6 3f,0 1d88c23bbc3bbb5c,a deadbeefcafebabe,0 7fffffff,a 8000000000000001,2 1ffffffff,8 b1c5a7a9a3202311,8 40,8 1f2d722f9c7199fb,2 8000000000000001,a ffffffff00000000,8 100000000,9 87bf0edfaaff604d,2 100000000,a 5a900e0e316d9766,0
2b02003f cce30e890b7d7a10,4 fffffffe,6 ffffffff80000000,6 ffffffffffffffff,8 8000000000000001,6 7fffffff,9 715aeb4e63a17,3 1f,0 80000000,0 3a6a8dea1128f821,3 deadbeefcafebabe,8 db43b004052fb205,0 c1deda6548dc92ac,0 ffffffffffffffff,8 fff,3 7fffffffffffffff,a
6b0203e0 0,6 1,0 ffffffff,8 1,0 ffffffff,8 ffffffff,8 1,0 ffffffff,8 ffffffff,8 76543211,0 ffffffc1,8 ffffffc0,8 8a7219b1,8 0,6 2,0 62c2ef0c,0
8b220020 0,2 100,5 8000000000000000,a 80000000000000ff,0 100000000,0 80000000,0 ffffffff800000ff,9 1,b 8000000000000001,8 deadbeefcafebbad,a 123456789abce2e,1 8000000000000041,5 80000000000000fe,f 10000003f,e 1016,d 9f896955e6d19183,5
8b221020 0,8 ff1,7 800000000000000f,8 8000000000000ff0,2 10000000f,7 8000000f,e ffffffff80000ff0,4 10,9 8000000000000010,2 deadbeefcafec9ae,9 123456789abd1df,3 8000000000000401,7 7fffffff,0 8000000000000001,f 7fffffff80000fb0,7 470f9b7738451007,c
8b222820 0,8 3fffd,8 8000000000000003,c 800000000003fffc,2 100000003,5 80000003,a ffffffff8003fffc,b 4,6 8000000000000004,2 deadbeefcb01f27a,0 123456789abceeb,8 8000000000000101,f c37bdd51a2e98611,b eeef522591d9fe6c,6 deadbeefcafebabe,8 8c260292c2f8f1ac,3
8b224c20 0,a 7fffffff9,b 8000000000000007,b 80000007fffffff8,d 100000007,7 80000007,3 77ffffff8,d 8,5 8000000000000008,d deadbef4185d2a36,9 123456789abcfe7,7 8000000000000201,a 48b05dd322499696,9 d56255ac6524d39f,4 ffffffff00000010,b beeb123e52350daa,e
8b226420 0,a ffffffffffffffff,a 8000000000000001,8 7ffffffffffffffe,e 100000001,7 80000001,b ffffffff7ffffffe,0 2,4 8000000000000002,d e0f449bede56569c,c 123456789abce6d,e 8000000000000081,a 62a8760a6151c7ff,f deadbeefcafebabe,c ce5d5753f2538427,1 c4d75157b2ee546,b
8b228020 0,8 0,1 8000000000000000,0 7fffffffffffffff,6 100000000,a 80000000,1 ffffffff7fffffff,8 1,e 8000000000000001,f deadbeefcafebaad,5 123456789abce2e,c 8000000000000041,b 4ea2e400567f4f30,b f,3 ffffffdf,a fffffffe,f
8b22a420 0,5 ffffffffffffffff,1 8000000000000001,5 7ffffffffffffffe,6 100000001,7 80000001,e ffffffff7ffffffe,9 2,4 8000000000000002,6 deadbeefcafe569c,4 123456789abce6d,e 8000000000000081,b deadbeefcafebabc,2 deadbeefcafeea14,4 658c2087d20b6165,4 5cc5562a360dc8a8,2
8b22d020 0,6 fffffffffffffff1,e 800000000000000f,d 7ffffffffffffff0,d 10000000f,1 8000000f,5 ffffffff7ffffff0,7 10,2 8000000000000010,b deadbee865bb99ae,1 123456789abd1df,8 8000000000000401,c 7f9898950,8 7fffffff7ffffff0,2 fffffffb1dd5cf32,0 7fffffff80000000,0
8b22e020 0,a 0,d 8000000000000000,c 7fffffffffffffff,a 100000000,6 80000000,2 ffffffff7fffffff,9 1,6 8000000000000001,d dfd1045754aa88ad,8 123456789abce2e,e 8000000000000041,7 2a515b9ca571faac,d bec1c507ca45e0d6,0 8000000080000001,0 deadbeefcafeaabe,2
cb22c020 0,1 2,d 7ffffffffffffffe,e 8000000000000001,a fffffffe,9 7ffffffe,8 ffffffff80000001,4 ffffffffffffffff,f 7fffffffffffffff,6 deadbef04152eccf,c 123456789abcdb0,5 7fffffffffffffc1,7 5327f7a9,9 1ffffffff,a c078140f1c697fdc,d f93162a379c86a32,f
cb223020 0,6 fffffffffff00011,6 7fffffffffffffef,9 7ffffffffff00010,3 ffffffef,1 7fffffef,5 ffffffff7ff00010,3 fffffffffffffff0,8 7ffffffffffffff0,1 deadbeefcaf1dbce,d 123456789abc9ff,2 7ffffffffffffc01,0 fffffffffffa7a10,7 839b31db5197637b,f ffffffff80000000,8 fffffffffff5e200,3
ab220020 0,4 100,0 8000000000000000,9 80000000000000ff,8 100000000,0 80000000,0 ffffffff800000ff,8 1,0 8000000000000001,8 deadbeefcafebbad,8 123456789abce2e,0 8000000000000041,8 4,0 7fffffff80000000,0 1,0 8000000000000000,8
ab22c020 0,4 0,6 8000000000000000,9 7fffffffffffffff,3 100000000,0 80000000,0 ffffffff7fffffff,a 1,0 8000000000000001,8 deadbeef54aa88ad,a 123456789abce2e,0 8000000000000041,8 fffffffe80000000,a 8000000065623ae2,8 ffffffff00000040,8 5c0cde2bbeee84c8,2
eb22a820 0,6 5,0 7ffffffffffffffb,2 8000000000000004,8 fffffffb,2 7ffffffb,2 ffffffff80000004,8 fffffffffffffffc,8 7ffffffffffffffc,3 deadbeefcaff8302,8 123456789abccf3,2 7fffffffffffff01,3 7ffffffffffe0df4,3 2,2 7fffffff80000000,2 35658f3114fe4368,2
eb228c20 0,6 9,0 7ffffffffffffff7,2 8000000000000008,8 fffffff7,2 7ffffff7,2 ffffffff80000008,8 fffffffffffffff8,8 7ffffffffffffff8,3 deadbeefcafebb46,8 123456789abcbf7,2 7ffffffffffffe01,3 80000210,0 ffffffffffffff48,8 7ffffd88,2 1fffffe1f,2
eb22403f fff,6 1419d8c3cf344723,8 b82f6a9afafc04a4,2 b6231bae7f8091a5,3 ffffffff80000000,2 be88f4c3a2085dab,2 8000000000000001,a 14620f08e5e79ce9,8 e8c5f92aabf2c99a,3 ba8ada8edab62603,a 7fffffffffffffff,2 100000000,3 ffffffff00000000,2 ffffffff80000000,2 1,2 ff37a6af77aa289e,2
ab22c43f fb1eec72f487587a,4 7fffffff80000000,8 ffffffff,9 13eae314be46ded,3 ffffffff00000000,0 1f,0 20,a a37fba97d18360a1,0 20,8 1,a a80661d4e3a6aa8a,0 7fffffff,8 80000000,8 950513e1d85c23fd,2 fffffffffffff000,8 123456789abcdef,8
8b2263ff ffffffffffffffff,3,9a404b46f6309892 8ff99ad428cbd425,b,6190812b470ee7d0 23cf288d1d0397a2,6,21 1,6,1f 2,8,7fffffff80000001 8000000000000000,f,ffffffff80000001 fff,0,d45c4db8e0870aec 8f824d1f02180fef,6,ffffffff00000001 7325bb3d4c0d5a9c,1,1000 2,2,dcce51ec86edb0a8 84fb965c303dc5c4,a,ef675c42990cd8d4 c043a577294eff21,3,7fffffff80000040 dadecf1664bddf88,3,7f6efc7bbcd84daa 1,c,5eadbeefcafebabe fe5385fe536c5388,c,7f 123456789abcdef,2,9046ebe76a77c23b
8b2263e0 fff,b,fff ffffffffffffffff,2,0 1,e,0 6a2010e96ffabae,a,6a2010e96ffabaf 40,7,3f deadbeefcafebabf,3,deadbeefcafebabe fffffffeffffffff,b,ffffffff00000000 40,f,3f 6d1792de76cfb279,8,6d1792de76cfb278 123456789abce2e,b,3f e673d4c401884cd0,c,e673d4c401884c91 800000000000003f,f,7fffffffffffffff 10000003e,5,3f cf58fdb9273b574e,2,5a6fc402ff157bd5 8000000000000040,2,3f cdb645902584e553,5,4db645902584e552
cb22c83f fffffffe,b,0 2,1,5 100000000,7,7ffffffffffffffb 1f,f,8000000000000004 8cc464b40a0e773d,1,fffffffb ffffffff00000000,f,7ffffffb 123456789abcdef,9,ffffffff80000004 8000000000000001,f,fffffffffffffffc 100000000,7,7ffffffffffffffc 339561f46ade6a01,b,deadbef1a44f8302 ffffffff00000000,8,123456789abccf3 d2bc5c1a7ed92025,a,7fffffffffffff01 c821367b332a008c,e,6275ec2421d17858 8000000000000000,a,7ffffffdc7bdb9e8 1ffffffff,b,5 20,b,7fffffff80000004
8b2247e0 1,3,1 5cc983a4fb034a7a,a,5cc983a2fb034a7c 41,7,3f 2fffffffc,2,fffffffe 42,9,40 1001,8,fff 80000001ffffffff,1,8000000000000001 9c4461361c3789e9,2,9c4461361c3789e7 5ed878c069ca5422,7,5ed878c069ca5420 93579bde,3,ffffffff80000000 42a58d8f91969523,4,42a58d8f919694a5 c0,2,40 7fffffff8000007e,4,7fffffff80000000 b9fdf61b,2,fff 56536eb5,2,ffffffffffffffff 42,c,40
eb2263ff 8106c3b977482f21,2,1 deadbeefcafebabe,0,511403a8fd4c0818 752af0ce4d578fb7,2,20 8000000000000001,0,100000000 8000000000000001,a,deadbeefcafebabe 7fffffff,2,7fffffff80000000 ffffffff80000000,8,f4d4752634618bde 1f,2,77bccbc0365328e2 fffffffffffff000,8,0 3f,8,3f 7fffffff,6,3f 8000000000000000,2,fff 20,2,244fccda6748a430 ef1d3c2a5b9354a6,a,fffffffffffff000 a8b65dbd03384b9d,3,8000000000000001 7fffffffffffffff,3,8000000000000001
ab22efe0 8000000000000000,8,8000000000000000 41a6bbd84d63e66e,2,41a6bbd84d63e676 ffffffff00000008,8,ffffffff00000000 fffffffffffffff8,8,0 9,0,1 80000007,0,7fffffff 123456789abcde7,2,123456789abcdef 80000007,0,7fffffff 4b69e6e0810e7a82,0,4b69e6e0810e7a7a 3eeab190d3b6ff71,0,35d0865486588ff9 27f638affc96b516,0,27f638affc96b31e 46772521f8b9df48,0,46772521f8b9dd48 fffffffc0000003f,8,3f 19478da276cec2d8,0,80000000 184b44996b34c50e,2,184b44a16b34c50e fffffffffffff200,8,fffffffffffff000
0b220020 0,b 100,5 0,4 ff,e 0,6 80000000,a 800000ff,c 1,5 1,c cafebbad,6 89abce2e,f 41,b 80000002,e 66,f 0,1 ee,a
0b22ac20 0,c fffffff9,1 7,e fffffff8,f 7,c 80000007,7 7ffffff8,1 8,7 8,f cafd2a36,c 89abcfe7,5 201,2 fa,8 80007ff8,d aee1c283,4 2,5
0b226820 0,1 fffffffd,1 3,0 fffffffc,6 3,a 80000003,e 7ffffffc,2 4,f 4,6 f1adf27a,c 89abceeb,c 101,1 3ffc,2 20,a 4,7 bb852ef7,d
4b229020 0,c 11,c ffffffef,3 10,b ffffffef,1 7fffffef,5 80000010,f fffffff0,3 fffffff0,b cafebbce,1 89abc9ff,8 fffffc01,c 80000110,7 11,f 601c026f,d f,7
2b222020 0,4 10000,0 0,6 ffff,0 0,6 80000000,9 8000ffff,8 1,0 1,0 caff88ad,8 89abce2e,8 41,0 cafeee78,8 3,0 cafeea30,8 3,0
6b22c420 0,6 3,0 fffffffd,a 2,0 fffffffd,a 7ffffffd,2 80000002,8 fffffffe,8 fffffffe,8 b7a71ee0,a 89abcd71,a ffffff81,8 cafeba3e,a 5199db7c,0 c8060b02,a 2ff6a60,2
0b2243ff e2e3fb002df50de1,e,1f baf97a2e2222eef0,d,1 fffffffe,0,cafebabf 7fffffffffffffff,f,fffffffe ab3b7d23577092ec,c,d7a0382f 80000000,d,0 7fffffff,f,3f 20,b,ecac29d1 46255bc746e46049,7,ffffffff 7fffffffffffffff,b,9abcdee fffffffffffff000,3,a5c8b6af fff,e,89abce2f 1f,2,22e53eca 40,9,80000002 8000000000000000,b,3 51d704429abc814d,e,fffffffd
0b224be0 36ae054f,c,300b193936ae054f fffffffb,5,ffffffffffffffff 80000004,4,7fffffff80000000 fffffffc,8,8000000000000000 75c18a4c,c,5db33e7675c18a48 84c58fca,8,bbf431e284c58fc6 fffffffc,4,8000000000000000 89abcdf3,8,123456789abcdef 4,f,8000000000000000 b05b05ab,0,123456789abcdef 59c818c7,3,4389124b59c817cb ff,d,ffffffff f07208d2,1,fffffffe 1,7,1 1,1,8000000000000001 9b152096,1,2a05d2ff9b152092
6b2203ff 123456789abcdef,2,5dbe89c51c4b9f46 80000000,8,1f fffffffe,a,5afbb91e96d591b2 1ffffffff,2,6db4dbfb2fb3d35e 7fffffffffffffff,a,deadbeefcafebabe 44a9ec7e5de40d4d,2,1f 7fffffff,a,ffffffff ee4317b51a0bcc0f,2,3f 7fffffff,2,eed43dfb4406408e 40abc233255a76e5,8,8000000000000001 ffffffff80000000,8,2 ffffffff,2,73b287064918834f 1f,3,80000000 d839bec313d48f53,8,1f 9f92df544b7f9068,2,382ddb45eba446e 3f,a,fffffffffffff000
9a020020 0,1 0,1 8000000000000000,5 7fffffffffffffff,4 100000000,c 80000001,b ffffffff80000000,2 2,b 8000000000000002,6 dfd1045754aa88ae,e 123456789abce2e,9 8000000000000042,e 8123456709abcdf0,2 c0fbcede9d225bcc,2 7fffffffffffffff,4 ab72894d3135f841,a
ba020020 1,0 0,6 8000000000000000,9 8000000000000000,a 100000001,0 80000001,0 ffffffff7fffffff,a 1,0 8000000000000002,8 dfd1045754aa88ae,8 123456789abce2e,0 8000000000000042,8 8000000000000021,8 6e30587ac2903ae,0 6439d1e09eba22c2,0 fbd51f085e8b909c,8
da020020 ffffffffffffffff,1 1,1 7ffffffffffffffe,f 8000000000000000,9 fffffffd,c 7ffffffd,1 ffffffff80000001,7 fffffffffffffffe,9 7ffffffffffffffe,9 dd8a79884152ecce,c 123456789abcdaf,5 7fffffffffffffc0,4 ffffffff7ffffffe,8 7fffffff00000000,4 bda96baa74a444a5,2 736cfdba885eaed8,8
fa020020 0,6 2,0 7ffffffffffffffd,2 8000000000000001,8 fffffffd,2 7ffffffe,2 ffffffff80000000,8 fffffffffffffffe,8 7ffffffffffffffe,3 dd8a79884152eccf,a 123456789abcdb0,2 7fffffffffffffc1,3 6b9a1a95ce216f51,0 fffffffe,2 c2c46c935a6b73f9,8 ffffffffffffffdf,8
da0203e0 0,b 1,b ffffffffffffffff,6 0,c ffffffffffffffff,6 fffffffffffffffe,4 0,8 fffffffffffffffe,4 fffffffffffffffe,c fedcba9876543211,6 ffffffffffffffc1,6 ffffffffffffffc0,b d73e079f118c7cb9,1 7bbe55616cab8f08,c fedcba9876543211,a fff,9
fa0203e0 ffffffffffffffff,8 1,0 fffffffffffffffe,8 1,0 ffffffffffffffff,8 ffffffffffffffff,8 0,4 fffffffffffffffe,8 fffffffffffffffe,8 fedcba9876543211,8 ffffffffffffffc0,8 ffffffffffffffc0,8 8000000000000000,8 ffffffff00000000,8 8000000000000001,8 9bb300cf710521ba,8
1a020020 1,2 1,2 1,3 ffffffff,5 1,f 80000001,b 7fffffff,1 1,d 1,5 54aa88ae,7 89abce2f,f 41,8 69538262,6 b3395575,7 8bd60632,b fffffffe,2
3a020020 1,0 1,2 1,2 ffffffff,8 1,2 80000001,9 80000000,a 1,0 1,0 54aa88ae,3 89abce2f,8 41,0 40,0 a6118d00,8 89ce1961,8 7534f32d,3
5a020020 ffffffff,d 1,d fffffffe,2 0,8 fffffffd,0 7ffffffd,4 80000001,2 fffffffe,4 fffffffe,c 4152ecce,0 89abcdaf,9 ffffffc0,1 0,6 89abcdf0,e edc7ee2,f 7654324f,5
7a020020 0,6 2,0 fffffffe,a 0,4 fffffffe,a 7ffffffd,2 80000001,8 fffffffe,8 ffffffff,8 4152ecce,2 89abcdb0,a ffffffc0,8 b1e68a55,a f8aef171,a 4917ccbc,3 45b26498,2
7a0203e0 ffffffff,8 0,4 fffffffe,8 1,0 ffffffff,8 fffffffe,8 0,4 ffffffff,8 fffffffe,8 76543210,0 ffffffc1,8 ffffffc0,8 76543210,0 1,0 f01b2083,8 ffffffff,8
8a020020 0,1 1,7 1,e 8000000000000000,4 1,b 1,8 ffffffff80000000,2 0,8 0,0 21046788aa88ae,c 2f,a 0,d 8000000000000000,9 e63,4 c0852dc0402a2150,b 4f,8
8a020420 0,9 0,9 2,c 8000000000000000,a 2,4 2,2 ffffffff80000000,a 0,2 0,e 2048acf02569a9e,4 6e,d 0,7 20047010389ce,5 20047010389ce,d 0,c 9132500036010d2,f
8ac2fc20 0,5 1,6 2,7 8000000000000000,0 2,8 2,c ffffffff80000000,f 0,4 0,2 2048acf02569a9e,3 6e,7 0,9 0,2 8082100c2206208,4 bd18043900000000,e 8440108022505531,a
8a621020 0,3 0,3 7fffffffffffffff,e 8000000000000000,6 ffffffff,e 7fffffff,a f000000000000000,0 0,0 8000000000000000,4 dead8aa982640220,e 123456789abcdec,7 8000000000000001,5 0,a 0,2 0,4 fff,e
aa020020 0,1 ffffffffffffffff,c 7fffffffffffffff,e ffffffffffffffff,b ffffffff,c 7fffffff,9 ffffffffffffffff,5 1,f 8000000000000001,6 dfafffefcbffffff,c 123456789abcdff,1 8000000000000041,6 7fffffffffffffff,0 8000000000000001,7 ffffffffffffffff,1 d5ffb79142bd44f7,b
aa82fc20 0,6 ffffffffffffffff,2 7fffffffffffffff,a ffffffffffffffff,5 ffffffff,9 7fffffff,d ffffffffffffffff,b 0,6 8000000000000000,3 deadbeefcafebabe,9 123456789abcdef,f 8000000000000001,4 20,6 ffffffffffffffff,b ffffffffffffffff,c 7abee4b0633e4324,0
aac28020 0,8 ffffffffffffffff,f 7fffffffffffffff,d ffffffffffffffff,a 1ffffffff,7 17fffffff,3 ffffffffffffffff,5 100000000,1 8000000100000000,2 dfafffefcbffffff,2 123457f89abcdef,1 8000004000000001,6 fffffffffffffab4,7 ffffffff00000001,b 800000007fffffff,d ffffffffdeadbeef,7
aa0203e0 0,5 ffffffffffffffff,2 1,7 ffffffffffffffff,7 1,f 1,e ffffffffffffffff,8 1,e 1,6 123456789abcdef,4 3f,6 40,b ffffffff00000000,d ad0a2c36f91f9670,0 d86cf25a82d5b869,6 3f,c
aa220020 ffffffffffffffff,9 1,d ffffffffffffffff,c 8000000000000000,a ffffffffffffffff,0 ffffffffffffffff,4 ffffffff80000000,e fffffffffffffffe,3 fffffffffffffffe,a fefdbefffefebabe,0 ffffffffffffffef,9 ffffffffffffffbf,d 7fffffffffffffff,1 17fffffff,8 7fffffff,e c28d5addffffffff,0
aae22020 ffffffffffffffff,6 1,7 ffffffffffffffff,c 8000000000000000,a feffffffffffffff,4 feffffffffffffff,e ffffffff80000000,d feffffffffffffff,2 feffffffffffffff,d defffeffdafefebe,8 c1ffffffffffffff,3 bfffffffffffffff,7 c93a1155d4f83c63,8 ffffffffffffffff,5 ff0000010000000f,b ff13fa871821466f,0
aa2203e0 ffffffffffffffff,9 0,3 fffffffffffffffe,6 0,4 fffffffffffffffe,4 fffffffffffffffe,b 0,a fffffffffffffffe,5 fffffffffffffffe,4 fedcba9876543210,4 ffffffffffffffc0,d ffffffffffffffbf,9 49391ea0c8b44ef6,d de346649f2ac9637,9 ffffffff00000001,f 7fffffffffffffff,5
ca02fc20 0,8 8000000000000001,9 ffffffffffffffff,7 0,d 80000000ffffffff,2 800000007fffffff,1 7fffffff80000000,b 8000000000000000,6 0,f 5eadbeefcafebabe,1 8123456789abcdef,c 8000000000000001,3 8000000000000002,d b1b0617a0e708915,4 7fffffffffffffff,5 123456789abcdef,5
ca020020 0,5 fffffffffffffffe,5 7ffffffffffffffe,f 7fffffffffffffff,2 fffffffe,d 7ffffffe,9 7fffffff,c 1,a 8000000000000001,2 df8efb8843557751,d 123456789abcdd0,8 8000000000000041,0 7f9e9fe5202f5354,b 5c0d4d904259deaf,4 80000020,0 88a6d5ef117ca083,8
caa20c20 ffffffffffffffff,3 1,7 8000000000000000,8 8000000000000000,8 ffffffff00000000,0 ffffffff80000000,e ffffffff80000000,2 ffffffffffffffff,4 7fffffffffffffff,0 217629bcc4343cfc,e fedcba9876543217,3 7ffffffffffffff6,7 755c5d71df4e5ce8,f ffffffff800001ff,e 90d8008b76102aef,7 21524110350144be,7
ea020020 0,4 1,0 1,0 8000000000000000,8 1,0 1,0 ffffffff80000000,8 0,4 0,4 21046788aa88ae,0 2f,0 0,4 0,4 0,4 0,4 4,0
eac20420 0,4 1,0 0,4 8000000000000000,8 0,4 0,4 ffffffff80000000,8 0,4 8000000000000000,8 8081a2a3c0d4a2b6,8 f,0 0,4 68a300014a458000,0 8000000000000003,8 800000000afebabe,8 8090801244c4a4b6,8
ea220020 0,4 0,4 7ffffffffffffffe,0 0,4 fffffffe,0 7ffffffe,0 0,4 0,4 8000000000000000,8 de8cba8842543210,8 123456789abcdc0,0 8000000000000001,8 76543210,0 800000007fffffff,8 dc44339c1cc44e65,8 0,4
ea228020 0,4 1,0 7ffffffeffffffff,0 0,4 ffffffff,0 7fffffff,0 80000000,0 0,4 8000000000000000,8 56043200cafebabe,0 123454089abcdef,0 8000000000000001,8 40,0 35014541fffff000,0 7ffffffeffffffff,0 ffffffc0ffffffff,8
ea02003f 68cab91bc2d11b0f,4 ffffffff,0 7fffffff80000000,0 92eafb587db22e98,8 100000000,0 20,0 1f,8 fffffffffffff000,4 7fffffff80000000,4 123456789abcdef,0 3bd234bdd5f0e9ff,0 80000000,4 65f76df78170f3b3,0 123456789abcdef,0 417a271fb6a17fb3,8 ffffffff00000000,0
0ac27c20 0,e 1,9 2,1 0,b 2,3 2,0 80000000,0 0,0 0,e 2569a9e,6 6e,d 0,3 553ef1e5,5 a1aa20e6,1 fc6087e2,0 1,7
0a220020 0,a 0,a fffffffe,b 0,d fffffffe,1 7ffffffe,3 0,3 0,4 0,a 42543210,f 89abcdc0,7 1,0 0,a 0,e 2e75f329,a 0,0
2a027c20 0,e 80000001,1 ffffffff,5 80000000,4 ffffffff,f ffffffff,7 80000000,2 80000000,b 80000000,6 cafebabe,1 89abcdef,5 1,1 82414808,1 8000001f,0 e7c515f2,6 80000002,c
2a220020 ffffffff,4 1,5 ffffffff,a 0,7 ffffffff,8 ffffffff,f 80000000,6 fffffffe,f fffffffe,7 fefebabe,5 ffffffef,d ffffffbf,a ffffffff,2 fffffffe,1 4efb8a1,f 4f8ec995,4
2a0203e0 0,3 ffffffff,3 1,f ffffffff,9 1,6 1,1 ffffffff,7 1,1 1,9 89abcdef,e 3f,3 40,4 ffffffff,7 80000000,9 20,8 3f,c
2a2203e0 ffffffff,1 0,1 fffffffe,2 0,4 fffffffe,8 fffffffe,8 0,2 fffffffe,f fffffffe,0 76543210,4 ffffffc0,5 ffffffbf,9 d22a7849,7 ffffffff,2 ffffffff,4 ffffffff,a
4a821420 0,c fffffffe,7 ffffffff,6 ffffffff,2 ffffffff,3 7fffffff,7 7fffffff,4 0,9 0,0 36b3e4d1,2 89abcdee,5 3,7 1a96d94,a fc75c1f0,2 ffffffdf,4 2fbfe17c,6
4a220020 ffffffff,c 1,9 1,6 0,f 1,3 80000001,0 80000000,a fffffffe,8 fffffffe,e bcaa88ae,4 7654322f,d ffffffbe,2 680fb600,8 8b075a4d,e ffffffff,6 698c9ac6,c
6a020020 0,4 1,0 1,0 0,4 1,0 1,0 80000000,8 0,4 0,4 88aa88ae,8 2f,0 0,4 0,4 0,4 80000000,8 20,0
6a627c20 0,4 0,4 ffffffff,8 0,4 ffffffff,8 7fffffff,0 80000000,8 0,4 0,4 cafebabe,8 89abcdef,8 1,0 237d7478,0 40,0 80000000,8 22fe5880,0
6a02003f fe46a07e6367de1a,4 100000000,0 a6a930959787e8c,0 fff,4 20,0 ccd0d50018c2783,0 ffffffff00000000,8 a627f69b4663e6c1,4 1,4 fff,8 ad5e2dd874462cea,0 1ffffffff,4 3f,0 ffffffff,4 8000000000000001,0 4d725f3cd42e52b6,8
9ac22020 0,c 8000000000000000,c fffffffffffffffe,3 0,7 1fffffffe,b fffffffe,5 0,9 0,2 0,7 5d5f000000000000,5 8000000000000000,d 8000000000000001,a 8000000000000000,9 cafebabe00000000,b 8000000000000000,0 dbeefcafebabe000,d
9ac22420 0,f 0,3 3fffffffffffffff,d 1,6 7fffffff,7 3fffffff,3 1,0 0,3 4000000000000000,b 1bd5b,9 0,1 8000000000000001,3 ffffffff,2 91a2b,a 1,f 0,a
9ac22820 0,d 0,d 3fffffffffffffff,5 ffffffffffffffff,3 7fffffff,f 3fffffff,b ffffffffffffffff,7 0,3 c000000000000000,a ffffffffffffbd5b,0 0,9 8000000000000001,d 80000000,f d951560001bc96d8,a 0,0 ffffffffffffffff,4
9ac22c20 0,0 2,f bfffffffffffffff,e 1,8 800000007fffffff,d 800000003fffffff,e ffffffff00000001,3 0,e 4000000000000000,8 7ddf95fd757dbd5b,a 2468acf13579bde,2 8000000000000001,0 3,b fff800000003ffff,1 b35ddb610e0e1049,5 4000000000,4
1ac22020 0,0 80000000,0 fffffffe,f 0,5 fffffffe,1 fffffffe,3 0,8 0,3 0,b 5d5f0000,d 80000000,4 1,6 49b3c509,b 5e900000,f fffffff8,f 40000000,d
1ac22420 0,1 0,5 7fffffff,b 0,2 7fffffff,e 3fffffff,4 1,7 0,a 0,3 195fd,0 1,0 1,f 9c716219,9 572ef,7 cafebabe,a 7b39,5
1ac22820 0,e 0,a ffffffff,b 0,4 ffffffff,1 3fffffff,8 ffffffff,3 0,5 0,d ffff95fd,c ffffffff,7 1,0 ffffffff,b fff885fc,3 0,8 d302a1c1,9
1ac22c20 0,7 2,7 ffffffff,2 0,9 ffffffff,5 bfffffff,e 1,4 0,9 0,9 757d95fd,a 13579bdf,3 1,4 fffff000,7 e6fc72b1,4 1f164688,f 0,f
fa420020 80000000,0 98d6c1c85d13d65f,0 ffffffff00000000,2 ffffffff,0 fff,2 3247edc8302fccd7,0 c285bc1ed5f7549,0 98ad160377c00d95,8 1,0 3645c3854891b77f,a 123456789abcdef,0 7fffffffffffffff,0 3f,0 20,a 3f,a 73f8bfa4e58db9e2,0
fa42102f 371b722e728d4ea1,6 123456789abcdef,f c33741594892ee37,2 cd3b306dcdee7b36,8 ffffffff,f c590df001066b738,2 fbff6909cd160ea6,f 6f7a24cb5789767a,f 1,3 c192f14d68d8cc90,a 100000000,f 1ffffffff,3 3a26a6c2312ca61d,f ffffffff,f 1eabec2a06fd2a1d,f 7fffffff80000000,a
fa429022 0,6 5702b14e24454abb,0 fffffffe,2 f538722394f19c3d,2 1ffffffff,2 ffffffff80000000,2 deadbeefcafebabe,8 577966850e969171,2 fffffffe,2 7fffffffffffffff,a 5c00bdc63cb35b5a,2 18b88eed25c061bf,2 7fffffff80000000,2 1ffffffff,8 1f,0 ffffffffffffffff,0
fa5fa824 3dda345e1168f736,4 65c0b5701ebf1427,4 c9f607292b7757a0,2 ffffffff,3 20,4 cf51997073830eaf,4 2,a 7fffffffffffffff,8 ffffffff00000000,3 ffffffff,4 100000000,4 7fffffffffffffff,4 30e7e0b252c91f8a,4 53c1cbcd3db38cb1,4 ffffffffffffffff,a 7fffffff80000000,2
fa40e821 ffffffff,6 b0c2d613aa18a173,2 ffffffffffffffff,2 ffffffff80000000,a a100d11edf4add6f,2 1a53fa13c724bbfb,2 8000000000000001,a 100000000,6 8000000000000001,a 1e51d45ebf9ac053,a 40,2 123456789abcdef,a e5e583d1e66eaade,2 86c3a8ae891439e5,2 2,a 7fffffff,a
fa42f025 ffffffff,6 1ffffffff,0 3f,2 80000000,8 80000000,2 c9d7a5eb9031b09e,2 3f,8 633d5e20d7de71dc,8 8000000000000001,3 cdd58ba6e88fcb36,a 68448563e5fbbbf7,2 2cfcb648fc888112,3 1,2 5547f756de013280,a 2,0 7fffffff,0
ba42b022 9d6a9e301b33d5a6,4 fffffffffffff000,6 6946ad47212c7530,2 674adc73a450e031,3 1ffffffff,0 80000000,0 518e8517a4a895a1,a fff,2 7fffffff,2 40,8 80000000,0 fff,8 90574adc58923d1a,0 1ffffffff,2 b4da00346f43b11a,2 2e5e6172ac7a590a,0
ba418828 1,8 7fffffff,8 a3e69126498f5127,8 adeae012ccf3c426,8 1e12247209156ebc,8 deadbeefcafebabe,8 9b2eb976cc0bb1b6,8 8000000000000000,0 ffffffff80000000,8 a143213269c57380,8 4d22ff764b10341,0 406a1cdc7dc239a4,8 ffffffff,0 39d15dc25f4b8a36,8 fff,8 e4fe5d13c4d97d1d,0
7a422020 3f,0 a471cca421454896,0 ffffffff,0 2,0 b5b3cba95417348a,a 7fffffff80000000,2 fff,0 deadbeefcafebabe,0 ffffffff,0 ae2cee934c729b6,0 af73c02c39b35977,0 ebcbf30720c06392,0 f15699666d33433b,0 9270b2190249d000,8 ffffffff80000000,8 4f5fb2c899db272b,0
7a45482f 7fffffff80000000,f ffffffffffffffff,f 7fffffffffffffff,a fffffffe,f 7dc1a171749b358,f 3f,f 1ffffffff,f 1665cad148c8148e,f 40,f fffffffe,a 1d1c11927aeddea5,a 1,f 433948d82e6dc4e9,f fffffffe,f 0,f fd306376da85a0f9,f
7a42c029 ffffffffffffffff,9 1f,9 ffffffff,9 1,9 2,9 8000000000000000,2 fff,9 fffffffe,9 3ea27c8d574f6694,8 1,9 1f,9 8dc462c7320cc329,9 80000000,2 ffffffff00000000,0 fffffffffffff000,9 100000000,9
3a426023 63ea072142c8e266,3 7fffffff,3 fffffffffffff000,6 99ca4562fdabd7f1,8 2a328102384d7d6b,6 9161aa0f20231bff,9 fffffffffffff000,3 8000000000000000,0 fffffffffffff000,0 95638442589d6057,3 fffffffe,3 8000000000000000,3 fff,a ffffffffffffffff,a fff,a 7fffffffffffffff,3
3a5fd820 123456789abcdef,0 80000000,0 7fffffff,2 1ffffffff,0 af99c9eb4238b599,0 80000000,9 fffffffe,0 20,0 fffffffe,0 10c8ccab22e8a8a5,8 fffffffffffff000,8 f1e1f14536efe281,0 8000000000000000,8 885ab05b14665113,9 cff1d1cc4ccd4e28,0 5575b08a8ff4a638,0
9a820020 0,6 ffffffffffffffff,2 1,3 8000000000000000,7 ffffffff,f 7fffffff,d ffffffffffffffff,b 0,d 8000000000000000,5 deadbeefcafebabe,7 123456789abcdef,6 40,8 9654a15e4d936c41,3 fffffffe,e 2,7 8000000000000000,5
9a821020 0,d 1,2 1,d ffffffffffffffff,7 ffffffff,2 7fffffff,b ffffffff80000000,0 1,6 1,e 123456789abcdef,c 3f,6 8000000000000001,3 4c5e31a5c7304690,c 1ffffffff,2 537a5a581e1b9e40,c 1ffffffff,c
9a822020 0,9 ffffffffffffffff,8 7fffffffffffffff,6 8000000000000000,f ffffffff,3 7fffffff,7 ffffffffffffffff,1 0,7 8000000000000000,f 123456789abcdef,4 123456789abcdef,b 40,9 4c6e80e2122355bb,0 f7fb0875484982ef,8 1ffffffff,8 1ffffffff,c
9a823020 0,0 1,4 7fffffffffffffff,5 ffffffffffffffff,3 1,f 7fffffff,d ffffffffffffffff,7 1,b 1,3 deadbeefcafebabe,9 123456789abcdef,9 40,e 40,9 ffffffff80000000,8 7fffffff80000000,e 687273b6e690b634,1
9a824020 0,3 1,e 1,6 ffffffffffffffff,0 ffffffff,c 1,0 ffffffff80000000,a 0,8 8000000000000000,8 123456789abcdef,4 123456789abcdef,a 8000000000000001,9 fffffffffffff000,6 3f,f 7fffffff80000000,4 e9bd20b9f8eeebec,8
9a825020 0,1 ffffffffffffffff,d 1,9 8000000000000000,3 ffffffff,3 7fffffff,2 ffffffff80000000,5 1,8 8000000000000000,1 123456789abcdef,b 123456789abcdef,0 8000000000000001,7 baf934fc10b9a32f,1 100000000,b eb7c561456623fab,9 58cd99769786bc67,9
9a826020 0,6 1,7 7fffffffffffffff,3 8000000000000000,5 1,a 1,e ffffffffffffffff,4 0,9 1,0 123456789abcdef,a 123456789abcdef,f 8000000000000001,7 fffffffffffff000,5 ffffffffffffffff,d 2,b 1f,d
9a827020 0,9 ffffffffffffffff,9 7fffffffffffffff,6 8000000000000000,8 ffffffff,4 7fffffff,0 ffffffff80000000,a 0,6 8000000000000000,e deadbeefcafebabe,4 123456789abcdef,2 40,9 eda9d98c059e6ac0,2 73098299280ae5b4,a 8000000000000001,c 1,a
9a828020 0,8 ffffffffffffffff,8 1,7 ffffffffffffffff,d 1,1 1,1 ffffffff80000000,b 1,5 1,f 123456789abcdef,f 3f,c 40,0 2,a fffffffe,8 c0d17c9107264d30,c 7bdca74309a2abf9,c
9a829020 0,7 ffffffffffffffff,3 1,2 8000000000000000,1 ffffffff,8 7fffffff,c ffffffff80000000,4 0,9 8000000000000000,0 deadbeefcafebabe,6 123456789abcdef,e 8000000000000001,7 7fffffff,a fffffffffffff000,6 673b71a328edb1a4,5 fffffffffffff000,7
9a82a020 0,2 ffffffffffffffff,e 1,7 8000000000000000,b ffffffff,d 1,7 ffffffffffffffff,1 0,0 1,1 123456789abcdef,5 123456789abcdef,b 40,c fffffffe,6 1ffffffff,1 1068dd6d736a696f,c 56a18f978d38dbfe,b
9a82b020 0,9 1,5 7fffffffffffffff,c 8000000000000000,1 1,6 7fffffff,3 ffffffff80000000,1 1,b 1,2 deadbeefcafebabe,8 3f,0 8000000000000001,5 fffffffe,b 0,4 20,8 2b1d29b04b46ba05,1
9a82c020 0,2 ffffffffffffffff,d 7fffffffffffffff,9 ffffffffffffffff,8 1,4 7fffffff,0 ffffffffffffffff,6 1,3 1,a 123456789abcdef,a 123456789abcdef,9 40,d 1398b403a602076f,7 1d978ff86177c04c,4 32481ba716a08419,f 1f,a
9a82d020 0,0 1,f 7fffffffffffffff,5 8000000000000000,3 ffffffff,f 1,b ffffffff80000000,d 0,c 8000000000000000,3 deadbeefcafebabe,f 123456789abcdef,6 8000000000000001,e 98219a78c6b7362f,0 deadbeefcafebabe,5 e7e048e1317fec7f,8 9ad1ff3903e739e2,8
9a82e020 0,7 1,3 7fffffffffffffff,8 8000000000000000,4 ffffffff,a 7fffffff,d ffffffff80000000,a 0,c 8000000000000000,0 deadbeefcafebabe,a 123456789abcdef,e 8000000000000001,9 1,b bbfad81affc4e4a6,d 1,b 3ce84ffc97ed7b97,6
9a82f020 0,f 1,f 7fffffffffffffff,9 8000000000000000,a ffffffff,c 7fffffff,7 ffffffff80000000,1 0,9 8000000000000000,f deadbeefcafebabe,2 123456789abcdef,a 8000000000000001,2 1ffffffff,3 fffffffffffff000,7 40,c 80000000,1
9a82a420 0,9 0,7 7fffffffffffffff,6 8000000000000000,0 ffffffff,4 2,8 0,e 2,8 2,e deadbeefcafebabe,4 40,a 8000000000000001,d 123456789abcdef,2 40,5 1,b 41,1
da82b020 0,5 1,1 7fffffffffffffff,5 0,6 fffffffffffffffe,9 7fffffff,e ffffffff80000000,5 0,e fffffffffffffffe,6 fedcba9876543210,9 123456789abcdef,c ffffffffffffffbf,4 7fffffff80000000,8 f2fd35e9dc47c6e9,7 93ff2ee44dad34b5,2 99747279f0506564,c
da828420 0,f 1,b 7fffffffffffffff,a 1,d ffffffffffffffff,d ffffffffffffffff,4 1,4 ffffffffffffffff,6 ffffffffffffffff,f fedcba9876543211,0 ffffffffffffffc1,6 ffffffffffffffc0,1 0,d ffffffff,b ffffffffffffffc1,5 100000000,f
9a9f17e0 1,d 0,9 0,8 1,e 1,4 1,6 0,a 1,d 1,e 1,c 1,4 0,3 1,e 0,8 1,7 1,7
da9f03e0 ffffffffffffffff,8 0,d 0,d ffffffffffffffff,2 ffffffffffffffff,a 0,e 0,4 ffffffffffffffff,9 ffffffffffffffff,b ffffffffffffffff,9 ffffffffffffffff,1 0,6 0,4 0,5 ffffffffffffffff,a 0,6
9a815420 1,b 2,b 8000000000000000,f 8000000000000000,3 100000000,f 80000000,b ffffffff80000001,8 1,b 8000000000000000,3 deadbeefcafebabe,6 123456789abcdf0,f 8000000000000002,b ffffffffffffffff,2 ffffffff80000001,a 17b6e365b09ef789,f 2eff95c85499868b,6
da817420 0,4 ffffffffffffffff,f 7fffffffffffffff,2 8000000000000000,4 ffffffff,8 ffffffff80000001,d ffffffff80000000,c 0,1 8000000000000000,8 2152411035014542,b fedcba9876543211,b 7fffffffffffffff,9 3867cea6f7dea19f,e ffffffffffffffff,2 ffffffffffffffe0,d 2152411035014542,7
1a829020 0,f 1,9 1,a 0,c ffffffff,4 7fffffff,4 ffffffff,2 0,7 0,c 89abcdef,3 89abcdef,8 1,1 cafebabe,3 25db295e,9 fffff000,0 89abcdef,2
1a82c420 0,9 0,1 ffffffff,0 0,6 2,a 2,e 0,a 2,7 2,6 89abcdf0,4 40,d 1,b ffffffff,2 0,b 2,d 0,9
5a82d020 0,f 1,3 ffffffff,c 0,6 ffffffff,e 7fffffff,4 0,2 0,d 0,c cafebabe,1 89abcdef,6 1,1 1,9 7fffffff,b 6dfa3bd0,c 89fd4ad3,c
5a823420 0,c 1,c ffffffff,3 1,a ffffffff,1 ffffffff,2 1,f ffffffff,2 ffffffff,3 cafebabe,8 89abcdef,8 1,c ffffffe0,a ffffffc1,2 220c34d6,4 3e14b4f5,3
1a9f97e0 0,f 1,3 1,2 0,4 0,4 0,f 1,a 0,c 0,8 1,2 1,b 0,9 0,0 0,0 0,d 0,c
5a811420 0,3 ffffffff,e ffffffff,8 0,3 1,5 7fffffff,b 80000000,d 0,b 0,3 35014542,5 76543211,c ffffffff,e 1f,1 20,a 0,e 0,6
dac00020 0,6 8000000000000000,9 fffffffffffffffe,3 1,c ffffffff00000000,9 fffffffe00000000,0 1ffffffff,b 0,d 1,e 7d5d7f53f77db57b,4 f7b3d591e6a2c480,f 8000000000000001,9 8000000000000000,f 1fffffffe,d 8000000000000000,0 1,2
dac00420 0,7 100,b ff7fffffffffffff,c 80000000000000,0 ffffffff,0 ff7fffff,c ffffffff00800000,6 0,b 80000000000000,2 addeefbefecabeba,8 23016745ab89efcd,6 80000000000100,5 2f8b836e18b97c82,a ffffffffffff00f0,e ffffffff00800000,b 9bb885ae2664206c,a
dac00820 0,4 1000000,9 ffffff7fffffffff,1 8000000000,7 ffffffff,b ffffff7f,7 ffffffff00000080,9 0,0 8000000000,9 efbeaddebebafeca,3 67452301efcdab89,d 8001000000,e feffffff,1 1000000ffffffff,3 ffffff7f,5 8001000000,f
dac00c20 0,2 100000000000000,f ffffffffffffff7f,7 80,1 ffffffff00000000,2 ffffff7f00000000,6 80ffffffff,4 0,1 80,8 bebafecaefbeadde,3 efcdab8967452301,b 100000000000080,5 100000000000000,0 80ffffff7f,4 fd55d1eb9c53f1b1,9 1f00000000000000,5
dac01020 40,6 3f,1 1,e 0,5 20,c 21,8 0,2 40,0 0,6 0,c 7,5 0,1 21,0 0,6 21,e 0,f
dac01420 3f,a 3e,d 0,f 0,8 1f,0 20,1 20,e 3f,f 0,9 1,7 6,3 0,4 1e,c 1e,1 1e,2 33,8
5ac00020 0,d 80000000,3 ffffffff,8 0,e ffffffff,2 fffffffe,6 1,5 0,9 0,e 7d5d7f53,c f7b3d591,4 80000000,9 0,a 320e1e64,9 447e683d,9 963c5dcc,7
5ac00420 0,b 100,b ffffffff,4 0,e ffffffff,6 ff7fffff,2 800000,8 0,f 0,a fecabeba,8 ab89efcd,f 100,b e46316b,c 3f00,4 fecabeba,2 100,8
5ac00820 0,f 1000000,b ffffffff,a 0,d ffffffff,0 ffffff7f,1 80,2 0,e 0,f bebafeca,5 efcdab89,6 1000000,3 0,d 20000000,a 80,1 b8bb076f,6
5ac01020 20,6 1f,1 0,d 20,4 0,c 1,f 0,2 20,8 20,0 0,2 0,2 1f,d 0,1 0,f 0,4 0,e
5ac01420 1f,8 1e,8 1f,5 1f,d 1f,f 0,c 0,d 1f,6 1f,f 1,1 0,9 1e,e 1f,c 0,d 0,b 1e,1
9ac20820 0,e 0,1 7fffffffffffffff,0 0,a ffffffff,1 7fffffff,5 0,7 0,1 8000000000000000,8 c3,2 49f93edde27d7,7 200000000000000,f 1,6 0,8 1,9 3,c
9ac20c20 0,b ffffffffffffffff,f 7fffffffffffffff,e 8000000000000000,8 ffffffff,1 7fffffff,0 80000000,f 0,2 8000000000000000,8 ffffffffffffffe3,1 49f93edde27d7,2 fe00000000000001,5 0,5 0,4 0,1 0,8
1ac20820 0,2 0,2 ffffffff,f 0,7 ffffffff,f 7fffffff,1 0,1 0,1 0,9 1,f 22f6ceb,3 0,2 0,6 7fffffff,7 0,e 0,b
1ac20c20 0,f ffffffff,7 ffffffff,0 0,0 ffffffff,2 7fffffff,8 80000000,e 0,8 0,8 0,2 fe1f2be8,a 0,d 1,8 0,2 fffffff1,7 0,7
9b020c20 40,9 7f1510307f7ca998,e 800000007fffffff,f ffffffff80000000,9 800000007fffffff,5 5cd5ca4ed613687f,1 80000002,a fffffffe,7 7fffffff80000000,9 7eb689f4ea447da2,4 47ae147ae147adf0,d 4854537985595f24,6 ed70a78335dde09f,b a438892e44e12e07,6 3dd834cccb4969de,e 8000000100000001,a
9b028c20 ffffffff00000000,7 5d23d82ae2f7ec1a,3 7fffffff00000001,6 bbc7ad1e02e54fac,4 fffffffe80000001,4 7fffffff80000001,0 17fffffff,a fff,7 ffffffffffffffff,e 8149760b15bb829f,4 b851eb859eb8522f,d ffffffffffffffdf,9 a874e59754d0c03f,b 7fffffff80000000,c c542b76965a5c89f,4 355b81da16c6c37f,0
9b027c20 0,4 ffffffffffffffff,0 7fffffffffffffff,1 8000000000000000,5 ffffffff,b 7fffffff,f 80000000,3 0,f 8000000000000000,7 7eb689f4ea447d62,d 47ae147ae147add1,4 40,0 0,0 9e5c7b585bf25d1b,1 d1f4f66ed7ef7053,8 7ffffffe00000001,d
9b02fc20 0,d 1,7 8000000000000001,6 8000000000000000,6 ffffffff00000001,a ffffffff80000001,8 ffffffff80000000,4 0,9 8000000000000000,0 8149760b15bb829e,a b851eb851eb8522f,a ffffffffffffffc0,7 ffffffff00000000,7 986853146ff5b654,f 100000000,e 686a67f9fcb71143,3
9b220c20 1ffffffff,5 1256231110b9696a,1 7fffffff7fffffff,0 f0abcadeb7f98ae6,4 1f,6 fffffffe,2 b3b6723143f9d5c8,8 76aaf3ee3233d725,e 5795100c471932c,6 988004b4ea447d63,6 ffffffe3e147add0,f 2a0cf4a7279193cb,b 1defbab3ae,c 70557151df90c70,5 aa2350dced23169b,2 f04d6855,8
9b228c20 100000000,e 57231c4ba1e6a5df,0 c486a63118514c32,a 31c7697f41f4066b,7 37ced3bf5a91e904,b ffffffff80001000,7 7fffffff80000001,d 100000000,f 8000000000000001,9 e8a340b29f67508d,3 1d1eb8526e,d 6f79cbfd96ce5efe,a 6a9b0af87,8 7fffffe0,2 289bf52991e138f6,9 1c9e718b855dc495,9
9b227c20 0,0 ffffffffffffffff,4 ffffffffffffffff,f 0,3 ffffffffffffffff,d 7fffffff,9 80000000,d 0,e 0,3 188004b4ea447d62,d ffffffe2e147add1,4 40,e 0,9 0,6 ffffffffb54bfa9d,d 100000000,f
9ba20c20 f07dde363c3307e,8 123456889abcdee,e aa2874f1293e80,d 745b9edbf79f5e7b,3 80000000fffffffe,7 a9c5e4373d26fc76,3 abe56f68c70981cd,5 0,3 1,b ed2a8d61ea447d61,9 984f26e4fb1babb,1 fffffffffffff040,e fd55d4d682aa2b29,6 9108b7c279e6337c,e fb610fb42b3a2713,8 e801a2f603e4e06e,6
9ba28c20 6916770159369bba,a ffffffff00000040,e 66bb8290cbdc9546,f ffffffff80000000,f ffffffff80000000,5 7fffffff80000000,1 fdfc2a0a6f13bcb7,5 ffffffff,4 20,9 92d5729f15bb829c,b 6f95588c7357f95d,3 7fffffffffffffc0,a 5c3700ba9ce2d088,7 8863befe08346561,e dddbdd16222422e9,8 ffffffc6c3c5ed1f,f
9ba27c20 0,f ffffffff,7 ffffffff,d 0,2 ffffffff,a 7fffffff,e 7fffffff80000000,5 0,9 0,4 6d2a8d61ea447d62,9 21e147add1,3 40,6 0,a 934c24596cb3dba6,5 5435c31b42c70b13,a 89abcdedeca86422,7
9b427c20 0,b ffffffffffffffff,b 0,4 0,7 0,b 0,f 0,8 0,f ffffffffffffffff,3 ffda16776506d22e,5 0,d ffffffffffffffe0,2 0,5 0,d 0,b d8036e38732f6e80,a
9bc27c20 0,e 0,2 0,1 7fffffffffffffff,b 0,d 0,7 ffffffff7fffffff,d 0,e 0,6 fd5bdeeeb2a01d,4 0,a 20,b 6eb0d6d3f9390035,5 3fffffffc0000000,5 7ff,3 a9812d4,d
1b020c20 fff,3 ffe,7 2946c5f9,6 ac3465a0,0 7ffffffe,8 7fffffff,8 7ffff000,e 6eac785b,8 1,2 441a03b4,d 974da562,a 60,5 ec7a49a8,5 fa1d21a7,d dcc18e0d,2 5f89fefb,1
1b028c20 83b3f7fd,b 0,9 1,c fffff000,e 0,e d911d24b,6 233eaff0,0 fff,6 80000000,4 15bb82bd,e 1eb8526f,7 0,3 1ffe,3 ae7afd5b,c 862af29d,0 bd7c371d,7
1b027c20 0,4 ffffffff,0 ffffffff,b 0,1 ffffffff,d 7fffffff,d 80000000,9 0,f 0,3 ea447d62,5 e147add1,0 40,a 1b038393,e 1ffe,a 7fffffc1,0 a2069d6e,b
93400020 0,f ffffffffffffffff,b ffffffffffffffff,a 0,c
93400420 0,2 1,6 ffffffffffffffff,7 0,1
93407c20 0,b 1,d ffffffffffffffff,c 0,a
93408020 0,0 1,4 ffffffffffffffff,f 0,3
9340fc20 0,7 1,4 7fffffffffffffff,8 8000000000000000,3
93410020 0,9 8000000000000000,d 8000000000000000,c 0,a
93410420 0,7 0,3 ffffffffffffffff,2 0,f
93417c20 0,6 0,6 ffffffffffffffff,5 0,f
93418020 0,8 0,7 ffffffffffffffff,6 0,0
9341fc20 0,a 0,e 3fffffffffffffff,f c000000000000000,9
935f0020 0,a fffffffe00000000,a fffffffe00000000,5 0,7
935f0420 0,1 200000000,d fffffffe00000000,4 0,8
935f7c20 0,5 0,2 ffffffffffffffff,d 0,7
935f8020 0,4 0,b ffffffffffffffff,0 0,d
935ffc20 0,b 0,f ffffffff,e ffffffff00000000,8
93600020 0,9 ffffffff00000000,9 ffffffff00000000,6 0,c
93600420 0,6 100000000,7 ffffffff00000000,8 0,2
93607c20 0,8 100000000,2 ffffffff00000000,7 0,4
93608020 0,1 0,5 ffffffffffffffff,4 0,d
9360fc20 0,1 0,1 7fffffff,1 ffffffff80000000,7
937f0020 0,a fffffffffffffffe,a fffffffffffffffe,5 0,3
937f0420 0,4 2,4 fffffffffffffffe,3 0,5
937f7c20 0,6 2,1 fffffffffffffffe,0 0,6
937f8020 0,7 2,c fffffffffffffffe,8 0,b
937ffc20 0,e 0,6 0,7 ffffffffffffffff,0
13000020 0,a ffffffff,a ffffffff,5 0,d
13000420 0,0 1,d ffffffff,2 0,8
13004020 0,c 1,4 ffffffff,b 0,1
13007c20 0,2 1,c ffffffff,d 0,b
13010020 0,a 80000000,a 80000000,5 0,c
13010420 0,d 0,d ffffffff,2 0,a
13014020 0,d 0,d ffffffff,2 0,8
13017c20 0,c 0,8 ffffffff,9 0,f
13100020 0,1 ffff0000,b ffff0000,e 0,4
13100420 0,f 10000,c ffff0000,a 0,3
13104020 0,1 0,7 ffffffff,8 0,2
13107c20 0,4 0,4 ffffffff,b 0,1
131f0020 0,4 fffffffe,6 fffffffe,1 0,3
131f0420 0,0 2,4 fffffffe,5 0,2
131f4020 0,d 2,f fffffffe,0 0,4
131f7c20 0,a 0,0 ffffffff,f 0,f
b3400020 100000000,e ffffffff80000001,a 76ad08ff218d873,9 966a1bb77644d72,d
b3400420 216fe253799874e0,9 7975637d764f97f1,d d543d1244387d477,6 db4fa010c6fb4174,a
b3407c20 b7620ce000000000,6 ffffffff00000001,2 ffffffff,d 7fffffff00000000,5
b3408020 0,c 6f76c95e00000001,f 1ffffffff,9 7ffffffe00000000,f
b340fc20 0,d 1,b 7fffffffffffffff,8 8000000000000000,e
b3410020 483eb562cccdbf4b,f ffffffff80000000,a bc128615f6d21fdd,a 2,f
b3410420 8000000000000000,1 8000000000000000,1 a76deffb48c2d4f3,5 7ffffffe,4
b3417c20 80c7df2e00000000,f d8dd5e0000000000,c 74ebec597fffffff,4 0,b
b3418020 100000000,a 42254cfd00000000,c ffffffff,5 e01f8f9000000000,b
b341fc20 0,e 8000000000000000,5 3fffffffffffffff,a c000000000000000,0
b35f0020 efda2ed8ea26409a,d 7fffffff80000000,3 200000020,8 15fa6c995545750d,4
b35f0420 20,2 3ffffffff,2 60000003f,d fffffff9fffff000,7
b35f7c20 7ffffffffffffffe,1 fffffffe,d 40380534534a0a1b,4 0,2
b35f8020 35cba78e6672a570,2 0,6 c1e794f95c6d05e7,7 cfebe5cdd91190e4,4
b35ffc20 0,1 0,7 5fd6da34ffffffff,6 51daab0100000000,0
b3600020 72146b4010faab1f,a 1fffffffe,e 863858372ae50b89,f 8000000000000001,7
b3600420 0,9 fffffffdfffff000,3 3fffffffe,c ffffffff,a
b3607c20 fffff000,c 100000000,c ffffffff4ba55c8c,7 20,1
b3608020 fffffffe,6 40,6 9522d8ba088a0ba1,1 9b2ea98e8df69ea0,1
b360fc20 0,f 0,c 17fffffff,a 80000000,9
b37f0020 9cf238aba7019e58,c ffffffff,c 7fffffff80000002,3 0,9
b37f0420 0,e deadbeefcafebaba,e 85ec16eee10b7bb6,a 8000000000000001,b
b37f7c20 e2a0ea1a00000000,c 2,8 80000001fffffffe,2 0,8
b37f8020 c03a906800000001,6 fffffffc00000002,0 3416a31fffffffff,3 1,5
b37ffc20 831e13616f3068d8,a 7ffffffe,b 77322016552fc84e,f 3f,e
33000020 87e1e0de,9 1,d 1,c fffffffe,8
33000420 fffffffc,3 fffffffd,8 3,7 fffff000,d
33004020 fffe0000,2 c5480001,0 1ffff,d 75fc0000,7
33007c20 0,a 1,e ffffffff,f 0,c
33010020 20,d 80000040,d 80000001,3 0,8
33010420 89abcdee,9 80000000,7 ffffffff,6 ace84fee,0
33014020 8eb80000,f 816f0000,b ffff,6 0,c
33017c20 80000000,7 0,7 ffffffff,8 80000000,2
33100020 fffefffe,f e5d5a6cf,d 10000,0 0,a
33100420 fff,8 fffdffff,c 11f371d2,7 fffcf000,7
33104020 42156f56,5 fffff000,2 cafebabf,d fffffffe,7
33107c20 0,4 ffff0000,0 ffff,0 b7f90000,4
331f0020 0,2 fe5df2af,e ffffffff,d fffffffc,9
331f0420 52379de9,b 42,b 68283d7f,e ed54a878,8
331f4020 b4000001,8 fffc0003,b ffffffff,4 fffc0000,b
331f7c20 0,e fffffffe,e c77633,3 fffffffe,b
d3400020 0,5 1,5 1,a 0,c
d3400420 0,2 1,2 3,1 0,7
d3407c20 0,9 1,9 ffffffff,7 0,9
d3408020 0,8 1,a 1ffffffff,a 0,b
d340fc20 0,9 1,f 7fffffffffffffff,0 8000000000000000,4
d3410020 0,a 8000000000000000,a 8000000000000000,5 0,f
d3410420 0,c 0,8 1,d 0,f
d3417c20 0,9 0,9 7fffffff,e 0,8
d3418020 0,8 0,1 ffffffff,5 0,d
d341fc20 0,f 0,f 3fffffffffffffff,2 4000000000000000,a
d35f0020 0,7 200000000,e 200000000,2 0,b
d35f0420 0,6 200000000,b 600000000,4 0,e
d35f7c20 0,5 0,1 1,e 0,2
d35f8020 0,1 0,e 3,f 0,9
d35ffc20 0,f 0,4 ffffffff,a 100000000,1
d3600020 0,f 100000000,c 100000000,0 0,b
d3600420 0,6 100000000,6 300000000,9 0,3
d3607c20 0,f 100000000,f ffffffff00000000,d 0,a
d3608020 0,1 0,f 1,4 0,2
d360fc20 0,6 0,2 7fffffff,2 80000000,8
d37f0020 0,5 2,7 2,a 0,5
d37f0420 0,6 2,6 6,0 0,3
d37f7c20 0,b 2,a 1fffffffe,b 0,f
d37f8020 0,1 2,1 3fffffffe,e 0,4
d37ffc20 0,b 0,f 0,e 1,2
53000020 0,6 1,1 1,7 0,5
53000420 0,d 1,d 3,9 0,8
53004020 0,d 1,d 1ffff,2 0,e
53007c20 0,8 1,c ffffffff,d 0,b
53010020 0,9 80000000,d 80000000,c 0,8
53010420 0,1 0,f 1,4 0,a
53014020 0,f 0,4 ffff,0 0,a
53017c20 0,b 0,9 7fffffff,8 0,e
53100020 0,e 10000,b 10000,1 0,c
53100420 0,b 10000,4 30000,5 0,e
53104020 0,3 0,2 1,3 0,5
53107c20 0,f 0,9 ffff,a 0,c
531f0020 0,c 2,8 2,9 0,2
531f0420 0,a 2,e 6,c 0,c
531f4020 0,1 2,d 3fffe,c 0,a
531f7c20 0,a 0,f 1,2 0,a
`;

main();
