/** Process system calls: exit, ids, set_tid_address, robust lists, resource limits, yield, wait. */

import { Errno, SyscallError } from '../errno.js';
import { ARG_MAX, ExecError } from '../exec.js';
import { STACK_MAX } from '../vm.js';
import { NO_RESULT, type HandlerTable, type KernelContext } from './dispatch.js';
import type { SyscallResult } from './context.js';
import { waitableOf, type ExitStatus, type Process } from '../process.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

const RLIM_INFINITY = (1n << 64n) - 1n;
export const RLIMIT_DATA = 2;
export const RLIMIT_STACK = 3;
export const RLIMIT_NOFILE = 7;
export const RLIMIT_AS = 9;

function exit(ctx: KernelContext): typeof NO_RESULT {
  ctx.kernel.exitProcess(ctx.proc, ctx.args.int(0) & 0xff);
  return NO_RESULT;
}

function limits(ctx: KernelContext, resource: number): [bigint, bigint] {
  switch (resource) {
    case RLIMIT_STACK:
      return [BigInt(STACK_MAX), RLIM_INFINITY];
    case RLIMIT_NOFILE: {
      const max = BigInt((ctx.proc.files as { maxFds?: number }).maxFds ?? 1024);
      return [max, max];
    }
    case RLIMIT_AS:
    case RLIMIT_DATA: {
      const l = BigInt(ctx.kernel.processMemoryLimit);
      return [l, l];
    }
    default:
      if (resource < 0 || resource >= 16) throw new SyscallError(Errno.EINVAL);
      return [RLIM_INFINITY, RLIM_INFINITY];
  }
}

function writeLimit(ctx: KernelContext, addr: number, [cur, max]: [bigint, bigint]): void {
  const b = Buffer.alloc(16);
  b.writeBigUInt64LE(cur, 0);
  b.writeBigUInt64LE(max, 8);
  ctx.mem.write(addr, b);
}

function prlimit64(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  if (pid !== 0 && pid !== ctx.proc.pid) {
    if (!ctx.kernel.processes.has(pid)) throw new SyscallError(Errno.ESRCH);
    throw new SyscallError(Errno.EPERM);
  }
  const resource = ctx.args.int(1);
  const lim = limits(ctx, resource);
  const newAddr = ctx.args.u64(2);
  if (newAddr) {
    const n = ctx.mem.read(newAddr, 16);
    const view = Buffer.from(n);
    if (view.readBigUInt64LE(0) > view.readBigUInt64LE(8)) throw new SyscallError(Errno.EINVAL);
    // New limits are accepted but not enforced beyond the kernel's own.
  }
  const oldAddr = ctx.args.u64(3);
  if (oldAddr) writeLimit(ctx, oldAddr, lim);
  return 0;
}

function getrlimit(ctx: KernelContext): number {
  writeLimit(ctx, ctx.args.u64(1), limits(ctx, ctx.args.int(0)));
  return 0;
}

function setTidAddress(ctx: KernelContext): number {
  ctx.proc.clearChildTid = ctx.args.u64(0);
  return ctx.proc.tid;
}

function setRobustList(ctx: KernelContext): number {
  if (ctx.args.u64(1) !== 24) throw new SyscallError(Errno.EINVAL);
  ctx.proc.robustList = ctx.args.u64(0);
  return 0;
}

function schedYield(ctx: KernelContext): number {
  ctx.proc.yieldNow = true;
  return 0;
}

const CLONE_VM = 0x100;
const CLONE_FS = 0x200;
const CLONE_FILES = 0x400;
const CLONE_SIGHAND = 0x800;
const CLONE_VFORK = 0x4000;
const CLONE_THREAD = 0x10000;
const CLONE_SETTLS = 0x80000;
const CLONE_PARENT_SETTID = 0x100000;
const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_CHILD_SETTID = 0x1000000;

/**
 * clone as fork (flags = SIGCHLD plus the tid options glibc passes) and as vfork
 * (CLONE_VM|CLONE_VFORK, what posix_spawn uses): the child gets a copy of the memory rather
 * than sharing it, and the parent waits until the child execs or exits. Threads
 * (CLONE_THREAD, or CLONE_VM without CLONE_VFORK) are not supported: EINVAL.
 */
function clone(ctx: KernelContext): SyscallResult {
  const p = ctx.proc;
  const state = p.syscallState as { child: Process } | undefined;
  if (state) {
    // vfork: the parent resumes once the child has exec'd or exited.
    if (!state.child.vforkReleased) return ctx.block(waitableOf(state.child.vforkDone));
    return state.child.pid;
  }
  const flags = ctx.args.u32(0);
  const vfork = (flags & (CLONE_VM | CLONE_VFORK)) === (CLONE_VM | CLONE_VFORK);
  if (flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_SETTLS) || (flags & CLONE_VM && !vfork)) throw new SyscallError(Errno.EINVAL);
  if (ctx.args.u64(1) !== 0 && !vfork) throw new SyscallError(Errno.EINVAL);
  void CLONE_FS;
  void CLONE_FILES;
  const child = ctx.kernel.forkProcess(p);
  if (vfork && ctx.args.u64(1) !== 0) {
    // The child runs on the stack it was given.
    const sp = ctx.args.u64(1);
    child.ctx.x[62] = sp % 4294967296 | 0;
    child.ctx.x[63] = Math.floor(sp / 4294967296);
  }
  try {
    if (flags & CLONE_PARENT_SETTID) ctx.mem.writeU32(ctx.args.u64(2), child.pid);
    if (flags & CLONE_CHILD_SETTID) child.mem.writeU32(ctx.args.u64(4), child.pid);
  } catch {
    // Linux ignores a bad tid pointer here too.
  }
  if (flags & CLONE_CHILD_CLEARTID) child.clearChildTid = ctx.args.u64(4);
  if (vfork) {
    p.syscallState = { child };
    return ctx.block(waitableOf(child.vforkDone));
  }
  return child.pid;
}

