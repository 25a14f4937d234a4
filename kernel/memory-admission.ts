/**
 * Memory admission: the commit accounting that keeps one tenant's memory use from costing
 * another tenant its jobs (every SSH login is its own guest uid).
 *
 * Every mapping that can hold private writable data is committed memory (the address
 * space's committedBytes). Before memory is committed (mmap, brk, mremap growth, shmat, mprotect
 * adding write, fork's copy, exec's new image) the kernel asks here, and a refusal is
 * ENOMEM for the caller, with one log line per process, instead of physical pages running
 * out later and the OOM killer ending somebody's process. The rule, for a non-root uid:
 *
 *   1. never over its hard cap (`serve --user-memory SIZE`; none by default);
 *   2. always admitted while the uid's commit stays within its fair share: the committable
 *      RAM divided by the uids holding memory (itself included);
 *   3. beyond its share, admitted only from RAM nobody has committed (the machine's total
 *      commit stays within the committable RAM): a lone user may borrow the idle machine.
 *
 * A uid within its share may so take the machine past its RAM while another uid borrows;
 * when physical pages then run out, the OOM killer (oom.ts) takes the largest process of
 * the uid most over its share, that is a borrower, never the uid that stayed within it.
 * Root is never refused (its commit counts in the total, as the kernel's own users would).
 */

import type { Logger } from 'pino';
import type { Process } from './process.js';

/** Part of RAM kept out of the committable total: page tables, file pages mapped read-only, exec's staging. */
const RESERVED_SHARE = 1 / 16;

/** How a commit request is named in the refusal's log line. */
export type CommitKind = 'mmap' | 'brk' | 'mremap' | 'mprotect' | 'shmat' | 'fork' | 'exec';

export interface MemoryAdmissionOptions {
  /** Bytes of guest RAM. */
  ramBytes: number;
  /** Hard cap on one non-root uid's committed memory (bytes); undefined: the fair share rule only. */
  userMemoryLimit?: number;
  logger: Logger;
  /** Live processes (for the machine's total commit). */
  processes: () => Iterable<Process>;
  /** The uid a process is counted to now (limits.ts), undefined for one not counted. */
  uidOf: (p: Process) => number | undefined;
}

/** Why a commit was refused. */
export type Refusal = 'user memory limit' | 'over its fair share while RAM is fully committed';

export interface Decision {
  admitted: boolean;
  reason?: Refusal;
  userCommit: number;
  fairShare: number;
  totalCommit: number;
}

export class MemoryAdmission {
  /** Bytes of RAM commitments may add up to. */
  readonly committable: number;
  userMemoryLimit: number | undefined;
  private readonly logger: Logger;
  private readonly processes: () => Iterable<Process>;
  private readonly uidOf: (p: Process) => number | undefined;
  /** Processes already logged as refused (a program retrying its mmap logs once). */
  private readonly logged = new WeakSet<Process>();
  /** Refusals so far, by uid (tests and /proc-style reports). */
  readonly refusals = new Map<number, number>();

  constructor(options: MemoryAdmissionOptions) {
    this.committable = Math.floor(options.ramBytes * (1 - RESERVED_SHARE));
    this.userMemoryLimit = options.userMemoryLimit;
    this.logger = options.logger;
    this.processes = options.processes;
    this.uidOf = options.uidOf;
  }

  /** Commit per uid (root and uncounted processes under their current uid) and the machine's total. */
  private commits(): { perUid: Map<number, number>; total: number } {
    const perUid = new Map<number, number>();
    const seen = new Set<unknown>();
    let total = 0;
    for (const q of this.processes()) {
      if (q.exit || seen.has(q.vm)) continue;
      seen.add(q.vm);
      const bytes = q.vm.committedBytes();
      if (bytes === 0) continue;
      const uid = this.uidOf(q) ?? q.ruid;
      perUid.set(uid, (perUid.get(uid) ?? 0) + bytes);
      total += bytes;
    }
    return { perUid, total };
  }

  /** The share of committable RAM each non-root uid holding memory (and `uid`) is owed now. */
  fairShare(uid: number, perUid?: Map<number, number>): number {
    perUid ??= this.commits().perUid;
    let holders = 0;
    for (const [u, bytes] of perUid) if (u !== 0 && bytes > 0 && u !== uid) holders++;
    return Math.floor(this.committable / (holders + 1));
  }

  /** Whether `uid` may commit `extra` more bytes now (the rule in the header). */
  decide(uid: number, extra: number): Decision {
    const { perUid, total } = this.commits();
    const userCommit = perUid.get(uid) ?? 0;
    const fairShare = this.fairShare(uid, perUid);
    const out = { userCommit, fairShare, totalCommit: total };
    if (uid === 0 || extra <= 0) return { admitted: true, ...out };
    if (this.userMemoryLimit !== undefined && userCommit + extra > this.userMemoryLimit) return { admitted: false, reason: 'user memory limit', ...out };
    if (userCommit + extra <= fairShare || total + extra <= this.committable) return { admitted: true, ...out };
    return { admitted: false, reason: 'over its fair share while RAM is fully committed', ...out };
  }

  /**
   * Asks for `extra` bytes of commitment for `p` (or, for a process not made yet, for `uid`);
   * false (the caller fails with ENOMEM) when refused, logged once per process.
   */
  admit(p: Process | null, extra: number, kind: CommitKind, uid = p ? (this.uidOf(p) ?? p.ruid) : 0, cmd = p?.exe): boolean {
    if (p && (p.uid === 0 || p.ruid === 0)) return true;
    const d = this.decide(uid, extra);
    if (d.admitted) return true;
    this.refusals.set(uid, (this.refusals.get(uid) ?? 0) + 1);
    if (!p || !this.logged.has(p)) {
      if (p) this.logged.add(p);
      const kb = (n: number) => Math.ceil(n / 1024);
      this.logger.warn(
        { uid, pid: p?.pid, cmd, call: kind, requestKb: kb(extra), userCommitKb: kb(d.userCommit), fairShareKb: kb(d.fairShare), userLimitKb: this.userMemoryLimit === undefined ? undefined : kb(this.userMemoryLimit), totalCommitKb: kb(d.totalCommit), committableKb: kb(this.committable), reason: d.reason },
        `memory refused (ENOMEM): ${d.reason}`,
      );
    }
    return false;
  }

  /**
   * The OOM killer's choice: the largest process of the uid whose resident pages are most
   * over its fair share (all pages divided by the uids holding memory), so the user who
   * exhausted the RAM pays for it. Undefined when nothing holds memory.
   */
  oomVictim(totalPages: number): Process | undefined {
    const perUid = new Map<number, { pages: number; largest: Process }>();
    for (const q of this.processes()) {
      if (q.exit || q.exiting) continue;
      const uid = this.uidOf(q) ?? q.ruid;
      const e = perUid.get(uid);
      if (!e) perUid.set(uid, { pages: q.vm.residentPages, largest: q });
      else {
        e.pages += q.vm.residentPages;
        if (q.vm.residentPages > e.largest.vm.residentPages) e.largest = q;
      }
    }
    const holders = [...perUid.values()].filter((e) => e.pages > 0);
    if (!holders.length) return undefined;
    const fair = totalPages / holders.length;
    let worst = holders[0]!;
    for (const e of holders) if (e.pages - fair > worst.pages - fair) worst = e;
    return worst.largest;
  }
}
