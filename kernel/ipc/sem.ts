/**
 * System V semaphore sets (semget, semop/semtimedop, semctl), as Linux's ipc/sem.c.
 *
 * semop applies all of its operations or none: tryOps works on a copy and answers done,
 * "would block on this operation" (the caller parks on the set's queue and retries when
 * any value changes) or an error. SEM_UNDO keeps, per process (threads share it, a fork
 * child starts without), the adjustment that undoes its operations; exitProcess applies
 * them, each value clamped to 0..SEMVMX, when the process ends. SETVAL and SETALL clear
 * every process's adjustment for the values they set. semncnt/semzcnt count the waiters
 * whose blocking operation waits for that value to grow or to reach zero.
 */

import { Errno, SyscallError } from '../errno.js';
import { WaitQueue } from '../wait-queue.js';
import { sharedCtl, type IpcCtlBuffer, type IpcCtlKind } from './ipc-ctl.js';
import { checkAccess, IPC_INFO, IPC_NOWAIT, IpcIds, IpcObject, newPerm, nowSeconds, S_IRUGO, S_IWUGO, writePerm, type IpcCredentials, type IpcPerm } from './ipc-ids.js';

export const SEM_UNDO = 0x1000;
export const GETPID = 11;
export const GETVAL = 12;
export const GETALL = 13;
export const GETNCNT = 14;
export const GETZCNT = 15;
export const SETVAL = 16;
export const SETALL = 17;
export const SEM_STAT = 18;
export const SEM_INFO = 19;
export const SEM_STAT_ANY = 20;

/** Linux's defaults (include/uapi/linux/sem.h). */
export const SEMMSL = 32000;
export const SEMMNI = 32000;
export const SEMOPM = 500;
export const SEMVMX = 32767;
const SEMAEM = SEMVMX;
/** All sets' semaphores together (Linux's SEMMNS is far larger; this bounds the host memory a guest can take). */
const SEMMNS_HERE = 1 << 20;

export interface SemOp {
  num: number;
  op: number;
  flags: number;
}

/** A thread parked in semop, for GETNCNT/GETZCNT. */
export interface SemWaiter {
  num: number;
  /** Waits for the value to reach zero (sem_op 0) rather than to grow. */
  zero: boolean;
}

export class SemSet extends IpcObject {
  readonly values: number[];
  readonly pids: number[];
  otime = 0;
  ctime = nowSeconds();
  /** Woken whenever a value changes or the set is removed. */
  readonly changed = new WaitQueue();
  readonly waiters = new Set<SemWaiter>();

  constructor(perm: IpcPerm, readonly nsems: number) {
    super(perm);
    this.values = new Array<number>(nsems).fill(0);
    this.pids = new Array<number>(nsems).fill(0);
  }
}

export type SemopOutcome = { done: true } | { done: false; blocking: SemOp };

/** Per-process undo adjustments: set -> adjustment per semaphore. */
type UndoList = Map<SemSet, number[]>;

export class SemTable {
  readonly ids = new IpcIds<SemSet>(SEMMNI);
  private totalSems = 0;
  /** Processes with SEM_UNDO adjustments (dropped at their exit). */
  private readonly undo = new Map<object, UndoList>();

  semget(key: number, nsems: number, flags: number, who: IpcCredentials): number {
    if (nsems < 0 || nsems > SEMMSL) throw new SyscallError(Errno.EINVAL);
    return this.ids.getOrCreate(key, flags, who, () => {
      if (nsems === 0) throw new SyscallError(Errno.EINVAL);
      if (this.totalSems + nsems > SEMMNS_HERE) throw new SyscallError(Errno.ENOSPC);
      this.totalSems += nsems;
      return new SemSet(newPerm(key, flags, who), nsems);
    }, (set) => {
      if (nsems > set.nsems) throw new SyscallError(Errno.EINVAL);
    });
  }

  /** semop's checks before it tries: a set, operations within it (EFBIG), the access they need. */
  prepare(id: number, ops: readonly SemOp[], who: IpcCredentials): SemSet {
    const set = this.ids.lookup(id);
    let max = 0;
    let alter = false;
    for (const o of ops) {
      max = Math.max(max, o.num);
      if (o.op !== 0) alter = true;
    }
    if (max >= set.nsems) throw new SyscallError(Errno.EFBIG);
    checkAccess(who, set.perm, alter ? S_IWUGO : S_IRUGO);
    return set;
  }

  /**
   * Applies `ops` all at once if they can all go now. EAGAIN when one that would wait has
   * IPC_NOWAIT; ERANGE past SEMVMX or past what an undo adjustment can hold.
   */
  tryOps(set: SemSet, ops: readonly SemOp[], who: IpcCredentials, owner: object): SemopOutcome {
    const values = set.values.slice();
    const undoList = this.undo.get(owner);
    const adj = undoList?.get(set)?.slice() ?? new Array<number>(set.nsems).fill(0);
    let undoUsed = false;
    for (const o of ops) {
      const cur = values[o.num];
      const next = cur + o.op;
      if ((o.op === 0 && cur !== 0) || next < 0) {
        if (o.flags & IPC_NOWAIT) throw new SyscallError(Errno.EAGAIN);
        return { done: false, blocking: o };
      }
      if (next > SEMVMX) throw new SyscallError(Errno.ERANGE);
      if (o.flags & SEM_UNDO) {
        const a = adj[o.num] - o.op;
        if (a < -SEMAEM - 1 || a > SEMAEM) throw new SyscallError(Errno.ERANGE);
        adj[o.num] = a;
        undoUsed = true;
      }
      values[o.num] = next;
    }
    for (const o of ops) set.pids[o.num] = who.pid;
    for (let i = 0; i < values.length; i++) set.values[i] = values[i];
    set.otime = nowSeconds();
    if (undoUsed) {
      let list = undoList;
      if (!list) {
        list = new Map();
        this.undo.set(owner, list);
      }
      list.set(set, adj);
    }
    if (ops.some((o) => o.op !== 0)) set.changed.wake();
    return { done: true };
  }

