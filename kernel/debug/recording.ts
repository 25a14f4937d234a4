/**
 * A recording of one thread's run (`akuma-vm run --record -g PORT`), so that gdb can run it
 * backwards (replay.ts): everything that reached the thread from outside its own instructions,
 * and snapshots that bound how far a replay must go.
 *
 * Between two instructions of a user program only the kernel changes its state. So the log
 * holds one event per kernel entry that changed something the program can see: the position
 * (instructions retired plus system calls taken) where the thread entered the kernel, whether
 * it entered by `svc` (or by a counter read: while recording, `mrs Xt, CNTVCT_EL0` traps and
 * the kernel answers it, so the clock a program reads itself is in the log too), the registers that differ on the way back to EL0 (a system call's x0,
 * a signal frame's pc/sp/x0-x2, a blocked call's EINTR) and every byte the kernel wrote into
 * user memory meanwhile (read()'s data, clock_gettime's timespec, getrandom's bytes, a signal
 * frame), as ProcessMemory reports them. Answers from outside the guest (stdin, host files,
 * sockets, clocks, randomness) and signal delivery points are therefore all in it; a timer
 * interrupt or preemption that changed nothing costs nothing, and the instructions themselves
 * are the machine's and replay identically. Page faults that only bring a page in are not
 * events either: replay faults the same page in the same way.
 *
 * Snapshots, taken on the way back to EL0 once `interval` positions have passed since the last
 * one: the registers, the list of mapped pages, and of the pages' contents only those that
 * differ from the page's previous snapshot (so text and untouched data are stored once).
 * Breakpoint words the debugger planted are stored as the instructions they replaced.
 *
 * The history starts again (older snapshots and events dropped) when the address space is
 * replaced (execve) or loses memory or permissions (munmap, mprotect, mremap, a shrinking brk):
 * a snapshot from before could not be put back into it. It ends, with one line on the
 * program's stderr, when the process gets a second thread or shares its memory with a child
 * (clone with CLONE_VM): another thread's stores are not in the log. A plain fork goes on
 * being recorded (the child runs live; what the parent reads from it is in the log).
 */

import type { CpuContext } from '../../machine/machine.js';
import type { Kernel } from '../kernel.js';
import type { Thread } from '../process.js';
import type { AddressSpace } from '../vm.js';
import type { KernelRecorder } from './hook.js';
import { EC_MSR_TRAP, EC_SVC64 } from '../trap.js';

const PAGE = 4096;
/** Slots of a flattened context: x (64 words, SP in 62-63), v (128), then pc, nzcv, fpcr, fpsr, tpidr, tpidrro. */
const CTX_SLOTS = 64 + 128 + 9;
const CLONE = 220;
const CLONE3 = 435;
const CLONE_VM = 0x100;

/** The default distance between snapshots, in positions (instructions plus system calls). */
export const DEFAULT_SNAPSHOT_INTERVAL = 1_000_000;
/** The default most bytes a recording holds: past it, the oldest snapshots go (the history starts later). */
export const DEFAULT_RECORDING_LIMIT = 256 * 2 ** 20;

export function flattenContext(c: CpuContext, out = new Int32Array(CTX_SLOTS)): Int32Array {
  out.set(c.x, 0);
  out.set(c.v, 64);
  out[192] = c.pcLo;
  out[193] = c.pcHi;
  out[194] = c.nzcv;
  out[195] = c.fpcr;
  out[196] = c.fpsr;
  out[197] = c.tpidrLo;
  out[198] = c.tpidrHi;
  out[199] = c.tpidrroLo;
  out[200] = c.tpidrroHi;
  return out;
}

function loadContext(f: Int32Array, c: CpuContext): void {
  c.x.set(f.subarray(0, 64));
  c.v.set(f.subarray(64, 192));
  c.pcLo = f[192];
  c.pcHi = f[193];
  c.nzcv = f[194];
  c.fpcr = f[195];
  c.fpsr = f[196];
  c.tpidrLo = f[197];
  c.tpidrHi = f[198];
  c.tpidrroLo = f[199];
  c.tpidrroHi = f[200];
}

