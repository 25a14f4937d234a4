/** Miscellaneous system calls: uname, getrandom, sysinfo, readlinkat fallback (process calls live in process.ts, futex in futex.ts). */

import { randomFillSync } from 'node:crypto';
import { Errno, SyscallError } from '../errno.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import { UTS_FIXED } from '../uts.js';

function uname(ctx: KernelContext): number {
  const b = Buffer.alloc(65 * 6);
  const uts = ctx.proc.process.uts ?? ctx.kernel.uts;
  [UTS_FIXED.sysname, uts.nodename, UTS_FIXED.release, UTS_FIXED.version, UTS_FIXED.machine, uts.domainname].forEach((s, i) => b.write(s, i * 65, 64, 'latin1'));
  ctx.mem.write(ctx.args.u64(0), b);
  return 0;
}

const GRND_NONBLOCK = 1;
const GRND_RANDOM = 2;
const GRND_INSECURE = 4;

function getrandom(ctx: KernelContext): number {
  const flags = ctx.args.u32(2);
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE) || (flags & GRND_RANDOM && flags & GRND_INSECURE)) throw new SyscallError(Errno.EINVAL);
  const length = Math.min(ctx.args.u64(1), 33554431);
  const buf = new Uint8Array(length);
  randomFillSync(buf);
  ctx.mem.write(ctx.args.u64(0), buf);
  return length;
}

function sysinfo(ctx: KernelContext): number {
  const b = Buffer.alloc(112);
  const mem = ctx.kernel.memory();
  b.writeBigInt64LE(BigInt(Math.floor(ctx.kernel.uptime())), 0);
  b.writeBigUInt64LE(BigInt(mem.totalKb * 1024), 32);
  b.writeBigUInt64LE(BigInt(mem.freeKb * 1024), 40);
  b.writeUInt16LE(Math.min(ctx.kernel.processes.size, 65535), 80);
  b.writeUInt32LE(1, 104); // mem_unit
  ctx.mem.write(ctx.args.u64(0), b);
  return 0;
}

/** readlinkat for /proc/self/exe (what static glibc asks); the file system's own readlinkat replaces it. */
function readlinkat(ctx: KernelContext): number {
  const path = ctx.mem.readCString(ctx.args.u64(1));
  const exe = `/proc/${ctx.proc.pid}/exe`;
  if (path !== '/proc/self/exe' && path !== exe) throw new SyscallError(path.startsWith('/') ? Errno.ENOENT : Errno.EINVAL);
  const target = Buffer.from(ctx.proc.exe);
  const size = ctx.args.u64(3);
  if (size <= 0) throw new SyscallError(Errno.EINVAL);
  const n = Math.min(size, target.length);
  ctx.mem.write(ctx.args.u64(2), target.subarray(0, n));
  return n;
}

export const MISC_SYSCALLS: HandlerTable = {
  [NR.uname]: uname,
  [NR.getrandom]: getrandom,
  [NR.sysinfo]: sysinfo,
  [NR.readlinkat]: readlinkat,
};
