/**
 * System instructions: exception generation, hints, barriers, PSTATE and system
 * register access with the EL0 rules, cache/TLB maintenance and address translation.
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine, StopReason, SYSREGS, Sys } from '../../machine/index.js';
import { identityMapForEl0, KERNEL_RWX, type PageTables } from '../helpers/pagetables.js';
import { BRK0, brk, load, runTo } from '../helpers/program.js';

const CODE = 0x4000_1000;
const DATA = 0x4002_0000;
/** EL1 code runs at this VA (EL0-writable pages are never EL1-executable). */
const KVA = 0x8000_0000n;
const KPA = 0x4010_0000;
/** Normal memory, read-only at EL0 and EL1. */
const USER_RO = KERNEL_RWX | (1n << 6n) | (1n << 7n);

function machine(): { m: Machine; pt: PageTables } {
  const m = new Machine({ ramSize: 16 << 20 });
  const pt = identityMapForEl0(m);
  pt.map(KVA, BigInt(KPA), KERNEL_RWX);
  return { m, pt };
}

/** Runs words at EL0 (default) or EL1 and returns the stop. */
function exec(m: Machine, words: number[], el: 0 | 1 = 0) {
  if (el === 0) load(m, CODE, words);
  else load(m, KPA, words, KVA, 1);
  return runTo(m);
}
const base = (el: 0 | 1) => (el === 0 ? BigInt(CODE) : KVA);

function sctlr(m: Machine, set: bigint, clear: bigint): void {
  m.writeSysReg('SCTLR_EL1', (m.readSysReg('SCTLR_EL1') | set) & ~clear);
}

t.test('SVC: EC 0x15, ISS = imm16, ELR = next instruction, SPSR = PSTATE', (t) => {
  const { m } = machine();
  m.setNzcv(0x6000_0000);
  m.cpu.daif = 0;
  const s = exec(m, [0xd4024681 /* svc #0x1234 */]);
  t.equal(s.ec, 0x15);
  t.equal(s.iss, 0x1234);
  t.equal(m.syndrome.esr, (0x15 << 26 | 1 << 25 | 0x1234) >>> 0, 'IL is set');
  t.equal(s.elr, BigInt(CODE + 4));
  t.equal(s.spsr, 0x6000_0000n, 'EL0t, flags, DAIF clear');
  t.equal(m.getPc(), 0x400n, 'lower-EL synchronous vector');
  t.equal(m.exceptionLevel, 1);
  t.end();
});

t.test('BRK: EC 0x3C, ISS = imm16, ELR = the BRK itself', (t) => {
  const { m } = machine();
  const s = exec(m, [0xd503201f, 0xd4200840 /* brk #0x42 */]);
  t.equal(s.ec, 0x3c);
  t.equal(s.iss, 0x42);
  t.equal(s.elr, BigInt(CODE + 4));
  t.end();
});

t.test('SVC at EL1 uses the current-EL SPx vector', (t) => {
  const { m } = machine();
  m.writeSysReg('VBAR_EL1', 0x4030_0000n);
  const s = exec(m, [0xd4000021 /* svc #1 */], 1);
  t.equal(s.ec, 0x15);
  t.equal(s.elr, KVA + 4n);
  t.equal(s.spsr, 0x3c5n, 'EL1h with DAIF masked');
  t.equal(m.getPc(), 0x4030_0200n);
  t.end();
});

t.test('HVC, SMC, HLT, DCPS are Undefined (no EL2, EL3 or external debug)', (t) => {
  const { m } = machine();
  for (const el of [0, 1] as const) {
    for (const w of [0xd4000022 /* hvc #1 */, 0xd4000023 /* smc #1 */, 0xd4400020 /* hlt #1 */, 0xd4a00001 /* dcps1 */]) {
      const s = exec(m, [w], el);
      t.equal(s.ec, 0, `0x${w.toString(16)} at EL${el}`);
      t.equal(s.elr, base(el));
    }
  }
  t.end();
});

