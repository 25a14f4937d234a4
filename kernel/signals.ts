/**
 * Signals: numbers, default actions, handler tables, pending sets, siginfo, and delivery to
 * user handlers through a Linux-compatible rt_sigframe (siginfo + ucontext with the
 * registers and an fpsimd_context record), undone by rt_sigreturn.
 */

import type { CpuContext } from '../machine/machine.js';

export const SIGHUP = 1;
export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGILL = 4;
export const SIGTRAP = 5;
export const SIGABRT = 6;
export const SIGBUS = 7;
export const SIGFPE = 8;
export const SIGKILL = 9;
export const SIGUSR1 = 10;
export const SIGSEGV = 11;
export const SIGUSR2 = 12;
export const SIGPIPE = 13;
export const SIGALRM = 14;
export const SIGTERM = 15;
export const SIGCHLD = 17;
export const SIGCONT = 18;
export const SIGSTOP = 19;
export const SIGTSTP = 20;
export const SIGTTIN = 21;
export const SIGTTOU = 22;
export const SIGURG = 23;
export const SIGWINCH = 28;
export const SIGSYS = 31;
export const NSIG = 64;

export const SIG_DFL = 0n;
export const SIG_IGN = 1n;

export const SA_NOCLDSTOP = 0x1;
export const SA_SIGINFO = 0x4;
export const SA_ONSTACK = 0x08000000;
export const SA_RESTORER = 0x04000000;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;

export const SIG_BLOCK = 0;
export const SIG_UNBLOCK = 1;
export const SIG_SETMASK = 2;

export const SIGNAL_NAMES: Readonly<Record<number, string>> = {
  1: 'SIGHUP', 2: 'SIGINT', 3: 'SIGQUIT', 4: 'SIGILL', 5: 'SIGTRAP', 6: 'SIGABRT', 7: 'SIGBUS', 8: 'SIGFPE',
  9: 'SIGKILL', 10: 'SIGUSR1', 11: 'SIGSEGV', 12: 'SIGUSR2', 13: 'SIGPIPE', 14: 'SIGALRM', 15: 'SIGTERM',
  16: 'SIGSTKFLT', 17: 'SIGCHLD', 18: 'SIGCONT', 19: 'SIGSTOP', 20: 'SIGTSTP', 21: 'SIGTTIN', 22: 'SIGTTOU',
  23: 'SIGURG', 24: 'SIGXCPU', 25: 'SIGXFSZ', 26: 'SIGVTALRM', 27: 'SIGPROF', 28: 'SIGWINCH', 29: 'SIGIO',
  30: 'SIGPWR', 31: 'SIGSYS',
};

export const enum DefaultAction {
  TERMINATE,
  CORE,
  IGNORE,
  STOP,
  CONTINUE,
}

export function defaultAction(sig: number): DefaultAction {
  switch (sig) {
    case SIGCHLD:
    case SIGURG:
    case SIGWINCH:
      return DefaultAction.IGNORE;
    case SIGCONT:
      return DefaultAction.CONTINUE;
    case SIGSTOP:
    case SIGTSTP:
    case SIGTTIN:
    case SIGTTOU:
      return DefaultAction.STOP;
    case SIGQUIT:
    case SIGILL:
    case SIGTRAP:
    case SIGABRT:
    case SIGBUS:
    case SIGFPE:
    case SIGSEGV:
    case 24: // SIGXCPU
    case 25: // SIGXFSZ
    case SIGSYS:
      return DefaultAction.CORE;
    default:
      return DefaultAction.TERMINATE;
  }
}

export interface SigAction {
  handler: bigint;
  flags: number;
  mask: bigint;
  restorer: bigint;
}

const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

export function sigBit(sig: number): bigint {
  return 1n << BigInt(sig - 1);
}

/** What siginfo says about a signal (the fields Linux fills for its si_code). */
export interface SigInfo {
  code: number;
  /** Fault address (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE). */
  addr?: bigint;
  /** Sender (kill, sigqueue, SIGCHLD's child). */
  pid?: number;
  uid?: number;
  /** sigqueue's / a timer's sigval. */
  value?: bigint;
  /** SIGCHLD: exit code or signal, and the child's user and system time in clock ticks. */
  status?: number;
  utime?: number;
  stime?: number;
  /** POSIX timer id and overrun count (SI_TIMER). */
  timerId?: number;
  overrun?: number;
}

export const SI_USER = 0;
export const SI_KERNEL = 0x80;
export const SI_QUEUE = -1;
export const SI_TIMER = -2;
export const SI_TKILL = -6;
export const CLD_EXITED = 1;
export const CLD_KILLED = 2;
export const CLD_DUMPED = 3;

/** The signals whose siginfo carries a fault address. */
function isFaultSignal(sig: number): boolean {
  return sig === SIGSEGV || sig === SIGBUS || sig === SIGILL || sig === SIGTRAP || sig === SIGFPE;
}

