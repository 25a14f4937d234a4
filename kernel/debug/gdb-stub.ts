/**
 * gdb's remote serial protocol, spoken for one DebugTarget over any byte stream (the
 * transport is the caller's: a TCP socket for `run -g PORT`, later the SSH channel).
 *
 * Framing: `$payload#xx` with a two-digit checksum, acknowledged with `+` (or `-` for a
 * resend) until QStartNoAckMode; a lone 0x03 byte is Ctrl-C. A packet with a wrong checksum
 * is refused with `-`; an unknown command gets the empty reply, which tells gdb "not
 * supported"; a malformed one gets `E01`. Nothing a client sends can throw out of receive().
 *
 * Commands: qSupported, qXfer:features:read (target.xml), qXfer:auxv:read, qXfer:exec-file:read,
 * vFile:open/pread/fstat/close/readlink/setfs (so gdb reads the remote program's symbols, and
 * /proc/PID/maps for `info proc mappings`, itself), ?, g/G, p/P, m/M/X, Z0/z0 and Z1/z1 (both as
 * planted BRKs), Z2-Z4 (data watchpoints of any length: the machine's, stopping before the
 * access, so gdb steps over it and shows the old and new values), s/c/C/S and vCont, qfThreadInfo/qsThreadInfo, qC, T, H, qAttached, k, D.
 * bs/bc (reverse-stepi, reverse-continue) when the run is recorded (run --record: replay.ts),
 * advertised as ReverseStep+/ReverseContinue+; the edges of the history answer `replaylog:begin`
 * or `replaylog:end` ("No more reverse-execution history"), and G/P/M/X are refused there.
 * Stop replies are `T05thread:TID;`; the end of the process `W` or `X`. When gdb offers
 * multiprocess+ (as it does to qemu), thread ids are `pPID.TID` and exits name the process, so
 * gdb knows the real pid (`info proc`, `[Inferior 1 (process N) exited ...]`).
 */

import { TARGET_XML } from './target-xml.js';
import { DebugTarget, REG_COUNT, regSize, type StopEvent } from './target.js';
import type { Thread } from '../process.js';
import type { ExitStatus } from '../process.js';
import type { Stat } from '../fs/inode.js';
import { SyscallError } from '../errno.js';

/** The largest packet we accept or announce (PacketSize). */
const PACKET_SIZE = 0x4000;

function checksum(s: string): number {
  let sum = 0;
  for (let i = 0; i < s.length; i++) sum = (sum + s.charCodeAt(i)) & 0xff;
  return sum;
}

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += hex2(b);
  return s;
}

function fromHex(s: string): Uint8Array | null {
  if (s.length % 2 || /[^0-9a-fA-F]/.test(s)) return null;
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(s.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function parseHexNumber(s: string): number | null {
  if (!/^[0-9a-fA-F]{1,13}$/.test(s)) return null;
  return parseInt(s, 16);
}

/** Binary data of an X packet: `}` escapes the next byte XOR 0x20. */
function unescapeBinary(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7d && i + 1 < s.length) out.push(s.charCodeAt(++i) ^ 0x20);
    else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

/** Bytes as a string of one char each (binary packet data; reply() escapes what must be). */
function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

/** gdb's File-I/O errno for a Linux one. */
function fileioErrno(errno: number): number {
  if ([1, 2, 4, 9, 13, 14, 16, 17, 19, 20, 21, 22, 23, 24, 27, 28, 29, 30].includes(errno)) return errno;
  return errno === 36 ? 91 : 9999;
}

/** The File-I/O struct stat: big-endian, 32-bit fields but 64-bit size, blksize and blocks (64 bytes). */
function fileioStat(st: Stat): Uint8Array {
  const out = new Uint8Array(64);
  const dv = new DataView(out.buffer);
  const u32 = [st.dev, st.ino, st.mode, st.nlink, st.uid, st.gid, st.rdev];
  u32.forEach((v, i) => dv.setUint32(i * 4, v >>> 0));
  dv.setBigUint64(28, BigInt(st.size));
  dv.setBigUint64(36, BigInt(st.blksize));
  dv.setBigUint64(44, BigInt(st.blocks));
  dv.setUint32(52, Math.floor(st.atimeMs / 1000) >>> 0);
  dv.setUint32(56, Math.floor(st.mtimeMs / 1000) >>> 0);
  dv.setUint32(60, Math.floor(st.ctimeMs / 1000) >>> 0);
  return out;
}

export class GdbStub {
  private buffer = '';
  private noAck = false;
  /** Thread for g/G/p/P/m (Hg), and for step/continue (Hc); 0 or -1: any. */
  private gThread = 0;
  private cThread = 0;
  /** gdb is waiting for a stop reply (after c/s/vCont). */
  private running = false;
  private lastStop: StopEvent | null = null;
  private exitReply: string | null = null;
  private threadListSent = false;
  /** gdb and we agreed on multiprocess+ thread ids (pPID.TID). */
  private multiprocess = false;
  closed = false;

  /**
   * @param send writes bytes to the client
   * @param close ends the connection (after k or D)
   */
  constructor(
    readonly target: DebugTarget,
    private readonly send: (data: string) => void,
    private readonly close: () => void = () => undefined,
    private readonly options: {
      /** gdbserver --attach: the process was running before gdb came (qAttached 1: quitting detaches). */
      attached?: boolean;
      /** Called once gdb has been told how the process ended. */
      onExitReported?: () => void;
    } = {},
  ) {
    target.onStop = (e) => this.stopped(e);
  }

  /** The client went away without k or D: a process started for it dies with it, an attached one runs on. */
  hangUp(started: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (this.target.alive && started) this.target.kill();
    else this.target.detach();
  }

  /** The process ended: gdb hears W (exit code) or X (signal) if it waits for a stop. */
  exited(status: ExitStatus): void {
    this.exitReply = status.signal !== null ? `X${hex2(status.signal & 0xff)}` : `W${hex2(status.code & 0xff)}`;
    if (this.multiprocess) this.exitReply += `;process:${this.target.process.pid.toString(16)}`;
    if (this.running) {
      this.running = false;
      this.reply(this.exitReply);
    }
  }

  private stopped(e: StopEvent): void {
    this.lastStop = e;
    if (this.running) {
      this.running = false;
      this.reply(this.stopReply(e));
    }
  }

  private stopReply(e: StopEvent): string {
    const watch = e.watch ? `${e.watch.kind}:${e.watch.addr.toString(16)};` : '';
    const edge = e.replaylog ? `replaylog:${e.replaylog};` : '';
    return `T${hex2(e.signal)}thread:${this.threadId(e.tid)};${e.swbreak ? 'swbreak:;' : ''}${watch}${edge}`;
  }

  /** A thread as the protocol names it. */
  private threadId(tid: number): string {
    return this.multiprocess ? `p${this.target.process.pid.toString(16)}.${tid.toString(16)}` : tid.toString(16);
  }

  /**
   * A thread-id from gdb: `TID`, `-1` (all), `0` (any), or with multiprocess `pPID.TID`,
   * `pPID` / `pPID.-1` (all of it). Returns the tid (-1 all, 0 any); null when malformed or
   * naming another process.
   */
  private parseThreadId(s: string): number | null {
    const m = /^p(-1|[0-9a-fA-F]{1,8})(?:\.(-1|[0-9a-fA-F]{1,8}))?$/.exec(s);
    if (m) {
      const pid = m[1] === '-1' ? -1 : parseInt(m[1], 16);
      if (pid > 0 && pid !== this.target.process.pid) return null;
      if (m[2] === undefined || m[2] === '-1') return -1;
      return parseInt(m[2], 16);
    }
    if (s === '-1') return -1;
    return parseHexNumber(s);
  }

  /** Bytes from the client (any split). */
  receive(chunk: string): void {
    if (this.closed) return;
    this.buffer += chunk;
    for (;;) {
      // Acks and noise between packets; 0x03 is an interrupt.
      let i = 0;
      while (i < this.buffer.length && this.buffer[i] !== '$') {
        if (this.buffer.charCodeAt(i) === 3) this.target.interrupt();
        i++;
      }
      this.buffer = this.buffer.slice(i);
      if (!this.buffer.length) return;
      const hash = this.buffer.indexOf('#');
      if (hash < 0 || this.buffer.length < hash + 3) {
        if (this.buffer.length > PACKET_SIZE * 2) {
          this.buffer = ''; // a packet that never ends: dropped
          if (!this.noAck) this.send('-');
        }
        return;
      }
      const payload = this.buffer.slice(1, hash);
      const sum = parseInt(this.buffer.slice(hash + 1, hash + 3), 16);
      this.buffer = this.buffer.slice(hash + 3);
      if (!this.noAck) {
        if (sum !== checksum(payload)) {
          this.send('-');
          continue;
        }
        this.send('+');
      }
      let answer: string | null;
      try {
        answer = this.handle(payload);
      } catch {
        answer = 'E01';
      }
      if (answer !== null) this.reply(answer);
      if (this.closed) return;
    }
  }

  private reply(payload: string): void {
    if (this.closed) return;
    if (payload === this.exitReply) queueMicrotask(() => this.options.onExitReported?.());
    // Run-length encoding is optional; the escapes are not: '#', '$', '}' and '*' in data.
    const escaped = payload.replace(/[#$}*]/g, (c) => '}' + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
    this.send(`$${escaped}#${hex2(checksum(escaped))}`);
  }

  private thread(which: number): Thread | undefined {
    const threads = this.target.threads();
    if (which > 0) return threads.find((t) => t.tid === which);
    const stop = this.lastStop && threads.find((t) => t.tid === this.lastStop!.tid);
    return stop ?? threads[0];
  }

  /** Answers one packet; null when the answer comes later (a stop reply). */
  private handle(p: string): string | null {
    const t = this.target;
    if (this.exitReply && !t.alive && !'qkD?'.includes(p[0] ?? '')) return this.exitReply;
    switch (p[0]) {
      case '?':
        if (!t.alive) return this.exitReply ?? 'W00';
        return this.stopReply(this.lastStop ?? { signal: 5, tid: this.thread(0)?.tid ?? t.process.pid });
      case 'g': {
        const th = this.thread(this.gThread);
        if (!th) return 'E01';
        let s = '';
        for (let n = 0; n < REG_COUNT; n++) s += toHex(t.readRegister(th, n));
        return s;
      }
      case 'G': {
        const th = this.thread(this.gThread);
        if (t.inHistory) return 'E01'; // the past is read-only: a change there would not replay
        const bytes = fromHex(p.slice(1));
        if (!th || !bytes) return 'E01';
        let off = 0;
        for (let n = 0; n < REG_COUNT && off + regSize(n) <= bytes.length; n++) {
          t.writeRegister(th, n, bytes.subarray(off, off + regSize(n)));
          off += regSize(n);
        }
        return 'OK';
      }
      case 'p': {
        const n = parseHexNumber(p.slice(1));
        const th = this.thread(this.gThread);
        if (n === null || !th) return 'E01';
        if (n >= REG_COUNT) return 'E02';
        return toHex(t.readRegister(th, n));
      }
      case 'P': {
        if (t.inHistory) return 'E01'; // the past is read-only: a change there would not replay
        const [ns, vs] = p.slice(1).split('=');
        const n = parseHexNumber(ns ?? '');
        const bytes = fromHex(vs ?? '');
        const th = this.thread(this.gThread);
        if (n === null || !bytes || !th || n >= REG_COUNT || bytes.length !== regSize(n)) return 'E01';
        t.writeRegister(th, n, bytes);
        return 'OK';
      }
      case 'm': {
        const [as, ls] = p.slice(1).split(',');
        const addr = parseHexNumber(as ?? '');
        const len = parseHexNumber(ls ?? '');
        if (addr === null || len === null) return 'E01';
        const data = t.readMemory(addr, Math.min(len, PACKET_SIZE / 2 - 8));
        return data ? toHex(data) : 'E14'; // EFAULT
      }
      case 'M': {
        if (t.inHistory) return 'E01'; // the past is read-only: a change there would not replay
        const m = /^M([0-9a-fA-F]+),([0-9a-fA-F]+):([0-9a-fA-F]*)$/.exec(p);
        const data = m && fromHex(m[3]);
        if (!m || !data) return 'E01';
        const addr = parseHexNumber(m[1]);
        if (addr === null || data.length !== parseInt(m[2], 16)) return 'E01';
        return t.writeMemory(addr, data) ? 'OK' : 'E14';
      }
      case 'X': {
        if (t.inHistory) return 'E01'; // the past is read-only: a change there would not replay
        const colon = p.indexOf(':');
        const [as, ls] = p.slice(1, colon < 0 ? undefined : colon).split(',');
        const addr = parseHexNumber(as ?? '');
        const len = parseHexNumber(ls ?? '');
        if (colon < 0 || addr === null || len === null) return 'E01';
        const data = unescapeBinary(p.slice(colon + 1));
        if (data.length !== len) return 'E01';
        return len === 0 || t.writeMemory(addr, data) ? 'OK' : 'E14';
      }
      case 'Z':
      case 'z': {
        const m = /^[Zz]([0-4]),([0-9a-fA-F]+),([0-9a-fA-F]+)/.exec(p);
        if (!m) return '';
        const addr = parseHexNumber(m[2]);
        if (addr === null) return 'E01';
        if (m[1] >= '2') {
          // Z2 write, Z3 read, Z4 access watchpoints; the third field is the length.
          const length = parseHexNumber(m[3]);
          const kind = ({ '2': 2, '3': 1, '4': 3 } as const)[m[1] as '2' | '3' | '4'];
          if (length === null) return 'E01';
          const done = p[0] === 'Z' ? t.insertWatchpoint(addr, length, kind) : t.removeWatchpoint(addr, length, kind);
          return done ? 'OK' : 'E22';
        }
        const ok = p[0] === 'Z' ? t.insertBreakpoint(addr) : t.removeBreakpoint(addr);
        return ok ? 'OK' : 'E14';
      }
      case 'c':
      case 's':
        return this.resume(p[0] === 's', this.cThread, 0);
      case 'b': {
        // bs / bc: reverse-stepi, reverse-continue (run --record; ReverseStep+ ReverseContinue+).
        if ((p !== 'bs' && p !== 'bc') || !t.recording) return '';
        if (!t.alive) return this.exitReply ?? 'W00';
        this.running = true;
        t.reverse(p === 'bs');
        return null;
      }
      case 'C':
      case 'S': {
        const sig = parseHexNumber(p.slice(1, 3));
        if (sig === null) return 'E01';
        return this.resume(p[0] === 'S', this.cThread, sig);
      }
      case 'H': {
        const id = this.parseThreadId(p.slice(2));
        if (id === null || (id > 0 && !t.thread(id))) return 'E01';
        if (p[1] === 'g') this.gThread = id;
        else this.cThread = id;
        return 'OK';
      }
      case 'T': {
        const id = this.parseThreadId(p.slice(1));
        return id !== null && t.thread(id) ? 'OK' : 'E01';
      }
      case 'k':
        if (t.alive) t.kill();
        this.shutdown();
        return null;
      case 'D':
        if (p.length > 1 && this.parseThreadId('p' + p.slice(2)) === null) return 'E01';
        t.detach();
        this.reply('OK');
        this.shutdown();
        return null;
      case 'v':
        return this.handleV(p);
      case 'q':
      case 'Q':
        return this.handleQuery(p);
      default:
        return '';
    }
  }

  /** c/s/C/S/vCont: `signal` (0: none) is delivered to the thread that stopped, as ptrace's PTRACE_CONT data. */
  private resume(step: boolean, which: number, signal: number): string | null {
    const t = this.target;
    if (!t.alive) return this.exitReply ?? 'W00';
    const th = this.thread(which);
    if (step && !th) return 'E01';
    this.running = true;
    if (step) t.step(th!, signal);
    else t.resume(signal, th);
    return null;
  }

  private handleV(p: string): string | null {
    if (p === 'vCont?') return 'vCont;c;C;s;S';
    if (p.startsWith('vCont;')) {
      // The first action that names a step decides; the rest continue (or stay put while stepping).
      const actions = p.slice(6).split(';').map((a) => {
        const [act, tid] = a.split(':');
        const parsed = tid === undefined ? 0 : this.parseThreadId(tid) ?? 0;
        const id = parsed < 0 ? 0 : parsed;
        const sig = act.length >= 3 ? parseHexNumber(act.slice(1, 3)) ?? 0 : 0;
        return { step: act[0] === 's' || act[0] === 'S', id, sig };
      });
      const stepping = actions.find((a) => a.step);
      if (stepping) return this.resume(true, stepping.id, stepping.sig);
      const first = actions[0];
      return this.resume(false, first?.id ?? 0, first?.sig ?? 0);
    }
    if (p.startsWith('vKill')) {
      if (this.target.alive) this.target.kill();
      return 'OK';
    }
    if (p === 'vMustReplyEmpty') return '';
    if (p.startsWith('vFile:')) return this.handleFile(p.slice(6));
    return '';
  }

  /**
   * Host I/O (vFile): `F result[;binary]`, or `F-1,errno` with gdb's File-I/O errno values
   * (the Linux ones up to EROFS; ENAMETOOLONG is 91; anything else EUNKNOWN).
   */
  private handleFile(p: string): string {
    const t = this.target;
    const colon = p.indexOf(':');
    const op = colon < 0 ? p : p.slice(0, colon);
    const args = colon < 0 ? [] : p.slice(colon + 1).split(',');
    const text = (h: string | undefined): string | null => {
      const b = fromHex(h ?? '');
      return b ? new TextDecoder().decode(b) : null;
    };
    const num = (h: string | undefined): number | null => parseHexNumber(h ?? '');
    try {
      switch (op) {
        case 'setfs':
          return 'F0'; // one file system for every process here
        case 'open': {
          const path = text(args[0]);
          const flags = num(args[1]);
          if (path === null || flags === null) return 'F-1,16';
          return `F${t.openFile(path, (flags & 3) !== 0 || (flags & 0x600) !== 0).toString(16)}`;
        }
        case 'pread': {
          const fd = num(args[0]);
          const count = num(args[1]);
          const offset = num(args[2]);
          if (fd === null || count === null || offset === null) return 'F-1,16';
          const data = t.preadFile(fd, Math.min(count, PACKET_SIZE / 2 - 32), offset);
          return `F${data.length.toString(16)};${latin1(data)}`;
        }
        case 'fstat': {
          const fd = num(args[0]);
          if (fd === null) return 'F-1,16';
          const st = t.fstatFile(fd);
          return `F${(64).toString(16)};${latin1(fileioStat(st))}`;
        }
        case 'close': {
          const fd = num(args[0]);
          if (fd === null) return 'F-1,16';
          t.closeFile(fd);
          return 'F0';
        }
        case 'readlink': {
          const path = text(args[0]);
          if (path === null) return 'F-1,16';
          const bytes = new TextEncoder().encode(t.readlink(path));
          return `F${bytes.length.toString(16)};${latin1(bytes)}`;
        }
        default:
          return ''; // pwrite, unlink: gdb does not need them to debug
      }
    } catch (e) {
      return `F-1,${fileioErrno(e instanceof SyscallError ? e.errno : -1).toString(16)}`;
    }
  }

  private handleQuery(p: string): string {
    const t = this.target;
    if (p.startsWith('qSupported')) {
      this.multiprocess = /[:;]multiprocess\+/.test(p);
      const reverse = t.recording ? ';ReverseStep+;ReverseContinue+' : '';
      return `PacketSize=${PACKET_SIZE.toString(16)};qXfer:features:read+;qXfer:auxv:read+;qXfer:exec-file:read+;QStartNoAckMode+;swbreak+;vContSupported+${reverse}${this.multiprocess ? ';multiprocess+' : ''}`;
    }
    if (p === 'QStartNoAckMode') {
      this.noAck = true;
      return 'OK';
    }
    if (p.startsWith('qXfer:')) {
      const m = /^qXfer:([a-z-]+):read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(p);
      if (!m) return 'E01';
      let object: string;
      if (m[1] === 'features') {
        if (m[2] !== 'target.xml') return 'E00';
        object = TARGET_XML;
      } else if (m[1] === 'auxv') {
        object = latin1(t.process.auxv);
      } else if (m[1] === 'exec-file') {
        if (m[2] && this.parseThreadId('p' + m[2]) === null) return 'E01';
        object = latin1(new TextEncoder().encode(t.execPath));
      } else return '';
      const off = parseInt(m[3], 16);
      const len = parseInt(m[4], 16);
      const chunk = object.slice(off, off + Math.min(len, PACKET_SIZE / 2 - 32));
      return (off + chunk.length >= object.length ? 'l' : 'm') + chunk;
    }
    if (p === 'qfThreadInfo') {
      this.threadListSent = true;
      return 'm' + t.threads().map((th) => this.threadId(th.tid)).join(',');
    }
    if (p === 'qsThreadInfo') return 'l';
    if (p === 'qC') return `QC${this.threadId(this.thread(0)?.tid ?? t.process.pid)}`;
    if (p.startsWith('qAttached')) return this.options.attached ? '1' : '0'; // 0: we started it, quitting kills it
    if (p === 'qOffsets') return '';
    if (p === 'qSymbol::') return 'OK';
    if (p.startsWith('qThreadExtraInfo,')) {
      const id = this.parseThreadId(p.slice(17));
      const th = id === null ? undefined : t.thread(id);
      return th ? toHex(new TextEncoder().encode(t.process.name)) : 'E01';
    }
    return '';
  }

  private shutdown(): void {
    this.closed = true;
    this.close();
  }
}
