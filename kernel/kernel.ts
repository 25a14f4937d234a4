/**
 * The kernel: boots a Machine (system registers as a kernel's boot code leaves them), owns
 * physical memory, and runs guest threads on the Node event loop: the run loop, a thread's
 * turn on the CPU, and sleep/wakeup (block, wake, makeRunnable). The rest has a room of its
 * own, as in xv6: the process table and its lifecycle (proc.ts), signal delivery
 * (signal-delivery.ts), traps and the OOM killer (trap.ts, oom.ts), address spaces
 * (address-spaces.ts, vm.ts), wait queues (wait-queue.ts), the system calls (syscalls/),
 * files (fs/) and sockets (net/). bootKernel() (boot.ts) wires a Kernel to its Vfs.
 *
 * Guest code runs in turns of one time slice each, ended by the generic timer's interrupt;
 * which machine of the thread takes the next turn is the arbiter's choice (machine-arbiter.ts:
 * fair shares between machines, in ticks of a few milliseconds with the event loop served
 * between them, so sockets and timers are), which thread of this machine is the run queue's.
 * When nothing is runnable the machine is not scheduled at all: a blocked process costs
 * nothing until something wakes it.
 *
 * Host API: spawn(path, argv, env, {cwd, stdin, stdout, stderr}) -> Process, whose
 * `exited` promise gives its ExitStatus; kill(pid, sig).
 *
 * The scheduler runs threads: each has its own registers; the threads of one process
 * share its address space (TTBR0 is reloaded only when the address space changes).
 */

import type { Logger } from 'pino';
import { SILENT_LOGGER } from './silent-logger.js';
import { Machine, NO_WATCHPOINTS, StopReason, type Watchpoint } from '../machine/machine.js';
import { Errno } from './errno.js';
import { hostEntropy, type ExecEntropy } from './aslr.js';
import { NativePrograms, NativeState } from './native.js';
import type { MemoryInfo, ProcessInfo, ProcessInfoSource, SystemStats } from './fs/process.js';
import { LoadAverage } from './load-average.js';
import { UtsNamespace } from './uts.js';
import { KernelLog, KERN_INFO } from './kmsg.js';
import { PhysicalPageAllocator } from './pmm.js';
import { AddressSpaces } from './address-spaces.js';
import { FutexTable } from './futex.js';
import { IpcNamespace } from './ipc/namespace.js';
import { Process, Thread, type ExitStatus } from './process.js';
import { ProcessTable, type SpawnOptions } from './proc.js';
import { SignalDelivery } from './signal-delivery.js';
import { RunQueue, SliceTimer } from './scheduler.js';
import { threadArbiter, type ArbitratedMachine, type MachineArbiter } from './machine-arbiter.js';
import { UserLimits } from './limits.js';
import { FdBudget } from './fs/filetable.js';
import { SA_RESTART, SI_USER, SIGKILL } from './signals.js';
import { BLOCKED, type Waitable } from './syscall-abi.js';
import type { SyscallResult } from './syscalls/context.js';
import type { Blocker, IoctlContext, OpenFile } from './fs/file.js';
import type { Tty } from './fs/tty.js';
import { guestTtyIoctl, guestTtyUse, type TtyUse } from './tty-jobs.js';
import { SyscallDispatcher, type HandlerTable } from './syscalls/dispatch.js';
import { SYSCALL_NUMBERS } from './syscalls/numbers.js';
import { MM_SYSCALLS } from './syscalls/mm.js';
import { PROCESS_SYSCALLS } from './syscalls/process.js';
import { CLONE3_SYSCALLS } from './syscalls/clone3.js';
import { TIME_SYSCALLS } from './syscalls/time.js';
import { SIGNAL_SYSCALLS } from './syscalls/signal.js';
import { MISC_SYSCALLS } from './syscalls/misc.js';
import { FS_SYSCALLS } from './syscalls/fs.js';
import { POLL_SYSCALLS } from './syscalls/poll.js';
import { FUTEX_SYSCALLS } from './syscalls/futex.js';
import { NET_SYSCALLS } from './syscalls/net.js';
import { EVENT_SYSCALLS } from './syscalls/events.js';
import { SYSV_IPC_SYSCALLS } from './syscalls/sysv-ipc.js';
import { MQUEUE_SYSCALLS } from './syscalls/mqueue.js';
import { SCHED_SYSCALLS } from './syscalls/sched.js';
import { PROCESS_VM_SYSCALLS } from './syscalls/process-vm.js';
import { ADMIN_SYSCALLS } from './syscalls/admin.js';
import { CLOCK_ADMIN_SYSCALLS } from './syscalls/clock-admin.js';
import { MOUNT_SYSCALLS } from './syscalls/mount.js';
import { NAMESPACE_SYSCALLS } from './syscalls/namespaces.js';
import { MEMPOLICY_SYSCALLS } from './syscalls/mempolicy.js';
import { KCMP_SYSCALLS } from './syscalls/kcmp.js';
import { PKEY_SYSCALLS } from './syscalls/pkeys.js';
import { LANDLOCK_SYSCALLS } from './syscalls/landlock.js';
import { SECCOMP_SYSCALLS } from './syscalls/seccomp.js';
import { MemoryAdmission } from './memory-admission.js';
import { CNTKCTL_NORMAL, CNTKCTL_RECORDING, EC_BRK, EC_SVC64, EC_WATCHPOINT, handleTrap } from './trap.js';
import { AddressSpace, MAIR_VALUE, TCR_VALUE } from './vm.js';

