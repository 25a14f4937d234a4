/**
 * The wasm tier's FP/SIMD code (machine/jit/wasm-simd.ts) against the interpreter: random
 * programs of the scalar and vector floating-point instructions it compiles, on operands
 * chosen to reach every side of its guards (NaNs signalling and quiet, infinities, zeros,
 * subnormals, the edges of the fused multiply-add's safe range, cancellations, huge and tiny
 * products), with FPSR.IXC set (the fast paths run) and clear (the handlers run), and under
 * other FPCR modes; then the SIMD&FP loads and stores in every addressing form, in a page,
 * across a page boundary, into unmapped memory (the fault's ELR/FAR/ESR) and onto a
 * misaligned SP; DC ZVA (allowed at EL0 or trapping). Registers, V0-V7, NZCV, FPSR, memory and the instruction count must be the
 * interpreter's. (The same FP code against qemu-aarch64: test/realworld/fp-tiers.test.ts.)
 * Instruction words from aarch64-linux-gnu-as; the assembly is in the comments.
 */

import t from 'tap';
import { Machine } from '../../machine/index.js';
import { identityMapForEl0 } from '../helpers/pagetables.js';
import { BRK0, load } from '../helpers/program.js';

const CODE = 0x4040_0000;
const SCRATCH = 0x4080_0000;
const SCRATCH_SIZE = 0x3000;
const VBAR = 0x4030_0000n;

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

function machines(): [Machine, Machine] {
  const interp = new Machine({ ramSize: 16 << 20, translate: false });
  const wasm = new Machine({ ramSize: 16 << 20, translate: true, translateThreshold: 0, tier: 'wasm' });
  for (const m of [interp, wasm]) {
    identityMapForEl0(m);
    m.writeSysReg('VBAR_EL1', VBAR);
  }
  return [interp, wasm];
}

function snapshot(m: Machine, icount: number): Record<string, string> {
  const s: Record<string, string> = {};
  for (let r = 0; r < 8; r++) s[`x${r}`] = m.getX(r).toString(16);
  s.sp = m.getSp().toString(16);
  s.pc = m.getPc().toString(16);
  s.nzcv = m.getNzcv().toString(16);
  s.fpsr = m.cpu.fpsr.toString(16);
  s.icount = String(m.cpu.icount - icount);
  for (const reg of ['ESR_EL1', 'ELR_EL1', 'FAR_EL1']) s[reg] = m.readSysReg(reg).toString(16);
  for (let r = 0; r < 8; r++) s[`v${r}`] = [...m.cpu.v.subarray(r * 4, r * 4 + 4)].map((w) => (w >>> 0).toString(16)).join(':');
  s.scratch = Buffer.from(m.memory.read(SCRATCH, SCRATCH_SIZE)).toString('base64');
  return s;
}

function run(pair: [Machine, Machine], words: number[], setup: (m: Machine) => void): [Record<string, string>, Record<string, string>] {
  const out = pair.map((m) => {
    load(m, CODE, words);
    setup(m);
    const start = m.cpu.icount;
    m.run(10_000);
    return snapshot(m, start);
  });
  return [out[0], out[1]];
}

// ---- operands ---------------------------------------------------------------------------

const F64 = new Float64Array(1);
const W64 = new Int32Array(F64.buffer);
const F32 = new Float32Array(1);
const W32 = new Int32Array(F32.buffer);

const SPECIAL_D: [number, number][] = [
  [0, 0], [0, 0x80000000 | 0], // +0, -0
  [0, 0x7ff00000], [0, 0xfff00000 | 0], // +-inf
  [0, 0x7ff80000], [1, 0x7ff40000], [5, 0xfff00000 | 0], // qNaN, sNaN, negative sNaN
  [0, 0x00100000], [1, 0], [0xffffffff | 0, 0x000fffff], // min normal, min subnormal, max subnormal
  [0xffffffff | 0, 0x7fefffff], // max
];

