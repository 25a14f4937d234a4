/**
 * Address spaces: one per process, with its own ASID and real 4-level stage-1 page tables
 * (4 KiB granule, 48-bit VA) in guest RAM, in the format the machine's MMU walks.
 *
 * Beside the tables, an address space keeps a sorted list of regions (text, data, heap,
 * mmap, stack), like Linux's VMAs: what may be mapped where, with which permissions and
 * initial contents. Pages are allocated lazily: a translation fault inside a region
 * allocates a zeroed page (filled from the region's backing bytes, for ELF segments and
 * private file mappings) and maps it. A fault outside every region, or against the
 * region's permissions, is a SIGSEGV.
 *
 * The kernel reads and writes user memory (syscall buffers) through the same tables, with
 * EL0 permissions, faulting pages in the same way; a bad pointer is EFAULT.
 */

import type { Machine } from '../machine/machine.js';
import { Errno, SyscallError } from './errno.js';
import { PAGE_SIZE, PageKind, type PhysicalPageAllocator } from './pmm.js';
import type { UserMemory } from './syscall-abi.js';
import { fileStamp, pageCacheOf } from './pagecache.js';
import type { SharedPages } from './shared-pages.js';

export const enum Prot {
  NONE = 0,
  READ = 1,
  WRITE = 2,
  EXEC = 4,
}

export type RegionKind = 'text' | 'data' | 'heap' | 'mmap' | 'stack';

export interface Region {
  start: number;
  end: number;
  prot: number;
  kind: RegionKind;
  /** Shown in /proc/<pid>/maps: a path, [heap], [stack], or ''. */
  name: string;
  /** MAP_SHARED: the pages are `shm`'s, the same in every mapping of it. */
  shared: boolean;
  /**
   * A shared mapping's memory object (shared-pages.ts): the file's page cache or the anonymous
   * object made by mmap; the page at va is the object's page at `offset` + (va - start). Each
   * region holds its own reference (retain/release).
   */
  shm?: SharedPages;
  /** Initial contents: `data` is what lies at virtual address `dataVa` (the rest is zero). */
  data?: Uint8Array;
  dataVa?: number;
  /** File offset shown in maps (and, with `source`, where the region's first page is in the file). */
  offset: number;
  /**
   * A file mapping's file: a private mapping's pages are read from it when first touched (at
   * `offset` plus the page's distance from `start`); a shared mapping's come from `shm`.
   * Each region holds its own reference (retain/release).
   */
  source?: MappingSource;
  /** The stack region grows down on faults just below it. */
  growsDown?: boolean;
}

/** The open file behind a file mapping (kernel/fs/file.ts's OpenFile). */
export interface MappingSource {
  readonly writable: boolean;
  /** The file's inode: read-only private mappings of the same inode share their pages (pagecache.ts). */
  readonly inode: { size(): number; mtimeMs: number; contentVersion?: number } | null;
  /**
   * What the page cache stamps this file's pages with, when the bytes were read at another
   * time than now (an exec'd image, read whole at exec: exec.ts); else fileStamp(inode) now.
   */
  readonly stamp?: string;
  readAt(offset: number, length: number): Uint8Array;
  pwrite(offset: number, data: Uint8Array): number;
  stat(): { size: number };
  retain(): MappingSource;
  release(): void;
}

/** Whether a fault in r maps its fault-around window (FAULT_AROUND_PAGES): read-only, private, with bytes behind it. */
function faultsAround(r: Region): boolean {
  return !r.shared && !(r.prot & Prot.WRITE) && (r.source !== undefined || r.data !== undefined);
}

/** What a page fault turned out to be. */
export const enum FaultResult {
  HANDLED = 0,
  SEGV = 1,
  /** No memory for the page (machine-wide or the process's limit). */
  OOM = 2,
}

// Descriptor bits (low and high words).
const D_VALID = 1;
const D_TABLE = 2; // table at levels 0-2, page at level 3
const D_AP_EL0 = 1 << 6;
const D_AP_RO = 1 << 7;
const D_SH_INNER = 3 << 8;
const D_AF = 1 << 10;
const D_NG = 1 << 11;
const DH_PXN = 1 << (53 - 32);
const DH_UXN = 1 << (54 - 32);

