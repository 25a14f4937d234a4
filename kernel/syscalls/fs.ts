/**
 * File system calls: the fd table, reads and writes, paths, directories, pipes, terminals.
 * Handlers take the calling process as FsProcess (the core's Process implements it) and find the
 * Vfs at ctx.kernel.vfs; SIGPIPE goes through ctx.kernel.sendSignal. Calls that wait (pipes,
 * terminals, host input) park on a queue with ctx.block() and are re-run when woken, so nothing
 * here has a side effect before it decides to block.
 */

import { Errno, SyscallError } from '../errno.js';
import {
  AT_EACCESS, AT_EMPTY_PATH, AT_FDCWD, AT_NO_AUTOMOUNT, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, MAX_RW_COUNT,
  O_CLOEXEC, O_DIRECT, O_NONBLOCK, PATH_MAX, PIPE_CAPACITY, SETFL_MASK,
} from '../fs/constants.js';
import { DirFile, RegularFile, type OpenFile } from '../fs/file.js';
import type { Stat } from '../fs/inode.js';
import { PipeReader, PipeWriter, createPipe } from '../fs/pipe.js';
import type { FsProcess } from '../fs/process.js';
import { HostInput } from '../fs/stdio.js';
import { FIONREAD } from '../fs/tty.js';
import { Vfs } from '../fs/vfs.js';
import { BLOCKED, type SyscallContext, type SyscallResult, type Waitable } from './context.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

/** What the file syscalls need from the kernel object. */
export interface FsKernel {
  vfs?: unknown;
  sendSignal?(proc: never, sig: number): void;
}

/** The process as these handlers see it (syscallState: kept across re-runs of a blocked call). */
export type FsSyscallProcess = FsProcess & { syscallState?: unknown };

type Ctx = SyscallContext<FsSyscallProcess, FsKernel>;
type Handler = (ctx: Ctx) => SyscallResult;

const SIGPIPE = 13;
/** Bytes moved between user memory and a regular file per step. */
const CHUNK = 1 << 20;
const IOV_MAX = 1024;
const STAT_SIZE = 128;
const STATX_SIZE = 256;

// ioctl and fcntl numbers.
const FIONBIO = 0x5421;
const FIONCLEX = 0x5450;
const FIOCLEX = 0x5451;
const F_DUPFD = 0;
const F_GETFD = 1;
const F_SETFD = 2;
const F_GETFL = 3;
const F_SETFL = 4;
const F_GETLK = 5;
const F_SETLK = 6;
const F_SETLKW = 7;
const F_SETOWN = 8;
const F_GETOWN = 9;
const F_DUPFD_CLOEXEC = 1030;
const F_SETPIPE_SZ = 1031;
const F_GETPIPE_SZ = 1032;
const FD_CLOEXEC = 1;
const F_UNLCK = 2;

const UTIME_NOW = (1 << 30) - 1;
const UTIME_OMIT = (1 << 30) - 2;

// Numbers not in the shared table.
const NR_truncate = 45;
const NR_fchdir = 50;
const NR_fchmod = 52;
const NR_utimensat = 88;
const NR_faccessat2 = 439;

function vfsOf(ctx: Ctx): Vfs {
  const v = ctx.kernel?.vfs;
  if (v instanceof Vfs) return v;
  throw new SyscallError(Errno.ENOENT, 'no file system');
}

function files(ctx: Ctx) {
  return ctx.proc.files;
}

function count(ctx: Ctx, i: number): number {
  return Math.min(ctx.args.u64(i), MAX_RW_COUNT);
}

function pathArg(ctx: Ctx, i: number): string {
  return ctx.mem.readCString(ctx.args.u64(i), PATH_MAX);
}

/** The base directory for a *at call's relative path. */
function baseOf(ctx: Ctx, dirfd: number, path: string): string | undefined {
  if (path.startsWith('/') || path === '') return undefined;
  if (dirfd === AT_FDCWD) return ctx.proc.cwd;
  const f = files(ctx).get(dirfd);
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  return f.path;
}