/** A double as lo/hi words, drawn from the cases the guards separate. */
function randomDouble(next: () => number, others: number[]): [number, number] {
  const k = next() % 100;
  if (k < 10) return SPECIAL_D[next() % SPECIAL_D.length];
  if (k < 50) {
    // Ordinary numbers of modest size: exact and inexact results both common.
    F64[0] = ((next() % 2000001) - 1000000) * 2 ** ((next() % 41) - 30);
  } else if (k < 65) {
    // Any exponent: overflow, underflow, the safe-range edges.
    F64[0] = (1 + (next() % 1000000) / 1000000) * 2 ** ((next() % 2098) - 1074) * (next() & 1 ? -1 : 1);
  } else if (k < 75) {
    // Near the fused multiply-add's range bounds: 2^-900, 2^900, 2^995.
    const e = [-900, 900, 995, -1022, 1023][next() % 5] + ((next() % 5) - 2);
    F64[0] = (1 + (next() % 1000) / 1000) * 2 ** e * (next() & 1 ? -1 : 1);
  } else if (k < 90 && others.length) {
    // Close to an earlier operand (cancellation) or its negation.
    F64[0] = others[next() % others.length] * (next() & 1 ? -1 : 1) * (1 + ((next() % 5) - 2) * 2 ** -52);
  } else {
    W64[0] = next() | 0;
    W64[1] = next() | 0;
    return [W64[0], W64[1]];
  }
  if (F64[0] === F64[0]) others.push(F64[0]);
  return [W64[0], W64[1]];
}

function randomSingle(next: () => number, others: number[]): number {
  const k = next() % 100;
  if (k < 10) return [0, 0x80000000 | 0, 0x7f800000, 0xff800000 | 0, 0x7fc00000, 0x7fa00000, 0x00800000, 1, 0x007fffff, 0x7f7fffff][next() % 10];
  if (k < 55) F32[0] = ((next() % 20001) - 10000) * 2 ** ((next() % 31) - 20);
  else if (k < 75) F32[0] = (1 + (next() % 10000) / 10000) * 2 ** ((next() % 278) - 149) * (next() & 1 ? -1 : 1);
  else if (k < 90 && others.length) F32[0] = others[next() % others.length] * (next() & 1 ? -1 : 1) * (1 + ((next() % 5) - 2) * 2 ** -23);
  else W32[0] = next() | 0;
  if (F32[0] === F32[0]) others.push(F32[0]);
  return W32[0];
}

function randomVectors(m: Machine, next: () => number): void {
  const dOthers: number[] = [];
  const sOthers: number[] = [];
  for (let r = 0; r < 8; r++) {
    const v = m.cpu.v;
    if (next() & 1) {
      for (let lane = 0; lane < 2; lane++) {
        const [lo, hi] = randomDouble(next, dOthers);
        v[r * 4 + lane * 2] = lo;
        v[r * 4 + lane * 2 + 1] = hi;
      }
    } else for (let lane = 0; lane < 4; lane++) v[r * 4 + lane] = randomSingle(next, sOthers);
  }
}

// ---- the FP instructions, register fields zero (d 4:0, n 9:5, a 14:10, m 20:16) -------------

