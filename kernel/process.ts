/**
 * Processes and their threads, split the way Linux splits them.
 *
 * A Process is a thread group: the address space, the file table, the working directory,
 * the credentials, the signal handlers, the children and how it ended. Its pid is the
 * thread group id. A Thread is what the scheduler runs: saved CPU registers (TPIDR_EL0
 * included), its tid, its signal mask and pending set, its alternate signal stack and the
 * state of the system call it is blocked in.
 *
 * The things clone() can share without making a thread (the memory for vfork, the file
 * table for CLONE_FILES, cwd/umask for CLONE_FS, the handlers for CLONE_SIGHAND) are
 * objects a Process points to, so two processes can point at the same one.
 *
 * System calls see the calling Thread as `ctx.proc`: it answers pid, files, cwd, uid, gid,
 * umask, tty, mem and vm from its process, so file and memory code need not know threads.
 */

import { newContext, type CpuContext } from '../machine/machine.js';
import type { UtsNamespace } from './uts.js';
import type { FileTable } from './fs/filetable.js';
import type { FsProcess, MemoryRegion, ProcessInfo } from './fs/process.js';
import { lowestSignal, PendingSignals, SIG_DFL, SIG_IGN, sigBit, SignalHandlers } from './signals.js';
import type { ProcessTimers } from './timers.js';
import type { KernelDebugHook } from './debug/hook.js';
import { AddressSpace, ProcessMemory, Prot } from './vm.js';
import { WaitQueue } from './wait-queue.js';

export type ThreadState = 'runnable' | 'running' | 'blocked' | 'zombie';
/** @deprecated the name before threads: a thread's state. */
export type ProcessState = ThreadState;

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

/** An address space with the user-memory view over it; shared by a vfork child and its parent. */
export class MemoryMap {
  users = 1;
  readonly mem: ProcessMemory;
  constructor(readonly vm: AddressSpace) {
    this.mem = new ProcessMemory(vm);
  }
}

/** cwd, root and umask (CLONE_FS shares them). */
export interface FsState {
  cwd: string;
  umask: number;
  /** The root directory chroot(2) set, as a canonical path from the machine's root ('/': none). */
  root: string;
}

/** sigaltstack's record. */
export interface AltStack {
  sp: bigint;
  size: bigint;
  /** SS_DISABLE (2) when there is none. */
  flags: number;
}

/** Sharing counts for file tables (CLONE_FILES): the table is closed when its last user ends. */
const fileTableUsers = new WeakMap<FileTable, number>();

export function shareFileTable(files: FileTable): FileTable {
  fileTableUsers.set(files, (fileTableUsers.get(files) ?? 1) + 1);
  return files;
}

/** Whether another process uses this file table too (clone with CLONE_FILES). */
export function fileTableShared(files: FileTable): boolean {
  return (fileTableUsers.get(files) ?? 1) > 1;
}

/** Drops one user of a file table; true when it was the last (the caller closes it). */
export function releaseFileTable(files: FileTable): boolean {
  const n = fileTableUsers.get(files) ?? 1;
  if (n <= 1) {
    fileTableUsers.delete(files);
    return true;
  }
  fileTableUsers.set(files, n - 1);
  return false;
}

/** A thread's scheduling attributes as getpriority/sched_getscheduler report them (syscalls/sched.ts). */
export interface SchedAttrs {
  /** -20..19. */
  nice: number;
  /** SCHED_OTHER 0, FIFO 1, RR 2, BATCH 3, IDLE 5, EXT 7. */
  policy: number;
  /** 1..99 for FIFO and RR, else 0. */
  rtPriority: number;
  resetOnFork: boolean;
  /** ioprio_set's value (class << 13 | level); 0 (IOPRIO_CLASS_NONE) follows the nice value. */
  ioprio?: number;
}

/** What a new thread or fork child inherits; SCHED_RESET_ON_FORK gives it the default policy and no negative nice. */
export function inheritSched(s: SchedAttrs): SchedAttrs {
  if (!s.resetOnFork) return { ...s };
  const rt = s.policy === 1 || s.policy === 2;
  return { nice: rt ? 0 : Math.max(0, s.nice), policy: rt ? 0 : s.policy, rtPriority: 0, resetOnFork: false, ioprio: s.ioprio };
}

