/**
 * The virtual file system: one tree made of the disk (root), /tmp (tmpfs), /dev and /proc.
 * Path resolution (cwd, ".", "..", symbolic links, mount points, search permission) and the
 * operations behind the file syscalls, which take the calling process (FsProcess), plus a
 * host-side API (readFile, writeFile, list, stat, mkdir, remove, rename...) that acts as root
 * for the shell, pkg and the sftp server.
 */

import { Errno, ERRNO_NAMES, SyscallError } from '../errno.js';
import {
  NAME_MAX, O_ACCMODE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_LARGEFILE, O_NOCTTY, O_NOFOLLOW,
  O_PATH, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY, PATH_MAX, RENAME_EXCHANGE, RENAME_NOREPLACE, makedev,
} from './constants.js';
import { createDevfs } from './devfs.js';
import { openDisk, type SqliteDatabase } from './disk.js';
import { DirFile, RegularFile, type OpenFile } from './file.js';
import {
  DirInode, FileInode, ROOT, SymlinkInode, checkAccess, permits, R_OK, W_OK, X_OK,
  type Credentials, type Inode, type Stat,
} from './inode.js';
import { MemDir, MemFile, MemFs } from './memfs.js';
import type { FsProcess, ProcessInfoSource } from './process.js';
import { FdLink, createProcfs } from './procfs.js';

export const TMPFS_DEV = makedev(0, 30);
export const USER_UID = 1000;
export const USER_GID = 1000;
export const MAX_SYMLINKS = 40;

export interface VfsOptions {
  /** The data directory's database; the disk is in memory when absent (tests, `run`). */
  db?: SqliteDatabase;
  /** Where procfs reads processes and memory from (can be set later: vfs.processes = ...). */
  processes?: ProcessInfoSource | null;
  hostname?: string;
  /** Byte limits (ENOSPC past them). */
  diskLimitBytes?: number;
  tmpLimitBytes?: number;
}

interface Frame {
  dir: DirInode;
  /** Entry name in the parent ('' for the root). */
  name: string;
}

/** The result of resolving a path. */
export interface Lookup {
  /** The node, or undefined when only the last component is missing. */
  node: Inode | undefined;
  /** Directories from the root to the node's parent. */
  parents: Frame[];
  /** Last component name (the directory's own name when the path ends in "." or ".."). */
  name: string;
  /** The path ended in "." or ".." (or was "/"): node is the directory itself. */
  dotted: boolean;
  /** The path ended with a slash. */
  trailingSlash: boolean;
}

function pathOf(frames: Frame[]): string {
  return frames.length <= 1 ? '/' : '/' + frames.slice(1).map((f) => f.name).join('/');
}

export function joinPath(dir: string, name: string): string {
  return dir === '/' ? '/' + name : dir + '/' + name;
}

function credOf(proc: FsProcess | null): Credentials {
  return proc ? { uid: proc.uid ?? 0, gid: proc.gid ?? 0 } : ROOT;
}

/** Flags an open file description keeps (F_GETFL shows them). */
const KEPT_FLAGS = ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);

export interface DirListing {
  name: string;
  stat: Stat;
}

export class Vfs {
  readonly disk: MemFs;
  readonly tmp: MemFs;
  readonly dev: DirInode;
  readonly proc: DirInode;
  readonly root: DirInode;
  processes: ProcessInfoSource | null;
  private readonly mounts = new Map<Inode, DirInode>();
  private readonly mountRoots = new Set<Inode>();

  constructor(opts: VfsOptions = {}) {
    this.processes = opts.processes ?? null;
    this.disk = openDisk({ db: opts.db, limitBytes: opts.diskLimitBytes });
    this.root = this.disk.root;
    this.tmp = new MemFs(TMPFS_DEV, null, opts.tmpLimitBytes ?? 256 * 1024 * 1024, 0o1777);
    this.dev = createDevfs();
    this.proc = createProcfs(() => this.processes);
    this.ensureLayout(opts.hostname ?? 'akuma');
    this.mount('/tmp', this.tmp.root);
    this.mount('/dev', this.dev);
    this.mount('/proc', this.proc);
  }

