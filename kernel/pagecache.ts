/**
 * The file page cache for read-only private file mappings: the text and read-only data of
 * shared libraries (and of any file mapped PROT_READ/PROT_EXEC, MAP_PRIVATE) are read once
 * into a physical page that every process mapping the same page of the same file maps too,
 * as Linux shares a library's text between processes. A page stays read-only while shared;
 * making it writable (mprotect) gives the process its own copy first (vm.ts).
 *
 * Entries are per inode and stamped with the file's size, mtime and content version (fileStamp): a file that changed
 * since its pages were cached gets fresh pages (processes that mapped the old ones keep
 * them). The cache holds one reference per page and gives it back, oldest files first,
 * beyond a bound (an eighth of RAM), so it never keeps memory a process needs; and when an
 * address space goes (exit, exec), the pages no process maps any more go back too
 * (releaseUnmapped): the pages are shared while processes run the file together, and free
 * memory is free again once none does, as the kernel's memory accounting expects.
 */

import type { PhysicalPageAllocator } from './pmm.js';
import { PageKind } from './pmm.js';

interface CachedFile {
  stamp: string;
  pages: Map<number, number>;
}

export class FilePageCache {
  /** Files in least-recently-used order (Map keeps insertion order; a hit moves the file to the end). */
  private readonly files = new Map<object, CachedFile>();
  private cachedPages = 0;
  readonly maxPages: number;

  constructor(private readonly pmm: PhysicalPageAllocator) {
    this.maxPages = Math.max(64, Math.floor(pmm.totalPages / 8));
  }

  /**
   * The physical page holding bytes [offset, offset + 4096) of `file`, with one more
   * reference taken for the caller; `fill` writes the bytes into a new page. -1 when no
   * memory is left.
   */
  page(file: object, stamp: string, offset: number, fill: (pa: number) => void): number {
    let entry = this.files.get(file);
    if (entry && entry.stamp !== stamp) {
      this.drop(file, entry);
      entry = undefined;
    }
    if (entry) {
      this.files.delete(file);
      this.files.set(file, entry);
      const pa = entry.pages.get(offset);
      if (pa !== undefined) {
        this.pmm.ref(pa);
        return pa;
      }
    } else {
      entry = { stamp, pages: new Map() };
      this.files.set(file, entry);
    }
    const pa = this.pmm.tryAlloc(PageKind.USER);
    if (pa < 0) return -1;
    fill(pa);
    this.pmm.ref(pa); // the cache's own reference
    entry.pages.set(offset, pa);
    this.cachedPages++;
    this.trim();
    return pa;
  }

  /** Gives back every page only the cache holds (no process maps it now). */
  releaseUnmapped(): void {
    for (const [file, entry] of this.files) {
      for (const [offset, pa] of entry.pages) {
        if (this.pmm.refCount(pa) > 1) continue;
        this.pmm.free(pa);
        entry.pages.delete(offset);
        this.cachedPages--;
      }
      if (entry.pages.size === 0) this.files.delete(file);
    }
  }

  private drop(file: object, entry: CachedFile): void {
    for (const pa of entry.pages.values()) this.pmm.free(pa);
    this.cachedPages -= entry.pages.size;
    this.files.delete(file);
  }

  private trim(): void {
    for (const [file, entry] of this.files) {
      if (this.cachedPages <= this.maxPages) break;
      this.drop(file, entry);
    }
  }

  get size(): number {
    return this.cachedPages;
  }
}

/** What a file's cached pages are stamped with: a page of another stamp is of another version of the file. */
export function fileStamp(inode: { size(): number; mtimeMs: number; contentVersion?: number }): string {
  return `${inode.size()}:${inode.mtimeMs}:${inode.contentVersion ?? 0}`;
}

const caches = new WeakMap<PhysicalPageAllocator, FilePageCache>();

/** The one cache of a machine's physical memory. */
export function pageCacheOf(pmm: PhysicalPageAllocator): FilePageCache {
  let c = caches.get(pmm);
  if (!c) {
    c = new FilePageCache(pmm);
    caches.set(pmm, c);
  }
  return c;
}
