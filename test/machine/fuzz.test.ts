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
