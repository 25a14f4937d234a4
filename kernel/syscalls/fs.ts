/**
 * (stub created by the kernel-core engineer) File system system calls. The fs engineer owns
 * this file and replaces it: export FS_SYSCALLS, a table from syscall number to handler.
 */

import type { SyscallContext, SyscallResult } from './context.js';

export const FS_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {};
