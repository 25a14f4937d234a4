/**
 * A regular file's bytes as fixed-size extents: extent i holds bytes [i*EXTENT_SIZE,
 * (i+1)*EXTENT_SIZE). An extent that was never written (or was punched or truncated away) is
 * a hole: it reads as zeros and takes no space. Each allocated extent keeps only the bytes up
 * to its highest written one, so a small file costs its size, not a whole extent.
 *
 * On a tmpfs the extents live in memory and are the file. On the disk (a BlobStore), the
 * committed extents are rows in SQLite and memory holds only what changed since the last
 * commit (fsync/close); when that passes SPILL_BYTES the changed extents are parked in blobs
 * no committed extent refers to yet, so host memory per open file stays bounded however much
 * a guest writes before it syncs, and a crash still leaves the file as of its last commit
 * (parked blobs are unreferenced and are removed when the disk is opened again).
 *
 * Why 64 KiB: a 4 KiB write rewrites one extent (16x amplification at worst, bounded), a
 * 1 GiB file is 16,384 rows (an index that fits easily in memory), each extent is a handful of
 * SQLite overflow pages, and it is the unit of SFTP and pipe transfers (32-64 KiB), so a
 * stream of writes fills whole extents.
 */

import { Errno, SyscallError } from '../errno.js';

export const EXTENT_SIZE = 64 * 1024;
/** Changed bytes an open disk file keeps in memory before parking them in the store. */
export const SPILL_BYTES = 4 * 1024 * 1024;

/** Where a disk file's extents are kept (implemented by disk.ts). */
export interface BlobStore {
  readBlob(id: number): Uint8Array;
  /** Stores bytes no extent refers to yet; returns the blob's id. */
  putBlob(data: Uint8Array): number;
  dropBlob(id: number): void;
  /**
   * In one transaction with whatever `also` writes (the inode's size and times): extents
   * `removed` go away (with their blobs), and each of `put` now refers to its blob (a parked
   * one, or `data` stored now), its previous blob dropped. Returns the blob id of each `put`.
   */
  commitExtents(ino: number, removed: Array<{ idx: number; blob: number }>, put: ExtentPut[], also: () => void): number[];
}

export interface ExtentPut {
  idx: number;
  len: number;
  /** A parked blob, or the bytes to store. */
  blob?: number;
  data?: Uint8Array;
  /** The committed blob this replaces. */
  old?: number;
}

/** A committed extent as the store lists it at open. */
export interface StoredExtent {
  idx: number;
  blob: number;
  len: number;
}

function blocksOf(len: number): number {
  return Math.ceil(len / 4096) * 8;
}

export class ExtentData {
  /** Allocated length of each extent that is not a hole (its current, uncommitted state). */
  private readonly alloc = new Map<number, number>();
  /** Extent bytes held in memory: every extent on a tmpfs, the changed ones on the disk. */
  private readonly mem = new Map<number, Uint8Array>();
  /** Disk: the committed extents (index -> blob id). */
  private readonly committed = new Map<number, number>();
  /** Disk: changed extents parked in unreferenced blobs (index -> blob id). */
  private readonly parked = new Map<number, number>();
  /** Disk: committed extents that became holes since the commit. */
  private readonly gone = new Set<number>();
  private memBytes = 0;
  private allocBytes = 0;
  private blocks = 0;
  /** The last committed extent read (sequential small reads do not refetch it). */
  private cache: { blob: number; data: Uint8Array } | null = null;

  constructor(private readonly store: BlobStore | null, stored: StoredExtent[] = []) {
    for (const e of stored) {
      this.committed.set(e.idx, e.blob);
      this.setAlloc(e.idx, e.len);
    }
  }

  /** Bytes the allocated extents hold (what the file system's limit counts). */
  get allocated(): number {
    return this.allocBytes;
  }

  /** st_blocks: 512-byte units, in whole 4 KiB blocks per extent. */
  get blocks512(): number {
    return this.blocks;
  }

  /** Changes not yet committed to the store. */
  get dirty(): boolean {
    return this.store !== null && (this.mem.size > 0 || this.parked.size > 0 || this.gone.size > 0);
  }

  private setAlloc(idx: number, len: number): void {
    const old = this.alloc.get(idx);
    if (old !== undefined) {
      this.allocBytes -= old;
      this.blocks -= blocksOf(old);
    }
    if (len > 0) {
      this.alloc.set(idx, len);
      this.allocBytes += len;
      this.blocks += blocksOf(len);
    } else this.alloc.delete(idx);
  }

