/**
 * Exclusives, acquire/release and LSE atomics (machine/insn/atomic.ts): every operation,
 * size and ordering variant against a reference model on edge values, CAS/CASP success
 * and failure, store-exclusive success and every way it fails, alignment faults (EC 0x24,
 * DFSC 0x21, FAR) and faults that must happen before memory changes. Instruction words
 * come from aarch64-linux-gnu-as (assembly in the comments); results were cross-checked
 * against qemu-aarch64 7.2.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0, USER_RWX, PTE_AP_RO, type PageTables } from '../helpers/pagetables.js';

const CODE = 0x4000_1000;
const DATA = 0x4010_0000;
const D = DATA + 0x100;
const BRK0 = 0xd4200000;
const CLREX = 0xd503305f;
const GARBAGE = 0xdead_beef_dead_beefn;
const M64 = (1n << 64n) - 1n;

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

function place(m: Machine, words: readonly number[]): void {
  words.forEach((w, i) => m.memory.write32(CODE + 4 * i, w >>> 0));
  m.memory.write32(CODE + 4 * words.length, BRK0);
  m.cpu.setExceptionLevel(0);
  m.setPc(BigInt(CODE));
}

function stop(m: Machine): Stop {
  const { ec, iss } = m.syndrome;
  return { ec, iss, elr: m.readSysReg('ELR_EL1'), far: m.readSysReg('FAR_EL1') };
}

/** Runs `words` then BRK #0 at EL0, returns the stop syndrome. */
function run(m: Machine, words: readonly number[]): Stop {
  place(m, words);
  m.run(1000);
  return stop(m);
}

/** True when the run reached the final BRK (EC 0x3C, or 0x00 if BRK is not there yet). */
function completed(s: Stop, words: readonly number[]): boolean {
  return s.elr === BigInt(CODE + 4 * words.length) && (s.ec === 0x3c || s.ec === 0x00);
}

function readMem(m: Machine, pa: number, size: number): bigint {
  const b = m.memory.read(pa, size);
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return v;
}
function writeMem(m: Machine, pa: number, size: number, v: bigint): void {
  const b = new Uint8Array(size);
  for (let i = 0; i < size; i++) b[i] = Number((v >> BigInt(8 * i)) & 0xffn);
  m.memory.write(pa, b);
}

const hex = (v: bigint | number) => `0x${v.toString(16)}`;

// ---- LSE read-modify-write ------------------------------------------------------------

