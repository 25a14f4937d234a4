/**
 * Round-robin scheduling with the architectural generic timer for preemption.
 *
 * Before a process returns to EL0 the kernel programs the virtual timer (CNTV_CVAL_EL0 =
 * now + one time slice, CNTV_CTL_EL0 = ENABLE); when the slice is up the CPU takes the
 * timer IRQ, run() returns StopReason.IRQ, and the process goes to the back of the queue.
 * The queue holds threads, grouped by uid: users take turns, then a user's threads do.
 * Blocked threads are not in the queue at all, so they cost nothing until woken.
 */

import type { Machine } from '../machine/machine.js';
import type { Thread } from './process.js';

/**
 * The runnable threads, shared fairly per user first and per thread second: next() takes
 * the uid after the last one served (round robin over the uids with runnable threads),
 * then that uid's next thread. One uid with 500 runnable processes gets the same turns as
 * a uid with one, so a fork bomb or a room of spinners slows only its own user.
 */
export class RunQueue {
  /** Each uid's runnable threads, front first. */
  private readonly byUid = new Map<number, Thread[]>();
  /** Uids with runnable threads, in the order they are served. */
  private readonly uids: number[] = [];
  /** The uid each queued thread was queued under (its uid may change while it waits). */
  private readonly members = new Map<Thread, number>();

  get size(): number {
    return this.members.size;
  }

  /** Adds a thread at the back of its uid's queue (no-op if it is already queued). */
  add(p: Thread): void {
    if (this.members.has(p)) return;
    const uid = p.process.ruid;
    this.members.set(p, uid);
    const q = this.byUid.get(uid);
    if (q) q.push(p);
    else {
      this.byUid.set(uid, [p]);
      this.uids.push(uid);
    }
  }

  remove(p: Thread): void {
    const uid = this.members.get(p);
    if (uid === undefined) return;
    this.members.delete(p);
    const q = this.byUid.get(uid)!;
    const i = q.indexOf(p);
    if (i >= 0) q.splice(i, 1);
    if (!q.length) this.dropUid(uid);
  }

  /** Takes the next uid's front thread; that uid goes to the back of the uids. */
  next(): Thread | undefined {
    const uid = this.uids.shift();
    if (uid === undefined) return undefined;
    const q = this.byUid.get(uid)!;
    const p = q.shift()!;
    this.members.delete(p);
    if (q.length) this.uids.push(uid);
    else this.byUid.delete(uid);
    return p;
  }

  has(p: Thread): boolean {
    return this.members.has(p);
  }

  private dropUid(uid: number): void {
    this.byUid.delete(uid);
    const i = this.uids.indexOf(uid);
    if (i >= 0) this.uids.splice(i, 1);
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
