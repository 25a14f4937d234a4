/**
 * The System V IPC system calls: shmget/shmat/shmdt/shmctl, semget/semop/semtimedop/semctl,
 * msgget/msgsnd/msgrcv/msgctl. The tables and their rules are kernel/ipc/; this file reads
 * the arguments and user structures, maps and unmaps segments in the caller's address
 * space, and waits: a semop that cannot go yet, a msgsnd to a full queue and a msgrcv that
 * finds nothing park on the object's WaitQueue and retry when it changes (with semtimedop's
 * timeout; EIDRM when the object is removed meanwhile; EINTR on a signal, never restarted).
 */

import { Errno, SyscallError } from '../errno.js';
import { checkAccess, IPC_64, IPC_NOWAIT, S_IRUGO, S_IWUGO, type IpcCredentials, type IpcObject } from '../ipc/ipc-ids.js';
import { MSG_COPY, MSG_EXCEPT, MSGMAX, type MsgQueue } from '../ipc/msg.js';
import { SEMOPM, type SemOp, type SemSet, type SemWaiter } from '../ipc/sem.js';
import { SHM_EXEC, SHM_RDONLY, SHM_REMAP, SHM_RND, SHMLBA } from '../ipc/shm.js';
import { PAGE_SIZE } from '../pmm.js';
import { Prot, USER_MAX, USER_MIN } from '../vm.js';
import type { SyscallResult } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import { CLOCK_MONOTONIC, clockNs, readTimespec } from './time.js';

function credentials(ctx: KernelContext): IpcCredentials {
  const p = ctx.proc.process;
  return { pid: p.pid, uid: p.uid, gid: p.gid, groups: p.groups };
}

/** What a parked IPC call remembers across its retries: the object (EIDRM if it goes) and semtimedop's deadline. */
interface IpcWait {
  obj: IpcObject;
  deadline: bigint | null;
}

function stillThere(ctx: KernelContext): IpcWait | undefined {
  const st = ctx.proc.syscallState as IpcWait | undefined;
  if (st?.obj.deleted) throw new SyscallError(Errno.EIDRM);
  return st;
}

function cmdOf(ctx: KernelContext): number {
  return ctx.args.int(1) & ~IPC_64;
}

function userBuffer(ctx: KernelContext, addr: number): { read(n: number): Uint8Array; write(b: Buffer): void } {
  return { read: (n) => ctx.mem.read(addr, n), write: (b) => ctx.mem.write(addr, b) };
}

// ---- shared memory --------------------------------------------------------------------

function shmget(ctx: KernelContext): number {
  return ctx.kernel.ipc.shm.shmget(ctx.args.int(0), ctx.args.u64(1), ctx.args.int(2), credentials(ctx));
}

