/**
 * The *ctl commands that shmctl, semctl and msgctl answer alike (Linux spreads them over
 * ipc/util.c and each kind's *ctl_down/*ctl_stat): the *_STAT command by table index (its
 * _ANY form skips the read check), IPC_STAT (read permission, then the kind's structure),
 * IPC_SET (the structure read in, then the owner check, the kind's own check, the new owner
 * and permission bits, ctime) and IPC_RMID (the owner check, then the kind's removal).
 * Kept here once so the three kinds cannot drift apart in order or errno; each kind keeps
 * its own structure layout (shmid_ds, semid_ds, msqid_ds) and its own commands.
 */

import { Errno, SyscallError } from '../errno.js';
import { checkAccess, checkOwner, IPC_RMID, IPC_SET, IPC_STAT, IpcIds, IpcObject, nowSeconds, S_IRUGO, setPerm, type IpcCredentials } from './ipc-ids.js';

/** The caller's structure a *ctl command reads or writes. */
export interface IpcCtlBuffer {
  read(n: number): Uint8Array;
  write(b: Buffer): void;
}

/** What one kind adds to the shared commands. */
export interface IpcCtlKind<T extends IpcObject & { ctime: number }> {
  /** The kind's STAT and STAT_ANY command numbers (they take a table index, not an id). */
  readonly statCmd: number;
  readonly statAnyCmd: number;
  /** Bytes of the kind's structure IPC_SET reads. */
  readonly setSize: number;
  /** The kind's struct *id64_ds as IPC_STAT writes it. */
  stat(obj: T): Buffer;
  /** IPC_SET's own check, after the owner check and before anything changes (may throw). */
  checkSet?(obj: T, b: Buffer, who: IpcCredentials): void;
  /** IPC_SET's own fields, after the permissions and ctime. */
  applySet?(obj: T, b: Buffer): void;
  /** IPC_RMID, once the caller passed the owner check. */
  remove(obj: T): void;
}

/**
 * Answers `cmd` if it is one of the shared commands (the *ctl's return value), else undefined
 * without looking `id` up, so the kind goes on with its own commands.
 */
export function sharedCtl<T extends IpcObject & { ctime: number }>(
  ids: IpcIds<T>, kind: IpcCtlKind<T>, id: number, cmd: number, who: IpcCredentials, buf: IpcCtlBuffer,
): number | undefined {
  if (cmd === kind.statCmd || cmd === kind.statAnyCmd) {
    const obj = ids.atIndex(id);
    if (!obj) throw new SyscallError(Errno.EINVAL);
    if (cmd === kind.statCmd) checkAccess(who, obj.perm, S_IRUGO);
    buf.write(kind.stat(obj));
    return obj.id;
  }
  if (cmd !== IPC_STAT && cmd !== IPC_SET && cmd !== IPC_RMID) return undefined;
  const obj = ids.lookup(id);
  switch (cmd) {
    case IPC_STAT:
      checkAccess(who, obj.perm, S_IRUGO);
      buf.write(kind.stat(obj));
      return 0;
    case IPC_SET: {
      const b = Buffer.from(buf.read(kind.setSize));
      checkOwner(who, obj.perm);
      kind.checkSet?.(obj, b, who);
      setPerm(b, obj.perm);
      obj.ctime = nowSeconds();
      kind.applySet?.(obj, b);
      return 0;
    }
    default:
      checkOwner(who, obj.perm);
      kind.remove(obj);
      return 0;
  }
}
