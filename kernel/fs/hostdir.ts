/**
 * A host directory as a read-only guest file system, read lazily: a directory's entries are
 * looked up on the host when the guest first names them, a file's bytes are read (pread)
 * when the guest reads them (the host files last read are kept open), and nothing is ever
 * copied or written. It is how `run -L DIR`
 * shows the guest a root file system such as /usr/aarch64-linux-gnu or an extracted Debian
 * tree without reading a 300 MB tree first, and the lower layer of `serve --rootfs`.
 *
 * The root may stand for several host directories, searched in order: the first that has
 * an entry decides what it is, and that entry's tree is then the only one seen below it.
 * `run -L DIR` uses [DIR, /]: DIR's top-level directories are the guest's, and a name DIR
 * does not have at its top (/etc or /home beside /usr/aarch64-linux-gnu's lib and include)
 * comes from the host, as under qemu-user's -L; a complete root file system has them all,
 * so nothing of the host shows. reveal() adds one host directory at a guest path (the
 * program's directory and the current directory for `run -L`). A listing shows the first
 * host directory's entries.
 *
 * Every change fails with EROFS. Host sockets, FIFOs and devices are not shown.
 */

import { closeSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, O_RDONLY, O_TRUNC, makedev } from './constants.js';
import { DirInode, FileInode, SymlinkInode, type Credentials, type Inode } from './inode.js';
import type { FsProcess } from './process.js';
import type { OpenFile } from './file.js';

/** Device number of host-directory file systems (st_dev). */
export const HOSTDIR_DEV = makedev(0, 40);

/** Largest single read from a host file (bounds what one guest read can make the host allocate). */
const MAX_READ = 64 * 1024 * 1024;

/**
 * Host files kept open between reads, least recently read first: a library or a program is
 * read in many pieces (page faults, the loader's reads), and opening, checking and closing
 * the host file for each piece cost more than the read. Bounded so that a guest walking a
 * large tree holds few host descriptors.
 */
const OPEN_HOST_FILES = 32;
const openHostFiles = new Map<HostFile, number>();

/** A descriptor for f's host file, opened on first use; throws when the host cannot open it. */
function hostDescriptor(f: HostFile): number {
  let fd = openHostFiles.get(f);
  if (fd !== undefined) {
    openHostFiles.delete(f);
    openHostFiles.set(f, fd);
    return fd;
  }
  fd = openSync(f.hostPath, 'r');
  openHostFiles.set(f, fd);
  for (const [old, oldFd] of openHostFiles) {
    if (openHostFiles.size <= OPEN_HOST_FILES) break;
    openHostFiles.delete(old);
    closeSync(oldFd);
  }
  return fd;
}

/** Closes f's kept descriptor (after a failed read: the next read opens the file again). */
function forgetDescriptor(f: HostFile): void {
  const fd = openHostFiles.get(f);
  if (fd === undefined) return;
  openHostFiles.delete(f);
  try {
    closeSync(fd);
  } catch {
    // already gone
  }
}

