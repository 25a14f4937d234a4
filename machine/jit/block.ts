/**
 * What every translating tier shares: the shape of a compiled block as the CPU's dispatch
 * loop sees it, the longest block, and the settings (on/off, compile threshold, which
 * tier) read from the options and the environment.
 */

import type { Cpu } from '../cpu.js';
import type { Decoder } from '../decoder.js';

/**
 * The decoded op of word `index` of a page (words from `pageWord`), decoding it into the
 * page's op cache on first use: how every tier and the region former read a page.
 */
export function opAt(decoder: Decoder, words: Int32Array, pageWord: number, ops: Uint16Array, index: number): number {
  let op = ops[index];
  if (op === 0) {
    op = decoder.decode(words[pageWord + index]);
    ops[index] = op;
  }
  return op;
}

/**
 * Hints other than WFI (NOP, YIELD, BTI, the alignment padding compilers put before loops)
 * and the barriers that order nothing in this machine (DSB, DMB, ISB... by CRm/op2: 4, 5,
 * 7) are no-ops for a translating tier: they need not end a block.
 */
export function isNoOp(name: string, insn: number): boolean {
  return (name === 'HINT' && ((insn >>> 5) & 0x7f) !== 3) || (name === 'barrier' && [4, 5, 7].includes((insn >>> 5) & 7));
}

/** SYS's op1:CRn:CRm:op2 field (bits 18:5) of DC ZVA. */
const DC_ZVA_FIELD = (3 << 11) | (7 << 7) | (4 << 3) | 1;

/** DC ZVA (a 64-byte store of zeros, in memset's loops), which the wasm tier keeps inside blocks. */
export function isDcZva(name: string, insn: number): boolean {
  return name === 'SYS' && ((insn >>> 5) & 0x3fff) === DC_ZVA_FIELD;
}

/** Longest block, in instructions: bounds compile time and the code size V8 must optimise. */
export const MAX_BLOCK_LENGTH = 64;

/**
 * How many times a block start is interpreted before it is compiled. Compiling costs
 * ~100 microseconds (new Function), and the block then runs in V8's interpreter, slower
 * than ours, for hundreds of calls until V8 optimises it (on another thread, which on a
 * 2-core host competes with the guest). So only code that will run many times is worth
 * it; a loop reaches the threshold almost at once. stdcheck (128 M instructions): 16 ->
 * 2000 blocks compiled, 1000 -> 1230, and ~10% less main-thread CPU.
 */
export const DEFAULT_THRESHOLD = 1000;

/**
 * The wasm tier's threshold: a wasm region (a hot block and what its direct branches reach
 * on its page) costs more to compile than a JS block but runs at once at full speed (V8's
 * Liftoff needs no warm-up), so the break-even is later. Measured on stdcheck (CPU time of
 * the whole run, load ~18): 1000 -> 8.5 s (1,518 blocks), 5000 -> 6.0 s (872), 15000 ->
 * 5.3 s (552); cpubench's loops are hot long before either (2.2-2.5 s at all three).
 * Start-up code, which runs a great deal once or a few thousand times, pays most: Debian's
 * `python3 -c 'print(1)'` under `run -L` (43 M instructions; CPU time, load ~12) took ~5.0 s
 * at 5000 (~730 blocks, ~2.7 s of it compiling while the translator itself was still cold)
 * and ~2.5 s at 20000 (~170 blocks); a bash loop of ten `seq` execs 0.70 -> 0.51 s; stdcheck
 * 1.90 -> 1.68 s; cpubench 1.08 -> 1.14 s (noise). Hence 20000.
 */
export const DEFAULT_WASM_THRESHOLD = 20000;

/**
 * Runs the block; returns the number of instructions retired. A block that branches back
 * to its own start loops inside the function while another iteration fits in `budget`
 * (which is at least the block's length), keeping cpu.loopRetired at the instructions of
 * the iterations completed so far in case one takes an exception.
 */
export type BlockFunction = (cpu: Cpu, budget: number) => number;

export interface Block {
  /** The VA the block was compiled for (its PC-relative constants depend on it). */
  readonly lo: number;
  readonly hi: number;
  /** Instructions in the block: the most it retires in one call. */
  readonly length: number;
  readonly run: BlockFunction;
}

/** A translating tier: compiles the block at a VA from a physical page's words. */
export interface BlockCompiler {
  /** Blocks compiled so far (for benchmarks and tests). */
  compiled: number;
  /**
   * @param words RAM as 32-bit words
   * @param pageWord index in `words` of the page's first word
   * @param ops the page's decoded-op cache (filled in for the words the block covers)
   * @param lo the block's VA, lo half (its page offset selects the first word)
   * @param hi the block's VA, hi half
   * @param blocks the page's block table: a tier that compiles in batches queues the block
   *   and returns null (the CPU goes on interpreting it), putting it into the table later
   * @param hits the page's interpreted-entry counters (by word), which tell a region former
   *   which other code of the page has run
   */
  compile(words: Int32Array, pageWord: number, ops: Uint16Array, lo: number, hi: number, blocks?: (Block | undefined)[], hits?: Uint16Array): Block | null;
}

/** Which translating tier compiles hot blocks. */
export type Tier = 'js' | 'wasm';

/** Options the CPU reads: translate on/off and the compile threshold. */
export interface TranslationSettings {
  enabled: boolean;
  /** Set by AKUMA_TRANSLATE=eager or =<number>; else the tier's default (defaultThreshold). */
  threshold?: number;
  tier: Tier;
}

/**
 * Default settings, overridable from the environment so a whole test suite can run in
 * either mode: AKUMA_TRANSLATE=0 turns the tier off, AKUMA_TRANSLATE=eager compiles every
 * block on its first entry (so even one-shot test snippets go through the translator),
 * AKUMA_TRANSLATE=<number> sets the compile threshold; AKUMA_TIER=js picks the JS tier (the
 * reference the wasm tier, the default, is tested against).
 */
export function defaultTranslationSettings(): TranslationSettings {
  const env = typeof process !== 'undefined' ? process.env.AKUMA_TRANSLATE : undefined;
  const tier: Tier = typeof process !== 'undefined' && process.env.AKUMA_TIER === 'js' ? 'js' : 'wasm';
  if (env === '0' || env === 'off' || env === 'false') return { enabled: false, tier };
  if (env === 'eager') return { enabled: true, threshold: 0, tier };
  // A number: that compile threshold (for tuning it).
  if (env !== undefined && /^[0-9]+$/.test(env)) return { enabled: true, threshold: Number(env), tier };
  return { enabled: true, tier };
}

/** The compile threshold of a tier when neither the options nor the environment set one. */
export function defaultThreshold(tier: Tier): number {
  return tier === 'wasm' ? DEFAULT_WASM_THRESHOLD : DEFAULT_THRESHOLD;
}

