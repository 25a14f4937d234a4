/**
 * The CPU shared between the machines of one thread: each kernel's run queue decides which
 * of its threads runs next (scheduler.ts), and this arbiter decides which machine takes the
 * next turn, so that machines that share a host thread (serve --machines per-session, many
 * machines per worker) share its time fairly, however many runnable processes each has or
 * however long its slices are.
 *
 * The rule is the one Linux's fair scheduler applies to tasks, applied to machines: every
 * machine has a virtual run time, the guest time its turns used (read from its own generic
 * counter: instructions on a deterministic machine, host time otherwise) divided by its
 * weight (1 by default: equal shares); the ready machine with the least goes next. A machine
 * that was idle re-enters at the smallest virtual time of the others less one slice, so it
 * runs next (an idle machine's wake-up waits for at most the turn in progress) but cannot
 * bank the time it did not use to take more than its share later.
 *
 * The arbiter runs turns on the Node event loop in ticks: while one machine is on the
 * thread, a tick lasts up to its kernel's tickMs; with several, it ends after the first
 * turn past one slice, because another machine is woken only through the event loop (its
 * socket's data, its host timer) and must not wait longer than that for it.
 */

/** What the arbiter asks of a machine's kernel. */
export interface ArbitratedMachine {
  /** Runs its next runnable thread for up to one slice; returns the guest time used (ms). */
  runTurn(): number;
  /** True while it has runnable threads. */
  hasWork(): boolean;
  readonly sliceMs: number;
  /** Longest one tick may hold the event loop for it (ms). */
  readonly tickMs: number;
}

/** A machine's share of its thread so far. */
export interface MachineShare {
  /** Guest time its turns used (ms), the accounting the rule above uses. */
  cpuMs: number;
  /** Turns it was given. */
  turns: number;
  /** Its virtual run time (cpuMs / weight, plus the catch-up on re-entry). */
  vruntime: number;
  weight: number;
  /** Worst wall-clock wait (ms) from becoming ready to its first turn. */
  worstWaitMs: number;
}

interface Entry extends MachineShare {
  machine: ArbitratedMachine;
  /** When it last became ready (performance.now), 0 once it has had its turn. */
  readySince: number;
}

export class MachineArbiter {
  /** Machines with runnable threads, in the order they became ready. */
  private readonly ready: Entry[] = [];
  private readonly entries = new WeakMap<ArbitratedMachine, Entry>();
  /** The virtual time below which no machine re-enters (monotonic). */
  private floor = 0;
  /** Machines joined and not yet left (a count, so a kernel nobody stopped is still collected). */
  private joined = 0;
  private scheduled = false;
  /** Called after every turn (tests count them; bench measures with it). */
  onTurn: ((machine: ArbitratedMachine, cpuMs: number) => void) | null = null;

  /** Machines on this thread now. */
  get machines(): number {
    return this.joined;
  }

  join(machine: ArbitratedMachine, weight = 1): void {
    if (this.entries.has(machine)) return;
    if (!(weight > 0)) throw new RangeError(`machine CPU weight must be positive, not ${weight}`);
    this.entries.set(machine, { machine, cpuMs: 0, turns: 0, vruntime: this.floor, weight, worstWaitMs: 0, readySince: 0 });
    this.joined++;
  }

  /** The machine stopped: it takes no more turns. */
  leave(machine: ArbitratedMachine): void {
    const e = this.entries.get(machine);
    if (!e) return;
    this.entries.delete(machine);
    this.joined--;
    const i = this.ready.indexOf(e);
    if (i >= 0) this.ready.splice(i, 1);
  }

  /** A copy of the machine's share so far (undefined once it left). */
  share(machine: ArbitratedMachine): MachineShare | undefined {
    const e = this.entries.get(machine);
    return e && { cpuMs: e.cpuMs, turns: e.turns, vruntime: e.vruntime, weight: e.weight, worstWaitMs: e.worstWaitMs };
  }

  /** The machine has runnable threads: it takes turns until it has none. */
  wake(machine: ArbitratedMachine): void {
    const e = this.entries.get(machine);
    if (!e || this.ready.includes(e)) return;
    let least = Infinity;
    for (const r of this.ready) least = Math.min(least, r.vruntime);
    const reentry = (least === Infinity ? this.floor : least) - machine.sliceMs / e.weight;
    e.vruntime = Math.max(e.vruntime, reentry);
    e.readySince = performance.now();
    this.ready.push(e);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.tick);
  }

  /** The ready machine with the least virtual time (the earliest ready of equals). */
  private pick(): Entry | undefined {
    let best: Entry | undefined;
    for (const e of this.ready) if (!best || e.vruntime < best.vruntime) best = e;
    return best;
  }

  private readonly tick = (): void => {
    this.scheduled = false;
    const start = performance.now();
    let hold = Infinity;
    for (const e of this.ready) hold = Math.min(hold, this.joined > 1 ? Math.min(e.machine.tickMs, e.machine.sliceMs) : e.machine.tickMs);
    for (;;) {
      const e = this.pick();
      if (!e) break;
      if (e.readySince) {
        e.worstWaitMs = Math.max(e.worstWaitMs, performance.now() - e.readySince);
        e.readySince = 0;
      }
      this.floor = Math.max(this.floor, e.vruntime);
      const used = e.machine.runTurn();
      e.cpuMs += used;
      e.turns++;
      e.vruntime += used / e.weight;
      if (!e.machine.hasWork()) {
        const i = this.ready.indexOf(e);
        if (i >= 0) this.ready.splice(i, 1);
      }
      this.onTurn?.(e.machine, used);
      if (performance.now() - start >= hold) break;
    }
    if (this.ready.length) this.schedule();
  };
}

/** The arbiter of this thread's machines (each worker thread has its own module instance). */
export const threadArbiter = new MachineArbiter();
