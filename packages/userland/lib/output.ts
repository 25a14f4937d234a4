/**
 * A buffered writer over a file descriptor, for the tools' stdout. Output is collected
 * into large writes (a tool that prints one line at a time should not make one system
 * call per line) and a reader that went away (EPIPE) ends the tool quietly the way
 * SIGPIPE ends busybox: the program runner turns BrokenPipe into status 141.
 *
 * Text given as a JS string is a "byte string": each char code 0..255 is one byte
 * (latin1), which is how the tools carry file data so that any byte survives unchanged.
 */
import { SysError, type Sys } from '../sys.js';
import { strerror } from './errno-text.js';

export class BrokenPipe extends Error {
  constructor() {
    super('EPIPE');
  }
}

/**
 * Any other failed write of the tool's output (a full disk, a disk quota): the program runner
 * prints `TOOL: write error: TEXT` and ends with status 1, as busybox's applets do.
 */
export class WriteError extends Error {
  constructor(readonly failure: SysError) {
    super(`write error: ${strerror(failure.code)}`);
  }
}

const LIMIT = 64 * 1024;

export class Output {
  private parts: string[] = [];
  private size = 0;
  /** Flush after every write (stderr, or a tool that must be interactive). */
  unbuffered = false;

  constructor(
    private readonly sys: Sys,
    readonly fd: number,
  ) {}

  /** Appends a byte string; flushes when the buffer is large. */
  async write(s: string): Promise<void> {
    if (s.length === 0) return;
    this.parts.push(s);
    this.size += s.length;
    if (this.unbuffered || this.size >= LIMIT) await this.flush();
  }

  /** Appends raw bytes. */
  async writeBytes(b: Uint8Array): Promise<void> {
    await this.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1'));
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const data = Buffer.from(this.parts.join(''), 'latin1');
    this.parts = [];
    this.size = 0;
    try {
      await this.sys.write(this.fd, data);
    } catch (e) {
      if (e instanceof SysError && e.code === 'EPIPE') throw new BrokenPipe();
      if (e instanceof SysError) throw new WriteError(e);
      throw e;
    }
  }
}

/** A JS (UTF-16) string as a byte string: its UTF-8 bytes, one char per byte. */
export function bytesOf(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** A byte string back to a JS string (UTF-8 decoding), for paths and arguments. */
export function textOf(b: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(b) ? b : Buffer.from(b, 'latin1').toString('utf8');
}
