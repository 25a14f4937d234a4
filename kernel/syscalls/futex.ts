/**
 * futex(2): WAIT, WAKE, REQUEUE, CMP_REQUEUE, WAKE_OP, WAIT_BITSET and WAKE_BITSET, with
 * FUTEX_PRIVATE_FLAG (without it, a futex in a MAP_SHARED mapping is the mapping's object
 * and offset, shared between processes: kernel/futex.ts) and FUTEX_CLOCK_REALTIME. FUTEX_WAIT's timeout is relative; WAIT_BITSET's absolute, on
 * CLOCK_MONOTONIC or, with FUTEX_CLOCK_REALTIME, CLOCK_REALTIME. The PI operations are
 * ENOSYS, as on a kernel built without them (glibc then uses the plain ones).
 * futex_waitv(2): one wait on up to 128 32-bit futexes (FUTEX2_SIZE_U32, optionally
 * FUTEX2_PRIVATE), on the same queues, so an ordinary FUTEX_WAKE on any of them ends it.
 */

import { Errno, SyscallError } from '../errno.js';
import { FUTEX_BITSET_MATCH_ANY, futexKey, type FutexKey, type FutexWaiter } from '../futex.js';
import type { SyscallResult } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import { CLOCK_MONOTONIC, CLOCK_REALTIME, clockNs, readTimespec } from './time.js';

const ETIMEDOUT = 110 as Errno;
const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_REQUEUE = 3;
const FUTEX_CMP_REQUEUE = 4;
const FUTEX_WAKE_OP = 5;
const FUTEX_WAIT_BITSET = 9;
const FUTEX_WAKE_BITSET = 10;
const FUTEX_PRIVATE_FLAG = 128;
const FUTEX_CLOCK_REALTIME = 256;

interface WaitState {
  waiter: FutexWaiter;
  /** Deadline in ns on `clock`, or null for none. */
  deadline: bigint | null;
  clock: number;
}

function waitOn(ctx: KernelContext, addr: number, key: FutexKey, val: number, bitset: number, timeoutAddr: number, absolute: boolean, clock: number): SyscallResult {
  const t = ctx.proc;
  let st = t.syscallState as WaitState | undefined;
  if (!st) {
    if (bitset === 0) throw new SyscallError(Errno.EINVAL);
    let deadline: bigint | null = null;
    if (timeoutAddr) {
      const ns = readTimespec(ctx, timeoutAddr);
      deadline = absolute ? ns : clockNs(ctx, clock) + ns;
    }
    if (ctx.mem.readU32(addr) !== val) throw new SyscallError(Errno.EAGAIN);
    st = { waiter: { space: key.space, addr: key.addr, bitset, woken: false, wake: () => undefined }, deadline, clock };
    t.syscallState = st;
  } else if (st.waiter.woken) {
    return 0;
  }
  let ms: number | undefined;
  if (st.deadline !== null) {
    const left = st.deadline - clockNs(ctx, st.clock);
    if (left <= 0n) {
      ctx.kernel.futexes.remove(st.waiter);
      throw new SyscallError(ETIMEDOUT);
    }
    ms = Number(left) / 1e6;
  }
  return ctx.block(ctx.kernel.futexes.waitable(st.waiter), ms);
}

/** FUTEX_WAKE_OP: *uaddr2 = old OP oparg; wake uaddr; if (old CMP cmparg) wake uaddr2 too. */
function wakeOp(ctx: KernelContext, key: FutexKey, n: number, addr2: number, n2: number, val3: number, isPrivate: boolean): number {
  let op = (val3 >>> 28) & 0xf;
  const cmp = (val3 >>> 24) & 0xf;
  let oparg = ((val3 >>> 12) & 0xfff) << 20 >> 20;
  const cmparg = (val3 & 0xfff) << 20 >> 20;
  if (op & 8) {
    oparg = 1 << (oparg & 31);
    op &= 7;
  }
  if (op > 4 || cmp > 5) throw new SyscallError(Errno.ENOSYS);
  if (addr2 % 4) throw new SyscallError(Errno.EINVAL);
  const old = ctx.mem.readU32(addr2) | 0;
  const next = [oparg, old + oparg, old | oparg, old & ~oparg, old ^ oparg][op];
  ctx.mem.writeU32(addr2, next >>> 0);
  let woken = ctx.kernel.futexes.wakeKey(key, n);
  const hit = [old === cmparg, old !== cmparg, old < cmparg, old <= cmparg, old > cmparg, old >= cmparg][cmp];
  if (hit) woken += ctx.kernel.futexes.wakeKey(futexKey(ctx.proc.vm, addr2, isPrivate), n2);
  return woken;
}

