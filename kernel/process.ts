/**
 * A process: one address space, one thread of saved CPU context, a file table, signal
 * state, and how it ended. The scheduler moves it between runnable and blocked; the
 * kernel ends it with an exit code or a signal.
 */

import { newContext, type CpuContext } from '../machine/machine.js';
import type { FileTable } from './fs/filetable.js';
import type { FsProcess, MemoryRegion, ProcessInfo } from './fs/process.js';
import type { Waitable } from './syscalls/context.js';
import { SignalState } from './signals.js';
import { AddressSpace, ProcessMemory, Prot } from './vm.js';

export type ProcessState = 'runnable' | 'running' | 'blocked' | 'zombie';

/** How a process ended. */
export interface ExitStatus {
  /** What the shell prints as "exit code": the exit code, or -N when killed by signal N. */
  code: number;
  /** The terminating signal, if any. */
  signal: number | null;
  /** Wait status as a shell's $? and the `run` command see it: code & 0xff, or 128+N. */
  status: number;
}

export function exitStatusOf(code: number, signal: number | null): ExitStatus {
  if (signal !== null) return { code: -signal, signal, status: 128 + signal };
  return { code: code & 0xff, signal: null, status: code & 0xff };
}

export class Process implements FsProcess {
  state: ProcessState = 'runnable';
  readonly ctx: CpuContext = newContext();
  /** Replaced by execve, like vm. */
  mem: ProcessMemory;
  readonly signals = new SignalState();
  cwd: string;
  uid = 0;
  gid = 0;
  umask = 0o022;
  tty?: FsProcess['tty'];
  /** Thread-ID address from set_tid_address (cleared at exit). */
  clearChildTid = 0;
  robustList = 0;
  /** The syscall to re-run when woken (it returned BLOCKED), else -1. */
  blockedSyscall = -1;
  /** State a blocking syscall keeps across its re-runs (e.g. nanosleep's deadline); cleared when it completes. */
  syscallState: unknown = undefined;
  /** Undoes the current block (removes waiters, clears its timer). */
  unblock: (() => void) | null = null;
  /** A signal arrived while blocked: the syscall returns -EINTR instead of re-running. */
  interrupted = false;
  /** rt_sigsuspend's mask to restore once a handler's frame has saved it (or no handler ran). */
  savedMask: bigint | null = null;
  /** sched_yield asked to end the turn. */
  yieldNow = false;
  exit: ExitStatus | null = null;
  readonly exited: Promise<ExitStatus>;
  resolveExit!: (s: ExitStatus) => void;
  readonly startTime = Date.now();
  /** Guest instructions and host milliseconds spent running it. */
  instructions = 0;
  cpuMs = 0;
  /** Children that exited and were not waited for yet (wait4). */
  readonly zombies: Array<{ pid: number; exit: ExitStatus }> = [];
  /** Live children's pids. */
  readonly children = new Set<number>();
  /** Woken when a child exits (wait4 blocks on it). */
  readonly childExits = new Set<() => void>();
  /** vfork: woken when this child execs or exits. */
  readonly vforkDone = new Set<() => void>();
  /** Set when this process has exec'd or exited (a vfork parent may go on). */
  vforkReleased = false;
  /** Woken when the process exits. */
  readonly exitWaiters = new Set<() => void>();

  constructor(
    readonly pid: number,
    public ppid: number,
    public name: string,
    public exe: string,
    public argv: string[],
    public env: string[],
    cwd: string,
    public files: FileTable,
    public vm: AddressSpace,
  ) {
    this.cwd = cwd;
    this.mem = new ProcessMemory(vm);
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  get tid(): number {
    return this.pid;
  }

  /** Linux state letter for /proc. */
  get stateLetter(): string {
    switch (this.state) {
      case 'running':
      case 'runnable':
        return 'R';
      case 'blocked':
        return 'S';
      default:
        return 'Z';
    }
  }

  /** PC and SP of the saved context. */
  get pc(): number {
    return (this.ctx.pcHi >>> 0) * 4294967296 + (this.ctx.pcLo >>> 0);
  }

  regions(): MemoryRegion[] {
    return this.vm.regions().map((r) => ({
      start: r.start,
      end: r.end,
      perms: (r.prot & Prot.READ ? 'r' : '-') + (r.prot & Prot.WRITE ? 'w' : '-') + (r.prot & Prot.EXEC ? 'x' : '-') + (r.shared ? 's' : 'p'),
      offset: r.offset,
      inode: 0,
      device: '00:00',
      name: r.name,
    }));
  }

  info(): ProcessInfo {
    const vmSize = this.vm.regions().reduce((n, r) => n + (r.end - r.start), 0);
    return {
      pid: this.pid, ppid: this.ppid, name: this.name.slice(0, 15), state: this.stateLetter,
      uid: this.uid, gid: this.gid, exe: this.exe, cwd: this.cwd, argv: [...this.argv], threads: 1,
      vmSizeKb: vmSize / 1024, vmRssKb: this.vm.residentPages * 4,
      regions: () => this.regions(),
    };
  }
}

/** A Waitable over a set of wake functions. */
export function waitableOf(set: Set<() => void>): Waitable {
  return { addWaiter: (w) => set.add(w), removeWaiter: (w) => set.delete(w) };
}

/** A Waitable that wakes when a process exits. */
export function exitWaitable(p: Process): Waitable {
  return {
    addWaiter: (w) => p.exitWaiters.add(w),
    removeWaiter: (w) => p.exitWaiters.delete(w),
  };
}
