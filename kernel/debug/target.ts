/**
 * The debugger's view of one process (a thread group), for gdb's remote stub (gdb-stub.ts):
 * its threads' registers as their saved contexts hold them, its memory through its page
 * tables (ptrace-style: read-only text can be patched, a shared page is copied first),
 * software breakpoints as BRK #0 words planted in that memory, and all-stop control: when
 * one thread stops (a breakpoint, a finished single step, Ctrl-C) every thread of the
 * process stays off the CPU until gdb resumes them.
 *
 * It is the kernel's KernelDebugHook (hook.ts) while attached. Register numbers are the ones
 * gdb's aarch64 target description uses (target-xml.ts): x0-x30, sp, pc, cpsr, v0-v31, fpsr, fpcr.
 */

import type { Kernel } from '../kernel.js';
import type { Process, Thread } from '../process.js';
import type { KernelDebugHook } from './hook.js';
import { NO_WATCHPOINTS, type Watchpoint } from '../../machine/machine.js';
import type { Vfs } from '../fs/vfs.js';
import type { OpenFile } from '../fs/file.js';
import type { Stat } from '../fs/inode.js';
import { Errno, SyscallError } from '../errno.js';
import { RunRecording, DEFAULT_RECORDING_LIMIT, DEFAULT_SNAPSHOT_INTERVAL } from './recording.js';
import { Replayer, ReplayError, type ReplayStop } from './replay.js';

/** BRK #0, the word gdb's aarch64 target uses for a software breakpoint. */
const BRK0 = 0xd4200000;
const PAGE = 4096;

/** Why the process stopped, as the stub reports it. */
export interface StopEvent {
  signal: number;
  tid: number;
  /** The stop was at a planted breakpoint ("swbreak" in the stop reply). */
  swbreak?: boolean;
  /** A data watchpoint fired, before the access: which kind and the watched address it touched. */
  watch?: { kind: 'watch' | 'rwatch' | 'awatch'; addr: number };
  /** Reverse execution reached the start of the history, or forward execution its present end. */
  replaylog?: 'begin' | 'end';
}

export const SIGINT = 2;
export const SIGTRAP = 5;

/** Register numbers (gdb's aarch64 numbering). */
export const REG_SP = 31;
export const REG_PC = 32;
export const REG_CPSR = 33;
export const REG_V0 = 34;
export const REG_FPSR = 66;
export const REG_FPCR = 67;
export const REG_COUNT = 68;

/** Bytes of register n in the g packet. */
export function regSize(n: number): number {
  if (n < REG_CPSR) return 8;
  if (n === REG_CPSR || n === REG_FPSR || n === REG_FPCR) return 4;
  return 16;
}

export class DebugTarget implements KernelDebugHook {
  /** Planted breakpoints: address -> the instruction word they replaced. */
  private readonly breakpoints = new Map<number, number>();
  /** The process is stopped in the debugger (its threads are held). */
  stopped = false;
  /** Threads kept off the CPU while stopped. */
  private readonly held = new Set<Thread>();
  /** The thread being single-stepped (the others stay held). */
  private stepping: Thread | null = null;
  /** A fault signal gdb chose to deliver (C/S sig): the thread's next fault with it is not stopped. */
  private readonly passSignal = new Map<Thread, number>();
  /** Called when the process stops (a breakpoint, a finished step, an interrupt, a fault). */
  onStop: (e: StopEvent) => void = () => undefined;

  /** Data watchpoints (Z2/Z3/Z4), a new array on every change (the kernel compares identities). */
  watchpoints: readonly Watchpoint[] = NO_WATCHPOINTS;
  /** Files gdb opened with vFile:open, by the numbers it was given. */
  private readonly files = new Map<number, OpenFile>();
  private nextFile = 1;
  /** `run --record`: the thread's recorded history and the way back into it (recording.ts, replay.ts). */
  recording: RunRecording | null = null;
  private replayer: Replayer | null = null;

  /**
   * @param fileActor whose credentials and cwd gdb's file requests (vFile) use: the
   *   debugger's own process (gdbserver), else the debugged one (run -g, where the user is both)
   */
  constructor(readonly kernel: Kernel, readonly process: Process, private readonly fileActor: Process = process) {}

