/**
 * Reverse execution over a RunRecording (recording.ts): gdb's reverse-stepi, reverse-continue
 * (bs, bc) and, built by gdb from those, reverse-step/next/finish; then forward again through
 * the history until the present, where the program runs live on.
 *
 * Going back to position K means: put back the latest snapshot at or before K, and execute the
 * thread forward on the machine (Kernel.runDetached, outside the scheduler: nothing else runs
 * meanwhile) to K, applying each recorded event where it happened instead of calling the
 * kernel: a system call's results and memory effects at its svc, a signal frame where it was
 * delivered. Page faults are served by the address space as they were the first time.
 *
 * reverse-continue looks for the last breakpoint hit or watched access before the present
 * position: it re-executes the stretch since the latest snapshot with the breakpoints planted and
 * the watchpoints armed, noting each hit; if there was none, the stretch before it, and so on to
 * the start of the history ("No more reverse-execution history" in gdb). A breakpoint stops
 * where it was hit (its instruction not yet run); a watched access stops just after the access,
 * and gdb, whose aarch64 watchpoints trigger before the access, steps back over it and shows the
 * value before and after the store, on the line of the store.
 *
 * While the thread is in its history, the kernel's view of the process stays at the present
 * (its files, its blocked call): only the thread's registers and user memory are those of the
 * past. Returning to the present restores a snapshot taken when the history was entered, so the
 * live run continues exactly where it was even if a replay went wrong.
 */

import { NO_WATCHPOINTS, StopReason } from '../../machine/machine.js';
import type { Kernel } from '../kernel.js';
import { EC_BRK, EC_DATA_ABORT_LOWER, EC_INSN_ABORT_LOWER, EC_MSR_TRAP, EC_SVC64, EC_WATCHPOINT } from '../trap.js';
import { FaultResult, Prot } from '../vm.js';
import type { RunRecording, Snapshot } from './recording.js';
import type { DebugTarget } from './target.js';

/** A breakpoint or watchpoint met while re-executing. */
export interface Hit {
  /** The position of the instruction (a breakpoint's, not yet run; the accessing one's). */
  pos: number;
  watch?: { kind: 'watch' | 'rwatch' | 'awatch'; addr: number };
}

/** How a history command ended. */
export type ReplayStop =
  | { kind: 'step' }
  | { kind: 'hit'; hit: Hit }
  /** The start (begin) or the present end (end) of the history was reached. */
  | { kind: 'edge'; edge: 'begin' | 'end' };

export class ReplayError extends Error {}

