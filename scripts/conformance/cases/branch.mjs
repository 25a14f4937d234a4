/**
 * Branches whose control flow stays inside the snippet: B, BL, B.cond (all conditions,
 * taken and not), CBZ/CBNZ, TBZ/TBNZ, BR/BLR/RET. Each path writes a marker register so
 * the path taken is visible in the final state; BL/BLR link values depend on `addr`.
 */
import { CaseList, M64, distinct } from '../lib.mjs';

const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
const ALIASES = ['hs', 'lo'];

export function build(rng) {
  const L = new CaseList('branch');
  /** The not-taken path sets x20, the taken path x21. */
  const twoWay = (branch) => [branch, 'movz x20, #1', 'b %end', '%taken:', 'movz x21, #2'];

  for (const cond of [...CONDS, ...ALIASES]) {
    for (let nzcv = 0; nzcv < 16; nzcv++) {
      L.add('b.cond', twoWay(`b.${cond} %taken`), { nzcv: (nzcv << 28) >>> 0 });
    }
  }
  // Backward conditional branch: a counted loop.
  for (const n of [1n, 3n, 17n]) {
    L.add('b.cond', ['%loop:', 'add x1, x1, #2', 'subs x0, x0, #1', 'b.ne %loop'], { x: { 0: n, 1: 0n } });
  }

  L.add('b', ['b %taken', 'movz x20, #1', '%taken:', 'movz x21, #2']);
  L.add('b', ['b %fwd', '%back:', 'movz x21, #2', 'b %end', '%fwd:', 'movz x20, #1', 'b %back']);
  L.add('b', ['b %next', '%next:', 'nop']);
  L.add('bl', ['bl %taken', 'movz x20, #1', '%taken:', 'movz x21, #2']);
  L.add('bl', ['b %call', '%fn:', 'add x0, x0, #1', 'ret', '%call:', 'bl %fn', 'bl %fn', 'mov x22, x30'], { x: { 0: 10n } });
  L.add('bl', ['bl %next', '%next:', 'nop'], { x: { 30: 0n } });

  const values64 = [0n, 1n, 1n << 31n, 1n << 32n, 1n << 63n, M64, 0xffff_ffff_0000_0000n];
  for (const op of ['cbz', 'cbnz']) {
    for (const w of ['w', 'x']) {
      for (const v of [...values64, rng.val(), rng.val()]) {
        const [t] = distinct(rng, 1, 0, 19);
        L.add(op, twoWay(`${op} ${w}${t}, %taken`), { x: { [t]: v } });
      }
    }
  }
  for (const op of ['tbz', 'tbnz']) {
    for (const bit of [0, 1, 31, 32, 63, rng.int(64), rng.int(64)]) {
      for (const v of [0n, M64, 1n << BigInt(bit), ~(1n << BigInt(bit)) & M64, rng.next64()]) {
        const [t] = distinct(rng, 1, 0, 19);
        const reg = bit < 32 && rng.bool() ? `w${t}` : `x${t}`;
        L.add(op, twoWay(`${op} ${reg}, #${bit}, %taken`), { x: { [t]: v } });
      }
    }
  }

  // Register branches: the target comes from ADR inside the snippet.
  for (let k = 0; k < 6; k++) {
    const [n] = distinct(rng, 1, 0, 19);
    L.add('br', [`adr x${n}, %taken`, `br x${n}`, 'movz x20, #1', '%taken:', 'movz x21, #2']);
    L.add('blr', [`adr x${n}, %taken`, `blr x${n}`, 'movz x20, #1', '%taken:', 'movz x21, #2']);
    L.add('ret', [`adr x${n}, %taken`, `ret x${n}`, 'movz x20, #1', '%taken:', 'movz x21, #2']);
  }
  L.add('ret', ['adr x30, %taken', 'ret', 'movz x20, #1', '%taken:', 'movz x21, #2']);
  L.add('blr', ['adr x30, %taken', 'blr x30', 'movz x20, #1', '%taken:', 'movz x21, #2']);
  L.add('blr', ['b %call', '%fn:', 'add x0, x0, #3', 'ret', '%call:', 'adr x9, %fn', 'blr x9', 'blr x9'], { x: { 0: 1n } });
  L.add('br', ['adr x16, %table', 'add x16, x16, x1, lsl #2', 'br x16', '%table:', 'b %a', 'b %b', 'b %c', '%a:', 'movz x20, #1', 'b %end', '%b:', 'movz x21, #1', 'b %end', '%c:', 'movz x22, #1'], { x: { 1: 1n } });
  L.add('br', ['adr x16, %table', 'add x16, x16, x1, lsl #2', 'br x16', '%table:', 'b %a', 'b %b', 'b %c', '%a:', 'movz x20, #1', 'b %end', '%b:', 'movz x21, #1', 'b %end', '%c:', 'movz x22, #1'], { x: { 1: 2n } });
  return L.cases;
}