/** [insn, op (0 ADD 1 CLR 2 EOR 3 SET 4 SMAX 5 SMIN 6 UMAX 7 UMIN 8 SWP), size index]. */
const LSE: [number, number, number][] = [
  [0x38210044 /* ldaddb w1, w4, [x2] */, 0, 0],
  [0x38a10044 /* ldaddab w1, w4, [x2] */, 0, 0],
  [0x38610044 /* ldaddlb w1, w4, [x2] */, 0, 0],
  [0x38e10044 /* ldaddalb w1, w4, [x2] */, 0, 0],
  [0x78210044 /* ldaddh w1, w4, [x2] */, 0, 1],
  [0x78a10044 /* ldaddah w1, w4, [x2] */, 0, 1],
  [0x78610044 /* ldaddlh w1, w4, [x2] */, 0, 1],
  [0x78e10044 /* ldaddalh w1, w4, [x2] */, 0, 1],
  [0xb8210044 /* ldadd w1, w4, [x2] */, 0, 2],
  [0xb8a10044 /* ldadda w1, w4, [x2] */, 0, 2],
  [0xb8610044 /* ldaddl w1, w4, [x2] */, 0, 2],
  [0xb8e10044 /* ldaddal w1, w4, [x2] */, 0, 2],
  [0xf8210044 /* ldadd x1, x4, [x2] */, 0, 3],
  [0xf8a10044 /* ldadda x1, x4, [x2] */, 0, 3],
  [0xf8610044 /* ldaddl x1, x4, [x2] */, 0, 3],
  [0xf8e10044 /* ldaddal x1, x4, [x2] */, 0, 3],
  [0x38211044 /* ldclrb w1, w4, [x2] */, 1, 0],
  [0x38a11044 /* ldclrab w1, w4, [x2] */, 1, 0],
  [0x38611044 /* ldclrlb w1, w4, [x2] */, 1, 0],
  [0x38e11044 /* ldclralb w1, w4, [x2] */, 1, 0],
  [0x78211044 /* ldclrh w1, w4, [x2] */, 1, 1],
  [0x78a11044 /* ldclrah w1, w4, [x2] */, 1, 1],
  [0x78611044 /* ldclrlh w1, w4, [x2] */, 1, 1],
  [0x78e11044 /* ldclralh w1, w4, [x2] */, 1, 1],
  [0xb8211044 /* ldclr w1, w4, [x2] */, 1, 2],
  [0xb8a11044 /* ldclra w1, w4, [x2] */, 1, 2],
  [0xb8611044 /* ldclrl w1, w4, [x2] */, 1, 2],
  [0xb8e11044 /* ldclral w1, w4, [x2] */, 1, 2],
  [0xf8211044 /* ldclr x1, x4, [x2] */, 1, 3],
  [0xf8a11044 /* ldclra x1, x4, [x2] */, 1, 3],
  [0xf8611044 /* ldclrl x1, x4, [x2] */, 1, 3],
  [0xf8e11044 /* ldclral x1, x4, [x2] */, 1, 3],
  [0x38212044 /* ldeorb w1, w4, [x2] */, 2, 0],
  [0x38a12044 /* ldeorab w1, w4, [x2] */, 2, 0],
  [0x38612044 /* ldeorlb w1, w4, [x2] */, 2, 0],
  [0x38e12044 /* ldeoralb w1, w4, [x2] */, 2, 0],
  [0x78212044 /* ldeorh w1, w4, [x2] */, 2, 1],
  [0x78a12044 /* ldeorah w1, w4, [x2] */, 2, 1],
  [0x78612044 /* ldeorlh w1, w4, [x2] */, 2, 1],
  [0x78e12044 /* ldeoralh w1, w4, [x2] */, 2, 1],
  [0xb8212044 /* ldeor w1, w4, [x2] */, 2, 2],
  [0xb8a12044 /* ldeora w1, w4, [x2] */, 2, 2],
  [0xb8612044 /* ldeorl w1, w4, [x2] */, 2, 2],
  [0xb8e12044 /* ldeoral w1, w4, [x2] */, 2, 2],
  [0xf8212044 /* ldeor x1, x4, [x2] */, 2, 3],
  [0xf8a12044 /* ldeora x1, x4, [x2] */, 2, 3],
  [0xf8612044 /* ldeorl x1, x4, [x2] */, 2, 3],
  [0xf8e12044 /* ldeoral x1, x4, [x2] */, 2, 3],
  [0x38213044 /* ldsetb w1, w4, [x2] */, 3, 0],
  [0x38a13044 /* ldsetab w1, w4, [x2] */, 3, 0],
  [0x38613044 /* ldsetlb w1, w4, [x2] */, 3, 0],
  [0x38e13044 /* ldsetalb w1, w4, [x2] */, 3, 0],
  [0x78213044 /* ldseth w1, w4, [x2] */, 3, 1],
  [0x78a13044 /* ldsetah w1, w4, [x2] */, 3, 1],
  [0x78613044 /* ldsetlh w1, w4, [x2] */, 3, 1],
  [0x78e13044 /* ldsetalh w1, w4, [x2] */, 3, 1],
  [0xb8213044 /* ldset w1, w4, [x2] */, 3, 2],
  [0xb8a13044 /* ldseta w1, w4, [x2] */, 3, 2],
  [0xb8613044 /* ldsetl w1, w4, [x2] */, 3, 2],
  [0xb8e13044 /* ldsetal w1, w4, [x2] */, 3, 2],
  [0xf8213044 /* ldset x1, x4, [x2] */, 3, 3],
  [0xf8a13044 /* ldseta x1, x4, [x2] */, 3, 3],
  [0xf8613044 /* ldsetl x1, x4, [x2] */, 3, 3],
  [0xf8e13044 /* ldsetal x1, x4, [x2] */, 3, 3],
  [0x38214044 /* ldsmaxb w1, w4, [x2] */, 4, 0],
  [0x38a14044 /* ldsmaxab w1, w4, [x2] */, 4, 0],
  [0x38614044 /* ldsmaxlb w1, w4, [x2] */, 4, 0],
  [0x38e14044 /* ldsmaxalb w1, w4, [x2] */, 4, 0],
  [0x78214044 /* ldsmaxh w1, w4, [x2] */, 4, 1],
  [0x78a14044 /* ldsmaxah w1, w4, [x2] */, 4, 1],
  [0x78614044 /* ldsmaxlh w1, w4, [x2] */, 4, 1],
  [0x78e14044 /* ldsmaxalh w1, w4, [x2] */, 4, 1],
  [0xb8214044 /* ldsmax w1, w4, [x2] */, 4, 2],
  [0xb8a14044 /* ldsmaxa w1, w4, [x2] */, 4, 2],
  [0xb8614044 /* ldsmaxl w1, w4, [x2] */, 4, 2],
  [0xb8e14044 /* ldsmaxal w1, w4, [x2] */, 4, 2],
  [0xf8214044 /* ldsmax x1, x4, [x2] */, 4, 3],
  [0xf8a14044 /* ldsmaxa x1, x4, [x2] */, 4, 3],
  [0xf8614044 /* ldsmaxl x1, x4, [x2] */, 4, 3],
  [0xf8e14044 /* ldsmaxal x1, x4, [x2] */, 4, 3],
  [0x38215044 /* ldsminb w1, w4, [x2] */, 5, 0],
  [0x38a15044 /* ldsminab w1, w4, [x2] */, 5, 0],
  [0x38615044 /* ldsminlb w1, w4, [x2] */, 5, 0],
  [0x38e15044 /* ldsminalb w1, w4, [x2] */, 5, 0],
  [0x78215044 /* ldsminh w1, w4, [x2] */, 5, 1],
  [0x78a15044 /* ldsminah w1, w4, [x2] */, 5, 1],
  [0x78615044 /* ldsminlh w1, w4, [x2] */, 5, 1],
  [0x78e15044 /* ldsminalh w1, w4, [x2] */, 5, 1],
  [0xb8215044 /* ldsmin w1, w4, [x2] */, 5, 2],
  [0xb8a15044 /* ldsmina w1, w4, [x2] */, 5, 2],
  [0xb8615044 /* ldsminl w1, w4, [x2] */, 5, 2],
  [0xb8e15044 /* ldsminal w1, w4, [x2] */, 5, 2],
  [0xf8215044 /* ldsmin x1, x4, [x2] */, 5, 3],
  [0xf8a15044 /* ldsmina x1, x4, [x2] */, 5, 3],
  [0xf8615044 /* ldsminl x1, x4, [x2] */, 5, 3],
  [0xf8e15044 /* ldsminal x1, x4, [x2] */, 5, 3],
  [0x38216044 /* ldumaxb w1, w4, [x2] */, 6, 0],
  [0x38a16044 /* ldumaxab w1, w4, [x2] */, 6, 0],
  [0x38616044 /* ldumaxlb w1, w4, [x2] */, 6, 0],
  [0x38e16044 /* ldumaxalb w1, w4, [x2] */, 6, 0],
  [0x78216044 /* ldumaxh w1, w4, [x2] */, 6, 1],
  [0x78a16044 /* ldumaxah w1, w4, [x2] */, 6, 1],
  [0x78616044 /* ldumaxlh w1, w4, [x2] */, 6, 1],
  [0x78e16044 /* ldumaxalh w1, w4, [x2] */, 6, 1],
  [0xb8216044 /* ldumax w1, w4, [x2] */, 6, 2],
  [0xb8a16044 /* ldumaxa w1, w4, [x2] */, 6, 2],
  [0xb8616044 /* ldumaxl w1, w4, [x2] */, 6, 2],
  [0xb8e16044 /* ldumaxal w1, w4, [x2] */, 6, 2],
  [0xf8216044 /* ldumax x1, x4, [x2] */, 6, 3],
  [0xf8a16044 /* ldumaxa x1, x4, [x2] */, 6, 3],
  [0xf8616044 /* ldumaxl x1, x4, [x2] */, 6, 3],
  [0xf8e16044 /* ldumaxal x1, x4, [x2] */, 6, 3],
  [0x38217044 /* lduminb w1, w4, [x2] */, 7, 0],
  [0x38a17044 /* lduminab w1, w4, [x2] */, 7, 0],
  [0x38617044 /* lduminlb w1, w4, [x2] */, 7, 0],
  [0x38e17044 /* lduminalb w1, w4, [x2] */, 7, 0],
  [0x78217044 /* lduminh w1, w4, [x2] */, 7, 1],
  [0x78a17044 /* lduminah w1, w4, [x2] */, 7, 1],
  [0x78617044 /* lduminlh w1, w4, [x2] */, 7, 1],
  [0x78e17044 /* lduminalh w1, w4, [x2] */, 7, 1],
  [0xb8217044 /* ldumin w1, w4, [x2] */, 7, 2],
  [0xb8a17044 /* ldumina w1, w4, [x2] */, 7, 2],
  [0xb8617044 /* lduminl w1, w4, [x2] */, 7, 2],
  [0xb8e17044 /* lduminal w1, w4, [x2] */, 7, 2],
  [0xf8217044 /* ldumin x1, x4, [x2] */, 7, 3],
  [0xf8a17044 /* ldumina x1, x4, [x2] */, 7, 3],
  [0xf8617044 /* lduminl x1, x4, [x2] */, 7, 3],
  [0xf8e17044 /* lduminal x1, x4, [x2] */, 7, 3],
  [0x38218044 /* swpb w1, w4, [x2] */, 8, 0],
  [0x38a18044 /* swpab w1, w4, [x2] */, 8, 0],
  [0x38618044 /* swplb w1, w4, [x2] */, 8, 0],
  [0x38e18044 /* swpalb w1, w4, [x2] */, 8, 0],
  [0x78218044 /* swph w1, w4, [x2] */, 8, 1],
  [0x78a18044 /* swpah w1, w4, [x2] */, 8, 1],
  [0x78618044 /* swplh w1, w4, [x2] */, 8, 1],
  [0x78e18044 /* swpalh w1, w4, [x2] */, 8, 1],
  [0xb8218044 /* swp w1, w4, [x2] */, 8, 2],
  [0xb8a18044 /* swpa w1, w4, [x2] */, 8, 2],
  [0xb8618044 /* swpl w1, w4, [x2] */, 8, 2],
  [0xb8e18044 /* swpal w1, w4, [x2] */, 8, 2],
  [0xf8218044 /* swp x1, x4, [x2] */, 8, 3],
  [0xf8a18044 /* swpa x1, x4, [x2] */, 8, 3],
  [0xf8618044 /* swpl x1, x4, [x2] */, 8, 3],
  [0xf8e18044 /* swpal x1, x4, [x2] */, 8, 3],
];