export class Thread implements FsProcess {
  state: ThreadState = 'runnable';
  sched: SchedAttrs = { nice: 0, policy: 0, rtPriority: 0, resetOnFork: false };
  /** seccomp's SECCOMP_MODE_STRICT: only read, write, exit and rt_sigreturn (kernel/syscalls/seccomp.ts). */
  seccompStrict = false;
  readonly ctx: CpuContext = newContext();
  /** Blocked signals. */
  sigmask = 0n;
  /** Signals sent to this thread (tgkill, faults). */
  readonly pending = new PendingSignals();
  altStack: AltStack = { sp: 0n, size: 0n, flags: 2 };
  /** Thread-ID address from set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit. */
  clearChildTid = 0;
  /** set_robust_list's head (and its length, always 24 on arm64). */
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
  /** Signals rt_sigtimedwait waits for (they wake it without interrupting), else 0n. */
  waitingFor = 0n;
  /** In a wait signals must not interrupt (vfork's): they stay pending until it ends. */
  uninterruptible = false;
  /** sched_yield asked to end the turn. */
  yieldNow = false;
  /** Set once the thread has ended. */
  dead = false;
  /** Guest instructions and host milliseconds spent running it. */
  instructions = 0;
  cpuMs = 0;
  /** Of cpuMs, the part spent in the kernel on its behalf (its system calls): system time; the rest is user time. */
  sysMs = 0;
  /** performance.now() when its current turn on the CPU began, 0 while it is off the CPU. */
  runningSince = 0;

  /** CPU time including the turn it is in now (a system call reading its own CPU clock sees the time up to the call). */
  get cpuNowMs(): number {
    return this.cpuMs + (this.runningSince ? performance.now() - this.runningSince : 0);
  }
  readonly startTime = Date.now();

  constructor(public tid: number, readonly process: Process) {}

  // ---- What the rest of the kernel reads through the calling thread ----------------------

  get pid(): number {
    return this.process.pid;
  }
  get ppid(): number {
    return this.process.ppid;
  }
  get files(): FileTable {
    return this.process.files;
  }
  set files(f: FileTable) {
    this.process.files = f;
  }
  get cwd(): string {
    return this.process.cwd;
  }
  set cwd(c: string) {
    this.process.cwd = c;
  }
  get root(): string {
    return this.process.root;
  }
  set root(r: string) {
    this.process.root = r;
  }
  get umask(): number {
    return this.process.umask;
  }
  set umask(m: number) {
    this.process.umask = m;
  }
  get uid(): number {
    return this.process.uid;
  }
  get gid(): number {
    return this.process.gid;
  }
  get tty(): FsProcess['tty'] {
    return this.process.tty;
  }
  get fileSizeLimit(): bigint {
    return this.process.rlimitFsize[0];
  }
  get vm(): AddressSpace {
    return this.process.vm;
  }
  get mem(): ProcessMemory {
    return this.process.mem;
  }
  get name(): string {
    return this.process.name;
  }
  set name(n: string) {
    this.process.name = n;
  }
  get exe(): string {
    return this.process.exe;
  }
  /** The process's exit status once the whole group has ended. */
  get exit(): ExitStatus | null {
    return this.process.exit;
  }

  /** Signals pending for this thread or its process that it does not block (bitmask). */
  get deliverable(): bigint {
    return (this.pending.set | this.process.pending.set) & ~this.sigmask;
  }

  /** The signal to deliver next, or 0. */
  nextSignal(): number {
    return lowestSignal(this.deliverable);
  }

