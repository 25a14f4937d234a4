/**
 * The kernel's one wait-queue type, like Linux's wait_queue_head: every list of waiters
 * (pipe, tty and socket readers and writers, epoll, eventfd/timerfd/signalfd, file locks,
 * wait4/waitid's child exits, vfork's release, a process's exit, futexes) is a WaitQueue, so
 * waiting and waking read the same everywhere and a thread parks on any of them with
 * ctx.block(queue).
 *
 * A waiter is its wake function (the scheduler's, or a native program's promise), in the
 * order it arrived, with an optional tag the queue's owner reads when it wakes only some
 * (a futex waiter's bitset). Waking removes a waiter first, so one that blocks again
 * re-registers, and one woken by something else removes itself through its unblock.
 */

import type { Waitable } from './syscall-abi.js';

export class WaitQueue<Tag = undefined> implements Waitable {
  private readonly waiters = new Map<() => void, Tag | undefined>();

  addWaiter(wake: () => void, tag?: Tag): void {
    this.waiters.set(wake, tag);
  }

  removeWaiter(wake: () => void): void {
    this.waiters.delete(wake);
  }

  get size(): number {
    return this.waiters.size;
  }

  has(wake: () => void): boolean {
    return this.waiters.has(wake);
  }

  /** Wakes every waiter. */
  wake(): void {
    if (this.waiters.size === 0) return;
    const list = [...this.waiters.keys()];
    this.waiters.clear();
    for (const w of list) w();
  }

  /**
   * Wakes, in arrival order, up to `n` waiters that `pick` chooses (it may also mark the
   * tag it picks, before the waiter runs); returns how many were woken.
   */
  wakeSome(n: number, pick: (tag: Tag) => boolean = () => true): number {
    let woken = 0;
    for (const [wake, tag] of [...this.waiters]) {
      if (woken >= n) break;
      if (!pick(tag as Tag)) continue;
      this.waiters.delete(wake);
      wake();
      woken++;
    }
    return woken;
  }

  /** Moves up to `n` waiters, in arrival order, to the end of `to` (FUTEX_REQUEUE); `each` sees every tag moved. */
  moveTo(to: WaitQueue<Tag>, n: number, each: (tag: Tag) => void = () => undefined): number {
    let moved = 0;
    for (const [wake, tag] of [...this.waiters]) {
      if (moved >= n) break;
      this.waiters.delete(wake);
      each(tag as Tag);
      to.addWaiter(wake, tag);
      moved++;
    }
    return moved;
  }
}
