/**
 * Socket system calls: socket, socketpair, bind, listen, accept/accept4, connect,
 * getsockname/getpeername, send/recv in all their forms (sendto/recvfrom, sendmsg/recvmsg with
 * SCM_RIGHTS and SCM_CREDENTIALS, sendmmsg/recvmmsg), setsockopt/getsockopt, shutdown.
 * This file decodes the guest's structures (sockaddr, msghdr, cmsghdr, iovec) and turns
 * socket results into x0; the sockets themselves live in kernel/net/. Blocking calls keep
 * their progress in syscallState, so a stream send finishes the whole buffer as Linux does.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_CREAT, O_EXCL, O_NONBLOCK, O_WRONLY } from '../fs/constants.js';
import type { OpenFile } from '../fs/file.js';
import type { FsProcess } from '../fs/process.js';
import { Vfs } from '../fs/vfs.js';
import { accountFor, type MemoryAccount, type Ucred } from '../net/buffers.js';
import {
  AF_INET, AF_INET6, AF_UNIX, IPPROTO_TCP, IPPROTO_UDP, MSG_CMSG_CLOEXEC, MSG_CTRUNC, MSG_DONTWAIT, MSG_NOSIGNAL,
  MSG_TRUNC, SCM_CREDENTIALS, SCM_RIGHTS, SOCK_CLOEXEC, SOCK_DGRAM, SOCK_NONBLOCK, SOCK_RAW, SOCK_SEQPACKET,
  SOCK_STREAM, SOCK_TYPE_MASK, SOL_SOCKET, SO_PASSCRED,
} from '../net/constants.js';
import { DgramSocket } from '../net/dgram.js';
import { namespaceOf } from '../net/namespace.js';
import { decodeSockAddr, encodeSockAddr, type SockAddr } from '../net/sockaddr.js';
import { Socket, timedBlocker, type BindContext, type Received } from '../net/socket.js';
import { StreamSocket } from '../net/stream.js';
import { BLOCKED, type SyscallContext, type SyscallResult } from './context.js';

/** What the socket calls need of the process (the core's Process has it all). */
export interface NetProcess extends FsProcess {
  syscallState?: unknown;
  /** The address space: what socket memory is charged alongside. */
  vm?: { committedBytes(): number };
}

interface NetKernel {
  vfs?: unknown;
  processMemoryLimit?: number;
  sendSignal?(proc: never, sig: number): void;
}

type Ctx = SyscallContext<NetProcess, NetKernel>;
type Handler = (ctx: Ctx) => SyscallResult;

const NR = {
  socket: 198, socketpair: 199, bind: 200, listen: 201, accept: 202, connect: 203, getsockname: 204,
  getpeername: 205, sendto: 206, recvfrom: 207, setsockopt: 208, getsockopt: 209, shutdown: 210,
  sendmsg: 211, recvmsg: 212, accept4: 242, recvmmsg: 243, sendmmsg: 269,
} as const;

const SIGPIPE = 13;
const MSGHDR_SIZE = 56;
const MMSGHDR_SIZE = 64;
const IOV_MAX = 1024;
const SCM_MAX_FD = 253;
/** Bytes of a stream send taken from user memory per step. */
const SEND_CHUNK = 1 << 20;
/** A datagram can never be larger than this; bigger sends fail before memory is read. */
const MAX_DATAGRAM = 1 << 18;
const MSG_WAITFORONE = 0x10000;
const MAX_SOCKADDR = 128;

// ------------------------------------------------------------------ helpers

function sockOf(ctx: Ctx, fd: number): Socket {
  const f = ctx.proc.files.get(fd);
  if (!(f instanceof Socket)) throw new SyscallError(Errno.ENOTSOCK);
  return f;
}

function credsOf(ctx: Ctx): Ucred {
  const p = ctx.proc as NetProcess & { tgid?: number };
  return { pid: p.tgid ?? p.pid, uid: p.uid ?? 0, gid: p.gid ?? 0 };
}

function accountOf(ctx: Ctx): MemoryAccount {
  const p = ctx.proc;
  const key = (p.vm as object | undefined) ?? p;
  const limit = ctx.kernel?.processMemoryLimit ?? 256 << 20;
  return accountFor(key, () => limit - (p.vm?.committedBytes() ?? 0));
}

function vfsOf(ctx: Ctx): Vfs {
  const v = ctx.kernel?.vfs;
  if (v instanceof Vfs) return v;
  throw new SyscallError(Errno.ENOENT, 'no file system');
}

