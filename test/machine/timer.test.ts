/**
 * The generic timer in deterministic mode (counter = instructions retired): CNTV
 * interrupts arrive as IRQs at exactly the right instruction, DAIF.I and IMASK hold
 * them off, and EL0 reads the counter.
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0, KERNEL_RWX } from '../helpers/pagetables.js';
import { BRK0, NOP, load, runTo } from '../helpers/program.js';

const CODE = 0x4000_1000;
const KVA = 0x8000_0000n;
const KPA = 0x4010_0000;
const VBAR = 0x4030_0000n;

const MSR_DAIFCLR_I = 0xd50342ff; // msr daifclr, #2
const MRS_X1_CNTVCT = 0xd53be041; // mrs x1, cntvct_el0

function machine(): Machine {
  const m = new Machine({ ramSize: 16 << 20, deterministic: true });
  const pt = identityMapForEl0(m);
  pt.map(KVA, BigInt(KPA), KERNEL_RWX);
  m.writeSysReg('VBAR_EL1', VBAR);
  return m;
}
const nops = (n: number) => new Array<number>(n).fill(NOP);

/** Arms CNTV to fire when the counter reaches `at` (enabled, not masked). */
function arm(m: Machine, at: bigint, ctl = 1n): void {
  m.writeSysReg('CNTV_CVAL_EL0', at);
  m.writeSysReg('CNTV_CTL_EL0', ctl);
}

t.test('CNTV fires as an IRQ from EL0 at the exact instruction count', (t) => {
  const m = machine();
  const start = m.cpu.icount;
  load(m, CODE, [...nops(1000), BRK0]);
  m.cpu.daif = 0;
  arm(m, BigInt(start + 100));
  const reason = m.run(10_000);
  t.equal(reason, StopReason.IRQ);
  t.equal(m.cpu.icount, start + 100);
  t.equal(m.readSysReg('ELR_EL1'), BigInt(CODE + 400), 'returns to the 101st instruction');
  t.equal(m.getPc(), VBAR + 0x480n, 'lower-EL IRQ vector');
  t.equal(m.readSysReg('SPSR_EL1'), 0n, 'EL0t, interrupts were unmasked');
  t.equal(m.readSysReg('ESR_EL1'), 0n, 'IRQs do not write ESR');
  t.equal(m.cpu.daif, 0xf);
  t.equal(m.readSysReg('CNTV_CTL_EL0'), 5n, 'ISTATUS set');
  t.end();
});

t.test('replays identically', (t) => {
  const elrs: bigint[] = [];
  for (let i = 0; i < 2; i++) {
    const m = machine();
    load(m, CODE, [...nops(500), BRK0]);
    m.cpu.daif = 0;
    arm(m, 321n);
    m.run(10_000);
    elrs.push(m.readSysReg('ELR_EL1'));
  }
  t.equal(elrs[0], elrs[1]);
  t.equal(elrs[0], BigInt(CODE + 4 * 321));
  t.end();
});

t.test('DAIF.I holds the IRQ off; unmasking takes it right after the MSR', (t) => {
  const m = machine();
  m.writeSysReg('SCTLR_EL1', m.readSysReg('SCTLR_EL1') | (1n << 9n)); // UMA: EL0 may MSR DAIFClr
  load(m, CODE, [...nops(300), BRK0]);
  m.cpu.daif = 0b0010;
  arm(m, 50n);
  t.equal(runTo(m, 10_000).ec, 0x3c, 'masked: runs to the BRK');

  load(m, CODE, [...nops(200), MSR_DAIFCLR_I, ...nops(100), BRK0]);
  m.cpu.daif = 0b0010;
  arm(m, BigInt(m.cpu.icount + 50));
  t.equal(m.run(10_000), StopReason.IRQ);
  t.equal(m.readSysReg('ELR_EL1'), BigInt(CODE + 201 * 4), 'taken before the instruction after the MSR');
  t.end();
});

t.test('IMASK and a disabled timer raise nothing; ISTATUS still shows the condition', (t) => {
  const m = machine();
  load(m, CODE, [...nops(100), BRK0]);
  m.cpu.daif = 0;
  arm(m, 10n, 3n); // ENABLE | IMASK
  t.equal(runTo(m, 10_000).ec, 0x3c);
  t.equal(m.readSysReg('CNTV_CTL_EL0'), 7n);
  load(m, CODE, [...nops(100), BRK0]);
  m.cpu.daif = 0;
  arm(m, 10n, 0n);
  t.equal(runTo(m, 10_000).ec, 0x3c);
  t.equal(m.readSysReg('CNTV_CTL_EL0'), 0n, 'ISTATUS is 0 while disabled');
  t.end();
});

t.test('a timer armed by guest code mid-slice fires on time (EL1, TVAL)', (t) => {
  const m = machine();
  const start = m.cpu.icount;
  m.setX(12, 1n);
  m.setX(14, 10n);
  // msr cntv_tval_el0, x14 ; msr cntv_ctl_el0, x12 ; msr daifclr, #2 ; nops
  load(m, KPA, [0xd51be30e, 0xd51be32c, MSR_DAIFCLR_I, ...nops(100), BRK0], KVA, 1);
  t.equal(m.run(10_000), StopReason.IRQ);
  // TVAL was written by the first instruction, when the counter was `start`: fires at start+10.
  t.equal(m.cpu.icount, start + 10);
  t.equal(m.readSysReg('ELR_EL1'), KVA + 40n);
  t.equal(m.getPc(), VBAR + 0x280n, 'current-EL SPx IRQ vector');
  t.end();
});

t.test('CNTVCT_EL0 is readable at EL0 and counts retired instructions', (t) => {
  const m = machine();
  const start = m.cpu.icount;
  load(m, CODE, [NOP, NOP, NOP, MRS_X1_CNTVCT, BRK0]);
  t.equal(runTo(m).ec, 0x3c);
  t.equal(m.getX(1), BigInt(start + 3));
  t.equal(m.readSysReg('CNTFRQ_EL0'), 62_500_000n);
  t.end();
});