/** Writes a 128-byte siginfo_t (arm64 layout) into `b` at `at`. */
export function writeSiginfo(b: Buffer, at: number, sig: number, info: SigInfo | undefined): void {
  b.fill(0, at, at + 128);
  b.writeInt32LE(sig, at);
  b.writeInt32LE(info?.code ?? SI_USER, at + 8);
  if (!info) return;
  if (isFaultSignal(sig) && info.code > 0) {
    b.writeBigUInt64LE(BigInt.asUintN(64, info.addr ?? 0n), at + 16);
  } else if (info.code === SI_TIMER) {
    b.writeInt32LE(info.timerId ?? 0, at + 16);
    b.writeInt32LE(info.overrun ?? 0, at + 20);
    b.writeBigUInt64LE(BigInt.asUintN(64, info.value ?? 0n), at + 24);
  } else {
    b.writeInt32LE(info.pid ?? 0, at + 16);
    b.writeUInt32LE((info.uid ?? 0) >>> 0, at + 20);
    if (sig === SIGCHLD && info.code > 0) b.writeInt32LE(info.status ?? 0, at + 24);
    else if (info.value !== undefined) b.writeBigUInt64LE(BigInt.asUintN(64, info.value), at + 24);
  }
}

/** Handlers (CLONE_SIGHAND shares them between threads). */
export class SignalHandlers {
  readonly actions: SigAction[] = [];

  constructor() {
    for (let i = 0; i <= NSIG; i++) this.actions.push({ handler: SIG_DFL, flags: 0, mask: 0n, restorer: 0n });
  }

  clone(): SignalHandlers {
    const s = new SignalHandlers();
    this.actions.forEach((a, i) => (s.actions[i] = { ...a }));
    return s;
  }

  /** execve: caught signals go back to their default; ignored ones stay ignored. */
  resetForExec(): void {
    for (const a of this.actions) {
      if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
      a.flags = 0;
      a.restorer = 0n;
      a.mask = 0n;
    }
  }

  /** True when the signal would do nothing at all (ignored, explicitly or by default). */
  ignored(sig: number): boolean {
    const a = this.actions[sig];
    if (sig === SIGKILL || sig === SIGSTOP) return false;
    if (a.handler === SIG_IGN) return true;
    return a.handler === SIG_DFL && (defaultAction(sig) === DefaultAction.IGNORE || defaultAction(sig) === DefaultAction.CONTINUE || defaultAction(sig) === DefaultAction.STOP);
  }

  /** True when the default action ends the process. */
  fatalByDefault(sig: number): boolean {
    if (this.actions[sig].handler !== SIG_DFL) return false;
    const d = defaultAction(sig);
    return d === DefaultAction.TERMINATE || d === DefaultAction.CORE;
  }
}

/** A pending set with the siginfo of each pending signal (one instance per signal number). */
export class PendingSignals {
  set = 0n;
  readonly info = new Map<number, SigInfo>();

  add(sig: number, info?: SigInfo): void {
    if (!(this.set & sigBit(sig)) || info) {
      if (info) this.info.set(sig, info);
      else this.info.delete(sig);
    }
    this.set |= sigBit(sig);
  }

  has(sig: number): boolean {
    return (this.set & sigBit(sig)) !== 0n;
  }

  /** Removes a pending signal and returns its siginfo. */
  take(sig: number): SigInfo | undefined {
    this.set &= ~sigBit(sig);
    const i = this.info.get(sig);
    this.info.delete(sig);
    return i;
  }

  clear(): void {
    this.set = 0n;
    this.info.clear();
  }
}

/** Masks a new signal mask as Linux does: SIGKILL and SIGSTOP can never be blocked. */
export function maskOf(mask: bigint): bigint {
  return mask & ~UNBLOCKABLE & ((1n << 64n) - 1n);
}

/** Lowest signal in `set`, or 0; synchronous fault signals first, as Linux takes them. */
export function lowestSignal(set: bigint): number {
  if (set === 0n) return 0;
  for (const s of [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE]) if (set & sigBit(s)) return s;
  for (let s = 1; s <= NSIG; s++) if (set & sigBit(s)) return s;
  return 0;
}

/** sigaltstack as the frame's uc_stack records it. */
export interface AltStackRecord {
  sp: bigint;
  size: bigint;
  flags: number;
}

// ---- The signal frame (arch/arm64/kernel/signal.c layout) --------------------------------