const TWO32 = 4294967296;
/**
 * Fault-around, as Linux's fault_around_bytes (64 KiB): a fault on a read-only private page
 * with backing bytes (program text, a library's text and read-only data) maps the other
 * missing pages of its 64 KiB-aligned window in the region too, reading a file's window with
 * one host read. A dynamic linker and libc touch their text page by page; each of those
 * faults is an exception, a trip through the kernel and (cold) a host read.
 */
const FAULT_AROUND_PAGES = 16;
/** Lowest address a user mapping may use. */
export const USER_MIN = 0x1000;
/** One past the highest user address (48-bit TTBR0 range). */
export const USER_MAX = 2 ** 47;
/** Largest the stack may grow to (RLIMIT_STACK). */
export const STACK_MAX = 8 * 1024 * 1024;

export const MAIR_VALUE = 0xffn; // AttrIndx 0: Normal write-back
/** TCR_EL1: T0SZ=16 (48-bit), TG0=4K, EPD1 (no TTBR1 walks), TG1=4K, IPS=48-bit, AS=16-bit ASIDs, TBI0. */
export const TCR_VALUE = 16n | (1n << 23n) | (2n << 30n) | (5n << 32n) | (1n << 36n) | (1n << 37n);

export function pageDown(a: number): number {
  return a - (a % PAGE_SIZE);
}
export function pageUp(a: number): number {
  const r = a % PAGE_SIZE;
  return r === 0 ? a : a + PAGE_SIZE - r;
}

export interface AddressSpaceOptions {
  /** Most pages (user and page tables) this address space may hold. */
  maxPages?: number;
}

export class AddressSpace {
  /** Physical address of the level-0 table. */
  readonly root: number;
  private readonly regionList: Region[] = [];
  /** Pages currently mapped (user data). */
  residentPages = 0;
  /** Page-table pages owned. */
  tablePages = 1;
  maxPages: number;
  brkStart = 0;
  brk = 0;
  /** Where mmap looks for space first (exec randomises it: aslr.ts). */
  mmapBase = 0x1000_0000;
  /** The [vdso] page's sigreturn trampoline, where a handler without SA_RESTORER returns to. */
  sigreturnTrampoline = 0;
  private released = false;

  constructor(
    readonly machine: Machine,
    readonly pmm: PhysicalPageAllocator,
    readonly asid: number,
    options: AddressSpaceOptions = {},
  ) {
    this.root = pmm.alloc(PageKind.PAGETABLE);
    this.maxPages = options.maxPages ?? Infinity;
  }

  /** TTBR0_EL1 value: table base with the ASID in bits [63:48]. */
  get ttbr0(): bigint {
    return BigInt(this.root) | (BigInt(this.asid) << 48n);
  }

  // ---- Regions -------------------------------------------------------------------------

  regions(): readonly Region[] {
    return this.regionList;
  }

  findRegion(va: number): Region | undefined {
    // Regions are few (tens); a linear scan is plain and fast enough.
    for (const r of this.regionList) if (va >= r.start && va < r.end) return r;
    return undefined;
  }

  /** True when [start, end) touches no region. */
  isFree(start: number, end: number): boolean {
    for (const r of this.regionList) if (r.start < end && start < r.end) return false;
    return true;
  }

  /** Adds a region over a range that must be free (callers unmap first for MAP_FIXED). */
  addRegion(region: Region): Region {
    if (region.start % PAGE_SIZE || region.end % PAGE_SIZE || region.end <= region.start) {
      throw new Error(`bad region 0x${region.start.toString(16)}-0x${region.end.toString(16)}`);
    }
    let i = 0;
    while (i < this.regionList.length && this.regionList[i].start < region.start) i++;
    this.regionList.splice(i, 0, region);
    return region;
  }

  /** Lowest free gap of `length` bytes at or above `from` that ends below `limit`. */
  findGap(length: number, from: number, limit = USER_MAX): number {
    let candidate = pageUp(Math.max(from, USER_MIN));
    for (const r of this.regionList) {
      // A stack keeps the space it may grow into (plus a guard page) free.
      const start = r.growsDown ? Math.min(r.start, r.end - STACK_MAX - PAGE_SIZE) : r.start;
      if (r.end <= candidate) continue;
      if (candidate + length <= start) break;
      candidate = Math.max(candidate, r.end);
    }
    return candidate + length <= limit ? candidate : -1;
  }

