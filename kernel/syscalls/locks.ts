/**
 * The lock calls: flock(2) and fcntl's record locks (F_GETLK/F_SETLK/F_SETLKW and the
 * open-file-description forms F_OFD_*), over the tables of kernel/fs/locks.ts. A call that
 * must wait blocks on the inode's lock queue and is re-run from the start when woken; a POSIX
 * waiter also re-checks now and then, since a holder that ended without closing its file
 * (killed while a forked child keeps the description open) wakes nobody.
 */

import { Errno, SyscallError } from '../errno.js';
import { SEEK_CUR, SEEK_END, SEEK_SET } from '../fs/constants.js';
import { DirFile, RegularFile, type OpenFile } from '../fs/file.js';
import type { Inode } from '../fs/inode.js';
import {
  F_RDLCK, F_UNLCK, F_WRLCK, conflicting, doneWaiting, lockQueue, noteWait, releaseProcessLocks, setRecordLock,
  tryFlock, unlockFlock,
} from '../fs/locks.js';
import type { SyscallResult } from './context.js';
import { files, type Ctx, type Handler } from './fs-common.js';

export const NR_flock = 32;

const LOCK_SH = 1;
const LOCK_EX = 2;
const LOCK_NB = 4;
const LOCK_UN = 8;
const LOCK_MAND = 32;

export const F_GETLK = 5;
export const F_SETLK = 6;
export const F_SETLKW = 7;
export const F_OFD_GETLK = 36;
export const F_OFD_SETLK = 37;
export const F_OFD_SETLKW = 38;

/** How often a blocked POSIX locker re-checks for holders that are gone (ms). */
const RECHECK_MS = 100;

function inodeOf(f: OpenFile): Inode {
  const node = f.inode;
  if (!node) throw new SyscallError(Errno.EINVAL);
  return node;
}

export const flock: Handler = (ctx) => {
  const f = files(ctx).get(ctx.args.int(0));
  const op = ctx.args.int(1);
  const node = f.inode;
  if (!node || (f.flags & 0o10000000 /* O_PATH */)) throw new SyscallError(Errno.EBADF);
  // LOCK_MAND (Samba's share modes) is accepted and ignored, as Linux has done since 5.15.
  if (op & LOCK_MAND) return 0;
  const kind = op & ~LOCK_NB;
  if (kind === LOCK_UN) {
    unlockFlock(node, f);
    return 0;
  }
  if (kind !== LOCK_SH && kind !== LOCK_EX) throw new SyscallError(Errno.EINVAL);
  if (tryFlock(node, f, kind === LOCK_EX ? 'ex' : 'sh')) return 0;
  if (op & LOCK_NB) throw new SyscallError(Errno.EAGAIN);
  return ctx.block(lockQueue(node));
};

function alive(ctx: Ctx): (pid: number) => boolean {
  const procs = (ctx.kernel as { processes?: Map<number, { exit?: unknown }> }).processes;
  if (!procs) return () => true;
  return (pid) => {
    const p = procs.get(pid);
    return p !== undefined && !p.exit;
  };
}

/** Reads struct flock (arm64: short type, short whence, off_t start, off_t len, pid_t pid). */
function readFlock(ctx: Ctx, addr: number): { type: number; whence: number; start: number; len: number; pid: number } {
  const b = ctx.mem.read(addr, 32);
  const v = new DataView(b.buffer, b.byteOffset, 32);
  return {
    type: v.getInt16(0, true), whence: v.getInt16(2, true),
    start: Number(v.getBigInt64(8, true)), len: Number(v.getBigInt64(16, true)), pid: v.getInt32(24, true),
  };
}

function writeFlock(ctx: Ctx, addr: number, l: { type: number; start: number; len: number; pid: number }): void {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  v.setInt16(0, l.type, true);
  v.setInt16(2, SEEK_SET, true);
  v.setBigInt64(8, BigInt(l.start), true);
  v.setBigInt64(16, BigInt(l.len), true);
  v.setInt32(24, l.pid, true);
  ctx.mem.write(addr, b);
}

/** The byte range [start, end] a struct flock names, from its whence. */
function rangeOf(f: OpenFile, l: { whence: number; start: number; len: number }): { start: number; end: number } {
  let base: number;
  if (l.whence === SEEK_SET) base = 0;
  else if (l.whence === SEEK_CUR) base = f instanceof RegularFile || f instanceof DirFile ? f.offset : 0;
  else if (l.whence === SEEK_END) base = f.stat().size;
  else throw new SyscallError(Errno.EINVAL);
  let start = base + l.start;
  let end: number;
  if (l.len > 0) end = start + l.len - 1;
  else if (l.len === 0) end = Infinity;
  else {
    end = start - 1;
    start += l.len;
  }
  if (start < 0) throw new SyscallError(Errno.EINVAL);
  return { start, end };
}

/** fcntl's lock commands. */
export function fcntlLock(ctx: Ctx, fd: number, cmd: number): SyscallResult {
  const f = files(ctx).get(fd);
  const addr = ctx.args.u64(2);
  const node = inodeOf(f);
  const l = readFlock(ctx, addr);
  const ofd = cmd === F_OFD_GETLK || cmd === F_OFD_SETLK || cmd === F_OFD_SETLKW;
  if (ofd && l.pid !== 0) throw new SyscallError(Errno.EINVAL);
  if (l.type !== F_RDLCK && l.type !== F_WRLCK && l.type !== F_UNLCK) throw new SyscallError(Errno.EINVAL);
  const { start, end } = rangeOf(f, l);
  const pid = ctx.proc.pid;
  const owner: number | OpenFile = ofd ? f : pid;
  if (cmd === F_GETLK || cmd === F_OFD_GETLK) {
    if (l.type === F_UNLCK) throw new SyscallError(Errno.EINVAL);
    const c = conflicting(node, { owner, type: l.type as 0 | 1, start, end }, alive(ctx));
    if (!c) writeFlock(ctx, addr, { type: F_UNLCK, start: l.start, len: l.len, pid: l.pid });
    else writeFlock(ctx, addr, { type: c.type, start: c.start, len: c.end === Infinity ? 0 : c.end - c.start + 1, pid: c.pid });
    return 0;
  }
  if (l.type === F_RDLCK && !f.readable) throw new SyscallError(Errno.EBADF);
  if (l.type === F_WRLCK && !f.writable) throw new SyscallError(Errno.EBADF);
  if (l.type !== F_UNLCK) {
    const c = conflicting(node, { owner, type: l.type as 0 | 1, start, end }, alive(ctx));
    if (c) {
      if (cmd === F_SETLK || cmd === F_OFD_SETLK) throw new SyscallError(Errno.EAGAIN);
      if (!ofd && typeof c.owner === 'number') noteWait(pid, c.owner);
      return ctx.block(lockQueue(node), RECHECK_MS);
    }
  }
  doneWaiting(pid);
  setRecordLock(node, { owner, type: l.type, start, end, pid: ofd ? -1 : pid });
  return 0;
}

/** close(2) of one descriptor: the process's POSIX locks on that file go (all of them). */
export function closedBy(f: OpenFile, pid: number): void {
  const node = f.inode;
  if (node) releaseProcessLocks(node, pid);
}