t.test('hints are NOPs, PAC hints included; unknown hint values too', (t) => {
  const { m } = machine();
  m.setX(30, 0x4000_1234n);
  const hints = [
    0xd503203f /* yield */, 0xd503205f /* wfe */, 0xd503209f /* sev */, 0xd50320bf /* sevl */,
    0xd503245f /* bti c */, 0xd503233f /* paciasp */, 0xd50323bf /* autiasp */, 0xd50320ff /* xpaclri */,
    0xd503229f /* csdb */, 0xd503221f /* esb */, 0xd5032fff /* hint #0x7f */, 0xd503201f /* nop */,
  ];
  const s = exec(m, [...hints, BRK0]);
  t.equal(s.ec, 0x3c);
  t.equal(s.elr, BigInt(CODE + 4 * hints.length));
  t.equal(m.getX(30), 0x4000_1234n, 'PAC hints leave LR alone');
  t.end();
});

t.test('WFI: traps from EL0 unless SCTLR_EL1.nTWI; stops run() at EL1', (t) => {
  const { m } = machine();
  let s = exec(m, [0xd503207f /* wfi */]);
  t.equal(s.ec, 0x01);
  t.equal(s.iss, 0x1e00000, 'CV=1, COND=0xE, TI=0 (WFI)');
  t.equal(s.elr, BigInt(CODE));

  sctlr(m, 1n << 16n, 0n);
  s = exec(m, [0xd503207f, BRK0]);
  t.equal(s.ec, 0x3c, 'WFI at EL0 completes when allowed');

  load(m, KPA, [0xd503207f, BRK0], KVA, 1);
  t.equal(m.run(100), StopReason.WFI);
  t.equal(m.getPc(), KVA + 4n, 'resumes after the WFI');
  t.end();
});

t.test('barriers and CLREX', (t) => {
  const { m } = machine();
  m.cpu.exclusiveAddr = DATA;
  const s = exec(m, [0xd5033bbf /* dmb ish */, 0xd5033f9f /* dsb sy */, 0xd5033fdf /* isb */, 0xd50330ff /* sb */, 0xd503309f /* ssbb */, 0xd5033f5f /* clrex */, BRK0]);
  t.equal(s.ec, 0x3c);
  t.equal(s.elr, BigInt(CODE + 24));
  // CLREX ran before BRK (exception entry also clears the monitor); check CLREX alone at EL1 via no exception:
  m.cpu.exclusiveAddr = DATA;
  load(m, KPA, [0xd5033f5f, 0xd503207f /* wfi stops without an exception */], KVA, 1);
  m.run(10);
  t.equal(m.cpu.exclusiveAddr, -1);
  // TCOMMIT and DSB nXS encodings are Undefined.
  t.equal(exec(m, [0xd503307f /* tcommit */]).ec, 0);
  t.equal(exec(m, [0xd503323f /* dsb #2 nXS form */]).ec, 0);
  t.end();
});

t.test('MSR DAIFSet/DAIFClr: EL0 needs SCTLR_EL1.UMA, else EC 0x18 with the encoding', (t) => {
  const { m } = machine();
  let s = exec(m, [0xd50342df /* msr daifset, #2 */]);
  t.equal(s.ec, 0x18);
  // Op0=0 Op2=6 Op1=3 CRn=4 Rt=31 CRm=2 write
  t.equal(s.iss, (6 << 17) | (3 << 14) | (4 << 10) | (31 << 5) | (2 << 1));
  s = exec(m, [0xd53b4220 /* mrs x0, daif */]);
  t.equal(s.ec, 0x18);
  t.equal(s.iss, (3 << 20) | (1 << 17) | (3 << 14) | (4 << 10) | (0 << 5) | (2 << 1) | 1, 'MRS: direction = read');

  sctlr(m, 1n << 9n, 0n);
  m.cpu.daif = 0;
  s = exec(m, [0xd50343df /* msr daifset, #3 */, 0xd53b4220 /* mrs x0, daif */, 0xd50342ff /* msr daifclr, #2 */, 0xd53b4221 /* mrs x1, daif */, BRK0]);
  t.equal(s.ec, 0x3c);
  t.equal(m.getX(0), 0xc0n);
  t.equal(m.getX(1), 0x40n);
  t.end();
});