function withSigpipe<T>(ctx: Ctx, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SyscallError && e.errno === Errno.EPIPE) {
      (ctx.kernel as { sendSignal?: (p: unknown, s: number) => void }).sendSignal?.(ctx.proc, SIGPIPE);
    }
    throw e;
  }
}

function readable(ctx: Ctx, fd: number): OpenFile {
  const f = files(ctx).get(fd);
  if (!f.readable) throw new SyscallError(Errno.EBADF);
  return f;
}

function writable(ctx: Ctx, fd: number): OpenFile {
  const f = files(ctx).get(fd);
  if (!f.writable) throw new SyscallError(Errno.EBADF);
  return f;
}

// ------------------------------------------------------------------ read and write

/** Reads for read/readv: the bytes, or BLOCKED. Seekable files advance only after `deliver` succeeds. */
function readFrom(ctx: Ctx, f: OpenFile, n: number, deliver: (data: Uint8Array) => void): SyscallResult {
  if (f instanceof RegularFile) {
    const data = f.pread(f.offset, n);
    deliver(data);
    f.offset += data.length;
    return data.length;
  }
  const r = f.read(n, ctx);
  if (r === BLOCKED) return BLOCKED;
  deliver(r);
  return r.length;
}

/** Writes `total` bytes gathered by `gather(offset, length)` (which may throw EFAULT). */
function writeTo(ctx: Ctx, f: OpenFile, total: number, gather: (off: number, len: number) => Uint8Array): SyscallResult {
  if (total === 0) {
    if (f instanceof RegularFile) return 0;
    const r = withSigpipe(ctx, () => f.write(new Uint8Array(0), ctx));
    return r === BLOCKED ? BLOCKED : 0;
  }
  if (f instanceof RegularFile) {
    let done = 0;
    while (done < total) {
      let data: Uint8Array;
      let faulted = false;
      try {
        data = gather(done, Math.min(CHUNK, total - done));
      } catch (e) {
        // Like Linux, write the bytes before the first unreadable page.
        data = readablePrefix(gather, done, Math.min(CHUNK, total - done));
        if (data.length === 0) {
          if (done > 0) return done;
          throw e;
        }
        faulted = true;
      }
      try {
        done += f.write(data);
      } catch (e) {
        if (done > 0) return done;
        throw e;
      }
      if (faulted) return done;
    }
    return done;
  }
  // Pipes, terminals, host outputs. A blocking pipe write returns only when all is written
  // (as Linux does): the count written so far is kept in syscallState across the re-runs.
  const state = ctx.proc.syscallState as { written?: number } | undefined;
  const before = state?.written ?? 0;
  let r: number | typeof BLOCKED;
  try {
    const data = gather(before, Math.min(total - before, CHUNK));
    r = withSigpipe(ctx, () => f.write(data, ctx));
  } catch (e) {
    if (before > 0) return finish(ctx, before);
    throw e;
  }
  if (r === BLOCKED) return BLOCKED;
  const done = before + r;
  if (done < total && f instanceof PipeWriter && !f.nonblocking) {
    ctx.proc.syscallState = { written: done };
    if (f.pipe.readers > 0 && f.pipe.space > 0) return writeTo(ctx, f, total, gather);
    return ctx.block(f.pipe.writeQueue);
  }
  return finish(ctx, done);
}

function finish(ctx: Ctx, result: number): number {
  ctx.proc.syscallState = undefined;
  return result;
}

/** The longest prefix of gather(off, len) that can be read, probing page by page. */
function readablePrefix(gather: (off: number, len: number) => Uint8Array, off: number, len: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let got = 0;
  while (got < len) {
    const n = Math.min(4096, len - got);
    try {
      parts.push(gather(off + got, n));
    } catch {
      // Maybe the page boundary falls inside this piece: try byte ranges up to it.
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        try {
          gather(off + got, mid);
          lo = mid;
        } catch {
          hi = mid - 1;
        }
      }
      if (lo > 0) parts.push(gather(off + got, lo));
      got += lo;
      break;
    }
    got += n;
  }
  return Buffer.concat(parts);
}