  /** An extent's bytes (at least its allocated length; bytes past it are zero), or null for a hole. */
  private view(idx: number): Uint8Array | null {
    const m = this.mem.get(idx);
    if (m) return m;
    if (!this.alloc.has(idx) || !this.store) return null;
    const blob = this.parked.get(idx) ?? this.committed.get(idx);
    if (blob === undefined) return null;
    if (this.cache?.blob === blob) return this.cache.data;
    const data = this.store.readBlob(blob);
    this.cache = { blob, data };
    return data;
  }

  /** The extent as a mutable in-memory buffer of at least `len` bytes. */
  private editable(idx: number, len: number): Uint8Array {
    let buf = this.mem.get(idx);
    if (!buf) {
      const cur = this.view(idx);
      const have = this.alloc.get(idx) ?? 0;
      buf = new Uint8Array(Math.max(len, have));
      if (cur) buf.set(cur.subarray(0, Math.min(have, cur.length)));
      const parked = this.parked.get(idx);
      if (parked !== undefined) {
        this.parked.delete(idx);
        this.store!.dropBlob(parked);
      }
      this.gone.delete(idx);
      this.mem.set(idx, buf);
      this.memBytes += buf.length;
    } else if (buf.length < len) {
      const grown = new Uint8Array(Math.min(EXTENT_SIZE, Math.max(len, buf.length * 2)));
      grown.set(buf);
      this.memBytes += grown.length - buf.length;
      this.mem.set(idx, (buf = grown));
    }
    return buf;
  }

  /** `length` bytes from `offset` (the caller clips to the file size); holes are zeros. */
  read(offset: number, length: number): Uint8Array {
    const out = new Uint8Array(length);
    let pos = 0;
    while (pos < length) {
      const at = offset + pos;
      const idx = Math.floor(at / EXTENT_SIZE);
      const inExt = at - idx * EXTENT_SIZE;
      const n = Math.min(EXTENT_SIZE - inExt, length - pos);
      const have = this.alloc.get(idx) ?? 0;
      if (have > inExt) {
        const v = this.view(idx);
        if (v) out.set(v.subarray(inExt, Math.min(inExt + n, have, v.length)), pos);
      }
      pos += n;
    }
    return out;
  }

  /** The growth in allocated bytes a write of `length` bytes at `offset` would cause. */
  growthOf(offset: number, length: number): number {
    let delta = 0;
    const first = Math.floor(offset / EXTENT_SIZE);
    const last = Math.floor((offset + length - 1) / EXTENT_SIZE);
    for (let idx = first; idx <= last; idx++) {
      const end = Math.min(EXTENT_SIZE, offset + length - idx * EXTENT_SIZE);
      delta += Math.max(0, end - (this.alloc.get(idx) ?? 0));
    }
    return delta;
  }

  /** Writes `data` at `offset` (the caller has charged growthOf). */
  write(offset: number, data: Uint8Array): void {
    let pos = 0;
    while (pos < data.length) {
      const at = offset + pos;
      const idx = Math.floor(at / EXTENT_SIZE);
      const inExt = at - idx * EXTENT_SIZE;
      const n = Math.min(EXTENT_SIZE - inExt, data.length - pos);
      const buf = this.editable(idx, inExt + n);
      buf.set(data.subarray(pos, pos + n), inExt);
      if (inExt + n > (this.alloc.get(idx) ?? 0)) this.setAlloc(idx, inExt + n);
      pos += n;
      if (this.memBytes > SPILL_BYTES) this.park();
    }
  }

  /** Allocates (as zeros) every hole in [offset, offset+length) (fallocate); caller charged growthOf. */
  allocate(offset: number, length: number): void {
    const first = Math.floor(offset / EXTENT_SIZE);
    const last = Math.floor((offset + length - 1) / EXTENT_SIZE);
    for (let idx = first; idx <= last; idx++) {
      const end = Math.min(EXTENT_SIZE, offset + length - idx * EXTENT_SIZE);
      if (end > (this.alloc.get(idx) ?? 0)) {
        this.editable(idx, end);
        this.setAlloc(idx, end);
        if (this.memBytes > SPILL_BYTES) this.park();
      }
    }
  }

  private makeHole(idx: number): void {
    const m = this.mem.get(idx);
    if (m) {
      this.memBytes -= m.length;
      this.mem.delete(idx);
    }
    const parked = this.parked.get(idx);
    if (parked !== undefined) {
      this.parked.delete(idx);
      this.store!.dropBlob(parked);
    }
    if (this.committed.has(idx)) this.gone.add(idx);
    this.setAlloc(idx, 0);
  }

