/**
 * Open file descriptions: what a file descriptor points at. dup() and fork share one (refs);
 * the last release() closes it. Regular files and directories are here; pipes, TTYs, devices
 * and host stdio have their own files.
 */

import { Errno, SyscallError } from '../errno.js';
import { BLOCKED, type Waitable } from '../syscall-abi.js';
import {
  DT_SOCK, DTYPE, O_ACCMODE, O_APPEND, O_NONBLOCK, O_PATH, O_RDONLY, O_WRONLY, SEEK_CUR, SEEK_END, SEEK_SET,
} from './constants.js';
import {
  IN_ACCESS, IN_CLOSE_NOWRITE, IN_CLOSE_WRITE, IN_MODIFY, fileClosed, fileOpened, notifyFile, type Dentry,
} from './fsnotify.js';
import type { DirInode, FileInode, Inode, Stat } from './inode.js';
import { releaseFileLocks } from './locks.js';
import type { FsProcess } from './process.js';

/** The part of a SyscallContext that parks the caller; host callers use hostRead/hostWrite. */
export interface Blocker {
  block(on: Waitable | Waitable[] | null, timeoutMs?: number): typeof BLOCKED;
}

export type IoResult<T> = T | typeof BLOCKED;

/** Readiness for ppoll/select. */
export interface PollState {
  readable: boolean;
  writable: boolean;
  /** Peer gone: pipe with no writers (readers see EOF) or no readers. */
  hangup: boolean;
}

export interface DirEntry {
  name: string;
  ino: number;
  /** DT_* value. */
  type: number;
}

/** The ioctl surface a file offers (numbers and a user-memory accessor). */
export interface IoctlContext {
  mem: {
    read(addr: number, length: number): Uint8Array;
    write(addr: number, data: Uint8Array): void;
    readU32(addr: number): number;
    writeU32(addr: number, value: number): void;
  };
  proc: unknown;
}

export abstract class OpenFile {
  refs = 1;
  /** Access mode and status flags (O_APPEND, O_NONBLOCK...); never O_CLOEXEC (that is per fd). */
  flags: number;
  /** The directory entry it was opened through, for inotify events about it (set by the Vfs). */
  dentry: Dentry | null = null;

  constructor(flags: number, readonly path: string) {
    this.flags = flags;
  }

  /** The inode behind the file, if any (pipes and host stdio have none). */
  get inode(): Inode | null {
    return null;
  }
  get readable(): boolean {
    return (this.flags & O_PATH) === 0 && (this.flags & O_ACCMODE) !== O_WRONLY;
  }
  get writable(): boolean {
    return (this.flags & O_PATH) === 0 && (this.flags & O_ACCMODE) !== O_RDONLY;
  }
  get nonblocking(): boolean {
    return (this.flags & O_NONBLOCK) !== 0;
  }
  /** Regular files and directories keep a position; pipes and devices don't. */
  get seekable(): boolean {
    return false;
  }
  /** Whether this is a terminal (isatty). */
  get isTty(): boolean {
    return false;
  }

  abstract stat(): Stat;

  /** Reads up to `length` bytes; empty array = end of file. May return BLOCKED via b.block(). */
  read(_length: number, _b: Blocker): IoResult<Uint8Array> {
    throw new SyscallError(Errno.EINVAL);
  }
  /** Writes some prefix of `data` (at least one byte unless data is empty), or BLOCKED. */
  write(_data: Uint8Array, _b: Blocker): IoResult<number> {
    throw new SyscallError(Errno.EINVAL);
  }
  pread(_offset: number, _length: number): Uint8Array {
    throw new SyscallError(Errno.ESPIPE);
  }
  pwrite(_offset: number, _data: Uint8Array): number {
    throw new SyscallError(Errno.ESPIPE);
  }
  seek(_offset: number, _whence: number): number {
    throw new SyscallError(Errno.ESPIPE);
  }
  /** File bytes for a private file mapping: up to `length` from `offset`, shorter at EOF. */
  readAt(_offset: number, _length: number): Uint8Array {
    throw new SyscallError(Errno.ENODEV);
  }
  /** Directory entries from position `index` ("." and ".." included). */
  readdir(_index: number): DirEntry[] {
    throw new SyscallError(Errno.ENOTDIR);
  }
  ioctl(_request: number, _arg: number, _ctx: IoctlContext): number {
    throw new SyscallError(Errno.ENOTTY);
  }
  truncate(_size: number): void {
    throw new SyscallError(Errno.EINVAL);
  }
  sync(): void {
    throw new SyscallError(Errno.EINVAL);
  }
  /** Bytes readable without blocking (FIONREAD). */
  available(): number {
    return 0;
  }
  poll(): PollState {
    return { readable: true, writable: true, hangup: false };
  }
  /** Queues woken when poll() may have changed. */
  pollQueues(): Waitable[] {
    return [];
  }

