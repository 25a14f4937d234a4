/**
 * Datagram sockets: Unix SOCK_DGRAM and UDP on the loopback. Each send is one message in the
 * receiver's queue, with the sender's address; a full queue makes a Unix sender wait (UDP
 * drops, as a full socket buffer does on Linux). connect() sets the default destination and,
 * for UDP, filters what is received. A UDP datagram to a port nobody has bound is dropped, and
 * a connected sender learns of it with ECONNREFUSED on its next call (the ICMP error Linux
 * would get back); a Unix one to a missing name fails at once.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Blocker, IoResult } from '../fs/file.js';
import { PACKET_OVERHEAD, PacketQueue, type MemoryAccount, type Ucred } from './buffers.js';
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC, IPPROTO_IPV6, IPV6_V6ONLY, MAX_UDP_PAYLOAD, MSG_PEEK, MSG_TRUNC, SHUT_RD, SHUT_RDWR, SHUT_WR } from './constants.js';
import { checkReachable, resolveAny, sourceFor, type InetBinding, type NetNamespace } from './namespace.js';
import { IPV4_ANY, IPV6_ANY, copyAddr, isAny, sameIp, v4Mapped, type InetAddr, type SockAddr, type UnixAddr } from './sockaddr.js';
import { POLLERR, POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM, Socket, type BindContext, type Received, type SendRequest } from './socket.js';
import { bindUnix, findUnix, mapTo } from './stream.js';

export class DgramSocket extends Socket {
  private unixLocal: UnixAddr = { family: AF_UNIX, kind: 'unnamed' };
  private unixName: { abstract?: string; file?: object } = {};
  private binding: InetBinding | null = null;
  /** Default destination (connect). */
  remote: SockAddr | null = null;
  /** Unix: the socket connect() named (kept even if its name is reused). */
  private peerSock: DgramSocket | null = null;
  private peerCred: Ucred | null = null;
  readonly rx: PacketQueue;
  private rdShut = false;
  private wrShut = false;
  closedFlag = false;

  constructor(family: number, type: number, protocol: number, flags: number, creds: Ucred, account: MemoryAccount, readonly ns: NetNamespace) {
    super(family, type, protocol, flags, creds, account);
    this.rx = new PacketQueue(this.options.rcvbuf);
  }

  protected override get bound(): boolean {
    return this.binding !== null || this.unixLocal.kind !== 'unnamed';
  }
  protected override rcvbufChanged(): void {
    this.rx.capacity = this.options.rcvbuf;
  }
  setUnixName(local: UnixAddr, name: { abstract?: string; file?: object }): void {
    this.unixLocal = local;
    this.unixName = name;
  }
  get unixBound(): boolean {
    return this.unixLocal.kind !== 'unnamed';
  }

  static pair(family: number, type: number, protocol: number, flags: number, creds: Ucred, account: MemoryAccount, ns: NetNamespace): [DgramSocket, DgramSocket] {
    const a = new DgramSocket(family, type, protocol, flags, creds, account, ns);
    const b = new DgramSocket(family, type, protocol, flags, creds, account, ns);
    a.peerSock = b;
    b.peerSock = a;
    a.remote = b.unixLocal;
    b.remote = a.unixLocal;
    a.peerCred = b.peerCred = creds;
    return [a, b];
  }

  bind(addr: SockAddr, ctx: BindContext): void {
    if (this.family === AF_UNIX) return bindUnix(this, addr, ctx);
    if (this.binding) throw new SyscallError(Errno.EINVAL);
    if (addr.family === AF_UNSPEC) throw new SyscallError(Errno.EAFNOSUPPORT);
    const b: InetBinding = { sock: this, local: copyAddr(addr as InetAddr), listening: false };
    this.ns.udp.bind(b);
    this.binding = b;
  }

  private autobind(): void {
    if (this.family === AF_UNIX || this.binding) return;
    this.bind({ family: this.family as typeof AF_INET, ip: this.family === AF_INET ? IPV4_ANY.slice() : IPV6_ANY.slice(), port: 0 }, null as unknown as BindContext);
  }

  localAddr(): SockAddr {
    if (this.family === AF_UNIX) return this.unixLocal;
    if (this.binding) return this.binding.local;
    return { family: this.family as typeof AF_INET, ip: this.family === AF_INET ? IPV4_ANY : IPV6_ANY, port: 0 };
  }

  peerAddr(): SockAddr {
    if (!this.remote) throw new SyscallError(Errno.ENOTCONN);
    return this.remote;
  }
  override peerCreds(): Ucred | null {
    return this.peerCred;
  }

  connect(addr: SockAddr, _b: Blocker, _nonblock: boolean, ctx: BindContext): IoResult<number> {
    if (addr.family === AF_UNSPEC) {
      this.remote = null;
      this.peerSock = null;
      return 0;
    }
    if (this.family === AF_UNIX) {
      const target = findUnix(this.ns, addr, ctx, this.type);
      if (!target) throw new SyscallError(Errno.ECONNREFUSED);
      if (!(target instanceof DgramSocket)) throw new SyscallError(Errno.EPROTOTYPE);
      this.peerSock = target;
      this.remote = target.unixLocal;
      this.peerCred = target.creds;
      return 0;
    }
    const dest = resolveAny(addr as InetAddr);
    checkReachable(dest);
    this.autobind();
    if (this.binding && isAny(this.binding.local.ip)) {
      // A connected UDP socket has a concrete source address (getsockname shows it).
      this.binding.local.ip = sourceFor(dest, this.family);
    }
    this.remote = copyAddr(dest);
    return 0;
  }

  send(req: SendRequest, b: Blocker, nonblock: boolean): IoResult<number> {
    if (this.wrShut) throw new SyscallError(Errno.EPIPE);
    if (this.soError && this.family !== AF_UNIX) {
      const e = this.soError;
      this.soError = 0;
      throw new SyscallError(e as Errno);
    }
    const data = req.data;
    if (this.family === AF_UNIX) return this.sendUnix(req, b, nonblock);
    let to = req.to ?? this.remote;
    if (!to || to.family === AF_UNSPEC) throw new SyscallError(Errno.EDESTADDRREQ);
    if (to.family === AF_INET && this.family === AF_INET6) {
      // An IPv6 UDP socket may send to a sockaddr_in: as ::ffff:a.b.c.d, unless it is IPv6-only or bound to an IPv6 address.
      if (this.options.get(IPPROTO_IPV6, IPV6_V6ONLY) || (this.binding && !isAny(this.binding.local.ip) && !v4Mapped(this.binding.local.ip))) throw new SyscallError(Errno.ENETUNREACH);
      to = mapTo(AF_INET6, to);
    }
    const dest = resolveAny(to as InetAddr);
    if (data.length > (this.family === AF_INET ? MAX_UDP_PAYLOAD : MAX_UDP_PAYLOAD + 20)) throw new SyscallError(Errno.EMSGSIZE);
    checkReachable(dest);
    if (dest.port === 0) throw new SyscallError(Errno.EINVAL);
    this.autobind();
    const from: InetAddr = { family: this.family as typeof AF_INET, ip: isAny(this.binding!.local.ip) ? sourceFor(dest, this.family) : this.binding!.local.ip.slice(), port: this.binding!.local.port };
    const target = this.ns.udp.lookup(dest, (x) => {
      const s = x.sock as DgramSocket;
      if (s.closedFlag || s.rdShut) return false;
      // A connected receiver takes datagrams only from its peer.
      if (s.remote && s.remote.family !== AF_UNSPEC) {
        const r = s.remote as InetAddr;
        return r.port === from.port && sameIp(normalIp(r.ip), normalIp(from.ip));
      }
      return true;
    })?.sock as DgramSocket | undefined;
    if (!target) {
      if (!req.to) this.soError = Errno.ECONNREFUSED;
      this.events.wake();
      return data.length;
    }
    const cost = data.length + PACKET_OVERHEAD;
    const q = target.rx;
    // A full receive buffer drops the datagram, as UDP does.
    if (!q.fits(data.length) || !req.account.charge(cost)) return data.length;
    let fromAddr: InetAddr = from;
    if (target.family !== this.family) fromAddr = { family: target.family as typeof AF_INET, ip: sourceFor(dest, target.family), port: from.port };
    q.push({ data: data.slice(), from: fromAddr, account: req.account, cost });
    target.events.wake();
    return data.length;
  }

  private sendUnix(req: SendRequest, b: Blocker, nonblock: boolean): IoResult<number> {
    let target: DgramSocket | null;
    if (req.to && req.to.family !== AF_UNSPEC) {
      const found = findUnix(this.ns, req.to, ctxFor(req), this.type);
      if (!found) throw new SyscallError(Errno.ECONNREFUSED);
      if (!(found instanceof DgramSocket)) throw new SyscallError(Errno.EPROTOTYPE);
      target = found;
    } else {
      target = this.peerSock;
      if (!target) throw new SyscallError(Errno.ENOTCONN);
    }
    if (target.closedFlag) throw new SyscallError(Errno.ECONNREFUSED);
    if (target.peerSock && target.peerSock !== this && !target.peerSock.closedFlag) throw new SyscallError(Errno.EPERM);
    const data = req.data;
    if (data.length > this.options.sndbuf - 32) throw new SyscallError(Errno.EMSGSIZE);
    const cost = data.length + PACKET_OVERHEAD;
    if (target.rdShut) throw new SyscallError(Errno.EPIPE);
    if (!target.rx.fits(data.length) || !req.account.charge(cost)) {
      if (nonblock) throw new SyscallError(Errno.EAGAIN);
      return b.block([target.rx.space, this.events]);
    }
    target.rx.push({ data: data.slice(), from: this.unixLocal, rights: req.rights, creds: req.sentCreds ?? req.creds, account: req.account, cost });
    target.events.wake();
    return data.length;
  }

  recv(length: number, flags: number, b: Blocker, nonblock: boolean): IoResult<Received> {
    const q = this.rx;
    const p = q.peek();
    if (!p) {
      if (this.soError && this.family !== AF_UNIX) {
        const e = this.soError;
        this.soError = 0;
        throw new SyscallError(e as Errno);
      }
      if (this.rdShut) return { data: new Uint8Array(0), fullLength: 0, from: null, flags: 0 };
      if (nonblock) throw new SyscallError(Errno.EAGAIN);
      return b.block(this.events);
    }
    const peek = (flags & MSG_PEEK) !== 0;
    const n = Math.min(length, p.data.length);
    const r: Received = {
      data: p.data.slice(0, n), fullLength: p.data.length, from: p.from ?? null, rights: peek ? undefined : p.rights,
      creds: p.creds, flags: p.data.length > n ? MSG_TRUNC : 0,
    };
    if (!peek) {
      q.shift();
      this.events.wake();
    }
    return r;
  }

  shutdown(how: number): void {
    if (how !== SHUT_RD && how !== SHUT_WR && how !== SHUT_RDWR) throw new SyscallError(Errno.EINVAL);
    if (this.family !== AF_UNIX && !this.remote) throw new SyscallError(Errno.ENOTCONN);
    if (how !== SHUT_WR) this.rdShut = true;
    if (how !== SHUT_RD) this.wrShut = true;
    this.events.wake();
  }

  inQueue(): number {
    return this.rx.peek()?.data.length ?? 0;
  }

  pollMask(): number {
    let m = 0;
    if (this.soError) m |= POLLERR;
    if (this.rx.length > 0 || this.rdShut) m |= POLLIN | POLLRDNORM;
    if (!this.wrShut) {
      const t = this.family === AF_UNIX ? this.peerSock : null;
      if (!t || t.closedFlag || t.rx.fits(0)) m |= POLLOUT | POLLWRNORM;
    }
    return m;
  }

  protected override closed(): void {
    this.closedFlag = true;
    this.rx.clear();
    if (this.binding) this.ns.udp.unbind(this.binding);
    if (this.unixName.abstract !== undefined && this.ns.abstract.get(this.unixName.abstract) === this) this.ns.abstract.delete(this.unixName.abstract);
    if (this.unixName.file && this.ns.paths.get(this.unixName.file) === this) this.ns.paths.delete(this.unixName.file);
    this.peerSock = null;
    this.events.wake();
  }
}

function normalIp(ip: Uint8Array): Uint8Array {
  return v4Mapped(ip) ?? ip;
}

/** Send requests for Unix sockets carry the caller's BindContext (path lookup). */
function ctxFor(req: SendRequest): BindContext {
  const c = req.bindContext;
  if (!c) throw new SyscallError(Errno.EINVAL);
  return c;
}
