/** Process system calls: clone (threads, fork, vfork), exec, exit, ids, set_tid_address, robust lists, resource limits, yield, wait. */

import { Vfs } from '../fs/vfs.js';
import { Errno, SyscallError } from '../errno.js';
import { ARG_MAX, ExecError } from '../exec.js';
import { STACK_MAX } from '../vm.js';
import { NO_RESULT, type HandlerTable, type KernelContext } from './dispatch.js';
import type { SyscallResult } from './context.js';
import type { ExitStatus, Process } from '../process.js';
import { CLD_DUMPED, CLD_EXITED, CLD_KILLED, SI_USER, SIGCHLD, writeSiginfo } from '../signals.js';
import { PidFd } from '../pidfd.js';
import type { CpuContext } from '../../machine/machine.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';
import * as sessions from '../sessions.js';
import { getLimit, setLimit } from '../rlimits.js';
import { setSeccompStrict } from './seccomp.js';

/** exit: ends the calling thread (the last one ends the process). */
function exit(ctx: KernelContext): typeof NO_RESULT {
  ctx.kernel.procs.exitThread(ctx.proc, ctx.args.int(0) & 0xff);
  return NO_RESULT;
}

/** exit_group: ends every thread of the process. */
function exitGroup(ctx: KernelContext): typeof NO_RESULT {
  ctx.kernel.procs.exitProcess(ctx.proc.process, ctx.args.int(0) & 0xff);
  return NO_RESULT;
}

function writeLimit(ctx: KernelContext, addr: number, [cur, max]: [bigint, bigint]): void {
  const b = Buffer.alloc(16);
  b.writeBigUInt64LE(cur, 0);
  b.writeBigUInt64LE(max, 8);
  ctx.mem.write(addr, b);
}

function prlimit64(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  if (pid !== 0 && pid !== ctx.proc.pid) {
    if (!ctx.kernel.processes.has(pid)) throw new SyscallError(Errno.ESRCH);
    throw new SyscallError(Errno.EPERM);
  }
  const resource = ctx.args.int(1);
  const lim = getLimit(ctx.kernel, ctx.proc.process, resource);
  const newAddr = ctx.args.u64(2);
  if (newAddr) {
    const n = ctx.mem.read(newAddr, 16);
    const view = Buffer.from(n);
    const soft = view.readBigUInt64LE(0);
    const hard = view.readBigUInt64LE(8);
    setLimit(ctx.kernel, ctx.proc.process, resource, soft, hard);
  }
  const oldAddr = ctx.args.u64(3);
  if (oldAddr) writeLimit(ctx, oldAddr, lim);
  return 0;
}

/** setrlimit(resource, &new): prlimit64 on the caller without the old value. */
function setrlimit(ctx: KernelContext): number {
  const resource = ctx.args.int(0);
  getLimit(ctx.kernel, ctx.proc.process, resource);
  const view = Buffer.from(ctx.mem.read(ctx.args.u64(1), 16));
  const soft = view.readBigUInt64LE(0);
  const hard = view.readBigUInt64LE(8);
  setLimit(ctx.kernel, ctx.proc.process, resource, soft, hard);
  return 0;
}

function getrlimit(ctx: KernelContext): number {
  writeLimit(ctx, ctx.args.u64(1), getLimit(ctx.kernel, ctx.proc.process, ctx.args.int(0)));
  return 0;
}

function setTidAddress(ctx: KernelContext): number {
  ctx.proc.clearChildTid = ctx.args.u64(0);
  return ctx.proc.tid;
}

function setRobustList(ctx: KernelContext): number {
  if (ctx.args.u64(1) !== 24) throw new SyscallError(Errno.EINVAL);
  ctx.proc.robustList = ctx.args.u64(0);
  return 0;
}

/** get_robust_list(tid, &head, &len): another thread's list needs the same uid (ptrace's rule, simplified). */
function getRobustList(ctx: KernelContext): number {
  const tid = ctx.args.int(0);
  const t = tid === 0 ? ctx.proc : ctx.kernel.threads.get(tid);
  if (!t) throw new SyscallError(Errno.ESRCH);
  if (ctx.proc.uid !== 0 && t.process.ruid !== ctx.proc.process.ruid) throw new SyscallError(Errno.EPERM);
  ctx.mem.writeU64(ctx.args.u64(1), BigInt(t.robustList));
  ctx.mem.writeU64(ctx.args.u64(2), 24n);
  return 0;
}

function schedYield(ctx: KernelContext): number {
  ctx.proc.yieldNow = true;
  return 0;
}

export const CLONE_VM = 0x100;
export const CLONE_FS = 0x200;
export const CLONE_FILES = 0x400;
export const CLONE_SIGHAND = 0x800;
export const CLONE_PIDFD = 0x1000;
const CLONE_PTRACE = 0x2000;
export const CLONE_VFORK = 0x4000;
export const CLONE_PARENT = 0x8000;
export const CLONE_THREAD = 0x10000;
const CLONE_SYSVSEM = 0x40000;
export const CLONE_SETTLS = 0x80000;
export const CLONE_PARENT_SETTID = 0x100000;
export const CLONE_CHILD_CLEARTID = 0x200000;
const CLONE_DETACHED = 0x400000;
const CLONE_UNTRACED = 0x800000;
export const CLONE_CHILD_SETTID = 0x1000000;
const CLONE_IO = 0x80000000;
/** Namespaces and the rest: refused (EPERM for namespaces without privileges would also do; Linux gives EINVAL for the unknown). */
export const CLONE_SUPPORTED = 0xff | CLONE_PIDFD | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD
  | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO;