/** What memory holds after op(old, s) on `bits`-bit values. */
function lseResult(op: number, bits: number, old: bigint, s: bigint): bigint {
  const mask = (1n << BigInt(bits)) - 1n;
  const signed = (v: bigint) => BigInt.asIntN(bits, v);
  switch (op) {
    case 0: return (old + s) & mask;
    case 1: return old & ~s & mask;
    case 2: return old ^ s;
    case 3: return old | s;
    case 4: return signed(old) > signed(s) ? old : s;
    case 5: return signed(old) < signed(s) ? old : s;
    case 6: return old > s ? old : s;
    case 7: return old < s ? old : s;
    default: return s;
  }
}

function edgeValues(bits: number): bigint[] {
  const b = BigInt(bits);
  const max = (1n << b) - 1n;
  const vals = [0n, 1n, (1n << (b - 1n)) - 1n, 1n << (b - 1n), max, max - 1n, 0x5a5a_5a5a_5a5a_5a5an & max];
  if (bits === 64) vals.push(0xffff_ffffn, 0x1_0000_0000n, 0xffff_ffff_0000_0001n, 0xffff_ffff_8000_0000n, 0x8000_0000_ffff_ffffn);
  return vals;
}

/** 24 bytes written from D-8 before each run, so the bytes around the target can be checked. */
const AROUND = 0x0102_0304_0506_0708_1112_1314_1516_1718_2122_2324_2526_2728n;