const read: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  return readFrom(ctx, f, n, (d) => d.length && ctx.mem.write(buf, d));
};

const write: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  return writeTo(ctx, f, n, (off, len) => ctx.mem.read(buf + off, len));
};

interface Iov {
  base: number;
  len: number;
}

function readIovecs(ctx: Ctx, addr: number, cnt: number): Iov[] {
  if (cnt < 0 || cnt > IOV_MAX) throw new SyscallError(Errno.EINVAL);
  if (cnt === 0) return [];
  const raw = ctx.mem.read(addr, cnt * 16);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Iov[] = [];
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = Number(v.getBigUint64(i * 16, true));
    const lenBig = v.getBigUint64(i * 16 + 8, true);
    if (lenBig > 0x7fffffffffffffffn) throw new SyscallError(Errno.EINVAL);
    const len = Math.min(Number(lenBig), MAX_RW_COUNT - total);
    total += len;
    out.push({ base, len });
  }
  return out;
}

function scatter(ctx: Ctx, iovs: Iov[], data: Uint8Array): void {
  let off = 0;
  for (const iov of iovs) {
    if (off >= data.length) break;
    const n = Math.min(iov.len, data.length - off);
    if (n > 0) ctx.mem.write(iov.base, data.subarray(off, off + n));
    off += n;
  }
}

function gatherFrom(ctx: Ctx, iovs: Iov[]): (off: number, len: number) => Uint8Array {
  return (off, len) => {
    const out = new Uint8Array(len);
    let pos = 0; // position in the iov stream
    let filled = 0;
    for (const iov of iovs) {
      if (filled >= len) break;
      const start = Math.max(off + filled - pos, 0);
      if (start < iov.len) {
        const n = Math.min(iov.len - start, len - filled);
        out.set(ctx.mem.read(iov.base + start, n), filled);
        filled += n;
      }
      pos += iov.len;
    }
    return out;
  };
}

const readv: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  const total = iovs.reduce((s, v) => s + v.len, 0);
  return readFrom(ctx, f, total, (d) => scatter(ctx, iovs, d));
};

const writev: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  const total = iovs.reduce((s, v) => s + v.len, 0);
  return writeTo(ctx, f, total, gatherFrom(ctx, iovs));
};

const pread64: Handler = (ctx) => {
  const f = readable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  const off = ctx.args.i64(3);
  if (off < 0) throw new SyscallError(Errno.EINVAL);
  const data = f.pread(off, n);
  if (data.length) ctx.mem.write(buf, data);
  return data.length;
};

