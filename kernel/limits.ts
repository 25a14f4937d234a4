/**
 * Per-user limits: what keeps one user's fork bomb, spinner or memory hog from taking the
 * machine away from every other user (every SSH login is its own guest uid).
 *
 * - RLIMIT_NPROC: live tasks (threads, as Linux counts them) per real uid. fork/clone past
 *   the calling process's soft limit fails with EAGAIN unless the caller is root; the
 *   default is well under the machine's process table (the ASIDs) so another user can
 *   always still start processes. The first time a uid hits it, one log line.
 * - Memory: the private memory each uid commits is admitted by memory-admission.ts (a fair
 *   share of RAM, ENOMEM beyond it when RAM is fully committed), which sums it by uidOf.
 *
 * - The machine's task cap (serve --machine-nproc): live tasks of every uid together, root's
 *   included, as a pids cgroup's pids.max bounds a container; fork/clone past it fails with
 *   EAGAIN, and the first refusal logs one line for the machine.
 *
 * The fair CPU share per uid is the run queue's (scheduler.ts); between machines, the
 * arbiter's (machine-arbiter.ts). The machine's fd budget is FdBudget (fs/filetable.ts).
 */

import type { Logger } from 'pino';
import { Errno, SyscallError } from './errno.js';
import type { Process, Thread } from './process.js';

/** RLIM_INFINITY as getrlimit reports it. */
export const RLIM_INFINITY = (1n << 64n) - 1n;

/** Default RLIMIT_NPROC for every uid but root (tasks: processes and threads). */
export const DEFAULT_NPROC = 256;

export interface UserLimitOptions {
  /** RLIMIT_NPROC's soft and hard default. */
  nproc?: number;
  /** The most tasks the whole machine may have (every uid, root too); none by default. */
  machineNproc?: number;
  logger: Logger;
}

export class UserLimits {
  readonly defaultNproc: number;
  private readonly logger: Logger;
  /** Live tasks per real uid. */
  private readonly tasks = new Map<number, number>();
  /** The uid each live thread is counted to now (setuid moves it: moveTo). */
  private readonly chargedTo = new WeakMap<Thread, number>();
  /** Live processes per uid (for the memory cap and the OOM killer's per-user sums). */
  private readonly members = new Map<number, Set<Process>>();
  private readonly memberOf = new WeakMap<Process, number>();
  /** A process's own RLIMIT_NPROC [soft, hard] when it set one (children inherit it). */
  private readonly nprocOf = new WeakMap<Process, [bigint, bigint]>();
  /** Processes whose setuid took them into a uid over its RLIMIT_NPROC: their next execve fails (Linux's PF_NPROC_EXCEEDED). */
  private readonly overAfterSetuid = new WeakSet<Process>();
  /** Uids already logged as having hit RLIMIT_NPROC. */
  private readonly warned = new Set<number>();
  /** The machine's task cap (undefined: none) and its live tasks. */
  readonly machineNproc: number | undefined;
  private machineTasks = 0;
  /** fork/clone refused by the machine's task cap so far. */
  machineRefusals = 0;

  constructor(options: UserLimitOptions) {
    this.defaultNproc = options.nproc ?? DEFAULT_NPROC;
    this.machineNproc = options.machineNproc;
    this.logger = options.logger;
  }

  /** Tasks alive in the whole machine. */
  get machineTaskCount(): number {
    return this.machineTasks;
  }

  /** Tasks (threads) uid has alive now. */
  taskCount(uid: number): number {
    return this.tasks.get(uid) ?? 0;
  }

  /** p's RLIMIT_NPROC [soft, hard]. */
  nproc(p: Process): [bigint, bigint] {
    const own = this.nprocOf.get(p);
    if (own) return own;
    const d = BigInt(this.defaultNproc);
    return [d, d];
  }

  /** setrlimit(RLIMIT_NPROC): only root raises the hard limit (Linux's EPERM). */
  setNproc(p: Process, soft: bigint, hard: bigint): void {
    if (soft > hard) throw new SyscallError(Errno.EINVAL);
    if (hard > this.nproc(p)[1] && p.uid !== 0) throw new SyscallError(Errno.EPERM);
    this.nprocOf.set(p, [soft, hard]);
  }

