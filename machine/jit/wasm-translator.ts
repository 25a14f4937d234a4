/**
 * The WebAssembly tier: compiles a basic block of A64 code into a wasm function.
 *
 * Blocks are formed as in the JavaScript tier (js-translator.ts): from a PC straight on to
 * the first instruction that ends a block, the end of the page or MAX_BLOCK_LENGTH
 * instructions, with conditional branches whose fall-through stays on the page turned
 * into side exits, and a branch back to the block's start turned into a loop inside the
 * function while the budget allows. What differs is the code:
 *
 *  - The general registers the block uses live in i64 locals, loaded from the register
 *    file (cpu.x, which is in the machine's WebAssembly.Memory) at entry and stored back
 *    at every exit and before every call out to JavaScript.
 *  - NZCV is lazy: a flag-setting instruction only keeps its operands and result in
 *    locals; a conditional branch or select right after it compares them directly (a
 *    SUBS + B.NE becomes one i64.ne), and the four flags are computed only where they
 *    must exist in memory: at exits and around calls.
 *  - Loads and stores look the TLB up inline (its tables are in the same memory) and
 *    access RAM directly; a miss, a page crossing, a Device page, or a store into a page
 *    that holds decoded code goes to a JavaScript helper that does what the interpreter
 *    does (walks, faults, drops the page's code). After a store that dropped code of the
 *    block's own page the block leaves, so the rest is decoded afresh.
 *  - Instructions the emitter does not know (FP/SIMD, system, rare integer forms) call
 *    their interpreter handler through one import, with the registers spilled first and
 *    reloaded after; block-ending ones the same way at the end of the block.
 *
 * Exactness: the PC and the loop's retired count are handed to every helper that may take
 * an exception, so the CPU counts the retired instructions exactly as for the JS tier
 * (exceptionPcLo, loopRetired); the registers and flags in memory are those before the
 * faulting instruction. Instruction counting, budgets and the deterministic counter work
 * as in the JS tier (see js-translator.ts).
 *
 * Regions and batches: hot block starts are queued and compiled together into one module
 * (a module costs ~0.3 ms however small; see BATCH). The queued blocks of one VA page share
 * one function: a loop over a br_table on the block to run, so a branch from one of them to
 * another (or to itself) stays inside wasm, with the budget checked before each block as
 * the CPU's dispatch loop would. Every exit goes through one exit sequence at the end of
 * the function, every memory fault through one fault sequence, so each costs a few bytes
 * of code. Modules are instantiated synchronously; V8's Liftoff compiles them at once and
 * TurboFan tiers hot functions up in the background. The CPU bounds the live blocks
 * (cpu.ts MAX_LIVE_BLOCKS).
 */

import type { Cpu } from '../cpu.js';
import type { Decoder } from '../decoder.js';
import { LOGICAL_VALID, TMASK, WMASK } from '../alu.js';
import { PAGE_SHIFT } from '../memory.js';
import { EXCEPTION_TAKEN } from '../exceptions.js';
import { Sys } from '../sysregs.js';
import { Perm, TLB_MASK, TLB_SIZE } from '../mmu.js';
import { MAX_BLOCK_LENGTH, isDcZva, isNoOp, opAt, type Block, type BlockCompiler } from './block.js';
import { FunctionBody, ModuleBuilder, Op, V, ValType, VOID } from './wasm-encoder.js';
import { CTL_FP_MODE, CTL_FP_OK, emitSimd } from './wasm-simd.js';

/** i32 words of the control area (in the machine-state area of the memory). */
const CTL_NZCV = 0;
const CTL_PCLO = 1;
const CTL_PCHI = 2;
/** Hi word of a value loaded by the slow-path helper. */
const CTL_RHI = 3;
/** Set by a memory helper that took an exception (instead of throwing through wasm). */
const CTL_FAULT = 4;
/** The fault sequence's SP (lo, hi) and 1 in CTL_SP_SET when the code had changed SP. */
const CTL_SP = 6;
const CTL_SP_SET = 8;
/** 1 when DC ZVA may run here: at EL1, or at EL0 with SCTLR_EL1.DZE (else it traps). */
const CTL_DZE_OK = 11;
const SCTLR_DZE = 1 << 14;

/** FPCR bits that the compiled FP code needs clear: AHP, DN, FZ, RMode, the trap enables. */
const FPCR_NOT_PLAIN = 0x07c09f00;
/** FPSR.IXC, the cumulative inexact flag. */
const FPSR_IXC = 0x10;

/** Register slot of SP in cpu.x (see cpu.ts). */
const SP_SLOT = 32;

// Parameters of a block function.
const P_BUDGET = 0;
const P_NEED_READ = 1;
const P_NEED_WRITE = 2;
const P_ASID = 3;
/** 1 when SCTLR_EL1.SA/SA0 asks for SP alignment checks at the current EL. */
const P_SP_CHECK = 4;
/** Tag stripping for branches to registers: bit 0 when TBI0 applies (and not TBID0), bit 1 for TBI1. */
const P_TBI = 5;
const PARAMS = 6;

// Imported helper functions (indices in the module).
const F_EXEC = 0;
const F_ENDING = 1;
const F_LOAD = 2;
const F_STORE = 3;
const F_SP_ALIGN = 4;


const enum Flags {
  /** NZCV is in the nzcv local (bits 31..28). */
  MAT,
  /** Lazy: fa - fb = fr (SUBS, CMP, and ADDS of a negated operand is not used). */
  SUB,
  /** Lazy: fa + fb = fr. */
  ADD,
  /** Lazy: result fr of a logical operation, C = V = 0. */
  LOGIC,
}

const TWO32 = 4294967296;

/** 64-bit constants as lo/hi pairs, computed once at compile time. */
function pair(v: bigint): [number, number] {
  const u = BigInt.asUintN(64, v);
  return [Number(u & 0xffffffffn) | 0, Number(u >> 32n) | 0];
}
function toBig(lo: number, hi: number): bigint {
  return (BigInt(hi | 0) << 32n) | BigInt(lo >>> 0);
}

/** Returned by an instruction emitter that leaves the word to its handler. */
const UNHANDLED = false;

/** Writes the FP fast-path words of the control area from the CPU's FPCR and FPSR. */
function fpState(c: Cpu, ctl: Int32Array): void {
  const plain = (c.fpcr & FPCR_NOT_PLAIN) === 0 ? 1 : 0;
  ctl[CTL_FP_MODE] = plain;
  ctl[CTL_FP_OK] = plain & ((c.fpsr & FPSR_IXC) !== 0 ? 1 : 0);
}

/**
 * The emitter of one block. It runs twice over the block: the first pass only learns which
 * registers the block reads and writes (so that entry loads, spills and reloads can cover
 * exactly those), the second emits the code.
 */
export class BlockEmitter {
  /** Params: the block's (P_*), then the region entry. */
  readonly f = new FunctionBody(PARAMS + 1);
  /** Index of the region's block to run next (the br_table's operand). */
  readonly next: number;
  /** Register slot -> local index. */
  private readonly regs = new Map<number, number>();
  readonly used = new Set<number>();
  readonly written = new Set<number>();
  private flags = Flags.MAT;
  private flagWidth = 64;
  private readonly nzcv: number;
  private readonly fa: number;
  private readonly fb: number;
  private readonly fr: number;
  private readonly n: number;
  private readonly ea: number;
  private readonly ea2: number;
  private readonly t64a: number;
  readonly t64b: number;
  private readonly lo: number;
  private readonly e: number;
  readonly off: number;
  private readonly t32: number;
  private readonly smc: number;
  private readonly cond: number;
  /** Depth of wasm blocks opened inside the loop, for br to the loop. */
  depth = 0;
  /** Depth from the current block's loop to the region's dispatcher loop. */
  toDispatch = 0;
  private readonly exitLo: number;
  private readonly exitHi: number;
  /** PC of the instruction being emitted, and its index in the block. */
  pcLo = 0;
  index = 0;
  /** Set when the current instruction is a store (the block checks for written code after it). */
  stored = false;
  /** The address after the current instruction, and the instructions retired with it. */
  nextLo = 0;
  nextHi = 0;
  retiredAfter = 0;
  /** Set when the code reads CTL_FP_MODE, CTL_FP_OK or CTL_DZE_OK: its wrapper must write them. */
  readsModeWords = false;
  /** Handler index of the current instruction (for guarded fast paths). */
  opIndex = 0;
  /** v128, f64 and f32 scratch locals, declared on first use. */
  private readonly vtemps: number[] = [];
  private readonly ftemps: number[] = [];
  private readonly f32temps: number[] = [];

  constructor(
    readonly layout: Layout,
    private readonly blockHi: number,
    known: BlockEmitter | undefined,
    private readonly entryParam: number,
  ) {
    const f = this.f;
    this.next = f.local(ValType.I32);
    this.exitLo = f.local(ValType.I32);
    this.exitHi = f.local(ValType.I32);
    this.nzcv = f.local(ValType.I32);
    this.n = f.local(ValType.I32);
    this.lo = f.local(ValType.I32);
    this.e = f.local(ValType.I32);
    this.off = f.local(ValType.I32);
    this.t32 = f.local(ValType.I32);
    this.smc = f.local(ValType.I32);
    this.cond = f.local(ValType.I32);
    this.fa = f.local(ValType.I64);
    this.fb = f.local(ValType.I64);
    this.fr = f.local(ValType.I64);
    this.ea = f.local(ValType.I64);
    this.ea2 = f.local(ValType.I64);
    this.t64a = f.local(ValType.I64);
    this.t64b = f.local(ValType.I64);
    if (known) {
      for (const r of known.used) this.used.add(r);
      for (const r of known.written) this.written.add(r);
      for (const r of [...this.used].sort((a, b) => a - b)) this.local(r);
    }
  }

