/**
 * Resource limits (getrlimit, setrlimit, prlimit64, and the shell's `ulimit`): each process's
 * soft and hard value of the sixteen RLIMIT_* resources, inherited by fork, spawn and exec.
 *
 * Where the kernel enforces a limit it reads it from here or from the place this file keeps
 * in step: RLIMIT_FSIZE (Process.rlimitFsize, kernel/syscalls/fsize.ts), RLIMIT_NPROC
 * (kernel/limits.ts, per user), RLIMIT_NOFILE (the fd table's size, EMFILE past it). The
 * others are the kernel's own fixed limits until a process sets them; a value it sets is
 * kept and reported (so `ulimit -s 4096; ulimit -s` says 4096) and passed to its children.
 * Only root raises a hard limit (EPERM), and soft may never exceed hard (EINVAL), as on Linux.
 */

import { Errno, SyscallError } from './errno.js';
import type { Process } from './process.js';
import { STACK_MAX } from './vm.js';

export const RLIM_INFINITY = (1n << 64n) - 1n;

export const RLIMIT_CPU = 0;
export const RLIMIT_FSIZE = 1;
export const RLIMIT_DATA = 2;
export const RLIMIT_STACK = 3;
export const RLIMIT_CORE = 4;
export const RLIMIT_RSS = 5;
export const RLIMIT_NPROC = 6;
export const RLIMIT_NOFILE = 7;
export const RLIMIT_MEMLOCK = 8;
export const RLIMIT_AS = 9;
export const RLIMIT_LOCKS = 10;
export const RLIMIT_SIGPENDING = 11;
export const RLIMIT_MSGQUEUE = 12;
export const RLIMIT_NICE = 13;
export const RLIMIT_RTPRIO = 14;
export const RLIMIT_RTTIME = 15;
export const RLIM_NLIMITS = 16;

export type Limit = readonly [soft: bigint, hard: bigint];

/** What the kernel needs besides the process: its per-user task limits and memory cap. */
export interface LimitContext {
  limits: { nproc(p: Process): [bigint, bigint]; setNproc(p: Process, soft: bigint, hard: bigint): void };
  processMemoryLimit: number;
}

/** The limits a process has before anyone sets one (Linux's defaults where the kernel has none of its own). */
function defaultLimit(k: LimitContext, p: Process, resource: number): Limit {
  switch (resource) {
    case RLIMIT_STACK:
      return [BigInt(STACK_MAX), RLIM_INFINITY];
    case RLIMIT_CORE:
      return [0n, RLIM_INFINITY];
    case RLIMIT_NOFILE: {
      const max = BigInt(p.files.maxFds);
      return [max, max];
    }
    case RLIMIT_AS:
    case RLIMIT_DATA: {
      const l = BigInt(k.processMemoryLimit);
      return [l, l];
    }
    case RLIMIT_MEMLOCK:
      return [8n << 20n, 8n << 20n];
    case RLIMIT_SIGPENDING: {
      const n = k.limits.nproc(p)[1];
      return [n, n];
    }
    case RLIMIT_MSGQUEUE:
      return [819200n, 819200n];
    case RLIMIT_NICE:
    case RLIMIT_RTPRIO:
      return [0n, 0n];
    default:
      return [RLIM_INFINITY, RLIM_INFINITY];
  }
}

/** p's [soft, hard] limit of `resource`; EINVAL for a resource Linux does not have. */
export function getLimit(k: LimitContext, p: Process, resource: number): [bigint, bigint] {
  if (!Number.isInteger(resource) || resource < 0 || resource >= RLIM_NLIMITS) throw new SyscallError(Errno.EINVAL);
  if (resource === RLIMIT_FSIZE) return [...p.rlimitFsize];
  if (resource === RLIMIT_NPROC) return k.limits.nproc(p);
  return [...(p.rlimits.get(resource) ?? defaultLimit(k, p, resource))];
}

/** setrlimit: soft <= hard, only root raises the hard limit; the enforced ones take effect at once. */
export function setLimit(k: LimitContext, p: Process, resource: number, soft: bigint, hard: bigint): void {
  const [, oldHard] = getLimit(k, p, resource);
  if (soft > hard) throw new SyscallError(Errno.EINVAL);
  if (hard > oldHard && p.uid !== 0) throw new SyscallError(Errno.EPERM);
  switch (resource) {
    case RLIMIT_NPROC:
      k.limits.setNproc(p, soft, hard);
      return;
    case RLIMIT_FSIZE:
      p.rlimitFsize = [soft, hard];
      return;
    case RLIMIT_NOFILE:
      // Linux's ceiling for open files (fs.nr_open); the table then refuses fds at or past soft.
      if (hard > 1n << 20n) throw new SyscallError(Errno.EPERM);
      p.files.maxFds = Number(soft);
      break;
  }
  p.rlimits.set(resource, [soft, hard]);
}

/** fork, spawn: the child starts with the parent's limits. */
export function inheritLimits(child: Process, parent: Process): void {
  child.rlimitFsize = parent.rlimitFsize;
  for (const [r, l] of parent.rlimits) child.rlimits.set(r, l);
  const nofile = parent.rlimits.get(RLIMIT_NOFILE);
  if (nofile) child.files.maxFds = Number(nofile[0]);
}
