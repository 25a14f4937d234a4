/**
 * What the three System V IPC kinds (shared memory, semaphores, message queues) have in
 * common, as Linux's ipc/util.c has it: an object's ipc_perm (key, owner, creator, mode,
 * sequence number), the table that hands out ids (index + sequence * 32768, allocated
 * cyclically so a stale id does not name a new object), lookup by key for the *get calls
 * with IPC_CREAT/IPC_EXCL, and the permission rules (ipcperms: owner, group, other bits;
 * root passes; only the owner, the creator or root may IPC_SET or IPC_RMID).
 */

import { Errno, SyscallError } from '../errno.js';

export const IPC_PRIVATE = 0;
export const IPC_CREAT = 0o1000;
export const IPC_EXCL = 0o2000;
export const IPC_NOWAIT = 0o4000;

export const IPC_RMID = 0;
export const IPC_SET = 1;
export const IPC_STAT = 2;
export const IPC_INFO = 3;
/** glibc ORs this into every *ctl command (the 64-bit structure layout); the kernel ignores it here. */
export const IPC_64 = 0x100;

/** Access asked for: read (IPC_STAT, shmat, semop without changes, msgrcv) and write. */
export const S_IRUGO = 0o444;
export const S_IWUGO = 0o222;

/** ids are index + sequence * IPCMNI (Linux's default ipcmni). */
const IPCMNI = 32768;
const SEQ_MAX = 65535;

/** The caller's credentials as IPC checks read them (effective ids, supplementary groups). */
export interface IpcCredentials {
  readonly pid: number;
  readonly uid: number;
  readonly gid: number;
  readonly groups: readonly number[];
}

export class IpcPerm {
  seq = 0;
  constructor(
    public key: number,
    public uid: number,
    public gid: number,
    readonly cuid: number,
    readonly cgid: number,
    /** The low nine permission bits, plus the kind's own status bits (SHM_DEST, SHM_LOCKED). */
    public mode: number,
  ) {}
}

/** One shared memory segment, semaphore set or message queue. */
export abstract class IpcObject {
  id = -1;
  /** Set when IPC_RMID took it out of the table: a waiter woken for that answers EIDRM. */
  deleted = false;
  constructor(readonly perm: IpcPerm) {}
}

/** ipcperms(): may `who` have the access `flag` asks for (its rwx bits in any of the three places)? */
export function ipcAllowed(who: IpcCredentials, perm: IpcPerm, flag: number): boolean {
  if (who.uid === 0) return true;
  const requested = ((flag >> 6) | (flag >> 3) | flag) & 7;
  let granted = perm.mode;
  if (who.uid === perm.cuid || who.uid === perm.uid) granted >>= 6;
  else if (inGroup(who, perm.cgid) || inGroup(who, perm.gid)) granted >>= 3;
  return (requested & ~granted & 7) === 0;
}

export function checkAccess(who: IpcCredentials, perm: IpcPerm, flag: number): void {
  if (!ipcAllowed(who, perm, flag)) throw new SyscallError(Errno.EACCES);
}

/** IPC_SET and IPC_RMID: the owner, the creator, or root (else EPERM). */
export function checkOwner(who: IpcCredentials, perm: IpcPerm): void {
  if (who.uid !== 0 && who.uid !== perm.uid && who.uid !== perm.cuid) throw new SyscallError(Errno.EPERM);
}

function inGroup(who: IpcCredentials, gid: number): boolean {
  return who.gid === gid || who.groups.includes(gid);
}

/** The ipc_perm every IPC_STAT writes (struct ipc64_perm, 48 bytes, at `off`). */
export function writePerm(b: Buffer, off: number, perm: IpcPerm): void {
  b.writeInt32LE(perm.key | 0, off);
  b.writeUInt32LE(perm.uid >>> 0, off + 4);
  b.writeUInt32LE(perm.gid >>> 0, off + 8);
  b.writeUInt32LE(perm.cuid >>> 0, off + 12);
  b.writeUInt32LE(perm.cgid >>> 0, off + 16);
  b.writeUInt32LE(perm.mode >>> 0, off + 20);
  b.writeUInt16LE(perm.seq & 0xffff, off + 24);
}

