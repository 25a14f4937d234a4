/**
 * File I/O beyond read/write: positioned vector I/O (preadv, pwritev and their *2 forms), the
 * in-kernel copies (sendfile, copy_file_range, splice, tee, vmsplice), fallocate (space, keep-size and
 * punched holes on the extent store), the sync variants (syncfs, sync_file_range), and the
 * paging hints (fadvise64, readahead).
 * Copies move at most CHUNK bytes per step and, when a pipe end would block, block before
 * anything was consumed, so a re-run after the wake-up does the same call again.
 */

import { Errno, SyscallError } from '../errno.js';
import { MAX_RW_COUNT, O_APPEND } from '../fs/constants.js';
import { DirFile, RegularFile, type OpenFile } from '../fs/file.js';
import { PipeReader, PipeWriter } from '../fs/pipe.js';
import { BLOCKED, type SyscallContext, type SyscallResult } from './context.js';
import { checkFsize, fsizeAllowed, raiseXfsz } from './fsize.js';
import {
  CHUNK, files, gatherFrom, readIovecs, readable, scatter, vfsOf, withSigpipe, writable, writeTo,
  type Ctx, type Handler,
} from './fs-common.js';

const NR_fallocate = 47;
const NR_preadv = 69;
const NR_pwritev = 70;
const NR_sendfile = 71;
const NR_vmsplice = 75;
const NR_splice = 76;
const NR_tee = 77;
const NR_sync_file_range = 84;
const NR_syncfs = 267;
const NR_copy_file_range = 285;
const NR_readahead = 213;
const NR_fadvise64 = 223;
const NR_preadv2 = 286;
const NR_pwritev2 = 287;

const RWF_HIPRI = 1;
const RWF_DSYNC = 2;
const RWF_SYNC = 4;
const RWF_NOWAIT = 8;
const RWF_APPEND = 16;
const RWF_SUPPORTED = RWF_HIPRI | RWF_DSYNC | RWF_SYNC | RWF_NOWAIT | RWF_APPEND;

const FALLOC_FL_KEEP_SIZE = 1;
const FALLOC_FL_PUNCH_HOLE = 2;

const SPLICE_F_NONBLOCK = 2;
const SPLICE_FLAGS = 0xf;

const SYNC_FILE_RANGE_FLAGS = 7;

// ------------------------------------------------------------------ vector I/O at an offset

/** `offset` -1 means the file position only for the *2 forms (`v2`); preadv/pwritev say EINVAL. */
function preadvCommon(ctx: Ctx, offset: number, flags: number, v2 = false): SyscallResult {
  const f = readable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  if (flags & ~RWF_SUPPORTED) throw new SyscallError(Errno.ENOTSUP);
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  const total = iovs.reduce((s, v) => s + v.len, 0);
  if (offset === -1 && v2) {
    // preadv2 with offset -1: the file position, like readv.
    if (f instanceof RegularFile) {
      const data = f.pread(f.offset, total);
      scatter(ctx, iovs, data);
      f.offset += data.length;
      return data.length;
    }
    const r = f.read(total, ctx);
    if (r === BLOCKED) return BLOCKED;
    scatter(ctx, iovs, r);
    return r.length;
  }
  if (offset < 0) throw new SyscallError(Errno.EINVAL);
  if (!f.seekable) throw new SyscallError(Errno.ESPIPE);
  const data = f.pread(offset, total);
  scatter(ctx, iovs, data);
  return data.length;
}

