/**
 * POSIX message queues (mq_open and the rest), as Linux's ipc/mqueue.c: named queues of
 * prioritised messages, opened as file descriptors.
 *
 * A queue holds at most mq_maxmsg messages of at most mq_msgsize bytes; a receive takes the
 * oldest message of the highest priority. Queues live by name until mq_unlink and then until
 * their last descriptor closes. The descriptor polls (POLLIN with a message, POLLOUT with
 * room), and read(2) of it gives Linux's status line (QSIZE, NOTIFY, SIGNO, NOTIFY_PID).
 * mq_notify registers one process for a signal (SIGEV_SIGNAL) or nothing (SIGEV_NONE) when
 * a message arrives on an empty queue nobody is waiting on; the registration is used once.
 *
 * Limits as Linux's defaults for a user without CAP_SYS_RESOURCE: 10 messages of 8192
 * bytes by default and at most, 256 queues, and every user's queues together within
 * RLIMIT_MSGQUEUE's 819200 bytes (EMFILE past it), which bounds what guests make the host hold.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_ACCMODE, O_RDONLY, O_WRONLY, S_IFREG } from '../fs/constants.js';
import { OpenFile, type Blocker, type IoResult } from '../fs/file.js';
import { anonIno, type Stat } from '../fs/inode.js';
import { POLLIN, POLLOUT, POLLRDNORM, POLLWRNORM } from '../fs/readiness.js';
import { WaitQueue } from '../wait-queue.js';

export const MQ_PRIO_MAX = 32768;
const DFLT_MSGMAX = 10;
const DFLT_MSGSIZEMAX = 8192;
const HARD_MSGMAX = 65536;
const HARD_MSGSIZEMAX = 16 << 20;
const QUEUES_MAX = 256;
const RLIMIT_MSGQUEUE = 819200;
/** What Linux charges per message slot besides its bytes (struct msg_msg pointer and tree node, approximately). */
const PER_MESSAGE_OVERHEAD = 48;
const NAME_MAX = 255;

export interface MqAttr {
  maxmsg: number;
  msgsize: number;
}

export interface MqNotification {
  pid: number;
  /** sigev_notify: SIGEV_SIGNAL 0, SIGEV_NONE 1. */
  notify: number;
  /** The signal for SIGEV_SIGNAL, else 0. */
  signo: number;
  /** Sends the signal (the syscall layer builds it: it knows the kernel's signal delivery). */
  fire: (senderPid: number, senderUid: number) => void;
}

export class MessageQueue {
  /** Messages by priority (highest first), oldest first within one priority. */
  readonly messages: Array<{ prio: number; data: Uint8Array }> = [];
  bytes = 0;
  /** Woken when a message arrives (receivers) or leaves (senders). */
  readonly arrived = new WaitQueue();
  readonly left = new WaitQueue();
  notification: MqNotification | null = null;
  /** Receivers parked now (a notification is sent only when there are none). */
  receiversWaiting = 0;
  opens = 0;
  unlinked = false;
  readonly ino = anonIno();
  readonly createdMs = Date.now();
  mtimeMs = Date.now();

  constructor(
    readonly name: string,
    readonly uid: number,
    readonly gid: number,
    readonly mode: number,
    readonly attr: MqAttr,
    readonly charge: number,
  ) {}

  send(prio: number, data: Uint8Array, senderPid: number, senderUid: number): void {
    const wasEmpty = this.messages.length === 0;
    let at = this.messages.findIndex((m) => m.prio < prio);
    if (at < 0) at = this.messages.length;
    this.messages.splice(at, 0, { prio, data });
    this.bytes += data.length;
    this.mtimeMs = Date.now();
    if (wasEmpty && this.receiversWaiting === 0 && this.notification) {
      const n = this.notification;
      this.notification = null;
      n.fire(senderPid, senderUid);
    }
    this.arrived.wake();
  }

  receive(): { prio: number; data: Uint8Array } | undefined {
    const m = this.messages.shift();
    if (!m) return undefined;
    this.bytes -= m.data.length;
    this.mtimeMs = Date.now();
    this.left.wake();
    return m;
  }

  get full(): boolean {
    return this.messages.length >= this.attr.maxmsg;
  }

  /** read(2) of a queue descriptor. */
  statusLine(): string {
    const n = this.notification;
    const pad = (v: number | string, w: number): string => String(v).padEnd(w);
    return `QSIZE:${pad(this.bytes, 10)} NOTIFY:${pad(n?.notify ?? 0, 5)} SIGNO:${pad(n?.signo ?? 0, 5)} NOTIFY_PID:${pad(n?.pid ?? 0, 6)}\n`;
  }
}

/** An open queue descriptor. */
export class MqFile extends OpenFile {
  private readonly statusOffset = { at: 0 };

  constructor(readonly queue: MessageQueue, flags: number, private readonly onClose: (q: MessageQueue) => void) {
    super(flags, `/${queue.name}`);
    queue.opens++;
  }

