/**
 * The file system of the disk and of /tmp: a tree of directories, regular files and symbolic
 * links held in memory. With a store (the SQLite disk) every change to the tree is written
 * through in one transaction, and a file's bytes are written when it is synced or closed;
 * a file's bytes are loaded on first use and dropped again when nobody has it open.
 * Without a store it is a tmpfs.
 */

import { Errno, SyscallError } from '../errno.js';
import type { InodeType } from './constants.js';
import { DirInode, FileInode, SymlinkInode, type Credentials, type Inode } from './inode.js';

/** Largest single file. */
export const MAX_FILE_SIZE = 1 << 30;

/** Persistence for a MemFs (implemented by disk.ts). Every call runs inside transaction(). */
export interface FsStore {
  transaction<T>(fn: () => T): T;
  /** Creates an inode row and returns its number. */
  createInode(node: { type: InodeType; mode: number; uid: number; gid: number; atimeMs: number; mtimeMs: number; ctimeMs: number }, target?: string): number;
  /** Writes mode, owner, times and (for files) size. */
  updateMeta(node: MemInode): void;
  /** Writes a file's bytes and its metadata. */
  writeData(node: MemFile, data: Uint8Array): void;
  readData(ino: number): Uint8Array;
  addEntry(dir: number, name: string, ino: number): void;
  removeEntry(dir: number, name: string): void;
  deleteInode(ino: number): void;
}

export type MemInode = MemDir | MemFile | MemSymlink;

export class MemFs {
  readonly root: MemDir;
  private nextIno = 2;
  /** Bytes held by regular files, against limitBytes (ENOSPC). */
  usedBytes = 0;
  /** The store was created just now (the first boot of a data directory). */
  fresh = true;
  /** Files with bytes not yet committed to the store. */
  readonly dirty = new Set<MemFile>();

  constructor(
    readonly dev: number,
    readonly store: FsStore | null = null,
    readonly limitBytes = 512 * 1024 * 1024,
    rootMode = 0o755,
  ) {
    this.root = new MemDir(this, 1, rootMode, 0, 0, null);
  }

  allocIno(node: Parameters<FsStore['createInode']>[0], target?: string): number {
    return this.store ? this.store.createInode(node, target) : this.nextIno++;
  }

  /** Runs fn in one store transaction (or directly for a tmpfs). */
  tx<T>(fn: () => T): T {
    return this.store ? this.store.transaction(fn) : fn();
  }

  /** Commits every file with uncommitted bytes (sync(2)). */
  syncAll(): void {
    for (const f of [...this.dirty]) f.sync();
  }

  charge(delta: number): void {
    if (delta > 0 && this.usedBytes + delta > this.limitBytes) throw new SyscallError(Errno.ENOSPC);
    this.usedBytes += delta;
  }
}

export class MemDir extends DirInode {
  readonly children = new Map<string, MemInode>();

  constructor(readonly fs: MemFs, ino: number, mode: number, uid: number, gid: number, public parent: MemDir | null, timeMs?: number) {
    super(fs.dev, ino, mode, uid, gid, timeMs);
  }

  lookup(name: string): Inode | undefined {
    return this.children.get(name);
  }

  list(): Array<[string, Inode]> {
    return [...this.children];
  }

  override nlink(): number {
    let n = 2;
    for (const c of this.children.values()) if (c.type === 'dir') n++;
    return n;
  }

  private touch(): void {
    this.mtimeMs = this.ctimeMs = Date.now();
    this.fs.store?.updateMeta(this);
  }

  private checkFree(name: string): void {
    if (this.children.has(name)) throw new SyscallError(Errno.EEXIST);
  }

  override createFile(name: string, mode: number, cred: Credentials): MemFile {
    this.checkFree(name);
    return this.fs.tx(() => {
      const now = Date.now();
      const meta = { type: 'reg' as const, mode, uid: cred.uid, gid: cred.gid, atimeMs: now, mtimeMs: now, ctimeMs: now };
      const f = new MemFile(this.fs, this.fs.allocIno(meta), mode, cred.uid, cred.gid, now, 0, !this.fs.store);
      this.attach(name, f);
      return f;
    });
  }

