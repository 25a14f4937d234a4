/**
 * `--trace-syscalls`: one line per system call in strace(1)'s form, e.g.
 *
 *     openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 *     read(3, "root:x:0:0:root:/root:/bin/sh\n"..., 4096) = 123
 *     mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f12345000
 *     openat(AT_FDCWD, "/nope", O_RDONLY) = -1 ENOENT (No such file or directory)
 *
 * Each call has a signature: how to spell each argument (decode.ts). Arguments the kernel reads
 * (paths, write buffers, timespecs in) are spelled before the call runs, since the call may
 * change the memory (execve replaces it); arguments the kernel fills in (read buffers, struct
 * stat, pipe fds) after it returns, and only when it succeeded, as strace does; otherwise their
 * pointer is shown. A call without a signature shows three arguments in hex. The kernel's trace()
 * puts `= result` at column 40 as strace does (after the `[pid N] ` that strace -f prints).
 */

import { ERRNO_NAMES, errnoText } from '../../errno.js';
import type { SyscallArgs, UserMemory } from '../context.js';
import { AARCH64_SYSCALL_NAMES } from '../syscall-names.js';
import * as d from './decode.js';

interface View {
  args: SyscallArgs;
  mem: UserMemory;
  /** The call's return value (for arguments spelled after it). */
  result: number;
}

type Spell = (v: View, i: number) => string;

/** An argument spelled before the call, or (out) after it when it succeeded. */
interface ArgSpec {
  out: boolean;
  spell: Spell;
}

interface Signature {
  args: ArgSpec[];
  /** How the return value reads: a number (default), an address, or a call-specific form. */
  result?: 'hex' | ((v: View, r: number) => string);
}

const inArg = (spell: Spell): ArgSpec => ({ out: false, spell });
const outArg = (spell: Spell): ArgSpec => ({ out: true, spell });

const ptr = (v: View, i: number): string => {
  const p = v.args.big(i);
  return p === 0n ? 'NULL' : '0x' + p.toString(16);
};
const int = inArg((v, i) => String(v.args.int(i)));
const uint = inArg((v, i) => String(v.args.u64(i)));
const hex = inArg((v, i) => '0x' + v.args.big(i).toString(16));
const pointer = inArg(ptr);
const fd = int;
const dirfd = inArg((v, i) => d.dirfd(v.args.int(i)));
const path = inArg((v, i) => d.cString(v.mem, v.args.u64(i)));
const mode = inArg((v, i) => d.octal(v.args.u32(i)));
const atFlags = inArg((v, i) => d.flags(v.args.u32(i), d.AT_FLAGS));
const off = inArg((v, i) => String(v.args.i64(i)));
const named = (names: Readonly<Record<number, string>>): ArgSpec => inArg((v, i) => d.oneOf(v.args.int(i), names));
const flagArg = (table: d.FlagTable): ArgSpec => inArg((v, i) => d.flags(v.args.u32(i), table));
const signal = inArg((v, i) => d.signalName(v.args.int(i)));
/** A buffer the kernel reads, of the length in argument `len`. */
const bufIn = (len: number): ArgSpec => inArg((v, i) => {
  const n = v.args.u64(len);
  return d.quote(v.mem.read(v.args.u64(i), Math.min(n, d.STRING_LIMIT)), n);
});
/** A buffer the kernel filled, of the call's result in bytes. */
const bufOut = outArg((v, i) => d.quote(v.mem.read(v.args.u64(i), Math.min(v.result, d.STRING_LIMIT)), v.result));
const struct = (read: (mem: UserMemory, addr: number) => string, out: boolean): ArgSpec =>
  ({ out, spell: (v, i) => (v.args.big(i) === 0n ? 'NULL' : read(v.mem, v.args.u64(i))) });
const timespecIn = struct(d.timespec, false);
const timespecOut = struct(d.timespec, true);
const statOut = struct(d.stat, true);
const sigsetIn = struct((mem, a) => d.sigset(mem.readU64(a)), false);
const sigsetOut = struct((mem, a) => d.sigset(mem.readU64(a)), true);
const rlimitIn = struct(d.rlimit, false);
const rlimitOut = struct(d.rlimit, true);
const sockaddrIn = (len: number): ArgSpec => inArg((v, i) => (v.args.big(i) === 0n ? 'NULL' : d.sockaddr(v.mem, v.args.u64(i), v.args.u32(len))));
/** accept/getsockname: the kernel fills a sockaddr and its length through a pointer. */
const sockaddrOut = outArg((v, i) => (v.args.big(i) === 0n ? 'NULL' : d.sockaddr(v.mem, v.args.u64(i), v.mem.readU32(v.args.u64(i + 1)))));
const socklenOut = outArg((v, i) => (v.args.big(i) === 0n ? 'NULL' : `[${v.mem.readU32(v.args.u64(i))}]`));