  /** Attaches to the process and stops it before it runs (its threads held). */
  attach(): void {
    if (this.process.debugger && this.process.debugger !== this) throw new Error('already being debugged');
    this.process.debugger = this;
    this.stopAll();
  }

  /** Removes the breakpoints and lets the process run on without a debugger. */
  detach(): void {
    this.leaveHistory();
    this.recording?.stop();
    this.recording = null;
    this.replayer = null;
    for (const addr of [...this.breakpoints.keys()]) this.removeBreakpoint(addr);
    this.watchpoints = NO_WATCHPOINTS;
    this.passSignal.clear();
    if (this.process.debugger === this) this.process.debugger = null;
    for (const f of this.files.values()) f.release();
    this.files.clear();
    this.stepping = null;
    this.release();
  }

  get alive(): boolean {
    return !this.process.exit;
  }

  threads(): Thread[] {
    return this.process.threads.filter((t) => !t.dead);
  }

  thread(tid: number): Thread | undefined {
    return this.threads().find((t) => t.tid === tid);
  }

  // ---- KernelDebugHook -----------------------------------------------------------------

  holds(t: Thread): boolean {
    if (t.process !== this.process || !this.stopped || t === this.stepping) return false;
    this.held.add(t);
    return true;
  }

  budgetFor(t: Thread): number | undefined {
    return t === this.stepping ? 1 : undefined;
  }

  stepped(t: Thread): boolean {
    if (t !== this.stepping) return false;
    this.stepping = null;
    this.held.add(t);
    this.stopAll();
    this.onStop({ signal: SIGTRAP, tid: t.tid });
    return true;
  }

  breakpointHit(t: Thread, pc: number): boolean {
    if (t.process !== this.process || !this.breakpoints.has(pc)) return false;
    if (this.stepping === t) this.stepping = null;
    this.held.add(t);
    this.stopAll();
    this.onStop({ signal: SIGTRAP, tid: t.tid, swbreak: true });
    return true;
  }

  faultStop(t: Thread, signal: number): boolean {
    if (t.process !== this.process) return false;
    if (this.passSignal.get(t) === signal) {
      this.passSignal.delete(t);
      return false;
    }
    if (this.stepping === t) this.stepping = null;
    this.held.add(t);
    this.stopAll();
    this.onStop({ signal, tid: t.tid });
    return true;
  }

  watchpointHit(t: Thread, addr: number, write: boolean): boolean {
    if (t.process !== this.process) return false;
    const watch = this.watchFor(addr, write);
    if (!watch) return false;
    if (this.stepping === t) this.stepping = null;
    this.held.add(t);
    this.stopAll();
    this.onStop({ signal: SIGTRAP, tid: t.tid, watch });
    return true;
  }

  /** The watchpoint an access at addr touches, as the stop reply names it; null if none. */
  watchFor(addr: number, write: boolean): StopEvent['watch'] | null {
    const bit = write ? 2 : 1;
    const w = this.watchpoints.find((w) => w.kind & bit && addr < w.addr + w.length && addr + 64 > w.addr); // an access is at most 64 bytes (DC ZVA)
    if (!w) return null;
    // gdb matches the reported address against what it watches: the first watched byte touched.
    const kind = w.kind === 3 ? 'awatch' : write ? 'watch' : 'rwatch';
    return { kind, addr: Math.max(addr, w.addr) };
  }

  get recorder(): RunRecording | null {
    return this.recording && !this.recording.ended ? this.recording : null;
  }

  // ---- Running and stopping ------------------------------------------------------------

  /** All-stop: every runnable thread of the process leaves the run queue. */
  private stopAll(): void {
    this.stopped = true;
    for (const t of this.threads()) {
      if (t.state === 'runnable' && t !== this.stepping) {
        this.kernel.runQueue.remove(t);
        this.held.add(t);
      }
    }
  }

  private release(): void {
    this.stopped = false;
    const held = [...this.held];
    this.held.clear();
    for (const t of held) if (!t.dead && !this.process.exit) this.kernel.makeRunnable(t);
  }

