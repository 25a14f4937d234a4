/**
 * Data watchpoints (Machine.setWatchpoints, what gdb's watch/rwatch/awatch become): in the
 * interpreter and in both translating tiers, an EL0 store or load that touches a watched
 * range takes the Watchpoint exception (EC 0x34) before the access, with ELR at that very
 * instruction and FAR at its address; accesses elsewhere on the page go on; with none set the
 * loop runs to its end. The loop is run once unwatched first, so the tiers have compiled it.
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine } from '../../machine/index.js';
import { NO_WATCHPOINTS } from '../../machine/machine.js';
import type { Tier } from '../../machine/jit/block.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';
import { BRK0, load, runTo } from '../helpers/program.js';

const CODE = 0x4040_0000;
const SCRATCH = 0x4080_0000;

// mov x1, #0 / loop: str x1, [x0, x1, lsl #3] / add x1, x1, #1 / cmp x1, #100 / b.ne loop / brk #0
const STORE_LOOP = [0xd2800001, 0xf8217801, 0x91000421, 0xf101903f, 0x54ffffa1, BRK0];
// mov x1, #0 / loop: ldr x2, [x0, x1, lsl #3] / add x1, x1, #1 / cmp x1, #100 / b.ne loop / brk #0
const LOAD_LOOP = [0xd2800001, 0xf8617802, 0x91000421, 0xf101903f, 0x54ffffa1, BRK0];

const CONFIGS: Array<{ name: string; translate: boolean; tier?: Tier }> = [
  { name: 'interpreter', translate: false },
  { name: 'js tier', translate: true, tier: 'js' },
  { name: 'wasm tier', translate: true, tier: 'wasm' },
];

function machine(c: (typeof CONFIGS)[number]): Machine {
  const m = new Machine({ ramSize: 16 << 20, translate: c.translate, translateThreshold: 0, tier: c.tier });
  identityMapForEl0(m);
  m.writeSysReg('VBAR_EL1', 0x4030_0000n);
  return m;
}

function start(m: Machine, words: number[]): void {
  load(m, CODE, words);
  m.setX(0, BigInt(SCRATCH));
}

for (const c of CONFIGS) {
  t.test(`${c.name}: a store watchpoint stops before the store, on its instruction`, (t) => {
    const m = machine(c);
    start(m, STORE_LOOP);
    t.equal(runTo(m, 100_000).ec, 0x3c, 'unwatched, the loop runs to its BRK');
    if (c.translate) t.ok(m.cpu.translator!.compiled >= 1, 'and was compiled');
    m.memory.write(SCRATCH, new Uint8Array(800));

    m.setWatchpoints([{ addr: SCRATCH + 400 + 4, length: 2, kind: 2 }]); // bytes inside element 50
    start(m, STORE_LOOP);
    const s = runTo(m, 100_000);
    t.equal(s.ec, 0x34, 'Watchpoint from a lower EL');
    t.equal(s.iss & 0x7f, 0x40 | 0x22, 'WnR and the debug-event DFSC');
    t.equal(s.elr, BigInt(CODE + 4), 'ELR is the str');
    t.equal(s.far, BigInt(SCRATCH + 400), 'FAR is the address it stores to');
    t.equal(m.getX(1), 50n, 'at the 51st iteration');
    t.equal(m.memory.read32(SCRATCH + 392), 49, 'the stores before it were made');
    t.equal(m.memory.read32(SCRATCH + 400), 0, 'this one not yet');

    m.setWatchpoints([{ addr: SCRATCH + 400, length: 8, kind: 1 }]); // a read watchpoint: stores pass
    start(m, STORE_LOOP);
    t.equal(runTo(m, 100_000).ec, 0x3c, 'a read watchpoint lets the stores through');

    start(m, LOAD_LOOP);
    const r = runTo(m, 100_000);
    t.equal(r.ec, 0x34, 'and stops the load');
    t.equal(r.iss & 0x40, 0, 'WnR clear');
    t.equal(r.elr, BigInt(CODE + 4));
    t.equal(m.getX(1), 50n);

    m.setWatchpoints(NO_WATCHPOINTS);
    start(m, LOAD_LOOP);
    t.equal(runTo(m, 100_000).ec, 0x3c, 'removed, nothing stops');
    t.end();
  });
}

// A pair's second element is watched too (stdcheck's allocator sets its head with the second
// half of `stp x8, x8, [x19]`): stp x1, x2, [x0] / ldp x3, x4, [x0] / stp w1, w2, [x0] / ldp w3, w4, [x0] / brk #0
const PAIRS = [0xa9000801, 0xa9401003, 0x29000801, 0x29401003, BRK0];
// stp w1, w2, [x0] / ldp w3, w4, [x0] / brk #0
const W_PAIRS = [0x29000801, 0x29401003, BRK0];

for (const c of CONFIGS) {
  t.test(`${c.name}: a watchpoint on the second element of a pair stops the stp and the ldp`, (t) => {
    const m = machine(c);
    const cases: Array<{ addr: number; kind: 1 | 2; elr: number }> = [
      { addr: SCRATCH + 8, kind: 2, elr: CODE }, // the X pair's second element, stored
      { addr: SCRATCH + 8, kind: 1, elr: CODE + 4 }, // and loaded
      { addr: SCRATCH + 4, kind: 2, elr: CODE }, // stp x1's high half (the first element covers it)
    ];
    for (const k of cases) {
      m.setWatchpoints([{ addr: k.addr, length: 4, kind: k.kind }]);
      start(m, PAIRS);
      const s = runTo(m, 1000);
      t.equal(s.ec, 0x34, `watch 0x${(k.addr - SCRATCH).toString(16)} kind ${k.kind}: Watchpoint`);
      t.equal(s.elr, BigInt(k.elr), 'at the pair instruction');
    }
    // The W pairs alone: their second element is bytes 4-7.
    for (const [kind, elr] of [[2, CODE], [1, CODE + 4]] as const) {
      m.setWatchpoints([{ addr: SCRATCH + 4, length: 4, kind }]);
      start(m, W_PAIRS);
      const s = runTo(m, 1000);
      t.equal(s.ec, 0x34, `stp/ldp w: kind ${kind}`);
      t.equal(s.elr, BigInt(elr));
    }
    m.setWatchpoints(NO_WATCHPOINTS);
    start(m, PAIRS);
    t.equal(runTo(m, 1000).ec, 0x3c, 'unwatched, all four run');
    t.end();
  });
}
