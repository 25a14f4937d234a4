/**
 * Round-robin scheduling with the architectural generic timer for preemption.
 *
 * Before a process returns to EL0 the kernel programs the virtual timer (CNTV_CVAL_EL0 =
 * now + one time slice, CNTV_CTL_EL0 = ENABLE); when the slice is up the CPU takes the
 * timer IRQ, run() returns StopReason.IRQ, and the process goes to the back of the queue.
 * Blocked processes are not in the queue at all, so they cost nothing until woken.
 */

import type { Machine } from '../machine/machine.js';
import type { Process } from './process.js';

export class RunQueue {
  private queue: Process[] = [];
  private readonly members = new Set<Process>();

  get size(): number {
    return this.members.size;
  }

  /** Adds a process at the back (no-op if it is already queued). */
  add(p: Process): void {
    if (this.members.has(p)) return;
    this.members.add(p);
    this.queue.push(p);
  }

  remove(p: Process): void {
    if (!this.members.delete(p)) return;
    const i = this.queue.indexOf(p);
    if (i >= 0) this.queue.splice(i, 1);
  }

  /** Takes the process at the front. */
  next(): Process | undefined {
    const p = this.queue.shift();
    if (p) this.members.delete(p);
    return p;
  }

  has(p: Process): boolean {
    return this.members.has(p);
  }
}

const CTL_ENABLE = 1n;

export class SliceTimer {
  private readonly ticksPerMs: number;

  constructor(private readonly machine: Machine, readonly sliceMs: number) {
    this.ticksPerMs = Number(machine.readSysReg('CNTFRQ_EL0')) / 1000;
  }

  /** Programs the virtual timer to interrupt one slice from now. */
  arm(): bigint {
    const now = this.machine.readSysReg('CNTVCT_EL0');
    const deadline = now + BigInt(Math.max(1, Math.round(this.sliceMs * this.ticksPerMs)));
    this.machine.writeSysReg('CNTV_CVAL_EL0', deadline);
    this.machine.writeSysReg('CNTV_CTL_EL0', CTL_ENABLE);
    return deadline;
  }

  /** True when the current slice has run out. */
  expired(): boolean {
    // The timer's interrupt line is asserted (enabled, unmasked, CVAL reached).
    return this.machine.cpu.irqPending();
  }

  disarm(): void {
    this.machine.writeSysReg('CNTV_CTL_EL0', 0n);
  }
}