const hexResult = 'hex' as const;

const SIGNATURES: Record<string, Signature> = {
  // The mode only matters (and strace only shows it) when the call may create a file.
  openat: { args: [dirfd, path, inArg((v, i) => d.openFlags(v.args.u32(i))), inArg((v, i) => (v.args.u32(2) & d.O_CREAT || (v.args.u32(2) & d.O_TMPFILE) === d.O_TMPFILE ? d.octal(v.args.u32(i)) : ''))] },
  rseq: { args: [pointer, hex, int, hex] },
  close: { args: [fd] },
  read: { args: [fd, bufOut, uint] },
  pread64: { args: [fd, bufOut, uint, off] },
  write: { args: [fd, bufIn(2), uint] },
  pwrite64: { args: [fd, bufIn(2), uint, off] },
  readv: { args: [fd, outArg((v, i) => d.iovecs(v.mem, v.args.u64(i), v.args.u32(2), v.result)), int] },
  writev: { args: [fd, inArg((v, i) => d.iovecs(v.mem, v.args.u64(i), v.args.u32(2), Infinity)), int] },
  lseek: { args: [fd, off, named(d.SEEK)] },
  newfstatat: { args: [dirfd, path, statOut, atFlags] },
  fstat: { args: [fd, statOut] },
  getdents64: { args: [fd, outArg((v, i) => `${ptr(v, i)} /* ${direntCount(v.mem, v.args.u64(i), v.result)} entries */`), uint] },
  mknodat: { args: [dirfd, path, mode, hex] },
  mkdirat: { args: [dirfd, path, mode] },
  unlinkat: { args: [dirfd, path, atFlags] },
  renameat: { args: [dirfd, path, dirfd, path] },
  renameat2: { args: [dirfd, path, dirfd, path, flagArg([[1, 'RENAME_NOREPLACE'], [2, 'RENAME_EXCHANGE'], [4, 'RENAME_WHITEOUT']])] },
  symlinkat: { args: [path, dirfd, path] },
  linkat: { args: [dirfd, path, dirfd, path, atFlags] },
  readlinkat: { args: [dirfd, path, bufOut, uint] },
  faccessat: { args: [dirfd, path, inArg((v, i) => d.accessMode(v.args.int(i)))] },
  fchmodat: { args: [dirfd, path, mode] },
  fchownat: { args: [dirfd, path, int, int, atFlags] },
  ftruncate: { args: [fd, off] },
  getcwd: { args: [outArg((v, i) => d.cString(v.mem, v.args.u64(i))), uint] },
  chdir: { args: [path] },
  dup: { args: [fd] },
  dup3: { args: [fd, fd, flagArg([[0o2000000, 'O_CLOEXEC']])] },
  pipe2: { args: [outArg((v, i) => `[${v.mem.readU32(v.args.u64(i)) | 0}, ${v.mem.readU32(v.args.u64(i) + 4) | 0}]`), inArg((v, i) => d.flags(v.args.u32(i), [[0o2000000, 'O_CLOEXEC'], [0o4000, 'O_NONBLOCK'], [0o40000, 'O_DIRECT']]))] },
  ioctl: { args: [fd, inArg((v, i) => d.IOCTL_REQUESTS[v.args.u32(i)] ?? '0x' + v.args.u32(i).toString(16)), { out: true, spell: ioctlArg }] },
  fcntl: { args: [fd, named(d.FCNTL_CMDS), inArg(fcntlArg)], result: fcntlResult },
  fsync: { args: [fd] },
  fdatasync: { args: [fd] },
  umask: { args: [mode], result: (_v, r) => d.octal(r) },
  brk: { args: [pointer], result: hexResult },
  mmap: {
    args: [pointer, uint, inArg((v, i) => d.prot(v.args.u32(i))), inArg((v, i) => d.mapFlags(v.args.u32(i))), fd, inArg((v, i) => (v.args.big(i) === 0n ? '0' : '0x' + v.args.big(i).toString(16)))],
    result: hexResult,
  },
  munmap: { args: [pointer, uint] },
  mprotect: { args: [pointer, uint, inArg((v, i) => d.prot(v.args.u32(i)))] },
  mremap: { args: [pointer, uint, uint, flagArg([[1, 'MREMAP_MAYMOVE'], [2, 'MREMAP_FIXED'], [4, 'MREMAP_DONTUNMAP']]), pointer], result: hexResult },
  madvise: { args: [pointer, uint, named(d.MADVICE)] },
  msync: { args: [pointer, uint, flagArg([[1, 'MS_ASYNC'], [2, 'MS_INVALIDATE'], [4, 'MS_SYNC']])] },
  exit: { args: [int] },
  exit_group: { args: [int] },
  set_tid_address: { args: [pointer] },
  set_robust_list: { args: [pointer, uint] },
  rt_sigaction: { args: [signal, pointer, pointer, uint] },
  rt_sigprocmask: { args: [named(d.SIGPROCMASK_HOW), sigsetIn, sigsetOut, uint] },
  rt_sigsuspend: { args: [sigsetIn, uint] },
  rt_sigreturn: { args: [] },
  kill: { args: [int, signal] },
  tkill: { args: [int, signal] },
  tgkill: { args: [int, int, signal] },
  clock_gettime: { args: [named(d.CLOCKS), timespecOut] },
  clock_getres: { args: [named(d.CLOCKS), timespecOut] },
  clock_nanosleep: { args: [named(d.CLOCKS), flagArg([[1, 'TIMER_ABSTIME']]), timespecIn, pointer] },
  gettimeofday: { args: [struct(d.timeval, true), pointer] },
  nanosleep: { args: [timespecIn, pointer] },
  uname: { args: [struct(d.utsname, true)] },
  getrandom: { args: [outArg((v, i) => d.quote(v.mem.read(v.args.u64(i), Math.min(v.result, d.STRING_LIMIT)), v.result, d.STRING_LIMIT, true)), uint, flagArg([[1, 'GRND_NONBLOCK'], [2, 'GRND_RANDOM'], [4, 'GRND_INSECURE']])] },
  prlimit64: { args: [int, named(d.RLIMITS), rlimitIn, rlimitOut] },
  getrlimit: { args: [named(d.RLIMITS), rlimitOut] },
  setrlimit: { args: [named(d.RLIMITS), rlimitIn] },
  execve: { args: [path, inArg((v, i) => d.stringArray(v.mem, v.args.u64(i))), inArg((v, i) => `${ptr(v, i)} /* ${d.countVars(v.mem, v.args.u64(i))} vars */`)] },
  clone: {
    // AArch64's argument order: flags, stack, parent_tid, tls, child_tid.
    args: [
      inArg((v, i) => `child_stack=${ptr(v, 1)}, flags=${d.cloneFlags(v.args.u32(i))}`),
      inArg((v) => (v.args.u32(0) & 0x100000 ? `parent_tid=${ptr(v, 2)}` : '')),
      inArg((v) => (v.args.u32(0) & 0x80000 ? `tls=${ptr(v, 3)}` : '')),
      inArg((v) => (v.args.u32(0) & 0x1200000 ? `child_tidptr=${ptr(v, 4)}` : '')),
    ],
  },
  wait4: { args: [int, outArg((v, i) => (v.args.big(i) === 0n ? 'NULL' : d.waitStatus(v.mem.readU32(v.args.u64(i))))), flagArg(d.WAIT_OPTIONS), pointer] },
  futex: {
    args: [pointer, inArg((v, i) => d.futexOp(v.args.u32(i))), int, inArg((v, i) => ((v.args.u32(1) & 0x7f) === 0 || (v.args.u32(1) & 0x7f) === 9 ? (v.args.big(i) === 0n ? 'NULL' : d.timespec(v.mem, v.args.u64(i))) : ptr(v, i)))],
  },
  sched_yield: { args: [] },
  getpid: { args: [] }, getppid: { args: [] }, gettid: { args: [] }, getuid: { args: [] }, geteuid: { args: [] },
  getgid: { args: [] }, getegid: { args: [] }, setsid: { args: [] }, sync: { args: [] },
  setpgid: { args: [int, int] },
  getpgid: { args: [int] },
  socket: { args: [named(d.ADDRESS_FAMILIES), inArg((v, i) => d.socketType(v.args.u32(i))), inArg((v, i) => d.protocol(v.args.int(0), v.args.int(i)))] },
  socketpair: { args: [named(d.ADDRESS_FAMILIES), inArg((v, i) => d.socketType(v.args.u32(i))), int, outArg((v, i) => `[${v.mem.readU32(v.args.u64(i)) | 0}, ${v.mem.readU32(v.args.u64(i) + 4) | 0}]`)] },
  bind: { args: [fd, sockaddrIn(2), uint] },
  connect: { args: [fd, sockaddrIn(2), uint] },
  listen: { args: [fd, int] },
  accept: { args: [fd, sockaddrOut, socklenOut] },
  accept4: { args: [fd, sockaddrOut, socklenOut, inArg((v, i) => d.socketType(v.args.u32(i)).replace(/^\w+\|?/, '') || '0')] },
  getsockname: { args: [fd, sockaddrOut, socklenOut] },
  getpeername: { args: [fd, sockaddrOut, socklenOut] },
  sendto: { args: [fd, bufIn(2), uint, flagArg(d.MSG_FLAGS), sockaddrIn(5), uint] },
  recvfrom: { args: [fd, bufOut, uint, flagArg(d.MSG_FLAGS), sockaddrOut, socklenOut] },
  shutdown: { args: [fd, named({ 0: 'SHUT_RD', 1: 'SHUT_WR', 2: 'SHUT_RDWR' })] },
};

