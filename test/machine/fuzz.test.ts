/**
 * Fuzz: one million random 32-bit instruction words, each executed at EL0 from a random
 * register state, must never throw a host exception. Each word either executes (and
 * the BRK placed after it stops the run) or raises an architectural exception with a
 * known exception class.
 *
 * For speed the words go 512 to a page, each followed by a BRK, and each is run with a
 * budget of 2 instructions from its own address. Registers are half random 64-bit
 * values (almost always unmapped addresses) and half pointers into a mapped data area,
 * so loads, stores and atomics really reach memory. A deterministic PRNG makes a
 * failure reproducible: the report names the word and its seed.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { SP } from '../../machine/cpu.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';
import { BRK0 } from '../helpers/program.js';

const WORDS = Number(process.env.FUZZ_WORDS ?? 1_000_000);
const SEED = Number(process.env.FUZZ_SEED ?? 0x2545f491);
const CODE = 0x4000_1000;
const DATA = 0x4010_0000; // 1 MiB of scratch memory the registers may point into
const DATA_SPAN = 1 << 20;

/** Architectural exception classes a random EL0 word may lead to. */
const EXPECTED_EC = new Set([0x00, 0x01, 0x07, 0x15, 0x18, 0x20, 0x22, 0x24, 0x26, 0x3c]);

let state = SEED >>> 0 || 1;
function rand32(): number {
  // xorshift32
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return state | 0;
}

t.test(`${WORDS} random instruction words never throw a host exception`, (t) => {
  const m = new Machine({ ramSize: 32 << 20 });
  identityMapForEl0(m);
  const cpu = m.cpu;
  const mem = m.memory;
  const codeOff = CODE - mem.base;
  const failures: string[] = [];
  const ecCounts = new Map<number, number>();
  let executed = 0;
  const started = performance.now();

  for (let done = 0; done < WORDS; ) {
    const batch = Math.min(512, WORDS - done);
    const words = new Int32Array(batch);
    for (let k = 0; k < batch; k++) {
      words[k] = rand32();
      mem.i32[(codeOff >> 2) + 2 * k] = words[k];
      mem.i32[(codeOff >> 2) + 2 * k + 1] = BRK0 | 0;
    }
    mem.noteWrite(codeOff, 4096);
    for (let k = 0; k < batch; k++, done++) {
      const seed = state;
      for (let r = 0; r < 31; r++) {
        if (rand32() & 1) {
          cpu.x[2 * r] = rand32();
          cpu.x[2 * r + 1] = rand32();
        } else {
          cpu.x[2 * r] = DATA + ((rand32() >>> 0) % DATA_SPAN);
          cpu.x[2 * r + 1] = 0;
        }
      }
      cpu.x[2 * SP] = DATA + ((rand32() >>> 0) % DATA_SPAN);
      cpu.x[2 * SP + 1] = 0;
      const flags = rand32();
      cpu.nf = flags & 1;
      cpu.zf = (flags >>> 1) & 1;
      cpu.cf = (flags >>> 2) & 1;
      cpu.vf = (flags >>> 3) & 1;
      cpu.daif = 0;
      cpu.setExceptionLevel(0);
      cpu.pcLo = CODE + 8 * k;
      cpu.pcHi = 0;
      cpu.invalidateFetch();
      // A random store may have hit this page; put the word and its BRK back.
      mem.i32[(codeOff >> 2) + 2 * k] = words[k];
      mem.i32[(codeOff >> 2) + 2 * k + 1] = BRK0 | 0;
      mem.noteWrite(codeOff + 8 * k, 8);
      let reason: StopReason;
      try {
        reason = cpu.run(2);
      } catch (e) {
        if (failures.length < 20) failures.push(`0x${(words[k] >>> 0).toString(16).padStart(8, '0')} (state 0x${seed.toString(16)}): ${(e as Error)?.stack ?? e}`);
        continue;
      }
      if (reason === StopReason.EXCEPTION) {
        const esr = m.syndrome.ec;
        ecCounts.set(esr, (ecCounts.get(esr) ?? 0) + 1);
        if (esr === 0x3c) executed++;
        if (!EXPECTED_EC.has(esr) && failures.length < 20) {
          failures.push(`0x${(words[k] >>> 0).toString(16).padStart(8, '0')}: unexpected EC 0x${esr.toString(16)}`);
        }
      } else if (reason === StopReason.BUDGET) {
        executed++; // a branch or an instruction that jumped over the BRK, then one more
      } else if (failures.length < 20) {
        failures.push(`0x${(words[k] >>> 0).toString(16).padStart(8, '0')}: stop reason ${reason} at EL0`);
      }
    }
  }

  const seconds = (performance.now() - started) / 1000;
  const summary = [...ecCounts.entries()].sort((a, b) => a[0] - b[0]).map(([ec, n]) => `0x${ec.toString(16)}:${n}`).join(' ');
  t.comment(`${WORDS} words in ${seconds.toFixed(1)} s; executed to the BRK or beyond: ${executed}; exception classes: ${summary}`);
  t.same(failures, [], 'no host exceptions, only known exception classes');
  t.end();
});