  /** Zeros [offset, end) and frees every extent wholly inside it; returns the bytes freed. */
  punch(offset: number, end: number): number {
    const before = this.allocBytes;
    for (const idx of [...this.alloc.keys()]) {
      const s = idx * EXTENT_SIZE;
      const have = this.alloc.get(idx)!;
      if (s + have <= offset || s >= end) continue;
      if (s >= offset && s + EXTENT_SIZE <= end) {
        this.makeHole(idx);
        continue;
      }
      if (offset <= s && end >= s + have) {
        this.makeHole(idx);
        continue;
      }
      const from = Math.max(offset, s) - s;
      const to = Math.min(end, s + have) - s;
      if (to >= have && from > 0) {
        // The punched range covers the extent's tail: it gets shorter.
        this.editable(idx, have).fill(0, from, have);
        this.setAlloc(idx, from);
      } else this.editable(idx, have).fill(0, from, to);
    }
    return before - this.allocBytes;
  }

  /** Cuts everything at and past `size` (truncate to a smaller size); returns the bytes freed. */
  truncate(size: number): number {
    const before = this.allocBytes;
    for (const [idx, have] of [...this.alloc]) {
      const s = idx * EXTENT_SIZE;
      if (s >= size) this.makeHole(idx);
      else if (s + have > size) {
        this.editable(idx, have).fill(0, size - s, have);
        this.setAlloc(idx, size - s);
      }
    }
    return before - this.allocBytes;
  }

  /** SEEK_DATA: the first offset >= `offset` inside an allocated extent, or -1. */
  nextData(offset: number): number {
    let best = -1;
    for (const [idx, have] of this.alloc) {
      const s = idx * EXTENT_SIZE;
      if (s + have <= offset) continue;
      const at = Math.max(s, offset);
      if (best < 0 || at < best) best = at;
    }
    return best;
  }

  /** SEEK_HOLE: the first offset >= `offset` in a hole (EOF counts as one); data is counted in whole 4 KiB blocks, as Linux does. */
  nextHole(offset: number, size: number): number {
    let at = offset;
    for (;;) {
      const idx = Math.floor(at / EXTENT_SIZE);
      const s = idx * EXTENT_SIZE;
      const have = Math.min(EXTENT_SIZE, Math.ceil((this.alloc.get(idx) ?? 0) / 4096) * 4096);
      // An extent allocated to its end continues into the next; a shorter one ends in a hole.
      if (at - s >= have || at >= size) return Math.min(at, size);
      if (have < EXTENT_SIZE) return Math.min(s + have, size);
      at = s + EXTENT_SIZE;
    }
  }

  /** Disk: moves the changed extents held in memory into parked blobs. */
  private park(): void {
    if (!this.store) return;
    for (const [idx, buf] of this.mem) {
      const len = this.alloc.get(idx) ?? 0;
      this.parked.set(idx, this.store.putBlob(buf.subarray(0, len)));
    }
    this.mem.clear();
    this.memBytes = 0;
  }

  /** Disk: commits every change (with `also`, the inode row) in one transaction. */
  commit(ino: number, also: () => void): void {
    if (!this.store) return;
    const removed = [...this.gone].map((idx) => ({ idx, blob: this.committed.get(idx)! }));
    const put: ExtentPut[] = [];
    for (const [idx, blob] of this.parked) put.push({ idx, len: this.alloc.get(idx)!, blob, old: this.committed.get(idx) });
    for (const [idx, buf] of this.mem) {
      const len = this.alloc.get(idx)!;
      put.push({ idx, len, data: buf.subarray(0, len), old: this.committed.get(idx) });
    }
    const ids = this.store.commitExtents(ino, removed, put, also);
    for (const r of removed) this.committed.delete(r.idx);
    put.forEach((p, i) => this.committed.set(p.idx, ids[i]!));
    this.gone.clear();
    this.parked.clear();
    this.mem.clear();
    this.memBytes = 0;
  }

  /** Disk: forgets uncommitted changes' parked blobs (the file is being deleted). */
  discard(): void {
    if (this.store) for (const blob of this.parked.values()) this.store.dropBlob(blob);
    this.parked.clear();
    this.mem.clear();
    this.gone.clear();
    this.memBytes = 0;
    this.cache = null;
  }

  /** Host memory held for this file's bytes (tests: bounded on the disk). */
  get residentBytes(): number {
    return this.memBytes + (this.cache?.data.length ?? 0);
  }
}

export function checkSize(size: number, max: number): void {
  if (!Number.isSafeInteger(size) || size > max) throw new SyscallError(Errno.EFBIG);
}
