/**
 * Connection-oriented sockets: Unix SOCK_STREAM and SOCK_SEQPACKET, and TCP on the loopback.
 *
 * A connection is two StreamSockets pointing at each other, each with a receive queue the
 * other fills. connect() to a listener makes the server's end at once (loopback has no
 * handshake to wait for) and queues it on the listener's backlog for accept(); a full
 * backlog makes the connector wait. The TCP details programs notice are kept: a
 * non-blocking connect says EINPROGRESS and reports its outcome through writability and
 * SO_ERROR; a closed port is ECONNREFUSED; after the peer closes, the first write is
 * swallowed and the next fails with EPIPE (the peer's RST); closing with unread data or with
 * SO_LINGER 0 resets the connection (ECONNRESET at the peer); shutdown half-closes.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Blocker, IoResult } from '../fs/file.js';
import { BLOCKED } from '../syscall-abi.js';
import { PACKET_OVERHEAD, PacketQueue, type MemoryAccount, type Ucred } from './buffers.js';
import {
  AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC, MSG_PEEK, MSG_TRUNC, MSG_WAITALL, SHUT_RD, SHUT_RDWR, SHUT_WR,
  SOCK_SEQPACKET, SOMAXCONN,
} from './constants.js';
import { checkReachable, resolveAny, sourceFor, type InetBinding, type NetNamespace } from './namespace.js';
import { IPV4_ANY, IPV6_ANY, copyAddr, type InetAddr, type SockAddr, type UnixAddr } from './sockaddr.js';
import {
  POLLERR, POLLHUP, POLLIN, POLLOUT, POLLRDHUP, POLLRDNORM, POLLWRNORM, Socket, type BindContext, type Received,
  type SendRequest,
} from './socket.js';

type State = 'idle' | 'listening' | 'connected';

/** What a pending connection costs its listener's owner until accepted. */
const PENDING_COST = 1024;

export class StreamSocket extends Socket {
  state: State = 'idle';
  /** Unix: its name (unnamed until bound). Inet: its address once bound. */
  private unixLocal: UnixAddr = { family: AF_UNIX, kind: 'unnamed' };
  private unixName: { abstract?: string; file?: object } = {};
  private binding: InetBinding | null = null;
  remote: SockAddr | null = null;
  peer: StreamSocket | null = null;
  private peerCred: Ucred | null = null;
  readonly rx: PacketQueue;
  private rdShut = false;
  private wrShut = false;
  /** No more data will arrive (the peer shut down writing or closed). */
  private eof = false;
  /** The peer closed its socket. */
  private peerGone = false;
  /** A reset arrived: the next read after the queued data fails with ECONNRESET. */
  private resetPending = false;
  /** TCP: the connection was reset (writes fail with EPIPE, poll says HUP|ERR). */
  private reset = false;
  /** TCP: a write went to a closed peer; the next ones fail. */
  private wroteToClosed = false;
  private backlog: StreamSocket[] = [];
  private backlogMax = 0;
  private closedFlag = false;
  /** A non-blocking connect said EINPROGRESS and nobody has called connect() since. */
  private connectInProgress = false;

  constructor(family: number, type: number, protocol: number, flags: number, creds: Ucred, account: MemoryAccount, readonly ns: NetNamespace) {
    super(family, type, protocol, flags, creds, account);
    this.rx = new PacketQueue(this.options.rcvbuf);
  }

  private get seqpacket(): boolean {
    return this.type === SOCK_SEQPACKET;
  }
  private get tcp(): boolean {
    return this.family !== AF_UNIX;
  }
  override get listening(): boolean {
    return this.state === 'listening';
  }
  protected override get bound(): boolean {
    return this.binding !== null || this.unixLocal.kind !== 'unnamed';
  }
  protected override rcvbufChanged(): void {
    this.rx.capacity = this.options.rcvbuf;
  }
  protected override tcpState(): number {
    if (this.finished) return 7;
    return this.state === 'listening' ? 10 : this.state === 'connected' ? (this.eof ? 8 : 1) : 7;
  }
  /**
   * TCP: the connection is over (both FINs exchanged, or reset), Linux's TCP_CLOSE: the
   * socket has no peer any more (getpeername is ENOTCONN) though its fd is still open.
   */
  private get finished(): boolean {
    return this.tcp && this.state === 'connected' && ((this.wrShut && this.eof) || (this.reset && this.peerGone));
  }

