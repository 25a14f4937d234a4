/**
 * What the file system calls share: the context type, argument readers (paths, dirfds, counts,
 * iovecs), the fd checks, and the read/write loops between user memory and an open file, so the
 * handler files (fs.ts, fs-io.ts, locks.ts, statfs.ts) do not restate them.
 */

import { Errno, SyscallError } from '../errno.js';
import { AT_FDCWD, MAX_RW_COUNT, PATH_MAX } from '../fs/constants.js';
import { DirFile, RegularFile, type OpenFile } from '../fs/file.js';
import { PipeWriter } from '../fs/pipe.js';
import { TtyFile, type Tty } from '../fs/tty.js';
import type { FsProcess } from '../fs/process.js';
import { Vfs } from '../fs/vfs.js';
import { BLOCKED, type SyscallContext, type SyscallResult } from './context.js';
import { fsizeAllowed } from './fsize.js';

export interface FsKernel {
  vfs?: unknown;
  sendSignal?(proc: never, sig: number): void;
  /** Job control on a terminal (kernel/tty-jobs.ts): null to go on, BLOCKED while the caller's group is stopped. */
  ttyUse?(proc: never, tty: Tty, use: 'read' | 'write', ctx: Ctx): typeof BLOCKED | null;
  /** The terminal's session ioctls, answered for the caller; null for the file's own ioctls. */
  ttyIoctl?(proc: never, tty: Tty, request: number, arg: number, ctx: Ctx): SyscallResult | null;
}

/** A background process's read or write (with TOSTOP) of its terminal: SIGTTIN/SIGTTOU first. */
function ttyAllows(ctx: Ctx, f: OpenFile, use: 'read' | 'write'): boolean {
  if (!(f instanceof TtyFile) || !ctx.kernel.ttyUse) return true;
  return ctx.kernel.ttyUse(ctx.proc as never, f.tty, use, ctx) === null;
}

/** The process as these handlers see it (syscallState: kept across re-runs of a blocked call). */
export type FsSyscallProcess = FsProcess & { syscallState?: unknown };

export type Ctx = SyscallContext<FsSyscallProcess, FsKernel>;
export type Handler = (ctx: Ctx) => SyscallResult;

export const SIGPIPE = 13;
/** Bytes moved between user memory and a regular file per step. */
export const CHUNK = 1 << 20;
export const IOV_MAX = 1024;
export const STAT_SIZE = 128;
export const STATX_SIZE = 256;

export function vfsOf(ctx: Ctx): Vfs {
  const v = ctx.kernel?.vfs;
  if (v instanceof Vfs) return v;
  throw new SyscallError(Errno.ENOENT, 'no file system');
}

export function files(ctx: Ctx) {
  return ctx.proc.files;
}

export function count(ctx: Ctx, i: number): number {
  return Math.min(ctx.args.u64(i), MAX_RW_COUNT);
}

export function pathArg(ctx: Ctx, i: number): string {
  return ctx.mem.readCString(ctx.args.u64(i), PATH_MAX);
}

/** The base directory for a *at call's relative path. */
export function baseOf(ctx: Ctx, dirfd: number, path: string): string | undefined {
  if (path.startsWith('/') || path === '') return undefined;
  if (dirfd === AT_FDCWD) return ctx.proc.cwd;
  const f = files(ctx).get(dirfd);
  if (!(f instanceof DirFile)) throw new SyscallError(Errno.ENOTDIR);
  return f.path;
}

export function withSigpipe<T>(ctx: Ctx, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SyscallError && e.errno === Errno.EPIPE) {
      (ctx.kernel as { signals?: { sendSignal(p: unknown, s: number): void } }).signals?.sendSignal(ctx.proc, SIGPIPE);
    }
    throw e;
  }
}

export function readable(ctx: Ctx, fd: number): OpenFile {
  const f = files(ctx).get(fd);
  if (!f.readable) throw new SyscallError(Errno.EBADF);
  return f;
}

export function writable(ctx: Ctx, fd: number): OpenFile {
  const f = files(ctx).get(fd);
  if (!f.writable) throw new SyscallError(Errno.EBADF);
  return f;
}


// ------------------------------------------------------------------ read and write

/** Reads for read/readv: the bytes, or BLOCKED. Seekable files advance only after `deliver` succeeds. */
export function readFrom(ctx: Ctx, f: OpenFile, n: number, deliver: (data: Uint8Array) => void): SyscallResult {
  if (f instanceof RegularFile) {
    const data = f.pread(f.offset, n);
    deliver(data);
    f.offset += data.length;
    return data.length;
  }
  if (!ttyAllows(ctx, f, 'read')) return BLOCKED;
  const r = f.read(n, ctx);
  if (r === BLOCKED) return BLOCKED;
  deliver(r);
  return r.length;
}

/** Writes `total` bytes gathered by `gather(offset, length)` (which may throw EFAULT). */
export function writeTo(ctx: Ctx, f: OpenFile, total: number, gather: (off: number, len: number) => Uint8Array): SyscallResult {
  if (!ttyAllows(ctx, f, 'write')) return BLOCKED;
  if (total === 0) {
    if (f instanceof RegularFile) return 0;
    const r = withSigpipe(ctx, () => f.write(new Uint8Array(0), ctx));
    return r === BLOCKED ? BLOCKED : 0;
  }
  if (f instanceof RegularFile) {
    total = fsizeAllowed(ctx, f, total);
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

export function finish(ctx: Ctx, result: number): number {
  ctx.proc.syscallState = undefined;
  return result;
}

/** The longest prefix of gather(off, len) that can be read, probing page by page. */
export function readablePrefix(gather: (off: number, len: number) => Uint8Array, off: number, len: number): Uint8Array {
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

export interface Iov {
  base: number;
  len: number;
}

export function readIovecs(ctx: Ctx, addr: number, cnt: number): Iov[] {
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

export function scatter(ctx: Ctx, iovs: Iov[], data: Uint8Array): void {
  let off = 0;
  for (const iov of iovs) {
    if (off >= data.length) break;
    const n = Math.min(iov.len, data.length - off);
    if (n > 0) ctx.mem.write(iov.base, data.subarray(off, off + n));
    off += n;
  }
}

export function gatherFrom(ctx: Ctx, iovs: Iov[]): (off: number, len: number) => Uint8Array {
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
