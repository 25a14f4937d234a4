/**
 * Time system calls: clock_gettime, clock_getres, gettimeofday, nanosleep, clock_nanosleep,
 * setitimer/getitimer (so alarm), timer_create/settime/gettime/getoverrun/delete, times.
 */

import { Errno, SyscallError } from '../errno.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import type { SyscallResult } from './context.js';
import { ITIMER_PROF, ITIMER_REAL, ITIMER_VIRTUAL, SIGEV_NONE, SIGEV_SIGNAL, SIGEV_THREAD_ID, type PosixTimer, type TimerValue } from '../timers.js';

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

/** What the machine-wide clocks need of the kernel: the offset clock_settime gave REALTIME. */
export interface MachineClock {
  realtimeOffsetNs: bigint;
}

/** A machine-wide clock (REALTIME, MONOTONIC, BOOTTIME and their variants) in nanoseconds; null for others. */
export function machineClockNs(machine: MachineClock, clock: number): bigint | null {
  const now = process.hrtime.bigint();
  switch (clock) {
    case CLOCK_REALTIME:
    case CLOCK_REALTIME_COARSE:
      return now + REAL_OFFSET + machine.realtimeOffsetNs;
    case CLOCK_MONOTONIC:
    case CLOCK_MONOTONIC_RAW:
    case CLOCK_MONOTONIC_COARSE:
    case CLOCK_BOOTTIME:
      return now - MONO_BASE;
    default:
      return null;
  }
}

