/**
 * The file system of the disk and of /tmp: a tree of directories, regular files and symbolic
 * links held in memory. With a store (the SQLite disk) every change to the tree is written
 * through in one transaction, and a file's bytes are written when it is synced or closed;
 * a file's bytes are loaded on first use and dropped again when nobody has it open.
 * Without a store it is a tmpfs.
 */

import type { DiskQuota } from './disk-quota.js';
import { Errno, SyscallError } from '../errno.js';
import type { InodeType } from './constants.js';
import { ExtentData, checkSize, type BlobStore, type StoredExtent } from './extents.js';
import { FifoInode } from './fifo.js';
import { DirInode, FileInode, SymlinkInode, type Credentials, type Inode } from './inode.js';

/** memfd seals (F_ADD_SEALS / F_GET_SEALS). */
export const SEAL_SEAL = 1;
export const SEAL_SHRINK = 2;
export const SEAL_GROW = 4;
export const SEAL_WRITE = 8;
export const SEAL_FUTURE_WRITE = 16;

/** Largest single file (ext4's with 4 KiB blocks); sparse files may have this size. */
export const MAX_FILE_SIZE = 2 ** 44;

/** Persistence for a MemFs (implemented by disk.ts). Every call runs inside transaction(). */
export interface FsStore extends BlobStore {
  transaction<T>(fn: () => T): T;
  /** Creates an inode row and returns its number. */
  createInode(node: { type: InodeType; mode: number; uid: number; gid: number; atimeMs: number; mtimeMs: number; ctimeMs: number }, target?: string): number;
  /** Writes mode, owner and times. */
  updateMeta(node: MemInode): void;
  /** Writes mode, owner, times and size (with a commit of the file's extents). */
  updateSize(node: MemFile): void;
  addEntry(dir: number, name: string, ino: number): void;
  removeEntry(dir: number, name: string): void;
  /** Deletes the inode row and its extents. */
  deleteInode(ino: number): void;
}

export type MemInode = MemDir | MemFile | MemSymlink | MemFifo;

export class MemFs {
  readonly root: MemDir;
  private nextIno = 2;
  /** Bytes held by regular files, against limitBytes (ENOSPC). */
  usedBytes = 0;
  /** The store was created just now (the first boot of a data directory). */
  fresh = true;
  /** Files with bytes not yet committed to the store. */
  readonly dirty = new Set<MemFile>();
  /** Where file extents are stored (the disk), or null (tmpfs: extents in memory). */
  get blobs(): BlobStore | null {
    return this.store;
  }

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

  /** Inodes in the tree (statfs f_files - f_ffree). */
  inodeCount(): number {
    let n = 0;
    const walk = (d: MemDir): void => {
      n++;
      for (const c of d.children.values()) {
        if (c instanceof MemDir) walk(c);
        else n++;
      }
    };
    walk(this.root);
    return n;
  }

  /** The machine's disk quota this file system's bytes also count against (disk-quota.ts), if any. */
  quota: DiskQuota | null = null;

  /** Counts `delta` bytes of file data: ENOSPC past this file system's size, EDQUOT past its quota. */
  charge(delta: number): void {
    // The quota is checked first, as Linux checks it before allocating blocks.
    if (this.quota && delta > 0 && this.quota.usedBytes + delta > this.quota.limitBytes) this.quota.charge(delta);
    if (delta > 0 && this.usedBytes + delta > this.limitBytes) throw new SyscallError(Errno.ENOSPC);
    this.quota?.charge(delta);
    this.usedBytes += delta;
  }

