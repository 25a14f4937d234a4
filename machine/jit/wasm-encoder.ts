/**
 * A small WebAssembly binary encoder: just what the wasm tier emits (one type per
 * function signature, imported functions and memory, functions with i32/i64 locals, the
 * integer, floating-point, 128-bit SIMD, memory and control instructions). Writing the bytes ourselves keeps the tier
 * free of a dependency and lets code be emitted straight into one growing byte buffer,
 * without an intermediate tree (the code generator already knows the structure).
 *
 * Reference: the WebAssembly Core Specification, "Binary Format" (section ids, LEB128
 * integers, opcodes). The MVP instruction set, sign extension, saturating
 * conversions, fixed-width SIMD (all WebAssembly 2.0) and shared memory (threads) are used.
 */

export const enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
}

/** Block types for block/loop/if: no result, or one value. */
export const VOID = 0x40;

/** Opcodes used by the tier (names as in the specification's text format). */
export const enum Op {
  unreachable = 0x00,
  block = 0x02,
  loop = 0x03,
  if = 0x04,
  else = 0x05,
  end = 0x0b,
  br = 0x0c,
  br_if = 0x0d,
  br_table = 0x0e,
  return = 0x0f,
  call = 0x10,
  drop = 0x1a,
  select = 0x1b,
  local_get = 0x20,
  local_set = 0x21,
  local_tee = 0x22,
  i32_load = 0x28,
  i64_load = 0x29,
  i32_load8_u = 0x2d,
  i32_load16_u = 0x2f,
  i64_load8_u = 0x31,
  i64_load16_u = 0x33,
  i64_load32_u = 0x35,
  i32_store = 0x36,
  i64_store = 0x37,
  i32_store8 = 0x3a,
  i32_store16 = 0x3b,
  i64_store8 = 0x3c,
  i64_store16 = 0x3d,
  i64_store32 = 0x3e,
  i32_const = 0x41,
  i64_const = 0x42,
  i32_eqz = 0x45,
  i32_eq = 0x46,
  i32_ne = 0x47,
  i32_lt_s = 0x48,
  i32_lt_u = 0x49,
  i32_gt_s = 0x4a,
  i32_gt_u = 0x4b,
  i32_le_s = 0x4c,
  i32_le_u = 0x4d,
  i32_ge_s = 0x4e,
  i32_ge_u = 0x4f,
  i64_eqz = 0x50,
  i64_eq = 0x51,
  i64_ne = 0x52,
  i64_lt_s = 0x53,
  i64_lt_u = 0x54,
  i64_gt_s = 0x55,
  i64_gt_u = 0x56,
  i64_le_s = 0x57,
  i64_le_u = 0x58,
  i64_ge_s = 0x59,
  i64_ge_u = 0x5a,
  i32_clz = 0x67,
  i32_add = 0x6a,
  i32_sub = 0x6b,
  i32_mul = 0x6c,
  i32_div_s = 0x6d,
  i32_div_u = 0x6e,
  i32_and = 0x71,
  i32_or = 0x72,
  i32_xor = 0x73,
  i32_shl = 0x74,
  i32_shr_s = 0x75,
  i32_shr_u = 0x76,
  i32_rotr = 0x78,
  i64_clz = 0x79,
  i64_add = 0x7c,
  i64_sub = 0x7d,
  i64_mul = 0x7e,
  i64_div_s = 0x7f,
  i64_div_u = 0x80,
  i64_and = 0x83,
  i64_or = 0x84,
  i64_xor = 0x85,
  i64_shl = 0x86,
  i64_shr_s = 0x87,
  i64_shr_u = 0x88,
  i64_rotr = 0x8a,
  i32_wrap_i64 = 0xa7,
  i64_extend_i32_s = 0xac,
  i64_extend_i32_u = 0xad,
  // Sign-extension operators (WebAssembly 2.0).
  i32_extend8_s = 0xc0,
  i32_extend16_s = 0xc1,
  i64_extend8_s = 0xc2,
  i64_extend16_s = 0xc3,
  i64_extend32_s = 0xc4,
  // Floating point (scalar): loads, stores, constants, comparisons, arithmetic, conversions.
  f32_load = 0x2a,
  f64_load = 0x2b,
  f32_store = 0x38,
  f64_store = 0x39,
  f32_eq = 0x5b,
  f32_ne = 0x5c,
  f32_lt = 0x5d,
  f32_gt = 0x5e,
  f32_le = 0x5f,
  f32_ge = 0x60,
  f64_eq = 0x61,
  f64_ne = 0x62,
  f64_lt = 0x63,
  f64_gt = 0x64,
  f64_le = 0x65,
  f64_ge = 0x66,
  f32_abs = 0x8b,
  f32_neg = 0x8c,
  f32_sqrt = 0x91,
  f32_add = 0x92,
  f32_sub = 0x93,
  f32_mul = 0x94,
  f32_div = 0x95,
  f32_min = 0x96,
  f32_max = 0x97,
  f64_abs = 0x99,
  f64_neg = 0x9a,
  f64_trunc = 0x9d,
  f64_sqrt = 0x9f,
  f64_add = 0xa0,
  f64_sub = 0xa1,
  f64_mul = 0xa2,
  f64_div = 0xa3,
  f64_min = 0xa4,
  f64_max = 0xa5,
  f32_convert_i32_s = 0xb2,
  f32_convert_i32_u = 0xb3,
  f32_convert_i64_s = 0xb4,
  f32_convert_i64_u = 0xb5,
  f32_demote_f64 = 0xb6,
  f64_convert_i32_s = 0xb7,
  f64_convert_i32_u = 0xb8,
  f64_convert_i64_s = 0xb9,
  f64_convert_i64_u = 0xba,
  f64_promote_f32 = 0xbb,
  i32_reinterpret_f32 = 0xbc,
  i64_reinterpret_f64 = 0xbd,
  f32_reinterpret_i32 = 0xbe,
  f64_reinterpret_i64 = 0xbf,
}

