/**
 * Inline JavaScript for the hottest instruction forms, for the translator (translator.ts).
 *
 * Calling an instruction's handler from a translated block is correct for every
 * instruction, and V8 inlines the small handlers; but the general ones (the load/store
 * `transfer` switch, shifted-register operands, condition evaluation) are too big to be
 * inlined, so their fields are decoded again on every execution. These templates are
 * the same handlers partially evaluated for one instruction word: the fields become
 * constants and only the data flow is left.
 *
 * Each template mirrors its handler line for line (same operation order, same helpers for
 * flags), and returns null for the words its handler rejects (unallocated encodings), so
 * the handler still raises Undefined. Templates are keyed by the decoder's encoding name,
 * so a template only ever sees words its handler's pattern matched. The translator test
 * runs random words of every templated encoding through both tiers and compares.
 *
 * Generated code may use: `c` (the Cpu), `x` (c.x), `AF64`/`AF32` (addFlags64/32).
 */

const TWO32 = 4294967296;
const SP2 = 64; // SP's slot, doubled
const SINK2 = 66; // the XZR write sink's slot, doubled

export interface Emitted {
  code: string;
  /** The code may fault or read the PC, so cpu.pcLo must hold its address first. */
  pc: boolean;
  /** The code may write memory (the block then checks whether its own page was written). */
  store: boolean;
}

type Template = (insn: number) => Emitted | null;
/** A PC-relative branch: `before` runs first, then the branch goes to target when `test` holds (null: always). */
export interface Branch {
  before: string;
  test: string | null;
  targetLo: number;
  targetHi: number;
}
type EndingTemplate = (insn: number, pcLo: number, pcHi: number, nextLo: number, nextHi: number) => Branch | null;

function alu(code: string): Emitted {
  return { code, pc: false, store: false };
}

/** Slots (doubled) of a register field as read in ZR context, written in ZR or SP context. */
const zr = (r: number): number => 2 * r;
const dstZr = (r: number): number => (r === 31 ? SINK2 : 2 * r);
const sp = (r: number): number => (r === 31 ? SP2 : 2 * r);

function addImmediate(insn: number): number {
  return ((insn >>> 10) & 0xfff) << (((insn >>> 22) & 1) * 12);
}

/** shift32(type, x[m], amount) as an expression with constant type and amount. */
function shifted32(m: number, type: number, amount: number): string {
  const v = `x[${zr(m)}]`;
  if (amount === 0) return v;
  switch (type) {
    case 0:
      return `(${v} << ${amount})`;
    case 1:
      return `(${v} >>> ${amount})`;
    case 2:
      return `(${v} >> ${amount})`;
    default:
      return `((${v} >>> ${amount}) | (${v} << ${32 - amount}))`;
  }
}

// ---- Data processing ----------------------------------------------------------------------

function addSubImm64(insn: number): Emitted {
  const n = sp((insn >>> 5) & 31);
  const d = sp(insn & 31);
  const imm = addImmediate(insn);
  if (insn & 0x40000000) {
    return alu(`{ const lo = (x[${n}] >>> 0) - ${imm}; x[${d + 1}] = lo < 0 ? (x[${n + 1}] - 1) | 0 : x[${n + 1}]; x[${d}] = lo | 0; }`);
  }
  return alu(`{ const lo = (x[${n}] >>> 0) + ${imm}; x[${d + 1}] = lo >= ${TWO32} ? (x[${n + 1}] + 1) | 0 : x[${n + 1}]; x[${d}] = lo | 0; }`);
}

function addSubsImm64(insn: number): Emitted {
  const n = sp((insn >>> 5) & 31);
  const d = dstZr(insn & 31);
  const imm = addImmediate(insn);
  const b = insn & 0x40000000 ? `${~imm}, -1, 1` : `${imm}, 0, 0`;
  return alu(`x[${d}] = AF64(c, x[${n}], x[${n + 1}], ${b}); x[${d + 1}] = c.rhi;`);
}

function addSubImm32(insn: number): Emitted {
  const n = sp((insn >>> 5) & 31);
  const d = sp(insn & 31);
  const op = insn & 0x40000000 ? '-' : '+';
  return alu(`x[${d}] = x[${n}] ${op} ${addImmediate(insn)}; x[${d + 1}] = 0;`);
}

function addSubsImm32(insn: number): Emitted {
  const n = sp((insn >>> 5) & 31);
  const d = dstZr(insn & 31);
  const imm = addImmediate(insn);
  const b = insn & 0x40000000 ? `${~imm}, 1` : `${imm}, 0`;
  return alu(`x[${d}] = AF32(c, x[${n}], ${b}); x[${d + 1}] = 0;`);
}