  /** Bytes of file data given back (truncate, punch, the last link and close gone). */
  uncharge(bytes: number): void {
    this.usedBytes -= bytes;
    this.quota?.charge(-bytes);
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

  touch(): void {
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
      const f = new MemFile(this.fs, this.fs.allocIno(meta), mode, cred.uid, cred.gid, now, 0);
      this.attach(name, f);
      return f;
    });
  }

  /** O_TMPFILE: a file in this file system with no name yet (`linkable`: linkat may name it). */
  createUnnamed(mode: number, cred: Credentials, linkable: boolean): MemFile {
    const now = Date.now();
    const meta = { type: 'reg' as const, mode, uid: cred.uid, gid: cred.gid, atimeMs: now, mtimeMs: now, ctimeMs: now };
    const f = new MemFile(this.fs, this.fs.allocIno(meta), mode, cred.uid, cred.gid, now, 0);
    f.linkable = linkable;
    return f;
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

  /** mknod(S_IFIFO): a named pipe. */
  override createFifo(name: string, mode: number, cred: Credentials): MemFifo {
    this.checkFree(name);
    return this.fs.tx(() => {
      const now = Date.now();
      const meta = { type: 'fifo' as const, mode, uid: cred.uid, gid: cred.gid, atimeMs: now, mtimeMs: now, ctimeMs: now };
      const f = new MemFifo(this.fs, this.fs.allocIno(meta), mode, cred.uid, cred.gid, now);
      this.attach(name, f);
      return f;
    });
  }

  /** Adds an existing (store-backed) node under `name`; a new name counts as one more link. */
  attach(name: string, node: MemInode, newLink = true): void {
    this.children.set(name, node);
    if (node.type === 'dir') node.parent = this;
    else if (newLink) node.linked();
    this.fs.store?.addEntry(this.ino, name, node.ino);
    this.touch();
  }

  /** link(2): a second name for a file or symlink of this file system (the Vfs checked the rules). */
  override link(name: string, node: Inode): void {
    this.checkFree(name);
    if (!(node instanceof MemFile || node instanceof MemSymlink || node instanceof MemFifo) || node.fs !== this.fs) throw new SyscallError(Errno.EXDEV);
    if (node.links === 0 && !(node instanceof MemFile && node.linkable)) throw new SyscallError(Errno.ENOENT);
    this.fs.tx(() => {
      this.attach(name, node);
      this.fs.store?.updateMeta(node);
    });
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
    if (child.type === 'dir') {
      this.fs.store?.deleteInode(child.ino);
      child.parent = null;
    } else child.unlinked();
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
      dest.attach(newName, child, false);
      child.ctimeMs = Date.now();
    });
  }

  /** Swaps entry `name` here with `otherName` in `other` (RENAME_EXCHANGE; both exist). */
  exchange(name: string, other: MemDir, otherName: string): void {
    const x = this.children.get(name);
    const y = other.children.get(otherName);
    if (!x || !y) throw new SyscallError(Errno.ENOENT);
    this.fs.tx(() => {
      this.fs.store?.removeEntry(this.ino, name);
      this.fs.store?.removeEntry(other.ino, otherName);
      this.children.set(name, y);
      other.children.set(otherName, x);
      this.fs.store?.addEntry(this.ino, name, y.ino);
      this.fs.store?.addEntry(other.ino, otherName, x.ino);
      if (y.type === 'dir') y.parent = this;
      if (x.type === 'dir') x.parent = other;
      x.ctimeMs = y.ctimeMs = Date.now();
      this.touch();
      if (other !== this) other.touch();
    });
  }

  override setMode(mode: number): void {
    super.setMode(mode);
    this.fs.store?.updateMeta(this);
  }

  override persistMeta(): void {
    this.fs.store?.updateMeta(this);
  }
}

export class MemFile extends FileInode {
  private readonly data: ExtentData;
  private len: number;
  private openers = 0;
  /** Directory entries naming this file (hard links). */
  links = 0;
  /** An O_TMPFILE file (opened without O_EXCL) that linkat may still give a name. */
  linkable = false;

  constructor(readonly fs: MemFs, ino: number, mode: number, uid: number, gid: number, timeMs: number, size: number, stored: StoredExtent[] = []) {
    super(fs.dev, ino, mode, uid, gid, timeMs);
    this.len = size;
    this.data = new ExtentData(fs.blobs, stored);
    fs.usedBytes += this.data.allocated;
  }

  size(): number {
    return this.len;
  }

  override nlink(): number {
    return this.links;
  }

  override blocks(): number {
    return this.data.blocks512;
  }

  /** Bytes the file's allocated extents hold. */
  get allocatedBytes(): number {
    return this.data.allocated;
  }

  /** Host memory held for the file's bytes. */
  get residentBytes(): number {
    return this.data.residentBytes;
  }

  read(offset: number, length: number): Uint8Array {
    if (offset >= this.len || length <= 0) return new Uint8Array(0);
    return this.data.read(offset, Math.min(this.len, offset + length) - offset);
  }

  /** memfd seals (F_ADD_SEALS): F_SEAL_* bits; 0 for ordinary files. */
  seals = 0;

  private checkSeals(grow: boolean, shrink: boolean, write: boolean): void {
    if (this.seals === 0) return;
    if ((write && (this.seals & (SEAL_WRITE | SEAL_FUTURE_WRITE))) || (grow && (this.seals & SEAL_GROW)) || (shrink && (this.seals & SEAL_SHRINK))) {
      throw new SyscallError(Errno.EPERM);
    }
  }

  override write(offset: number, data: Uint8Array): number {
    if (data.length === 0) return 0;
    const end = offset + data.length;
    checkSize(end, MAX_FILE_SIZE);
    this.checkSeals(end > this.len, false, true);
    this.fs.charge(this.data.growthOf(offset, data.length)); // ENOSPC before anything changes
    this.data.write(offset, data);
    if (end > this.len) this.len = end;
    this.modified();
    return data.length;
  }

  override truncate(size: number): void {
    if (size < 0) throw new SyscallError(Errno.EINVAL);
    checkSize(size, MAX_FILE_SIZE);
    this.checkSeals(size > this.len, size < this.len, false);
    if (size < this.len) this.fs.uncharge(this.data.truncate(size));
    this.len = size;
    this.modified();
  }