const SIGINFO_SIZE = 128;
/** ucontext: uc_flags 8, uc_link 8, uc_stack 24, uc_sigmask 8 + 120 padding, then mcontext (16-aligned). */
const UC_SIGMASK = 40;
const UC_MCONTEXT = 176;
/** sigcontext: fault_address 8, regs[31] 248, sp 8, pc 8, pstate 8, then __reserved (16-aligned) at 288. */
const SC_FAULT = 0;
const SC_REGS = 8;
const SC_SP = 256;
const SC_PC = 264;
const SC_PSTATE = 272;
const SC_RESERVED = 288;
const FPSIMD_MAGIC = 0x46508001;
const FPSIMD_SIZE = 528;
const RESERVED_SIZE = 4096;
/** rt_sigframe = siginfo + ucontext (+ __reserved), then a frame record (fp, lr). */
export const SIGFRAME_SIZE = SIGINFO_SIZE + UC_MCONTEXT + SC_RESERVED + RESERVED_SIZE;
const FRAME_RECORD = 16;

/** Serialises the frame for a handler call; `sp` is where it will be written. */
export function buildSigFrame(ctx: CpuContext, sig: number, info: SigInfo | undefined, oldMask: bigint, sp: bigint, stack?: AltStackRecord): Buffer {
  const b = Buffer.alloc(SIGFRAME_SIZE + FRAME_RECORD);
  writeSiginfo(b, 0, sig, info);
  const uc = SIGINFO_SIZE;
  b.writeBigUInt64LE(oldMask, uc + UC_SIGMASK);
  if (stack) {
    // uc_stack: ss_sp, ss_flags, ss_size (what the handler sees of sigaltstack).
    b.writeBigUInt64LE(stack.sp, uc + 16);
    b.writeInt32LE(stack.flags, uc + 24);
    b.writeBigUInt64LE(stack.size, uc + 32);
  }
  const sc = uc + UC_MCONTEXT;
  if (isFaultSignal(sig)) b.writeBigUInt64LE(BigInt.asUintN(64, info?.addr ?? 0n), sc + SC_FAULT);
  for (let i = 0; i < 31; i++) {
    b.writeInt32LE(ctx.x[i * 2], sc + SC_REGS + i * 8);
    b.writeInt32LE(ctx.x[i * 2 + 1], sc + SC_REGS + i * 8 + 4);
  }
  b.writeInt32LE(ctx.x[62], sc + SC_SP);
  b.writeInt32LE(ctx.x[63], sc + SC_SP + 4);
  b.writeInt32LE(ctx.pcLo, sc + SC_PC);
  b.writeInt32LE(ctx.pcHi, sc + SC_PC + 4);
  b.writeUInt32LE(ctx.nzcv >>> 0, sc + SC_PSTATE);
  const fp = sc + SC_RESERVED;
  b.writeUInt32LE(FPSIMD_MAGIC, fp);
  b.writeUInt32LE(FPSIMD_SIZE, fp + 4);
  b.writeUInt32LE(ctx.fpsr >>> 0, fp + 8);
  b.writeUInt32LE(ctx.fpcr >>> 0, fp + 12);
  for (let i = 0; i < 128; i++) b.writeInt32LE(ctx.v[i], fp + 16 + i * 4);
  // Terminator record (magic 0, size 0) follows: already zero.
  // Frame record: fp = x29, lr = pc of the interrupted code.
  const rec = SIGFRAME_SIZE;
  b.writeInt32LE(ctx.x[58], rec);
  b.writeInt32LE(ctx.x[59], rec + 4);
  b.writeInt32LE(ctx.pcLo, rec + 8);
  b.writeInt32LE(ctx.pcHi, rec + 12);
  void sp;
  return b;
}

export const SIGFRAME_TOTAL = SIGFRAME_SIZE + FRAME_RECORD;
export const SIGFRAME_UCONTEXT = SIGINFO_SIZE;

/** Restores registers from a frame read back at rt_sigreturn; returns the saved signal mask, or null if malformed. */
export function restoreSigFrame(ctx: CpuContext, b: Uint8Array): bigint | null {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const uc = SIGINFO_SIZE;
  const sc = uc + UC_MCONTEXT;
  const fp = sc + SC_RESERVED;
  for (let i = 0; i < 31; i++) {
    ctx.x[i * 2] = buf.readInt32LE(sc + SC_REGS + i * 8);
    ctx.x[i * 2 + 1] = buf.readInt32LE(sc + SC_REGS + i * 8 + 4);
  }
  ctx.x[62] = buf.readInt32LE(sc + SC_SP);
  ctx.x[63] = buf.readInt32LE(sc + SC_SP + 4);
  ctx.pcLo = buf.readInt32LE(sc + SC_PC);
  ctx.pcHi = buf.readInt32LE(sc + SC_PC + 4);
  ctx.nzcv = buf.readUInt32LE(sc + SC_PSTATE) & 0xf0000000;
  if (buf.readUInt32LE(fp) === FPSIMD_MAGIC) {
    ctx.fpsr = buf.readUInt32LE(fp + 8) | 0;
    ctx.fpcr = buf.readUInt32LE(fp + 12) | 0;
    for (let i = 0; i < 128; i++) ctx.v[i] = buf.readInt32LE(fp + 16 + i * 4);
  }
  return buf.readBigUInt64LE(uc + UC_SIGMASK);
}