/** Socket files for Unix path names: made and found through the Vfs. */
function bindContext(ctx: Ctx): BindContext {
  return {
    creds: credsOf(ctx),
    createSocketFile(path: string): object {
      let f: OpenFile;
      try {
        f = vfsOf(ctx).openAt(ctx.proc, ctx.proc.cwd, path, O_CREAT | O_EXCL | O_WRONLY, 0o777);
      } catch (e) {
        if (e instanceof SyscallError && e.errno === Errno.EEXIST) throw new SyscallError(Errno.EADDRINUSE);
        throw e;
      }
      const node = f.inode;
      f.release();
      if (!node) throw new SyscallError(Errno.EINVAL);
      node.socket = true; // stat shows S_IFSOCK, ls shows "s", open is ENXIO
      return node;
    },
    findSocketFile(path: string): object {
      const r = vfsOf(ctx).lookup(ctx.proc, path, { follow: true, base: ctx.proc.cwd });
      if (!r.node) throw new SyscallError(Errno.ENOENT);
      return r.node;
    },
  };
}

function readAddr(ctx: Ctx, addr: number, len: number, family: number, allowV4 = false): SockAddr {
  if (len < 0 || len > MAX_SOCKADDR) throw new SyscallError(Errno.EINVAL);
  return decodeSockAddr(ctx.mem.read(addr, len), family, allowV4);
}

/** Writes a sockaddr to (addr, *lenp) the way Linux does: truncated to the caller's room, real length stored. */
function writeAddr(ctx: Ctx, addr: number, lenp: number, a: SockAddr): void {
  if (!addr || !lenp) return;
  const room = ctx.mem.readU32(lenp) | 0;
  if (room < 0) throw new SyscallError(Errno.EINVAL);
  const bytes = encodeSockAddr(a);
  if (room > 0) ctx.mem.write(addr, bytes.subarray(0, Math.min(room, bytes.length)));
  ctx.mem.writeU32(lenp, bytes.length);
}

function withSigpipe<T>(ctx: Ctx, flags: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof SyscallError && e.errno === Errno.EPIPE && !(flags & MSG_NOSIGNAL)) {
      (ctx.kernel as { signals?: { sendSignal(p: unknown, s: number): void } }).signals?.sendSignal(ctx.proc, SIGPIPE);
    }
    throw e;
  }
}

function install(ctx: Ctx, s: Socket, flags: number): number {
  return ctx.proc.files.install(s, (flags & SOCK_CLOEXEC) !== 0);
}

// ------------------------------------------------------------------ creating

function makeSocket(ctx: Ctx, family: number, type: number, protocol: number): Socket {
  const flags = type & SOCK_NONBLOCK ? O_NONBLOCK : 0;
  const kind = type & SOCK_TYPE_MASK;
  if (type & ~(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC)) throw new SyscallError(Errno.EINVAL);
  const ns = namespaceOf(ctx.kernel as object);
  const creds = credsOf(ctx);
  const acct = accountOf(ctx);
  if (family === AF_UNIX) {
    if (protocol !== 0 && protocol !== AF_UNIX) throw new SyscallError(Errno.EPROTONOSUPPORT);
    if (kind === SOCK_STREAM || kind === SOCK_SEQPACKET) return new StreamSocket(family, kind, 0, flags, creds, acct, ns);
    if (kind === SOCK_DGRAM) return new DgramSocket(family, kind, 0, flags, creds, acct, ns);
    throw new SyscallError(Errno.ESOCKTNOSUPPORT);
  }
  if (family === AF_INET || family === AF_INET6) {
    if (kind === SOCK_STREAM) {
      if (protocol !== 0 && protocol !== IPPROTO_TCP) throw new SyscallError(Errno.EPROTONOSUPPORT);
      return new StreamSocket(family, kind, IPPROTO_TCP, flags, creds, acct, ns);
    }
    if (kind === SOCK_DGRAM) {
      if (protocol !== 0 && protocol !== IPPROTO_UDP) throw new SyscallError(Errno.EPROTONOSUPPORT);
      return new DgramSocket(family, kind, IPPROTO_UDP, flags, creds, acct, ns);
    }
    if (kind === SOCK_RAW) throw new SyscallError(Errno.EPERM);
    throw new SyscallError(Errno.ESOCKTNOSUPPORT);
  }
  throw new SyscallError(Errno.EAFNOSUPPORT);
}