  /** The k-th v128 scratch local. */
  vtemp(k: number): number {
    while (this.vtemps.length <= k) this.vtemps.push(this.f.local(ValType.V128));
    return this.vtemps[k];
  }
  /** The k-th f64 scratch local. */
  ftemp(k: number): number {
    while (this.ftemps.length <= k) this.ftemps.push(this.f.local(ValType.F64));
    return this.ftemps[k];
  }
  /** The k-th f32 scratch local. */
  f32temp(k: number): number {
    while (this.f32temps.length <= k) this.f32temps.push(this.f.local(ValType.F32));
    return this.f32temps[k];
  }
  /** Pushes the current instruction's PC plus a byte offset, as an i64 (computed at compile time). */
  pcRelative(offset: number): void {
    const [lo, hi] = pair(toBig(this.pcLo, this.blockHi) + BigInt(offset));
    this.f.i64(lo, hi);
  }
  /** The 64-bit address local of the current memory access. */
  get addr(): number {
    return this.ea;
  }
  /** A second 64-bit scratch local (written back base addresses). */
  get addr2(): number {
    return this.ea2;
  }
  /** Byte offset of vector register V<r> in the memory. */
  vreg(r: number): number {
    return this.layout.v + r * 16;
  }
  /** Pushes CTL_FP_OK or CTL_FP_MODE (an i32, 1 when the fast path may be taken). */
  fpFlag(word: number): void {
    this.readsModeWords = true;
    this.f.i32(0).mem(Op.i32_load, 2, this.layout.ctl + word * 4);
  }

  /**
   * An instruction with a fast path and the interpreter's handler behind it: `compute` leaves
   * an i32 on the stack, 1 when the fast path is exact (having computed what it needs into
   * locals); then `commit` writes the results, or the handler runs the instruction (which
   * also takes its exceptions, for exact ELR/FAR/ESR). A handler's store that drops this
   * page's code leaves the block when `mayStore`.
   */
  guarded(op: number, insn: number, mayStore: boolean, compute: () => void, commit: () => void): void {
    const f = this.f;
    // Both arms must leave the flags in the same state: in the nzcv local.
    this.materialise();
    compute();
    f.begin(Op.if);
    this.depth++;
    commit();
    f.op(Op.else);
    this.exec(op, insn, this.nextLo, this.nextHi, this.retiredAfter, mayStore);
    this.depth--;
    f.op(Op.end);
  }

  /**
   * DC ZVA Xt: 64 zero bytes at Xt & ~63, inline when DC ZVA is allowed here (CTL_DZE_OK)
   * and the TLB allows the write with no decoded code in the page; else its handler (traps,
   * faults, Device memory, code).
   */
  dcZva(insn: number): void {
    const f = this.f;
    this.xzr(insn & 31);
    f.i64(-64, -1).op(Op.i64_and).set(this.ea);
    this.guarded(
      this.opIndex,
      insn,
      true,
      () => {
        this.fastAccess(this.ea, 64, true);
        this.readsModeWords = true;
        this.f.i32(0).mem(Op.i32_load, 2, this.layout.ctl + CTL_DZE_OK * 4).op(Op.i32_and);
      },
      () => {
        for (let k = 0; k < 4; k++) f.get(this.off).v128(0, 0, 0, 0).vmem(V.store, 0, k * 16);
      },
    );
  }

  /** Sets the materialised NZCV (bits 31..28) from the i32 on the stack. */
  setNzcv(): void {
    this.f.set(this.nzcv);
    this.flags = Flags.MAT;
  }

  private local(slot: number): number {
    let l = this.regs.get(slot);
    if (l === undefined) {
      l = this.f.local(ValType.I64);
      this.regs.set(slot, l);
    }
    this.used.add(slot);
    return l;
  }

  // ---- Registers ----

  /** Pushes register field r as a 64-bit read where 31 is XZR. */
  xzr(r: number): void {
    if (r === 31) this.f.i64(0, 0);
    else this.f.get(this.local(r));
  }
  /** Pushes register field r where 31 is SP. */
  xsp(r: number): void {
    this.f.get(this.local(r === 31 ? SP_SLOT : r));
  }
  /** Pushes the low 32 bits of register field r (31 = WZR). */
  wzr(r: number): void {
    if (r === 31) this.f.i32(0);
    else this.f.get(this.local(r)).op(Op.i32_wrap_i64);
  }
  wsp(r: number): void {
    this.f.get(this.local(r === 31 ? SP_SLOT : r)).op(Op.i32_wrap_i64);
  }
  /** Pops an i64 into register field r where 31 is XZR (the value is dropped). */
  setXzr(r: number): void {
    if (r === 31) this.f.op(Op.drop);
    else this.setSlot(r);
  }
  setXsp(r: number): void {
    this.setSlot(r === 31 ? SP_SLOT : r);
  }
  /** Pops an i32 and writes it zero-extended. */
  setWzr(r: number): void {
    if (r === 31) this.f.op(Op.drop);
    else {
      this.f.op(Op.i64_extend_i32_u);
      this.setSlot(r);
    }
  }
  setWsp(r: number): void {
    this.f.op(Op.i64_extend_i32_u);
    this.setSlot(r === 31 ? SP_SLOT : r);
  }
  setSlot(slot: number): void {
    this.written.add(slot);
    this.f.set(this.local(slot));
  }

  /** Entry: registers from memory, NZCV from the control area. */
  prologue(): number[] {
    const p = new FunctionBody(PARAMS);
    for (const slot of [...this.used].sort((a, b) => a - b)) {
      p.i32(0).mem(Op.i64_load, 3, this.layout.x + slot * 8).set(this.regs.get(slot)!);
    }
    p.i32(0).mem(Op.i32_load, 2, this.layout.ctl + CTL_NZCV * 4).set(this.nzcv);
    p.get(this.entryParam).set(this.next);
    return p.code;
  }

  /** Stores the written registers and the (materialised) flags, leaving the static flag state alone. */
  spill(exceptSp = false): void {
    const f = this.f;
    for (const slot of this.written) {
      if (exceptSp && slot === SP_SLOT) continue;
      f.i32(0).get(this.regs.get(slot)!).mem(Op.i64_store, 3, this.layout.x + slot * 8);
    }
    f.i32(0);
    this.pushNzcv();
    f.mem(Op.i32_store, 2, this.layout.ctl + CTL_NZCV * 4);
  }

  /** After a handler ran: every used register and the flags from memory. */
  reload(): void {
    const f = this.f;
    for (const slot of this.used) {
      f.i32(0).mem(Op.i64_load, 3, this.layout.x + slot * 8).set(this.regs.get(slot)!);
    }
    f.i32(0).mem(Op.i32_load, 2, this.layout.ctl + CTL_NZCV * 4).set(this.nzcv);
    this.flags = Flags.MAT;
  }

  /**
   * Leaves the function with PC = hi:lo pushed by `pushPc` (two i32), having retired n +
   * `retired`: through the one exit sequence at the end of the function (which spills), so
   * that the many exits of a region cost a few instructions each in code size.
   */
  exitWith(pushPc: () => void, retired: number): void {
    const f = this.f;
    this.nzcvToLocal();
    pushPc();
    f.set(this.exitHi).set(this.exitLo);
    if (retired) f.get(this.n).i32(retired).op(Op.i32_add).set(this.n);
    f.br(this.depth + this.toDispatch + 1);
  }

  /** The exit sequence (after the dispatcher): spill, store the PC, return n. */
  exitSequence(): void {
    const f = this.f;
    this.flags = Flags.MAT;
    this.spill();
    f.i32(0).get(this.exitLo).mem(Op.i32_store, 2, this.layout.ctl + CTL_PCLO * 4);
    f.i32(0).get(this.exitHi).mem(Op.i32_store, 2, this.layout.ctl + CTL_PCHI * 4);
    f.get(this.n).op(Op.return);
  }

  /** The fault sequence: a helper took an exception; spill and return -1 (the wrapper rethrows). */
  faultSequence(): void {
    const f = this.f;
    this.flags = Flags.MAT;
    // Exception entry has already banked SP (from memory): the live SP goes aside, and the
    // wrapper puts it into the bank it belongs to.
    this.spill(true);
    if (this.written.has(SP_SLOT)) {
      f.i32(0).get(this.regs.get(SP_SLOT)!).mem(Op.i64_store, 3, this.layout.ctl + CTL_SP * 4);
      f.i32(0).i32(1).mem(Op.i32_store, 2, this.layout.ctl + CTL_SP_SET * 4);
    }
    f.i32(-1).op(Op.return);
  }

