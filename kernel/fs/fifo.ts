/**
 * Named pipes (FIFOs, made by mknod(2)/mkfifo(3)): an inode in a file system whose opens all
 * join one in-memory Pipe, so unrelated processes can talk through a path. As on Linux:
 * - O_RDONLY waits until some writer has opened (O_NONBLOCK: succeeds at once);
 * - O_WRONLY waits until some reader has opened (O_NONBLOCK with no reader: ENXIO);
 * - O_RDWR succeeds at once and is both a reader and a writer;
 * - the pipe (and any unread bytes) goes when the last end closes; the next open makes a new one.
 * An opener that must wait is counted as a reader or writer while it waits (a writer that finds
 * a waiting reader proceeds and may write at once): its end is made before it blocks and kept
 * for its process, and the re-run call (syscalls re-run after a wake-up) takes it back once the
 * other side has opened (counted by opens, so a writer that opened and closed again still counts).
 */

import { Errno, SyscallError } from '../errno.js';
import { BLOCKED } from '../syscall-abi.js';
import { O_ACCMODE, O_NONBLOCK, O_RDONLY, O_RDWR, O_WRONLY, PIPE_BUF } from './constants.js';
import type { OpenFile, Blocker, IoResult, PollState } from './file.js';
import { Inode } from './inode.js';
import { Pipe, PipeReader, PipeWriter } from './pipe.js';
import type { FsProcess } from './process.js';
import { WaitQueue } from '../wait-queue.js';
import type { Waitable } from '../syscall-abi.js';

/** The pipe of a FIFO, with how many readers and writers ever opened it (to end waits). */
class FifoPipe extends Pipe {
  readerOpens = 0;
  writerOpens = 0;
}

interface Waiting {
  end: OpenFile;
  pipe: FifoPipe;
  /** The other side's open count when the wait began. */
  seen: number;
}

export abstract class FifoInode extends Inode {
  readonly type = 'fifo' as const;
  private pipe: FifoPipe | null = null;
  /** Woken whenever a reader or writer opens. */
  private readonly openQueue = new WaitQueue();
  /** Ends of openers waiting for the other side, by process. */
  private readonly waiting = new Map<FsProcess | null, Waiting>();

  size(): number {
    return 0;
  }

  /**
   * open() for callers that cannot wait inside open (the machine's own tools, whose open is
   * synchronous). With O_NONBLOCK: the rules above. Without: the end opens at once and its
   * first read (or write) waits instead, until the other side has opened, so `cat fifo` and
   * `echo x > fifo` in the shell meet as they do on Linux.
   */
  override open(flags: number, path: string, proc: FsProcess | null): OpenFile {
    const nonblocking = (flags & O_NONBLOCK) !== 0;
    const f = this.openEnd(flags | O_NONBLOCK, path, proc, { block: () => BLOCKED }, !nonblocking);
    if (f === BLOCKED) throw new SyscallError(Errno.EAGAIN);
    f.flags = (f.flags & ~O_NONBLOCK) | (flags & O_NONBLOCK);
    return f;
  }

