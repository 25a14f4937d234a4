/**
 * process_vm_readv and process_vm_writev: copy between the caller's memory and another
 * process's, as debuggers, profilers and MPI libraries use them. The target must be one the
 * caller may ptrace (its real, effective and saved uids and gids all the caller's real
 * ones, or the caller is root): else EPERM. The copy goes through the target's page tables
 * a page at a time, so a bad remote address ends it there: the bytes copied so far, or
 * EFAULT when there were none (Linux's partial-transfer rule).
 */

import { Errno, SyscallError } from '../errno.js';
import { PAGE_SIZE } from '../pmm.js';
import type { Process } from '../process.js';
import type { UserMemory } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { readIovecs, type Ctx, type Iov } from './fs-common.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

/** The process `pid` names if the caller may inspect it (ptrace_may_access with real credentials): ESRCH, EPERM. */
export function targetOf(ctx: KernelContext, pid: number): Process {
  const p = pid > 0 ? ctx.kernel.processes.get(pid) : undefined;
  if (!p || p.exit || p.threads.length === 0) throw new SyscallError(Errno.ESRCH);
  const me = ctx.proc.process;
  if (me.uid === 0) return p;
  const sameUids = [p.ruid, p.uid, p.suid].every((u) => u === me.ruid);
  const sameGids = [p.rgid, p.gid, p.sgid].every((g) => g === me.rgid);
  if (!sameUids || !sameGids) throw new SyscallError(Errno.EPERM);
  return p;
}

/** Walks the two iovec lists in step: fn(localAddr, remoteAddr, n) for pieces that never cross a remote page. */
function walk(local: Iov[], remote: Iov[], fn: (l: number, r: number, n: number) => void): number {
  let done = 0;
  let li = 0;
  let lo = 0;
  for (const rv of remote) {
    let ro = 0;
    while (ro < rv.len) {
      while (li < local.length && lo >= local[li].len) {
        li++;
        lo = 0;
      }
      if (li >= local.length) return done;
      const r = rv.base + ro;
      const n = Math.min(rv.len - ro, local[li].len - lo, PAGE_SIZE - (r % PAGE_SIZE));
      try {
        fn(local[li].base + lo, r, n);
      } catch (e) {
        if (done > 0 && e instanceof SyscallError && e.errno === Errno.EFAULT) return done;
        throw e;
      }
      done += n;
      ro += n;
      lo += n;
    }
  }
  return done;
}

function processVm(ctx: KernelContext, write: boolean): number {
  const pid = ctx.args.int(0);
  const flags = ctx.args.u64(5);
  if (flags !== 0) throw new SyscallError(Errno.EINVAL);
  // As Linux: nothing to copy on either side answers 0 before the remote list or the pid is looked at.
  const local = readIovecs(ctx as unknown as Ctx, ctx.args.u64(1), ctx.args.u64(2));
  if (!local.some((v) => v.len)) return 0;
  const remote = readIovecs(ctx as unknown as Ctx, ctx.args.u64(3), ctx.args.u64(4));
  if (!remote.some((v) => v.len)) return 0;
  const target = targetOf(ctx, pid);
  const theirs: UserMemory = target.mem;
  const mine = ctx.mem;
  return walk(local, remote, (l, r, n) => {
    if (write) theirs.write(r, mine.read(l, n));
    else mine.write(l, theirs.read(r, n));
  });
}

export const PROCESS_VM_SYSCALLS: HandlerTable = {
  [NR.process_vm_readv]: (ctx) => processVm(ctx, false),
  [NR.process_vm_writev]: (ctx) => processVm(ctx, true),
};
