/**
 * The AArch64 processor: architectural state, the fetch/execute loop, memory accesses
 * through the MMU, and exception entry and return.
 *
 * Representation (chosen for V8, see ARCHITECTURE.md "Performance principles"):
 *  - 64-bit values are lo/hi int32 pairs in Int32Arrays; no BigInt on any hot path.
 *  - General registers: slots 0..30 are X0..X30, slot 31 is the zero register (always
 *    reads 0), slot 32 is the stack pointer of the current EL/SPSel, slot 33 is a sink for
 *    writes to XZR. Handlers map register field 31 to 31/33 (ZR) or 32 (SP) as the
 *    encoding says; see regZR/regSP/dstZR below.
 *  - A 64-bit result is returned as its lo half, with the hi half left in `cpu.rhi`.
 *  - Decoded instructions are cached per physical page (one Uint16Array of op numbers
 *    per 4 KiB page) and dropped when the page is written.
 *  - An instruction that takes an exception enters it architecturally, then throws the
 *    preallocated EXCEPTION_TAKEN to unwind; the loop catches it and stops or goes on.
 */

import { Decoder, type Encoding } from './decoder.js';
import { EC, FSC, AccessKind, Vector, EXCEPTION_TAKEN } from './exceptions.js';
import { PhysicalMemory, PAGE_SHIFT } from './memory.js';
import { Mmu, Perm, TLB_MASK, type TranslationRegime } from './mmu.js';
import { Sys } from './sysregs.js';
import { defaultThreshold, defaultTranslationSettings, type Block, type BlockCompiler, type Tier } from './jit/block.js';
import { CodeCache } from './jit/code-cache.js';
import { Translator } from './jit/js-translator.js';
import { WasmTranslator } from './jit/wasm-translator.js';

export const enum StopReason {
  /** The instruction budget ran out. */
  BUDGET = 0,
  /** A synchronous exception was taken (SVC, abort, undefined, BRK...). */
  EXCEPTION = 1,
  /** An interrupt was taken. */
  IRQ = 2,
  /** WFI at EL1: nothing to do until an interrupt. */
  WFI = 3,
  /** The host asked the CPU to stop (requestStop). */
  REQUESTED = 4,
}

export const ZR = 31;
export const SP = 32;
export const SINK = 33;

/** Register slot for a field that names XZR when 31 (reads). */
export function regZR(r: number): number {
  return r;
}
/** Register slot for a field that names SP when 31. */
export function regSP(r: number): number {
  return r === 31 ? SP : r;
}
/** Register slot to write for a field that names XZR when 31. */
export function dstZR(r: number): number {
  return r === 31 ? SINK : r;
}

const TWO32 = 4294967296;
/** The generic timer's frequency, as on QEMU's virt board. */
export const COUNTER_FREQUENCY = 62_500_000;
/** In free-running mode, how many instructions run between looks at the host clock. */
const SLICE = 16384;
/**
 * The translating tiers' code cache bound: at most this many compiled blocks are live. A
 * wasm block's code is ~1-3 KiB of machine code (plus its share of a module), a JS block's
 * similar, so the cache stays within some tens of MiB; stdcheck compiles ~1,200.
 */
const MAX_LIVE_BLOCKS = 16384;
/** Internal stop reason: end the current slice so run() looks at interrupts again, then go on. */
const RECHECK = 99;

export interface CpuOptions {
  /** Derive the generic timer from the instruction count (1 tick per instruction), so runs replay exactly. */
  deterministic?: boolean;
  /** Return from run() when an exception is taken (a host kernel handles it). Default true. */
  stopOnException?: boolean;
  /** Compile hot basic blocks (jit/). Default on (AKUMA_TRANSLATE=0 turns it off). */
  translate?: boolean;
  /** Interpreted entries of a block start before it is compiled (0 = compile at once). */
  translateThreshold?: number;
  /** Which tier compiles hot blocks: 'wasm' (default) or 'js' (AKUMA_TIER=js). */
  tier?: Tier;
  /** Most compiled blocks kept at once; past it every block is dropped and hot code compiles again. */
  maxBlocks?: number;
}

export class Cpu implements TranslationRegime {
  readonly memory: PhysicalMemory;
  readonly mmu: Mmu;
  readonly decoder: Decoder;

  /** General registers as lo/hi pairs; see the file comment for slots 31..33. */
  readonly x: Int32Array;
  /** SIMD&FP registers V0..V31, four 32-bit words each, least significant first. */
  readonly v: Int32Array;
  /** System registers as lo/hi pairs, indexed by Sys. */
  readonly sys = new Int32Array(Sys.COUNT * 2);

  // PSTATE
  nf = 0;
  zf = 0;
  cf = 0;
  vf = 0;
  /** D, A, I, F mask bits as in DAIF bits [9:6], shifted down: D=8 A=4 I=2 F=1. */
  daif = 0xf;
  el = 1;
  spsel = 1;

  pcLo = 0;
  pcHi = 0;
  /** Address of the next instruction; branches write it. */
  npcLo = 0;
  npcHi = 0;

  fpcr = 0;
  fpsr = 0;

  /** Hi half of the last 64-bit value returned by a helper. */
  rhi = 0;

  /** Instructions retired. */
  icount = 0;
  readonly deterministic: boolean;
  stopOnException: boolean;

  /** Exclusive monitor: physical address of the reservation, or -1. */
  exclusiveAddr = -1;
  exclusiveSize = 0;

