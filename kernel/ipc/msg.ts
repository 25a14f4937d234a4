/**
 * System V message queues (msgget, msgsnd, msgrcv, msgctl), as Linux's ipc/msg.c.
 *
 * A queue holds typed messages in arrival order, at most msg_qbytes bytes (and as many
 * messages). msgrcv picks the first message (type 0), the first of a type (> 0; with
 * MSG_EXCEPT the first of any other type) or the first of the lowest type not above |type|
 * (< 0); MSG_COPY reads the message at an index without taking it. A sender that does not
 * fit and a receiver that finds nothing wait on the queue's WaitQueues (or fail with EAGAIN
 * / ENOMSG under IPC_NOWAIT); IPC_RMID wakes them to EIDRM.
 */

import { Errno, SyscallError } from '../errno.js';
import { WaitQueue } from '../wait-queue.js';
import { sharedCtl, type IpcCtlBuffer, type IpcCtlKind } from './ipc-ctl.js';
import { checkAccess, IPC_INFO, IPC_NOWAIT, IpcIds, IpcObject, newPerm, nowSeconds, S_IRUGO, S_IWUGO, writePerm, type IpcCredentials, type IpcPerm } from './ipc-ids.js';

export const MSG_NOERROR = 0o10000;
export const MSG_EXCEPT = 0o20000;
export const MSG_COPY = 0o40000;
export const MSG_STAT = 11;
export const MSG_INFO = 12;
export const MSG_STAT_ANY = 13;

/** Linux's defaults (include/uapi/linux/msg.h). */
export const MSGMAX = 8192;
export const MSGMNB = 16384;
export const MSGMNI = 32000;
/** All queues' bytes together: past it a send waits as on a full queue (bounds what guests can make the host hold). */
const MSG_BYTES_HERE = 64 << 20;

export interface Message {
  type: bigint;
  data: Uint8Array;
}

export class MsgQueue extends IpcObject {
  readonly messages: Message[] = [];
  cbytes = 0;
  qbytes = MSGMNB;
  stime = 0;
  rtime = 0;
  ctime = nowSeconds();
  lspid = 0;
  lrpid = 0;
  /** Woken when a message arrives (receivers wait here) and when one leaves (senders). */
  readonly arrived = new WaitQueue();
  readonly left = new WaitQueue();

  constructor(perm: IpcPerm) {
    super(perm);
  }
}

export class MsgTable {
  readonly ids = new IpcIds<MsgQueue>(MSGMNI);
  private totalBytes = 0;

  msgget(key: number, flags: number, who: IpcCredentials): number {
    return this.ids.getOrCreate(key, flags, who, () => new MsgQueue(newPerm(key, flags, who)), () => undefined);
  }

  /** The queue for a send or receive, after its access check. */
  open(id: number, who: IpcCredentials, write: boolean): MsgQueue {
    const q = this.ids.lookup(id);
    checkAccess(who, q.perm, write ? S_IWUGO : S_IRUGO);
    return q;
  }

  /** Queues the message if it fits now (true); EAGAIN under IPC_NOWAIT; false: wait on q.left. */
  trySend(q: MsgQueue, msg: Message, flags: number, who: IpcCredentials): boolean {
    const n = msg.data.length;
    const fits = n + q.cbytes <= q.qbytes && q.messages.length + 1 <= q.qbytes && this.totalBytes + n <= MSG_BYTES_HERE;
    if (!fits) {
      if (flags & IPC_NOWAIT) throw new SyscallError(Errno.EAGAIN);
      return false;
    }
    q.messages.push(msg);
    q.cbytes += n;
    this.totalBytes += n;
    q.lspid = who.pid;
    q.stime = nowSeconds();
    q.arrived.wake();
    return true;
  }

