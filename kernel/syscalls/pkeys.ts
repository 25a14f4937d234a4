/**
 * Memory protection keys on hardware without them (this machine's CPU has no FEAT_S1POE; x86's
 * PKU is not AArch64's): pkey_alloc has no key to give (ENOSPC, after its argument checks),
 * pkey_free frees nothing (EINVAL), and pkey_mprotect takes only key -1 or the default key 0 and
 * is then mprotect, as Linux's generic no-pkeys code behaves.
 *
 * process_madvise: the non-destructive hints (MADV_COLD, MADV_PAGEOUT, MADV_WILLNEED,
 * MADV_COLLAPSE) over another process's ranges, named by a pidfd: checked as Linux 6.1 checks
 * them (CAP_SYS_NICE, ptrace read access) and accepted; memory here is never paged out, so they
 * change nothing. The answer is the bytes advised.
 */

import { Errno, SyscallError } from '../errno.js';
import { PidFd } from '../pidfd.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { mprotect } from './mm.js';
import { targetOf } from './process-vm.js';
import { privileged } from './admin.js';

const PKEY_ACCESS_MASK = 0x3;
const PAGE_SIZE = 4096;

function pkeyAlloc(ctx: KernelContext): number {
  if (ctx.args.u32(0) !== 0) throw new SyscallError(Errno.EINVAL);
  if (ctx.args.u32(1) & ~PKEY_ACCESS_MASK) throw new SyscallError(Errno.EINVAL);
  throw new SyscallError(Errno.ENOSPC);
}

function pkeyFree(): number {
  throw new SyscallError(Errno.EINVAL);
}

function pkeyMprotect(ctx: KernelContext): number {
  const start = ctx.args.u64(0);
  const len = ctx.args.u64(1);
  const pkey = ctx.args.int(3);
  if (start % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
  if (len === 0) return 0;
  if (pkey !== -1 && pkey !== 0) throw new SyscallError(Errno.EINVAL);
  return mprotect(ctx);
}

const MADV_WILLNEED = 3;
const MADV_COLD = 20;
const MADV_PAGEOUT = 21;
const MADV_COLLAPSE = 25;
const UIO_MAXIOV = 1024;

function processMadvise(ctx: KernelContext): number {
  const vlen = ctx.args.u64(2);
  const advice = ctx.args.int(3);
  if (ctx.args.u32(4) !== 0) throw new SyscallError(Errno.EINVAL);
  if (![MADV_WILLNEED, MADV_COLD, MADV_PAGEOUT, MADV_COLLAPSE].includes(advice)) throw new SyscallError(Errno.EINVAL);
  if (vlen > UIO_MAXIOV) throw new SyscallError(Errno.EINVAL);
  const raw = vlen ? Buffer.from(ctx.mem.read(ctx.args.u64(1), vlen * 16)) : Buffer.alloc(0);
  const f = ctx.proc.files.get(ctx.args.int(0));
  if (!(f instanceof PidFd)) throw new SyscallError(Errno.EBADF);
  if (f.target.exit) throw new SyscallError(Errno.ESRCH);
  const target = targetOf(ctx, f.target.pid);
  if (!privileged(ctx)) throw new SyscallError(Errno.EPERM);
  let done = 0;
  for (let i = 0; i < vlen; i++) {
    const start = Number(raw.readBigUInt64LE(i * 16));
    const len = Number(raw.readBigUInt64LE(i * 16 + 8));
    try {
      if (start % PAGE_SIZE) throw new SyscallError(Errno.EINVAL);
      const end = start + Math.ceil(len / PAGE_SIZE) * PAGE_SIZE;
      for (let va = start; va < end; ) {
        const r = target.vm.findRegion(va);
        if (!r) throw new SyscallError(Errno.ENOMEM);
        va = r.end;
      }
    } catch (e) {
      if (done > 0) return done;
      throw e;
    }
    done += len;
  }
  return done;
}

export const PKEY_SYSCALLS: HandlerTable = {
  288: pkeyMprotect,
  289: pkeyAlloc,
  290: pkeyFree,
  440: processMadvise,
};