/** What one kernel entry changed. */
export interface RecordedEvent {
  /** The thread's position when it entered the kernel (for svc: the position of the svc itself). */
  pos: number;
  /** Entered by an instruction that takes a position of its own: svc, or a trapped counter read (mrs). */
  svc: boolean;
  /** Changed context slots as [slot, value, slot, value, ...]. */
  regs: Int32Array;
  /** User memory the kernel wrote, in order. */
  writes: Array<{ addr: number; data: Uint8Array }>;
}

export interface Snapshot {
  id: number;
  pos: number;
  /** Index of the first event after the snapshot. */
  nextEvent: number;
  ctx: Int32Array;
  /** Virtual addresses of the pages mapped at the time. */
  resident: Float64Array;
}

interface Pending {
  pos: number;
  svc: boolean;
  nr: number;
  arg0: number;
  ctx: Int32Array;
  writes: Array<{ addr: number; data: Uint8Array }>;
  /** [start, end, prot, ...] of the regions when a system call began (null for other entries). */
  regions: number[] | null;
}

function regionsOf(vm: AddressSpace): number[] {
  const out: number[] = [];
  for (const r of vm.regions()) out.push(r.start, r.end, r.prot);
  return out;
}

/** True when every range of `before` is still mapped with the same permissions in `after`. */
function stillCovered(before: number[], after: number[]): boolean {
  for (let i = 0; i < before.length; i += 3) {
    let at = before[i];
    const end = before[i + 1];
    while (at < end) {
      let next = -1;
      for (let j = 0; j < after.length; j += 3) {
        if (after[j] <= at && at < after[j + 1] && after[j + 2] === before[i + 2]) {
          next = after[j + 1];
          break;
        }
      }
      if (next < 0) return false;
      at = next;
    }
  }
  return true;
}

