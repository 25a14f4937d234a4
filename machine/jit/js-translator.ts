/**
 * The JavaScript tier: compiles a basic block of A64 code into one JavaScript function.
 *
 * A block starts at a PC and runs straight on until, and including, the first
 * instruction that may change the PC or the CPU's mode (every branch and system
 * instruction, and Undefined; see `endsBlock` in decoder.ts), the end of the 4 KiB page,
 * or MAX_BLOCK_LENGTH instructions. The generated function calls each instruction's own
 * handler with the instruction word as a constant:
 *
 *     c.pcLo = 4195136; H2(c, -1862270943);
 *
 * Each handler is bound through the factory's parameters, so every call site sees one
 * target: V8 can inline the handler and fold the constant word through its field
 * extraction, and the interpreter's per-instruction work (fetch checks, the decoded-op
 * lookup, computing the next PC, the megamorphic handler call) disappears. The handlers
 * stay the single definition of each instruction's semantics.
 *
 * What a block relies on, and who keeps it true:
 *  - Its code and PC-relative constants: blocks live in the CPU's per-physical-page cache
 *    next to the decoded ops and are dropped with them when the page is written, and each
 *    is tagged with the VA it was compiled for (the CPU checks the tag on entry).
 *  - pcHi: a block never crosses a page, so pcHi is the tag's hi half throughout.
 *  - The mode, the translation regime and interrupt state change only in block-ending
 *    instructions (MSR, ERET, TLBI, ISB, WFI...) or by taking an exception, which throws.
 *  - A store into the block's own page (self-modifying code) is seen by the CPU's write
 *    path, which drops the page and sets `fetchLo = 1`; after every load/store-class
 *    instruction the block looks at that and leaves early, so the rest of the page is
 *    decoded afresh exactly as the interpreter would.
 *
 * Instruction counting stays exact: the block returns how many instructions it retired;
 * when an instruction takes an exception, the CPU counts the block's instructions before
 * the faulting one from the PC the exception was taken at (`exceptionPcLo`). Before the
 * block-ending instruction the block adds its length to `retiredInSlice`, so a counter
 * read there (deterministic CNTVCT) is exact too.
 */

import type { Cpu } from '../cpu.js';
import type { Decoder, Handler } from '../decoder.js';
import { addFlags32, addFlags64 } from '../alu.js';
import { TEMPLATES, ENDING_TEMPLATES } from './js-templates.js';
import { MAX_BLOCK_LENGTH, opAt, type Block, type BlockCompiler, type BlockFunction } from './block.js';

/** Loads and stores are the encodings with op0 (bits [28:25]) = x1x0. */
function isLoadStore(insn: number): boolean {
  return ((insn >>> 25) & 5) === 4;
}

const TWO32 = 4294967296;
/** Marks an early exit in generated code until it is known whether the block loops. */
const EXIT = '/*exit*/';
/** Marks where a loop adds the instructions of its completed iterations (nothing if none). */
const LOOPED = '/*looped*/';
/** Stands for the block's length until it is known. */
const LENGTH = '/*length*/';

export class Translator implements BlockCompiler {
  /** Blocks compiled so far (for benchmarks and tests). */
  compiled = 0;

  /**
   * @param inline use the inline templates of translator-templates.ts for the hottest
   *   forms (off: every instruction calls its handler; the tests compare both)
   */
  constructor(
    private readonly decoder: Decoder,
    private readonly inline = true,
  ) {}

