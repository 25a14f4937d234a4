/**
 * Setting and steering the clock: settimeofday, clock_settime, adjtimex and clock_adjtime, with
 * Linux's argument checks before its CAP_SYS_TIME check (an unprivileged caller gets EPERM, a
 * read-only adjtimex is anyone's). For root, CLOCK_REALTIME is this machine's own: setting it (or
 * ADJ_SETOFFSET) moves what clock_gettime, gettimeofday and time() return in every process of
 * the machine (Kernel.realtimeOffsetNs), never the host's clock; MONOTONIC and BOOTTIME do not
 * move, as on Linux. File timestamps keep following the host's clock. The NTP parameters
 * adjtimex sets are kept and read back; the frequency and offset do not slew the clock.
 */

import { Errno, SyscallError } from '../errno.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { CLOCK_REALTIME, clockNs } from './time.js';
import { privileged } from './admin.js';

const NS = 1_000_000_000n;
/** struct timex on arm64. */
const TIMEX_SIZE = 208;

/** The clock ids Linux knows (0..11); CPU-time clocks of other processes are negative (not supported here). */
const MAX_CLOCK = 11;

/** Moves CLOCK_REALTIME so it reads `ns` now. */
function setRealtime(ctx: KernelContext, ns: bigint): void {
  const now = clockNs(ctx, CLOCK_REALTIME);
  ctx.kernel.realtimeOffsetNs += ns - now;
}

/** timespec64_valid_settod: a non-negative time whose nanoseconds are in range, not past 2262. */
function validSettod(sec: bigint, nsec: bigint): boolean {
  return sec >= 0n && nsec >= 0n && nsec < NS && sec < 9223372036n - 30n * 365n * 86400n;
}

function settimeofday(ctx: KernelContext): number {
  const tvAddr = ctx.args.u64(0);
  const tzAddr = ctx.args.u64(1);
  let ns: bigint | null = null;
  if (tvAddr) {
    const b = Buffer.from(ctx.mem.read(tvAddr, 16));
    const sec = b.readBigInt64LE(0);
    const usec = b.readBigInt64LE(8);
    if (usec < 0n || usec >= 1_000_000n) throw new SyscallError(Errno.EINVAL);
    if (!validSettod(sec, usec * 1000n)) throw new SyscallError(Errno.EINVAL);
    ns = sec * NS + usec * 1000n;
  }
  let minuteswest: number | null = null;
  if (tzAddr) minuteswest = Buffer.from(ctx.mem.read(tzAddr, 8)).readInt32LE(0);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  if (minuteswest !== null && (minuteswest > 15 * 60 || minuteswest < -15 * 60)) throw new SyscallError(Errno.EINVAL);
  if (ns !== null) setRealtime(ctx, ns);
  return 0;
}

function clockSettime(ctx: KernelContext): number {
  const clock = ctx.args.int(0);
  if (clock < 0 || clock > MAX_CLOCK) throw new SyscallError(Errno.EINVAL);
  // Only CLOCK_REALTIME can be set; the others (the CPU-time clocks too) have no way to be.
  if (clock !== CLOCK_REALTIME) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.from(ctx.mem.read(ctx.args.u64(1), 16));
  const sec = b.readBigInt64LE(0);
  const nsec = b.readBigInt64LE(8);
  if (!validSettod(sec, nsec)) throw new SyscallError(Errno.EINVAL);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  setRealtime(ctx, sec * NS + nsec);
  return 0;
}

const ADJ_OFFSET = 0x0001;
const ADJ_FREQUENCY = 0x0002;
const ADJ_MAXERROR = 0x0004;
const ADJ_ESTERROR = 0x0008;
const ADJ_STATUS = 0x0010;
const ADJ_TIMECONST = 0x0020;
const ADJ_TAI = 0x0080;
const ADJ_SETOFFSET = 0x0100;
const ADJ_MICRO = 0x1000;
const ADJ_NANO = 0x2000;
const ADJ_TICK = 0x4000;
const ADJ_OFFSET_SINGLESHOT = 0x8001;
const ADJ_OFFSET_READONLY = 0x2000;
const ADJ_ADJTIME = 0x8000;
const STA_NANO = 0x2000;
const STA_UNSYNC = 0x0040;
/** Status bits adjtimex leaves alone (read-only). */
const STA_RONLY = 0x0100 | 0x0200 | 0x0400 | 0x0800 | 0x1000 | 0x2000 | 0x4000 | 0x8000;
const TIME_OK = 0;
const TIME_ERROR = 5;
const USER_HZ = 100;
/** MAXFREQ_SCALED: 500 ppm in 16.16 fixed point. */
const MAXFREQ_SCALED = 500 * 65536;
const NTP_PHASE_LIMIT = 16_000_000;