function setSp(ctx: CpuContext, sp: number): void {
  ctx.x[62] = sp % 4294967296 | 0;
  ctx.x[63] = Math.floor(sp / 4294967296);
}

/** What clone and clone3 ask for, once their arguments are read. */
export interface CloneRequest {
  /** CLONE_* flags (without the exit signal). */
  flags: number;
  exitSignal: number;
  /** The child's SP, or 0 to keep the parent's. */
  stack: number;
  parentTid: number;
  childTid: number;
  tls: bigint;
  /** Where CLONE_PIDFD's file descriptor goes. */
  pidfdAddr: number;
  /** clone3's CLONE_CLEAR_SIGHAND: the child starts with every caught signal back at SIG_DFL. */
  clearSighand?: boolean;
}

/**
 * clone(flags, stack, parent_tid, tls, child_tid) as glibc, musl, Go and Rust call it:
 * CLONE_THREAD makes a thread of the caller's process (it needs CLONE_SIGHAND, which needs
 * CLONE_VM, as in Linux); without it a new process, whose memory is a copy or, with
 * CLONE_VM (vfork, posix_spawn), the parent's own until it execs or exits. With
 * CLONE_VFORK the parent waits for that moment.
 */
function clone(ctx: KernelContext): SyscallResult {
  if (ctx.proc.syscallState) return startClone(ctx, null);
  const flags = ctx.args.u32(0);
  if (flags & ~CLONE_SUPPORTED) throw new SyscallError(Errno.EINVAL);
  // The legacy call has one pointer for both the parent's tid and the pidfd.
  if (flags & CLONE_PIDFD && flags & CLONE_PARENT_SETTID) throw new SyscallError(Errno.EINVAL);
  return startClone(ctx, {
    flags: flags & ~0xff, exitSignal: flags & 0xff, stack: ctx.args.u64(1), parentTid: ctx.args.u64(2),
    childTid: ctx.args.u64(4), tls: ctx.args.big(3), pidfdAddr: ctx.args.u64(2),
  });
}

/** The common half of clone and clone3 (kernel/syscalls/clone3.ts); `req` is null when a vfork parent re-runs. */
export function startClone(ctx: KernelContext, req: CloneRequest | null): SyscallResult {
  const t = ctx.proc;
  const state = t.syscallState as { child: Process; result: number } | undefined;
  if (state) {
    // vfork: the parent resumes once the child has exec'd or exited.
    if (!state.child.vforkReleased) return ctx.block(state.child.vforkDone);
    t.uninterruptible = false;
    return state.result;
  }
  const { flags, stack, parentTid: ptid, childTid: ctid } = req!;
  if (flags & CLONE_THREAD && !(flags & CLONE_SIGHAND)) throw new SyscallError(Errno.EINVAL);
  if (flags & CLONE_SIGHAND && !(flags & CLONE_VM)) throw new SyscallError(Errno.EINVAL);
  if (flags & CLONE_PIDFD && flags & CLONE_THREAD) throw new SyscallError(Errno.EINVAL);
  if (flags & CLONE_THREAD) {
    const nt = ctx.kernel.procs.cloneThread(t);
    if (stack) setSp(nt.ctx, stack);
    if (flags & CLONE_SETTLS) {
      nt.ctx.tpidrLo = Number(req!.tls & 0xffffffffn) | 0;
      nt.ctx.tpidrHi = Number((req!.tls >> 32n) & 0xffffffffn) | 0;
    }
    try {
      if (flags & CLONE_PARENT_SETTID) ctx.mem.writeU32(ptid, nt.tid);
      if (flags & CLONE_CHILD_SETTID) ctx.mem.writeU32(ctid, nt.tid);
    } catch {
      // Linux ignores a bad tid pointer here too.
    }
    if (flags & CLONE_CHILD_CLEARTID) nt.clearChildTid = ctid;
    return nt.tid;
  }
  const vm = (flags & CLONE_VM) !== 0;
  const child = ctx.kernel.procs.forkProcess(t, {
    vm, files: (flags & CLONE_FILES) !== 0, fs: (flags & CLONE_FS) !== 0, sighand: (flags & CLONE_SIGHAND) !== 0,
    parent: (flags & CLONE_PARENT) !== 0, exitSignal: req!.exitSignal,
  });
  const ct = child.threads[0];
  if (stack) setSp(ct.ctx, stack);
  if (flags & CLONE_SETTLS) {
    ct.ctx.tpidrLo = Number(req!.tls & 0xffffffffn) | 0;
    ct.ctx.tpidrHi = Number((req!.tls >> 32n) & 0xffffffffn) | 0;
  }
  if (req!.clearSighand) child.handlers.resetForExec();
  if (flags & CLONE_PIDFD) {
    const f = new PidFd(child, 0);
    try {
      ctx.mem.writeU32(req!.pidfdAddr, t.files.install(f, true));
    } catch {
      f.release();
    }
  }
  try {
    if (flags & CLONE_PARENT_SETTID) ctx.mem.writeU32(ptid, child.pid);
    if (flags & CLONE_CHILD_SETTID) child.mem.writeU32(ctid, child.pid);
  } catch {
    // Linux ignores a bad tid pointer here too.
  }
  if (flags & CLONE_CHILD_CLEARTID) ct.clearChildTid = ctid;
  if (flags & CLONE_VFORK) {
    t.syscallState = { child, result: child.pid };
    // Like Linux's vfork wait: signals stay pending until the child lets go.
    t.uninterruptible = true;
    return ctx.block(child.vforkDone);
  }
  return child.pid;
}

