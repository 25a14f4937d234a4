/**
 * seccomp(2) and prctl(PR_SET_SECCOMP) in strict mode: from then on the thread (and the threads
 * and children it makes) may call only read, write, exit and rt_sigreturn; any other call kills
 * it with SIGKILL, as Linux does (here the whole process ends by SIGKILL: the kernel's threads of
 * one process die together). Filter mode needs a BPF interpreter this kernel lacks: it answers as
 * Linux built without CONFIG_SECCOMP_FILTER (EINVAL), as do SECCOMP_GET_ACTION_AVAIL and
 * SECCOMP_GET_NOTIF_SIZES.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Thread } from '../process.js';
import type { HandlerTable, KernelContext } from './dispatch.js';

const SECCOMP_SET_MODE_STRICT = 0;
/** read, write, exit, rt_sigreturn. */
const STRICT_ALLOWED = new Set([63, 64, 93, 139]);

/** Whether thread t may make call nr (false: the dispatcher kills it). */
export function seccompAllows(t: Thread, nr: number): boolean {
  return !t.seccompStrict || STRICT_ALLOWED.has(nr);
}

/** Enters strict mode (op SECCOMP_SET_MODE_STRICT, no flags, no argument); EINVAL otherwise. */
export function setSeccompStrict(ctx: KernelContext, op: number, flags: number, args: number): number {
  if (op !== SECCOMP_SET_MODE_STRICT || flags !== 0 || args !== 0) throw new SyscallError(Errno.EINVAL);
  ctx.proc.seccompStrict = true;
  return 0;
}

function seccomp(ctx: KernelContext): number {
  return setSeccompStrict(ctx, ctx.args.u32(0), ctx.args.u32(1), ctx.args.u64(2));
}

export const SECCOMP_SYSCALLS: HandlerTable = {
  277: seccomp,
};
