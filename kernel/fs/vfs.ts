/**
 * The virtual file system: one tree made of the disk (root), /tmp (tmpfs), /dev and /proc.
 * Path resolution (cwd, ".", "..", symbolic links, mount points, search permission) and the
 * operations behind the file syscalls, which take the calling process (FsProcess), plus a
 * host-side API (readFile, writeFile, list, stat, mkdir, remove, rename...) that acts as root
 * for the shell, pkg and the sftp server.
 */

import type { DiskQuota } from './disk-quota.js';
import { Errno, ERRNO_NAMES, SyscallError } from '../errno.js';
import {
  NAME_MAX, O_ACCMODE, O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_LARGEFILE, O_NOCTTY, O_NOFOLLOW,
  O_PATH, O_RDONLY, O_RDWR, O_TMPFILE, O_TRUNC, O_WRONLY, PATH_MAX, RENAME_EXCHANGE, RENAME_NOREPLACE, makedev,
  S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFMT, S_IFREG, S_IFSOCK,
} from './constants.js';
import { DEVFS_DEV, createDevfs } from './devfs.js';
import { DISK_DEV, openDisk, type SqliteDatabase } from './disk.js';
import { PIPEFS_DEV } from './pipe.js';
import { DirFile, LinkPathFile, RegularFile, type Blocker, type IoResult, type OpenFile } from './file.js';
import { FifoInode } from './fifo.js';
import { BLOCKED } from '../syscall-abi.js';
import {
  IN_ATTRIB, IN_MODIFY, IN_OPEN, notifyCreate, notifyFile, notifyRename, notifySelf, notifyUnlink,
  type Dentry,
} from './fsnotify.js';
import {
  DirInode, FileInode, ROOT, SymlinkInode, checkAccess, permits, R_OK, W_OK, X_OK,
  type Credentials, type Inode, type Stat,
} from './inode.js';
import { MemDir, MemFile, MemFs } from './memfs.js';
import { OverlayDir, OverlayFs } from './overlay.js';
import type { FsProcess, ProcessInfoSource } from './process.js';
import { FdLink, PROCFS_DEV, createProcfs, isMagicLink } from './procfs.js';

export const TMPFS_DEV = makedev(0, 30);

/** What statfs(2) reports (struct statfs, numbers in f_bsize units). */
export interface FsStats {
  type: number;
  bsize: number;
  blocks: number;
  bfree: number;
  bavail: number;
  files: number;
  ffree: number;
  fsid: number;
  namelen: number;
  frsize: number;
  flags: number;
}

// Linux's f_type magic numbers and f_flags bits.
export const EXT4_SUPER_MAGIC = 0xef53;
export const TMPFS_MAGIC = 0x01021994;
export const PROC_SUPER_MAGIC = 0x9fa0;
export const PIPEFS_MAGIC = 0x50495045;
const ST_NOSUID = 2;
const ST_NODEV = 4;
const ST_NOEXEC = 8;
const ST_VALID = 0x20;
const ST_RELATIME = 0x1000;
const FS_MAGIC = new Map<number, number>([
  [DISK_DEV, EXT4_SUPER_MAGIC], [TMPFS_DEV, TMPFS_MAGIC], [PROCFS_DEV, PROC_SUPER_MAGIC], [DEVFS_DEV, TMPFS_MAGIC], [PIPEFS_DEV, PIPEFS_MAGIC],
]);
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
  /**
   * The tree to show at / instead of the disk's (run -L: a read-only host directory, see
   * hostdir.ts); it must have tmp, dev and proc, where /tmp, /dev and /proc are mounted.
   */
  root?: DirInode;
  /**
   * A read-only root file system under the disk (serve --rootfs: overlay.ts): the disk is the
   * upper layer holding every change. The embedded layout is then not created.
   */
  lower?: DirInode;
  /**
   * The disk as a file system already made, instead of the database's (a copy-on-write
   * machine's upper layer: an in-memory MemFs over `lower`, discarded with the machine).
   */
  disk?: MemFs;
  /** A machine's disk quota: the disk's and /tmp's bytes count against it together (disk-quota.ts). */
  quota?: DiskQuota;
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