/** IPC_SET: the new owner and permission bits from a struct ipc64_perm (the rest of the mode is kept). */
export function setPerm(b: Uint8Array, perm: IpcPerm): void {
  const v = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  perm.uid = v.readUInt32LE(4);
  perm.gid = v.readUInt32LE(8);
  perm.mode = (perm.mode & ~0o777) | (v.readUInt32LE(20) & 0o777);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The ids of one kind: index allocation, lookup by id and by key. */
export class IpcIds<T extends IpcObject> {
  private readonly byIndex = new Map<number, T>();
  private lastIndex = -1;
  private seq = 0;

  /** `max`: most objects at once (SHMMNI, SEMMNI, MSGMNI); past it the get call fails with ENOSPC. */
  constructor(readonly max: number) {}

  get count(): number {
    return this.byIndex.size;
  }

  /** The highest index in use (what IPC_INFO and *_INFO return), or 0. */
  get highestIndex(): number {
    let n = 0;
    for (const i of this.byIndex.keys()) n = Math.max(n, i);
    return n;
  }

  /** The live object named by `id` (the index and the sequence number must both match). */
  get(id: number): T | undefined {
    if (id < 0) return undefined;
    const obj = this.byIndex.get(id % IPCMNI);
    return obj && obj.id === id ? obj : undefined;
  }

  /** Like get, EINVAL when there is none (what every call but the *get ones answers). */
  lookup(id: number): T {
    const obj = this.get(id);
    if (!obj) throw new SyscallError(Errno.EINVAL);
    return obj;
  }

  /** The object at table index `index` (SHM_STAT, SEM_STAT, MSG_STAT take an index). */
  atIndex(index: number): T | undefined {
    return this.byIndex.get(index);
  }

  findKey(key: number): T | undefined {
    if (key === IPC_PRIVATE) return undefined;
    for (const obj of this.byIndex.values()) if (obj.perm.key === key) return obj;
    return undefined;
  }

  all(): IterableIterator<T> {
    return this.byIndex.values();
  }

  /** Gives obj an id: the next free index after the last one handed out, wrapping, as Linux's idr_alloc_cyclic. */
  add(obj: T): number {
    if (this.byIndex.size >= this.max) throw new SyscallError(Errno.ENOSPC);
    let index = -1;
    for (let i = 1; i <= this.max; i++) {
      const cand = (this.lastIndex + i) % this.max;
      if (!this.byIndex.has(cand)) {
        index = cand;
        break;
      }
    }
    if (index < 0) throw new SyscallError(Errno.ENOSPC);
    if (index <= this.lastIndex && ++this.seq > SEQ_MAX) this.seq = 0;
    this.lastIndex = index;
    obj.perm.seq = this.seq;
    obj.id = this.seq * IPCMNI + index;
    this.byIndex.set(index, obj);
    return obj.id;
  }

  remove(obj: T): void {
    const index = obj.id % IPCMNI;
    if (this.byIndex.get(index) === obj) this.byIndex.delete(index);
    obj.deleted = true;
  }

  /**
   * The *get calls (ipcget): IPC_PRIVATE always makes a new object; a key that names none
   * makes one with IPC_CREAT (else ENOENT); one that exists is EEXIST with IPC_CREAT|IPC_EXCL,
   * else it must pass the kind's own check (`existing`) and the permission bits asked for.
   */
  getOrCreate(key: number, flags: number, who: IpcCredentials, create: () => T, existing: (obj: T) => void): number {
    if (key === IPC_PRIVATE) return this.add(create());
    const found = this.findKey(key);
    if (!found) {
      if (!(flags & IPC_CREAT)) throw new SyscallError(Errno.ENOENT);
      return this.add(create());
    }
    if (flags & IPC_CREAT && flags & IPC_EXCL) throw new SyscallError(Errno.EEXIST);
    existing(found);
    checkAccess(who, found.perm, flags);
    return found.id;
  }
}

export function newPerm(key: number, flags: number, who: IpcCredentials): IpcPerm {
  return new IpcPerm(key, who.uid, who.gid, who.uid, who.gid, flags & 0o777);
}