  /** ASID of the current translation regime (from TTBR0/TTBR1 as TCR_EL1.A1 selects). */
  asid = 0;
  /** Permission bits a read/write/fetch needs at the current EL (Perm.R0 or Perm.R1, ...). */
  needRead: number = Perm.R1;
  needWrite: number = Perm.W1;
  needExec: number = Perm.X1;

  // Translation regime snapshot (TranslationRegime), kept in sync by writeSys.
  sctlrLo = 0;
  tcrLo = 0;
  tcrHi = 0;
  ttbr0Lo = 0;
  ttbr0Hi = 0;
  ttbr1Lo = 0;
  ttbr1Hi = 0;
  mairLo = 0;
  mairHi = 0;

  /** Decoded instructions, compiled blocks and hit counters per physical page (jit/code-cache.ts). */
  private readonly code: CodeCache;
  /**
   * Cached translation of the page the PC is in. fetchLo = 1 means none; translated
   * blocks read it after a store to notice that their own page was written.
   */
  fetchLo = 1;
  private fetchHi = 0;
  private fetchGen = -1;
  private fetchOff = 0;
  private fetchOps: Uint16Array = new Uint16Array(1024);
  private fetchBlocks: (Block | undefined)[] = [];
  private fetchHits: Uint16Array = new Uint16Array(1024);
  /** The translating tier, or null when instructions are only interpreted. */
  readonly translator: BlockCompiler | null;
  private readonly translateThreshold: number;
  /** The code cache's bound, in compiled blocks (see MAX_LIVE_BLOCKS). */
  readonly maxBlocks: number;
  /** translator.compiled when the blocks were last all dropped. */
  private compiledAtClear = 0;
  /** The PC of the instruction that took the last exception (counts a block's retired instructions). */
  exceptionPcLo = 0;
  /** Instructions of the completed iterations of a translated block looping onto itself (else 0). */
  loopRetired = 0;
  /**
   * Set by the wasm tier before anything that may take an exception: the instructions the
   * running compiled code retired before the current one (its regions chain blocks, so the
   * count cannot be derived from the entry block's PC); -1 otherwise.
   */
  tierRetired = -1;

  private stopReason = -1;
  private stopRequested = false;
  private readonly hostClockStart = performance.now();

  constructor(memory: PhysicalMemory, tables: readonly (readonly Encoding[])[], options: CpuOptions = {}) {
    this.memory = memory;
    // In the machine-state area of the memory, where the wasm tier loads and stores them.
    this.x = new Int32Array(memory.buffer, memory.allocState(34 * 8), 34 * 2);
    this.v = new Int32Array(memory.buffer, memory.allocState(32 * 16), 32 * 4);
    this.mmu = new Mmu(memory);
    this.decoder = new Decoder(tables, (cpu) => cpu.undefinedInstruction());
    this.deterministic = options.deterministic ?? false;
    this.stopOnException = options.stopOnException ?? true;
    const settings = defaultTranslationSettings();
    const tier = options.tier ?? settings.tier;
    this.translateThreshold = Math.min(0xffff, options.translateThreshold ?? settings.threshold ?? defaultThreshold(tier));
    this.translator =
      (options.translate ?? settings.enabled)
        ? tier === 'wasm'
          ? new WasmTranslator(this, this.decoder, this.translateThreshold === 0 ? 1 : undefined)
          : new Translator(this.decoder)
        : null;
    this.code = new CodeCache(memory, this.translator !== null);
    this.maxBlocks = options.maxBlocks ?? MAX_LIVE_BLOCKS;
    memory.onCodeWrite = (page) => this.dropDecodedPage(page);
    this.reset();
  }

  /** Architectural reset state for the parts that software relies on. */
  reset(): void {
    this.x.fill(0);
    this.v.fill(0);
    this.sys.fill(0);
    this.nf = this.zf = this.cf = this.vf = 0;
    this.daif = 0xf;
    this.el = 1;
    this.spsel = 1;
    this.pcLo = this.pcHi = 0;
    this.fpcr = this.fpsr = 0;
    this.exclusiveAddr = -1;
    // SCTLR_EL1: MMU, caches and alignment checking off; RES1 bits as Linux expects. The
    // EL0 trap controls are UNKNOWN at reset; we pick Linux's choices (UCI, nTWE, UCT, DZE
    // set: EL0 may clean caches, WFE, read CTR_EL0, DC ZVA; WFI at EL0 traps).
    this.setSys(Sys.SCTLR_EL1, 0x30d00800 | (1 << 26) | (1 << 18) | (1 << 15) | (1 << 14), 0);
    // CNTKCTL_EL1 (UNKNOWN at reset): EL0 may read the counters, not the timers, as on Linux.
    this.setSys(Sys.CNTKCTL_EL1, 3, 0);
    this.setSys(Sys.CNTFRQ_EL0, COUNTER_FREQUENCY, 0);
    // An Arm "Cortex-A57"-like identity with the features we implement.
    this.setSys(Sys.MIDR_EL1, 0x411fd070, 0);
    this.setSys(Sys.MPIDR_EL1, 0x80000000, 0);
    // PFR0: EL0/EL1 AArch64 only, FP and AdvSIMD implemented (0), GIC not via sysregs.
    this.setSys(Sys.ID_AA64PFR0_EL1, 0x00000011, 0);
    // ISAR0: atomics (LSE, bits [23:20] = 2); nothing else that would need emulating.
    this.setSys(Sys.ID_AA64ISAR0_EL1, 0x00200000, 0);
    // ISAR1: SB (bits [39:36] = 1), the speculation barrier, which is a plain barrier here.
    this.setSys(Sys.ID_AA64ISAR1_EL1, 0, 0x10);
    // MMFR0: 48-bit PA (5), 16-bit ASIDs (2 in [7:4]), 4K granule supported (TGran4 = 0),
    // 16K and 64K granules not supported (TGran16 [23:20] = 0, TGran64 [27:24] = 0xf).
    this.setSys(Sys.ID_AA64MMFR0_EL1, 0x0f000025, 0);
    // CTR_EL0: 64-byte lines, IDC/DIC not claimed.
    this.setSys(Sys.CTR_EL0, 0x84448004 | 0, 0);
    // DCZID_EL0: DC ZVA allowed, block size 2^4 words = 64 bytes.
    this.setSys(Sys.DCZID_EL0, 4, 0);
    this.syncRegime();
    this.mmu.invalidateAll();
    this.icount = 0;
  }

