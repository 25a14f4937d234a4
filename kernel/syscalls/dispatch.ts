/**
 * The system call table and dispatcher.
 *
 * A handler gets a SyscallContext and returns x0's value, BLOCKED, or NO_RESULT (for
 * calls that set the whole context themselves: rt_sigreturn, exit). The dispatcher turns
 * a SyscallError into -errno and any other host exception into one log line and -EIO, so
 * nothing a guest passes can throw out of the kernel. It writes x0 and nothing else.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Kernel } from '../kernel.js';
import type { Thread } from '../process.js';
import { BLOCKED, type SyscallArgs, type SyscallContext, type SyscallResult, type UserMemory, type Waitable } from './context.js';
import { AARCH64_SYSCALL_NAMES } from './syscall-names.js';
import { beginTrace, finishTrace } from './trace/calls.js';
import { seccompAllows } from './seccomp.js';

const SIGKILL = 9;

/** Returned by handlers that have already set the registers (x0 is left alone). */
export const NO_RESULT: unique symbol = Symbol('no-result');

/** `proc` is the calling thread; `proc.process` its thread group. */
export type KernelContext = SyscallContext<Thread, Kernel>;
export type Handler = (ctx: KernelContext) => SyscallResult | typeof NO_RESULT;
export type HandlerTable = Record<number, Handler>;

const TWO32 = 4294967296;

/** Argument views over a saved context's x0..x5. */
export class ContextArgs implements SyscallArgs {
  constructor(private readonly x: Int32Array) {}
  int(i: number): number {
    return this.x[i * 2];
  }
  u32(i: number): number {
    return this.x[i * 2] >>> 0;
  }
  u64(i: number): number {
    const hi = this.x[i * 2 + 1] >>> 0;
    if (hi >= 0x200000) return Infinity;
    return hi * TWO32 + (this.x[i * 2] >>> 0);
  }
  i64(i: number): number {
    return this.x[i * 2 + 1] * TWO32 + (this.x[i * 2] >>> 0);
  }
  big(i: number): bigint {
    return (BigInt(this.x[i * 2 + 1] >>> 0) << 32n) | BigInt(this.x[i * 2] >>> 0);
  }
}

class Context implements KernelContext {
  readonly args: SyscallArgs;
  constructor(readonly kernel: Kernel, readonly proc: Thread) {
    this.args = new ContextArgs(proc.ctx.x);
  }
  get mem(): UserMemory {
    return this.proc.mem;
  }
  block(on: Waitable | Waitable[] | null, timeoutMs?: number): typeof BLOCKED {
    this.kernel.block(this.proc, on, timeoutMs);
    return BLOCKED;
  }
  fail(errno: Errno, detail?: string): Error {
    return new SyscallError(errno, detail);
  }
}

export class SyscallDispatcher {
  private readonly table: HandlerTable = {};
  private readonly warned = new Set<number>();

  constructor(private readonly kernel: Kernel, ...tables: HandlerTable[]) {
    for (const t of tables) Object.assign(this.table, t);
  }

  register(table: HandlerTable): void {
    Object.assign(this.table, table);
  }

  has(nr: number): boolean {
    return this.table[nr] !== undefined;
  }

  /**
   * Runs the syscall in thread p's saved context (x8 = number). Returns true when the
   * thread may go straight back to EL0, false when it blocked or ended.
   */
  dispatch(p: Thread): boolean {
    const started = performance.now();
    try {
      return this.run(p);
    } finally {
      // The thread's system time: what the kernel spent on its calls (getrusage, times, ITIMER_PROF).
      p.sysMs += performance.now() - started;
    }
  }

  private run(p: Thread): boolean {
    const x = p.ctx.x;
    const nr = x[16];
    const handler = this.table[nr];
    let result: SyscallResult | typeof NO_RESULT;
    const ctx = new Context(this.kernel, p);
    // x0..x5 as the call saw them (x0 is overwritten by the result before the line is finished).
    let trace = this.kernel.tracing ? beginTrace(nr, new ContextArgs(x.slice(0, 12)), ctx.mem) : null;
    if (trace && (trace.name === 'exit_group' || trace.name === 'exit')) {
      // Calls that do not return are shown as they start (`exit_group(0) = ?`), as strace does,
      // so the process's `+++ exited with 0 +++` follows them.
      const line = finishTrace(trace, ctx.mem, undefined);
      this.kernel.trace(p, line.call, line.result);
      trace = null;
    }
    if (!seccompAllows(p, nr)) {
      // seccomp strict mode: a call outside read/write/exit/sigreturn is fatal (SIGKILL).
      this.kernel.procs.exitProcess(p, 0, SIGKILL);
      return false;
    }
    if (!handler) {
      if (!this.warned.has(nr)) {
        this.warned.add(nr);
        this.kernel.logger.warn({ pid: p.pid, nr, name: AARCH64_SYSCALL_NAMES.get(nr) ?? null }, 'unknown syscall: ENOSYS');
      }
      result = -Errno.ENOSYS;
    } else {
      try {
        result = handler(ctx);
      } catch (e) {
        if (e instanceof SyscallError) result = -e.errno;
        else {
          const err = e as Error;
          this.kernel.logger.error({ pid: p.pid, nr, name: AARCH64_SYSCALL_NAMES.get(nr) ?? null, err: err?.message ?? String(e) }, 'syscall handler failed');
          result = err instanceof RangeError ? -Errno.EFAULT : -Errno.EIO;
        }
      }
    }
    if (result === BLOCKED) {
      p.blockedSyscall = nr;
      return false;
    }
    p.blockedSyscall = -1;
    p.syscallState = undefined;
    if (result !== NO_RESULT && !p.dead) {
      if (typeof result === 'bigint') {
        const v = BigInt.asUintN(64, result);
        x[0] = Number(v & 0xffffffffn) | 0;
        x[1] = Number(v >> 32n) | 0;
      } else {
        x[0] = result | 0;
        x[1] = result < 0 ? -1 : Math.floor(result / TWO32) | 0;
      }
    }
    if (this.kernel.injectClobberX9) {
      x[18] = CLOBBERED_X9;
      x[19] = 0;
    }
    if (trace) {
      const line = finishTrace(trace, ctx.mem, p.dead || result === NO_RESULT ? undefined : result);
      this.kernel.trace(p, line.call, line.result);
    }
    return !p.dead && p.state !== 'blocked';
  }
}

/**
 * The injected bug: x9 left holding a kernel scratch value, as the origin report's return path
 * did. The value is a page-aligned address past the program's heap, so a user allocator that kept
 * its head in x9 across `svc` hands out unmapped memory and the next store faults, as reported.
 */
export const CLOBBERED_X9 = 0x814000;