const socket: Handler = (ctx) => {
  const type = ctx.args.int(1);
  const s = makeSocket(ctx, ctx.args.int(0), type, ctx.args.int(2));
  try {
    return install(ctx, s, type);
  } catch (e) {
    s.release();
    throw e;
  }
};

const socketpair: Handler = (ctx) => {
  const family = ctx.args.int(0);
  const type = ctx.args.int(1);
  const protocol = ctx.args.int(2);
  const sv = ctx.args.u64(3);
  if (family === AF_INET || family === AF_INET6) throw new SyscallError(Errno.ENOTSUP);
  if (family !== AF_UNIX) throw new SyscallError(Errno.EAFNOSUPPORT);
  const probe = makeSocket(ctx, family, type, protocol);
  probe.release();
  const flags = type & SOCK_NONBLOCK ? O_NONBLOCK : 0;
  const kind = type & SOCK_TYPE_MASK;
  const ns = namespaceOf(ctx.kernel as object);
  const [a, b] = kind === SOCK_DGRAM
    ? DgramSocket.pair(family, kind, 0, flags, credsOf(ctx), accountOf(ctx), ns)
    : StreamSocket.pair(family, kind, 0, flags, credsOf(ctx), accountOf(ctx), ns);
  ctx.mem.read(sv, 8);
  const t = ctx.proc.files;
  let fa = -1;
  try {
    fa = install(ctx, a, type);
    const fb = install(ctx, b, type);
    const out = new Uint8Array(8);
    const v = new DataView(out.buffer);
    v.setInt32(0, fa, true);
    v.setInt32(4, fb, true);
    ctx.mem.write(sv, out);
    return 0;
  } catch (e) {
    if (fa >= 0) t.close(fa);
    else a.release();
    b.release();
    throw e;
  }
};

// ------------------------------------------------------------------ names and connections

const bind: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  s.bind(readAddr(ctx, ctx.args.u64(1), ctx.args.int(2), s.family), bindContext(ctx));
  return 0;
};

const listen: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  if (s.type === SOCK_DGRAM) throw new SyscallError(Errno.ENOTSUP);
  s.listen(ctx.args.int(1));
  return 0;
};

function acceptWith(ctx: Ctx, flags: number): SyscallResult {
  if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) throw new SyscallError(Errno.EINVAL);
  const s = sockOf(ctx, ctx.args.int(0));
  if (s.type === SOCK_DGRAM) throw new SyscallError(Errno.ENOTSUP);
  const addr = ctx.args.u64(1);
  const lenp = ctx.args.u64(2);
  if (addr && lenp && (ctx.mem.readU32(lenp) | 0) < 0) throw new SyscallError(Errno.EINVAL);
  const r = s.accept(timedBlocker(ctx, s.options.rcvtimeo), s.nonblocking);
  if (r === BLOCKED) return BLOCKED;
  if (flags & SOCK_NONBLOCK) r.flags |= O_NONBLOCK;
  const fd = install(ctx, r, flags);
  try {
    writeAddr(ctx, addr, lenp, r.peerAddr());
  } catch (e) {
    // Linux keeps the connection when the address cannot be written; so do we (the fd is valid).
    if (!(e instanceof SyscallError)) throw e;
  }
  return fd;
}

const accept: Handler = (ctx) => acceptWith(ctx, 0);
const accept4: Handler = (ctx) => acceptWith(ctx, ctx.args.int(3));

const connect: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const addr = readAddr(ctx, ctx.args.u64(1), ctx.args.int(2), s.family);
  return s.connect(addr, timedBlocker(ctx, s.options.sndtimeo), s.nonblocking, bindContext(ctx));
};

const getsockname: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  writeAddr(ctx, ctx.args.u64(1), ctx.args.u64(2), s.localAddr());
  return 0;
};

const getpeername: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  writeAddr(ctx, ctx.args.u64(1), ctx.args.u64(2), s.peerAddr());
  return 0;
};

const shutdown: Handler = (ctx) => {
  sockOf(ctx, ctx.args.int(0)).shutdown(ctx.args.int(1));
  return 0;
};

// ------------------------------------------------------------------ options

const setsockopt: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const len = ctx.args.int(4);
  if (len < 0) throw new SyscallError(Errno.EINVAL);
  const value = len > 0 ? ctx.mem.read(ctx.args.u64(3), Math.min(len, 4096)) : new Uint8Array(0);
  s.setOption(ctx.args.int(1), ctx.args.int(2), value);
  return 0;
};