const WNOHANG = 1;

/** Linux wait status: exit code in bits 8-15, or the signal (with 0x80 for a core dump). */
export function waitStatus(exit: ExitStatus): number {
  if (exit.signal !== null) return exit.signal | (exit.signal === 11 || exit.signal === 4 || exit.signal === 5 || exit.signal === 6 || exit.signal === 7 || exit.signal === 8 ? 0x80 : 0);
  return (exit.code & 0xff) << 8;
}

function wait4(ctx: KernelContext): SyscallResult {
  const p = ctx.proc;
  const pid = ctx.args.int(0);
  const statusAddr = ctx.args.u64(1);
  const options = ctx.args.int(2);
  if (options & ~(WNOHANG | 2 | 8 | 0x40000000 | 0x80000000 | 0x20000000)) throw new SyscallError(Errno.EINVAL);
  const matches = (c: number) => pid === -1 || pid === 0 || pid === c || (pid < -1 && -pid === p.pid);
  const i = p.zombies.findIndex((z) => matches(z.pid));
  if (i >= 0) {
    const z = p.zombies[i];
    if (statusAddr) ctx.mem.writeU32(statusAddr, waitStatus(z.exit));
    p.zombies.splice(i, 1);
    return z.pid;
  }
  if (![...p.children].some(matches)) throw new SyscallError(Errno.ECHILD);
  if (options & WNOHANG) return 0;
  return ctx.block(waitableOf(p.childExits));
}

function umask(ctx: KernelContext): number {
  const old = ctx.proc.umask;
  ctx.proc.umask = ctx.args.u32(0) & 0o777;
  return old;
}

function getpgid(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  if (pid !== 0 && !ctx.kernel.processes.has(pid)) throw new SyscallError(Errno.ESRCH);
  return pid || ctx.proc.pid;
}

/** Reads a NULL-terminated array of string pointers (argv/envp). */
function readStrings(ctx: KernelContext, addr: number): string[] {
  const out: string[] = [];
  if (!addr) return out;
  let total = 0;
  for (let i = 0; ; i++) {
    if (i >= 65536) throw new SyscallError(Errno.E2BIG);
    const ptr = ctx.mem.readU64(addr + i * 8);
    if (ptr === 0n) return out;
    const s = ctx.mem.readCString(Number(BigInt.asUintN(53, ptr)), 131072);
    total += s.length + 1;
    if (total > ARG_MAX) throw new SyscallError(Errno.E2BIG);
    out.push(s);
  }
}

function execve(ctx: KernelContext): typeof NO_RESULT {
  const path = ctx.mem.readCString(ctx.args.u64(0));
  const argv = readStrings(ctx, ctx.args.u64(1));
  const env = readStrings(ctx, ctx.args.u64(2));
  try {
    ctx.kernel.execProcess(ctx.proc, path, argv, env);
  } catch (e) {
    if (e instanceof ExecError) throw new SyscallError(e.errno, e.reason);
    throw e;
  }
  return NO_RESULT;
}

export const PROCESS_SYSCALLS: HandlerTable = {
  [NR.execve]: execve,
  [NR.clone]: clone,
  [NR.exit]: exit,
  [NR.exit_group]: exit,
  [NR.getpid]: (ctx) => ctx.proc.pid,
  [NR.getppid]: (ctx) => ctx.proc.ppid,
  [NR.gettid]: (ctx) => ctx.proc.tid,
  [NR.getuid]: (ctx) => ctx.proc.uid,
  [NR.geteuid]: (ctx) => ctx.proc.uid,
  [NR.getgid]: (ctx) => ctx.proc.gid,
  [NR.getegid]: (ctx) => ctx.proc.gid,
  [NR.set_tid_address]: setTidAddress,
  [NR.set_robust_list]: setRobustList,
  [NR.prlimit64]: prlimit64,
  [NR.getrlimit]: getrlimit,
  [NR.setrlimit]: (ctx) => (limits(ctx, ctx.args.int(0)), 0),
  [NR.sched_yield]: schedYield,
  [NR.wait4]: wait4,
  [NR.umask]: umask,
  [NR.getpgid]: getpgid,
  [NR.setpgid]: () => 0,
  [NR.setsid]: (ctx) => ctx.proc.pid,
};
