// The fault report's disassembler (kernel/debug/disassembler.ts) against binutils: every
// instruction of the executable sections of committed ELF files (glibc, Rust, Go and a
// freestanding C program), disassembled one word at a time and compared with
// aarch64-linux-gnu-objdump -d on the same file. Only the spellings the disassembler's header
// documents may differ (number bases and widths, cs/hs and cc/lo, branch-target form, FP
// immediate digits, register-list ranges, lane-index base, MOV/ORR bitmask alias); any other
// difference fails, listed with its word.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './kernel-helpers.js';
import { disassemble, registersOf } from '../../kernel/debug/disassembler.js';

const FILES = [
  'packages/kernel-tests/bin/gdbtarget', // glibc, static: memcpy/strlen in SIMD, system registers
  'packages/bin/stdcheck', // Rust std
  'packages/realworld/bin/go/channels', // Go's runtime: atomics, its own assembly
  'packages/kernel-tests/bin/traps', // freestanding C: udf, brk
];

const haveObjdump = spawnSync('aarch64-linux-gnu-objdump', ['--version']).status === 0;

/** Operands whose last field is a PC-relative target: objdump prints `ADDR <sym>`, Capstone `#0xADDR`. */
const PC_RELATIVE = /^(b|bl|b\.\w+|cbn?z|tbn?z|adrp?|ldr|ldrsw|prfm)$/;

/** One spelling for both tools, per the documented differences. */
function canonical(text: string): string {
  let s = text.replace(/\s*\/\/.*$/, '').replace(/\s+/g, ' ').trim();
  const sp = s.indexOf(' ');
  let mnemonic = sp < 0 ? s : s.slice(0, sp);
  let ops = sp < 0 ? '' : s.slice(sp + 1);
  mnemonic = mnemonic.replace(/^b\.cs$/, 'b.hs').replace(/^b\.cc$/, 'b.lo');
  // MOV (bitmask immediate): objdump keeps ORR when MOVZ/MOVN could also make the value.
  const orrMov = /^([xw]\d+|w?sp), [xw]zr, (#.*)$/.exec(ops);
  if (mnemonic === 'orr' && orrMov) {
    mnemonic = 'mov';
    ops = `${orrMov[1]}, ${orrMov[2]}`;
  }
  // Register lists: objdump writes three or four consecutive registers as a range.
  ops = ops.replace(/\{v(\d+)(\.\w+)-v(\d+)\.\w+\}/, (_m, a: string, arr: string, b: string) => {
    const regs: string[] = [];
    for (let i = Number(a); ; i = (i + 1) % 32) {
      regs.push(`v${i}${arr}`);
      if (i === Number(b)) break;
    }
    return `{${regs.join(', ')}}`;
  });
  // Lane indices: Capstone in hex from 10 up, objdump in decimal.
  ops = ops.replace(/\]\[(0x[0-9a-f]+|\d+)\]|\}\[(0x[0-9a-f]+|\d+)\]/g, (m, a?: string, b?: string) => m.replace(a ?? b ?? '', String(Number(a ?? b))));
  if (PC_RELATIVE.test(mnemonic)) ops = ops.replace(/(^|, )(?:0x)?([0-9a-f]+)( <[^>]*>)?$/, '$1#0x$2');
  ops = ops.replace(/\bcs$/, 'hs').replace(/\bcc$/, 'lo');
  // FP immediates as numbers, then every integer immediate at the operation's width.
  ops = ops.replace(/#(-?\d+\.\d+(?:e[+-]\d+)?)/g, (_m, f: string) => `#f${Number.parseFloat(f)}`);
  const width = /^w/.test(ops) ? 32 : 64;
  ops = ops.replace(/#(-?)(0x[0-9a-f]+|\d+)\b/g, (_m, sign: string, n: string) => {
    const v = BigInt(n) * (sign ? -1n : 1n);
    return '#' + BigInt.asUintN(width, v).toString();
  });
  s = ops ? `${mnemonic} ${ops}` : mnemonic;
  return s;
}

t.test('every instruction of committed ELF files reads as objdump reads it', { skip: haveObjdump ? false : 'aarch64-linux-gnu-objdump not installed' }, (t) => {
  for (const rel of FILES) {
    const file = join(ROOT, rel);
    const dump = spawnSync('aarch64-linux-gnu-objdump', ['-d', file], { encoding: 'utf8', maxBuffer: 1 << 30 });
    t.equal(dump.status, 0, `objdump -d ${rel}`);
    let total = 0;
    const wrong: string[] = [];
    for (const line of dump.stdout.split('\n')) {
      const m = /^\s+([0-9a-f]+):\s+([0-9a-f]{8})\s+(.*)$/.exec(line);
      if (!m) continue;
      total++;
      const word = Number.parseInt(m[2], 16);
      const ours = disassemble(word, BigInt('0x' + m[1]));
      const theirs = m[3];
      // objdump's own words for a word it cannot decode: `undefined`, and NYI for encodings it knows it lacks.
      const undefinedThere = /^\.inst\b.*; (undefined|NYI)/.test(theirs);
      if (ours === null) {
        if (!undefinedThere) wrong.push(`${m[2]}: (none) vs ${theirs}`);
        continue;
      }
      if (canonical(ours) !== canonical(theirs)) wrong.push(`${m[2]}: ${ours} vs ${theirs}`);
    }
    t.ok(total > 200, `${rel}: ${total} instructions`);
    t.same(wrong.slice(0, 20), [], `${rel}: ${wrong.length} of ${total} differ beyond the documented spellings`);
  }
  t.end();
});

t.test('the fault report names the registers the instruction used', (t) => {
  t.equal(disassemble(0x39000c01), 'strb w1, [x0, #3]', 'the issue\'s example');
  t.same(registersOf('strb w1, [x0, #3]'), ['w1', 'x0']);
  t.same(registersOf('stp x29, x30, [sp, #-0xd0]!'), ['x29', 'x30', 'sp']);
  t.same(registersOf('add v0.16b, v1.16b, v2.16b'), ['v0', 'v1', 'v2']);
  t.same(registersOf('str q0, [x0, x1, lsl #4]'), ['q0', 'x0', 'x1']);
  t.same(registersOf('mov x0, xzr'), ['x0'], 'the zero register holds nothing to show');
  t.equal(disassemble(0xffffffff), null, 'an unallocated word has no text');
  t.end();
});