  // ---- Names ---------------------------------------------------------------------

  bind(addr: SockAddr, ctx: BindContext): void {
    if (this.family === AF_UNIX) return bindUnix(this, addr, ctx);
    if (this.binding || this.state !== 'idle') throw new SyscallError(Errno.EINVAL);
    if (addr.family === AF_UNSPEC) throw new SyscallError(Errno.EAFNOSUPPORT);
    const b: InetBinding = { sock: this, local: copyAddr(addr as InetAddr), get listening() { return (this.sock as StreamSocket).state === 'listening'; } };
    this.ns.tcp.bind(b);
    this.binding = b;
  }

  /** Unix name bookkeeping, shared with datagram sockets through bindUnix. */
  setUnixName(local: UnixAddr, name: { abstract?: string; file?: object }): void {
    this.unixLocal = local;
    this.unixName = name;
  }
  get unixBound(): boolean {
    return this.unixLocal.kind !== 'unnamed';
  }

  localAddr(): SockAddr {
    if (this.family === AF_UNIX) return this.unixLocal;
    if (this.binding) return this.binding.local;
    return { family: this.family as typeof AF_INET, ip: this.family === AF_INET ? IPV4_ANY : IPV6_ANY, port: 0 };
  }

  peerAddr(): SockAddr {
    if (this.state !== 'connected' || !this.remote || this.finished) throw new SyscallError(Errno.ENOTCONN);
    return this.remote;
  }

  override peerCreds(): Ucred | null {
    return this.peerCred;
  }

  // ---- Connections ---------------------------------------------------------------

  override listen(backlog: number): void {
    if (this.state === 'connected') throw new SyscallError(this.tcp ? Errno.EINVAL : Errno.EINVAL);
    if (this.family === AF_UNIX) {
      if (!this.unixBound) throw new SyscallError(Errno.EINVAL);
    } else if (!this.binding) {
      // listen() on an unbound TCP socket binds an ephemeral port on the wildcard address.
      this.bind({ family: this.family as typeof AF_INET, ip: this.family === AF_INET ? IPV4_ANY.slice() : IPV6_ANY.slice(), port: 0 }, null as unknown as BindContext);
    }
    if (this.binding && this.state !== 'listening') this.ns.tcp.checkListen({ ...this.binding, listening: true } as InetBinding);
    this.backlogMax = Math.max(0, Math.min(backlog < 0 ? SOMAXCONN : backlog, SOMAXCONN));
    if (this.state !== 'listening') this.peerCred = null;
    this.state = 'listening';
    this.events.wake();
  }

