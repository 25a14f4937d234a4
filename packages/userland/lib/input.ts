/**
 * A buffered reader over a file descriptor: the tools read their input in large chunks
 * and split lines themselves. Data comes back as byte strings (latin1, one char per
 * byte) so that binary input and any encoding pass through unchanged, as in busybox's
 * C locale.
 */
import type { Sys } from '../sys.js';
import { O } from '../sys.js';

const CHUNK = 64 * 1024;

export class Input {
  private buf = '';
  private pos = 0;
  private eof = false;

  constructor(
    private readonly sys: Sys,
    readonly fd: number,
    /** The name for messages ('-' or the path). */
    readonly name = '-',
    private readonly ownsFd = false,
  ) {}

  /** Opens a path for reading; '-' is standard input. Throws SysError. */
  static open(sys: Sys, path: string): Input {
    if (path === '-') return new Input(sys, 0, '-');
    const fd = sys.open(path, O.RDONLY);
    return new Input(sys, fd, path, true);
  }

  close(): void {
    if (this.ownsFd) {
      try {
        this.sys.close(this.fd);
      } catch {
        /* already closed */
      }
    }
  }

  private async fill(): Promise<boolean> {
    if (this.eof) return false;
    const data = await this.sys.read(this.fd, CHUNK);
    if (data.length === 0) {
      this.eof = true;
      return false;
    }
    const s = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + s : s;
    this.pos = 0;
    return true;
  }

  /** The next chunk of whatever is buffered or readable; null at end of file. */
  async chunk(): Promise<string | null> {
    if (this.pos >= this.buf.length && !(await this.fill())) return null;
    const s = this.buf.slice(this.pos);
    this.buf = '';
    this.pos = 0;
    return s;
  }

  /**
   * The next line including its terminator (when it has one); null at end of file.
   * The last line of a file without a final newline comes back without one.
   */
  async line(sep = '\n'): Promise<string | null> {
    for (;;) {
      const i = this.buf.indexOf(sep, this.pos);
      if (i >= 0) {
        const s = this.buf.slice(this.pos, i + 1);
        this.pos = i + 1;
        return s;
      }
      if (!(await this.fill())) {
        if (this.pos >= this.buf.length) return null;
        const s = this.buf.slice(this.pos);
        this.buf = '';
        this.pos = 0;
        return s;
      }
    }
  }

  /** Up to n bytes (fewer only at end of file); empty string at end of file. */
  async bytes(n: number): Promise<string> {
    while (this.buf.length - this.pos < n && (await this.fill()));
    const s = this.buf.slice(this.pos, this.pos + n);
    this.pos += s.length;
    return s;
  }

  /** Everything up to end of file. */
  async all(): Promise<string> {
    const parts: string[] = [];
    for (;;) {
      const c = await this.chunk();
      if (c === null) break;
      parts.push(c);
    }
    return parts.join('');
  }
}

/** Splits text into lines without their terminators (a final terminator adds no empty line). */
export function splitLines(text: string, sep = '\n'): string[] {
  if (text === '') return [];
  const lines = text.split(sep);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
