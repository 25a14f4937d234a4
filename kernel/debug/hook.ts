/**
 * What the kernel's run loop asks of an attached debugger (kernel/debug/target.ts), and
 * nothing more, so the scheduler stays ignorant of the remote protocol:
 *
 *  - `holds(t)`: a thread about to become runnable that the debugger keeps off the CPU
 *    (its process is stopped in gdb: all-stop mode);
 *  - `budgetFor(t)`: how many instructions t may run in one go (1 while gdb single-steps it);
 *  - `stepped(t)` / `breakpointHit(t)`: after t retired its one instruction, or trapped on a
 *    BRK the debugger planted; true when the debugger takes the stop (t is then parked);
 *  - `faultStop(t, sig)`: a fault is about to raise sig in t (SIGSEGV, SIGILL, ...); true when
 *    gdb sees it first, as under ptrace (t parked at the faulting instruction);
 *  - `watchpoints`: the data watchpoints the machine must check while t's process runs (the
 *    same empty list when none: the kernel compares identities, nothing else);
 *    `watchpointHit(t, addr, write)`: one fired (t parked before the access).
 *
 *  - `recorder`: while `run --record` records (recording.ts), told when t enters the kernel
 *    (`entered`, after `retired` instructions, with the exception class, -1 for an interrupt or
 *    the end of its budget) and when it is about to
 *    return to EL0 (`resuming`); null otherwise.
 *
 * A kernel with no debugger attached pays one null check per turn.
 */

import type { Thread } from '../process.js';
import type { Watchpoint } from '../../machine/machine.js';

export interface KernelDebugHook {
  holds(t: Thread): boolean;
  budgetFor(t: Thread): number | undefined;
  stepped(t: Thread): boolean;
  breakpointHit(t: Thread, pc: number): boolean;
  faultStop(t: Thread, signal: number): boolean;
  readonly watchpoints: readonly Watchpoint[];
  watchpointHit(t: Thread, addr: number, write: boolean): boolean;
  readonly recorder: KernelRecorder | null;
}

export interface KernelRecorder {
  entered(t: Thread, retired: number, ec: number): void;
  resuming(t: Thread): void;
}