  /** Total size of mappings that can hold private writable data (for the memory limit). */
  committedBytes(): number {
    let n = 0;
    for (const r of this.regionList) if (r.prot & Prot.WRITE) n += r.end - r.start;
    return n;
  }

  private splitAt(va: number): void {
    const i = this.regionList.findIndex((r) => va > r.start && va < r.end);
    if (i < 0) return;
    const r = this.regionList[i];
    const upper: Region = { ...r, start: va, offset: r.offset + (va - r.start), source: r.source?.retain(), shm: r.shm?.retain() };
    r.end = va;
    this.regionList.splice(i + 1, 0, upper);
  }

  /** Removes [start, end) from the regions and frees its pages. */
  unmap(start: number, end: number): void {
    this.splitAt(start);
    this.splitAt(end);
    this.writeBack(start, end);
    const gone: Region[] = [];
    for (let i = this.regionList.length - 1; i >= 0; i--) {
      const r = this.regionList[i];
      if (r.start >= start && r.end <= end) gone.push(...this.regionList.splice(i, 1));
    }
    this.unmapPages(start, end);
    for (const r of gone) {
      r.source?.release();
      r.shm?.release();
    }
  }

  /**
   * Writes the changed pages of shared file mappings in [start, end) back to their files
   * (msync, munmap, exit), never past the file's end (shared-pages.ts).
   */
  writeBack(start: number, end: number): void {
    for (const r of this.regionList) {
      if (!r.shm?.file || r.end <= start || r.start >= end) continue;
      const from = Math.max(start, r.start);
      const to = Math.min(end, r.end);
      r.shm.writeBackRange(r.offset + (from - r.start), r.offset + (to - r.start));
    }
  }

  /** Changes permissions of [start, end); every page of it must be in a region (else ENOMEM, as Linux). */
  protect(start: number, end: number, prot: number): void {
    for (let va = start; va < end; ) {
      const r = this.findRegion(va);
      if (!r) throw new SyscallError(Errno.ENOMEM);
      va = r.end;
    }
    this.splitAt(start);
    this.splitAt(end);
    const privateRanges: Array<[number, number]> = [];
    for (const r of this.regionList) {
      if (r.start >= start && r.end <= end) {
        r.prot = prot;
        if (!r.shared) privateRanges.push([r.start, r.end]);
      }
    }
    const isPrivate = (va: number) => privateRanges.some(([a, b]) => va >= a && va < b);
    const mem = this.machine.memory;
    this.forEachPage(start, end, (va, at) => {
      let pa = this.descPa(at);
      // A private page shared with others (the page cache's, or a fork's) becomes this process's own before it is writable.
      if (prot & Prot.WRITE && isPrivate(va) && this.pmm.refCount(pa) > 1) {
        const copy = this.pmm.tryAlloc(PageKind.USER);
        if (copy < 0) throw new SyscallError(Errno.ENOMEM);
        mem.u8.copyWithin(copy - mem.base, pa - mem.base, pa - mem.base + PAGE_SIZE);
        this.pmm.free(pa);
        pa = copy;
      }
      this.writeDesc(at, pa, prot);
      this.machine.invalidateTlbVa(BigInt(va), this.asid);
    });
    this.mergeAdjacent();
  }

  private mergeAdjacent(): void {
    const l = this.regionList;
    for (let i = l.length - 1; i > 0; i--) {
      const a = l[i - 1];
      const b = l[i];
      if (a.end === b.start && a.prot === b.prot && a.kind === b.kind && a.name === b.name && a.shared === b.shared && !a.data && !b.data && !a.source && !b.source && !a.shm && !b.shm && !a.growsDown && !b.growsDown && a.kind !== 'heap') {
        a.end = b.end;
        l.splice(i, 1);
      }
    }
  }

  // ---- Page tables ---------------------------------------------------------------------

  private get i32(): Int32Array {
    return this.machine.memory.i32;
  }

  /** Word index (into memory.i32) of descriptor `index` in the table at `tablePa`. */
  private slot(tablePa: number, index: number): number {
    return (tablePa - this.machine.memory.base + index * 8) >> 2;
  }

  private static index(va: number, level: number): number {
    return Math.floor(va / 2 ** (39 - 9 * level)) % 512;
  }