  connect(addr: SockAddr, b: Blocker, nonblock: boolean, ctx: BindContext): IoResult<number> {
    if (this.state === 'listening') throw new SyscallError(Errno.EINVAL);
    if (this.state === 'connected') {
      if (addr.family === AF_UNSPEC && this.tcp) return 0;
      // Linux: the first connect() after an EINPROGRESS one that completed says 0, later ones EISCONN.
      if (this.connectInProgress) {
        this.connectInProgress = false;
        return 0;
      }
      throw new SyscallError(Errno.EISCONN);
    }
    if (this.soError && this.tcp) {
      const e = this.soError;
      this.soError = 0;
      throw new SyscallError(e as Errno);
    }
    if (this.family === AF_UNIX) {
      const target = findUnix(this.ns, addr, ctx, this.type);
      if (!(target instanceof StreamSocket) || target.type !== this.type) throw new SyscallError(target ? Errno.EPROTOTYPE : Errno.ECONNREFUSED);
      if (target.state !== 'listening') throw new SyscallError(Errno.ECONNREFUSED);
      if (!target.hasRoom()) {
        if (nonblock) throw new SyscallError(Errno.EAGAIN);
        return b.block([target.events, this.events]);
      }
      this.establish(target, target.unixLocal, ctx.creds);
      return 0;
    }
    if (addr.family === AF_UNSPEC) return 0;
    const dest = resolveAny(addr as InetAddr);
    checkReachable(dest);
    const found = this.ns.tcp.lookup(dest, (x) => x.listening && !(x.sock as StreamSocket).closedFlag);
    const target = found?.sock as StreamSocket | undefined;
    if (!target || dest.port === 0) {
      if (nonblock) {
        this.soError = Errno.ECONNREFUSED;
        this.events.wake();
        throw new SyscallError(Errno.EINPROGRESS);
      }
      throw new SyscallError(Errno.ECONNREFUSED);
    }
    if (!target.hasRoom() && !nonblock) return b.block([target.events, this.events]);
    if (!target.hasRoom() && target.backlog.length >= SOMAXCONN) {
      this.soError = Errno.ETIMEDOUT;
      throw new SyscallError(Errno.EINPROGRESS);
    }
    if (!this.binding) {
      const local: InetAddr = { family: this.family as typeof AF_INET, ip: sourceFor(dest, this.family), port: 0 };
      const bnd: InetBinding = { sock: this, local, listening: false };
      this.ns.tcp.bind(bnd);
      this.binding = bnd;
    } else if (this.binding.local.ip.every((x) => x === 0)) {
      this.binding.local.ip = sourceFor(dest, this.family);
    }
    const serverLocal: InetAddr = { ...copyAddr(target.binding!.local), ip: target.family === this.family ? dest.ip.slice() : sourceFor(dest, target.family) };
    if (target.family === AF_INET6 && this.family === AF_INET) serverLocal.ip = sourceFor(dest, AF_INET6);
    this.establish(target, serverLocal, ctx.creds);
    if (nonblock) {
      this.connectInProgress = true;
      throw new SyscallError(Errno.EINPROGRESS);
    }
    return 0;
  }

  private hasRoom(): boolean {
    return this.backlog.length <= this.backlogMax;
  }

  /** Makes the server's end of a new connection and queues it on the listener. */
  private establish(listener: StreamSocket, serverLocal: SockAddr, creds: Ucred): void {
    const server = new StreamSocket(listener.family, listener.type, listener.protocol, 0, listener.creds, listener.account, this.ns);
    for (const [k, v] of listener.options.flags) server.options.flags.set(k, v);
    server.options.sndbuf = listener.options.sndbuf;
    server.options.rcvbuf = listener.options.rcvbuf;
    server.rx.capacity = server.options.rcvbuf;
    server.state = 'connected';
    server.peer = this;
    server.peerCred = creds;
    server.remote = mapTo(listener.family, this.localAddr());
    if (listener.family === AF_UNIX) server.unixLocal = listener.unixLocal;
    else {
      const b: InetBinding = { sock: server, local: serverLocal as InetAddr, listening: false };
      this.ns.tcp.attach(b);
      server.binding = b;
    }
    this.state = 'connected';
    this.peer = server;
    this.peerCred = listener.creds;
    this.remote = listener.family === AF_UNIX ? listener.unixLocal : serverLocal;
    listener.account.charge(PENDING_COST);
    listener.backlog.push(server);
    listener.events.wake();
    this.events.wake();
  }

