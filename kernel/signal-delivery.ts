/**
 * Signal delivery: how a sent signal reaches a thread, as Linux's kernel/signal.c does it.
 * A thread-directed signal (tgkill, a fault, SIGPIPE) is pending on that thread; a
 * process-directed one (kill) on the process, taken by any thread that does not block it.
 * Sending wakes a thread in sigwait, ends the process for a fatal default action, stops or
 * continues it for job control, or interrupts a blocked call for a handler; on the way back
 * to EL0 deliverSignals() builds the handler's frame (on the alternate stack for
 * SA_ONSTACK). A process's timers (itimers, POSIX timers) send their signals through here.
 *
 * The signal numbers, actions, pending sets and the frame's layout are data (signals.ts);
 * this module is the behaviour that needs the kernel: the process table, the scheduler's
 * wake and the run queue.
 */

import { nativeSignalAction } from './native.js';
import { Process, type Thread } from './process.js';
import {
  buildSigFrame, maskOf, SA_NODEFER, SA_ONSTACK, SA_RESETHAND, SA_RESTORER, sigBit,
  SIG_DFL, SIG_IGN, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGFRAME_SIZE, SIGFRAME_TOTAL, SIGFRAME_UCONTEXT, SIGKILL, SIGNAL_NAMES, SIGSEGV,
  type SigInfo,
} from './signals.js';
import { ProcessTimers, type TimerSink } from './timers.js';
import { signalLine } from './siginfo-trace.js';
import type { Kernel } from './kernel.js';

const SS_ONSTACK = 1;
const SS_DISABLE = 2;

export class SignalDelivery {
  /** Job control: processes a stop signal stopped (the signal), their threads parked until SIGCONT. */
  readonly stoppedProcesses = new Map<Process, number>();
  readonly parkedThreads = new Map<Process, Set<Thread>>();
  /** Stops not yet reported to the parent (waitpid with WUNTRACED): pid -> signal. */
  readonly unreportedStops = new Map<number, number>();

  constructor(private readonly kernel: Kernel) {}

  /** The process's timers, made on first use; they send their signals through this kernel. */
  timersOf(p: Process): ProcessTimers {
    if (p.timers) return p.timers;
    const sink: TimerSink = {
      fire: (sig, info, tid) => {
        if (p.exit) return false;
        const t = tid === null ? undefined : this.kernel.threads.get(tid);
        if (tid !== null && (!t || t.process !== p)) return false;
        this.sendSignal(t ?? p, sig, info);
        return true;
      },
      stillPending: (sig, timerId, tid) => {
        const set = tid === null ? p.pending : this.kernel.threads.get(tid)?.pending;
        return !!set && set.has(sig) && set.info.get(sig)?.timerId === timerId;
      },
    };
    p.timers = new ProcessTimers(sink, () => p.cpuMs - p.sysMs, () => p.cpuMs);
    return p.timers;
  }

  /**
   * Sends a signal to one thread (tgkill, faults, SIGPIPE) or, given a Process, to the
   * process as a whole (kill). Fatal default actions end the process at once; a handled
   * signal interrupts a blocked thread that does not block it.
   */
  sendSignal(target: Thread | Process, sig: number, info?: SigInfo): void {
    if (target instanceof Process) return this.signalProcess(target, sig, info);
    const p = target.process;
    if (sig === 0 || p.exit || p.exiting || target.dead) return;
    if (sig === SIGKILL) return this.kernel.procs.exitProcess(p, 0, SIGKILL);
    if (this.kernel.nativeStates.has(p)) return this.signalProcess(p, sig, info); // native.ts
    if (p.handlers.ignored(sig) && !(target.sigmask & sigBit(sig)) && !(target.waitingFor & sigBit(sig))) return this.traceSignal(p, sig, info);
    target.pending.add(sig, info);
    this.notifySignal(p, sig, [target]);
  }

  /** A process-directed signal: pending on the process, taken by a thread that does not block it. */
  signalProcess(p: Process, sig: number, info?: SigInfo): void {
    if (sig === 0 || p.exit || p.exiting) return;
    if (sig === SIGKILL) return this.kernel.procs.exitProcess(p, 0, SIGKILL);
    const native = this.kernel.nativeStates.get(p); // native.ts: TypeScript handlers, no signal frames
    if (native) {
      if (sig === SIGCONT) this.continueProcess(p);
      const action = nativeSignalAction(p.handlers.actions, native, sig);
      if (action === 'terminate') this.kernel.procs.exitProcess(p, 0, sig);
      else if (action === 'stop') this.stopProcess(p, sig);
      return;
    }
    // Job control: SIGCONT resumes a stopped process; a stop signal with its default action stops it.
    if (sig === SIGCONT) this.continueProcess(p);
    if (sig === SIGSTOP || ((sig === SIGTSTP || sig === SIGTTIN || sig === SIGTTOU) && p.handlers.actions[sig].handler === SIG_DFL)) {
      this.traceSignal(p, sig, info);
      this.stopProcess(p, sig);
      return;
    }
    const bit = sigBit(sig);
    if (p.handlers.ignored(sig) && p.threads.every((t) => !(t.sigmask & bit) && !(t.waitingFor & bit))) return this.traceSignal(p, sig, info);
    p.pending.add(sig, info);
    this.notifySignal(p, sig, p.threads);
  }