  /** Word index of the level-3 descriptor for va; creates tables when `create`. -1 if absent (or no memory). */
  private leafSlot(va: number, create: boolean): number {
    let table = this.root;
    for (let level = 0; level < 3; level++) {
      const at = this.slot(table, AddressSpace.index(va, level));
      const lo = this.i32[at];
      if ((lo & 3) !== 3) {
        if (!create) return -1;
        if (this.residentPages + this.tablePages >= this.maxPages) return -1;
        const next = this.pmm.tryAlloc(PageKind.PAGETABLE);
        if (next < 0) return -1;
        this.tablePages++;
        this.i32[at] = (next % TWO32 | D_VALID | D_TABLE) | 0;
        this.i32[at + 1] = Math.floor(next / TWO32);
        table = next;
      } else {
        table = this.descPa(at);
      }
    }
    return this.slot(table, AddressSpace.index(va, 3));
  }

  private descPa(at: number): number {
    return (this.i32[at + 1] & 0xffff) * TWO32 + ((this.i32[at] & 0xfffff000) >>> 0);
  }

  private writeDesc(at: number, pa: number, prot: number): void {
    let lo = (pa % TWO32) | D_VALID | D_TABLE | D_AF | D_SH_INNER | D_NG;
    let hi = Math.floor(pa / TWO32) | DH_PXN;
    if (prot & (Prot.READ | Prot.WRITE | Prot.EXEC)) lo |= D_AP_EL0;
    if (!(prot & Prot.WRITE)) lo |= D_AP_RO;
    if (!(prot & Prot.EXEC)) hi |= DH_UXN;
    this.i32[at] = lo | 0;
    this.i32[at + 1] = hi;
  }

  /** Maps a physical page at va (the page must not be mapped). */
  mapPage(va: number, pa: number, prot: number): boolean {
    const at = this.leafSlot(va, true);
    if (at < 0) return false;
    this.writeDesc(at, pa, prot);
    this.residentPages++;
    return true;
  }

  /** Sets the permissions of one mapped page (ELF segments sharing a page). */
  setPageProt(va: number, prot: number): void {
    const at = this.leafSlot(pageDown(va), false);
    if (at < 0 || (this.i32[at] & 1) === 0) return;
    this.writeDesc(at, this.descPa(at), prot);
    this.machine.invalidateTlbVa(BigInt(va), this.asid);
  }

  /** Physical address of the page mapped at va, or -1. */
  lookup(va: number): number {
    const at = this.leafSlot(pageDown(va), false);
    if (at < 0 || (this.i32[at] & 1) === 0) return -1;
    return this.descPa(at);
  }

  /** Calls fn for each mapped page in [start, end), with its descriptor's word index. */
  private forEachPage(start: number, end: number, fn: (va: number, at: number) => void): void {
    for (let va = start; va < end; ) {
      // Skip a whole missing table quickly.
      let table = this.root;
      let level = 0;
      let at = -1;
      for (; level < 4; level++) {
        at = this.slot(table, AddressSpace.index(va, level));
        const lo = this.i32[at];
        if ((lo & 1) === 0) break;
        if (level < 3) table = this.descPa(at);
      }
      if (level === 4) {
        fn(va, at);
        va += PAGE_SIZE;
      } else {
        const span = 2 ** (39 - 9 * level);
        va = va - (va % span) + span;
      }
    }
  }

  /** Every mapped user page as [va, pa, va, pa, ...] in address order (the debugger's snapshots, kernel/debug/). */
  mappedPages(): number[] {
    const out: number[] = [];
    this.forEachPage(USER_MIN, USER_MAX, (va, at) => out.push(va, this.descPa(at)));
    return out;
  }

  private unmapPages(start: number, end: number): void {
    let count = 0;
    this.forEachPage(start, end, (va, at) => {
      const pa = this.descPa(at);
      this.i32[at] = 0;
      this.i32[at + 1] = 0;
      this.pmm.free(pa);
      this.residentPages--;
      if (++count <= 16) this.machine.invalidateTlbVa(BigInt(va), this.asid);
    });
    if (count > 16) this.machine.invalidateTlbAsid(this.asid);
  }

