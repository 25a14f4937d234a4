/**
 * RLIMIT_FSIZE: the largest file a process may make. Linux checks it where a write, a copy
 * into a file or a truncate would make a regular file reach past it: a write that starts
 * below the limit is shortened to end at it (a short count, no signal); one that starts at
 * or beyond it, and a truncate or fallocate past it, fails with EFBIG and sends the process
 * SIGXFSZ (whose default action ends it with a core dump). Pipes, sockets and devices have no
 * size, so the limit never applies to them.
 *
 * The limit is the process's (fork and exec keep it: Process.rlimitFsize, set through
 * setrlimit/prlimit64 in process.ts).
 */

import { Errno, SyscallError } from '../errno.js';
import { O_APPEND } from '../fs/constants.js';
import { RegularFile, type OpenFile } from '../fs/file.js';
import type { FsProcess } from '../fs/process.js';

const SIGXFSZ = 25;

interface LimitContext {
  proc: FsProcess;
  kernel: unknown;
}

/** The soft limit in bytes (Infinity when unlimited). */
function limitOf(ctx: LimitContext): number {
  const soft = ctx.proc.fileSizeLimit;
  return soft === undefined || soft > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(soft);
}

export function raiseXfsz(ctx: LimitContext): void {
  (ctx.kernel as { signals?: { sendSignal(p: unknown, s: number): void } }).signals?.sendSignal(ctx.proc, SIGXFSZ);
}

function tooBig(ctx: LimitContext): SyscallError {
  raiseXfsz(ctx);
  return new SyscallError(Errno.EFBIG);
}

/**
 * How many of `length` bytes a write to `f` at `pos` (the file position when undefined, the
 * end for O_APPEND) may write; throws EFBIG (after SIGXFSZ) when none may.
 */
export function fsizeAllowed(ctx: LimitContext, f: OpenFile, length: number, pos?: number): number {
  if (!(f instanceof RegularFile) || length === 0) return length;
  const limit = limitOf(ctx);
  if (limit === Infinity) return length;
  const at = f.flags & O_APPEND ? f.node.size() : pos ?? f.offset;
  if (at >= limit) throw tooBig(ctx);
  return Math.min(length, limit - at);
}

/** truncate, ftruncate and a size-changing fallocate from `size` to `newSize`: growing past the limit is EFBIG (after SIGXFSZ). */
export function checkFsize(ctx: LimitContext, size: number, newSize: number): void {
  if (newSize > size && newSize > limitOf(ctx)) throw tooBig(ctx);
}
