/**
 * What a system call implementation is given, and how it answers.
 *
 * Every handler has the signature `(ctx: SyscallContext) => SyscallResult`. It reads its
 * arguments through `ctx.args`, touches user memory only through `ctx.mem` (which checks
 * every address through the process's page tables and throws SyscallError(EFAULT)), and
 * returns the value for x0. Errors are thrown as SyscallError and become -errno.
 *
 * A call that must wait (read from an empty pipe, nanosleep, waiting for a child) calls
 * `ctx.block(queue)` and returns BLOCKED: the scheduler parks the process on the queue and,
 * when the queue is woken, runs the same handler again with the same arguments. Handlers
 * must therefore have no side effects before they decide to block.
 */

import type { Errno } from '../errno.js';
import { BLOCKED, type SyscallResult, type UserMemory, type Waitable } from '../syscall-abi.js';

export { BLOCKED, type SyscallResult, type UserMemory, type Waitable };

/** The six argument registers x0..x5 of an SVC, with typed views. */
export interface SyscallArgs {
  /** x<i> as a signed 32-bit int (fds, flags, dirfd with AT_FDCWD = -100). */
  int(i: number): number;
  /** x<i> as an unsigned 32-bit int. */
  u32(i: number): number;
  /** x<i> as a non-negative number; values >= 2^53 come back as Infinity (they are never valid sizes or addresses). */
  u64(i: number): number;
  /** x<i> as a signed 64-bit value in a number (exact within +-2^53; offsets, times). */
  i64(i: number): number;
  /** x<i> exactly. */
  big(i: number): bigint;
}



export interface SyscallContext<P = unknown, K = unknown> {
  readonly kernel: K;
  readonly proc: P;
  readonly args: SyscallArgs;
  readonly mem: UserMemory;
  /** Parks the caller on a queue (or several, or a timeout in ms); return BLOCKED right after. */
  block(on: Waitable | Waitable[] | null, timeoutMs?: number): typeof BLOCKED;
  /** Fails the call: `throw ctx.fail(Errno.EBADF)` reads well at call sites. */
  fail(errno: Errno, detail?: string): Error;
}