const FP: number[] = [
  0x1e602800, // fadd d0, d0, d0
  0x1e603800, // fsub d0, d0, d0
  0x1e600800, // fmul d0, d0, d0
  0x1e601800, // fdiv d0, d0, d0
  0x1e608800, // fnmul d0, d0, d0
  0x1e202800, // fadd s0, s0, s0
  0x1e203800, // fsub s0, s0, s0
  0x1e200800, // fmul s0, s0, s0
  0x1e201800, // fdiv s0, s0, s0
  0x1e61c000, // fsqrt d0, d0
  0x1e21c000, // fsqrt s0, s0
  0x1e60c000, // fabs d0, d0
  0x1e214000, // fneg s0, s0
  0x1e624000, // fcvt s0, d0
  0x1e22c000, // fcvt d0, s0
  0x1f400000, // fmadd d0, d0, d0, d0
  0x1f408000, // fmsub d0, d0, d0, d0
  0x1f600000, // fnmadd d0, d0, d0, d0
  0x1f608000, // fnmsub d0, d0, d0, d0
  0x1f000000, // fmadd s0, s0, s0, s0
  0x1f008000, // fmsub s0, s0, s0, s0
  0x1f200000, // fnmadd s0, s0, s0, s0
  0x1f208000, // fnmsub s0, s0, s0, s0
  0x1e602000, // fcmp d0, d0
  0x1e202010, // fcmpe s0, s0
  0x1e602008, // fcmp d0, #0.0
  0x1e60bc00, // fcsel d0, d0, d0, lt (cond 15:12 randomised)
  0x1e200c00, // fcsel s0, s0, s0, eq
  0x4e60cc00, // fmla v0.2d, v0.2d, v0.2d
  0x4ee0cc00, // fmls v0.2d, v0.2d, v0.2d
  0x4e20cc00, // fmla v0.4s, v0.4s, v0.4s
  0x0e20cc00, // fmla v0.2s, v0.2s, v0.2s
  0x4ea0cc00, // fmls v0.4s, v0.4s, v0.4s
  0x0ea0cc00, // fmls v0.2s, v0.2s, v0.2s
  0x4e60d400, // fadd v0.2d, v0.2d, v0.2d
  0x4e20d400, // fadd v0.4s, v0.4s, v0.4s
  0x0ea0d400, // fsub v0.2s, v0.2s, v0.2s
  0x6e20dc00, // fmul v0.4s, v0.4s, v0.4s
  0x6e60dc00, // fmul v0.2d, v0.2d, v0.2d
  0x6e60fc00, // fdiv v0.2d, v0.2d, v0.2d
  0x2e20fc00, // fdiv v0.2s, v0.2s, v0.2s
  0x1e604000, // fmov d0, d0
  0x1e2f1000, // fmov s0, #1.5 (imm8 20:13 randomised)
  0x1e781000, // fmov d0, #-0.125
  0x4e201c00, // and v0.16b, v0.16b, v0.16b
  0x0e601c00, // bic v0.8b, v0.8b, v0.8b
  0x4ee01c00, // orn v0.16b, v0.16b, v0.16b
  0x6e201c00, // eor v0.16b, v0.16b, v0.16b
  0x6e601c00, // bsl v0.16b, v0.16b, v0.16b
  0x2ea01c00, // bit v0.8b, v0.8b, v0.8b
  0x6ee01c00, // bif v0.16b, v0.16b, v0.16b
  0x4ea08400, // add v0.4s, v0.4s, v0.4s
  0x6ee08400, // sub v0.2d, v0.2d, v0.2d
  0x6e208c00, // cmeq v0.16b, v0.16b, v0.16b
  0x4e609800, // cmeq v0.8h, v0.8h, #0
  0x9e660000, // fmov x0, d0
  0x9e670000, // fmov d0, x0
  0x1e260000, // fmov w0, s0
  0x1e270000, // fmov s0, w0
  0x9eae0000, // fmov x0, v0.d[1]
  0x9eaf0000, // fmov v0.d[1], x0
  0x4e010c00, // dup v0.16b, w0
  0x4e080c00, // dup v0.2d, x0
  0x0e0e3c00, // umov w0, v0.h[3]
  0x4e183c00, // mov x0, v0.d[1]
  0x1e780000, // fcvtzs w0, d0
  0x9e390000, // fcvtzu x0, s0
  0x9e780000, // fcvtzs x0, d0
  0x1e790000, // fcvtzu w0, d0
  0x1e380000, // fcvtzs w0, s0
  0x9e620000, // scvtf d0, x0
  0x1e230000, // ucvtf s0, w0
  0x9e220000, // scvtf s0, x0
  0x9e630000, // ucvtf d0, x0
  0x1e620000, // scvtf d0, w0
  0x9e230000, // ucvtf s0, x0
  0x4f002640, // movi v0.4s, #0x12, lsl #8 (imm8 bits randomised with the register fields)
  0x6f018680, // mvni v0.8h, #0x34
  0x6f05e540, // movi v0.2d, #0xff00ff00ff00ff00
  0x4f0216a0, // orr v0.4s, #0x55
  0x2f00b4e0, // bic v0.4h, #0x7, lsl #8
  0x4f03f700, // fmov v0.4s, #1.5
  0x6f04f400, // fmov v0.2d, #-2.0
  0x0f05e540, // movi v0.8b, #0xaa
  0x2f00d640, // mvni v0.2s, #0x12, msl #16
  0x2f05e540, // movi d0, #0xff00ff00ff00ff00
  0x0f03f400, // fmov v0.2s, #0.5
  0x1e604800, // fmax d0, d0, d0
  0x1e205800, // fmin s0, s0, s0
  0x1e606800, // fmaxnm d0, d0, d0
  0x1e207800, // fminnm s0, s0, s0
  0x4e60f400, // fmax v0.2d, v0.2d, v0.2d
  0x4ea0f400, // fmin v0.4s, v0.4s, v0.4s
  0x0e20c400, // fmaxnm v0.2s, v0.2s, v0.2s
  0x4ee0c400, // fminnm v0.2d, v0.2d, v0.2d
  0x4e20c400, // fmaxnm v0.4s, v0.4s, v0.4s
  0x0ea0f400, // fmin v0.2s, v0.2s, v0.2s
  0x0f0d8400, // shrn v0.8b, v0.8h, #3
  0x4f088400, // shrn2 v0.16b, v0.8h, #8
  0x0f108400, // shrn v0.4h, v0.4s, #16
  0x4f1f8400, // shrn2 v0.8h, v0.4s, #1
  0x0f208400, // shrn v0.2s, v0.2d, #32
  0x4f398400, // shrn2 v0.4s, v0.2d, #7
  0x6e20a400, // umaxp v0.16b, v0.16b, v0.16b
  0x2e20ac00, // uminp v0.8b, v0.8b, v0.8b
  0x2e60a400, // umaxp v0.4h, v0.4h, v0.4h
  0x6e60ac00, // uminp v0.8h, v0.8h, v0.8h
  0x6ea0a400, // umaxp v0.4s, v0.4s, v0.4s
  0x2ea0ac00, // uminp v0.2s, v0.2s, v0.2s
  0x4ea1b800, // fcvtzs v0.4s, v0.4s
  0x2ea1b800, // fcvtzu v0.2s, v0.2s
  0x4e21d800, // scvtf v0.4s, v0.4s
  0x2e21d800, // ucvtf v0.2s, v0.2s
  0x6ea1b800, // fcvtzu v0.4s, v0.4s
  0x4e61d800, // scvtf v0.2d, v0.2d
  0x4ee1b800, // fcvtzs v0.2d, v0.2d
  0x6e21d800, // ucvtf v0.4s, v0.4s
];