  /**
   * fork: copies every region into `child` (an empty address space); private writable pages
   * are copied now (no copy-on-write), read-only pages and those of shared regions are shared
   * (reference counted).
   * Returns false when memory ran out (the child is then partly filled; release it).
   */
  copyInto(child: AddressSpace): boolean {
    child.brkStart = this.brkStart;
    child.brk = this.brk;
    child.mmapBase = this.mmapBase;
    child.sigreturnTrampoline = this.sigreturnTrampoline;
    for (const r of this.regionList) child.regionList.push({ ...r, source: r.source?.retain(), shm: r.shm?.retain() });
    const mem = this.machine.memory;
    let ok = true;
    for (const r of this.regionList) {
      if (!ok) break;
      this.forEachPage(r.start, r.end, (va, at) => {
        if (!ok) return;
        const pa = this.descPa(at);
        if (r.shared) {
          this.pmm.ref(pa);
          if (!child.mapPage(va, pa, r.prot)) {
            this.pmm.free(pa);
            ok = false;
          }
          return;
        }
        if (child.residentPages + child.tablePages >= child.maxPages) {
          ok = false;
          return;
        }
        if (!(r.prot & Prot.WRITE) && this.i32[at] & D_AP_RO) {
          // A read-only page (program text, the file page cache's): the child maps the same
          // page; whoever makes it writable later gets a copy first (protect, debugPa).
          this.pmm.ref(pa);
          if (!child.mapPage(va, pa, r.prot)) {
            this.pmm.free(pa);
            ok = false;
          }
          return;
        }
        const copy = this.pmm.tryAlloc(PageKind.USER);
        if (copy < 0) {
          ok = false;
          return;
        }
        mem.u8.copyWithin(copy - mem.base, pa - mem.base, pa - mem.base + PAGE_SIZE);
        // The descriptor may carry permissions wider than the region's (ELF pages shared by two segments).
        if (!child.mapPage(va, copy, r.prot)) {
          this.pmm.free(copy);
          ok = false;
          return;
        }
        const cat = child.leafSlot(va, false);
        child.i32[cat] = this.i32[at] & 0xfff | (child.i32[cat] & ~0xfff);
        child.i32[cat + 1] = (this.i32[at + 1] & ~0xffff) | (child.i32[cat + 1] & 0xffff);
      });
    }
    return ok;
  }

  /**
   * mremap's move: the regions of [start, end) go to newStart (which must be free), their
   * pages with them, unchanged (the same physical pages, no copy). Returns the moved regions.
   */
  move(start: number, end: number, newStart: number): Region[] {
    this.splitAt(start);
    this.splitAt(end);
    const delta = newStart - start;
    const moved: Region[] = [];
    for (let i = this.regionList.length - 1; i >= 0; i--) {
      const r = this.regionList[i];
      if (r.start >= start && r.end <= end) {
        this.regionList.splice(i, 1);
        moved.unshift({ ...r, start: r.start + delta, end: r.end + delta, dataVa: r.dataVa === undefined ? undefined : r.dataVa + delta, growsDown: false });
      }
    }
    // Collect first, then map: the old and new ranges may share page tables.
    const pages: Array<[number, number, number]> = [];
    this.forEachPage(start, end, (va, at) => pages.push([va, this.i32[at], this.i32[at + 1]]));
    for (const [va] of pages) {
      const at = this.leafSlot(va, false);
      this.i32[at] = 0;
      this.i32[at + 1] = 0;
      this.residentPages--;
    }
    this.machine.invalidateTlbAsid(this.asid);
    for (const r of moved) this.addRegion(r);
    for (const [va, lo, hi] of pages) {
      const at = this.leafSlot(va + delta, true);
      if (at < 0) {
        // No memory for a page table: the page is lost (the region refills it with zeros/file bytes).
        this.pmm.free((hi & 0xffff) * TWO32 + ((lo & 0xfffff000) >>> 0));
        continue;
      }
      this.i32[at] = lo;
      this.i32[at + 1] = hi;
      this.residentPages++;
    }
    return moved;
  }

  /**
   * MREMAP_DONTUNMAP: moves [start, end) with its pages like move(), but the old range stays
   * mapped, empty: its next touch gives zeros (private anonymous memory), the file's bytes, or
   * the shared object's pages again.
   */
  moveLeavingEmpty(start: number, end: number, newStart: number): Region[] {
    this.splitAt(start);
    this.splitAt(end);
    const stay = this.regionList
      .filter((r) => r.start >= start && r.end <= end)
      .map((r) => ({ ...r, source: r.source?.retain(), shm: r.shm?.retain() }));
    const moved = this.move(start, end, newStart);
    for (const r of stay) this.addRegion(r);
    return moved;
  }

