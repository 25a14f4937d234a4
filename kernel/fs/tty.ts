/**
 * Terminals. A Tty is one terminal (an SSH pty): the host pushes the keyboard's bytes in with
 * push(), and the terminal's output goes to the host's callback. It keeps Linux termios state
 * (canonical line editing with erase/kill/word-erase, echo, ISIG keys that raise signals through
 * onSignal, ICRNL on input, ONLCR on output) and the window size (TIOCGWINSZ). A TtyFile is an
 * open file on it; the ioctls are TCGETS/TCSETS/TCSETSW/TCSETSF, TIOCGWINSZ/TIOCSWINSZ, FIONREAD,
 * TCFLSH. Job control (foreground group, controlling terminal) is kernel/tty-jobs.ts's.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Waitable } from '../syscall-abi.js';
import { O_NONBLOCK, O_RDWR, S_IFCHR, makedev } from './constants.js';
import { OpenFile, type Blocker, type IoctlContext, type IoResult, type PollState } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { WaitQueue } from '../wait-queue.js';

export const TCGETS = 0x5401;
export const TCSETS = 0x5402;
export const TCSETSW = 0x5403;
export const TCSETSF = 0x5404;
export const TCSBRK = 0x5409;
export const TCXONC = 0x540a;
export const TCFLSH = 0x540b;
export const TIOCSCTTY = 0x540e;
export const TIOCGPGRP = 0x540f;
export const TIOCSPGRP = 0x5410;
export const TIOCGWINSZ = 0x5413;
export const TIOCSWINSZ = 0x5414;
export const FIONREAD = 0x541b;
export const TIOCNOTTY = 0x5422;
export const TIOCGSID = 0x5429;

// c_iflag
export const ICRNL = 0o400;
export const IGNCR = 0o200;
export const INLCR = 0o100;
export const IXON = 0o2000;
export const IUTF8 = 0o40000;
// c_oflag
export const OPOST = 0o1;
export const ONLCR = 0o4;
// c_lflag
export const ISIG = 0o1;
export const ICANON = 0o2;
export const ECHO = 0o10;
export const ECHOE = 0o20;
export const ECHOK = 0o40;
export const ECHONL = 0o100;
export const ECHOCTL = 0o1000;
export const ECHOKE = 0o4000;
export const TOSTOP = 0o400;
export const IEXTEN = 0o100000;
// c_cc indexes
export const VINTR = 0;
export const VQUIT = 1;
export const VERASE = 2;
export const VKILL = 3;
export const VEOF = 4;
export const VTIME = 5;
export const VMIN = 6;
export const VSUSP = 10;
export const VEOL = 11;
export const VWERASE = 14;
export const VLNEXT = 15;
export const VEOL2 = 16;
export const NCCS = 19;
/** sizeof(struct termios) on AArch64: four u32 flags, c_line, c_cc[19]. */
export const TERMIOS_SIZE = 36;

export const SIGINT = 2;
export const SIGQUIT = 3;
export const SIGTSTP = 20;
export const SIGWINCH = 28;

export interface Termios {
  iflag: number;
  oflag: number;
  cflag: number;
  lflag: number;
  line: number;
  cc: Uint8Array;
}

export interface WinSize {
  rows: number;
  cols: number;
  xpixel: number;
  ypixel: number;
}

/** Linux's defaults for a new pty (stty sane). */
export function defaultTermios(): Termios {
  const cc = new Uint8Array(NCCS);
  cc.set([3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0]);
  return {
    iflag: ICRNL | IXON | IUTF8,
    oflag: OPOST | ONLCR,
    cflag: 0o2277, // B38400 | CS8 | CREAD | HUPCL
    lflag: ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
    line: 0,
    cc,
  };
}

