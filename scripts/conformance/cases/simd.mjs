/**
 * FP/SIMD data processing compilers emit for memcpy/memset/strlen/string search: FMOV,
 * MOVI/MVNI (and ORR/BIC immediate), DUP, INS/UMOV/SMOV, AND/ORR/EOR/BIC/ORN/NOT,
 * ADD/SUB, CMEQ/CMHI/CMHS/CMGT/CMGE/CMTST (and compares against zero), ADDP, UMAXV/
 * UMINV (SMAXV/SMINV), SHL/USHR/SSHR, XTN/UXTL/SXTL, REV64/REV32/REV16, ZIP/UZP/TRN, EXT,
 * TBL/TBX. 64-bit arrangements must zero the upper half of the destination.
 */
import { CaseList, M64, distinct } from '../lib.mjs';

const ARR = ['8b', '16b', '4h', '8h', '2s', '4s', '2d'];
const esize = (a) => ({ b: 8, h: 16, s: 32, d: 64 })[a.slice(-1)];

export function build(rng) {
  const L = new CaseList('simd');
  const vregs = (k) => distinct(rng, k, 0, 31);
  /** A 128-bit value with lanes drawn from edges (0, all ones, sign bits) and noise. */
  function vval(bits = 8) {
    const k = rng.int(4);
    if (k === 0) return rng.v128();
    let v = 0n;
    const lanes = 128 / bits;
    const mask = (1n << BigInt(bits)) - 1n;
    for (let i = 0; i < lanes; i++) {
      const lane = rng.pick([0n, mask, 1n, 1n << BigInt(bits - 1), mask >> 1n, rng.next64() & mask, rng.next64() & mask]);
      v |= lane << BigInt(i * bits);
    }
    return v;
  }
  const vin = (regs, bits) => Object.fromEntries(regs.map((n) => [n, vval(bits)]));

  // ---- FMOV ----------------------------------------------------------------------------
  for (let k = 0; k < 4; k++) {
    const [v, u] = vregs(2);
    const [x] = distinct(rng, 1);
    const xi = { [x]: rng.val() };
    L.add('fmov', `fmov s${v}, w${x}`, { x: xi });
    L.add('fmov', `fmov d${v}, x${x}`, { x: xi });
    L.add('fmov', `fmov v${v}.d[1], x${x}`, { x: xi });
    L.add('fmov', `fmov w${x}, s${v}`, { v: { [v]: rng.v128() } });
    L.add('fmov', `fmov x${x}, d${v}`, { v: { [v]: rng.v128() } });
    L.add('fmov', `fmov x${x}, v${v}.d[1]`, { v: { [v]: rng.v128() } });
    L.add('fmov', `fmov s${v}, s${u}`, { v: { [u]: rng.v128() } });
    L.add('fmov', `fmov d${v}, d${u}`, { v: { [u]: rng.v128() } });
  }
  for (const imm of ['1.0', '-1.0', '0.5', '2.0', '31.0', '-0.125', '1.9375', '0.1875']) {
    const [v] = vregs(1);
    L.add('fmov', `fmov d${v}, #${imm}`);
    L.add('fmov', `fmov s${v}, #${imm}`);
    L.add('fmov', `fmov v${v}.4s, #${imm}`);
    L.add('fmov', `fmov v${v}.2d, #${imm}`);
    L.add('fmov', `fmov v${v}.2s, #${imm}`);
  }

  // ---- MOVI / MVNI / ORR / BIC (vector immediate) --------------------------------------
  for (let k = 0; k < 4; k++) {
    const [v] = vregs(1);
    const b = rng.int(256);
    L.add('movi/mvni', `movi v${v}.16b, #0x${b.toString(16)}`);
    L.add('movi/mvni', `movi v${v}.8b, #0x${rng.int(256).toString(16)}`);
    for (const [arr, shifts] of [['4h', [0, 8]], ['8h', [0, 8]], ['2s', [0, 8, 16, 24]], ['4s', [0, 8, 16, 24]]]) {
      const sh = rng.pick(shifts);
      L.add('movi/mvni', `movi v${v}.${arr}, #0x${rng.int(256).toString(16)}, lsl #${sh}`);
      L.add('movi/mvni', `mvni v${v}.${arr}, #0x${rng.int(256).toString(16)}, lsl #${sh}`);
      L.add('orr/bic imm', `orr v${v}.${arr}, #0x${rng.int(256).toString(16)}, lsl #${sh}`, { v: { [v]: rng.v128() } });
      L.add('orr/bic imm', `bic v${v}.${arr}, #0x${rng.int(256).toString(16)}, lsl #${sh}`, { v: { [v]: rng.v128() } });
    }
    for (const arr of ['2s', '4s']) {
      L.add('movi/mvni', `movi v${v}.${arr}, #0x${rng.int(256).toString(16)}, msl #${rng.pick([8, 16])}`);
      L.add('movi/mvni', `mvni v${v}.${arr}, #0x${rng.int(256).toString(16)}, msl #${rng.pick([8, 16])}`);
    }
    let m = 0n;
    for (let i = 0; i < 8; i++) if (rng.bool()) m |= 0xffn << BigInt(8 * i);
    L.add('movi/mvni', `movi v${v}.2d, #0x${m.toString(16)}`);
    L.add('movi/mvni', `movi d${v}, #0x${m.toString(16)}`);
  }

  // ---- DUP / INS / UMOV / SMOV ---------------------------------------------------------
  for (const [arr, w] of [['8b', 'w'], ['16b', 'w'], ['4h', 'w'], ['8h', 'w'], ['2s', 'w'], ['4s', 'w'], ['2d', 'x']]) {
    const [v, u] = vregs(2);
    const [x] = distinct(rng, 1);
    L.add('dup', `dup v${v}.${arr}, ${w}${x}`, { x: { [x]: rng.val() } });
    const t = arr.slice(-1);
    const lanes = 128 / esize(arr);
    L.add('dup', `dup v${v}.${arr}, v${u}.${t}[${rng.int(lanes)}]`, { v: { [u]: rng.v128() } });
    L.add('dup', `dup v${v}.${arr}, v${u}.${t}[${lanes - 1}]`, { v: { [u]: rng.v128() } });
  }
  for (const t of ['b', 'h', 's', 'd']) {
    const lanes = 128 / esize(t);
    for (let k = 0; k < 3; k++) {
      const [v, u] = vregs(2);
      const [x] = distinct(rng, 1);
      const w = t === 'd' ? 'x' : 'w';
      L.add('dup', `dup ${t}${v}, v${u}.${t}[${rng.int(lanes)}]`, { v: { [u]: rng.v128() } });
      L.add('ins', `ins v${v}.${t}[${rng.int(lanes)}], ${w}${x}`, { x: { [x]: rng.val() }, v: { [v]: rng.v128() } });
      L.add('ins', `ins v${v}.${t}[${rng.int(lanes)}], v${u}.${t}[${rng.int(lanes)}]`, { v: { [v]: rng.v128(), [u]: rng.v128() } });
      L.add('umov/smov', `umov ${w}${x}, v${u}.${t}[${rng.int(lanes)}]`, { x: { [x]: rng.val() }, v: { [u]: vval(esize(t)) } });
      if (t !== 'd') L.add('umov/smov', `smov x${x}, v${u}.${t}[${rng.int(lanes)}]`, { x: { [x]: rng.val() }, v: { [u]: vval(esize(t)) } });
      if (t === 'b' || t === 'h') L.add('umov/smov', `smov w${x}, v${u}.${t}[${rng.int(lanes)}]`, { x: { [x]: rng.val() }, v: { [u]: vval(esize(t)) } });
    }
  }
  L.add('ins', 'ins v3.b[15], v3.b[0]', { v: { 3: rng.v128() } });
  L.add('umov/smov', 'mov x4, v5.d[1]', { v: { 5: rng.v128() } });
  L.add('umov/smov', 'mov w4, v5.s[3]', { v: { 5: rng.v128() } });

  // ---- logic ---------------------------------------------------------------------------
  for (const op of ['and', 'orr', 'eor', 'bic', 'orn', 'bsl', 'bit', 'bif']) {
    for (const arr of ['8b', '16b', '16b']) {
      const regs = vregs(3);
      L.add('logic', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}, v${regs[2]}.${arr}`, { v: vin(regs, 8) });
    }
  }
  for (const arr of ['8b', '16b']) {
    for (let k = 0; k < 3; k++) {
      const [a, b] = vregs(2);
      L.add('logic', `not v${a}.${arr}, v${b}.${arr}`, { v: vin([a, b], 8) });
    }
    const [a, b] = vregs(2);
    L.add('logic', `mov v${a}.${arr}, v${b}.${arr}`, { v: vin([a, b], 8) });
  }
  L.add('logic', 'eor v1.16b, v1.16b, v1.16b', { v: { 1: rng.v128() } });

  // ---- ADD/SUB and compares ------------------------------------------------------------
  const THREE = ['add', 'sub', 'cmeq', 'cmhi', 'cmhs', 'cmgt', 'cmge', 'cmtst', 'addp', 'umax', 'umin', 'smax', 'smin'];
  for (const op of THREE) {
    for (const arr of ARR) {
      if (arr === '2d' && ['umax', 'umin', 'smax', 'smin'].includes(op)) continue;
      const reps = ['add', 'sub', 'addp'].includes(op) ? 3 : 3;
      for (let k = 0; k < reps; k++) {
        const regs = vregs(3);
        const v = vin(regs, esize(arr));
        // Equal lanes make the compares interesting.
        if (k === 0 && op.startsWith('cm')) v[regs[2]] = v[regs[1]] ^ (rng.v128() & rng.v128() & rng.v128());
        L.add(op.startsWith('cm') ? 'compare' : op === 'addp' ? 'addp' : op.endsWith('x') || op.endsWith('n') ? 'max/min' : 'add/sub', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}, v${regs[2]}.${arr}`, { v });
      }
    }
  }
  for (const op of ['add', 'sub', 'cmeq', 'cmhi', 'cmhs', 'cmgt', 'cmge', 'cmtst']) {
    for (let k = 0; k < 2; k++) {
      const regs = vregs(3);
      L.add(op.startsWith('cm') ? 'compare' : 'add/sub', `${op} d${regs[0]}, d${regs[1]}, d${regs[2]}`, { v: vin(regs, 64) });
    }
  }
  for (const op of ['cmeq', 'cmgt', 'cmge', 'cmle', 'cmlt']) {
    for (const arr of ARR) {
      const regs = vregs(2);
      L.add('compare zero', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}, #0`, { v: vin(regs, esize(arr)) });
    }
    const regs = vregs(2);
    L.add('compare zero', `${op} d${regs[0]}, d${regs[1]}, #0`, { v: vin(regs, 64) });
  }
  for (let k = 0; k < 3; k++) {
    const regs = vregs(2);
    L.add('addp', `addp d${regs[0]}, v${regs[1]}.2d`, { v: vin(regs, 64) });
  }

  // ---- across lanes --------------------------------------------------------------------
  for (const op of ['umaxv', 'uminv', 'smaxv', 'sminv', 'addv']) {
    for (const arr of ['8b', '16b', '4h', '8h', '4s']) {
      for (let k = 0; k < (op.startsWith('u') ? 3 : 1); k++) {
        const [d, n] = vregs(2);
        const t = { b: 'b', h: 'h', s: 's' }[arr.slice(-1)];
        L.add('across lanes', `${op} ${t}${d}, v${n}.${arr}`, { v: vin([d, n], esize(arr)) });
      }
    }
  }
  // The strlen idiom: a zero byte anywhere -> UMINV gives 0.
  L.add('across lanes', ['cmeq v1.16b, v2.16b, #0', 'umaxv b3, v1.16b', 'fmov w4, s3'], { v: { 2: 0x6f6c6c65_6800_6f77_6c64_2121_2121_21n } });

  // ---- shifts by immediate -------------------------------------------------------------
  for (const arr of ARR) {
    const es = esize(arr);
    for (const op of ['shl', 'ushr', 'sshr']) {
      const amounts = op === 'shl' ? [0, 1, es - 1, rng.int(es)] : [1, es, es - 1, 1 + rng.int(es)];
      for (const amt of amounts) {
        const regs = vregs(2);
        L.add('shift immediate', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}, #${amt}`, { v: vin(regs, es) });
      }
    }
  }
  for (const [op, amt] of [['shl', 63], ['shl', 0], ['ushr', 64], ['ushr', 1], ['sshr', 64], ['sshr', 17]]) {
    const regs = vregs(2);
    L.add('shift immediate', `${op} d${regs[0]}, d${regs[1]}, #${amt}`, { v: vin(regs, 64) });
  }

  // ---- narrowing / widening ------------------------------------------------------------
  for (const [narrow, wide] of [['8b', '8h'], ['4h', '4s'], ['2s', '2d']]) {
    const wide2 = { '8b': '16b', '4h': '8h', '2s': '4s' }[narrow];
    for (let k = 0; k < 3; k++) {
      const regs = vregs(2);
      L.add('xtn/uxtl/sxtl', `xtn v${regs[0]}.${narrow}, v${regs[1]}.${wide}`, { v: vin(regs, esize(wide)) });
      L.add('xtn/uxtl/sxtl', `xtn2 v${regs[0]}.${wide2}, v${regs[1]}.${wide}`, { v: vin(regs, esize(wide)) });
      L.add('xtn/uxtl/sxtl', `uxtl v${regs[0]}.${wide}, v${regs[1]}.${narrow}`, { v: vin(regs, esize(narrow)) });
      L.add('xtn/uxtl/sxtl', `uxtl2 v${regs[0]}.${wide}, v${regs[1]}.${wide2}`, { v: vin(regs, esize(narrow)) });
      L.add('xtn/uxtl/sxtl', `sxtl v${regs[0]}.${wide}, v${regs[1]}.${narrow}`, { v: vin(regs, esize(narrow)) });
      L.add('xtn/uxtl/sxtl', `sxtl2 v${regs[0]}.${wide}, v${regs[1]}.${wide2}`, { v: vin(regs, esize(narrow)) });
      const sh = 1 + rng.int(esize(narrow) - 1);
      L.add('xtn/uxtl/sxtl', `ushll v${regs[0]}.${wide}, v${regs[1]}.${narrow}, #${sh}`, { v: vin(regs, esize(narrow)) });
      L.add('xtn/uxtl/sxtl', `sshll2 v${regs[0]}.${wide}, v${regs[1]}.${wide2}, #${sh}`, { v: vin(regs, esize(narrow)) });
    }
  }
  L.add('xtn/uxtl/sxtl', 'xtn v3.8b, v3.8h', { v: { 3: rng.v128() } });

  // ---- REV -----------------------------------------------------------------------------
  for (const [op, arrs] of [['rev64', ['8b', '16b', '4h', '8h', '2s', '4s']], ['rev32', ['8b', '16b', '4h', '8h']], ['rev16', ['8b', '16b']]]) {
    for (const arr of arrs) {
      for (let k = 0; k < 2; k++) {
        const regs = vregs(2);
        L.add('rev', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}`, { v: { [regs[1]]: rng.v128() } });
      }
    }
  }

  // ---- permutes ------------------------------------------------------------------------
  for (const op of ['zip1', 'zip2', 'uzp1', 'uzp2', 'trn1', 'trn2']) {
    for (const arr of ARR) {
      const regs = vregs(3);
      L.add('zip/uzp/trn', `${op} v${regs[0]}.${arr}, v${regs[1]}.${arr}, v${regs[2]}.${arr}`, { v: { [regs[0]]: rng.v128(), [regs[1]]: rng.v128(), [regs[2]]: rng.v128() } });
    }
    L.add('zip/uzp/trn', `${op} v4.16b, v4.16b, v5.16b`, { v: { 4: rng.v128(), 5: rng.v128() } });
  }
  for (const [arr, max] of [['8b', 7], ['16b', 15]]) {
    for (const idx of [0, 1, max, rng.int(max + 1), rng.int(max + 1)]) {
      const regs = vregs(3);
      L.add('ext', `ext v${regs[0]}.${arr}, v${regs[1]}.${arr}, v${regs[2]}.${arr}, #${idx}`, { v: { [regs[0]]: rng.v128(), [regs[1]]: rng.v128(), [regs[2]]: rng.v128() } });
    }
  }

  // ---- TBL / TBX: indices past the table give 0 (TBL) or keep the lane (TBX) ------------
  for (const op of ['tbl', 'tbx']) {
    for (let n = 1; n <= 4; n++) {
      for (const arr of ['8b', '16b']) {
        for (let k = 0; k < (op === 'tbl' ? 3 : 1); k++) {
          const first = rng.int(k === 2 ? 32 : 28);
          const table = Array.from({ length: n }, (_, i) => (first + i) % 32);
          const [d, idx] = distinct(rng, 2, 0, 31, table);
          let iv = 0n;
          for (let i = 0; i < 16; i++) iv |= BigInt(rng.int(3) ? rng.int(16 * n) : rng.pick([16 * n, 255, 16 * n - 1, 64, 128])) << BigInt(8 * i);
          const v = { [d]: rng.v128(), [idx]: iv };
          for (const t of table) v[t] = rng.v128();
          const list = n === 1 ? `{v${table[0]}.16b}` : `{${table.map((t) => `v${t}.16b`).join(', ')}}`;
          L.add('tbl/tbx', `${op} v${d}.${arr}, ${list}, v${idx}.${arr}`, { v });
        }
      }
    }
  }
  // The destination may be one of the table registers or the index register.
  L.add('tbl/tbx', 'tbl v1.16b, {v1.16b, v2.16b}, v3.16b', { v: { 1: rng.v128(), 2: rng.v128(), 3: 0x1f1e1d1c_1b1a1918_07060504_03020100n } });
  L.add('tbl/tbx', 'tbl v3.16b, {v1.16b}, v3.16b', { v: { 1: rng.v128(), 3: 0x00_01_02_03_04_05_06_07_08_09_0a_0b_0c_0d_0e_0fn } });
  void M64;
  return L.cases;
}
