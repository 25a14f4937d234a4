/**
 * Signal system calls: rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tgkill, tkill,
 * rt_sigqueueinfo, rt_tgsigqueueinfo, rt_sigpending, rt_sigtimedwait, rt_sigsuspend,
 * sigaltstack.
 *
 * Handlers belong to the process, masks and the alternate stack to the calling thread.
 * kill() follows Linux's permission rule: root may signal anyone, others only processes
 * whose real or saved uid is their real or effective uid.
 */

import { Errno, SyscallError } from '../errno.js';
import {
  maskOf, restoreSigFrame, SI_QUEUE, SI_TKILL, SI_USER, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SIGFRAME_TOTAL, SIGKILL, SIGSEGV,
  SIGSTOP, NSIG, lowestSignal, writeSiginfo, type SigInfo,
} from '../signals.js';
import type { Process, Thread } from '../process.js';
import { NO_RESULT, type HandlerTable, type KernelContext } from './dispatch.js';
import type { SyscallResult } from './context.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

const SIGSET_SIZE = 8;
const SS_ONSTACK = 1;
const SS_DISABLE = 2;
const SS_AUTODISARM = 1 << 31;
/** arm64's MINSIGSTKSZ (the frame with its fpsimd record must fit). */
const MINSIGSTKSZ = 5120;