function futex(ctx: KernelContext): SyscallResult {
  const addr = ctx.args.u64(0);
  const opWord = ctx.args.int(1);
  const op = opWord & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const val = ctx.args.u32(2);
  if (addr % 4) throw new SyscallError(Errno.EINVAL);
  const realtime = (opWord & FUTEX_CLOCK_REALTIME) !== 0;
  if (realtime && op !== FUTEX_WAIT && op !== FUTEX_WAIT_BITSET) throw new SyscallError(Errno.ENOSYS);
  const clock = realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC;
  const isPrivate = (opWord & FUTEX_PRIVATE_FLAG) !== 0;
  const key = futexKey(ctx.proc.vm, addr, isPrivate);
  const futexes = ctx.kernel.futexes;
  // val2 (REQUEUE, WAKE_OP) travels in the timeout register as a number.
  const val2 = ctx.args.u32(3);
  switch (op) {
    case FUTEX_WAIT:
      return waitOn(ctx, addr, key, val, FUTEX_BITSET_MATCH_ANY, ctx.args.u64(3), false, clock);
    case FUTEX_WAIT_BITSET:
      return waitOn(ctx, addr, key, val, ctx.args.u32(5), ctx.args.u64(3), true, clock);
    case FUTEX_WAKE:
      return futexes.wakeKey(key, val);
    case FUTEX_WAKE_BITSET: {
      const bitset = ctx.args.u32(5);
      if (bitset === 0) throw new SyscallError(Errno.EINVAL);
      return futexes.wakeKey(key, val, bitset);
    }
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE: {
      const addr2 = ctx.args.u64(4);
      if (addr2 % 4) throw new SyscallError(Errno.EINVAL);
      if ((val | 0) < 0 || (val2 | 0) < 0) throw new SyscallError(Errno.EINVAL);
      if (op === FUTEX_CMP_REQUEUE && ctx.mem.readU32(addr) !== ctx.args.u32(5)) throw new SyscallError(Errno.EAGAIN);
      const { woken, moved } = futexes.requeue(key, futexKey(ctx.proc.vm, addr2, isPrivate), val, val2);
      return woken + moved;
    }
    case FUTEX_WAKE_OP:
      return wakeOp(ctx, key, val, ctx.args.u64(4), val2, ctx.args.u32(5), isPrivate);
    default:
      throw new SyscallError(Errno.ENOSYS);
  }
}

const NR_futex_waitv = 449;
const FUTEX_WAITV_MAX = 128;
const FUTEX2_SIZE_U32 = 2;
const FUTEX2_SIZE_MASK = 3;
const FUTEX2_PRIVATE = 128;
const WAITV_SIZE = 24; // struct futex_waitv { u64 val; u64 uaddr; u32 flags; u32 __reserved; }

interface WaitvState {
  waiters: FutexWaiter[];
  deadline: bigint | null;
  clock: number;
}

/**
 * futex_waitv: the syscall's own flags must be 0; each entry a 32-bit futex, aligned, its value
 * fitting 32 bits. EAGAIN if any word differs at entry; else the index of the futex woken (the
 * last one, if several were), or ETIMEDOUT at the absolute deadline on `clockid`.
 */
function futexWaitv(ctx: KernelContext): SyscallResult {
  const futexes = ctx.kernel.futexes;
  let st = ctx.proc.syscallState as WaitvState | undefined;
  if (!st) {
    const vec = ctx.args.u64(0);
    const n = ctx.args.u32(1);
    const timeoutAddr = ctx.args.u64(3);
    const clock = ctx.args.int(4);
    if (ctx.args.u32(2) !== 0) throw new SyscallError(Errno.EINVAL);
    if (n === 0 || n > FUTEX_WAITV_MAX || vec === 0) throw new SyscallError(Errno.EINVAL);
    let deadline: bigint | null = null;
    if (timeoutAddr) {
      if (clock !== CLOCK_MONOTONIC && clock !== CLOCK_REALTIME) throw new SyscallError(Errno.EINVAL);
      deadline = readTimespec(ctx, timeoutAddr);
    }
    const raw = ctx.mem.read(vec, n * WAITV_SIZE);
    const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const entries: { val: bigint; addr: number; key: FutexKey }[] = [];
    for (let i = 0; i < n; i++) {
      const val = v.getBigUint64(i * WAITV_SIZE, true);
      const addr = Number(v.getBigUint64(i * WAITV_SIZE + 8, true));
      const flags = v.getUint32(i * WAITV_SIZE + 16, true);
      const reserved = v.getUint32(i * WAITV_SIZE + 20, true);
      if ((flags & ~(FUTEX2_SIZE_MASK | FUTEX2_PRIVATE)) || reserved) throw new SyscallError(Errno.EINVAL);
      if ((flags & FUTEX2_SIZE_MASK) !== FUTEX2_SIZE_U32 || val > 0xffffffffn) throw new SyscallError(Errno.EINVAL);
      if (addr % 4) throw new SyscallError(Errno.EINVAL);
      entries.push({ val, addr, key: futexKey(ctx.proc.vm, addr, (flags & FUTEX2_PRIVATE) !== 0) });
    }
    for (const e of entries) if (BigInt(ctx.mem.readU32(e.addr)) !== e.val) throw new SyscallError(Errno.EAGAIN);
    const waiters = entries.map((e) => ({ space: e.key.space, addr: e.key.addr, bitset: FUTEX_BITSET_MATCH_ANY, woken: false, wake: () => undefined }));
    st = { waiters, deadline, clock };
    ctx.proc.syscallState = st;
  }
  const woken = st.waiters.map((w) => w.woken).lastIndexOf(true);
  if (woken >= 0) {
    for (const w of st.waiters) if (!w.woken) futexes.remove(w);
    return woken;
  }
  let ms: number | undefined;
  if (st.deadline !== null) {
    const left = st.deadline - clockNs(ctx, st.clock);
    if (left <= 0n) {
      for (const w of st.waiters) futexes.remove(w);
      throw new SyscallError(ETIMEDOUT);
    }
    ms = Number(left) / 1e6;
  }
  return ctx.block(st.waiters.map((w) => futexes.waitable(w)), ms);
}

export const FUTEX_SYSCALLS: HandlerTable = {
  [NR.futex]: futex,
  [NR_futex_waitv]: futexWaitv,
};