  /** After a memory helper: to the fault sequence if it took an exception. `extra`: ifs open here beyond depth. */
  private checkFault(extra: number): void {
    const f = this.f;
    f.i32(0).mem(Op.i32_load, 2, this.layout.ctl + CTL_FAULT * 4).begin(Op.if);
    this.nzcvToLocal();
    f.br(this.depth + extra + 1 + this.toDispatch + 2).op(Op.end);
  }
  exitTo(lo: number, hi: number, retired: number): void {
    this.exitWith(() => this.f.i32(lo).i32(hi), retired);
  }
  /** Exit to the 64-bit address on top of the stack. */
  exitToValue(retired: number): void {
    const f = this.f;
    f.set(this.t64a);
    // Top-byte-ignore: bit 55 picks TBI0 or TBI1; the tag bits become copies of bit 55.
    f.get(P_TBI).get(this.t64a).i64(55, 0).op(Op.i64_shr_u, Op.i32_wrap_i64).i32(1).op(Op.i32_and, Op.i32_shr_u).i32(1).op(Op.i32_and);
    f.begin(Op.if).get(this.t64a).i64(8, 0).op(Op.i64_shl).i64(8, 0).op(Op.i64_shr_s).set(this.t64a).op(Op.end);
    this.exitWith(() => {
      this.f.get(this.t64a).op(Op.i32_wrap_i64).get(this.t64a).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64);
    }, retired);
  }

  // ---- Flags ----

  /** Records a lazy flag-setting result: operands already in fa/fb, result on the stack (kept there). */
  setFlags(kind: Flags, width: number): void {
    this.f.tee(this.fr);
    this.flags = kind;
    this.flagWidth = width;
  }
  /** Sets fa, fb from the stack (a pushed first, then b), leaving nothing. */
  setOperands(): void {
    this.f.set(this.fb).set(this.fa);
  }

  /** Pushes a lazy local as i32 (32-bit flags) or i64. */
  private lazy(local: number): void {
    this.f.get(local);
    if (this.flagWidth === 32) this.f.op(Op.i32_wrap_i64);
  }
  private ops(op64: Op, op32: Op): Op {
    return this.flagWidth === 32 ? op32 : op64;
  }

  /** Pushes NZCV (bits 31..28) as an i32, from whatever state the flags are in. */
  pushNzcv(): void {
    const f = this.f;
    if (this.flags === Flags.MAT) {
      f.get(this.nzcv);
      return;
    }
    const w32 = this.flagWidth === 32;
    // N
    if (w32) f.get(this.fr).op(Op.i32_wrap_i64);
    else f.get(this.fr).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64);
    f.i32(0x80000000 | 0).op(Op.i32_and);
    // Z
    this.lazy(this.fr);
    f.op(this.ops(Op.i64_eqz, Op.i32_eqz)).i32(30).op(Op.i32_shl, Op.i32_or);
    if (this.flags === Flags.LOGIC) return;
    // C
    if (this.flags === Flags.SUB) {
      this.lazy(this.fa);
      this.lazy(this.fb);
      f.op(this.ops(Op.i64_ge_u, Op.i32_ge_u));
    } else {
      this.lazy(this.fr);
      this.lazy(this.fa);
      f.op(this.ops(Op.i64_lt_u, Op.i32_lt_u));
    }
    f.i32(29).op(Op.i32_shl, Op.i32_or);
    // V: sub: (a ^ b) & (a ^ r); add: (a ^ r) & (b ^ r); sign bit.
    if (this.flags === Flags.SUB) {
      this.lazy(this.fa);
      this.lazy(this.fb);
      f.op(this.ops(Op.i64_xor, Op.i32_xor));
      this.lazy(this.fa);
      this.lazy(this.fr);
      f.op(this.ops(Op.i64_xor, Op.i32_xor));
    } else {
      this.lazy(this.fa);
      this.lazy(this.fr);
      f.op(this.ops(Op.i64_xor, Op.i32_xor));
      this.lazy(this.fb);
      this.lazy(this.fr);
      f.op(this.ops(Op.i64_xor, Op.i32_xor));
    }
    f.op(this.ops(Op.i64_and, Op.i32_and));
    if (w32) f.i32(31).op(Op.i32_shr_u);
    else f.i64(63, 0).op(Op.i64_shr_u, Op.i32_wrap_i64);
    f.i32(28).op(Op.i32_shl, Op.i32_or);
  }

  /** Puts the current NZCV into the nzcv local without changing the static state (back-edges inside a branch). */
  nzcvToLocal(): void {
    if (this.flags === Flags.MAT) return;
    this.pushNzcv();
    this.f.set(this.nzcv);
  }

  materialise(): void {
    if (this.flags === Flags.MAT) return;
    this.pushNzcv();
    this.f.set(this.nzcv);
    this.flags = Flags.MAT;
  }

  /** Pushes an i32 that is 1 when condition `cond` holds. */
  condition(cond: number): void {
    const f = this.f;
    const base = cond >>> 1;
    if (base === 7) {
      f.i32(1);
      return;
    }
    if (!this.lazyCondition(base)) {
      // From the four bits (in the local, or computed into t32 without changing state).
      if (this.flags !== Flags.MAT) {
        this.pushNzcv();
        f.set(this.t32);
      }
      const v = this.flags === Flags.MAT ? this.nzcv : this.t32;
      const bit = (k: number): void => void f.get(v).i32(k).op(Op.i32_shr_u);
      switch (base) {
        case 0:
          bit(30);
          break;
        case 1:
          bit(29);
          break;
        case 2:
          bit(31);
          break;
        case 3:
          bit(28);
          break;
        case 4: // C && !Z
          bit(29);
          bit(30);
          f.i32(-1).op(Op.i32_xor, Op.i32_and);
          break;
        case 5: // N == V: (N ^ V) & 1 is 0
          bit(31);
          bit(28);
          f.op(Op.i32_xor).i32(1).op(Op.i32_and, Op.i32_eqz);
          break;
        case 6: // !Z && N == V: ((N ^ V) | Z) & 1 is 0
          bit(31);
          bit(28);
          f.op(Op.i32_xor);
          bit(30);
          f.op(Op.i32_or).i32(1).op(Op.i32_and, Op.i32_eqz);
          break;
      }
      if (base < 5) f.i32(1).op(Op.i32_and);
    }
    if (cond & 1) f.op(Op.i32_eqz);
  }

  /** Pushes the base condition straight from lazy operands; false when that needs the bits. */
  private lazyCondition(base: number): boolean {
    const f = this.f;
    const kind = this.flags;
    if (kind === Flags.MAT) return false;
    const a = (): void => this.lazy(this.fa);
    const b = (): void => this.lazy(this.fb);
    const r = (): void => this.lazy(this.fr);
    const zero = (): void => void (this.flagWidth === 32 ? f.i32(0) : f.i64(0, 0));
    if (kind === Flags.SUB) {
      switch (base) {
        case 0:
          a(), b(), f.op(this.ops(Op.i64_eq, Op.i32_eq));
          return true;
        case 1:
          a(), b(), f.op(this.ops(Op.i64_ge_u, Op.i32_ge_u));
          return true;
        case 2:
          r(), zero(), f.op(this.ops(Op.i64_lt_s, Op.i32_lt_s));
          return true;
        case 4:
          a(), b(), f.op(this.ops(Op.i64_gt_u, Op.i32_gt_u));
          return true;
        case 5:
          a(), b(), f.op(this.ops(Op.i64_ge_s, Op.i32_ge_s));
          return true;
        case 6:
          a(), b(), f.op(this.ops(Op.i64_gt_s, Op.i32_gt_s));
          return true;
      }
      return false;
    }
    if (kind === Flags.ADD) {
      switch (base) {
        case 0:
          r(), f.op(this.ops(Op.i64_eqz, Op.i32_eqz));
          return true;
        case 1:
          r(), a(), f.op(this.ops(Op.i64_lt_u, Op.i32_lt_u));
          return true;
        case 2:
          r(), zero(), f.op(this.ops(Op.i64_lt_s, Op.i32_lt_s));
          return true;
      }
      return false;
    }
    // LOGIC: C = V = 0.
    switch (base) {
      case 0:
        r(), f.op(this.ops(Op.i64_eqz, Op.i32_eqz));
        return true;
      case 1:
      case 3:
      case 4:
        f.i32(0);
        return true;
      case 2:
        r(), zero(), f.op(this.ops(Op.i64_lt_s, Op.i32_lt_s));
        return true;
      case 5:
        r(), zero(), f.op(this.ops(Op.i64_ge_s, Op.i32_ge_s));
        return true;
      case 6:
        r(), zero(), f.op(this.ops(Op.i64_gt_s, Op.i32_gt_s));
        return true;
    }
    return false;
  }

  // ---- Calls out ----

  /** Pushes the instructions this function call retired before the current one (for exact counts on exceptions). */
  private pushRetired(): void {
    this.f.get(this.n).i32(this.index).op(Op.i32_add);
  }

  /** Starts the code of a block: the flags are in their local, no branch is open. */
  beginBlock(): void {
    this.flags = Flags.MAT;
    this.depth = 0;
  }

  /**
   * Runs the instruction's interpreter handler (registers and flags through memory). For a
   * load/store-class word, leaves the block when the handler's store dropped this page's code.
   */
  exec(op: number, insn: number, nextLo: number, nextHi: number, retired: number, mayStore: boolean): void {
    const f = this.f;
    this.spill();
    f.i32(op).i32(insn).i32(this.pcLo);
    this.pushRetired();
    f.call(F_EXEC);
    this.reload();
    if (mayStore) {
      f.begin(Op.if);
      this.depth++;
      this.exitTo(nextLo, nextHi, retired);
      this.depth--;
      f.op(Op.end);
    } else f.op(Op.drop);
  }

  /** A block-ending instruction run by its handler, then the exit to the PC it chose. */
  ending(op: number, insn: number): void {
    this.spill();
    this.f.i32(op).i32(insn).i32(this.pcLo);
    this.pushRetired();
    this.f.call(F_ENDING);
    // The helper stored the next PC and the flags, and the registers are in memory.
    this.f.get(this.n).i32(this.index + 1).op(Op.i32_add, Op.return);
  }

  /** The SP alignment check for a base register field that is SP. */
  spCheck(n: number): void {
    if (n !== 31) return;
    const f = this.f;
    f.get(P_SP_CHECK);
    this.xsp(31);
    f.op(Op.i32_wrap_i64).i32(15).op(Op.i32_and).i32(0).op(Op.i32_ne, Op.i32_and);
    f.begin(Op.if);
    // The check reads SP from memory.
    this.spill();
    f.i32(this.pcLo);
    this.pushRetired();
    f.call(F_SP_ALIGN);
    this.checkFault(1);
    f.op(Op.end);
  }

  // ---- Memory ----

  /**
   * Leaves an i32 on the stack: 1 when the TLB has a usable entry for a `bytes`-byte access
   * at the address in `addr` that stays in its page; sets lo and e (entry offset * 4).
   */
  tlbHit(addr: number, bytes: number, need: number): void {
    const f = this.f;
    const L = this.layout;
    f.get(addr).op(Op.i32_wrap_i64).tee(this.lo).i32(PAGE_SHIFT).op(Op.i32_shr_u).tee(this.off);
    f.get(this.off).i32(TLB_MASK).op(Op.i32_and).i32(2).op(Op.i32_shl).tee(this.e);
    f.mem(Op.i32_load, 2, L.tlb).op(Op.i32_eq);
    f.get(this.e).mem(Op.i32_load, 2, L.tlb + 4 * TLB_SIZE);
    f.get(addr).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64, Op.i32_eq, Op.i32_and);
    f.get(this.e).mem(Op.i32_load, 2, L.tlb + 8 * TLB_SIZE).tee(this.t32).i32(-1).op(Op.i32_eq);
    f.get(this.t32).get(P_ASID).op(Op.i32_eq, Op.i32_or, Op.i32_and);
    f.get(this.e).mem(Op.i32_load, 2, L.tlb + 12 * TLB_SIZE).get(need).i32(Perm.DEVICE).op(Op.i32_or, Op.i32_and).get(need).op(Op.i32_eq, Op.i32_and);
    f.get(this.lo).i32(0xfff).op(Op.i32_and).i32(4096 - bytes).op(Op.i32_le_u, Op.i32_and);
  }

  /** Pushes RAM offset of the access (after a hit). */
  ramOffset(): void {
    this.f.get(this.e).mem(Op.i32_load, 2, this.layout.tlb + 16 * TLB_SIZE).get(this.lo).i32(0xfff).op(Op.i32_and, Op.i32_add);
  }

  /** Pushes the zero-extended value of a 2^size-byte load at the address in local `addr`. */
  load(addr: number, size: number): void {
    const f = this.f;
    this.tlbHit(addr, 1 << size, P_NEED_READ);
    f.begin(Op.if, ValType.I64);
    this.ramOffset();
    f.mem([Op.i64_load8_u, Op.i64_load16_u, Op.i64_load32_u, Op.i64_load][size], 0);
    f.op(Op.else);
    f.i32(size).get(addr).op(Op.i32_wrap_i64).get(addr).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64).i32(this.pcLo);
    this.pushRetired();
    f.call(F_LOAD);
    this.checkFault(1);
    f.op(Op.i64_extend_i32_u);
    if (size === 3) f.i32(0).mem(Op.i64_load32_u, 2, this.layout.ctl + CTL_RHI * 4).i64(32, 0).op(Op.i64_shl, Op.i64_or);
    f.op(Op.end);
  }

  /** Stores the low 2^size bytes of the i64 in local `value` at the address in local `addr`. */
  store(addr: number, size: number, value: number): void {
    const f = this.f;
    this.stored = true;
    this.tlbHit(addr, 1 << size, P_NEED_WRITE);
    f.begin(Op.if, ValType.I32);
    this.ramOffset();
    f.tee(this.off).i32(PAGE_SHIFT).op(Op.i32_shr_u).mem(Op.i32_load8_u, 0, this.layout.codePage).op(Op.i32_eqz);
    f.op(Op.else).i32(0).op(Op.end);
    f.begin(Op.if);
    f.get(this.off).get(value).mem([Op.i64_store8, Op.i64_store16, Op.i64_store32, Op.i64_store][size], 0);
    f.op(Op.else);
    f.i32(size).get(addr).op(Op.i32_wrap_i64).get(addr).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64);
    f.get(value).op(Op.i32_wrap_i64).get(value).i64(32, 0).op(Op.i64_shr_u, Op.i32_wrap_i64);
    f.i32(this.pcLo);
    this.pushRetired();
    f.call(F_STORE).get(this.smc).op(Op.i32_or).set(this.smc);
    this.checkFault(1);
    f.op(Op.end);
  }

  // ---- Instructions ----

  /** Emits one non-ending instruction; false leaves it to its handler. */
  instruction(name: string, insn: number): boolean {
    const f = this.f;
    const d = insn & 31;
    const n = (insn >>> 5) & 31;
    const m = (insn >>> 16) & 31;
    const sf = insn >>> 31;
    switch (name) {
      case 'ADR':
      case 'ADRP': {
        const imm = BigInt(((insn << 8) >> 13) * 4 + ((insn >>> 29) & 3));
        const pc = toBig(this.pcLo, this.blockHi);
        const v = name === 'ADR' ? pc + imm : (pc & ~0xfffn) + (imm << 12n);
        const [lo, hi] = pair(v);
        f.i64(lo, hi);
        this.setXzr(d);
        return true;
      }
      case 'ADD (immediate, 64)':
      case 'SUB (immediate, 64)':
      case 'ADDS (immediate, 64)':
      case 'SUBS (immediate, 64)':
      case 'ADD (immediate, 32)':
      case 'SUB (immediate, 32)':
      case 'ADDS (immediate, 32)':
      case 'SUBS (immediate, 32)': {
        const imm = ((insn >>> 10) & 0xfff) << (((insn >>> 22) & 1) * 12);
        const sub = (insn >>> 30) & 1;
        const s = (insn >>> 29) & 1;
        if (sf) {
          this.xsp(n);
          f.i64(imm, 0);
        } else {
          this.xsp(n);
          f.i64(0xffffffff | 0, 0).op(Op.i64_and).i64(imm, 0);
        }
        if (s) {
          this.setOperands();
          f.get(this.fa).get(this.fb).op(sub ? Op.i64_sub : Op.i64_add);
          this.setFlags(sub ? Flags.SUB : Flags.ADD, sf ? 64 : 32);
        } else f.op(sub ? Op.i64_sub : Op.i64_add);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        if (s) this.setXzr(d);
        else this.setXsp(d);
        return true;
      }
      case 'AND (immediate, 64)':
      case 'ORR (immediate, 64)':
      case 'EOR (immediate, 64)':
      case 'ANDS (immediate, 64)':
      case 'AND (immediate, 32)':
      case 'ORR (immediate, 32)':
      case 'EOR (immediate, 32)':
      case 'ANDS (immediate, 32)': {
        const i = (insn >>> 10) & 0x1fff;
        if (!LOGICAL_VALID[i]) return UNHANDLED;
        const opc = (insn >>> 29) & 3;
        this.xzr(n);
        f.i64(WMASK[2 * i], sf ? WMASK[2 * i + 1] : 0);
        f.op([Op.i64_and, Op.i64_or, Op.i64_xor, Op.i64_and][opc]);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        if (opc === 3) {
          this.setFlags(Flags.LOGIC, sf ? 64 : 32);
          this.setXzr(d);
        } else this.setXsp(d);
        return true;
      }
      case 'MOVN (64)':
      case 'MOVZ (64)':
      case 'MOVN (32)':
      case 'MOVZ (32)':
      case 'MOVK (64)':
      case 'MOVK (32)': {
        const shift = BigInt(((insn >>> 21) & 3) * 16);
        const imm = BigInt((insn >>> 5) & 0xffff) << shift;
        const mask = sf ? (1n << 64n) - 1n : 0xffffffffn;
        if (name.startsWith('MOVK')) {
          this.xzr(d);
          const [klo, khi] = pair(~(0xffffn << shift) & mask);
          const [ilo, ihi] = pair(imm);
          f.i64(klo, khi).op(Op.i64_and).i64(ilo, ihi).op(Op.i64_or);
        } else {
          const [lo, hi] = pair((name.startsWith('MOVN') ? ~imm : imm) & mask);
          f.i64(lo, hi);
        }
        this.setXzr(d);
        return true;
      }
      case 'UBFM (64)':
      case 'UBFM (32)':
      case 'SBFM (64)':
      case 'SBFM (32)': {
        const i = (insn >>> 10) & 0x1fff;
        const r = (insn >>> 16) & 63;
        const s = (insn >>> 10) & 63;
        const wide = sf === 1;

        if (wide) {
          this.xzr(n);
          f.i64(r, 0).op(Op.i64_rotr);
        } else {
          this.wzr(n);
          f.i32(r).op(Op.i32_rotr, Op.i64_extend_i32_u);
        }
        // rotated & wmask & tmask, as in the handlers.
        const wl = WMASK[2 * i] & TMASK[2 * i];
        const wh = wide ? WMASK[2 * i + 1] & TMASK[2 * i + 1] : 0;
        f.i64(wl, wh).op(Op.i64_and);
        if (name.startsWith('SBFM')) {
          // | (top & ~tmask), top = all copies of bit s of the source.
          const tl = ~TMASK[2 * i];
          const th = wide ? ~TMASK[2 * i + 1] : 0;
          if (wide) {
            this.xzr(n);
            f.i64(63 - s, 0).op(Op.i64_shl).i64(63, 0).op(Op.i64_shr_s);
          } else {
            this.wzr(n);
            f.i32(31 - s).op(Op.i32_shl).i32(31).op(Op.i32_shr_s, Op.i64_extend_i32_u);
          }
          f.i64(tl, th).op(Op.i64_and, Op.i64_or);
        }
        this.setXzr(d);
        return true;
      }
      case 'EXTR (64)':
      case 'EXTR (32)': {
        const lsb = (insn >>> 10) & 63;
        if (sf) {
          if (lsb === 0) this.xzr(m);
          else {
            this.xzr(m);
            f.i64(lsb, 0).op(Op.i64_shr_u);
            this.xzr(n);
            f.i64(64 - lsb, 0).op(Op.i64_shl, Op.i64_or);
          }
          this.setXzr(d);
        } else {
          if (lsb === 0) this.wzr(m);
          else {
            this.wzr(m);
            f.i32(lsb).op(Op.i32_shr_u);
            this.wzr(n);
            f.i32(32 - lsb).op(Op.i32_shl, Op.i32_or);
          }
          this.setWzr(d);
        }
        return true;
      }
      case 'AND/BIC (shifted register, 64)':
      case 'ORR/ORN (shifted register, 64)':
      case 'EOR/EON (shifted register, 64)':
      case 'ANDS/BICS (shifted register, 64)':
      case 'ORR (register, 64)':
      case 'AND/BIC (shifted register, 32)':
      case 'ORR/ORN (shifted register, 32)':
      case 'EOR/EON (shifted register, 32)':
      case 'ANDS/BICS (shifted register, 32)': {
        const opc = (insn >>> 29) & 3;
        this.xzr(n);
        this.shiftedOperand(insn, sf === 1);
        if ((insn >>> 21) & 1) f.i64(-1, -1).op(Op.i64_xor);
        f.op([Op.i64_and, Op.i64_or, Op.i64_xor, Op.i64_and][opc]);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        if (opc === 3) this.setFlags(Flags.LOGIC, sf ? 64 : 32);
        this.setXzr(d);
        return true;
      }
      case 'ADD/SUB (shifted register, 64)':
      case 'ADDS/SUBS (shifted register, 64)':
      case 'ADD/SUB (shifted register, 32)':
      case 'ADDS/SUBS (shifted register, 32)':
      case 'ADD (register, 64)':
      case 'SUB (register, 64)':
      case 'SUBS (register, 64)': {
        if (((insn >>> 22) & 3) === 3) return UNHANDLED;
        const sub = (insn >>> 30) & 1;
        const s = (insn >>> 29) & 1;
        this.xzr(n);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        this.shiftedOperand(insn, sf === 1);
        this.arith(sub, s, sf === 1);
        this.setXzr(d);
        return true;
      }
      case 'ADD/SUB (extended register, 64)':
      case 'ADDS/SUBS (extended register, 64)':
      case 'ADD/SUB (extended register, 32)':
      case 'ADDS/SUBS (extended register, 32)': {
        const amount = (insn >>> 10) & 7;
        if (amount > 4) return UNHANDLED;
        const sub = (insn >>> 30) & 1;
        const s = (insn >>> 29) & 1;
        this.xsp(n);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        this.extendedRegister(m, (insn >>> 13) & 7);
        if (amount) f.i64(amount, 0).op(Op.i64_shl);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        this.arith(sub, s, sf === 1);
        if (s) this.setXzr(d);
        else this.setXsp(d);
        return true;
      }
      case 'CSEL (64)':
      case 'CSINC (64)':
      case 'CSINV (64)':
      case 'CSNEG (64)':
      case 'CSEL (32)':
      case 'CSINC (32)':
      case 'CSINV (32)':
      case 'CSNEG (32)': {
        const op2 = ((insn >>> 30) & 1) * 2 + ((insn >>> 10) & 1);
        this.xzr(n);
        this.xzr(m);
        if (op2 === 1) f.i64(1, 0).op(Op.i64_add);
        else if (op2 === 2) f.i64(-1, -1).op(Op.i64_xor);
        else if (op2 === 3) f.set(this.t64a).i64(0, 0).get(this.t64a).op(Op.i64_sub);
        this.condition((insn >>> 12) & 15);
        f.op(Op.select);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        this.setXzr(d);
        return true;
      }
      case 'CCMN/CCMP (64)':
      case 'CCMN/CCMP (32)': {
        const sub = (insn >>> 30) & 1;
        this.condition((insn >>> 12) & 15);
        f.set(this.cond);
        this.xzr(n);
        if ((insn >>> 11) & 1) f.i64(m, 0);
        else this.xzr(m);
        this.setOperands();
        f.get(this.fa).get(this.fb).op(sub ? Op.i64_sub : Op.i64_add);
        this.setFlags(sub ? Flags.SUB : Flags.ADD, sf ? 64 : 32);
        f.op(Op.drop);
        this.pushNzcv();
        f.i32((insn & 15) << 28).get(this.cond).op(Op.select).set(this.nzcv);
        this.flags = Flags.MAT;
        return true;
      }
      case 'LSLV (64)':
      case 'LSRV (64)':
      case 'ASRV (64)':
      case 'RORV (64)': {
        this.xzr(n);
        this.xzr(m);
        f.op([Op.i64_shl, Op.i64_shr_u, Op.i64_shr_s, Op.i64_rotr][(insn >>> 10) & 3]);
        this.setXzr(d);
        return true;
      }
      case 'LSLV (32)':
      case 'LSRV (32)':
      case 'ASRV (32)':
      case 'RORV (32)': {
        this.wzr(n);
        this.wzr(m);
        f.op([Op.i32_shl, Op.i32_shr_u, Op.i32_shr_s, Op.i32_rotr][(insn >>> 10) & 3]);
        this.setWzr(d);
        return true;
      }
      case 'MADD/MSUB (64)':
      case 'MADD/MSUB (32)': {
        const a = (insn >>> 10) & 31;
        const sub = (insn >>> 15) & 1;
        this.xzr(a);
        this.xzr(n);
        this.xzr(m);
        f.op(Op.i64_mul, sub ? Op.i64_sub : Op.i64_add);
        if (!sf) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        this.setXzr(d);
        return true;
      }
      case 'SMADDL/SMSUBL':
      case 'UMADDL/UMSUBL': {
        const a = (insn >>> 10) & 31;
        const sub = (insn >>> 15) & 1;
        const ext = name.startsWith('S') ? Op.i64_extend_i32_s : Op.i64_extend_i32_u;
        this.xzr(a);
        this.wzr(n);
        f.op(ext);
        this.wzr(m);
        f.op(ext, Op.i64_mul, sub ? Op.i64_sub : Op.i64_add);
        this.setXzr(d);
        return true;
      }
      case 'UDIV (64)':
      case 'SDIV (64)': {
        // m == 0 gives 0; INT64_MIN / -1 gives INT64_MIN (wasm would trap on both).
        this.xzr(m);
        f.op(Op.i64_eqz);
        f.begin(Op.if, ValType.I64).i64(0, 0).op(Op.else);
        if (name === 'UDIV (64)') {
          this.xzr(n);
          this.xzr(m);
          f.op(Op.i64_div_u);
        } else {
          this.xzr(m);
          f.i64(-1, -1).op(Op.i64_eq);
          f.begin(Op.if, ValType.I64).i64(0, 0);
          this.xzr(n);
          f.op(Op.i64_sub, Op.else);
          this.xzr(n);
          this.xzr(m);
          f.op(Op.i64_div_s, Op.end);
        }
        f.op(Op.end);
        this.setXzr(d);
        return true;
      }
      case 'UDIV (32)':
      case 'SDIV (32)': {
        this.wzr(m);
        f.op(Op.i32_eqz);
        f.begin(Op.if, ValType.I32).i32(0).op(Op.else);
        if (name === 'UDIV (32)') {
          this.wzr(n);
          this.wzr(m);
          f.op(Op.i32_div_u);
        } else {
          this.wzr(m);
          f.i32(-1).op(Op.i32_eq);
          f.begin(Op.if, ValType.I32).i32(0);
          this.wzr(n);
          f.op(Op.i32_sub, Op.else);
          this.wzr(n);
          this.wzr(m);
          f.op(Op.i32_div_s, Op.end);
        }
        f.op(Op.end);
        this.setWzr(d);
        return true;
      }
      case 'CLZ (64)':
        this.xzr(n);
        f.op(Op.i64_clz);
        this.setXzr(d);
        return true;
      case 'CLZ (32)':
        this.wzr(n);
        f.op(Op.i32_clz);
        this.setWzr(d);
        return true;
    }
    return this.loadStore(name, insn) || emitSimd(this, name, insn);
  }

  /**
   * Pushes an i32, 1 when a `bytes`-byte access at the address in local `addr` can go
   * straight to RAM: a TLB hit in one page, and for a store no decoded code in that page.
   * Leaves the access's RAM offset in `off` (use it only when the result was 1).
   */
  fastAccess(addr: number, bytes: number, write: boolean): void {
    const f = this.f;
    this.tlbHit(addr, bytes, write ? P_NEED_WRITE : P_NEED_READ);
    f.begin(Op.if, ValType.I32);
    this.ramOffset();
    f.tee(this.off);
    if (write) f.i32(PAGE_SHIFT).op(Op.i32_shr_u).mem(Op.i32_load8_u, 0, this.layout.codePage).op(Op.i32_eqz);
    else f.op(Op.drop).i32(1);
    f.op(Op.else).i32(0).op(Op.end);
  }

  /** Pushes operand 2 of a shifted-register form (64-bit, or 32-bit zero-extended). */
  private shiftedOperand(insn: number, wide: boolean): void {
    const f = this.f;
    const m = (insn >>> 16) & 31;
    const type = (insn >>> 22) & 3;
    const amount = (insn >>> 10) & 63;
    if (wide) {
      this.xzr(m);
      if (amount) f.i64(amount, 0).op([Op.i64_shl, Op.i64_shr_u, Op.i64_shr_s, Op.i64_rotr][type]);
    } else {
      this.wzr(m);
      if (amount) f.i32(amount).op([Op.i32_shl, Op.i32_shr_u, Op.i32_shr_s, Op.i32_rotr][type]);
      f.op(Op.i64_extend_i32_u);
    }
  }

  /** Pushes Rm extended by option (UXTB..SXTX), as an i64. */
  private extendedRegister(m: number, option: number): void {
    const f = this.f;
    this.xzr(m);
    switch (option) {
      case 0:
        f.i64(0xff, 0).op(Op.i64_and);
        break;
      case 1:
        f.i64(0xffff, 0).op(Op.i64_and);
        break;
      case 2:
        f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        break;
      case 4:
        f.op(Op.i64_extend8_s);
        break;
      case 5:
        f.op(Op.i64_extend16_s);
        break;
      case 6:
        f.op(Op.i64_extend32_s);
        break;
    }
  }

  /** a, b on the stack (both zero-extended for 32-bit): pushes a +/- b, setting flags when s. */
  private arith(sub: number, s: number, wide: boolean): void {
    const f = this.f;
    if (s) {
      this.setOperands();
      f.get(this.fa).get(this.fb).op(sub ? Op.i64_sub : Op.i64_add);
      this.setFlags(sub ? Flags.SUB : Flags.ADD, wide ? 64 : 32);
    } else f.op(sub ? Op.i64_sub : Op.i64_add);
    if (!wide) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
  }

  /** The general-register loads and stores (V = 0). */
  private loadStore(name: string, insn: number): boolean {
    const f = this.f;
    const t = insn & 31;
    const n = (insn >>> 5) & 31;
    const kind = ((insn >>> 28) & 0xc) | ((insn >>> 22) & 3);
    switch (name) {
      case 'LDR (X, unsigned offset)':
      case 'STR (X, unsigned offset)':
      case 'LDR (W, unsigned offset)':
      case 'STR (W, unsigned offset)':
      case 'LDRB (unsigned offset)':
      case 'STRB (unsigned offset)':
      case 'LDR/STR (unsigned offset)': {
        if (kind === 11 || kind === 15) return UNHANDLED;
        if (kind === 14) return true; // PRFM
        this.spCheck(n);
        this.xsp(n);
        f.i64(((insn >>> 10) & 0xfff) << (insn >>> 30), 0).op(Op.i64_add).set(this.ea);
        this.transfer(kind, t);
        return true;
      }
      case 'LDUR/STUR': {
        if (kind === 11 || kind === 15) return UNHANDLED;
        if (kind === 14) return true; // PRFUM
        this.spCheck(n);
        this.xsp(n);
        const imm = (insn << 11) >> 23;
        f.i64(imm, imm >> 31).op(Op.i64_add).set(this.ea);
        this.transfer(kind, t);
        return true;
      }
      case 'LDR/STR (post-index)':
      case 'LDR/STR (pre-index)': {
        if (kind === 11 || kind === 15 || kind === 14) return UNHANDLED;
        this.spCheck(n);
        const imm = (insn << 11) >> 23;
        this.xsp(n);
        f.i64(imm, imm >> 31).op(Op.i64_add).set(this.ea2);
        if (insn & 0x800) f.get(this.ea2).set(this.ea);
        else {
          this.xsp(n);
          f.set(this.ea);
        }
        this.transfer(kind, t);
        f.get(this.ea2);
        this.setXsp(n);
        return true;
      }
      case 'LDR/STR (register offset)': {
        const option = (insn >>> 13) & 7;
        if (kind === 11 || kind === 15 || (option & 2) === 0) return UNHANDLED;
        if (kind === 14) return true;
        const m = (insn >>> 16) & 31;
        this.spCheck(n);
        this.xsp(n);
        this.xzr(m);
        if ((option & 1) === 0) {
          if (option & 4) f.op(Op.i64_extend32_s);
          else f.i64(0xffffffff | 0, 0).op(Op.i64_and);
        }
        if (insn & 0x1000 && insn >>> 30) f.i64(insn >>> 30, 0).op(Op.i64_shl);
        f.op(Op.i64_add).set(this.ea);
        this.transfer(kind, t);
        return true;
      }
      case 'LDR (literal)': {
        const opc = insn >>> 30;
        if (opc === 3) return true;
        const [lo, hi] = pair(toBig(this.pcLo, this.blockHi) + BigInt(((insn << 8) >> 13) * 4));
        f.i64(lo, hi).set(this.ea);
        this.transfer(opc === 0 ? 9 : opc === 1 ? 13 : 10, t);
        return true;
      }
      case 'LDP (X)':
      case 'STP (X)':
      case 'LDP (W) / LDPSW':
      case 'STP (W)': {
        const wide = name.endsWith('(X)');
        const load = name.startsWith('LDP');
        const signed = !wide && load && (insn & 0x40000000) !== 0;
        const mode = (insn >>> 23) & 3;
        if (signed && mode === 0) return UNHANDLED;
        const size = wide ? 3 : 2;
        const t2 = (insn >>> 10) & 31;
        const imm = ((insn << 10) >> 25) << size;
        this.spCheck(n);
        this.xsp(n);
        f.i64(imm, imm >> 31).op(Op.i64_add).set(this.ea2);
        if (mode === 1) {
          this.xsp(n);
          f.set(this.ea);
        } else f.get(this.ea2).set(this.ea);
        if (load) {
          this.load(this.ea, size);
          if (signed) f.op(Op.i64_extend32_s);
          f.set(this.t64a);
          f.get(this.ea).i64(1 << size, 0).op(Op.i64_add).set(this.ea);
          this.load(this.ea, size);
          if (signed) f.op(Op.i64_extend32_s);
          this.setXzr(t2);
          f.get(this.t64a);
          this.setXzr(t);
        } else {
          this.xzr(t);
          f.set(this.t64a);
          this.xzr(t2);
          f.set(this.t64b);
          this.store(this.ea, size, this.t64a);
          f.get(this.ea).i64(1 << size, 0).op(Op.i64_add).set(this.ea);
          this.store(this.ea, size, this.t64b);
        }
        if (insn & 0x800000) {
          f.get(this.ea2);
          this.setXsp(n);
        }
        return true;
      }
    }
    return UNHANDLED;
  }

  /** One single-register access of `kind` (size << 2 | opc) at the address in ea. */
  private transfer(kind: number, t: number): void {
    const f = this.f;
    const size = kind >>> 2;
    const opc = kind & 3;
    if (opc === 0) {
      this.xzr(t);
      f.set(this.t64a);
      this.store(this.ea, size, this.t64a);
      return;
    }
    this.load(this.ea, size);
    const sext = [Op.i64_extend8_s, Op.i64_extend16_s, Op.i64_extend32_s][size];
    if (opc >= 2) {
      f.op(sext);
      if (opc === 3) f.i64(0xffffffff | 0, 0).op(Op.i64_and);
    }
    this.setXzr(t);
  }

  /** After a store: leave when it dropped decoded code (possibly this block's page). */
  afterStore(nextLo: number, nextHi: number, retired: number): void {
    const f = this.f;
    f.get(this.smc).begin(Op.if);
    this.depth++;
    this.exitTo(nextLo, nextHi, retired);
    this.depth--;
    f.op(Op.end);
  }

  /** Pushes an i32 that is 1 when a conditional branch (B.cond, CBZ, TBZ...) is taken. */
  branchTest(name: string, insn: number): boolean {
    const f = this.f;
    const t = insn & 31;
    switch (name) {
      case 'B.cond':
        if (insn & 0x10) return false;
        this.condition(insn & 15);
        return true;
      case 'CBZ/CBNZ':
        if (insn >>> 31) {
          this.xzr(t);
          f.op(Op.i64_eqz);
        } else {
          this.wzr(t);
          f.op(Op.i32_eqz);
        }
        if ((insn >>> 24) & 1) f.op(Op.i32_eqz);
        return true;
      case 'TBZ/TBNZ': {
        const bit = ((insn >>> 26) & 32) | ((insn >>> 19) & 31);
        this.xzr(t);
        f.i64(bit, 0).op(Op.i64_shr_u, Op.i32_wrap_i64).i32(1).op(Op.i32_and);
        if (((insn >>> 24) & 1) === 0) f.op(Op.i32_eqz);
        return true;
      }
    }
    return false;
  }

  /** The PC-relative target of a branch, or null. */
  static target(name: string, insn: number, pcLo: number, pcHi: number): [number, number] | null {
    let offset: number;
    switch (name) {
      case 'B/BL':
        offset = ((insn << 6) >> 6) * 4;
        break;
      case 'B.cond':
      case 'CBZ/CBNZ':
        offset = ((insn << 8) >> 13) * 4;
        break;
      case 'TBZ/TBNZ':
        offset = ((insn << 13) >> 18) * 4;
        break;
      default:
        return null;
    }
    return pair(toBig(pcLo, pcHi) + BigInt(offset));
  }

  /** The retired counter n: instructions of the blocks and iterations completed in this call. */
  get loopCounter(): number {
    return this.n;
  }
}