  stat(): Stat {
    const q = this.queue;
    return {
      dev: 0x13, ino: q.ino, mode: S_IFREG | q.mode, nlink: q.unlinked ? 0 : 1, uid: q.uid, gid: q.gid, rdev: 0, size: 60, blksize: 4096, blocks: 0,
      atimeMs: q.mtimeMs, mtimeMs: q.mtimeMs, ctimeMs: q.createdMs,
    };
  }

  override read(length: number, _b: Blocker): IoResult<Uint8Array> {
    const text = new TextEncoder().encode(this.queue.statusLine());
    const from = Math.min(this.statusOffset.at, text.length);
    const out = text.subarray(from, from + length);
    this.statusOffset.at = from + out.length;
    return out;
  }

  pollMask(): number {
    let m = 0;
    if (this.queue.messages.length) m |= POLLIN | POLLRDNORM;
    if (!this.queue.full) m |= POLLOUT | POLLWRNORM;
    return m;
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue.arrived, this.queue.left];
  }

  protected override closed(): void {
    this.queue.opens--;
    this.onClose(this.queue);
  }
}

export interface MqCaller {
  pid: number;
  uid: number;
  gid: number;
  groups: readonly number[];
  umask: number;
}

export class PosixMqueues {
  private readonly byName = new Map<string, MessageQueue>();
  /** Bytes charged per uid (RLIMIT_MSGQUEUE). */
  private readonly charged = new Map<number, number>();
  private live = 0;

  /** Checks a name as the kernel sees it (glibc has taken the leading slash off). */
  private static checkName(name: string): void {
    if (Buffer.byteLength(name) > NAME_MAX) throw new SyscallError(Errno.ENAMETOOLONG);
    if (name === '') throw new SyscallError(Errno.ENOENT);
    if (name.includes('/') || name === '.' || name === '..') throw new SyscallError(Errno.EACCES);
  }

  /** mq_open: the queue and the access mode (O_RDONLY, O_WRONLY, O_RDWR) its descriptor gets. */
  open(name: string, oflag: number, mode: number, attr: MqAttr | null, who: MqCaller, create: boolean, exclusive: boolean): MessageQueue {
    if ((oflag & O_ACCMODE) === O_ACCMODE) throw new SyscallError(Errno.EINVAL);
    PosixMqueues.checkName(name);
    const found = this.byName.get(name);
    if (found) {
      if (create && exclusive) throw new SyscallError(Errno.EEXIST);
      const acc = oflag & O_ACCMODE;
      const want = acc === O_RDONLY ? 4 : acc === O_WRONLY ? 2 : 6;
      if (!permitted(found, who, want)) throw new SyscallError(Errno.EACCES);
      return found;
    }
    if (!create) throw new SyscallError(Errno.ENOENT);
    const a = attr ?? { maxmsg: DFLT_MSGMAX, msgsize: DFLT_MSGSIZEMAX };
    if (attr) {
      if (a.maxmsg <= 0 || a.msgsize <= 0) throw new SyscallError(Errno.EINVAL);
      const [maxmsg, maxsize] = who.uid === 0 ? [HARD_MSGMAX, HARD_MSGSIZEMAX] : [DFLT_MSGMAX, DFLT_MSGSIZEMAX];
      if (a.maxmsg > maxmsg || a.msgsize > maxsize) throw new SyscallError(Errno.EINVAL);
    }
    const charge = a.maxmsg * (a.msgsize + PER_MESSAGE_OVERHEAD);
    const used = this.charged.get(who.uid) ?? 0;
    if (used + charge > RLIMIT_MSGQUEUE) throw new SyscallError(Errno.EMFILE);
    if (this.live >= QUEUES_MAX) throw new SyscallError(Errno.ENOSPC);
    const q = new MessageQueue(name, who.uid, who.gid, mode & 0o777 & ~who.umask, a, charge);
    this.charged.set(who.uid, used + charge);
    this.live++;
    this.byName.set(name, q);
    return q;
  }

  unlink(name: string, who: MqCaller): void {
    PosixMqueues.checkName(name);
    const q = this.byName.get(name);
    if (!q) throw new SyscallError(Errno.ENOENT);
    // Only a queue's owner or root removes it (Linux 6.18 answers others EACCES).
    if (who.uid !== 0 && who.uid !== q.uid) throw new SyscallError(Errno.EACCES);
    this.byName.delete(name);
    q.unlinked = true;
    this.maybeFree(q);
  }

  /** A descriptor closed: an unlinked queue goes with its last one. */
  closed(q: MessageQueue): void {
    this.maybeFree(q);
  }

  private maybeFree(q: MessageQueue): void {
    if (!q.unlinked || q.opens > 0) return;
    q.messages.length = 0;
    q.bytes = 0;
    this.live--;
    this.charged.set(q.uid, (this.charged.get(q.uid) ?? q.charge) - q.charge);
  }
}

function permitted(q: MessageQueue, who: MqCaller, want: number): boolean {
  if (who.uid === 0) return true;
  const bits = who.uid === q.uid ? q.mode >> 6 : who.gid === q.gid || who.groups.includes(q.gid) ? q.mode >> 3 : q.mode;
  return (want & ~bits & 7) === 0;
}

