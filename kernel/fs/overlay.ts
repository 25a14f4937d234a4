/**
 * An overlay file system: a read-only lower tree (a host root file system, hostdir.ts) under
 * a writable upper tree (the SQLite disk, memfs.ts), merged into one view, as Linux's
 * overlayfs does for containers. It is how `serve --rootfs DIR` runs a whole Debian system
 * without ever writing to DIR, and keeps the machine's changes across restarts.
 *
 * - Lookups look in the upper tree first, then in the lower one; a directory present in
 *   both is merged. Nothing of the lower tree is read before the guest names it.
 * - The first change to a lower file copies it up: its bytes and metadata go to the upper
 *   tree (with the directories on its way), and from then on the upper copy is the file.
 * - Deleting a name the lower tree has leaves a whiteout in the upper directory, AUFS style:
 *   an empty file `.wh.NAME`; a directory made again over a deleted lower one is marked
 *   opaque (`.wh..wh..opq`), so nothing of the lower one shows through. Those names are
 *   never shown to the guest, and the guest may not create them.
 * - Renaming a directory that has lower contents is EXDEV (as overlayfs without
 *   redirect_dir): mv then copies, as it does across file systems.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, O_RDONLY, O_TRUNC } from './constants.js';
import type { OpenFile } from './file.js';
import { DirInode, FileInode, ROOT, type Credentials, type Inode } from './inode.js';
import { MemDir, MemFile, type MemFs } from './memfs.js';
import type { FsProcess } from './process.js';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
/** Inode numbers of lower-only nodes are offset so they never equal an upper one (same st_dev). */
const LOWER_INO = 2 ** 40;
/** Bytes copied up per read from the lower file. */
const COPY_CHUNK = 4 * 1024 * 1024;

function lowerIno(ino: number): number {
  return ino < LOWER_INO ? ino + LOWER_INO : ino;
}

function checkName(name: string): void {
  if (name.startsWith(WHITEOUT)) throw new SyscallError(Errno.EINVAL);
}

export class OverlayFs {
  readonly root: OverlayDir;

  constructor(readonly upper: MemFs, lower: DirInode) {
    this.root = new OverlayDir(this, upper.root, lower, null, '');
  }
}

/** Copies an inode's ownership, mode and times onto another. */
function copyMeta(from: Inode, to: Inode): void {
  to.mode = from.mode;
  to.uid = from.uid;
  to.gid = from.gid;
  to.atimeMs = from.atimeMs;
  to.mtimeMs = from.mtimeMs;
  to.ctimeMs = from.ctimeMs;
}

export class OverlayDir extends DirInode {
  private readonly cache = new Map<string, Inode>();

  constructor(
    readonly fs: OverlayFs,
    public upper: MemDir | undefined,
    readonly lower: DirInode | undefined,
    private readonly parent: OverlayDir | null,
    private readonly name: string,
  ) {
    const from = (upper ?? lower)!;
    super(fs.upper.dev, upper ? upper.ino : lowerIno(from.ino), from.mode, from.uid, from.gid, from.mtimeMs);
    this.atimeMs = from.atimeMs;
    this.ctimeMs = from.ctimeMs;
  }

  private get opaque(): boolean {
    return this.upper?.lookup(OPAQUE) !== undefined;
  }

  /** The lower entry `name`, unless whited out or hidden by an opaque upper directory. */
  private lowerEntry(name: string): Inode | undefined {
    if (!this.lower || this.opaque || this.upper?.lookup(WHITEOUT + name)) return undefined;
    return this.lower.lookup(name, null);
  }

  lookup(name: string): Inode | undefined {
    if (name.startsWith(WHITEOUT)) return undefined;
    const hit = this.cache.get(name);
    if (hit) return hit;
    let node: Inode | undefined;
    const up = this.upper?.lookup(name);
    if (up) {
      if (up instanceof MemDir) {
        const low = up.lookup(OPAQUE) ? undefined : this.lowerEntry(name);
        node = new OverlayDir(this.fs, up, low instanceof DirInode ? low : undefined, this, name);
      } else node = up;
    } else {
      const low = this.lowerEntry(name);
      if (low instanceof DirInode) node = new OverlayDir(this.fs, undefined, low, this, name);
      else if (low instanceof FileInode) node = new OverlayFile(this, name, low);
      else node = low;
    }
    if (node) this.cache.set(name, node);
    return node;
  }