  // ---- System registers -------------------------------------------------------------

  /** Raw store of a system register's backing slot (no side effects). */
  setSys(id: Sys, lo: number, hi: number): void {
    this.sys[id * 2] = lo | 0;
    this.sys[id * 2 + 1] = hi | 0;
  }
  sysLo(id: Sys): number {
    return this.sys[id * 2];
  }
  sysHi(id: Sys): number {
    return this.sys[id * 2 + 1];
  }

  /**
   * Writes a system register with its architectural side effects: translation
   * registers refresh the MMU's view, views (NZCV, DAIF, SPSel, SP_EL0, FPCR/FPSR,
   * timer TVALs) write the state they stand for.
   */
  writeSys(id: Sys, lo: number, hi: number): void {
    switch (id) {
      case Sys.NZCV:
        this.nf = (lo >>> 31) & 1;
        this.zf = (lo >>> 30) & 1;
        this.cf = (lo >>> 29) & 1;
        this.vf = (lo >>> 28) & 1;
        return;
      case Sys.DAIF:
        this.daif = (lo >>> 6) & 0xf;
        return;
      case Sys.SPSel:
        this.switchSp(this.el, lo & 1);
        return;
      case Sys.SP_EL0:
        if (this.el === 0 || this.spsel === 0) {
          this.x[SP * 2] = lo;
          this.x[SP * 2 + 1] = hi;
        } else this.setSys(Sys.SP_EL0, lo, hi);
        return;
      case Sys.SP_EL1:
        if (this.el === 1 && this.spsel === 1) {
          this.x[SP * 2] = lo;
          this.x[SP * 2 + 1] = hi;
        } else this.setSys(Sys.SP_EL1, lo, hi);
        return;
      case Sys.FPCR:
        this.fpcr = lo & 0x07ff9f00;
        return;
      case Sys.FPSR:
        this.fpsr = lo & 0xf800009f;
        return;
      case Sys.CNTV_TVAL_EL0:
      case Sys.CNTP_TVAL_EL0: {
        // CVAL = counter + sign-extended 32-bit TVAL.
        const cval = this.counter() + (lo | 0);
        this.setSys(id === Sys.CNTV_TVAL_EL0 ? Sys.CNTV_CVAL_EL0 : Sys.CNTP_CVAL_EL0, cval % TWO32 | 0, Math.floor(cval / TWO32));
        return;
      }
      default:
        this.setSys(id, lo, hi);
    }
    switch (id) {
      case Sys.SCTLR_EL1:
      case Sys.TCR_EL1:
      case Sys.TTBR0_EL1:
      case Sys.TTBR1_EL1:
      case Sys.MAIR_EL1:
        this.syncRegime();
    }
  }

  /** Reads a system register as MRS sees it (views computed from live state). */
  readSys(id: Sys): void {
    let lo: number;
    let hi = 0;
    switch (id) {
      case Sys.NZCV:
        lo = (this.nf << 31) | (this.zf << 30) | (this.cf << 29) | (this.vf << 28);
        break;
      case Sys.DAIF:
        lo = this.daif << 6;
        break;
      case Sys.CurrentEL:
        lo = this.el << 2;
        break;
      case Sys.SPSel:
        lo = this.spsel;
        break;
      case Sys.SP_EL0:
        if (this.el === 0 || this.spsel === 0) {
          lo = this.x[SP * 2];
          hi = this.x[SP * 2 + 1];
        } else {
          lo = this.sysLo(id);
          hi = this.sysHi(id);
        }
        break;
      case Sys.SP_EL1:
        if (this.el === 1 && this.spsel === 1) {
          lo = this.x[SP * 2];
          hi = this.x[SP * 2 + 1];
        } else {
          lo = this.sysLo(id);
          hi = this.sysHi(id);
        }
        break;
      case Sys.FPCR:
        lo = this.fpcr;
        break;
      case Sys.FPSR:
        lo = this.fpsr;
        break;
      case Sys.CNTVCT_EL0:
      case Sys.CNTPCT_EL0: {
        const c = this.counter();
        lo = c % TWO32 | 0;
        hi = Math.floor(c / TWO32);
        break;
      }
      case Sys.CNTV_TVAL_EL0:
      case Sys.CNTP_TVAL_EL0: {
        const cvalId = id === Sys.CNTV_TVAL_EL0 ? Sys.CNTV_CVAL_EL0 : Sys.CNTP_CVAL_EL0;
        const cval = this.sysHi(cvalId) * TWO32 + (this.sysLo(cvalId) >>> 0);
        lo = (cval - this.counter()) | 0;
        break;
      }
      case Sys.CNTV_CTL_EL0:
      case Sys.CNTP_CTL_EL0: {
        // ISTATUS (bit 2) is computed: the condition holds whether or not it is masked.
        lo = (this.sysLo(id) & 3) | (this.timerCondition(id) ? 4 : 0);
        break;
      }
      default:
        lo = this.sysLo(id);
        hi = this.sysHi(id);
    }
    this.rhi = hi | 0;
    this.rlo = lo | 0;
  }
  /** Lo half of the last readSys. */
  rlo = 0;