t.test('LSE atomics: every op, size and ordering on edge values', (t) => {
  const { m } = machine();
  const SIZES = [1, 2, 4, 8];
  let runs = 0;
  const failures: string[] = [];
  for (const [insn, op, sizeIndex] of LSE) {
    const size = SIZES[sizeIndex];
    const bits = size * 8;
    const mask = (1n << BigInt(bits)) - 1n;
    for (const old of edgeValues(bits)) {
      for (const s of edgeValues(bits)) {
        writeMem(m, D - 8, 24, AROUND);
        writeMem(m, D, size, old);
        // Bits above the access size in Rs must be ignored.
        m.setX(1, (s | (GARBAGE & ~mask)) & M64);
        m.setX(4, GARBAGE);
        m.setX(2, BigInt(D));
        const st = run(m, [insn]);
        runs++;
        const got = { mem: readMem(m, D, size), rt: m.getX(4), above: readMem(m, D + size, 8), below: readMem(m, D - 8, 8) };
        const want = lseResult(op, bits, old, s);
        const name = `${hex(insn >>> 0)} old=${hex(old)} s=${hex(s)}`;
        if (!completed(st, [insn])) failures.push(`${name}: EC ${hex(st.ec)}`);
        else if (got.mem !== want) failures.push(`${name}: memory ${hex(got.mem)}, want ${hex(want)}`);
        else if (got.rt !== old) failures.push(`${name}: Rt ${hex(got.rt)}, want ${hex(old)}`);
        else if (got.below !== (AROUND & M64)) failures.push(`${name}: bytes below changed`);
        else if (got.above !== ((AROUND >> BigInt(8 * (8 + size))) & M64)) failures.push(`${name}: bytes above changed`);
      }
    }
  }
  t.same(failures.slice(0, 10), [], `${runs} runs`);
  t.end();
});

t.test('LSE: ST* aliases (Rt = XZR), Rs == Rt, SP as base', (t) => {
  const { m } = machine();
  writeMem(m, D, 8, 5n);
  m.setX(1, 3n);
  m.setX(2, BigInt(D));
  let s = run(m, [0xf821005f /* stadd x1, [x2] */, 0xb861405f /* stsmaxl w1, [x2] */, 0xf8210041 /* ldadd x1, x1, [x2] */]);
  t.ok(completed(s, [0, 0, 0]));
  t.equal(readMem(m, D, 8), 11n, 'STADD adds, STSMAXL keeps the larger, LDADD with Rs == Rt adds the old Rs');
  t.equal(m.getX(1), 8n, 'Rt = old value');
  m.setX(1, 0x77n);
  s = run(m, [0xf8e18041 /* swpal x1, x1, [x2] */]);
  t.equal(m.getX(1), 11n);
  t.equal(readMem(m, D, 8), 0x77n);
  m.writeSysReg('SP_EL0', BigInt(D));
  m.setX(1, 0x19n);
  s = run(m, [0xf8e103e5 /* ldaddal x1, x5, [sp] */, 0x382113ff /* ldclrb w1, wzr, [sp] */]);
  t.ok(completed(s, [0, 0]));
  t.equal(m.getX(5), 0x77n);
  t.equal(readMem(m, D, 8), 0x80n, '(0x77 + 0x19) & ~0x19');
  t.end();
});

// ---- CAS / CASP -------------------------------------------------------------------------

const CAS: [number, number][] = [
  [0x08a17c44 /* casb w1, w4, [x2] */, 0],
  [0x08e17c44 /* casab w1, w4, [x2] */, 0],
  [0x08a1fc44 /* caslb w1, w4, [x2] */, 0],
  [0x08e1fc44 /* casalb w1, w4, [x2] */, 0],
  [0x48a17c44 /* cash w1, w4, [x2] */, 1],
  [0x48e17c44 /* casah w1, w4, [x2] */, 1],
  [0x48a1fc44 /* caslh w1, w4, [x2] */, 1],
  [0x48e1fc44 /* casalh w1, w4, [x2] */, 1],
  [0x88a17c44 /* cas w1, w4, [x2] */, 2],
  [0x88e17c44 /* casa w1, w4, [x2] */, 2],
  [0x88a1fc44 /* casl w1, w4, [x2] */, 2],
  [0x88e1fc44 /* casal w1, w4, [x2] */, 2],
  [0xc8a17c44 /* cas x1, x4, [x2] */, 3],
  [0xc8e17c44 /* casa x1, x4, [x2] */, 3],
  [0xc8a1fc44 /* casl x1, x4, [x2] */, 3],
  [0xc8e1fc44 /* casal x1, x4, [x2] */, 3],
];

t.test('CAS: every size and ordering, success and failure', (t) => {
  const { m } = machine();
  const SIZES = [1, 2, 4, 8];
  for (const [insn, sizeIndex] of CAS) {
    const size = SIZES[sizeIndex];
    const mask = (1n << BigInt(size * 8)) - 1n;
    const old = 0x8182_8384_8586_8788n & mask;
    const name = hex(insn >>> 0);
    for (const match of [true, false]) {
      writeMem(m, D, 16, 0x1112_1314_1516_1718_2122_2324_2526_2728n);
      writeMem(m, D, size, old);
      // Compare value: equal in the low `size` bytes (garbage above) or off by one.
      const cmp = match ? (old | (GARBAGE & ~mask)) & M64 : old ^ 1n;
      m.setX(1, cmp);
      m.setX(4, 0xa1a2_a3a4_a5a6_a7a8n);
      m.setX(2, BigInt(D));
      const s = run(m, [insn]);
      t.ok(completed(s, [insn]), `${name} completes`);
      t.equal(readMem(m, D, size), match ? 0xa1a2_a3a4_a5a6_a7a8n & mask : old, `${name} memory (${match ? 'match' : 'mismatch'})`);
      t.equal(m.getX(1), old, `${name} Rs = old value, zero-extended`);
      if (size < 8) t.equal(readMem(m, D + size, 1), (0x2122_2324_2526_2728n >> BigInt(8 * size)) & 0xffn, `${name} byte above`);
    }
  }
  t.end();
});