/** An FP template with random registers 0..7 (and condition, immediate). */
function randomFp(next: () => number): number {
  let w = FP[next() % FP.length];
  const r = (): number => next() & 7;
  w = (w & ~0x1f) | r();
  w = (w & ~(0x1f << 5)) | (r() << 5);
  if ((w >>> 24) === 0x1f) w = (w & ~(0x1f << 10)) | (r() << 10); // fmadd's a
  const isFcmpZero = (w & 0xff20fc0f) === 0x1e202008;
  const isFmovImm = (w & 0xff201fe0) === 0x1e201000;
  const isGeneral = (w & 0x7f20fc00) === 0x1e200000 && ((w >>> 16) & 0x1e) !== 0; // fmov to/from x
  const isCopy = (w & 0xbfe08400) === 0x0e000400;
  const isShift = (w & 0xbf80fc00) === 0x0f008400; // shrn: bits 22:16 are the shift
  const isMisc = (w & 0x9f3e0c00) === 0x0e200800; // two-register misc: bits 21:17 are 10000
  if (!isFcmpZero && !isFmovImm && !isGeneral && !isCopy && !isShift && !isMisc) w = (w & ~(0x1f << 16)) | (r() << 16);
  if (isFmovImm) w = (w & ~(0xff << 13)) | ((next() & 0xff) << 13);
  if ((w & 0xff200c00) === 0x1e200c00) w = (w & ~(0xf << 12)) | ((next() & 15) << 12); // fcsel cond
  return w >>> 0;
}

const [interpM, wasmM] = machines();
const PAIR: [Machine, Machine] = [interpM, wasmM];