const pwrite64: Handler = (ctx) => {
  const f = writable(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const n = count(ctx, 2);
  const off = ctx.args.i64(3);
  if (off < 0) throw new SyscallError(Errno.EINVAL);
  if (!f.seekable) throw new SyscallError(Errno.ESPIPE);
  if (n === 0) return 0;
  let done = 0;
  while (done < n) {
    let data: Uint8Array;
    try {
      data = ctx.mem.read(buf + done, Math.min(CHUNK, n - done));
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
    done += f.pwrite(off + done, data);
  }
  return done;
};

// ------------------------------------------------------------------ descriptors

const openat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const flags = ctx.args.int(2);
  const mode = ctx.args.u32(3);
  const file = vfsOf(ctx).openAt(ctx.proc, baseOf(ctx, dirfd, path), path, flags, mode);
  try {
    return files(ctx).install(file, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    file.release();
    throw e;
  }
};

const close: Handler = (ctx) => {
  files(ctx).close(ctx.args.int(0));
  return 0;
};

const lseek: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  return f.seek(ctx.args.i64(1), ctx.args.int(2));
};

const dup: Handler = (ctx) => {
  const file = files(ctx).get(ctx.args.int(0)).retain();
  try {
    return files(ctx).install(file);
  } catch (e) {
    file.release();
    throw e;
  }
};

const dup3: Handler = (ctx) => {
  const oldfd = ctx.args.int(0);
  const newfd = ctx.args.int(1);
  const flags = ctx.args.int(2);
  if (flags & ~O_CLOEXEC) throw new SyscallError(Errno.EINVAL);
  const f = files(ctx).get(oldfd);
  if (oldfd === newfd) throw new SyscallError(Errno.EINVAL);
  if (newfd < 0 || newfd >= files(ctx).maxFds) throw new SyscallError(Errno.EBADF);
  files(ctx).installAt(newfd, f.retain(), (flags & O_CLOEXEC) !== 0);
  return newfd;
};

const pipe2: Handler = (ctx) => {
  const addr = ctx.args.u64(0);
  const flags = ctx.args.int(1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) throw new SyscallError(Errno.EINVAL);
  const [r, w] = createPipe(flags);
  const t = files(ctx);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  let rfd = -1;
  try {
    rfd = t.install(r, cloexec);
  } catch (e) {
    r.release();
    w.release();
    throw e;
  }
  let wfd: number;
  try {
    wfd = t.install(w, cloexec);
  } catch (e) {
    t.close(rfd);
    w.release();
    throw e;
  }
  const out = new Uint8Array(8);
  const v = new DataView(out.buffer);
  v.setInt32(0, rfd, true);
  v.setInt32(4, wfd, true);
  try {
    ctx.mem.write(addr, out);
  } catch (e) {
    t.close(rfd);
    t.close(wfd);
    throw e;
  }
  return 0;
};

const fcntl: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const cmd = ctx.args.int(1);
  const t = files(ctx);
  const f = t.get(fd);
  switch (cmd) {
    case F_DUPFD:
    case F_DUPFD_CLOEXEC: {
      const min = ctx.args.int(2);
      if (min < 0 || min >= t.maxFds) throw new SyscallError(Errno.EINVAL);
      const file = f.retain();
      try {
        return t.install(file, cmd === F_DUPFD_CLOEXEC, min);
      } catch (e) {
        file.release();
        throw e;
      }
    }
    case F_GETFD:
      return t.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD:
      t.setCloexec(fd, (ctx.args.int(2) & FD_CLOEXEC) !== 0);
      return 0;
    case F_GETFL:
      return f.flags;
    case F_SETFL:
      f.flags = (f.flags & ~SETFL_MASK) | (ctx.args.int(2) & SETFL_MASK);
      return 0;
    case F_GETLK: {
      // No locks are ever held by others: report the range unlocked.
      const addr = ctx.args.u64(2);
      const b = ctx.mem.read(addr, 2);
      b[0] = F_UNLCK;
      b[1] = 0;
      ctx.mem.write(addr, b);
      return 0;
    }
    case F_SETLK:
    case F_SETLKW:
    case F_SETOWN:
      return 0;
    case F_GETOWN:
      return 0;
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
      if (!(f instanceof PipeReader || f instanceof PipeWriter)) throw new SyscallError(Errno.EBADF);
      return PIPE_CAPACITY;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
};

const ioctl: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const req = ctx.args.u32(1);
  const arg = ctx.args.u64(2);
  const t = files(ctx);
  const f = t.get(fd);
  switch (req) {
    case FIONBIO:
      if (ctx.mem.readU32(arg)) f.flags |= O_NONBLOCK;
      else f.flags &= ~O_NONBLOCK;
      return 0;
    case FIOCLEX:
    case FIONCLEX:
      t.setCloexec(fd, req === FIOCLEX);
      return 0;
    case FIONREAD:
      if (f instanceof RegularFile || f instanceof PipeReader || f instanceof PipeWriter || f instanceof HostInput) {
        ctx.mem.writeU32(arg, Math.min(f.available(), 0x7fffffff));
        return 0;
      }
      break;
  }
  return f.ioctl(req, arg, ctx);
};

// ------------------------------------------------------------------ metadata

