/**
 * The MMU as software sees it: hand-built stage-1 tables in guest RAM, every fault kind
 * at every level with its exact ESR/FAR/ELR, EL0 vs EL1 permissions, TTBR1, TBI, block
 * mappings, the TLB (stale until TLBI, ASID tagging) and MMU-off behaviour.
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t, { type Test } from 'tap';
import { Machine } from '../../machine/index.js';
import {
  PageTables, USER_RWX, KERNEL_RWX, PTE_AF, PTE_SH_INNER, PTE_AP_EL0, PTE_AP_RO, PTE_UXN, PTE_PXN, PTE_NG,
  ATTR_DEVICE, ATTR_NORMAL, TCR_48BIT, TABLE_AP_NO_EL0, TABLE_AP_RO, TABLE_UXN, TABLE_PXN,
} from '../helpers/pagetables.js';
import { BRK0, load, runTo, type Stop } from '../helpers/program.js';

const UCODE_VA = 0x40_0000n;
const UCODE_PA = 0x4000_1000;
const KCODE_VA = 0x8000_0000n;
const KCODE_PA = 0x4010_0000;
const DATA_VA = 0x60_0000n;
const DATA_PA = 0x4002_0000;
const DATA2_PA = 0x4003_0000;
const POOL = 0x40e0_0000n;

const USER_RO = PTE_AF | PTE_SH_INNER | ATTR_NORMAL | PTE_AP_EL0 | PTE_AP_RO;
const KERNEL_RO = PTE_AF | PTE_SH_INNER | ATTR_NORMAL | PTE_AP_RO;

const STRB = 0x39000001; // strb w1, [x0]
const LDR_X = 0xf9400002; // ldr x2, [x0]
const LDR_W = 0xb9400002; // ldr w2, [x0]
const STR_X = 0xf9000001; // str x1, [x0]
const LDXR = 0xc85f7c02; // ldxr x2, [x0]
const LDAR = 0xc8dffc02; // ldar x2, [x0]
const BR_X4 = 0xd61f0080; // br x4

/** A machine with code mapped for EL0 (UCODE_VA) and EL1 (KCODE_VA) and a user data page. */
function space(pool = POOL): { m: Machine; pt: PageTables } {
  const m = new Machine({ ramSize: 16 << 20 });
  const pt = new PageTables(m, pool);
  pt.map(UCODE_VA, BigInt(UCODE_PA), USER_RWX);
  pt.map(KCODE_VA, BigInt(KCODE_PA), KERNEL_RWX);
  pt.map(DATA_VA, BigInt(DATA_PA), USER_RWX);
  pt.enable();
  return { m, pt };
}

function user(m: Machine, words: number[]): Stop {
  load(m, UCODE_PA, [...words, BRK0], UCODE_VA, 0);
  return runTo(m);
}
function kernel(m: Machine, words: number[]): Stop {
  load(m, KCODE_PA, [...words, BRK0], KCODE_VA, 1);
  return runTo(m);
}

/** Asserts a data or instruction abort's syndrome. */
function abort(t: Test, s: Stop, ec: number, iss: number, far: bigint, elr: bigint, what: string): void {
  t.same({ ec: s.ec, iss: s.iss, far: s.far, elr: s.elr }, { ec, iss, far, elr }, what);
}

t.test('headline: STRB from EL0 to 0x816003 with an invalid level-2 entry', (t) => {
  const { m } = space();
  m.setX(0, 0x816003n);
  m.setX(1, 0x41n);
  const s = user(m, [STRB]);
  abort(t, s, 0x24, 0x46, 0x816003n, UCODE_VA, 'EC 0x24, ISS 0x46 (WnR, translation fault level 2)');
  t.equal(m.syndrome.esr, 0x9200_0046, 'ESR_EL1 with IL');
  t.equal(`[Fault] Data abort from EL0 at FAR=0x${s.far.toString(16)}, ISS=0x${s.iss.toString(16)}`, '[Fault] Data abort from EL0 at FAR=0x816003, ISS=0x46');
  t.end();
});