  list(): Array<[string, Inode]> {
    const names = new Set<string>();
    if (this.upper) for (const [n] of this.upper.list()) if (!n.startsWith(WHITEOUT)) names.add(n);
    if (this.lower && !this.opaque) for (const [n] of this.lower.list(null)) names.add(n);
    const out: Array<[string, Inode]> = [];
    for (const n of names) {
      const node = this.lookup(n);
      if (node) out.push([n, node]);
    }
    return out;
  }

  /** The upper directory, made (with its parents, copying their metadata) on first need. */
  ensureUpper(): MemDir {
    if (this.upper) return this.upper;
    const parentUpper = this.parent!.ensureUpper();
    const made = parentUpper.mkdir(this.name, this.mode, { uid: this.uid, gid: this.gid });
    copyMeta(this, made);
    made.persistMeta();
    this.upper = made;
    return made;
  }

  private dropWhiteout(upper: MemDir, name: string): void {
    if (upper.lookup(WHITEOUT + name)) upper.unlink(WHITEOUT + name);
  }

  private whiteout(name: string): void {
    const upper = this.ensureUpper();
    if (!upper.lookup(WHITEOUT + name)) upper.createFile(WHITEOUT + name, 0, ROOT);
  }

  /** The upper directory, ready for `name` to be (re)made in it directly (the host API's atomic writeFile). */
  upperFor(name: string): MemDir {
    checkName(name);
    const upper = this.ensureUpper();
    this.dropWhiteout(upper, name);
    this.cache.delete(name);
    return upper;
  }

  /** Forgets a cached entry (after the tree under it changed). */
  forget(name: string): void {
    this.cache.delete(name);
  }

  override createFile(name: string, mode: number, cred: Credentials): FileInode {
    checkName(name);
    const upper = this.ensureUpper();
    this.dropWhiteout(upper, name);
    const f = upper.createFile(name, mode, cred);
    this.cache.set(name, f);
    return f;
  }

  override mkdir(name: string, mode: number, cred: Credentials): DirInode {
    checkName(name);
    const hidesLower = this.lower?.lookup(name, null) !== undefined;
    const upper = this.ensureUpper();
    this.dropWhiteout(upper, name);
    const d = upper.mkdir(name, mode, cred);
    if (hidesLower) d.createFile(OPAQUE, 0, ROOT);
    const node = new OverlayDir(this.fs, d, undefined, this, name);
    this.cache.set(name, node);
    return node;
  }

  override symlink(name: string, target: string, cred: Credentials): Inode {
    checkName(name);
    const upper = this.ensureUpper();
    this.dropWhiteout(upper, name);
    const l = upper.symlink(name, target, cred);
    this.cache.set(name, l);
    return l;
  }

  override link(name: string, node: Inode): void {
    checkName(name);
    const target = node instanceof OverlayFile ? node.copyUp() : node;
    const upper = this.ensureUpper();
    this.dropWhiteout(upper, name);
    upper.link(name, target);
    this.cache.set(name, target);
  }

  override unlink(name: string): void {
    const node = this.lookup(name);
    if (!node) throw new SyscallError(Errno.ENOENT);
    if (node.type === 'dir') throw new SyscallError(Errno.EISDIR);
    const inLower = this.lowerEntry(name) !== undefined;
    if (this.upper?.lookup(name)) this.upper.unlink(name);
    if (inLower) this.whiteout(name);
    this.cache.delete(name);
  }

  override rmdir(name: string): void {
    const node = this.lookup(name);
    if (!node) throw new SyscallError(Errno.ENOENT);
    if (!(node instanceof OverlayDir)) throw new SyscallError(Errno.ENOTDIR);
    if (node.list().length > 0) throw new SyscallError(Errno.ENOTEMPTY);
    const inLower = this.lowerEntry(name) !== undefined;
    if (node.upper) {
      // Only whiteouts (and the opaque mark) are left in it.
      for (const [n] of node.upper.list()) node.upper.unlink(n);
      this.upper!.rmdir(name);
    }
    if (inLower) this.whiteout(name);
    this.cache.delete(name);
  }

