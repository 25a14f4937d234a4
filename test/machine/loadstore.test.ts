/**
 * General-purpose loads and stores (machine/insn/loadstore.ts): every addressing mode and
 * size, sign extension, writeback, 64-bit address arithmetic across the 4 GiB line,
 * page-crossing unaligned accesses, unprivileged accesses, faults and unallocated
 * encodings. Instruction words come from aarch64-linux-gnu-as (assembly in the comments);
 * the CONSTRAINED UNPREDICTABLE choices were checked against qemu-aarch64 7.2.
 */

import t, { type Test } from 'tap';
import { Machine } from '../../machine/index.js';
import { identityMapForEl0, KERNEL_RWX, USER_RWX, type PageTables } from '../helpers/pagetables.js';

const CODE = 0x4000_1000;
const DATA = 0x4010_0000;
/** The base most cases use: DATA + 0x100, so negative offsets stay in the filled area. */
const D = DATA + 0x100;
const BRK0 = 0xd4200000;
const GARBAGE = 0xdead_beef_dead_beefn;
const STORED = 0x8877_6655_4433_2211n;

interface Stop {
  ec: number;
  iss: number;
  elr: bigint;
  far: bigint;
}

function machine(): { m: Machine; pt: PageTables } {
  const m = new Machine({ ramSize: 16 << 20 });
  const pt = identityMapForEl0(m);
  return { m, pt };
}

/** A recognisable byte pattern with both sign-bit states in every few bytes. */
function patternByte(i: number): number {
  return (i * 0x1d + 0x87) & 0xff;
}
function fillPattern(m: Machine, pa: number, length: number): void {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = patternByte(i);
  m.memory.write(pa, bytes);
}

/** Little-endian value of `size` bytes at physical address pa. */
function readMem(m: Machine, pa: number, size: number): bigint {
  const b = m.memory.read(pa, size);
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}

/** Runs `words` then BRK #0 at `at` (EL `el`), returns the stop syndrome. */
function run(m: Machine, words: readonly number[], el: 0 | 1 = 0, at = CODE, va: bigint = BigInt(at)): Stop {
  words.forEach((w, i) => m.memory.write32(at + 4 * i, w >>> 0));
  m.memory.write32(at + 4 * words.length, BRK0);
  m.cpu.setExceptionLevel(el);
  m.setPc(va);
  m.run(1000);
  const { ec, iss } = m.syndrome;
  return { ec, iss, elr: m.readSysReg('ELR_EL1'), far: m.readSysReg('FAR_EL1') };
}

/** True when the run reached the final BRK (EC 0x3C, or 0x00 if BRK is not there yet). */
function completed(s: Stop, words: readonly number[], at: bigint = BigInt(CODE)): boolean {
  return s.elr === at + BigInt(4 * words.length) && (s.ec === 0x3c || s.ec === 0x00);
}

function extend(v: bigint, size: number, op: string): bigint {
  const bits = BigInt(size * 8);
  if (op === 's64') return BigInt.asUintN(64, BigInt.asIntN(Number(bits), v));
  if (op === 's32') return BigInt.asUintN(32, BigInt.asIntN(Number(bits), v));
  return v;
}

interface Case {
  insn: number;
  /** X2 as an offset from D. */
  x2: number;
  x3?: bigint;
  /** Address accessed, as an offset from D. */
  addr: number;
  size: number;
  /** u: zero-extending load, s64/s32: sign-extending load to X/W, st: store of X1. */
  op: 'u' | 's64' | 's32' | 'st';
  /** Expected X2 afterwards (offset from D) when there is writeback. */
  wb?: number;
}

