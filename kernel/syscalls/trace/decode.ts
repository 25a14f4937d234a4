/**
 * How `--trace-syscalls` spells a system call's arguments, the way strace(1) does: flag words as
 * `O_RDONLY|O_CLOEXEC`, strings quoted with C escapes and cut at 32 bytes (`"root:x:0:0"...`),
 * NULL for a null pointer, and structures as `{st_mode=S_IFREG|0644, st_size=123, ...}`,
 * `{tv_sec=1, tv_nsec=0}`, `{sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("127.0.0.1")}`.
 * The constants are Linux's (asm-generic, as AArch64 uses them); the spellings are those strace's
 * manual and output show. calls.ts says which argument of which call is which of these.
 */

import type { UserMemory } from '../context.js';
import { SIGNAL_NAMES } from '../../signals.js';

/** strace's default string limit (-s 32). */
export const STRING_LIMIT = 32;

export type FlagTable = readonly (readonly [number, string])[];

/** `A|B|0x40` for the bits of v named in table (bits no name covers end in hex), or `zero` for 0. */
export function flags(v: number, table: FlagTable, zero = '0'): string {
  const parts: string[] = [];
  let rest = v >>> 0;
  for (const [bit, name] of table) {
    if (bit !== 0 && (rest & bit) === bit) {
      parts.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest) parts.push('0x' + rest.toString(16));
  return parts.length ? parts.join('|') : zero;
}

/** A value that is one of a set of names (`SEEK_SET`), else its number. */
export function oneOf(v: number, names: Readonly<Record<number, string>>): string {
  return names[v] ?? String(v);
}

// ---- open(2), access(2), *at flags -------------------------------------------------------

const OPEN_FLAGS: FlagTable = [
  [0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'], [0o10000, 'O_DSYNC'], [0o20000, 'O_ASYNC'], [0o40000, 'O_DIRECTORY'],
  [0o100000, 'O_NOFOLLOW'], [0o200000, 'O_DIRECT'], [0o400000, 'O_LARGEFILE'], [0o1000000, 'O_NOATIME'],
  [0o2000000, 'O_CLOEXEC'], [0o4010000, 'O_SYNC'], [0o10000000, 'O_PATH'], [0o20040000, 'O_TMPFILE'],
];

/** open(2) flags: the access mode first (O_RDONLY is 0), then the rest. */
export function openFlags(v: number): string {
  const mode = ['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'][v & 3];
  // O_SYNC and O_TMPFILE include other bits: name them before their parts.
  const table = [...OPEN_FLAGS].sort((a, b) => popcount(b[0]) - popcount(a[0]));
  const rest = flags(v & ~3, table, '');
  return rest ? `${mode}|${rest}` : mode;
}

function popcount(n: number): number {
  let c = 0;
  for (let v = n >>> 0; v; v &= v - 1) c++;
  return c;
}

export const O_CREAT = 0o100;
export const O_TMPFILE = 0o20040000;

export const AT_FLAGS: FlagTable = [
  [0x100, 'AT_SYMLINK_NOFOLLOW'], [0x200, 'AT_REMOVEDIR'], [0x400, 'AT_SYMLINK_FOLLOW'], [0x800, 'AT_NO_AUTOMOUNT'], [0x1000, 'AT_EMPTY_PATH'],
];

export function accessMode(v: number): string {
  return v === 0 ? 'F_OK' : flags(v, [[4, 'R_OK'], [2, 'W_OK'], [1, 'X_OK']]);
}

export function octal(v: number): string {
  return '0' + (v >>> 0).toString(8);
}

export const AT_FDCWD = -100;

export function dirfd(v: number): string {
  return v === AT_FDCWD ? 'AT_FDCWD' : String(v);
}

export const SEEK: Readonly<Record<number, string>> = { 0: 'SEEK_SET', 1: 'SEEK_CUR', 2: 'SEEK_END', 3: 'SEEK_DATA', 4: 'SEEK_HOLE' };

export const FCNTL_CMDS: Readonly<Record<number, string>> = {
  0: 'F_DUPFD', 1: 'F_GETFD', 2: 'F_SETFD', 3: 'F_GETFL', 4: 'F_SETFL', 5: 'F_GETLK', 6: 'F_SETLK', 7: 'F_SETLKW',
  8: 'F_SETOWN', 9: 'F_GETOWN', 1030: 'F_DUPFD_CLOEXEC', 1033: 'F_ADD_SEALS', 1034: 'F_GET_SEALS',
};

export const IOCTL_REQUESTS: Readonly<Record<number, string>> = {
  0x5401: 'TCGETS', 0x5402: 'TCSETS', 0x5403: 'TCSETSW', 0x5404: 'TCSETSF', 0x540f: 'TIOCGPGRP', 0x5410: 'TIOCSPGRP',
  0x5413: 'TIOCGWINSZ', 0x5414: 'TIOCSWINSZ', 0x541b: 'FIONREAD', 0x5421: 'FIONBIO', 0x540e: 'TIOCSCTTY',
  0x5429: 'TIOCGSID', 0x80045430: 'TIOCGPTN', 0x40045431: 'TIOCSPTLCK',
};

// ---- memory ------------------------------------------------------------------------------

export function prot(v: number): string {
  return flags(v, [[1, 'PROT_READ'], [2, 'PROT_WRITE'], [4, 'PROT_EXEC'], [0x10, 'PROT_BTI'], [0x20, 'PROT_MTE'], [0x01000000, 'PROT_GROWSDOWN']], 'PROT_NONE');
}

const MAP_FLAGS: FlagTable = [
  [0x10, 'MAP_FIXED'], [0x20, 'MAP_ANONYMOUS'], [0x100, 'MAP_GROWSDOWN'], [0x800, 'MAP_DENYWRITE'], [0x1000, 'MAP_EXECUTABLE'],
  [0x2000, 'MAP_LOCKED'], [0x4000, 'MAP_NORESERVE'], [0x8000, 'MAP_POPULATE'], [0x10000, 'MAP_NONBLOCK'], [0x20000, 'MAP_STACK'],
  [0x40000, 'MAP_HUGETLB'], [0x80000, 'MAP_SYNC'], [0x100000, 'MAP_FIXED_NOREPLACE'],
];

export function mapFlags(v: number): string {
  const type = { 1: 'MAP_SHARED', 2: 'MAP_PRIVATE', 3: 'MAP_SHARED_VALIDATE' }[v & 0xf] ?? `0x${(v & 0xf).toString(16)}`;
  const rest = flags(v & ~0xf, MAP_FLAGS, '');
  return rest ? `${type}|${rest}` : type;
}

export const MADVICE: Readonly<Record<number, string>> = {
  0: 'MADV_NORMAL', 1: 'MADV_RANDOM', 2: 'MADV_SEQUENTIAL', 3: 'MADV_WILLNEED', 4: 'MADV_DONTNEED', 8: 'MADV_FREE',
  9: 'MADV_REMOVE', 10: 'MADV_DONTFORK', 11: 'MADV_DOFORK', 12: 'MADV_MERGEABLE', 14: 'MADV_HUGEPAGE', 15: 'MADV_NOHUGEPAGE',
};

// ---- processes and signals ---------------------------------------------------------------

/** `SIGTERM`, or the number for one outside the table (strace prints real-time ones as SIGRT_n). */
export function signalName(v: number): string {
  if (v === 0) return '0';
  if (SIGNAL_NAMES[v]) return SIGNAL_NAMES[v];
  if (v >= 32 && v <= 64) return v === 32 ? 'SIGRTMIN' : `SIGRT_${v - 32}`;
  return String(v);
}

/** A signal set as strace prints it: `[INT TERM]`, `[]`, or `~[KILL STOP]` when most are set. */
export function sigset(mask: bigint): string {
  const names = (m: bigint): string[] => {
    const out: string[] = [];
    for (let s = 1; s <= 64; s++) if (m & (1n << BigInt(s - 1))) out.push(signalName(s).replace(/^SIG/, ''));
    return out;
  };
  const set = names(mask);
  if (set.length > 32) return `~[${names(~mask & 0xffffffffffffffffn).join(' ')}]`;
  return `[${set.join(' ')}]`;
}

export const SIGPROCMASK_HOW: Readonly<Record<number, string>> = { 0: 'SIG_BLOCK', 1: 'SIG_UNBLOCK', 2: 'SIG_SETMASK' };

const CLONE_FLAGS: FlagTable = [
  [0x100, 'CLONE_VM'], [0x200, 'CLONE_FS'], [0x400, 'CLONE_FILES'], [0x800, 'CLONE_SIGHAND'], [0x1000, 'CLONE_PIDFD'],
  [0x2000, 'CLONE_PTRACE'], [0x4000, 'CLONE_VFORK'], [0x8000, 'CLONE_PARENT'], [0x10000, 'CLONE_THREAD'],
  [0x20000, 'CLONE_NEWNS'], [0x40000, 'CLONE_SYSVSEM'], [0x80000, 'CLONE_SETTLS'], [0x100000, 'CLONE_PARENT_SETTID'],
  [0x200000, 'CLONE_CHILD_CLEARTID'], [0x400000, 'CLONE_DETACHED'], [0x800000, 'CLONE_UNTRACED'],
  [0x1000000, 'CLONE_CHILD_SETTID'], [0x2000000, 'CLONE_NEWCGROUP'], [0x4000000, 'CLONE_NEWUTS'], [0x8000000, 'CLONE_NEWIPC'],
  [0x10000000, 'CLONE_NEWUSER'], [0x20000000, 'CLONE_NEWPID'], [0x40000000, 'CLONE_NEWNET'], [0x80000000, 'CLONE_IO'],
];

/** clone(2) flags: the CLONE_ bits, then the exit signal in the low byte (`...|SIGCHLD`). */
export function cloneFlags(v: number): string {
  const sig = v & 0xff;
  const rest = flags(v & ~0xff, CLONE_FLAGS, '');
  const parts = [rest, sig ? signalName(sig) : ''].filter(Boolean);
  return parts.length ? parts.join('|') : '0';
}

/** A wait status as strace decodes it: `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`. */
export function waitStatus(s: number): string {
  const sig = s & 0x7f;
  if (sig === 0) return `[{WIFEXITED(s) && WEXITSTATUS(s) == ${(s >> 8) & 0xff}}]`;
  if (sig === 0x7f) return `[{WIFSTOPPED(s) && WSTOPSIG(s) == ${signalName((s >> 8) & 0xff)}}]`;
  if (s === 0xffff) return '[{WIFCONTINUED(s)}]';
  return `[{WIFSIGNALED(s) && WTERMSIG(s) == ${signalName(sig)}${s & 0x80 ? ' && WCOREDUMP(s)' : ''}}]`;
}

export const WAIT_OPTIONS: FlagTable = [[1, 'WNOHANG'], [2, 'WUNTRACED'], [8, 'WCONTINUED'], [0x1000000, 'WNOWAIT'], [0x40000000, '__WALL'], [0x80000000, '__WCLONE']];

export const CLOCKS: Readonly<Record<number, string>> = {
  0: 'CLOCK_REALTIME', 1: 'CLOCK_MONOTONIC', 2: 'CLOCK_PROCESS_CPUTIME_ID', 3: 'CLOCK_THREAD_CPUTIME_ID',
  4: 'CLOCK_MONOTONIC_RAW', 5: 'CLOCK_REALTIME_COARSE', 6: 'CLOCK_MONOTONIC_COARSE', 7: 'CLOCK_BOOTTIME',
};

/** futex(2)'s operation with its PRIVATE and CLOCK_REALTIME bits, as `FUTEX_WAIT_PRIVATE`. */
export function futexOp(v: number): string {
  const ops: Record<number, string> = {
    0: 'FUTEX_WAIT', 1: 'FUTEX_WAKE', 2: 'FUTEX_FD', 3: 'FUTEX_REQUEUE', 4: 'FUTEX_CMP_REQUEUE', 5: 'FUTEX_WAKE_OP',
    6: 'FUTEX_LOCK_PI', 7: 'FUTEX_UNLOCK_PI', 8: 'FUTEX_TRYLOCK_PI', 9: 'FUTEX_WAIT_BITSET', 10: 'FUTEX_WAKE_BITSET',
    11: 'FUTEX_WAIT_REQUEUE_PI', 12: 'FUTEX_CMP_REQUEUE_PI', 13: 'FUTEX_LOCK_PI2',
  };
  const name = ops[v & 0x7f] ?? String(v & 0x7f);
  return (v & 0x100 ? 'FUTEX_CLOCK_REALTIME|' : '') + name + (v & 0x80 ? '_PRIVATE' : '');
}

export const RLIMITS: Readonly<Record<number, string>> = {
  0: 'RLIMIT_CPU', 1: 'RLIMIT_FSIZE', 2: 'RLIMIT_DATA', 3: 'RLIMIT_STACK', 4: 'RLIMIT_CORE', 5: 'RLIMIT_RSS',
  6: 'RLIMIT_NPROC', 7: 'RLIMIT_NOFILE', 8: 'RLIMIT_MEMLOCK', 9: 'RLIMIT_AS', 10: 'RLIMIT_LOCKS', 11: 'RLIMIT_SIGPENDING',
  12: 'RLIMIT_MSGQUEUE', 13: 'RLIMIT_NICE', 14: 'RLIMIT_RTPRIO', 15: 'RLIMIT_RTTIME',
};

// ---- sockets -----------------------------------------------------------------------------

export const ADDRESS_FAMILIES: Readonly<Record<number, string>> = { 0: 'AF_UNSPEC', 1: 'AF_UNIX', 2: 'AF_INET', 10: 'AF_INET6', 16: 'AF_NETLINK', 17: 'AF_PACKET' };

export function socketType(v: number): string {
  const type = { 1: 'SOCK_STREAM', 2: 'SOCK_DGRAM', 3: 'SOCK_RAW', 4: 'SOCK_RDM', 5: 'SOCK_SEQPACKET', 10: 'SOCK_PACKET' }[v & 0xf] ?? String(v & 0xf);
  const rest = flags(v & ~0xf, [[0o4000, 'SOCK_NONBLOCK'], [0o2000000, 'SOCK_CLOEXEC']], '');
  return rest ? `${type}|${rest}` : type;
}

export function protocol(family: number, v: number): string {
  if (family === 2 || family === 10) return { 0: 'IPPROTO_IP', 6: 'IPPROTO_TCP', 17: 'IPPROTO_UDP', 1: 'IPPROTO_ICMP', 58: 'IPPROTO_ICMPV6' }[v] ?? String(v);
  return String(v);
}

export const MSG_FLAGS: FlagTable = [
  [1, 'MSG_OOB'], [2, 'MSG_PEEK'], [4, 'MSG_DONTROUTE'], [8, 'MSG_CTRUNC'], [0x20, 'MSG_TRUNC'], [0x40, 'MSG_DONTWAIT'],
  [0x80, 'MSG_EOR'], [0x100, 'MSG_WAITALL'], [0x4000, 'MSG_NOSIGNAL'], [0x8000, 'MSG_MORE'], [0x40000000, 'MSG_CMSG_CLOEXEC'],
];

/** A socket address as strace prints it, read from user memory (len bytes at addr). */
export function sockaddr(mem: UserMemory, addr: number, len: number): string {
  if (len < 2) return `{sa_family=AF_UNSPEC}`;
  const b = mem.read(addr, Math.min(len, 128));
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const family = v.getUint16(0, true);
  const name = ADDRESS_FAMILIES[family] ?? String(family);
  if (family === 2 && b.length >= 8) {
    return `{sa_family=AF_INET, sin_port=htons(${v.getUint16(2, false)}), sin_addr=inet_addr("${b[4]}.${b[5]}.${b[6]}.${b[7]}")}`;
  }
  if (family === 10 && b.length >= 24) {
    const groups: string[] = [];
    for (let i = 0; i < 8; i++) groups.push(v.getUint16(8 + i * 2, false).toString(16));
    return `{sa_family=AF_INET6, sin6_port=htons(${v.getUint16(2, false)}), sin6_flowinfo=htonl(${v.getUint32(4, false)}), inet_pton(AF_INET6, "${ipv6(groups)}", &sin6_addr), sin6_scope_id=${b.length >= 28 ? v.getUint32(24, true) : 0}}`;
  }
  if (family === 1) {
    const path = b.subarray(2);
    if (path.length === 0) return '{sa_family=AF_UNIX}';
    if (path[0] === 0) return `{sa_family=AF_UNIX, sun_path=@${quote(path.subarray(1), path.length - 1, 108)}}`;
    const end = path.indexOf(0);
    return `{sa_family=AF_UNIX, sun_path=${quote(end < 0 ? path : path.subarray(0, end), Infinity, 108)}}`;
  }
  return `{sa_family=${name}, sa_data=${quote(b.subarray(2), Infinity, 14)}}`;
}

/** RFC 5952 text of eight groups: the longest run of two or more zero groups becomes `::`. */
function ipv6(groups: string[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j === i ? i + 1 : j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

// ---- strings and structures --------------------------------------------------------------

/**
 * Bytes as a C string literal the way strace prints one: printable ASCII as itself, the usual
 * escapes (\t \n \v \f \r \" \\), other bytes in octal; at most `limit` bytes, then `...` after
 * the quote when the data (of `total` bytes) went on. `hex`: every byte as \xNN (strace's form
 * for random bytes).
 */
export function quote(bytes: Uint8Array, total: number = bytes.length, limit = STRING_LIMIT, hex = false): string {
  const shown = bytes.subarray(0, Math.min(bytes.length, limit));
  let s = '"';
  if (hex) {
    for (const c of shown) s += '\\x' + c.toString(16).padStart(2, '0');
    return s + '"' + (total > shown.length ? '...' : '');
  }
  for (let i = 0; i < shown.length; i++) {
    const c = shown[i];
    const next = i + 1 < shown.length ? shown[i + 1] : -1;
    if (c === 0x22) s += '\\"';
    else if (c === 0x5c) s += '\\\\';
    else if (c >= 0x20 && c < 0x7f) s += String.fromCharCode(c);
    else if (c === 9) s += '\\t';
    else if (c === 10) s += '\\n';
    else if (c === 11) s += '\\v';
    else if (c === 12) s += '\\f';
    else if (c === 13) s += '\\r';
    else s += '\\' + (next >= 0x30 && next <= 0x37 ? c.toString(8).padStart(3, '0') : c.toString(8));
  }
  return s + '"' + (total > shown.length ? '...' : '');
}

/** A NUL-terminated string in user memory, quoted (paths are shown whole, as strace does). */
export function cString(mem: UserMemory, addr: number, limit = 4096): string {
  const bytes: number[] = [];
  for (let i = 0; i < limit; i++) {
    const b = mem.read(addr + i, 1)[0];
    if (b === 0) return quote(Uint8Array.from(bytes), bytes.length, limit);
    bytes.push(b);
  }
  return quote(Uint8Array.from(bytes), limit + 1, limit);
}

/** `{tv_sec=1, tv_nsec=500000000}` from a struct timespec. */
export function timespec(mem: UserMemory, addr: number): string {
  return `{tv_sec=${BigInt.asIntN(64, mem.readU64(addr))}, tv_nsec=${BigInt.asIntN(64, mem.readU64(addr + 8))}}`;
}

export function timeval(mem: UserMemory, addr: number): string {
  return `{tv_sec=${BigInt.asIntN(64, mem.readU64(addr))}, tv_usec=${BigInt.asIntN(64, mem.readU64(addr + 8))}}`;
}

const FILE_TYPES: Readonly<Record<number, string>> = {
  0o140000: 'S_IFSOCK', 0o120000: 'S_IFLNK', 0o100000: 'S_IFREG', 0o60000: 'S_IFBLK', 0o40000: 'S_IFDIR', 0o20000: 'S_IFCHR', 0o10000: 'S_IFIFO',
};

/** `S_IFREG|0644` (with S_ISUID/S_ISGID/S_ISVTX folded into the octal, as strace does). */
export function fileMode(mode: number): string {
  const type = FILE_TYPES[mode & 0o170000];
  const perm = octal(mode & 0o7777);
  return type ? `${type}|${perm}` : perm;
}

/**
 * The AArch64 struct stat (asm-generic: st_mode at 16, st_rdev at 32, st_size at 48) in strace's
 * abbreviated form: `{st_mode=S_IFREG|0644, st_size=1234, ...}`, st_rdev for devices.
 */
export function stat(mem: UserMemory, addr: number): string {
  const b = mem.read(addr, 128);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const mode = v.getUint32(16, true);
  const type = mode & 0o170000;
  if (type === 0o20000 || type === 0o60000) {
    const rdev = v.getBigUint64(32, true);
    const major = Number(((rdev >> 32n) & ~0xfffn) | ((rdev >> 8n) & 0xfffn));
    const minor = Number(((rdev >> 12n) & ~0xffn) | (rdev & 0xffn));
    return `{st_mode=${fileMode(mode)}, st_rdev=makedev(0x${major.toString(16)}, 0x${minor.toString(16)}), ...}`;
  }
  return `{st_mode=${fileMode(mode)}, st_size=${v.getBigInt64(48, true)}, ...}`;
}

/** An iovec array as `[{iov_base="...", iov_len=5}, ...]`; `data` limits how many bytes in all are shown. */
export function iovecs(mem: UserMemory, addr: number, count: number, data: number): string {
  const parts: string[] = [];
  let left = data;
  for (let i = 0; i < Math.min(count, 32); i++) {
    const base = Number(mem.readU64(addr + i * 16));
    const len = Number(mem.readU64(addr + i * 16 + 8));
    const n = Math.max(0, Math.min(len, left));
    left -= n;
    parts.push(`{iov_base=${quote(mem.read(base, Math.min(n, STRING_LIMIT)), n)}, iov_len=${len}}`);
  }
  return `[${parts.join(', ')}${count > 32 ? ', ...' : ''}]`;
}

/** `{sysname="Linux", nodename="akuma", ...}` from struct utsname (65-byte fields). */
export function utsname(mem: UserMemory, addr: number): string {
  const field = (i: number): string => {
    const b = mem.read(addr + i * 65, 65);
    const end = b.indexOf(0);
    return quote(end < 0 ? b : b.subarray(0, end), Infinity, 65);
  };
  return `{sysname=${field(0)}, nodename=${field(1)}, ...}`;
}

/** `{rlim_cur=8192*1024, rlim_max=RLIM64_INFINITY}`: strace writes multiples of 1024 so. */
export function rlimit(mem: UserMemory, addr: number): string {
  const one = (v: bigint): string => {
    if (v === 0xffffffffffffffffn) return 'RLIM64_INFINITY';
    if (v > 0n && v % 1024n === 0n) return `${v / 1024n}*1024`;
    return String(v);
  };
  return `{rlim_cur=${one(mem.readU64(addr))}, rlim_max=${one(mem.readU64(addr + 8))}}`;
}

/** argv as `["ls", "-l"]`; envp as `0x... /* 12 vars *\/`, as strace shows them by default. */
export function stringArray(mem: UserMemory, addr: number): string {
  const items: string[] = [];
  for (let i = 0; i < 4096; i++) {
    const p = Number(mem.readU64(addr + i * 8));
    if (p === 0) break;
    items.push(cString(mem, p));
  }
  return `[${items.join(', ')}]`;
}

export function countVars(mem: UserMemory, addr: number): number {
  let n = 0;
  while (n < 65536 && mem.readU64(addr + n * 8) !== 0n) n++;
  return n;
}

/** struct winsize for TIOCGWINSZ/TIOCSWINSZ. */
export function winsize(mem: UserMemory, addr: number): string {
  const b = mem.read(addr, 8);
  const v = new DataView(b.buffer, b.byteOffset, 8);
  return `{ws_row=${v.getUint16(0, true)}, ws_col=${v.getUint16(2, true)}, ws_xpixel=${v.getUint16(4, true)}, ws_ypixel=${v.getUint16(6, true)}}`;
}