t.test('random FP/SIMD programs: the wasm tier leaves what the interpreter leaves', (t) => {
  const next = rng(0xf00d);
  const CASES = 1000;
  let mismatches = 0;
  const modes = [0, 0, 0, 1 << 24, 1 << 22, 2 << 22, 3 << 22, 1 << 25];
  for (let k = 0; k < CASES && mismatches < 5; k++) {
    const words: number[] = [];
    const length = 4 + (next() % 24);
    for (let i = 0; i < length; i++) words.push(randomFp(next));
    words.push(BRK0);
    const seed = next();
    // Mostly FPSR.IXC set (the fast paths), sometimes clear, sometimes other FPCR modes.
    const fpsr = k % 4 === 3 ? 0 : 0x10 | (next() & 0x8f & (k % 8 === 1 ? -1 : 0));
    const fpcr = k % 5 === 4 ? modes[next() % modes.length] : 0;
    const [a, b] = run(PAIR, words, (m) => {
      const g = rng(seed);
      randomVectors(m, g);
      for (let r = 0; r < 8; r++) m.setX(r, (BigInt(g()) << 32n) | BigInt(g()));
      m.setNzcv((g() & 15) << 28);
      // Some small integers (exact SCVTF/UCVTF), of either sign and near 2^24 and 2^53.
      for (let r = 4; r < 8; r++) {
        const k = g() % 4;
        if (k === 0) m.setX(r, BigInt.asUintN(64, BigInt((g() % 2001) - 1000)));
        else if (k === 1) m.setX(r, BigInt.asUintN(64, (g() & 1 ? -1n : 1n) * ((g() & 1 ? 1n << 53n : 1n << 24n) + BigInt((g() % 5) - 2))));
      }
      m.cpu.fpsr = fpsr;
      m.cpu.fpcr = fpcr;
    });
    const differences = Object.keys(a).filter((key) => a[key] !== b[key]);
    if (differences.length) {
      mismatches++;
      t.fail(`fpcr ${fpcr.toString(16)} fpsr ${fpsr.toString(16)} words ${words.map((w) => w.toString(16)).join(' ')}: ${differences.map((d) => `${d} ${a[d]} != ${b[d]}`).join(', ')}`);
    }
  }
  t.equal(mismatches, 0, `${CASES} random programs`);
  t.ok(wasmM.cpu.translator!.compiled > CASES / 2, 'the wasm machine compiled them');
  t.end();
});

t.test('FP code compiled in a loop: the fast path runs, with the interpreter results', (t) => {
  // loop: fmla v0.2d, v1.2d, v2.2d / fadd d3, d3, d1 / fmul v4.4s, v4.4s, v5.4s / fdiv d6, d6, d7 /
  //       subs x0, x0, #1 / b.ne loop / brk #0
  const words = [0x4e62cc20, 0x1e612863, 0x6e25dc84, 0x1e6718c6, 0xf1000400, 0x54ffff61, BRK0];
  const [a, b] = run(PAIR, words, (m) => {
    const v = m.cpu.v;
    const d = (r: number, lane: number, x: number): void => {
      F64[0] = x;
      v[r * 4 + lane * 2] = W64[0];
      v[r * 4 + lane * 2 + 1] = W64[1];
    };
    const s = (r: number, lane: number, x: number): void => {
      F32[0] = x;
      v[r * 4 + lane] = W32[0];
    };
    for (let lane = 0; lane < 2; lane++) {
      d(0, lane, 0.1 * (lane + 1));
      d(1, lane, 1 / 3 + lane);
      d(2, lane, 0.7 - lane);
    }
    v.fill(0, 12, 16);
    d(3, 0, 1);
    for (let lane = 0; lane < 4; lane++) {
      s(4, lane, 1 + lane / 7);
      s(5, lane, 0.999 + lane / 1000);
    }
    d(6, 0, 12345.678);
    v.fill(0, 29, 32);
    d(7, 0, 1.0001);
    m.setX(0, 1000n);
    m.cpu.fpsr = 0;
  });
  t.same(b, a);
  t.equal(a.fpsr, '10', 'the first inexact result set IXC');
  t.end();
});

t.test('single-precision fused multiply-adds compiled in a loop: the interpreter results', (t) => {
  // loop: fmla v0.4s, v1.4s, v2.4s / fmls v6.2s, v1.2s, v2.2s / fmadd s3, s1, s2, s3 /
  //       fnmsub s7, s2, s1, s7 / subs x0, x0, #1 / b.ne loop / brk #0
  const words = [0x4e22cc20, 0x0ea2cc26, 0x1f020c23, 0x1f219c47, 0xf1000400, 0x54ffff61, BRK0];
  const [a, b] = run(PAIR, words, (m) => {
    const v = m.cpu.v;
    const s = (r: number, lane: number, x: number): void => {
      F32[0] = x;
      v[r * 4 + lane] = W32[0];
    };
    for (let lane = 0; lane < 4; lane++) {
      s(0, lane, 0.1 * (lane + 1));
      s(1, lane, 1 / 3 + lane / 7);
      s(2, lane, 0.7 - lane / 5);
      s(3, lane, lane === 0 ? 1 : 0);
      s(6, lane, lane < 2 ? 1000 + lane : 0);
      s(7, lane, lane === 0 ? -3 : 0);
    }
    m.setX(0, 1000n);
    m.cpu.fpsr = 0;
  });
  t.same(b, a);
  t.equal(a.fpsr, '10', 'the first inexact result set IXC');
  t.end();
});