/** Where the emitted code finds the machine's state in the memory. */
interface Layout {
  /** Register file (cpu.x) byte offset. */
  x: number;
  /** Vector register file (cpu.v, 16 bytes a register) byte offset. */
  v: number;
  /** Control area byte offset (CTL_* words). */
  ctl: number;
  /** TLB tables byte offset (mmu.tlbBase). */
  tlb: number;
  /** Code-page flags byte offset. */
  codePage: number;
  /** Memory size in 64 KiB pages. */
  pages: number;
}

/** A hot block start waiting to be compiled with others. */
interface Pending {
  words: Int32Array;
  pageWord: number;
  ops: Uint16Array;
  lo: number;
  hi: number;
  /** The page's block table, where the compiled block goes (emptied if the page is dropped meanwhile). */
  blocks: (Block | undefined)[];
  /** The page's interpreted-entry counters, if the CPU handed them over (see formRegion). */
  hits?: Uint16Array;
}

/**
 * Blocks are compiled in batches: a module costs ~0.3 ms to compile and instantiate however
 * small it is, while each further function adds tens of microseconds. A hot block start is
 * queued (and keeps being interpreted) until BATCH starts are waiting or one of them becomes
 * hot a second time; then the whole queue becomes one module.
 */
const BATCH = 32;

