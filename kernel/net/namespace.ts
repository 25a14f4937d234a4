/**
 * The guest's one network namespace: the loopback interface (127.0.0.0/8 and ::1) and the
 * Unix socket names. TCP and UDP each keep a port table with Linux's bind rules
 * (EADDRINUSE unless SO_REUSEADDR or SO_REUSEPORT allow sharing, wildcard addresses
 * overlapping every local one, IPV6_V6ONLY deciding whether [::] also covers IPv4,
 * ephemeral ports from 32768-60999). Nothing here ever reaches a host socket: an address
 * off the loopback is ENETUNREACH before any lookup.
 */

import { Errno, SyscallError } from '../errno.js';
import { AF_INET, AF_INET6, IPPROTO_IPV6, IPV6_V6ONLY, SOL_SOCKET, SO_REUSEADDR, SO_REUSEPORT } from './constants.js';
import { isAny, isLoopback, sameIp, v4Mapped, type InetAddr } from './sockaddr.js';
import type { Socket } from './socket.js';

/** A socket as the port tables see it. */
export interface InetBinding {
  readonly sock: Socket;
  local: InetAddr;
  /** A listening TCP socket (SO_REUSEADDR does not share a port with one). */
  readonly listening: boolean;
}

/** Which local addresses a binding covers: per IP version, every address or one. */
interface Coverage {
  v4: 'all' | Uint8Array | null;
  v6: 'all' | Uint8Array | null;
}

function coverage(sock: Socket, a: InetAddr): Coverage {
  if (a.family === AF_INET) return { v4: isAny(a.ip) ? 'all' : a.ip, v6: null };
  const mapped = v4Mapped(a.ip);
  if (mapped) return { v4: isAny(mapped) ? 'all' : mapped, v6: null };
  if (isAny(a.ip)) return { v4: sock.options.get(IPPROTO_IPV6, IPV6_V6ONLY) ? null : 'all', v6: 'all' };
  return { v4: null, v6: a.ip };
}

function overlaps(x: 'all' | Uint8Array | null, y: 'all' | Uint8Array | null): boolean {
  if (x === null || y === null) return false;
  return x === 'all' || y === 'all' || sameIp(x, y);
}

/** Destination as (version, address): a v4-mapped IPv6 destination is an IPv4 one. */
function destOf(a: InetAddr): { v4: boolean; ip: Uint8Array } {
  if (a.family === AF_INET) return { v4: true, ip: a.ip };
  const m = v4Mapped(a.ip);
  return m ? { v4: true, ip: m } : { v4: false, ip: a.ip };
}

export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_HIGH = 60999;

export class PortTable {
  private readonly ports = new Map<number, InetBinding[]>();
  private nextEphemeral = EPHEMERAL_LOW + Math.floor(Math.random() * (EPHEMERAL_HIGH - EPHEMERAL_LOW));

  constructor(private readonly tcp: boolean) {}

  /** Binds b.local (port 0: an ephemeral port, written into b.local); EADDRINUSE on conflict. */
  bind(b: InetBinding): void {
    if (!isAny(b.local.ip) && !isLoopback(b.local.ip)) throw new SyscallError(Errno.EADDRNOTAVAIL);
    if (b.local.port === 0) {
      for (let i = 0; i <= EPHEMERAL_HIGH - EPHEMERAL_LOW; i++) {
        const port = this.nextEphemeral;
        this.nextEphemeral = port >= EPHEMERAL_HIGH ? EPHEMERAL_LOW : port + 1;
        if (this.ports.has(port)) continue;
        b.local.port = port;
        this.ports.set(port, [b]);
        return;
      }
      throw new SyscallError(Errno.EADDRINUSE);
    }
    const list = this.ports.get(b.local.port) ?? [];
    const mine = coverage(b.sock, b.local);
    for (const other of list) {
      const theirs = coverage(other.sock, other.local);
      if (!overlaps(mine.v4, theirs.v4) && !overlaps(mine.v6, theirs.v6)) continue;
      if (this.mayShare(b, other)) continue;
      throw new SyscallError(Errno.EADDRINUSE);
    }
    list.push(b);
    this.ports.set(b.local.port, list);
  }

