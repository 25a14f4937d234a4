/** A queue processes wait on (ctx.block(queue)); wake() makes every waiter runnable again. */

import type { Waitable } from '../syscalls/context.js';

export class WaitQueue implements Waitable {
  private waiters = new Set<() => void>();

  addWaiter(wake: () => void): void {
    this.waiters.add(wake);
  }

  removeWaiter(wake: () => void): void {
    this.waiters.delete(wake);
  }

  get size(): number {
    return this.waiters.size;
  }

  /** Wakes every waiter (each is removed first, so a waiter that blocks again re-registers). */
  wake(): void {
    if (this.waiters.size === 0) return;
    const list = [...this.waiters];
    this.waiters.clear();
    for (const w of list) w();
  }
}