  /** fork/clone: EAGAIN when p's real uid already has its soft limit of tasks (root is exempt). */
  admit(p: Process): void {
    if (this.machineNproc !== undefined && this.machineTasks >= this.machineNproc) {
      if (this.machineRefusals++ === 0) {
        this.logger.warn({ uid: p.ruid, pid: p.pid, cmd: p.exe, tasks: this.machineTasks, machineNproc: this.machineNproc }, 'machine reached --machine-nproc: fork fails with EAGAIN');
      }
      throw new SyscallError(Errno.EAGAIN);
    }
    if (p.uid === 0 || p.ruid === 0) return;
    const n = this.taskCount(p.ruid);
    if (BigInt(n) < this.nproc(p)[0]) return;
    if (!this.warned.has(p.ruid)) {
      this.warned.add(p.ruid);
      this.logger.warn({ uid: p.ruid, pid: p.pid, tasks: n }, 'uid reached RLIMIT_NPROC: fork fails with EAGAIN');
    }
    throw new SyscallError(Errno.EAGAIN);
  }

  /** Counts a new thread (and its process, if new) to its real uid; `parent` passes on its rlimit. */
  charge(t: Thread, parent?: Process): void {
    if (this.chargedTo.has(t)) return;
    const p = t.process;
    const uid = p.ruid;
    this.chargedTo.set(t, uid);
    this.tasks.set(uid, this.taskCount(uid) + 1);
    this.machineTasks++;
    if (!this.memberOf.has(p)) {
      this.memberOf.set(p, uid);
      let set = this.members.get(uid);
      if (!set) this.members.set(uid, (set = new Set()));
      set.add(p);
      const inherited = parent && this.nprocOf.get(parent);
      if (inherited) this.nprocOf.set(p, [...inherited]);
    }
  }

  /** A thread ended; its process leaves the uid with its last thread. */
  release(t: Thread): void {
    const uid = this.chargedTo.get(t);
    if (uid === undefined) return;
    this.chargedTo.delete(t);
    this.machineTasks--;
    const n = this.taskCount(uid) - 1;
    if (n > 0) this.tasks.set(uid, n);
    else this.tasks.delete(uid);
    const p = t.process;
    if (p.threads.length === 0 || p.threads.every((x) => x === t || x.dead)) {
      const owner = this.memberOf.get(p);
      if (owner !== undefined) {
        this.memberOf.delete(p);
        const set = this.members.get(owner);
        set?.delete(p);
        if (set && set.size === 0) this.members.delete(owner);
      }
    }
  }

  /**
   * A change of p's real uid (setuid, setreuid, setresuid): its threads, and so its task
   * count and the memory admission counts by uidOf, move to the new uid, as Linux moves a
   * process to the new user's counts with its credentials. setuid itself never fails for
   * it; when the new uid is then over p's RLIMIT_NPROC, p's next execve fails with EAGAIN
   * (checkExec), as Linux does since 3.1.
   */
  moveTo(p: Process, uid: number): void {
    const from = this.memberOf.get(p);
    if (from === undefined || from === uid) return;
    for (const t of p.threads) {
      if (this.chargedTo.get(t) !== from) continue;
      this.chargedTo.set(t, uid);
      const n = this.taskCount(from) - 1;
      if (n > 0) this.tasks.set(from, n);
      else this.tasks.delete(from);
      this.tasks.set(uid, this.taskCount(uid) + 1);
    }
    const old = this.members.get(from);
    old?.delete(p);
    if (old && old.size === 0) this.members.delete(from);
    let set = this.members.get(uid);
    if (!set) this.members.set(uid, (set = new Set()));
    set.add(p);
    this.memberOf.set(p, uid);
    if (uid !== 0 && BigInt(this.taskCount(uid)) > this.nproc(p)[0]) this.overAfterSetuid.add(p);
    else this.overAfterSetuid.delete(p);
    this.logger.debug({ pid: p.pid, from, to: uid, tasks: this.taskCount(uid) }, 'process counted to its new real uid');
  }

  /** execve after a setuid into a uid over RLIMIT_NPROC: EAGAIN while that uid is still over it. */
  checkExec(p: Process): void {
    if (!this.overAfterSetuid.has(p)) return;
    const uid = this.memberOf.get(p) ?? p.ruid;
    if (p.uid !== 0 && BigInt(this.taskCount(uid)) > this.nproc(p)[0]) throw new SyscallError(Errno.EAGAIN);
    this.overAfterSetuid.delete(p);
  }

  /** The uid p is counted to now (memory admission sums a uid's commit by it). */
  uidOf(p: Process): number | undefined {
    return this.memberOf.get(p);
  }
}