function checkCases(t: Test, cases: readonly Case[]): void {
  const { m } = machine();
  for (const c of cases) {
    fillPattern(m, DATA, 0x8100);
    m.setX(1, c.op === 'st' ? STORED : GARBAGE);
    m.setX(2, BigInt(D + c.x2));
    if (c.x3 !== undefined) m.setX(3, c.x3);
    const s = run(m, [c.insn]);
    const name = `0x${(c.insn >>> 0).toString(16)}`;
    if (!completed(s, [c.insn])) {
      t.fail(`${name}: stopped with EC 0x${s.ec.toString(16)} ISS 0x${s.iss.toString(16)}`);
      continue;
    }
    if (c.op === 'st') {
      t.equal(readMem(m, D + c.addr, c.size), STORED & ((1n << BigInt(c.size * 8)) - 1n), `${name} stores`);
      // Neighbours untouched.
      t.equal(readMem(m, D + c.addr - 1, 1), BigInt(patternByte(0x100 + c.addr - 1)), `${name} byte below`);
      t.equal(readMem(m, D + c.addr + c.size, 1), BigInt(patternByte(0x100 + c.addr + c.size)), `${name} byte above`);
    } else {
      // Memory holds the pattern; compute what the load must see.
      let v = 0n;
      for (let i = c.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(patternByte(0x100 + c.addr + i));
      t.equal(m.getX(1), extend(v, c.size, c.op), `${name} loads`);
    }
    t.equal(m.getX(2), BigInt(D + (c.wb ?? c.x2)), `${name} base`);
  }
}

t.test('unsigned scaled offset: every size and extension', (t) => {
  checkCases(t, [
    { insn: 0xf9400441 /* ldr x1, [x2, #8] */, x2: 0, addr: 8, size: 8, op: 'u' },
    { insn: 0xf9400041 /* ldr x1, [x2] */, x2: 3, addr: 3, size: 8, op: 'u' },
    { insn: 0xb9400441 /* ldr w1, [x2, #4] */, x2: 0, addr: 4, size: 4, op: 'u' },
    { insn: 0x39400c41 /* ldrb w1, [x2, #3] */, x2: 0, addr: 3, size: 1, op: 'u' },
    { insn: 0x79400c41 /* ldrh w1, [x2, #6] */, x2: 0, addr: 6, size: 2, op: 'u' },
    { insn: 0x39800041 /* ldrsb x1, [x2] */, x2: 0, addr: 0, size: 1, op: 's64' },
    { insn: 0x39801441 /* ldrsb x1, [x2, #5] */, x2: 0, addr: 5, size: 1, op: 's64' },
    { insn: 0x39c00041 /* ldrsb w1, [x2] */, x2: 0, addr: 0, size: 1, op: 's32' },
    { insn: 0x79800441 /* ldrsh x1, [x2, #2] */, x2: 0, addr: 2, size: 2, op: 's64' },
    { insn: 0x79800c41 /* ldrsh x1, [x2, #6] */, x2: 0, addr: 6, size: 2, op: 's64' },
    { insn: 0x79c00441 /* ldrsh w1, [x2, #2] */, x2: 0, addr: 2, size: 2, op: 's32' },
    { insn: 0xb9800841 /* ldrsw x1, [x2, #8] */, x2: 0, addr: 8, size: 4, op: 's64' },
    { insn: 0xb9800c41 /* ldrsw x1, [x2, #12] */, x2: 0, addr: 12, size: 4, op: 's64' },
    { insn: 0xf97ffc41 /* ldr x1, [x2, #32760] */, x2: -0x100, addr: 32760 - 0x100, size: 8, op: 'u' },
    { insn: 0xb97ffc41 /* ldr w1, [x2, #16380] */, x2: -0x100, addr: 16380 - 0x100, size: 4, op: 'u' },
    { insn: 0x797ffc41 /* ldrh w1, [x2, #8190] */, x2: -0x100, addr: 8190 - 0x100, size: 2, op: 'u' },
    { insn: 0x397ffc41 /* ldrb w1, [x2, #4095] */, x2: -0x100, addr: 4095 - 0x100, size: 1, op: 'u' },
    { insn: 0xf9000841 /* str x1, [x2, #16] */, x2: 0, addr: 16, size: 8, op: 'st' },
    { insn: 0xb9001441 /* str w1, [x2, #20] */, x2: 0, addr: 20, size: 4, op: 'st' },
    { insn: 0x79000441 /* strh w1, [x2, #2] */, x2: 0, addr: 2, size: 2, op: 'st' },
    { insn: 0x39001c41 /* strb w1, [x2, #7] */, x2: 0, addr: 7, size: 1, op: 'st' },
    { insn: 0xf9000441 /* str x1, [x2, #8] */, x2: 1, addr: 9, size: 8, op: 'st' },
  ]);
  t.end();
});

t.test('unscaled offset (LDUR/STUR family) with negative offsets', (t) => {
  checkCases(t, [
    { insn: 0xf85f9041 /* ldur x1, [x2, #-7] */, x2: 0, addr: -7, size: 8, op: 'u' },
    { insn: 0xb8500041 /* ldur w1, [x2, #-256] */, x2: 0, addr: -256, size: 4, op: 'u' },
    { insn: 0x784ff041 /* ldurh w1, [x2, #255] */, x2: 0, addr: 255, size: 2, op: 'u' },
    { insn: 0x385ff041 /* ldurb w1, [x2, #-1] */, x2: 0, addr: -1, size: 1, op: 'u' },
    { insn: 0x389fd041 /* ldursb x1, [x2, #-3] */, x2: 0, addr: -3, size: 1, op: 's64' },
    { insn: 0x38dfd041 /* ldursb w1, [x2, #-3] */, x2: 0, addr: -3, size: 1, op: 's32' },
    { insn: 0x789f3041 /* ldursh x1, [x2, #-13] */, x2: 0, addr: -13, size: 2, op: 's64' },
    { insn: 0x78df3041 /* ldursh w1, [x2, #-13] */, x2: 0, addr: -13, size: 2, op: 's32' },
    { insn: 0xb89f8041 /* ldursw x1, [x2, #-8] */, x2: 0, addr: -8, size: 4, op: 's64' },
    { insn: 0xf81fd041 /* stur x1, [x2, #-3] */, x2: 0, addr: -3, size: 8, op: 'st' },
    { insn: 0xb8001041 /* stur w1, [x2, #1] */, x2: 0, addr: 1, size: 4, op: 'st' },
    { insn: 0x781ff041 /* sturh w1, [x2, #-1] */, x2: 0, addr: -1, size: 2, op: 'st' },
    { insn: 0x38180041 /* sturb w1, [x2, #-128] */, x2: 0, addr: -128, size: 1, op: 'st' },
  ]);
  t.end();
});

t.test('pre- and post-index write the base back', (t) => {
  checkCases(t, [
    { insn: 0xf8408c41 /* ldr x1, [x2, #8]! */, x2: 0, addr: 8, size: 8, op: 'u', wb: 8 },
    { insn: 0xf85f8441 /* ldr x1, [x2], #-8 */, x2: 0, addr: 0, size: 8, op: 'u', wb: -8 },
    { insn: 0xb8500c41 /* ldr w1, [x2, #-256]! */, x2: 0, addr: -256, size: 4, op: 'u', wb: -256 },
    { insn: 0xb84ff441 /* ldr w1, [x2], #255 */, x2: 0, addr: 0, size: 4, op: 'u', wb: 255 },
    { insn: 0x389ffc41 /* ldrsb x1, [x2, #-1]! */, x2: 0, addr: -1, size: 1, op: 's64', wb: -1 },
    { insn: 0x38c01441 /* ldrsb w1, [x2], #1 */, x2: 0, addr: 0, size: 1, op: 's32', wb: 1 },
    { insn: 0x78402441 /* ldrh w1, [x2], #2 */, x2: 0, addr: 0, size: 2, op: 'u', wb: 2 },
    { insn: 0x78802c41 /* ldrsh x1, [x2, #2]! */, x2: 0, addr: 2, size: 2, op: 's64', wb: 2 },
    { insn: 0x78c02c41 /* ldrsh w1, [x2, #2]! */, x2: 0, addr: 2, size: 2, op: 's32', wb: 2 },
    { insn: 0xb89fc441 /* ldrsw x1, [x2], #-4 */, x2: 8, addr: 8, size: 4, op: 's64', wb: 4 },
    { insn: 0x38403c41 /* ldrb w1, [x2, #3]! */, x2: 0, addr: 3, size: 1, op: 'u', wb: 3 },
    { insn: 0xf81f0c41 /* str x1, [x2, #-16]! */, x2: 0, addr: -16, size: 8, op: 'st', wb: -16 },
    { insn: 0xf8010441 /* str x1, [x2], #16 */, x2: 0, addr: 0, size: 8, op: 'st', wb: 16 },
    { insn: 0xb81fcc41 /* str w1, [x2, #-4]! */, x2: 0, addr: -4, size: 4, op: 'st', wb: -4 },
    { insn: 0x781fe441 /* strh w1, [x2], #-2 */, x2: 0, addr: 0, size: 2, op: 'st', wb: -2 },
    { insn: 0x38001441 /* strb w1, [x2], #1 */, x2: 0, addr: 0, size: 1, op: 'st', wb: 1 },
  ]);
  t.end();
});

t.test('register offset: extends and scales', (t) => {
  checkCases(t, [
    { insn: 0xf8636841 /* ldr x1, [x2, x3] */, x2: 0, x3: 16n, addr: 16, size: 8, op: 'u' },
    { insn: 0xf8637841 /* ldr x1, [x2, x3, lsl #3] */, x2: 0, x3: u64(-2n), addr: -16, size: 8, op: 'u' },
    { insn: 0xb8635841 /* ldr w1, [x2, w3, uxtw #2] */, x2: 0, x3: 0xffff_ffff_0000_0003n, addr: 12, size: 4, op: 'u' },
    { insn: 0xb863d841 /* ldr w1, [x2, w3, sxtw #2] */, x2: 0, x3: 0x0000_0001_ffff_fffdn, addr: -12, size: 4, op: 'u' },
    { insn: 0xf863c841 /* ldr x1, [x2, w3, sxtw] */, x2: 0, x3: 0xffff_fffbn, addr: -5, size: 8, op: 'u' },
    { insn: 0xf863f841 /* ldr x1, [x2, x3, sxtx #3] */, x2: 0, x3: u64(-1n), addr: -8, size: 8, op: 'u' },
    { insn: 0x78a37841 /* ldrsh x1, [x2, x3, lsl #1] */, x2: 0, x3: 1n, addr: 2, size: 2, op: 's64' },
    { insn: 0x78e3d841 /* ldrsh w1, [x2, w3, sxtw #1] */, x2: 0, x3: 0xffff_ffffn, addr: -2, size: 2, op: 's32' },
    { insn: 0x78636841 /* ldrh w1, [x2, x3] */, x2: 0, x3: 7n, addr: 7, size: 2, op: 'u' },
    { insn: 0x38637841 /* ldrb w1, [x2, x3, lsl #0] */, x2: 0, x3: 7n, addr: 7, size: 1, op: 'u' },
    { insn: 0x38a34841 /* ldrsb x1, [x2, w3, uxtw] */, x2: 0, x3: 0x1_0000_0000n, addr: 0, size: 1, op: 's64' },
    { insn: 0x38e3c841 /* ldrsb w1, [x2, w3, sxtw] */, x2: 0, x3: 0xffff_ff00n, addr: -256, size: 1, op: 's32' },
    { insn: 0xb8a37841 /* ldrsw x1, [x2, x3, lsl #2] */, x2: 0, x3: 2n, addr: 8, size: 4, op: 's64' },
    { insn: 0xb8a3e841 /* ldrsw x1, [x2, x3, sxtx] */, x2: 0, x3: u64(-9n), addr: -9, size: 4, op: 's64' },
    { insn: 0xf87f7841 /* ldr x1, [x2, xzr, lsl #3] */, x2: 5, addr: 5, size: 8, op: 'u' },
    { insn: 0xf8237841 /* str x1, [x2, x3, lsl #3] */, x2: 0, x3: 3n, addr: 24, size: 8, op: 'st' },
    { insn: 0xb823d841 /* str w1, [x2, w3, sxtw #2] */, x2: 0, x3: 0xffff_fffen, addr: -8, size: 4, op: 'st' },
    { insn: 0x78237841 /* strh w1, [x2, x3, lsl #1] */, x2: 0, x3: 5n, addr: 10, size: 2, op: 'st' },
    { insn: 0x38234841 /* strb w1, [x2, w3, uxtw] */, x2: 0, x3: 0xffff_ffff_0000_0021n, addr: 0x21, size: 1, op: 'st' },
  ]);
  t.end();
});

t.test('PRFM and PRFUM are hints: no access, no fault', (t) => {
  const { m } = machine();
  m.setX(2, 0x1000n); // unmapped
  m.setX(3, 8n);
  const words = [0xf9800440 /* prfm pldl1keep, [x2, #8] */, 0xf89fd053 /* prfum pstl2strm, [x2, #-3] */, 0xf8a37848 /* prfm plil1keep, [x2, x3, lsl #3] */, 0xd8080000 /* prfm pldl1keep, .+0x10000 */];
  t.ok(completed(run(m, words), words));
  t.end();
});

t.test('literal loads are PC-relative', (t) => {
  const { m } = machine();
  const words = [
    0x580000a1 /* ldr x1, .+20 */, // CODE+20
    0x18000083 /* ldr w3, .+16 */, // CODE+20
    0x98000084 /* ldrsw x4, .+16 */, // CODE+24
    0x58ffffa5 /* ldr x5, .-12 */, // CODE-0: the code itself, 12 bytes back from CODE+12
  ];
  m.setX(3, GARBAGE);
  words.forEach((w, i) => m.memory.write32(CODE + 4 * i, w));
  m.memory.write32(CODE + 16, BRK0);
  m.memory.write32(CODE + 20, 0x8765_4321);
  m.memory.write32(CODE + 24, 0x89ab_cdef);
  m.cpu.setExceptionLevel(0);
  m.setPc(BigInt(CODE));
  m.run(100);
  t.equal(m.readSysReg('ELR_EL1'), BigInt(CODE + 16));
  t.equal(m.getX(1), 0x89ab_cdef_8765_4321n);
  t.equal(m.getX(3), 0x8765_4321n);
  t.equal(m.getX(4), 0xffff_ffff_89ab_cdefn);
  t.equal(m.getX(5), (BigInt(words[1] >>> 0) << 32n) | BigInt(words[0] >>> 0));
  t.end();
});

t.test('XZR as Rt: stores write zero, loads are discarded; SP as base', (t) => {
  const { m } = machine();
  fillPattern(m, DATA, 0x400);
  m.setX(2, BigInt(D));
  m.setSp(BigInt(D + 0x40));
  m.setX(1, STORED);
  m.setX(4, 0x0102_0304_0506_0708n);
  const words = [
    0xf900005f /* str xzr, [x2] */,
    0xf940045f /* ldr xzr, [x2, #8] */,
    0xf81f0fe1 /* str x1, [sp, #-16]! */,
    0xf90007e4 /* str x4, [sp, #8] */,
    0xf84107e5 /* ldr x5, [sp], #16 */,
    0xf85f83e6 /* ldr x6, [sp, #-8] */,
    0xa9be13e1 /* stp x1, x4, [sp, #-32]! */,
    0xa8c223e7 /* ldp x7, x8, [sp], #32 */,
  ];
  t.ok(completed(run(m, words), words));
  t.equal(readMem(m, D, 8), 0n);
  t.equal(m.readSysReg('SP_EL0'), BigInt(D + 0x40), 'SP_EL0 back where it started');
  t.equal(m.getX(5), STORED);
  t.equal(m.getX(6), 0x0102_0304_0506_0708n);
  t.equal(m.getX(7), STORED);
  t.equal(m.getX(8), 0x0102_0304_0506_0708n);
  t.equal(readMem(m, D + 0x20, 8), STORED);
  t.end();
});

t.test('writeback with Rn == Rt follows qemu', (t) => {
  const { m } = machine();
  fillPattern(m, DATA, 0x400);
  const cases: [number, bigint, bigint | null][] = [
    // [insn, expected X9, expected memory at D+8 or null]
    [0xf8408d29 /* ldr x9, [x9, #8]! */, BigInt(D + 8), null],
    [0xf8408529 /* ldr x9, [x9], #8 */, BigInt(D + 8), null],
    [0xa9c0a929 /* ldp x9, x10, [x9, #8]! */, BigInt(D + 8), null],
    [0xa9c0a52a /* ldp x10, x9, [x9, #8]! */, BigInt(D + 8), null],
    [0xf8008d29 /* str x9, [x9, #8]! */, BigInt(D + 8), BigInt(D)],
    [0xa980a529 /* stp x9, x9, [x9, #8]! */, BigInt(D + 8), BigInt(D)],
  ];
  for (const [insn, x9, mem] of cases) {
    fillPattern(m, DATA, 0x400);
    m.setX(9, BigInt(D));
    t.ok(completed(run(m, [insn]), [insn]));
    t.equal(m.getX(9), x9, `0x${(insn >>> 0).toString(16)}`);
    if (mem !== null) t.equal(readMem(m, D + 8, 8), mem);
  }
  t.end();
});

t.test('pairs: LDP/STP/LDPSW/LDNP/STNP in every mode', (t) => {
  const { m } = machine();
  const cases: { insn: number; x2: number; addr: number; size: 4 | 8; op: 'u' | 's64' | 'st'; wb?: number }[] = [
    { insn: 0xa9401041 /* ldp x1, x4, [x2] */, x2: 0, addr: 0, size: 8, op: 'u' },
    { insn: 0xa9411041 /* ldp x1, x4, [x2, #16] */, x2: 0, addr: 16, size: 8, op: 'u' },
    { insn: 0xa9601041 /* ldp x1, x4, [x2, #-512] */, x2: 0x200, addr: 0, size: 8, op: 'u' },
    { insn: 0xa9df9041 /* ldp x1, x4, [x2, #504]! */, x2: -0x100, addr: 504 - 0x100, size: 8, op: 'u', wb: 504 - 0x100 },
    { insn: 0xa8ff1041 /* ldp x1, x4, [x2], #-16 */, x2: 0, addr: 0, size: 8, op: 'u', wb: -16 },
    { insn: 0xa9401041 /* ldp x1, x4, [x2] */, x2: 3, addr: 3, size: 8, op: 'u' },
    { insn: 0x29601041 /* ldp w1, w4, [x2, #-256] */, x2: 0, addr: -256, size: 4, op: 'u' },
    { insn: 0x29c09041 /* ldp w1, w4, [x2, #4]! */, x2: 0, addr: 4, size: 4, op: 'u', wb: 4 },
    { insn: 0x28c11041 /* ldp w1, w4, [x2], #8 */, x2: 0, addr: 0, size: 4, op: 'u', wb: 8 },
    { insn: 0x69411041 /* ldpsw x1, x4, [x2, #8] */, x2: 0, addr: 8, size: 4, op: 's64' },
    { insn: 0x69ff1041 /* ldpsw x1, x4, [x2, #-8]! */, x2: 0, addr: -8, size: 4, op: 's64', wb: -8 },
    { insn: 0x68c09041 /* ldpsw x1, x4, [x2], #4 */, x2: 0, addr: 0, size: 4, op: 's64', wb: 4 },
    { insn: 0xa87f1041 /* ldnp x1, x4, [x2, #-16] */, x2: 0, addr: -16, size: 8, op: 'u' },
    { insn: 0x28419041 /* ldnp w1, w4, [x2, #12] */, x2: 0, addr: 12, size: 4, op: 'u' },
    { insn: 0xa9009041 /* stp x1, x4, [x2, #8] */, x2: 0, addr: 8, size: 8, op: 'st' },
    { insn: 0xa9bf1041 /* stp x1, x4, [x2, #-16]! */, x2: 0, addr: -16, size: 8, op: 'st', wb: -16 },
    { insn: 0xa8821041 /* stp x1, x4, [x2], #32 */, x2: 0, addr: 0, size: 8, op: 'st', wb: 32 },
    { insn: 0xa9001041 /* stp x1, x4, [x2] */, x2: 5, addr: 5, size: 8, op: 'st' },
    { insn: 0x293f9041 /* stp w1, w4, [x2, #-4] */, x2: 0, addr: -4, size: 4, op: 'st' },
    { insn: 0x29819041 /* stp w1, w4, [x2, #12]! */, x2: 0, addr: 12, size: 4, op: 'st', wb: 12 },
    { insn: 0x28bf1041 /* stp w1, w4, [x2], #-8 */, x2: 0, addr: 0, size: 4, op: 'st', wb: -8 },
    { insn: 0xa83e1041 /* stnp x1, x4, [x2, #-32] */, x2: 0, addr: -32, size: 8, op: 'st' },
    { insn: 0x28001041 /* stnp w1, w4, [x2] */, x2: 1, addr: 1, size: 4, op: 'st' },
  ];
  const second = 0x0f1e_2d3c_4b5a_6978n;
  for (const c of cases) {
    fillPattern(m, DATA, 0x8100);
    m.setX(1, c.op === 'st' ? STORED : GARBAGE);
    m.setX(4, c.op === 'st' ? second : GARBAGE);
    m.setX(2, BigInt(D + c.x2));
    const s = run(m, [c.insn]);
    const name = `0x${(c.insn >>> 0).toString(16)}`;
    t.ok(completed(s, [c.insn]), `${name} completes`);
    const mask = (1n << BigInt(c.size * 8)) - 1n;
    if (c.op === 'st') {
      t.equal(readMem(m, D + c.addr, c.size), STORED & mask, `${name} first`);
      t.equal(readMem(m, D + c.addr + c.size, c.size), second & mask, `${name} second`);
      t.equal(readMem(m, D + c.addr + 2 * c.size, 1), BigInt(patternByte(0x100 + c.addr + 2 * c.size)), `${name} above`);
    } else {
      const ref = (at: number) => {
        let v = 0n;
        for (let i = c.size - 1; i >= 0; i--) v = (v << 8n) | BigInt(patternByte(0x100 + at + i));
        return extend(v, c.size, c.op);
      };
      t.equal(m.getX(1), ref(c.addr), `${name} Rt`);
      t.equal(m.getX(4), ref(c.addr + c.size), `${name} Rt2`);
    }
    t.equal(m.getX(2), BigInt(D + (c.wb ?? c.x2)), `${name} base`);
  }
  // LDP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE): Rt, the lower address, wins as in qemu.
  fillPattern(m, DATA, 0x400);
  m.setX(2, BigInt(D));
  run(m, [0xa9400441 /* ldp x1, x1, [x2] */]);
  t.equal(m.getX(1), readMem(m, D, 8));
  run(m, [0x29400441 /* ldp w1, w1, [x2] */]);
  t.equal(m.getX(1), readMem(m, D, 4));
  t.end();
});

t.test('unaligned accesses that cross a page', (t) => {
  const { m } = machine();
  const edge = DATA + 0x1000;
  const cases: [number, number, number][] = [
    // [insn, offset of X2 from the page edge, size]
    [0xf9400041 /* ldr x1, [x2] */, -3, 8],
    [0xf9400041 /* ldr x1, [x2] */, -7, 8],
    [0xb9400041 /* ldr w1, [x2] */, -1, 4],
    [0x79400041 /* ldrh w1, [x2] */, -1, 2],
    [0xb89fe041 /* ldursw x1, [x2, #-2] */, 0, 4],
  ];
  for (const [insn, off, size] of cases) {
    fillPattern(m, edge - 0x10, 0x20);
    m.setX(2, BigInt(edge + off));
    t.ok(completed(run(m, [insn]), [insn]));
    const at = insn === cases[4][0] ? edge - 2 : edge + off;
    const v = readMem(m, at, size);
    t.equal(m.getX(1), insn === cases[4][0] ? BigInt.asUintN(64, BigInt.asIntN(32, v)) : v, `0x${(insn >>> 0).toString(16)} at edge${off}`);
  }
  // Stores and pairs straddling the page edge.
  m.memory.fill(edge - 0x10, 0x20, 0);
  m.setX(1, STORED);
  m.setX(4, 0x0f1e_2d3c_4b5a_6978n);
  m.setX(2, BigInt(edge - 5));
  run(m, [0xf9000041 /* str x1, [x2] */]);
  t.equal(readMem(m, edge - 5, 8), STORED);
  m.setX(2, BigInt(edge - 12));
  run(m, [0xa9001041 /* stp x1, x4, [x2] */]);
  t.equal(readMem(m, edge - 12, 8), STORED);
  t.equal(readMem(m, edge - 4, 8), 0x0f1e_2d3c_4b5a_6978n);
  run(m, [0xa9401845 /* ldp x5, x6, [x2] */]);
  t.equal(m.getX(5), STORED);
  t.equal(m.getX(6), 0x0f1e_2d3c_4b5a_6978n);
  m.setX(2, BigInt(edge - 6));
  run(m, [0x29001041 /* stp w1, w4, [x2] */]);
  t.equal(readMem(m, edge - 6, 4), 0x4433_2211n);
  t.equal(readMem(m, edge - 2, 4), 0x4b5a_6978n);
  run(m, [0x69401845 /* ldpsw x5, x6, [x2] */]);
  t.equal(m.getX(5), 0x4433_2211n);
  t.equal(m.getX(6), 0x4b5a_6978n);
  m.setX(2, BigInt(edge - 1));
  run(m, [0x79000041 /* strh w1, [x2] */]);
  t.equal(readMem(m, edge - 1, 2), 0x2211n);
  t.end();
});

/** Maps VA 0xffff_f000 and 0x1_0000_0000 to two separate physical pages. */
const LOW_PAGE = DATA + 0x10000;
const HIGH_PAGE = DATA + 0x20000;
function mapAcross4G(m: Machine, pt: PageTables): void {
  pt.map(0xffff_f000n, BigInt(LOW_PAGE), USER_RWX, 3);
  pt.map(0x1_0000_0000n, BigInt(HIGH_PAGE), USER_RWX, 3);
  m.invalidateTlb();
  fillPattern(m, LOW_PAGE, 0x1000);
  fillPattern(m, HIGH_PAGE, 0x1000);
}

t.test('64-bit address arithmetic carries and borrows across the 4 GiB line', (t) => {
  const { m, pt } = machine();
  mapAcross4G(m, pt);
  const hiVal = (off: number, size: number) => readMem(m, HIGH_PAGE + off, size);
  const loVal = (off: number, size: number) => readMem(m, LOW_PAGE + 0x1000 + off, size);

  m.setX(2, 0xffff_fff8n);
  run(m, [0xf9400841 /* ldr x1, [x2, #16] */]);
  t.equal(m.getX(1), hiVal(8, 8), 'unsigned offset carries');

  m.setX(2, 0x1_0000_0008n);
  run(m, [0xf85f0041 /* ldur x1, [x2, #-16] */]);
  t.equal(m.getX(1), loVal(-8, 8), 'negative offset borrows');

  m.setX(2, 0x1_0000_0000n);
  m.setX(3, u64(-8n));
  run(m, [0xf8636841 /* ldr x1, [x2, x3] */]);
  t.equal(m.getX(1), loVal(-8, 8), 'register offset borrows');
  m.setX(3, 0xffff_fffcn);
  run(m, [0xb863c841 /* ldr w1, [x2, w3, sxtw] */]);
  t.equal(m.getX(1), loVal(-4, 4), 'SXTW borrows');
  m.setX(2, 0xffff_fff0n);
  m.setX(3, 0x8000_0002n);
  run(m, [0xf8635841 /* ldr x1, [x2, w3, uxtw #3] */]);
  // 0xffff_fff0 + 0x4_0000_0010 = 0x5_0000_0000: unmapped, so a translation fault at that address.
  t.equal(m.readSysReg('FAR_EL1'), 0x5_0000_0000n, 'UXTW scaled offset carries into bit 34');

  m.setX(2, 0xffff_fffcn);
  run(m, [0xf9400041 /* ldr x1, [x2] */]);
  t.equal(m.getX(1), (hiVal(0, 4) << 32n) | loVal(-4, 4), 'access crossing the line');

  m.setX(2, 0xffff_fffcn);
  run(m, [0xf8408c41 /* ldr x1, [x2, #8]! */]);
  t.equal(m.getX(2), 0x1_0000_0004n, 'pre-index writeback carries');
  t.equal(m.getX(1), hiVal(4, 8));

  m.setX(2, 0x1_0000_0008n);
  run(m, [0xa97f1041 /* ldp x1, x4, [x2, #-16] */]);
  t.equal(m.getX(1), loVal(-8, 8), 'LDP first element below the line');
  t.equal(m.getX(4), hiVal(0, 8), 'LDP second element above it');

  m.setX(2, 0xffff_fff8n);
  run(m, [0xa8c11041 /* ldp x1, x4, [x2], #16 */]);
  t.equal(m.getX(2), 0x1_0000_0008n, 'post-index pair writeback carries');

  m.setX(1, STORED);
  m.setX(4, 0x0f1e_2d3c_4b5a_6978n);
  m.setX(2, 0xffff_fffcn);
  run(m, [0xa9001041 /* stp x1, x4, [x2] */]);
  t.equal((hiVal(0, 4) << 32n) | loVal(-4, 4), STORED);
  t.equal(hiVal(4, 8), 0x0f1e_2d3c_4b5a_6978n);
  t.end();
});

t.test('faults: unmapped addresses report FAR/ISS and leave registers alone', (t) => {
  const { m, pt } = machine();
  mapAcross4G(m, pt);
  const check = (insn: number, x2: bigint, far: bigint, write: boolean) => {
    m.setX(1, GARBAGE);
    m.setX(2, x2);
    const s = run(m, [insn]);
    const name = `0x${(insn >>> 0).toString(16)}`;
    t.equal(s.ec, 0x24, `${name} EC`);
    t.equal(s.iss & 0x3c, 0x04, `${name} translation fault`);
    t.equal((s.iss >>> 6) & 1, write ? 1 : 0, `${name} WnR`);
    t.equal(s.far, far, `${name} FAR`);
    t.equal(s.elr, BigInt(CODE), `${name} ELR`);
    t.equal(m.getX(1), GARBAGE, `${name} Rt untouched`);
    t.equal(m.getX(2), x2, `${name} base not written back`);
  };
  check(0xf9400041 /* ldr x1, [x2] */, 0x1000n, 0x1000n, false);
  check(0x39400441 /* ldrb w1, [x2, #1] */, 0x1000n, 0x1001n, false);
  check(0xf9000441 /* str x1, [x2, #8] */, 0x1000n, 0x1008n, true);
  check(0x39000041 /* strb w1, [x2] */, 0x816003n, 0x816003n, true);
  check(0xf8408c41 /* ldr x1, [x2, #8]! */, 0x1000n, 0x1008n, false);
  check(0xf8008441 /* str x1, [x2], #8 */, 0x1000n, 0x1000n, true);
  check(0xf8400841 /* ldtr x1, [x2] */, 0x1000n, 0x1000n, false);
  // The second element of a pair on an unmapped page: nothing is written.
  check(0xa9400841 /* ldp x1, x2, [x2] */, 0x1_0000_0ff8n, 0x1_0000_1000n, false);
  check(0xa9c10c41 /* ldp x1, x3, [x2, #16]! */, 0x1_0000_0ff0n, 0x1_0000_1000n, false);
  check(0xf9400041 /* ldr x1, [x2] */, 0x1_0000_0ffcn, 0x1_0000_1000n, false);
  check(0xa9000441 /* stp x1, x1, [x2] */, 0x1_0000_0ff8n, 0x1_0000_1000n, true);
  t.end();
});

t.test('SP alignment checking when SCTLR_EL1.SA0 is set', (t) => {
  const { m } = machine();
  m.writeSysReg('SCTLR_EL1', m.readSysReg('SCTLR_EL1') | 0x10n);
  m.setSp(BigInt(D + 8));
  let s = run(m, [0xf94003e1 /* ldr x1, [sp] */]);
  t.equal(s.ec, 0x26, 'misaligned SP as base faults');
  m.cpu.setExceptionLevel(0);
  m.setSp(BigInt(D + 8));
  const hint = [0xf98003e0 /* prfm pldl1keep, [sp] */];
  t.ok(completed(run(m, hint), hint), 'PRFM does not check SP');
  m.cpu.setExceptionLevel(0);
  m.setSp(BigInt(D + 16));
  const ok = [0xf94007e1 /* ldr x1, [sp, #8] */, 0xa93f87e1 /* stp x1, x1, [sp, #-8] */];
  t.ok(completed(run(m, ok), ok), 'only SP itself must be aligned');
  m.cpu.setExceptionLevel(0);
  m.setSp(BigInt(D + 16));
  s = run(m, [0xf8408fe1 /* ldr x1, [sp, #8]! */, 0xf94003e1 /* ldr x1, [sp] */]);
  t.equal(s.ec, 0x26);
  t.equal(s.elr, BigInt(CODE + 4), 'the second access sees the written-back SP');
  t.end();
});

t.test('LDTR/STTR at EL1 are checked against EL0 permissions', (t) => {
  const { m, pt } = machine();
  const KCODE = 0x2_0000_0000n;
  const KDATA = 0x2_0000_1000n;
  const KCODE_PA = 0x4000_8000;
  const KDATA_PA = DATA + 0x30000;
  pt.map(KCODE, BigInt(KCODE_PA), KERNEL_RWX, 3);
  pt.map(KDATA, BigInt(KDATA_PA), KERNEL_RWX, 3);
  m.invalidateTlb();
  m.memory.write64(KDATA_PA, 0x1234n);
  m.setX(1, STORED);
  m.setX(2, BigInt(D));
  m.setX(3, KDATA);
  const words = [
    0xf8000841 /* sttr x1, [x2] */,
    0xf8400844 /* ldtr x4, [x2] */,
    0xf9400065 /* ldr x5, [x3] */,
    0xb8804846 /* ldtrsw x6, [x2, #4] */,
    0x381ff841 /* sttrb w1, [x2, #-1] */,
    0x78c06847 /* ldtrsh w7, [x2, #6] */,
    0xf8400868 /* ldtr x8, [x3] */,
  ];
  let s = run(m, words, 1, KCODE_PA, KCODE);
  t.equal(m.getX(4), STORED, 'LDTR reads an EL0 page');
  t.equal(m.getX(5), 0x1234n, 'LDR after LDTR still uses EL1 permissions');
  t.equal(m.getX(6), 0xffff_ffff_8877_6655n);
  t.equal(readMem(m, D - 1, 1), 0x11n);
  t.equal(m.getX(7), 0xffff_8877n, 'LDTRSH W sign-extends to 32 bits only');
  t.equal(s.ec, 0x25, 'LDTR of an EL1-only page faults (from EL1)');
  t.equal(s.iss & 0x7f, 0x0f, 'permission fault, level 3, read');
  t.equal(s.far, KDATA);
  t.equal(s.elr, KCODE + 24n);
  s = run(m, [0xf8008861 /* sttr x1, [x3, #8] */], 1, KCODE_PA, KCODE);
  t.equal(s.ec, 0x25);
  t.equal(s.iss & 0x7f, 0x4f, 'permission fault, level 3, write');
  t.equal(s.far, KDATA + 8n);
  // After the fault, ordinary EL1 accesses work again.
  s = run(m, [0xf9400065 /* ldr x5, [x3] */], 1, KCODE_PA, KCODE);
  t.ok(completed(s, [0], KCODE));
  t.end();
});

t.test('unallocated encodings are Undefined', (t) => {
  const { m } = machine();
  m.setX(2, BigInt(D));
  m.setX(3, BigInt(D));
  const undefinedWords = [
    0xb9c00041, // LDR (unsigned) size=10 opc=11
    0xf9c00041, // LDR (unsigned) size=11 opc=11
    0xf8808c41, // pre-index with size=11 opc=10 (no PRFM there)
    0xf8800441, // post-index with size=11 opc=10
    0xf8800841, // unprivileged with size=11 opc=10
    0xb8c00441, // post-index size=10 opc=11
    (0xf8636841 /* ldr x1, [x2, x3] */ & ~(1 << 14)) >>> 0, // register offset option 001
    (0xb8636841 /* ldr w1, [x2, x3] */ & ~(3 << 13)) >>> 0, // register offset option 000
    (0x69401041 /* ldpsw x1, x4, [x2] */ & ~(1 << 24)) >>> 0, // LDNPSW does not exist
    (0x69401041 /* ldpsw x1, x4, [x2] */ & ~(1 << 22)) >>> 0, // STGP (MTE not implemented)
    (0xa9401041 /* ldp x1, x4, [x2] */ | (1 << 30)) >>> 0, // opc=11
    0xf8200441 /* ldraa x1, [x2] */, // pointer authentication not implemented
  ];
  for (const w of undefinedWords) {
    m.setX(1, GARBAGE);
    const s = run(m, [w]);
    t.equal(s.ec, 0, `0x${w.toString(16)} is Undefined`);
    t.equal(s.elr, BigInt(CODE), `0x${w.toString(16)} ELR`);
    t.equal(m.getX(2), BigInt(D), `0x${w.toString(16)} no writeback`);
  }
  t.end();
});

function u64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}
