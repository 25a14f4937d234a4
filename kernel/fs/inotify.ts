/**
 * An inotify instance (inotify_init1): a file whose reads return struct inotify_event
 * records for the changes its watches (fsnotify.ts marks) hear of. One watch per inode per
 * instance, numbered from 1 and never reused while the instance lives; IN_ONESHOT and
 * rm_watch end a watch with IN_IGNORED, as does the inode's removal. Like Linux, an event
 * equal to the last unread one is merged into it, and a full queue (16384 events, or the
 * owner's memory budget) drops events and queues one IN_Q_OVERFLOW (wd -1).
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDONLY } from './constants.js';
import { anonStat } from './eventfd.js';
import { OpenFile, type Blocker, type IoctlContext, type IoResult } from './file.js';
import {
  IN_ALL_EVENTS, IN_EXCL_UNLINK, IN_IGNORED, IN_MASK_ADD, IN_MASK_CREATE, IN_ONESHOT, IN_Q_OVERFLOW,
  addMark, removeMark, type Mark,
} from './fsnotify.js';
import { anonIno, type Inode, type Stat } from './inode.js';
import { POLLIN, POLLRDNORM } from './readiness.js';
import { FIONREAD } from './tty.js';
import { WaitQueue } from '../wait-queue.js';

/** /proc/sys/fs/inotify/max_queued_events. */
export const MAX_QUEUED_EVENTS = 16384;
/** Watches one instance may hold (Linux counts /proc/sys/fs/inotify/max_user_watches per user). */
export const MAX_WATCHES = 8192;
const EVENT_HEADER = 16;

/** Who pays for queued events (the owning process's memory account). */
export interface EventBudget {
  charge(bytes: number): boolean;
  uncharge(bytes: number): void;
}

interface QueuedEvent {
  wd: number;
  mask: number;
  cookie: number;
  /** The child's name, NUL-padded to a multiple of 16 bytes as Linux pads it; empty when none. */
  name: Uint8Array;
}

const size = (e: QueuedEvent): number => EVENT_HEADER + e.name.length;

class Watch implements Mark {
  constructor(private readonly owner: InotifyFile, readonly wd: number, readonly inode: Inode, public mask: number) {}

  event(mask: number, cookie: number, name: string | null): void {
    this.owner.queue(this.wd, mask, cookie, name);
    if (this.mask & IN_ONESHOT) this.owner.endWatch(this);
  }

  removed(): void {
    this.owner.endWatch(this);
  }
}

export class InotifyFile extends OpenFile {
  readonly readers = new WaitQueue();
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();
  private readonly events: QueuedEvent[] = [];
  private bytes = 0;
  private readonly byWd = new Map<number, Watch>();
  private readonly byInode = new Map<Inode, Watch>();
  private lastWd = 0;

  constructor(flags: number, private readonly budget: EventBudget) {
    super(O_RDONLY | (flags & O_NONBLOCK), 'anon_inode:inotify');
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  /** inotify_add_watch on a resolved inode; `mask` has passed the syscall's checks. */
  addWatch(node: Inode, mask: number): number {
    const wanted = mask & (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK);
    const old = this.byInode.get(node);
    if (old) {
      if (mask & IN_MASK_CREATE) throw new SyscallError(Errno.EEXIST);
      old.mask = mask & IN_MASK_ADD ? old.mask | wanted : wanted;
      return old.wd;
    }
    if (this.byWd.size >= MAX_WATCHES) throw new SyscallError(Errno.ENOSPC);
    const wd = ++this.lastWd;
    const w = new Watch(this, wd, node, wanted);
    this.byWd.set(wd, w);
    this.byInode.set(node, w);
    addMark(w);
    return wd;
  }

  rmWatch(wd: number): void {
    const w = this.byWd.get(wd);
    if (!w) throw new SyscallError(Errno.EINVAL);
    this.endWatch(w);
  }

  /** A watch ends (rm_watch, IN_ONESHOT, the inode's removal): IN_IGNORED tells the reader. */
  endWatch(w: Watch): void {
    if (this.byWd.get(w.wd) !== w) return;
    this.byWd.delete(w.wd);
    this.byInode.delete(w.inode);
    removeMark(w);
    this.queue(w.wd, IN_IGNORED, 0, null);
  }

  /** Queues one event (merged into an equal last one; an overflow past the limits). */
  queue(wd: number, mask: number, cookie: number, name: string | null): void {
    const e: QueuedEvent = { wd, mask, cookie, name: padName(name) };
    const last = this.events[this.events.length - 1];
    if (last && mask !== IN_IGNORED && last.wd === wd && last.mask === mask && last.cookie === cookie && sameBytes(last.name, e.name)) return;
    if (this.events.length >= MAX_QUEUED_EVENTS || !this.budget.charge(size(e))) {
      if (last?.mask === IN_Q_OVERFLOW) return;
      const overflow: QueuedEvent = { wd: -1, mask: IN_Q_OVERFLOW, cookie: 0, name: new Uint8Array(0) };
      this.budget.charge(EVENT_HEADER);
      this.push(overflow);
      return;
    }
    this.push(e);
  }

  private push(e: QueuedEvent): void {
    this.events.push(e);
    this.bytes += size(e);
    this.readers.wake();
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (this.events.length === 0) {
      if (this.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.readers);
    }
    // Whole events only; a buffer too small for the first one is EINVAL.
    let n = 0;
    let total = 0;
    while (n < this.events.length && total + size(this.events[n]) <= length) total += size(this.events[n++]);
    if (n === 0) throw new SyscallError(Errno.EINVAL);
    const out = new Uint8Array(total);
    const v = new DataView(out.buffer);
    let off = 0;
    for (const e of this.events.splice(0, n)) {
      v.setInt32(off, e.wd, true);
      v.setUint32(off + 4, e.mask >>> 0, true);
      v.setUint32(off + 8, e.cookie >>> 0, true);
      v.setUint32(off + 12, e.name.length, true);
      out.set(e.name, off + EVENT_HEADER);
      off += size(e);
      this.budget.uncharge(size(e));
    }
    this.bytes -= total;
    return out;
  }

  override available(): number {
    return this.bytes;
  }

  override ioctl(request: number, arg: number, ctx: IoctlContext): number {
    if (request !== FIONREAD) throw new SyscallError(Errno.ENOTTY);
    ctx.mem.writeU32(arg, this.bytes);
    return 0;
  }

  pollMask(): number {
    return this.events.length ? POLLIN | POLLRDNORM : 0;
  }

  override pollQueues(): WaitQueue[] {
    return [this.readers];
  }

  /** /proc/<pid>/fdinfo: the watches (wd and mask). */
  watches(): Array<{ wd: number; inode: Inode; mask: number }> {
    return [...this.byWd.values()].map((w) => ({ wd: w.wd, inode: w.inode, mask: w.mask }));
  }

  protected override closed(): void {
    for (const w of this.byWd.values()) removeMark(w);
    this.byWd.clear();
    this.byInode.clear();
    for (const e of this.events) this.budget.uncharge(size(e));
    this.events.length = 0;
    this.bytes = 0;
  }
}

/** Linux pads the name with NULs to a multiple of the event header's size (at least one NUL). */
function padName(name: string | null): Uint8Array {
  if (name === null) return new Uint8Array(0);
  const bytes = Buffer.from(name, 'utf8');
  const out = new Uint8Array(Math.ceil((bytes.length + 1) / EVENT_HEADER) * EVENT_HEADER);
  out.set(bytes);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