function addPlain64(insn: number): Emitted {
  const n = zr((insn >>> 5) & 31);
  const m = zr((insn >>> 16) & 31);
  const d = dstZr(insn & 31);
  return alu(
    `{ const lo = (x[${n}] >>> 0) + (x[${m}] >>> 0); x[${d + 1}] = (x[${n + 1}] + x[${m + 1}] + (lo >= ${TWO32} ? 1 : 0)) | 0; x[${d}] = lo | 0; }`,
  );
}

function subPlain64(insn: number): Emitted {
  const n = zr((insn >>> 5) & 31);
  const m = zr((insn >>> 16) & 31);
  const d = dstZr(insn & 31);
  return alu(`{ const lo = (x[${n}] >>> 0) - (x[${m}] >>> 0); x[${d + 1}] = (x[${n + 1}] - x[${m + 1}] - (lo < 0 ? 1 : 0)) | 0; x[${d}] = lo | 0; }`);
}

function subsPlain64(insn: number): Emitted {
  const n = zr((insn >>> 5) & 31);
  const m = zr((insn >>> 16) & 31);
  const d = dstZr(insn & 31);
  return alu(`x[${d}] = AF64(c, x[${n}], x[${n + 1}], ~x[${m}], ~x[${m + 1}], 1); x[${d + 1}] = c.rhi;`);
}

function orrPlain64(insn: number): Emitted {
  const n = zr((insn >>> 5) & 31);
  const m = zr((insn >>> 16) & 31);
  const d = dstZr(insn & 31);
  return alu(`x[${d}] = x[${n}] | x[${m}]; x[${d + 1}] = x[${n + 1}] | x[${m + 1}];`);
}

/** Operand 2 of a 32-bit shifted-register form, inverted when `invert`. */
function operand32(insn: number, invert: boolean): string {
  const b = shifted32((insn >>> 16) & 31, (insn >>> 22) & 3, (insn >>> 10) & 31);
  return invert ? `~${b}` : b;
}

function addSubShifted32(insn: number): Emitted | null {
  if (((insn >>> 22) & 3) === 3) return null; // ROR: unallocated
  const sub = (insn & 0x40000000) !== 0;
  const n = zr((insn >>> 5) & 31);
  const d = dstZr(insn & 31);
  return alu(`x[${d}] = (x[${n}] + ${operand32(insn, sub)} + ${sub ? 1 : 0}) | 0; x[${d + 1}] = 0;`);
}

function addSubsShifted32(insn: number): Emitted | null {
  if (((insn >>> 22) & 3) === 3) return null;
  const sub = (insn & 0x40000000) !== 0;
  const n = zr((insn >>> 5) & 31);
  const d = dstZr(insn & 31);
  return alu(`x[${d}] = AF32(c, x[${n}], ${operand32(insn, sub)}, ${sub ? 1 : 0}); x[${d + 1}] = 0;`);
}

function logicalShifted32(op: '&' | '|' | '^'): Template {
  return (insn) => {
    const n = zr((insn >>> 5) & 31);
    const d = dstZr(insn & 31);
    return alu(`x[${d}] = x[${n}] ${op} ${operand32(insn, (insn & 0x200000) !== 0)}; x[${d + 1}] = 0;`);
  };
}

function andsShifted32(insn: number): Emitted {
  const n = zr((insn >>> 5) & 31);
  const d = dstZr(insn & 31);
  return alu(
    `{ const r = x[${n}] & ${operand32(insn, (insn & 0x200000) !== 0)}; c.nf = r >>> 31; c.zf = r === 0 ? 1 : 0; c.cf = 0; c.vf = 0; x[${d}] = r; x[${d + 1}] = 0; }`,
  );
}

// ---- Loads and stores ----------------------------------------------------------------------

/** (size << 2) | opc, as loadstore.ts's Kind. */
function kindOf(insn: number): number {
  return ((insn >>> 28) & 0xc) | ((insn >>> 22) & 3);
}
const UNALLOCATED_W = 11;
const PRFM = 14;
const UNALLOCATED_X = 15;