  /**
   * Takes (or with MSG_COPY, copies) the message msgrcv asks for. E2BIG when it is longer than
   * `max` without MSG_NOERROR (it stays queued); ENOMSG under IPC_NOWAIT; null: wait on q.arrived.
   */
  tryReceive(q: MsgQueue, max: number, type: bigint, flags: number, who: IpcCredentials): Message | null {
    let index = -1;
    if (flags & MSG_COPY) {
      if (type >= 0n && type < BigInt(q.messages.length)) index = Number(type);
    } else if (type === 0n) {
      index = q.messages.length ? 0 : -1;
    } else if (type > 0n) {
      const except = (flags & MSG_EXCEPT) !== 0;
      index = q.messages.findIndex((m) => (m.type === type) !== except);
    } else {
      let best: bigint | null = null;
      q.messages.forEach((m, i) => {
        if (m.type <= -type && (best === null || m.type < best)) {
          best = m.type;
          index = i;
        }
      });
    }
    if (index < 0) {
      if (flags & IPC_NOWAIT) throw new SyscallError(Errno.ENOMSG);
      return null;
    }
    const msg = q.messages[index];
    if (msg.data.length > max && !(flags & MSG_NOERROR)) throw new SyscallError(Errno.E2BIG);
    if (flags & MSG_COPY) return msg;
    q.messages.splice(index, 1);
    q.cbytes -= msg.data.length;
    this.totalBytes -= msg.data.length;
    q.lrpid = who.pid;
    q.rtime = nowSeconds();
    q.left.wake();
    return msg;
  }

  msgctl(id: number, cmd: number, who: IpcCredentials, buf: IpcCtlBuffer): number {
    const shared = sharedCtl(this.ids, this.ctlKind, id, cmd, who, buf);
    if (shared !== undefined) return shared;
    switch (cmd) {
      case IPC_INFO:
      case MSG_INFO: {
        const b = Buffer.alloc(32);
        // msgpool (KiB), msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql, msgseg; MSG_INFO puts usage in three of them.
        const used = [...this.ids.all()];
        const fields = cmd === MSG_INFO
          ? [this.ids.count, used.reduce((n, q) => n + q.messages.length, 0), MSGMAX, MSGMNB, MSGMNI, 16, used.reduce((n, q) => n + q.cbytes, 0)]
          : [MSGMNI * MSGMNB / 1024, MSGMNI * MSGMNB / 16, MSGMAX, MSGMNB, MSGMNI, 16, MSGMNI * MSGMNB / 16];
        fields.forEach((v, i) => b.writeInt32LE(v | 0, i * 4));
        b.writeUInt16LE(0xffff, 28);
        buf.write(b);
        return this.ids.highestIndex;
      }
      default:
        throw new SyscallError(Errno.EINVAL);
    }
  }

  /** MSG_STAT, IPC_STAT, IPC_SET and IPC_RMID as ipc-ctl.ts answers them, with msqid64_ds's own fields. */
  private readonly ctlKind: IpcCtlKind<MsgQueue> = {
    statCmd: MSG_STAT,
    statAnyCmd: MSG_STAT_ANY,
    setSize: 120,
    stat: (q) => this.stat(q),
    checkSet: (_q, b, who) => {
      if (b.readBigUInt64LE(88) > BigInt(MSGMNB) && who.uid !== 0) throw new SyscallError(Errno.EPERM);
    },
    applySet: (q, b) => {
      q.qbytes = Number(b.readBigUInt64LE(88));
      q.left.wake();
    },
    remove: (q) => {
      this.ids.remove(q);
      this.totalBytes -= q.cbytes;
      q.messages.length = 0;
      q.cbytes = 0;
      q.arrived.wake();
      q.left.wake();
    },
  };

  /** struct msqid64_ds. */
  private stat(q: MsgQueue): Buffer {
    const b = Buffer.alloc(120);
    writePerm(b, 0, q.perm);
    b.writeBigInt64LE(BigInt(q.stime), 48);
    b.writeBigInt64LE(BigInt(q.rtime), 56);
    b.writeBigInt64LE(BigInt(q.ctime), 64);
    b.writeBigUInt64LE(BigInt(q.cbytes), 72);
    b.writeBigUInt64LE(BigInt(q.messages.length), 80);
    b.writeBigUInt64LE(BigInt(q.qbytes), 88);
    b.writeInt32LE(q.lspid, 96);
    b.writeInt32LE(q.lrpid, 100);
    return b;
  }
}