/** Saturating float-to-int conversions (prefix 0xfc), which never trap. */
export const enum SatOp {
  i32_trunc_sat_f32_s = 0,
  i32_trunc_sat_f32_u = 1,
  i32_trunc_sat_f64_s = 2,
  i32_trunc_sat_f64_u = 3,
  i64_trunc_sat_f32_s = 4,
  i64_trunc_sat_f32_u = 5,
  i64_trunc_sat_f64_s = 6,
  i64_trunc_sat_f64_u = 7,
}

/** 128-bit SIMD instructions (prefix 0xfd), the fixed-width SIMD proposal (WebAssembly 2.0). */
export const enum V {
  load = 0,
  load8_splat = 7,
  load16_splat = 8,
  load32_splat = 9,
  load64_splat = 10,
  store = 11,
  i8x16_shuffle = 13,
  i8x16_splat = 15,
  i16x8_splat = 16,
  i32x4_splat = 17,
  i64x2_splat = 18,
  f32x4_splat = 19,
  f64x2_splat = 20,
  i8x16_extract_lane_u = 22,
  i8x16_replace_lane = 23,
  i16x8_extract_lane_u = 25,
  i16x8_replace_lane = 26,
  i32x4_extract_lane = 27,
  i32x4_replace_lane = 28,
  i64x2_extract_lane = 29,
  i64x2_replace_lane = 30,
  f32x4_extract_lane = 31,
  f64x2_extract_lane = 33,
  i8x16_eq = 35,
  i16x8_eq = 45,
  i32x4_eq = 55,
  i32x4_le_u = 62,
  f32x4_eq = 65,
  f32x4_ne = 66,
  f32x4_lt = 67,
  f32x4_gt = 68,
  f32x4_le = 69,
  f32x4_ge = 70,
  f64x2_eq = 71,
  f64x2_ne = 72,
  f64x2_lt = 73,
  f64x2_gt = 74,
  f64x2_le = 75,
  f64x2_ge = 76,
  not = 77,
  and = 78,
  andnot = 79,
  or = 80,
  xor = 81,
  bitselect = 82,
  any_true = 83,
  store64_lane = 91,
  load32_zero = 92,
  load64_zero = 93,
  f32x4_demote_f64x2_zero = 94,
  f64x2_promote_low_f32x4 = 95,
  i8x16_all_true = 99,
  f32x4_trunc = 105,
  i8x16_add = 110,
  i8x16_sub = 113,
  i8x16_min_u = 119,
  i8x16_max_u = 121,
  i16x8_shr_u = 141,
  i16x8_add = 142,
  i16x8_sub = 145,
  i16x8_min_u = 151,
  i16x8_max_u = 153,
  i32x4_all_true = 163,
  i32x4_shr_u = 173,
  i32x4_add = 174,
  i32x4_sub = 177,
  i32x4_min_u = 183,
  i32x4_max_u = 185,
  i64x2_all_true = 195,
  i64x2_shl = 203,
  i64x2_shr_s = 204,
  i64x2_shr_u = 205,
  i64x2_add = 206,
  i64x2_sub = 209,
  i64x2_eq = 214,
  i64x2_ne = 215,
  f32x4_abs = 224,
  f32x4_neg = 225,
  f32x4_sqrt = 227,
  f32x4_add = 228,
  f32x4_sub = 229,
  f32x4_mul = 230,
  f32x4_div = 231,
  f32x4_min = 232,
  f32x4_max = 233,
  f64x2_abs = 236,
  f64x2_neg = 237,
  f64x2_sqrt = 239,
  f64x2_add = 240,
  f64x2_sub = 241,
  f64x2_mul = 242,
  f64x2_div = 243,
  f64x2_min = 244,
  f64x2_max = 245,
  i32x4_trunc_sat_f32x4_s = 248,
  i32x4_trunc_sat_f32x4_u = 249,
  f32x4_convert_i32x4_s = 250,
  f32x4_convert_i32x4_u = 251,
}