  override mkdir(name: string, mode: number, cred: Credentials): MemDir {
    this.checkFree(name);
    return this.fs.tx(() => {
      const now = Date.now();
      const meta = { type: 'dir' as const, mode, uid: cred.uid, gid: cred.gid, atimeMs: now, mtimeMs: now, ctimeMs: now };
      const d = new MemDir(this.fs, this.fs.allocIno(meta), mode, cred.uid, cred.gid, this, now);
      this.attach(name, d);
      return d;
    });
  }

  override symlink(name: string, target: string, cred: Credentials): MemSymlink {
    this.checkFree(name);
    return this.fs.tx(() => {
      const now = Date.now();
      const meta = { type: 'lnk' as const, mode: 0o777, uid: cred.uid, gid: cred.gid, atimeMs: now, mtimeMs: now, ctimeMs: now };
      const l = new MemSymlink(this.fs, this.fs.allocIno(meta, target), target, cred.uid, cred.gid, now);
      this.attach(name, l);
      return l;
    });
  }

  /** Adds an existing (store-backed) node under `name`. */
  attach(name: string, node: MemInode): void {
    this.children.set(name, node);
    if (node.type === 'dir') node.parent = this;
    this.fs.store?.addEntry(this.ino, name, node.ino);
    this.touch();
  }

  override unlink(name: string): void {
    const child = this.children.get(name);
    if (!child) throw new SyscallError(Errno.ENOENT);
    if (child.type === 'dir') throw new SyscallError(Errno.EISDIR);
    this.fs.tx(() => this.detach(name, child));
  }

