/**
 * timerfd: a timer as a file. settime arms it (relative or TFD_TIMER_ABSTIME, with an
 * interval); reading gives the number of expirations since the last read (waiting for the
 * first). Expirations are counted from the clock, so a slow reader still sees every tick;
 * one host timer per armed timerfd wakes its readers, and closing the file cancels it.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDONLY } from './constants.js';
import { anonStat } from './eventfd.js';
import { OpenFile, type Blocker, type IoResult } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { POLLIN, POLLRDNORM } from './readiness.js';
import { WaitQueue } from '../wait-queue.js';

export const TFD_TIMER_ABSTIME = 1;
export const TFD_TIMER_CANCEL_ON_SET = 2;

export class TimerFd extends OpenFile {
  readonly queue = new WaitQueue();
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();
  /** Next expiry on the clock, in ns; 0n when disarmed. */
  private next = 0n;
  private interval = 0n;
  /** Expirations counted and not read yet. */
  private ticks = 0n;
  private timer: NodeJS.Timeout | null = null;

  constructor(readonly clock: number, private readonly now: () => bigint, flags: number) {
    super(O_RDONLY | (flags & O_NONBLOCK), 'anon_inode:[timerfd]');
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  /** Counts expirations up to now. */
  private update(): void {
    if (this.next === 0n) return;
    const now = this.now();
    if (now < this.next) return;
    if (this.interval > 0n) {
      const n = (now - this.next) / this.interval + 1n;
      this.ticks += n;
      this.next += n * this.interval;
    } else {
      this.ticks += 1n;
      this.next = 0n;
    }
  }

  /** Arms (value > 0) or disarms; returns the previous setting as gettime reports it. */
  set(valueNs: bigint, intervalNs: bigint, absolute: boolean): [bigint, bigint] {
    const old = this.get();
    this.ticks = 0n;
    this.interval = intervalNs;
    if (valueNs === 0n) this.next = 0n;
    else this.next = absolute ? valueNs : this.now() + valueNs;
    this.schedule();
    this.queue.wake();
    return old;
  }

  /** [time to next expiry, interval] in ns. */
  get(): [bigint, bigint] {
    this.update();
    if (this.next === 0n) return [0n, this.interval];
    const left = this.next - this.now();
    return [left > 0n ? left : 1n, this.interval];
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.next === 0n || this.refs === 0) return;
    const ms = Number(this.next - this.now()) / 1e6;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.update();
      this.queue.wake();
      this.schedule();
    }, Math.max(0, Math.min(ms, 2 ** 31 - 1)));
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (length < 8) throw new SyscallError(Errno.EINVAL);
    this.update();
    if (this.ticks === 0n) {
      if (this.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.queue);
    }
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, this.ticks, true);
    this.ticks = 0n;
    return out;
  }

  pollMask(): number {
    this.update();
    return this.ticks > 0n ? POLLIN | POLLRDNORM : 0;
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue];
  }

  protected override closed(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.next = 0n;
  }
}