  override accept(b: Blocker, nonblock: boolean): IoResult<Socket> {
    if (this.state !== 'listening') throw new SyscallError(Errno.EINVAL);
    const s = this.backlog.shift();
    if (!s) {
      if (nonblock) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.events);
    }
    this.account.uncharge(PENDING_COST);
    this.events.wake();
    return s;
  }

  /** A pair of connected sockets (socketpair). */
  static pair(family: number, type: number, protocol: number, flags: number, creds: Ucred, account: MemoryAccount, ns: NetNamespace): [StreamSocket, StreamSocket] {
    const a = new StreamSocket(family, type, protocol, flags, creds, account, ns);
    const c = new StreamSocket(family, type, protocol, flags, creds, account, ns);
    a.state = c.state = 'connected';
    a.peer = c;
    c.peer = a;
    a.peerCred = c.peerCred = creds;
    a.remote = c.unixLocal;
    c.remote = a.unixLocal;
    return [a, c];
  }

  // ---- Data ----------------------------------------------------------------------

  send(req: SendRequest, b: Blocker, nonblock: boolean): IoResult<number> {
    if (this.state !== 'connected') {
      if (this.tcp) throw new SyscallError(this.soError ? this.takeError() : Errno.EPIPE);
      throw new SyscallError(this.state === 'listening' ? Errno.ENOTCONN : Errno.ENOTCONN);
    }
    if (req.to && !this.tcp) throw new SyscallError(Errno.EISCONN);
    if (this.wrShut || this.reset) throw new SyscallError(Errno.EPIPE);
    const peer = this.peer;
    if (!peer || this.peerGone || peer.rdShutByPeer) {
      if (this.tcp && !this.wroteToClosed) {
        // Loopback TCP: the first segment to a closed socket is "sent"; its RST ends the connection.
        this.wroteToClosed = true;
        this.reset = true;
        this.events.wake();
        return req.data.length;
      }
      throw new SyscallError(Errno.EPIPE);
    }
    const data = req.data;
    if (data.length === 0 && !req.rights?.length) return 0;
    const q = peer.rx;
    if (this.seqpacket) {
      if (data.length + PACKET_OVERHEAD > this.options.sndbuf && data.length + PACKET_OVERHEAD > q.capacity) throw new SyscallError(Errno.EMSGSIZE);
      const cost = data.length + PACKET_OVERHEAD;
      if (!q.fits(data.length) || !req.account.charge(cost)) return this.wait(b, nonblock, peer);
      q.push({ data: data.slice(), rights: req.rights, creds: req.sentCreds ?? req.creds, account: req.account, cost });
    } else {
      const n = Math.min(data.length, q.length === 0 ? Math.max(q.room(), 1) : q.room());
      if (n <= 0 && data.length > 0) return this.wait(b, nonblock, peer);
      const cost = n + PACKET_OVERHEAD;
      if (!req.account.charge(cost)) return this.wait(b, nonblock, peer);
      q.push({ data: data.slice(0, n), rights: req.rights, creds: req.sentCreds ?? req.creds, account: req.account, cost });
      peer.events.wake();
      return n;
    }
    peer.events.wake();
    return data.length;
  }

  private wait(b: Blocker, nonblock: boolean, peer: StreamSocket): IoResult<number> {
    if (nonblock) throw new SyscallError(Errno.EAGAIN);
    return b.block([peer.rx.space, this.events]);
  }

  private takeError(): Errno {
    const e = this.soError;
    this.soError = 0;
    return e as Errno;
  }

  /** The peer did shutdown(SHUT_RD) on a Unix socket: writes to it fail with EPIPE. */
  private rdShutByPeer = false;

  recv(length: number, flags: number, b: Blocker, nonblock: boolean): IoResult<Received> {
    if (this.state === 'listening') throw new SyscallError(this.tcp ? Errno.ENOTCONN : Errno.EINVAL);
    if (this.state !== 'connected') {
      if (this.soError) throw new SyscallError(this.takeError());
      if (this.tcp) throw new SyscallError(Errno.ENOTCONN);
      throw new SyscallError(Errno.EINVAL);
    }
    const q = this.rx;
    const empty = (): Received => ({ data: new Uint8Array(0), fullLength: 0, from: null, flags: 0 });
    if (q.length === 0) {
      if (this.resetPending) {
        this.resetPending = false;
        throw new SyscallError(Errno.ECONNRESET);
      }
      if (this.eof || this.rdShut) return empty();
      if (length === 0 && !this.seqpacket) return empty();
      if (nonblock) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.events);
    }
    const peek = (flags & MSG_PEEK) !== 0;
    if (this.seqpacket) {
      const p = q.peek()!;
      const n = Math.min(length, p.data.length);
      const r: Received = { data: p.data.slice(0, n), fullLength: p.data.length, from: null, rights: peek ? undefined : p.rights, creds: p.creds, flags: p.data.length > n ? MSG_TRUNC : 0 };
      if (!peek) {
        q.shift();
        this.peer?.events.wake();
      }
      return r;
    }
    // MSG_WAITALL waits (without taking anything) until the whole request is queued, the queue is full, or the stream ends.
    if (flags & MSG_WAITALL && !peek && !nonblock && q.bytes < length && !this.eof && !this.resetPending && q.room() > 0) {
      return b.block(this.events);
    }
    const parts: Uint8Array[] = [];
    let got = 0;
    let rights: Received['rights'];
    let creds: Ucred | undefined;
    for (let i = 0; got < length; i++) {
      const p = q.peek(i);
      if (!p) break;
      if (creds && p.creds && (p.creds.pid !== creds.pid || p.creds.uid !== creds.uid)) break;
      if (rights && p.rights) break;
      const n = Math.min(length - got, p.data.length);
      parts.push(p.data.subarray(0, n));
      got += n;
      creds ??= p.creds;
      if (p.rights && !peek) {
        rights = p.rights;
        p.rights = undefined;
      }
      if (rights) break;
    }
    const data = new Uint8Array(got);
    let off = 0;
    for (const part of parts) {
      data.set(part, off);
      off += part.length;
    }
    if (!peek) {
      let left = got;
      while (left > 0) {
        const p = q.peek()!;
        const n = Math.min(left, p.data.length);
        q.consume(n);
        left -= n;
      }
      // A packet that carried only files (no bytes) is consumed with them.
      while (q.peek() && q.peek()!.data.length === 0 && !q.peek()!.rights) q.shift();
      this.peer?.events.wake();
    }
    return { data, fullLength: got, from: null, rights, creds, flags: 0 };
  }

  shutdown(how: number): void {
    if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) throw new SyscallError(Errno.EINVAL);
    if (this.state !== 'connected') {
      if (this.state === 'listening' && this.tcp) {
        this.closeListener();
        this.state = 'idle';
        return;
      }
      throw new SyscallError(Errno.ENOTCONN);
    }
    const peer = this.peer;
    if (how !== SHUT_WR) {
      this.rdShut = true;
      if (!this.tcp && peer) peer.rdShutByPeer = true;
    }
    if (how !== SHUT_RD) {
      this.wrShut = true;
      if (peer) peer.eof = true;
    }
    this.events.wake();
    peer?.events.wake();
  }

  inQueue(): number {
    if (this.seqpacket) return this.rx.peek()?.data.length ?? 0;
    return this.rx.bytes;
  }
  override outQueue(): number {
    return this.peer && !this.peerGone ? this.peer.rx.bytes : 0;
  }

  pollMask(): number {
    let m = 0;
    if (this.soError) m |= POLLERR;
    if (this.state === 'listening') return m | (this.backlog.length ? POLLIN | POLLRDNORM : 0);
    if (this.state === 'idle') {
      // An unconnected socket: TCP reports HUP and OUT (Linux's tcp_poll in TCP_CLOSE); Unix nothing.
      return this.tcp ? m | POLLOUT | POLLWRNORM | POLLHUP : m;
    }
    if (this.rx.length > 0 || this.resetPending) m |= POLLIN | POLLRDNORM;
    if (this.eof || this.rdShut) m |= POLLIN | POLLRDNORM | POLLRDHUP;
    const hup = this.tcp ? (this.wrShut && this.eof) || this.reset : this.peerGone || (this.wrShut && this.eof);
    if (hup) m |= POLLHUP;
    if (this.reset && this.tcp) m |= POLLERR;
    if (!this.wrShut) {
      const peer = this.peer;
      if (!peer || this.peerGone || peer.rx.room() > 0 || peer.rx.length === 0) m |= POLLOUT | POLLWRNORM;
    }
    return m;
  }

  // ---- Closing -------------------------------------------------------------------

  private closeListener(): void {
    for (const s of this.backlog) {
      this.account.uncharge(PENDING_COST);
      s.release();
    }
    this.backlog = [];
  }

  protected override closed(): void {
    this.closedFlag = true;
    if (this.state === 'listening') this.closeListener();
    const peer = this.peer;
    if (peer && this.state === 'connected') {
      peer.peerGone = true;
      peer.eof = true;
      if (this.tcp && (this.rx.length > 0 || (this.options.lingerOn && this.options.lingerSecs === 0))) {
        peer.resetPending = true;
        peer.reset = true;
      }
      peer.events.wake();
      peer.rx.space.wake();
    }
    this.rx.clear();
    this.peer = null;
    if (this.binding) this.ns.tcp.unbind(this.binding);
    if (this.unixName.abstract !== undefined && this.ns.abstract.get(this.unixName.abstract) === this) this.ns.abstract.delete(this.unixName.abstract);
    if (this.unixName.file && this.ns.paths.get(this.unixName.file) === this) this.ns.paths.delete(this.unixName.file);
    this.events.wake();
  }
}