  override rename(name: string, dest: DirInode, newName: string): void {
    checkName(newName);
    if (!(dest instanceof OverlayDir)) throw new SyscallError(Errno.EXDEV);
    let node = this.lookup(name);
    if (!node) throw new SyscallError(Errno.ENOENT);
    if (node instanceof OverlayDir && node.lower) throw new SyscallError(Errno.EXDEV);
    const victim = dest.lookup(newName);
    if (victim instanceof OverlayDir && victim.lower) {
      if (victim.list().length > 0) throw new SyscallError(Errno.ENOTEMPTY);
      if (node.type !== 'dir') throw new SyscallError(Errno.EISDIR);
      throw new SyscallError(Errno.EXDEV);
    }
    if (node instanceof OverlayFile) node = node.copyUp();
    const inLower = this.lowerEntry(name) !== undefined;
    const destUpper = dest.ensureUpper();
    dest.dropWhiteout(destUpper, newName);
    this.upper!.rename(name, destUpper, newName);
    if (inLower) this.whiteout(name);
    this.cache.delete(name);
    dest.cache.delete(newName);
  }

  override setMode(mode: number): void {
    this.ensureUpper().setMode(mode);
    super.setMode(mode);
  }

  override persistMeta(): void {
    const upper = this.ensureUpper();
    copyMeta(this, upper);
    upper.persistMeta();
  }
}

/**
 * A lower file seen through the overlay: read from the lower tree until its first change
 * copies it up, then the upper copy in every respect.
 */
export class OverlayFile extends FileInode {
  private upper: MemFile | undefined;

  constructor(private readonly dir: OverlayDir, private readonly name: string, private readonly lower: FileInode) {
    super(dir.fs.upper.dev, lowerIno(lower.ino), lower.mode, lower.uid, lower.gid, lower.mtimeMs);
    this.atimeMs = lower.atimeMs;
    this.ctimeMs = lower.ctimeMs;
  }

  /** Copies the file into the upper tree (once) and returns the upper copy. */
  copyUp(): MemFile {
    if (this.upper) return this.upper;
    const parent = this.dir.ensureUpper();
    const copy = parent.createFile(this.name, this.mode, { uid: this.uid, gid: this.gid });
    try {
      const size = this.lower.size();
      for (let at = 0; at < size; ) {
        const chunk = this.lower.read(at, Math.min(COPY_CHUNK, size - at));
        if (chunk.length === 0) break;
        copy.write(at, chunk);
        at += chunk.length;
      }
      copy.sync();
    } catch (e) {
      // No half copy: the lower file stays the file.
      parent.unlink(this.name);
      throw e;
    }
    copyMeta(this, copy);
    copy.persistMeta();
    this.upper = copy;
    this.dir.forget(this.name);
    return copy;
  }

  size(): number {
    return (this.upper ?? this.lower).size();
  }

  /** The lower file's, then (copied up, so written at least once unless empty) the upper copy's. */
  override get contentVersion(): number {
    return (this.upper ?? this.lower).contentVersion;
  }

  read(offset: number, length: number): Uint8Array {
    return (this.upper ?? this.lower).read(offset, length);
  }

  override write(offset: number, data: Uint8Array): number {
    return this.copyUp().write(offset, data);
  }

  override truncate(size: number): void {
    this.copyUp().truncate(size);
  }

  override sync(): void {
    this.upper?.sync();
  }

  override setMode(mode: number): void {
    this.copyUp().setMode(mode);
    super.setMode(mode);
  }

  override persistMeta(): void {
    const upper = this.copyUp();
    copyMeta(this, upper);
    upper.persistMeta();
  }

  override open(flags: number, path: string, proc: FsProcess | null): OpenFile {
    // Opening for writing copies up first, so the open file is the upper file from the start.
    if ((flags & O_ACCMODE) !== O_RDONLY || flags & O_TRUNC) return this.copyUp().open(flags, path, proc);
    if (this.upper) return this.upper.open(flags, path, proc);
    return super.open(flags, path, proc);
  }
}
