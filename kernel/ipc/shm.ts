/**
 * System V shared memory segments (shmget, shmat, shmdt, shmctl), as Linux's ipc/shm.c.
 *
 * A segment is an anonymous shared memory object (shared-pages.ts): every attach, in any
 * process, maps its one physical page per offset, and a fork child inherits its parent's
 * attaches. The segment holds one reference on the object and each mapping region one, so
 * shm_nattch is the object's references less the segment's own. IPC_RMID of a segment that
 * is still attached marks it SHM_DEST and gives it the private key; it goes away, pages and
 * id, when the last mapping does (shmdt, munmap, exec or exit).
 *
 * The syscall side (kernel/syscalls/sysv-ipc.ts) maps and unmaps; this file keeps the table.
 */

import { Errno, SyscallError } from '../errno.js';
import type { Machine } from '../../machine/machine.js';
import { PAGE_SIZE, type PhysicalPageAllocator } from '../pmm.js';
import { SharedPages } from '../shared-pages.js';
import { sharedCtl, type IpcCtlBuffer, type IpcCtlKind } from './ipc-ctl.js';
import { checkOwner, IPC_INFO, IpcIds, IpcObject, newPerm, nowSeconds, writePerm, type IpcCredentials, type IpcPerm } from './ipc-ids.js';

export const SHM_RDONLY = 0o10000;
export const SHM_RND = 0o20000;
export const SHM_REMAP = 0o40000;
export const SHM_EXEC = 0o100000;
/** Mode bits IPC_STAT shows: removed but still attached, and locked. */
export const SHM_DEST = 0o1000;
export const SHM_LOCKED = 0o2000;
export const SHM_LOCK = 11;
export const SHM_UNLOCK = 12;
export const SHM_STAT = 13;
export const SHM_INFO = 14;
export const SHM_STAT_ANY = 15;
/** arm64's SHMLBA (the generic one, a page; only 32-bit tasks get four): what SHM_RND rounds attach addresses to. */
export const SHMLBA = PAGE_SIZE;

/** Linux's defaults (include/uapi/linux/shm.h); SHMALL is the machine's budget here instead. */
const SHMMIN = 1;
const SHMMAX = 2 ** 64 - 2 ** 24;
const SHMMNI = 4096;
const SHM_STRUCT = 112;

export class ShmSegment extends IpcObject {
  atime = 0;
  dtime = 0;
  ctime = nowSeconds();
  lpid = 0;

  constructor(perm: IpcPerm, readonly size: number, readonly pages: SharedPages, readonly cpid: number, private readonly table: ShmTable) {
    super(perm);
    pages.onRelease = (left) => {
      this.dtime = nowSeconds();
      if (left === 1 && this.perm.mode & SHM_DEST) this.table.destroy(this);
    };
  }

  get nattch(): number {
    return this.deleted ? 0 : this.pages.references - 1;
  }

  /** Bytes mapped by an attach: the size rounded up to whole pages. */
  get mappedSize(): number {
    return Math.ceil(this.size / PAGE_SIZE) * PAGE_SIZE;
  }
}

export class ShmTable {
  readonly ids = new IpcIds<ShmSegment>(SHMMNI);
  private totalBytes = 0;

  /** `budget`: most bytes all segments may have together (ENOSPC past it, as SHMALL). */
  constructor(private readonly machine: Machine, private readonly pmm: PhysicalPageAllocator, private readonly budget: number) {}

  shmget(key: number, size: number, flags: number, who: IpcCredentials): number {
    return this.ids.getOrCreate(key, flags, who, () => {
      if (size < SHMMIN || size > SHMMAX) throw new SyscallError(Errno.EINVAL);
      const bytes = Math.ceil(size / PAGE_SIZE) * PAGE_SIZE;
      if (this.totalBytes + bytes > this.budget) throw new SyscallError(Errno.ENOSPC);
      this.totalBytes += bytes;
      return new ShmSegment(newPerm(key, flags, who), size, SharedPages.anonymous(this.machine, this.pmm), who.pid, this);
    }, (seg) => {
      if (size > seg.size) throw new SyscallError(Errno.EINVAL);
    });
  }

