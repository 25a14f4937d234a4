/**
 * Pipes: a 64 KiB ring buffer between a read end and a write end. Readers wait while it is empty
 * and see end of file when every writer has closed; writers wait while it is full and get EPIPE
 * (the syscall layer adds SIGPIPE) when every reader has closed. Writes of at most PIPE_BUF bytes
 * are atomic; larger ones may be partial (the caller sees a short count and writes the rest).
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDONLY, O_WRONLY, PIPE_BUF, PIPE_CAPACITY, S_IFIFO, makedev } from './constants.js';
import { OpenFile, type Blocker, type IoResult, type PollState } from './file.js';
import { anonIno, type Inode, type Stat } from './inode.js';
import { WaitQueue } from '../wait-queue.js';
import type { Waitable } from '../syscall-abi.js';

export const PIPEFS_DEV = makedev(0, 12);

export class Pipe {
  private readonly buf = new Uint8Array(PIPE_CAPACITY);
  private head = 0;
  private len = 0;
  readers = 0;
  writers = 0;
  /** Woken when data arrives or the last writer closes. */
  readonly readQueue = new WaitQueue();
  /** Woken when space frees up or the last reader closes. */
  readonly writeQueue = new WaitQueue();
  readonly ino = anonIno();
  readonly createdMs = Date.now();

  get buffered(): number {
    return this.len;
  }
  get space(): number {
    return PIPE_CAPACITY - this.len;
  }

  take(max: number): Uint8Array {
    const n = Math.min(max, this.len);
    const out = new Uint8Array(n);
    const first = Math.min(n, PIPE_CAPACITY - this.head);
    out.set(this.buf.subarray(this.head, this.head + first));
    if (n > first) out.set(this.buf.subarray(0, n - first), first);
    this.head = (this.head + n) % PIPE_CAPACITY;
    this.len -= n;
    if (this.len === 0) this.head = 0;
    if (n > 0) this.writeQueue.wake();
    return out;
  }

  /** Up to `max` buffered bytes without consuming them (tee). */
  peek(max: number): Uint8Array {
    const n = Math.min(max, this.len);
    const out = new Uint8Array(n);
    const first = Math.min(n, PIPE_CAPACITY - this.head);
    out.set(this.buf.subarray(this.head, this.head + first));
    if (n > first) out.set(this.buf.subarray(0, n - first), first);
    return out;
  }

  put(data: Uint8Array): number {
    const n = Math.min(data.length, this.space);
    const tail = (this.head + this.len) % PIPE_CAPACITY;
    const first = Math.min(n, PIPE_CAPACITY - tail);
    this.buf.set(data.subarray(0, first), tail);
    if (n > first) this.buf.set(data.subarray(first, n), 0);
    this.len += n;
    if (n > 0) this.readQueue.wake();
    return n;
  }

  /** read(2) on an end of this pipe: buffered bytes, end of file with no writers, else wait. */
  readEnd(length: number, b: Blocker, nonblocking: boolean): IoResult<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    if (this.len > 0) return this.take(length);
    if (this.writers === 0) return new Uint8Array(0);
    if (nonblocking) throw new SyscallError(Errno.EAGAIN);
    return b.block(this.readQueue);
  }

  /** write(2) on an end of this pipe: EPIPE with no readers; atomic up to PIPE_BUF, else partial. */
  writeEnd(data: Uint8Array, b: Blocker, nonblocking: boolean): IoResult<number> {
    if (this.readers === 0) throw new SyscallError(Errno.EPIPE);
    if (data.length === 0) return 0;
    const fits = data.length <= PIPE_BUF ? this.space >= data.length : this.space > 0;
    if (!fits) {
      if (nonblocking) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.writeQueue);
    }
    return this.put(data);
  }

  stat(): Stat {
    return {
      dev: PIPEFS_DEV, ino: this.ino, mode: S_IFIFO | 0o600, nlink: 1, uid: 0, gid: 0, rdev: 0, size: 0,
      blksize: 4096, blocks: 0, atimeMs: this.createdMs, mtimeMs: this.createdMs, ctimeMs: this.createdMs,
    };
  }
}

/**
 * The read end of a pipe. `node` is the inode it was opened through when the pipe has a name
 * (a FIFO, fifo.ts): fstat then describes that inode, as on Linux; an anonymous pipe has none.
 */
export class PipeReader extends OpenFile {
  constructor(readonly pipe: Pipe, flags = 0, path = 'pipe:[' + pipe.ino + ']', private readonly node: Inode | null = null) {
    super(O_RDONLY | (flags & O_NONBLOCK), path);
    pipe.readers++;
  }

  override get inode(): Inode | null {
    return this.node;
  }

  stat(): Stat {
    return this.node ? this.node.stat() : this.pipe.stat();
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    return this.pipe.readEnd(length, b, this.nonblocking);
  }

  override available(): number {
    return this.pipe.buffered;
  }

  override poll(): PollState {
    const p = this.pipe;
    return { readable: p.buffered > 0 || p.writers === 0, writable: false, hangup: p.writers === 0 };
  }

  override pollQueues(): Waitable[] {
    return [this.pipe.readQueue];
  }

  protected override closed(): void {
    if (--this.pipe.readers === 0) this.pipe.writeQueue.wake();
  }
}

/** The write end of a pipe; `node` as for PipeReader. */
export class PipeWriter extends OpenFile {
  constructor(readonly pipe: Pipe, flags = 0, path = 'pipe:[' + pipe.ino + ']', private readonly node: Inode | null = null) {
    super(O_WRONLY | (flags & O_NONBLOCK), path);
    pipe.writers++;
  }

  override get inode(): Inode | null {
    return this.node;
  }

  stat(): Stat {
    return this.node ? this.node.stat() : this.pipe.stat();
  }

  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    return this.pipe.writeEnd(data, b, this.nonblocking);
  }

  override available(): number {
    return this.pipe.buffered;
  }

  override poll(): PollState {
    const p = this.pipe;
    return { readable: false, writable: p.space >= PIPE_BUF || p.readers === 0, hangup: p.readers === 0 };
  }

  override pollQueues(): Waitable[] {
    return [this.pipe.writeQueue];
  }

  protected override closed(): void {
    if (--this.pipe.writers === 0) this.pipe.readQueue.wake();
  }
}

/** A new pipe: [read end, write end], each holding one reference. */
export function createPipe(flags = 0): [PipeReader, PipeWriter] {
  const p = new Pipe();
  return [new PipeReader(p, flags), new PipeWriter(p, flags)];
}