  /** open(2) of the FIFO: an end of its pipe, or BLOCKED until the other side opens. */
  openEnd(flags: number, path: string, proc: FsProcess | null, b: Blocker, waitInIo = false): IoResult<OpenFile> {
    const acc = flags & O_ACCMODE;
    const pending = this.waiting.get(proc);
    if (pending && (pending.end.flags & O_ACCMODE) !== acc) {
      // Left by an open the process gave up (a signal): it no longer waits for it.
      this.waiting.delete(proc);
      pending.end.release();
    } else if (pending) {
      const other = acc === O_RDONLY ? pending.pipe.writerOpens : pending.pipe.readerOpens;
      if (other !== pending.seen) {
        this.waiting.delete(proc);
        return pending.end;
      }
      return b.block(this.openQueue);
    }
    if (!this.pipe || (this.pipe.readers === 0 && this.pipe.writers === 0)) this.pipe = new FifoPipe();
    const pipe = this.pipe;
    const node = this as Inode;
    if (acc === O_RDWR) {
      const end = new FifoDuplex(pipe, flags, path, node);
      pipe.readerOpens++;
      pipe.writerOpens++;
      this.opened(pipe);
      return end;
    }
    const nonblocking = (flags & O_NONBLOCK) !== 0;
    if (acc === O_WRONLY) {
      if (pipe.readers === 0 && nonblocking && !waitInIo) throw new SyscallError(Errno.ENXIO);
      const end = new FifoWriter(pipe, flags, path, node);
      pipe.writerOpens++;
      this.opened(pipe);
      if (pipe.readers > 0) return end;
      if (waitInIo) {
        end.awaitReader = pipe.readerOpens;
        return end;
      }
      this.waiting.set(proc, { end, pipe, seen: pipe.readerOpens });
      return b.block(this.openQueue);
    }
    const end = new FifoReader(pipe, flags, path, node);
    pipe.readerOpens++;
    this.opened(pipe);
    if (pipe.writers > 0) return end;
    end.hupAfter = pipe.writerOpens;
    if (waitInIo) {
      end.awaitWriter = pipe.writerOpens;
      return end;
    }
    if (nonblocking) return end;
    this.waiting.set(proc, { end, pipe, seen: pipe.writerOpens });
    return b.block(this.openQueue);
  }

  /** An end opened: wakes openers waiting for it, and ends waiting in their first I/O. */
  private opened(pipe: FifoPipe): void {
    this.openQueue.wake();
    pipe.readQueue.wake();
    pipe.writeQueue.wake();
  }
}

export class FifoReader extends PipeReader {
  /** Opened by a caller that waits in read: the writer count to see change first, or null. */
  awaitWriter: number | null = null;
  constructor(pipe: Pipe, flags: number, path: string, node: Inode) {
    super(pipe, flags, path, node);
  }
  /** Opened with no writer: the writer-open count then; no hangup is reported until a writer has come. */
  hupAfter: number | null = null;

  override poll(): PollState {
    const p = this.pipe as FifoPipe;
    if (p.writers === 0 && p.writerOpens === this.hupAfter) return { readable: p.buffered > 0, writable: false, hangup: false };
    return super.poll();
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (this.awaitWriter !== null) {
      if ((this.pipe as FifoPipe).writerOpens === this.awaitWriter && !this.nonblocking) return b.block(this.pipe.readQueue);
      this.awaitWriter = null;
    }
    return super.read(length, b);
  }
}

export class FifoWriter extends PipeWriter {
  /** Opened by a caller that waits in write: the reader count to see change first, or null. */
  awaitReader: number | null = null;
  constructor(pipe: Pipe, flags: number, path: string, node: Inode) {
    super(pipe, flags, path, node);
  }
  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    if (this.awaitReader !== null) {
      if ((this.pipe as FifoPipe).readerOpens === this.awaitReader && !this.nonblocking) return b.block(this.pipe.writeQueue);
      this.awaitReader = null;
    }
    return super.write(data, b);
  }
}

/**
 * A FIFO opened O_RDWR: one description that is both a reader and a writer of the pipe. It is
 * a read end (for splice, FIONREAD, lseek's ESPIPE and the rest, a FIFO is a pipe) that also
 * counts as a writer, so it never sees end of file or hangup while it is open.
 */
export class FifoDuplex extends PipeReader {
  constructor(pipe: Pipe, flags: number, path: string, node: Inode) {
    super(pipe, flags, path, node);
    this.flags = O_RDWR | (flags & O_NONBLOCK);
    pipe.writers++;
  }
  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    return this.pipe.writeEnd(data, b, this.nonblocking);
  }
  override poll(): PollState {
    const p = this.pipe;
    return { readable: p.buffered > 0, writable: p.space >= PIPE_BUF, hangup: false };
  }
  override pollQueues(): Waitable[] {
    return [this.pipe.readQueue, this.pipe.writeQueue];
  }
  protected override closed(): void {
    super.closed();
    if (--this.pipe.writers === 0) this.pipe.readQueue.wake();
  }
}