t.test('translation faults at levels 0..3, reads and writes', (t) => {
  const { m } = space();
  const cases: [bigint, number][] = [
    [0x0000_8000_0000_0000n, 0], // L0 index 256: empty
    [0x1_0000_0000n, 1], // L1 index 4 of the populated L0 entry
    [0x81_6003n, 2],
    [0x40_1008n, 3], // next to the code page
  ];
  for (const [va, level] of cases) {
    m.setX(0, va);
    abort(t, user(m, [LDR_X]), 0x24, 0x04 + level, va, UCODE_VA, `read, level ${level}`);
    abort(t, user(m, [STR_X]), 0x24, 0x44 + level, va, UCODE_VA, `write, level ${level}`);
    abort(t, kernel(m, [LDR_X]), 0x25, 0x04 + level, va, KCODE_VA, `EL1 read, level ${level}`);
  }
  // Outside the 48-bit TTBR0 range: level 0 translation fault.
  m.setX(0, 0x0001_0000_0000_0000n);
  abort(t, user(m, [LDR_X]), 0x24, 0x04, 0x0001_0000_0000_0000n, UCODE_VA, 'above 2^48');
  // Instruction fetch from an unmapped page.
  m.setX(4, 0x81_6000n);
  abort(t, user(m, [BR_X4]), 0x20, 0x06, 0x81_6000n, 0x81_6000n, 'instruction abort, level 2');
  t.end();
});

t.test('access flag faults at level 3 (page) and level 2 (block)', (t) => {
  const { m, pt } = space();
  pt.map(0x70_0000n, BigInt(DATA_PA), USER_RWX & ~PTE_AF);
  pt.map(0x20_0000_0000n, 0x4000_0000n, USER_RWX & ~PTE_AF, 2);
  m.setX(0, 0x70_0010n);
  abort(t, user(m, [LDR_X]), 0x24, 0x0b, 0x70_0010n, UCODE_VA, 'page');
  m.setX(0, 0x20_0000_0010n);
  abort(t, user(m, [STR_X]), 0x24, 0x4a, 0x20_0000_0010n, UCODE_VA, 'block, write');
  t.end();
});

t.test('external abort on a table walk (descriptor outside RAM)', (t) => {
  const { m, pt } = space();
  // Level-2 entry for 0xa00000 points its level-3 table at PA 0x1000, which is not RAM.
  pt.setDescriptor(0xa0_0000n, 2, 0x1000n | 3n);
  m.setX(0, 0xa0_0000n);
  abort(t, user(m, [LDR_X]), 0x24, 0x17, 0xa0_0000n, UCODE_VA, 'level 3 walk aborts');
  m.writeSysReg('TTBR0_EL1', 0x2000n);
  m.invalidateTlb();
  // Even the instruction fetch now fails at level 0.
  load(m, UCODE_PA, [BRK0], UCODE_VA, 0);
  abort(t, runTo(m), 0x20, 0x14, UCODE_VA, UCODE_VA, 'fetch with TTBR0 outside RAM');
  t.end();
});

t.test('permissions: AP bits at EL0 and EL1', (t) => {
  const { m, pt } = space();
  pt.map(0x70_0000n, BigInt(DATA_PA), USER_RO);
  pt.map(0x70_1000n, BigInt(DATA_PA), KERNEL_RWX);
  pt.map(0x70_2000n, BigInt(DATA_PA), KERNEL_RO);
  m.memory.write64(DATA_PA, 0x1234n);

  m.setX(0, 0x70_0000n);
  t.equal(user(m, [LDR_X]).ec, 0x3c, 'EL0 reads a read-only user page');
  t.equal(m.getX(2), 0x1234n);
  abort(t, user(m, [STRB]), 0x24, 0x4f, 0x70_0000n, UCODE_VA, 'EL0 write to read-only');
  abort(t, kernel(m, [STRB]), 0x25, 0x4f, 0x70_0000n, KCODE_VA, 'EL1 write to read-only');

  m.setX(0, 0x70_1008n);
  abort(t, user(m, [LDR_X]), 0x24, 0x0f, 0x70_1008n, UCODE_VA, 'EL0 read of an EL1 page');
  t.equal(kernel(m, [STR_X, LDR_X]).ec, 0x3c, 'EL1 reads and writes its page');

  m.setX(0, 0x70_2000n);
  abort(t, user(m, [LDR_W]), 0x24, 0x0f, 0x70_2000n, UCODE_VA, 'EL0 read of EL1 read-only');
  abort(t, kernel(m, [STR_X]), 0x25, 0x4f, 0x70_2000n, KCODE_VA, 'EL1 write to EL1 read-only');

  m.setX(0, DATA_VA);
  t.equal(kernel(m, [STR_X]).ec, 0x3c, 'EL1 writes a user page (no PAN)');
  t.end();
});