  /** Makes region r end at newEnd (mremap growing in place; the range after it must be free). */
  extend(r: Region, newEnd: number): void {
    r.end = newEnd;
  }

  /** Drops the pages of [start, end) but keeps the regions (MADV_DONTNEED): the next touch refills them. */
  discard(start: number, end: number): void {
    // A shared file mapping's stores are the file's: they stay (Linux keeps them in the page cache).
    this.writeBack(start, end);
    this.unmapPages(start, end);
  }

  /** Frees every page and table. The address space is unusable afterwards. */
  release(): void {
    if (this.released) return;
    this.writeBack(0, USER_MAX);
    for (const r of this.regionList) r.source?.release();
    const objects = this.regionList.map((r) => r.shm);
    this.released = true;
    const freeTable = (table: number, level: number): void => {
      for (let i = 0; i < 512; i++) {
        const at = this.slot(table, i);
        if ((this.i32[at] & 1) === 0) continue;
        const pa = this.descPa(at);
        if (level < 3) freeTable(pa, level + 1);
        else this.pmm.free(pa);
      }
      this.pmm.free(table);
    };
    freeTable(this.root, 0);
    for (const shm of objects) shm?.release();
    pageCacheOf(this.pmm).releaseUnmapped();
    this.residentPages = 0;
    this.tablePages = 0;
    this.regionList.length = 0;
    this.machine.invalidateTlbAsid(this.asid);
  }

  // ---- Faults --------------------------------------------------------------------------

  /**
   * Handles a fault at va for an access (Prot.READ/WRITE/EXEC): maps a page if va lies in
   * a region that allows the access and has no page yet (growing the stack when va is just
   * below it).
   */
  handleFault(va: number, access: number): FaultResult {
    if (!(va >= USER_MIN && va < USER_MAX)) return FaultResult.SEGV;
    let r = this.findRegion(va);
    if (!r) r = this.growStack(va);
    if (!r || (r.prot & access) !== access) return FaultResult.SEGV;
    const page = pageDown(va);
    if (this.lookup(page) >= 0) return FaultResult.SEGV; // present: a permission fault
    if (!faultsAround(r)) return this.populate(r, page) ? FaultResult.HANDLED : FaultResult.OOM;
    const window = FAULT_AROUND_PAGES * PAGE_SIZE;
    const from = Math.max(r.start, page - (page % window));
    const to = Math.min(r.end, from - (from % window) + window);
    this.readWindow = r.source ? { source: r.source, offset: r.offset + (from - r.start), length: to - from, bytes: null } : null;
    try {
      if (!this.populate(r, page)) return FaultResult.OOM;
      // The neighbours are a bonus: memory running out or a limit stops them, not the access.
      for (let at = from; at < to; at += PAGE_SIZE) {
        if (at !== page && this.lookup(at) < 0 && !this.populate(r, at)) break;
      }
    } finally {
      this.readWindow = null;
    }
    return FaultResult.HANDLED;
  }

  /** During fault-around: the window of the region's file, read once when a page of it is first needed. */
  private readWindow: { source: MappingSource; offset: number; length: number; bytes: Uint8Array | null } | null = null;

  /** A page of a file mapping's bytes (shorter at the file's end), from the fault-around window when it holds them. */
  private filePage(source: MappingSource, offset: number): Uint8Array {
    const w = this.readWindow;
    try {
      if (w === null || w.source !== source || offset < w.offset || offset + PAGE_SIZE > w.offset + w.length) return source.readAt(offset, PAGE_SIZE);
      w.bytes ??= source.readAt(w.offset, w.length);
      return w.bytes.subarray(offset - w.offset, offset - w.offset + PAGE_SIZE);
    } catch {
      return new Uint8Array(0);
    }
  }

  private growStack(va: number): Region | undefined {
    for (const r of this.regionList) {
      if (!r.growsDown || va >= r.start) continue;
      const newStart = pageDown(va);
      if (r.end - newStart > STACK_MAX) return undefined;
      // Keep a guard page between the stack and whatever lies below.
      if (!this.isFree(newStart - PAGE_SIZE, r.start)) return undefined;
      r.start = newStart;
      return r;
    }
    return undefined;
  }