/** An IPv4 address as an IPv6 socket sees it (::ffff:a.b.c.d); others unchanged. */
export function mapTo(family: number, a: SockAddr): SockAddr {
  if (family !== AF_INET6 || a.family !== AF_INET) return a;
  const ip = new Uint8Array(16);
  ip[10] = ip[11] = 0xff;
  ip.set(a.ip, 12);
  return { family: AF_INET6, ip, port: a.port, flowinfo: 0, scope: 0 };
}

/** Unix bind, for stream and datagram sockets alike: abstract names and socket files. */
export function bindUnix(sock: Socket & { setUnixName(l: UnixAddr, n: { abstract?: string; file?: object }): void; unixBound: boolean; ns: NetNamespace }, addr: SockAddr, ctx: BindContext): void {
  if (addr.family !== AF_UNIX) throw new SyscallError(Errno.EINVAL);
  if (sock.unixBound) throw new SyscallError(Errno.EINVAL);
  const ns = sock.ns;
  if (addr.kind === 'unnamed') {
    // Autobind: an abstract name of five hex digits.
    const name = ns.autobindName(sock.type);
    ns.abstract.set(abstractKey(sock.type, name), sock);
    sock.setUnixName({ family: AF_UNIX, kind: 'abstract', name }, { abstract: abstractKey(sock.type, name) });
    return;
  }
  if (addr.kind === 'abstract') {
    const key = abstractKey(sock.type, addr.name);
    if (ns.abstract.has(key)) throw new SyscallError(Errno.EADDRINUSE);
    ns.abstract.set(key, sock);
    sock.setUnixName(addr, { abstract: key });
    return;
  }
  if (addr.path === '') throw new SyscallError(Errno.ENOENT);
  const file = ctx.createSocketFile(addr.path);
  ns.paths.set(file, sock);
  sock.setUnixName(addr, { file });
}

/** Abstract names are per socket type on Linux (the type is part of the lookup). */
export function abstractKey(type: number, name: string): string {
  return `${type}:${name}`;
}

/**
 * The socket a Unix address names, or undefined; ENOENT for a path that does not exist.
 * An abstract name is looked up among sockets of `type` only (a mismatch is ECONNREFUSED);
 * a path finds its socket whatever the type (a mismatch is the caller's EPROTOTYPE).
 */
export function findUnix(ns: NetNamespace, addr: SockAddr, ctx: BindContext, type: number): Socket | undefined {
  if (addr.family !== AF_UNIX) throw new SyscallError(Errno.EINVAL);
  if (addr.kind === 'abstract') return ns.abstract.get(abstractKey(type, addr.name));
  if (addr.kind === 'unnamed') throw new SyscallError(Errno.EINVAL);
  return ns.paths.get(ctx.findSocketFile(addr.path));
}

export { BLOCKED };