t.test('execute permissions: UXN, PXN, and EL0-writable implies PXN', (t) => {
  const { m, pt } = space();
  pt.map(0x70_0000n, BigInt(UCODE_PA), USER_RWX | PTE_UXN);
  pt.map(0x70_1000n, BigInt(KCODE_PA), KERNEL_RWX | PTE_PXN);
  pt.map(0x70_2000n, BigInt(UCODE_PA), USER_RO);
  m.memory.write32(UCODE_PA + 0x800, BRK0);
  m.memory.write32(KCODE_PA + 0x800, BRK0);

  m.setX(4, 0x70_0800n);
  abort(t, user(m, [BR_X4]), 0x20, 0x0f, 0x70_0800n, 0x70_0800n, 'EL0 fetch from UXN');
  m.setX(4, UCODE_VA + 0x800n);
  abort(t, kernel(m, [BR_X4]), 0x21, 0x0f, UCODE_VA + 0x800n, UCODE_VA + 0x800n, 'EL1 fetch from an EL0-writable page');
  m.setX(4, 0x70_1800n);
  abort(t, kernel(m, [BR_X4]), 0x21, 0x0f, 0x70_1800n, 0x70_1800n, 'EL1 fetch from PXN');
  // Read-only user code is executable at EL1 (only EL0-*writable* implies PXN).
  m.setX(4, 0x70_2800n);
  const s = kernel(m, [BR_X4]);
  t.equal(s.ec, 0x3c, 'EL1 runs read-only user code');
  t.equal(s.elr, 0x70_2800n);
  // AP=00 without UXN is execute-only memory for EL0.
  m.setX(4, KCODE_VA + 0x800n);
  t.equal(user(m, [BR_X4]).elr, KCODE_VA + 0x800n, 'EL0 may execute an EL1-only page without UXN');
  t.end();
});

t.test('hierarchical controls: APTable, UXNTable, PXNTable', (t) => {
  const { m, pt } = space();
  // Each region gets its own level-3 table (different 2 MiB regions).
  const regions = [0xc0_0000n, 0xe0_0000n, 0x100_0000n, 0x120_0000n];
  for (const r of regions) pt.map(r, BigInt(UCODE_PA), USER_RWX & ~(1n << 53n));
  pt.map(0x120_0000n, BigInt(KCODE_PA), KERNEL_RWX);
  const addTable = (va: bigint, bits: bigint) => {
    const at = Number(pt.descriptorAddress(va, 2));
    m.memory.write64(at, m.memory.read64(at) | bits);
  };
  addTable(0xc0_0000n, TABLE_AP_NO_EL0);
  addTable(0xe0_0000n, TABLE_AP_RO);
  addTable(0x100_0000n, TABLE_UXN);
  addTable(0x120_0000n, TABLE_PXN);
  m.invalidateTlb();
  m.memory.write32(UCODE_PA + 0x800, BRK0);
  m.memory.write32(KCODE_PA + 0x800, BRK0);

  m.setX(0, 0xc0_0000n);
  abort(t, user(m, [LDR_X]), 0x24, 0x0f, 0xc0_0000n, UCODE_VA, 'APTable[0]: no EL0 access');
  t.equal(kernel(m, [LDR_X]).ec, 0x3c, 'EL1 still reads it');
  m.setX(0, 0xe0_0000n);
  abort(t, user(m, [STR_X]), 0x24, 0x4f, 0xe0_0000n, UCODE_VA, 'APTable[1]: read-only for EL0');
  abort(t, kernel(m, [STR_X]), 0x25, 0x4f, 0xe0_0000n, KCODE_VA, 'APTable[1]: read-only for EL1');
  m.setX(4, 0x100_0800n);
  abort(t, user(m, [BR_X4]), 0x20, 0x0f, 0x100_0800n, 0x100_0800n, 'UXNTable');
  m.setX(4, 0x120_0800n);
  abort(t, kernel(m, [BR_X4]), 0x21, 0x0f, 0x120_0800n, 0x120_0800n, 'PXNTable');
  t.end();
});

