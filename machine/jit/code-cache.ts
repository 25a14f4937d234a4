/**
 * The CPU's code caches, per physical page of RAM: the decoded op numbers of its words
 * (interpreter), the compiled blocks starting in it (translating tiers) and the entry
 * counters that decide when a block start is hot enough to compile.
 *
 * Caches are keyed by physical page so that two virtual mappings of one page share the
 * decoding, and so a write to the page (seen by every write path through
 * PhysicalMemory.codePage) drops everything derived from it at once. The per-page
 * tables are allocated at full length up front: filled sparsely, V8 would turn them into
 * hash tables, and every fetch from a new page would look up three.
 */

import type { PhysicalMemory } from '../memory.js';
import { PAGE_SHIFT } from '../memory.js';
import type { Block } from './block.js';

/** Words in a 4 KiB page, and so entries in each per-page table. */
export const PAGE_WORDS = 1024;

export class CodeCache {
  /** Decoded op numbers per physical page index of RAM (0 = not decoded yet). */
  private readonly decoded: (Uint16Array | undefined)[];
  /** Translated blocks per physical page index, by word offset in the page. */
  private readonly blocks: ((Block | undefined)[] | undefined)[];
  /** Interpreted entries per block start, per physical page index, until it is compiled. */
  private readonly hits: (Uint16Array | undefined)[];

  constructor(
    private readonly memory: PhysicalMemory,
    /** Whether blocks and counters are kept (a translating tier is on). */
    private readonly translating: boolean,
  ) {
    const pages = memory.size >>> PAGE_SHIFT;
    this.decoded = new Array<Uint16Array | undefined>(pages).fill(undefined);
    this.blocks = new Array<(Block | undefined)[] | undefined>(pages).fill(undefined);
    this.hits = new Array<Uint16Array | undefined>(pages).fill(undefined);
  }

  /** The decoded-op table of a page, created (and the page marked as holding code) on first use. */
  ops(page: number): Uint16Array {
    let ops = this.decoded[page];
    if (!ops) {
      ops = new Uint16Array(PAGE_WORDS);
      this.decoded[page] = ops;
      this.memory.codePage[page] = 1;
    }
    return ops;
  }

  /** The block table of a page (empty without a translating tier). */
  blocksOf(page: number): (Block | undefined)[] {
    let blocks = this.blocks[page];
    if (!blocks) {
      blocks = new Array<Block | undefined>(this.translating ? PAGE_WORDS : 0).fill(undefined);
      if (this.translating) this.blocks[page] = blocks;
    }
    return blocks;
  }

  /** The entry counters of a page's block starts. */
  hitsOf(page: number): Uint16Array {
    let hits = this.hits[page];
    if (!hits) {
      hits = new Uint16Array(PAGE_WORDS);
      if (this.translating) this.hits[page] = hits;
    }
    return hits;
  }

  /**
   * Forgets every compiled block and hit counter, keeping the decoded instructions: the
   * translating tiers' bound (the CPU calls this when too many blocks are live, so their
   * code and modules can be collected). Tables still held elsewhere are emptied.
   */
  clearBlocks(): void {
    for (let page = 0; page < this.blocks.length; page++) {
      const blocks = this.blocks[page];
      if (blocks) {
        blocks.length = 0;
        this.blocks[page] = undefined;
        this.hits[page] = undefined;
      }
    }
  }

  /** Forgets everything derived from a page (it was written). */
  drop(page: number): void {
    // Emptied, so a tier still holding the table (a queued block) sees that the page is gone.
    const blocks = this.blocks[page];
    if (blocks) blocks.length = 0;
    this.decoded[page] = undefined;
    this.blocks[page] = undefined;
    this.hits[page] = undefined;
    this.memory.codePage[page] = 0;
  }
}