/**
 * Most blocks in one region function: the hot ones and those their direct branches reach.
 * Bounds the function V8 compiles (and TurboFan optimises when it is hot).
 */
const MAX_REGION_BLOCKS = 48;

/** Interpreted entries that make a branch target warm enough to join a region (formRegion). */
const WARM_HITS = 16;

/** Params of a region function: the block's, plus the entry (index of the block to start at). */
const P_ENTRY = PARAMS;

export class WasmTranslator implements BlockCompiler {
  compiled = 0;
  /** Modules instantiated so far. */
  modules = 0;
  private readonly layout: Layout;
  private readonly ctl: Int32Array;
  private readonly imports: Record<string, Record<string, unknown>>;
  private pending: Pending[] = [];

  /**
   * @param batch blocks queued before a module is compiled (1: compile each block as it
   *   becomes hot, as the tests do with threshold 0)
   */
  constructor(
    private readonly cpu: Cpu,
    private readonly decoder: Decoder,
    private readonly batch = BATCH,
  ) {
    const memory = cpu.memory;
    const ctlOffset = memory.allocState(64);
    this.ctl = new Int32Array(memory.buffer, ctlOffset, 16);
    this.layout = {
      x: cpu.x.byteOffset,
      v: cpu.v.byteOffset,
      ctl: ctlOffset,
      tlb: cpu.mmu.tlbBase,
      codePage: memory.codePage.byteOffset,
      pages: memory.buffer.byteLength / 65536,
    };
    const ctl = this.ctl;
    const handlers = decoder.handlers;
    const c = cpu;
    /** Hands PC, retired count and flags to the CPU before anything that may take an exception. */
    const enter = (pc: number, retired: number): void => {
      c.pcLo = pc;
      c.tierRetired = retired;
      const fl = ctl[CTL_NZCV];
      c.nf = fl >>> 31;
      c.zf = (fl >>> 30) & 1;
      c.cf = (fl >>> 29) & 1;
      c.vf = (fl >>> 28) & 1;
    };
    const leave = (): void => {
      ctl[CTL_NZCV] = (c.nf << 31) | (c.zf << 30) | (c.cf << 29) | (c.vf << 28);
      // A handler may have set FPSR flags or written FPCR/FPSR.
      fpState(c, ctl);
    };
    this.imports = {
      m: { mem: memory.wasm },
      h: {
        exec: (op: number, insn: number, pc: number, retired: number): number => {
          enter(pc, retired);
          const next = (pc + 4) | 0;
          c.npcLo = next;
          c.npcHi = next === 0 ? c.pcHi + 1 : c.pcHi;
          handlers[op](c, insn);
          leave();
          // 1 when a store dropped the decoded code of the page being run.
          return c.fetchLo === 1 ? 1 : 0;
        },
        ending: (op: number, insn: number, pc: number, retired: number): void => {
          enter(pc, retired);
          const next = (pc + 4) | 0;
          c.npcLo = next;
          c.npcHi = next === 0 ? c.pcHi + 1 : c.pcHi;
          // So that a counter read here (deterministic CNTVCT) is exact.
          c.retiredInSlice += retired;
          handlers[op](c, insn);
          leave();
          ctl[CTL_PCLO] = c.npcLo;
          ctl[CTL_PCHI] = c.npcHi;
        },
        // The memory helpers take an exception without throwing through wasm: they flag it,
        // and the code spills the registers and returns to the wrapper, which rethrows.
        load: (size: number, lo: number, hi: number, pc: number, retired: number): number => {
          enter(pc, retired);
          try {
            switch (size) {
              case 0:
                return c.read8(lo, hi);
              case 1:
                return c.read16(lo, hi);
              case 2:
                return c.read32(lo, hi);
              default: {
                const v = c.read64(lo, hi);
                ctl[CTL_RHI] = c.rhi;
                return v;
              }
            }
          } catch (e) {
            if (e !== EXCEPTION_TAKEN) throw e;
            ctl[CTL_FAULT] = 1;
            return 0;
          }
        },
        store: (size: number, lo: number, hi: number, vlo: number, vhi: number, pc: number, retired: number): number => {
          enter(pc, retired);
          try {
            switch (size) {
              case 0:
                c.write8(lo, hi, vlo & 0xff);
                break;
              case 1:
                c.write16(lo, hi, vlo & 0xffff);
                break;
              case 2:
                c.write32(lo, hi, vlo);
                break;
              default:
                c.write64(lo, hi, vlo, vhi);
            }
          } catch (e) {
            if (e !== EXCEPTION_TAKEN) throw e;
            ctl[CTL_FAULT] = 1;
            return 0;
          }
          return c.fetchLo === 1 ? 1 : 0;
        },
        spAlign: (pc: number, retired: number): void => {
          enter(pc, retired);
          try {
            c.checkSpAlignment();
          } catch (e) {
            if (e !== EXCEPTION_TAKEN) throw e;
            ctl[CTL_FAULT] = 1;
          }
        },
      },
    };
  }