export interface KernelOptions {
  /** An existing machine (default: a new one with `ramSize`). */
  machine?: Machine;
  ramSize?: number;
  logger?: Logger;
  /** Time slice per process turn (ms). */
  sliceMs?: number;
  /** Longest the run loop holds the event loop per tick (ms). */
  tickMs?: number;
  /** What shares the thread's CPU between its machines (default: this thread's, machine-arbiter.ts). */
  arbiter?: MachineArbiter;
  /** This machine's weight against the other machines of its thread (default 1: equal shares). */
  cpuWeight?: number;
  /** Most memory (bytes, pages plus page tables) one process may hold; default: all of RAM. */
  processMemoryLimit?: number;
  /** RLIMIT_NPROC: most tasks (processes and threads) one non-root uid may have; default 256 (limits.ts). */
  nproc?: number;
  /** Most tasks the whole machine may have, root's too (serve --machine-nproc; EAGAIN past it); default none. */
  machineNproc?: number;
  /** Most file descriptors all its processes may hold together (serve --machine-nofile; ENFILE past it); default none. */
  machineNofile?: number;
  /** Hard cap on the private memory (bytes) all processes of one non-root uid may commit together; default none, only the fair share rule (memory-admission.ts). */
  userMemoryLimit?: number;
  /** The file system: spawn() reads executables through it, syscalls open files in it. */
  vfs?: unknown;
  /** Called with one strace-like line per system call. */
  traceSyscalls?: (line: string) => void;
  /** Extra syscall handlers (tests). */
  syscalls?: HandlerTable;
  /**
   * Keep the host's event loop alive while any guest process lives (`run`: a guest blocked
   * in pause() waits for its signal, as under qemu, instead of Node exiting beneath it).
   */
  keepAlive?: boolean;
}

/** Calls that return EINTR after a handler even with SA_RESTART (Linux's sleeps and signal waits). */
const NO_RESTART = new Set([
  SYSCALL_NUMBERS.nanosleep, SYSCALL_NUMBERS.clock_nanosleep, SYSCALL_NUMBERS.rt_sigsuspend, 137 /* rt_sigtimedwait */,
  73 /* ppoll */, 72 /* pselect6 */, 22 /* epoll_pwait */, 441 /* epoll_pwait2 */,
  // System V IPC waits are never restarted (signal(7)).
  SYSCALL_NUMBERS.msgrcv, SYSCALL_NUMBERS.msgsnd, SYSCALL_NUMBERS.semop, SYSCALL_NUMBERS.semtimedop,
]);

/** Safety valve for run(): instructions per turn if the timer somehow never fires. */
const RUN_BUDGET = 400_000_000;