const getsockopt: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const val = ctx.args.u64(3);
  const lenp = ctx.args.u64(4);
  const room = ctx.mem.readU32(lenp) | 0;
  if (room < 0) throw new SyscallError(Errno.EINVAL);
  const v = s.getOption(ctx.args.int(1), ctx.args.int(2));
  const n = Math.min(room, v.length);
  if (n > 0) ctx.mem.write(val, v.subarray(0, n));
  ctx.mem.writeU32(lenp, n);
  return 0;
};

// ------------------------------------------------------------------ sending

interface Iov {
  base: number;
  len: number;
}

function readIovs(ctx: Ctx, addr: number, count: number): Iov[] {
  if (count > IOV_MAX) throw new SyscallError(Errno.EMSGSIZE);
  if (count === 0) return [];
  const raw = ctx.mem.read(addr, count * 16);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const out: Iov[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const len = Number(v.getBigUint64(i * 16 + 8, true));
    if (len > 0x7fffffff || total + len > 0x7ffff000) throw new SyscallError(Errno.EINVAL);
    total += len;
    out.push({ base: Number(v.getBigUint64(i * 16, true)), len });
  }
  return out;
}

function iovTotal(iovs: Iov[]): number {
  return iovs.reduce((n, v) => n + v.len, 0);
}

/** Bytes [from, from+len) of the iovec list, copied out of user memory. */
function gather(ctx: Ctx, iovs: Iov[], from: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let pos = 0;
  let skip = from;
  for (const v of iovs) {
    if (pos >= len) break;
    if (skip >= v.len) {
      skip -= v.len;
      continue;
    }
    const n = Math.min(v.len - skip, len - pos);
    if (n > 0) out.set(ctx.mem.read(v.base + skip, n), pos);
    pos += n;
    skip = 0;
  }
  return out;
}

function scatter(ctx: Ctx, iovs: Iov[], data: Uint8Array): void {
  let pos = 0;
  for (const v of iovs) {
    if (pos >= data.length) break;
    const n = Math.min(v.len, data.length - pos);
    if (n > 0) ctx.mem.write(v.base, data.subarray(pos, pos + n));
    pos += n;
  }
}

interface Message {
  to: SockAddr | null;
  iovs: Iov[];
  rights?: OpenFile[];
  sentCreds?: Ucred;
}

/** Parses a msghdr for sending: destination, iovecs and the control messages (files are retained). */
function readSendMsg(ctx: Ctx, s: Socket, addr: number): Message {
  const raw = ctx.mem.read(addr, MSGHDR_SIZE);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const name = Number(v.getBigUint64(0, true));
  const namelen = v.getInt32(8, true);
  const iov = Number(v.getBigUint64(16, true));
  const iovlen = Number(v.getBigUint64(24, true));
  const control = Number(v.getBigUint64(32, true));
  const controllen = Number(v.getBigUint64(40, true));
  const to = name && namelen ? readAddr(ctx, name, namelen, s.family, s.type === SOCK_DGRAM) : null;
  const iovs = readIovs(ctx, iov, iovlen);
  const msg: Message = { to, iovs };
  if (control && controllen >= 16) readControl(ctx, s, control, controllen, msg);
  return msg;
}

function readControl(ctx: Ctx, s: Socket, addr: number, len: number, msg: Message): void {
  if (len > 1 << 16) throw new SyscallError(Errno.ENOBUFS);
  const raw = ctx.mem.read(addr, len);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const rights: OpenFile[] = [];
  try {
    for (let off = 0; off + 16 <= len;) {
      const clen = Number(v.getBigUint64(off, true));
      const level = v.getInt32(off + 8, true);
      const type = v.getInt32(off + 12, true);
      if (clen < 16 || off + clen > len) throw new SyscallError(Errno.EINVAL);
      if (level === SOL_SOCKET) {
        if (s.family !== AF_UNIX) throw new SyscallError(Errno.EINVAL);
        if (type === SCM_RIGHTS) {
          const n = Math.floor((clen - 16) / 4);
          if (rights.length + n > SCM_MAX_FD) throw new SyscallError(Errno.EINVAL);
          for (let i = 0; i < n; i++) rights.push(ctx.proc.files.get(v.getInt32(off + 16 + i * 4, true)).retain());
        } else if (type === SCM_CREDENTIALS) {
          if (clen < 16 + 12) throw new SyscallError(Errno.EINVAL);
          const c: Ucred = { pid: v.getInt32(off + 16, true), uid: v.getUint32(off + 20, true), gid: v.getUint32(off + 24, true) };
          const me = credsOf(ctx);
          if (me.uid !== 0 && (c.pid !== me.pid || c.uid !== me.uid || c.gid !== me.gid)) throw new SyscallError(Errno.EPERM);
          msg.sentCreds = c;
        } else throw new SyscallError(Errno.EINVAL);
      }
      off += (clen + 7) & ~7;
    }
  } catch (e) {
    for (const f of rights) f.release();
    throw e;
  }
  if (rights.length) msg.rights = rights;
}

