/**
 * Loads and stores (general registers) in every addressing mode and size: unsigned
 * offset, unscaled, pre/post-index with writeback, register offset with every extend,
 * literal, pairs incl. LDPSW and non-temporal pairs, SP as base, sign extension,
 * unaligned accesses and accesses that cross the page boundary inside the scratch window.
 */
import { CaseList, M64, r, distinct, SCRATCH_BASE, SCRATCH_SIZE, PAGE_BOUNDARY, sext } from '../lib.mjs';

const LOADS = [
  // [mnemonic, unscaled mnemonic, access size, destination width]
  ['ldrb', 'ldurb', 1, 32], ['ldrsb', 'ldursb', 1, 32], ['ldrsb', 'ldursb', 1, 64],
  ['ldrh', 'ldurh', 2, 32], ['ldrsh', 'ldursh', 2, 32], ['ldrsh', 'ldursh', 2, 64],
  ['ldr', 'ldur', 4, 32], ['ldrsw', 'ldursw', 4, 64], ['ldr', 'ldur', 8, 64],
];
const STORES = [['strb', 'sturb', 1, 32], ['strh', 'sturh', 2, 32], ['str', 'stur', 4, 32], ['str', 'stur', 8, 64]];

export function build(rng) {
  const L = new CaseList('loadstore');
  const log2 = (s) => Math.log2(s);

  /** An address for an access of `size` bytes inside the window: aligned, unaligned or page-crossing. */
  function address(size, kind = rng.pick(['aligned', 'aligned', 'unaligned', 'crossing'])) {
    const lo = SCRATCH_BASE;
    if (kind === 'crossing' && size > 1) return PAGE_BOUNDARY - BigInt(1 + rng.int(size - 1));
    let a = lo + BigInt(rng.int(SCRATCH_SIZE - size + 1));
    if (kind === 'aligned') a &= ~BigInt(size - 1);
    return a;
  }
  const inWindow = (a, size) => a >= SCRATCH_BASE && a + BigInt(size) <= SCRATCH_BASE + BigInt(SCRATCH_SIZE);

  function singles(group, list, isLoad) {
    for (const [op, uop, size, width] of list) {
      for (let rep = 0; rep < 2; rep++) {
        const regs = () => {
          const [t, n, m] = distinct(rng, 3);
          return { t, n, m, rt: isLoad || rng.int(6) ? r(width, t) : r(width, 31) };
        };
        const tval = rng.val();
        // Unsigned offset (scaled imm12).
        for (const k of [0, rng.int(64), 4095, rng.int(4096)]) {
          const { t, n, rt } = regs();
          const a = address(size);
          const imm = BigInt(k * size);
          L.add(`${group} unsigned offset`, `${op} ${rt}, [x${n}, #${imm}]`, { x: { [t]: tval, [n]: (a - imm) & M64 }, mem: true });
        }
        // Unscaled (imm9).
        for (const imm of [-256, 255, rng.int(512) - 256]) {
          const { t, n, rt } = regs();
          const a = address(size);
          L.add(`${group} unscaled`, `${uop} ${rt}, [x${n}, #${imm}]`, { x: { [t]: tval, [n]: (a - BigInt(imm)) & M64 }, mem: true });
        }
        // Pre- and post-index: both the access and the written-back base stay in the window.
        for (const mode of ['pre', 'post']) {
          for (let k = 0; k < 2; k++) {
            const { t, n, rt } = regs();
            let a, imm, base;
            do {
              a = address(size);
              imm = BigInt(rng.int(2) ? rng.int(512) - 256 : rng.int(64) - 32);
              base = mode === 'pre' ? a - imm : a;
            } while (!inWindow(base, 0) || !inWindow(base + imm, 0));
            const asm = mode === 'pre' ? `${op} ${rt}, [x${n}, #${imm}]!` : `${op} ${rt}, [x${n}], #${imm}`;
            L.add(`${group} ${mode}-index`, asm, { x: { [t]: tval, [n]: base }, mem: true });
          }
        }
        // Register offset with each extend; the index's ignored upper bits hold junk for W extends.
        const shifts = size === 1 ? ['', ', lsl #0'] : ['', `, lsl #${log2(size)}`];
        for (const ext of ['lsl', 'uxtw', 'sxtw', 'sxtx']) {
          const { t, n, m, rt } = regs();
          const a = address(size);
          const amt = rng.int(2) ? log2(size) : 0;
          let idx = BigInt(rng.int(512) - 256);
          let offset = idx;
          let idxReg = `x${m}`;
          let idxVal = idx & M64;
          if (ext === 'uxtw') {
            idx = BigInt(rng.int(512));
            offset = idx;
            idxVal = (rng.next64() & ~0xffff_ffffn) | idx;
            idxReg = `w${m}`;
          } else if (ext === 'sxtw') {
            offset = idx;
            idxVal = (rng.next64() & ~0xffff_ffffn) | (idx & 0xffff_ffffn);
            idxReg = `w${m}`;
          }
          let suffix;
          if (ext === 'lsl') suffix = amt === 0 ? rng.pick(shifts) : `, lsl #${amt}`;
          else suffix = `, ${ext}${amt || rng.bool() ? ` #${amt}` : ''}`;
          const base = (a - (offset << BigInt(amt))) & M64;
          L.add(`${group} register offset`, `${op} ${rt}, [x${n}, ${idxReg}${suffix}]`, { x: { [t]: tval, [n]: base, [m]: idxVal }, mem: true });
        }
        // Page-crossing and unaligned accesses, explicitly.
        for (const kind of ['crossing', 'unaligned']) {
          if (size === 1 && kind === 'crossing') continue;
          const { t, n, rt } = regs();
          L.add(`${group} unaligned`, `${op} ${rt}, [x${n}]`, { x: { [t]: tval, [n]: address(size, kind) }, mem: true });
        }
      }
      // SP as base (SP itself 16-byte aligned; the offset need not be).
      for (const form of ['uoff', 'pre', 'post', 'unscaled']) {
        const [t] = distinct(rng, 1);
        const rt = r(width, t);
        const sp = SCRATCH_BASE + 16n * BigInt(1 + rng.int(14));
        const imm = form === 'uoff' ? size * rng.int(8) : rng.int(64) - 32;
        const asm = { uoff: `${op} ${rt}, [sp, #${imm}]`, pre: `${op} ${rt}, [sp, #${imm}]!`, post: `${op} ${rt}, [sp], #${imm}`, unscaled: `${uop} ${rt}, [sp, #${imm}]` }[form];
        L.add(`${group} SP base`, asm, { x: { [t]: rng.val() }, sp, mem: true });
      }
    }
  }
  singles('load', LOADS, true);
  singles('store', STORES, false);

  // Loads whose destination is also the base (allowed without writeback).
  for (const [op, , size, width] of LOADS) {
    const [n] = distinct(rng, 1);
    L.add('load unsigned offset', `${op} ${r(width, n)}, [x${n}, #${size}]`, { x: { [n]: address(size) - BigInt(size) }, mem: true });
  }

  // ---- literal -------------------------------------------------------------------------
  for (const [op, dw, dir] of [['ldr', 'x', 1], ['ldr', 'w', 1], ['ldrsw', 'x', 1], ['ldr', 'x', -1], ['ldr', 'w', -1], ['ldrsw', 'x', -1]]) {
    for (const v of [rng.next64(), 0x8000_0000_ffff_ffffn, 0x7fff_ffff_8000_0000n]) {
      const [t] = distinct(rng, 1);
      const data = [`.word 0x${(v & 0xffff_ffffn).toString(16)}`, `.word 0x${(v >> 32n).toString(16)}`];
      const asm = dir > 0
        ? [`${op} ${dw}${t}, %lit`, 'b %end', '%lit:', ...data]
        : ['b %go', '%lit:', ...data, '%go:', `${op} ${dw}${t}, %lit`];
      L.add('load literal', asm, { x: { [t]: rng.val() } });
    }
  }
  L.add('load literal', ['prfm pldl1keep, %lit', 'b %end', '%lit:', '.word 0']);
  L.add('prfm', 'prfm pldl1keep, [x3, #64]', { x: { 3: SCRATCH_BASE } });
  L.add('prfm', 'prfm pstl2strm, [x3, x4, lsl #3]', { x: { 3: SCRATCH_BASE, 4: 0xdeadn } });
  L.add('prfm', 'prfum pldl3keep, [x3, #-1]', { x: { 3: 0n } });

  // ---- pairs ---------------------------------------------------------------------------
  const PAIRS = [['ldp', 4, 'w', true], ['ldp', 8, 'x', true], ['ldpsw', 4, 'x', true], ['stp', 4, 'w', false], ['stp', 8, 'x', false], ['ldnp', 8, 'x', true], ['ldnp', 4, 'w', true], ['stnp', 8, 'x', false], ['stnp', 4, 'w', false]];
  for (const [op, size, w, isLoad] of PAIRS) {
    const modes = op.endsWith('np') ? ['offset'] : ['offset', 'pre', 'post'];
    for (const mode of modes) {
      for (let k = 0; k < (op.endsWith('np') ? 4 : 5); k++) {
        const [t1, t2, n] = distinct(rng, 3);
        let a, imm, base;
        do {
          a = address(2 * size, rng.pick(['aligned', 'unaligned', 'crossing']));
          imm = BigInt(size * (rng.int(3) ? rng.int(16) - 8 : rng.pick([-64, 63, rng.int(128) - 64])));
          base = mode === 'post' ? a : a - imm;
        } while (mode !== 'offset' && (!inWindow(base, 0) || !inWindow(base + imm, 0)));
        const rt1 = !isLoad && rng.int(6) === 0 ? `${w}zr` : `${w}${t1}`;
        const ops = `${rt1}, ${w}${t2}`;
        const asm = { offset: `${op} ${ops}, [x${n}, #${imm}]`, pre: `${op} ${ops}, [x${n}, #${imm}]!`, post: `${op} ${ops}, [x${n}], #${imm}` }[mode];
        L.add(`pair ${mode}`, asm, { x: { [t1]: rng.val(), [t2]: rng.val(), [n]: base & M64 }, mem: true });
      }
    }
    // SP base.
    const [t1, t2] = distinct(rng, 2);
    const sp = SCRATCH_BASE + 16n * BigInt(2 + rng.int(10));
    const imm = size * (rng.int(8) - 4);
    const asm = op.endsWith('np') ? `${op} ${w}${t1}, ${w}${t2}, [sp, #${imm}]` : `${op} ${w}${t1}, ${w}${t2}, [sp, #${imm}]!`;
    L.add('pair SP base', asm, { x: { [t1]: rng.val(), [t2]: rng.val() }, sp, mem: true });
  }

  // ---- sequences: store then load back, to see both sides agree -----------------------
  for (let k = 0; k < 12; k++) {
    const [op, uop, size, width] = rng.pick(STORES);
    const [lop] = rng.pick(LOADS.filter((l) => l[2] === size));
    const [t, n, u] = distinct(rng, 3);
    const a = address(size, rng.pick(['unaligned', 'crossing', 'aligned']));
    L.add('store then load', [`${op} ${r(width, t)}, [x${n}]`, `${lop} ${LOADS.find((l) => l[0] === lop)[3] === 64 ? 'x' : 'w'}${u}, [x${n}]`], { x: { [t]: rng.val(), [n]: a }, mem: true });
    void uop;
  }
  void sext;
  return L.cases;
}