t.test('alignment faults: Device memory, exclusives, acquire', (t) => {
  const { m, pt } = space();
  pt.map(0x70_0000n, BigInt(DATA_PA), PTE_AF | ATTR_DEVICE | PTE_AP_EL0);
  m.invalidateTlb();
  m.setX(0, 0x70_0008n);
  t.equal(user(m, [LDR_X]).ec, 0x3c, 'aligned Device access');
  m.setX(0, 0x70_0002n);
  abort(t, user(m, [LDR_W]), 0x24, 0x21, 0x70_0002n, UCODE_VA, 'unaligned Device read');
  abort(t, user(m, [STR_X]), 0x24, 0x61, 0x70_0002n, UCODE_VA, 'unaligned Device write');
  m.setX(0, DATA_VA + 4n);
  t.equal(user(m, [LDR_X]).ec, 0x3c, 'unaligned Normal access is fine');
  abort(t, user(m, [LDXR]), 0x24, 0x21, DATA_VA + 4n, UCODE_VA, 'LDXR');
  abort(t, user(m, [LDAR]), 0x24, 0x21, DATA_VA + 4n, UCODE_VA, 'LDAR');
  t.end();
});

t.test('block mappings at level 1 and level 2', (t) => {
  const { m, pt } = space();
  pt.map(0xc000_0000n, 0x4000_0000n, USER_RWX, 1);
  pt.map(0x20_0000_0000n, 0x4000_0000n, USER_RWX, 2);
  pt.map(0x20_0020_0000n, 0x4000_0000n, USER_RO, 2);
  m.memory.write64(DATA_PA + 0x18, 0xfeed_beefn);
  m.setX(0, 0xc000_0000n + BigInt(DATA_PA - 0x4000_0000 + 0x18));
  user(m, [LDR_X]);
  t.equal(m.getX(2), 0xfeed_beefn, '1 GiB block');
  m.setX(0, 0x20_0000_0000n + BigInt(DATA_PA - 0x4000_0000 + 0x18));
  user(m, [LDR_X]);
  t.equal(m.getX(2), 0xfeed_beefn, '2 MiB block');
  m.setX(0, 0x20_0020_0000n + 0x18n);
  abort(t, user(m, [STR_X]), 0x24, 0x4e, 0x20_0020_0018n, UCODE_VA, 'permission fault at level 2');
  t.end();
});

t.test('TTBR1 holds the upper half; T1SZ = 25 starts at level 1', (t) => {
  const { m } = space();
  const upper = new PageTables(m, POOL + 0x40000n);
  const KVA = 0xffff_0000_0000_1000n;
  upper.map(KVA, BigInt(DATA_PA), KERNEL_RWX);
  m.writeSysReg('TTBR1_EL1', upper.root);
  m.invalidateTlb();
  m.memory.write64(DATA_PA + 8, 0x55n);
  m.setX(0, KVA + 8n);
  t.equal(kernel(m, [LDR_X]).ec, 0x3c);
  t.equal(m.getX(2), 0x55n);
  abort(t, user(m, [LDR_X]), 0x24, 0x0f, KVA + 8n, UCODE_VA, 'EL0 cannot read the kernel half');
  m.setX(0, 0xffff_0000_0020_0000n);
  abort(t, kernel(m, [LDR_X]), 0x25, 0x06, 0xffff_0000_0020_0000n, KCODE_VA, 'unmapped upper address: level 2');
  m.setX(0, 0xfffe_0000_0000_0000n);
  abort(t, kernel(m, [LDR_X]), 0x25, 0x04, 0xfffe_0000_0000_0000n, KCODE_VA, 'outside both ranges');

  // 39-bit upper half: the TTBR1 table is a level-1 table, indexed by VA[38:30].
  const small = new PageTables(m, POOL + 0x80000n);
  const SVA = 0xffff_ff80_4000_2000n;
  small.map(SVA, BigInt(DATA_PA), KERNEL_RWX);
  const l1 = m.memory.read64(Number(small.root + 511n * 8n)) & 0x0000_ffff_ffff_f000n;
  m.writeSysReg('TTBR1_EL1', l1);
  m.writeSysReg('TCR_EL1', (TCR_48BIT & ~(0x3fn << 16n)) | (25n << 16n));
  m.invalidateTlb();
  m.setX(0, SVA + 8n);
  t.equal(kernel(m, [LDR_X]).ec, 0x3c);
  t.equal(m.getX(2), 0x55n);
  t.end();
});