  private mmuEnabledBit = 0;

  private syncRegime(): void {
    this.sctlrLo = this.sysLo(Sys.SCTLR_EL1);
    this.tcrLo = this.sysLo(Sys.TCR_EL1);
    this.tcrHi = this.sysHi(Sys.TCR_EL1);
    this.ttbr0Lo = this.sysLo(Sys.TTBR0_EL1);
    this.ttbr0Hi = this.sysHi(Sys.TTBR0_EL1);
    this.ttbr1Lo = this.sysLo(Sys.TTBR1_EL1);
    this.ttbr1Hi = this.sysHi(Sys.TTBR1_EL1);
    this.mairLo = this.sysLo(Sys.MAIR_EL1);
    this.mairHi = this.sysHi(Sys.MAIR_EL1);
    // Turning the MMU on or off changes what every cached translation means (the TLB
    // holds flat MMU-off entries too), so start afresh.
    if ((this.sctlrLo ^ this.mmuEnabledBit) & 1) {
      this.mmuEnabledBit = this.sctlrLo & 1;
      this.mmu.invalidateAll();
    }
    // TCR_EL1.A1 (bit 22) picks the TTBR that holds the ASID; AS (bit 36) its width.
    const ttbrHi = (this.tcrLo >>> 22) & 1 ? this.ttbr1Hi : this.ttbr0Hi;
    this.asid = (this.tcrHi >>> 4) & 1 ? (ttbrHi >>> 16) & 0xffff : (ttbrHi >>> 16) & 0xff;
    // The MMU enable bit and regime change what a cached fetch translation means.
    this.fetchLo = 1;
  }

  // ---- Generic timer ----------------------------------------------------------------

  /**
   * Instructions retired so far in the slice being executed (icount is brought up to
   * date only when the slice ends), so that the counter read mid-slice is exact.
   * Translated blocks add to it before their last instruction.
   */
  retiredInSlice = 0;

  /** CNTVCT: instructions retired in deterministic mode, host time otherwise. */
  counter(): number {
    if (this.deterministic) return this.icount + this.retiredInSlice;
    return Math.floor((performance.now() - this.hostClockStart) * (COUNTER_FREQUENCY / 1000));
  }

  private timerCondition(ctl: Sys): boolean {
    const cvalId = ctl === Sys.CNTV_CTL_EL0 || ctl === Sys.CNTV_TVAL_EL0 ? Sys.CNTV_CVAL_EL0 : Sys.CNTP_CVAL_EL0;
    const ctlId = cvalId === Sys.CNTV_CVAL_EL0 ? Sys.CNTV_CTL_EL0 : Sys.CNTP_CTL_EL0;
    if ((this.sysLo(ctlId) & 1) === 0) return false;
    const cval = this.sysHi(cvalId) * TWO32 + (this.sysLo(cvalId) >>> 0);
    return this.counter() >= cval;
  }

  /** True when a timer asserts its interrupt (enabled, not masked by IMASK, condition met). */
  irqPending(): boolean {
    return (
      ((this.sysLo(Sys.CNTV_CTL_EL0) & 3) === 1 && this.timerCondition(Sys.CNTV_CTL_EL0)) ||
      ((this.sysLo(Sys.CNTP_CTL_EL0) & 3) === 1 && this.timerCondition(Sys.CNTP_CTL_EL0))
    );
  }

  /** Instructions until the earliest enabled timer fires (deterministic mode), or Infinity. */
  private instructionsUntilTimer(): number {
    let best = Infinity;
    // While IRQs are masked a deadline changes nothing; unmasking ends the slice (recheckInterrupts).
    if (this.daif & 2) return best;
    for (const [ctl, cval] of [
      [Sys.CNTV_CTL_EL0, Sys.CNTV_CVAL_EL0],
      [Sys.CNTP_CTL_EL0, Sys.CNTP_CVAL_EL0],
    ] as const) {
      if ((this.sysLo(ctl) & 3) !== 1) continue;
      const when = this.sysHi(cval) * TWO32 + (this.sysLo(cval) >>> 0);
      best = Math.min(best, Math.max(0, when - this.icount));
    }
    return best;
  }

  // ---- Running ----------------------------------------------------------------------

  /** Asks a running run() to return at the next slice boundary (e.g. host input arrived). */
  requestStop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs up to `budget` instructions. Returns early when an exception or interrupt is
   * taken (if stopOnException), at WFI in EL1, or when requestStop() was called.
   */
  run(budget: number): StopReason {
    const target = this.icount + budget;
    this.stopReason = -1;
    for (;;) {
      if (this.stopRequested) {
        this.stopRequested = false;
        return StopReason.REQUESTED;
      }
      if ((this.daif & 2) === 0 && this.irqPending()) {
        this.takeInterrupt();
        if (this.stopOnException) return StopReason.IRQ;
      }
      const remaining = target - this.icount;
      if (remaining <= 0) return StopReason.BUDGET;
      let slice = Math.min(remaining, SLICE);
      if (this.deterministic) slice = Math.max(1, Math.min(remaining, this.instructionsUntilTimer()));
      this.execute(slice);
      if (this.stopReason >= 0) {
        const reason = this.stopReason;
        this.stopReason = -1;
        if (reason === RECHECK) continue;
        return reason;
      }
    }
  }

