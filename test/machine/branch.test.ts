/**
 * Branch instructions: targets, links, conditions, register forms, and the exceptions
 * they lead to (PC alignment, Undefined for unimplemented PAC forms, ERET rules).
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0, KERNEL_RWX } from '../helpers/pagetables.js';
import { brk, load, runTo } from '../helpers/program.js';

const CODE = 0x4000_1000;

function machine(): Machine {
  const m = new Machine({ ramSize: 16 << 20 });
  identityMapForEl0(m);
  return m;
}

/** Runs `insn` followed by BRK #1 (fall through) and BRK #2 (the .+8 target); true if it branched. */
function branches(m: Machine, insn: number): boolean {
  load(m, CODE, [insn, brk(1), brk(2)]);
  const s = runTo(m);
  if (s.ec !== 0x3c) throw new Error(`expected BRK, got EC 0x${s.ec.toString(16)}`);
  return s.iss === 2;
}

t.test('B and BL reach their targets; BL links the next instruction', (t) => {
  const m = machine();
  load(m, CODE, [0x14000002 /* b .+8 */, brk(1), brk(2)]);
  let s = runTo(m);
  t.equal(s.iss, 2);
  t.equal(s.elr, BigInt(CODE + 8));

  // bl .-4 from CODE+4 goes back to CODE (brk #3) with X30 = CODE+8.
  load(m, CODE, [brk(3), 0x97ffffff /* bl .-4 */], BigInt(CODE + 4));
  s = runTo(m);
  t.equal(s.iss, 3);
  t.equal(m.getX(30), BigInt(CODE + 8));

  // b .-0x1000 lands a page back.
  load(m, CODE - 0x1000, [brk(4)]);
  load(m, CODE, [0x17fffc00 /* b .-0x1000 */]);
  s = runTo(m);
  t.equal(s.iss, 4);
  t.equal(s.elr, BigInt(CODE - 0x1000));
  t.end();
});

t.test('B.cond follows ConditionHolds for every condition and every NZCV', (t) => {
  const m = machine();
  const holds = (cond: number, nzcv: number): boolean => {
    const n = (nzcv >> 3) & 1, z = (nzcv >> 2) & 1, c = (nzcv >> 1) & 1, v = nzcv & 1;
    const base = [z === 1, c === 1, n === 1, v === 1, c === 1 && z === 0, n === v, n === v && z === 0, true][cond >> 1];
    return (cond & 1) && cond !== 15 ? !base : base;
  };
  let mismatches = 0;
  for (let cond = 0; cond < 16; cond++) {
    for (let nzcv = 0; nzcv < 16; nzcv++) {
      m.setNzcv(nzcv << 28);
      const taken = branches(m, 0x54000040 | cond /* b.<cond> .+8 */);
      if (taken !== holds(cond, nzcv)) mismatches++;
    }
  }
  t.equal(mismatches, 0);
  t.end();
});

t.test('BC.cond (bit 4 set, FEAT_HBC) is Undefined', (t) => {
  const m = machine();
  load(m, CODE, [0x54000050]);
  const s = runTo(m);
  t.equal(s.ec, 0);
  t.equal(s.elr, BigInt(CODE));
  t.end();
});

t.test('CBZ/CBNZ test 32 or 64 bits as sf says', (t) => {
  const m = machine();
  m.setX(3, 0x1_0000_0000n);
  t.equal(branches(m, 0x34000043 /* cbz w3 */), true);
  t.equal(branches(m, 0xb4000043 /* cbz x3 */), false);
  t.equal(branches(m, 0xb5000043 /* cbnz x3 */), true);
  t.equal(branches(m, 0x35000043 /* cbnz w3 */), false);
  m.setX(3, 0n);
  t.equal(branches(m, 0xb4000043 /* cbz x3 */), true);
  // cbnz w4, .-8 from CODE+8 goes back to CODE.
  m.setX(4, 7n);
  load(m, CODE, [brk(5), brk(6), 0x35ffffc4], BigInt(CODE + 8));
  t.equal(runTo(m).iss, 5);
  t.end();
});