function encodeStat(s: Stat): Uint8Array {
  const b = new Uint8Array(STAT_SIZE);
  const v = new DataView(b.buffer);
  const u64 = (off: number, n: number): void => v.setBigUint64(off, BigInt(Math.max(0, Math.floor(n))), true);
  const time = (off: number, ms: number): void => {
    const sec = Math.floor(ms / 1000);
    v.setBigInt64(off, BigInt(sec), true);
    v.setBigUint64(off + 8, BigInt(Math.round((ms - sec * 1000) * 1e6) % 1e9), true);
  };
  u64(0, s.dev);
  u64(8, s.ino);
  v.setUint32(16, s.mode, true);
  v.setUint32(20, s.nlink, true);
  v.setUint32(24, s.uid, true);
  v.setUint32(28, s.gid, true);
  u64(32, s.rdev);
  u64(48, s.size);
  v.setInt32(56, s.blksize, true);
  u64(64, s.blocks);
  time(72, s.atimeMs);
  time(88, s.mtimeMs);
  time(104, s.ctimeMs);
  return b;
}

function encodeStatx(s: Stat): Uint8Array {
  const b = new Uint8Array(STATX_SIZE);
  const v = new DataView(b.buffer);
  const time = (off: number, ms: number): void => {
    const sec = Math.floor(ms / 1000);
    v.setBigInt64(off, BigInt(sec), true);
    v.setUint32(off + 8, Math.round((ms - sec * 1000) * 1e6) % 1e9, true);
  };
  v.setUint32(0, 0x7ff, true); // STATX_BASIC_STATS
  v.setUint32(4, s.blksize, true);
  v.setUint32(16, s.nlink, true);
  v.setUint32(20, s.uid, true);
  v.setUint32(24, s.gid, true);
  v.setUint16(28, s.mode, true);
  v.setBigUint64(32, BigInt(s.ino), true);
  v.setBigUint64(40, BigInt(s.size), true);
  v.setBigUint64(48, BigInt(s.blocks), true);
  time(64, s.atimeMs);
  time(80, s.ctimeMs); // btime: creation time is not kept; ctime stands in
  time(96, s.ctimeMs);
  time(112, s.mtimeMs);
  const major = (d: number): number => ((d >> 8) & 0xfff);
  const minor = (d: number): number => (d & 0xff) | ((d >> 12) & 0xfff00);
  v.setUint32(128, major(s.rdev), true);
  v.setUint32(132, minor(s.rdev), true);
  v.setUint32(136, major(s.dev), true);
  v.setUint32(140, minor(s.dev), true);
  return b;
}

/** stat of (dirfd, path, flags) as the *at calls define it (AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW). */
function statOf(ctx: Ctx, dirfd: number, pathAddr: number, flags: number): Stat {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | 0x6000 /* AT_STATX_SYNC_TYPE */)) {
    throw new SyscallError(Errno.EINVAL);
  }
  const path = ctx.mem.readCString(pathAddr, PATH_MAX);
  if (path === '' && (flags & AT_EMPTY_PATH)) {
    if (dirfd === AT_FDCWD) return vfsOf(ctx).statAt(ctx.proc, undefined, ctx.proc.cwd, true);
    return files(ctx).get(dirfd).stat();
  }
  return vfsOf(ctx).statAt(ctx.proc, baseOf(ctx, dirfd, path), path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

const newfstatat: Handler = (ctx) => {
  const s = statOf(ctx, ctx.args.int(0), ctx.args.u64(1), ctx.args.int(3));
  ctx.mem.write(ctx.args.u64(2), encodeStat(s));
  return 0;
};

const fstat: Handler = (ctx) => {
  const s = files(ctx).get(ctx.args.int(0)).stat();
  ctx.mem.write(ctx.args.u64(1), encodeStat(s));
  return 0;
};

const statx: Handler = (ctx) => {
  const s = statOf(ctx, ctx.args.int(0), ctx.args.u64(1), ctx.args.int(2));
  ctx.mem.write(ctx.args.u64(4), encodeStatx(s));
  return 0;
};

const getdents64: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const addr = ctx.args.u64(1);
  const size = count(ctx, 2);
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  const entries = f.readdir(f.offset);
  const out = new Uint8Array(Math.min(size, 1 << 20));
  const v = new DataView(out.buffer);
  let pos = 0;
  let taken = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (pos + reclen > out.length) break;
    v.setBigUint64(pos, BigInt(e.ino), true);
    v.setBigInt64(pos + 8, BigInt(f.offset + taken + 1), true);
    v.setUint16(pos + 16, reclen, true);
    out[pos + 18] = e.type;
    out.set(name, pos + 19);
    pos += reclen;
    taken++;
  }
  if (taken === 0 && entries.length > 0) throw new SyscallError(Errno.EINVAL);
  if (pos > 0) ctx.mem.write(addr, out.subarray(0, pos));
  f.offset += taken;
  return pos;
};