  /** Executes at most `limit` instructions; stops early when stopReason is set. */
  private execute(limit: number): void {
    if (this.translator !== null) return this.executeBlocks(limit);
    const mem = this.memory.i32;
    const handlers = this.decoder.handlers;
    const mmu = this.mmu;
    let i = 0;
    try {
      while (i < limit) {
        const pcLo = this.pcLo;
        if ((pcLo & 0xfffff003) !== this.fetchLo || this.pcHi !== this.fetchHi || this.fetchGen !== mmu.generation) {
          this.refetch();
        }
        const index = (pcLo >>> 2) & 0x3ff;
        const insn = mem[(this.fetchOff >> 2) + index];
        let op = this.fetchOps[index];
        if (op === 0) {
          op = this.decoder.decode(insn);
          this.fetchOps[index] = op;
        }
        const next = (pcLo + 4) | 0;
        this.npcLo = next;
        this.npcHi = next === 0 ? this.pcHi + 1 : this.pcHi;
        this.retiredInSlice = i;
        handlers[op](this, insn);
        this.pcLo = this.npcLo;
        this.pcHi = this.npcHi;
        i++;
        if (this.stopReason >= 0) break;
      }
    } catch (e) {
      this.icount += i;
      this.retiredInSlice = 0;
      if (e === EXCEPTION_TAKEN) return;
      throw e;
    }
    this.icount += i;
    this.retiredInSlice = 0;
  }

  /**
   * execute() with the translating tier: runs compiled blocks where there are any, and
   * interprets (counting entries, compiling hot block starts) elsewhere. The loop itself
   * is runBlocks(), without a try/catch: an exception is rare, and a handler that V8 has
   * no feedback for deoptimised the whole loop each time one was taken (once per system
   * call or page fault), sending the rest of the slice back to V8's interpreter.
   */
  private executeBlocks(limit: number): void {
    this.blockLo = 1;
    let i: number;
    try {
      i = this.runBlocks(limit);
    } catch (e) {
      // Instructions before the faulting one retired: those of earlier blocks and
      // interpreted instructions (retiredInSlice, or blockBase in a block, whose last
      // instruction adds to retiredInSlice), plus the block's own.
      i =
        this.blockLo === 1
          ? this.retiredInSlice
          : this.tierRetired >= 0
            ? this.blockBase + this.tierRetired
            : this.blockBase + this.loopRetired + ((this.exceptionPcLo - this.blockLo) >>> 2);
      this.blockLo = 1;
      this.loopRetired = 0;
      this.tierRetired = -1;
      this.icount += i;
      this.retiredInSlice = 0;
      if (e === EXCEPTION_TAKEN) return;
      throw e;
    }
    this.icount += i;
    this.retiredInSlice = 0;
  }

  /** PC of the translated block being run, or 1 while interpreting (for exception counting). */
  private blockLo = 1;
  /** Instructions of the slice retired before the block being run. */
  private blockBase = 0;

  /**
   * The dispatch loop of executeBlocks. Only a block's last instruction can set stopReason
   * (branches and system instructions end blocks), so it is looked at once per block. A
   * block longer than what remains of the slice is not entered, so budgets and
   * deterministic timer deadlines land on the same instruction as in the interpreter.
   */
  private runBlocks(limit: number): number {
    const mmu = this.mmu;
    let i = 0;
    while (i < limit) {
      const pcLo = this.pcLo;
      // Before refetch, which may take an instruction abort.
      this.retiredInSlice = i;
      if ((pcLo & 0xfffff003) !== this.fetchLo || this.pcHi !== this.fetchHi || this.fetchGen !== mmu.generation) {
        this.refetch();
      }
      const block = this.fetchBlocks[(pcLo >>> 2) & 0x3ff];
      if (block !== undefined && block.lo === pcLo && block.hi === this.pcHi && block.length <= limit - i) {
        this.blockBase = i;
        this.blockLo = pcLo;
        i += block.run(this, limit - i);
        this.blockLo = 1;
      } else {
        i += this.interpretOrCompile(pcLo);
      }
      if (this.stopReason >= 0) break;
    }
    return i;
  }

  /**
   * Outside compiled code: interprets the instruction at the PC (returns 1), or, when a
   * block start has become hot (or was compiled for another VA mapping the same page),
   * compiles it for this VA and returns 0 so the loop enters it.
   */
  private interpretOrCompile(pcLo: number): number {
    const index = (pcLo >>> 2) & 0x3ff;
    const block = this.fetchBlocks[index];
    if ((block === undefined || block.lo !== pcLo || block.hi !== this.pcHi) && this.fetchHits[index]++ >= this.translateThreshold) {
      this.fetchHits[index] = 0;
      const compiled = this.translator!.compile(this.memory.i32, this.fetchOff >> 2, this.fetchOps, pcLo, this.pcHi, this.fetchBlocks, this.fetchHits);
      if (this.translator!.compiled - this.compiledAtClear > this.maxBlocks) {
        // The bound: drop every block (their functions and modules become garbage) and
        // start again from the hot code of now, as qemu flushes its whole code buffer.
        this.code.clearBlocks();
        this.compiledAtClear = this.translator!.compiled;
        this.fetchLo = 1;
        return 0;
      }
      if (compiled !== null) {
        this.fetchBlocks[index] = compiled;
        return 0;
      }
      // Queued for a batch: interpret it meanwhile.
    }
    const insn = this.memory.i32[(this.fetchOff >> 2) + index];
    let op = this.fetchOps[index];
    if (op === 0) {
      op = this.decoder.decode(insn);
      this.fetchOps[index] = op;
    }
    const next = (pcLo + 4) | 0;
    this.npcLo = next;
    this.npcHi = next === 0 ? this.pcHi + 1 : this.pcHi;
    this.decoder.handlers[op](this, insn);
    this.pcLo = this.npcLo;
    this.pcHi = this.npcHi;
    return 1;
  }