  /** Blocks queued for the next batch. */
  get queued(): number {
    return this.pending.length;
  }

  /**
   * Queues the block; compiles the queue when it is full or when this start was already
   * waiting (it stayed hot). Returns null while the block waits (the CPU goes on
   * interpreting it); the compiled blocks are put into their pages' tables.
   */
  compile(words: Int32Array, pageWord: number, ops: Uint16Array, lo: number, hi: number, blocks?: (Block | undefined)[], hits?: Uint16Array): Block | null {
    const table = blocks ?? [];
    const again = this.pending.some((p) => p.lo === lo && p.hi === hi && p.ops === ops);
    if (!again) this.pending.push({ words, pageWord, ops, lo, hi, blocks: table, hits });
    if (blocks !== undefined && !again && this.pending.length < this.batch) return null;
    this.flush();
    return table[(lo >>> 2) & 0x3ff] ?? null;
  }

  /** Compiles every queued block whose page is still live into one module. */
  flush(): void {
    const live = this.pending.filter((p) => p.blocks.length !== 0);
    this.pending = [];
    if (live.length === 0) return;
    // Regions: the blocks of one VA page (on one physical page) share a function, so their
    // branches to each other stay inside it.
    const regions = new Map<string, Pending[]>();
    for (const p of live) {
      const key = `${p.hi}:${p.lo >>> 12}:${p.pageWord}`;
      const list = regions.get(key);
      if (list) {
        if (!list.some((q) => q.lo === p.lo)) list.push(p);
      } else regions.set(key, [p]);
    }
    for (const members of regions.values()) this.formRegion(members);
    const mod = new ModuleBuilder();
    const i32 = ValType.I32;
    mod.importFunction('h', 'exec', mod.type([i32, i32, i32, i32], [i32]));
    mod.importFunction('h', 'ending', mod.type([i32, i32, i32, i32], []));
    mod.importFunction('h', 'load', mod.type([i32, i32, i32, i32, i32], [i32]));
    mod.importFunction('h', 'store', mod.type([i32, i32, i32, i32, i32, i32, i32], [i32]));
    mod.importFunction('h', 'spAlign', mod.type([i32, i32], []));
    mod.importMemory('m', 'mem', this.layout.pages, true);
    const tRun = mod.type([i32, i32, i32, i32, i32, i32, i32], [i32]);
    const built: { members: Pending[]; lengths: number[]; name: string; modeWords: boolean }[] = [];
    let k = 0;
    for (const members of regions.values()) {
      const first = this.emitRegion(members, undefined, undefined);
      const second = this.emitRegion(members, first.emitter, first.lengths);
      const name = `r${k++}`;
      mod.addFunction(tRun, second.emitter.f, name);
      built.push({ members, lengths: second.lengths, name, modeWords: second.emitter.readsModeWords });
    }
    const instance = new WebAssembly.Instance(new WebAssembly.Module(mod.bytes()), this.imports);
    this.modules++;
    const ctl = this.ctl;
    for (const { members, lengths, name, modeWords } of built) {
      const fn = instance.exports[name] as (budget: number, needRead: number, needWrite: number, asid: number, spCheck: number, tbi: number, entry: number) => number;
      members.forEach((p, entry) => {
        const run = (c: Cpu, budget: number): number => {
          ctl[CTL_NZCV] = (c.nf << 31) | (c.zf << 30) | (c.cf << 29) | (c.vf << 28);
          if (modeWords) {
            fpState(c, ctl);
            ctl[CTL_DZE_OK] = c.el !== 0 || (c.sctlrLo & SCTLR_DZE) !== 0 ? 1 : 0;
          }
          const tcr = c.tcrHi;
          const tbi = ((tcr >>> 5) & ~(tcr >>> 19) & 1) | (((tcr >>> 6) & ~(tcr >>> 20) & 1) << 1);
          const retired = fn(budget, c.needRead, c.needWrite, c.asid, c.el === 0 ? (c.sctlrLo >>> 4) & 1 : (c.sctlrLo >>> 3) & 1, tbi, entry);
          const fl = ctl[CTL_NZCV];
          c.nf = fl >>> 31;
          c.zf = (fl >>> 30) & 1;
          c.cf = (fl >>> 29) & 1;
          c.vf = (fl >>> 28) & 1;
          if (retired < 0) {
            // A helper took an exception: the flags it saved in SPSR were those in memory
            // before the code spilled; put the live ones in, and unwind as the handler would have.
            ctl[CTL_FAULT] = 0;
            const spsr = c.sysLo(Sys.SPSR_EL1);
            c.setSys(Sys.SPSR_EL1, (spsr & 0x0fffffff) | (fl & 0xf0000000), c.sysHi(Sys.SPSR_EL1));
            // Entry banked SP from memory before the code stored its live SP: that belongs in
            // SP_EL0 if the exception came from EL0 or EL1t (M != 5), else it is the current SP.
            if (ctl[CTL_SP_SET]) {
              ctl[CTL_SP_SET] = 0;
              if ((spsr & 0xf) !== 5) c.setSys(Sys.SP_EL0, ctl[CTL_SP], ctl[CTL_SP + 1]);
              else {
                c.x[2 * SP_SLOT] = ctl[CTL_SP];
                c.x[2 * SP_SLOT + 1] = ctl[CTL_SP + 1];
              }
            }
            throw EXCEPTION_TAKEN;
          }
          c.pcLo = ctl[CTL_PCLO];
          c.pcHi = ctl[CTL_PCHI];
          c.tierRetired = -1;
          return retired;
        };
        const block = { lo: p.lo, hi: p.hi, length: lengths[entry], run };
        p.blocks[(p.lo >>> 2) & 0x3ff] = block;
        this.compiled++;
      });
    }
  }

