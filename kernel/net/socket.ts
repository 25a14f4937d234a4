/**
 * The socket as an open file: what every kind (Unix stream/datagram/seqpacket, TCP, UDP) has
 * in common — its options with Linux's defaults and answers, SO_ERROR, the queue pollers wait
 * on, stat as S_IFSOCK, read/write as recv/send without flags, FIONREAD. The kinds implement
 * bind/connect/listen/accept/send/recv/shutdown in stream.ts and dgram.ts.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDWR, S_IFSOCK, makedev } from '../fs/constants.js';
import { OpenFile, type Blocker, type IoResult, type IoctlContext, type PollState } from '../fs/file.js';
import { anonIno, type Stat } from '../fs/inode.js';
import { WaitQueue } from '../wait-queue.js';
import { BLOCKED } from '../syscall-abi.js';
import type { MemoryAccount, Ucred } from './buffers.js';
import {
  AF_INET, AF_INET6, AF_UNIX, DEFAULT_BUF, IPPROTO_IP, IPPROTO_IPV6, IPPROTO_TCP, IPV6_V6ONLY, MAX_BUF,
  MIN_RCVBUF, MIN_SNDBUF, SOCK_DGRAM, SOCK_STREAM, SOL_SOCKET, SO_ACCEPTCONN, SO_DOMAIN, SO_ERROR, SO_LINGER,
  SO_PEERCRED, SO_PROTOCOL, SO_RCVBUF, SO_RCVBUFFORCE, SO_RCVLOWAT, SO_RCVTIMEO, SO_SNDBUF, SO_SNDBUFFORCE,
  SO_SNDLOWAT, SO_SNDTIMEO, SO_TYPE, TCP_INFO,
} from './constants.js';
import type { SockAddr } from './sockaddr.js';

export const SOCKFS_DEV = makedev(0, 8);
const FIONREAD = 0x541b;
const SIOCOUTQ = 0x5411;
const SIOCATMARK = 0x8905;

/** Poll bits (the same values for poll and epoll). */
export const POLLIN = 0x1;
export const POLLPRI = 0x2;
export const POLLOUT = 0x4;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const POLLRDNORM = 0x40;
export const POLLWRNORM = 0x100;
export const POLLRDHUP = 0x2000;

/** What a send carries besides its bytes. */
export interface SendRequest {
  data: Uint8Array;
  to: SockAddr | null;
  flags: number;
  rights?: OpenFile[];
  creds: Ucred;
  /** Credentials to attach when the receiver asks for them (SCM_CREDENTIALS or the sender's own). */
  sentCreds?: Ucred;
  account: MemoryAccount;
  /** For Unix datagrams to a path name. */
  bindContext?: BindContext;
}

export interface Received {
  data: Uint8Array;
  /** Full length of the datagram (MSG_TRUNC tells the caller when it was longer). */
  fullLength: number;
  from: SockAddr | null;
  rights?: OpenFile[];
  creds?: Ucred;
  flags: number;
}

/** Socket options: the generic ones live here; protocol ones are stored as Linux would answer them. */
export class SocketOptions {
  readonly flags = new Map<string, number>();
  sndbuf: number;
  rcvbuf: number;
  lingerOn = 0;
  lingerSecs = 0;
  rcvtimeo = new Uint8Array(16);
  sndtimeo = new Uint8Array(16);

  constructor(family: number, type: number) {
    const tcp = family !== AF_UNIX && type === SOCK_STREAM;
    this.sndbuf = tcp ? 16384 : DEFAULT_BUF;
    this.rcvbuf = tcp ? 131072 : DEFAULT_BUF;
  }

  get(level: number, name: number, def = 0): number {
    return this.flags.get(`${level}:${name}`) ?? def;
  }
  set(level: number, name: number, v: number): void {
    this.flags.set(`${level}:${name}`, v);
  }
}

/** Defaults Linux reports for TCP options nobody set. */
const TCP_DEFAULTS: Record<number, number> = { 1: 0, 2: 536, 3: 0, 4: 7200, 5: 75, 6: 9, 7: 0, 8: 0, 9: 0, 10: 0, 12: 1, 18: 0, 19: 0, 23: 0 };
/** IPPROTO_IP options accepted (TOS, TTL, HDRINCL, OPTIONS, RECVOPTS, PKTINFO, MTU_DISCOVER, RECVERR, MULTICAST_*, FREEBIND, BIND_ADDRESS_NO_PORT...). */
const IP_DEFAULTS: Record<number, number> = { 1: 0, 2: 64, 3: 0, 8: 0, 10: 0, 11: 0, 15: 0, 32: 0, 33: 1, 34: 1, 24: 0, 12: 0, 13: 0 };
/** IPPROTO_IPV6 options accepted (UNICAST_HOPS, MULTICAST_*, V6ONLY, RECVPKTINFO, TCLASS...). */
const IPV6_DEFAULTS: Record<number, number> = { 16: 64, 17: 0, 18: 1, 19: 1, 26: 0, 49: 0, 67: 0, 66: 0, 23: 0, 25: 0 };