  /** Translates the PC for execution and selects its page of decoded instructions. */
  private refetch(): void {
    const lo = this.pcLo;
    const hi = this.pcHi;
    if (lo & 3) this.pcAlignmentFault();
    const slot = this.translate(lo, hi, 4, this.needExec, AccessKind.EXEC);
    const off = slot - (lo & 0xfff);
    const page = off >>> PAGE_SHIFT;
    const code = this.code;
    this.fetchOps = code.ops(page);
    if (this.translator !== null) {
      this.fetchBlocks = code.blocksOf(page);
      this.fetchHits = code.hitsOf(page);
    }
    this.fetchOff = off;
    this.fetchLo = lo & 0xfffff000;
    this.fetchHi = hi;
    this.fetchGen = this.mmu.generation;
  }

  private dropDecodedPage(page: number): void {
    this.code.drop(page);
    if (this.fetchOff >>> PAGE_SHIFT === page) this.fetchLo = 1;
  }

  /** Marks the instruction stream as changed so the next fetch translates again. */
  invalidateFetch(): void {
    this.fetchLo = 1;
  }

  // ---- Memory accesses --------------------------------------------------------------

  /**
   * Returns the RAM buffer offset of a `size`-byte access at VA hi:lo, raising the
   * architectural fault when it cannot be made. Accesses that cross a page are the
   * caller's business (see the read/write helpers); this one checks a single page.
   */
  translate(lo: number, hi: number, size: number, need: number, kind: AccessKind): number {
    const mmu = this.mmu;
    const slot = (lo >>> PAGE_SHIFT) & TLB_MASK;
    const a = mmu.asid[slot];
    if (mmu.vpn[slot] === lo >>> PAGE_SHIFT && mmu.vhi[slot] === hi && (a === -1 || a === this.asid) && (mmu.perm[slot] & (need | Perm.DEVICE)) === need) {
      return mmu.off[slot] + (lo & 0xfff);
    }
    return this.translateSlow(lo, hi, size, need, kind);
  }

  private translateSlow(lo: number, hi: number, size: number, need: number, kind: AccessKind): number {
    const mmu = this.mmu;
    let slot = (lo >>> PAGE_SHIFT) & TLB_MASK;
    const a = mmu.asid[slot];
    if (!(mmu.vpn[slot] === lo >>> PAGE_SHIFT && mmu.vhi[slot] === hi && (a === -1 || a === this.asid))) {
      slot = mmu.walk(this, lo, hi, this.asid, kind);
      if (slot < 0) this.abort(kind, mmu.faultStatus, lo, hi);
    }
    const watched = mmu.watched[slot];
    if (watched & need) this.checkWatchpoints(lo, hi, size, kind);
    const perm = mmu.perm[slot] | watched;
    if ((perm & need) === 0) this.abort(kind, FSC.PERMISSION + mmu.level[slot], lo, hi);
    if (perm & Perm.DEVICE && lo & (size - 1)) this.abort(kind, FSC.ALIGNMENT, lo, hi);
    return mmu.off[slot] + (lo & 0xfff);
  }

  /**
   * An EL0 access of `size` bytes at hi:lo on a watched page: one that touches a watchpoint
   * of its kind takes the Watchpoint exception before it is made (ELR: this instruction,
   * FAR: the access's address, ISS: WnR and the debug-event DFSC), as the architecture's
   * synchronous watchpoints do.
   */
  private checkWatchpoints(lo: number, hi: number, size: number, kind: AccessKind): void {
    const va = hi * 4294967296 + (lo >>> 0);
    const bit = kind === AccessKind.WRITE ? 2 : 1;
    for (const w of this.mmu.watchpoints) {
      if (w.kind & bit && va < w.addr + w.length && va + size > w.addr) {
        this.setSys(Sys.FAR_EL1, lo, hi);
        this.takeException(EC.WATCHPOINT_LOWER, (bit === 2 ? 1 << 6 : 0) | FSC.DEBUG, this.pcLo, this.pcHi);
      }
    }
  }

  /** Raises an alignment fault unless hi:lo is aligned to `size` (exclusives, atomics, acquire/release). */
  checkAlignment(lo: number, hi: number, size: number, kind: AccessKind): void {
    if (lo & (size - 1)) this.abort(kind, FSC.ALIGNMENT, lo, hi);
  }

  /** Raises an SP alignment fault if SP is the base register and SCTLR_EL1.SA/SA0 asks for checks. */
  checkSpAlignment(): void {
    const enabled = this.el === 0 ? (this.sctlrLo >>> 4) & 1 : (this.sctlrLo >>> 3) & 1;
    if (enabled && this.x[SP * 2] & 15) {
      this.takeException(EC.SP_ALIGN, 0, this.pcLo, this.pcHi);
    }
  }

  read8(lo: number, hi: number): number {
    const off = this.translate(lo, hi, 1, this.needRead, AccessKind.READ);
    return this.memory.u8[off];
  }

  read16(lo: number, hi: number): number {
    if ((lo & 0xfff) > 0xffe) return this.readCrossing(lo, hi, 2);
    const off = this.translate(lo, hi, 2, this.needRead, AccessKind.READ);
    return this.memory.view.getUint16(off, true);
  }