  /**
   * Grows a region from its hot blocks to the blocks their direct branches reach on the same
   * page that have run (and so on, breadth first, up to MAX_REGION_BLOCKS), unless those are
   * compiled already: a loop whose blocks turned hot in different batches would otherwise leave wasm
   * for the CPU's dispatch loop at every trip from one to the other (cpubench made 8 M such
   * trips for 340 M instructions). The scan stops a block where emitBlock stops it.
   */
  private formRegion(members: Pending[]): void {
    const decoder = this.decoder;
    const first = members[0];
    const { words, pageWord, ops, hi, blocks, hits } = first;
    if (!hits) return;
    const page = first.lo & ~0xfff;
    const known = new Set(members.map((p) => p.lo));
    const add = (lo: number, targetHi: number): void => {
      if (targetHi !== hi || (lo & ~0xfff) !== page || lo & 3 || known.has(lo) || members.length >= MAX_REGION_BLOCKS) return;
      // Only code that has run (WARM_HITS interpreted entries), so cold paths are not
      // compiled, and not blocks compiled already: copying those into the new region (so
      // that two regions of a page stop returning to the dispatch loop between them) was
      // tried and cost more compiling, TurboFan's included, than the trips it saved
      // (stdcheck ~2.1-2.3 s CPU against ~1.8 s, cpubench ~1.05 against ~0.93).
      if (hits[(lo >>> 2) & 0x3ff] < WARM_HITS) return;
      const existing = blocks[(lo >>> 2) & 0x3ff];
      if (existing !== undefined && existing.lo === lo && existing.hi === hi) return;
      known.add(lo);
      members.push({ words, pageWord, ops, lo, hi, blocks, hits });
    };
    for (let k = 0; k < members.length; k++) {
      const lo = members[k].lo;
      let length = 0;
      for (let index = (lo >>> 2) & 0x3ff; index < 1024 && length < MAX_BLOCK_LENGTH; index++) {
        const insn = words[pageWord + index];
        const op = opAt(decoder, words, pageWord, ops, index);
        const pcLo = (lo + 4 * length) | 0;
        length++;
        const name = decoder.names[op];
        const nop = isNoOp(name, insn) || isDcZva(name, insn);
        if (!nop && decoder.endsBlock[op]) {
          const target = BlockEmitter.target(name, insn, pcLo, hi);
          if (target && name !== 'B/BL' && !(name === 'B.cond' && insn & 0x10)) {
            add(target[0], target[1]);
            if (index < 1023 && length < MAX_BLOCK_LENGTH) continue;
            add((pcLo + 4) | 0, hi);
          } else if (target) add(target[0], target[1]);
          break;
        }
        if (index === 1023 || length === MAX_BLOCK_LENGTH) add((pcLo + 4) | 0, hi);
      }
    }
  }

