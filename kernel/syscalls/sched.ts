/**
 * Scheduling attributes: getpriority/setpriority (nice, per thread, by thread, process
 * group or user), sched_setscheduler/sched_getscheduler, sched_setparam/sched_getparam,
 * sched_get_priority_min/max and sched_rr_get_interval, with Linux's answers and its rules
 * for users without CAP_SYS_NICE: another user's threads are EPERM, a lower nice is EACCES
 * (RLIMIT_NICE is 0), a real-time policy is EPERM (RLIMIT_RTPRIO is 0), leaving SCHED_IDLE
 * and clearing SCHED_RESET_ON_FORK are EPERM. Root may do all of it.
 *
 * The values are kept and reported (and inherited by threads and fork children, with
 * SCHED_RESET_ON_FORK's reset); the run queue itself treats every thread alike.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Thread } from '../process.js';
import type { HandlerTable, KernelContext } from './dispatch.js';

const PRIO_PROCESS = 0;
const PRIO_PGRP = 1;
const PRIO_USER = 2;
const SCHED_OTHER = 0;
const SCHED_FIFO = 1;
const SCHED_RR = 2;
const SCHED_BATCH = 3;
const SCHED_IDLE = 5;
const SCHED_DEADLINE = 6;
/** sched_ext's policy (Linux 6.12+): a fair policy while no BPF scheduler is loaded. */
const SCHED_EXT = 7;
const SCHED_RESET_ON_FORK = 0x40000000;
const VALID_POLICIES = new Set([SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_EXT]);
/** SCHED_RR's time slice (Linux's RR_TIMESLICE, 100 ms). */
const RR_INTERVAL_NS = 100_000_000n;
/** A fair-policy thread's slice as this kernel's scheduler gives it (its default slice). */
const FAIR_INTERVAL_NS = 5_000_000n;

const isRealtime = (policy: number): boolean => policy === SCHED_FIFO || policy === SCHED_RR;

/** The thread a sched_* call names (0: the caller); EINVAL for a negative id, ESRCH for none. */
function target(ctx: KernelContext, tid: number): Thread {
  if (tid < 0) throw new SyscallError(Errno.EINVAL);
  const t = tid === 0 ? ctx.proc : ctx.kernel.threads.get(tid);
  if (!t || t.dead) throw new SyscallError(Errno.ESRCH);
  return t;
}