  /** Returns the word as a signed int32. */
  read32(lo: number, hi: number): number {
    if ((lo & 0xfff) > 0xffc) return this.readCrossing(lo, hi, 4) | 0;
    const off = this.translate(lo, hi, 4, this.needRead, AccessKind.READ);
    return off & 3 ? this.memory.view.getInt32(off, true) : this.memory.i32[off >> 2];
  }

  /** Returns the lo word; the hi word is left in rhi. */
  read64(lo: number, hi: number): number {
    if ((lo & 0xfff) > 0xff8) {
      this.crossingOffsets(lo, hi, 8, this.needRead, AccessKind.READ, this.crossing);
      const u8 = this.memory.u8;
      const c = this.crossing;
      this.rhi = u8[c[4]] | (u8[c[5]] << 8) | (u8[c[6]] << 16) | (u8[c[7]] << 24);
      return u8[c[0]] | (u8[c[1]] << 8) | (u8[c[2]] << 16) | (u8[c[3]] << 24);
    }
    const off = this.translate(lo, hi, 8, this.needRead, AccessKind.READ);
    if (off & 3) {
      this.rhi = this.memory.view.getInt32(off + 4, true);
      return this.memory.view.getInt32(off, true);
    }
    const w = off >> 2;
    this.rhi = this.memory.i32[w + 1];
    return this.memory.i32[w];
  }

  write8(lo: number, hi: number, value: number): void {
    const off = this.translate(lo, hi, 1, this.needWrite, AccessKind.WRITE);
    this.memory.u8[off] = value;
    if (this.memory.codePage[off >>> PAGE_SHIFT]) this.dropDecodedPage(off >>> PAGE_SHIFT);
  }

  write16(lo: number, hi: number, value: number): void {
    if ((lo & 0xfff) > 0xffe) return this.writeCrossing(lo, hi, 2, value, 0);
    const off = this.translate(lo, hi, 2, this.needWrite, AccessKind.WRITE);
    this.memory.view.setUint16(off, value, true);
    if (this.memory.codePage[off >>> PAGE_SHIFT]) this.dropDecodedPage(off >>> PAGE_SHIFT);
  }

  write32(lo: number, hi: number, value: number): void {
    if ((lo & 0xfff) > 0xffc) return this.writeCrossing(lo, hi, 4, value, 0);
    const off = this.translate(lo, hi, 4, this.needWrite, AccessKind.WRITE);
    if (off & 3) this.memory.view.setInt32(off, value, true);
    else this.memory.i32[off >> 2] = value;
    if (this.memory.codePage[off >>> PAGE_SHIFT]) this.dropDecodedPage(off >>> PAGE_SHIFT);
  }

  write64(lo: number, hi: number, vlo: number, vhi: number): void {
    if ((lo & 0xfff) > 0xff8) return this.writeCrossing(lo, hi, 8, vlo, vhi);
    const off = this.translate(lo, hi, 8, this.needWrite, AccessKind.WRITE);
    if (off & 3) {
      this.memory.view.setInt32(off, vlo, true);
      this.memory.view.setInt32(off + 4, vhi, true);
    } else {
      const w = off >> 2;
      this.memory.i32[w] = vlo;
      this.memory.i32[w + 1] = vhi;
    }
    if (this.memory.codePage[off >>> PAGE_SHIFT]) this.dropDecodedPage(off >>> PAGE_SHIFT);
  }

  /** Byte offsets of an access that may cross into the next page, translated up front. */
  private crossingOffsets(lo: number, hi: number, size: number, need: number, kind: AccessKind, out: Int32Array): void {
    for (let i = 0; i < size; i++) {
      const a = (lo + i) | 0;
      const ahi = (lo >>> 0) + i > 0xffffffff ? hi + 1 : hi;
      out[i] = this.translateSlow(a, ahi, 1, need, kind);
    }
    // Device memory (MMU off) never allows an unaligned access.
    if (this.mmu.perm[(lo >>> PAGE_SHIFT) & TLB_MASK] & Perm.DEVICE) this.abort(kind, FSC.ALIGNMENT, lo, hi);
  }
  private readonly crossing = new Int32Array(8);

  private readCrossing(lo: number, hi: number, size: number): number {
    this.crossingOffsets(lo, hi, size, this.needRead, AccessKind.READ, this.crossing);
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = (value * 256) + this.memory.u8[this.crossing[i]];
    return value;
  }

  private writeCrossing(lo: number, hi: number, size: number, vlo: number, vhi: number): void {
    this.crossingOffsets(lo, hi, size, this.needWrite, AccessKind.WRITE, this.crossing);
    for (let i = 0; i < size; i++) {
      const byte = i < 4 ? (vlo >>> (8 * i)) & 0xff : (vhi >>> (8 * (i - 4))) & 0xff;
      const off = this.crossing[i];
      this.memory.u8[off] = byte;
      if (this.memory.codePage[off >>> PAGE_SHIFT]) this.dropDecodedPage(off >>> PAGE_SHIFT);
    }
  }

  // ---- Exceptions -------------------------------------------------------------------

  /** Takes a data or instruction abort for an access at VA hi:lo. Never returns. */
  abort(kind: AccessKind, status: number, lo: number, hi: number): never {
    const lower = this.el === 0;
    if (kind === AccessKind.EXEC) {
      this.setSys(Sys.FAR_EL1, lo, hi);
      this.takeException(lower ? EC.INSN_ABORT_LOWER : EC.INSN_ABORT_SAME, status, this.pcLo, this.pcHi);
    }
    this.setSys(Sys.FAR_EL1, lo, hi);
    const wnr = kind === AccessKind.WRITE ? 1 << 6 : 0;
    this.takeException(lower ? EC.DATA_ABORT_LOWER : EC.DATA_ABORT_SAME, wnr | status, this.pcLo, this.pcHi);
  }

