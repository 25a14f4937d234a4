/**
 * Event files: eventfd2, timerfd_create/settime/gettime, signalfd4. Each makes (or
 * changes) one of the files in kernel/fs/eventfd.ts, timerfd.ts, signalfd.ts; reading and
 * polling them goes through the ordinary read/ppoll/epoll paths.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_CLOEXEC, O_NONBLOCK } from '../fs/constants.js';
import { EFD_SEMAPHORE, EventFd } from '../fs/eventfd.js';
import type { OpenFile } from '../fs/file.js';
import { SignalFd, isSignalReader } from '../fs/signalfd.js';
import { TFD_TIMER_ABSTIME, TFD_TIMER_CANCEL_ON_SET, TimerFd } from '../fs/timerfd.js';
import { maskOf } from '../signals.js';
import type { FsSyscallProcess } from './fs.js';
import type { SyscallContext, SyscallResult } from './context.js';
import { machineClockNs, type MachineClock } from './time.js';

type Ctx = SyscallContext<FsSyscallProcess, MachineClock>;
type Handler = (ctx: Ctx) => SyscallResult;

const NR_eventfd2 = 19;
const NR_signalfd4 = 74;
const NR_timerfd_create = 85;
const NR_timerfd_settime = 86;
const NR_timerfd_gettime = 87;

const CLOCK_REALTIME = 0;
const CLOCK_MONOTONIC = 1;
const CLOCK_BOOTTIME = 7;
const CLOCK_REALTIME_ALARM = 8;
const CLOCK_BOOTTIME_ALARM = 9;

function install(ctx: Ctx, f: OpenFile, cloexec: boolean): number {
  try {
    return ctx.proc.files.install(f, cloexec);
  } catch (e) {
    f.release();
    throw e;
  }
}

const eventfd2: Handler = (ctx) => {
  const init = ctx.args.u32(0);
  const flags = ctx.args.int(1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE)) throw new SyscallError(Errno.EINVAL);
  return install(ctx, new EventFd(BigInt(init), (flags & EFD_SEMAPHORE) !== 0, flags), (flags & O_CLOEXEC) !== 0);
};

// ------------------------------------------------------------------ timerfd

const timerfdCreate: Handler = (ctx) => {
  const clock = ctx.args.int(0);
  const flags = ctx.args.int(1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) throw new SyscallError(Errno.EINVAL);
  if (clock === CLOCK_REALTIME_ALARM || clock === CLOCK_BOOTTIME_ALARM) throw new SyscallError(Errno.EPERM);
  if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC && clock !== CLOCK_BOOTTIME) throw new SyscallError(Errno.EINVAL);
  // Checked above to be a machine-wide clock, so the reading is never null.
  const machine = ctx.kernel;
  const now = (): bigint => machineClockNs(machine, clock)!;
  return install(ctx, new TimerFd(clock, now, flags), (flags & O_CLOEXEC) !== 0);
};

function timerOf(ctx: Ctx, fd: number): TimerFd {
  const f = ctx.proc.files.get(fd);
  if (!(f instanceof TimerFd)) throw new SyscallError(Errno.EINVAL);
  return f;
}

function readTimespecNs(v: DataView, at: number): bigint {
  const sec = v.getBigInt64(at, true);
  const nsec = v.getBigInt64(at + 8, true);
  if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) throw new SyscallError(Errno.EINVAL);
  return sec * 1_000_000_000n + nsec;
}

function writeItimerspec(ctx: Ctx, addr: number, [value, interval]: [bigint, bigint]): void {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  v.setBigInt64(0, interval / 1_000_000_000n, true);
  v.setBigInt64(8, interval % 1_000_000_000n, true);
  v.setBigInt64(16, value / 1_000_000_000n, true);
  v.setBigInt64(24, value % 1_000_000_000n, true);
  ctx.mem.write(addr, b);
}

const timerfdSettime: Handler = (ctx) => {
  const t = timerOf(ctx, ctx.args.int(0));
  const flags = ctx.args.int(1);
  if (flags & ~(TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET)) throw new SyscallError(Errno.EINVAL);
  const raw = ctx.mem.read(ctx.args.u64(2), 32);
  const v = new DataView(raw.buffer, raw.byteOffset, 32);
  const interval = readTimespecNs(v, 0);
  const value = readTimespecNs(v, 16);
  const oldAddr = ctx.args.u64(3);
  if (oldAddr) ctx.mem.read(oldAddr, 32);
  const old = t.set(value, interval, (flags & TFD_TIMER_ABSTIME) !== 0);
  if (oldAddr) writeItimerspec(ctx, oldAddr, old);
  return 0;
};

const timerfdGettime: Handler = (ctx) => {
  const t = timerOf(ctx, ctx.args.int(0));
  writeItimerspec(ctx, ctx.args.u64(1), t.get());
  return 0;
};

// ------------------------------------------------------------------ signalfd

const signalfd4: Handler = (ctx) => {
  const fd = ctx.args.int(0);
  const maskAddr = ctx.args.u64(1);
  const size = ctx.args.u64(2);
  const flags = ctx.args.int(3);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK)) throw new SyscallError(Errno.EINVAL);
  if (size !== 8) throw new SyscallError(Errno.EINVAL);
  const mask = maskOf(ctx.mem.readU64(maskAddr));
  if (fd !== -1) {
    const f = ctx.proc.files.get(fd);
    if (!(f instanceof SignalFd)) throw new SyscallError(Errno.EINVAL);
    f.mask = mask;
    return fd;
  }
  const reader = ctx.proc as unknown;
  if (!isSignalReader(reader)) throw new SyscallError(Errno.ENOSYS);
  return install(ctx, new SignalFd(mask, flags, reader), (flags & O_CLOEXEC) !== 0);
};

export const EVENT_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR_eventfd2]: eventfd2,
  [NR_timerfd_create]: timerfdCreate,
  [NR_timerfd_settime]: timerfdSettime,
  [NR_timerfd_gettime]: timerfdGettime,
  [NR_signalfd4]: signalfd4,
};
