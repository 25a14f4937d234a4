/**
 * Host-side stdio: open files whose other end is host code (the `run` CLI, an SSH exec channel).
 * HostOutput hands every write to a callback; if the callback returns false (a Node stream's
 * write() under backpressure) writers wait until drain() is called. HostInput is fed with
 * push(bytes) and end(); readers wait while it is empty.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Waitable } from '../syscall-abi.js';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, S_IFIFO } from './constants.js';
import { OpenFile, type Blocker, type IoResult, type PollState } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { PIPEFS_DEV } from './pipe.js';
import { WaitQueue } from '../wait-queue.js';

function fifoStat(ino: number, t: number): Stat {
  return {
    dev: PIPEFS_DEV, ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
    blksize: 4096, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t,
  };
}

export class HostOutput extends OpenFile {
  private readonly ino = anonIno();
  private readonly created = Date.now();
  private full = false;
  private gone = false;
  readonly drainQueue = new WaitQueue();

  /** `write` gets a copy of each write; returning false means "stop until drain()". */
  constructor(private readonly sink: (bytes: Uint8Array) => boolean | void, name = 'host:[output]') {
    super(O_WRONLY, name);
  }

  stat(): Stat {
    return fifoStat(this.ino, this.created);
  }

  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    if (this.gone) throw new SyscallError(Errno.EPIPE);
    if (data.length === 0) return 0;
    if (this.full) {
      if (this.flags & O_NONBLOCK) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.drainQueue);
    }
    if (this.sink(data.slice()) === false) this.full = true;
    return data.length;
  }

  /** The host consumer can take more (stream 'drain'). */
  drain(): void {
    this.full = false;
    this.drainQueue.wake();
  }

  /** The host consumer went away: further writes fail with EPIPE. */
  disconnect(): void {
    this.gone = true;
    this.drainQueue.wake();
  }

  override sync(): void {}

  override poll(): PollState {
    return { readable: false, writable: !this.full || this.gone, hangup: this.gone };
  }

  override pollQueues(): Waitable[] {
    return [this.drainQueue];
  }
}

export class HostInput extends OpenFile {
  private readonly ino = anonIno();
  private readonly created = Date.now();
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private ended = false;
  readonly readQueue = new WaitQueue();

  constructor(name = 'host:[input]') {
    super(O_RDONLY, name);
  }

  stat(): Stat {
    return fifoStat(this.ino, this.created);
  }

  /** Bytes from the host (SSH channel data, the CLI's stdin). */
  push(bytes: Uint8Array): void {
    if (this.ended || bytes.length === 0) return;
    this.chunks.push(bytes.slice());
    this.buffered += bytes.length;
    this.readQueue.wake();
  }

  /** End of input: readers get 0 once the buffer is drained. */
  end(): void {
    this.ended = true;
    this.readQueue.wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    if (this.buffered === 0) {
      if (this.ended) return new Uint8Array(0);
      if (this.flags & O_NONBLOCK) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.readQueue);
    }
    const n = Math.min(length, this.buffered);
    const out = new Uint8Array(n);
    let off = 0;
    while (off < n) {
      const c = this.chunks[0]!;
      const k = Math.min(c.length, n - off);
      out.set(c.subarray(0, k), off);
      off += k;
      if (k === c.length) this.chunks.shift();
      else this.chunks[0] = c.subarray(k);
    }
    this.buffered -= n;
    return out;
  }

  override available(): number {
    return this.buffered;
  }

  override poll(): PollState {
    return { readable: this.buffered > 0 || this.ended, writable: false, hangup: this.ended };
  }

  override pollQueues(): Waitable[] {
    return [this.readQueue];
  }
}

/** A discarding output (like /dev/null) for callers that don't want a stream. */
export function nullOutput(): HostOutput {
  return new HostOutput(() => true, 'host:[null]');
}