export class Kernel implements ProcessInfoSource {
  /** The process and thread table with its lifecycle: spawn, fork, clone, exec, exit (proc.ts). */
  readonly procs = new ProcessTable(this);
  /** Sending signals, job control, timers' signals and handler frames (signal-delivery.ts). */
  readonly signals = new SignalDelivery(this);
  readonly machine: Machine;
  readonly pmm: PhysicalPageAllocator;
  /** Every process's address space is made and freed here (ASIDs, page-table roots). */
  readonly addressSpaces: AddressSpaces;
  readonly logger: Logger;
  /** Processes (thread groups) by pid. */
  get processes(): Map<number, Process> {
    return this.procs.processes;
  }
  /** Every live thread by tid (a process's first thread has tid = pid). */
  get threads(): Map<number, Thread> {
    return this.procs.threads;
  }
  readonly futexes = new FutexTable();
  /** System V shared memory, semaphores and message queues, POSIX message queues (kernel/ipc/). */
  readonly ipc: IpcNamespace;
  readonly runQueue = new RunQueue();
  readonly timer: SliceTimer;
  readonly dispatcher: SyscallDispatcher;
  readonly bootTime = Date.now();
  /** The machine's host and domain names (uname, sethostname); a process may have its own (Process.uts). */
  readonly uts = new UtsNamespace();
  /** The kernel's message log (syslog(2), dmesg). */
  readonly kmsg = new KernelLog(this.bootTime);
  /** What settimeofday/clock_settime/adjtimex moved CLOCK_REALTIME by, in ns (the host's clock is never touched). */
  realtimeOffsetNs = 0n;
  /** adjtimex's NTP state (kernel/syscalls/clock-admin.ts). */
  ntp = { status: 0x40 /* STA_UNSYNC */, freq: 0, offset: 0, maxerror: 16000000, esterror: 16000000, constant: 2, tick: 10000, tai: 0 };
  /** acct(2)'s file, while process accounting is on (kernel/acct.ts). */
  accounting: OpenFile | null = null;
  /** reboot(LINUX_REBOOT_CMD_CAD_ON/OFF): what Ctrl-Alt-Del would do. */
  ctrlAltDelReboots = true;
  /** Milliseconds all threads spent running guest code, and time slices run (/proc/stat). */
  cpuMs = 0;
  contextSwitches = 0;
  /** /proc/loadavg's averages of the runnable threads. */
  readonly loadAverage = new LoadAverage();
  vfs: unknown;
  processMemoryLimit: number;
  /** Where exec's layout offsets and AT_RANDOM come from: a seeded source makes runs repeat (aslr.ts). */
  execEntropy: ExecEntropy = hostEntropy;
  /** False: every exec gets the unrandomised layout, as if each process had ADDR_NO_RANDOMIZE. */
  randomizeLayout = true;
  /** Per-user accounting: RLIMIT_NPROC, the per-user memory cap, the OOM victim (limits.ts). */
  readonly limits: UserLimits;
  /** Commit accounting: each uid's fair share of RAM, ENOMEM beyond it (memory-admission.ts). */
  readonly admission: MemoryAdmission;
  /** The fds all processes may hold together (serve --machine-nofile), shared by their tables; null: no such cap. */
  readonly fdBudget: FdBudget | null;
  private traceSink: ((line: string) => void) | undefined;
  /**
   * Fault injection (`run --inject clobber-x9`): every system call returns with user x9
   * overwritten, the bug akuma-vm's origin report hunted (shared/origin/USERSPACE_HEAP_BUG.md),
   * so its debugging guide can be followed on purpose. Off: one flag check per call.
   */
  injectClobberX9 = false;
  /** Shares the thread's CPU between this machine and the others on it (machine-arbiter.ts). */
  readonly arbiter: MachineArbiter;
  /** This kernel as the arbiter sees it: one turn of its next runnable thread at a time. */
  readonly arbitrated: ArbitratedMachine;
  private readonly tickMs: number;
  /** Generic counter ticks per millisecond of guest time (a turn's cost to the arbiter). */
  private readonly counterPerMs: number;
  /** The address space whose page tables TTBR0 points at (proc.ts forgets one it frees). */
  loadedVm: AddressSpace | null = null;
  /** The thread running now (null between turns). */
  current: Thread | null = null;
  private stopped = false;
  /** Native (TypeScript) programs the userland registered, and the state of running ones (native.ts). */
  readonly natives = new NativePrograms();
  readonly nativeStates = new WeakMap<Process, NativeState>();
  private readonly keepAliveWanted: boolean;
  private keepAlive: NodeJS.Timeout | null = null;

