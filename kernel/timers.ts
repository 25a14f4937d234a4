/**
 * A process's timers: the three interval timers of setitimer (ITIMER_REAL on the wall
 * clock; ITIMER_VIRTUAL and ITIMER_PROF on the process's CPU time, checked as its threads
 * use the CPU) and POSIX timers (timer_create), which send a signal to the process or, with
 * SIGEV_THREAD_ID, to one thread.
 *
 * A timer that fires while its last signal is still pending counts an overrun instead of
 * queueing another, as Linux does. Timers go with their process: exec deletes the POSIX ones,
 * exit all of them.
 */

import { SI_TIMER, type SigInfo } from './signals.js';

/** What the kernel does when a timer fires. */
export interface TimerSink {
  /** Sends `sig` with `info` to the process, or to thread `tid` when given. Returns false if the target is gone. */
  fire(sig: number, info: SigInfo, tid: number | null): boolean;
  /** True while the signal of this timer is still pending (an overrun rather than a new signal). */
  stillPending(sig: number, timerId: number, tid: number | null): boolean;
}

export const ITIMER_REAL = 0;
export const ITIMER_VIRTUAL = 1;
export const ITIMER_PROF = 2;

export const SIGEV_SIGNAL = 0;
export const SIGEV_NONE = 1;
export const SIGEV_THREAD = 2;
export const SIGEV_THREAD_ID = 4;

/** POSIX timers one process may hold (each is a host timer). */
export const MAX_POSIX_TIMERS = 256;

/** An interval timer's state in ms: when it next fires (on its clock) and its period (0: one-shot). */
export interface TimerValue {
  valueMs: number;
  intervalMs: number;
}

export class PosixTimer {
  /** Wall-clock ms (performance.now()) when it next fires, or null when disarmed. */
  deadline: number | null = null;
  intervalMs = 0;
  overrun = 0;
  /** Overruns reported with the last delivered signal (timer_getoverrun). */
  lastOverrun = 0;
  private handle: NodeJS.Timeout | null = null;

  constructor(
    readonly id: number,
    readonly clock: number,
    readonly notify: number,
    readonly signal: number,
    readonly value: bigint,
    readonly tid: number | null,
    private readonly sink: TimerSink,
  ) {}

  /** Arms it to fire in `valueMs` (0 disarms), then every `intervalMs`. */
  set(valueMs: number, intervalMs: number): void {
    this.disarm();
    this.intervalMs = intervalMs;
    if (valueMs <= 0) return;
    this.deadline = performance.now() + valueMs;
    this.schedule();
  }

  /** Time left and period. */
  get(): TimerValue {
    if (this.deadline === null) return { valueMs: 0, intervalMs: this.intervalMs };
    return { valueMs: Math.max(this.deadline - performance.now(), 0.001), intervalMs: this.intervalMs };
  }

  disarm(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
    this.deadline = null;
  }

  private schedule(): void {
    const delay = Math.max(0, Math.min((this.deadline ?? 0) - performance.now(), 2 ** 31 - 1));
    this.handle = setTimeout(() => this.expire(), delay);
  }

  private expire(): void {
    this.handle = null;
    if (this.deadline === null) return;
    if (this.notify !== SIGEV_NONE) {
      if (this.sink.stillPending(this.signal, this.id, this.tid)) this.overrun++;
      else {
        this.lastOverrun = this.overrun;
        this.overrun = 0;
        const info: SigInfo = { code: SI_TIMER, timerId: this.id, overrun: this.lastOverrun, value: this.value };
        if (!this.sink.fire(this.signal, info, this.tid)) return this.disarm();
      }
    }
    if (this.intervalMs > 0) {
      // Periods missed while the host was busy count as overruns too.
      const now = performance.now();
      let next = this.deadline + this.intervalMs;
      if (next < now) {
        const missed = Math.floor((now - next) / this.intervalMs) + 1;
        this.overrun += missed;
        next += missed * this.intervalMs;
      }
      this.deadline = next;
      this.schedule();
    } else {
      this.deadline = null;
    }
  }
}

