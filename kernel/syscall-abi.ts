/**
 * The few types every layer of the kernel shares about system calls: the answer of a call
 * that must wait (BLOCKED), what a thread can wait on (Waitable), and how kernel code
 * reaches a process's memory (UserMemory). They live below the file systems, sockets and
 * syscall handlers that use them, so kernel/fs and kernel/net need nothing from
 * kernel/syscalls.
 */

/** Returned by a call (or a file operation) that has parked the caller; it re-runs when woken. */
export const BLOCKED: unique symbol = Symbol('blocked');

/** What a call answers in x0 (or BLOCKED when it parked the caller). */
export type SyscallResult = number | bigint | typeof BLOCKED;

/** Something a process can wait on; wake() makes every waiter runnable again. */
export interface Waitable {
  addWaiter(wake: () => void): void;
  removeWaiter(wake: () => void): void;
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