  override rmdir(name: string): void {
    const child = this.children.get(name);
    if (!child) throw new SyscallError(Errno.ENOENT);
    if (child.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    if (child.children.size > 0) throw new SyscallError(Errno.ENOTEMPTY);
    this.fs.tx(() => this.detach(name, child));
  }

  /** Removes the entry; the inode goes away now, or at its last close if a file is open. */
  private detach(name: string, child: MemInode): void {
    this.children.delete(name);
    this.fs.store?.removeEntry(this.ino, name);
    if (child.type === 'reg') child.unlinked();
    else this.fs.store?.deleteInode(child.ino);
    if (child.type === 'dir') child.parent = null;
    this.touch();
  }

  override rename(name: string, dest: DirInode, newName: string): void {
    const child = this.children.get(name);
    if (!child) throw new SyscallError(Errno.ENOENT);
    if (!(dest instanceof MemDir) || dest.fs !== this.fs) throw new SyscallError(Errno.EXDEV);
    if (dest === this && name === newName) return;
    const victim = dest.children.get(newName);
    if (victim === child) return;
    if (victim) {
      if (child.type === 'dir' && victim.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      if (child.type !== 'dir' && victim.type === 'dir') throw new SyscallError(Errno.EISDIR);
      if (victim.type === 'dir' && victim.children.size > 0) throw new SyscallError(Errno.ENOTEMPTY);
    }
    this.fs.tx(() => {
      if (victim) dest.detach(newName, victim);
      this.children.delete(name);
      this.fs.store?.removeEntry(this.ino, name);
      this.touch();
      dest.attach(newName, child);
      child.ctimeMs = Date.now();
    });
  }

  override setMode(mode: number): void {
    super.setMode(mode);
    this.fs.store?.updateMeta(this);
  }
}

export class MemFile extends FileInode {
  /** The bytes (capacity may exceed len); null when not loaded from the store. */
  private buf: Uint8Array | null;
  private len: number;
  private dirty = false;
  private openers = 0;
  private linked = true;

  constructor(readonly fs: MemFs, ino: number, mode: number, uid: number, gid: number, timeMs: number, size: number, resident: boolean) {
    super(fs.dev, ino, mode, uid, gid, timeMs);
    this.len = size;
    this.buf = resident ? new Uint8Array(0) : null;
    fs.usedBytes += size;
  }

  size(): number {
    return this.len;
  }

  override nlink(): number {
    return this.linked ? 1 : 0;
  }

  private data(): Uint8Array {
    if (this.buf === null) {
      const stored = this.fs.store ? this.fs.store.readData(this.ino) : new Uint8Array(0);
      this.buf = new Uint8Array(Math.max(stored.length, this.len));
      this.buf.set(stored.subarray(0, this.len));
    }
    return this.buf;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset >= this.len || length <= 0) return new Uint8Array(0);
    const end = Math.min(this.len, offset + length);
    return this.data().slice(offset, end);
  }

  /** Grows the buffer to hold `size` bytes (the new bytes are zero). */
  private reserve(size: number): Uint8Array {
    if (size > MAX_FILE_SIZE) throw new SyscallError(Errno.EFBIG);
    let buf = this.data();
    if (size > buf.length) {
      const grown = new Uint8Array(Math.min(MAX_FILE_SIZE, Math.max(size, buf.length * 2, 256)));
      grown.set(buf.subarray(0, this.len));
      this.buf = buf = grown;
    }
    return buf;
  }

  private resize(size: number): void {
    if (size !== this.len) this.fs.charge(size - this.len);
    this.len = size;
  }

  override write(offset: number, data: Uint8Array): number {
    if (data.length === 0) return 0;
    const end = offset + data.length;
    const buf = this.grow(end);
    buf.set(data, offset);
    this.modified();
    return data.length;
  }

  override truncate(size: number): void {
    if (size < 0) throw new SyscallError(Errno.EINVAL);
    if (size < this.len) {
      this.data().fill(0, size, this.len);
      this.resize(size);
    } else this.grow(size);
    this.modified();
  }

  /** Makes the file at least `size` bytes: checks the limits before allocating anything. */
  private grow(size: number): Uint8Array {
    if (size > MAX_FILE_SIZE) throw new SyscallError(Errno.EFBIG);
    if (size <= this.len) return this.data();
    const old = this.len;
    this.resize(size); // charges the file system (ENOSPC) first
    try {
      return this.reserve(size);
    } catch (e) {
      this.resize(old);
      throw e instanceof RangeError ? new SyscallError(Errno.ENOSPC) : e;
    }
  }

  private modified(): void {
    this.mtimeMs = this.ctimeMs = Date.now();
    if (this.fs.store) {
      this.dirty = true;
      this.fs.dirty.add(this);
    }
  }

  /** Commits the bytes to the store (the disk); a no-op when nothing changed. */
  override sync(): void {
    if (!this.dirty || !this.fs.store || !this.linked) return;
    this.fs.store.writeData(this, this.data().subarray(0, this.len));
    this.dirty = false;
    this.fs.dirty.delete(this);
  }

  override opened(): void {
    this.openers++;
  }

  override released(write: boolean): void {
    this.openers--;
    if (write) this.sync();
    if (this.openers > 0) return;
    if (!this.linked) this.free();
    else if (this.fs.store && !this.dirty) this.buf = null; // reloaded on next use
  }

  /** The last directory entry went away. */
  unlinked(): void {
    this.linked = false;
    this.ctimeMs = Date.now();
    if (this.openers === 0) this.free();
  }

  private free(): void {
    this.fs.store?.deleteInode(this.ino);
    this.fs.usedBytes -= this.len;
    this.buf = null;
    this.dirty = false;
    this.fs.dirty.delete(this);
  }

  override setMode(mode: number): void {
    super.setMode(mode);
    this.fs.store?.updateMeta(this);
  }

  /** Replaces the whole content (host writes); commits at once on the disk. */
  replace(data: Uint8Array): void {
    this.fs.tx(() => {
      this.buf = null;
      this.resize(0);
      this.buf = new Uint8Array(0);
      this.write(0, data);
      this.sync();
    });
    if (this.openers === 0 && this.fs.store) this.buf = null;
  }
}

export class MemSymlink extends SymlinkInode {
  constructor(readonly fs: MemFs, ino: number, readonly target: string, uid: number, gid: number, timeMs?: number) {
    super(fs.dev, ino, 0o777, uid, gid, timeMs);
  }
  readlink(): string {
    return this.target;
  }
}
