/**
 * Exception entry and return: vector offsets for each source, SPSR/ELR/ESR values,
 * PSTATE on entry and after ERET, stack pointer banking, the exclusive monitor, and a
 * guest handler that runs in the machine (stopOnException: false).
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0, KERNEL_RWX, type PageTables } from '../helpers/pagetables.js';
import { BRK0, load, runTo } from '../helpers/program.js';

const CODE = 0x4000_1000;
const DATA = 0x4002_0000;
const KVA = 0x8000_0000n;
const KPA = 0x4010_0000;
const VBAR = 0x4030_0000n; // vector table: only its address matters when run() stops on entry

const SVC0 = 0xd4000001; // svc #0
const ERET = 0xd69f03e0;
const WFI = 0xd503207f;

function machine(options: { stopOnException?: boolean } = {}): { m: Machine; pt: PageTables } {
  const m = new Machine({ ramSize: 16 << 20, ...options });
  const pt = identityMapForEl0(m);
  pt.map(KVA, BigInt(KPA), KERNEL_RWX);
  m.writeSysReg('VBAR_EL1', VBAR);
  return { m, pt };
}

t.test('vector offsets: lower EL, current EL with SPx, current EL with SP0', (t) => {
  const { m } = machine();
  load(m, CODE, [SVC0]);
  runTo(m);
  t.equal(m.getPc(), VBAR + 0x400n, 'from EL0');
  load(m, KPA, [SVC0], KVA, 1);
  runTo(m);
  t.equal(m.getPc(), VBAR + 0x200n, 'from EL1h');
  load(m, KPA, [SVC0], KVA, 1);
  m.cpu.setExceptionLevel(1, 0);
  const s = runTo(m);
  t.equal(m.getPc(), VBAR + 0x000n, 'from EL1t');
  t.equal(s.spsr, 0x3c4n, 'SPSR: EL1t, DAIF masked');
  t.equal(m.readSysReg('SPSel'), 1n, 'the handler runs on SP_EL1');
  t.end();
});

t.test('entry: PSTATE masked, EL1h, SPSR keeps NZCV and DAIF; Undefined has ESR 0x02000000', (t) => {
  const { m } = machine();
  m.cpu.daif = 0b0100; // A masked only
  m.setNzcv(0x5000_0000);
  load(m, CODE, [0xd503201f, 0x00000000 /* udf #0 */]);
  const s = runTo(m);
  t.equal(m.syndrome.esr, 0x0200_0000);
  t.equal(s.elr, BigInt(CODE + 4));
  t.equal(s.spsr, 0x5000_0000n | (0b0100n << 6n));
  t.equal(m.cpu.daif, 0xf);
  t.equal(m.exceptionLevel, 1);
  t.equal(m.readSysReg('CurrentEL'), 4n);
  t.end();
});

t.test('SP banking across exception entry and ERET', (t) => {
  const { m } = machine();
  m.writeSysReg('SP_EL1', 0x4080_0000n);
  load(m, CODE, [SVC0]);
  m.setSp(0x4070_0000n);
  runTo(m);
  t.equal(m.getSp(), 0x4080_0000n, 'EL1 runs on SP_EL1');
  t.equal(m.readSysReg('SP_EL0'), 0x4070_0000n, 'SP_EL0 preserved');
  m.setSp(0x4080_0100n);
  m.exceptionReturn();
  t.equal(m.exceptionLevel, 0);
  t.equal(m.getSp(), 0x4070_0000n, 'back on SP_EL0');
  t.equal(m.readSysReg('SP_EL1'), 0x4080_0100n, 'SP_EL1 banked');
  t.equal(m.getPc(), BigInt(CODE + 4), 'ERET continues after the SVC');
  t.end();
});