  /** Allocates, fills and maps the page at `page` for region r. */
  populate(r: Region, page: number): boolean {
    if (this.residentPages + this.tablePages >= this.maxPages) return false;
    if (r.shm) {
      const pa = r.shm.page(r.offset + (page - r.start));
      if (pa < 0) return false;
      if (!this.mapPage(page, pa, r.prot)) {
        this.pmm.free(pa);
        return false;
      }
      return true;
    }
    const inode = r.source?.inode;
    if (inode && !r.shared && !(r.prot & Prot.WRITE)) {
      // Read-only private file page: the one copy every process mapping this file shares.
      const source = r.source!;
      const offset = r.offset + (page - r.start);
      const shared = pageCacheOf(this.pmm).page(inode, source.stamp ?? fileStamp(inode), offset, (pa) => {
        const bytes = this.filePage(source, offset);
        this.machine.memory.u8.fill(0, pa - this.machine.memory.base, pa - this.machine.memory.base + PAGE_SIZE);
        if (bytes.length) this.machine.memory.write(pa, bytes.subarray(0, PAGE_SIZE));
      });
      if (shared < 0) return false;
      if (!this.mapPage(page, shared, r.prot)) {
        this.pmm.free(shared);
        return false;
      }
      return true;
    }
    const pa = this.pmm.tryAlloc(PageKind.USER);
    if (pa < 0) return false;
    if (r.source) {
      const bytes = this.filePage(r.source, r.offset + (page - r.start));
      if (bytes.length) this.machine.memory.write(pa, bytes.subarray(0, PAGE_SIZE));
    } else if (r.data && r.dataVa !== undefined) {
      const from = Math.max(page, r.dataVa);
      const to = Math.min(page + PAGE_SIZE, r.dataVa + r.data.length);
      if (to > from) this.machine.memory.write(pa + (from - page), r.data.subarray(from - r.dataVa, to - r.dataVa));
    }
    if (!this.mapPage(page, pa, r.prot)) {
      this.pmm.free(pa);
      return false;
    }
    return true;
  }

  /**
   * Physical address for a kernel access to user va with EL0 permissions, faulting the
   * page in when its region allows; -1 on EFAULT, -2 when out of memory.
   */
  userPa(va: number, write: boolean): number {
    if (!(va >= USER_MIN && va < USER_MAX)) return -1;
    const page = pageDown(va);
    const at = this.leafSlot(page, false);
    if (at >= 0 && this.i32[at] & 1) {
      const lo = this.i32[at];
      if (!(lo & D_AP_EL0)) return -1;
      if (write && lo & D_AP_RO) return -1;
      return this.descPa(at) + (va - page);
    }
    const res = this.handleFault(va, write ? Prot.WRITE : Prot.READ);
    if (res === FaultResult.OOM) return -2;
    if (res !== FaultResult.HANDLED) return -1;
    return this.lookup(page) + (va - page);
  }

  /**
   * Physical address for a debugger's access to va (ptrace's FOLL_FORCE, kernel/debug/):
   * the page is faulted in whatever its protection, so gdb can read and patch read-only
   * text; a write to a page other owners share (the file page cache, another process's
   * copy) first gives this address space a private copy, so a breakpoint never lands in
   * another process. -1 when nothing is mapped there (or memory ran out).
   */
  debugPa(va: number, write: boolean): number {
    if (!(va >= USER_MIN && va < USER_MAX)) return -1;
    const page = pageDown(va);
    const r = this.findRegion(va);
    let pa = this.lookup(page);
    if (pa < 0) {
      if (!r || !this.populate(r, page)) return -1;
      pa = this.lookup(page);
      if (pa < 0) return -1;
    }
    if (write && r && !r.shared && this.pmm.refCount(pa) > 1) {
      const copy = this.pmm.tryAlloc(PageKind.USER);
      if (copy < 0) return -1;
      const mem = this.machine.memory;
      mem.write(copy, mem.u8.subarray(pa - mem.base, pa - mem.base + PAGE_SIZE));
      const at = this.leafSlot(page, false);
      this.i32[at] = (this.i32[at] & 0xfff) | ((copy % TWO32) & 0xfffff000);
      this.i32[at + 1] = (this.i32[at + 1] & ~0xffff) | Math.floor(copy / TWO32);
      this.pmm.free(pa);
      this.machine.invalidateTlbVa(BigInt(page), this.asid);
      pa = copy;
    }
    return pa + (va - page);
  }

