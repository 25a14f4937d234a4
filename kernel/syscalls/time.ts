/** Time system calls: clock_gettime, clock_getres, gettimeofday, nanosleep, clock_nanosleep. */

import { Errno, SyscallError } from '../errno.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import type { SyscallResult } from './context.js';

export const CLOCK_REALTIME = 0;
export const CLOCK_MONOTONIC = 1;
export const CLOCK_PROCESS_CPUTIME_ID = 2;
export const CLOCK_THREAD_CPUTIME_ID = 3;
export const CLOCK_MONOTONIC_RAW = 4;
export const CLOCK_REALTIME_COARSE = 5;
export const CLOCK_MONOTONIC_COARSE = 6;
export const CLOCK_BOOTTIME = 7;
export const TIMER_ABSTIME = 1;

const NS = 1_000_000_000n;
/** Host monotonic time at module load, so MONOTONIC starts near 0 like a freshly booted machine. */
const MONO_BASE = process.hrtime.bigint() - 1_000_000_000n;
const REAL_OFFSET = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

/** A clock's current value in nanoseconds; EINVAL for unknown clocks. */
export function clockNs(ctx: KernelContext, clock: number): bigint {
  const now = process.hrtime.bigint();
  switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
      return now + REAL_OFFSET;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
      return now - MONO_BASE;
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
      return BigInt(Math.round(ctx.proc.cpuMs * 1e6));
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

function writeTimespec(ctx: KernelContext, addr: number, ns: bigint): void {
  const b = Buffer.alloc(16);
  b.writeBigInt64LE(ns / NS, 0);
  b.writeBigInt64LE(ns % NS, 8);
  ctx.mem.write(addr, b);
}

/** Reads a struct timespec; EINVAL when out of range. */
export function readTimespec(ctx: KernelContext, addr: number): bigint {
  const b = Buffer.from(ctx.mem.read(addr, 16));
  const sec = b.readBigInt64LE(0);
  const nsec = b.readBigInt64LE(8);
  if (sec < 0n || nsec < 0n || nsec >= NS) throw new SyscallError(Errno.EINVAL);
  return sec * NS + nsec;
}

function clockGettime(ctx: KernelContext): number {
  const ns = clockNs(ctx, ctx.args.int(0));
  writeTimespec(ctx, ctx.args.u64(1), ns);
  return 0;
}

function clockGetres(ctx: KernelContext): number {
  clockNs(ctx, ctx.args.int(0));
  const addr = ctx.args.u64(1);
  if (addr) writeTimespec(ctx, addr, 1n);
  return 0;
}

function gettimeofday(ctx: KernelContext): number {
  const tv = ctx.args.u64(0);
  const tz = ctx.args.u64(1);
  if (tv) {
    const ns = clockNs(ctx, CLOCK_REALTIME);
    const b = Buffer.alloc(16);
    b.writeBigInt64LE(ns / NS, 0);
    b.writeBigInt64LE((ns % NS) / 1000n, 8);
    ctx.mem.write(tv, b);
  }
  if (tz) ctx.mem.write(tz, new Uint8Array(8));
  return 0;
}

/**
 * Sleeps until `deadline` (ns on `clock`), blocking without spinning: the first call
 * records the deadline; each re-run (on the timer or a spurious wake) checks it.
 */
function sleepUntil(ctx: KernelContext, clock: number, deadline: bigint): SyscallResult {
  const now = clockNs(ctx, clock);
  if (now >= deadline) return 0;
  const ms = Number(deadline - now) / 1e6;
  return ctx.block(null, ms);
}

function nanosleep(ctx: KernelContext): SyscallResult {
  let deadline = ctx.proc.syscallState as bigint | undefined;
  if (deadline === undefined) {
    deadline = clockNs(ctx, CLOCK_MONOTONIC) + readTimespec(ctx, ctx.args.u64(0));
    ctx.proc.syscallState = deadline;
  }
  return sleepUntil(ctx, CLOCK_MONOTONIC, deadline);
}

function clockNanosleep(ctx: KernelContext): SyscallResult {
  const clock = ctx.args.int(0);
  let deadline = ctx.proc.syscallState as bigint | undefined;
  if (deadline === undefined) {
    if (clock === CLOCK_PROCESS_CPUTIME_ID || clock === CLOCK_THREAD_CPUTIME_ID) throw new SyscallError(Errno.EINVAL);
    const t = readTimespec(ctx, ctx.args.u64(2));
    deadline = ctx.args.int(1) & TIMER_ABSTIME ? t : clockNs(ctx, clock) + t;
    ctx.proc.syscallState = deadline;
  }
  return sleepUntil(ctx, clock, deadline);
}

export const TIME_SYSCALLS: HandlerTable = {
  [NR.clock_gettime]: clockGettime,
  [NR.clock_getres]: clockGetres,
  [NR.gettimeofday]: gettimeofday,
  [NR.nanosleep]: nanosleep,
  [NR.clock_nanosleep]: clockNanosleep,
};