const WNOHANG = 1;
const WUNTRACED = 2;
const CLD_STOPPED = 5;

/** The first of `candidates` stopped and not yet reported to its parent; `consume` marks it reported. */
function stoppedChild(ctx: KernelContext, candidates: number[], consume: boolean): { pid: number; sig: number } | null {
  const stops = ctx.kernel.signals.unreportedStops;
  for (const c of candidates) {
    const sig = stops.get(c);
    if (sig === undefined) continue;
    if (consume) stops.delete(c);
    return { pid: c, sig };
  }
  return null;
}

/** Linux wait status: exit code in bits 8-15, or the signal (with 0x80 for a core dump). */
export function waitStatus(exit: ExitStatus): number {
  if (exit.signal !== null) return exit.signal | (exit.signal === 11 || exit.signal === 4 || exit.signal === 5 || exit.signal === 6 || exit.signal === 7 || exit.signal === 8 ? 0x80 : 0);
  return (exit.code & 0xff) << 8;
}

function wait4(ctx: KernelContext): SyscallResult {
  const p = ctx.proc.process;
  const pid = ctx.args.int(0);
  const statusAddr = ctx.args.u64(1);
  const options = ctx.args.int(2);
  if (options & ~(WNOHANG | 2 | 8 | 0x40000000 | 0x80000000 | 0x20000000)) throw new SyscallError(Errno.EINVAL);
  // -1: any child; 0: a child in the caller's process group; < -1: one in group -pid (sessions.ts).
  const group = pid === 0 ? p.pgid : -pid;
  const matches = (c: number, pgid: number) => pid === -1 || pid === c || (pid <= 0 && pgid === group);
  const childPgid = (c: number): number => ctx.kernel.processes.get(c)?.pgid ?? c;
  const i = p.zombies.findIndex((z) => matches(z.pid, z.pgid));
  if (i >= 0) {
    const z = p.zombies[i];
    if (statusAddr) ctx.mem.writeU32(statusAddr, waitStatus(z.exit));
    p.zombies.splice(i, 1);
    p.childrenCpuMs += z.cpuMs;
    p.childrenSysMs += z.sysMs;
    return z.pid;
  }
  if (options & WUNTRACED) {
    // A child a job-control signal stopped, reported once (status 0x7f with the signal above it).
    const stopped = stoppedChild(ctx, [...p.children].filter((c) => matches(c, childPgid(c))), true);
    if (stopped) {
      if (statusAddr) ctx.mem.writeU32(statusAddr, (stopped.sig << 8) | 0x7f);
      return stopped.pid;
    }
  }
  if (![...p.children].some((c) => matches(c, childPgid(c)))) throw new SyscallError(Errno.ECHILD);
  if (options & WNOHANG) return 0;
  return ctx.block(p.childExits);
}

function umask(ctx: KernelContext): number {
  const old = ctx.proc.umask;
  ctx.proc.umask = ctx.args.u32(0) & 0o777;
  return old;
}


/** Reads a NULL-terminated array of string pointers (argv/envp). */
function readStrings(ctx: KernelContext, addr: number): string[] {
  const out: string[] = [];
  if (!addr) return out;
  let total = 0;
  for (let i = 0; ; i++) {
    if (i >= 65536) throw new SyscallError(Errno.E2BIG);
    const ptr = ctx.mem.readU64(addr + i * 8);
    if (ptr === 0n) return out;
    const s = ctx.mem.readCString(Number(BigInt.asUintN(53, ptr)), 131072);
    total += s.length + 1;
    if (total > ARG_MAX) throw new SyscallError(Errno.E2BIG);
    out.push(s);
  }
}

function execve(ctx: KernelContext): typeof NO_RESULT {
  const path = ctx.mem.readCString(ctx.args.u64(0));
  const argv = readStrings(ctx, ctx.args.u64(1));
  const env = readStrings(ctx, ctx.args.u64(2));
  try {
    ctx.kernel.procs.execProcess(ctx.proc, path, argv, env);
  } catch (e) {
    if (e instanceof ExecError) throw new SyscallError(e.errno, e.reason);
    throw e;
  }
  return NO_RESULT;
}

const AT_FDCWD = -100;
const AT_SYMLINK_NOFOLLOW = 0x100;
const AT_EMPTY_PATH = 0x1000;

