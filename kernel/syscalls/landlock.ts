/**
 * Two calls with an answer Linux gives on a kernel configured without what they need:
 *
 * - landlock_create_ruleset/add_rule/restrict_self: Landlock is not enabled in this kernel (as
 *   when it is left out of the boot's lsm= list): EOPNOTSUPP, also for the ABI-version query, so
 *   sandboxing libraries report "Landlock not supported" and carry on, as they do on such Linux.
 * - process_mrelease(pidfd, flags): reaps the memory of a process that is being killed. Here a
 *   killed process's memory is freed as it dies, so a live target is never "dying" (EINVAL) and an
 *   ended one is gone (ESRCH); bad flags are EINVAL, a non-pidfd EBADF.
 */

import { Errno, SyscallError } from '../errno.js';
import { PidFd } from '../pidfd.js';
import type { HandlerTable, KernelContext } from './dispatch.js';

function landlock(): number {
  throw new SyscallError(Errno.ENOTSUP);
}

function processMrelease(ctx: KernelContext): number {
  if (ctx.args.u32(1) !== 0) throw new SyscallError(Errno.EINVAL);
  const f = ctx.proc.files.get(ctx.args.int(0));
  if (!(f instanceof PidFd)) throw new SyscallError(Errno.EBADF);
  if (f.target.exit) throw new SyscallError(Errno.ESRCH);
  throw new SyscallError(Errno.EINVAL);
}

export const LANDLOCK_SYSCALLS: HandlerTable = {
  444: landlock,
  445: landlock,
  446: landlock,
  448: processMrelease,
};