t.test('integer conversions at their edges, with FPSR.IXC clear and set: the interpreter results', (t) => {
  // fcvtzs/fcvtzu w0/x0 from s1/d1, scvtf/ucvtf s0/d0 from w1/x1 (then brk #0).
  const CONVERSIONS = [
    0x1e780020, 0x1e790020, 0x9e780020, 0x9e790020, 0x1e380020, 0x1e390020, 0x9e380020, 0x9e390020,
    0x1e620020, 0x1e630020, 0x9e620020, 0x9e630020, 0x1e220020, 0x1e230020, 0x9e220020, 0x9e230020,
    // fcvtzs v0.4s, fcvtzu v0.2s, fcvtzu v0.4s, scvtf v0.4s, ucvtf v0.2s, ucvtf v0.4s (from v1)
    0x4ea1b820, 0x2ea1b820, 0x6ea1b820, 0x4e21d820, 0x2e21d820, 0x6e21d820,
  ];
  const p = (k: number): bigint => 1n << BigInt(k);
  const integers: bigint[] = [0n, 1n, -1n, 1000n, -1000n, p(31) - 1n, p(31), p(32) - 1n, p(63), p(63) - 1n, p(64) - 1n];
  for (const k of [24, 25, 53, 54]) for (let d = -2n; d <= 2n; d++) integers.push(p(k) + d, -(p(k) + d));
  const doubles = [0, -0, 0.5, -0.5, -0.999, -1, -1.5, -2, 1.5, 2 ** 31 - 0.5, 2 ** 31, -(2 ** 31) - 0.5, -(2 ** 31) - 1, -(2 ** 31), 2 ** 32 - 1, 2 ** 32, 2 ** 63, -(2 ** 63), 2 ** 64, 1e-310, Infinity, -Infinity, NaN, 123456789.75];
  let mismatches = 0;
  let cases = 0;
  for (const insn of CONVERSIONS) {
    const vector = (insn & 0x9f000000) === 0x0e000000;
    const fromInteger = vector ? ((insn >>> 12) & 31) === 0b11101 : ((insn >>> 17) & 3) === 1;
    const values: (bigint | number)[] = fromInteger ? integers : doubles;
    for (const value of values) {
      for (const fpsr of [0, 0x10]) {
        cases++;
        const [a, b] = run(PAIR, [insn, BRK0], (m) => {
          m.cpu.fpsr = fpsr;
          m.cpu.fpcr = 0;
          if (vector) {
            // Every lane: the value and three neighbours of it.
            for (let lane = 0; lane < 4; lane++) {
              if (typeof value === 'bigint') m.cpu.v[4 + lane] = Number(BigInt.asIntN(32, value + BigInt(lane === 3 ? -1 : lane)));
              else {
                F32[0] = value * (lane === 1 ? -1 : 1) + (lane === 2 ? 0.25 : 0);
                m.cpu.v[4 + lane] = W32[0];
              }
            }
          } else if (typeof value === 'bigint') m.setX(1, BigInt.asUintN(64, value));
          else {
            F64[0] = value;
            m.cpu.v[4] = W64[0];
            m.cpu.v[5] = W64[1];
            if (((insn >>> 22) & 3) === 0) {
              F32[0] = value;
              m.cpu.v[4] = W32[0];
              m.cpu.v[5] = 0;
            }
          }
        });
        const differences = Object.keys(a).filter((key) => a[key] !== b[key]);
        if (differences.length && mismatches++ < 5) t.fail(`${insn.toString(16)} of ${value} fpsr ${fpsr}: ${differences.map((d) => `${d} ${a[d]} != ${b[d]}`).join(', ')}`);
      }
    }
  }
  t.equal(mismatches, 0, `${cases} conversions`);
  t.end();
});

// ---- loads and stores -------------------------------------------------------------------