/**
 * execveat: execve of a path relative to a directory fd, or with AT_EMPTY_PATH of the open
 * file itself (glibc's fexecve; a script's interpreter is handed /dev/fd/N, as Linux does);
 * AT_SYMLINK_NOFOLLOW refuses a final symlink with ELOOP.
 */
function execveat(ctx: KernelContext): typeof NO_RESULT {
  const dirfd = ctx.args.int(0);
  const path = ctx.mem.readCString(ctx.args.u64(1));
  const argv = readStrings(ctx, ctx.args.u64(2));
  const env = readStrings(ctx, ctx.args.u64(3));
  const flags = ctx.args.int(4);
  if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) throw new SyscallError(Errno.EINVAL);
  const vfs = ctx.kernel.vfs instanceof Vfs ? ctx.kernel.vfs : undefined;
  try {
    if (path === '') {
      if (!(flags & AT_EMPTY_PATH)) throw new SyscallError(Errno.ENOENT);
      if (dirfd === AT_FDCWD) throw new SyscallError(Errno.EACCES); // the cwd is a directory
      const f = ctx.proc.files.get(dirfd);
      if (!vfs) throw new SyscallError(Errno.ENOENT);
      const image = vfs.readExecutableFile(f, ctx.proc);
      ctx.kernel.procs.execProcess(ctx.proc, `/dev/fd/${dirfd}`, argv, env, image);
      return NO_RESULT;
    }
    let full = path;
    if (!path.startsWith('/')) {
      const base = dirfd === AT_FDCWD ? ctx.proc.cwd : dirBase(ctx, dirfd);
      full = base === '/' ? `/${path}` : `${base}/${path}`;
    }
    if (flags & AT_SYMLINK_NOFOLLOW && vfs) {
      const r = vfs.lookup(ctx.proc, full, { follow: false });
      if (r.node?.type === 'lnk') throw new SyscallError(Errno.ELOOP);
    }
    ctx.kernel.procs.execProcess(ctx.proc, full, argv, env);
  } catch (e) {
    if (e instanceof ExecError) throw new SyscallError(e.errno, e.reason);
    throw e;
  }
  return NO_RESULT;
}

function dirBase(ctx: KernelContext, dirfd: number): string {
  const f = ctx.proc.files.get(dirfd);
  if (!(f.inode?.type === 'dir')) throw new SyscallError(Errno.ENOTDIR);
  return f.path;
}

// ---- waitid ---------------------------------------------------------------------------

const P_ALL = 0;
const P_PID = 1;
const P_PGID = 2;
const P_PIDFD = 3;
const WEXITED = 4;
const WSTOPPED = 2;
const WCONTINUED = 8;
const WNOWAIT = 0x1000000;

/** waitid(idtype, id, infop, options, rusage): like wait4, answering with a siginfo (CLD_EXITED/KILLED/DUMPED). */
function waitid(ctx: KernelContext): SyscallResult {
  const p = ctx.proc.process;
  const idtype = ctx.args.int(0);
  const id = ctx.args.int(1);
  const infop = ctx.args.u64(2);
  const options = ctx.args.int(3);
  if (idtype !== P_ALL && idtype !== P_PID && idtype !== P_PGID && idtype !== P_PIDFD) throw new SyscallError(Errno.EINVAL);
  const wantPid = idtype === P_PIDFD ? pidfdTarget(ctx, id).pid : id;
  if (options & ~(WNOHANG | WEXITED | WSTOPPED | WCONTINUED | WNOWAIT | 0x40000000 | 0x80000000 | 0x20000000)) throw new SyscallError(Errno.EINVAL);
  if (!(options & (WEXITED | WSTOPPED | WCONTINUED))) throw new SyscallError(Errno.EINVAL);
  const pgidOf = (pid: number): number => ctx.kernel.processes.get(pid)?.pgid ?? pid;
  const matches = (c: number, pgid = pgidOf(c)): boolean => idtype === P_ALL || ((idtype === P_PID || idtype === P_PIDFD) && c === wantPid) || (idtype === P_PGID && pgid === (id || p.pgid));
  const i = options & WEXITED ? p.zombies.findIndex((z) => matches(z.pid, z.pgid)) : -1;
  if (i >= 0) {
    const z = p.zombies[i];
    if (infop) {
      const b = Buffer.alloc(128);
      const sig = z.exit.signal;
      const core = sig !== null && [4, 5, 6, 7, 8, 11].includes(sig);
      writeSiginfo(b, 0, SIGCHLD, { code: sig === null ? CLD_EXITED : core ? CLD_DUMPED : CLD_KILLED, pid: z.pid, uid: z.uid, status: sig ?? z.exit.code });
      ctx.mem.write(infop, b);
    }
    if (!(options & WNOWAIT)) {
      p.zombies.splice(i, 1);
      p.childrenCpuMs += z.cpuMs;
    p.childrenSysMs += z.sysMs;
    }
    return 0;
  }
  if (options & WSTOPPED) {
    const stopped = stoppedChild(ctx, [...p.children].filter((c) => matches(c)), !(options & WNOWAIT));
    if (stopped) {
      if (infop) {
        const b = Buffer.alloc(128);
        writeSiginfo(b, 0, SIGCHLD, { code: CLD_STOPPED, pid: stopped.pid, uid: ctx.kernel.processes.get(stopped.pid)?.uid ?? 0, status: stopped.sig });
        ctx.mem.write(infop, b);
      }
      return 0;
    }
  }
  if (![...p.children].some((c) => matches(c))) throw new SyscallError(Errno.ECHILD);
  if (options & WNOHANG) {
    if (infop) ctx.mem.write(infop, new Uint8Array(128));
    return 0;
  }
  return ctx.block(p.childExits);
}