  constructor(options: KernelOptions = {}) {
    this.machine = options.machine ?? new Machine({ ramSize: options.ramSize });
    this.logger = options.logger ?? SILENT_LOGGER;
    this.pmm = new PhysicalPageAllocator(this.machine.memory);
    this.addressSpaces = new AddressSpaces(this.machine, this.pmm);
    this.ipc = new IpcNamespace(this.machine, this.pmm);
    this.processMemoryLimit = options.processMemoryLimit ?? this.machine.memory.size;
    this.limits = new UserLimits({ nproc: options.nproc, machineNproc: options.machineNproc, logger: this.logger });
    const nofile = options.machineNofile;
    this.fdBudget = nofile === undefined ? null : new FdBudget(nofile, () => {
      this.logger.warn({ fds: this.fdBudget?.open, machineNofile: nofile }, 'machine reached --machine-nofile: open fails with ENFILE');
    });
    this.admission = new MemoryAdmission({
      ramBytes: this.machine.memory.size,
      userMemoryLimit: options.userMemoryLimit,
      logger: this.logger,
      processes: () => this.processes.values(),
      uidOf: (p) => this.limits.uidOf(p),
    });
    this.tickMs = options.tickMs ?? 10;
    this.traceSink = options.traceSyscalls;
    this.vfs = options.vfs;
    this.keepAliveWanted = options.keepAlive ?? false;
    this.setupMachine();
    this.kmsg.log(KERN_INFO, 'Booting Linux on physical CPU 0x0000000000 [0x411fd070]', this.bootTime);
    this.kmsg.log(KERN_INFO, 'Linux version 6.1.0-akuma (akuma-vm) #1 SMP akuma-vm', this.bootTime);
    this.kmsg.log(KERN_INFO, 'Machine model: akuma-vm', this.bootTime);
    this.kmsg.log(KERN_INFO, `Memory: ${Math.floor(this.machine.memory.size / 1024)}K available`, this.bootTime);
    this.timer = new SliceTimer(this.machine, options.sliceMs ?? 5);
    this.counterPerMs = Number(this.machine.readSysReg('CNTFRQ_EL0')) / 1000;
    const kernel = this;
    this.arbitrated = {
      runTurn: () => this.runNextTurn(),
      hasWork: () => !this.stopped && this.runQueue.size > 0,
      sliceMs: this.timer.sliceMs,
      get tickMs() {
        return kernel.tickMs;
      },
    };
    this.arbiter = options.arbiter ?? threadArbiter;
    this.arbiter.join(this.arbitrated, options.cpuWeight);
    this.dispatcher = new SyscallDispatcher(
      this,
      MM_SYSCALLS, PROCESS_SYSCALLS, CLONE3_SYSCALLS, TIME_SYSCALLS, SIGNAL_SYSCALLS, MISC_SYSCALLS, FUTEX_SYSCALLS, SYSV_IPC_SYSCALLS, MQUEUE_SYSCALLS, SCHED_SYSCALLS, PROCESS_VM_SYSCALLS,
      ADMIN_SYSCALLS, CLOCK_ADMIN_SYSCALLS, MOUNT_SYSCALLS, NAMESPACE_SYSCALLS, MEMPOLICY_SYSCALLS, KCMP_SYSCALLS, PKEY_SYSCALLS, LANDLOCK_SYSCALLS, SECCOMP_SYSCALLS,
      // The file system's table last: where both define a call (readlinkat), theirs is complete.
      FS_SYSCALLS as unknown as HandlerTable,
      POLL_SYSCALLS as unknown as HandlerTable, NET_SYSCALLS as unknown as HandlerTable, EVENT_SYSCALLS as unknown as HandlerTable,
      options.syscalls ?? {},
    );
  }

  /** System registers as the kernel's boot code would leave them. */
  private setupMachine(): void {
    const m = this.machine;
    m.writeSysReg('MAIR_EL1', MAIR_VALUE);
    m.writeSysReg('TCR_EL1', TCR_VALUE);
    m.writeSysReg('TTBR1_EL1', 0n);
    // FP/SIMD at EL0 and EL1 (CPACR_EL1.FPEN = 0b11); EL0 may read the virtual and physical counters.
    m.writeSysReg('CPACR_EL1', 3n << 20n);
    m.writeSysReg('CNTKCTL_EL1', 3n);
    // SCTLR_EL1: MMU on, plus EL0 access to CTR_EL0 (UCT), DC ZVA (DZE), cache maintenance (UCI)
    // and WFI/WFE not trapped (nTWI, nTWE), as Linux sets it.
    const sctlr = m.readSysReg('SCTLR_EL1');
    m.writeSysReg('SCTLR_EL1', sctlr | 1n | (1n << 14n) | (1n << 15n) | (1n << 16n) | (1n << 18n) | (1n << 26n));
    m.writeSysReg('CNTV_CTL_EL0', 0n);
    m.invalidateTlb();
  }