  retain(): this {
    this.refs++;
    return this;
  }

  /** Drops one reference; the last one closes the file. */
  release(): void {
    if (this.refs <= 0) return;
    if (--this.refs === 0) this.closed();
  }

  /** Called once, when the last reference is released. */
  protected closed(): void {}
}

/** An open regular file: position, O_APPEND, commit on close. */
export class RegularFile extends OpenFile {
  offset = 0;

  constructor(readonly node: FileInode, flags: number, path: string) {
    super(flags, path);
    node.opened(this.writable);
    fileOpened(node);
  }

  /** inotify: a read gave bytes (IN_ACCESS) or a change was made (IN_MODIFY). */
  private notify(mask: number): void {
    notifyFile(this.node, mask, this.dentry);
  }

  override get inode(): Inode {
    return this.node;
  }
  override get seekable(): boolean {
    return true;
  }
  stat(): Stat {
    return this.node.stat();
  }
  /** The file's bytes, with what shared mappings stored there (MappedPages). */
  private readFile(offset: number, length: number): Uint8Array {
    const data = this.node.read(offset, length);
    this.node.mappedPages?.overlay(offset, data);
    return data;
  }
  private writeFile(offset: number, data: Uint8Array): number {
    const n = this.node.write(offset, data);
    this.node.mappedPages?.written(offset, data.subarray(0, n));
    return n;
  }
  override read(length: number): Uint8Array {
    const data = this.readFile(this.offset, length);
    this.offset += data.length;
    if (data.length) this.notify(IN_ACCESS);
    return data;
  }
  override write(data: Uint8Array): number {
    if (this.flags & O_APPEND) this.offset = this.node.size();
    const n = this.writeFile(this.offset, data);
    this.offset += n;
    if (n) this.notify(IN_MODIFY);
    return n;
  }
  override pread(offset: number, length: number): Uint8Array {
    const data = this.readFile(offset, length);
    if (data.length) this.notify(IN_ACCESS);
    return data;
  }
  override pwrite(offset: number, data: Uint8Array): number {
    // Linux quirk kept: pwrite on an O_APPEND file appends.
    const n = this.writeFile(this.flags & O_APPEND ? this.node.size() : offset, data);
    if (n) this.notify(IN_MODIFY);
    return n;
  }
  /** pwritev2 RWF_APPEND: appends whatever the offset. */
  pwriteAppend(data: Uint8Array): number {
    const n = this.writeFile(this.node.size(), data);
    if (n) this.notify(IN_MODIFY);
    return n;
  }
  override readAt(offset: number, length: number): Uint8Array {
    return this.readFile(offset, length);
  }
  override seek(offset: number, whence: number): number {
    let base: number;
    if (whence === SEEK_SET) base = 0;
    else if (whence === SEEK_CUR) base = this.offset;
    else if (whence === SEEK_END) base = this.node.size();
    else if (whence === 3 || whence === 4) {
      // SEEK_DATA / SEEK_HOLE: holes are what the file system left unallocated.
      return (this.offset = this.node.seekData(offset, whence === 4));
    } else throw new SyscallError(Errno.EINVAL);
    const pos = base + offset;
    if (!Number.isSafeInteger(pos) || pos < 0) throw new SyscallError(Errno.EINVAL);
    return (this.offset = pos);
  }
  override truncate(size: number): void {
    this.node.truncate(size);
    this.node.mappedPages?.truncated(size);
    this.notify(IN_MODIFY);
  }
  /** fallocate(2) changed the file (Linux reports IN_MODIFY for every mode). */
  allocated(): void {
    this.notify(IN_MODIFY);
  }
  override sync(): void {
    this.node.mappedPages?.writeBack();
    this.node.sync();
  }
  override available(): number {
    return Math.max(0, this.node.size() - this.offset);
  }
  protected override closed(): void {
    releaseFileLocks(this.node, this);
    if (!(this.flags & O_PATH)) this.notify(this.writable ? IN_CLOSE_WRITE : IN_CLOSE_NOWRITE);
    // A file system commits at the last close: mapped stores go with it.
    this.node.mappedPages?.writeBack();
    this.node.released(this.writable);
    fileClosed(this.node);
  }
}

