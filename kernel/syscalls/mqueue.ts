/**
 * The POSIX message queue system calls: mq_open, mq_unlink, mq_timedsend, mq_timedreceive,
 * mq_notify, mq_getsetattr (glibc's mq_send/mq_receive/mq_getattr/mq_setattr are these).
 * The queues are kernel/ipc/mqueue.ts; this file reads the arguments, installs descriptors
 * and waits: a send to a full queue or a receive from an empty one parks on the queue until
 * there is room or a message, or the absolute CLOCK_REALTIME timeout (ETIMEDOUT), or a
 * signal (restarted under SA_RESTART, as Linux). mq_notify takes SIGEV_NONE and SIGEV_SIGNAL;
 * SIGEV_THREAD needs a netlink socket, which this kernel has none of (ENOTSOCK).
 */

import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, O_CLOEXEC, O_CREAT, O_EXCL, O_NONBLOCK } from '../fs/constants.js';
import { MQ_PRIO_MAX, MqFile, type MessageQueue, type MqAttr, type MqCaller } from '../ipc/mqueue.js';
import { NSIG } from '../signals.js';
import type { SyscallResult } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import { CLOCK_REALTIME, clockNs, readTimespec } from './time.js';

const SI_MESGQ = -3;
const SIGEV_SIGNAL = 0;
const SIGEV_NONE = 1;
const SIGEV_THREAD = 2;

function caller(ctx: KernelContext): MqCaller {
  const p = ctx.proc.process;
  return { pid: p.pid, uid: p.uid, gid: p.gid, groups: p.groups, umask: ctx.proc.umask };
}

function queueFile(ctx: KernelContext, fd: number): MqFile {
  const f = ctx.proc.files.get(fd);
  if (!(f instanceof MqFile)) throw new SyscallError(Errno.EBADF);
  return f;
}

function mqOpen(ctx: KernelContext): number {
  const name = ctx.mem.readCString(ctx.args.u64(0), 4096);
  const oflag = ctx.args.int(1);
  const mode = ctx.args.u32(2);
  const attrAddr = ctx.args.u64(3);
  let attr: MqAttr | null = null;
  if (oflag & O_CREAT && attrAddr) {
    const b = Buffer.from(ctx.mem.read(attrAddr, 32));
    attr = { maxmsg: Number(b.readBigInt64LE(8)), msgsize: Number(b.readBigInt64LE(16)) };
  }
  const mq = ctx.kernel.ipc.mqueues;
  const q = mq.open(name, oflag, mode, attr, caller(ctx), (oflag & O_CREAT) !== 0, (oflag & O_EXCL) !== 0);
  const f = new MqFile(q, oflag & (O_ACCMODE | O_NONBLOCK), (closed) => mq.closed(closed));
  try {
    return ctx.proc.files.install(f, (oflag & O_CLOEXEC) !== 0);
  } catch (e) {
    f.release();
    throw e;
  }
}

function mqUnlink(ctx: KernelContext): number {
  ctx.kernel.ipc.mqueues.unlink(ctx.mem.readCString(ctx.args.u64(0), 4096), caller(ctx));
  return 0;
}

/** Milliseconds left before an absolute CLOCK_REALTIME deadline (ETIMEDOUT once it passed), or undefined for none. */
function msLeft(ctx: KernelContext, deadline: bigint | null): number | undefined {
  if (deadline === null) return undefined;
  const left = deadline - clockNs(ctx, CLOCK_REALTIME);
  if (left <= 0n) throw new SyscallError(Errno.ETIMEDOUT);
  return Number(left) / 1e6;
}

function mqTimedsend(ctx: KernelContext): SyscallResult {
  const fd = ctx.args.int(0);
  const addr = ctx.args.u64(1);
  const len = ctx.args.u64(2);
  const prio = ctx.args.u32(3);
  const timeout = ctx.args.u64(4);
  if (prio >= MQ_PRIO_MAX) throw new SyscallError(Errno.EINVAL);
  const deadline = timeout ? readTimespec(ctx, timeout) : null;
  const f = queueFile(ctx, fd);
  if (!f.writable) throw new SyscallError(Errno.EBADF);
  const q = f.queue;
  if (len > q.attr.msgsize) throw new SyscallError(Errno.EMSGSIZE);
  const data = ctx.mem.read(addr, len).slice();
  if (q.full) {
    if (f.nonblocking) throw new SyscallError(Errno.EAGAIN);
    return ctx.block(q.left, msLeft(ctx, deadline));
  }
  const p = ctx.proc.process;
  q.send(prio, data, p.pid, p.ruid);
  return 0;
}