  /** PC of the saved context. */
  get pc(): number {
    return (this.ctx.pcHi >>> 0) * 4294967296 + (this.ctx.pcLo >>> 0);
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
}

/** RLIM_INFINITY. */
const UNLIMITED = (1n << 64n) - 1n;

export class Process {
  /** Live threads, the first one created first (the leader while it lives). */
  readonly threads: Thread[] = [];
  mm: MemoryMap;
  fs: FsState;
  handlers: SignalHandlers;
  /** Signals sent to the process as a whole (kill), taken by whichever thread does not block them. */
  readonly pending = new PendingSignals();
  /** Real, effective and saved ids, and the supplementary groups. */
  uid = 0;
  gid = 0;
  ruid = 0;
  rgid = 0;
  suid = 0;
  sgid = 0;
  groups: number[] = [];
  tty?: FsProcess['tty'];
  /** Process group and session (kernel/sessions.ts has the rules). */
  pgid: number;
  sid: number;
  /** Set by a successful execve: the parent may no longer setpgid this child (EACCES). */
  didExec = false;
  exit: ExitStatus | null = null;
  /** exit_group or a fatal signal is ending every thread. */
  exiting = false;
  readonly exited: Promise<ExitStatus>;
  resolveExit!: (s: ExitStatus) => void;
  readonly startTime = Date.now();
  /** CPU time of threads that already ended. */
  deadThreadsCpuMs = 0;
  deadThreadsSysMs = 0;
  deadThreadsInstructions = 0;
  /** Children that exited and were not waited for yet (wait4). */
  readonly zombies: Array<{ pid: number; pgid: number; exit: ExitStatus; uid: number; cpuMs: number; sysMs: number }> = [];
  /** Live children's pids. */
  readonly children = new Set<number>();
  /** CPU time of children already waited for (times, getrusage RUSAGE_CHILDREN). */
  childrenCpuMs = 0;
  childrenSysMs = 0;
  /** Woken when a child exits (wait4 blocks on it). */
  readonly childExits = new WaitQueue();
  /** vfork: woken when this child execs or exits. */
  readonly vforkDone = new WaitQueue();
  /** Set when this process has exec'd or exited (a vfork parent may go on). */
  vforkReleased = false;
  /** Woken when the process exits. */
  readonly exitWaiters = new WaitQueue();
  /** Signal sent to the parent at exit (clone's low byte; SIGCHLD for fork). */
  exitSignal = 17;
  /** setitimer and timer_create timers (made on first use: SignalDelivery.timersOf). */
  timers: ProcessTimers | null = null;
  /** personality(2)'s value. */
  personality = 0;
  /** A UTS namespace of its own (unshare/clone CLONE_NEWUTS), else null: the machine's (Kernel.uts). */
  uts: UtsNamespace | null = null;
  /** membarrier registrations (MEMBARRIER_CMD_REGISTER_* bits). */
  membarrierRegistered = 0;
  /** The debugger attached to this process (kernel/debug/: run -g, gdbserver), as a ptrace tracer is per process. */
  debugger: KernelDebugHook | null = null;
  /** RLIMIT_FSIZE [soft, hard] in bytes (fork and exec keep it; replaced whole, never mutated). */
  rlimitFsize: readonly [bigint, bigint] = [UNLIMITED, UNLIMITED];
  /** The other resource limits this process (or an ancestor) set, by RLIMIT_* (kernel/rlimits.ts). */
  readonly rlimits = new Map<number, readonly [bigint, bigint]>();
  /** The auxiliary vector its exec wrote (exec.ts), kept for the debugger's qXfer:auxv; empty for native programs. */
  auxv: Uint8Array = new Uint8Array(0);

  constructor(
    readonly pid: number,
    public ppid: number,
    public name: string,
    public exe: string,
    public argv: string[],
    public env: string[],
    cwd: string,
    public files: FileTable,
    mm: MemoryMap | AddressSpace,
  ) {
    this.fs = { cwd, umask: 0o022, root: '/' };
    this.mm = mm instanceof MemoryMap ? mm : new MemoryMap(mm);
    this.handlers = new SignalHandlers();
    this.pgid = pid;
    this.sid = pid;
    this.exited = new Promise((resolve) => (this.resolveExit = resolve));
  }

  get vm(): AddressSpace {
    return this.mm.vm;
  }
  get mem(): ProcessMemory {
    return this.mm.mem;
  }
  get cwd(): string {
    return this.fs.cwd;
  }
  set cwd(c: string) {
    this.fs.cwd = c;
  }
  get root(): string {
    return this.fs.root;
  }
  set root(r: string) {
    this.fs.root = r;
  }
  get umask(): number {
    return this.fs.umask;
  }
  set umask(m: number) {
    this.fs.umask = m;
  }