  /** The segment whose pages a mapping region maps, if it is one of ours (shmdt, exit). */
  segmentOf(pages: SharedPages | undefined): ShmSegment | undefined {
    if (!pages) return undefined;
    for (const seg of this.ids.all()) if (seg.pages === pages) return seg;
    return undefined;
  }

  /** Frees a segment: out of the table, its pages freed once no mapping holds them. */
  destroy(seg: ShmSegment): void {
    if (seg.deleted) return;
    this.ids.remove(seg);
    this.totalBytes -= seg.mappedSize;
    seg.pages.onRelease = undefined;
    seg.pages.release();
  }

  /** shmctl's commands that do not map anything: IPC_STAT/SHM_STAT(_ANY), IPC_SET, IPC_RMID, IPC_INFO, SHM_INFO, SHM_LOCK/UNLOCK. `buf` reads and writes the caller's structure. */
  shmctl(id: number, cmd: number, who: IpcCredentials, buf: IpcCtlBuffer): number {
    const shared = sharedCtl(this.ids, this.ctlKind, id, cmd, who, buf);
    if (shared !== undefined) return shared;
    switch (cmd) {
      case IPC_INFO: {
        const b = Buffer.alloc(72);
        b.writeBigUInt64LE(BigInt(SHMMAX), 0);
        b.writeBigUInt64LE(BigInt(SHMMIN), 8);
        b.writeBigUInt64LE(BigInt(SHMMNI), 16);
        b.writeBigUInt64LE(BigInt(SHMMNI), 24); // shmseg
        b.writeBigUInt64LE(BigInt(Math.floor(this.budget / PAGE_SIZE)), 32); // shmall (pages)
        buf.write(b);
        return this.ids.highestIndex;
      }
      case SHM_INFO: {
        const b = Buffer.alloc(48);
        b.writeInt32LE(this.ids.count, 0);
        b.writeBigUInt64LE(BigInt(this.totalBytes / PAGE_SIZE), 8); // shm_tot (pages)
        buf.write(b);
        return this.ids.highestIndex;
      }
    }
    const seg = this.ids.lookup(id);
    switch (cmd) {
      case SHM_LOCK:
      case SHM_UNLOCK:
        checkOwner(who, seg.perm);
        if (cmd === SHM_LOCK) seg.perm.mode |= SHM_LOCKED;
        else seg.perm.mode &= ~SHM_LOCKED;
        return 0;
      default:
        throw new SyscallError(Errno.EINVAL);
    }
  }

  /** SHM_STAT, IPC_STAT, IPC_SET and IPC_RMID as ipc-ctl.ts answers them: a segment still attached outlives IPC_RMID as SHM_DEST with the private key. */
  private readonly ctlKind: IpcCtlKind<ShmSegment> = {
    statCmd: SHM_STAT,
    statAnyCmd: SHM_STAT_ANY,
    setSize: 48,
    stat: (seg) => this.stat(seg),
    remove: (seg) => {
      if (seg.nattch === 0) this.destroy(seg);
      else {
        seg.perm.mode |= SHM_DEST;
        seg.perm.key = 0;
      }
    },
  };

  /** struct shmid64_ds. */
  private stat(seg: ShmSegment): Buffer {
    const b = Buffer.alloc(SHM_STRUCT);
    writePerm(b, 0, seg.perm);
    b.writeBigUInt64LE(BigInt(seg.size), 48);
    b.writeBigInt64LE(BigInt(seg.atime), 56);
    b.writeBigInt64LE(BigInt(seg.dtime), 64);
    b.writeBigInt64LE(BigInt(seg.ctime), 72);
    b.writeInt32LE(seg.cpid, 80);
    b.writeInt32LE(seg.lpid, 84);
    b.writeBigUInt64LE(BigInt(seg.nattch), 88);
    return b;
  }
}
