/**
 * eventfd: a 64-bit counter as a file. write adds to it (waiting while it would pass
 * 2^64-2), read takes it all, or 1 with EFD_SEMAPHORE (waiting while it is 0).
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDWR, makedev } from './constants.js';
import { OpenFile, type Blocker, type IoResult } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from './readiness.js';
import { WaitQueue } from '../wait-queue.js';

export const EFD_SEMAPHORE = 1;
export const ANON_INODE_DEV = makedev(0, 13);
const MAX = 0xfffffffffffffffen;

/** Files with no inode of their own (eventfd, timerfd, signalfd, epoll) stat as anon_inode. */
export function anonStat(ino: number, createdMs: number): Stat {
  return {
    dev: ANON_INODE_DEV, ino, mode: 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0, blksize: 4096, blocks: 0,
    atimeMs: createdMs, mtimeMs: createdMs, ctimeMs: createdMs,
  };
}

export class EventFd extends OpenFile {
  readonly queue = new WaitQueue();
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();

  constructor(private count: bigint, private readonly semaphore: boolean, flags: number) {
    super(O_RDWR | (flags & O_NONBLOCK), 'anon_inode:[eventfd]');
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (length < 8) throw new SyscallError(Errno.EINVAL);
    if (this.count === 0n) {
      if (this.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.queue);
    }
    const v = this.semaphore ? 1n : this.count;
    this.count -= v;
    this.queue.wake();
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigUint64(0, v, true);
    return out;
  }

  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    if (data.length < 8) throw new SyscallError(Errno.EINVAL);
    const v = new DataView(data.buffer, data.byteOffset, 8).getBigUint64(0, true);
    if (v === 0xffffffffffffffffn) throw new SyscallError(Errno.EINVAL);
    if (this.count + v > MAX) {
      if (this.nonblocking) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.queue);
    }
    this.count += v;
    if (v > 0n) this.queue.wake();
    return 8;
  }

  pollMask(): number {
    let m = 0;
    if (this.count > 0n) m |= POLLIN | POLLRDNORM;
    if (this.count < MAX) m |= POLLOUT | POLLWRNORM;
    return m;
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue];
  }

  /** /proc/<pid>/fdinfo's eventfd-count. */
  get value(): bigint {
    return this.count;
  }
}