function mqTimedreceive(ctx: KernelContext): SyscallResult {
  const fd = ctx.args.int(0);
  const addr = ctx.args.u64(1);
  const len = ctx.args.u64(2);
  const prioAddr = ctx.args.u64(3);
  const timeout = ctx.args.u64(4);
  const deadline = timeout ? readTimespec(ctx, timeout) : null;
  const f = queueFile(ctx, fd);
  if (!f.readable) throw new SyscallError(Errno.EBADF);
  const q = f.queue;
  if (len < q.attr.msgsize) throw new SyscallError(Errno.EMSGSIZE);
  if (!q.messages.length) {
    if (f.nonblocking) throw new SyscallError(Errno.EAGAIN);
    return ctx.block(receiving(q), msLeft(ctx, deadline));
  }
  const m = q.receive()!;
  ctx.mem.write(addr, m.data);
  if (prioAddr) ctx.mem.writeU32(prioAddr, m.prio);
  return m.data.length;
}

/** A parked receiver, counted so that mq_notify's signal goes only when nobody waits. */
function receiving(q: MessageQueue): { addWaiter(w: () => void): void; removeWaiter(w: () => void): void } {
  let counted = false;
  return {
    addWaiter: (w) => {
      if (!counted) q.receiversWaiting++;
      counted = true;
      q.arrived.addWaiter(w);
    },
    removeWaiter: (w) => {
      if (counted) q.receiversWaiting--;
      counted = false;
      q.arrived.removeWaiter(w);
    },
  };
}

function mqNotify(ctx: KernelContext): number {
  const f = queueFile(ctx, ctx.args.int(0));
  const q = f.queue;
  const me = ctx.proc.process;
  const addr = ctx.args.u64(1);
  const current = q.notification;
  const registrant = current ? ctx.kernel.processes.get(current.pid) : undefined;
  const stale = current !== null && (!registrant || registrant.exit !== null);
  if (stale) q.notification = null;
  if (!addr) {
    if (q.notification?.pid === me.pid) q.notification = null;
    return 0;
  }
  const b = Buffer.from(ctx.mem.read(addr, 64));
  const value = b.readBigUInt64LE(0);
  const signo = b.readInt32LE(8);
  const notify = b.readInt32LE(12);
  if (notify === SIGEV_THREAD) {
    ctx.proc.files.get(signo); // EBADF first, as Linux's fdget of the netlink socket
    throw new SyscallError(Errno.ENOTSOCK);
  }
  if (notify !== SIGEV_SIGNAL && notify !== SIGEV_NONE) throw new SyscallError(Errno.EINVAL);
  if (notify === SIGEV_SIGNAL && (signo < 1 || signo > NSIG)) throw new SyscallError(Errno.EINVAL);
  if (q.notification) throw new SyscallError(Errno.EBUSY);
  const kernel = ctx.kernel;
  q.notification = {
    pid: me.pid,
    notify,
    signo: notify === SIGEV_SIGNAL ? signo : 0,
    fire: (pid, uid) => {
      if (notify !== SIGEV_SIGNAL || me.exit) return;
      kernel.signals.signalProcess(me, signo, { code: SI_MESGQ, pid, uid, value });
    },
  };
  return 0;
}

function mqGetsetattr(ctx: KernelContext): number {
  const f = queueFile(ctx, ctx.args.int(0));
  const newAddr = ctx.args.u64(1);
  const oldAddr = ctx.args.u64(2);
  let flags: number | null = null;
  if (newAddr) {
    flags = Number(Buffer.from(ctx.mem.read(newAddr, 32)).readBigInt64LE(0));
    if (flags & ~O_NONBLOCK) throw new SyscallError(Errno.EINVAL);
  }
  if (oldAddr) {
    const b = Buffer.alloc(64);
    b.writeBigInt64LE(BigInt(f.flags & O_NONBLOCK), 0);
    b.writeBigInt64LE(BigInt(f.queue.attr.maxmsg), 8);
    b.writeBigInt64LE(BigInt(f.queue.attr.msgsize), 16);
    b.writeBigInt64LE(BigInt(f.queue.messages.length), 24);
    ctx.mem.write(oldAddr, b);
  }
  if (flags !== null) f.flags = (f.flags & ~O_NONBLOCK) | (flags & O_NONBLOCK);
  return 0;
}

export const MQUEUE_SYSCALLS: HandlerTable = {
  [NR.mq_open]: mqOpen,
  [NR.mq_unlink]: mqUnlink,
  [NR.mq_timedsend]: mqTimedsend,
  [NR.mq_timedreceive]: mqTimedreceive,
  [NR.mq_notify]: mqNotify,
  [NR.mq_getsetattr]: mqGetsetattr,
};
