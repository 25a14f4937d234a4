/**
 * The translating tiers (machine/jit/js-translator.ts, machine/jit/wasm-translator.ts) must
 * be invisible: every test here runs, for each tier, the same code on an interpreting machine
 * (translate: false) and a translating one, and compares registers, flags, memory, PC,
 * syndromes and the instruction count.
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { parsePattern } from '../../machine/decoder.js';
import { A64_TABLES } from '../../machine/insn/index.js';
import { TEMPLATES, ENDING_TEMPLATES } from '../../machine/jit/js-templates.js';
import { identityMapForEl0, USER_RWX, type PageTables } from '../helpers/pagetables.js';
import { BRK0, load } from '../helpers/program.js';
import type { Tier } from '../../machine/jit/block.js';
import type { WasmTranslator } from '../../machine/jit/wasm-translator.js';

const CODE = 0x4040_0000;
const SCRATCH = 0x4080_0000;
const SCRATCH_SIZE = 0x3000;
const VBAR = 0x4030_0000n;

interface Pair {
  interp: Machine;
  trans: Machine;
  tables: PageTables[];
}

function pair(options: { threshold?: number; deterministic?: boolean; tier?: Tier; maxBlocks?: number } = {}): Pair {
  const interp = new Machine({ ramSize: 16 << 20, translate: false, deterministic: options.deterministic });
  const trans = new Machine({
    ramSize: 16 << 20,
    translate: true,
    translateThreshold: options.threshold ?? 0,
    deterministic: options.deterministic,
    tier: options.tier,
    maxBlocks: options.maxBlocks,
  });
  const tables = [interp, trans].map((m) => {
    const pt = identityMapForEl0(m);
    m.writeSysReg('VBAR_EL1', VBAR);
    return pt;
  });
  return { interp, trans, tables };
}

/** Everything architectural that a run can change, as one comparable record. */
function snapshot(m: Machine, icountStart: number): Record<string, string> {
  const s: Record<string, string> = {};
  for (let r = 0; r < 31; r++) s[`x${r}`] = m.getX(r).toString(16);
  s.sp = m.getSp().toString(16);
  s.pc = m.getPc().toString(16);
  s.nzcv = m.getNzcv().toString(16);
  s.el = String(m.exceptionLevel);
  s.icount = String(m.cpu.icount - icountStart);
  for (const reg of ['ESR_EL1', 'ELR_EL1', 'FAR_EL1', 'SPSR_EL1']) s[reg] = m.readSysReg(reg).toString(16);
  s.scratch = Buffer.from(m.memory.read(SCRATCH, SCRATCH_SIZE)).toString('base64');
  s.code = Buffer.from(m.memory.read(CODE, 4096)).toString('base64');
  return s;
}

/** Loads the same code and state into both machines, runs both, returns their snapshots. */
function runBoth(p: Pair, words: readonly number[], setup: (m: Machine) => void, budget = 100_000): [Record<string, string>, Record<string, string>] {
  const out: Record<string, string>[] = [];
  for (const m of [p.interp, p.trans]) {
    load(m, CODE, words);
    setup(m);
    const start = m.cpu.icount;
    m.run(budget);
    out.push(snapshot(m, start));
  }
  return [out[0], out[1]];
}

// ---- Random programs from the templated encodings ---------------------------------------

/** A small deterministic PRNG (xorshift32), so failures replay. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

interface Pattern {
  name: string;
  mask: number;
  value: number;
}

function patternsNamed(names: readonly string[]): Pattern[] {
  const out: Pattern[] = [];
  for (const table of A64_TABLES) {
    for (const enc of table) {
      if (names.includes(enc.name)) out.push({ name: enc.name, ...parsePattern(enc.bits) });
    }
  }
  return out;
}

const BODY = patternsNamed(Object.keys(TEMPLATES));
const ENDING = patternsNamed(Object.keys(ENDING_TEMPLATES));

function randomWord(p: Pattern, next: () => number): number {
  return ((p.value | (next() & ~p.mask)) >>> 0) as number;
}

/** B.cond, CBZ/CBNZ or TBZ/TBNZ back over `length` instructions, on a random condition or register. */
function branchBack(length: number, next: () => number): number {
  const imm19 = -length & 0x7ffff;
  switch (next() % 3) {
    case 0:
      return (0x54000000 | (imm19 << 5) | (next() % 14)) >>> 0;
    case 1:
      return (0x34000000 | ((next() & 1) << 31) | ((next() & 1) << 24) | (imm19 << 5) | (next() % 31)) >>> 0;
    default:
      return (0x36000000 | ((next() & 1) << 31) | ((next() & 1) << 24) | ((next() & 31) << 19) | ((-length & 0x3fff) << 5) | (next() % 31)) >>> 0;
  }
}