/** The threads getpriority/setpriority's (which, who) name. */
function prioTargets(ctx: KernelContext, which: number, who: number): Thread[] {
  const me = ctx.proc.process;
  const live = (): Thread[] => [...ctx.kernel.threads.values()].filter((t) => !t.dead);
  switch (which) {
    case PRIO_PROCESS: {
      const t = who === 0 ? ctx.proc : ctx.kernel.threads.get(who);
      return t && !t.dead ? [t] : [];
    }
    case PRIO_PGRP: {
      const pgid = who === 0 ? me.pgid : who;
      return live().filter((t) => t.process.pgid === pgid);
    }
    case PRIO_USER: {
      const uid = who === 0 ? me.ruid : who >>> 0;
      return live().filter((t) => t.process.ruid === uid);
    }
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

function privileged(ctx: KernelContext): boolean {
  return ctx.proc.process.uid === 0;
}

/** set_one_prio's owner rule: the target's real or effective uid is the caller's effective uid. */
function sameOwner(ctx: KernelContext, t: Thread): boolean {
  const euid = ctx.proc.process.uid;
  return t.process.ruid === euid || t.process.uid === euid;
}

/** The raw syscall answers 20 - nice (1..40), the highest of the threads named; glibc turns it back. */
function getpriority(ctx: KernelContext): number {
  const targets = prioTargets(ctx, ctx.args.int(0), ctx.args.int(1));
  if (!targets.length) throw new SyscallError(Errno.ESRCH);
  return Math.max(...targets.map((t) => 20 - t.sched.nice));
}

function setpriority(ctx: KernelContext): number {
  const which = ctx.args.int(0);
  const nice = Math.min(19, Math.max(-20, ctx.args.int(2)));
  const targets = prioTargets(ctx, which, ctx.args.int(1));
  let error: Errno | 0 = Errno.ESRCH;
  for (const t of targets) {
    if (!privileged(ctx) && !sameOwner(ctx, t)) error = Errno.EPERM;
    else if (nice < t.sched.nice && !privileged(ctx)) error = Errno.EACCES;
    else {
      if (error === Errno.ESRCH) error = 0;
      t.sched.nice = nice;
    }
  }
  if (error) throw new SyscallError(error);
  return 0;
}

/** __sched_setscheduler's checks and change; policy -1 keeps the thread's (sched_setparam). */
function setScheduler(ctx: KernelContext, t: Thread, requested: number, priority: number): number {
  let policy = requested;
  let reset = t.sched.resetOnFork;
  if (policy !== -1) {
    reset = (policy & SCHED_RESET_ON_FORK) !== 0;
    policy &= ~SCHED_RESET_ON_FORK;
    if (!VALID_POLICIES.has(policy) && policy !== SCHED_DEADLINE) throw new SyscallError(Errno.EINVAL);
    if (policy === SCHED_DEADLINE) throw new SyscallError(Errno.EINVAL); // needs sched_setattr's runtime and period
  } else policy = t.sched.policy;
  if (priority < 0 || priority > 99 || isRealtime(policy) !== (priority !== 0)) throw new SyscallError(Errno.EINVAL);
  if (!privileged(ctx)) {
    if (isRealtime(policy)) {
      // RLIMIT_RTPRIO is 0: no change of policy to a real-time one, no higher priority.
      if (policy !== t.sched.policy) throw new SyscallError(Errno.EPERM);
      if (priority > t.sched.rtPriority) throw new SyscallError(Errno.EPERM);
    }
    if (t.sched.policy === SCHED_IDLE && policy !== SCHED_IDLE) throw new SyscallError(Errno.EPERM);
    if (!sameOwner(ctx, t)) throw new SyscallError(Errno.EPERM);
    if (t.sched.resetOnFork && !reset) throw new SyscallError(Errno.EPERM);
  }
  t.sched.policy = policy;
  t.sched.rtPriority = priority;
  t.sched.resetOnFork = reset;
  return 0;
}

function readParam(ctx: KernelContext, addr: number): number {
  return ctx.mem.readU32(addr) | 0;
}

function schedSetscheduler(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  const policy = ctx.args.int(1);
  const param = ctx.args.u64(2);
  if (policy < 0 || !param || pid < 0) throw new SyscallError(Errno.EINVAL);
  const priority = readParam(ctx, param);
  return setScheduler(ctx, target(ctx, pid), policy, priority);
}

function schedSetparam(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  const param = ctx.args.u64(1);
  if (!param || pid < 0) throw new SyscallError(Errno.EINVAL);
  const priority = readParam(ctx, param);
  return setScheduler(ctx, target(ctx, pid), -1, priority);
}

function schedGetscheduler(ctx: KernelContext): number {
  const t = target(ctx, ctx.args.int(0));
  return t.sched.policy | (t.sched.resetOnFork ? SCHED_RESET_ON_FORK : 0);
}

function schedGetparam(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  const param = ctx.args.u64(1);
  if (!param || pid < 0) throw new SyscallError(Errno.EINVAL);
  const t = target(ctx, pid);
  ctx.mem.writeU32(param, t.sched.rtPriority);
  return 0;
}

function priorityLimit(ctx: KernelContext, max: boolean): number {
  const policy = ctx.args.int(0);
  if (isRealtime(policy)) return max ? 99 : 1;
  if (policy === SCHED_OTHER || policy === SCHED_BATCH || policy === SCHED_IDLE || policy === SCHED_DEADLINE || policy === SCHED_EXT) return 0;
  throw new SyscallError(Errno.EINVAL);
}

function schedRrGetInterval(ctx: KernelContext): number {
  const t = target(ctx, ctx.args.int(0));
  const ns = t.sched.policy === SCHED_RR ? RR_INTERVAL_NS : t.sched.policy === SCHED_FIFO ? 0n : FAIR_INTERVAL_NS;
  const b = Buffer.alloc(16);
  b.writeBigInt64LE(ns / 1_000_000_000n, 0);
  b.writeBigInt64LE(ns % 1_000_000_000n, 8);
  ctx.mem.write(ctx.args.u64(1), b);
  return 0;
}

// ---------------------------------------------------------------- sched_setattr / sched_getattr

const SCHED_ATTR_SIZE_VER0 = 48;
/** This kernel's struct sched_attr (with the utilization clamps). */
const SCHED_ATTR_SIZE = 56;
const PAGE_SIZE = 4096;
const SCHED_FLAG_RESET_ON_FORK = 0x01;
const SCHED_FLAG_KEEP_POLICY = 0x08;
const SCHED_FLAG_KEEP_PARAMS = 0x10;
const SCHED_FLAG_UTIL_CLAMP = 0x20 | 0x40;
const SCHED_FLAG_ALL = 0x7f;

/** The fair policies' nice rule for an unprivileged caller: RLIMIT_NICE is 0, so no lower nice. */
function schedSetattr(ctx: KernelContext): number {
  const addr = ctx.args.u64(1);
  const pid = ctx.args.int(0);
  if (!addr || pid < 0 || ctx.args.u32(2) !== 0) throw new SyscallError(Errno.EINVAL);
  let size = ctx.mem.readU32(addr);
  if (size === 0) size = SCHED_ATTR_SIZE_VER0;
  const tooBig = (): never => {
    ctx.mem.writeU32(addr, SCHED_ATTR_SIZE);
    throw new SyscallError(Errno.E2BIG);
  };
  if (size < SCHED_ATTR_SIZE_VER0 || size > PAGE_SIZE) tooBig();
  const raw = Buffer.from(ctx.mem.read(addr, size));
  // A newer program's larger struct is fine while the fields this kernel does not know are zero.
  if (raw.subarray(SCHED_ATTR_SIZE).some((b) => b !== 0)) tooBig();
  const b = Buffer.alloc(SCHED_ATTR_SIZE);
  raw.copy(b, 0, 0, Math.min(size, SCHED_ATTR_SIZE));
  let policy = b.readInt32LE(4);
  const flags = Number(b.readBigUInt64LE(8));
  const nice = Math.min(19, Math.max(-20, b.readInt32LE(16)));
  const priority = b.readUInt32LE(20);
  if (flags & SCHED_FLAG_UTIL_CLAMP && size < SCHED_ATTR_SIZE) throw new SyscallError(Errno.EINVAL);
  if (policy < 0) throw new SyscallError(Errno.EINVAL);
  if (flags & SCHED_FLAG_KEEP_POLICY) policy = -1;
  const t = target(ctx, pid);
  if (flags & ~SCHED_FLAG_ALL) throw new SyscallError(Errno.EINVAL);
  const effective = policy === -1 ? t.sched.policy : policy;
  if (effective === SCHED_DEADLINE) {
    // The parameters are checked before the privilege (__checkparam_dl; periods of 100 us to 2^22 us).
    const runtime = b.readBigUInt64LE(24);
    const deadline = b.readBigUInt64LE(32);
    const period = b.readBigUInt64LE(40) || deadline;
    if (runtime < 1024n || deadline === 0n || runtime > deadline || deadline > period) throw new SyscallError(Errno.EINVAL);
    if (deadline >= 1n << 63n || period < 100_000n || period > (1n << 22n) * 1000n) throw new SyscallError(Errno.EINVAL);
    if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
    // Admission control: this kernel runs no deadline tasks, so it admits none.
    throw new SyscallError(Errno.EBUSY);
  }
  const fair = !isRealtime(effective);
  const keepParams = (flags & SCHED_FLAG_KEEP_PARAMS) !== 0;
  if (fair && !keepParams && nice < t.sched.nice && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
  // No utilization clamping in this kernel (CONFIG_UCLAMP_TASK off).
  if (flags & SCHED_FLAG_UTIL_CLAMP) throw new SyscallError(Errno.ENOTSUP);
  const reset = (flags & SCHED_FLAG_RESET_ON_FORK) !== 0;
  const requested = policy === -1 ? -1 : policy | (reset ? SCHED_RESET_ON_FORK : 0);
  setScheduler(ctx, t, requested, keepParams ? t.sched.rtPriority : priority);
  if (policy === -1) t.sched.resetOnFork = reset || (!privileged(ctx) && t.sched.resetOnFork);
  if (fair && !keepParams) t.sched.nice = nice;
  return 0;
}

function schedGetattr(ctx: KernelContext): number {
  const addr = ctx.args.u64(1);
  const pid = ctx.args.int(0);
  const usize = ctx.args.u32(2);
  if (!addr || pid < 0 || usize > PAGE_SIZE || usize < SCHED_ATTR_SIZE_VER0 || ctx.args.u32(3) !== 0) throw new SyscallError(Errno.EINVAL);
  const t = target(ctx, pid);
  const size = Math.min(usize, SCHED_ATTR_SIZE);
  const b = Buffer.alloc(SCHED_ATTR_SIZE);
  b.writeUInt32LE(size, 0);
  b.writeUInt32LE(t.sched.policy, 4);
  b.writeBigUInt64LE(t.sched.resetOnFork ? BigInt(SCHED_FLAG_RESET_ON_FORK) : 0n, 8);
  if (isRealtime(t.sched.policy)) b.writeUInt32LE(t.sched.rtPriority, 20);
  else b.writeInt32LE(t.sched.nice, 16);
  ctx.mem.write(addr, b.subarray(0, size));
  return 0;
}

// ---------------------------------------------------------------- ioprio_get / ioprio_set

const IOPRIO_WHO_PROCESS = 1;
const IOPRIO_WHO_PGRP = 2;
const IOPRIO_WHO_USER = 3;
const IOPRIO_CLASS_NONE = 0;
const IOPRIO_CLASS_RT = 1;
const IOPRIO_CLASS_BE = 2;
const IOPRIO_CLASS_IDLE = 3;
const IOPRIO_CLASS_SHIFT = 13;

/** The threads (which, who) names for ioprio_*; EINVAL for an unknown `which`. */
function ioprioTargets(ctx: KernelContext, which: number, who: number): Thread[] {
  const map = { [IOPRIO_WHO_PROCESS]: PRIO_PROCESS, [IOPRIO_WHO_PGRP]: PRIO_PGRP, [IOPRIO_WHO_USER]: PRIO_USER } as Record<number, number>;
  if (map[which] === undefined) throw new SyscallError(Errno.EINVAL);
  return prioTargets(ctx, map[which]!, who);
}

/** A thread's I/O priority as set; never set it is IOPRIO_CLASS_NONE (0), which the I/O scheduler maps from the nice value. */
function ioprioOf(t: Thread): number {
  return t.sched.ioprio ?? 0;
}

function ioprioSet(ctx: KernelContext): number {
  const ioprio = ctx.args.u32(2);
  const cls = (ioprio >>> IOPRIO_CLASS_SHIFT) & 7;
  const level = ioprio & 7;
  if (ioprio > 0xffff) throw new SyscallError(Errno.EINVAL);
  switch (cls) {
    case IOPRIO_CLASS_RT:
      if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
      break;
    case IOPRIO_CLASS_BE:
    case IOPRIO_CLASS_IDLE:
      break;
    case IOPRIO_CLASS_NONE:
      if (level) throw new SyscallError(Errno.EINVAL);
      break;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
  const targets = ioprioTargets(ctx, ctx.args.int(0), ctx.args.int(1));
  if (!targets.length) throw new SyscallError(Errno.ESRCH);
  for (const t of targets) {
    const euid = ctx.proc.process.uid;
    const ruid = ctx.proc.process.ruid;
    if (t.process.ruid !== euid && t.process.ruid !== ruid && !privileged(ctx)) throw new SyscallError(Errno.EPERM);
    t.sched.ioprio = ioprio;
  }
  return 0;
}

function ioprioGet(ctx: KernelContext): number {
  const targets = ioprioTargets(ctx, ctx.args.int(0), ctx.args.int(1));
  if (!targets.length) throw new SyscallError(Errno.ESRCH);
  return Math.min(...targets.map(ioprioOf));
}

export const SCHED_SYSCALLS: HandlerTable = {
  274: schedSetattr,
  275: schedGetattr,
  30: ioprioSet,
  31: ioprioGet,
  118: schedSetparam,
  119: schedSetscheduler,
  120: schedGetscheduler,
  121: schedGetparam,
  125: (ctx) => priorityLimit(ctx, true),
  126: (ctx) => priorityLimit(ctx, false),
  127: schedRrGetInterval,
  140: setpriority,
  141: getpriority,
};
