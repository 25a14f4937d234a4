/** Signal system calls: rt_sigaction, rt_sigprocmask, rt_sigreturn, kill, tgkill, tkill, sigaltstack. */

import { Errno, SyscallError } from '../errno.js';
import { restoreSigFrame, SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK, SIGFRAME_TOTAL, SIGKILL, SIGSEGV, SIGSTOP, NSIG } from '../signals.js';
import type { Process } from '../process.js';
import { NO_RESULT, type HandlerTable, type KernelContext } from './dispatch.js';
import type { SyscallResult } from './context.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

const SIGSET_SIZE = 8;

function rtSigaction(ctx: KernelContext): number {
  const sig = ctx.args.int(0);
  const act = ctx.args.u64(1);
  const oact = ctx.args.u64(2);
  if (ctx.args.u64(3) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
  if (sig < 1 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  if (act && (sig === SIGKILL || sig === SIGSTOP)) throw new SyscallError(Errno.EINVAL);
  const s = ctx.proc.signals;
  // struct sigaction on arm64: sa_handler, sa_flags, sa_restorer, sa_mask (8 bytes each).
  let next: Buffer | undefined;
  if (act) next = Buffer.from(ctx.mem.read(act, 32));
  if (oact) {
    const a = s.actions[sig];
    const b = Buffer.alloc(32);
    b.writeBigUInt64LE(a.handler, 0);
    b.writeBigUInt64LE(BigInt(a.flags >>> 0), 8);
    b.writeBigUInt64LE(a.restorer, 16);
    b.writeBigUInt64LE(a.mask, 24);
    ctx.mem.write(oact, b);
  }
  if (next) {
    s.actions[sig] = {
      handler: next.readBigUInt64LE(0),
      flags: Number(next.readBigUInt64LE(8) & 0xffffffffn),
      restorer: next.readBigUInt64LE(16),
      mask: next.readBigUInt64LE(24) & ~((1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1))),
    };
    // Setting SIG_IGN discards a pending instance.
    if (s.actions[sig].handler === 1n) s.pending &= ~(1n << BigInt(sig - 1));
  }
  return 0;
}

function rtSigprocmask(ctx: KernelContext): number {
  const how = ctx.args.int(0);
  const set = ctx.args.u64(1);
  const oset = ctx.args.u64(2);
  if (ctx.args.u64(3) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
  const s = ctx.proc.signals;
  const old = s.blocked;
  let mask: bigint | undefined;
  if (set) {
    if (how !== SIG_BLOCK && how !== SIG_UNBLOCK && how !== SIG_SETMASK) throw new SyscallError(Errno.EINVAL);
    mask = ctx.mem.readU64(set);
  }
  if (oset) ctx.mem.writeU64(oset, old);
  if (mask !== undefined) {
    if (how === SIG_BLOCK) s.setBlocked(old | mask);
    else if (how === SIG_UNBLOCK) s.setBlocked(old & ~mask);
    else s.setBlocked(mask);
  }
  return 0;
}

function rtSigreturn(ctx: KernelContext): typeof NO_RESULT {
  const p = ctx.proc;
  const sp = (p.ctx.x[63] >>> 0) * 4294967296 + (p.ctx.x[62] >>> 0);
  let frame: Uint8Array;
  try {
    frame = p.mem.read(sp, SIGFRAME_TOTAL);
  } catch {
    ctx.kernel.writeStderr(p, `[Fault] rt_sigreturn with a bad frame at SP=0x${sp.toString(16)}: killed\n`);
    ctx.kernel.exitProcess(p, 0, SIGSEGV);
    return NO_RESULT;
  }
  const mask = restoreSigFrame(p.ctx, frame);
  if (mask !== null) p.signals.setBlocked(mask);
  return NO_RESULT;
}

function target(ctx: KernelContext, pid: number): Process {
  if (pid === 0 || pid === -1) return ctx.proc;
  const p = ctx.kernel.processes.get(Math.abs(pid));
  if (!p) throw new SyscallError(Errno.ESRCH);
  return p;
}

function send(ctx: KernelContext, p: Process, sig: number): number {
  if (sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  ctx.kernel.sendSignal(p, sig, { code: 0 /* SI_USER */, addr: 0n, pid: ctx.proc.pid });
  return 0;
}

function kill(ctx: KernelContext): number {
  const sig = ctx.args.int(1);
  if (sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  return send(ctx, target(ctx, ctx.args.int(0)), sig);
}

function tgkill(ctx: KernelContext): number {
  const tgid = ctx.args.int(0);
  const tid = ctx.args.int(1);
  const sig = ctx.args.int(2);
  if (tgid <= 0 || tid <= 0 || sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  const p = ctx.kernel.processes.get(tid);
  if (!p || p.pid !== tgid) throw new SyscallError(Errno.ESRCH);
  return send(ctx, p, sig);
}

function tkill(ctx: KernelContext): number {
  const tid = ctx.args.int(0);
  const sig = ctx.args.int(1);
  if (tid <= 0 || sig < 0 || sig > NSIG) throw new SyscallError(Errno.EINVAL);
  const p = ctx.kernel.processes.get(tid);
  if (!p) throw new SyscallError(Errno.ESRCH);
  return send(ctx, p, sig);
}

/** Waits for a signal with a temporary mask; always ends with EINTR (after the handler). */
function rtSigsuspend(ctx: KernelContext): SyscallResult {
  const p = ctx.proc;
  if (p.syscallState === undefined) {
    if (ctx.args.u64(1) !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
    const mask = ctx.mem.readU64(ctx.args.u64(0));
    p.syscallState = true;
    p.savedMask = p.signals.blocked;
    p.signals.setBlocked(mask);
    // A signal already pending under the new mask ends the wait at once.
    if (p.signals.next()) throw new SyscallError(Errno.EINTR);
  }
  return ctx.block(null);
}

function sigaltstack(ctx: KernelContext): number {
  const old = ctx.args.u64(1);
  if (old) {
    const b = Buffer.alloc(24);
    b.writeInt32LE(2 /* SS_DISABLE */, 8);
    ctx.mem.write(old, b);
  }
  const ss = ctx.args.u64(0);
  if (ss) ctx.mem.read(ss, 24);
  return 0;
}

export const SIGNAL_SYSCALLS: HandlerTable = {
  [NR.rt_sigaction]: rtSigaction,
  [NR.rt_sigprocmask]: rtSigprocmask,
  [NR.rt_sigreturn]: rtSigreturn,
  [NR.kill]: kill,
  [NR.tgkill]: tgkill,
  [NR.tkill]: tkill,
  [NR.sigaltstack]: sigaltstack,
  [NR.rt_sigsuspend]: rtSigsuspend,
};