function pwritevCommon(ctx: Ctx, offset: number, flags: number, v2 = false): SyscallResult {
  const f = writable(ctx, ctx.args.int(0));
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  if (flags & ~RWF_SUPPORTED) throw new SyscallError(Errno.ENOTSUP);
  let total = iovs.reduce((s, v) => s + v.len, 0);
  const gather = gatherFrom(ctx, iovs);
  if (offset === -1 && v2) return writeTo(ctx, f, total, gather);
  if (offset < 0) throw new SyscallError(Errno.EINVAL);
  if (!f.seekable) throw new SyscallError(Errno.ESPIPE);
  total = fsizeAllowed(ctx, f, total, flags & RWF_APPEND ? undefined : offset);
  let done = 0;
  while (done < total) {
    const n = Math.min(CHUNK, total - done);
    let data: Uint8Array;
    try {
      data = gather(done, n);
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
    try {
      done += (flags & RWF_APPEND) && f instanceof RegularFile ? f.pwriteAppend(data) : f.pwrite(offset + done, data);
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
  }
  if (flags & (RWF_DSYNC | RWF_SYNC)) f.sync();
  return done;
}

const preadv: Handler = (ctx) => preadvCommon(ctx, ctx.args.i64(3), 0);
const pwritev: Handler = (ctx) => pwritevCommon(ctx, ctx.args.i64(3), 0);
const preadv2: Handler = (ctx) => preadvCommon(ctx, ctx.args.i64(3), ctx.args.int(5), true);
const pwritev2: Handler = (ctx) => pwritevCommon(ctx, ctx.args.i64(3), ctx.args.int(5), true);

// ------------------------------------------------------------------ in-kernel copies

function readU64(ctx: Ctx, addr: number): number {
  const v = Number(BigInt.asIntN(64, ctx.mem.readU64(addr)));
  if (v < 0) throw new SyscallError(Errno.EINVAL);
  return v;
}

function writeU64(ctx: Ctx, addr: number, v: number): void {
  ctx.mem.writeU64(addr, BigInt(v));
}

/** Writes `data` to `out` at its position (or `at`); the count written, or BLOCKED. */
function put(ctx: Ctx, out: OpenFile, data: Uint8Array, at?: number): number | typeof BLOCKED {
  if (at !== undefined) return out.pwrite(at, data);
  if (out instanceof RegularFile) return out.write(data);
  return withSigpipe(ctx, () => out.write(data, ctx));
}

const sendfile: Handler = (ctx) => {
  const out = writable(ctx, ctx.args.int(0));
  const inp = readable(ctx, ctx.args.int(1));
  const offAddr = ctx.args.u64(2);
  const n = Math.min(ctx.args.u64(3), MAX_RW_COUNT);
  if (!(inp instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
  if (out.flags & O_APPEND) throw new SyscallError(Errno.EINVAL);
  const start = offAddr ? readU64(ctx, offAddr) : inp.offset;
  if (n === 0) return 0;
  const read = inp.pread(start, Math.min(n, CHUNK));
  if (read.length === 0) return 0;
  const data = read.subarray(0, fsizeAllowed(ctx, out, read.length));
  const w = put(ctx, out, data);
  if (w === BLOCKED) return BLOCKED;
  // Linux's splice loop tries the rest after a write shortened by RLIMIT_FSIZE, and that try raises SIGXFSZ.
  if (data.length < read.length) raiseXfsz(ctx);
  if (offAddr) writeU64(ctx, offAddr, start + w);
  else inp.offset = start + w;
  return w;
};

const copyFileRange: Handler = (ctx) => {
  const inp = files(ctx).get(ctx.args.int(0));
  const inAddr = ctx.args.u64(1);
  const out = files(ctx).get(ctx.args.int(2));
  const outAddr = ctx.args.u64(3);
  const len = Math.min(ctx.args.u64(4), MAX_RW_COUNT);
  if (ctx.args.u32(5) !== 0) throw new SyscallError(Errno.EINVAL);
  if (inp instanceof DirFile || out instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  if (!(inp instanceof RegularFile) || !(out instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
  if (!inp.readable || !out.writable || (out.flags & O_APPEND)) throw new SyscallError(Errno.EBADF);
  let from = inAddr ? readU64(ctx, inAddr) : inp.offset;
  let to = outAddr ? readU64(ctx, outAddr) : out.offset;
  const count = Math.max(0, Math.min(len, inp.node.size() - from)); // shortened to EOF first, as Linux does
  if (inp.node === out.node && count > 0 && from < to + count && to < from + count) throw new SyscallError(Errno.EINVAL);
  const allowed = count > 0 ? fsizeAllowed(ctx, out, len, to) : len;
  let done = 0;
  while (done < allowed) {
    const data = inp.pread(from, Math.min(CHUNK, allowed - done));
    if (data.length === 0) break;
    out.pwrite(to, data);
    from += data.length;
    to += data.length;
    done += data.length;
  }
  if (inAddr) writeU64(ctx, inAddr, from);
  else inp.offset = from;
  if (outAddr) writeU64(ctx, outAddr, to);
  else out.offset = to;
  return done;
};

const splice: Handler = (ctx) => {
  const inp = readable(ctx, ctx.args.int(0));
  const inAddr = ctx.args.u64(1);
  const out = writable(ctx, ctx.args.int(2));
  const outAddr = ctx.args.u64(3);
  const len = Math.min(ctx.args.u64(4), MAX_RW_COUNT);
  const flags = ctx.args.u32(5);
  if (flags & ~SPLICE_FLAGS) throw new SyscallError(Errno.EINVAL);
  const inPipe = inp instanceof PipeReader;
  const outPipe = out instanceof PipeWriter;
  if (!inPipe && !outPipe) throw new SyscallError(Errno.EINVAL);
  if ((inPipe && inAddr) || (outPipe && outAddr)) throw new SyscallError(Errno.ESPIPE);
  if (out.flags & O_APPEND) throw new SyscallError(Errno.EINVAL);
  if (len === 0) return 0;
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  let max = Math.min(len, CHUNK);
  if (outPipe) {
    const p = (out as PipeWriter).pipe;
    if (p.readers === 0) return withSigpipe(ctx, () => { throw new SyscallError(Errno.EPIPE); });
    if (p.space === 0) {
      if (nonblock || out.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return ctx.block(p.writeQueue);
    }
    max = Math.min(max, p.space);
  }
  let data: Uint8Array;
  let from = 0;
  if (inPipe) {
    const p = (inp as PipeReader).pipe;
    if (p.buffered === 0) {
      if (p.writers === 0) return 0;
      if (nonblock || inp.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return ctx.block(p.readQueue);
    }
    data = p.take(max);
  } else {
    if (!(inp instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
    from = inAddr ? readU64(ctx, inAddr) : inp.offset;
    data = inp.pread(from, max);
    if (data.length === 0) return 0;
  }
  let w: number;
  if (outPipe) w = (out as PipeWriter).pipe.put(data);
  else {
    if (!out.seekable && !(out instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
    const at = outAddr ? readU64(ctx, outAddr) : undefined;
    const r = put(ctx, out, data, at);
    if (r === BLOCKED) return BLOCKED;
    w = r;
    if (outAddr) writeU64(ctx, outAddr, at! + w);
  }
  if (!inPipe) {
    if (inAddr) writeU64(ctx, inAddr, from + w);
    else (inp as RegularFile).offset = from + w;
  }
  return w;
};

const tee: Handler = (ctx) => {
  const inp = readable(ctx, ctx.args.int(0));
  const out = writable(ctx, ctx.args.int(1));
  const len = Math.min(ctx.args.u64(2), MAX_RW_COUNT);
  const flags = ctx.args.u32(3);
  if (flags & ~SPLICE_FLAGS) throw new SyscallError(Errno.EINVAL);
  if (!(inp instanceof PipeReader) || !(out instanceof PipeWriter) || inp.pipe === out.pipe) throw new SyscallError(Errno.EINVAL);
  if (len === 0) return 0;
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  const src = inp.pipe;
  const dst = out.pipe;
  if (src.buffered === 0) {
    if (src.writers === 0) return 0;
    if (nonblock) throw new SyscallError(Errno.EAGAIN);
    return ctx.block(src.readQueue);
  }
  if (dst.readers === 0) return withSigpipe(ctx, () => { throw new SyscallError(Errno.EPIPE); });
  if (dst.space === 0) {
    if (nonblock) throw new SyscallError(Errno.EAGAIN);
    return ctx.block(dst.writeQueue);
  }
  return dst.put(src.peek(Math.min(len, dst.space)));
};

/**
 * vmsplice: the user's iovecs into a pipe (an fd open for writing) or a pipe's bytes out to them
 * (an fd open only for reading). Into the pipe it waits only for some room, then puts what fits
 * (no PIPE_BUF atomicity, as the kernel's page-by-page fill); out of it, what is buffered now.
 */
const vmsplice: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const flags = ctx.args.u32(3);
  if (flags & ~SPLICE_FLAGS) throw new SyscallError(Errno.EINVAL);
  const f = files(ctx).get(fd);
  if (!f.writable && !f.readable) throw new SyscallError(Errno.EBADF);
  const iovs = readIovecs(ctx, ctx.args.u64(1), ctx.args.int(2));
  const total = iovs.reduce((s, v) => s + v.len, 0);
  if (total === 0) return 0;
  if (!(f instanceof PipeReader) && !(f instanceof PipeWriter)) throw new SyscallError(Errno.EBADF);
  const p = f.pipe;
  // Only the flag: Linux's vmsplice waits on a pipe end opened O_NONBLOCK.
  const nonblock = (flags & SPLICE_F_NONBLOCK) !== 0;
  if (f.writable) {
    if (p.readers === 0) return withSigpipe(ctx, () => { throw new SyscallError(Errno.EPIPE); });
    if (p.space === 0) {
      if (nonblock) throw new SyscallError(Errno.EAGAIN);
      return ctx.block(p.writeQueue);
    }
    return p.put(gatherFrom(ctx, iovs)(0, Math.min(total, p.space, CHUNK)));
  }
  if (p.buffered === 0) {
    if (p.writers === 0) return 0;
    if (nonblock) throw new SyscallError(Errno.EAGAIN);
    return ctx.block(p.readQueue);
  }
  const data = p.peek(Math.min(total, CHUNK));
  scatter(ctx, iovs, data);
  return p.take(data.length).length;
};

// ------------------------------------------------------------------ space and sync

const fallocate: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const mode = ctx.args.int(1);
  const offset = ctx.args.i64(2);
  const len = ctx.args.i64(3);
  if (offset < 0 || len <= 0) throw new SyscallError(Errno.EINVAL);
  if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE)) throw new SyscallError(Errno.ENOTSUP);
  if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE)) throw new SyscallError(Errno.ENOTSUP);
  if (!f.writable) throw new SyscallError(Errno.EBADF);
  if (f instanceof DirFile) throw new SyscallError(Errno.EISDIR);
  if (!(f instanceof RegularFile)) throw new SyscallError(f instanceof PipeReader || f instanceof PipeWriter ? Errno.ESPIPE : Errno.ENODEV);
  if ((mode & FALLOC_FL_PUNCH_HOLE) && (f.flags & O_APPEND)) throw new SyscallError(Errno.EPERM);
  if (!Number.isSafeInteger(offset + len)) throw new SyscallError(Errno.EFBIG);
  if (!(mode & FALLOC_FL_KEEP_SIZE)) checkFsize(ctx, f.node.size(), offset + len);
  if (mode & FALLOC_FL_PUNCH_HOLE) f.node.punchHole(offset, len);
  else f.node.allocate(offset, len, (mode & FALLOC_FL_KEEP_SIZE) !== 0);
  f.allocated();
  return 0;
};

const syncfs: Handler = (ctx) => {
  files(ctx).get(ctx.args.int(0));
  vfsOf(ctx).sync();
  return 0;
};

const syncFileRange: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const offset = ctx.args.i64(1);
  const nbytes = ctx.args.i64(2);
  const flags = ctx.args.u32(3);
  if (flags & ~SYNC_FILE_RANGE_FLAGS) throw new SyscallError(Errno.EINVAL);
  if (offset < 0 || nbytes < 0 || !Number.isSafeInteger(offset + nbytes)) throw new SyscallError(Errno.EINVAL);
  if (!(f instanceof RegularFile) && !(f instanceof DirFile)) throw new SyscallError(Errno.ESPIPE);
  if (flags) f.sync();
  return 0;
};

/** posix_fadvise: hints only (nothing is ever paged out), with Linux's argument checks. */
const fadvise64: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const len = ctx.args.i64(2);
  const advice = ctx.args.int(3);
  if (f instanceof PipeReader || f instanceof PipeWriter) throw new SyscallError(Errno.ESPIPE);
  if (advice < 0 || advice > 5 || len < 0) throw new SyscallError(Errno.EINVAL);
  return 0;
};

/** readahead(2): regular files only; the data is already as near as it gets. */
const readahead: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  if (!f.readable) throw new SyscallError(Errno.EBADF);
  if (!(f instanceof RegularFile)) throw new SyscallError(Errno.EINVAL);
  return 0;
};

export const FS_IO_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR_preadv]: preadv,
  [NR_pwritev]: pwritev,
  [NR_preadv2]: preadv2,
  [NR_pwritev2]: pwritev2,
  [NR_sendfile]: sendfile,
  [NR_copy_file_range]: copyFileRange,
  [NR_vmsplice]: vmsplice,
  [NR_splice]: splice,
  [NR_tee]: tee,
  [NR_fallocate]: fallocate,
  [NR_syncfs]: syncfs,
  [NR_sync_file_range]: syncFileRange,
  [NR_fadvise64]: fadvise64,
  [NR_readahead]: readahead,
};