// ------------------------------------------------------------------ names

const mkdirat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  vfsOf(ctx).mkdirAt(ctx.proc, baseOf(ctx, dirfd, path), path, ctx.args.u32(2));
  return 0;
};

const unlinkat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const flags = ctx.args.int(2);
  if (flags & ~AT_REMOVEDIR) throw new SyscallError(Errno.EINVAL);
  vfsOf(ctx).unlinkAt(ctx.proc, baseOf(ctx, dirfd, path), path, (flags & AT_REMOVEDIR) !== 0);
  return 0;
};

function rename(ctx: Ctx, flags: number): number {
  const oldfd = ctx.args.int(0);
  const oldPath = pathArg(ctx, 1);
  const newfd = ctx.args.int(2);
  const newPath = pathArg(ctx, 3);
  vfsOf(ctx).renameAt(ctx.proc, baseOf(ctx, oldfd, oldPath), oldPath, baseOf(ctx, newfd, newPath), newPath, flags);
  return 0;
}

const renameat: Handler = (ctx) => rename(ctx, 0);
const renameat2: Handler = (ctx) => rename(ctx, ctx.args.u32(4));

const symlinkat: Handler = (ctx) => {
  const target = pathArg(ctx, 0);
  const dirfd = ctx.args.int(1);
  const path = pathArg(ctx, 2);
  vfsOf(ctx).symlinkAt(ctx.proc, target, baseOf(ctx, dirfd, path), path);
  return 0;
};

const linkat: Handler = (ctx) => {
  pathArg(ctx, 1);
  pathArg(ctx, 3);
  throw new SyscallError(Errno.EPERM, 'hard links are not supported');
};

const readlinkat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const buf = ctx.args.u64(2);
  const size = ctx.args.int(3);
  if (size <= 0) throw new SyscallError(Errno.EINVAL);
  const target = Buffer.from(vfsOf(ctx).readlinkAt(ctx.proc, baseOf(ctx, dirfd, path), path));
  const n = Math.min(size, target.length);
  ctx.mem.write(buf, target.subarray(0, n));
  return n;
};

function access(ctx: Ctx, flags: number): number {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const mode = ctx.args.int(2);
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SyscallError(Errno.EINVAL);
  vfsOf(ctx).accessAt(ctx.proc, baseOf(ctx, dirfd, path), path, mode, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  return 0;
}

const faccessat: Handler = (ctx) => access(ctx, 0);
const faccessat2: Handler = (ctx) => access(ctx, ctx.args.int(3));

const getcwd: Handler = (ctx) => {
  const buf = ctx.args.u64(0);
  const size = ctx.args.u64(1);
  const bytes = Buffer.from(ctx.proc.cwd + '\0');
  if (size < bytes.length) throw new SyscallError(Errno.ERANGE);
  ctx.mem.write(buf, bytes);
  return bytes.length;
};

const chdir: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  vfsOf(ctx).chdir(ctx.proc, path);
  return 0;
};

const fchdir: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  vfsOf(ctx).chdir(ctx.proc, f.path);
  return 0;
};

const fchmodat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  vfsOf(ctx).chmodAt(ctx.proc, baseOf(ctx, dirfd, path), path, ctx.args.u32(2));
  return 0;
};