/**
 * Sends one message, the whole of it for a blocking stream (progress kept under `key` in
 * syscallState across re-runs). Returns the byte count or BLOCKED.
 */
function sendOne(ctx: Ctx, s: Socket, msg: Message, flags: number, nonblock: boolean, state: { sent?: number }): SyscallResult {
  const total = iovTotal(msg.iovs);
  const stream = s.type === SOCK_STREAM;
  if (!stream && total > MAX_DATAGRAM) {
    for (const f of msg.rights ?? []) f.release();
    throw new SyscallError(Errno.EMSGSIZE);
  }
  let sent = state.sent ?? 0;
  let rights = sent === 0 ? msg.rights : undefined;
  try {
    for (;;) {
      const n = stream ? Math.min(total - sent, SEND_CHUNK) : total;
      const data = gather(ctx, msg.iovs, sent, n);
      let r: SyscallResult;
      try {
        r = withSigpipe(ctx, flags, () => s.send({
          data, to: msg.to, flags, rights, creds: credsOf(ctx), sentCreds: msg.sentCreds, account: accountOf(ctx), bindContext: bindContext(ctx),
        }, timedBlocker(ctx, s.options.sndtimeo), nonblock));
      } catch (e) {
        if (sent > 0 && e instanceof SyscallError && (e.errno === Errno.EAGAIN || e.errno === Errno.EPIPE)) return sent;
        throw e;
      }
      if (r === BLOCKED) {
        state.sent = sent;
        return BLOCKED;
      }
      if (typeof r === 'number' && (r > 0 || total === 0)) rights = undefined;
      sent += r as number;
      if (!stream || sent >= total || nonblock) return stream ? sent : (r as number);
    }
  } finally {
    // Files not handed to the socket go back.
    if (rights) for (const f of rights) f.release();
  }
}

function sendWith(ctx: Ctx, s: Socket, msg: Message, flags: number): SyscallResult {
  const nonblock = s.nonblocking || (flags & MSG_DONTWAIT) !== 0;
  const state = (ctx.proc.syscallState as { sent?: number } | undefined) ?? {};
  ctx.proc.syscallState = state;
  return sendOne(ctx, s, msg, flags, nonblock, state);
}

const sendto: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const len = ctx.args.u64(2);
  const flags = ctx.args.int(3);
  const addr = ctx.args.u64(4);
  const to = addr ? readAddr(ctx, addr, ctx.args.int(5), s.family, s.type === SOCK_DGRAM) : null;
  if (len > 0x7ffff000) throw new SyscallError(Errno.EINVAL);
  return sendWith(ctx, s, { to, iovs: [{ base: buf, len }] }, flags);
};

const sendmsg: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  return sendWith(ctx, s, readSendMsg(ctx, s, ctx.args.u64(1)), ctx.args.int(2));
};

const sendmmsg: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const vec = ctx.args.u64(1);
  const vlen = Math.min(ctx.args.u32(2), IOV_MAX);
  const flags = ctx.args.int(3);
  const st = (ctx.proc.syscallState as { done?: number; sent?: number } | undefined) ?? {};
  ctx.proc.syscallState = st;
  let done = st.done ?? 0;
  for (; done < vlen; done++) {
    const at = vec + done * MMSGHDR_SIZE;
    let r: SyscallResult;
    try {
      const nonblock = s.nonblocking || (flags & MSG_DONTWAIT) !== 0;
      r = sendOne(ctx, s, readSendMsg(ctx, s, at), flags, nonblock, st);
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
    if (r === BLOCKED) {
      st.done = done;
      ctx.proc.syscallState = st;
      return BLOCKED;
    }
    st.sent = undefined;
    ctx.mem.writeU32(at + MSGHDR_SIZE, r as number);
  }
  return done;
};

