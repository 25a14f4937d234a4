/**
 * Shared memory objects: the pages behind MAP_SHARED mappings, one object per file (its page
 * cache while it is mapped shared) or per MAP_SHARED|MAP_ANONYMOUS mmap call. Every mapping
 * of the object, in any process, maps the object's one physical page for each page offset,
 * so a store through one mapping is in all of them at once, and a fork child that touches a
 * page first still shares it with its parent.
 *
 * A file's object is the file's bytes while it lives (FileInode.mappedPages): read(2) takes
 * the cached pages' bytes over the file system's, write(2) puts its bytes into them too, and
 * the pages that changed are written back to the file system on msync, munmap, fsync, close
 * and exit, and when the last mapping goes.
 *
 * A futex in shared memory is named by its object and offset (futex.ts), so processes that
 * map the same object at different addresses wait on the same queue.
 *
 * The object holds one reference on each of its pages; each region holds one reference on the
 * object (retain/release, like a region's open file): the last release writes back and frees.
 */

import type { Machine } from '../machine/machine.js';
import type { FileInode, MappedPages } from './fs/inode.js';
import { PAGE_SIZE, PageKind, type PhysicalPageAllocator } from './pmm.js';

export class SharedPages implements MappedPages {
  /** Page index (offset / PAGE_SIZE) -> physical address. */
  private readonly pages = new Map<number, number>();
  private refs = 1;

  private constructor(
    private readonly machine: Machine,
    private readonly pmm: PhysicalPageAllocator,
    /** The file whose pages these are, or null for anonymous shared memory. */
    readonly file: FileInode | null,
  ) {}

  /** A new anonymous object (MAP_SHARED|MAP_ANONYMOUS): zero pages. */
  static anonymous(machine: Machine, pmm: PhysicalPageAllocator): SharedPages {
    return new SharedPages(machine, pmm, null);
  }

  /** The file's object, made on its first shared mapping; one more reference for the caller. */
  static ofFile(machine: Machine, pmm: PhysicalPageAllocator, file: FileInode): SharedPages {
    const existing = file.mappedPages;
    if (existing instanceof SharedPages) return existing.retain();
    const obj = new SharedPages(machine, pmm, file);
    file.mappedPages = obj;
    return obj;
  }

  retain(): this {
    this.refs++;
    return this;
  }

  /** References held now: the creator's (a SysV segment's, an mmap call's) plus one per region. */
  get references(): number {
    return this.refs;
  }

  /** Told after each release that leaves references (a SysV segment counts its attaches so: kernel/ipc/shm.ts). */
  onRelease?: (refsLeft: number) => void;

  release(): void {
    if (this.refs <= 0) return;
    if (--this.refs > 0) {
      this.onRelease?.(this.refs);
      return;
    }
    this.writeBack();
    for (const pa of this.pages.values()) this.pmm.free(pa);
    this.pages.clear();
    if (this.file && this.file.mappedPages === this) this.file.mappedPages = null;
  }

  private get u8(): Uint8Array {
    return this.machine.memory.u8;
  }
  private get base(): number {
    return this.machine.memory.base;
  }

  /**
   * The page at byte `offset` (page aligned) with a reference taken for the caller's mapping;
   * a file's page is read from the file system the first time. -1 when memory ran out.
   */
  page(offset: number): number {
    const index = offset / PAGE_SIZE;
    let pa = this.pages.get(index);
    if (pa === undefined) {
      pa = this.pmm.tryAlloc(PageKind.USER);
      if (pa < 0) return -1;
      const off = pa - this.base;
      this.u8.fill(0, off, off + PAGE_SIZE);
      if (this.file) {
        let bytes: Uint8Array;
        try {
          bytes = this.file.read(offset, PAGE_SIZE);
        } catch {
          bytes = new Uint8Array(0);
        }
        this.u8.set(bytes.subarray(0, PAGE_SIZE), off);
      }
      this.pages.set(index, pa);
    }
    this.pmm.ref(pa);
    return pa;
  }

  /** Whether the page at byte `offset` is in memory already. */
  has(offset: number): boolean {
    return this.pages.has(Math.floor(offset / PAGE_SIZE));
  }

  /** Calls fn for each cached page meeting [offset, offset + length): page, byte range in the page, byte range in the request. */
  private eachPage(offset: number, length: number, fn: (pa: number, from: number, to: number, at: number) => void): void {
    if (length <= 0 || this.pages.size === 0) return;
    const end = offset + length;
    for (let index = Math.floor(offset / PAGE_SIZE); index * PAGE_SIZE < end; index++) {
      const pa = this.pages.get(index);
      if (pa === undefined) continue;
      const start = index * PAGE_SIZE;
      const from = Math.max(offset, start);
      const to = Math.min(end, start + PAGE_SIZE);
      fn(pa, from - start, to - start, from - offset);
    }
  }

  overlay(offset: number, data: Uint8Array): void {
    this.eachPage(offset, data.length, (pa, from, to, at) => {
      const off = pa - this.base;
      data.set(this.u8.subarray(off + from, off + to), at);
    });
  }

  written(offset: number, data: Uint8Array): void {
    this.eachPage(offset, data.length, (pa, from, to, at) => {
      this.u8.set(data.subarray(at, at + (to - from)), pa - this.base + from);
    });
  }

  truncated(size: number): void {
    for (const [index, pa] of this.pages) {
      const start = index * PAGE_SIZE;
      if (start + PAGE_SIZE <= size) continue;
      const off = pa - this.base;
      this.u8.fill(0, off + Math.max(0, size - start), off + PAGE_SIZE);
    }
  }

  writeBack(): void {
    this.writeBackRange(0, Infinity);
  }

  /** Writes the cached pages in [from, to) (file offsets) that differ from the file system's bytes back to it, never past its end. */
  writeBackRange(from: number, to: number): void {
    const file = this.file;
    if (!file || this.pages.size === 0) return;
    let size: number;
    try {
      size = file.size();
    } catch {
      return;
    }
    for (const [index, pa] of this.pages) {
      const start = index * PAGE_SIZE;
      if (start + PAGE_SIZE <= from || start >= to || start >= size) continue;
      const n = Math.min(PAGE_SIZE, size - start);
      const off = pa - this.base;
      const mine = this.u8.subarray(off, off + n);
      try {
        const theirs = file.read(start, n);
        if (theirs.length === n && Buffer.compare(mine, theirs) === 0) continue;
        file.write(start, mine.slice());
      } catch {
        // A failed write-back leaves the page as it is (msync would say EIO on Linux).
      }
    }
  }
}
