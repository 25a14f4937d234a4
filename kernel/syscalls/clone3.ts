/**
 * clone3(args, size): clone with its arguments in a versioned struct clone_args, which glibc
 * 2.34+ tries first for pthread_create and posix_spawn (falling back to clone only on ENOSYS).
 *
 * The struct grows by appending fields, so its size is the version: 64 bytes (up to tls), 80
 * (set_tid, set_tid_size), 88 (cgroup). A caller built against a newer kernel may pass more;
 * that is fine while the bytes this kernel does not know are zero (E2BIG otherwise), and less
 * than the first version is EINVAL. The flags are clone's (kernel/syscalls/process.ts does
 * the work) plus CLONE_CLEAR_SIGHAND; the exit signal has its own field, and the stack is
 * given as base and size (the child's SP starts at its top).
 *
 * set_tid (choosing the child's pid, for checkpoint/restore) needs privilege over the pid
 * namespace and CLONE_INTO_CGROUP a cgroup2 directory: neither exists here, so they fail the
 * way Linux fails them for a caller without them (EEXIST for a pid in use, EPERM otherwise;
 * EBADF for the cgroup descriptor).
 */

import { Errno, SyscallError } from '../errno.js';
import type { SyscallResult } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import {
  CLONE_SIGHAND, CLONE_PARENT, CLONE_SUPPORTED, CLONE_THREAD, startClone,
} from './process.js';

const CLONE_ARGS_SIZE_VER0 = 64;
const CLONE_ARGS_SIZE_VER2 = 88;
const PAGE_SIZE = 4096;
/** Most nested pid namespaces Linux allows: set_tid's array is at most this long. */
const MAX_PID_NS_LEVEL = 32;
const NSIG = 64;
const CLONE_DETACHED = 0x400000;
/** High-word flags: CLONE_CLEAR_SIGHAND (bit 32) and CLONE_INTO_CGROUP (bit 33). */
const HI_CLEAR_SIGHAND = 1;
const HI_INTO_CGROUP = 2;

/** The fields of struct clone_args, in order (u64 each). */
const enum Field { flags, pidfd, childTid, parentTid, exitSignal, stack, stackSize, tls, setTid, setTidSize, cgroup }

function clone3(ctx: KernelContext): SyscallResult {
  if (ctx.proc.syscallState) return startClone(ctx, null); // a vfork parent coming back
  const addr = ctx.args.u64(0);
  const size = ctx.args.u64(1);
  if (size > PAGE_SIZE) throw new SyscallError(Errno.E2BIG);
  if (size < CLONE_ARGS_SIZE_VER0) throw new SyscallError(Errno.EINVAL);
  const raw = Buffer.from(ctx.mem.read(addr, size));
  for (let i = CLONE_ARGS_SIZE_VER2; i < size; i++) if (raw[i] !== 0) throw new SyscallError(Errno.E2BIG);
  const known = Buffer.alloc(CLONE_ARGS_SIZE_VER2);
  raw.copy(known, 0, 0, Math.min(size, CLONE_ARGS_SIZE_VER2));
  const field = (f: Field): bigint => known.readBigUInt64LE(f * 8);
  const num = (f: Field): number => Number(BigInt.asUintN(53, field(f)));

  const setTid = field(Field.setTid);
  const setTidSize = field(Field.setTidSize);
  if (setTidSize > BigInt(MAX_PID_NS_LEVEL)) throw new SyscallError(Errno.EINVAL);
  if ((setTid === 0n) !== (setTidSize === 0n)) throw new SyscallError(Errno.EINVAL);
  const exitSignal = field(Field.exitSignal);
  if (exitSignal > BigInt(NSIG)) throw new SyscallError(Errno.EINVAL);
  const flags64 = field(Field.flags);
  const hi = Number(flags64 >> 32n);
  const flags = Number(flags64 & 0xffffffffn);
  if (hi & HI_INTO_CGROUP && (field(Field.cgroup) > 0x7fffffffn || size < CLONE_ARGS_SIZE_VER2)) throw new SyscallError(Errno.EINVAL);
  const tids: number[] = [];
  if (setTid !== 0n) {
    const b = Buffer.from(ctx.mem.read(num(Field.setTid), Number(setTidSize) * 4));
    for (let i = 0; i < Number(setTidSize); i++) tids.push(b.readInt32LE(i * 4));
  }

  // Which requests are well formed at all (EINVAL), before any is tried.
  if (hi & ~(HI_CLEAR_SIGHAND | HI_INTO_CGROUP)) throw new SyscallError(Errno.EINVAL);
  if (flags & (CLONE_DETACHED | 0x7f)) throw new SyscallError(Errno.EINVAL);
  if (hi & HI_CLEAR_SIGHAND && flags & CLONE_SIGHAND) throw new SyscallError(Errno.EINVAL);
  if (flags & (CLONE_THREAD | CLONE_PARENT) && exitSignal !== 0n) throw new SyscallError(Errno.EINVAL);
  const stack = num(Field.stack);
  const stackSize = num(Field.stackSize);
  if ((stack === 0) !== (stackSize === 0)) throw new SyscallError(Errno.EINVAL);
  if (flags & ~CLONE_SUPPORTED & ~0xff) throw new SyscallError(Errno.EINVAL);

  // One pid namespace: only one level of set_tid can be given.
  if (tids.length > 1) throw new SyscallError(Errno.EINVAL);
  if (tids.length) {
    const tid = tids[0];
    if (tid < 1 || tid >= 4194304) throw new SyscallError(Errno.EINVAL);
    if (ctx.proc.process.uid !== 0) throw new SyscallError(Errno.EPERM);
    if (ctx.kernel.threads.has(tid) || ctx.kernel.processes.has(tid)) throw new SyscallError(Errno.EEXIST);
    throw new SyscallError(Errno.EPERM, 'clone3 set_tid: choosing a pid is not supported');
  }
  if (hi & HI_INTO_CGROUP) throw new SyscallError(Errno.EBADF, 'clone3: no cgroup2 file system');

  return startClone(ctx, {
    flags, exitSignal: Number(exitSignal), stack: stack ? stack + stackSize : 0,
    parentTid: num(Field.parentTid), childTid: num(Field.childTid), tls: field(Field.tls),
    pidfdAddr: num(Field.pidfd), clearSighand: (hi & HI_CLEAR_SIGHAND) !== 0,
  });
}

export const CLONE3_SYSCALLS: HandlerTable = {
  435: clone3,
};