  /** Ctrl-C: stops the process now (no guest code runs while the event loop serves gdb). */
  interrupt(): void {
    if (this.stopped || !this.alive) return;
    this.stepping = null;
    this.stopAll();
    const t = this.threads()[0];
    this.onStop({ signal: SIGINT, tid: t?.tid ?? this.process.pid });
  }

  /** Continues every thread; `signal` (from C/S) goes to the thread that last stopped on a fault. */
  resume(signal = 0, to?: Thread): void {
    if (!this.alive) return;
    if (this.replayer?.inHistory && this.inReplay(() => this.replayer!.continueForward())) return;
    this.stepping = null;
    if (signal && to) this.passSignal.set(to, signal);
    this.release();
  }

  /** Runs one instruction of thread t (the others stay stopped), then stops again. */
  step(t: Thread, signal = 0): void {
    if (!this.alive) return;
    if (this.replayer?.inHistory && this.inReplay(() => this.replayer!.stepForward())) return;
    this.stepping = t;
    if (signal) this.passSignal.set(t, signal);
    if (this.held.delete(t)) this.kernel.makeRunnable(t);
    // A thread blocked in a system call takes its step when the call completes.
  }

  // ---- Reverse execution (run --record) -------------------------------------------------

  /**
   * Records the process's run from here on (it must be stopped and single-threaded), so that
   * reverse() can take it back. `interval`: positions between snapshots; `limit`: bytes the
   * recording may hold (the oldest snapshots go first).
   */
  startRecording(options: { interval?: number; limit?: number } = {}): void {
    const t = this.threads()[0];
    if (!t || this.threads().length > 1) throw new Error('--record: the process must have one thread');
    this.recording = new RunRecording(this.kernel, t, (va, page) => this.maskPage(va, page), options.interval ?? DEFAULT_SNAPSHOT_INTERVAL, options.limit ?? DEFAULT_RECORDING_LIMIT);
    this.replayer = new Replayer(this.kernel, this, this.recording);
  }

  /** Replays the recorded history to the present and names the first difference (null: it replays exactly). */
  verifyRecording(): string | null {
    return this.replayer?.verify() ?? null;
  }

  /** The thread is somewhere in its recorded past (registers and memory are those of then). */
  get inHistory(): boolean {
    return this.replayer?.inHistory ?? false;
  }

  /** reverse-stepi (bs) or reverse-continue (bc); the stop is reported through onStop. */
  reverse(step: boolean): void {
    const r = this.replayer;
    const t = r?.thread;
    if (!r || !t || !this.alive) {
      this.onStop({ signal: SIGTRAP, tid: t?.tid ?? this.process.pid, replaylog: 'begin' });
      return;
    }
    this.stepping = null;
    this.inReplay(() => (step ? r.stepBack() : r.continueBack()));
  }

  /** Runs a history command and reports its stop; false when the live run must take over. */
  private inReplay(command: () => ReplayStop | 'live'): boolean {
    const r = this.replayer!;
    const t = r.thread;
    let stop: ReplayStop | 'live';
    try {
      stop = command();
    } catch (e) {
      if (!(e instanceof ReplayError)) throw e;
      // Never leave the program in a past it cannot leave: back to the present, said in one line.
      this.kernel.logger.error({ pid: this.process.pid, err: e.message }, 'replay failed');
      this.kernel.writeStderr(t, `[record] ${e.message}; back at the present\n`);
      r.leave();
      stop = { kind: 'step' };
    }
    if (stop === 'live') return false;
    if (stop.kind === 'edge') this.onStop({ signal: SIGTRAP, tid: t.tid, replaylog: stop.edge });
    else if (stop.kind === 'hit') this.onStop({ signal: SIGTRAP, tid: t.tid, ...(stop.hit.watch ? { watch: stop.hit.watch } : { swbreak: true }) });
    else this.onStop({ signal: SIGTRAP, tid: t.tid });
    return true;
  }

  private leaveHistory(): void {
    this.replayer?.leave();
  }

  /** A copy of the page at va with the words our breakpoints replaced put back (snapshots). */
  private maskPage(va: number, page: Uint8Array): void {
    for (const [bp, word] of this.breakpoints) {
      if (bp < va || bp >= va + PAGE) continue;
      for (let i = 0; i < 4; i++) page[bp - va + i] = (word >>> (8 * i)) & 0xff;
    }
  }