// ---- Credentials (Linux's rules: root may set any id; others only to ids they hold) -------

const NO_CHANGE = 0xffffffff;

type IdKind = 'uid' | 'gid';

function ids(p: Process, kind: IdKind): [number, number, number] {
  return kind === 'uid' ? [p.ruid, p.uid, p.suid] : [p.rgid, p.gid, p.sgid];
}

function setIds(ctx: KernelContext, p: Process, kind: IdKind, [r, e, s]: [number, number, number]): void {
  if (kind === 'uid') {
    // The per-user counts (RLIMIT_NPROC, memory admission) follow the real uid.
    if (r !== p.ruid) ctx.kernel.limits.moveTo(p, r);
    p.ruid = r;
    p.uid = e;
    p.suid = s;
  } else {
    p.rgid = r;
    p.gid = e;
    p.sgid = s;
  }
}

function privileged(p: Process): boolean {
  return p.uid === 0;
}

/** setuid/setgid. */
function setOne(ctx: KernelContext, kind: IdKind): number {
  const p = ctx.proc.process;
  const id = ctx.args.u32(0);
  if (id === NO_CHANGE) throw new SyscallError(Errno.EINVAL);
  const [r, e, s] = ids(p, kind);
  if (privileged(p)) setIds(ctx, p, kind, [id, id, id]);
  else if (id === r || id === s) setIds(ctx, p, kind, [r, id, s]);
  else throw new SyscallError(Errno.EPERM);
  void e;
  return 0;
}

/** setreuid/setregid. */
function setRe(ctx: KernelContext, kind: IdKind): number {
  const p = ctx.proc.process;
  const nr = ctx.args.u32(0);
  const ne = ctx.args.u32(1);
  const [r, e, s] = ids(p, kind);
  if (!privileged(p)) {
    if (nr !== NO_CHANGE && nr !== r && nr !== e) throw new SyscallError(Errno.EPERM);
    if (ne !== NO_CHANGE && ne !== r && ne !== e && ne !== s) throw new SyscallError(Errno.EPERM);
  }
  const r2 = nr === NO_CHANGE ? r : nr;
  const e2 = ne === NO_CHANGE ? e : ne;
  const s2 = nr !== NO_CHANGE || (ne !== NO_CHANGE && ne !== r) ? e2 : s;
  setIds(ctx, p, kind, [r2, e2, s2]);
  return 0;
}

/** setresuid/setresgid. */
function setRes(ctx: KernelContext, kind: IdKind): number {
  const p = ctx.proc.process;
  const want = [ctx.args.u32(0), ctx.args.u32(1), ctx.args.u32(2)];
  const cur = ids(p, kind);
  if (!privileged(p) && want.some((w) => w !== NO_CHANGE && !cur.includes(w))) throw new SyscallError(Errno.EPERM);
  setIds(ctx, p, kind, cur.map((c, i) => (want[i] === NO_CHANGE ? c : want[i])) as [number, number, number]);
  return 0;
}

function getRes(ctx: KernelContext, kind: IdKind): number {
  const [r, e, s] = ids(ctx.proc.process, kind);
  ctx.mem.writeU32(ctx.args.u64(0), r);
  ctx.mem.writeU32(ctx.args.u64(1), e);
  ctx.mem.writeU32(ctx.args.u64(2), s);
  return 0;
}

const NGROUPS_MAX = 65536;

function getgroups(ctx: KernelContext): number {
  const size = ctx.args.int(0);
  const groups = ctx.proc.process.groups;
  if (size < 0) throw new SyscallError(Errno.EINVAL);
  if (size === 0) return groups.length;
  if (size < groups.length) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.alloc(groups.length * 4);
  groups.forEach((g, i) => b.writeUInt32LE(g >>> 0, i * 4));
  ctx.mem.write(ctx.args.u64(1), b);
  return groups.length;
}

function setgroups(ctx: KernelContext): number {
  const size = ctx.args.int(0);
  if (size < 0 || size > NGROUPS_MAX) throw new SyscallError(Errno.EINVAL);
  if (!privileged(ctx.proc.process)) throw new SyscallError(Errno.EPERM);
  const b = Buffer.from(size ? ctx.mem.read(ctx.args.u64(1), size * 4) : new Uint8Array(0));
  const groups: number[] = [];
  for (let i = 0; i < size; i++) groups.push(b.readUInt32LE(i * 4));
  ctx.proc.process.groups = [...new Set(groups)].sort((a, b2) => a - b2);
  return 0;
}

/** setfsuid/setfsgid: the file-system id follows the effective id here; returns the old one. */
function setFs(ctx: KernelContext, kind: IdKind): number {
  const [, e] = ids(ctx.proc.process, kind);
  return e;
}

