/**
 * Physical page allocator over the machine's RAM.
 *
 * Every 4 KiB frame of RAM is either free or owned. A frame handed out is zeroed first,
 * so no process ever sees another's data. Frames carry a reference count so a page can be
 * shared on purpose (MAP_SHARED); it returns to the free list when the last owner drops it.
 *
 * The free list is a stack of frame numbers in a Uint32Array: alloc and free are O(1) and
 * allocate nothing. Accounting (total/free/used by kind) feeds /proc/meminfo and OOM.
 */

import type { PhysicalMemory } from '../machine/memory.js';

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;

/** What a frame is used for, for /proc/meminfo. */
export const enum PageKind {
  USER = 0,
  PAGETABLE = 1,
}

export class OutOfMemory extends Error {
  constructor() {
    super('out of physical memory');
  }
}

export class PhysicalPageAllocator {
  /** Number of frames in RAM. */
  readonly totalPages: number;
  private readonly freeStack: Uint32Array;
  private freeTop = 0;
  private readonly refs: Uint16Array;
  private readonly kinds: Uint8Array;
  /** Frames in use, by kind. */
  readonly used = [0, 0];

  constructor(readonly memory: PhysicalMemory, reservedPages = 0) {
    this.totalPages = memory.size >>> PAGE_SHIFT;
    this.freeStack = new Uint32Array(this.totalPages);
    this.refs = new Uint16Array(this.totalPages);
    this.kinds = new Uint8Array(this.totalPages);
    // Lowest frames are handed out first (pushed last), which keeps tests' addresses stable.
    for (let f = this.totalPages - 1; f >= reservedPages; f--) this.freeStack[this.freeTop++] = f;
    for (let f = 0; f < reservedPages; f++) this.refs[f] = 1;
  }

  get freePages(): number {
    return this.freeTop;
  }

  get usedPages(): number {
    return this.totalPages - this.freeTop;
  }

  /** Physical address of a frame number. */
  frameToPa(frame: number): number {
    return this.memory.base + frame * PAGE_SIZE;
  }

  paToFrame(pa: number): number {
    return Math.floor((pa - this.memory.base) / PAGE_SIZE);
  }

  /** Allocates one zeroed page; returns its physical address, or -1 when RAM is exhausted. */
  tryAlloc(kind: PageKind = PageKind.USER): number {
    if (this.freeTop === 0) return -1;
    const frame = this.freeStack[--this.freeTop];
    this.refs[frame] = 1;
    this.kinds[frame] = kind;
    this.used[kind]++;
    const pa = this.frameToPa(frame);
    this.memory.fill(pa, PAGE_SIZE, 0);
    return pa;
  }

  /** Like tryAlloc, but throws OutOfMemory. */
  alloc(kind: PageKind = PageKind.USER): number {
    const pa = this.tryAlloc(kind);
    if (pa < 0) throw new OutOfMemory();
    return pa;
  }

  /** Adds an owner to a page (a shared mapping). */
  ref(pa: number): void {
    const frame = this.paToFrame(pa);
    if (this.refs[frame] === 0) throw new Error(`ref of free page 0x${pa.toString(16)}`);
    this.refs[frame]++;
  }

  refCount(pa: number): number {
    return this.refs[this.paToFrame(pa)];
  }

  /** Drops an owner; the page is free when none are left. */
  free(pa: number): void {
    const frame = this.paToFrame(pa);
    if (frame < 0 || frame >= this.totalPages) throw new RangeError(`free of non-RAM address 0x${pa.toString(16)}`);
    const r = this.refs[frame];
    if (r === 0) throw new Error(`double free of page 0x${pa.toString(16)}`);
    this.refs[frame] = r - 1;
    if (r === 1) {
      this.used[this.kinds[frame]]--;
      this.freeStack[this.freeTop++] = frame;
    }
  }
}