/** A clock's current value in nanoseconds; EINVAL for unknown clocks. */
export function clockNs(ctx: KernelContext, clock: number): bigint {
  const machineWide = machineClockNs(ctx.kernel, clock);
  if (machineWide !== null) return machineWide;
  switch (clock) {
    case CLOCK_PROCESS_CPUTIME_ID:
      return BigInt(Math.round(ctx.proc.process.cpuMs * 1e6));
    case CLOCK_THREAD_CPUTIME_ID:
      return BigInt(Math.round(ctx.proc.cpuNowMs * 1e6));
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

export function writeTimespec(ctx: KernelContext, addr: number, ns: bigint): void {
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

// ---- Interval timers and POSIX timers ------------------------------------------------------

function readTimeval(b: Buffer, at: number): number {
  const sec = b.readBigInt64LE(at);
  const usec = b.readBigInt64LE(at + 8);
  if (sec < 0n || usec < 0n || usec >= 1_000_000n) throw new SyscallError(Errno.EINVAL);
  return Number(sec) * 1000 + Number(usec) / 1000;
}

function writeTimeval(b: Buffer, at: number, ms: number): void {
  const us = BigInt(Math.round(ms * 1000));
  b.writeBigInt64LE(us / 1_000_000n, at);
  b.writeBigInt64LE(us % 1_000_000n, at + 8);
}

function readTimespecMs(b: Buffer, at: number): number {
  const sec = b.readBigInt64LE(at);
  const nsec = b.readBigInt64LE(at + 8);
  if (sec < 0n || nsec < 0n || nsec >= NS) throw new SyscallError(Errno.EINVAL);
  return Number(sec) * 1000 + Number(nsec) / 1e6;
}

function writeTimespecMs(b: Buffer, at: number, ms: number): void {
  const ns = BigInt(Math.round(ms * 1e6));
  b.writeBigInt64LE(ns / NS, at);
  b.writeBigInt64LE(ns % NS, at + 8);
}

function checkWhich(which: number): void {
  if (which !== ITIMER_REAL && which !== ITIMER_VIRTUAL && which !== ITIMER_PROF) throw new SyscallError(Errno.EINVAL);
}

function writeItimerval(ctx: KernelContext, addr: number, v: TimerValue): void {
  const b = Buffer.alloc(32);
  writeTimeval(b, 0, v.intervalMs);
  writeTimeval(b, 16, v.valueMs);
  ctx.mem.write(addr, b);
}

function getitimer(ctx: KernelContext): number {
  const which = ctx.args.int(0);
  checkWhich(which);
  writeItimerval(ctx, ctx.args.u64(1), ctx.kernel.signals.timersOf(ctx.proc.process).getItimer(which));
  return 0;
}

function setitimer(ctx: KernelContext): number {
  const which = ctx.args.int(0);
  checkWhich(which);
  const nv = ctx.args.u64(1);
  const ov = ctx.args.u64(2);
  const timers = ctx.kernel.signals.timersOf(ctx.proc.process);
  let next: TimerValue = { valueMs: 0, intervalMs: 0 };
  if (nv) {
    const b = Buffer.from(ctx.mem.read(nv, 32));
    next = { intervalMs: readTimeval(b, 0), valueMs: readTimeval(b, 16) };
  }
  if (ov) ctx.mem.write(ov, new Uint8Array(32));
  const old = timers.setItimer(which, next);
  if (ov) writeItimerval(ctx, ov, old);
  return 0;
}

function timerCreate(ctx: KernelContext): number {
  const clock = ctx.args.int(0);
  if (clock !== CLOCK_REALTIME && clock !== CLOCK_MONOTONIC && clock !== CLOCK_BOOTTIME && clock !== 8 /* REALTIME_ALARM */ && clock !== 9 /* BOOTTIME_ALARM */) {
    throw new SyscallError(clock === CLOCK_PROCESS_CPUTIME_ID || clock === CLOCK_THREAD_CPUTIME_ID ? Errno.ENOTSUP : Errno.EINVAL);
  }
  const sevp = ctx.args.u64(1);
  const p = ctx.proc.process;
  let notify = SIGEV_SIGNAL;
  let signal = 14; // SIGALRM
  let value: bigint | null = null;
  let tid: number | null = null;
  if (sevp) {
    // struct sigevent: sigev_value (8), sigev_signo (4), sigev_notify (4), then _tid (4).
    const b = Buffer.from(ctx.mem.read(sevp, 64));
    value = b.readBigUInt64LE(0);
    signal = b.readInt32LE(8);
    notify = b.readInt32LE(12);
    if (notify === SIGEV_THREAD_ID) {
      tid = b.readInt32LE(16);
      const t = ctx.kernel.threads.get(tid);
      if (!t || t.process !== p) throw new SyscallError(Errno.EINVAL);
    } else if (notify !== SIGEV_SIGNAL && notify !== SIGEV_NONE) {
      // SIGEV_THREAD is glibc's, built on SIGEV_THREAD_ID; the kernel never sees it.
      throw new SyscallError(Errno.EINVAL);
    }
    if (notify !== SIGEV_NONE && (signal < 1 || signal > 64)) throw new SyscallError(Errno.EINVAL);
  }
  const timer = ctx.kernel.signals.timersOf(p).create(clock, notify, signal, value, tid);
  if (!timer) throw new SyscallError(Errno.EAGAIN);
  try {
    ctx.mem.writeU32(ctx.args.u64(2), timer.id);
  } catch (e) {
    ctx.kernel.signals.timersOf(p).delete(timer.id);
    throw e;
  }
  return 0;
}

function posixTimer(ctx: KernelContext): PosixTimer {
  const id = ctx.args.int(0);
  const t = ctx.proc.process.timers?.posix.get(id);
  if (!t) throw new SyscallError(Errno.EINVAL);
  return t;
}

function writeItimerspec(ctx: KernelContext, addr: number, v: TimerValue): void {
  const b = Buffer.alloc(32);
  writeTimespecMs(b, 0, v.intervalMs);
  writeTimespecMs(b, 16, v.valueMs);
  ctx.mem.write(addr, b);
}

function timerSettime(ctx: KernelContext): number {
  const timer = posixTimer(ctx);
  const flags = ctx.args.int(1);
  const b = Buffer.from(ctx.mem.read(ctx.args.u64(2), 32));
  const intervalMs = readTimespecMs(b, 0);
  let valueMs = readTimespecMs(b, 16);
  const old = timer.get();
  if (flags & TIMER_ABSTIME && valueMs > 0) {
    const now = Number(clockNs(ctx, timer.clock === 8 ? CLOCK_REALTIME : timer.clock === 9 ? CLOCK_BOOTTIME : timer.clock)) / 1e6;
    valueMs = Math.max(valueMs - now, 0.001);
  }
  const oldAddr = ctx.args.u64(3);
  if (oldAddr) writeItimerspec(ctx, oldAddr, old);
  timer.set(valueMs, intervalMs);
  return 0;
}

function timerGettime(ctx: KernelContext): number {
  writeItimerspec(ctx, ctx.args.u64(1), posixTimer(ctx).get());
  return 0;
}

function timerGetoverrun(ctx: KernelContext): number {
  return Math.min(posixTimer(ctx).lastOverrun, 0x7fffffff);
}

function timerDelete(ctx: KernelContext): number {
  posixTimer(ctx);
  ctx.proc.process.timers!.delete(ctx.args.int(0));
  return 0;
}

const CLK_TCK = 100;

/** times: user and system CPU time of the process and its waited-for children, in clock ticks. */
function times(ctx: KernelContext): bigint {
  const p = ctx.proc.process;
  const addr = ctx.args.u64(0);
  if (addr) {
    const b = Buffer.alloc(32);
    const ticks = (ms: number): bigint => BigInt(Math.max(0, Math.floor((ms * CLK_TCK) / 1000)));
    b.writeBigInt64LE(ticks(p.cpuMs - p.sysMs), 0);
    b.writeBigInt64LE(ticks(p.sysMs), 8);
    b.writeBigInt64LE(ticks(p.childrenCpuMs - p.childrenSysMs), 16);
    b.writeBigInt64LE(ticks(p.childrenSysMs), 24);
    ctx.mem.write(addr, b);
  }
  return BigInt(Math.floor((Number(clockNs(ctx, CLOCK_MONOTONIC)) / 1e9) * CLK_TCK));
}

export const TIME_SYSCALLS: HandlerTable = {
  102: getitimer,
  103: setitimer,
  107: timerCreate,
  108: timerGettime,
  109: timerGetoverrun,
  110: timerSettime,
  111: timerDelete,
  153: times,
  [NR.clock_gettime]: clockGettime,
  [NR.clock_getres]: clockGetres,
  [NR.gettimeofday]: gettimeofday,
  [NR.nanosleep]: nanosleep,
  [NR.clock_nanosleep]: clockNanosleep,
};
