/**
 * Builds one static AArch64 program per class file that runs every case under
 * qemu-aarch64 and writes each case's final state to stdout, then reads the code words,
 * disassembly and snippet addresses back out of the linked ELF.
 *
 * Per case the program: CLREX; loads the input record (scratch memory, V0-V31, FPCR,
 * FPSR, TPIDR_EL0, SP, NZCV, X1-X29, then X30 and X0); runs the snippet; then frees X0
 * by `msr tpidr_el0, x0`, stores X30 and calls save_state, which stores X1-X29, NZCV
 * (first, before anything can touch the flags - nothing in between sets them), SP,
 * FPCR, FPSR, X0 (from TPIDR_EL0), V0-V31 and the scratch window, and write(2)s the
 * record. TPIDR_EL0 after the snippet is therefore not recorded; system cases that test
 * it read it back into a general register inside the snippet.
 */

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCRATCH_BASE, SCRATCH_SIZE, DEFAULT_SP, defaultX, defaultV, M64 } from './lib.mjs';

// Record layout (bytes), shared by the input table and the output records.
const OFF_SP = 248;
const OFF_NZCV = 256;
const OFF_FPCR = 264;
const OFF_FPSR = 272;
const OFF_TPIDR = 280;
const OFF_V = 288;
const OFF_MEM = 800;
export const RECORD_SIZE = OFF_MEM + SCRATCH_SIZE;

export const TEXT_BASE = 0x4000_0000;
const DATA_BASE = 0x4800_0000;
export const QEMU_CPU = 'neoverse-n1'; // LSE atomics, and DC ZVA blocks of 64 bytes like our machine

/** The full input state of a case, defaults filled in. */
export function fullInput(rng, input) {
  const x = [];
  for (let n = 0; n < 31; n++) x.push(input.x?.[n] ?? defaultX(n));
  const v = [];
  for (let n = 0; n < 32; n++) v.push(input.v?.[n] ?? defaultV(n));
  let mem = new Uint8Array(SCRATCH_SIZE);
  if (input.mem === true) mem = rng.bytes(SCRATCH_SIZE);
  else if (input.mem instanceof Uint8Array) mem.set(input.mem);
  return {
    x: x.map((b) => b & M64),
    sp: (input.sp ?? DEFAULT_SP) & M64,
    nzcv: input.nzcv ?? 0,
    fpcr: input.fpcr ?? 0,
    fpsr: input.fpsr ?? 0,
    tpidr: input.tpidr ?? 0n,
    v: v.map((b) => b & ((1n << 128n) - 1n)),
    mem,
    hasMem: input.mem !== undefined,
  };
}

function encodeRecord(s) {
  const buf = Buffer.alloc(RECORD_SIZE);
  s.x.forEach((v, i) => buf.writeBigUInt64LE(v, i * 8));
  buf.writeBigUInt64LE(s.sp, OFF_SP);
  buf.writeBigUInt64LE(BigInt(s.nzcv >>> 0), OFF_NZCV);
  buf.writeBigUInt64LE(BigInt(s.fpcr >>> 0), OFF_FPCR);
  buf.writeBigUInt64LE(BigInt(s.fpsr >>> 0), OFF_FPSR);
  buf.writeBigUInt64LE(BigInt(s.tpidr), OFF_TPIDR);
  s.v.forEach((v, i) => {
    buf.writeBigUInt64LE(v & M64, OFF_V + i * 16);
    buf.writeBigUInt64LE(v >> 64n, OFF_V + i * 16 + 8);
  });
  Buffer.from(s.mem).copy(buf, OFF_MEM);
  return buf;
}