// ---- The translating tiers against the interpreter --------------------------------------

const TIER_WORDS = Number(process.env.FUZZ_TIER_WORDS ?? 20_000);

/**
 * The same random words, each compiled on first entry by a tier (translateThreshold 0),
 * must leave what the interpreter leaves: every general register, SP, NZCV, PC, EL, the
 * syndrome registers and the instruction count after each word, and the data area after
 * each page of words.
 */
for (const tier of ['js', 'wasm'] as const) {
  t.test(`${TIER_WORDS} random words: the ${tier} tier leaves what the interpreter leaves`, (t) => {
    const machines = [new Machine({ ramSize: 32 << 20, translate: false }), new Machine({ ramSize: 32 << 20, translate: true, translateThreshold: 0, tier })];
    for (const m of machines) identityMapForEl0(m);
    let rng = (SEED ^ 0x9e3779b9) >>> 0 || 1;
    const next = (): number => {
      rng ^= rng << 13;
      rng ^= rng >>> 17;
      rng ^= rng << 5;
      return rng | 0;
    };
    const mismatches: string[] = [];
    const codeOff = CODE - machines[0].memory.base;
    const dataOff = DATA - machines[0].memory.base;
    const snapshot = (m: Machine): string => {
      const c = m.cpu;
      const parts: string[] = [];
      for (let r = 0; r < 31; r++) parts.push(`x${r}=${m.getX(r).toString(16)}`);
      parts.push(`sp=${m.getSp().toString(16)}`, `pc=${m.getPc().toString(16)}`, `nzcv=${m.getNzcv().toString(16)}`, `el=${c.el}`, `icount=${c.icount}`);
      for (const reg of ['ESR_EL1', 'ELR_EL1', 'FAR_EL1']) parts.push(`${reg}=${m.readSysReg(reg).toString(16)}`);
      return parts.join(' ');
    };
    for (let done = 0; done < TIER_WORDS && mismatches.length < 10; ) {
      const batch = Math.min(512, TIER_WORDS - done);
      const words = new Int32Array(batch);
      for (let k = 0; k < batch; k++) words[k] = next();
      for (let k = 0; k < batch && mismatches.length < 10; k++, done++) {
        const regs = Array.from({ length: 31 }, () => (next() & 1 ? [next(), next()] : [DATA + ((next() >>> 0) % DATA_SPAN), 0]));
        const sp = DATA + ((next() >>> 0) % DATA_SPAN);
        const flags = next();
        const after: string[] = [];
        for (const m of machines) {
          const cpu = m.cpu;
          const mem = m.memory;
          mem.i32[(codeOff >> 2) + 2 * k] = words[k];
          mem.i32[(codeOff >> 2) + 2 * k + 1] = BRK0 | 0;
          mem.noteWrite(codeOff + 8 * k, 8);
          regs.forEach(([lo, hi], r) => {
            cpu.x[2 * r] = lo;
            cpu.x[2 * r + 1] = hi;
          });
          cpu.x[2 * SP] = sp;
          cpu.x[2 * SP + 1] = 0;
          cpu.nf = flags & 1;
          cpu.zf = (flags >>> 1) & 1;
          cpu.cf = (flags >>> 2) & 1;
          cpu.vf = (flags >>> 3) & 1;
          cpu.daif = 0;
          cpu.setExceptionLevel(0);
          cpu.pcLo = CODE + 8 * k;
          cpu.pcHi = 0;
          cpu.invalidateFetch();
          try {
            cpu.run(2);
            after.push(snapshot(m));
          } catch (e) {
            after.push(`host exception: ${(e as Error)?.stack ?? e}`);
          }
        }
        if (after[0] !== after[1]) {
          const a = after[0].split(' ');
          const b = after[1].split(' ');
          const diff = a.map((v, i) => (v !== b[i] ? `${v} vs ${b[i] ?? '?'}` : '')).filter(Boolean);
          mismatches.push(`0x${(words[k] >>> 0).toString(16).padStart(8, '0')}: ${diff.join(', ') || after[1]}`);
        }
      }
      const [a, b] = machines.map((m) => Buffer.from(m.memory.u8.buffer, m.memory.u8.byteOffset + dataOff, DATA_SPAN));
      if (!a.equals(b)) mismatches.push(`the data area differs after words ${done - batch}..${done - 1}`);
      // Level the data areas again, so one bad store is reported once.
      b.set(a);
    }
    t.same(mismatches, [], `${tier} tier: same state as the interpreter after each word`);
    t.end();
  });
}
