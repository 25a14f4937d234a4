/** Process system calls: exit, ids, set_tid_address, robust lists, resource limits, yield, wait. */

import { Errno, SyscallError } from '../errno.js';
import { ARG_MAX, ExecError } from '../exec.js';
import { STACK_MAX } from '../vm.js';
import { NO_RESULT, type HandlerTable, type KernelContext } from './dispatch.js';
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

function wait4(ctx: KernelContext): number {
  // Processes are created by the host (spawn), never by the guest: there are no children to wait for.
  void ctx;
  throw new SyscallError(Errno.ECHILD);
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
  [NR.waitid]: wait4,
  [NR.umask]: umask,
  [NR.getpgid]: getpgid,
  [NR.setpgid]: () => 0,
  [NR.setsid]: (ctx) => ctx.proc.pid,
};