// ------------------------------------------------------------------ receiving

interface RecvTarget {
  iovs: Iov[];
  name: number;
  namelenAt: number;
  control: number;
  controllen: number;
  /** Where msg_controllen and msg_flags go (recvmsg), or 0 (recvfrom). */
  hdr: number;
}

function recvOne(ctx: Ctx, s: Socket, t: RecvTarget, flags: number, nonblock: boolean): SyscallResult {
  const total = Math.min(iovTotal(t.iovs), 0x7ffff000);
  const r = s.recv(total, flags, timedBlocker(ctx, s.options.rcvtimeo), nonblock);
  if (r === BLOCKED) return BLOCKED;
  deliver(ctx, s, t, r, flags);
  return flags & MSG_TRUNC && s.type !== SOCK_STREAM ? r.fullLength : r.data.length;
}

/** Copies a received message out: data, source address, control messages, flags. */
function deliver(ctx: Ctx, s: Socket, t: RecvTarget, r: Received, flags: number): void {
  scatter(ctx, t.iovs, r.data);
  if (t.name && t.namelenAt) {
    if (r.from) writeAddr(ctx, t.name, t.namelenAt, r.from);
    else ctx.mem.writeU32(t.namelenAt, 0);
  } else if (t.namelenAt && t.hdr) ctx.mem.writeU32(t.namelenAt, 0);
  let msgFlags = r.flags;
  const cmsgs: Uint8Array[] = [];
  let room = t.control ? t.controllen : 0;
  const passcred = s.options.get(SOL_SOCKET, SO_PASSCRED) !== 0 && s.family === AF_UNIX;
  if (passcred) {
    const c = r.creds ?? { pid: 0, uid: 65534, gid: 65534 };
    if (room >= 32) {
      const b = new Uint8Array(32);
      const v = new DataView(b.buffer);
      v.setBigUint64(0, 28n, true);
      v.setInt32(8, SOL_SOCKET, true);
      v.setInt32(12, SCM_CREDENTIALS, true);
      v.setInt32(16, c.pid, true);
      v.setUint32(20, c.uid, true);
      v.setUint32(24, c.gid, true);
      cmsgs.push(b);
      room -= 32;
    } else msgFlags |= MSG_CTRUNC;
  }
  if (r.rights?.length) {
    const fit = room >= 16 ? Math.min(r.rights.length, Math.floor((room - 16) / 4)) : 0;
    if (fit < r.rights.length) msgFlags |= MSG_CTRUNC;
    const fds: number[] = [];
    for (let i = 0; i < r.rights.length; i++) {
      const f = r.rights[i];
      if (i < fit) {
        try {
          fds.push(ctx.proc.files.install(f, (flags & MSG_CMSG_CLOEXEC) !== 0));
          continue;
        } catch {
          msgFlags |= MSG_CTRUNC;
        }
      }
      f.release();
    }
    if (fds.length) {
      const len = 16 + fds.length * 4;
      const b = new Uint8Array((len + 7) & ~7);
      const v = new DataView(b.buffer);
      v.setBigUint64(0, BigInt(len), true);
      v.setInt32(8, SOL_SOCKET, true);
      v.setInt32(12, SCM_RIGHTS, true);
      fds.forEach((fd, i) => v.setInt32(16 + i * 4, fd, true));
      cmsgs.push(b.subarray(0, Math.min(b.length, room)));
    }
  }
  if (t.hdr) {
    let used = 0;
    for (const c of cmsgs) {
      ctx.mem.write(t.control + used, c);
      used += c.length;
    }
    ctx.mem.writeU64(t.hdr + 40, BigInt(used));
    ctx.mem.writeU32(t.hdr + 48, msgFlags);
  }
}

const recvfrom: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const buf = ctx.args.u64(1);
  const len = Math.min(ctx.args.u64(2), 0x7ffff000);
  const flags = ctx.args.int(3);
  const name = ctx.args.u64(4);
  const lenp = ctx.args.u64(5);
  if (name && lenp && (ctx.mem.readU32(lenp) | 0) < 0) throw new SyscallError(Errno.EINVAL);
  const nonblock = s.nonblocking || (flags & MSG_DONTWAIT) !== 0;
  return recvOne(ctx, s, { iovs: [{ base: buf, len }], name, namelenAt: name ? lenp : 0, control: 0, controllen: 0, hdr: 0 }, flags, nonblock);
};