  /** The thread whose tid is the pid while it lives, else the oldest live thread. */
  get mainThread(): Thread | undefined {
    return this.threads.find((t) => t.tid === this.pid) ?? this.threads[0];
  }

  get cpuMs(): number {
    return this.threads.reduce((n, t) => n + t.cpuNowMs, this.deadThreadsCpuMs);
  }

  /** System time of all its threads, live and ended (getrusage ru_stime, times tms_stime). */
  get sysMs(): number {
    return this.threads.reduce((n, t) => n + t.sysMs, this.deadThreadsSysMs);
  }

  get instructions(): number {
    return this.threads.reduce((n, t) => n + t.instructions, this.deadThreadsInstructions);
  }

  /** The main thread's scheduling state ('zombie' once the process has ended). */
  get state(): ThreadState {
    if (this.exit) return 'zombie';
    return this.mainThread?.state ?? 'zombie';
  }

  /** Linux state letter for /proc: running if any thread runs, sleeping if all sleep. */
  get stateLetter(): string {
    if (this.exit) return 'Z';
    return this.threads.some((t) => t.state === 'running' || t.state === 'runnable') ? 'R' : 'S';
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

  /** Signals the handlers ignore (SIG_IGN) and catch (a handler), as /proc's bit sets. */
  private handlerSets(): { ignored: bigint; caught: bigint } {
    let ignored = 0n;
    let caught = 0n;
    this.handlers.actions.forEach((a, sig) => {
      if (sig === 0) return;
      if (a.handler === SIG_IGN) ignored |= sigBit(sig);
      else if (a.handler !== SIG_DFL) caught |= sigBit(sig);
    });
    return { ignored, caught };
  }

  info(): ProcessInfo {
    const zombie = this.exit !== null;
    const vmSize = zombie ? 0 : this.vm.regions().reduce((n, r) => n + (r.end - r.start), 0);
    const main = this.mainThread;
    const { ignored, caught } = this.handlerSets();
    const highestFd = zombie ? 0 : Math.max(0, ...this.files.fds());
    let fdTableSize = 64;
    while (fdTableSize <= highestFd) fdTableSize *= 2;
    return {
      pid: this.pid, ppid: this.ppid, name: this.name.slice(0, 15), state: this.stateLetter,
      uid: this.uid, gid: this.gid, exe: this.exe, cwd: this.cwd, argv: [...this.argv], threads: Math.max(1, this.threads.length),
      tids: this.threads.map((t) => t.tid).sort((a, b) => a - b),
      vmSizeKb: vmSize / 1024, vmRssKb: zombie ? 0 : this.vm.residentPages * 4,
      pgrp: this.pgid, session: this.sid, ttyRdev: this.tty?.rdev ?? 0,
      tpgid: this.tty && this.tty.foregroundPgrp > 0 ? this.tty.foregroundPgrp : -1,
      uids: [this.ruid, this.uid, this.suid, this.uid], gids: [this.rgid, this.gid, this.sgid, this.gid], groups: [...this.groups],
      userMs: this.cpuMs - this.sysMs, systemMs: this.sysMs, childrenUserMs: this.childrenCpuMs - this.childrenSysMs, childrenSystemMs: this.childrenSysMs,
      sigPending: main?.pending.set ?? 0n, sigSharedPending: this.pending.set, sigBlocked: main?.sigmask ?? 0n,
      sigIgnored: ignored, sigCaught: caught, exitSignal: this.exitSignal, fdTableSize, umask: this.umask,
      exitCode: !this.exit ? 0 : this.exit.signal !== null ? this.exit.signal : (this.exit.code & 0xff) << 8,
      thread: (tid) => {
        const t = this.threads.find((x) => x.tid === tid);
        if (!t) return undefined;
        return { state: zombie ? 'Z' : t.stateLetter, userMs: t.cpuMs, sigPending: t.pending.set, sigBlocked: t.sigmask };
      },
      regions: () => (zombie ? [] : this.regions()),
    };
  }
}