t.test('CASP: W and X pairs, success and failure on either half', (t) => {
  const { m } = machine();
  const cases: [number, number][] = [
    [0x08247c46 /* casp w4, w5, w6, w7, [x2] */, 4],
    [0x0864fc46 /* caspal w4, w5, w6, w7, [x2] */, 4],
    [0x48247c46 /* casp x4, x5, x6, x7, [x2] */, 8],
    [0x48647c46 /* caspa x4, x5, x6, x7, [x2] */, 8],
    [0x4824fc46 /* caspl x4, x5, x6, x7, [x2] */, 8],
  ];
  for (const [insn, size] of cases) {
    const mask = (1n << BigInt(size * 8)) - 1n;
    const a = 0x8182_8384_8586_8788n & mask;
    const b = 0x9192_9394_9596_9798n & mask;
    for (const which of ['both', 'first', 'second'] as const) {
      writeMem(m, D, size, a);
      writeMem(m, D + size, size, b);
      m.setX(4, which === 'second' ? a ^ 2n : a);
      m.setX(5, which === 'first' ? b ^ 2n : b);
      m.setX(6, 0xa1a2_a3a4_a5a6_a7a8n);
      m.setX(7, 0xb1b2_b3b4_b5b6_b7b8n);
      m.setX(2, BigInt(D));
      const s = run(m, [insn]);
      const name = `${hex(insn >>> 0)} match ${which}`;
      t.ok(completed(s, [insn]), name);
      const ok = which === 'both';
      t.equal(readMem(m, D, size), ok ? 0xa1a2_a3a4_a5a6_a7a8n & mask : a, `${name}: first`);
      t.equal(readMem(m, D + size, size), ok ? 0xb1b2_b3b4_b5b6_b7b8n & mask : b, `${name}: second`);
      t.equal(m.getX(4), a, `${name}: Rs`);
      t.equal(m.getX(5), b, `${name}: Rs+1`);
    }
  }
  // Rt = X30: the pair's second register is XZR.
  writeMem(m, D, 16, 0n);
  m.setX(30, 0x1234n);
  m.setX(4, 0n);
  m.setX(5, 0n);
  run(m, [0x48247c5e /* casp x4, x5, x30, xzr, [x2] */]);
  t.equal(readMem(m, D, 8), 0x1234n);
  t.equal(readMem(m, D + 8, 8), 0n);
  // Odd Rs or Rt: Undefined (as in qemu).
  for (const w of [0x48247c46 /* casp x4, x5, x6, x7, [x2] */ | 1, 0x48247c46 /* casp x4, x5, x6, x7, [x2] */ | (1 << 16)]) {
    const s = run(m, [w >>> 0]);
    t.equal(s.ec, 0, `${hex(w >>> 0)} Undefined`);
  }
  t.end();
});

// ---- Exclusives ---------------------------------------------------------------------------

t.test('exclusive pairs of every size succeed and write', (t) => {
  const { m } = machine();
  const cases: [number[], number][] = [
    [[0x085f7c41 /* ldxrb w1, [x2] */, 0x08037c44 /* stxrb w3, w4, [x2] */], 1],
    [[0x085ffc41 /* ldaxrb w1, [x2] */, 0x0803fc44 /* stlxrb w3, w4, [x2] */], 1],
    [[0x485f7c41 /* ldxrh w1, [x2] */, 0x48037c44 /* stxrh w3, w4, [x2] */], 2],
    [[0x485ffc41 /* ldaxrh w1, [x2] */, 0x4803fc44 /* stlxrh w3, w4, [x2] */], 2],
    [[0x885f7c41 /* ldxr w1, [x2] */, 0x88037c44 /* stxr w3, w4, [x2] */], 4],
    [[0x885ffc41 /* ldaxr w1, [x2] */, 0x8803fc44 /* stlxr w3, w4, [x2] */], 4],
    [[0xc85f7c41 /* ldxr x1, [x2] */, 0xc8037c44 /* stxr w3, x4, [x2] */], 8],
    [[0xc85ffc41 /* ldaxr x1, [x2] */, 0xc803fc44 /* stlxr w3, x4, [x2] */], 8],
  ];
  for (const [words, size] of cases) {
    const mask = (1n << BigInt(size * 8)) - 1n;
    writeMem(m, D, 16, 0x1112_1314_1516_1718_8182_8384_8586_8788n);
    m.setX(1, GARBAGE);
    m.setX(3, GARBAGE);
    m.setX(4, 0xa1a2_a3a4_a5a6_a7a8n);
    m.setX(2, BigInt(D));
    const s = run(m, words);
    const name = hex(words[0] >>> 0);
    t.ok(completed(s, words), name);
    t.equal(m.getX(1), 0x8182_8384_8586_8788n & mask, `${name}: loaded, zero-extended`);
    t.equal(m.getX(3), 0n, `${name}: status 0`);
    t.equal(readMem(m, D, size), 0xa1a2_a3a4_a5a6_a7a8n & mask, `${name}: stored`);
    t.equal(readMem(m, D + size, 1), (0x1112_1314_1516_1718_8182_8384_8586_8788n >> BigInt(size * 8)) & 0xffn, `${name}: byte above`);
  }
  // Pairs.
  writeMem(m, D, 16, 0x1112_1314_1516_1718_8182_8384_8586_8788n);
  m.setX(5, 0xa1a2_a3a4_a5a6_a7a8n);
  m.setX(6, 0xb1b2_b3b4_b5b6_b7b8n);
  let s = run(m, [0x887f1041 /* ldxp w1, w4, [x2] */, 0x88231845 /* stxp w3, w5, w6, [x2] */]);
  t.equal(m.getX(1), 0x8586_8788n);
  t.equal(m.getX(4), 0x8182_8384n);
  t.equal(m.getX(3), 0n);
  t.equal(readMem(m, D, 8), 0xb5b6_b7b8_a5a6_a7a8n, 'STXP W: Rt at the lower address');
  t.equal(readMem(m, D + 8, 8), 0x1112_1314_1516_1718n);
  s = run(m, [0xc87f9041 /* ldaxp x1, x4, [x2] */, 0xc8239845 /* stlxp w3, x5, x6, [x2] */]);
  t.ok(completed(s, [0, 0]));
  t.equal(m.getX(1), 0xb5b6_b7b8_a5a6_a7a8n);
  t.equal(m.getX(4), 0x1112_1314_1516_1718n);
  t.equal(m.getX(3), 0n);
  t.equal(readMem(m, D, 8), 0xa1a2_a3a4_a5a6_a7a8n);
  t.equal(readMem(m, D + 8, 8), 0xb1b2_b3b4_b5b6_b7b8n);
  t.end();
});