export abstract class Socket extends OpenFile {
  private static lastIno = 0;
  private static newPath(): string {
    Socket.lastIno = anonIno();
    return `socket:[${Socket.lastIno}]`;
  }
  readonly ino = Socket.lastIno;
  readonly createdMs = Date.now();
  readonly options: SocketOptions;
  /** Pending asynchronous error (SO_ERROR): a refused connect, a reset. */
  soError = 0;
  /** Woken whenever readiness may have changed; readers, writers and pollers wait here. */
  readonly events = new WaitQueue();
  /** Who created it (SO_PEERCRED of its peer). */
  readonly creds: Ucred;

  constructor(
    readonly family: number,
    readonly type: number,
    readonly protocol: number,
    flags: number,
    creds: Ucred,
    readonly account: MemoryAccount,
  ) {
    super(O_RDWR | (flags & O_NONBLOCK), Socket.newPath());
    this.options = new SocketOptions(family, type);
    this.creds = creds;
  }

  stat(): Stat {
    const t = this.createdMs;
    return {
      dev: SOCKFS_DEV, ino: this.ino, mode: S_IFSOCK | 0o777, nlink: 1, uid: this.creds.uid, gid: this.creds.gid, rdev: 0,
      size: 0, blksize: 4096, blocks: 0, atimeMs: t, mtimeMs: t, ctimeMs: t,
    };
  }

  // ---- The kinds' operations ------------------------------------------------------

  abstract bind(addr: SockAddr, proc: BindContext): void;
  /** 0 when connected, EINPROGRESS is thrown for a non-blocking TCP connect. */
  abstract connect(addr: SockAddr, b: Blocker, nonblock: boolean, proc: BindContext): IoResult<number>;
  listen(_backlog: number): void {
    throw new SyscallError(Errno.ENOTSUP);
  }
  accept(_b: Blocker, _nonblock: boolean): IoResult<Socket> {
    throw new SyscallError(Errno.ENOTSUP);
  }
  abstract send(req: SendRequest, b: Blocker, nonblock: boolean): IoResult<number>;
  abstract recv(length: number, flags: number, b: Blocker, nonblock: boolean): IoResult<Received>;
  abstract shutdown(how: number): void;
  abstract localAddr(): SockAddr;
  /** ENOTCONN when not connected. */
  abstract peerAddr(): SockAddr;
  /** SO_PEERCRED. */
  peerCreds(): Ucred | null {
    return null;
  }
  get listening(): boolean {
    return false;
  }
  /** Bytes queued for reading (FIONREAD) and not yet read by the peer (SIOCOUTQ). */
  abstract inQueue(): number;
  outQueue(): number {
    return 0;
  }
  /** Full readiness as poll/epoll bits. */
  abstract pollMask(): number;

  override poll(): PollState {
    const m = this.pollMask();
    return { readable: (m & (POLLIN | POLLHUP | POLLERR)) !== 0, writable: (m & (POLLOUT | POLLERR)) !== 0, hangup: (m & POLLHUP) !== 0 };
  }
  override pollQueues(): WaitQueue[] {
    return [this.events];
  }