  semctl(id: number, num: number, cmd: number, arg: bigint, who: IpcCredentials, user: SemUser): number {
    const buf: IpcCtlBuffer = { read: (n) => user.read(Number(arg), n), write: (b) => user.write(Number(arg), b) };
    const shared = sharedCtl(this.ids, this.ctlKind, id, cmd, who, buf);
    if (shared !== undefined) return shared;
    switch (cmd) {
      case IPC_INFO:
      case SEM_INFO: {
        const b = Buffer.alloc(40);
        const fields = [SEMMNI, SEMMNI, SEMMNS_HERE, SEMMNS_HERE, SEMMSL, SEMOPM, SEMOPM, 40, SEMVMX, SEMAEM];
        fields.forEach((v, i) => b.writeInt32LE(v, i * 4));
        if (cmd === SEM_INFO) {
          b.writeInt32LE(this.ids.count, 12); // semusz: sets in use
          b.writeInt32LE(this.totalSems, 36); // semaem: semaphores in use
        }
        user.write(Number(arg), b);
        return this.ids.highestIndex;
      }
      case SETVAL: {
        const val = Number(BigInt.asIntN(32, arg));
        if (val < 0 || val > SEMVMX) throw new SyscallError(Errno.ERANGE);
        const set = this.ids.lookup(id);
        if (num < 0 || num >= set.nsems) throw new SyscallError(Errno.EINVAL);
        checkAccess(who, set.perm, S_IWUGO);
        this.clearUndo(set, num);
        set.values[num] = val;
        set.pids[num] = who.pid;
        set.ctime = nowSeconds();
        set.changed.wake();
        return 0;
      }
    }
    const set = this.ids.lookup(id);
    switch (cmd) {
      case GETALL: {
        checkAccess(who, set.perm, S_IRUGO);
        const b = Buffer.alloc(set.nsems * 2);
        set.values.forEach((v, i) => b.writeUInt16LE(v, i * 2));
        user.write(Number(arg), b);
        return 0;
      }
      case SETALL: {
        checkAccess(who, set.perm, S_IWUGO);
        const b = Buffer.from(user.read(Number(arg), set.nsems * 2));
        const vals = Array.from({ length: set.nsems }, (_, i) => b.readUInt16LE(i * 2));
        if (vals.some((v) => v > SEMVMX)) throw new SyscallError(Errno.ERANGE);
        for (let i = 0; i < set.nsems; i++) {
          this.clearUndo(set, i);
          set.values[i] = vals[i];
          set.pids[i] = who.pid;
        }
        set.ctime = nowSeconds();
        set.changed.wake();
        return 0;
      }
      case GETVAL:
      case GETPID:
      case GETNCNT:
      case GETZCNT: {
        if (num < 0 || num >= set.nsems) throw new SyscallError(Errno.EINVAL);
        checkAccess(who, set.perm, S_IRUGO);
        if (cmd === GETVAL) return set.values[num];
        if (cmd === GETPID) return set.pids[num];
        let n = 0;
        for (const w of set.waiters) if (w.num === num && w.zero === (cmd === GETZCNT)) n++;
        return n;
      }
      default:
        throw new SyscallError(Errno.EINVAL);
    }
  }

  /** IPC_RMID: out of the table; every waiter wakes to EIDRM; undo adjustments for it are dropped. */
  remove(set: SemSet): void {
    this.ids.remove(set);
    this.totalSems -= set.nsems;
    for (const list of this.undo.values()) list.delete(set);
    set.changed.wake();
  }

  /** At process exit: its SEM_UNDO adjustments are applied to the sets that still exist. */
  exitProcess(owner: object, pid: number): void {
    const list = this.undo.get(owner);
    if (!list) return;
    this.undo.delete(owner);
    for (const [set, adj] of list) {
      if (set.deleted) continue;
      let changed = false;
      adj.forEach((a, i) => {
        if (a === 0) return;
        set.values[i] = Math.min(SEMVMX, Math.max(0, set.values[i] + a));
        set.pids[i] = pid;
        changed = true;
      });
      if (changed) {
        set.otime = nowSeconds();
        set.changed.wake();
      }
    }
  }

  /** SETVAL and SETALL: no process's SEM_UNDO adjustment for that value survives. */
  private clearUndo(set: SemSet, num: number): void {
    for (const list of this.undo.values()) list.get(set)?.splice(num, 1, 0);
  }

  /** SEM_STAT, IPC_STAT, IPC_SET and IPC_RMID as ipc-ctl.ts answers them, with semid64_ds's own fields. */
  private readonly ctlKind: IpcCtlKind<SemSet> = {
    statCmd: SEM_STAT,
    statAnyCmd: SEM_STAT_ANY,
    setSize: 48,
    stat: (set) => this.stat(set),
    remove: (set) => this.remove(set),
  };

  /** struct semid64_ds. */
  private stat(set: SemSet): Buffer {
    const b = Buffer.alloc(88);
    writePerm(b, 0, set.perm);
    b.writeBigInt64LE(BigInt(set.otime), 48);
    b.writeBigInt64LE(BigInt(set.ctime), 56);
    b.writeBigUInt64LE(BigInt(set.nsems), 64);
    return b;
  }
}

/** The caller's memory as semctl's union semun pointer needs it. */
export interface SemUser {
  read(addr: number, n: number): Uint8Array;
  write(addr: number, b: Buffer): void;
}