  /**
   * One pass over a region: a loop over a br_table on the entry/next block, each block's code
   * in its own loop (for branches back to its start).
   */
  private emitRegion(members: Pending[], known: BlockEmitter | undefined, knownLengths: number[] | undefined): { emitter: BlockEmitter; lengths: number[] } {
    const hi = members[0].hi;
    const e = new BlockEmitter(this.layout, hi, known, P_ENTRY);
    const f = e.f;
    const K = members.length;
    const lengths: number[] = [];
    const entryOf = new Map<number, number>();
    members.forEach((p, j) => entryOf.set(p.lo, j));
    f.begin(Op.block); // the fault sequence follows its end
    f.begin(Op.block); // the exit sequence follows its end
    f.begin(Op.loop);
    for (let j = 0; j < K; j++) f.begin(Op.block);
    f.get(e.next).brTable(
      members.map((_, j) => j),
      K - 1,
    );
    for (let j = 0; j < K; j++) {
      f.op(Op.end);
      const p = members[j];
      // Depth from the block's own loop to the dispatcher loop.
      e.toDispatch = K - j;
      lengths.push(this.emitBlock(e, p, hi, entryOf, knownLengths, K - j));
    }
    f.op(Op.end); // dispatcher loop
    f.op(Op.unreachable);
    f.op(Op.end);
    e.exitSequence();
    f.op(Op.end);
    e.faultSequence();
    f.code.splice(0, 0, ...e.prologue());
    return { emitter: e, lengths };
  }

  /** The code of one block of a region; returns its length. */
  private emitBlock(e: BlockEmitter, p: Pending, hi: number, entryOf: Map<number, number>, lengths: number[] | undefined, toDispatch: number): number {
    const decoder = this.decoder;
    const f = e.f;
    const { words, pageWord, ops, lo } = p;
    const start = (lo >>> 2) & 0x3ff;
    e.beginBlock();
    f.begin(Op.loop);
    let length = 0;
    let ended = false;
    // A branch to a block start of this region: count what this block retired and go on
    // there if it fits in the budget, else leave with the PC at that start.
    const chain = (targetLo: number, retiredHere: number): void => {
      // Every block's code expects NZCV in its local (the static state there is MAT).
      e.nzcvToLocal();
      const j = entryOf.get(targetLo)!;
      const targetLength = lengths ? lengths[j] : 1;
      f.get(e.loopCounter).i32(retiredHere).op(Op.i32_add).tee(e.loopCounter);
      f.i32(targetLength).op(Op.i32_add).get(P_BUDGET).op(Op.i32_le_s);
      if (targetLo === lo) {
        f.brIf(e.depth);
      } else {
        f.begin(Op.if).i32(j).set(e.next).br(e.depth + 1 + toDispatch).op(Op.end);
      }
      e.exitTo(targetLo, hi, 0);
    };
    const jump = (targetLo: number, targetHi: number, retiredHere: number): void => {
      if (targetHi === hi && entryOf.has(targetLo)) chain(targetLo, retiredHere);
      else e.exitTo(targetLo, targetHi, retiredHere);
    };
    for (let index = start; index < 1024 && length < MAX_BLOCK_LENGTH; index++) {
      const insn = words[pageWord + index];
      const op = opAt(decoder, words, pageWord, ops, index);
      const pcLo = (lo + 4 * length) | 0;
      const nextUnsigned = (pcLo >>> 0) + 4;
      const nextLo = nextUnsigned | 0;
      const nextHi = nextUnsigned >= TWO32 ? (hi + 1) | 0 : hi;
      const name = decoder.names[op];
      e.pcLo = pcLo;
      e.index = length;
      length++;
      e.opIndex = op;
      e.nextLo = nextLo;
      e.nextHi = nextHi;
      e.retiredAfter = length;
      const nop = isNoOp(name, insn);
      const zva = isDcZva(name, insn);
      if (!nop && !zva && decoder.endsBlock[op]) {
        const target = BlockEmitter.target(name, insn, pcLo, hi);
        if (target && name !== 'B/BL') {
          const before = f.code.length;
          if (!e.branchTest(name, insn)) {
            f.code.length = before;
          } else {
            // Taken: go to the target; not taken: the block goes on with the fall-through
            // while it stays on the page, else leaves to it.
            f.begin(Op.if);
            e.depth++;
            jump(target[0], target[1], length);
            e.depth--;
            f.op(Op.end);
            if (index < 1023 && length < MAX_BLOCK_LENGTH) continue;
            jump(nextLo, nextHi, length);
            ended = true;
            break;
          }
        }
        if (target && name === 'B/BL') {
          if (insn >>> 31) {
            f.i64(nextLo, nextHi);
            e.setXzr(30);
          }
          jump(target[0], target[1], length);
          ended = true;
          break;
        }
        if (name === 'BR' || name === 'RET' || name === 'BLR') {
          e.xzr((insn >>> 5) & 31);
          if (name === 'BLR') {
            f.set(e.t64b);
            f.i64(nextLo, nextHi);
            e.setXzr(30);
            f.get(e.t64b);
          }
          e.exitToValue(length);
          ended = true;
          break;
        }
        e.ending(op, insn);
        ended = true;
        break;
      }
      e.stored = false;
      const before = f.code.length;
      if (nop) {
        // Nothing to do.
      } else if (zva) {
        e.dcZva(insn);
      } else if (!e.instruction(name, insn)) {
        f.code.length = before;
        // Loads and stores (op0 = x1x0) may store into this page: then the block leaves.
        e.exec(op, insn, nextLo, nextHi, length, ((insn >>> 25) & 5) === 4);
      } else if (e.stored) {
        e.afterStore(nextLo, nextHi, length);
      }
      if (index === 1023 || length === MAX_BLOCK_LENGTH) {
        jump(nextLo, nextHi, length);
        ended = true;
      }
    }
    if (!ended) throw new Error('wasm translator: block did not end');
    f.op(Op.end); // the block's loop
    // Every path returned or branched; nothing falls into the next block's code.
    f.op(Op.unreachable);
    return length;
  }
}