  // ---- read/write are recv/send without flags -----------------------------------

  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    const r = this.recv(length, 0, timedBlocker(b, this.options.rcvtimeo), this.nonblocking);
    return r === BLOCKED ? r : r.data;
  }
  override write(data: Uint8Array, b: Blocker): IoResult<number> {
    return this.send({ data, to: null, flags: 0, creds: this.creds, account: this.account }, timedBlocker(b, this.options.sndtimeo), this.nonblocking);
  }
  override available(): number {
    return this.inQueue();
  }
  override ioctl(request: number, arg: number, ctx: IoctlContext): number {
    if (request === FIONREAD) {
      if (this.listening) throw new SyscallError(Errno.EINVAL);
      ctx.mem.writeU32(arg, Math.min(this.inQueue(), 0x7fffffff));
      return 0;
    }
    if (request === SIOCOUTQ) {
      ctx.mem.writeU32(arg, Math.min(this.outQueue(), 0x7fffffff));
      return 0;
    }
    if (request === SIOCATMARK) {
      ctx.mem.writeU32(arg, 0);
      return 0;
    }
    throw new SyscallError(Errno.ENOTTY);
  }

  // ---- Options ---------------------------------------------------------------------

  setOption(level: number, name: number, value: Uint8Array): void {
    const int = (): number => {
      if (value.length < 4) throw new SyscallError(Errno.EINVAL);
      return new DataView(value.buffer, value.byteOffset, value.byteLength).getInt32(0, true);
    };
    const o = this.options;
    if (level === SOL_SOCKET) {
      switch (name) {
        case SO_TYPE: case SO_PROTOCOL: case SO_DOMAIN: case SO_ERROR: case SO_ACCEPTCONN: case SO_PEERCRED:
          throw new SyscallError(Errno.ENOPROTOOPT);
        case SO_SNDBUF: case SO_SNDBUFFORCE:
          o.sndbuf = Math.max(MIN_SNDBUF, Math.min(Math.max(int(), 0), name === SO_SNDBUF ? MAX_BUF : 0x3fffffff) * 2);
          return;
        case SO_RCVBUF: case SO_RCVBUFFORCE:
          o.rcvbuf = Math.max(MIN_RCVBUF, Math.min(Math.max(int(), 0), name === SO_RCVBUF ? MAX_BUF : 0x3fffffff) * 2);
          this.rcvbufChanged();
          return;
        case SO_LINGER: {
          if (value.length < 8) throw new SyscallError(Errno.EINVAL);
          const v = new DataView(value.buffer, value.byteOffset, 8);
          o.lingerOn = v.getInt32(0, true) ? 1 : 0;
          o.lingerSecs = v.getInt32(4, true);
          return;
        }
        case SO_RCVTIMEO: case SO_SNDTIMEO: {
          if (value.length < 16) throw new SyscallError(Errno.EINVAL);
          const v = new DataView(value.buffer, value.byteOffset, 16);
          const usec = Number(v.getBigInt64(8, true));
          if (usec < 0 || usec >= 1e6) throw new SyscallError(Errno.EDOM);
          // Linux keeps the timeout in jiffies (HZ=250 on Debian's kernels): it reads back rounded up to 4 ms.
          const sec = v.getBigInt64(0, true);
          const out = new Uint8Array(16);
          const ov = new DataView(out.buffer);
          if (sec >= 0n && (sec > 0n || usec > 0)) {
            const total = sec * 1_000_000n + BigInt(Math.ceil(usec / 4000) * 4000);
            ov.setBigInt64(0, total / 1_000_000n, true);
            ov.setBigInt64(8, total % 1_000_000n, true);
          }
          (name === SO_RCVTIMEO ? o.rcvtimeo : o.sndtimeo).set(out);
          return;
        }
        case SO_RCVLOWAT: case SO_SNDLOWAT:
          int();
          if (name === SO_SNDLOWAT) throw new SyscallError(Errno.ENOPROTOOPT);
          o.set(level, name, Math.max(1, int()));
          return;
        default:
          // SO_REUSEADDR, SO_REUSEPORT, SO_KEEPALIVE, SO_BROADCAST, SO_PASSCRED, SO_OOBINLINE,
          // SO_PRIORITY, SO_DEBUG, SO_DONTROUTE, SO_TIMESTAMP, SO_MARK, SO_BUSY_POLL...: flags.
          if (name <= 0 || name > 80) throw new SyscallError(Errno.ENOPROTOOPT);
          o.set(level, name, name === 12 ? int() : int() ? 1 : 0);
          return;
      }
    }
    if (this.family === AF_UNIX) throw new SyscallError(Errno.ENOTSUP);
    if (level === IPPROTO_TCP) {
      if (this.type !== SOCK_STREAM) throw new SyscallError(Errno.ENOPROTOOPT);
      if (!(name in TCP_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      const v = int();
      if ((name === 4 || name === 5) && (v < 1 || v > 32767)) throw new SyscallError(Errno.EINVAL);
      if (name === 6 && (v < 1 || v > 127)) throw new SyscallError(Errno.EINVAL);
      o.set(level, name, name === 1 || name === 3 ? (v ? 1 : 0) : v);
      return;
    }
    if (level === IPPROTO_IP) {
      if (!(name in IP_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      o.set(level, name, value.length >= 4 ? int() : value.length ? value[0] : 0);
      return;
    }
    if (level === IPPROTO_IPV6) {
      if (this.family !== AF_INET6 || !(name in IPV6_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      const v = int();
      if (name === IPV6_V6ONLY) {
        if (this.bound) throw new SyscallError(Errno.EINVAL);
        o.set(level, name, v ? 1 : 0);
        return;
      }
      o.set(level, name, v);
      return;
    }
    throw new SyscallError(Errno.ENOPROTOOPT);
  }

  /** The option's value as getsockopt returns it (before truncation to optlen). */
  getOption(level: number, name: number): Uint8Array {
    const int = (n: number): Uint8Array => {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, n, true);
      return b;
    };
    const o = this.options;
    if (level === SOL_SOCKET) {
      switch (name) {
        case SO_TYPE: return int(this.type);
        case SO_PROTOCOL: return int(this.protocol);
        case SO_DOMAIN: return int(this.family);
        case SO_ERROR: {
          const e = this.soError;
          this.soError = 0;
          return int(e);
        }
        case SO_ACCEPTCONN: return int(this.listening ? 1 : 0);
        case SO_SNDBUF: return int(o.sndbuf);
        case SO_RCVBUF: return int(o.rcvbuf);
        case SO_RCVLOWAT: return int(o.get(level, name, 1));
        case SO_SNDLOWAT: return int(1);
        case SO_LINGER: {
          const b = new Uint8Array(8);
          const v = new DataView(b.buffer);
          v.setInt32(0, o.lingerOn, true);
          v.setInt32(4, o.lingerSecs, true);
          return b;
        }
        case SO_RCVTIMEO: return o.rcvtimeo.slice();
        case SO_SNDTIMEO: return o.sndtimeo.slice();
        case SO_PEERCRED: {
          const c = this.peerCreds();
          const b = new Uint8Array(12);
          const v = new DataView(b.buffer);
          v.setInt32(0, c?.pid ?? 0, true);
          v.setUint32(4, c?.uid ?? 65534, true);
          v.setUint32(8, c?.gid ?? 65534, true);
          return b;
        }
        default:
          if (name <= 0 || name > 80) throw new SyscallError(Errno.ENOPROTOOPT);
          return int(o.get(level, name, 0));
      }
    }
    if (this.family === AF_UNIX) throw new SyscallError(Errno.ENOTSUP);
    if (level === IPPROTO_TCP) {
      if (this.type !== SOCK_STREAM) throw new SyscallError(Errno.ENOPROTOOPT);
      if (name === TCP_INFO) {
        const b = new Uint8Array(232);
        b[0] = this.tcpState();
        return b;
      }
      if (!(name in TCP_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      return int(o.get(level, name, TCP_DEFAULTS[name]));
    }
    if (level === IPPROTO_IP) {
      if (!(name in IP_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      return int(o.get(level, name, IP_DEFAULTS[name]));
    }
    if (level === IPPROTO_IPV6) {
      if (this.family === AF_INET) throw new SyscallError(Errno.ENOTSUP);
      if (!(name in IPV6_DEFAULTS)) throw new SyscallError(Errno.ENOPROTOOPT);
      return int(o.get(level, name, IPV6_DEFAULTS[name]));
    }
    // An IPv4 socket passes unknown levels down to IP, which answers EOPNOTSUPP when reading.
    throw new SyscallError(this.family === AF_INET ? Errno.ENOTSUP : Errno.ENOPROTOOPT);
  }

  /** Whether the socket has an address (IPV6_V6ONLY may not change after). */
  protected get bound(): boolean {
    return false;
  }
  /** The receive queue follows SO_RCVBUF. */
  protected rcvbufChanged(): void {}
  /** TCP_INFO's tcpi_state (TCP_ESTABLISHED 1, TCP_LISTEN 10, TCP_CLOSE 7). */
  protected tcpState(): number {
    return 7;
  }

  get isDatagram(): boolean {
    return this.type === SOCK_DGRAM;
  }
  get isInet(): boolean {
    return this.family === AF_INET || this.family === AF_INET6;
  }
}

/** What bind/connect need from the caller: its credentials, and the file system for path names. */
export interface BindContext {
  creds: Ucred;
  /** Creates the socket's file at a path (EADDRINUSE if it exists); returns its identity. */
  createSocketFile(path: string): object;
  /** The identity of the socket file at a path (ENOENT, ECONNREFUSED if not a socket file). */
  findSocketFile(path: string): object;
}


/**
 * SO_RCVTIMEO / SO_SNDTIMEO: a Blocker that waits at most the socket's timeout (a struct
 * timeval; zero means forever) and then fails the call with EAGAIN, as Linux does. The
 * deadline is kept in the caller's syscallState (an object, or set here when there is none)
 * so re-runs of the blocked call do not restart it.
 */
export function timedBlocker(b: Blocker, timeval: Uint8Array): Blocker {
  const v = new DataView(timeval.buffer, timeval.byteOffset, 16);
  const ms = Number(v.getBigInt64(0, true)) * 1000 + Number(v.getBigInt64(8, true)) / 1000;
  if (!(ms > 0)) return b;
  const proc = (b as { proc?: { syscallState?: unknown } }).proc;
  if (!proc) return b;
  if (proc.syscallState === undefined) proc.syscallState = {};
  const st = proc.syscallState as { sockDeadline?: number } | null;
  if (typeof st !== 'object' || st === null) return b;
  st.sockDeadline ??= performance.now() + ms;
  const deadline = st.sockDeadline;
  return {
    proc,
    block(on: Parameters<Blocker['block']>[0]) {
      const left = deadline - performance.now();
      if (left <= 0) throw new SyscallError(Errno.EAGAIN);
      return b.block(on, left);
    },
  } as Blocker;
}
