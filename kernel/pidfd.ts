/**
 * pidfd: a file that names a process (pidfd_open). It becomes readable (POLLIN) when the
 * process exits, so a parent can poll or epoll for it; pidfd_send_signal signals through
 * it and waitid(P_PIDFD) waits for it. Reading it is EINVAL, as on Linux.
 */

import { O_NONBLOCK, O_RDWR } from './fs/constants.js';
import { anonStat } from './fs/eventfd.js';
import { OpenFile, type PollState } from './fs/file.js';
import { anonIno, type Stat } from './fs/inode.js';
import { WaitQueue } from './wait-queue.js';
import type { Process } from './process.js';

export class PidFd extends OpenFile {
  private readonly queue = new WaitQueue();
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();
  private readonly onExit = (): void => this.queue.wake();

  constructor(readonly target: Process, flags: number) {
    super(O_RDWR | (flags & O_NONBLOCK), 'anon_inode:[pidfd]');
    target.exitWaiters.addWaiter(this.onExit);
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  override poll(): PollState {
    const gone = this.target.exit !== null;
    return { readable: gone, writable: false, hangup: gone };
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue];
  }

  protected override closed(): void {
    this.target.exitWaiters.removeWaiter(this.onExit);
  }
}