function readRecvMsg(ctx: Ctx, addr: number): RecvTarget {
  const raw = ctx.mem.read(addr, MSGHDR_SIZE);
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const name = Number(v.getBigUint64(0, true));
  const namelen = v.getInt32(8, true);
  if (name && namelen < 0) throw new SyscallError(Errno.EINVAL);
  return {
    name, namelenAt: addr + 8, iovs: readIovs(ctx, Number(v.getBigUint64(16, true)), Number(v.getBigUint64(24, true))),
    control: Number(v.getBigUint64(32, true)), controllen: Math.min(Number(v.getBigUint64(40, true)), 1 << 16), hdr: addr,
  };
}

const recvmsg: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const flags = ctx.args.int(2);
  const nonblock = s.nonblocking || (flags & MSG_DONTWAIT) !== 0;
  return recvOne(ctx, s, readRecvMsg(ctx, ctx.args.u64(1)), flags, nonblock);
};

const recvmmsg: Handler = (ctx) => {
  const s = sockOf(ctx, ctx.args.int(0));
  const vec = ctx.args.u64(1);
  const vlen = Math.min(ctx.args.u32(2), IOV_MAX);
  const flags = ctx.args.int(3);
  const timeoutAt = ctx.args.u64(4);
  const st = (ctx.proc.syscallState as { done?: number; deadline?: bigint } | undefined) ?? {};
  ctx.proc.syscallState = st;
  // The timeout, as Linux applies it: a deadline checked after each datagram received (the
  // wait for one is not cut short); {0, 0} means a deadline already past. The time left is
  // written back when datagrams were received.
  if (timeoutAt && st.deadline === undefined) {
    const sec = BigInt.asIntN(64, ctx.mem.readU64(timeoutAt));
    const nsec = BigInt.asIntN(64, ctx.mem.readU64(timeoutAt + 8));
    if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) throw new SyscallError(Errno.EINVAL);
    st.deadline = sec === 0n && nsec === 0n ? 0n : process.hrtime.bigint() + sec * 1_000_000_000n + nsec;
  }
  const timeLeft = (): bigint => (st.deadline ? st.deadline - process.hrtime.bigint() : 0n);
  const finish = (n: number): number => {
    if (timeoutAt && n > 0) {
      const left = timeLeft() > 0n ? timeLeft() : 0n;
      const b = new Uint8Array(16);
      const v = new DataView(b.buffer);
      v.setBigInt64(0, left / 1_000_000_000n, true);
      v.setBigInt64(8, left % 1_000_000_000n, true);
      ctx.mem.write(timeoutAt, b);
    }
    return n;
  };
  let done = st.done ?? 0;
  for (; done < vlen; done++) {
    const at = vec + done * MMSGHDR_SIZE;
    const nonblock = s.nonblocking || (flags & MSG_DONTWAIT) !== 0 || (done > 0 && (flags & MSG_WAITFORONE) !== 0);
    let r: SyscallResult;
    try {
      r = recvOne(ctx, s, readRecvMsg(ctx, at), flags & ~MSG_WAITFORONE, nonblock);
    } catch (e) {
      if (done > 0) return finish(done);
      throw e;
    }
    if (r === BLOCKED) {
      st.done = done;
      ctx.proc.syscallState = st;
      return BLOCKED;
    }
    ctx.mem.writeU32(at + MSGHDR_SIZE, r as number);
    if (st.deadline !== undefined && timeLeft() <= 0n) return finish(done + 1);
  }
  return finish(done);
};

export const NET_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR.socket]: socket,
  [NR.socketpair]: socketpair,
  [NR.bind]: bind,
  [NR.listen]: listen,
  [NR.accept]: accept,
  [NR.accept4]: accept4,
  [NR.connect]: connect,
  [NR.getsockname]: getsockname,
  [NR.getpeername]: getpeername,
  [NR.sendto]: sendto,
  [NR.recvfrom]: recvfrom,
  [NR.setsockopt]: setsockopt,
  [NR.getsockopt]: getsockopt,
  [NR.shutdown]: shutdown,
  [NR.sendmsg]: sendmsg,
  [NR.recvmsg]: recvmsg,
  [NR.sendmmsg]: sendmmsg,
  [NR.recvmmsg]: recvmmsg,
};