  private mayShare(b: InetBinding, other: InetBinding): boolean {
    const o1 = b.sock.options;
    const o2 = other.sock.options;
    if (o1.get(SOL_SOCKET, SO_REUSEPORT) && o2.get(SOL_SOCKET, SO_REUSEPORT) && b.sock.creds.uid === other.sock.creds.uid) return true;
    if (o1.get(SOL_SOCKET, SO_REUSEADDR) && o2.get(SOL_SOCKET, SO_REUSEADDR)) return !this.tcp || !other.listening;
    return false;
  }

  /** listen() on a socket bound with SO_REUSEADDR: fails if another listener now shares its address. */
  checkListen(b: InetBinding): void {
    const mine = coverage(b.sock, b.local);
    for (const other of this.ports.get(b.local.port) ?? []) {
      if (other === b || !other.listening) continue;
      const theirs = coverage(other.sock, other.local);
      if (!overlaps(mine.v4, theirs.v4) && !overlaps(mine.v6, theirs.v6)) continue;
      const o1 = b.sock.options;
      const o2 = other.sock.options;
      if (o1.get(SOL_SOCKET, SO_REUSEPORT) && o2.get(SOL_SOCKET, SO_REUSEPORT)) continue;
      throw new SyscallError(Errno.EADDRINUSE);
    }
  }

  /** Adds a binding that shares a port without the checks (a connection accepted from a listener). */
  attach(b: InetBinding): void {
    const list = this.ports.get(b.local.port) ?? [];
    list.push(b);
    this.ports.set(b.local.port, list);
  }

  unbind(b: InetBinding): void {
    const list = this.ports.get(b.local.port);
    if (!list) return;
    const i = list.indexOf(b);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.ports.delete(b.local.port);
  }

  /**
   * The bindings that receive what is sent to `dest` (a loopback address), best match first:
   * an exact address before a wildcard. `accept` filters (listening sockets for TCP).
   */
  lookup(dest: InetAddr, accept: (b: InetBinding) => boolean): InetBinding | undefined {
    const d = destOf(dest);
    let wildcard: InetBinding | undefined;
    for (const b of this.ports.get(dest.port) ?? []) {
      if (!accept(b)) continue;
      const c = coverage(b.sock, b.local);
      const slot = d.v4 ? c.v4 : c.v6;
      if (slot === null) continue;
      if (slot === 'all') wildcard ??= b;
      else if (sameIp(slot, d.ip)) return b;
    }
    return wildcard;
  }
}

/** Fails with ENETUNREACH for any address the guest's loopback does not have. */
export function checkReachable(a: InetAddr): void {
  if (isAny(a.ip)) return;
  if (!isLoopback(a.ip)) throw new SyscallError(Errno.ENETUNREACH);
}

/** connect() to 0.0.0.0 or :: means the local host. */
export function resolveAny(a: InetAddr): InetAddr {
  if (!isAny(a.ip)) return a;
  return { ...a, ip: a.family === AF_INET ? Uint8Array.of(127, 0, 0, 1) : Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1) };
}

/** The source address Linux picks for a loopback destination. */
export function sourceFor(dest: InetAddr, family: number): Uint8Array {
  const d = destOf(dest);
  if (family === AF_INET) return Uint8Array.of(127, 0, 0, 1);
  if (d.v4) return Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1);
  return Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
}

export class NetNamespace {
  readonly tcp = new PortTable(true);
  readonly udp = new PortTable(false);
  /** Abstract Unix names ("type:name", Linux's abstract namespace) -> the socket bound there. */
  readonly abstract = new Map<string, Socket>();
  /** Socket files (by the file's identity) -> the socket bound there. */
  readonly paths = new Map<object, Socket>();
  /** Autobind names ("\0" + 5 hex digits), as Linux makes them. */
  private nextAuto = 0;

  autobindName(type: number): string {
    for (let i = 0; i < 0x100000; i++) {
      const name = (this.nextAuto++ & 0xfffff).toString(16).padStart(5, '0');
      if (!this.abstract.has(`${type}:${name}`)) return name;
    }
    throw new SyscallError(Errno.EADDRINUSE);
  }
}

const namespaces = new WeakMap<object, NetNamespace>();

/** The namespace of one kernel (one machine), created on first use. */
export function namespaceOf(kernel: object): NetNamespace {
  let ns = namespaces.get(kernel);
  if (!ns) namespaces.set(kernel, (ns = new NetNamespace()));
  return ns;
}

export { AF_INET6 };