  // ---- /proc support -------------------------------------------------------------------

  /** The regions in /proc/<pid>/maps format. */
  mapsText(): string {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    let out = '';
    for (const r of this.regionList) {
      const perms = (r.prot & Prot.READ ? 'r' : '-') + (r.prot & Prot.WRITE ? 'w' : '-') + (r.prot & Prot.EXEC ? 'x' : '-') + (r.shared ? 's' : 'p');
      const line = `${hex(r.start)}-${hex(r.end)} ${perms} ${hex(r.offset)} 00:00 0`;
      out += r.name ? `${line.padEnd(73)}${r.name}\n` : `${line}\n`;
    }
    return out;
  }
}

/**
 * UserMemory over an address space: every byte goes through the page tables with EL0
 * permissions; a bad pointer throws SyscallError(EFAULT), exhausted memory ENOMEM.
 */
export class ProcessMemory implements UserMemory {
  /** Told of every write the kernel made (a recording's memory effects of system calls, kernel/debug/recording.ts). */
  onWrite: ((addr: number, data: Uint8Array) => void) | null = null;

  constructor(readonly vm: AddressSpace) {}

  private pa(va: number, write: boolean): number {
    const pa = this.vm.userPa(va, write);
    if (pa === -2) throw new SyscallError(Errno.ENOMEM);
    if (pa < 0) throw new SyscallError(Errno.EFAULT);
    return pa;
  }

  private check(addr: number, length: number): void {
    if (!Number.isFinite(addr) || !Number.isFinite(length) || length < 0 || addr < 0 || addr + length > USER_MAX) {
      throw new SyscallError(Errno.EFAULT);
    }
  }

  read(addr: number, length: number): Uint8Array {
    this.check(addr, length);
    const out = new Uint8Array(length);
    const mem = this.vm.machine.memory;
    let done = 0;
    while (done < length) {
      const va = addr + done;
      const n = Math.min(length - done, PAGE_SIZE - (va % PAGE_SIZE));
      const off = this.pa(va, false) - mem.base;
      out.set(mem.u8.subarray(off, off + n), done);
      done += n;
    }
    return out;
  }

  write(addr: number, data: Uint8Array): void {
    this.check(addr, data.length);
    // Check every page first, so a bad tail writes nothing.
    const pas: number[] = [];
    for (let done = 0; done < data.length; ) {
      const va = addr + done;
      const n = Math.min(data.length - done, PAGE_SIZE - (va % PAGE_SIZE));
      pas.push(this.pa(va, true), n);
      done += n;
    }
    const mem = this.vm.machine.memory;
    let done = 0;
    for (let i = 0; i < pas.length; i += 2) {
      mem.write(pas[i], data.subarray(done, done + pas[i + 1]));
      done += pas[i + 1];
    }
    if (this.onWrite) this.onWrite(addr, data);
  }

  readCString(addr: number, max = 4096): string {
    const bytes: number[] = [];
    const mem = this.vm.machine.memory;
    this.check(addr, 1);
    let va = addr;
    for (;;) {
      const pa = this.pa(va, false);
      const off = pa - mem.base;
      const n = PAGE_SIZE - (va % PAGE_SIZE);
      for (let i = 0; i < n; i++) {
        const b = mem.u8[off + i];
        if (b === 0) return Buffer.from(bytes).toString('utf8');
        if (bytes.length >= max) throw new SyscallError(Errno.ENAMETOOLONG);
        bytes.push(b);
      }
      va += n;
    }
  }

  readU32(addr: number): number {
    const b = this.read(addr, 4);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  readU64(addr: number): bigint {
    const b = this.read(addr, 8);
    return Buffer.from(b.buffer, b.byteOffset, 8).readBigUInt64LE(0);
  }

  writeU32(addr: number, value: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value >>> 0);
    this.write(addr, b);
  }

  writeU64(addr: number, value: bigint): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt.asUintN(64, value));
    this.write(addr, b);
  }
}