  /** The Undefined Instruction exception (EC 0x00) for the current instruction. */
  undefinedInstruction(): never {
    this.takeException(EC.UNKNOWN, 0, this.pcLo, this.pcHi);
  }

  private pcAlignmentFault(): never {
    this.setSys(Sys.FAR_EL1, this.pcLo, this.pcHi);
    this.takeException(EC.PC_ALIGN, 0, this.pcLo, this.pcHi);
  }

  /** The SPSR value that describes the current PSTATE. */
  pstateBits(): number {
    return (this.nf << 31) | (this.zf << 30) | (this.cf << 29) | (this.vf << 28) | (this.daif << 6) | (this.el << 2) | (this.el ? this.spsel : 0);
  }

  /**
   * Enters a synchronous exception at EL1: ESR, ELR, SPSR, PSTATE and PC as the
   * architecture specifies (FAR is set by the caller where the class has one), then
   * unwinds the current instruction. Never returns.
   */
  takeException(ec: EC, iss: number, returnLo: number, returnHi: number): never {
    this.enterException(Vector.SYNC, returnLo, returnHi);
    // IL = 1: every A64 instruction is 32 bits.
    this.setSys(Sys.ESR_EL1, (ec << 26) | (1 << 25) | (iss & 0x1ffffff), 0);
    if (this.stopOnException) this.stopReason = StopReason.EXCEPTION;
    throw EXCEPTION_TAKEN;
  }

  /** Takes the IRQ exception (ESR is not written for interrupts). */
  takeInterrupt(): void {
    this.enterException(Vector.IRQ, this.pcLo, this.pcHi);
  }

  private enterException(kind: Vector, returnLo: number, returnHi: number): void {
    this.exceptionPcLo = this.pcLo;
    const group = this.el === 0 ? Vector.LOWER_A64 : this.spsel ? Vector.CURRENT_SPX : Vector.CURRENT_SP0;
    this.setSys(Sys.SPSR_EL1, this.pstateBits(), 0);
    this.setSys(Sys.ELR_EL1, returnLo, returnHi);
    this.switchSp(1, 1);
    this.el = 1;
    this.daif = 0xf;
    this.exclusiveAddr = -1;
    this.updateAccessNeeds();
    const vbarLo = this.sysLo(Sys.VBAR_EL1) & ~0x7ff;
    const target = (vbarLo >>> 0) + group + kind;
    this.pcLo = target | 0;
    this.pcHi = this.sysHi(Sys.VBAR_EL1) + (target > 0xffffffff ? 1 : 0);
    this.npcLo = this.pcLo;
    this.npcHi = this.pcHi;
  }

  /** ERET: restores PSTATE from SPSR_EL1 and continues at ELR_EL1. */
  exceptionReturn(): void {
    const spsr = this.sysLo(Sys.SPSR_EL1);
    this.nf = (spsr >>> 31) & 1;
    this.zf = (spsr >>> 30) & 1;
    this.cf = (spsr >>> 29) & 1;
    this.vf = (spsr >>> 28) & 1;
    this.daif = (spsr >>> 6) & 0xf;
    // Only EL0 and EL1 exist; a return to a higher EL is an illegal return, which we treat as EL1.
    const el = (spsr >>> 2) & 3 ? 1 : 0;
    this.switchSp(el, el ? spsr & 1 : 0);
    this.el = el;
    this.exclusiveAddr = -1;
    this.updateAccessNeeds();
    this.pcLo = this.sysLo(Sys.ELR_EL1);
    this.pcHi = this.sysHi(Sys.ELR_EL1);
    this.npcLo = this.pcLo;
    this.npcHi = this.pcHi;
  }

  /** Banks the current SP and selects the one for (el, spsel). */
  private switchSp(el: number, spsel: number): void {
    const from = this.el === 0 || this.spsel === 0 ? Sys.SP_EL0 : Sys.SP_EL1;
    const to = el === 0 || spsel === 0 ? Sys.SP_EL0 : Sys.SP_EL1;
    this.spsel = spsel;
    if (from === to) return;
    this.setSys(from, this.x[SP * 2], this.x[SP * 2 + 1]);
    this.x[SP * 2] = this.sysLo(to);
    this.x[SP * 2 + 1] = this.sysHi(to);
  }

  private updateAccessNeeds(): void {
    this.needRead = this.el ? Perm.R1 : Perm.R0;
    this.needWrite = this.el ? Perm.W1 : Perm.W0;
    this.needExec = this.el ? Perm.X1 : Perm.X0;
    this.fetchLo = 1;
  }

  /** Sets the exception level directly (tests and boot code; a kernel uses ERET). */
  setExceptionLevel(el: 0 | 1, spsel: 0 | 1 = 1): void {
    this.switchSp(el, el ? spsel : 0);
    this.el = el;
    this.updateAccessNeeds();
  }

  /**
   * Ends the current slice after this instruction so that run() looks at pending
   * interrupts and the timer deadline again (MSR DAIF, ERET, writes to timer registers).
   */
  recheckInterrupts(): void {
    if (this.stopReason < 0) this.stopReason = RECHECK;
  }

  /** Stops run() after the current instruction with the given reason (WFI). */
  stopAfterInstruction(reason: StopReason): void {
    this.stopReason = reason;
  }
}