t.test('top-byte ignore (TBI0) for data addresses', (t) => {
  const { m } = space();
  m.memory.write64(DATA_PA, 0x77n);
  const tagged = (0x5an << 56n) | DATA_VA;
  m.setX(0, tagged);
  t.equal(user(m, [LDR_X]).ec, 0x3c);
  t.equal(m.getX(2), 0x77n);
  m.writeSysReg('TCR_EL1', TCR_48BIT & ~(1n << 37n));
  m.invalidateTlb();
  abort(t, user(m, [LDR_X]), 0x24, 0x04, tagged, UCODE_VA, 'without TBI0 the tag makes it non-canonical');
  t.end();
});

/** TLBI instruction words; Xt = x5. */
const TLBI_VAE1IS = 0xd5088325;
const TLBI_ASIDE1IS = 0xd5088345;
const TLBI_VAAE1IS = 0xd5088365;
const TLBI_VMALLE1IS = 0xd508831f;
const DSB_ISH = 0xd5033b9f;

t.test('the TLB keeps a stale entry until TLBI; TLBI by VA/all invalidates', (t) => {
  const { m, pt } = space();
  m.memory.write64(DATA_PA, 1n);
  m.memory.write64(DATA2_PA, 2n);
  m.setX(0, DATA_VA);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n);
  // Remap without invalidating: the old translation is still used.
  m.memory.write64(Number(pt.descriptorAddress(DATA_VA, 3)), BigInt(DATA2_PA) | 3n | USER_RWX);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'stale');
  m.setX(5, (DATA_VA + 0x1000n) >> 12n);
  kernel(m, [TLBI_VAE1IS, DSB_ISH]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'TLBI of another page leaves it');
  m.setX(5, DATA_VA >> 12n);
  kernel(m, [TLBI_VAE1IS, DSB_ISH]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 2n, 'TLBI VAE1IS drops it');

  m.memory.write64(Number(pt.descriptorAddress(DATA_VA, 3)), BigInt(DATA_PA) | 3n | USER_RWX);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 2n, 'stale again');
  kernel(m, [TLBI_VMALLE1IS]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'TLBI VMALLE1IS drops everything');
  t.end();
});