const fchmod: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (!(f instanceof RegularFile || f instanceof DirFile)) throw new SyscallError(Errno.EPERM);
  vfsOf(ctx).chmodAt(ctx.proc, undefined, f.path, ctx.args.u32(1));
  return 0;
};

const fchownat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const path = pathArg(ctx, 1);
  const r = vfsOf(ctx).lookup(ctx.proc, path, { follow: (ctx.args.int(4) & AT_SYMLINK_NOFOLLOW) === 0, base: baseOf(ctx, dirfd, path) });
  if (!r.node) throw new SyscallError(Errno.ENOENT);
  if ((ctx.proc.uid ?? 0) !== 0) throw new SyscallError(Errno.EPERM);
  return 0;
};

const utimensat: Handler = (ctx) => {
  const dirfd = ctx.args.int(0);
  const pathAddr = ctx.args.u64(1);
  const timesAddr = ctx.args.u64(2);
  const flags = ctx.args.int(3);
  let node;
  if (pathAddr === 0) {
    node = files(ctx).get(dirfd).inode;
  } else {
    const path = ctx.mem.readCString(pathAddr, PATH_MAX);
    node = vfsOf(ctx).lookup(ctx.proc, path, { follow: (flags & AT_SYMLINK_NOFOLLOW) === 0, base: baseOf(ctx, dirfd, path) }).node;
    if (!node) throw new SyscallError(Errno.ENOENT);
  }
  if (!node) return 0;
  const now = Date.now();
  let atime = now;
  let mtime = now;
  if (timesAddr !== 0) {
    const raw = ctx.mem.read(timesAddr, 32);
    const v = new DataView(raw.buffer, raw.byteOffset, 32);
    const ts = (off: number, cur: number): number => {
      const nsec = Number(v.getBigInt64(off + 8, true));
      if (nsec === UTIME_NOW) return now;
      if (nsec === UTIME_OMIT) return cur;
      if (nsec < 0 || nsec >= 1e9) throw new SyscallError(Errno.EINVAL);
      return Number(v.getBigInt64(off, true)) * 1000 + nsec / 1e6;
    };
    atime = ts(0, node.atimeMs);
    mtime = ts(16, node.mtimeMs);
  }
  node.atimeMs = atime;
  node.mtimeMs = mtime;
  node.setMode(node.mode); // persists the metadata (and sets ctime)
  return 0;
};

// ------------------------------------------------------------------ data integrity

function regularWritable(ctx: Ctx, fd: number): RegularFile {
  const f = files(ctx).get(fd);
  if (!(f instanceof RegularFile) || !f.writable) throw new SyscallError(Errno.EINVAL);
  return f;
}

const ftruncate: Handler = (ctx) => {
  const f = regularWritable(ctx, ctx.args.int(0));
  const len = ctx.args.i64(1);
  if (len < 0) throw new SyscallError(Errno.EINVAL);
  f.truncate(len);
  return 0;
};