function samePage(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

export class RunRecording implements KernelRecorder {
  /** Positions the thread has gone through: instructions retired plus system calls taken. */
  pos = 0;
  events: RecordedEvent[] = [];
  snapshots: Snapshot[] = [];
  /** Why the recording ended (null while it goes on). */
  ended: string | null = null;
  /** Bytes held: page copies and events. */
  bytes = 0;
  /** Positions at which the history started again (execve, an address space that shrank). */
  restarts = 0;
  private pages = new Map<number, { ids: number[]; data: Uint8Array[] }>();
  private pending: Pending | null = null;
  private vm: AddressSpace;
  private nextId = 0;
  private readonly scratch = new Uint8Array(PAGE);

  /**
   * @param mask puts back, in a copy of the page at va, the words the debugger's breakpoints replaced
   */
  constructor(
    private readonly kernel: Kernel,
    readonly thread: Thread,
    private readonly mask: (va: number, page: Uint8Array) => void,
    readonly interval = DEFAULT_SNAPSHOT_INTERVAL,
    readonly limit = DEFAULT_RECORDING_LIMIT,
  ) {
    this.vm = thread.vm;
    thread.process.mem.onWrite = (addr, data) => this.noteWrite(addr, data);
    this.snapshot();
  }

  // ---- Recording (KernelRecorder) ------------------------------------------------------

  entered(t: Thread, retired: number, ec: number): void {
    if (t !== this.thread || this.ended) return;
    if (this.pending) this.close();
    this.pos += retired;
    const x = t.ctx.x;
    const call = ec === EC_SVC64;
    this.pending = {
      pos: this.pos, svc: call || ec === EC_MSR_TRAP, nr: call ? x[16] : -1, arg0: x[0], ctx: flattenContext(t.ctx), writes: [],
      regions: call ? regionsOf(this.vm) : null,
    };
  }

  resuming(t: Thread): void {
    if (t !== this.thread || this.ended) return;
    this.close();
    const last = this.snapshots[this.snapshots.length - 1];
    if (!this.ended && (!last || this.pos - last.pos >= this.interval)) this.snapshot();
  }

  /** The kernel (or the debugger) wrote user memory (ProcessMemory.onWrite). */
  noteWrite(addr: number, data: Uint8Array): void {
    if (this.ended) return;
    if (!this.pending) this.open();
    this.pending!.writes.push({ addr, data: data.slice() });
  }

  /** Starts an entry at the current position, for changes that come without one (a debugger's writes). */
  private open(): void {
    this.pending = { pos: this.pos, svc: false, nr: -1, arg0: 0, ctx: flattenContext(this.thread.ctx), writes: [], regions: null };
  }

  /** Ends the pending entry: its changes become an event (or the history restarts, or the recording ends). */
  private close(): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    const t = this.thread;
    if (t.process.threads.some((o) => o !== t && !o.dead)) return this.end('a second thread');
    if ((p.nr === CLONE && p.arg0 & CLONE_VM) || (p.nr === CLONE3 && this.clone3SharesVm(p))) return this.end('clone with CLONE_VM');
    if (p.svc) this.pos += 1;
    if (t.vm !== this.vm || (p.regions && !stillCovered(p.regions, regionsOf(this.vm)))) {
      // execve, munmap, mprotect...: snapshots from before could not be restored into this address space.
      this.vm = t.vm;
      this.restart();
      return;
    }
    const now = flattenContext(t.ctx);
    const diff: number[] = [];
    for (let i = 0; i < now.length; i++) if (now[i] !== p.ctx[i]) diff.push(i, now[i]);
    if (!diff.length && !p.writes.length) return;
    const regs = Int32Array.from(diff);
    this.events.push({ pos: p.pos, svc: p.svc, regs, writes: p.writes });
    this.bytes += 48 + regs.byteLength + p.writes.reduce((n, w) => n + 32 + w.data.length, 0);
  }

  private clone3SharesVm(p: Pending): boolean {
    try {
      const args = (p.ctx[0] >>> 0) + (p.ctx[1] >>> 0) * 2 ** 32;
      return (Number(this.thread.process.mem.readU64(args) & 0xffffffffn) & CLONE_VM) !== 0;
    } catch {
      return false;
    }
  }

  /** Records everything up to now, so the history can be entered (the debugger stopped the thread). */
  flush(): void {
    if (this.ended) return;
    this.close();
    if (!this.ended) this.open();
  }

  private restart(): void {
    this.events = [];
    this.snapshots = [];
    this.pages.clear();
    this.bytes = 0;
    this.restarts++;
    this.snapshot();
  }

  private end(why: string): void {
    this.ended = why;
    this.events = [];
    this.snapshots = [];
    this.pages.clear();
    this.bytes = 0;
    if (this.thread.process.mem.onWrite) this.thread.process.mem.onWrite = null;
    this.kernel.writeStderr(this.thread, `[record] ${why}: reverse execution covers one single-threaded process; the recording stops here\n`);
  }

  /** Stops recording (the debugger went away). */
  stop(): void {
    this.ended ??= 'stopped';
    this.pending = null;
    this.events = [];
    this.snapshots = [];
    this.pages.clear();
    this.thread.process.mem.onWrite = null;
  }

  // ---- Snapshots -----------------------------------------------------------------------

  /** A snapshot of the thread now (its context as saved, the pages as mapped). */
  snapshot(): Snapshot {
    const mem = this.kernel.machine.memory;
    const mapped = this.vm.mappedPages();
    const id = this.nextId++;
    const resident = new Float64Array(mapped.length / 2);
    for (let i = 0; i < mapped.length; i += 2) {
      const va = mapped[i];
      const off = mapped[i + 1] - mem.base;
      resident[i / 2] = va;
      this.scratch.set(mem.u8.subarray(off, off + PAGE));
      this.mask(va, this.scratch);
      let versions = this.pages.get(va);
      const last = versions?.data[versions.data.length - 1];
      if (last && samePage(last, this.scratch)) continue;
      if (!versions) this.pages.set(va, (versions = { ids: [], data: [] }));
      versions.ids.push(id);
      versions.data.push(this.scratch.slice());
      this.bytes += PAGE;
    }
    const s: Snapshot = { id, pos: this.pos, nextEvent: this.events.length, ctx: flattenContext(this.thread.ctx), resident };
    this.bytes += 64 + s.ctx.byteLength + resident.byteLength;
    this.snapshots.push(s);
    while (this.bytes > this.limit && this.snapshots.length > 2) this.dropOldest();
    return s;
  }

  /** Forgets the oldest snapshot and the page versions only it needed: the history now starts at the next one. */
  private dropOldest(): void {
    const gone = this.snapshots.shift()!;
    this.bytes -= 64 + gone.ctx.byteLength + gone.resident.byteLength;
    const first = this.snapshots[0].id;
    for (const v of this.pages.values()) {
      let keep = 0; // the latest version at or before the new first snapshot, and all after it
      while (keep + 1 < v.ids.length && v.ids[keep + 1] <= first) keep++;
      if (keep === 0) continue;
      v.ids.splice(0, keep);
      v.data.splice(0, keep);
      this.bytes -= keep * PAGE;
    }
  }

  /** The latest snapshot at or before position pos (the first one when none is). */
  snapshotAtOrBefore(pos: number): Snapshot {
    let best = this.snapshots[0];
    for (const s of this.snapshots) if (s.pos <= pos) best = s;
    return best;
  }

  private pageAt(va: number, id: number): Uint8Array {
    const v = this.pages.get(va)!;
    let lo = 0;
    let hi = v.ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (v.ids[mid] <= id) lo = mid;
      else hi = mid - 1;
    }
    return v.data[lo];
  }

  /**
   * Puts the thread back as snapshot s found it: its context, the contents of the pages then
   * mapped, and pages mapped since dropped (the next touch faults them in afresh, as it did).
   * The debugger's breakpoints must be lifted while this runs.
   */
  restore(s: Snapshot): void {
    const mem = this.kernel.machine.memory;
    const vm = this.vm;
    const wanted = new Set<number>(s.resident);
    const mapped = vm.mappedPages();
    for (let i = 0; i < mapped.length; i += 2) {
      const va = mapped[i];
      if (!wanted.has(va) && !vm.findRegion(va)?.shared) vm.discard(va, va + PAGE);
    }
    for (const va of s.resident) {
      const data = this.pageAt(va, s.id);
      let pa = vm.lookup(va);
      if (pa >= 0 && samePage(mem.u8.subarray(pa - mem.base, pa - mem.base + PAGE), data)) continue;
      pa = vm.debugPa(va, true);
      if (pa < 0) throw new Error(`replay: page 0x${va.toString(16)} cannot be mapped again`);
      mem.write(pa, data);
    }
    loadContext(s.ctx, this.thread.ctx);
  }

  /**
   * The first way the thread now differs from snapshot s (a register slot, a page's contents,
   * a page mapped in one and not the other), or null: how a replay is checked against the
   * run it replays.
   */
  differenceFrom(s: Snapshot): string | null {
    const now = flattenContext(this.thread.ctx);
    for (let i = 0; i < now.length; i++) if (now[i] !== s.ctx[i]) return `context slot ${i}: 0x${(now[i] >>> 0).toString(16)}, recorded 0x${(s.ctx[i] >>> 0).toString(16)}`;
    const mem = this.kernel.machine.memory;
    const mapped = this.vm.mappedPages();
    const wanted = new Set<number>(s.resident);
    for (let i = 0; i < mapped.length; i += 2) {
      const va = mapped[i];
      if (!wanted.delete(va)) return `page 0x${va.toString(16)} is mapped and was not`;
      const off = mapped[i + 1] - mem.base;
      this.scratch.set(mem.u8.subarray(off, off + PAGE));
      this.mask(va, this.scratch);
      if (!samePage(this.scratch, this.pageAt(va, s.id))) return `page 0x${va.toString(16)} differs`;
    }
    // A zero page the kernel faulted in while reading user memory in a system call (write() of a
    // buffer never touched) is not faulted in by a replay, which does not run the call; the
    // program's first touch brings the same zero page.
    for (const va of wanted) if (this.pageAt(va, s.id).some((b) => b !== 0)) return `page 0x${va.toString(16)} was mapped and is not`;
    return null;
  }

  /** Applies event e to the thread: its registers and memory as the kernel left them. */
  apply(e: RecordedEvent): void {
    if (e.regs.length) {
      const flat = flattenContext(this.thread.ctx);
      for (let i = 0; i < e.regs.length; i += 2) flat[e.regs[i]] = e.regs[i + 1];
      loadContext(flat, this.thread.ctx);
    }
    const mem = this.kernel.machine.memory;
    for (const w of e.writes) {
      for (let done = 0; done < w.data.length; ) {
        const va = w.addr + done;
        const n = Math.min(w.data.length - done, PAGE - (va % PAGE));
        const pa = this.vm.debugPa(va, true);
        if (pa < 0) throw new Error(`replay: the recorded write at 0x${va.toString(16)} has no page`);
        mem.write(pa, w.data.subarray(done, done + n));
        done += n;
      }
    }
  }

  /** First position of the history. */
  get start(): number {
    return this.snapshots[0]?.pos ?? this.pos;
  }
}