function erofs(): never {
  throw new SyscallError(Errno.EROFS);
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** A lazily read host tree. The root is a HostDir over `paths` (searched in order). */
export class HostFs {
  readonly root: HostDir;

  constructor(paths: readonly string[], readonly dev = HOSTDIR_DEV) {
    const found = paths.map((p) => [p, lstatOrUndefined(p)] as const).filter(([, st]) => st?.isDirectory());
    if (found.length === 0) throw new SyscallError(Errno.ENOTDIR, `not a directory: ${paths[0]}`);
    this.root = new HostDir(this, found.map(([p]) => p), found[0][1]!);
  }

  /**
   * Shows host directory `hostDir` at the same absolute path in the guest (read-only), the
   * way a bind mount would: directories on the way that the tree lacks are made up (empty
   * but for the way on). Does nothing when the path already leads to that host directory.
   */
  reveal(hostDir: string): void {
    const parts = hostDir.split('/').filter((c) => c.length > 0);
    let dir: HostDir = this.root;
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      const hostPath = '/' + parts.slice(0, i + 1).join('/');
      const st = statOrUndefined(hostPath);
      if (!st?.isDirectory()) return;
      if (i === parts.length - 1) {
        const there = dir.lookup(name);
        if (!(there instanceof HostDir && there.hostPaths[0] === hostPath)) dir.inject(name, new HostDir(this, [hostPath], st));
        return;
      }
      const next = dir.lookup(name);
      if (next instanceof HostDir) dir = next;
      else {
        const made = new HostDir(this, [], st);
        dir.inject(name, made);
        dir = made;
      }
    }
  }

  /** The guest inode for one host entry, or undefined for what the guest cannot see. */
  node(hostPaths: readonly string[], st: Stats): Inode | undefined {
    if (st.isDirectory()) return new HostDir(this, hostPaths, st);
    if (st.isFile()) return new HostFile(this, hostPaths[0], st);
    if (st.isSymbolicLink()) {
      try {
        return new HostSymlink(this, readlinkSync(hostPaths[0]), st);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

function metaOf(st: Stats): [number, number, number, number, number] {
  return [Number(st.ino), st.mode & 0o7777, st.uid, st.gid, st.mtimeMs];
}

export class HostDir extends DirInode {
  /** Entries looked up so far (an inode must stay the same object: mounts are keyed by it). */
  private readonly cache = new Map<string, Inode | null>();
  /** Names always listed when they resolve (mount points such as tmp, dev, proc). */
  extraNames: string[] = [];

  constructor(readonly fs: HostFs, readonly hostPaths: readonly string[], st: Stats) {
    const [ino, mode, uid, gid, time] = metaOf(st);
    super(fs.dev, ino, mode, uid, gid, time);
  }

  lookup(name: string): Inode | undefined {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit ?? undefined;
    let node: Inode | undefined;
    for (const dir of this.hostPaths) {
      const path = join(dir, name);
      const st = lstatOrUndefined(path);
      if (!st) continue;
      node = this.fs.node([path], st);
      break;
    }
    this.cache.set(name, node ?? null);
    return node;
  }

  /** Shows `node` as entry `name`, whatever the host has there. */
  inject(name: string, node: Inode): void {
    this.cache.set(name, node);
    if (!this.extraNames.includes(name)) this.extraNames.push(name);
  }

  list(): Array<[string, Inode]> {
    let names: string[];
    try {
      names = this.hostPaths.length ? readdirSync(this.hostPaths[0]) : [];
    } catch {
      names = [];
    }
    for (const n of this.extraNames) if (!names.includes(n)) names.push(n);
    const out: Array<[string, Inode]> = [];
    for (const name of names) {
      const node = this.lookup(name);
      if (node) out.push([name, node]);
    }
    return out;
  }

  override createFile(_name: string, _mode: number, _cred: Credentials): FileInode {
    return erofs();
  }
  override mkdir(_name: string, _mode: number, _cred: Credentials): DirInode {
    return erofs();
  }
  override symlink(_name: string, _target: string, _cred: Credentials): Inode {
    return erofs();
  }
  override unlink(_name: string): void {
    erofs();
  }
  override rmdir(_name: string): void {
    erofs();
  }
  override rename(_name: string, _dest: DirInode, _newName: string): void {
    erofs();
  }
  override setMode(_mode: number): void {
    erofs();
  }
}

export class HostFile extends FileInode {
  private readonly bytes: number;

  constructor(readonly fs: HostFs, readonly hostPath: string, st: Stats) {
    const [ino, mode, uid, gid, time] = metaOf(st);
    super(fs.dev, ino, mode, uid, gid, time);
    this.bytes = st.size;
  }

  size(): number {
    return this.bytes;
  }

  read(offset: number, length: number): Uint8Array {
    const n = Math.max(0, Math.min(length, this.bytes - offset, MAX_READ));
    if (n === 0) return new Uint8Array(0);
    try {
      const fd = hostDescriptor(this);
      // The file may have shrunk on the host since it was looked up: a short read is what is there.
      const buf = new Uint8Array(n);
      let done = 0;
      while (done < n) {
        const got = readSync(fd, buf, done, n - done, offset + done);
        if (got === 0) break;
        done += got;
      }
      return done === n ? buf : buf.subarray(0, done);
    } catch {
      forgetDescriptor(this);
      throw new SyscallError(Errno.EIO);
    }
  }

  override write(_offset: number, _data: Uint8Array): number {
    return erofs();
  }
  override truncate(_size: number): void {
    erofs();
  }
  override setMode(_mode: number): void {
    erofs();
  }
  override open(flags: number, path: string, proc: FsProcess | null): OpenFile {
    if ((flags & O_ACCMODE) !== O_RDONLY || flags & O_TRUNC) erofs();
    return super.open(flags, path, proc);
  }
}

export class HostSymlink extends SymlinkInode {
  constructor(readonly fs: HostFs, readonly target: string, st: Stats) {
    const [ino, mode, uid, gid, time] = metaOf(st);
    super(fs.dev, ino, mode, uid, gid, time);
  }
  readlink(): string {
    return this.target;
  }
}

/**
 * Why `dir` cannot be an arm64 root file system, or null when it can: it must be a
 * directory with an AArch64 dynamic linker (lib/ld-linux-aarch64.so.1) or an AArch64 ELF
 * /bin/sh. Says what was checked.
 */
export function rootFileSystemProblem(dir: string): string | null {
  const st = statOrUndefined(dir);
  if (!st) return `${dir}: no such directory`;
  if (!st.isDirectory()) return `${dir}: not a directory`;
  const machineOf = (rel: string): number | undefined => {
    try {
      const fd = openSync(join(dir, rel), 'r');
      try {
        const head = new Uint8Array(20);
        if (readSync(fd, head, 0, 20, 0) < 20 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46) return -1;
        return head[18] | (head[19] << 8);
      } finally {
        closeSync(fd);
      }
    } catch {
      return undefined;
    }
  };
  const ld = machineOf('lib/ld-linux-aarch64.so.1');
  const sh = machineOf('bin/sh');
  if (ld === 183 || sh === 183) return null;
  const what = (m: number | undefined) => (m === undefined ? 'missing' : m === -1 ? 'not an ELF file' : `e_machine ${m}, not AArch64 (183)`);
  return `${dir}: not an arm64 root file system (checked lib/ld-linux-aarch64.so.1: ${what(ld)}; bin/sh: ${what(sh)})`;
}