/** Network calls the dispatcher's name table does not list (asm-generic numbers). */
function direntCount(mem: UserMemory, addr: number, bytes: number): number {
  let n = 0;
  for (let at = 0; at + 19 <= bytes && n < 100000; n++) {
    const reclen = mem.read(addr + at + 16, 2);
    const len = reclen[0] | (reclen[1] << 8);
    if (len === 0) break;
    at += len;
  }
  return n;
}

function ioctlArg(v: View, i: number): string {
  const req = v.args.u32(1);
  if (v.args.big(i) === 0n) return 'NULL';
  if (req === 0x5413 || req === 0x5414) return d.winsize(v.mem, v.args.u64(i));
  if (req === 0x540f || req === 0x5410 || req === 0x5429 || req === 0x541b) return `[${v.mem.readU32(v.args.u64(i)) | 0}]`;
  return ptr(v, i);
}

function fcntlArg(v: View, i: number): string {
  switch (v.args.int(1)) {
    case 1: case 3: case 9: case 1034: return '';
    case 2: return v.args.u32(i) & 1 ? 'FD_CLOEXEC' : '0';
    case 4: return d.openFlags(v.args.u32(i)).replace(/^O_RDONLY\|?/, '') || '0';
    case 0: case 1030: case 8: return String(v.args.int(i));
    default: return ptr(v, i);
  }
}