function shmat(ctx: KernelContext): number {
  const id = ctx.args.int(0);
  let addr = ctx.args.u64(1);
  const flags = ctx.args.int(2);
  const fixed = addr !== 0;
  if (fixed) {
    if (addr % SHMLBA) {
      if (flags & SHM_RND) {
        addr -= addr % SHMLBA;
        if (addr === 0 && flags & SHM_REMAP) throw new SyscallError(Errno.EINVAL);
      } else if (addr % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
    }
  } else if (flags & SHM_REMAP) throw new SyscallError(Errno.EINVAL);
  const who = credentials(ctx);
  const seg = ctx.kernel.ipc.shm.ids.lookup(id);
  const readOnly = (flags & SHM_RDONLY) !== 0;
  checkAccess(who, seg.perm, (readOnly ? S_IRUGO : S_IRUGO | S_IWUGO) | (flags & SHM_EXEC ? 0o111 : 0));
  const vm = ctx.proc.vm;
  const len = seg.mappedSize;
  const prot = Prot.READ | (readOnly ? 0 : Prot.WRITE) | (flags & SHM_EXEC ? Prot.EXEC : 0);
  if (!readOnly && (vm.committedBytes() + len > ctx.kernel.processMemoryLimit || !ctx.kernel.admission.admit(ctx.proc.process, len, 'shmat'))) throw new SyscallError(Errno.ENOMEM);
  let start: number;
  if (fixed) {
    if (addr < USER_MIN || addr + len > USER_MAX) throw new SyscallError(Errno.EINVAL);
    if (!vm.isFree(addr, addr + len)) {
      if (!(flags & SHM_REMAP)) throw new SyscallError(Errno.EINVAL);
      vm.unmap(addr, addr + len);
    }
    start = addr;
  } else {
    start = vm.findGap(len, vm.mmapBase);
    if (start < 0) throw new SyscallError(Errno.ENOMEM);
  }
  vm.addRegion({
    start, end: start + len, prot, kind: 'mmap', name: `/SYSV${(seg.perm.key >>> 0).toString(16).padStart(8, '0')} (deleted)`,
    shared: true, offset: 0, shm: seg.pages.retain(),
  });
  seg.atime = Math.floor(Date.now() / 1000);
  seg.lpid = who.pid;
  return start;
}

/** shmdt: unmaps the segment attached at addr (every piece of that attach, if mprotect split it). */
function shmdt(ctx: KernelContext): number {
  const addr = ctx.args.u64(0);
  if (addr % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  const vm = ctx.proc.vm;
  const shm = ctx.kernel.ipc.shm;
  const first = vm.regions().find((r) => r.start === addr && r.offset === 0 && shm.segmentOf(r.shm));
  const seg = first && shm.segmentOf(first.shm);
  if (!first || !seg) throw new SyscallError(Errno.EINVAL);
  const pieces = vm.regions().filter((r) => r.shm === first.shm && r.start - r.offset === addr && r.end <= addr + seg.mappedSize);
  seg.lpid = ctx.proc.process.pid;
  for (const r of pieces) vm.unmap(r.start, r.end);
  return 0;
}

function shmctl(ctx: KernelContext): number {
  return ctx.kernel.ipc.shm.shmctl(ctx.args.int(0), cmdOf(ctx), credentials(ctx), userBuffer(ctx, ctx.args.u64(2)));
}

// ---- semaphores -----------------------------------------------------------------------

function semget(ctx: KernelContext): number {
  return ctx.kernel.ipc.sem.semget(ctx.args.int(0), ctx.args.int(1), ctx.args.int(2), credentials(ctx));
}

function readSops(ctx: KernelContext, addr: number, n: number): SemOp[] {
  const b = Buffer.from(ctx.mem.read(addr, n * 6));
  return Array.from({ length: n }, (_, i) => ({ num: b.readUInt16LE(i * 6), op: b.readInt16LE(i * 6 + 2), flags: b.readInt16LE(i * 6 + 4) }));
}

function semtimedop(ctx: KernelContext, timeoutAddr: number): SyscallResult {
  const id = ctx.args.int(0);
  const nsops = ctx.args.u64(2);
  if (nsops < 1 || id < 0) throw new SyscallError(Errno.EINVAL);
  if (nsops > SEMOPM) throw new SyscallError(Errno.E2BIG);
  const ops = readSops(ctx, ctx.args.u64(1), nsops);
  let st = stillThere(ctx);
  const deadline = st ? st.deadline : timeoutAddr ? clockNs(ctx, CLOCK_MONOTONIC) + readTimespec(ctx, timeoutAddr) : null;
  const who = credentials(ctx);
  const table = ctx.kernel.ipc.sem;
  const set = table.prepare(id, ops, who);
  const outcome = table.tryOps(set, ops, who, ctx.proc.process);
  if (outcome.done) return 0;
  let ms: number | undefined;
  if (deadline !== null) {
    const left = deadline - clockNs(ctx, CLOCK_MONOTONIC);
    if (left <= 0n) throw new SyscallError(Errno.EAGAIN);
    ms = Number(left) / 1e6;
  }
  st = { obj: set, deadline };
  ctx.proc.syscallState = st;
  return ctx.block(semWait(set, { num: outcome.blocking.num, zero: outcome.blocking.op === 0 }), ms);
}

/** Waiting in semop: on the set's queue, counted in semncnt or semzcnt while parked. */
function semWait(set: SemSet, w: SemWaiter): { addWaiter(wake: () => void): void; removeWaiter(wake: () => void): void } {
  return {
    addWaiter: (wake) => {
      set.waiters.add(w);
      set.changed.addWaiter(wake);
    },
    removeWaiter: (wake) => {
      set.waiters.delete(w);
      set.changed.removeWaiter(wake);
    },
  };
}

function semctl(ctx: KernelContext): number {
  const user = { read: (a: number, n: number) => ctx.mem.read(a, n), write: (a: number, b: Buffer) => ctx.mem.write(a, b) };
  return ctx.kernel.ipc.sem.semctl(ctx.args.int(0), ctx.args.int(1), ctx.args.int(2) & ~IPC_64, ctx.args.big(3), credentials(ctx), user);
}

// ---- message queues -------------------------------------------------------------------

function msgget(ctx: KernelContext): number {
  return ctx.kernel.ipc.msg.msgget(ctx.args.int(0), ctx.args.int(1), credentials(ctx));
}

function msgsnd(ctx: KernelContext): SyscallResult {
  const id = ctx.args.int(0);
  const addr = ctx.args.u64(1);
  const size = BigInt.asIntN(64, ctx.args.big(2));
  const flags = ctx.args.int(3);
  if (size > BigInt(MSGMAX) || size < 0n || id < 0) throw new SyscallError(Errno.EINVAL);
  const type = BigInt.asIntN(64, ctx.mem.readU64(addr));
  if (type < 1n) throw new SyscallError(Errno.EINVAL);
  const data = ctx.mem.read(addr + 8, Number(size)).slice();
  stillThere(ctx);
  const who = credentials(ctx);
  const table = ctx.kernel.ipc.msg;
  const q = table.open(id, who, true);
  if (table.trySend(q, { type, data }, flags, who)) return 0;
  ctx.proc.syscallState = { obj: q, deadline: null } satisfies IpcWait;
  return ctx.block(q.left);
}

function msgrcv(ctx: KernelContext): SyscallResult {
  const id = ctx.args.int(0);
  const addr = ctx.args.u64(1);
  const size = BigInt.asIntN(64, ctx.args.big(2));
  const type = BigInt.asIntN(64, ctx.args.big(3));
  const flags = ctx.args.int(4);
  if (size < 0n || id < 0) throw new SyscallError(Errno.EINVAL);
  if (flags & MSG_COPY && (!(flags & IPC_NOWAIT) || flags & MSG_EXCEPT)) throw new SyscallError(Errno.EINVAL);
  stillThere(ctx);
  const who = credentials(ctx);
  const table = ctx.kernel.ipc.msg;
  const q: MsgQueue = table.open(id, who, false);
  const max = size > BigInt(MSGMAX) ? MSGMAX : Number(size);
  const msg = table.tryReceive(q, max, type, flags, who);
  if (!msg) {
    ctx.proc.syscallState = { obj: q, deadline: null } satisfies IpcWait;
    return ctx.block(q.arrived);
  }
  const n = Math.min(max, msg.data.length);
  const b = Buffer.alloc(8 + n);
  b.writeBigInt64LE(msg.type, 0);
  b.set(msg.data.subarray(0, n), 8);
  ctx.mem.write(addr, b);
  return n;
}

function msgctl(ctx: KernelContext): number {
  return ctx.kernel.ipc.msg.msgctl(ctx.args.int(0), cmdOf(ctx), credentials(ctx), userBuffer(ctx, ctx.args.u64(2)));
}

export const SYSV_IPC_SYSCALLS: HandlerTable = {
  [NR.shmget]: shmget,
  [NR.shmat]: shmat,
  [NR.shmdt]: shmdt,
  [NR.shmctl]: shmctl,
  [NR.semget]: semget,
  [NR.semop]: (ctx) => semtimedop(ctx, 0),
  [NR.semtimedop]: (ctx) => semtimedop(ctx, ctx.args.u64(3)),
  [NR.semctl]: semctl,
  [NR.msgget]: msgget,
  [NR.msgsnd]: msgsnd,
  [NR.msgrcv]: msgrcv,
  [NR.msgctl]: msgctl,
};