t.test('MSR SPSel: Undefined at EL0, switches the stack pointer at EL1', (t) => {
  const { m } = machine();
  t.equal(exec(m, [0xd50040bf /* msr spsel, #0 */]).ec, 0);
  m.writeSysReg('SP_EL0', 0x1000n);
  m.cpu.setExceptionLevel(1, 1);
  m.setSp(0x2000n);
  load(m, KPA, [0xd50040bf /* msr spsel, #0 */, 0xd5384205 /* mrs x5, spsel */, 0xd50041bf /* msr spsel, #1 */, 0xd5384206 /* mrs x6, spsel */, 0xd503207f], KVA, 1);
  m.run(2);
  t.equal(m.getSp(), 0x1000n, 'SP_EL0 selected');
  t.equal(m.getX(5), 0n);
  m.run(10);
  t.equal(m.getSp(), 0x2000n, 'SP_EL1 back');
  t.equal(m.getX(6), 1n);
  // Unimplemented PSTATE fields (PAN, CFINV) are Undefined.
  t.equal(exec(m, [0xd500419f /* msr pan, #1 */], 1).ec, 0);
  t.equal(exec(m, [0xd500401f /* cfinv */], 0).ec, 0);
  t.end();
});

/** MRS Xt / MSR Xt for a register's packed key. */
const mrs = (key: number, rt = 0) => (0xd5300000 | (key << 5) | rt) >>> 0;
const msr = (key: number, rt = 0) => (0xd5100000 | (key << 5) | rt) >>> 0;

t.test('every system register: MRS/MSR allowed, Undefined or trapped by the EL0 rules', (t) => {
  const { m } = machine();
  const trappedAtEl0 = new Set([Sys.DAIF, Sys.CNTV_CTL_EL0, Sys.CNTV_CVAL_EL0, Sys.CNTV_TVAL_EL0, Sys.CNTP_CTL_EL0, Sys.CNTP_CVAL_EL0, Sys.CNTP_TVAL_EL0]);
  for (const r of SYSREGS) {
    const isSpEl1 = r.id === Sys.SP_EL1;
    // EL1 may read everything it can name except SP_EL1 (an EL2 register) ...
    let s = exec(m, [mrs(r.key), BRK0], 1);
    t.equal(s.ec, isSpEl1 ? 0 : 0x3c, `MRS ${r.name} at EL1`);
    // ... and write everything but read-only registers (writing back the current value).
    m.setX(0, isSpEl1 ? 0n : m.readSysReg(r.id));
    s = exec(m, [msr(r.key), BRK0], 1);
    t.equal(s.ec, !r.readOnly && !isSpEl1 ? 0x3c : 0, `MSR ${r.name} at EL1`);
    // EL0: Undefined for EL1 registers, trapped where an EL1 control could grant access.
    s = exec(m, [mrs(r.key), BRK0], 0);
    t.equal(s.ec, trappedAtEl0.has(r.id) ? 0x18 : r.access !== 0 ? 0x3c : 0, `MRS ${r.name} at EL0`);
    m.setX(0, isSpEl1 ? 0n : m.readSysReg(r.id));
    s = exec(m, [msr(r.key), BRK0], 0);
    t.equal(s.ec, trappedAtEl0.has(r.id) ? 0x18 : r.access === 1 && !r.readOnly ? 0x3c : 0, `MSR ${r.name} at EL0`);
  }
  t.end();
});

