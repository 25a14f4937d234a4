/**
 * Data processing (register): add/sub shifted and extended, with carry, logical shifted
 * (incl. ROR and the flag-setting ANDS/BICS), variable shifts, conditional select and
 * compare for all 16 conditions, CLZ/CLS/RBIT/REV*, multiply (incl. long and high), divide.
 */
import { CaseList, M64, M32, r, distinct } from '../lib.mjs';

const CONDS = ['eq', 'ne', 'cs', 'cc', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];

export function build(rng) {
  const L = new CaseList('dataproc-reg');

  // Operand pairs around the carry and overflow boundaries of add and subtract.
  function boundaryPairs(width, isAdd) {
    const mask = width === 64 ? M64 : M32;
    const top = 1n << BigInt(width - 1);
    const pairs = [];
    for (const target of [0n, top, mask]) {
      const b = rng.pick([1n, 2n, top, top - 1n, mask, rng.val() & mask]);
      for (const d of [-1n, 0n, 1n]) {
        const a = isAdd ? (target - b + d) & mask : (target + b + d) & mask;
        pairs.push([a, b]);
      }
    }
    pairs.push([0n, 0n], [mask, mask], [top, top], [top, 1n], [top - 1n, mask]);
    return pairs;
  }
  const junk = (width) => (width === 32 ? rng.next64() & ~M32 : 0n);

  // ---- add/sub shifted register --------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['add', 'adds', 'sub', 'subs']) {
      for (const [a, b] of boundaryPairs(width, op.startsWith('add'))) {
        const [d, n, m] = distinct(rng, 3);
        L.add(`${op} shifted`, `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a | junk(width), [m]: b | junk(width) }, nzcv: rng.nzcv() });
      }
      for (const sh of ['lsl', 'lsr', 'asr']) {
        for (const amt of [0, 1, width - 1, rng.int(width)]) {
          const [d, n, m] = distinct(rng, 3);
          L.add(`${op} shifted`, `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}, ${sh} #${amt}`, { x: { [n]: rng.val(), [m]: rng.val() }, nzcv: rng.nzcv() });
        }
      }
    }
    for (const op of ['cmp', 'cmn']) {
      for (const [a, b] of boundaryPairs(width, op === 'cmn').slice(0, 10)) {
        const [n, m] = distinct(rng, 2);
        L.add(`${op} shifted`, `${op} ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a, [m]: b }, nzcv: rng.nzcv() });
      }
    }
    for (const op of ['neg', 'negs']) {
      for (const v of [0n, 1n, 1n << BigInt(width - 1), rng.val(), rng.val()]) {
        const [d, m] = distinct(rng, 2);
        L.add(`${op}`, `${op} ${r(width, d)}, ${r(width, m)}, lsl #${rng.pick([0, 1, 3])}`, { x: { [m]: v }, nzcv: rng.nzcv() });
      }
    }
    // Rd = ZR and operands that are ZR.
    const [d, n] = distinct(rng, 2);
    L.add('adds shifted', `adds ${r(width, 31)}, ${r(width, n)}, ${r(width, 31)}`, { x: { [n]: rng.val() }, nzcv: rng.nzcv() });
    L.add('add shifted', `add ${r(width, d)}, ${r(width, 31)}, ${r(width, n)}, asr #3`, { x: { [n]: rng.val() } });
  }

  // ---- add/sub extended register -------------------------------------------------------
  const exts = ['uxtb', 'uxth', 'uxtw', 'uxtx', 'sxtb', 'sxth', 'sxtw', 'sxtx'];
  for (const width of [32, 64]) {
    for (const op of ['add', 'adds', 'sub', 'subs']) {
      for (const ext of exts) {
        for (let k = 0; k < 2; k++) {
          const [d, n, m] = distinct(rng, 3);
          const amt = rng.int(5);
          const mreg = width === 64 && (ext === 'uxtx' || ext === 'sxtx') ? `x${m}` : `w${m}`;
          L.add(`${op} extended`, `${op} ${r(width, d)}, ${r(width, n)}, ${mreg}, ${ext} #${amt}`, { x: { [n]: rng.val(), [m]: rng.val() }, nzcv: rng.nzcv() });
        }
      }
    }
    // Flags at the boundaries through the extended forms (UXTX/SXTX act as no extension).
    for (const op of ['adds', 'subs']) {
      for (const [a, b] of boundaryPairs(width, op === 'adds')) {
        const [d, n, m] = distinct(rng, 3);
        const ext = width === 64 ? rng.pick(['uxtx', 'sxtx']) : rng.pick(['uxtw', 'sxtw']);
        const mreg = width === 64 ? `x${m}` : `w${m}`;
        L.add(`${op} extended`, `${op} ${r(width, d)}, ${r(width, n)}, ${mreg}, ${ext}`, { x: { [n]: a | junk(width), [m]: b | junk(width) }, nzcv: rng.nzcv() });
      }
    }
    // SP forms: Rd/Rn = SP (the reason the extended form exists).
    const sp = width === 64 ? 'sp' : 'wsp';
    for (let k = 0; k < 4; k++) {
      const [n, m] = distinct(rng, 2);
      const mreg = width === 64 ? `x${m}` : `w${m}`;
      const ext = width === 64 ? 'lsl' : 'uxtw';
      L.add('add/sub extended SP', `add ${sp}, ${sp}, ${mreg}, ${ext} #${rng.int(5)}`, { x: { [m]: rng.val() }, sp: rng.val() });
      L.add('add/sub extended SP', `sub ${r(width, n)}, ${sp}, w${m}, sxtw #${rng.int(5)}`, { x: { [m]: rng.val() }, sp: rng.val() });
      L.add('add/sub extended SP', `adds ${r(width, n)}, ${sp}, w${m}, uxtb`, { x: { [m]: rng.val() }, sp: rng.val(), nzcv: rng.nzcv() });
      L.add('add/sub extended SP', `cmp ${sp}, w${m}, sxth #2`, { x: { [m]: rng.val() }, sp: rng.val(), nzcv: rng.nzcv() });
    }
  }

  // ---- add/sub with carry --------------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['adc', 'adcs', 'sbc', 'sbcs']) {
      for (const [a, b] of boundaryPairs(width, op.startsWith('adc'))) {
        for (const c of [0, 1]) {
          if (rng.int(3) === 0) continue;
          const [d, n, m] = distinct(rng, 3);
          L.add(`${op}`, `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a | junk(width), [m]: b | junk(width) }, nzcv: ((rng.int(16) & ~2) | (c << 1)) << 28 >>> 0 });
        }
      }
    }
    for (const op of ['ngc', 'ngcs']) {
      for (const v of [0n, 1n, 1n << BigInt(width - 1), rng.val()]) {
        for (const c of [0, 1]) {
          const [d, m] = distinct(rng, 2);
          L.add(`${op}`, `${op} ${r(width, d)}, ${r(width, m)}`, { x: { [m]: v }, nzcv: (c << 29) >>> 0 });
        }
      }
    }
  }

  // ---- logical shifted register --------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['and', 'bic', 'orr', 'orn', 'eor', 'eon', 'ands', 'bics']) {
      for (const sh of ['lsl', 'lsr', 'asr', 'ror']) {
        for (const amt of rng.bool() ? [0, width - 1] : [rng.int(width), 1]) {
          const [d, n, m] = distinct(rng, 3);
          L.add(`logical shifted`, `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}, ${sh} #${amt}`, { x: { [n]: rng.val(), [m]: rng.val() }, nzcv: rng.nzcv() });
        }
      }
    }
    // Flag edge cases of ANDS/BICS/TST: zero result, negative result.
    for (const [a, b] of [[0n, M64], [M64, M64], [1n << BigInt(width - 1), M64], [0x5555n, 0xaaaan]]) {
      const [d, n, m] = distinct(rng, 3);
      L.add('logical flags', `ands ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a, [m]: b }, nzcv: 0x30000000 });
      L.add('logical flags', `bics ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a, [m]: b }, nzcv: 0x30000000 });
      L.add('logical flags', `tst ${r(width, n)}, ${r(width, m)}, ror #${rng.int(width)}`, { x: { [n]: a, [m]: b }, nzcv: 0xf0000000 });
    }
    for (let k = 0; k < 4; k++) {
      const [d, m] = distinct(rng, 2);
      L.add('logical shifted', `mvn ${r(width, d)}, ${r(width, m)}, ${rng.pick(['lsl', 'lsr', 'asr', 'ror'])} #${rng.int(width)}`, { x: { [m]: rng.val() } });
      L.add('logical shifted', `mov ${r(width, d)}, ${r(width, m)}`, { x: { [m]: rng.val() } });
    }
  }

  // ---- variable shifts -----------------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['lslv', 'lsrv', 'asrv', 'rorv']) {
      for (const amt of [0n, 1n, 31n, 32n, 63n, 64n, 65n, 255n, M64, rng.next64(), rng.next64() & ~63n]) {
        const [d, n, m] = distinct(rng, 3);
        L.add('variable shift', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: rng.pick([rng.val(), 0x8000_0000_0000_0001n, 0x8000_0001n]), [m]: amt } });
      }
    }
  }

  // ---- conditional select --------------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['csel', 'csinc', 'csinv', 'csneg']) {
      for (const cond of CONDS) {
        for (let k = 0; k < 2; k++) {
          const [d, n, m] = distinct(rng, 3);
          L.add('conditional select', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}, ${cond}`, { x: { [n]: rng.val(), [m]: rng.pick([rng.val(), 0n, M64, 1n << 63n, 1n << 31n]) }, nzcv: rng.nzcv() });
        }
      }
    }
    for (const op of ['cset', 'csetm']) {
      for (const cond of CONDS.slice(0, 14)) {
        const [d] = distinct(rng, 1);
        L.add('conditional select alias', `${op} ${r(width, d)}, ${cond}`, { nzcv: rng.nzcv() });
      }
    }
    for (const op of ['cinc', 'cinv', 'cneg']) {
      for (let k = 0; k < 6; k++) {
        const [d, n] = distinct(rng, 2);
        L.add('conditional select alias', `${op} ${r(width, d)}, ${r(width, n)}, ${rng.pick(CONDS.slice(0, 14))}`, { x: { [n]: rng.val() }, nzcv: rng.nzcv() });
      }
    }
  }

  // ---- conditional compare -------------------------------------------------------------
  for (const width of [32, 64]) {
    for (const op of ['ccmp', 'ccmn']) {
      for (const cond of CONDS) {
        const [n, m] = distinct(rng, 2);
        const nz = rng.int(16);
        L.add('conditional compare', `${op} ${r(width, n)}, ${r(width, m)}, #${nz}, ${cond}`, { x: { [n]: rng.val(), [m]: rng.val() }, nzcv: rng.nzcv() });
        const imm = rng.pick([0, 1, 31, rng.int(32)]);
        L.add('conditional compare', `${op} ${r(width, n)}, #${imm}, #${rng.int(16)}, ${cond}`, { x: { [n]: rng.pick([BigInt(imm), 0n, 1n << BigInt(width - 1), rng.val()]) }, nzcv: rng.nzcv() });
      }
    }
  }

  // ---- one-source: CLZ/CLS/RBIT/REV* ---------------------------------------------------
  const oneSrcValues = [0n, 1n, M64, 1n << 63n, 1n << 31n, 0x7fff_ffffn, 0x8000_0000_0000_0001n, 0x0123_4567_89ab_cdefn];
  for (const width of [32, 64]) {
    const ops = width === 64 ? ['clz', 'cls', 'rbit', 'rev', 'rev16', 'rev32'] : ['clz', 'cls', 'rbit', 'rev', 'rev16'];
    for (const op of ops) {
      for (const v of [...oneSrcValues, rng.val(), rng.val(), rng.val()]) {
        const [d, n] = distinct(rng, 2);
        L.add('clz/cls/rbit/rev', `${op} ${r(width, d)}, ${r(width, n)}`, { x: { [n]: v } });
      }
    }
  }

  // ---- multiply ------------------------------------------------------------------------
  const mulVals = () => rng.pick([rng.val(), rng.val(), M64, 1n << 63n, 0x8000_0000n, 0xffff_ffffn, 0x7fff_ffffn, 3n]);
  for (const width of [32, 64]) {
    for (const op of ['madd', 'msub']) {
      for (let k = 0; k < 10; k++) {
        const [d, n, m, a] = distinct(rng, 4);
        L.add('multiply', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}, ${r(width, a)}`, { x: { [n]: mulVals(), [m]: mulVals(), [a]: mulVals() } });
      }
    }
    for (const op of ['mul', 'mneg']) {
      for (let k = 0; k < 6; k++) {
        const [d, n, m] = distinct(rng, 3);
        L.add('multiply', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: mulVals(), [m]: mulVals() } });
      }
    }
  }
  for (const op of ['smaddl', 'smsubl', 'umaddl', 'umsubl']) {
    for (let k = 0; k < 10; k++) {
      const [d, n, m, a] = distinct(rng, 4);
      L.add('multiply long', `${op} x${d}, w${n}, w${m}, x${a}`, { x: { [n]: mulVals(), [m]: mulVals(), [a]: mulVals() } });
    }
  }
  for (const op of ['smull', 'umull', 'smnegl', 'umnegl']) {
    for (let k = 0; k < 6; k++) {
      const [d, n, m] = distinct(rng, 3);
      L.add('multiply long', `${op} x${d}, w${n}, w${m}`, { x: { [n]: mulVals(), [m]: mulVals() } });
    }
  }
  for (const op of ['smulh', 'umulh']) {
    for (let k = 0; k < 14; k++) {
      const [d, n, m] = distinct(rng, 3);
      L.add('multiply high', `${op} x${d}, x${n}, x${m}`, { x: { [n]: mulVals(), [m]: mulVals() } });
    }
  }
  // Destination equal to a source.
  L.add('multiply', 'mul x3, x3, x3', { x: { 3: 0xdead_beef_1234_5678n } });
  L.add('multiply high', 'umulh x4, x4, x5', { x: { 4: M64, 5: M64 } });

  // ---- divide --------------------------------------------------------------------------
  for (const width of [32, 64]) {
    const mask = width === 64 ? M64 : M32;
    const min = 1n << BigInt(width - 1);
    const specials = [[min, mask], [min, 1n], [5n, 0n], [0n, 0n], [mask, 0n], [mask, mask], [7n, 2n], [(0n - 7n) & mask, 2n], [7n, (0n - 2n) & mask], [min, 2n]];
    for (const op of ['udiv', 'sdiv']) {
      for (const [a, b] of specials) {
        const [d, n, m] = distinct(rng, 3);
        L.add('divide', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: a | junk(width), [m]: b | junk(width) } });
      }
      for (let k = 0; k < 8; k++) {
        const [d, n, m] = distinct(rng, 3);
        L.add('divide', `${op} ${r(width, d)}, ${r(width, n)}, ${r(width, m)}`, { x: { [n]: rng.val(), [m]: rng.pick([rng.val(), BigInt(1 + rng.int(100)), rng.next64() >> BigInt(rng.int(64))]) } });
      }
    }
  }
  return L.cases;
}