// capget/capset: root holds every capability, other users none (no file capabilities here).
const CAP_V1 = 0x19980330;
const CAP_V2 = 0x20071026;
const CAP_V3 = 0x20080522;
/** CAP_LAST_CAP = 40 (CAP_CHECKPOINT_RESTORE). */
const CAPS_LOW = 0xffffffff;
const CAPS_HIGH = 0x1ff;

function capHeader(ctx: KernelContext): { words: number; pid: number } | null {
  const hdr = ctx.args.u64(0);
  const version = ctx.mem.readU32(hdr);
  const pid = ctx.mem.readU32(hdr + 4) | 0;
  if (version !== CAP_V1 && version !== CAP_V2 && version !== CAP_V3) {
    ctx.mem.writeU32(hdr, CAP_V3);
    return null;
  }
  return { words: version === CAP_V1 ? 1 : 2, pid };
}

function capget(ctx: KernelContext): number {
  const h = capHeader(ctx);
  if (!h) {
    if (ctx.args.u64(1) === 0) return 0;
    throw new SyscallError(Errno.EINVAL);
  }
  if (h.pid < 0) throw new SyscallError(Errno.EINVAL);
  const target = h.pid === 0 ? ctx.proc.process : ctx.kernel.processes.get(h.pid) ?? ctx.kernel.threads.get(h.pid)?.process;
  if (!target) throw new SyscallError(Errno.ESRCH);
  const data = ctx.args.u64(1);
  if (!data) return 0;
  const root = target.uid === 0;
  const b = Buffer.alloc(12 * h.words);
  for (let w = 0; w < h.words; w++) {
    const v = root ? (w === 0 ? CAPS_LOW : CAPS_HIGH) : 0;
    b.writeUInt32LE(v >>> 0, w * 12); // effective
    b.writeUInt32LE(v >>> 0, w * 12 + 4); // permitted
  }
  ctx.mem.write(data, b);
  return 0;
}

function capset(ctx: KernelContext): number {
  const h = capHeader(ctx);
  if (!h) throw new SyscallError(Errno.EINVAL);
  if (h.pid !== 0 && h.pid !== ctx.proc.pid && h.pid !== ctx.proc.tid) throw new SyscallError(Errno.EPERM);
  const b = Buffer.from(ctx.mem.read(ctx.args.u64(1), 12 * h.words));
  const root = ctx.proc.process.uid === 0;
  for (let w = 0; w < h.words; w++) {
    const held = root ? (w === 0 ? CAPS_LOW : CAPS_HIGH) : 0;
    for (let k = 0; k < 3; k++) if ((b.readUInt32LE(w * 12 + k * 4) & ~held) !== 0) throw new SyscallError(Errno.EPERM);
  }
  // Dropping capabilities is accepted; nothing here checks capabilities beyond uid 0.
  return 0;
}

function personality(ctx: KernelContext): number {
  const p = ctx.proc.process;
  const old = p.personality;
  const next = ctx.args.u32(0);
  if (next !== 0xffffffff) p.personality = next;
  return old;
}

// membarrier: one CPU, so every barrier is already complete; the registration rules stay Linux's.
const MEMBARRIER_CMD_QUERY = 0;
const MEMBARRIER_CMD_GLOBAL = 1;
const MEMBARRIER_CMD_GLOBAL_EXPEDITED = 2;
const MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED = 4;
const MEMBARRIER_CMD_PRIVATE_EXPEDITED = 8;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED = 16;
const MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE = 32;
const MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE = 64;
const MEMBARRIER_SUPPORTED = 0x7f;

