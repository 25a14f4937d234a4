/**
 * Inodes: the objects a path names. One base class with the metadata every file has, and one
 * subclass per kind (directory, regular file, symbolic link, device). File systems (memfs for the
 * disk and /tmp, devfs, procfs) subclass these; the Vfs only talks to this interface.
 */

import { Errno, SyscallError } from '../errno.js';
import { R_OK, S_IFSOCK, TYPE_BITS, W_OK, X_OK, type InodeType } from './constants.js';
import { DirFile, RegularFile, type OpenFile } from './file.js';
import type { FsProcess } from './process.js';

export type { InodeType } from './constants.js';

/** What stat(2) reports; times in milliseconds since the epoch. */
export interface Stat {
  dev: number;
  ino: number;
  /** File type and permission bits (S_IFREG | 0o644 ...). */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  rdev: number;
  size: number;
  blksize: number;
  blocks: number;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;
}


let nextAnonIno = 1_000_000;
/** Inode numbers for objects outside any file system (pipes, host stdio). */
export function anonIno(): number {
  return nextAnonIno++;
}

/** Who is asking, for permission checks: root (uid 0) passes everything but exec of a non-executable. */
export interface Credentials {
  uid: number;
  gid: number;
}

export const ROOT: Credentials = { uid: 0, gid: 0 };

export abstract class Inode {
  abstract readonly type: InodeType;
  mode: number;
  uid: number;
  gid: number;
  rdev = 0;
  /**
   * The name a bound AF_UNIX socket was given (bind(2) made this node): it stats as S_IFSOCK,
   * lists as DT_SOCK and opens as ENXIO, as Linux's socket inodes. (Kept while the machine runs.)
   */
  socket = false;
  atimeMs: number;
  mtimeMs: number;
  ctimeMs: number;

  constructor(readonly dev: number, public ino: number, mode: number, uid = 0, gid = 0, timeMs = Date.now()) {
    this.mode = mode & 0o7777;
    this.uid = uid;
    this.gid = gid;
    this.atimeMs = this.mtimeMs = this.ctimeMs = timeMs;
  }

  abstract size(): number;

  nlink(): number {
    return 1;
  }

  /** st_blocks (512-byte units actually allocated). */
  blocks(): number {
    return Math.ceil(this.size() / 512);
  }

  stat(): Stat {
    const size = this.size();
    return {
      dev: this.dev, ino: this.ino, mode: (this.socket ? S_IFSOCK : TYPE_BITS[this.type]) | this.mode, nlink: this.nlink(),
      uid: this.uid, gid: this.gid, rdev: this.rdev, size, blksize: 4096,
      blocks: this.blocks(), atimeMs: this.atimeMs, mtimeMs: this.mtimeMs, ctimeMs: this.ctimeMs,
    };
  }

  /** Writes owner, mode and times to the file system's store, if it has one (chown, utimensat). */
  persistMeta(): void {}

  /** Changes permission bits (the file system persists it). */
  setMode(mode: number): void {
    this.mode = mode & 0o7777;
    this.ctimeMs = Date.now();
  }

  /** Opens the inode; `path` is its canonical path, used for /proc/self/exe and fchdir. */
  abstract open(flags: number, path: string, proc: FsProcess | null): OpenFile;
}

/** Checks R_OK/W_OK/X_OK bits of `mask` against an inode's mode for these credentials. */
export function permits(node: Inode, mask: number, cred: Credentials): boolean {
  if (mask === 0) return true;
  if (cred.uid === 0) {
    // Root may read and write anything; execute needs some x bit (directories always searchable).
    if (mask & X_OK) return node.type === 'dir' || (node.mode & 0o111) !== 0;
    return true;
  }
  let bits: number;
  if (cred.uid === node.uid) bits = (node.mode >> 6) & 7;
  else if (cred.gid === node.gid) bits = (node.mode >> 3) & 7;
  else bits = node.mode & 7;
  return (bits & mask) === mask;
}

export function checkAccess(node: Inode, mask: number, cred: Credentials): void {
  if (!permits(node, mask, cred)) throw new SyscallError(Errno.EACCES);
}

export { R_OK, W_OK, X_OK };

/** A directory. Read-only file systems keep the default mutators, which fail with EACCES. */
export abstract class DirInode extends Inode {
  readonly type = 'dir' as const;

  /** The entry `name` (never "." or ".."), or undefined. */
  abstract lookup(name: string, proc: FsProcess | null): Inode | undefined;
  /** All entries except "." and "..". */
  abstract list(proc: FsProcess | null): Array<[string, Inode]>;

  size(): number {
    return 4096;
  }

  override nlink(): number {
    return 2;
  }