/** loadstore.ts transfer() for a constant kind and register, at address `a`/`ah`. */
function transfer(kind: number, t: number): string {
  const s = 2 * t;
  const d = t === 31 ? SINK2 : 2 * t;
  switch (kind) {
    case 0:
      return `c.write8(a, ah, x[${s}]);`;
    case 1:
      return `x[${d}] = c.read8(a, ah); x[${d + 1}] = 0;`;
    case 2:
      return `{ const v = (c.read8(a, ah) << 24) >> 24; x[${d}] = v; x[${d + 1}] = v >> 31; }`;
    case 3:
      return `x[${d}] = (c.read8(a, ah) << 24) >> 24; x[${d + 1}] = 0;`;
    case 4:
      return `c.write16(a, ah, x[${s}] & 0xffff);`;
    case 5:
      return `x[${d}] = c.read16(a, ah); x[${d + 1}] = 0;`;
    case 6:
      return `{ const v = (c.read16(a, ah) << 16) >> 16; x[${d}] = v; x[${d + 1}] = v >> 31; }`;
    case 7:
      return `x[${d}] = (c.read16(a, ah) << 16) >> 16; x[${d + 1}] = 0;`;
    case 8:
      return `c.write32(a, ah, x[${s}]);`;
    case 9:
      return `x[${d}] = c.read32(a, ah); x[${d + 1}] = 0;`;
    case 10:
      return `{ const v = c.read32(a, ah); x[${d}] = v; x[${d + 1}] = v >> 31; }`;
    case 12:
      return `c.write64(a, ah, x[${s}], x[${s + 1}]);`;
    case 13:
      return `{ const v = c.read64(a, ah); x[${d}] = v; x[${d + 1}] = c.rhi; }`;
    default:
      throw new Error(`translator: no transfer for kind ${kind}`);
  }
}

const isStore = (kind: number): boolean => (kind & 3) === 0;

/** Base register slot: SP (after the SP alignment check) when 31. */
function base(n: number): { slot: number; check: string } {
  return n === 31 ? { slot: SP2, check: 'c.checkSpAlignment(); ' } : { slot: 2 * n, check: '' };
}

function registerOffset(insn: number): Emitted | null {
  const kind = kindOf(insn);
  const option = (insn >>> 13) & 7;
  if (kind === UNALLOCATED_W || kind === UNALLOCATED_X || (option & 2) === 0) return null;
  if (kind === PRFM) return { code: '', pc: false, store: false };
  const m = zr((insn >>> 16) & 31);
  let offLo = `x[${m}]`;
  let offHi = option & 1 ? `x[${m + 1}]` : option & 4 ? `(x[${m}] >> 31)` : '0';
  const shift = insn & 0x1000 ? insn >>> 30 : 0;
  if (shift) {
    offHi = `((${offHi} << ${shift}) | (x[${m}] >>> ${32 - shift}))`;
    offLo = `(x[${m}] << ${shift})`;
  }
  const { slot: b, check } = base((insn >>> 5) & 31);
  const code =
    `{ const ol = ${offLo}, oh = ${offHi}; ${check}const sum = (x[${b}] >>> 0) + (ol >>> 0); ` +
    `const a = sum | 0, ah = (x[${b + 1}] + oh + (sum > 0xffffffff ? 1 : 0)) | 0; ${transfer(kind, insn & 31)} }`;
  return { code, pc: true, store: isStore(kind) };
}

/** Pre- and post-index: access, then write the new address back to the base. */
function indexed(insn: number): Emitted | null {
  const kind = kindOf(insn);
  if (kind === UNALLOCATED_W || kind === UNALLOCATED_X || kind === PRFM) return null;
  const { slot: b, check } = base((insn >>> 5) & 31);
  const offset = (insn << 11) >> 23;
  const pre = (insn & 0x800) !== 0;
  const code =
    `{ ${check}const sum = (x[${b}] >>> 0) + ${offset}, h = x[${b + 1}]; ` +
    `const nl = sum | 0, nh = sum > 0xffffffff ? (h + 1) | 0 : sum < 0 ? (h - 1) | 0 : h; ` +
    `const a = ${pre ? 'nl' : `x[${b}]`}, ah = ${pre ? 'nh' : `x[${b + 1}]`}; ${transfer(kind, insn & 31)} x[${b}] = nl; x[${b + 1}] = nh; }`;
  return { code, pc: true, store: isStore(kind) };
}

/** Unsigned scaled 12-bit offset, every size (the handlers' hot forms and the rest). */
function unsignedOffset(insn: number): Emitted | null {
  const kind = kindOf(insn);
  if (kind === UNALLOCATED_W || kind === UNALLOCATED_X) return null;
  if (kind === PRFM) return { code: '', pc: false, store: false };
  const { slot: b, check } = base((insn >>> 5) & 31);
  const offset = ((insn >>> 10) & 0xfff) << (insn >>> 30);
  const code =
    `{ ${check}const sum = (x[${b}] >>> 0) + ${offset}; ` +
    `const a = sum | 0, ah = sum > 0xffffffff ? (x[${b + 1}] + 1) | 0 : x[${b + 1}]; ${transfer(kind, insn & 31)} }`;
  return { code, pc: true, store: isStore(kind) };
}

// ---- Branches (block-ending) --------------------------------------------------------------