/** Appends the unsigned LEB128 encoding of a non-negative integer below 2^32. */
function uleb(out: number[], value: number): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

/** Appends the signed LEB128 encoding of an int32. */
function sleb32(out: number[], value: number): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Appends the signed LEB128 encoding of a 64-bit value given as lo/hi int32 halves. */
function sleb64(out: number[], lo: number, hi: number): void {
  // A sign-extended 32-bit value (most constants): the 32-bit encoder gives the same bytes.
  if (hi === lo >> 31) return sleb32(out, lo);
  // Else seven bits at a time from the two halves (BigInt here cost ~4% of compiling a module).
  let l = lo >>> 0;
  let h = hi | 0;
  for (;;) {
    const byte = l & 0x7f;
    // (h:l) >>= 7, arithmetic.
    l = ((l >>> 7) | (h << 25)) >>> 0;
    h >>= 7;
    const done = (h === 0 && l === 0 && (byte & 0x40) === 0) || (h === -1 && l === 0xffffffff && (byte & 0x40) !== 0);
    if (done) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** The body of one function being emitted: an instruction stream with helpers for immediates. */
export class FunctionBody {
  readonly code: number[] = [];
  /** Local types after the parameters, in index order. */
  private readonly localTypes: ValType[] = [];

  constructor(readonly paramCount: number) {}

  /** Declares a local and returns its index. */
  local(type: ValType): number {
    this.localTypes.push(type);
    return this.paramCount + this.localTypes.length - 1;
  }

  op(...ops: Op[]): this {
    for (const o of ops) this.code.push(o);
    return this;
  }
  i32(value: number): this {
    this.code.push(Op.i32_const);
    sleb32(this.code, value);
    return this;
  }
  i64(lo: number, hi: number): this {
    this.code.push(Op.i64_const);
    sleb64(this.code, lo, hi);
    return this;
  }
  get(index: number): this {
    this.code.push(Op.local_get);
    uleb(this.code, index);
    return this;
  }
  set(index: number): this {
    this.code.push(Op.local_set);
    uleb(this.code, index);
    return this;
  }
  tee(index: number): this {
    this.code.push(Op.local_tee);
    uleb(this.code, index);
    return this;
  }
  call(func: number): this {
    this.code.push(Op.call);
    uleb(this.code, func);
    return this;
  }
  br(depth: number): this {
    this.code.push(Op.br);
    uleb(this.code, depth);
    return this;
  }
  brIf(depth: number): this {
    this.code.push(Op.br_if);
    uleb(this.code, depth);
    return this;
  }
  brTable(depths: readonly number[], otherwise: number): this {
    this.code.push(Op.br_table);
    uleb(this.code, depths.length);
    for (const d of depths) uleb(this.code, d);
    uleb(this.code, otherwise);
    return this;
  }
  /** block/loop/if with a block type (VOID or a ValType). */
  begin(kind: Op.block | Op.loop | Op.if, type: number = VOID): this {
    this.code.push(kind, type);
    return this;
  }
  f32(value: number): this {
    this.code.push(0x43);
    const b = new Uint8Array(new Float32Array([value]).buffer);
    for (const x of b) this.code.push(x);
    return this;
  }
  f64(value: number): this {
    this.code.push(0x44);
    const b = new Uint8Array(new Float64Array([value]).buffer);
    for (const x of b) this.code.push(x);
    return this;
  }
  /** A saturating truncation (0xfc prefix). */
  sat(op: SatOp): this {
    this.code.push(0xfc);
    uleb(this.code, op);
    return this;
  }
  /** SIMD instructions without immediates. */
  v(...ops: V[]): this {
    for (const o of ops) {
      this.code.push(0xfd);
      uleb(this.code, o);
    }
    return this;
  }
  /** A SIMD load or store with its memarg. */
  vmem(op: V, align: number, offset = 0): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    uleb(this.code, align);
    uleb(this.code, offset >>> 0);
    return this;
  }
  /** A SIMD lane instruction (extract/replace) with its lane index. */
  lane(op: V, index: number): this {
    this.code.push(0xfd);
    uleb(this.code, op);
    this.code.push(index);
    return this;
  }
  /** i8x16.shuffle of the two v128 on the stack: result byte i is byte lanes[i] of (first ++ second). */
  shuffle(lanes: number[]): this {
    this.code.push(0xfd);
    uleb(this.code, V.i8x16_shuffle);
    for (const x of lanes) this.code.push(x);
    return this;
  }
  /** v128.const from four 32-bit words, lowest lane first. */
  v128(w0: number, w1: number, w2: number, w3: number): this {
    this.code.push(0xfd);
    uleb(this.code, 12);
    const b = new Uint8Array(new Int32Array([w0, w1, w2, w3]).buffer);
    for (const x of b) this.code.push(x);
    return this;
  }
  /** A load or store with its memarg (alignment as log2 bytes, constant offset). */
  mem(op: Op, align: number, offset = 0): this {
    this.code.push(op);
    uleb(this.code, align);
    uleb(this.code, offset >>> 0);
    return this;
  }

  /** The locals declaration and code, as the code section wants them (without the size prefix). */
  encode(): Uint8Array {
    const head: number[] = [];
    // Run-length groups of equal types.
    const groups: [number, ValType][] = [];
    for (const t of this.localTypes) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0]++;
      else groups.push([1, t]);
    }
    uleb(head, groups.length);
    for (const [count, type] of groups) {
      uleb(head, count);
      head.push(type);
    }
    const out = new Uint8Array(head.length + this.code.length + 1);
    out.set(head);
    out.set(this.code, head.length);
    out[out.length - 1] = Op.end;
    return out;
  }
}