t.test('MRS/MSR values: TPIDR_EL0, TPIDRRO_EL0, NZCV, CurrentEL, SP_EL0, ID registers', (t) => {
  const { m } = machine();
  m.setX(1, 0x1122_3344_5566_7788n);
  let s = exec(m, [0xd51bd041 /* msr tpidr_el0, x1 */, 0xd53bd040 /* mrs x0, tpidr_el0 */, BRK0]);
  t.equal(s.ec, 0x3c);
  t.equal(m.getX(0), 0x1122_3344_5566_7788n);

  m.writeSysReg('TPIDRRO_EL0', 0xabcn);
  exec(m, [0xd53bd067 /* mrs x7, tpidrro_el0 */, BRK0]);
  t.equal(m.getX(7), 0xabcn);
  t.equal(exec(m, [0xd51bd066 /* msr tpidrro_el0, x6 */]).ec, 0, 'read-only at EL0');

  m.setX(3, 0x9000_0000n);
  exec(m, [0xd51b4203 /* msr nzcv, x3 */, 0xd53b4202 /* mrs x2, nzcv */, BRK0]);
  t.equal(m.getX(2), 0x9000_0000n);

  exec(m, [0xd5384244 /* mrs x4, currentel */, BRK0], 1);
  t.equal(m.getX(4), 4n);
  t.equal(exec(m, [0xd5384244]).ec, 0, 'CurrentEL is Undefined at EL0');

  m.writeSysReg('SP_EL0', 0x7777_0000n);
  exec(m, [0xd5384108 /* mrs x8, sp_el0 */, BRK0], 1);
  t.equal(m.getX(8), 0x7777_0000n);
  m.cpu.setExceptionLevel(1, 0);
  load(m, KPA, [0xd5384108], KVA, 1);
  m.cpu.setExceptionLevel(1, 0);
  t.equal(runTo(m).ec, 0, 'SP_EL0 by name is Undefined while it is the current SP');

  exec(m, [0xd5380005 /* mrs x5, midr_el1 */, BRK0], 1);
  t.equal(m.getX(5), 0x411fd070n);
  t.equal(exec(m, [0xd538f000 /* mrs x0, s3_0_c15_c0_0 (IMPDEF) */], 1).ec, 0, 'unknown registers are Undefined');
  t.end();
});

t.test('CTR_EL0, DCZID_EL0 and the counters at EL0 follow SCTLR_EL1/CNTKCTL_EL1', (t) => {
  const { m } = machine();
  exec(m, [0xd53b0022 /* mrs x2, ctr_el0 */, 0xd53b00e3 /* mrs x3, dczid_el0 */, 0xd53be00a /* mrs x10, cntfrq_el0 */, BRK0]);
  t.equal(m.getX(2), 0x84448004n);
  t.equal(m.getX(3), 4n, '64-byte DC ZVA blocks, allowed');
  t.equal(m.getX(10), 62_500_000n);
  sctlr(m, 0n, (1n << 15n) | (1n << 14n));
  t.equal(exec(m, [0xd53b0022]).ec, 0x18, 'CTR_EL0 traps without UCT');
  exec(m, [0xd53b00e3, BRK0]);
  t.equal(m.getX(3), 0x14n, 'DZP set without DZE');
  m.writeSysReg('CNTKCTL_EL1', 0n);
  t.equal(exec(m, [0xd53be041 /* mrs x1, cntvct_el0 */]).ec, 0x18);
  t.equal(exec(m, [0xd53be00a]).ec, 0x18);
  t.end();
});