export function encodeTermios(t: Termios): Uint8Array {
  const b = new Uint8Array(TERMIOS_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(0, t.iflag >>> 0, true);
  v.setUint32(4, t.oflag >>> 0, true);
  v.setUint32(8, t.cflag >>> 0, true);
  v.setUint32(12, t.lflag >>> 0, true);
  b[16] = t.line;
  b.set(t.cc.subarray(0, NCCS), 17);
  return b;
}

export function decodeTermios(b: Uint8Array): Termios {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return {
    iflag: v.getUint32(0, true), oflag: v.getUint32(4, true), cflag: v.getUint32(8, true),
    lflag: v.getUint32(12, true), line: b[16]!, cc: b.slice(17, 17 + NCCS),
  };
}

let nextPts = 0;

export interface TtyOptions {
  /** Where the terminal's output goes (the SSH channel). */
  output: (bytes: Uint8Array) => void;
  rows?: number;
  cols?: number;
  /** ISIG keys and window changes: deliver `signal` to the foreground process group. */
  onSignal?: (signal: number, pgrp: number) => void;
}

export class Tty {
  termios = defaultTermios();
  winsize: WinSize;
  /** Foreground process group (TIOCGPGRP/TIOCSPGRP); the shell sets it. */
  foregroundPgrp = 0;
  sessionId = 0;
  /**
   * The uid that owns the terminal, as stat of /dev/pts/N and fstat of an fd on it report:
   * the kernel's answer (Kernel.adoptTerminal) once a process has the terminal; root before.
   */
  ownerUid: () => number = () => 0;
  readonly index = nextPts++;
  readonly ino = anonIno();
  readonly rdev: number;
  /** Woken when input is ready to read. */
  readonly readQueue = new WaitQueue();
  /** Woken when the foreground group changes (a background reader or writer may go on). */
  readonly jobQueue = new WaitQueue();
  onSignal: ((signal: number, pgrp: number) => void) | undefined;
  private readonly output: (bytes: Uint8Array) => void;
  /** Completed lines (canonical mode); an empty one is an end-of-file (^D on an empty line). */
  private lines: Uint8Array[] = [];
  /** The line being edited (canonical mode). */
  private line: number[] = [];
  /** Bytes ready in non-canonical mode. */
  private raw: number[] = [];
  private lnext = false;
  private hungUp = false;

  constructor(opts: TtyOptions) {
    this.output = opts.output;
    this.onSignal = opts.onSignal;
    this.winsize = { rows: opts.rows ?? 24, cols: opts.cols ?? 80, xpixel: 0, ypixel: 0 };
    this.rdev = makedev(136, this.index);
  }

  get name(): string {
    return `/dev/pts/${this.index}`;
  }

  /** Opens a file on this terminal (for a process's stdio). */
  open(flags = O_RDWR): TtyFile {
    return new TtyFile(this, flags);
  }

  get canonical(): boolean {
    return (this.termios.lflag & ICANON) !== 0;
  }

  /** Bytes a read could return now. */
  available(): number {
    if (this.raw.length > 0) return this.raw.length;
    return this.canonical ? (this.lines[0]?.length ?? 0) : 0;
  }

  get hungUp_(): boolean {
    return this.hungUp;
  }

  /** Keyboard input from the host. */
  push(bytes: Uint8Array): void {
    if (this.hungUp) return;
    for (const c0 of bytes) this.input(c0);
    if (this.readable()) this.readQueue.wake();
  }

  /** The host side went away: readers see end of file, writers EIO. */
  hangup(): void {
    this.hungUp = true;
    this.readQueue.wake();
  }

  /** The client's window changed (SSH window-change): updates TIOCGWINSZ and sends SIGWINCH. */
  resize(rows: number, cols: number, xpixel = 0, ypixel = 0): void {
    this.winsize = { rows, cols, xpixel, ypixel };
    this.onSignal?.(SIGWINCH, this.foregroundPgrp);
  }

  /** Output from a process (or the shell), with output processing. */
  write(data: Uint8Array): void {
    if (this.hungUp) throw new SyscallError(Errno.EIO);
    const t = this.termios;
    if ((t.oflag & OPOST) && (t.oflag & ONLCR) && data.includes(10)) {
      const out: number[] = [];
      for (const c of data) {
        if (c === 10) out.push(13);
        out.push(c);
      }
      this.output(Uint8Array.from(out));
    } else {
      this.output(data.slice());
    }
  }

  readable(): boolean {
    return this.hungUp || this.raw.length > 0 || (this.canonical && this.lines.length > 0);
  }

  /** Takes up to `length` bytes of ready input (one line at most in canonical mode). */
  take(length: number): Uint8Array | null {
    if (this.raw.length > 0) return Uint8Array.from(this.raw.splice(0, length));
    if (this.canonical && this.lines.length > 0) {
      const line = this.lines[0]!;
      if (line.length <= length) {
        this.lines.shift();
        return line;
      }
      this.lines[0] = line.subarray(length);
      return line.slice(0, length);
    }
    if (this.hungUp) return new Uint8Array(0);
    return null;
  }

  /** Applies new termios (TCSETS*); leaving canonical mode hands the pending line to readers. */
  setTermios(t: Termios, flush = false): void {
    const wasCanonical = this.canonical;
    this.termios = t;
    if (flush) this.flushInput();
    else if (wasCanonical && !this.canonical) {
      for (const l of this.lines) this.raw.push(...l);
      this.raw.push(...this.line);
      this.lines = [];
      this.line = [];
    }
    if (this.readable()) this.readQueue.wake();
  }

  flushInput(): void {
    this.lines = [];
    this.line = [];
    this.raw = [];
  }

  private echo(bytes: number[] | string): void {
    if (!(this.termios.lflag & ECHO) || this.hungUp) return;
    const arr = typeof bytes === 'string' ? Buffer.from(bytes) : Uint8Array.from(bytes);
    this.write(arr);
  }

  private echoChar(c: number): void {
    if (!(this.termios.lflag & ECHO)) return;
    if ((this.termios.lflag & ECHOCTL) && c < 32 && c !== 9 && c !== 10) this.echo([0x5e, c + 64]);
    else if ((this.termios.lflag & ECHOCTL) && c === 0x7f) this.echo('^?');
    else this.echo([c]);
  }

  private input(c: number): void {
    const t = this.termios;
    const cc = t.cc;
    if (this.lnext) {
      this.lnext = false;
      this.accept(c);
      return;
    }
    if (c === 13) {
      if (t.iflag & IGNCR) return;
      if (t.iflag & ICRNL) c = 10;
    } else if (c === 10 && (t.iflag & INLCR)) c = 13;
    if (t.lflag & ISIG) {
      let sig = 0;
      if (c === cc[VINTR]) sig = SIGINT;
      else if (c === cc[VQUIT]) sig = SIGQUIT;
      else if (c === cc[VSUSP]) sig = SIGTSTP;
      if (sig !== 0 && c !== 0) {
        this.flushInput();
        this.echoChar(c);
        if (t.lflag & ECHO) this.echo('\n');
        this.onSignal?.(sig, this.foregroundPgrp);
        return;
      }
    }
    if (!(t.lflag & ICANON)) {
      this.raw.push(c);
      this.echoChar(c);
      return;
    }
    if ((t.lflag & IEXTEN) && c === cc[VLNEXT] && c !== 0) {
      this.lnext = true;
      return;
    }
    if (c === cc[VERASE] || c === 8) {
      this.eraseChars(1);
      return;
    }
    if (c === cc[VKILL]) {
      this.eraseChars(Infinity);
      return;
    }
    if ((t.lflag & IEXTEN) && c === cc[VWERASE]) {
      let n = 0;
      let i = this.line.length;
      while (i > 0 && this.line[i - 1] === 0x20) i--, n++;
      while (i > 0 && this.line[i - 1] !== 0x20) i--, n++;
      this.eraseBytes(n);
      return;
    }
    if (c === cc[VEOF] && c !== 0) {
      this.lines.push(Uint8Array.from(this.line));
      this.line = [];
      return;
    }
    this.accept(c);
  }

  /** A character that goes into the line (canonical) or the raw queue. */
  private accept(c: number): void {
    if (!this.canonical) {
      this.raw.push(c);
      this.echoChar(c);
      return;
    }
    this.line.push(c);
    const cc = this.termios.cc;
    if (c === 10 || (c !== 0 && (c === cc[VEOL] || c === cc[VEOL2]))) {
      if (c === 10 && !(this.termios.lflag & ECHO) && (this.termios.lflag & ECHONL)) this.write(Uint8Array.of(10));
      else this.echoChar(c);
      this.lines.push(Uint8Array.from(this.line));
      this.line = [];
    } else {
      this.echoChar(c);
    }
  }

  /** Erases `count` characters (UTF-8 sequences count as one) from the line being edited. */
  private eraseChars(count: number): void {
    let bytes = 0;
    let i = this.line.length;
    let chars = 0;
    while (i > 0 && chars < count) {
      i--;
      bytes++;
      if ((this.line[i]! & 0xc0) !== 0x80) chars++;
    }
    this.eraseBytes(bytes, chars);
  }

  private eraseBytes(bytes: number, chars = bytes): void {
    if (bytes === 0) return;
    const removed = this.line.splice(this.line.length - bytes, bytes);
    if ((this.termios.lflag & ECHO) && (this.termios.lflag & ECHOE)) {
      let cols = chars;
      for (const b of removed) if (b < 32 && (this.termios.lflag & ECHOCTL)) cols++; // ^X took two columns
      this.echo('\b \b'.repeat(cols));
    }
  }
}

/** An open file on a terminal. */
export class TtyFile extends OpenFile {
  constructor(readonly tty: Tty, flags = O_RDWR) {
    super(flags, tty.name);
  }

  override get isTty(): boolean {
    return true;
  }

  stat(): Stat {
    return {
      dev: makedev(0, 24), ino: this.tty.ino, mode: S_IFCHR | 0o620, nlink: 1, uid: this.tty.ownerUid(), gid: 5,
      rdev: this.tty.rdev, size: 0, blksize: 1024, blocks: 0, atimeMs: Date.now(), mtimeMs: Date.now(), ctimeMs: Date.now(),
    };
  }

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (length === 0) return new Uint8Array(0);
    const data = this.tty.take(length);
    if (data !== null) return data;
    // VMIN = 0 in raw mode: return what is there (nothing) at once.
    if (!this.tty.canonical && this.tty.termios.cc[VMIN] === 0) return new Uint8Array(0);
    if (this.flags & O_NONBLOCK) throw new SyscallError(Errno.EAGAIN);
    return b.block(this.tty.readQueue);
  }

  override write(data: Uint8Array): number {
    this.tty.write(data);
    return data.length;
  }

  override available(): number {
    return this.tty.available();
  }

  override poll(): PollState {
    return { readable: this.tty.readable(), writable: true, hangup: this.tty.hungUp_ };
  }

  override pollQueues(): Waitable[] {
    return [this.tty.readQueue];
  }

  override sync(): void {}

  override ioctl(request: number, arg: number, ctx: IoctlContext): number {
    const tty = this.tty;
    switch (request) {
      case TCGETS:
        ctx.mem.write(arg, encodeTermios(tty.termios));
        return 0;
      case TCSETS:
      case TCSETSW:
      case TCSETSF:
        tty.setTermios(decodeTermios(ctx.mem.read(arg, TERMIOS_SIZE)), request === TCSETSF);
        return 0;
      case TIOCGWINSZ: {
        const b = new Uint8Array(8);
        const v = new DataView(b.buffer);
        v.setUint16(0, tty.winsize.rows, true);
        v.setUint16(2, tty.winsize.cols, true);
        v.setUint16(4, tty.winsize.xpixel, true);
        v.setUint16(6, tty.winsize.ypixel, true);
        ctx.mem.write(arg, b);
        return 0;
      }
      case TIOCSWINSZ: {
        const b = ctx.mem.read(arg, 8);
        const v = new DataView(b.buffer, b.byteOffset, 8);
        tty.resize(v.getUint16(0, true), v.getUint16(2, true), v.getUint16(4, true), v.getUint16(6, true));
        return 0;
      }
      case FIONREAD:
        ctx.mem.writeU32(arg, tty.available());
        return 0;
      case TCFLSH:
        if (arg === 0 || arg === 2) tty.flushInput();
        return 0;
      case TCSBRK:
      case TCXONC:
        return 0;
      // TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY and TIOCNOTTY are about the caller's session:
      // the kernel answers them (kernel/tty-jobs.ts) before the file is asked.
      default:
        throw new SyscallError(Errno.ENOTTY);
    }
  }
}