function decodeRecord(buf) {
  const x = [];
  for (let i = 0; i < 31; i++) x.push(buf.readBigUInt64LE(i * 8));
  const v = [];
  for (let i = 0; i < 32; i++) v.push((buf.readBigUInt64LE(OFF_V + i * 16 + 8) << 64n) | buf.readBigUInt64LE(OFF_V + i * 16));
  return {
    x,
    sp: buf.readBigUInt64LE(OFF_SP),
    nzcv: Number(buf.readBigUInt64LE(OFF_NZCV)),
    fpcr: Number(buf.readBigUInt64LE(OFF_FPCR)),
    fpsr: Number(buf.readBigUInt64LE(OFF_FPSR)),
    v,
    mem: new Uint8Array(buf.subarray(OFF_MEM, OFF_MEM + SCRATCH_SIZE)),
  };
}

const PRELUDE = `
  .text
  .globl _start
_start:
  b case_0

// x0 = input record. Loads everything but x0 and x30; returns through x30.
load_state:
  adrp x1, scratch
  add x1, x1, :lo12:scratch
  add x2, x0, #${OFF_MEM}
  mov x3, #0
1: ldr x4, [x2, x3]
  str x4, [x1, x3]
  add x3, x3, #8
  cmp x3, #${SCRATCH_SIZE}
  b.ne 1b
  add x1, x0, #${OFF_V}
${Array.from({ length: 16 }, (_, i) => `  ldp q${2 * i}, q${2 * i + 1}, [x1], #32`).join('\n')}
  ldr x1, [x0, #${OFF_FPCR}]
  msr fpcr, x1
  ldr x1, [x0, #${OFF_FPSR}]
  msr fpsr, x1
  ldr x1, [x0, #${OFF_TPIDR}]
  msr tpidr_el0, x1
  ldr x1, [x0, #${OFF_SP}]
  mov sp, x1
  ldr x1, [x0, #${OFF_NZCV}]
  msr nzcv, x1
${Array.from({ length: 14 }, (_, i) => `  ldp x${2 * i + 1}, x${2 * i + 2}, [x0, #${(2 * i + 1) * 8}]`).join('\n')}
  ldr x29, [x0, #${29 * 8}]
  ret

// x0 = output record, x30 already stored, the snippet's x0 in TPIDR_EL0.
save_state:
${Array.from({ length: 14 }, (_, i) => `  stp x${2 * i + 1}, x${2 * i + 2}, [x0, #${(2 * i + 1) * 8}]`).join('\n')}
  str x29, [x0, #${29 * 8}]
  mrs x1, nzcv
  str x1, [x0, #${OFF_NZCV}]
  mov x1, sp
  str x1, [x0, #${OFF_SP}]
  mrs x1, fpcr
  str x1, [x0, #${OFF_FPCR}]
  mrs x1, fpsr
  str x1, [x0, #${OFF_FPSR}]
  mrs x1, tpidr_el0
  str x1, [x0]
  str xzr, [x0, #${OFF_TPIDR}]
  add x1, x0, #${OFF_V}
${Array.from({ length: 16 }, (_, i) => `  stp q${2 * i}, q${2 * i + 1}, [x1], #32`).join('\n')}
  adrp x1, scratch
  add x1, x1, :lo12:scratch
  add x2, x0, #${OFF_MEM}
  mov x3, #0
1: ldr x4, [x1, x3]
  str x4, [x2, x3]
  add x3, x3, #8
  cmp x3, #${SCRATCH_SIZE}
  b.ne 1b
  mov x1, x0
  mov x0, #1
  mov x2, #${RECORD_SIZE}
  mov x8, #64
  svc #0
  cmp x0, #${RECORD_SIZE}
  b.ne write_failed
  ret
write_failed:
  mov x0, #3
  mov x8, #93
  svc #0
`;

function caseAssembly(i, c) {
  const label = (name) => (name === 'end' ? `snipend_${i}` : `.Lc${i}_${name}`);
  const body = c.asm.map((line) => line.replace(/%(\w+)/g, (_, n) => label(n))).map((l) => (l.endsWith(':') ? l : '  ' + l));
  return `
case_${i}:
  clrex
  adrp x0, in_table + ${i * RECORD_SIZE}
  add x0, x0, :lo12:in_table + ${i * RECORD_SIZE}
  bl load_state
  ldr x30, [x0, #240]
  ldr x0, [x0]
snip_${i}:
${body.join('\n')}
snipend_${i}:
  msr tpidr_el0, x0
  adrp x0, outrec
  add x0, x0, :lo12:outrec
  str x30, [x0, #240]
  bl save_state
`;
}

/** Assembles, links and runs one class; returns per case {addr, code, asm, input, output}. */
export function runClass(cls, cases, rng, workdir) {
  const inputs = cases.map((c) => fullInput(rng, c.input));
  let src = PRELUDE;
  cases.forEach((c, i) => (src += caseAssembly(i, c)));
  src += `case_${cases.length}:\n  mov x0, #0\n  mov x8, #93\n  svc #0\n`;
  src += `  .data\n  .balign 16\noutrec: .space ${RECORD_SIZE}\n`;
  const inputFile = join(workdir, `${cls}.in.bin`);
  writeFileSync(inputFile, Buffer.concat(inputs.map(encodeRecord)));
  src += `  .balign 16\nin_table: .incbin "${inputFile}"\n`;
  src += `  .section .scratch,"aw"\nscratch: .space ${SCRATCH_SIZE}\n`;
  const asmFile = join(workdir, `${cls}.S`);
  const elf = join(workdir, `${cls}.elf`);
  writeFileSync(asmFile, src);
  execFileSync('aarch64-linux-gnu-gcc', [
    '-march=armv8.2-a', '-nostdlib', '-static', '-no-pie',
    `-Wl,-Ttext=0x${TEXT_BASE.toString(16)}`, `-Wl,-Tdata=0x${DATA_BASE.toString(16)}`,
    `-Wl,--section-start=.scratch=0x${SCRATCH_BASE.toString(16)}`, '-Wl,--build-id=none',
    asmFile, '-o', elf,
  ], { stdio: ['ignore', 'inherit', 'inherit'] });

  // Snippet addresses from the symbol table.
  const symbols = new Map();
  for (const line of execFileSync('aarch64-linux-gnu-nm', [elf], { maxBuffer: 1 << 28 }).toString().split('\n')) {
    const m = /^([0-9a-f]+) \w (snip(?:end)?_\d+)$/.exec(line);
    if (m) symbols.set(m[2], parseInt(m[1], 16));
  }
  const lastEnd = symbols.get(`snipend_${cases.length - 1}`);
  if (lastEnd >= Number(SCRATCH_BASE)) throw new Error(`${cls}: text reaches the scratch window`);

  // Words and disassembly per address.
  const insns = new Map();
  const dump = execFileSync('aarch64-linux-gnu-objdump', ['-d', '-j', '.text', elf], { maxBuffer: 1 << 30 }).toString();
  for (const line of dump.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
    if (m) insns.set(parseInt(m[1], 16), { word: m[2], text: m[3].replace(/\s*\/\/.*$/, '').replace(/\s*<[^>]*>/g, '').replace(/\t/g, ' ').trim() });
  }

  const out = execFileSync('qemu-aarch64', ['-cpu', QEMU_CPU, elf], { maxBuffer: 1 << 30 });
  if (out.length !== RECORD_SIZE * cases.length) {
    throw new Error(`${cls}: qemu wrote ${out.length} bytes, expected ${RECORD_SIZE * cases.length}`);
  }
  return cases.map((c, i) => {
    const start = symbols.get(`snip_${i}`);
    const end = symbols.get(`snipend_${i}`);
    const code = [];
    const text = [];
    for (let a = start; a < end; a += 4) {
      const insn = insns.get(a);
      if (!insn) throw new Error(`${cls}: no disassembly at 0x${a.toString(16)} (case ${c.name})`);
      code.push(insn.word);
      text.push(insn.text);
    }
    return { addr: start, code, text, input: inputs[i], output: decodeRecord(out.subarray(i * RECORD_SIZE, (i + 1) * RECORD_SIZE)) };
  });
}