  get tracing(): boolean {
    return this.traceSink !== undefined;
  }

  set traceSyscalls(sink: ((line: string) => void) | undefined) {
    this.traceSink = sink;
  }

  /** A traced event that is not a call (`+++ exited with 0 +++`, `--- SIGSEGV {...} ---`). */
  traceEvent(pid: number, text: string): void {
    this.traceSink?.(`[pid ${pid}] ${text}`);
  }

  /** One traced call: `[pid N] call` with `= result` at column 40, as strace -f lines it up. */
  trace(t: Thread, call: string, result: string): void {
    const line = (t.tid === t.pid ? `[pid ${t.pid}] ` : `[pid ${t.pid} tid ${t.tid}] `) + call;
    this.traceSink?.(line.length < 40 ? `${line.padEnd(40)}= ${result}` : `${line} = ${result}`);
  }

  // ---- Host API ------------------------------------------------------------------------

  /** Starts `path` (read through the file system) as a new process. Throws ExecError. */
  spawn(path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    return this.procs.spawn(path, argv, env, options);
  }

  /** Sends a signal from the host (kill(1)-like). Returns false if there is no such process. */
  kill(pid: number, sig: number): boolean {
    const p = this.processes.get(pid);
    if (!p || p.exit) return false;
    this.signals.signalProcess(p, sig, { code: SI_USER, pid: 0, uid: 0 });
    return true;
  }

  /** Job control when a guest thread reads, writes or changes a terminal (kernel/tty-jobs.ts). */
  ttyUse(t: Thread, tty: Tty, use: TtyUse, b: Blocker): typeof BLOCKED | null {
    return guestTtyUse(this, t, tty, use, b);
  }

  /** The session ioctls of a terminal, answered for the calling thread's process (kernel/tty-jobs.ts). */
  ttyIoctl(t: Thread, tty: Tty, request: number, arg: number, ctx: IoctlContext & Blocker): SyscallResult | null {
    return guestTtyIoctl(this, t, tty, request, arg, ctx);
  }

  /** Writes text to a process's stderr (fault reports); falls back to the log. */
  writeStderr(target: Process | Thread, text: string): void {
    const p = target instanceof Thread ? target.process : target;
    const data = new TextEncoder().encode(text);
    try {
      const f = p.files.get(2);
      let off = 0;
      for (let tries = 0; off < data.length && tries < 64; tries++) {
        const n = f.write(data.subarray(off), { block: () => BLOCKED });
        if (n === BLOCKED || n <= 0) break;
        off += n;
      }
      if (off >= data.length) return;
    } catch {
      // No usable stderr: the log gets it.
    }
    this.logger.warn({ pid: p.pid, report: text.trimEnd() }, 'fault report');
  }

  // ---- Blocking ------------------------------------------------------------------------

  /** Parks t until one of `on` wakes or the timeout passes (ctx.block). */
  block(t: Thread, on: Waitable | Waitable[] | null, timeoutMs?: number): void {
    t.unblock?.();
    const queues = on === null ? [] : Array.isArray(on) ? on : [on];
    let timer: NodeJS.Timeout | undefined;
    const wake = (): void => this.wake(t);
    for (const q of queues) q.addWaiter(wake);
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) timer = setTimeout(wake, Math.max(0, Math.min(timeoutMs, 2 ** 31 - 1)));
    t.unblock = () => {
      for (const q of queues) q.removeWaiter(wake);
      if (timer) clearTimeout(timer);
    };
    t.state = 'blocked';
    this.updateKeepAlive();
  }

  /** Makes a blocked thread runnable (its syscall re-runs). */
  wake(t: Thread): void {
    if (t.state !== 'blocked') return;
    t.unblock?.();
    t.unblock = null;
    this.makeRunnable(t);
  }

  makeRunnable(t: Thread): void {
    if (this.nativeStates.has(t.process)) return; // native.ts: its code runs on the event loop, not the CPU
    if (t.process.debugger?.holds(t)) {
      t.state = 'runnable'; // kernel/debug/: stopped in the debugger, released when gdb resumes
      return;
    }
    const parked = this.signals.parkedThreads.get(t.process); // job control: a stopped process's threads wait for SIGCONT
    if (parked) {
      t.state = 'runnable';
      parked.add(t);
      return;
    }
    t.state = 'runnable';
    this.runQueue.add(t);
    this.scheduleLoop();
  }

  /**
   * While a guest process lives, it can still be woken (a signal, a timer, another
   * process), so the host must not exit under it: a ref'd interval keeps Node's event
   * loop alive exactly as long as there are processes. Hosts that want to exit anyway
   * call shutdown() or stop().
   */
  updateKeepAlive(): void {
    const want = this.processes.size > 0 && !this.stopped && this.keepAliveWanted;
    if (want && !this.keepAlive) this.keepAlive = setInterval(() => undefined, 1 << 30);
    else if (!want && this.keepAlive) {
      clearInterval(this.keepAlive);
      this.keepAlive = null;
    }
  }

  // ---- The run loop --------------------------------------------------------------------

  private scheduleLoop(): void {
    if (this.stopped) return;
    this.arbiter.wake(this.arbitrated);
  }

  /**
   * One turn on the CPU for the next runnable thread, when the arbiter gives this machine
   * one; returns the guest time it used (ms of the generic counter: instructions on a
   * deterministic machine, host time otherwise).
   */
  private runNextTurn(): number {
    if (this.stopped) return 0;
    const t = this.runQueue.next();
    if (!t) return 0;
    const from = this.machine.readSysReg('CNTVCT_EL0');
    try {
      this.runTurn(t);
    } catch (e) {
      // A host exception while running a guest (an emulator bug) ends that process, not the server.
      this.logger.error({ pid: t.pid, tid: t.tid, err: (e as Error)?.stack ?? String(e) }, 'internal error while running process');
      this.loadedVm = null;
      this.writeStderr(t, `[Kernel] internal error: ${(e as Error)?.message ?? e}\n`);
      this.procs.exitProcess(t.process, 0, SIGKILL);
    }
    this.current = null;
    return Number(this.machine.readSysReg('CNTVCT_EL0') - from) / this.counterPerMs;
  }

  /** This machine's share of its thread's CPU so far (turns and guest time, machine-arbiter.ts). */
  cpuShare(): { cpuMs: number; turns: number } {
    const s = this.arbiter.share(this.arbitrated);
    return { cpuMs: s?.cpuMs ?? 0, turns: s?.turns ?? 0 };
  }

  /** Stops scheduling (tests, shutdown). Processes stay as they are. */
  stop(): void {
    if (!this.stopped) {
      const share = this.cpuShare();
      this.logger.info({ cpuMs: Math.round(this.cpuMs), turns: share.turns, guestCpuMs: Math.round(share.cpuMs), contextSwitches: this.contextSwitches, forks: this.procs.created }, 'machine stopped');
    }
    this.stopped = true;
    this.arbiter.leave(this.arbitrated);
    this.updateKeepAlive();
  }

  /** Kills every process and stops. */
  shutdown(): void {
    for (const p of [...this.processes.values()]) this.procs.exitProcess(p, 0, SIGKILL);
    this.stop();
  }

  /** Runs t for up to one time slice. */
  private runTurn(t: Thread): void {
    t.state = 'running';
    this.current = t;
    if (t.blockedSyscall >= 0) {
      if (t.interrupted) {
        // A handled signal interrupted the wait. With SA_RESTART (and not a sleep, as in Linux)
        // the SVC runs again after the handler: x0 still holds the first argument, PC goes back
        // to the SVC. Otherwise the call fails with EINTR.
        const sig = t.nextSignal();
        const nr = t.blockedSyscall;
        t.interrupted = false;
        t.blockedSyscall = -1;
        t.syscallState = undefined;
        t.unblock?.();
        t.unblock = null;
        t.waitingFor = 0n;
        const sleeps = NO_RESTART.has(nr);
        if (sig && t.process.handlers.actions[sig].flags & SA_RESTART && !sleeps) {
          const pc = t.pc - 4;
          t.ctx.pcLo = pc % 4294967296 | 0;
          t.ctx.pcHi = Math.floor(pc / 4294967296);
        } else {
          t.ctx.x[0] = -Errno.EINTR;
          t.ctx.x[1] = -1;
        }
      } else {
        // A woken call's re-run is CPU time too (system time: dispatch counts it in sysMs).
        const before = t.sysMs;
        const goOn = this.dispatcher.dispatch(t);
        t.cpuMs += t.sysMs - before;
        if (!goOn) return;
      }
    }
    t.interrupted = false;
    if (!this.signals.deliverSignals(t)) return;
    this.timer.arm();
    const started = performance.now();
    t.runningSince = started;
    try {
      this.runGuest(t);
    } finally {
      t.runningSince = 0;
      const ms = performance.now() - started;
      t.cpuMs += ms;
      this.cpuMs += ms;
      this.contextSwitches++;
      this.timer.disarm();
      const timers = t.process.timers;
      if (timers?.cpuArmed) timers.checkCpu();
    }
  }

  /** Loads t into the CPU and runs it until its slice ends, it blocks, or it exits. */
  private runGuest(t: Thread): void {
    const m = this.machine;
    for (;;) {
      const dbg = t.process.debugger;
      // kernel/debug/recording.ts: what the kernel changed since the thread entered it (--record).
      dbg?.recorder?.resuming(t);
      m.restoreContext(t.ctx);
      if (this.loadedVm !== t.vm) {
        m.writeSysReg('TTBR0_EL1', t.vm.ttbr0);
        this.loadedVm = t.vm;
      }
      m.exceptionReturn();
      const before = m.cpu.icount;
      // Data watchpoints are per debugged process; the machine refills its TLB only when the list changes.
      m.setWatchpoints(dbg ? dbg.watchpoints : NO_WATCHPOINTS);
      // A recorded run reads the counter through the kernel, so that the values are in its log.
      const recorded = dbg?.recorder != null;
      if (recorded) m.writeSysReg('CNTKCTL_EL1', CNTKCTL_RECORDING);
      let reason = m.run(dbg?.budgetFor(t) ?? RUN_BUDGET);
      if (recorded) m.writeSysReg('CNTKCTL_EL1', CNTKCTL_NORMAL);
      const retired = m.cpu.icount - before;
      t.instructions += retired;
      const budgetEnded = reason === StopReason.BUDGET;
      if (reason === StopReason.BUDGET || reason === StopReason.REQUESTED || reason === StopReason.WFI) {
        if (m.exceptionLevel === 0) m.cpu.takeInterrupt();
        reason = StopReason.IRQ;
      }
      m.saveContext(t.ctx);
      dbg?.recorder?.entered(t, retired, reason === StopReason.IRQ ? -1 : m.syndrome.ec);
      if (reason === StopReason.IRQ) {
        // A single step that retired its instruction stops in the debugger.
        if (dbg && budgetEnded && retired > 0 && dbg.stepped(t)) return;
        this.makeRunnable(t);
        return;
      }
      // A synchronous exception from EL0.
      const { ec, iss } = m.syndrome;
      if (ec === EC_SVC64) {
        if (!this.dispatcher.dispatch(t)) return;
        if (dbg && dbg.stepped(t)) return; // a stepped SVC stops after the call, as under ptrace
      } else if (dbg && ec === EC_BRK && dbg.breakpointHit(t, t.pc)) {
        return;
      } else if (ec === EC_WATCHPOINT) {
        // Before the access: t's pc is the instruction. Not the debugger's (it went away): run on.
        if (dbg?.watchpointHit(t, Number(m.readSysReg('FAR_EL1')), (iss & (1 << 6)) !== 0)) return;
        m.setWatchpoints(NO_WATCHPOINTS);
      } else if (!handleTrap(this, t, ec, iss)) {
        return;
      }
      if (!this.signals.deliverSignals(t)) return;
      if (t.yieldNow || this.timer.expired()) {
        t.yieldNow = false;
        this.makeRunnable(t);
        return;
      }
    }
  }

  /**
   * Runs thread t's saved context for up to `budget` instructions outside the scheduler, with
   * these data watchpoints and no timer (kernel/debug/replay.ts re-executes recorded history
   * this way): the exception, if one ended the run, is left in ESR_EL1/FAR_EL1 for the caller;
   * the end of the budget is reported as IRQ, as runGuest sees it.
   */
  runDetached(t: Thread, budget: number, watchpoints: readonly Watchpoint[]): { reason: StopReason; retired: number } {
    const m = this.machine;
    m.restoreContext(t.ctx);
    m.writeSysReg('TTBR0_EL1', t.vm.ttbr0);
    this.loadedVm = t.vm;
    m.exceptionReturn();
    m.setWatchpoints(watchpoints);
    const timer = m.readSysReg('CNTV_CTL_EL0');
    m.writeSysReg('CNTV_CTL_EL0', 0n); // no slice ends here: the budget is the caller's
    m.writeSysReg('CNTKCTL_EL1', CNTKCTL_RECORDING); // counter reads trap, as when they were recorded
    const before = m.cpu.icount;
    let reason: StopReason;
    try {
      reason = m.run(budget);
    } finally {
      m.writeSysReg('CNTV_CTL_EL0', timer & 1n);
      m.writeSysReg('CNTKCTL_EL1', CNTKCTL_NORMAL);
    }
    const retired = m.cpu.icount - before;
    if (reason === StopReason.BUDGET || reason === StopReason.REQUESTED || reason === StopReason.WFI) {
      if (m.exceptionLevel === 0) m.cpu.takeInterrupt();
      reason = StopReason.IRQ;
    }
    m.saveContext(t.ctx);
    m.setWatchpoints(NO_WATCHPOINTS);
    return { reason, retired };
  }

  // ---- /proc ---------------------------------------------------------------------------

  pids(): number[] {
    return [...this.processes.keys()].sort((a, b) => a - b);
  }

  process(pid: number): ProcessInfo | undefined {
    const p = this.processes.get(pid);
    if (!p) return undefined;
    const info = p.info();
    info.startMs = p.startTime - this.bootTime;
    // A stop signal parks every thread until SIGCONT: the whole group shows T (stopped).
    if (!p.exit && this.signals.stoppedProcesses.has(p)) {
      info.state = 'T';
      const thread = info.thread;
      info.thread = (tid) => {
        const t = thread?.(tid);
        return t && { ...t, state: 'T' };
      };
    }
    return info;
  }

  utsNames(pid: number | null): { nodename: string; domainname: string } {
    return (pid !== null ? this.processes.get(pid)?.uts : null) ?? this.uts;
  }

  terminals(): Array<{ tty: Tty; uid: number }> {
    const seen = new Set<Tty>();
    for (const p of this.processes.values()) if (!p.exit && p.tty) seen.add(p.tty);
    return [...seen].map((tty) => ({ tty, uid: this.terminalOwner(tty) }));
  }

  /**
   * The uid that owns a terminal: its session leader's, as login and sshd make it on Linux,
   * else that of the first live process that has it, else root.
   */
  terminalOwner(tty: Tty): number {
    let owner: number | undefined;
    for (const p of this.processes.values()) {
      if (p.exit || p.tty !== tty) continue;
      if (p.pid === p.sid) return p.uid ?? 0;
      owner ??= p.uid ?? 0;
    }
    return owner ?? 0;
  }

  /** A process was started on `tty`: from now on the terminal's owner is the kernel's answer (fstat of an fd on it agrees with /dev/pts). */
  adoptTerminal(tty: Tty): void {
    tty.ownerUid = () => this.terminalOwner(tty);
  }

  systemStats(): SystemStats {
    let running = 0;
    let blocked = 0;
    let threads = 0;
    for (const p of this.processes.values()) {
      for (const t of p.threads) {
        threads++;
        if (t.state === 'running' || t.state === 'runnable') running++;
        else if (t.state === 'blocked') blocked++;
      }
    }
    const upMs = Date.now() - this.bootTime;
    return {
      userMs: this.cpuMs, idleMs: Math.max(0, upMs - this.cpuMs), bootEpochSeconds: Math.floor(this.bootTime / 1000),
      forks: this.procs.created, lastPid: this.procs.lastPid, running, blocked, threads,
      contextSwitches: this.contextSwitches, loads: this.loadAverage.sample(running),
    };
  }

  memory(): MemoryInfo {
    const total = this.pmm.totalPages * 4;
    const free = this.pmm.freePages * 4;
    return { totalKb: total, freeKb: free, availableKb: free };
  }

  uptime(): number {
    return (Date.now() - this.bootTime) / 1000;
  }
}

export type { ExitStatus };