  hasBreakpoint(addr: number): boolean {
    return this.breakpoints.has(addr);
  }

  /** Puts the original instruction back at a planted breakpoint (kept in the list). */
  liftBreakpoint(addr: number): void {
    const word = this.breakpoints.get(addr);
    if (word === undefined) return;
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, word, true);
    this.access(addr, 4, true, b);
  }

  plantBreakpoint(addr: number): void {
    if (!this.breakpoints.has(addr)) return;
    const brk = new Uint8Array(4);
    new DataView(brk.buffer).setUint32(0, BRK0, true);
    this.access(addr, 4, true, brk);
  }

  liftBreakpoints(): void {
    for (const addr of this.breakpoints.keys()) this.liftBreakpoint(addr);
  }

  plantBreakpoints(): void {
    for (const addr of this.breakpoints.keys()) this.plantBreakpoint(addr);
  }

  kill(): void {
    this.detach();
    this.kernel.procs.exitProcess(this.process, 0, 9);
  }

  // ---- Registers -----------------------------------------------------------------------

  /** Register n of thread t, little-endian, regSize(n) bytes. */
  readRegister(t: Thread, n: number): Uint8Array {
    const c = t.ctx;
    const out = new Uint8Array(regSize(n));
    const dv = new DataView(out.buffer);
    if (n <= REG_SP) {
      dv.setInt32(0, c.x[n * 2], true);
      dv.setInt32(4, c.x[n * 2 + 1], true);
    } else if (n === REG_PC) {
      dv.setInt32(0, c.pcLo, true);
      dv.setInt32(4, c.pcHi, true);
    } else if (n === REG_CPSR) {
      dv.setUint32(0, c.nzcv >>> 0, true); // EL0t: only the flags are set
    } else if (n >= REG_V0 && n < REG_V0 + 32) {
      for (let i = 0; i < 4; i++) dv.setInt32(i * 4, c.v[(n - REG_V0) * 4 + i], true);
    } else if (n === REG_FPSR) {
      dv.setUint32(0, c.fpsr >>> 0, true);
    } else if (n === REG_FPCR) {
      dv.setUint32(0, c.fpcr >>> 0, true);
    }
    return out;
  }

  /** Sets register n of thread t from regSize(n) little-endian bytes. */
  writeRegister(t: Thread, n: number, bytes: Uint8Array): void {
    this.recorder?.flush(); // what gdb changes is an input of the run like any other
    const c = t.ctx;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (n <= REG_SP) {
      c.x[n * 2] = dv.getInt32(0, true);
      c.x[n * 2 + 1] = dv.getInt32(4, true);
    } else if (n === REG_PC) {
      c.pcLo = dv.getInt32(0, true);
      c.pcHi = dv.getInt32(4, true);
    } else if (n === REG_CPSR) {
      c.nzcv = dv.getUint32(0, true) & 0xf0000000;
    } else if (n >= REG_V0 && n < REG_V0 + 32) {
      for (let i = 0; i < 4; i++) c.v[(n - REG_V0) * 4 + i] = dv.getInt32(i * 4, true);
    } else if (n === REG_FPSR) {
      c.fpsr = dv.getUint32(0, true);
    } else if (n === REG_FPCR) {
      c.fpcr = dv.getUint32(0, true);
    }
  }

  // ---- Memory --------------------------------------------------------------------------

  /** Reads guest memory (breakpoint words shown as the instructions they replaced); null if any byte is unmapped. */
  readMemory(addr: number, length: number): Uint8Array | null {
    const raw = this.access(addr, length, false);
    if (!raw) return null;
    for (const [bp, word] of this.breakpoints) {
      for (let i = 0; i < 4; i++) {
        const at = bp + i - addr;
        if (at >= 0 && at < length) raw[at] = (word >>> (8 * i)) & 0xff;
      }
    }
    return raw;
  }

  /** Writes guest memory (text included); false if any byte is unmapped, and then nothing is written. */
  writeMemory(addr: number, data: Uint8Array): boolean {
    const ok = this.access(addr, data.length, true, data) !== null;
    if (ok) this.recorder?.noteWrite(addr, data); // gdb's stores are inputs of the run too
    return ok;
  }

  private access(addr: number, length: number, write: boolean, data?: Uint8Array): Uint8Array | null {
    if (!Number.isSafeInteger(addr) || addr < 0 || length < 0 || !Number.isSafeInteger(addr + length)) return null;
    const vm = this.process.vm;
    const mem = this.kernel.machine.memory;
    const pieces: Array<[number, number, number]> = [];
    for (let done = 0; done < length; ) {
      const va = addr + done;
      const n = Math.min(length - done, PAGE - (va % PAGE));
      const pa = vm.debugPa(va, write);
      if (pa < 0) return null;
      pieces.push([pa, done, n]);
      done += n;
    }
    const out = new Uint8Array(length);
    for (const [pa, done, n] of pieces) {
      if (write) mem.write(pa, data!.subarray(done, done + n));
      else out.set(mem.u8.subarray(pa - mem.base, pa - mem.base + n), done);
    }
    return out;
  }

  // ---- Breakpoints ---------------------------------------------------------------------

  insertBreakpoint(addr: number): boolean {
    if (this.breakpoints.has(addr)) return true;
    if (addr % 4 !== 0) return false;
    const old = this.access(addr, 4, false);
    if (!old) return false;
    const brk = new Uint8Array(4);
    new DataView(brk.buffer).setUint32(0, BRK0, true);
    if (!this.access(addr, 4, true, brk)) return false;
    this.breakpoints.set(addr, new DataView(old.buffer).getUint32(0, true));
    return true;
  }

  /** A data watchpoint: kind 1 reads (rwatch), 2 writes (watch), 3 both (awatch); any length. */
  insertWatchpoint(addr: number, length: number, kind: 1 | 2 | 3): boolean {
    if (!Number.isSafeInteger(addr) || addr < 0 || length < 1 || length > 1 << 20) return false;
    if (this.watchpoints.some((w) => w.addr === addr && w.length === length && w.kind === kind)) return true;
    this.watchpoints = [...this.watchpoints, { addr, length, kind }];
    return true;
  }

  removeWatchpoint(addr: number, length: number, kind: 1 | 2 | 3): boolean {
    const rest = this.watchpoints.filter((w) => !(w.addr === addr && w.length === length && w.kind === kind));
    this.watchpoints = rest.length ? rest : NO_WATCHPOINTS;
    return true;
  }

  removeBreakpoint(addr: number): boolean {
    const word = this.breakpoints.get(addr);
    if (word === undefined) return true;
    this.breakpoints.delete(addr);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, word, true);
    return this.access(addr, 4, true, b) !== null;
  }

  // ---- Files (gdb's vFile requests and qXfer:exec-file, so it loads the remote program itself) ----

  /** The absolute path of the program the process runs. */
  get execPath(): string {
    return this.process.exe;
  }

  private get vfs(): Vfs {
    return this.kernel.vfs as Vfs;
  }

  /** Opens path read-only as the file actor would; gdb never writes through us. Throws SyscallError. */
  openFile(path: string, writeWanted: boolean): number {
    if (writeWanted) throw new SyscallError(Errno.EACCES);
    if (this.files.size >= 64) throw new SyscallError(Errno.EMFILE);
    const f = this.vfs.openAt(this.fileActor, this.fileActor.cwd, path, 0);
    const fd = this.nextFile++;
    this.files.set(fd, f);
    return fd;
  }

  private file(fd: number): OpenFile {
    const f = this.files.get(fd);
    if (!f) throw new SyscallError(Errno.EBADF);
    return f;
  }

  preadFile(fd: number, length: number, offset: number): Uint8Array {
    return this.file(fd).pread(offset, length);
  }

  fstatFile(fd: number): Stat {
    return this.file(fd).stat();
  }

  closeFile(fd: number): void {
    this.file(fd).release();
    this.files.delete(fd);
  }

  readlink(path: string): string {
    return this.vfs.readlinkAt(this.fileActor, this.fileActor.cwd, path);
  }
}