  /** Lets a thread see a newly pending signal: sigwait takes it, a fatal one ends the process, a handled one interrupts a wait. */
  private notifySignal(p: Process, sig: number, candidates: readonly Thread[]): void {
    const bit = sigBit(sig);
    const waiter = candidates.find((t) => t.waitingFor & bit);
    if (waiter) {
      this.kernel.wake(waiter);
      return;
    }
    const t = candidates.find((c) => !(c.sigmask & bit));
    if (!t) return;
    if (p.handlers.fatalByDefault(sig)) {
      this.traceSignal(p, sig, t.pending.info.get(sig) ?? p.pending.info.get(sig));
      return this.kernel.procs.exitProcess(p, 0, sig);
    }
    if (p.handlers.actions[sig].handler === SIG_DFL) {
      // Ignored by default (SIGCHLD, SIGURG, SIGWINCH...): nothing to deliver.
      const fromThread = t.pending.take(sig);
      const fromProcess = p.pending.take(sig);
      this.traceSignal(p, sig, fromThread ?? fromProcess);
      return;
    }
    if (t.state === 'blocked' && !t.uninterruptible) {
      t.interrupted = true;
      this.kernel.wake(t);
    }
  }

  /**
   * --trace-syscalls: strace's line for a signal that reaches process p (a handler's, a default
   * action's or an ignored one; a traced process sees them all). SIGKILL is never shown.
   */
  private traceSignal(p: Process, sig: number, info: SigInfo | undefined): void {
    if (!this.kernel.tracing || sig === SIGKILL || this.kernel.nativeStates.has(p)) return;
    this.kernel.traceEvent(p.pid, signalLine(sig, info, { pid: p.pid, uid: p.ruid }));
  }

  /** Job control: every thread of p stays off the CPU until SIGCONT; the parent can see the stop. */
  stopProcess(p: Process, sig: number): void {
    if (this.stoppedProcesses.has(p)) return;
    if (this.kernel.tracing && !this.kernel.nativeStates.has(p)) this.kernel.traceEvent(p.pid, `--- stopped by ${SIGNAL_NAMES[sig] ?? sig} ---`);
    this.stoppedProcesses.set(p, sig);
    const parked = new Set<Thread>();
    for (const t of p.threads) {
      if (t.state === 'runnable') {
        this.kernel.runQueue.remove(t);
        parked.add(t);
      }
    }
    this.parkedThreads.set(p, parked);
    this.unreportedStops.set(p.pid, sig);
    this.kernel.logger.info({ pid: p.pid, cmd: p.exe, signal: SIGNAL_NAMES[sig] }, 'process stopped');
    const parent = this.kernel.processes.get(p.ppid);
    parent?.childExits.wake();
  }

  continueProcess(p: Process): void {
    if (!this.stoppedProcesses.delete(p)) return;
    this.unreportedStops.delete(p.pid);
    const parked = this.parkedThreads.get(p) ?? new Set();
    this.parkedThreads.delete(p);
    this.kernel.logger.info({ pid: p.pid, cmd: p.exe }, 'process continued');
    const native = this.kernel.nativeStates.get(p);
    native?.continueWaiters.wake();
    for (const t of parked) if (!p.exit && p.threads.includes(t)) this.kernel.makeRunnable(t);
  }

  /**
   * Delivers pending, unblocked signals before returning to EL0: default actions end the
   * process; a handler gets a signal frame on the user stack (or the alternate stack for
   * SA_ONSTACK). Returns false if t ended.
   */
  deliverSignals(t: Thread): boolean {
    const p = t.process;
    for (;;) {
      if (t.dead) return false;
      const sig = t.nextSignal();
      if (!sig) {
        if (t.savedMask !== null) {
          t.sigmask = maskOf(t.savedMask);
          t.savedMask = null;
        }
        return !t.dead;
      }
      const info = t.pending.has(sig) ? t.pending.take(sig) : p.pending.take(sig);
      const action = p.handlers.actions[sig];
      if (sig !== SIGKILL) this.traceSignal(p, sig, info);
      if (action.handler === SIG_IGN) continue;
      if (action.handler === SIG_DFL) {
        if (p.handlers.fatalByDefault(sig)) {
          this.kernel.procs.exitProcess(p, 0, sig);
          return false;
        }
        continue;
      }
      const ctx = t.ctx;
      const userSp = (BigInt(ctx.x[63] >>> 0) << 32n) | BigInt(ctx.x[62] >>> 0);
      const alt = t.altStack;
      const onAlt = alt.flags !== SS_DISABLE && alt.size > 0n && userSp > alt.sp && userSp <= alt.sp + alt.size;
      const useAlt = action.flags & SA_ONSTACK && alt.flags !== SS_DISABLE && alt.size > 0n && !onAlt;
      const base = useAlt ? alt.sp + alt.size : userSp;
      const frameAt = (base - BigInt(SIGFRAME_TOTAL)) & ~15n;
      const stack = { sp: alt.sp, size: alt.size, flags: alt.flags === SS_DISABLE || alt.size === 0n ? SS_DISABLE : onAlt ? SS_ONSTACK : 0 };
      const frame = buildSigFrame(ctx, sig, info, t.savedMask ?? t.sigmask, frameAt, stack);
      t.savedMask = null;
      try {
        p.mem.write(Number(frameAt), frame);
      } catch {
        this.kernel.writeStderr(p, `[Fault] cannot write the signal frame for ${SIGNAL_NAMES[sig] ?? sig}: killed\n`);
        this.kernel.procs.exitProcess(p, 0, SIGSEGV);
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
      set(30, action.flags & SA_RESTORER ? action.restorer : BigInt(p.mm.vm.sigreturnTrampoline));
      set(31, frameAt);
      ctx.pcLo = Number(action.handler & 0xffffffffn) | 0;
      ctx.pcHi = Number(action.handler >> 32n) | 0;
      t.sigmask = maskOf(t.sigmask | action.mask | (action.flags & SA_NODEFER ? 0n : sigBit(sig)));
      if (action.flags & SA_RESETHAND) action.handler = SIG_DFL;
      return true;
    }
  }
}
