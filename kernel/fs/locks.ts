/**
 * Advisory file locks, kept per inode as Linux keeps them:
 *
 * - flock(2) locks belong to an open file description (shared by dup and fork) and go at its
 *   last close; a second flock by the same description converts its lock.
 * - POSIX record locks (fcntl F_SETLK/F_SETLKW/F_GETLK) cover byte ranges and belong to a
 *   process: any close of the file by that process releases them all, and they are not
 *   inherited by fork. A process whose locks are still listed after it ended is skipped.
 * - Open-file-description locks (F_OFD_*) are record locks owned by the description.
 *
 * Waiters park on the inode's queue and re-check when anything is released.
 */

import { Errno, SyscallError } from '../errno.js';
import type { OpenFile } from './file.js';
import type { Inode } from './inode.js';
import { WaitQueue } from '../wait-queue.js';

export const F_RDLCK = 0;
export const F_WRLCK = 1;
export const F_UNLCK = 2;

export interface RecordLock {
  /** A pid (POSIX lock) or the open file description (OFD lock). */
  owner: number | OpenFile;
  type: typeof F_RDLCK | typeof F_WRLCK;
  start: number;
  /** Last byte covered (inclusive); Infinity for "to end of file and beyond". */
  end: number;
  /** l_pid as F_GETLK reports it (-1 for OFD locks). */
  pid: number;
}

class InodeLocks {
  readonly flocks = new Map<OpenFile, 'sh' | 'ex'>();
  records: RecordLock[] = [];
  readonly queue = new WaitQueue();
}

const table = new WeakMap<Inode, InodeLocks>();

function locksOf(node: Inode): InodeLocks {
  let l = table.get(node);
  if (!l) table.set(node, (l = new InodeLocks()));
  return l;
}

/** The queue a blocked locker waits on. */
export function lockQueue(node: Inode): WaitQueue {
  return locksOf(node).queue;
}

// ------------------------------------------------------------------ flock

/** Takes (or converts to) a shared or exclusive flock; false when another holder conflicts. */
export function tryFlock(node: Inode, file: OpenFile, kind: 'sh' | 'ex'): boolean {
  const l = locksOf(node);
  for (const [holder, k] of l.flocks) {
    if (holder === file) continue;
    if (kind === 'ex' || k === 'ex') {
      // Linux drops the old lock before waiting to convert it.
      if (l.flocks.delete(file)) l.queue.wake();
      return false;
    }
  }
  l.flocks.set(file, kind);
  return true;
}

export function unlockFlock(node: Inode, file: OpenFile): void {
  const l = table.get(node);
  if (l?.flocks.delete(file)) l.queue.wake();
}

// ------------------------------------------------------------------ record locks

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The first lock of another owner that conflicts with `want`, if any. */
export function conflicting(node: Inode, want: Omit<RecordLock, 'pid'>, alive: (pid: number) => boolean): RecordLock | undefined {
  const l = table.get(node);
  if (!l) return undefined;
  prune(l, alive);
  return l.records.find((r) => r.owner !== want.owner && overlaps(r, want) && (r.type === F_WRLCK || want.type === F_WRLCK));
}

function prune(l: InodeLocks, alive: (pid: number) => boolean): void {
  const before = l.records.length;
  l.records = l.records.filter((r) => typeof r.owner !== 'number' || alive(r.owner));
  if (l.records.length !== before) l.queue.wake();
}

/** Removes `owner`'s locks on [start, end], splitting the ones that stick out. */
function carve(l: InodeLocks, owner: RecordLock['owner'], start: number, end: number): void {
  const out: RecordLock[] = [];
  for (const r of l.records) {
    if (r.owner !== owner || !overlaps(r, { start, end })) {
      out.push(r);
      continue;
    }
    if (r.start < start) out.push({ ...r, end: start - 1 });
    if (r.end > end) out.push({ ...r, start: end + 1 });
  }
  l.records = out;
}

/** Sets (or, with F_UNLCK, clears) a range; the caller checked conflicting() first. */
export function setRecordLock(node: Inode, lock: Omit<RecordLock, 'type'> & { type: number }): void {
  const l = locksOf(node);
  carve(l, lock.owner, lock.start, lock.end);
  if (lock.type !== F_UNLCK) {
    // Merge with the owner's adjacent or overlapping locks of the same type.
    let { start, end } = lock;
    l.records = l.records.filter((r) => {
      if (r.owner !== lock.owner || r.type !== lock.type) return true;
      if (r.end + 1 < start || end + 1 < r.start) return true;
      start = Math.min(start, r.start);
      end = Math.max(end, r.end);
      return false;
    });
    l.records.push({ owner: lock.owner, type: lock.type as RecordLock['type'], start, end, pid: lock.pid });
    l.records.sort((a, b) => a.start - b.start);
  }
  l.queue.wake();
}

/** A process closed a descriptor of the file: its POSIX locks on it go. */
export function releaseProcessLocks(node: Inode, pid: number): void {
  const l = table.get(node);
  if (!l) return;
  const before = l.records.length;
  l.records = l.records.filter((r) => r.owner !== pid);
  if (l.records.length !== before) l.queue.wake();
}

/** The last reference to an open file description went: its flock and OFD locks go. */
export function releaseFileLocks(node: Inode, file: OpenFile): void {
  const l = table.get(node);
  if (!l) return;
  const had = l.flocks.delete(file);
  const before = l.records.length;
  l.records = l.records.filter((r) => r.owner !== file);
  if (had || l.records.length !== before) l.queue.wake();
}

/** Who waits for whom (pid -> the pid holding the lock it waits for), for EDEADLK. */
const waitingFor = new Map<number, number>();

/** Records that `pid` waits for `holder`; EDEADLK when `holder` (transitively) waits for `pid`. */
export function noteWait(pid: number, holder: number): void {
  let at: number | undefined = holder;
  for (let hops = 0; at !== undefined && hops < 64; hops++) {
    if (at === pid) throw new SyscallError(Errno.EDEADLK);
    at = waitingFor.get(at);
  }
  waitingFor.set(pid, holder);
}

export function doneWaiting(pid: number): void {
  waitingFor.delete(pid);
}