t.test('ASIDs: two address spaces, non-global pages, TLBI by ASID', (t) => {
  const { m, pt: a } = space();
  const b = new PageTables(m, POOL + 0x40000n);
  b.map(UCODE_VA, BigInt(UCODE_PA), USER_RWX);
  b.map(KCODE_VA, BigInt(KCODE_PA), KERNEL_RWX);
  // DATA_VA is non-global in both: A -> DATA_PA, B -> DATA2_PA.
  m.memory.write64(Number(a.descriptorAddress(DATA_VA, 3)), BigInt(DATA_PA) | 3n | USER_RWX | PTE_NG);
  b.map(DATA_VA, BigInt(DATA2_PA), USER_RWX | PTE_NG);
  m.memory.write64(DATA_PA, 1n);
  m.memory.write64(DATA2_PA, 2n);
  const ttbrA = a.root | (1n << 48n);
  const ttbrB = b.root | (2n << 48n);
  m.writeSysReg('TTBR0_EL1', ttbrA);
  m.invalidateTlb();
  m.setX(0, DATA_VA);

  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'ASID 1 sees A');
  m.writeSysReg('TTBR0_EL1', ttbrB);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 2n, 'ASID 2 sees B without any TLBI');
  m.writeSysReg('TTBR0_EL1', ttbrA);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'and back');

  // Make A's entry stale, then invalidate by the wrong and the right ASID.
  m.memory.write64(Number(a.descriptorAddress(DATA_VA, 3)), BigInt(DATA2_PA) | 3n | USER_RWX | PTE_NG);
  m.setX(5, 2n << 48n);
  kernel(m, [TLBI_ASIDE1IS]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'TLBI ASIDE1 of ASID 2 leaves ASID 1');
  m.setX(5, (2n << 48n) | (DATA_VA >> 12n));
  kernel(m, [TLBI_VAE1IS]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'TLBI VAE1 with ASID 2 leaves ASID 1');
  m.setX(5, (7n << 48n) | (DATA_VA >> 12n));
  kernel(m, [TLBI_VAAE1IS]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 2n, 'TLBI VAAE1 (any ASID) drops it');

  m.memory.write64(Number(a.descriptorAddress(DATA_VA, 3)), BigInt(DATA_PA) | 3n | USER_RWX | PTE_NG);
  m.setX(5, 1n << 48n);
  kernel(m, [TLBI_ASIDE1IS]);
  user(m, [LDR_X]);
  t.equal(m.getX(2), 1n, 'TLBI ASIDE1 of ASID 1 drops it');
  t.end();
});

t.test('MMU off: flat, data accesses are Device (alignment), fetches are fine', (t) => {
  const m = new Machine({ ramSize: 16 << 20 });
  m.memory.write64(DATA_PA, 0x99n);
  m.setX(0, BigInt(DATA_PA));
  load(m, KCODE_PA, [LDR_X, BRK0], BigInt(KCODE_PA), 1);
  let s = runTo(m);
  t.equal(s.ec, 0x3c);
  t.equal(m.getX(2), 0x99n);
  m.setX(0, BigInt(DATA_PA + 4));
  load(m, KCODE_PA, [LDR_X], BigInt(KCODE_PA), 1);
  s = runTo(m);
  t.same({ ec: s.ec, iss: s.iss, far: s.far }, { ec: 0x25, iss: 0x21, far: BigInt(DATA_PA + 4) }, 'unaligned: alignment fault');
  m.setX(0, 0x1000n);
  load(m, KCODE_PA, [LDR_X], BigInt(KCODE_PA), 1);
  s = runTo(m);
  t.same({ ec: s.ec, iss: s.iss, far: s.far }, { ec: 0x25, iss: 0x10, far: 0x1000n }, 'no RAM: external abort');

  // Turning the MMU on afterwards uses the tables, not what was cached while it was off.
  const pt = new PageTables(m, POOL);
  pt.map(KCODE_VA, BigInt(KCODE_PA), KERNEL_RWX);
  pt.map(BigInt(DATA_PA), BigInt(DATA2_PA), KERNEL_RWX);
  m.memory.write64(DATA2_PA, 0x42n);
  m.writeSysReg('MAIR_EL1', 0xffn);
  m.writeSysReg('TCR_EL1', TCR_48BIT);
  m.writeSysReg('TTBR0_EL1', pt.root);
  m.setX(0, BigInt(DATA_PA));
  load(m, KCODE_PA, [LDR_X, BRK0], BigInt(KCODE_PA), 1);
  runTo(m); // fills the TLB with a flat entry for DATA_PA
  m.writeSysReg('SCTLR_EL1', m.readSysReg('SCTLR_EL1') | 1n);
  load(m, KCODE_PA, [LDR_X, BRK0], KCODE_VA, 1);
  s = runTo(m);
  t.equal(s.ec, 0x3c);
  t.equal(m.getX(2), 0x42n, 'translated through the new tables');
  t.end();
});