  /**
   * Compiles the block at word `index` of a physical page.
   * @param words RAM as 32-bit words
   * @param pageWord index in `words` of the page's first word
   * @param ops the page's decoded-op cache (filled in for the words the block covers)
   * @param lo the block's VA, lo half (its page offset selects `index`)
   * @param hi the block's VA, hi half
   */
  compile(words: Int32Array, pageWord: number, ops: Uint16Array, lo: number, hi: number): Block {
    const decoder = this.decoder;
    const start = (lo >>> 2) & 0x3ff;
    const handlers: Handler[] = [];
    const names: string[] = [];
    const nameOf = (h: Handler): string => {
      let k = handlers.indexOf(h);
      if (k < 0) {
        k = handlers.length;
        handlers.push(h);
        names.push('H' + k);
      }
      return names[k];
    };
    let body = '';
    let length = 0;
    let ended = false;
    let loop = false;
    for (let index = start; index < 1024 && length < MAX_BLOCK_LENGTH; index++) {
      const insn = words[pageWord + index];
      const op = opAt(decoder, words, pageWord, ops, index);
      const pcLo = (lo + 4 * length) | 0;
      // The next instruction's address; only the last word of a page can carry into hi.
      const nextUnsigned = (pcLo >>> 0) + 4;
      const nextLo = nextUnsigned | 0;
      const nextHi = nextUnsigned >= TWO32 ? (hi + 1) | 0 : hi;
      const name = decoder.names[op];
      length++;
      if (decoder.endsBlock[op]) {
        const branch = ENDING_TEMPLATES[name]?.(insn, pcLo, hi, nextLo, nextHi);
        const toStart = branch !== null && branch !== undefined && branch.targetLo === lo && branch.targetHi === hi;
        if (branch && branch.test !== null && index < 1023 && length < MAX_BLOCK_LENGTH) {
          // A conditional branch with its fall-through on the page: the taken side leaves
          // (or loops) and the block goes on, so loops with an early exit (memcmp, strlen)
          // become one function instead of a round trip through the CPU per branch.
          body += toStart
            ? `${branch.before}if (${branch.test}) { n += ${length}; if (n + ${LENGTH} <= budget) { c.loopRetired = n; continue; } ` +
              `c.pcLo = ${lo}; c.pcHi = ${hi}; c.loopRetired = 0; return n; }\n`
            : `${branch.before}if (${branch.test}) { c.pcLo = ${branch.targetLo}; c.pcHi = ${branch.targetHi}; ${EXIT}${length}; }\n`;
          loop ||= toStart;
          continue;
        }
        if (branch && toStart) {
          // A loop onto itself: iterate inside the function while the budget allows.
          loop = true;
          body +=
            `n += ${length}; ${branch.before}\n` +
            `if (${branch.test ?? 'true'}) { if (n + ${length} <= budget) { c.loopRetired = n; continue; } c.pcLo = ${lo}; c.pcHi = ${hi}; }` +
            (branch.test === null ? '\n' : ` else { c.pcLo = ${nextLo}; c.pcHi = ${nextHi}; }\n`) +
            `c.loopRetired = 0; return n;\n`;
        } else if (branch) {
          const taken = `c.pcLo = ${branch.targetLo}; c.pcHi = ${branch.targetHi};`;
          body +=
            branch.before +
            (branch.test === null ? taken : `if (${branch.test}) { ${taken} } else { c.pcLo = ${nextLo}; c.pcHi = ${nextHi}; }`) +
            `\n${EXIT}${length};\n`;
        } else {
          // The handler may branch (write npc), stop the slice or read the counter.
          body +=
            `c.pcLo = ${pcLo}; c.npcLo = ${nextLo}; c.npcHi = ${nextHi}; c.retiredInSlice += ${LOOPED}${length - 1};\n` +
            `${nameOf(decoder.handlers[op])}(c, ${insn});\n` +
            `c.pcLo = c.npcLo; c.pcHi = c.npcHi;\n` +
            `${EXIT}${length};\n`;
        }
        ended = true;
        break;
      }
      const inline = this.inline ? TEMPLATES[name]?.(insn) : undefined;
      let mayStore: boolean;
      if (inline) {
        // ALU templates cannot fault and do not read the PC: no need to set it for them.
        body += inline.pc ? `c.pcLo = ${pcLo}; ${inline.code}\n` : `${inline.code}\n`;
        mayStore = inline.store;
      } else {
        body += `c.pcLo = ${pcLo}; ${nameOf(decoder.handlers[op])}(c, ${insn});\n`;
        mayStore = isLoadStore(insn);
      }
      if (mayStore) {
        // A store into this page dropped its decoded code: leave, and let the CPU decode afresh.
        body += `if (c.fetchLo === 1) { c.pcLo = ${nextLo}; c.pcHi = ${nextHi}; ${EXIT}${length}; }\n`;
      }
      if (index === 1023 || length === MAX_BLOCK_LENGTH) {
        body += `c.pcLo = ${nextLo}; c.pcHi = ${nextHi};\n${EXIT}${length};\n`;
        ended = true;
      }
    }
    if (!ended) throw new Error('translator: block did not end');
    const label = `block_${(hi >>> 0).toString(16)}_${(lo >>> 0).toString(16)}`;
    // Early exits return what this iteration retired, plus earlier iterations' in a loop.
    const exits = body
      .replaceAll(EXIT, loop ? 'c.loopRetired = 0; return n + ' : 'return ')
      .replaceAll(LOOPED, loop ? 'n + ' : '')
      .replaceAll(LENGTH, String(length));
    // Parenthesised, so V8 compiles the block with the factory instead of pre-parsing it now
    // and parsing it again at its first call (which always follows).
    const source = loop
      ? `return (function ${label}(c, budget) {\nconst x = c.x;\nlet n = 0;\nfor (;;) {\n${exits}}\n});`
      : `return (function ${label}(c) {\nconst x = c.x;\n${exits}});`;
    const factory = new Function('AF64', 'AF32', ...names, source) as (...h: unknown[]) => BlockFunction;
    this.compiled++;
    return { lo, hi, length, run: factory(addFlags64, addFlags32, ...handlers) };
  }
}