/** Register values that make loads and stores land in the scratch area, the code page, or fault. */
function randomState(m: Machine, next: () => number): void {
  for (let r = 0; r < 31; r++) {
    const pick = next() % 8;
    let v: bigint;
    if (pick < 3) v = BigInt(SCRATCH + 0x1000 + (next() % 0x800));
    else if (pick === 3) v = BigInt(CODE + (next() % 64));
    else if (pick === 4) v = BigInt(next() % 64);
    else if (pick === 5) v = -BigInt(next() % 64);
    else v = (BigInt(next()) << 32n) | BigInt(next());
    m.setX(r, v);
  }
  m.setSp(BigInt(SCRATCH + 0x1800 + (next() % 0x100)));
  m.setNzcv((next() & 0xf) << 28);
}

for (const tier of ['js', 'wasm'] as Tier[]) {
  const pairFor = (options: { threshold?: number; deterministic?: boolean; maxBlocks?: number } = {}): Pair => pair({ ...options, tier });
  t.test(tier + ': ' + 'random blocks of templated instructions match the interpreter', (t) => {
    t.ok(BODY.length >= Object.keys(TEMPLATES).length, 'every template has a pattern');
    t.ok(ENDING.length >= Object.keys(ENDING_TEMPLATES).length, 'every ending template has a pattern');
    const p = pairFor();
    const next = rng(0x5eed);
    let mismatches = 0;
    const CASES = 3000;
    for (let k = 0; k < CASES && mismatches < 5; k++) {
      const length = 1 + (next() % 6);
      const words: number[] = [];
      for (let i = 0; i < length; i++) words.push(randomWord(BODY[next() % BODY.length], next));
      const ending = next() % 3;
      if (ending === 0) words.push(randomWord(ENDING[next() % ENDING.length], next));
      else if (ending === 1) words.push(BRK0);
      else words.push(branchBack(length, next)); // a loop onto the block's start
      words.push(BRK0);
      const seed = next();
      const scratch = Buffer.alloc(SCRATCH_SIZE);
      const fill = rng(seed);
      for (let i = 0; i < SCRATCH_SIZE; i++) scratch[i] = fill() & 0xff;
      const [a, b] = runBoth(p, words, (m) => {
        m.memory.write(SCRATCH, scratch);
        randomState(m, rng(seed));
      }, 5000);
      const differences = Object.keys(a).filter((key) => a[key] !== b[key]);
      if (differences.length) {
        mismatches++;
        t.fail(`words ${words.map((w) => w.toString(16)).join(' ')}: ${differences.map((d) => `${d} ${a[d]} != ${b[d]}`).join(', ')}`);
      }
    }
    t.equal(mismatches, 0, `${CASES} random blocks`);
    t.ok(p.trans.cpu.translator!.compiled > CASES / 2, 'the translating machine compiled them');
    t.end();
  });

  // ---- Hand-written programs ------------------------------------------------------------------

  // loop: ldr x3, [x1], #8 / add x0, x0, x3 / eor w4, w4, w3, lsr #3 / subs x2, x2, #1 / b.ne loop / brk #0
  const SUM_LOOP = [0xf8408423, 0x8b030000, 0x4a430c84, 0xf1000442, 0x54ffff81, BRK0];

  t.test(tier + ': ' + 'a loop compiled after its threshold gives the interpreter results', (t) => {
    const p = pairFor({ threshold: 8 });
    const [a, b] = runBoth(p, SUM_LOOP, (m) => {
      for (let i = 0; i < 512; i++) m.memory.write32(SCRATCH + 4 * i, (i * 0x9e3779b9) >>> 0);
      m.setX(0, 0n);
      m.setX(1, BigInt(SCRATCH));
      m.setX(2, 256n);
      m.setX(4, 0n);
    });
    t.same(b, a);
    t.equal(b.ESR_EL1, ((0xf2000000) >>> 0).toString(16), 'ended at the BRK');
    t.equal(b.icount, String(256 * 5));
    t.ok(p.trans.cpu.translator!.compiled >= 1, 'the loop was compiled');
    t.end();
  });

  t.test(tier + ': ' + 'budgets end on the same instruction in both modes', (t) => {
    const p = pairFor({ threshold: 2 });
    for (const budget of [1, 7, 13, 64, 333, 1001]) {
      const [a, b] = runBoth(
        p,
        SUM_LOOP,
        (m) => {
          m.setX(0, 0n);
          m.setX(1, BigInt(SCRATCH));
          m.setX(2, 10_000n);
        },
        budget,
      );
      t.same(b, a, `budget ${budget}`);
      t.equal(b.icount, String(budget));
    }
    t.end();
  });

  t.test(tier + ': ' + 'a fault mid-block reports the exact ELR and instruction count', (t) => {
    // add x0, x0, #1 / add x0, x0, #2 / ldr x1, [x5] / add x0, x0, #4 / brk #0
    const words = [0x91000400, 0x91000800, 0xf94000a1, 0x91001000, BRK0];
    const p = pairFor();
    const [a, b] = runBoth(p, words, (m) => {
      m.setX(0, 0n);
      m.setX(5, 0x1234_5678_9000n); // unmapped
    });
    t.same(b, a);
    t.equal(b.ESR_EL1, (((0x24 << 26) | (1 << 25) | 0x04) >>> 0).toString(16), 'data abort from EL0, level 0 translation fault');
    t.equal(b.ELR_EL1, (CODE + 8).toString(16), 'ELR is the load');
    t.equal(b.FAR_EL1, '123456789000');
    t.equal(b.icount, '2', 'the two adds before it retired');
    t.equal(b.x0, '3');
    t.end();
  });

  t.test(tier + ': ' + 'a fault in a loop compiled onto itself counts every completed iteration', (t) => {
    // SUM_LOOP reading up to the end of RAM: the load after the last mapped word faults.
    const p = pairFor({ threshold: 2 });
    const ramEnd = 0x4000_0000 + (16 << 20);
    const [a, b] = runBoth(p, SUM_LOOP, (m) => {
      m.setX(0, 0n);
      m.setX(1, BigInt(ramEnd - 8 * 1000));
      m.setX(2, 5000n);
    });
    t.same(b, a);
    t.equal(b.FAR_EL1, ramEnd.toString(16));
    t.equal(b.ELR_EL1, CODE.toString(16), 'ELR is the load');
    t.equal(b.icount, String(1000 * 5), 'every completed iteration counted');
    t.end();
  });

  t.test(tier + ': ' + 'nested loops compiled together (chained blocks) count, stop and fault exactly', (t) => {
    // outer: mov x2, #3 / inner: ldr x3, [x1] / add x0, x0, x3 / str x0, [x1, #8] /
    // subs x2, x2, #1 / b.ne inner / cmp x4, #1 / sub x4, x4, #1 / b.hi outer /
    // ldr x5, [x6] (x6 unmapped: a data abort after the loops) / brk #0
    const words = [0xd2800062, 0xf9400023, 0x8b030000, 0xf9000420, 0xf1000442, 0x54ffff81, 0xf100049f, 0xd1000484, 0x54ffff08, 0xf94000c5, BRK0];
    for (const budget of [1, 7, 50, 333, 2000, 100_000]) {
      const p = pairFor({ threshold: 2 });
      const [a, b] = runBoth(
        p,
        words,
        (m) => {
          m.setX(0, 1n);
          m.setX(1, BigInt(SCRATCH + 0x100));
          m.setX(4, 200n);
          m.setX(6, 0x10n);
        },
        budget,
      );
      t.same(b, a, `budget ${budget}`);
      if (budget === 100_000 && tier === 'wasm') {
        const w = p.trans.cpu.translator as WasmTranslator;
        t.ok(w.compiled >= 2 && w.modules < w.compiled, `blocks shared modules (${w.compiled} blocks in ${w.modules} modules)`);
      }
    }
    t.end();
  });

  t.test(tier + ': ' + 'past the code cache bound every block is dropped and hot code compiles again, with the same results', (t) => {
    const words = [0xd2800062, 0xf9400023, 0x8b030000, 0xf9000420, 0xf1000442, 0x54ffff81, 0xf100049f, 0xd1000484, 0x54ffff08, 0xf94000c5, BRK0];
    const p = pairFor({ threshold: 2, maxBlocks: 1 });
    const [a, b] = runBoth(p, words, (m) => {
      m.setX(0, 1n);
      m.setX(1, BigInt(SCRATCH + 0x100));
      m.setX(4, 300n);
      m.setX(6, 0x10n);
    });
    t.same(b, a);
    t.ok(p.trans.cpu.translator!.compiled > 2, `blocks compiled again after the cache was dropped (${p.trans.cpu.translator!.compiled} compiled)`);
    t.end();
  });

  t.test(tier + ': ' + 'a store into the running block is seen by the next instruction, as in the interpreter', (t) => {
    // str w1, [x2] / add x3, x3, #1 / add x0, x0, #1 (overwritten) / brk #0
    const words = [0xb9000041, 0x91000463, 0x91000400, BRK0];
    const ADD_X0_100 = 0x91019000; // add x0, x0, #100
    const p = pairFor();
    const [a, b] = runBoth(p, words, (m) => {
      m.setX(0, 0n);
      m.setX(1, BigInt(ADD_X0_100));
      m.setX(2, BigInt(CODE + 8));
    });
    t.same(b, a);
    t.equal(b.x0, '64', 'the new instruction ran');
    t.equal(b.icount, '3');
    t.end();
  });

  t.test(tier + ': ' + 'code rewritten after it was compiled runs in its new form', (t) => {
    // A hot loop is compiled, then the host and then the guest rewrite it.
    // loop: add x0, x0, #1 / subs x2, x2, #1 / b.ne loop / brk #0
    const words = [0x91000400, 0xf1000442, 0x54ffffc1, BRK0];
    const p = pairFor({ threshold: 4 });
    for (const m of [p.interp, p.trans]) {
      load(m, CODE, words);
      m.setX(0, 0n);
      m.setX(2, 100n);
      m.run(1000);
      t.equal(m.getX(0), 100n);
      // The host writes the code page (as a kernel loading a program would).
      m.memory.write32(CODE, 0x91019000); // add x0, x0, #100
      load(m, CODE, []);
      m.setX(0, 0n);
      m.setX(2, 3n);
      m.run(1000);
      t.equal(m.getX(0), 300n, `${m === p.trans ? 'translated' : 'interpreted'}: host write seen`);
      // The guest writes it: str w1, [x3] at CODE+0x100, then jumps back with b.
      load(m, CODE + 0x100, [0xb9000061, 0x17ffffbf]); // str w1, [x3] / b CODE
      m.setX(0, 0n);
      m.setX(1, 0x91000800n); // add x0, x0, #2
      m.setX(2, 5n);
      m.setX(3, BigInt(CODE));
      m.setPc(BigInt(CODE + 0x100));
      m.run(1000);
      t.equal(m.getX(0), 10n, `${m === p.trans ? 'translated' : 'interpreted'}: guest write seen`);
    }
    t.end();
  });

  t.test(tier + ': ' + 'one physical page mapped at two VAs: PC-relative results follow the VA', (t) => {
    // adr x0, . / adrp x1, . / ldr x2, lit / brk #0 / lit: .quad 0x1122334455667788
    const words = [0x10000000, 0x90000001, 0x58000042, BRK0, 0x55667788, 0x11223344];
    const ALIAS = 0x7000_0000_0000n;
    const p = pairFor();
    p.tables.forEach((pt) => pt.map(ALIAS, BigInt(CODE), USER_RWX));
    for (const m of [p.interp, p.trans]) m.invalidateTlb();
    for (let round = 0; round < 3; round++) {
      for (const va of [BigInt(CODE), ALIAS]) {
        const results: bigint[][] = [];
        for (const m of [p.interp, p.trans]) {
          load(m, CODE, words, va);
          m.run(100);
          results.push([m.getX(0), m.getX(1), m.getX(2), m.readSysReg('ELR_EL1')]);
        }
        t.same(results[1], results[0], `round ${round} at 0x${va.toString(16)}`);
        t.same(results[1].slice(0, 3), [va, va & ~0xfffn, 0x1122334455667788n]);
      }
    }
    t.end();
  });

  t.test(tier + ': ' + 'deterministic timer IRQs land on the same instruction in both modes', (t) => {
    // timer: add x0, x0, #1 / add x1, x1, x0 / b timer
    const words = [0x91000400, 0x8b000021, 0x17fffffe];
    const p = pairFor({ threshold: 2, deterministic: true });
    for (const at of [5, 100, 1001, 4099, 20000]) {
      const results: bigint[][] = [];
      for (const m of [p.interp, p.trans]) {
        load(m, CODE, words);
        m.setX(0, 0n);
        m.setX(1, 0n);
        m.cpu.daif = 0;
        m.writeSysReg('CNTV_CVAL_EL0', BigInt(m.cpu.icount + at));
        m.writeSysReg('CNTV_CTL_EL0', 1n);
        const reason = m.run(1_000_000);
        t.equal(reason, StopReason.IRQ);
        results.push([BigInt(m.cpu.icount), m.readSysReg('ELR_EL1'), m.getX(0), m.getX(1)]);
        m.writeSysReg('CNTV_CTL_EL0', 0n);
      }
      t.same(results[1], results[0], `IRQ after ${at} instructions`);
    }
    t.end();
  });

  t.test(tier + ': ' + 'translate: false runs the interpreter only', (t) => {
    const m = new Machine({ ramSize: 16 << 20, translate: false });
    t.equal(m.cpu.translator, null);
    const n = new Machine({ ramSize: 16 << 20, translate: true, tier });
    t.not(n.cpu.translator, null);
    t.equal(n.cpu.translator!.constructor.name, tier === 'wasm' ? 'WasmTranslator' : 'Translator', 'the tier asked for');
    t.end();
  });
}