function fcntlResult(v: View, r: number): string {
  if (v.args.int(1) === 1) return `0x${r.toString(16)} (flags ${r & 1 ? 'FD_CLOEXEC' : '0'})`;
  if (v.args.int(1) === 3) return `0x${r.toString(16)} (flags ${d.openFlags(r)})`;
  return String(r);
}

/** A call being traced: its arguments spelled before it ran, the rest spelled by finish(). */
export interface PendingTrace {
  name: string;
  signature: Signature | undefined;
  /** The arguments as they were when the call was made. */
  args: SyscallArgs;
  /** Spelled arguments; null where an out argument waits for the result. */
  before: (string | null)[];
}

function safely(spell: () => string, fallback: () => string): string {
  try {
    return spell();
  } catch {
    return fallback();
  }
}

/** Spells the arguments the kernel will read, before the call runs (args: a copy of x0..x5). */
export function beginTrace(nr: number, args: SyscallArgs, mem: UserMemory): PendingTrace {
  const name = AARCH64_SYSCALL_NAMES.get(nr) ?? `syscall_${nr}`;
  const signature = SIGNATURES[name];
  const view: View = { args, mem, result: 0 };
  const specs = signature?.args ?? [hex, hex, hex];
  const before = specs.map((s, i) => (s.out ? null : safely(() => s.spell(view, i), () => ptr(view, i))));
  return { name, signature, args, before };
}

/**
 * The call as strace spells it and its result (`openat(AT_FDCWD, "x", O_RDONLY)`, `3`), once it
 * returned r; undefined r for a call that did not return (exit, a successful rt_sigreturn).
 */
export function finishTrace(t: PendingTrace, mem: UserMemory, r: number | bigint | undefined): { call: string; result: string } {
  const view: View = { args: t.args, mem, result: typeof r === 'number' ? r : 0 };
  const failed = r === undefined || (typeof r === 'number' && r < 0 && r >= -4095);
  const spelled = t.before.map((s, i) => {
    if (s !== null) return s;
    if (failed) return ptr(view, i);
    return safely(() => t.signature!.args[i].spell(view, i), () => ptr(view, i));
  });
  return { call: `${t.name}(${spelled.filter((s) => s !== '').join(', ')})`, result: formatResult(t, view, r) };
}

function formatResult(t: PendingTrace, v: View, r: number | bigint | undefined): string {
  if (r === undefined) return '?';
  if (typeof r === 'bigint') {
    const n = BigInt.asIntN(64, r);
    if (n < 0n && n >= -4095n) return errorText(Number(-n));
    return t.signature?.result === 'hex' ? '0x' + BigInt.asUintN(64, r).toString(16) : String(n);
  }
  if (r < 0 && r >= -4095) return errorText(-r);
  const kind = t.signature?.result;
  if (kind === 'hex') return '0x' + r.toString(16);
  if (typeof kind === 'function') return kind(v, r);
  return String(r);
}

function errorText(errno: number): string {
  const name = ERRNO_NAMES[errno] ?? `E${errno}`;
  return `-1 ${name} (${errnoText(errno)})`;
}