  /** The standard tree, created where missing (a user's changes to it persist). */
  private ensureLayout(hostname: string): void {
    const dirs: Array<[string, number, number]> = [
      ['/bin', 0o755, 0], ['/etc', 0o755, 0], ['/home', 0o755, 0], ['/home/user', 0o755, USER_UID],
      ['/root', 0o700, 0], ['/tmp', 0o1777, 0], ['/proc', 0o555, 0], ['/dev', 0o755, 0],
      ['/usr', 0o755, 0], ['/usr/bin', 0o755, 0], ['/var', 0o755, 0],
    ];
    const files: Array<[string, string]> = [
      ['/etc/hostname', hostname + '\n'],
      ['/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\n'],
      ['/etc/group', 'root:x:0:\ntty:x:5:\nuser:x:1000:\n'],
      ['/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${hostname}\n`],
      ['/etc/os-release', 'NAME="Akuma"\nID=akuma\nPRETTY_NAME="Akuma (akuma-vm)"\n'],
      ['/etc/shells', '/bin/sh\n'],
    ];
    // The whole layout on first boot; later only the mount points (a user's deletions stay).
    const fresh = this.disk.fresh;
    this.disk.tx(() => {
      for (const [path, mode, uid] of dirs) {
        if (!fresh && !['/tmp', '/proc', '/dev'].includes(path)) continue;
        if (!this.exists(path, false)) {
          const { dir, name } = this.parentOf(null, path);
          dir.mkdir(name, mode, { uid, gid: uid });
        }
      }
      if (fresh) for (const [path, text] of files) if (!this.exists(path, false)) this.writeFile(path, text, { mode: 0o644 });
    });
  }

  /** Mounts a file system root on an existing directory. */
  mount(path: string, root: DirInode): void {
    const r = this.lookup(null, path, { follow: true });
    if (!r.node || r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR, `mount: ${path}`);
    this.mounts.set(r.node, root);
    this.mountRoots.add(root);
  }

  // ---------------------------------------------------------------- resolution

  /**
   * Resolves `path` relative to `base` (an absolute canonical path; the process's cwd when
   * absent). The last component is followed if it is a symlink and `follow` is set.
   */
  lookup(proc: FsProcess | null, path: string, opts: { follow: boolean; base?: string }): Lookup {
    if (path.length === 0) throw new SyscallError(Errno.ENOENT);
    if (path.length >= PATH_MAX) throw new SyscallError(Errno.ENAMETOOLONG);
    const cred = credOf(proc);
    const rootFrame: Frame = { dir: this.root, name: '' };
    let frames: Frame[];
    if (path.startsWith('/')) frames = [rootFrame];
    else {
      const base = opts.base ?? proc?.cwd ?? '/';
      frames = base === '/' ? [rootFrame] : this.framesOf(proc, base);
    }
    const trailingSlash = path.endsWith('/');
    const queue = path.split('/').filter((c) => c.length > 0);
    let links = 0;
    let dotted = true;
    while (queue.length > 0) {
      const c = queue.shift()!;
      const dir = frames[frames.length - 1]!.dir;
      const last = queue.length === 0;
      if (c === '.' || c === '..') {
        checkAccess(dir, X_OK, cred);
        if (c === '..' && frames.length > 1) frames.pop();
        dotted = true;
        continue;
      }
      dotted = false;
      if (c.length > NAME_MAX) throw new SyscallError(Errno.ENAMETOOLONG);
      checkAccess(dir, X_OK, cred);
      let child = dir.lookup(c, proc);
      if (child) child = this.mounts.get(child) ?? child;
      if (!child) {
        if (last) return { node: undefined, parents: frames, name: c, dotted: false, trailingSlash };
        throw new SyscallError(Errno.ENOENT);
      }
      if (child instanceof SymlinkInode && (!last || opts.follow || trailingSlash)) {
        if (child instanceof FdLink && last && child.file(proc)) {
          return { node: child, parents: frames, name: c, dotted: false, trailingSlash };
        }
        if (++links > MAX_SYMLINKS) throw new SyscallError(Errno.ELOOP);
        const target = child.readlink(proc);
        if (target.length === 0) throw new SyscallError(Errno.ENOENT);
        if (target.startsWith('/')) frames = [rootFrame];
        queue.unshift(...target.split('/').filter((t) => t.length > 0));
        if (queue.length === 0) {
          // A link to "/" (or to ".").
          dotted = true;
          break;
        }
        continue;
      }
      if (last) {
        if (trailingSlash && child.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
        return { node: child, parents: frames, name: c, dotted: false, trailingSlash };
      }
      if (child.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      frames.push({ dir: child as DirInode, name: c });
    }
    // The path named a directory through ".", ".." or "/".
    const top = frames[frames.length - 1]!;
    return { node: top.dir, parents: frames.length > 1 ? frames.slice(0, -1) : frames, name: top.name, dotted, trailingSlash };
  }

  /** The frames of an absolute directory path (the cwd). */
  private framesOf(proc: FsProcess | null, base: string): Frame[] {
    const r = this.lookup(proc, base.startsWith('/') ? base : '/' + base, { follow: true });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    if (r.node === this.root) return [{ dir: this.root, name: '' }];
    return [...r.parents, { dir: r.node as DirInode, name: r.name }];
  }

  /** Canonical absolute path of a lookup's node. */
  pathOf(r: Lookup): string {
    if (r.node === this.root) return '/';
    return joinPath(pathOf(r.parents), r.name);
  }

  /** Parent directory and name for creating `path` (the last component is not followed). */
  private parentOf(proc: FsProcess | null, path: string, base?: string): { dir: DirInode; name: string; r: Lookup } {
    const r = this.lookup(proc, path, { follow: false, base });
    const dir = r.parents[r.parents.length - 1]!.dir;
    return { dir, name: r.name, r };
  }

  private isMountRoot(node: Inode): boolean {
    return node === this.root || this.mountRoots.has(node);
  }

  // ---------------------------------------------------------------- process operations

  /** openat(2). Returns a new open file description (one reference). */
  openAt(proc: FsProcess | null, base: string | undefined, path: string, flags: number, mode = 0o666): OpenFile {
    const cred = credOf(proc);
    const acc = flags & O_ACCMODE;
    if (acc === 3 && !(flags & O_PATH)) throw new SyscallError(Errno.EINVAL);
    const exclusive = (flags & O_CREAT) !== 0 && (flags & O_EXCL) !== 0;
    const r = this.lookup(proc, path, { follow: !(flags & O_NOFOLLOW) && !exclusive, base });
    let node = r.node;
    const parent = r.parents[r.parents.length - 1]!.dir;
    if (node instanceof FdLink) {
      const f = node.file(proc)!;
      if (f instanceof RegularFile || f instanceof DirFile) return this.openAt(proc, undefined, f.path, flags, mode);
      return f.retain();
    }
    let created = false;
    if (!node) {
      if (!(flags & O_CREAT)) throw new SyscallError(Errno.ENOENT);
      if (r.trailingSlash || (flags & O_DIRECTORY)) throw new SyscallError(Errno.EISDIR);
      checkAccess(parent, W_OK | X_OK, cred);
      node = parent.createFile(r.name, mode & ~(proc?.umask ?? 0o022) & 0o7777, cred);
      created = true;
    } else {
      if (exclusive) throw new SyscallError(Errno.EEXIST);
      if (node.type === 'lnk') throw new SyscallError(Errno.ELOOP);
      if ((flags & O_DIRECTORY) && node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      if (node.type === 'dir' && !(flags & O_PATH) && (acc !== O_RDONLY || (flags & O_CREAT))) throw new SyscallError(Errno.EISDIR);
      if (!(flags & O_PATH)) {
        let need = 0;
        if (acc === O_RDONLY || acc === O_RDWR) need |= R_OK;
        if (acc === O_WRONLY || acc === O_RDWR || (flags & O_TRUNC)) need |= W_OK;
        checkAccess(node, need, cred);
      }
    }
    const canonical = node === this.root ? '/' : joinPath(pathOf(r.parents), r.name);
    const kept = (flags & KEPT_FLAGS) | O_LARGEFILE;
    let file: OpenFile;
    if (node instanceof DirInode) {
      file = new DirFile(node, kept, canonical, proc, parent);
    } else file = node.open(kept, canonical, proc);
    if (!created && (flags & O_TRUNC) && node instanceof FileInode && file.writable) {
      try {
        node.truncate(0);
      } catch (e) {
        file.release();
        throw e;
      }
    }
    return file;
  }

  mkdirAt(proc: FsProcess | null, base: string | undefined, path: string, mode: number): void {
    const { dir, name, r } = this.parentOf(proc, path, base);
    if (r.node) throw new SyscallError(Errno.EEXIST);
    checkAccess(dir, W_OK | X_OK, credOf(proc));
    dir.mkdir(name, mode & ~(proc?.umask ?? 0o022) & 0o7777, credOf(proc));
  }

  /** unlinkat(2): removes a file, or an empty directory with removeDir. */
  unlinkAt(proc: FsProcess | null, base: string | undefined, path: string, removeDir: boolean): void {
    const { dir, name, r } = this.parentOf(proc, path, base);
    const node = r.node;
    if (!node) throw new SyscallError(Errno.ENOENT);
    if (r.dotted) {
      if (!removeDir) throw new SyscallError(Errno.EISDIR);
      throw new SyscallError(path.replace(/\/+$/, '').endsWith('..') ? Errno.ENOTEMPTY : Errno.EINVAL);
    }
    if (removeDir) {
      if (node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      if (this.isMountRoot(node)) throw new SyscallError(Errno.EBUSY);
    } else if (node.type === 'dir') throw new SyscallError(Errno.EISDIR);
    this.checkDelete(proc, dir, node);
    if (removeDir) dir.rmdir(name);
    else dir.unlink(name);
  }

  /** Write+search on the directory, and the sticky bit's owner rule. */
  private checkDelete(proc: FsProcess | null, dir: DirInode, node: Inode): void {
    const cred = credOf(proc);
    checkAccess(dir, W_OK | X_OK, cred);
    if ((dir.mode & 0o1000) && cred.uid !== 0 && cred.uid !== node.uid && cred.uid !== dir.uid) {
      throw new SyscallError(Errno.EPERM);
    }
  }

  renameAt(
    proc: FsProcess | null, oldBase: string | undefined, oldPath: string,
    newBase: string | undefined, newPath: string, flags = 0,
  ): void {
    if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE)) throw new SyscallError(Errno.EINVAL);
    if (flags & RENAME_EXCHANGE) throw new SyscallError(Errno.EINVAL);
    const from = this.parentOf(proc, oldPath, oldBase);
    const node = from.r.node;
    if (!node) throw new SyscallError(Errno.ENOENT);
    if (from.r.dotted) throw new SyscallError(Errno.EBUSY);
    if (this.isMountRoot(node)) throw new SyscallError(Errno.EBUSY);
    if (from.r.trailingSlash && node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    const to = this.parentOf(proc, newPath, newBase);
    if (to.r.dotted) throw new SyscallError(to.r.node === node ? Errno.EBUSY : Errno.EEXIST);
    const victim = to.r.node;
    if (victim && (flags & RENAME_NOREPLACE)) throw new SyscallError(Errno.EEXIST);
    if (victim === node) return;
    if (to.r.trailingSlash && node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    if (victim && this.isMountRoot(victim)) throw new SyscallError(Errno.EBUSY);
    if (from.dir.dev !== to.dir.dev) throw new SyscallError(Errno.EXDEV);
    // A directory cannot move into itself.
    if (node.type === 'dir' && (to.r.parents.some((f) => f.dir === node))) throw new SyscallError(Errno.EINVAL);
    if (victim) {
      if (node.type === 'dir' && victim.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      if (node.type !== 'dir' && victim.type === 'dir') throw new SyscallError(Errno.EISDIR);
    }
    this.checkDelete(proc, from.dir, node);
    if (victim) this.checkDelete(proc, to.dir, victim);
    else checkAccess(to.dir, W_OK | X_OK, credOf(proc));
    from.dir.rename(from.name, to.dir, to.name);
  }

  statAt(proc: FsProcess | null, base: string | undefined, path: string, follow: boolean): Stat {
    const r = this.lookup(proc, path, { follow, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (r.node instanceof FdLink && follow) return r.node.file(proc)!.stat();
    return r.node.stat();
  }

  readlinkAt(proc: FsProcess | null, base: string | undefined, path: string): string {
    const r = this.lookup(proc, path, { follow: false, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (!(r.node instanceof SymlinkInode)) throw new SyscallError(Errno.EINVAL);
    return r.node.readlink(proc);
  }

  /** faccessat(2): F_OK or a mask of R_OK/W_OK/X_OK. */
  accessAt(proc: FsProcess | null, base: string | undefined, path: string, mask: number, follow = true): void {
    if (mask & ~7) throw new SyscallError(Errno.EINVAL);
    const r = this.lookup(proc, path, { follow, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (!permits(r.node, mask, credOf(proc))) throw new SyscallError(Errno.EACCES);
  }

  symlinkAt(proc: FsProcess | null, target: string, base: string | undefined, path: string): void {
    if (target.length === 0) throw new SyscallError(Errno.ENOENT);
    const { dir, name, r } = this.parentOf(proc, path, base);
    if (r.node || r.dotted) throw new SyscallError(Errno.EEXIST);
    checkAccess(dir, W_OK | X_OK, credOf(proc));
    dir.symlink(name, target, credOf(proc));
  }

  chmodAt(proc: FsProcess | null, base: string | undefined, path: string, mode: number, follow = true): void {
    const r = this.lookup(proc, path, { follow, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    const cred = credOf(proc);
    if (cred.uid !== 0 && cred.uid !== r.node.uid) throw new SyscallError(Errno.EPERM);
    if (r.node.type === 'lnk') throw new SyscallError(Errno.ENOTSUP);
    if (r.node.dev !== this.disk.dev && r.node.dev !== this.tmp.dev) throw new SyscallError(Errno.EPERM);
    r.node.setMode(mode);
  }

  /** chdir(2): sets proc.cwd to the canonical path. */
  chdir(proc: FsProcess, path: string, base?: string): void {
    const r = this.lookup(proc, path, { follow: true, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    checkAccess(r.node, X_OK, credOf(proc));
    proc.cwd = this.pathOf(r);
  }

  /** Canonical absolute path (symlinks resolved); ENOENT if it does not exist. */
  realpath(path: string, proc: FsProcess | null = null, base?: string): string {
    const r = this.lookup(proc, path, { follow: true, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    return this.pathOf(r);
  }

  /**
   * For execve: resolves `path`, checks it is a regular file the process may execute, and
   * returns its bytes and canonical path (what /proc/self/exe shows).
   */
  readExecutable(path: string, cwd = '/', proc: FsProcess | null = null): { path: string; data: Uint8Array; stat: Stat } {
    const r = this.lookup(proc, path, { follow: true, base: cwd });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (!(r.node instanceof FileInode)) throw new SyscallError(Errno.EACCES);
    checkAccess(r.node, X_OK, credOf(proc));
    const file = r.node.open(O_RDONLY, this.pathOf(r), proc);
    try {
      return { path: file.path, data: readAll(file), stat: file.stat() };
    } finally {
      file.release();
    }
  }

  /** sync(2): commits every file's pending bytes to the disk. */
  sync(): void {
    this.disk.syncAll();
  }

  // ---------------------------------------------------------------- host API (acts as root)

  private host<T>(op: string, path: string, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SyscallError && !e.message.includes(path)) {
        throw new SyscallError(e.errno, `${op} ${path}: ${ERRNO_NAMES[e.errno] ?? e.message}`);
      }
      throw e;
    }
  }

  exists(path: string, follow = true): boolean {
    try {
      return this.lookup(null, path, { follow }).node !== undefined;
    } catch (e) {
      if (e instanceof SyscallError) return false;
      throw e;
    }
  }

  stat(path: string): Stat {
    return this.host('stat', path, () => this.statAt(null, '/', path, true));
  }

  lstat(path: string): Stat {
    return this.host('lstat', path, () => this.statAt(null, '/', path, false));
  }

  /** A whole file's bytes (also /proc files). */
  readFile(path: string): Uint8Array {
    return this.host('read', path, () => {
      const file = this.openAt(null, '/', path, O_RDONLY);
      try {
        if (file instanceof DirFile) throw new SyscallError(Errno.EISDIR);
        if (!(file instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
        return readAll(file);
      } finally {
        file.release();
      }
    });
  }

  readText(path: string): string {
    return Buffer.from(this.readFile(path)).toString('utf8');
  }

  /**
   * Writes a whole file atomically: readers see the old content or the new one, never a
   * mix, and on the disk the new content is committed before this returns (pkg install).
   */
  writeFile(path: string, data: Uint8Array | string, opts: { mode?: number; uid?: number; gid?: number; parents?: boolean } = {}): void {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.host('write', path, () => {
      if (opts.parents) this.mkdir(parentPath(path), { recursive: true });
      const { dir, name, r } = this.parentOf(null, path, '/');
      if (r.dotted || r.trailingSlash || (r.node && r.node.type === 'dir')) throw new SyscallError(Errno.EISDIR);
      if (!(dir instanceof MemDir)) throw new SyscallError(Errno.EACCES);
      const cred = { uid: opts.uid ?? r.node?.uid ?? 0, gid: opts.gid ?? r.node?.gid ?? 0 };
      const mode = opts.mode ?? (r.node ? r.node.mode : 0o644);
      dir.fs.tx(() => {
        const tmpName = `.${name}.~${process.pid}~${Date.now()}`;
        const f = dir.createFile(tmpName, mode, cred) as MemFile;
        f.replace(bytes);
        dir.rename(tmpName, dir, name);
      });
    });
  }

  /** Entries of a directory with their lstat. */
  list(path: string): DirListing[] {
    return this.host('list', path, () => {
      const r = this.lookup(null, path, { follow: true, base: '/' });
      if (!r.node) throw new SyscallError(Errno.ENOENT);
      if (!(r.node instanceof DirInode)) throw new SyscallError(Errno.ENOTDIR);
      return r.node.list(null).map(([name, node]) => ({ name, stat: (this.mounts.get(node) ?? node).stat() }));
    });
  }

  mkdir(path: string, opts: { mode?: number; recursive?: boolean; uid?: number; gid?: number } = {}): void {
    this.host('mkdir', path, () => {
      const mode = opts.mode ?? 0o755;
      const cred = { uid: opts.uid ?? 0, gid: opts.gid ?? opts.uid ?? 0 };
      if (!opts.recursive) {
        const { dir, name, r } = this.parentOf(null, path, '/');
        if (r.node || r.dotted) throw new SyscallError(Errno.EEXIST);
        dir.mkdir(name, mode, cred);
        return;
      }
      const parts = path.split('/').filter((p) => p.length > 0);
      let cur = '/';
      for (const p of parts) {
        cur = joinPath(cur, p);
        const r = this.lookup(null, cur, { follow: true, base: '/' });
        if (r.node) {
          if (r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
          continue;
        }
        r.parents[r.parents.length - 1]!.dir.mkdir(r.name, mode, cred);
      }
    });
  }

  /** Removes a file or an empty directory (or a whole tree with recursive). */
  remove(path: string, opts: { recursive?: boolean } = {}): void {
    this.host('remove', path, () => {
      const r = this.lookup(null, path, { follow: false, base: '/' });
      if (!r.node) throw new SyscallError(Errno.ENOENT);
      if (r.node.type === 'dir') {
        if (opts.recursive) {
          const full = this.pathOf(r);
          for (const [name] of (r.node as DirInode).list(null)) this.remove(joinPath(full, name), opts);
        }
        this.unlinkAt(null, '/', path, true);
      } else this.unlinkAt(null, '/', path, false);
    });
  }

  rename(oldPath: string, newPath: string): void {
    this.host('rename', oldPath, () => this.renameAt(null, '/', oldPath, '/', newPath));
  }

  chmod(path: string, mode: number): void {
    this.host('chmod', path, () => this.chmodAt(null, '/', path, mode));
  }

  symlink(target: string, path: string): void {
    this.host('symlink', path, () => this.symlinkAt(null, target, '/', path));
  }

  readlink(path: string): string {
    return this.host('readlink', path, () => this.readlinkAt(null, '/', path));
  }

  /** Opens a file as root, for streaming (sftp): flags as open(2). Release it when done. */
  open(path: string, flags: number, mode = 0o644): OpenFile {
    return this.host('open', path, () => this.openAt(null, '/', path, flags, mode));
  }
}

function parentPath(path: string): string {
  const p = path.replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** Every byte of a seekable file from offset 0. */
export function readAll(file: OpenFile): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const c = file.pread(total, 1 << 20);
    if (c.length === 0) break;
    chunks.push(c);
    total += c.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

export { O_APPEND, O_CREAT, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY };
