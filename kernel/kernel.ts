/**
 * The kernel: boots a Machine, owns physical memory, processes and the scheduler, and runs
 * guest code on the Node event loop.
 *
 * The run loop executes guest code in ticks of a few milliseconds (setImmediate between
 * ticks, so sockets and timers are served); within a tick, processes take turns of one
 * time slice each, ended by the generic timer's interrupt. When nothing is runnable the
 * loop is not scheduled at all: a blocked process costs nothing until something wakes it.
 *
 * Host API: spawn(path, argv, env, {cwd, stdin, stdout, stderr}) -> Process, whose
 * `exited` promise gives its ExitStatus; kill(pid, sig).
 */

import pino, { type Logger } from 'pino';
import { Machine, StopReason } from '../machine/machine.js';
import { Errno, SyscallError } from './errno.js';
import { ExecError, loadProgram, SIGRETURN_TRAMPOLINE } from './exec.js';
import { FileTable } from './fs/filetable.js';
import type { OpenFile } from './fs/file.js';
import type { MemoryInfo, ProcessInfo, ProcessInfoSource } from './fs/process.js';
import { PhysicalPageAllocator } from './pmm.js';
import { exitStatusOf, Process, type ExitStatus } from './process.js';
import { RunQueue, SliceTimer } from './scheduler.js';
import {
  buildSigFrame, defaultAction, DefaultAction, SA_NODEFER, SA_RESETHAND, SA_RESTART, SA_RESTORER, sigBit, SIG_DFL, SIG_IGN, SIGFRAME_SIZE,
  SIGCHLD, SIGFRAME_TOTAL, SIGFRAME_UCONTEXT, SIGKILL, SIGNAL_NAMES, SIGSEGV,
} from './signals.js';
import { BLOCKED, type Waitable } from './syscalls/context.js';
import { SyscallDispatcher, type HandlerTable } from './syscalls/dispatch.js';
import { SYSCALL_NUMBERS } from './syscalls/numbers.js';
import { MM_SYSCALLS } from './syscalls/mm.js';
import { PROCESS_SYSCALLS } from './syscalls/process.js';
import { TIME_SYSCALLS } from './syscalls/time.js';
import { SIGNAL_SYSCALLS } from './syscalls/signal.js';
import { MISC_SYSCALLS } from './syscalls/misc.js';
import { FS_SYSCALLS } from './syscalls/fs.js';
import { classifyTrap, EC_SVC64 } from './trap.js';
import { AddressSpace, MAIR_VALUE, ProcessMemory, TCR_VALUE } from './vm.js';

export interface KernelOptions {
  /** An existing machine (default: a new one with `ramSize`). */
  machine?: Machine;
  ramSize?: number;
  logger?: Logger;
  /** Time slice per process turn (ms). */
  sliceMs?: number;
  /** Longest the run loop holds the event loop per tick (ms). */
  tickMs?: number;
  /** Most memory (bytes, pages plus page tables) one process may hold; default: all of RAM. */
  processMemoryLimit?: number;
  /** The file system: spawn() reads executables through it, syscalls open files in it. */
  vfs?: unknown;
  /** Called with one strace-like line per system call. */
  traceSyscalls?: (line: string) => void;
  /** Extra syscall handlers (tests). */
  syscalls?: HandlerTable;
}

export interface SpawnOptions {
  cwd?: string;
  stdin?: OpenFile;
  stdout?: OpenFile;
  stderr?: OpenFile;
  /** A complete file table instead of stdin/stdout/stderr (taken over by the process). */
  files?: FileTable;
  ppid?: number;
  uid?: number;
  gid?: number;
  /** Controlling terminal for /dev/tty. */
  tty?: Process['tty'];
}

/** Reads executables for spawn(); the fs engineer's Vfs provides `readFile`-like access. */
export interface ExecutableSource {
  readExecutable(path: string, cwd: string): { data: Uint8Array; path: string };
}

const MAX_ASID = 0xffff;
/** Safety valve for run(): instructions per turn if the timer somehow never fires. */
const RUN_BUDGET = 400_000_000;

export class Kernel implements ProcessInfoSource {
  readonly machine: Machine;
  readonly pmm: PhysicalPageAllocator;
  readonly logger: Logger;
  readonly processes = new Map<number, Process>();
  readonly runQueue = new RunQueue();
  readonly timer: SliceTimer;
  readonly dispatcher: SyscallDispatcher;
  readonly bootTime = Date.now();
  vfs: unknown;
  executables: ExecutableSource | null = null;
  processMemoryLimit: number;
  private traceSink: ((line: string) => void) | undefined;
  private nextPid = 1;
  private readonly freeAsids: number[] = [];
  private nextAsid = 1;
  private loopScheduled = false;
  private readonly tickMs: number;
  /** The process whose context and TTBR0 are loaded in the CPU. */
  private loaded: Process | null = null;
  private stopped = false;

  constructor(options: KernelOptions = {}) {
    this.machine = options.machine ?? new Machine({ ramSize: options.ramSize });
    this.logger = options.logger ?? pino({ level: 'silent' });
    this.pmm = new PhysicalPageAllocator(this.machine.memory);
    this.processMemoryLimit = options.processMemoryLimit ?? this.machine.memory.size;
    this.tickMs = options.tickMs ?? 10;
    this.traceSink = options.traceSyscalls;
    this.vfs = options.vfs;
    this.setupMachine();
    this.timer = new SliceTimer(this.machine, options.sliceMs ?? 5);
    this.dispatcher = new SyscallDispatcher(
      this,
      MM_SYSCALLS, PROCESS_SYSCALLS, TIME_SYSCALLS, SIGNAL_SYSCALLS, MISC_SYSCALLS,
      // The file system's table last: where both define a call (readlinkat), theirs is complete.
      FS_SYSCALLS as unknown as HandlerTable,
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

  trace(p: Process, line: string): void {
    this.traceSink?.(`[pid ${p.pid}] ${line}`);
  }

  // ---- Processes -----------------------------------------------------------------------

  private allocAsid(): number {
    if (this.freeAsids.length) return this.freeAsids.pop()!;
    if (this.nextAsid > MAX_ASID) return -1;
    return this.nextAsid++;
  }

  /** Reads an executable through the file system (ENOENT/EACCES/EISDIR as ExecError). */
  private readExecutable(path: string, cwd: string): { data: Uint8Array; path: string } {
    if (this.executables) return this.executables.readExecutable(path, cwd);
    const vfs = this.vfs as { readExecutable?: (path: string, cwd: string) => { data: Uint8Array; path: string } } | undefined;
    if (vfs?.readExecutable) return vfs.readExecutable(path, cwd);
    throw new SyscallError(Errno.ENOENT);
  }

  /** Starts `path` (read through the file system) as a new process. Throws ExecError. */
  spawn(path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    const cwd = options.cwd ?? '/';
    let file: { data: Uint8Array; path: string };
    try {
      file = this.readExecutable(path, cwd);
    } catch (e) {
      if (e instanceof SyscallError) throw new ExecError(e.errno, errnoText(e.errno), path);
      throw e;
    }
    return this.spawnImage(file.data, file.path, argv, env, options);
  }

  /** Starts an ELF image (already in host memory) as a new process named `path`. Throws ExecError. */
  spawnImage(image: Uint8Array, path: string, argv: readonly string[], env: readonly string[], options: SpawnOptions = {}): Process {
    const asid = this.allocAsid();
    if (asid < 0) throw new ExecError(Errno.EAGAIN, 'too many processes', path);
    let vm: AddressSpace;
    try {
      vm = new AddressSpace(this.machine, this.pmm, asid, { maxPages: Math.floor(this.processMemoryLimit / 4096) });
    } catch {
      this.freeAsids.push(asid);
      throw new ExecError(Errno.ENOMEM, 'out of memory', path);
    }
    let loaded;
    try {
      loaded = loadProgram(vm, image, path, argv, env, { uid: options.uid ?? 0, gid: options.gid ?? 0 });
    } catch (e) {
      vm.release();
      this.freeAsids.push(asid);
      if (e instanceof ExecError) throw new ExecError(e.errno, e.reason, path);
      throw e;
    }
    const files = options.files ?? new FileTable();
    if (!options.files) {
      const stdio = [options.stdin, options.stdout, options.stderr];
      stdio.forEach((f, fd) => {
        if (f) files.installAt(fd, f.retain());
      });
    }
    const pid = this.nextPid++;
    const name = path.slice(path.lastIndexOf('/') + 1);
    const p = new Process(pid, options.ppid ?? 0, name, path, [...argv], [...env], options.cwd ?? '/', files, vm);
    p.uid = options.uid ?? 0;
    p.gid = options.gid ?? 0;
    p.tty = options.tty;
    const ctx = p.ctx;
    ctx.pcLo = loaded.entry % 4294967296 | 0;
    ctx.pcHi = Math.floor(loaded.entry / 4294967296);
    ctx.x[62] = loaded.sp | 0;
    ctx.x[63] = 0;
    this.processes.set(pid, p);
    this.logger.info({ pid, cmd: path, argv: [...argv] }, 'process started');
    this.makeRunnable(p);
    return p;
  }

  /**
   * execve: replaces p's image with `path`. On failure (ExecError/SyscallError) p keeps its
   * old image untouched; on success its memory, registers, close-on-exec fds and caught
   * signals are reset, as Linux does.
   */
  execProcess(p: Process, path: string, argv: readonly string[], env: readonly string[]): void {
    const file = this.readExecutable(path, p.cwd);
    const asid = this.allocAsid();
    if (asid < 0) throw new SyscallError(Errno.EAGAIN);
    const vm = new AddressSpace(this.machine, this.pmm, asid, { maxPages: Math.floor(this.processMemoryLimit / 4096) });
    let loaded;
    try {
      loaded = loadProgram(vm, file.data, file.path, argv, env, { uid: p.uid, gid: p.gid });
    } catch (e) {
      vm.release();
      this.freeAsids.push(asid);
      throw e;
    }
    const old = p.vm;
    p.vm = vm;
    p.mem = new ProcessMemory(vm);
    old.release();
    this.freeAsids.push(old.asid);
    if (this.loaded === p) this.loaded = null;
    const ctx = p.ctx;
    ctx.x.fill(0);
    ctx.v.fill(0);
    ctx.nzcv = ctx.fpcr = ctx.fpsr = ctx.tpidrLo = ctx.tpidrHi = ctx.tpidrroLo = ctx.tpidrroHi = 0;
    ctx.pcLo = loaded.entry % 4294967296 | 0;
    ctx.pcHi = Math.floor(loaded.entry / 4294967296);
    ctx.x[62] = loaded.sp | 0;
    p.exe = file.path;
    p.name = file.path.slice(file.path.lastIndexOf('/') + 1);
    p.argv = [...argv];
    p.env = [...env];
    p.clearChildTid = 0;
    p.robustList = 0;
    p.files.closeOnExec();
    for (const a of p.signals.actions) {
      if (a.handler !== SIG_IGN) a.handler = SIG_DFL;
      a.flags = 0;
      a.restorer = 0n;
      a.mask = 0n;
    }
    p.vforkReleased = true;
    for (const w of [...p.vforkDone]) w();
    p.vforkDone.clear();
    this.logger.info({ pid: p.pid, cmd: file.path, argv: [...argv] }, 'process exec');
  }

  /** fork: a copy of p (memory copied, files shared, signal handlers kept) returning 0 in the child. */
  forkProcess(p: Process): Process {
    const asid = this.allocAsid();
    if (asid < 0) throw new SyscallError(Errno.EAGAIN);
    const vm = new AddressSpace(this.machine, this.pmm, asid, { maxPages: Math.floor(this.processMemoryLimit / 4096) });
    if (!p.vm.copyInto(vm)) {
      vm.release();
      this.freeAsids.push(asid);
      throw new SyscallError(Errno.ENOMEM);
    }
    const pid = this.nextPid++;
    const child = new Process(pid, p.pid, p.name, p.exe, [...p.argv], [...p.env], p.cwd, p.files.clone(), vm);
    child.uid = p.uid;
    child.gid = p.gid;
    child.umask = p.umask;
    child.tty = p.tty;
    child.ctx.x.set(p.ctx.x);
    child.ctx.v.set(p.ctx.v);
    Object.assign(child.ctx, { ...p.ctx, x: child.ctx.x, v: child.ctx.v });
    child.ctx.x[0] = 0;
    child.ctx.x[1] = 0;
    const sigs = p.signals.clone();
    child.signals.actions.splice(0, child.signals.actions.length, ...sigs.actions);
    child.signals.blocked = sigs.blocked;
    p.children.add(pid);
    this.processes.set(pid, child);
    this.logger.info({ pid, ppid: p.pid, cmd: p.exe }, 'process forked');
    this.makeRunnable(child);
    return child;
  }

  /** Sends a signal from the host (kill(1)-like). Returns false if there is no such process. */
  kill(pid: number, sig: number): boolean {
    const p = this.processes.get(pid);
    if (!p || p.exit) return false;
    this.sendSignal(p, sig);
    return true;
  }

  /** Queues a signal; fatal default actions end the process at once, handled ones interrupt a block. */
  sendSignal(p: Process, sig: number, info?: { code: number; addr: bigint; pid: number }): void {
    if (sig === 0 || p.exit) return;
    if (sig === SIGKILL) return this.exitProcess(p, 0, SIGKILL);
    const s = p.signals;
    if (s.ignored(sig)) return;
    s.pending |= sigBit(sig);
    if (info) s.info.set(sig, info);
    if (s.blocked & sigBit(sig)) return;
    const action = s.actions[sig];
    if (action.handler === SIG_DFL) {
      const d = defaultAction(sig);
      if (d === DefaultAction.TERMINATE || d === DefaultAction.CORE) return this.exitProcess(p, 0, sig);
      s.pending &= ~sigBit(sig);
      return;
    }
    if (p.state === 'blocked') {
      p.interrupted = true;
      this.wake(p);
    }
  }

  /** Ends a process: frees its memory and files, wakes whoever waits for it. */
  exitProcess(p: Process, code: number, signal: number | null = null): void {
    if (p.exit) return;
    const status = exitStatusOf(code, signal);
    p.exit = status;
    p.unblock?.();
    p.unblock = null;
    this.runQueue.remove(p);
    p.state = 'zombie';
    if (this.loaded === p) this.loaded = null;
    try {
      p.files.closeAll();
    } catch (e) {
      this.logger.error({ pid: p.pid, err: (e as Error).message }, 'closing files at exit failed');
    }
    p.vm.release();
    this.freeAsids.push(p.vm.asid);
    this.processes.delete(p.pid);
    // Children of a guest parent stay as zombies until wait4; orphans go to the host (ppid 0).
    for (const c of p.children) {
      const child = this.processes.get(c);
      if (child) child.ppid = 0;
    }
    p.children.clear();
    p.zombies.length = 0;
    const parent = p.ppid ? this.processes.get(p.ppid) : undefined;
    if (parent && parent.children.delete(p.pid)) {
      parent.zombies.push({ pid: p.pid, exit: status });
      for (const w of [...parent.childExits]) w();
      this.sendSignal(parent, SIGCHLD);
    }
    p.vforkReleased = true;
    for (const w of [...p.vforkDone]) w();
    p.vforkDone.clear();
    this.logger.info({ pid: p.pid, cmd: p.exe, code: status.code, signal: signal ? SIGNAL_NAMES[signal] ?? signal : undefined, ms: Date.now() - p.startTime }, 'process exited');
    for (const w of [...p.exitWaiters]) w();
    p.exitWaiters.clear();
    p.resolveExit(status);
  }

  /** Writes text to a process's stderr (fault reports); falls back to the log. */
  writeStderr(p: Process, text: string): void {
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

  /** Parks p until one of `on` wakes or the timeout passes (ctx.block). */
  block(p: Process, on: Waitable | Waitable[] | null, timeoutMs?: number): void {
    p.unblock?.();
    const queues = on === null ? [] : Array.isArray(on) ? on : [on];
    let timer: NodeJS.Timeout | undefined;
    const wake = (): void => this.wake(p);
    for (const q of queues) q.addWaiter(wake);
    if (timeoutMs !== undefined && Number.isFinite(timeoutMs)) timer = setTimeout(wake, Math.max(0, timeoutMs));
    p.unblock = () => {
      for (const q of queues) q.removeWaiter(wake);
      if (timer) clearTimeout(timer);
    };
    p.state = 'blocked';
  }

  /** Makes a blocked process runnable (its syscall re-runs). */
  wake(p: Process): void {
    if (p.state !== 'blocked') return;
    p.unblock?.();
    p.unblock = null;
    this.makeRunnable(p);
  }

  private makeRunnable(p: Process): void {
    p.state = 'runnable';
    this.runQueue.add(p);
    this.scheduleLoop();
  }

  // ---- The run loop --------------------------------------------------------------------

  private scheduleLoop(): void {
    if (this.loopScheduled || this.stopped) return;
    this.loopScheduled = true;
    setImmediate(this.tick);
  }

  private readonly tick = (): void => {
    this.loopScheduled = false;
    if (this.stopped) return;
    const deadline = performance.now() + this.tickMs;
    for (;;) {
      const p = this.runQueue.next();
      if (!p) break;
      try {
        this.runTurn(p);
      } catch (e) {
        // A host exception while running a guest (an emulator bug) ends that process, not the server.
        this.logger.error({ pid: p.pid, err: (e as Error)?.stack ?? String(e) }, 'internal error while running process');
        this.loaded = null;
        this.writeStderr(p, `[Kernel] internal error: ${(e as Error)?.message ?? e}\n`);
        this.exitProcess(p, 0, SIGKILL);
      }
      if (performance.now() >= deadline) break;
    }
    if (this.runQueue.size) this.scheduleLoop();
  };

  /** Stops scheduling (tests, shutdown). Processes stay as they are. */
  stop(): void {
    this.stopped = true;
  }

  /** Kills every process and stops. */
  shutdown(): void {
    for (const p of [...this.processes.values()]) this.exitProcess(p, 0, SIGKILL);
    this.stop();
  }

  /** Runs p for up to one time slice. */
  private runTurn(p: Process): void {
    p.state = 'running';
    if (p.blockedSyscall >= 0) {
      if (p.interrupted) {
        // A handled signal interrupted the wait. With SA_RESTART (and not a sleep, as in Linux)
        // the SVC runs again after the handler: x0 still holds the first argument, PC goes back
        // to the SVC. Otherwise the call fails with EINTR.
        const sig = p.signals.next();
        const nr = p.blockedSyscall;
        p.interrupted = false;
        p.blockedSyscall = -1;
        p.syscallState = undefined;
        const sleeps = nr === SYSCALL_NUMBERS.nanosleep || nr === SYSCALL_NUMBERS.clock_nanosleep || nr === SYSCALL_NUMBERS.rt_sigsuspend;
        if (sig && p.signals.actions[sig].flags & SA_RESTART && !sleeps) {
          const pc = p.pc - 4;
          p.ctx.pcLo = pc % 4294967296 | 0;
          p.ctx.pcHi = Math.floor(pc / 4294967296);
        } else {
          p.ctx.x[0] = -Errno.EINTR;
          p.ctx.x[1] = -1;
        }
      } else if (!this.dispatcher.dispatch(p)) {
        return;
      }
    }
    p.interrupted = false;
    if (!this.deliverSignals(p)) return;
    this.timer.arm();
    const started = performance.now();
    try {
      this.runGuest(p);
    } finally {
      p.cpuMs += performance.now() - started;
      this.timer.disarm();
    }
  }

  /** Loads p into the CPU and runs it until its slice ends, it blocks, or it exits. */
  private runGuest(p: Process): void {
    const m = this.machine;
    for (;;) {
      m.restoreContext(p.ctx);
      if (this.loaded !== p) {
        m.writeSysReg('TTBR0_EL1', p.vm.ttbr0);
        this.loaded = p;
      }
      m.exceptionReturn();
      const before = m.cpu.icount;
      let reason = m.run(RUN_BUDGET);
      p.instructions += m.cpu.icount - before;
      if (reason === StopReason.BUDGET || reason === StopReason.REQUESTED || reason === StopReason.WFI) {
        if (m.exceptionLevel === 0) m.cpu.takeInterrupt();
        reason = StopReason.IRQ;
      }
      m.saveContext(p.ctx);
      if (reason === StopReason.IRQ) {
        this.makeRunnable(p);
        return;
      }
      // A synchronous exception from EL0.
      const { ec, iss } = m.syndrome;
      if (ec === EC_SVC64) {
        if (!this.dispatcher.dispatch(p)) return;
      } else if (!this.handleTrap(p, ec, iss)) {
        return;
      }
      if (!this.deliverSignals(p)) return;
      if (p.yieldNow || this.timer.expired()) {
        p.yieldNow = false;
        this.makeRunnable(p);
        return;
      }
    }
  }

  /** Handles a non-SVC exception; returns true when p can continue. */
  private handleTrap(p: Process, ec: number, iss: number): boolean {
    const m = this.machine;
    const elr = m.readSysReg('ELR_EL1');
    const far = m.readSysReg('FAR_EL1');
    let insn: number | undefined;
    if (ec === 0) {
      try {
        insn = p.mem.readU32(Number(elr));
      } catch {
        insn = undefined;
      }
    }
    const outcome = classifyTrap({ ec, iss, far, elr, insn }, p.ctx, (va, access) => p.vm.handleFault(va, access));
    switch (outcome.kind) {
      case 'resume':
      case 'syscall':
        return true;
      case 'yield':
        this.makeRunnable(p);
        return false;
      case 'signal': {
        if (outcome.signal === SIGKILL && this.pmm.freePages < 4) {
          // The machine is out of pages: end the largest process (Linux's OOM killer picks
          // by size too). If that is another one, this fault is retried with its memory.
          const victim = this.oomVictim();
          if (victim && victim !== p) {
            this.writeStderr(victim, `[Kernel] Out of memory: killed process ${victim.pid} (${victim.name})\n`);
            this.logger.warn({ pid: victim.pid, cmd: victim.exe, rssKb: victim.vm.residentPages * 4, for: p.pid }, 'out of memory: killed the largest process');
            this.exitProcess(victim, 0, SIGKILL);
            return true;
          }
        }
        const s = p.signals;
        const sig = outcome.signal;
        const handled = sig !== SIGKILL && s.actions[sig].handler !== SIG_DFL && s.actions[sig].handler !== SIG_IGN && !(s.blocked & sigBit(sig));
        if (handled) {
          s.pending |= sigBit(sig);
          s.info.set(sig, { code: outcome.code, addr: outcome.addr, pid: 0 });
          return true;
        }
        // Default action (an ignored or blocked synchronous fault is fatal too, as in Linux).
        this.writeStderr(p, outcome.report);
        this.logger.warn({ pid: p.pid, cmd: p.exe, signal: SIGNAL_NAMES[sig], far: '0x' + far.toString(16), iss: '0x' + iss.toString(16), elr: '0x' + elr.toString(16) }, 'fault');
        this.exitProcess(p, 0, sig);
        return false;
      }
    }
  }

  /** The process holding the most pages. */
  private oomVictim(): Process | undefined {
    let best: Process | undefined;
    for (const q of this.processes.values()) {
      if (!q.exit && (!best || q.vm.residentPages > best.vm.residentPages)) best = q;
    }
    return best;
  }

  /**
   * Delivers pending, unblocked signals before returning to EL0: default actions end the
   * process; a handler gets a signal frame on the user stack. Returns false if p ended.
   */
  private deliverSignals(p: Process): boolean {
    const s = p.signals;
    for (;;) {
      const sig = s.next();
      if (!sig) {
        if (p.savedMask !== null) {
          s.setBlocked(p.savedMask);
          p.savedMask = null;
        }
        return !p.exit;
      }
      s.pending &= ~sigBit(sig);
      const info = s.info.get(sig);
      s.info.delete(sig);
      const action = s.actions[sig];
      if (action.handler === SIG_IGN) continue;
      if (action.handler === SIG_DFL) {
        const d = defaultAction(sig);
        if (d === DefaultAction.TERMINATE || d === DefaultAction.CORE) {
          this.exitProcess(p, 0, sig);
          return false;
        }
        continue;
      }
      const ctx = p.ctx;
      const sp = ((BigInt(ctx.x[63] >>> 0) << 32n) | BigInt(ctx.x[62] >>> 0)) - BigInt(SIGFRAME_TOTAL);
      const frameAt = sp & ~15n;
      const frame = buildSigFrame(ctx, sig, info, p.savedMask ?? s.blocked, frameAt);
      p.savedMask = null;
      try {
        p.mem.write(Number(frameAt), frame);
      } catch {
        this.writeStderr(p, `[Fault] cannot write the signal frame for ${SIGNAL_NAMES[sig] ?? sig}: killed\n`);
        this.exitProcess(p, 0, SIGSEGV);
        return false;
      }
      const set = (i: number, v: bigint): void => {
        ctx.x[i * 2] = Number(v & 0xffffffffn) | 0;
        ctx.x[i * 2 + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
      };
      set(0, BigInt(sig));
      set(1, frameAt);
      set(2, frameAt + BigInt(SIGFRAME_UCONTEXT));
      set(29, frameAt + BigInt(SIGFRAME_SIZE));
      set(30, action.flags & SA_RESTORER ? action.restorer : BigInt(SIGRETURN_TRAMPOLINE));
      set(31, frameAt);
      ctx.pcLo = Number(action.handler & 0xffffffffn) | 0;
      ctx.pcHi = Number(action.handler >> 32n) | 0;
      s.setBlocked(s.blocked | action.mask | (action.flags & SA_NODEFER ? 0n : sigBit(sig)));
      if (action.flags & SA_RESETHAND) action.handler = SIG_DFL;
      return true;
    }
  }

  // ---- /proc ---------------------------------------------------------------------------

  pids(): number[] {
    return [...this.processes.keys()].sort((a, b) => a - b);
  }

  process(pid: number): ProcessInfo | undefined {
    return this.processes.get(pid)?.info();
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

function errnoText(errno: Errno): string {
  switch (errno) {
    case Errno.ENOENT:
      return 'No such file or directory';
    case Errno.EACCES:
      return 'Permission denied';
    case Errno.EISDIR:
      return 'Is a directory';
    case Errno.ENOTDIR:
      return 'Not a directory';
    case Errno.ENOEXEC:
      return 'Exec format error';
    default:
      return `error ${errno}`;
  }
}

export type { ExitStatus };
