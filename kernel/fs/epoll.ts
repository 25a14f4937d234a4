/**
 * epoll: an interest list of (file, fd) pairs and the readiness of each.
 *
 * Each interest listens on its file's poll queues for as long as it is registered; a wake
 * marks it "changed" (what edge-triggered interests report on) and wakes the epoll's own
 * queue, where epoll_wait sleeps. Level-triggered interests are re-checked on every wait,
 * EPOLLONESHOT disables an interest after one report until EPOLL_CTL_MOD, and an interest
 * whose file has been closed everywhere disappears, as on Linux. Each interest is charged to
 * the owner's memory account.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Waitable } from '../syscall-abi.js';
import { O_NONBLOCK, O_RDONLY } from './constants.js';
import { anonStat } from './eventfd.js';
import { DirFile, OpenFile, RegularFile } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { POLLERR, POLLHUP, POLLIN, POLLRDNORM, readiness, signalMaskOf } from './readiness.js';
import { WaitQueue } from '../wait-queue.js';

export const EPOLL_CTL_ADD = 1;
export const EPOLL_CTL_DEL = 2;
export const EPOLL_CTL_MOD = 3;
export const EPOLLEXCLUSIVE = 1 << 28;
export const EPOLLWAKEUP = 1 << 29;
export const EPOLLONESHOT = 1 << 30;
export const EPOLLET = 1 << 31;
/** The bits a report may carry besides the ones asked for. */
const ALWAYS = POLLERR | POLLHUP;
const INTEREST_COST = 160;
const EXCLUSIVE_OK = 0x1 | 0x4 | POLLERR | POLLHUP | EPOLLWAKEUP | EPOLLET | EPOLLEXCLUSIVE;
/** Linux's limit on epoll nesting. */
const MAX_NESTS = 4;

export interface Account {
  charge(n: number): boolean;
  uncharge(n: number): void;
}

interface Interest {
  readonly file: OpenFile;
  readonly fd: number;
  events: number;
  data: bigint;
  /** Something happened on the file since the last report (edge-triggered reports need it). */
  changed: boolean;
  /** EPOLLONESHOT fired; nothing is reported until EPOLL_CTL_MOD. */
  disabled: boolean;
  readonly queues: Waitable[];
  readonly wake: () => void;
}

export interface EpollEvent {
  events: number;
  data: bigint;
}

export class EpollFile extends OpenFile {
  /** Woken when any interest's file may have changed. */
  readonly queue = new WaitQueue();
  private readonly interests = new Map<OpenFile, Map<number, Interest>>();
  private count = 0;
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();

  constructor(flags: number, private readonly account: Account) {
    super(O_RDONLY | (flags & O_NONBLOCK), 'anon_inode:[eventpoll]');
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  get size(): number {
    return this.count;
  }

  /** epoll_ctl. */
  control(op: number, fd: number, file: OpenFile, events: number, data: bigint): void {
    if (file === this || (op !== EPOLL_CTL_ADD && op !== EPOLL_CTL_DEL && op !== EPOLL_CTL_MOD)) throw new SyscallError(Errno.EINVAL);
    if (file instanceof RegularFile || file instanceof DirFile) throw new SyscallError(Errno.EPERM);
    const byFd = this.interests.get(file);
    const existing = byFd?.get(fd);
    if (op === EPOLL_CTL_ADD) {
      if (existing) throw new SyscallError(Errno.EEXIST);
      // EPOLLEXCLUSIVE goes only with IN, OUT, ERR, HUP, WAKEUP and ET, and never on an epoll.
      if (events & EPOLLEXCLUSIVE && (file instanceof EpollFile || events & ~EXCLUSIVE_OK)) throw new SyscallError(Errno.EINVAL);
      if (file instanceof EpollFile && file.reaches(this, 0)) throw new SyscallError(Errno.ELOOP);
      if (!this.account.charge(INTEREST_COST)) throw new SyscallError(Errno.ENOMEM);
      const it: Interest = {
        file, fd, events, data, changed: true, disabled: false, queues: file.pollQueues(),
        wake: () => {
          it.changed = true;
          for (const q of it.queues) q.addWaiter(it.wake);
          this.queue.wake();
        },
      };
      for (const q of it.queues) q.addWaiter(it.wake);
      if (byFd) byFd.set(fd, it);
      else this.interests.set(file, new Map([[fd, it]]));
      this.count++;
      this.queue.wake();
      return;
    }
    if (!existing) throw new SyscallError(Errno.ENOENT);
    if (op === EPOLL_CTL_DEL) {
      this.drop(existing);
      return;
    }
    if (op === EPOLL_CTL_MOD) {
      if (events & EPOLLEXCLUSIVE || existing.events & EPOLLEXCLUSIVE) throw new SyscallError(Errno.EINVAL);
      existing.events = events;
      existing.data = data;
      existing.disabled = false;
      existing.changed = true;
      this.queue.wake();
      return;
    }
    throw new SyscallError(Errno.EINVAL);
  }

  private drop(it: Interest): void {
    for (const q of it.queues) q.removeWaiter(it.wake);
    const byFd = this.interests.get(it.file);
    byFd?.delete(it.fd);
    if (byFd && byFd.size === 0) this.interests.delete(it.file);
    this.count--;
    this.account.uncharge(INTEREST_COST);
  }

  /** Whether `target` is this epoll or one it watches (directly or through nested epolls). */
  private reaches(target: EpollFile, depth: number): boolean {
    if (this === target) return true;
    if (depth >= MAX_NESTS) return true;
    for (const file of this.interests.keys()) if (file instanceof EpollFile && file.reaches(target, depth + 1)) return true;
    return false;
  }

  /** Up to `max` ready events, consuming edges and one-shots; `reader` is the waiting thread. */
  collect(max: number, reader?: unknown): EpollEvent[] {
    const out: EpollEvent[] = [];
    for (const it of this.all()) {
      if (out.length >= max) break;
      if (it.file.refs <= 0) {
        this.drop(it);
        continue;
      }
      if (it.disabled) continue;
      const edge = (it.events & EPOLLET) !== 0;
      if (edge && !it.changed) continue;
      const ready = readiness(it.file, reader) & ((it.events & 0xffff) | ALWAYS);
      if (edge) it.changed = false;
      if (!ready) continue;
      out.push({ events: ready, data: it.data });
      if (it.events & EPOLLONESHOT) it.disabled = true;
    }
    return out;
  }

  private *all(): Generator<Interest> {
    for (const byFd of [...this.interests.values()]) for (const it of [...byFd.values()]) yield it;
  }

  /** Ready without consuming anything (poll on the epoll fd, nested epolls). */
  pollMask(reader?: unknown): number {
    for (const it of this.all()) {
      if (it.file.refs <= 0 || it.disabled) continue;
      if (it.events & EPOLLET && !it.changed) continue;
      if (readiness(it.file, reader) & ((it.events & 0xffff) | ALWAYS)) return POLLIN | POLLRDNORM;
    }
    return 0;
  }

  /** Signals that make one of the watched signalfds ready. */
  signalMask(): bigint {
    let m = 0n;
    for (const it of this.all()) if (!it.disabled) m |= signalMaskOf(it.file);
    return m;
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue];
  }

  protected override closed(): void {
    for (const it of [...this.all()]) this.drop(it);
  }
}