const LOADSTORE: number[] = [
  0x3dc00020, // ldr q0, [x1]
  0x3d800020, // str q0, [x1]
  0xfd400420, // ldr d0, [x1, #8]
  0xbd000420, // str s0, [x1, #4]
  0x3cc10c20, // ldr q0, [x1, #16]!
  0x3c9f0420, // str q0, [x1], #-16
  0x3cdfd020, // ldur q0, [x1, #-3]
  0x3ce26820, // ldr q0, [x1, x2]
  0xfc227820, // str d0, [x1, x2, lsl #3]
  0x3d400420, // ldr b0, [x1, #1]
  0x7d000420, // str h0, [x1, #2]
  0xad400420, // ldp q0, q1, [x1]
  0xad810420, // stp q0, q1, [x1, #32]!
  0x6cc10420, // ldp d0, d1, [x1], #16
  0x2d3f0420, // stp s0, s1, [x1, #-8]
  0x4c407020, // ld1 {v0.16b}, [x1]
  0x4c9fa020, // st1 {v0.16b, v1.16b}, [x1], #32
  0x4cc22c20, // ld1 {v0.2d-v3.2d}, [x1], x2
  0x0c007020, // st1 {v0.8b}, [x1]
  0x4d40cc20, // ld1r {v0.2d}, [x1]
  0x0dc2c020, // ld1r {v0.8b}, [x1], x2
  0x4ddfc820, // ld1r {v0.4s}, [x1], #4
  0x0d40c420, // ld1r {v0.4h}, [x1]
  0x0d409020, // ld1 {v0.s}[1], [x1]
  0x4dc28420, // ld1 {v0.d}[1], [x1], x2
  0x4ddf5020, // ld1 {v0.h}[6], [x1], #2
  0x4d9f4820, // st1 {v0.h}[5], [x1], #2
  0x4d001c20, // st1 {v0.b}[15], [x1]
  0x0d828420, // st1 {v0.d}[0], [x1], x2
  0x3dc007e0, // ldr q0, [sp, #16]
  0x9c000000, // ldr q0, . (literal)
  0xd50b7421, // dc zva, x1
];
const DC_ZVA = 0xd50b7421;

t.test('SIMD&FP loads and stores and DC ZVA: in a page, across pages, faulting, on SP', (t) => {
  const next = rng(0xbeef);
  const ramEnd = interpM.memory.base + interpM.memory.size;
  let mismatches = 0;
  let cases = 0;
  for (const template of LOADSTORE) {
    for (let k = 0; k < 24 && mismatches < 5; k++) {
      cases++;
      let w = template === DC_ZVA ? template : (template & ~0x1f) | (next() & 7);
      if ((template & 0x3b000000) === 0x29000000 || (template & 0x3b000000) === 0x2d000000) w = (w & ~(0x1f << 10)) | ((next() & 7) << 10);
      const load = (w >>> 22) & 1;
      const where = next() % 6;
      let base: number;
      if (where === 0) base = SCRATCH + 0x1000 - (next() % 24); // across a page boundary
      else if (where === 1 && load) base = ramEnd - 8 - (next() % 8); // into unmapped memory
      else if (where === 2) base = 0x5000_0000; // unmapped
      else base = SCRATCH + 0x40 + (next() % 0x1f00);
      const offset = BigInt(((next() % 64) - 32) * 8);
      const sp = SCRATCH + 0x800 + (next() & 1 ? 0 : 4);
      const seed = next();
      const [a, b] = run(PAIR, [w >>> 0, BRK0], (m) => {
        const g = rng(seed);
        const scratch = Buffer.alloc(SCRATCH_SIZE);
        for (let i = 0; i < SCRATCH_SIZE; i++) scratch[i] = g() & 0xff;
        m.memory.write(SCRATCH, scratch);
        randomVectors(m, g);
        m.setX(1, BigInt(base));
        m.setX(2, BigInt.asUintN(64, offset));
        m.setSp(BigInt(sp));
        // SA0 (SP alignment checks at EL0) on odd cases; DZE (DC ZVA allowed at EL0) on most.
        const sctlr = m.readSysReg('SCTLR_EL1') & ~((1n << 4n) | (1n << 14n));
        m.writeSysReg('SCTLR_EL1', sctlr | (k & 1 ? 1n << 4n : 0n) | (k % 4 !== 3 ? 1n << 14n : 0n));
      });
      const differences = Object.keys(a).filter((key) => a[key] !== b[key]);
      if (differences.length) {
        mismatches++;
        t.fail(`${w.toString(16)} base ${base.toString(16)}: ${differences.map((d) => `${d} ${a[d]} != ${b[d]}`).join(', ')}`);
      }
    }
  }
  t.equal(mismatches, 0, `${cases} loads and stores`);
  t.end();
});