  createFile(_name: string, _mode: number, _cred: Credentials): FileInode {
    throw new SyscallError(Errno.EACCES);
  }
  mkdir(_name: string, _mode: number, _cred: Credentials): DirInode {
    throw new SyscallError(Errno.EACCES);
  }
  symlink(_name: string, _target: string, _cred: Credentials): Inode {
    throw new SyscallError(Errno.EACCES);
  }
  /** mknod(S_IFIFO): a named pipe (file systems without them: EPERM, as Linux's). */
  createFifo(_name: string, _mode: number, _cred: Credentials): Inode {
    throw new SyscallError(Errno.EPERM);
  }
  /** Adds `name` as another link to `node` (link(2)); the Vfs has checked the rules. */
  link(_name: string, _node: Inode): void {
    throw new SyscallError(Errno.EPERM);
  }
  /** Removes a non-directory entry. */
  unlink(_name: string): void {
    throw new SyscallError(Errno.EACCES);
  }
  /** Removes an empty directory entry. */
  rmdir(_name: string): void {
    throw new SyscallError(Errno.EACCES);
  }
  /** Moves entry `name` to `dest/newName` (same file system; the Vfs has checked the rules). */
  rename(_name: string, _dest: DirInode, _newName: string): void {
    throw new SyscallError(Errno.EACCES);
  }

  override open(flags: number, path: string, proc: FsProcess | null): OpenFile {
    return new DirFile(this, flags, path, proc);
  }
}

/**
 * The page cache of a file that has MAP_SHARED mappings (kernel/shared-pages.ts): the pages
 * those mappings map hold the file's current bytes, newer than the file system's copy until
 * they are written back. Reads and writes through open files go through it (file.ts), so
 * read(2) sees a store through a mapping at once and a mapping sees a write(2) at once.
 */
export interface MappedPages {
  /** Copies the cached pages' bytes over `data`, the file system's bytes from `offset`. */
  overlay(offset: number, data: Uint8Array): void;
  /** A write of `data` at `offset` reached the file system: the cached pages take it too. */
  written(offset: number, data: Uint8Array): void;
  /** The file is now `size` bytes long: cached bytes past the end read as zeros. */
  truncated(size: number): void;
  /** Writes the pages that differ from the file system's bytes back to it. */
  writeBack(): void;
}

/** A regular file whose bytes are addressable by offset. */
export abstract class FileInode extends Inode {
  readonly type = 'reg' as const;
  /** Set while the file has shared mappings. */
  mappedPages: MappedPages | null = null;
  /**
   * Changes with every change of the file's bytes (a write, a truncate) even within one
   * millisecond of mtime, so the page cache never hands out pages of an older version of
   * the file (kernel/pagecache.ts). A file system whose files never change keeps 0.
   */
  get contentVersion(): number {
    return 0;
  }

  /** Up to `length` bytes from `offset` (fewer at end of file). */
  abstract read(offset: number, length: number): Uint8Array;
  /** Writes at `offset`, growing the file; returns the byte count. */
  write(_offset: number, _data: Uint8Array): number {
    throw new SyscallError(Errno.EACCES);
  }
  truncate(_size: number): void {
    throw new SyscallError(Errno.EACCES);
  }
  /** fallocate(2) mode 0 / FALLOC_FL_KEEP_SIZE. */
  allocate(_offset: number, _length: number, _keepSize: boolean): void {
    throw new SyscallError(Errno.ENOTSUP);
  }
  /** fallocate(2) FALLOC_FL_PUNCH_HOLE. */
  punchHole(_offset: number, _length: number): void {
    throw new SyscallError(Errno.ENOTSUP);
  }
  /** lseek SEEK_DATA (hole false) / SEEK_HOLE (true): the whole file is data unless overridden. */
  seekData(offset: number, hole: boolean): number {
    const size = this.size();
    if (offset < 0 || offset >= size) throw new SyscallError(Errno.ENXIO);
    return hole ? size : offset;
  }
  /** Commits the data to stable storage (the disk); no-op elsewhere. */
  sync(): void {}
  /** An open file description was created / released (write: it was open for writing). */
  opened(_write: boolean): void {}
  released(_write: boolean): void {}

  override open(flags: number, path: string, _proc: FsProcess | null): OpenFile {
    return new RegularFile(this, flags, path);
  }
}

export abstract class SymlinkInode extends Inode {
  readonly type = 'lnk' as const;
  abstract readlink(proc: FsProcess | null): string;
  size(): number {
    return Buffer.byteLength(this.readlink(null));
  }
  override open(): OpenFile {
    throw new SyscallError(Errno.ELOOP);
  }
}

/** A character device: open() makes the device's own file object. */
export abstract class DeviceInode extends Inode {
  readonly type = 'chr' as const;
  size(): number {
    return 0;
  }
}

