/**
 * Data processing (immediate): add/sub immediate (incl. SP forms and flags at the
 * carry/overflow boundaries), logical immediate, move wide, bitfield and its aliases,
 * EXTR, ADR/ADRP.
 */
import { CaseList, M64, M32, r, distinct, bitmaskImmediate } from '../lib.mjs';

export function build(rng) {
  const L = new CaseList('dataproc-imm');

  // ---- add/sub immediate ---------------------------------------------------------------
  const addsub = ['add', 'adds', 'sub', 'subs'];
  for (const width of [32, 64]) {
    const mask = width === 64 ? M64 : M32;
    const top = 1n << BigInt(width - 1);
    for (const op of addsub) {
      // Boundaries: operand near 0, the sign boundary and the carry boundary for small immediates.
      for (const imm of [0, 1, 2, 0xfff]) {
        const bases = [0n, top, 0n - 1n, top - 1n];
        for (const b of bases) {
          for (const d of [-1n, 0n, 1n]) {
            const a = op.startsWith('add') ? (b - BigInt(imm) + d) & mask : (b + BigInt(imm) + d) & mask;
            const [dst, src] = distinct(rng, 2);
            const hiJunk = width === 32 ? rng.next64() & ~M32 : 0n;
            L.add(`${op} imm`, `${op} ${r(width, dst)}, ${r(width, src)}, #${imm}`, { x: { [src]: a | hiJunk }, nzcv: rng.nzcv() });
          }
        }
      }
      for (let k = 0; k < 12; k++) {
        const [dst, src] = distinct(rng, 2);
        const imm = rng.int(4096);
        const shift = rng.bool() ? ', lsl #12' : '';
        L.add(`${op} imm`, `${op} ${r(width, dst)}, ${r(width, src)}, #${imm}${shift}`, { x: { [src]: rng.val() }, nzcv: rng.nzcv() });
      }
    }
    // CMP/CMN (Rd = ZR) and same-register forms.
    for (const op of ['cmp', 'cmn']) {
      for (let k = 0; k < 10; k++) {
        const [src] = distinct(rng, 1);
        const imm = rng.pick([0, 1, 0xfff, rng.int(4096)]);
        L.add(`${op} imm`, `${op} ${r(width, src)}, #${imm}${rng.bool() ? ', lsl #12' : ''}`, { x: { [src]: rng.val() }, nzcv: rng.nzcv() });
      }
    }
    // SP as source/destination (ADD/SUB: Rd and Rn are SP; ADDS/SUBS: Rn is SP).
    const sp = width === 64 ? 'sp' : 'wsp';
    for (let k = 0; k < 6; k++) {
      const [a] = distinct(rng, 1);
      const spv = rng.bool() ? rng.val() : 0x4080_1000n;
      L.add('add/sub imm SP', `add ${sp}, ${sp}, #${rng.int(4096)}`, { sp: spv });
      L.add('add/sub imm SP', `sub ${sp}, ${r(width, a)}, #${rng.int(4096)}, lsl #12`, { x: { [a]: rng.val() } });
      L.add('add/sub imm SP', `add ${r(width, a)}, ${sp}, #${rng.int(4096)}`, { sp: spv });
      L.add('add/sub imm SP', `adds ${r(width, a)}, ${sp}, #${rng.int(4096)}`, { sp: rng.val(), nzcv: rng.nzcv() });
      L.add('add/sub imm SP', `cmp ${sp}, #${rng.int(4096)}`, { sp: rng.val(), nzcv: rng.nzcv() });
      L.add('add/sub imm SP', `mov ${r(width, a)}, ${sp}`, { sp: rng.val() });
      L.add('add/sub imm SP', `mov ${sp}, ${r(width, a)}`, { x: { [a]: rng.val() } });
    }
  }

  // ---- logical immediate ---------------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['and', 'orr', 'eor', 'ands']) {
      for (let k = 0; k < 22; k++) {
        const [dst, src] = distinct(rng, 2);
        const imm = bitmaskImmediate(rng, width);
        L.add(`logical imm`, `${op} ${r(width, dst)}, ${r(width, src)}, #0x${imm.toString(16)}`, { x: { [src]: rng.val() }, nzcv: rng.nzcv() });
      }
    }
    for (let k = 0; k < 8; k++) {
      const [src] = distinct(rng, 1);
      const imm = bitmaskImmediate(rng, width);
      L.add('logical imm', `tst ${r(width, src)}, #0x${imm.toString(16)}`, { x: { [src]: rng.pick([0n, M64, rng.val()]) }, nzcv: rng.nzcv() });
    }
    // AND/ORR/EOR write SP (Rd = 31); a 32-bit write to WSP zeroes the top half.
    const sp = width === 64 ? 'sp' : 'wsp';
    for (const op of ['and', 'orr', 'eor']) {
      for (let k = 0; k < 2; k++) {
        const [src] = distinct(rng, 1);
        L.add('logical imm SP', `${op} ${sp}, ${r(width, src)}, #0x${bitmaskImmediate(rng, width).toString(16)}`, { x: { [src]: rng.val() } });
      }
    }
    // mov (bitmask immediate) alias.
    for (let k = 0; k < 4; k++) {
      const [dst] = distinct(rng, 1);
      L.add('logical imm', `orr ${r(width, dst)}, ${r(width, 31)}, #0x${bitmaskImmediate(rng, width).toString(16)}`);
    }
  }

  // ---- move wide -----------------------------------------------------------------------
  for (const width of [32, 64]) {
    const shifts = width === 64 ? [0, 16, 32, 48] : [0, 16];
    for (const op of ['movz', 'movn', 'movk']) {
      for (const sh of shifts) {
        for (const imm of [0, 0xffff, 0x8000, rng.int(0x10000), rng.int(0x10000)]) {
          const [dst] = distinct(rng, 1);
          L.add('move wide', `${op} ${r(width, dst)}, #0x${imm.toString(16)}, lsl #${sh}`, { x: { [dst]: rng.val() } });
        }
      }
    }
  }

  // ---- bitfield ------------------------------------------------------------------------
  for (const width of [32, 64]) {
    const W = width;
    for (const op of ['ubfm', 'sbfm', 'bfm']) {
      const corners = [
        [0, 0], [0, W - 1], [W - 1, W - 1], [1, 0], [W - 1, 0], [0, W - 2], [W - 1, W - 2], [1, W - 1], [W / 2, W / 2 - 1], [W / 2 - 1, W / 2],
      ];
      for (const [immr, imms] of corners) {
        const [dst, src] = distinct(rng, 2);
        L.add('bitfield', `${op} ${r(W, dst)}, ${r(W, src)}, #${immr}, #${imms}`, { x: { [src]: rng.val(), [dst]: rng.val() } });
      }
      for (let k = 0; k < 16; k++) {
        const [dst, src] = distinct(rng, 2);
        L.add('bitfield', `${op} ${r(W, dst)}, ${r(W, src)}, #${rng.int(W)}, #${rng.int(W)}`, { x: { [src]: rng.val(), [dst]: rng.val() } });
      }
    }
    // Aliases.
    for (let k = 0; k < 4; k++) {
      const [dst, src] = distinct(rng, 2);
      const x = { [src]: rng.val(), [dst]: rng.val() };
      const sh = rng.pick([0, 1, W - 1, rng.int(W)]);
      L.add('bitfield alias', `lsl ${r(W, dst)}, ${r(W, src)}, #${sh}`, { x });
      L.add('bitfield alias', `lsr ${r(W, dst)}, ${r(W, src)}, #${sh}`, { x });
      L.add('bitfield alias', `asr ${r(W, dst)}, ${r(W, src)}, #${sh}`, { x });
      const lsb = rng.int(W);
      const wid = 1 + rng.int(W - lsb);
      L.add('bitfield alias', `ubfx ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `sbfx ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `bfxil ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `bfi ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `ubfiz ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `sbfiz ${r(W, dst)}, ${r(W, src)}, #${lsb}, #${wid}`, { x });
      L.add('bitfield alias', `bfc ${r(W, dst)}, #${lsb}, #${wid}`, { x });
    }
    for (const ext of ['sxtb', 'sxth', 'uxtb', 'uxth']) {
      for (const v of [0x7fn, 0x80n, 0xffffn, 0x8000n, rng.val()]) {
        const [dst, src] = distinct(rng, 2);
        const dw = ext.startsWith('u') ? 32 : W;
        L.add('bitfield alias', `${ext} ${r(dw, dst)}, w${src}`, { x: { [src]: v | (rng.next64() & ~0xffffn) } });
      }
    }
  }
  for (const v of [0x7fff_ffffn, 0x8000_0000n, 0xffff_ffffn, 0x1234_5678_8765_4321n]) {
    const [dst, src] = distinct(rng, 2);
    L.add('bitfield alias', `sxtw x${dst}, w${src}`, { x: { [src]: v } });
  }

  // ---- EXTR / ROR (immediate) ----------------------------------------------------------
  for (const width of [32, 64]) {
    for (const lsb of [0, 1, width / 2, width - 1, rng.int(width), rng.int(width), rng.int(width), rng.int(width)]) {
      const [dst, a, b] = distinct(rng, 3);
      L.add('extr', `extr ${r(width, dst)}, ${r(width, a)}, ${r(width, b)}, #${lsb}`, { x: { [a]: rng.val(), [b]: rng.val() } });
      L.add('extr', `ror ${r(width, dst)}, ${r(width, a)}, #${lsb}`, { x: { [a]: rng.val() } });
      L.add('extr', `extr ${r(width, dst)}, ${r(width, a)}, ${r(width, a)}, #${lsb}`, { x: { [a]: rng.val() } });
    }
  }

  // ---- ADR / ADRP (results depend on the recorded snippet address) ---------------------
  for (const off of [0, 4, -4, 8, 1, 3, -1, 0xfffff, -0x100000, 0x12344]) {
    const [dst] = distinct(rng, 1);
    L.add('adr/adrp', `adr x${dst}, . + ${off}`);
  }
  for (const pages of [0, 1, -1, 2, 0x7ffff, -0x80000, 0x1234, -0x4321]) {
    const [dst] = distinct(rng, 1);
    L.add('adr/adrp', `adrp x${dst}, . + ${pages} * 4096`);
  }
  L.add('adr/adrp', ['adr x3, %t', 'nop', '%t:', 'adrp x4, %t']);
  return L.cases;
}