export class Replayer {
  /** The thread's position in its history; null while it is at the present (live). */
  private cur: number | null = null;
  /** The next event to apply while re-executing. */
  private ev = 0;
  /** The present, saved when the history was entered. */
  private present: Snapshot | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly target: DebugTarget,
    readonly recording: RunRecording,
  ) {}

  get inHistory(): boolean {
    return this.cur !== null;
  }

  get thread() {
    return this.recording.thread;
  }

  /** Position now. */
  get position(): number {
    return this.cur ?? this.recording.pos;
  }

  private enter(): void {
    if (this.cur !== null) return;
    this.recording.flush();
    this.target.liftBreakpoints();
    this.present = this.recording.snapshot();
    this.target.plantBreakpoints();
    this.cur = this.present.pos;
    this.ev = this.present.nextEvent;
  }

  private restore(s: Snapshot): void {
    this.target.liftBreakpoints();
    try {
      this.recording.restore(s);
    } finally {
      this.target.plantBreakpoints();
    }
    this.cur = s.pos;
    this.ev = s.nextEvent;
  }

  /** Back to the present: the live run carries on from exactly where it was. */
  leave(): void {
    if (this.cur === null || !this.present) return;
    this.restore(this.present);
    this.cur = null;
    this.present = null;
  }

  /**
   * Replays the whole history, from its first snapshot to the present, and compares the result
   * with the present: null when they are the same, else the first difference. Ends at the present.
   */
  verify(): string | null {
    if (this.recording.ended || !this.recording.snapshots.length) return null;
    this.enter();
    const present = this.present!;
    try {
      this.restore(this.recording.snapshots[0]);
      this.forward(present.pos, null);
      this.target.liftBreakpoints();
      try {
        return this.recording.differenceFrom(present);
      } finally {
        this.target.plantBreakpoints();
      }
    } finally {
      this.leave();
    }
  }

  /** reverse-stepi: one position back. */
  stepBack(): ReplayStop {
    if (this.recording.ended || !this.recording.snapshots.length) return { kind: 'edge', edge: 'begin' };
    this.enter();
    const to = this.cur! - 1;
    if (to < this.recording.start) return { kind: 'edge', edge: 'begin' };
    this.restore(this.recording.snapshotAtOrBefore(to));
    this.forward(to, null);
    return { kind: 'step' };
  }

  /** reverse-continue: back to the last breakpoint hit or watched access, or to the start. */
  continueBack(): ReplayStop {
    if (this.recording.ended || !this.recording.snapshots.length) return { kind: 'edge', edge: 'begin' };
    this.enter();
    let end = this.cur!;
    const snapshots = this.recording.snapshots;
    for (let i = snapshots.length - 1; i >= 0; i--) {
      const s = snapshots[i];
      if (s.pos >= end) continue;
      this.restore(s);
      let last: Hit | null = null;
      this.forward(end, (h) => {
        if (h.pos < end) last = h;
        return false;
      });
      const found = last as Hit | null;
      if (found) {
        this.restore(s);
        this.forward(found.watch ? found.pos + 1 : found.pos, null);
        return { kind: 'hit', hit: found };
      }
      end = s.pos;
    }
    this.restore(snapshots[0]);
    return { kind: 'edge', edge: 'begin' };
  }

  /** stepi while in the history; at the present it is the live run's to take. */
  stepForward(): ReplayStop | 'live' {
    const present = this.present!.pos;
    if (this.cur! >= present) {
      this.leave();
      return 'live';
    }
    if (this.cur! + 1 >= present) this.leave();
    else this.forward(this.cur! + 1, null);
    return { kind: 'step' };
  }

  /** continue while in the history: to the next breakpoint or watched access, else to the present. */
  continueForward(): ReplayStop | 'live' {
    const present = this.present!.pos;
    if (this.cur! >= present) {
      this.leave();
      return 'live';
    }
    let hit: Hit | null = null;
    this.forward(present, (h) => {
      hit = h;
      return true;
    });
    if (hit) return { kind: 'hit', hit };
    this.leave();
    return { kind: 'edge', edge: 'end' };
  }

  /**
   * Re-executes from the current position up to position `to`, applying the recorded events.
   * With onHit, breakpoints and watchpoints are live: each hit is offered to onHit, which stops
   * the run (returning the hit) by returning true, or lets it step over the hit.
   */
  private forward(to: number, onHit: ((h: Hit) => boolean) | null): Hit | null {
    const t = this.thread;
    const m = this.kernel.machine;
    const events = this.recording.events;
    let stepOver: 'break' | 'watch' | null = null;
    let stuck = 0;
    for (;;) {
      let applied = false;
      while (this.ev < events.length && events[this.ev].pos === this.cur && !events[this.ev].svc) {
        this.recording.apply(events[this.ev++]);
        applied = true;
      }
      if (this.ev < events.length && events[this.ev].pos < this.cur!) {
        throw new ReplayError(`replay diverged: an event at position ${events[this.ev].pos} was passed at ${this.cur}`);
      }
      if (this.cur! >= to) return null;
      let budget = to - this.cur!;
      const next = events[this.ev];
      if (next && !next.svc) budget = Math.min(budget, next.pos - this.cur!);
      let lifted = -1;
      if (stepOver) {
        budget = 1;
        if (stepOver === 'break') {
          lifted = t.pc;
          this.target.liftBreakpoint(lifted);
        }
      }
      const watchpoints = onHit && stepOver !== 'watch' ? this.target.watchpoints : NO_WATCHPOINTS;
      stepOver = null;
      let run: { reason: StopReason; retired: number };
      try {
        run = this.kernel.runDetached(t, budget, watchpoints);
      } finally {
        if (lifted >= 0) this.target.plantBreakpoint(lifted);
      }
      this.cur! += run.retired;
      if (run.reason === StopReason.IRQ) {
        stuck = 0;
        continue;
      }
      const { ec, iss } = m.syndrome;
      if (ec === EC_SVC64 || ec === EC_MSR_TRAP) {
        // A system call or a counter read: what the kernel answered is the event here.
        const e = events[this.ev];
        if (e && e.svc && e.pos === this.cur) {
          this.recording.apply(e);
          this.ev++;
        }
        this.cur! += 1;
        stuck = 0;
        continue;
      }
      if (ec === EC_BRK && this.target.hasBreakpoint(t.pc)) {
        const hit: Hit = { pos: this.cur! };
        if (onHit?.(hit)) return hit;
        stepOver = 'break';
        continue;
      }
      if (ec === EC_WATCHPOINT) {
        const watch = this.target.watchFor(Number(m.readSysReg('FAR_EL1')), (iss & (1 << 6)) !== 0);
        if (watch) {
          const hit: Hit = { pos: this.cur!, watch };
          if (onHit?.(hit)) return hit;
        }
        stepOver = 'watch';
        continue;
      }
      if ((ec === EC_DATA_ABORT_LOWER || ec === EC_INSN_ABORT_LOWER) && (iss & 0x3c) === 0x04) {
        const access = ec === EC_INSN_ABORT_LOWER ? Prot.EXEC : iss & (1 << 6) ? Prot.WRITE : Prot.READ;
        if (t.vm.handleFault(Number(m.readSysReg('FAR_EL1')), access) === FaultResult.HANDLED) {
          stuck = 0;
          continue;
        }
      }
      // A fault the first run answered with a signal: its frame is the event at this position.
      if (run.retired === 0 && !applied && ++stuck > 2) {
        throw new ReplayError(`replay diverged: exception class 0x${ec.toString(16)} at pc 0x${t.pc.toString(16)} (position ${this.cur}) has no recorded answer`);
      }
    }
  }
}
