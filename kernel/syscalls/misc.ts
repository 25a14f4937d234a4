/** Miscellaneous system calls: uname, getrandom, sysinfo, prctl, getrusage, futex, affinity, readlinkat fallback. */

import { randomFillSync } from 'node:crypto';
import { Errno, SyscallError } from '../errno.js';
import type { SyscallResult } from './context.js';
import type { HandlerTable, KernelContext } from './dispatch.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

export const UTS = {
  sysname: 'Linux',
  nodename: 'akuma',
  release: '6.1.0-akuma',
  version: '#1 SMP akuma-vm',
  machine: 'aarch64',
  domainname: '(none)',
};

function uname(ctx: KernelContext): number {
  const b = Buffer.alloc(65 * 6);
  [UTS.sysname, UTS.nodename, UTS.release, UTS.version, UTS.machine, UTS.domainname].forEach((s, i) => b.write(s, i * 65, 64, 'utf8'));
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

const PR_SET_NAME = 15;
const PR_GET_NAME = 16;

function prctl(ctx: KernelContext): number {
  const option = ctx.args.int(0);
  if (option === PR_SET_NAME) {
    ctx.proc.name = ctx.mem.readCString(ctx.args.u64(1), 4096).slice(0, 15);
    return 0;
  }
  if (option === PR_GET_NAME) {
    const b = Buffer.alloc(16);
    b.write(ctx.proc.name.slice(0, 15));
    ctx.mem.write(ctx.args.u64(1), b);
    return 0;
  }
  throw new SyscallError(Errno.EINVAL);
}

function getrusage(ctx: KernelContext): number {
  const who = ctx.args.int(0);
  if (who !== 0 && who !== -1 && who !== 1) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.alloc(144);
  if (who !== -1) {
    const us = BigInt(Math.round(ctx.proc.cpuMs * 1000));
    b.writeBigInt64LE(us / 1000000n, 0);
    b.writeBigInt64LE(us % 1000000n, 8);
    b.writeBigInt64LE(BigInt(ctx.proc.vm.residentPages * 4), 32); // ru_maxrss (KiB)
  }
  ctx.mem.write(ctx.args.u64(1), b);
  return 0;
}

function schedGetaffinity(ctx: KernelContext): number {
  const size = ctx.args.u64(1);
  if (size < 8 || size % 8) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.alloc(8);
  b[0] = 1;
  ctx.mem.write(ctx.args.u64(2), b);
  return 8;
}

const ETIMEDOUT = 110 as Errno;
const FUTEX_WAIT = 0;
const FUTEX_WAKE = 1;
const FUTEX_WAIT_BITSET = 9;
const FUTEX_WAKE_BITSET = 10;

/** Futexes for a single-threaded process: waits only end by timeout or signal; wakes find nobody. */
function futex(ctx: KernelContext): SyscallResult {
  const op = ctx.args.int(1) & 0x7f;
  const addr = ctx.args.u64(0);
  if (addr % 4) throw new SyscallError(Errno.EINVAL);
  if (op === FUTEX_WAKE || op === FUTEX_WAKE_BITSET) {
    ctx.mem.readU32(addr);
    return 0;
  }
  if (op === FUTEX_WAIT || op === FUTEX_WAIT_BITSET) {
    if (ctx.proc.syscallState !== undefined) throw new SyscallError(ETIMEDOUT);
    if (ctx.mem.readU32(addr) !== ctx.args.u32(2)) throw new SyscallError(Errno.EAGAIN);
    const ts = ctx.args.u64(3);
    let ms: number | undefined;
    if (ts) {
      const b = Buffer.from(ctx.mem.read(ts, 16));
      ms = Number(b.readBigInt64LE(0)) * 1000 + Number(b.readBigInt64LE(8)) / 1e6;
    }
    ctx.proc.syscallState = true;
    return ctx.block(null, ms);
  }
  throw new SyscallError(Errno.ENOSYS);
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

function getcpu(ctx: KernelContext): number {
  const cpu = ctx.args.u64(0);
  const node = ctx.args.u64(1);
  if (cpu) ctx.mem.writeU32(cpu, 0);
  if (node) ctx.mem.writeU32(node, 0);
  return 0;
}

export const MISC_SYSCALLS: HandlerTable = {
  [NR.uname]: uname,
  [NR.getrandom]: getrandom,
  [NR.sysinfo]: sysinfo,
  [NR.prctl]: prctl,
  165: getrusage,
  123: schedGetaffinity,
  168: getcpu,
  [NR.futex]: futex,
  [NR.readlinkat]: readlinkat,
};