interface FunctionType {
  params: readonly ValType[];
  results: readonly ValType[];
}

/** A module: function types, imports (functions, one memory), functions and their exports. */
export class ModuleBuilder {
  private readonly types: FunctionType[] = [];
  private readonly imports: number[][] = [];
  private importedFunctions = 0;
  private readonly functions: { type: number; body: FunctionBody; exportName?: string }[] = [];

  /** The index of a function type, added on first use. */
  type(params: readonly ValType[], results: readonly ValType[]): number {
    const key = (t: FunctionType): string => t.params.join(',') + '>' + t.results.join(',');
    const wanted = key({ params, results });
    const found = this.types.findIndex((t) => key(t) === wanted);
    if (found >= 0) return found;
    this.types.push({ params, results });
    return this.types.length - 1;
  }

  /** Imports a function (all imports must come before addFunction); returns its function index. */
  importFunction(module: string, name: string, type: number): number {
    if (this.functions.length) throw new Error('wasm-encoder: imports must precede functions');
    const entry: number[] = [];
    name2(entry, module, name);
    entry.push(0x00);
    uleb(entry, type);
    this.imports.push(entry);
    return this.importedFunctions++;
  }

  /** Imports a memory of `pages` 64 KiB pages (minimum = maximum), shared when asked. */
  importMemory(module: string, name: string, pages: number, shared: boolean): void {
    const entry: number[] = [];
    name2(entry, module, name);
    entry.push(0x02, shared ? 0x03 : 0x01);
    uleb(entry, pages);
    uleb(entry, pages);
    this.imports.push(entry);
  }

