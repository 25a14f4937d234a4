/**
 * A machine's disk quota (serve --machine-disk): the bytes a machine of its own may write
 * over its base system, on its copy-on-write upper layer and its /tmp together (both are
 * held in the host's memory, so together they are what one tenant can take of it).
 *
 * Past the quota a write fails with EDQUOT, "Disk quota exceeded", as Linux answers a
 * write past a user's or project's quota (a tmpfs's own size is still ENOSPC, "No space
 * left on device"); the first refusal logs one line for the machine. statfs (df) reports
 * the quota as the file system's size, as df inside a container with a project quota shows.
 */

import type { Logger } from 'pino';
import { Errno, SyscallError } from '../errno.js';

export class DiskQuota {
  /** Bytes charged so far, by every file system sharing the quota. */
  usedBytes = 0;
  /** Writes refused so far. */
  refusals = 0;

  constructor(readonly limitBytes: number, private readonly logger?: Logger) {}

  get freeBytes(): number {
    return Math.max(0, this.limitBytes - this.usedBytes);
  }

  /** Charges `delta` bytes (negative: freed); EDQUOT, changing nothing, when it would pass the quota. */
  charge(delta: number): void {
    if (delta > 0 && this.usedBytes + delta > this.limitBytes) {
      if (this.refusals++ === 0) {
        const kb = (n: number): number => Math.ceil(n / 1024);
        this.logger?.warn({ quotaKb: kb(this.limitBytes), usedKb: kb(this.usedBytes), requestKb: kb(delta) }, 'machine disk quota reached (--machine-disk): writes fail with EDQUOT');
      }
      throw new SyscallError(Errno.EDQUOT);
    }
    this.usedBytes += delta;
  }
}