const truncate: Handler = (ctx) => {
  const path = pathArg(ctx, 0);
  const len = ctx.args.i64(1);
  if (len < 0) throw new SyscallError(Errno.EINVAL);
  const f = vfsOf(ctx).openAt(ctx.proc, ctx.proc.cwd, path, 1 /* O_WRONLY */);
  try {
    if (!(f instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
    f.truncate(len);
  } finally {
    f.release();
  }
  return 0;
};

const fsync: Handler = (ctx) => {
  files(ctx).get(ctx.args.int(0)).sync();
  return 0;
};

const sync: Handler = (ctx) => {
  const v = ctx.kernel?.vfs;
  if (v instanceof Vfs) v.sync();
  return 0;
};

// ------------------------------------------------------------------ ppoll

const POLLIN = 0x1;
const POLLOUT = 0x4;
const POLLERR = 0x8;
const POLLHUP = 0x10;
const POLLNVAL = 0x20;
const POLLRDNORM = 0x40;
const POLLWRNORM = 0x100;

const ppoll: Handler = (ctx) => {
  const addr = ctx.args.u64(0);
  const nfds = ctx.args.u64(1);
  const tsAddr = ctx.args.u64(2);
  if (nfds > 1024) throw new SyscallError(Errno.EINVAL);
  const raw = nfds > 0 ? ctx.mem.read(addr, nfds * 8) : new Uint8Array(0);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let timeoutMs: number | undefined;
  if (tsAddr !== 0) {
    const ts = ctx.mem.read(tsAddr, 16);
    const tv = new DataView(ts.buffer, ts.byteOffset, 16);
    const sec = Number(tv.getBigInt64(0, true));
    const nsec = Number(tv.getBigInt64(8, true));
    if (sec < 0 || nsec < 0 || nsec >= 1e9) throw new SyscallError(Errno.EINVAL);
    timeoutMs = sec * 1000 + nsec / 1e6;
  }
  const t = files(ctx);
  let ready = 0;
  const queues: Waitable[] = [];
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true);
    const events = v.getInt16(i * 8 + 4, true);
    let revents = 0;
    if (fd >= 0) {
      if (!t.has(fd)) revents = POLLNVAL;
      else {
        const f = t.get(fd);
        const s = f.poll();
        if (s.readable && (events & (POLLIN | POLLRDNORM))) revents |= events & (POLLIN | POLLRDNORM);
        if (s.writable && (events & (POLLOUT | POLLWRNORM))) revents |= events & (POLLOUT | POLLWRNORM);
        if (s.hangup) revents |= f instanceof PipeWriter ? POLLERR : POLLHUP;
        queues.push(...f.pollQueues());
      }
    }
    v.setInt16(i * 8 + 6, revents, true);
    if (revents) ready++;
  }
  // Deadline kept across re-runs while blocked.
  const state = ctx.proc.syscallState as { ppollDeadline?: number } | undefined;
  const deadline = state?.ppollDeadline ?? (timeoutMs === undefined ? undefined : Date.now() + timeoutMs);
  if (ready > 0 || (deadline !== undefined && Date.now() >= deadline)) {
    ctx.proc.syscallState = undefined;
    if (nfds > 0) ctx.mem.write(addr, raw);
    return ready;
  }
  ctx.proc.syscallState = { ppollDeadline: deadline };
  return ctx.block(queues, deadline === undefined ? undefined : Math.max(0, deadline - Date.now()));
};

export const FS_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR.read]: read,
  [NR.write]: write,
  [NR.readv]: readv,
  [NR.writev]: writev,
  [NR.pread64]: pread64,
  [NR.pwrite64]: pwrite64,
  [NR.openat]: openat,
  [NR.close]: close,
  [NR.lseek]: lseek,
  [NR.newfstatat]: newfstatat,
  [NR.fstat]: fstat,
  [NR.statx]: statx,
  [NR.getdents64]: getdents64,
  [NR.mkdirat]: mkdirat,
  [NR.unlinkat]: unlinkat,
  [NR.renameat]: renameat,
  [NR.renameat2]: renameat2,
  [NR.symlinkat]: symlinkat,
  [NR.linkat]: linkat,
  [NR.readlinkat]: readlinkat,
  [NR.faccessat]: faccessat,
  [NR_faccessat2]: faccessat2,
  [NR.getcwd]: getcwd,
  [NR.chdir]: chdir,
  [NR_fchdir]: fchdir,
  [NR.fchmodat]: fchmodat,
  [NR_fchmod]: fchmod,
  [NR.fchownat]: fchownat,
  [NR_utimensat]: utimensat,
  [NR.dup]: dup,
  [NR.dup3]: dup3,
  [NR.pipe2]: pipe2,
  [NR.fcntl]: fcntl,
  [NR.ioctl]: ioctl,
  [NR.ftruncate]: ftruncate,
  [NR_truncate]: truncate,
  [NR.fsync]: fsync,
  [NR.fdatasync]: fsync,
  [NR.sync]: sync,
  [NR.ppoll]: ppoll,
};
