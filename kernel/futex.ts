/**
 * Futex wait queues: the kernel half of every user-space lock, condition variable and
 * thread join (glibc, musl and Go all park threads here).
 *
 * A waiter is keyed by what names its futex word. A private futex (FUTEX_PRIVATE_FLAG, and
 * any futex in private memory) is its address space and virtual address. A shared futex in a
 * MAP_SHARED mapping is the mapping's memory object and the word's offset in it
 * (shared-pages.ts), so a parent and a forked child, or two processes mapping one file at
 * different addresses, meet on the same queue: process-shared mutexes, condition variables,
 * barriers and semaphores. Each queue is the kernel's one WaitQueue type, its waiters tagged
 * with the bitset they wait with; wake, requeue and wake-op move or wake them in the order
 * they arrived, as Linux does.
 */

import type { Waitable } from './syscall-abi.js';
import type { AddressSpace } from './vm.js';
import { WaitQueue } from './wait-queue.js';

/** What a futex word is named by: an address space or a shared memory object, and a number in it. */
export interface FutexKey {
  space: object;
  addr: number;
}

export interface FutexWaiter {
  /** Where it waits now (requeue changes addr). */
  space: object;
  addr: number;
  bitset: number;
  /** Set when a wake picked it (its syscall then returns 0). */
  woken: boolean;
  /** Makes its thread runnable. */
  wake: () => void;
}

export const FUTEX_BITSET_MATCH_ANY = 0xffffffff;

/**
 * The key of the futex word at `addr` in `vm`: private futexes and words in private memory
 * are named by (vm, addr); a shared one in a MAP_SHARED mapping by the mapping's object and
 * the word's offset in it.
 */
export function futexKey(vm: AddressSpace, addr: number, isPrivate: boolean): FutexKey {
  if (!isPrivate) {
    const r = vm.findRegion(addr);
    if (r?.shm) return { space: r.shm, addr: r.offset + (addr - r.start) };
  }
  return { space: vm, addr };
}

/**
 * Every futex queue, each a WaitQueue tagged with its waiters (their bitsets and where they
 * wait now), by the key's space and then its number. A blocked thread's Waitable (waitable())
 * looks its queue up at each use, so a waiter that requeue moved is removed from where it is.
 */
export class FutexTable {
  private readonly queues = new Map<object, Map<number, WaitQueue<FutexWaiter>>>();

  /** Waiters in all queues (bounded by the number of threads). */
  get size(): number {
    let n = 0;
    for (const byAddr of this.queues.values()) for (const q of byAddr.values()) n += q.size;
    return n;
  }

  private queue(key: FutexKey, create: boolean): WaitQueue<FutexWaiter> | undefined {
    let byAddr = this.queues.get(key.space);
    if (!byAddr) {
      if (!create) return undefined;
      this.queues.set(key.space, (byAddr = new Map()));
    }
    let q = byAddr.get(key.addr);
    if (!q && create) byAddr.set(key.addr, (q = new WaitQueue<FutexWaiter>()));
    return q;
  }

  /** Forgets a queue that has emptied, so the table holds only futexes with waiters. */
  private tidy(key: FutexKey): void {
    const byAddr = this.queues.get(key.space);
    if (!byAddr || byAddr.get(key.addr)?.size !== 0) return;
    byAddr.delete(key.addr);
    if (byAddr.size === 0) this.queues.delete(key.space);
  }

  /** What a waiting thread parks on: the queue `w` is in now, whichever that is. */
  waitable(w: FutexWaiter): Waitable {
    return {
      addWaiter: (wake) => {
        w.wake = wake;
        this.queue(w, true)!.addWaiter(wake, w);
      },
      removeWaiter: () => this.remove(w),
    };
  }

  remove(w: FutexWaiter): void {
    this.queue(w, false)?.removeWaiter(w.wake);
    this.tidy(w);
  }

  /**
   * Wakes up to `n` waiters on the (shared, as Linux's CLONE_CHILD_CLEARTID and robust-list
   * wakes are) futex at `addr` of `vm`; returns how many.
   */
  wake(vm: AddressSpace, addr: number, n: number): number {
    return this.wakeKey(futexKey(vm, addr, false), n);
  }

  /** Wakes up to `n` waiters whose bitset meets `bitset`; returns how many. */
  wakeKey(key: FutexKey, n: number, bitset = FUTEX_BITSET_MATCH_ANY): number {
    const q = this.queue(key, false);
    if (!q) return 0;
    const woken = q.wakeSome(n, (w) => {
      if ((w.bitset & bitset) === 0) return false;
      w.woken = true;
      return true;
    });
    this.tidy(key);
    return woken;
  }

  /** Wakes up to `wakeN` waiters at `from` and moves up to `moveN` more to `to`; returns both counts. */
  requeue(from: FutexKey, to: FutexKey, wakeN: number, moveN: number): { woken: number; moved: number } {
    const woken = this.wakeKey(from, wakeN);
    const q = this.queue(from, false);
    if (!q || (to.space === from.space && to.addr === from.addr)) return { woken, moved: 0 };
    const moved = q.moveTo(this.queue(to, true)!, moveN, (w) => {
      w.space = to.space;
      w.addr = to.addr;
    });
    this.tidy(from);
    this.tidy(to);
    return { woken, moved };
  }

  /** Drops every private waiter of an address space that is going away. */
  dropSpace(vm: AddressSpace): void {
    this.queues.delete(vm);
  }
}
