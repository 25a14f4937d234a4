/**
 * Scalar and vector floating point (machine/insn/fp-scalar.ts, fp-vector.ts, fp-core.ts).
 *
 * The conformance corpus (test/machine/conformance/fp.json, recorded from qemu) covers the
 * instructions broadly; these tests pin what matters most and what a corpus sample may miss:
 * the fused multiply-add's single rounding (the instruction glibc's start-up stopped at),
 * NaN propagation on the bits, the FPSR flags, the rounding modes (checked against each
 * other on many random operands: the exact slow path against the fast path), FZ/DN, the
 * integer conversions' saturation, and the encodings that stay Undefined.
 */

import t from 'tap';
import { Machine, StopReason } from '../../machine/index.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';

const CODE = 0x4001_0000;
const BRK0 = 0xd4200000;
const IOC = 1;
const DZC = 2;
const OFC = 4;
const UFC = 8;
const IXC = 16;
const IDC = 128;
const RP = 1 << 22;
const RM = 2 << 22;
const RZ = 3 << 22;
const FZ = 1 << 24;
const DN = 1 << 25;

const W = {
  fmaddD: 0x1f420400, // fmadd d0, d0, d2, d1 (the word glibc stopped at)
  fmaddS: 0x1f020c20, // fmadd s0, s1, s2, s3
  faddS: 0x1e222820, // fadd s0, s1, s2
  faddD: 0x1e622820, // fadd d0, d1, d2
  fmulD: 0x1e620820, // fmul d0, d1, d2
  fdivD: 0x1e621820, // fdiv d0, d1, d2
  fsqrtD: 0x1e61c020, // fsqrt d0, d1
  fnmulD: 0x1e628820, // fnmul d0, d1, d2
  fcvtzsW: 0x1e780020, // fcvtzs w0, d1
  fcvtzuX: 0x9e790020, // fcvtzu x0, d1
  fcvtSD: 0x1e624020, // fcvt s0, d1
  frintaD: 0x1e664020, // frinta d0, d1
  fmla2d: 0x4e62cc20, // fmla v0.2d, v1.2d, v2.2d
  scvtfDX: 0x9e620020, // scvtf d0, x1
  fccmpEq: 0x1e620425, // fccmp d1, d2, #5, eq
  fcselNe: 0x1e621c20, // fcsel d0, d1, d2, ne
  fmaxnmD: 0x1e626820, // fmaxnm d0, d1, d2
};

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);
const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);
const d = (x: number): bigint => ((F64[0] = x), U64[0]);
const s = (x: number): bigint => ((F32[0] = x), BigInt(U32[0]));
const asD = (b: bigint): number => ((U64[0] = b & ((1n << 64n) - 1n)), F64[0]);

const m = new Machine({ ramSize: 16 << 20 });
identityMapForEl0(m);

interface Result {
  v0: bigint;
  x0: bigint;
  fpsr: number;
  nzcv: number;
}

/** Runs one instruction with V1..V3 (and X1, NZCV, FPCR) set; FPSR starts clear. */
function exec(word: number, v: bigint[], fpcr = 0, opts: { x1?: bigint; nzcv?: number; v0?: bigint } = {}): Result {
  m.memory.write32(CODE, word | 0);
  m.memory.write32(CODE + 4, BRK0 | 0);
  m.setV(0, opts.v0 ?? 0xdead_beefn << 64n);
  v.forEach((value, i) => m.setV(i + 1, value));
  m.setX(0, 0x1234n);
  m.setX(1, opts.x1 ?? 0n);
  m.setNzcv(opts.nzcv ?? 0);
  m.writeSysReg('FPCR', BigInt(fpcr));
  m.writeSysReg('FPSR', 0n);
  m.cpu.setExceptionLevel(0);
  m.setPc(BigInt(CODE));
  const stop = m.run(10);
  if (stop !== StopReason.EXCEPTION) throw new Error(`stopped with ${stop}`);
  if (m.syndrome.ec !== 0x3c) throw new Error(`exception EC ${m.syndrome.ec.toString(16)} at ${m.readSysReg('ELR_EL1').toString(16)}`);
  return { v0: m.getV(0), x0: m.getX(0), fpsr: Number(m.readSysReg('FPSR')), nzcv: m.getNzcv() };
}

function isUndefined(word: number): boolean {
  m.memory.write32(CODE, word | 0);
  m.cpu.setExceptionLevel(0);
  m.setPc(BigInt(CODE));
  m.run(10);
  return m.syndrome.ec === 0 && m.readSysReg('ELR_EL1') === BigInt(CODE);
}