/** adjtimex on CLOCK_REALTIME: validates, checks privilege for changes, applies, fills the struct back. */
function adjtimeOn(ctx: KernelContext, addr: number): number {
  const b = Buffer.from(ctx.mem.read(addr, TIMEX_SIZE));
  const modes = b.readUInt32LE(0);
  const ntp = ctx.kernel.ntp;
  if (modes & ADJ_ADJTIME) {
    if ((modes & ADJ_OFFSET_SINGLESHOT) !== ADJ_OFFSET_SINGLESHOT) throw new SyscallError(Errno.EINVAL);
    if (!(modes & ADJ_OFFSET_READONLY) && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
  } else {
    if (modes && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
    if (modes & ADJ_TICK) {
      const tick = Number(b.readBigInt64LE(88));
      if (tick < 900000 / USER_HZ || tick > 1100000 / USER_HZ) throw new SyscallError(Errno.EINVAL);
    }
  }
  if (modes & ADJ_SETOFFSET) {
    if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
    const sec = b.readBigInt64LE(72);
    let sub = b.readBigInt64LE(80);
    if (!(modes & ADJ_NANO)) {
      if (sub < 0n || sub >= 1_000_000n) throw new SyscallError(Errno.EINVAL);
      sub *= 1000n;
    } else if (sub < 0n || sub >= NS) throw new SyscallError(Errno.EINVAL);
    ctx.kernel.realtimeOffsetNs += sec * NS + sub;
  }
  if (!(modes & ADJ_ADJTIME)) {
    if (modes & ADJ_NANO) ntp.status |= STA_NANO;
    if (modes & ADJ_MICRO) ntp.status &= ~STA_NANO;
    if (modes & ADJ_STATUS) ntp.status = (ntp.status & STA_RONLY) | (b.readInt32LE(40) & ~STA_RONLY);
    if (modes & ADJ_FREQUENCY) ntp.freq = Math.max(-MAXFREQ_SCALED, Math.min(MAXFREQ_SCALED, Number(b.readBigInt64LE(16))));
    if (modes & ADJ_MAXERROR) ntp.maxerror = Math.min(Number(b.readBigInt64LE(24)), NTP_PHASE_LIMIT);
    if (modes & ADJ_ESTERROR) ntp.esterror = Math.min(Number(b.readBigInt64LE(32)), NTP_PHASE_LIMIT);
    if (modes & ADJ_TIMECONST) ntp.constant = Math.max(0, Math.min(10, Number(b.readBigInt64LE(48))));
    if (modes & ADJ_TAI && Number(b.readBigInt64LE(48)) >= 0) ntp.tai = Number(b.readBigInt64LE(48));
    if (modes & ADJ_OFFSET) ntp.offset = Number(b.readBigInt64LE(8));
    if (modes & ADJ_TICK) ntp.tick = Number(b.readBigInt64LE(88));
  }
  // The state as it now is.
  const out = Buffer.alloc(TIMEX_SIZE);
  out.writeUInt32LE(modes, 0);
  out.writeBigInt64LE(BigInt(ntp.offset), 8);
  out.writeBigInt64LE(BigInt(ntp.freq), 16);
  out.writeBigInt64LE(BigInt(ntp.maxerror), 24);
  out.writeBigInt64LE(BigInt(ntp.esterror), 32);
  out.writeInt32LE(ntp.status, 40);
  out.writeBigInt64LE(BigInt(ntp.constant), 48);
  out.writeBigInt64LE(1n, 56); // precision: 1 us
  out.writeBigInt64LE(BigInt(MAXFREQ_SCALED), 64);
  const now = clockNs(ctx, CLOCK_REALTIME);
  out.writeBigInt64LE(now / NS, 72);
  out.writeBigInt64LE(ntp.status & STA_NANO ? now % NS : (now % NS) / 1000n, 80);
  out.writeBigInt64LE(BigInt(ntp.tick), 88);
  out.writeInt32LE(ntp.tai, 160);
  ctx.mem.write(addr, out);
  return ntp.status & STA_UNSYNC ? TIME_ERROR : TIME_OK;
}

function adjtimex(ctx: KernelContext): number {
  return adjtimeOn(ctx, ctx.args.u64(0));
}

function clockAdjtime(ctx: KernelContext): number {
  const clock = ctx.args.int(0);
  if (clock < 0 || clock > MAX_CLOCK) throw new SyscallError(Errno.EINVAL);
  if (clock !== CLOCK_REALTIME) throw new SyscallError(Errno.ENOTSUP);
  return adjtimeOn(ctx, ctx.args.u64(1));
}

export const CLOCK_ADMIN_SYSCALLS: HandlerTable = {
  170: settimeofday,
  112: clockSettime,
  171: adjtimex,
  266: clockAdjtime,
};