t.test('TBZ/TBNZ test the numbered bit, including bits 32..63', (t) => {
  const m = machine();
  m.setX(5, (1n << 63n) | 1n);
  t.equal(branches(m, 0xb6f80045 /* tbz x5, #63 */), false);
  t.equal(branches(m, 0x37000045 /* tbnz w5, #0 */), true);
  t.equal(branches(m, 0x36f80045 /* tbz w5, #31 */), true);
  m.setX(5, 1n << 40n);
  // tbz x5, #40, .+12 is not taken; tbnz w6, #3 with bit 3 set is.
  load(m, CODE, [0xb6400065, brk(1), brk(2), brk(3)]);
  t.equal(runTo(m).iss, 1);
  m.setX(6, 8n);
  load(m, CODE, [0x37180046 /* tbnz w6, #3, .+8 */, brk(1), brk(2)]);
  t.equal(runTo(m).iss, 2);
  t.end();
});

t.test('BR, BLR, RET; BLR X30 reads the target before linking', (t) => {
  const m = machine();
  m.setX(7, BigInt(CODE + 12));
  load(m, CODE, [0xd61f00e0 /* br x7 */, brk(1), brk(2), brk(3)]);
  t.equal(runTo(m).iss, 3);

  m.setX(8, BigInt(CODE + 8));
  load(m, CODE, [0xd63f0100 /* blr x8 */, brk(1), brk(2)]);
  t.equal(runTo(m).iss, 2);
  t.equal(m.getX(30), BigInt(CODE + 4));

  m.setX(30, BigInt(CODE + 8));
  load(m, CODE, [0xd63f03c0 /* blr x30 */, brk(1), brk(2)]);
  t.equal(runTo(m).iss, 2);
  t.equal(m.getX(30), BigInt(CODE + 4));

  m.setX(30, BigInt(CODE + 4));
  load(m, CODE, [0xd65f03c0 /* ret */, brk(1)]);
  t.equal(runTo(m).iss, 1);
  m.setX(9, BigInt(CODE + 8));
  load(m, CODE, [0xd65f0120 /* ret x9 */, brk(1), brk(2)]);
  t.equal(runTo(m).iss, 2);
  t.end();
});

t.test('a branch to a misaligned address takes a PC alignment fault there', (t) => {
  const m = machine();
  m.setX(7, BigInt(CODE + 6));
  load(m, CODE, [0xd61f00e0 /* br x7 */]);
  const s = runTo(m);
  t.equal(s.ec, 0x22);
  t.equal(s.iss, 0);
  t.equal(s.elr, BigInt(CODE + 6));
  t.equal(s.far, BigInt(CODE + 6));
  t.end();
});

t.test('BR to a tagged pointer drops the tag when TBI0 applies', (t) => {
  const m = machine(); // TCR_48BIT sets TBI0
  m.setX(7, (0x5an << 56n) | BigInt(CODE + 8));
  load(m, CODE, [0xd61f00e0 /* br x7 */, brk(1), brk(2)]);
  const s = runTo(m);
  t.equal(s.iss, 2);
  t.equal(s.elr, BigInt(CODE + 8));
  t.end();
});

t.test('pointer-authenticated branches are Undefined (no FEAT_PAuth)', (t) => {
  const m = machine();
  for (const w of [0xd65f0bff /* retaa */, 0xd71f0822 /* braa x1, x2 */]) {
    load(m, CODE, [w]);
    const s = runTo(m);
    t.equal(s.ec, 0, `0x${w.toString(16)}`);
    t.equal(s.elr, BigInt(CODE));
  }
  t.end();
});

t.test('ERET is Undefined at EL0 and returns at EL1', (t) => {
  const m = machine();
  load(m, CODE, [0xd69f03e0 /* eret */]);
  let s = runTo(m);
  t.equal(s.ec, 0);
  t.equal(m.exceptionLevel, 1);

  // At EL1 (after that exception), from EL1-executable code (EL0-writable pages are PXN),
  // ERET to EL0t with N and C set, at CODE+8.
  const pt = identityMapForEl0(m);
  pt.map(0x8000_0000n, 0x4010_0000n, KERNEL_RWX);
  m.writeSysReg('SPSR_EL1', 0xa000_0000n);
  m.writeSysReg('ELR_EL1', BigInt(CODE + 8));
  load(m, CODE, [brk(1), brk(1), brk(2)]);
  load(m, 0x4010_0000, [0xd69f03e0], 0x8000_0000n, 1);
  s = runTo(m);
  t.equal(m.exceptionLevel, 1);
  t.equal(s.reason, StopReason.EXCEPTION);
  t.equal(s.iss, 2);
  t.equal(s.spsr, 0xa000_0000n, 'BRK was taken from EL0 with the restored flags');
  t.end();
});