t.test('FMADD rounds once: the product is exact inside the sum', async (t) => {
  // (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly; rounding the product first would give 0.
  const r = exec(W.fmaddD, [d(-1), d(1 - 2 ** -52)], 0, { v0: d(1 + 2 ** -52) });
  t.equal(asD(r.v0), -(2 ** -104));
  t.equal(r.fpsr, 0, 'exact: no flags');
  const rs = exec(W.fmaddS, [s(1 + 2 ** -23), s(1 - 2 ** -23), s(-1)]);
  t.equal(rs.v0, s(-(2 ** -46)), 'single precision too');
  // A product that cancels the addend except for its rounding error, with an inexact sum.
  const x = 1 / 3;
  const y = 3 * (1 + 2 ** -40);
  const r2 = exec(W.fmaddD, [d(-(x * y)), d(y)], 0, { v0: d(x) });
  t.ok(r2.v0 !== d(0), 'the rounding error of x*y survives');
  t.end();
});

t.test('NaNs propagate on the bits: signalling first, quietened, payload and sign kept', async (t) => {
  const qnan = 0x7ff8_0000_0000_1111n;
  const snan = 0xfff0_0000_0000_2222n;
  let r = exec(W.faddD, [qnan, snan]);
  t.equal(r.v0, 0xfff8_0000_0000_2222n, 'the signalling NaN wins, quietened');
  t.equal(r.fpsr, IOC);
  r = exec(W.faddD, [d(1), qnan]);
  t.equal(r.v0, qnan, 'a quiet NaN passes through');
  t.equal(r.fpsr, 0);
  r = exec(W.faddD, [d(1), snan], DN);
  t.equal(r.v0, 0x7ff8_0000_0000_0000n, 'FPCR.DN gives the default NaN');
  t.equal(r.fpsr, IOC);
  r = exec(W.faddS, [0x7f80_0001n, s(2)]);
  t.equal(r.v0, 0x7fc0_0001n, 'single: quietened with its payload');
  r = exec(W.fnmulD, [qnan, d(1)]);
  t.equal(r.v0, qnan | (1n << 63n), 'FNMUL negates its NaN result');
  r = exec(W.fcvtSD, [0x7ff4_0000_2000_0000n]);
  t.equal(r.v0, 0x7fe0_0001n, 'FCVT narrows the payload (top bits)');
  t.equal(r.fpsr, IOC);
  r = exec(W.fmaxnmD, [qnan, d(-5)]);
  t.equal(asD(r.v0), -5, 'FMAXNM prefers a number to a quiet NaN');
  t.end();
});

t.test('FPSR flags: invalid, divide by zero, overflow, underflow, inexact, input denormal', async (t) => {
  let r = exec(W.fdivD, [d(1), d(0)]);
  t.equal(asD(r.v0), Infinity);
  t.equal(r.fpsr, DZC);
  r = exec(W.fdivD, [d(0), d(0)]);
  t.equal(r.v0, 0x7ff8_0000_0000_0000n, '0/0 is the default NaN');
  t.equal(r.fpsr, IOC);
  r = exec(W.fsqrtD, [d(-1)]);
  t.equal(r.fpsr, IOC);
  r = exec(W.fsqrtD, [d(-0)]);
  t.equal(r.v0, d(-0), 'sqrt(-0) = -0');
  r = exec(W.fmulD, [d(1e300), d(1e300)]);
  t.equal(asD(r.v0), Infinity);
  t.equal(r.fpsr, OFC | IXC);
  r = exec(W.fmulD, [d(1e300), d(1e300)], RZ);
  t.equal(asD(r.v0), Number.MAX_VALUE, 'round toward zero overflows to the largest finite');
  r = exec(W.fmulD, [d(2 ** -1000), d(3 * 2 ** -70)]);
  t.equal(asD(r.v0), 3 * 2 ** -1070, 'an exact subnormal result');
  t.equal(r.fpsr, 0, 'exact: no underflow');
  r = exec(W.fdivD, [d(2 ** -1070), d(3)]);
  t.equal(r.fpsr, UFC | IXC, 'tiny and inexact: underflow');
  r = exec(W.fdivD, [d(1), d(3)]);
  t.equal(r.fpsr, IXC);
  r = exec(W.faddD, [d(5e-324), d(0)], FZ);
  t.equal(r.v0, 0n, 'FZ flushes a denormal input');
  t.equal(r.fpsr, IDC);
  r = exec(W.fmulD, [d(2 ** -600), d(2 ** -600)], FZ);
  t.equal(r.v0, 0n, 'FZ flushes a tiny result');
  t.equal(r.fpsr, UFC);
  t.end();
});

t.test('rounding modes: FPCR.RMode and the instructions with their own', async (t) => {
  const third = 1 / 3;
  t.equal(asD(exec(W.fdivD, [d(1), d(3)]).v0), third);
  t.equal(asD(exec(W.fdivD, [d(1), d(3)], RP).v0), third + 2 ** -54);
  t.equal(asD(exec(W.fdivD, [d(1), d(3)], RM).v0), third);
  t.equal(asD(exec(W.fdivD, [d(-1), d(3)], RZ).v0), -third);
  t.equal(exec(W.faddD, [d(1), d(-1)], RM).v0, d(-0), 'x - x = -0 when rounding toward minus');
  t.equal(asD(exec(W.frintaD, [d(-2.5)]).v0), -3, 'FRINTA: ties away');
  t.equal(exec(W.frintaD, [d(-0.25)]).v0, d(-0), 'keeps the sign of zero');
  t.equal(exec(W.fcvtSD, [d(1 + 2 ** -24)], RP).v0, s(1 + 2 ** -23), 'FCVT to single rounds in FPCR mode');
  t.end();
});