function rtSigaction(ctx: KernelContext): number {
  const sig = ctx.args.int(0);
  const act = ctx.args.u64(1);
  const oact = ctx.args.u64(2);
  if (ctx.args.u64(3) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
  if (sig < 1 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  if (act && (sig === SIGKILL || sig === SIGSTOP)) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc.process;
  const actions = p.handlers.actions;
  // struct sigaction on arm64: sa_handler, sa_flags, sa_restorer, sa_mask (8 bytes each).
  let next: Buffer | undefined;
  if (act) next = Buffer.from(ctx.mem.read(act, 32));
  if (oact) {
    const a = actions[sig];
    const b = Buffer.alloc(32);
    b.writeBigUInt64LE(a.handler, 0);
    b.writeBigUInt64LE(BigInt(a.flags >>> 0), 8);
    b.writeBigUInt64LE(a.restorer, 16);
    b.writeBigUInt64LE(a.mask, 24);
    ctx.mem.write(oact, b);
  }
  if (next) {
    actions[sig] = {
      handler: next.readBigUInt64LE(0),
      flags: Number(next.readBigUInt64LE(8) & 0xffffffffn),
      restorer: next.readBigUInt64LE(16),
      mask: maskOf(next.readBigUInt64LE(24)),
    };
    // Ignoring a signal discards its pending instances, in every thread.
    if (p.handlers.ignored(sig)) {
      p.pending.take(sig);
      for (const t of p.threads) t.pending.take(sig);
    }
  }
  return 0;
}

function rtSigprocmask(ctx: KernelContext): number {
  const how = ctx.args.int(0);
  const set = ctx.args.u64(1);
  const oset = ctx.args.u64(2);
  if (ctx.args.u64(3) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
  const t = ctx.proc;
  const old = t.sigmask;
  let mask: bigint | undefined;
  if (set) {
    if (how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) throw new SyscallError(Errno.EINVAL);
    mask = ctx.mem.readU64(set);
  }
  if (oset) ctx.mem.writeU64(oset, old);
  if (mask !== undefined) {
    if (how === SIG_BLOCK) t.sigmask = maskOf(old | mask);
    else if (how === SIG_UNBLOCK) t.sigmask = maskOf(old & ~mask);
    else t.sigmask = maskOf(mask);
  }
  return 0;
}

function rtSigreturn(ctx: KernelContext): typeof NO_RESULT {
  const t = ctx.proc;
  const sp = (t.ctx.x[63] >>> 0) * 4294967296 + (t.ctx.x[62] >>> 0);
  let frame: Uint8Array;
  try {
    frame = t.mem.read(sp, SIGFRAME_TOTAL);
  } catch {
    ctx.kernel.writeStderr(t, `[Fault] rt_sigreturn with a bad frame at SP=0x${sp.toString(16)}: killed\n`);
    ctx.kernel.procs.exitProcess(t.process, 0, SIGSEGV);
    return NO_RESULT;
  }
  const mask = restoreSigFrame(t.ctx, frame);
  if (mask !== null) t.sigmask = maskOf(mask);
  return NO_RESULT;
}

/** Linux's kill_ok_by_cred: root, or the sender's real/effective uid is the target's real/saved uid. */
function maySignal(sender: Process, target: Process): boolean {
  if (sender.uid === 0 || sender === target) return true;
  const s = [sender.ruid, sender.uid];
  return s.includes(target.ruid) || s.includes(target.suid);
}

function checkSignal(sig: number): void {
  if (sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
}

/** The process a pid names: a process, or the process of a thread named by its tid. */
function processOf(ctx: KernelContext, pid: number): Process | undefined {
  return ctx.kernel.processes.get(pid) ?? ctx.kernel.threads.get(pid)?.process;
}

function userInfo(ctx: KernelContext, code: number): SigInfo {
  return { code, pid: ctx.proc.pid, uid: ctx.proc.process.ruid };
}

/** Sends to each target the caller may signal; EPERM if it may signal none, ESRCH if there are none. */
function sendToProcesses(ctx: KernelContext, targets: Process[], sig: number, info: SigInfo): number {
  if (targets.length === 0) throw new SyscallError(Errno.ESRCH);
  const allowed = targets.filter((p) => maySignal(ctx.proc.process, p));
  if (allowed.length === 0) throw new SyscallError(Errno.EPERM);
  for (const p of allowed) ctx.kernel.signals.signalProcess(p, sig, info);
  return 0;
}

function kill(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  const sig = ctx.args.int(1);
  checkSignal(sig);
  const self = ctx.proc.process;
  const all = [...ctx.kernel.processes.values()].filter((p) => !p.exit);
  let targets: Process[];
  if (pid > 0) {
    const p = processOf(ctx, pid);
    targets = p && !p.exit ? [p] : [];
  } else if (pid === 0) targets = all.filter((p) => p.pgid === self.pgid);
  else if (pid === -1) targets = all.filter((p) => p.pid !== 1 && p !== self);
  else targets = all.filter((p) => p.pgid === -pid);
  if (pid === -1 && targets.length === 0) return 0;
  return sendToProcesses(ctx, targets, sig, userInfo(ctx, SI_USER));
}

function sendToThread(ctx: KernelContext, t: Thread | undefined, tgid: number, sig: number, info: SigInfo): number {
  if (!t || t.dead || (tgid > 0 && t.pid !== tgid)) throw new SyscallError(Errno.ESRCH);
  if (!maySignal(ctx.proc.process, t.process)) throw new SyscallError(Errno.EPERM);
  ctx.kernel.signals.sendSignal(t, sig, info);
  return 0;
}

function tgkill(ctx: KernelContext): number {
  const tgid = ctx.args.int(0);
  const tid = ctx.args.int(1);
  const sig = ctx.args.int(2);
  if (tgid <= 0 || tid <= 0) throw new SyscallError(Errno.EINVAL);
  checkSignal(sig);
  return sendToThread(ctx, ctx.kernel.threads.get(tid), tgid, sig, userInfo(ctx, SI_TKILL));
}

function tkill(ctx: KernelContext): number {
  const tid = ctx.args.int(0);
  const sig = ctx.args.int(1);
  if (tid <= 0) throw new SyscallError(Errno.EINVAL);
  checkSignal(sig);
  return sendToThread(ctx, ctx.kernel.threads.get(tid), 0, sig, userInfo(ctx, SI_TKILL));
}

/**
 * The siginfo a sigqueue caller passes: it may not claim to be the kernel or kill() (si_code
 * >= 0) nor tkill() when signalling another process, as Linux checks.
 */
function queuedInfo(ctx: KernelContext, addr: number, target: Process): SigInfo {
  const b = Buffer.from(ctx.mem.read(addr, 128));
  const code = b.readInt32LE(8);
  if ((code >= 0 || code === SI_TKILL) && target !== ctx.proc.process) throw new SyscallError(Errno.EPERM);
  return { code, pid: b.readInt32LE(16), uid: b.readUInt32LE(20), value: b.readBigUInt64LE(24) };
}

function rtSigqueueinfo(ctx: KernelContext): number {
  const sig = ctx.args.int(1);
  checkSignal(sig);
  const p = processOf(ctx, ctx.args.int(0));
  if (!p || p.exit) throw new SyscallError(Errno.ESRCH);
  const info = queuedInfo(ctx, ctx.args.u64(2), p);
  return sendToProcesses(ctx, [p], sig, info);
}

function rtTgsigqueueinfo(ctx: KernelContext): number {
  const tgid = ctx.args.int(0);
  const tid = ctx.args.int(1);
  const sig = ctx.args.int(2);
  if (tgid <= 0 || tid <= 0) throw new SyscallError(Errno.EINVAL);
  checkSignal(sig);
  const t = ctx.kernel.threads.get(tid);
  if (!t || t.pid !== tgid) throw new SyscallError(Errno.ESRCH);
  return sendToThread(ctx, t, tgid, sig, queuedInfo(ctx, ctx.args.u64(3), t.process));
}

/** rt_sigpending: the signals pending for the thread or its process that it blocks. */
function rtSigpending(ctx: KernelContext): number {
  const size = ctx.args.u64(1);
  if (size > SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
  const t = ctx.proc;
  const set = (t.pending.set | t.process.pending.set) & t.sigmask;
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(set);
  ctx.mem.write(ctx.args.u64(0), b.subarray(0, size));
  return 0;
}

function readTimeoutNs(ctx: KernelContext, addr: number): bigint {
  const b = Buffer.from(ctx.mem.read(addr, 16));
  const sec = b.readBigInt64LE(0);
  const nsec = b.readBigInt64LE(8);
  if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) throw new SyscallError(Errno.EINVAL);
  return sec * 1_000_000_000n + nsec;
}

/**
 * rt_sigtimedwait(set, info, timeout, size): takes a pending signal of `set` (blocked or
 * not) without running its handler; waits for one until the timeout (EAGAIN); another,
 * handled signal interrupts it (EINTR).
 */
function rtSigtimedwait(ctx: KernelContext): SyscallResult {
  const t = ctx.proc;
  let state = t.syscallState as { set: bigint; deadline: number | null } | undefined;
  if (!state) {
    if (ctx.args.u64(3) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
    const set = maskOf(ctx.mem.readU64(ctx.args.u64(0)));
    const timeout = ctx.args.u64(2);
    const ns = timeout ? readTimeoutNs(ctx, timeout) : null;
    state = { set, deadline: ns === null ? null : performance.now() + Number(ns) / 1e6 };
    t.syscallState = state;
  }
  const ready = (t.pending.set | t.process.pending.set) & state.set;
  const sig = lowestSignal(ready);
  if (sig) {
    t.waitingFor = 0n;
    const info = t.pending.has(sig) ? t.pending.take(sig) : t.process.pending.take(sig);
    const infoAddr = ctx.args.u64(1);
    if (infoAddr) {
      const b = Buffer.alloc(128);
      writeSiginfo(b, 0, sig, info);
      ctx.mem.write(infoAddr, b);
    }
    return sig;
  }
  const left = state.deadline === null ? undefined : state.deadline - performance.now();
  if (left !== undefined && left <= 0) {
    t.waitingFor = 0n;
    throw new SyscallError(Errno.EAGAIN);
  }
  t.waitingFor = state.set;
  return ctx.block(null, left);
}

/** Waits for a signal with a temporary mask; always ends with EINTR (after the handler). */
function rtSigsuspend(ctx: KernelContext): SyscallResult {
  const t = ctx.proc;
  if (t.syscallState === undefined) {
    if (ctx.args.u64(1) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
    const mask = ctx.mem.readU64(ctx.args.u64(0));
    t.syscallState = true;
    t.savedMask = t.sigmask;
    t.sigmask = maskOf(mask);
    // A signal already pending under the new mask ends the wait at once.
    if (t.nextSignal()) throw new SyscallError(Errno.EINTR);
  }
  return ctx.block(null);
}

function onAltStack(t: Thread): boolean {
  const sp = (BigInt(t.ctx.x[63] >>> 0) << 32n) | BigInt(t.ctx.x[62] >>> 0);
  const a = t.altStack;
  return a.flags !== SS_DISABLE && a.size > 0n && sp > a.sp && sp <= a.sp + a.size;
}

/** sigaltstack(ss, old_ss) with stack_t { ss_sp; int ss_flags; size_t ss_size }. */
function sigaltstack(ctx: KernelContext): number {
  const t = ctx.proc;
  const ssAddr = ctx.args.u64(0);
  const oldAddr = ctx.args.u64(1);
  let next: { sp: bigint; size: bigint; flags: number } | undefined;
  if (ssAddr) {
    const b = Buffer.from(ctx.mem.read(ssAddr, 24));
    const flags = b.readInt32LE(8);
    const mode = flags & ~SS_AUTODISARM;
    if (mode !== 0 && mode !== SS_DISABLE && mode !== SS_ONSTACK) throw new SyscallError(Errno.EINVAL);
    if (onAltStack(t)) throw new SyscallError(Errno.EPERM);
    if (mode === SS_DISABLE) next = { sp: 0n, size: 0n, flags: SS_DISABLE };
    else {
      const size = b.readBigUInt64LE(16);
      if (size < BigInt(MINSIGSTKSZ)) throw new SyscallError(Errno.ENOMEM);
      next = { sp: b.readBigUInt64LE(0), size, flags: flags & SS_AUTODISARM };
    }
  }
  if (oldAddr) {
    const a = t.altStack;
    const b = Buffer.alloc(24);
    b.writeBigUInt64LE(a.sp, 0);
    b.writeInt32LE(a.flags === SS_DISABLE || a.size === 0n ? SS_DISABLE : (onAltStack(t) ? SS_ONSTACK : 0) | (a.flags & SS_AUTODISARM), 8);
    b.writeBigUInt64LE(a.size, 16);
    ctx.mem.write(oldAddr, b);
  }
  if (next) t.altStack = next;
  return 0;
}

/**
 * restart_syscall: the kernel restarts interrupted sleeps itself (a blocked call runs again), so a
 * thread never has a restart block pending; Linux's answer with none is EINTR.
 */
function restartSyscall(): number {
  throw new SyscallError(Errno.EINTR);
}

export const SIGNAL_SYSCALLS: HandlerTable = {
  128: restartSyscall,
  [NR.rt_sigaction]: rtSigaction,
  [NR.rt_sigprocmask]: rtSigprocmask,
  [NR.rt_sigreturn]: rtSigreturn,
  [NR.kill]: kill,
  [NR.tgkill]: tgkill,
  [NR.tkill]: tkill,
  [NR.sigaltstack]: sigaltstack,
  [NR.rt_sigsuspend]: rtSigsuspend,
  136: rtSigpending,
  137: rtSigtimedwait,
  138: rtSigqueueinfo,
  240: rtTgsigqueueinfo,
};
