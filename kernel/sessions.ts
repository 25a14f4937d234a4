/**
 * Process groups and sessions: setpgid, getpgid, setsid, getsid with Linux's rules
 * (kernel/sys.c), and the helpers the rest of the kernel asks about groups (wait4 and kill on
 * a group, a terminal's foreground group being in the caller's session).
 *
 * Every process carries pgid and sid (Process); fork and clone copy them, exec keeps them.
 * A process made by the host (Kernel.spawn, an SSH session's shell) starts as the leader of
 * its own session and group, as a login shell does on Linux.
 */

import { Errno, SyscallError } from './errno.js';
import type { Process } from './process.js';

/** What the rules need of the kernel: the live processes (by pid) and whether a pid is a thread. */
export interface ProcessTable {
  readonly processes: ReadonlyMap<number, Process>;
  readonly threads: ReadonlyMap<number, unknown>;
}

function live(table: ProcessTable): Process[] {
  return [...table.processes.values()].filter((p) => !p.exit);
}

/** True if some live process is in process group `pgid`. */
export function groupExists(table: ProcessTable, pgid: number): boolean {
  return live(table).some((p) => p.pgid === pgid);
}

/** The live processes of process group `pgid`. */
export function groupMembers(table: ProcessTable, pgid: number): Process[] {
  return live(table).filter((p) => p.pgid === pgid);
}

/** The live processes of session `sid`. */
export function sessionMembers(table: ProcessTable, sid: number): Process[] {
  return live(table).filter((p) => p.sid === sid);
}

/** A session leader is the process whose pid is its session id (setsid made it, or the host did). */
export function isSessionLeader(p: Process): boolean {
  return p.sid === p.pid;
}

/** Finds pid as Linux's find_task_by_vpid: ESRCH if none, EINVAL for a thread that is not a process. */
function lookup(table: ProcessTable, pid: number, self: Process): Process {
  if (pid === 0) return self;
  const p = table.processes.get(pid);
  if (p && !p.exit) return p;
  if (table.threads.has(pid)) throw new SyscallError(Errno.EINVAL);
  throw new SyscallError(Errno.ESRCH);
}

/**
 * setpgid(pid, pgid), as Linux: pid 0 is the caller, pgid 0 is pid. The target is the caller
 * or one of its children (ESRCH otherwise); a child that has exec'd answers EACCES, one in
 * another session EPERM; a session leader cannot move (EPERM); the group joined must exist in
 * the caller's session unless it is the target's own pid (EPERM).
 */
export function setpgid(table: ProcessTable, self: Process, pid: number, pgid: number): number {
  if (pgid < 0) throw new SyscallError(Errno.EINVAL);
  const target = pid === 0 ? self : table.processes.get(pid);
  if (!target || target.exit) {
    if (table.threads.has(pid)) throw new SyscallError(Errno.EINVAL);
    throw new SyscallError(Errno.ESRCH);
  }
  if (pgid === 0) pgid = target.pid;
  if (target !== self) {
    if (target.ppid !== self.pid) throw new SyscallError(Errno.ESRCH);
    if (target.sid !== self.sid) throw new SyscallError(Errno.EPERM);
    if (target.didExec) throw new SyscallError(Errno.EACCES);
  }
  if (isSessionLeader(target)) throw new SyscallError(Errno.EPERM);
  if (pgid !== target.pid && !live(table).some((p) => p.pgid === pgid && p.sid === self.sid)) throw new SyscallError(Errno.EPERM);
  target.pgid = pgid;
  return 0;
}

/** getpgid(pid): ESRCH for no such process. */
export function getpgid(table: ProcessTable, self: Process, pid: number): number {
  return lookup(table, pid, self).pgid;
}

/** getsid(pid): ESRCH for no such process. */
export function getsid(table: ProcessTable, self: Process, pid: number): number {
  return lookup(table, pid, self).sid;
}

/**
 * setsid(): the caller leads a new session and group with its pid, and loses its controlling
 * terminal. EPERM if some process's group already has the caller's pid (a group leader).
 */
export function setsid(table: ProcessTable, self: Process): number {
  if (live(table).some((p) => p.pgid === self.pid)) throw new SyscallError(Errno.EPERM);
  self.sid = self.pid;
  self.pgid = self.pid;
  self.tty = null;
  return self.pid;
}