function membarrier(ctx: KernelContext): number {
  const cmd = ctx.args.int(0);
  const flags = ctx.args.u32(1);
  const p = ctx.proc.process;
  if (flags !== 0) throw new SyscallError(Errno.EINVAL);
  switch (cmd) {
    case MEMBARRIER_CMD_QUERY:
      return MEMBARRIER_SUPPORTED;
    case MEMBARRIER_CMD_GLOBAL:
    case MEMBARRIER_CMD_GLOBAL_EXPEDITED:
      return 0;
    case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED:
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED:
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE:
      p.membarrierRegistered |= cmd;
      return 0;
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED:
      if (!(p.membarrierRegistered & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED)) throw new SyscallError(Errno.EPERM);
      return 0;
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE:
      if (!(p.membarrierRegistered & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE)) throw new SyscallError(Errno.EPERM);
      return 0;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

// ---- Scheduling: one CPU (CPU 0), SCHED_OTHER -----------------------------------------------

function threadOrSelf(ctx: KernelContext, tid: number): Process {
  if (tid < 0) throw new SyscallError(Errno.EINVAL);
  const t = tid === 0 ? ctx.proc : ctx.kernel.threads.get(tid);
  if (!t) throw new SyscallError(Errno.ESRCH);
  return t.process;
}

function schedGetaffinity(ctx: KernelContext): number {
  threadOrSelf(ctx, ctx.args.int(0));
  const size = ctx.args.u64(1);
  if (size < 8 || size % 8) throw new SyscallError(Errno.EINVAL);
  const b = Buffer.alloc(8);
  b[0] = 1;
  ctx.mem.write(ctx.args.u64(2), b);
  return 8;
}

function schedSetaffinity(ctx: KernelContext): number {
  const target = threadOrSelf(ctx, ctx.args.int(0));
  const size = Math.min(ctx.args.u64(1), 128);
  const mask = ctx.mem.read(ctx.args.u64(2), size);
  if (size === 0 || !(mask[0] & 1)) throw new SyscallError(Errno.EINVAL);
  if (ctx.proc.process.uid !== 0 && target.ruid !== ctx.proc.process.uid && target.uid !== ctx.proc.process.uid) throw new SyscallError(Errno.EPERM);
  return 0;
}

function getcpu(ctx: KernelContext): number {
  const cpu = ctx.args.u64(0);
  const node = ctx.args.u64(1);
  if (cpu) ctx.mem.writeU32(cpu, 0);
  if (node) ctx.mem.writeU32(node, 0);
  return 0;
}

const PR_SET_PDEATHSIG = 1;
const PR_GET_PDEATHSIG = 2;
const PR_GET_DUMPABLE = 3;
const PR_SET_DUMPABLE = 4;
const PR_SET_NAME = 15;
const PR_GET_NAME = 16;
const PR_GET_SECCOMP = 21;
const PR_SET_SECCOMP = 22;
const SECCOMP_MODE_STRICT = 1;
const PR_CAPBSET_READ = 23;
const PR_SET_TIMERSLACK = 29;
const PR_GET_TIMERSLACK = 30;
const PR_SET_CHILD_SUBREAPER = 36;
const PR_GET_CHILD_SUBREAPER = 37;
const PR_SET_NO_NEW_PRIVS = 38;
const PR_GET_NO_NEW_PRIVS = 39;

/** prctl: names, the flags programs commonly query or set; anything else EINVAL, as an unknown option is on Linux. */
function prctl(ctx: KernelContext): number {
  const option = ctx.args.int(0);
  const p = ctx.proc.process;
  const flags = p as Process & { prctlFlags?: Record<number, number> };
  const store = (flags.prctlFlags ??= {});
  switch (option) {
    case PR_SET_NAME:
      p.name = ctx.mem.readCString(ctx.args.u64(1), 4096).slice(0, 15);
      return 0;
    case PR_GET_NAME: {
      const b = Buffer.alloc(16);
      b.write(p.name.slice(0, 15));
      ctx.mem.write(ctx.args.u64(1), b);
      return 0;
    }
    case PR_SET_PDEATHSIG: {
      const sig = ctx.args.int(1);
      if (sig < 0 || sig > 64) throw new SyscallError(Errno.EINVAL);
      store[PR_SET_PDEATHSIG] = sig;
      return 0;
    }
    case PR_GET_PDEATHSIG:
      ctx.mem.writeU32(ctx.args.u64(1), store[PR_SET_PDEATHSIG] ?? 0);
      return 0;
    case PR_GET_DUMPABLE:
      return store[PR_SET_DUMPABLE] ?? 1;
    case PR_SET_DUMPABLE: {
      const v = ctx.args.int(1);
      if (v !== 0 && v !== 1) throw new SyscallError(Errno.EINVAL);
      store[PR_SET_DUMPABLE] = v;
      return 0;
    }
    case PR_GET_SECCOMP:
      return 0; // in strict mode the call itself is not allowed (seccomp.ts kills first)
    case PR_SET_SECCOMP:
      return setSeccompStrict(ctx, ctx.args.int(1) === SECCOMP_MODE_STRICT ? 0 : -1, 0, ctx.args.u64(2));
    case PR_CAPBSET_READ: {
      const cap = ctx.args.int(1);
      if (cap < 0 || cap > 40) throw new SyscallError(Errno.EINVAL);
      return 1;
    }
    case PR_SET_TIMERSLACK:
      store[PR_SET_TIMERSLACK] = ctx.args.u32(1) || 50000;
      return 0;
    case PR_GET_TIMERSLACK:
      return store[PR_SET_TIMERSLACK] ?? 50000;
    case PR_SET_CHILD_SUBREAPER:
      store[PR_SET_CHILD_SUBREAPER] = ctx.args.int(1) ? 1 : 0;
      return 0;
    case PR_GET_CHILD_SUBREAPER:
      ctx.mem.writeU32(ctx.args.u64(1), store[PR_SET_CHILD_SUBREAPER] ?? 0);
      return 0;
    case PR_SET_NO_NEW_PRIVS:
      if (ctx.args.int(1) !== 1 || ctx.args.int(2) || ctx.args.int(3) || ctx.args.int(4)) throw new SyscallError(Errno.EINVAL);
      store[PR_SET_NO_NEW_PRIVS] = 1;
      return 0;
    case PR_GET_NO_NEW_PRIVS:
      return store[PR_SET_NO_NEW_PRIVS] ?? 0;
    default:
      throw new SyscallError(Errno.EINVAL);
  }
}

/** getrusage: user and system time (the thread's, the process's, or its waited-for children's), maxrss. */
function getrusage(ctx: KernelContext): number {
  const who = ctx.args.int(0);
  if (who !== 0 && who !== -1 && who !== 1) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc.process;
  const [total, sys] = who === 0 ? [p.cpuMs, p.sysMs] : who === 1 ? [ctx.proc.cpuNowMs, ctx.proc.sysMs] : [p.childrenCpuMs, p.childrenSysMs];
  const b = Buffer.alloc(144);
  const timeval = (ms: number, at: number): void => {
    const us = BigInt(Math.max(0, Math.round(ms * 1000)));
    b.writeBigInt64LE(us / 1000000n, at);
    b.writeBigInt64LE(us % 1000000n, at + 8);
  };
  timeval(total - sys, 0);
  timeval(sys, 16);
  if (who !== -1) b.writeBigInt64LE(BigInt(p.vm.residentPages * 4), 32); // ru_maxrss (KiB)
  ctx.mem.write(ctx.args.u64(1), b);
  return 0;
}


// ---- pidfd ----------------------------------------------------------------------------

const PIDFD_NONBLOCK = 0o4000;

function pidfdOpen(ctx: KernelContext): number {
  const pid = ctx.args.int(0);
  const flags = ctx.args.u32(1);
  if (flags & ~PIDFD_NONBLOCK || pid <= 0) throw new SyscallError(Errno.EINVAL);
  const p = ctx.kernel.processes.get(pid);
  if (!p || p.exit) {
    // A thread that is not its process's first one has no pidfd of its own (EINVAL on Linux).
    throw new SyscallError(ctx.kernel.threads.has(pid) ? Errno.EINVAL : Errno.ESRCH);
  }
  const f = new PidFd(p, flags);
  try {
    return ctx.proc.files.install(f, true);
  } catch (e) {
    f.release();
    throw e;
  }
}

function pidfdTarget(ctx: KernelContext, fd: number): Process {
  const f = ctx.proc.files.get(fd);
  if (!(f instanceof PidFd)) throw new SyscallError(Errno.EBADF);
  return f.target;
}

function pidfdSendSignal(ctx: KernelContext): number {
  const target = pidfdTarget(ctx, ctx.args.int(0));
  const sig = ctx.args.int(1);
  if (ctx.args.u32(3) !== 0 || sig < 0 || sig > 64) throw new SyscallError(Errno.EINVAL);
  if (ctx.args.u64(2) !== 0) throw new SyscallError(Errno.EINVAL);
  if (target.exit) throw new SyscallError(Errno.ESRCH);
  const me = ctx.proc.process;
  if (me.uid !== 0 && ![me.ruid, me.uid].some((u) => u === target.ruid || u === target.suid)) throw new SyscallError(Errno.EPERM);
  ctx.kernel.signals.signalProcess(target, sig, { code: SI_USER, pid: me.pid, uid: me.ruid });
  return 0;
}

export const PROCESS_SYSCALLS: HandlerTable = {
  434: pidfdOpen,
  424: pidfdSendSignal,
  [NR.waitid]: waitid,
  143: (ctx) => setRe(ctx, 'gid'),
  144: (ctx) => setOne(ctx, 'gid'),
  145: (ctx) => setRe(ctx, 'uid'),
  146: (ctx) => setOne(ctx, 'uid'),
  147: (ctx) => setRes(ctx, 'uid'),
  148: (ctx) => getRes(ctx, 'uid'),
  149: (ctx) => setRes(ctx, 'gid'),
  150: (ctx) => getRes(ctx, 'gid'),
  151: (ctx) => setFs(ctx, 'uid'),
  152: (ctx) => setFs(ctx, 'gid'),
  158: getgroups,
  159: setgroups,
  90: capget,
  91: capset,
  92: personality,
  283: membarrier,
  122: schedSetaffinity,
  123: schedGetaffinity,
  168: getcpu,
  [NR.prctl]: prctl,
  165: getrusage,
  156: (ctx) => sessions.getsid(ctx.kernel, ctx.proc.process, ctx.args.int(0)),
  [NR.execve]: execve,
  [NR.execveat]: execveat,
  [NR.clone]: clone,
  [NR.exit]: exit,
  [NR.exit_group]: exitGroup,
  100: getRobustList,
  [NR.getpid]: (ctx) => ctx.proc.pid,
  [NR.getppid]: (ctx) => ctx.proc.ppid,
  [NR.gettid]: (ctx) => ctx.proc.tid,
  [NR.getuid]: (ctx) => ctx.proc.process.ruid,
  [NR.geteuid]: (ctx) => ctx.proc.process.uid,
  [NR.getgid]: (ctx) => ctx.proc.process.rgid,
  [NR.getegid]: (ctx) => ctx.proc.process.gid,
  [NR.set_tid_address]: setTidAddress,
  [NR.set_robust_list]: setRobustList,
  [NR.prlimit64]: prlimit64,
  [NR.getrlimit]: getrlimit,
  [NR.setrlimit]: setrlimit,
  [NR.sched_yield]: schedYield,
  [NR.wait4]: wait4,
  [NR.umask]: umask,
  [NR.getpgid]: (ctx) => sessions.getpgid(ctx.kernel, ctx.proc.process, ctx.args.int(0)),
  [NR.setpgid]: (ctx) => sessions.setpgid(ctx.kernel, ctx.proc.process, ctx.args.int(0), ctx.args.int(1)),
  [NR.setsid]: (ctx) => sessions.setsid(ctx.kernel, ctx.proc.process),
};