  /** Adds a function; returns its function index. */
  addFunction(type: number, body: FunctionBody, exportName?: string): number {
    this.functions.push({ type, body, exportName });
    return this.importedFunctions + this.functions.length - 1;
  }

  bytes(): Uint8Array {
    // Sections as byte arrays, concatenated once at the end (function bodies can be large:
    // copying them with typed-array set is much cheaper than pushing byte by byte).
    const chunks: Uint8Array[] = [Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00)];
    const section = (id: number, parts: (number[] | Uint8Array)[]): void => {
      let size = 0;
      for (const p of parts) size += p.length;
      const head: number[] = [id];
      uleb(head, size);
      chunks.push(Uint8Array.from(head));
      for (const p of parts) chunks.push(p instanceof Uint8Array ? p : Uint8Array.from(p));
    };
    const types: number[] = [];
    uleb(types, this.types.length);
    for (const t of this.types) {
      types.push(0x60);
      uleb(types, t.params.length);
      for (const v of t.params) types.push(v);
      uleb(types, t.results.length);
      for (const v of t.results) types.push(v);
    }
    section(1, [types]);
    if (this.imports.length) {
      const count: number[] = [];
      uleb(count, this.imports.length);
      section(2, [count, ...this.imports]);
    }
    const funcs: number[] = [];
    uleb(funcs, this.functions.length);
    for (const f of this.functions) uleb(funcs, f.type);
    section(3, [funcs]);
    const exported = this.functions.map((f, i) => ({ name: f.exportName, index: this.importedFunctions + i })).filter((e) => e.name !== undefined);
    const exports: number[] = [];
    uleb(exports, exported.length);
    for (const e of exported) {
      const bytes = new TextEncoder().encode(e.name);
      uleb(exports, bytes.length);
      for (const b of bytes) exports.push(b);
      exports.push(0x00);
      uleb(exports, e.index);
    }
    section(7, [exports]);
    const code: (number[] | Uint8Array)[] = [];
    const count: number[] = [];
    uleb(count, this.functions.length);
    code.push(count);
    for (const f of this.functions) {
      const body = f.body.encode();
      const size: number[] = [];
      uleb(size, body.length);
      code.push(size, body);
    }
    section(10, code);
    let total = 0;
    for (const c of chunks) total += c.length;
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function name2(out: number[], module: string, name: string): void {
  for (const s of [module, name]) {
    const bytes = new TextEncoder().encode(s);
    uleb(out, bytes.length);
    for (const b of bytes) out.push(b);
  }
}