t.test('DC ZVA zeroes the aligned 64-byte block; faults are stores', (t) => {
  const { m, pt } = machine();
  m.memory.fill(DATA, 256, 0xaa);
  m.setX(2, BigInt(DATA + 64 + 17));
  let s = exec(m, [0xd50b7422 /* dc zva, x2 */, BRK0]);
  t.equal(s.ec, 0x3c);
  const bytes = m.memory.read(DATA, 256);
  t.equal(bytes[63], 0xaa);
  t.ok(bytes.subarray(64, 128).every((b) => b === 0));
  t.equal(bytes[128], 0xaa);

  // Read-only page: permission fault, WnR=1, FAR = the block address.
  pt.map(0x9000_0000n, BigInt(DATA), USER_RO);
  m.invalidateTlb();
  m.setX(2, 0x9000_0048n);
  s = exec(m, [0xd50b7422]);
  t.equal(s.ec, 0x24);
  t.equal(s.iss, 0x40 | 0x0f, 'WnR, permission fault level 3');
  t.equal(s.far, 0x9000_0040n);
  // Unmapped: translation fault.
  m.setX(2, 0x7000_0000_0000n);
  s = exec(m, [0xd50b7422]);
  t.equal(s.iss, 0x40 | 0x04 + 0);
  // DZE clear: trapped.
  sctlr(m, 0n, 1n << 14n);
  s = exec(m, [0xd50b7422]);
  t.equal(s.ec, 0x18);
  t.equal(s.iss, (1 << 20) | (1 << 17) | (3 << 14) | (7 << 10) | (2 << 5) | (4 << 1));
  t.end();
});

t.test('DC CVAC/CIVAC/CVAU and IC IVAU translate: faults carry CM and WnR', (t) => {
  const { m } = machine();
  m.setX(3, BigInt(DATA + 5));
  let s = exec(m, [0xd50b7a23 /* dc cvac */, 0xd50b7e23 /* dc civac */, 0xd50b7b23 /* dc cvau */, 0xd50b7523 /* ic ivau, x3 */, BRK0]);
  t.equal(s.ec, 0x3c);
  m.setX(3, 0x0000_7000_0000_0005n);
  s = exec(m, [0xd50b7e23]);
  t.equal(s.ec, 0x24);
  t.equal(s.iss, 0x100 | 0x40 | 0x04, 'CM, WnR, translation fault level 0');
  t.equal(s.far, 0x0000_7000_0000_0005n);
  // DC IVAC and set/way operations are EL1 only.
  t.equal(exec(m, [0xd5087623 /* dc ivac */]).ec, 0);
  sctlr(m, 0n, 1n << 26n);
  t.equal(exec(m, [0xd50b7a23]).ec, 0x18, 'UCI clear traps EL0 cache maintenance');
  t.end();
});

t.test('TLBI and AT are Undefined at EL0; AT at EL1 writes PAR_EL1', (t) => {
  const { m } = machine();
  for (const w of [0xd508831f /* tlbi vmalle1is */, 0xd5088725 /* tlbi vae1, x5 */, 0xd5087806 /* at s1e1r, x6 */, 0xd508751f /* ic iallu */]) {
    t.equal(exec(m, [w]).ec, 0, `0x${w.toString(16)}`);
  }
  m.setX(6, BigInt(DATA + 0x123));
  exec(m, [0xd5087806 /* at s1e1r, x6 */, 0xd538740e /* mrs x14, par_el1 */, BRK0], 1);
  t.equal(m.getX(14), (0xffn << 56n) | BigInt(DATA) | (3n << 7n), 'PA, inner shareable, Normal WB attribute');
  m.setX(6, 0x7000_0000_0000n);
  exec(m, [0xd5087846 /* at s1e0r, x6 */, 0xd538740e, BRK0], 1);
  t.equal(m.getX(14), 1n | (0x04n << 1n) | (1n << 11n), 'F=1, FST = translation fault level 0');
  // EL0 has no access to the kernel page: AT S1E0R reports a permission fault at level 3.
  m.setX(6, KVA);
  exec(m, [0xd5087846, 0xd538740e, BRK0], 1);
  t.equal(m.getX(14), 1n | (0x0fn << 1n) | (1n << 11n));
  t.equal(exec(m, [0xd5281260 /* sysl */], 1).ec, 0, 'SYSL is Undefined');
  t.equal(exec(m, [0xd508ffe0 /* sys #0, c15, c15, #7 */], 1).ec, 0, 'unallocated SYS is Undefined');
  t.end();
});