/** An open directory: getdents64 walks a snapshot taken at open (and at rewind). */
export class DirFile extends OpenFile {
  offset = 0;
  private snapshot: DirEntry[] | null = null;
  private readonly parentIno: number;

  constructor(readonly node: DirInode, flags: number, path: string, private readonly proc: FsProcess | null, parent?: Inode) {
    super(flags, path);
    this.parentIno = parent?.ino ?? node.ino;
    fileOpened(node);
  }

  override get inode(): Inode {
    return this.node;
  }
  override get seekable(): boolean {
    return true;
  }
  stat(): Stat {
    return this.node.stat();
  }
  override read(): Uint8Array {
    throw new SyscallError(Errno.EISDIR);
  }
  override pread(): Uint8Array {
    throw new SyscallError(Errno.EISDIR);
  }
  override readdir(index: number): DirEntry[] {
    if (index === 0 || this.snapshot === null) {
      const list: DirEntry[] = [
        { name: '.', ino: this.node.ino, type: DTYPE.dir },
        { name: '..', ino: this.parentIno, type: DTYPE.dir },
      ];
      for (const [name, child] of this.node.list(this.proc)) list.push({ name, ino: child.ino, type: child.socket ? DT_SOCK : DTYPE[child.type] });
      this.snapshot = list;
    }
    if (!(this.flags & O_PATH)) notifyFile(this.node, IN_ACCESS, this.dentry);
    return this.snapshot.slice(index);
  }
  override seek(offset: number, whence: number): number {
    if (whence === SEEK_SET && offset >= 0) return (this.offset = offset);
    if (whence === SEEK_CUR && this.offset + offset >= 0) return (this.offset += offset);
    throw new SyscallError(Errno.EINVAL);
  }
  override sync(): void {}
  protected override closed(): void {
    releaseFileLocks(this.node, this);
    if (!(this.flags & O_PATH)) notifyFile(this.node, IN_CLOSE_NOWRITE, this.dentry);
    fileClosed(this.node);
  }
}

/** Host-side read that waits (in the event loop) instead of blocking a process. */
export async function hostRead(file: OpenFile, length: number, timeoutMs?: number): Promise<Uint8Array> {
  for (;;) {
    const waiter = new HostWaiter();
    const r = file.read(length, waiter);
    if (r !== BLOCKED) return r;
    if (!(await waiter.wait(timeoutMs))) throw new SyscallError(Errno.EAGAIN, 'timed out');
  }
}

/** Host-side write of all of `data`, waiting while a pipe is full. */
export async function hostWrite(file: OpenFile, data: Uint8Array): Promise<number> {
  let done = 0;
  while (done < data.length) {
    const waiter = new HostWaiter();
    const r = file.write(data.subarray(done), waiter);
    if (r === BLOCKED) {
      await waiter.wait();
      continue;
    }
    done += r;
  }
  return done;
}

/** A Blocker for host code: records what the call would wait on, then waits for a wake-up. */
export class HostWaiter implements Blocker {
  private queues: Waitable[] = [];
  private timeoutMs: number | undefined;

  block(on: Waitable | Waitable[] | null, timeoutMs?: number): typeof BLOCKED {
    this.queues = on === null ? [] : Array.isArray(on) ? on : [on];
    this.timeoutMs = timeoutMs;
    return BLOCKED;
  }

  /** Resolves true when woken, false on timeout. */
  wait(timeoutMs = this.timeoutMs): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const done = (woken: boolean): void => {
        for (const q of this.queues) q.removeWaiter(wake);
        if (timer) clearTimeout(timer);
        resolve(woken);
      };
      const wake = (): void => done(true);
      for (const q of this.queues) q.addWaiter(wake);
      if (timeoutMs !== undefined) timer = setTimeout(() => done(false), timeoutMs);
      else if (this.queues.length === 0) setImmediate(wake);
    });
  }
}

/** An O_PATH|O_NOFOLLOW descriptor of a symlink itself: it names the link (fstat, *at with AT_EMPTY_PATH) and does no I/O. */
export class LinkPathFile extends OpenFile {
  constructor(private readonly node: Inode, flags: number, path: string) {
    super(flags, path);
  }
  override get inode(): Inode {
    return this.node;
  }
  stat(): Stat {
    return this.node.stat();
  }
}
