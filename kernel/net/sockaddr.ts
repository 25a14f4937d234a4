/**
 * Socket addresses as the guest passes them (struct sockaddr_un / sockaddr_in / sockaddr_in6)
 * and as the kernel keeps them: decoded once at the syscall boundary, encoded on the way out.
 */

import { Errno, SyscallError } from '../errno.js';
import { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC } from './constants.js';

export type UnixAddr =
  | { family: typeof AF_UNIX; kind: 'unnamed' }
  | { family: typeof AF_UNIX; kind: 'path'; path: string }
  /** Abstract names: the bytes after the leading NUL, any bytes allowed. */
  | { family: typeof AF_UNIX; kind: 'abstract'; name: string };

/** IPv4 and IPv6 in one shape: `ip` is 4 or 16 bytes. */
export interface InetAddr {
  family: typeof AF_INET | typeof AF_INET6;
  ip: Uint8Array;
  port: number;
  flowinfo?: number;
  scope?: number;
}

export type SockAddr = UnixAddr | InetAddr | { family: typeof AF_UNSPEC };

const UNIX_PATH_MAX = 108;

/** Decodes a sockaddr of `len` bytes for a socket of `family`; EINVAL/EAFNOSUPPORT as Linux. */
export function decodeSockAddr(raw: Uint8Array, family: number, allowV4 = false): SockAddr {
  if (raw.length < 2) throw new SyscallError(Errno.EINVAL);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const fam = v.getUint16(0, true);
  if (fam === AF_UNSPEC && family !== AF_UNIX) return { family: AF_UNSPEC };
  if (family === AF_UNIX) {
    if (fam !== AF_UNIX) throw new SyscallError(Errno.EINVAL);
    if (raw.length > 2 + UNIX_PATH_MAX) throw new SyscallError(Errno.EINVAL);
    if (raw.length === 2) return { family: AF_UNIX, kind: 'unnamed' };
    const body = raw.subarray(2);
    if (body[0] === 0) return { family: AF_UNIX, kind: 'abstract', name: Buffer.from(body.subarray(1)).toString('latin1') };
    const nul = body.indexOf(0);
    const path = Buffer.from(nul >= 0 ? body.subarray(0, nul) : body).toString('utf8');
    return { family: AF_UNIX, kind: 'path', path };
  }
  if (family === AF_INET) {
    if (raw.length < 16) throw new SyscallError(Errno.EINVAL);
    if (fam !== AF_INET) throw new SyscallError(Errno.EAFNOSUPPORT);
    return { family: AF_INET, port: v.getUint16(2, false), ip: raw.slice(4, 8) };
  }
  if (family === AF_INET6) {
    // A sockaddr_in is decoded as such; the caller decides if an IPv6 socket accepts it.
    if (fam === AF_INET && allowV4 && raw.length >= 16) return { family: AF_INET, port: v.getUint16(2, false), ip: raw.slice(4, 8) };
    if (raw.length < 24) throw new SyscallError(Errno.EINVAL);
    if (fam !== AF_INET6) throw new SyscallError(Errno.EAFNOSUPPORT);
    return { family: AF_INET6, port: v.getUint16(2, false), flowinfo: v.getUint32(4, false), ip: raw.slice(8, 24), scope: raw.length >= 28 ? v.getUint32(24, true) : 0 };
  }
  throw new SyscallError(Errno.EAFNOSUPPORT);
}

/** The bytes getsockname/accept/recvfrom hand back. */
export function encodeSockAddr(a: SockAddr): Uint8Array {
  if (a.family === AF_UNIX) {
    if (a.kind === 'unnamed') return Uint8Array.of(AF_UNIX, 0);
    const name = a.kind === 'path' ? Buffer.concat([Buffer.from(a.path, 'utf8'), Buffer.of(0)]) : Buffer.concat([Buffer.of(0), Buffer.from(a.name, 'latin1')]);
    const b = new Uint8Array(2 + name.length);
    b[0] = AF_UNIX;
    b.set(name, 2);
    return b;
  }
  if (a.family === AF_INET) {
    const b = new Uint8Array(16);
    const v = new DataView(b.buffer);
    v.setUint16(0, AF_INET, true);
    v.setUint16(2, a.port, false);
    b.set(a.ip, 4);
    return b;
  }
  if (a.family === AF_INET6) {
    const b = new Uint8Array(28);
    const v = new DataView(b.buffer);
    v.setUint16(0, AF_INET6, true);
    v.setUint16(2, a.port, false);
    v.setUint32(4, a.flowinfo ?? 0, false);
    b.set(a.ip, 8);
    v.setUint32(24, a.scope ?? 0, true);
    return b;
  }
  return Uint8Array.of(0, 0);
}

export const IPV4_ANY = new Uint8Array(4);
export const IPV4_LOOPBACK = Uint8Array.of(127, 0, 0, 1);
export const IPV6_ANY = new Uint8Array(16);
export const IPV6_LOOPBACK = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);

export function isAny(ip: Uint8Array): boolean {
  return ip.every((b) => b === 0);
}

/** ::ffff:a.b.c.d -> a.b.c.d, else null. */
export function v4Mapped(ip: Uint8Array): Uint8Array | null {
  if (ip.length !== 16) return null;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return null;
  if (ip[10] !== 0xff || ip[11] !== 0xff) return null;
  return ip.slice(12);
}

/** Whether an address is on the guest's loopback (127.0.0.0/8, ::1, ::ffff:127.x.y.z). */
export function isLoopback(ip: Uint8Array): boolean {
  if (ip.length === 4) return ip[0] === 127;
  const m = v4Mapped(ip);
  if (m) return m[0] === 127;
  return ip.every((b, i) => (i === 15 ? b === 1 : b === 0));
}

export function sameIp(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function copyAddr(a: InetAddr): InetAddr {
  return { ...a, ip: a.ip.slice() };
}
