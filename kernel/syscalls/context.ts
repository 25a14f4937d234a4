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

export const BLOCKED: unique symbol = Symbol('blocked');
export type SyscallResult = number | bigint | typeof BLOCKED;

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

/** Access to the calling process's memory, checked through its page tables. */
export interface UserMemory {
  /** Copies bytes out of user space; throws SyscallError(EFAULT) if any byte is not readable at EL0. */
  read(addr: number, length: number): Uint8Array;
  /** Copies bytes into user space; throws SyscallError(EFAULT) if any byte is not writable at EL0. */
  write(addr: number, data: Uint8Array): void;
  /** Reads a NUL-terminated string (UTF-8) of at most `max` bytes; ENAMETOOLONG past it, EFAULT on a bad pointer. */
  readCString(addr: number, max?: number): string;
  readU32(addr: number): number;
  readU64(addr: number): bigint;
  writeU32(addr: number, value: number): void;
  writeU64(addr: number, value: bigint): void;
}

/** Something a process can wait on; wake() makes every waiter runnable again. */
export interface Waitable {
  addWaiter(wake: () => void): void;
  removeWaiter(wake: () => void): void;
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