t.test('store-exclusive fails without a matching reservation and does not write', (t) => {
  const { m, pt } = machine();
  const check = (words: number[], label: string, setup?: () => void) => {
    writeMem(m, D, 16, 0x1112_1314_1516_1718_8182_8384_8586_8788n);
    m.setX(2, BigInt(D));
    m.setX(3, GARBAGE);
    m.setX(4, 0xa1a2_a3a4_a5a6_a7a8n);
    m.setX(6, BigInt(D + 8));
    setup?.();
    const s = run(m, words);
    t.ok(completed(s, words), `${label} completes`);
    t.equal(m.getX(3), 1n, `${label}: status 1`);
    t.equal(readMem(m, D, 16), 0x1112_1314_1516_1718_8182_8384_8586_8788n, `${label}: memory unchanged`);
  };
  check([0xc8037c44 /* stxr w3, x4, [x2] */], 'no reservation');
  check([0xc85f7cc1 /* ldxr x1, [x6] */, 0xc8037c44 /* stxr w3, x4, [x2] */], 'reservation elsewhere');
  check([0xc85f7c41 /* ldxr x1, [x2] */, CLREX, 0xc8037c44 /* stxr w3, x4, [x2] */], 'after CLREX');
  check([0x085f7c41 /* ldxrb w1, [x2] */, 0xc8037c44 /* stxr w3, x4, [x2] */], 'different size');
  check([0xc85f7c41 /* ldxr x1, [x2] */, 0xc8231044 /* stxp w3, x4, x4, [x2] */], 'pair after single');
  check([0xc85f7c41 /* ldxr x1, [x2] */, 0xc8077cc4 /* stxr w7, x4, [x6] */, 0xc8037c44 /* stxr w3, x4, [x2] */], 'after a failed store-exclusive');
  // A successful store-exclusive also clears the monitor.
  m.setX(2, BigInt(D));
  m.setX(3, GARBAGE);
  m.setX(7, GARBAGE);
  run(m, [0xc85f7c41 /* ldxr x1, [x2] */, 0xc8077c44 /* stxr w7, x4, [x2] */, 0xc8037c41 /* stxr w3, x1, [x2] */]);
  t.equal(m.getX(7), 0n, 'the first store-exclusive succeeded');
  t.equal(m.getX(3), 1n, 'the second failed');
  t.equal(readMem(m, D, 8), 0xa1a2_a3a4_a5a6_a7a8n);
  // No reservation and an unmapped address: fails without a fault.
  writeMem(m, D, 8, 0n);
  m.setX(2, 0x1000n);
  m.setX(3, GARBAGE);
  let s = run(m, [0xc8037c44 /* stxr w3, x4, [x2] */]);
  t.ok(completed(s, [0]), 'no fault for a failing store-exclusive to an unmapped address');
  t.equal(m.getX(3), 1n);

  // The monitor is cleared by CLREX-equivalent host action between instructions.
  m.setX(2, BigInt(D));
  place(m, [0xc85f7c41 /* ldxr x1, [x2] */, 0xc8037c44 /* stxr w3, x4, [x2] */]);
  t.equal(m.run(1), StopReason.BUDGET);
  t.not(m.cpu.exclusiveAddr, -1, 'LDXR set the monitor');
  m.cpu.exclusiveAddr = -1;
  m.run(10);
  t.equal(m.getX(3), 1n, 'cleared monitor: fails');

  // An exception in between clears the monitor (the BRK ending the first run).
  run(m, [0xc85f7c41 /* ldxr x1, [x2] */]);
  s = run(m, [0xc8037c44 /* stxr w3, x4, [x2] */]);
  t.equal(m.getX(3), 1n, 'exception entry clears the monitor');

  // The reservation is physical: an alias VA of the same location passes.
  pt.map(0x1_0000_0000n, BigInt(D & ~0xfff), USER_RWX, 3);
  m.invalidateTlb();
  m.setX(6, 0x1_0000_0000n + BigInt(D & 0xfff));
  s = run(m, [0xc85f7cc1 /* ldxr x1, [x6] */, 0xc8037c44 /* stxr w3, x4, [x2] */]);
  t.equal(m.getX(3), 0n, 'same physical address through another VA');
  t.equal(readMem(m, D, 8), 0xa1a2_a3a4_a5a6_a7a8n);
  t.end();
});

// ---- Acquire / release ------------------------------------------------------------------

t.test('LDAR/STLR, LDAPR and LDAPUR/STLUR of every size', (t) => {
  const { m } = machine();
  const loads: [number, number, number, 'u' | 's64' | 's32'][] = [
    // [insn, offset from D, size, extension]
    [0x08dffc41 /* ldarb w1, [x2] */, 0, 1, 'u'],
    [0x48dffc41 /* ldarh w1, [x2] */, 0, 2, 'u'],
    [0x88dffc41 /* ldar w1, [x2] */, 0, 4, 'u'],
    [0xc8dffc41 /* ldar x1, [x2] */, 0, 8, 'u'],
    [0x38bfc041 /* ldaprb w1, [x2] */, 0, 1, 'u'],
    [0x78bfc041 /* ldaprh w1, [x2] */, 0, 2, 'u'],
    [0xb8bfc041 /* ldapr w1, [x2] */, 0, 4, 'u'],
    [0xf8bfc041 /* ldapr x1, [x2] */, 0, 8, 'u'],
    [0x19403041 /* ldapurb w1, [x2, #3] */, 3, 1, 'u'],
    [0x199ff041 /* ldapursb x1, [x2, #-1] */, -1, 1, 's64'],
    [0x19dff041 /* ldapursb w1, [x2, #-1] */, -1, 1, 's32'],
    [0x595fe041 /* ldapurh w1, [x2, #-2] */, -2, 2, 'u'],
    [0x59806041 /* ldapursh x1, [x2, #6] */, 6, 2, 's64'],
    [0x59c06041 /* ldapursh w1, [x2, #6] */, 6, 2, 's32'],
    [0x995fc041 /* ldapur w1, [x2, #-4] */, -4, 4, 'u'],
    [0x99804041 /* ldapursw x1, [x2, #4] */, 4, 4, 's64'],
    [0xd9500041 /* ldapur x1, [x2, #-256] */, -256, 8, 'u'],
  ];
  for (const [insn, off, size, ext] of loads) {
    writeMem(m, D - 256, 8, 0x8182_8384_8586_8788n);
    writeMem(m, D - 8, 16, 0xf1f2_f3f4_f5f6_f7f8_e1e2_e3e4_e5e6_e7e8n);
    m.setX(1, GARBAGE);
    m.setX(2, BigInt(D));
    const s = run(m, [insn]);
    t.ok(completed(s, [insn]), hex(insn >>> 0));
    const raw = readMem(m, D + off, size);
    const want = ext === 'u' ? raw : ext === 's64' ? BigInt.asUintN(64, BigInt.asIntN(size * 8, raw)) : BigInt.asUintN(32, BigInt.asIntN(size * 8, raw));
    t.equal(m.getX(1), want, `${hex(insn >>> 0)} value`);
  }
  const stores: [number, number, number][] = [
    [0x089ffc41 /* stlrb w1, [x2] */, 0, 1],
    [0x489ffc41 /* stlrh w1, [x2] */, 0, 2],
    [0x889ffc41 /* stlr w1, [x2] */, 0, 4],
    [0xc89ffc41 /* stlr x1, [x2] */, 0, 8],
    [0x191ff041 /* stlurb w1, [x2, #-1] */, -1, 1],
    [0x59002041 /* stlurh w1, [x2, #2] */, 2, 2],
    [0x991f8041 /* stlur w1, [x2, #-8] */, -8, 4],
    [0xd9008041 /* stlur x1, [x2, #8] */, 8, 8],
  ];
  for (const [insn, off, size] of stores) {
    writeMem(m, D - 8, 24, 0n);
    m.setX(1, 0xa1a2_a3a4_a5a6_a7a8n);
    m.setX(2, BigInt(D));
    const s = run(m, [insn]);
    t.ok(completed(s, [insn]), hex(insn >>> 0));
    t.equal(readMem(m, D + off, size), 0xa1a2_a3a4_a5a6_a7a8n & ((1n << BigInt(size * 8)) - 1n), `${hex(insn >>> 0)} stored`);
    t.equal(readMem(m, D + off + size, 1), 0n, `${hex(insn >>> 0)} above untouched`);
  }
  t.end();
});

// ---- Faults ---------------------------------------------------------------------------------

t.test('alignment faults: EC 0x24, DFSC 0x21, WnR, FAR; nothing changes', (t) => {
  const { m } = machine();
  const cases: [number, number, boolean][] = [
    // [insn, misalignment of X2, is a write]
    [0xc85f7c41 /* ldxr x1, [x2] */, 4, false],
    [0x885f7c41 /* ldxr w1, [x2] */, 2, false],
    [0x485f7c41 /* ldxrh w1, [x2] */, 1, false],
    [0xc87f9041 /* ldaxp x1, x4, [x2] */, 8, false],
    [0x887f1041 /* ldxp w1, w4, [x2] */, 4, false],
    [0xc8037c41 /* stxr w3, x1, [x2] */, 4, true],
    [0x4803fc41 /* stlxrh w3, w1, [x2] */, 1, true],
    [0xc8231041 /* stxp w3, x1, x4, [x2] */, 8, true],
    [0xc8dffc41 /* ldar x1, [x2] */, 4, false],
    [0x48dffc41 /* ldarh w1, [x2] */, 1, false],
    [0xb8bfc041 /* ldapr w1, [x2] */, 2, false],
    [0x99400041 /* ldapur w1, [x2] */, 1, false],
    [0x889ffc41 /* stlr w1, [x2] */, 2, true],
    [0xd9000041 /* stlur x1, [x2] */, 4, true],
    [0xf8210041 /* ldadd x1, x1, [x2] */, 4, true],
    [0x78210041 /* ldaddh w1, w1, [x2] */, 1, true],
    [0xb8e18041 /* swpal w1, w1, [x2] */, 2, true],
    [0xf821605f /* stumax x1, [x2] */, 1, true],
    [0x88a17c44 /* cas w1, w4, [x2] */, 2, true],
    [0x48e17c44 /* casah w1, w4, [x2] */, 1, true],
    [0x48247c46 /* casp x4, x5, x6, x7, [x2] */, 8, true],
    [0x08247c46 /* casp w4, w5, w6, w7, [x2] */, 4, true],
  ];
  for (const [insn, mis, write] of cases) {
    writeMem(m, D, 16, 0x1112_1314_1516_1718_8182_8384_8586_8788n);
    m.setX(1, GARBAGE);
    m.setX(3, GARBAGE);
    m.setX(4, 0n);
    m.setX(2, BigInt(D + mis));
    const s = run(m, [insn]);
    const name = hex(insn >>> 0);
    t.equal(s.ec, 0x24, `${name} EC`);
    t.equal(s.iss, (write ? 0x40 : 0) | 0x21, `${name} ISS`);
    t.equal(s.far, BigInt(D + mis), `${name} FAR`);
    t.equal(s.elr, BigInt(CODE), `${name} ELR`);
    t.equal(m.getX(1), GARBAGE, `${name} Rt untouched`);
    t.equal(m.getX(3), GARBAGE, `${name} status untouched`);
    t.equal(readMem(m, D, 16), 0x1112_1314_1516_1718_8182_8384_8586_8788n, `${name} memory untouched`);
  }
  // Byte accesses are always aligned.
  m.setX(2, BigInt(D + 3));
  const bytes = [0x085f7c41 /* ldxrb w1, [x2] */, 0x08037c41 /* stxrb w3, w1, [x2] */, 0x08dffc41 /* ldarb w1, [x2] */, 0x38218044 /* swpb w1, w4, [x2] */, 0x08a17c44 /* casb w1, w4, [x2] */];
  t.ok(completed(run(m, bytes), bytes));
  t.end();
});