/** conditionHolds(cpu, cond) as an expression on the flags. */
function condition(cond: number): string {
  let e: string;
  switch (cond >>> 1) {
    case 0:
      e = 'c.zf === 1';
      break;
    case 1:
      e = 'c.cf === 1';
      break;
    case 2:
      e = 'c.nf === 1';
      break;
    case 3:
      e = 'c.vf === 1';
      break;
    case 4:
      e = '(c.cf === 1 && c.zf === 0)';
      break;
    case 5:
      e = 'c.nf === c.vf';
      break;
    case 6:
      e = '(c.nf === c.vf && c.zf === 0)';
      break;
    default:
      return 'true';
  }
  return cond & 1 ? `!(${e})` : e;
}

/** The target of a PC-relative branch (branch.ts branchRelative), as constants. */
function target(pcLo: number, pcHi: number, offset: number): { targetLo: number; targetHi: number } {
  const sum = (pcLo >>> 0) + offset;
  const carry = Math.floor(sum / TWO32);
  return { targetLo: (sum - carry * TWO32) | 0, targetHi: (pcHi + carry) | 0 };
}

const conditional: EndingTemplate = (insn, pcLo, pcHi) => {
  if (insn & 0x10) return null; // BC.cond: not implemented, Undefined
  return { before: '', test: condition(insn & 0xf), ...target(pcLo, pcHi, ((insn << 8) >> 13) * 4) };
};

const compareAndBranch: EndingTemplate = (insn, pcLo, pcHi) => {
  const t = 2 * (insn & 31);
  const isZero = insn >>> 31 ? `(x[${t}] | x[${t + 1}]) === 0` : `x[${t}] === 0`;
  const test = (insn >>> 24) & 1 ? `!(${isZero})` : isZero;
  return { before: '', test, ...target(pcLo, pcHi, ((insn << 8) >> 13) * 4) };
};

const testAndBranch: EndingTemplate = (insn, pcLo, pcHi) => {
  const t = insn & 31;
  const bit = ((insn >>> 26) & 0x20) | ((insn >>> 19) & 0x1f);
  const word = `x[${bit >= 32 ? 2 * t + 1 : 2 * t}]`;
  const test = `((${word} >>> ${bit & 31}) & 1) === ${(insn >>> 24) & 1}`;
  return { before: '', test, ...target(pcLo, pcHi, ((insn << 13) >> 18) * 4) };
};

const unconditional: EndingTemplate = (insn, pcLo, pcHi, nextLo, nextHi) => {
  const before = insn < 0 ? `x[60] = ${nextLo}; x[61] = ${nextHi}; ` : '';
  return { before, test: null, ...target(pcLo, pcHi, ((insn << 6) >> 6) * 4) };
};

export const TEMPLATES: Readonly<Record<string, Template>> = {
  'ADD (immediate, 64)': addSubImm64,
  'SUB (immediate, 64)': addSubImm64,
  'ADDS (immediate, 64)': addSubsImm64,
  'SUBS (immediate, 64)': addSubsImm64,
  'ADD (immediate, 32)': addSubImm32,
  'SUB (immediate, 32)': addSubImm32,
  'ADDS (immediate, 32)': addSubsImm32,
  'SUBS (immediate, 32)': addSubsImm32,
  'ADD (register, 64)': addPlain64,
  'SUB (register, 64)': subPlain64,
  'SUBS (register, 64)': subsPlain64,
  'ORR (register, 64)': orrPlain64,
  'ADD/SUB (shifted register, 32)': addSubShifted32,
  'ADDS/SUBS (shifted register, 32)': addSubsShifted32,
  'AND/BIC (shifted register, 32)': logicalShifted32('&'),
  'ORR/ORN (shifted register, 32)': logicalShifted32('|'),
  'EOR/EON (shifted register, 32)': logicalShifted32('^'),
  'ANDS/BICS (shifted register, 32)': andsShifted32,
  'LDR/STR (register offset)': registerOffset,
  'LDR/STR (post-index)': indexed,
  'LDR/STR (pre-index)': indexed,
  'LDR (X, unsigned offset)': unsignedOffset,
  'STR (X, unsigned offset)': unsignedOffset,
  'LDR (W, unsigned offset)': unsignedOffset,
  'STR (W, unsigned offset)': unsignedOffset,
  'LDRB (unsigned offset)': unsignedOffset,
  'STRB (unsigned offset)': unsignedOffset,
  'LDR/STR (unsigned offset)': unsignedOffset,
};

export const ENDING_TEMPLATES: Readonly<Record<string, EndingTemplate>> = {
  'B.cond': conditional,
  'CBZ/CBNZ': compareAndBranch,
  'TBZ/TBNZ': testAndBranch,
  'B/BL': unconditional,
};