/**
 * A canonical path from the machine's root as a process under chroot root `root` names it:
 * null when it lies outside that root (getcwd then says "(unreachable)").
 */
export function pathSeenFrom(root: string | undefined, path: string): string | null {
  if (!root || root === '/') return path;
  if (path === root) return '/';
  return path.startsWith(root + '/') ? path.slice(root.length) : null;
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

/** openat2's RESOLVE_* flags (include/uapi/linux/openat2.h), as lookup() takes them. */
export const RESOLVE_NO_XDEV = 0x01;
export const RESOLVE_NO_MAGICLINKS = 0x02;
export const RESOLVE_NO_SYMLINKS = 0x04;
export const RESOLVE_BENEATH = 0x08;
export const RESOLVE_IN_ROOT = 0x10;
export const RESOLVE_CACHED = 0x20;

export class Vfs {
  readonly disk: MemFs;
  readonly tmp: MemFs;
  readonly dev: DirInode;
  readonly proc: DirInode;
  readonly root: DirInode;
  processes: ProcessInfoSource | null;
  private readonly mounts = new Map<Inode, DirInode>();
  private readonly mountRoots = new Set<Inode>();
  /** The mount points the machine boots with (/tmp, /dev, /proc): umount says EBUSY. */
  private readonly bootMounts = new Set<Inode>();
  /** tmpfs instances mount(2) created, by device number. */
  private readonly tmpfsByDev = new Map<number, MemFs>();
  private nextTmpfsMinor = 64;

  constructor(opts: VfsOptions = {}) {
    this.processes = opts.processes ?? null;
    // Under a root of its own (run -L's host directory) the disk is not in the tree: memory only.
    this.disk = opts.disk ?? (opts.root && !opts.db ? new MemFs(DISK_DEV, null, opts.diskLimitBytes ?? 1024 * 1024 * 1024) : openDisk({ db: opts.db, limitBytes: opts.diskLimitBytes }));
    this.root = opts.root ?? (opts.lower ? new OverlayFs(this.disk, opts.lower).root : this.disk.root);
    this.tmp = new MemFs(TMPFS_DEV, null, opts.tmpLimitBytes ?? 256 * 1024 * 1024, 0o1777);
    if (opts.quota) this.disk.quota = this.tmp.quota = opts.quota;
    this.dev = createDevfs(() => this.processes);
    this.proc = createProcfs(() => this.processes);
    if (opts.lower) this.ensureMountPoints();
    else if (!opts.root) this.ensureLayout(opts.hostname ?? 'akuma');
    this.mount('/tmp', this.tmp.root);
    this.mount('/dev', this.dev);
    this.mount('/proc', this.proc);
    for (const point of this.mounts.keys()) this.bootMounts.add(point);
  }

  /** /tmp, /dev and /proc on a root file system that lacks them (an overlay's upper layer gets them). */
  private ensureMountPoints(): void {
    for (const [name, mode] of [['tmp', 0o1777], ['dev', 0o755], ['proc', 0o555]] as const) {
      const node = this.root.lookup(name, null);
      if (!node) this.root.mkdir(name, mode, ROOT);
    }
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

  /** A new, empty tmpfs (mount -t tmpfs) with its own device number, not yet mounted. */
  newTmpfs(limitBytes: number, mode: number, uid = 0, gid = 0): DirInode {
    const fs = new MemFs(makedev(0, this.nextTmpfsMinor++), null, limitBytes, mode);
    fs.root.uid = uid;
    fs.root.gid = gid;
    this.tmpfsByDev.set(fs.dev, fs);
    return fs.root;
  }

  /**
   * mount(2)'s part in the tree: `r` is the caller's lookup of the mount point (a directory),
   * `root` what to mount there. One mount per directory (EBUSY if one is there already).
   */
  mountAt(r: Lookup, root: DirInode): void {
    if (!r.node || r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    if (this.mountPointOf(r)) throw new SyscallError(Errno.EBUSY);
    const point = r.node === this.root ? undefined : r.node;
    if (!point) throw new SyscallError(Errno.EBUSY);
    this.mounts.set(point, root);
    this.mountRoots.add(root);
  }

  /** The directory a mount covers, when lookup `r` ended on a mounted root; else undefined. */
  private mountPointOf(r: Lookup): Inode | undefined {
    if (!r.node || r.dotted || r.parents.length === 0) return undefined;
    const parent = r.parents[r.parents.length - 1]!.dir;
    const under = parent.lookup(r.name, null);
    return under && this.mounts.get(under) === r.node ? under : undefined;
  }

  /** Whether lookup `r` names a mounted file system's root (what umount and MS_REMOUNT need). */
  isMountPoint(r: Lookup): boolean {
    return r.node === this.root || this.mountPointOf(r) !== undefined;
  }

  /** umount(2): EINVAL unless `r` is a mount point; EBUSY for the root and the machine's own mounts. */
  unmountAt(r: Lookup): void {
    if (r.node === this.root) throw new SyscallError(Errno.EBUSY);
    const point = this.mountPointOf(r);
    if (!point) throw new SyscallError(Errno.EINVAL);
    if (this.bootMounts.has(point)) throw new SyscallError(Errno.EBUSY);
    const root = this.mounts.get(point)!;
    this.mounts.delete(point);
    if (![...this.mounts.values()].includes(root)) {
      this.mountRoots.delete(root);
      this.tmpfsByDev.delete(root.dev);
    }
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
  lookup(proc: FsProcess | null, path: string, opts: { follow: boolean; base?: string; resolve?: number; fromMachineRoot?: boolean }): Lookup {
    if (path.length === 0) throw new SyscallError(Errno.ENOENT);
    if (path.length >= PATH_MAX) throw new SyscallError(Errno.ENAMETOOLONG);
    const cred = credOf(proc);
    const resolve = opts.resolve ?? 0;
    const beneath = (resolve & RESOLVE_BENEATH) !== 0;
    const inRoot = (resolve & RESOLVE_IN_ROOT) !== 0;
    const baseFrames = (): Frame[] => {
      const base = opts.base ?? proc?.cwd ?? '/';
      return base === '/' ? [{ dir: this.root, name: '' }] : this.framesOf(proc, base);
    };
    // chroot(2): the process's root stands for "/" (absolute paths and symlinks), and ".." in it
    // stays there. Bases (the cwd, a dirfd) are canonical paths from the machine's root, so a cwd
    // left outside the new root still resolves, and climbs, as on Linux.
    const jail = !opts.fromMachineRoot && proc?.root && proc.root !== '/' ? this.framesOf(null, proc.root) : null;
    const jailDir = jail ? jail[jail.length - 1]!.dir : null;
    // openat2's scoped lookups: RESOLVE_BENEATH never leaves the base directory (EXDEV);
    // RESOLVE_IN_ROOT takes it for "/" (absolute paths and symlinks, ".." stops there).
    const scope = beneath || inRoot ? baseFrames() : null;
    const rootFrames = (): Frame[] => (inRoot ? [...scope!] : jail ? [...jail] : [{ dir: this.root, name: '' }]);
    let frames: Frame[];
    if (path.startsWith('/')) {
      if (beneath) throw new SyscallError(Errno.EXDEV);
      frames = rootFrames();
    } else frames = scope ? [...scope] : baseFrames();
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
        if (c === '..' && scope && frames.length <= scope.length) {
          if (beneath) throw new SyscallError(Errno.EXDEV);
        } else if (c === '..' && jailDir && dir === jailDir) {
          // ".." of the process's root is the root itself.
        } else if (c === '..' && frames.length > 1) {
          if (resolve & RESOLVE_NO_XDEV && this.mountRoots.has(dir)) throw new SyscallError(Errno.EXDEV);
          frames.pop();
        }
        dotted = true;
        continue;
      }
      dotted = false;
      if (c.length > NAME_MAX) throw new SyscallError(Errno.ENAMETOOLONG);
      checkAccess(dir, X_OK, cred);
      let child = dir.lookup(c, proc);
      if (child && this.mounts.has(child)) {
        if (resolve & RESOLVE_NO_XDEV) throw new SyscallError(Errno.EXDEV);
        child = this.mounts.get(child)!;
      }
      if (!child) {
        if (last) return { node: undefined, parents: frames, name: c, dotted: false, trailingSlash };
        throw new SyscallError(Errno.ENOENT);
      }
      if (child instanceof SymlinkInode && (!last || opts.follow || trailingSlash)) {
        if (resolve & RESOLVE_NO_SYMLINKS) throw new SyscallError(Errno.ELOOP);
        if (isMagicLink(child)) {
          if (resolve & RESOLVE_NO_MAGICLINKS) throw new SyscallError(Errno.ELOOP);
          if (scope) throw new SyscallError(Errno.EXDEV);
        }
        if (child instanceof FdLink && last && child.file(proc)) {
          return { node: child, parents: frames, name: c, dotted: false, trailingSlash };
        }
        if (++links > MAX_SYMLINKS) throw new SyscallError(Errno.ELOOP);
        const target = child.readlink(proc);
        if (target.length === 0) throw new SyscallError(Errno.ENOENT);
        if (target.startsWith('/')) {
          if (beneath) throw new SyscallError(Errno.EXDEV);
          if (resolve & RESOLVE_NO_XDEV && this.mountOf(frames) !== this.root) throw new SyscallError(Errno.EXDEV);
          // A magic link's target is the object's path from the machine's root, wherever the reader's root is.
          frames = isMagicLink(child) ? [{ dir: this.root, name: '' }] : rootFrames();
        }
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

  /** The root of the mount the innermost of `frames` is on. */
  private mountOf(frames: Frame[]): Inode {
    for (let i = frames.length - 1; i >= 0; i--) if (this.mountRoots.has(frames[i]!.dir)) return frames[i]!.dir;
    return this.root;
  }

  /** The frames of an absolute directory path (the cwd). */
  private framesOf(proc: FsProcess | null, base: string): Frame[] {
    const r = this.lookup(proc, base.startsWith('/') ? base : '/' + base, { follow: true, fromMachineRoot: true });
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

  /** The entry a lookup went through (null for "/", "." and ".."), for inotify's events about a child. */
  dentryOf(r: Lookup): Dentry | null {
    if (r.dotted || r.parents.length === 0) return null;
    return { dir: r.parents[r.parents.length - 1]!.dir, name: r.name };
  }

  private isMountRoot(node: Inode): boolean {
    return node === this.root || this.mountRoots.has(node);
  }

  // ---------------------------------------------------------------- process operations

  /** openat(2). Returns a new open file description (one reference). */
  openAt(proc: FsProcess | null, base: string | undefined, path: string, flags: number, mode = 0o666, resolve = 0): OpenFile {
    return this.openOrBlock(proc, base, path, flags, mode, resolve, null) as OpenFile;
  }

  /**
   * openat(2) for a process that can wait: opening a FIFO may block (BLOCKED through `b`) until
   * its other side opens. Without `b` (host callers) a FIFO opens as with O_NONBLOCK.
   */
  openOrBlock(proc: FsProcess | null, base: string | undefined, path: string, flags: number, mode: number, resolve: number, b: Blocker | null): IoResult<OpenFile> {
    const cred = credOf(proc);
    const acc = flags & O_ACCMODE;
    if (acc === 3 && !(flags & O_PATH)) throw new SyscallError(Errno.EINVAL);
    if ((flags & O_TMPFILE) === O_TMPFILE) return this.openTmpfile(proc, base, path, flags, mode);
    const exclusive = (flags & O_CREAT) !== 0 && (flags & O_EXCL) !== 0;
    const r = this.lookup(proc, path, { follow: !(flags & O_NOFOLLOW) && !exclusive, base, resolve });
    let node = r.node;
    const parent = r.parents[r.parents.length - 1]!.dir;
    if (node instanceof FdLink) {
      const f = node.file(proc)!;
      if (f instanceof RegularFile || f instanceof DirFile) return this.openAt(proc, '/', '.' + f.path, flags, mode); // from the machine's root, inside a chroot too
      return f.retain();
    }
    let created = false;
    if (!node) {
      if (!(flags & O_CREAT)) throw new SyscallError(Errno.ENOENT);
      if (r.trailingSlash || (flags & O_DIRECTORY)) throw new SyscallError(Errno.EISDIR);
      checkAccess(parent, W_OK | X_OK, cred);
      node = parent.createFile(r.name, mode & ~(proc?.umask ?? 0o022) & 0o7777, cred);
      created = true;
      notifyCreate(parent, r.name, node);
    } else {
      if (exclusive) throw new SyscallError(Errno.EEXIST);
      // A symlink itself opens only as O_PATH|O_NOFOLLOW (the link, not its target).
      if (node.type === 'lnk' && !((flags & O_PATH) && (flags & O_NOFOLLOW))) throw new SyscallError(Errno.ELOOP);
      if ((flags & O_DIRECTORY) && node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
      if (node.socket && !(flags & O_PATH)) throw new SyscallError(Errno.ENXIO);
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
    } else if (node.type === 'lnk' || (node instanceof FifoInode && (flags & O_PATH))) file = new LinkPathFile(node, kept, canonical);
    else if (node instanceof FifoInode && b) {
      const end = node.openEnd(kept, canonical, proc, b);
      if (end === BLOCKED) return BLOCKED;
      file = end;
    } else file = node.open(kept, canonical, proc);
    file.dentry = this.dentryOf(r);
    if (!(flags & O_PATH) && file.inode) notifyFile(file.inode, IN_OPEN, file.dentry);
    if (!created && (flags & O_TRUNC) && node instanceof FileInode && file.writable) {
      try {
        node.truncate(0);
      } catch (e) {
        file.release();
        throw e;
      }
      notifyFile(node, IN_MODIFY, file.dentry);
    }
    return file;
  }

  /**
   * open(O_TMPFILE): an unnamed regular file in the directory `path` names, gone at its last
   * close unless linkat gives it a name first (not allowed with O_EXCL).
   */
  private openTmpfile(proc: FsProcess | null, base: string | undefined, path: string, flags: number, mode: number): OpenFile {
    const acc = flags & O_ACCMODE;
    if (acc !== O_WRONLY && acc !== O_RDWR) throw new SyscallError(Errno.EINVAL);
    const r = this.lookup(proc, path, { follow: true, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (!(r.node instanceof DirInode)) throw new SyscallError(Errno.ENOTDIR);
    const cred = credOf(proc);
    checkAccess(r.node, W_OK | X_OK, cred);
    if (!(r.node instanceof MemDir)) throw new SyscallError(Errno.ENOTSUP);
    const node = r.node.createUnnamed(mode & ~(proc?.umask ?? 0o022) & 0o7777, cred, (flags & O_EXCL) === 0);
    const dirPath = this.pathOf(r);
    const kept = (flags & KEPT_FLAGS & ~O_TMPFILE) | O_LARGEFILE;
    return node.open(kept, `${joinPath(dirPath, '#' + node.ino)} (deleted)`, proc);
  }

  /**
   * mknodat(2): a named pipe, an empty regular file (type 0 or S_IFREG) or a socket inode.
   * Device nodes need root and a file system that keeps them: none here does (EPERM).
   */
  mknodAt(proc: FsProcess | null, base: string | undefined, path: string, mode: number): void {
    const type = mode & S_IFMT;
    if (type === S_IFDIR) throw new SyscallError(Errno.EPERM);
    if (![0, S_IFREG, S_IFIFO, S_IFSOCK, S_IFCHR, S_IFBLK].includes(type)) throw new SyscallError(Errno.EINVAL);
    const { dir, name, r } = this.parentOf(proc, path, base);
    if (r.node || r.dotted) throw new SyscallError(Errno.EEXIST);
    if (r.trailingSlash) throw new SyscallError(Errno.ENOENT);
    const cred = credOf(proc);
    checkAccess(dir, W_OK | X_OK, cred);
    if (type === S_IFCHR || type === S_IFBLK) throw new SyscallError(Errno.EPERM);
    const perms = mode & ~(proc?.umask ?? 0o022) & 0o7777;
    let made: Inode;
    if (type === S_IFIFO) made = dir.createFifo(name, perms, cred);
    else {
      made = dir.createFile(name, perms, cred);
      if (type === S_IFSOCK) made.socket = true; // as bind(2)'s socket files: S_IFSOCK, open is ENXIO
    }
    notifyCreate(dir, name, made);
  }

  mkdirAt(proc: FsProcess | null, base: string | undefined, path: string, mode: number): void {
    const { dir, name, r } = this.parentOf(proc, path, base);
    if (r.node) throw new SyscallError(Errno.EEXIST);
    checkAccess(dir, W_OK | X_OK, credOf(proc));
    const made = dir.mkdir(name, mode & ~(proc?.umask ?? 0o022) & 0o7777, credOf(proc));
    notifyCreate(dir, name, made);
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
    notifyUnlink(dir, name, node, removeDir);
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
    if ((flags & RENAME_EXCHANGE) && (flags & RENAME_NOREPLACE)) throw new SyscallError(Errno.EINVAL);
    const from = this.parentOf(proc, oldPath, oldBase);
    if (flags & RENAME_EXCHANGE) {
      this.exchange(proc, from, this.parentOf(proc, newPath, newBase));
      return;
    }
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
    notifyRename(from, to, node, victim);
  }

  /**
   * linkat(2): `newPath` becomes another name of the file `oldPath` names (followed only with
   * `follow`, AT_SYMLINK_FOLLOW). Directories cannot be linked (EPERM), nor across file systems
   * (EXDEV); as with Linux's fs.protected_hardlinks, a user links only files it owns or may
   * read and write.
   */
  linkAt(
    proc: FsProcess | null, oldBase: string | undefined, oldPath: string,
    newBase: string | undefined, newPath: string, follow: boolean,
  ): void {
    const from = this.lookup(proc, oldPath, { follow, base: oldBase });
    let node = from.node;
    // A link through /proc/<pid>/fd/N with AT_SYMLINK_FOLLOW names the open file's inode.
    if (node instanceof FdLink && follow) node = node.file(proc)?.inode ?? undefined;
    if (!node) throw new SyscallError(Errno.ENOENT);
    this.linkNode(proc, node, newBase, newPath);
  }

  /** The second half of linkat: a new name for `node` (also AT_EMPTY_PATH on an fd). */
  linkNode(proc: FsProcess | null, node: Inode, newBase: string | undefined, newPath: string): void {
    if (node.type === 'dir') throw new SyscallError(Errno.EPERM);
    const cred = credOf(proc);
    const to = this.parentOf(proc, newPath, newBase);
    if (to.r.node || to.r.dotted) throw new SyscallError(Errno.EEXIST);
    if (to.r.trailingSlash) throw new SyscallError(Errno.ENOENT);
    if (to.dir.dev !== node.dev) throw new SyscallError(Errno.EXDEV);
    checkAccess(to.dir, W_OK | X_OK, cred);
    if (cred.uid !== 0 && cred.uid !== node.uid) {
      const setid = (node.mode & 0o4000) !== 0 || (node.mode & 0o2010) === 0o2010;
      if (node.type !== 'reg' || setid || !permits(node, R_OK | W_OK, cred)) throw new SyscallError(Errno.EPERM);
    }
    to.dir.link(to.name, node);
    notifySelf(node, IN_ATTRIB);
    notifyCreate(to.dir, to.name, node);
  }

  /** renameat2 RENAME_EXCHANGE: the two names swap their inodes, atomically. */
  private exchange(proc: FsProcess | null, a: { dir: DirInode; name: string; r: Lookup }, b: { dir: DirInode; name: string; r: Lookup }): void {
    const x = a.r.node;
    const y = b.r.node;
    if (!x || !y) throw new SyscallError(Errno.ENOENT);
    if (a.r.dotted || b.r.dotted || this.isMountRoot(x) || this.isMountRoot(y)) throw new SyscallError(Errno.EBUSY);
    if (a.dir.dev !== b.dir.dev) throw new SyscallError(Errno.EXDEV);
    if (x === y) return;
    // Neither directory may end up inside itself.
    if ((x.type === 'dir' && b.r.parents.some((f) => f.dir === x)) || (y.type === 'dir' && a.r.parents.some((f) => f.dir === y))) {
      throw new SyscallError(Errno.EINVAL);
    }
    this.checkDelete(proc, a.dir, x);
    this.checkDelete(proc, b.dir, y);
    if (!(a.dir instanceof MemDir) || !(b.dir instanceof MemDir)) throw new SyscallError(Errno.EACCES);
    a.dir.exchange(a.name, b.dir, b.name);
    notifyRename(a, b, x, undefined);
    notifyRename(b, a, y, undefined);
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
    const target = r.node.readlink(proc);
    // A magic link names its object as the reader sees it: from the reader's chroot root.
    return isMagicLink(r.node) ? pathSeenFrom(proc?.root, target) ?? target : target;
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
    const made = dir.symlink(name, target, credOf(proc));
    notifyCreate(dir, name, made);
  }

  chmodAt(proc: FsProcess | null, base: string | undefined, path: string, mode: number, follow = true): void {
    const r = this.lookup(proc, path, { follow, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    const cred = credOf(proc);
    if (cred.uid !== 0 && cred.uid !== r.node.uid) throw new SyscallError(Errno.EPERM);
    if (r.node.type === 'lnk') throw new SyscallError(Errno.ENOTSUP);
    if (r.node.dev !== this.disk.dev && r.node.dev !== this.tmp.dev) throw new SyscallError(Errno.EPERM);
    r.node.setMode(mode);
    notifyFile(r.node, IN_ATTRIB, this.dentryOf(r));
  }

  /**
   * chown(2) of a resolved inode, with Linux's rules: only root gives a file away; the owner
   * may change the group to one of its own groups; -1 leaves a field. Setting an owner or group
   * clears the set-user-ID bit (and set-group-ID on a group-executable file) of a non-directory.
   */
  chown(proc: FsProcess | null, node: Inode, uid: number, gid: number, groups: readonly number[] = [], at: Dentry | null = null): void {
    const cred = credOf(proc);
    if (cred.uid !== 0) {
      if (uid !== -1 && (uid !== node.uid || cred.uid !== node.uid)) throw new SyscallError(Errno.EPERM);
      if (gid !== -1 && (cred.uid !== node.uid || (gid !== node.gid && gid !== cred.gid && !groups.includes(gid)))) {
        throw new SyscallError(Errno.EPERM);
      }
    }
    if (node.dev !== this.disk.dev && node.dev !== this.tmp.dev && !this.tmpfsByDev.has(node.dev)) throw new SyscallError(Errno.EPERM);
    if (uid === -1 && gid === -1) return;
    if (uid !== -1) node.uid = uid;
    if (gid !== -1) node.gid = gid;
    if (node.type !== 'dir') {
      node.mode &= ~0o4000;
      if (node.mode & 0o010) node.mode &= ~0o2000;
    }
    node.ctimeMs = Date.now();
    node.persistMeta();
    notifyFile(node, IN_ATTRIB, at);
  }

  /** statfs(2) of the file system holding `node`. */
  statfs(node: Inode): FsStats {
    const magic = FS_MAGIC.get(node.dev) ?? TMPFS_MAGIC;
    const base: FsStats = { type: magic, bsize: 4096, blocks: 0, bfree: 0, bavail: 0, files: 0, ffree: 0, fsid: node.dev, namelen: NAME_MAX, frsize: 4096, flags: ST_VALID | ST_RELATIME };
    const fs = node.dev === this.disk.dev ? this.disk : node.dev === this.tmp.dev ? this.tmp : this.tmpfsByDev.get(node.dev) ?? null;
    if (fs) {
      // Under a quota, the file system is as large as the quota and as free as both allow.
      const limit = fs.quota ? Math.min(fs.limitBytes, fs.quota.limitBytes) : fs.limitBytes;
      const blocks = Math.floor(limit / 4096);
      const used = Math.ceil(fs.usedBytes / 4096);
      const files = Math.max(blocks / 4, 1024) | 0;
      const free = Math.max(0, Math.min(blocks - used, fs.quota ? Math.floor(fs.quota.freeBytes / 4096) : Infinity));
      Object.assign(base, { blocks, bfree: free, bavail: free, files, ffree: Math.max(0, files - fs.inodeCount()) });
      if (fs === this.tmp) base.flags |= ST_NOSUID | ST_NODEV;
    } else if (node.dev === this.proc.dev) base.flags |= ST_NOSUID | ST_NODEV | ST_NOEXEC;
    else if (node.dev === this.dev.dev) base.flags |= ST_NOSUID;
    return base;
  }

  /** chdir(2): sets proc.cwd to the canonical path. */
  chdir(proc: FsProcess, path: string, base?: string): void {
    proc.cwd = this.searchableDirectory(proc, path, base);
  }

  /** What chdir and chroot resolve: the canonical path of a directory the process may search. */
  searchableDirectory(proc: FsProcess, path: string, base?: string): string {
    const r = this.lookup(proc, path, { follow: true, base });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (r.node.type !== 'dir') throw new SyscallError(Errno.ENOTDIR);
    checkAccess(r.node, X_OK, credOf(proc));
    return this.pathOf(r);
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
  readExecutable(path: string, cwd = '/', proc: FsProcess | null = null): { path: string; data: Uint8Array; stat: Stat; inode: FileInode } {
    const r = this.lookup(proc, path, { follow: true, base: cwd });
    if (!r.node) throw new SyscallError(Errno.ENOENT);
    if (!(r.node instanceof FileInode)) throw new SyscallError(Errno.EACCES);
    checkAccess(r.node, X_OK, credOf(proc));
    const file = r.node.open(O_RDONLY, this.pathOf(r), proc);
    try {
      return { path: file.path, data: readAll(file), stat: file.stat(), inode: r.node };
    } finally {
      file.release();
    }
  }

  /** execveat(fd, "", AT_EMPTY_PATH) (fexecve): the bytes of the file `open` is, if the caller may execute it. */
  readExecutableFile(open: OpenFile, proc: FsProcess | null = null): { path: string; data: Uint8Array; stat: Stat; inode: FileInode } {
    const node = open.inode;
    if (!(node instanceof FileInode)) throw new SyscallError(Errno.EACCES);
    checkAccess(node, X_OK, credOf(proc));
    const file = node.open(O_RDONLY, open.path, proc);
    try {
      return { path: open.path, data: readAll(file), stat: file.stat(), inode: node };
    } finally {
      file.release();
    }
  }

  /**
   * Runs fn as one disk transaction: many host writes (the boot's /bin entries) cost one
   * commit instead of one each. Nested writes keep their own all-or-nothing (savepoints).
   */
  batch<T>(fn: () => T): T {
    return this.disk.tx(fn);
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
      const { dir: found, name, r } = this.parentOf(null, path, '/');
      if (r.dotted || r.trailingSlash || (r.node && r.node.type === 'dir')) throw new SyscallError(Errno.EISDIR);
      // On an overlay root the new file goes to the upper layer (the disk).
      const dir = found instanceof OverlayDir ? found.upperFor(name) : found;
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

/** Largest file the host API reads whole (bigger ones are streamed with open/pread). */
const READ_ALL_MAX = 1 << 30;

/** Every byte of a seekable file from offset 0. */
export function readAll(file: OpenFile): Uint8Array {
  if (file.stat().size > READ_ALL_MAX) throw new SyscallError(Errno.EFBIG, `${file.path}: too large to read whole`);
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