t.test('atomics fault on the write side before memory changes', (t) => {
  const { m, pt } = machine();
  const RO = 0x1_0000_0000n;
  const RO_PA = DATA + 0x40000;
  pt.map(RO, BigInt(RO_PA), USER_RWX | PTE_AP_RO, 3);
  m.invalidateTlb();
  const cases = [
    0xf8210044 /* ldadd x1, x4, [x2] */,
    0x38218044 /* swpb w1, w4, [x2] */,
    0x7821105f /* stclrh w1, [x2] */,
    0xb8214044 /* ldsmax w1, w4, [x2] */,
    0xc8a17c44 /* cas x1, x4, [x2] */,
    0x48247c46 /* casp x4, x5, x6, x7, [x2] */,
  ];
  for (const insn of cases) {
    writeMem(m, RO_PA, 16, 0x1112_1314_1516_1718_8182_8384_8586_8788n);
    m.setX(1, 0x8182_8384_8586_8788n); // CAS compare value that would match
    m.setX(4, GARBAGE);
    m.setX(2, RO);
    const s = run(m, [insn]);
    const name = hex(insn >>> 0);
    t.equal(s.ec, 0x24, `${name} EC`);
    t.equal(s.iss, 0x40 | 0x0f, `${name} permission fault, level 3, WnR`);
    t.equal(s.far, RO, `${name} FAR`);
    t.equal(m.getX(4), GARBAGE, `${name} Rt untouched`);
    t.equal(readMem(m, RO_PA, 16), 0x1112_1314_1516_1718_8182_8384_8586_8788n, `${name} memory untouched`);
  }
  // Reads of the read-only page work; a store-exclusive with a reservation faults there.
  m.setX(2, RO);
  let s = run(m, [0xc8dffc41 /* ldar x1, [x2] */, 0xc85f7c45 /* ldxr x5, [x2] */, 0xc8037c44 /* stxr w3, x4, [x2] */]);
  t.equal(m.getX(1), 0x8182_8384_8586_8788n);
  t.equal(m.getX(5), 0x8182_8384_8586_8788n);
  t.equal(s.ec, 0x24);
  t.equal(s.iss, 0x4f, 'STXR to a read-only page: permission fault, write');
  t.equal(s.elr, BigInt(CODE + 8));
  // Unmapped: translation fault with WnR for atomics, without for LDXR/LDAR.
  m.setX(2, 0x2000n);
  s = run(m, [0xf8e12044 /* ldeoral x1, x4, [x2] */]);
  t.equal(s.iss & 0x7c, 0x44, 'LDEORAL: translation fault, write');
  t.equal(s.far, 0x2000n);
  s = run(m, [0xc85ffc41 /* ldaxr x1, [x2] */]);
  t.equal(s.iss & 0x7c, 0x04, 'LDAXR: translation fault, read');
  s = run(m, [0xc89ffc41 /* stlr x1, [x2] */]);
  t.equal(s.iss & 0x7c, 0x44, 'STLR: translation fault, write');
  t.end();
});

t.test('unallocated encodings are Undefined', (t) => {
  const { m } = machine();
  m.setX(2, BigInt(D));
  const words = [
    (0xf8218044 /* swp x1, x4, [x2] */ | (1 << 12)) >>> 0, // o3=1 opc=001
    (0xf8218044 /* swp x1, x4, [x2] */ | (7 << 12)) >>> 0, // o3=1 opc=111
    (0xc8dffc41 /* ldar x1, [x2] */ & ~(1 << 15)) >>> 0, // LDLAR (no LORegions)
    (0xc89ffc41 /* stlr x1, [x2] */ & ~(1 << 15)) >>> 0, // STLLR
    (0xd9400041 /* ldapur x1, [x2] */ | (1 << 23)) >>> 0, // LDAPURS* of size X
    (0x99400041 /* ldapur w1, [x2] */ | (3 << 22)) >>> 0, // size W, opc 11
  ];
  for (const w of words) {
    m.setX(1, GARBAGE);
    const s = run(m, [w]);
    t.equal(s.ec, 0, `${hex(w)} is Undefined`);
    t.equal(s.elr, BigInt(CODE));
    t.equal(m.getX(1), GARBAGE);
  }
  t.end();
});