  /** fallocate: mode 0 allocates [offset, offset+length) and may grow the file; keepSize leaves the size. */
  override allocate(offset: number, length: number, keepSize: boolean): void {
    const end = offset + length;
    checkSize(end, MAX_FILE_SIZE);
    this.checkSeals(!keepSize && end > this.len, false, false);
    this.fs.charge(this.data.growthOf(offset, length));
    this.data.allocate(offset, length);
    if (!keepSize && end > this.len) this.len = end;
    this.modified();
  }

  /** FALLOC_FL_PUNCH_HOLE: zeros the range and frees the extents wholly inside it. */
  override punchHole(offset: number, length: number): void {
    this.checkSeals(false, false, true);
    this.fs.uncharge(this.data.punch(offset, Math.min(offset + length, this.len)));
    this.modified();
  }

  override seekData(offset: number, hole: boolean): number {
    if (offset < 0 || offset >= this.len) throw new SyscallError(Errno.ENXIO);
    if (hole) return this.data.nextHole(offset, this.len);
    const at = this.data.nextData(offset);
    if (at < 0 || at >= this.len) throw new SyscallError(Errno.ENXIO);
    return at;
  }

  private version = 0;
  override get contentVersion(): number {
    return this.version;
  }

  private modified(): void {
    this.version++;
    this.mtimeMs = this.ctimeMs = Date.now();
    if (this.fs.store) {
      this.sizeDirty = true;
      this.fs.dirty.add(this);
    }
  }

  /** The size or times changed since the last commit. */
  private sizeDirty = false;

  /** Commits the bytes and size to the store (the disk) in one transaction; a no-op when nothing changed. */
  override sync(): void {
    if (!this.fs.store || this.links === 0 || (!this.sizeDirty && !this.data.dirty)) return;
    const store = this.fs.store;
    this.data.commit(this.ino, () => store.updateSize(this));
    this.sizeDirty = false;
    this.fs.dirty.delete(this);
  }

  override opened(): void {
    this.openers++;
  }

  override released(write: boolean): void {
    this.openers--;
    if (write) this.sync();
    if (this.openers > 0) return;
    if (this.links === 0) this.free();
  }

  /** One more directory entry names the file. */
  linked(): void {
    this.links++;
    this.linkable = false;
    this.ctimeMs = Date.now();
  }

  /** A directory entry went away; the inode goes at the last one (or at the last close). */
  unlinked(): void {
    this.links--;
    this.ctimeMs = Date.now();
    if (this.links === 0 && this.openers === 0) this.free();
    else if (this.links > 0) this.fs.store?.updateMeta(this);
  }

  private free(): void {
    this.data.discard();
    this.fs.store?.deleteInode(this.ino);
    this.fs.uncharge(this.data.allocated);
    this.fs.dirty.delete(this);
  }

  override setMode(mode: number): void {
    super.setMode(mode);
    this.fs.store?.updateMeta(this);
  }

  override persistMeta(): void {
    this.fs.store?.updateMeta(this);
  }

  /** Replaces the whole content (host writes); commits at once on the disk. */
  replace(data: Uint8Array): void {
    this.fs.tx(() => {
      this.truncate(0);
      this.write(0, data);
      this.sync();
    });
  }
}

export class MemSymlink extends SymlinkInode {
  /** Directory entries naming this link (hard links to a symlink are allowed). */
  links = 0;

  constructor(readonly fs: MemFs, ino: number, readonly target: string, uid: number, gid: number, timeMs?: number) {
    super(fs.dev, ino, 0o777, uid, gid, timeMs);
  }
  override nlink(): number {
    return this.links;
  }
  override persistMeta(): void {
    this.fs.store?.updateMeta(this);
  }
  linked(): void {
    this.links++;
  }
  unlinked(): void {
    if (--this.links === 0) this.fs.store?.deleteInode(this.ino);
  }
  readlink(): string {
    return this.target;
  }
}

/** A named pipe in the tree: only its metadata is stored; its pipe lives while it is open. */
export class MemFifo extends FifoInode {
  /** Directory entries naming it. */
  links = 0;

  constructor(readonly fs: MemFs, ino: number, mode: number, uid: number, gid: number, timeMs?: number) {
    super(fs.dev, ino, mode, uid, gid, timeMs);
  }
  override nlink(): number {
    return this.links;
  }
  override setMode(mode: number): void {
    super.setMode(mode);
    this.fs.store?.updateMeta(this);
  }
  override persistMeta(): void {
    this.fs.store?.updateMeta(this);
  }
  linked(): void {
    this.links++;
  }
  unlinked(): void {
    if (--this.links === 0) this.fs.store?.deleteInode(this.ino);
    else this.fs.store?.updateMeta(this);
  }
}