/** ITIMER_REAL (wall clock) and the CPU-time itimers of one process. */
export class ProcessTimers {
  readonly posix = new Map<number, PosixTimer>();
  private nextId = 0;
  private real: PosixTimer;
  /** CPU-time itimers: CPU ms (of the process) at which they fire, and their period. */
  private readonly cpu: Array<{ atCpuMs: number | null; intervalMs: number }> = [
    { atCpuMs: null, intervalMs: 0 },
    { atCpuMs: null, intervalMs: 0 },
  ];

  /** `userMs`: the process's user time (ITIMER_VIRTUAL); `cpuMs`: user plus system time (ITIMER_PROF). */
  constructor(private readonly sink: TimerSink, private readonly userMs: () => number, private readonly cpuMs: () => number) {
    this.real = new PosixTimer(-1, 0, SIGEV_SIGNAL, 14 /* SIGALRM */, 0n, null, {
      fire: (sig, _info, tid) => sink.fire(sig, { code: 0x80 /* SI_KERNEL */ }, tid),
      stillPending: () => false,
    });
  }

  getItimer(which: number): TimerValue {
    if (which === ITIMER_REAL) return this.real.get();
    const c = this.cpu[which - 1];
    return { valueMs: c.atCpuMs === null ? 0 : Math.max(c.atCpuMs - this.clock(which), 0.001), intervalMs: c.intervalMs };
  }

  /** Sets an itimer and returns its previous value. */
  setItimer(which: number, v: TimerValue): TimerValue {
    const old = this.getItimer(which);
    if (which === ITIMER_REAL) this.real.set(v.valueMs, v.intervalMs);
    else this.cpu[which - 1] = { atCpuMs: v.valueMs > 0 ? this.clock(which) + v.valueMs : null, intervalMs: v.intervalMs };
    return old;
  }

  /** The CPU clock an itimer counts: user time for ITIMER_VIRTUAL, user plus system for ITIMER_PROF. */
  private clock(which: number): number {
    return which === ITIMER_VIRTUAL ? this.userMs() : this.cpuMs();
  }

  /** Called as the process uses CPU: fires SIGVTALRM / SIGPROF when their CPU time is reached. */
  checkCpu(): void {
    this.cpu.forEach((c, i) => {
      const now = this.clock(i + 1);
      if (c.atCpuMs === null || now < c.atCpuMs) return;
      this.sink.fire(i === 0 ? 26 /* SIGVTALRM */ : 27 /* SIGPROF */, { code: 0x80 }, null);
      c.atCpuMs = c.intervalMs > 0 ? now + c.intervalMs : null;
    });
  }

  get cpuArmed(): boolean {
    return this.cpu[0].atCpuMs !== null || this.cpu[1].atCpuMs !== null;
  }

  /** timer_create; null when the process has too many. */
  create(clock: number, notify: number, signal: number, value: bigint | null, tid: number | null): PosixTimer | null {
    if (this.posix.size >= MAX_POSIX_TIMERS) return null;
    while (this.posix.has(this.nextId)) this.nextId = (this.nextId + 1) & 0x7fffffff;
    const id = this.nextId++;
    const t = new PosixTimer(id, clock, notify, signal, value ?? BigInt(id), tid, this.sink);
    this.posix.set(id, t);
    return t;
  }

  delete(id: number): boolean {
    const t = this.posix.get(id);
    if (!t) return false;
    t.disarm();
    this.posix.delete(id);
    return true;
  }

  /** exec: POSIX timers go; the itimers stay (as in Linux). */
  clearPosix(): void {
    for (const t of this.posix.values()) t.disarm();
    this.posix.clear();
  }

  /** exit: everything stops. */
  clearAll(): void {
    this.clearPosix();
    this.real.disarm();
    this.cpu.forEach((c) => (c.atCpuMs = null));
  }
}
