/**
 * The system call table and dispatcher.
 *
 * A handler gets a SyscallContext and returns x0's value, BLOCKED, or NO_RESULT (for
 * calls that set the whole context themselves: rt_sigreturn, exit). The dispatcher turns
 * a SyscallError into -errno and any other host exception into one log line and -EIO, so
 * nothing a guest passes can throw out of the kernel. It writes x0 and nothing else.
 */

import { Errno, ERRNO_NAMES, SyscallError } from '../errno.js';
import type { Kernel } from '../kernel.js';
import type { Process } from '../process.js';
import { BLOCKED, type SyscallArgs, type SyscallContext, type SyscallResult, type UserMemory, type Waitable } from './context.js';
import { SYSCALL_NAMES } from './numbers.js';

/** Returned by handlers that have already set the registers (x0 is left alone). */
export const NO_RESULT: unique symbol = Symbol('no-result');

export type KernelContext = SyscallContext<Process, Kernel>;
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
  constructor(readonly kernel: Kernel, readonly proc: Process) {
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

/** Per-syscall argument formats for tracing: d = int, u = unsigned, x = hex, s = string, f = fd. */
const TRACE_FORMAT: Record<string, string> = {
  read: 'fxu', write: 'fxu', readv: 'fxu', writev: 'fxu', openat: 'fsxo', close: 'f', lseek: 'fdd',
  newfstatat: 'fsxx', fstat: 'fx', getdents64: 'fxu', mkdirat: 'fso', unlinkat: 'fsx', renameat2: 'fsfsx',
  getcwd: 'xu', chdir: 's', dup: 'f', dup3: 'ffx', pipe2: 'xx', ioctl: 'fxx', fcntl: 'fdx',
  brk: 'x', mmap: 'xuxxfx', munmap: 'xu', mprotect: 'xux', madvise: 'xud', exit: 'd', exit_group: 'd',
  set_tid_address: 'x', set_robust_list: 'xu', rt_sigaction: 'dxxu', rt_sigprocmask: 'dxxu', kill: 'dd',
  tgkill: 'ddd', clock_gettime: 'dx', gettimeofday: 'xx', nanosleep: 'xx', uname: 'x', getrandom: 'xux',
  prlimit64: 'ddxx', readlinkat: 'fsxu', faccessat: 'fso', rt_sigreturn: '', sched_yield: '',
};

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
   * Runs the syscall in p's saved context (x8 = number). Returns true when the process
   * may go straight back to EL0, false when it blocked or ended.
   */
  dispatch(p: Process): boolean {
    const x = p.ctx.x;
    const nr = x[16];
    const handler = this.table[nr];
    let result: SyscallResult | typeof NO_RESULT;
    const ctx = new Context(this.kernel, p);
    const trace = this.kernel.tracing ? this.describeCall(nr, ctx) : '';
    if (!handler) {
      if (!this.warned.has(nr)) {
        this.warned.add(nr);
        this.kernel.logger.warn({ pid: p.pid, nr, name: SYSCALL_NAMES.get(nr) ?? null }, 'unknown syscall: ENOSYS');
      }
      result = -Errno.ENOSYS;
    } else {
      try {
        result = handler(ctx);
      } catch (e) {
        if (e instanceof SyscallError) result = -e.errno;
        else {
          const err = e as Error;
          this.kernel.logger.error({ pid: p.pid, nr, name: SYSCALL_NAMES.get(nr) ?? null, err: err?.message ?? String(e) }, 'syscall handler failed');
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
    if (result !== NO_RESULT && !p.exit) {
      if (typeof result === 'bigint') {
        const v = BigInt.asUintN(64, result);
        x[0] = Number(v & 0xffffffffn) | 0;
        x[1] = Number(v >> 32n) | 0;
      } else {
        x[0] = result | 0;
        x[1] = result < 0 ? -1 : Math.floor(result / TWO32) | 0;
      }
    }
    if (trace) this.kernel.trace(p, `${trace} = ${p.exit ? '?' : result === NO_RESULT ? '?' : formatResult(result)}`);
    return !p.exit && p.state !== 'blocked';
  }

  private describeCall(nr: number, ctx: KernelContext): string {
    const name = SYSCALL_NAMES.get(nr) ?? `syscall_${nr}`;
    const fmt = TRACE_FORMAT[name] ?? 'xxxxxx'.slice(0, 3);
    const args: string[] = [];
    for (let i = 0; i < fmt.length; i++) {
      const c = fmt[i];
      if (c === 'd' || c === 'f') args.push(c === 'f' && ctx.args.int(i) === -100 ? 'AT_FDCWD' : String(ctx.args.int(i)));
      else if (c === 'u') args.push(String(ctx.args.u64(i)));
      else if (c === 'o') args.push('0' + ctx.args.u32(i).toString(8));
      else if (c === 's') {
        try {
          const s = ctx.mem.readCString(ctx.args.u64(i), 4096);
          args.push(JSON.stringify(s.length > 64 ? s.slice(0, 64) + '...' : s));
        } catch {
          args.push('0x' + ctx.args.big(i).toString(16));
        }
      } else args.push('0x' + ctx.args.big(i).toString(16));
    }
    return `${name}(${args.join(', ')})`;
  }
}

function formatResult(r: number | bigint): string {
  if (typeof r === 'bigint') return '0x' + BigInt.asUintN(64, r).toString(16);
  if (r < 0 && r >= -4095) return `-1 ${ERRNO_NAMES[-r] ?? 'E' + -r}`;
  if (r > 0xffff) return '0x' + r.toString(16);
  return String(r);
}