t.test('ERET restores NZCV, DAIF, EL and SPSel from SPSR_EL1', (t) => {
  const { m } = machine();
  m.writeSysReg('SP_EL0', 0x1110n);
  m.writeSysReg('SP_EL1', 0x2220n);
  // To EL1t with Z and V set, I masked; the next instruction reads SPSel via MRS.
  m.writeSysReg('SPSR_EL1', 0x5000_0000n | (0b0010n << 6n) | 0b0100n);
  m.writeSysReg('ELR_EL1', KVA + 4n);
  load(m, KPA, [ERET, 0xd538420b /* mrs x11, spsel */, WFI], KVA, 1);
  t.equal(m.run(100), StopReason.WFI);
  t.equal(m.getNzcv(), 0x5000_0000);
  t.equal(m.cpu.daif, 0b0010);
  t.equal(m.exceptionLevel, 1);
  t.equal(m.getX(11), 0n, 'SPSel = 0');
  t.equal(m.getSp(), 0x1110n, 'running on SP_EL0');
  t.end();
});

t.test('ERET to a misaligned ELR faults at the target (PC alignment, FAR = ELR)', (t) => {
  const { m } = machine();
  m.writeSysReg('SPSR_EL1', 0n);
  m.writeSysReg('ELR_EL1', BigInt(CODE + 2));
  load(m, KPA, [ERET], KVA, 1);
  const s = runTo(m);
  t.same({ ec: s.ec, iss: s.iss, elr: s.elr, far: s.far }, { ec: 0x22, iss: 0, elr: BigInt(CODE + 2), far: BigInt(CODE + 2) });
  t.equal(s.spsr, 0n, 'taken from EL0');
  t.end();
});

t.test('SP alignment checking (SCTLR_EL1.SA0) on SP-based loads', (t) => {
  const { m } = machine();
  m.writeSysReg('SCTLR_EL1', m.readSysReg('SCTLR_EL1') | (1n << 4n));
  load(m, CODE, [0xf94003e2 /* ldr x2, [sp] */, BRK0]);
  m.setSp(BigInt(DATA + 8));
  let s = runTo(m);
  t.same({ ec: s.ec, iss: s.iss, elr: s.elr }, { ec: 0x26, iss: 0, elr: BigInt(CODE) });
  load(m, CODE, [0xf94003e2, BRK0]);
  m.setSp(BigInt(DATA + 16));
  s = runTo(m);
  t.equal(s.ec, 0x3c, 'aligned SP is fine');
  t.end();
});

t.test('exception entry clears the exclusive monitor', (t) => {
  const { m } = machine();
  m.setX(0, BigInt(DATA));
  load(m, CODE, [0xc85f7c02 /* ldxr x2, [x0] */, SVC0]);
  runTo(m);
  t.equal(m.cpu.exclusiveAddr, -1);
  // After ERET, a store-exclusive fails (w3 = 1).
  load(m, CODE, [0xc85f7c02, SVC0, 0xc8037c01 /* stxr w3, x1, [x0] */, BRK0]);
  runTo(m);
  m.exceptionReturn();
  runTo(m);
  t.equal(m.getX(3), 1n);
  t.end();
});

t.test('with stopOnException false, the guest handler runs and ERETs', (t) => {
  const { m } = machine({ stopOnException: false });
  m.writeSysReg('VBAR_EL1', KVA);
  // Lower-EL sync handler at KVA+0x400: x9 = ESR, count, return to ELR.
  const handler = [0xd5385209 /* mrs x9, esr_el1 */, 0x9100058c /* add x12, x12, #1 */, ERET];
  handler.forEach((w, i) => m.memory.write32(KPA + 0x400 + 4 * i, w));
  // Two SVCs return past themselves; WFI at EL0 traps (nTWI clear) with ELR = the WFI,
  // so the handler returns to it again and again until the budget runs out.
  load(m, CODE, [SVC0, 0xd4000021 /* svc #1 */, WFI]);
  const reason = m.run(1000);
  t.equal(reason, StopReason.BUDGET);
  t.equal(m.getX(9) >> 26n, 0x01n, 'last syndrome: the WFI trap');
  t.ok(m.getX(12) > 100n, 'the handler ran many times');
  t.end();
});