/** Next double toward +infinity. */
function nextUp(x: number): number {
  if (x === 0) return 5e-324;
  const b = d(x);
  return asD(x > 0 ? b + 1n : b - 1n);
}

t.test('directed roundings bracket round-to-nearest on random operands (slow path against fast path)', async (t) => {
  let seed = 0x9e3779b9;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return (seed >>> 0) / 2 ** 32;
  };
  const num = (): number => (rnd() < 0.5 ? -1 : 1) * (1 + rnd()) * 2 ** Math.floor(rnd() * 200 - 100);
  let bad = 0;
  for (let i = 0; i < 400; i++) {
    for (const word of [W.faddD, W.fmulD, W.fdivD, W.fsqrtD, W.fmaddD]) {
      const a = word === W.fsqrtD ? Math.abs(num()) : num();
      const b = num();
      const c = word === W.fmaddD ? -(a * b) * (1 + (rnd() - 0.5) * 2 ** -30) : 0;
      const args = [d(a), d(b)];
      const run = (mode: number): Result => exec(word, word === W.fmaddD ? [d(c), d(b)] : args, mode, { v0: d(a) });
      const n = run(0);
      const up = asD(run(RP).v0);
      const down = asD(run(RM).v0);
      const zero = asD(run(RZ).v0);
      const near = asD(n.v0);
      const inexact = (n.fpsr & IXC) !== 0;
      const ok = inexact
        ? up === nextUp(down) && (near === up || near === down) && zero === (up > 0 ? down : up)
        : up === near && down === near && zero === near;
      if (!ok) bad++;
    }
  }
  t.equal(bad, 0, 'RP and RM are adjacent around RN exactly when inexact; RZ is the one nearer zero');
  t.end();
});

t.test('conversions to integers saturate; NaN gives 0; both signal invalid', async (t) => {
  let r = exec(W.fcvtzsW, [d(3e9)]);
  t.equal(r.x0, 0x7fff_ffffn);
  t.equal(r.fpsr, IOC);
  r = exec(W.fcvtzsW, [d(-2.75)]);
  t.equal(r.x0, 0xffff_fffen, '-2 as a W register (upper half zero)');
  t.equal(r.fpsr, IXC);
  r = exec(W.fcvtzuX, [d(-1)]);
  t.equal(r.x0, 0n);
  t.equal(r.fpsr, IOC);
  r = exec(W.fcvtzuX, [d(2 ** 64)]);
  t.equal(r.x0, (1n << 64n) - 1n);
  r = exec(W.fcvtzuX, [0x7ff8_0000_0000_0000n]);
  t.equal(r.x0, 0n);
  t.equal(r.fpsr, IOC);
  r = exec(W.scvtfDX, [], 0, { x1: (1n << 63n) - 1n });
  t.equal(asD(r.v0), 2 ** 63, 'SCVTF rounds a 64-bit integer');
  t.equal(r.fpsr, IXC);
  t.end();
});

t.test('FCCMP, FCSEL and the vector FMLA', async (t) => {
  let r = exec(W.fccmpEq, [d(1), d(2)], 0, { nzcv: 0x4 << 28 });
  t.equal(r.nzcv, 0x8000_0000, 'condition holds: 1 < 2');
  r = exec(W.fccmpEq, [d(1), d(2)], 0, { nzcv: 0 });
  t.equal(r.nzcv, 0x5 << 28, 'condition fails: #nzcv');
  r = exec(W.fcselNe, [d(1), d(2)], 0, { nzcv: 0x4 << 28 });
  t.equal(asD(r.v0), 2);
  r = exec(W.fmla2d, [(d(3) << 64n) | d(1 + 2 ** -52), (d(4) << 64n) | d(1 - 2 ** -52)], 0, { v0: (d(1) << 64n) | d(-1) });
  t.equal(r.v0, (d(13) << 64n) | d(-(2 ** -104)), 'each lane fused');
  t.end();
});

t.test('half precision and the 1D arrangement stay Undefined', async (t) => {
  t.ok(isUndefined(0x1ee02800), 'fadd h0, h0, h0');
  t.ok(isUndefined(0x1ee1c020), 'fsqrt h0, h1');
  t.ok(isUndefined(0x0e62d420), 'fadd v0.1d (reserved)');
  t.ok(isUndefined(0x1e63c020), 'fcvt h0, d1 (half)');
  t.ok(isUndefined(0x1e7e0020), 'fjcvtzs w0, d1 (FEAT_JSCVT)');
  t.notOk(isUndefined(W.faddD), 'fadd d0, d1, d2');
  t.end();
});
