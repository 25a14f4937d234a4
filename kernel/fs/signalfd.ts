/**
 * signalfd: pending signals as a file. Reading takes pending signals of the file's mask
 * from the reading thread (its own pending set first, then its process's) and returns one
 * struct signalfd_siginfo each; with none, it waits. While a thread waits, it tells the
 * kernel which signals would wake it (waitingFor), the same mechanism sigtimedwait uses.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_NONBLOCK, O_RDONLY } from './constants.js';
import { anonStat } from './eventfd.js';
import { OpenFile, type Blocker, type IoResult } from './file.js';
import { anonIno, type Stat } from './inode.js';
import { POLLIN, POLLRDNORM } from './readiness.js';
import { WaitQueue } from '../wait-queue.js';

export const SIGNALFD_SIGINFO_SIZE = 128;
const SI_TIMER = -2;

/** What a signalfd reads from a pending set (the kernel's PendingSignals has this shape). */
interface PendingView {
  set: bigint;
  take(sig: number): SignalInfoView | undefined;
}
interface SignalInfoView {
  code: number;
  addr?: bigint;
  pid?: number;
  uid?: number;
  value?: bigint;
  status?: number;
  timerId?: number;
  overrun?: number;
}
/** The reading thread, as far as a signalfd needs it. */
export interface SignalReader {
  pending: PendingView;
  process: { pending: PendingView };
  waitingFor: bigint;
}

export function isSignalReader(x: unknown): x is SignalReader {
  const t = x as Partial<SignalReader> | null;
  return !!t && typeof t.waitingFor === 'bigint' && !!t.pending && !!t.process?.pending;
}

export function sigBit(sig: number): bigint {
  return 1n << BigInt(sig - 1);
}

export class SignalFd extends OpenFile {
  /** Never woken by a signal itself: waiting threads are woken through waitingFor. */
  readonly queue = new WaitQueue();
  private readonly ino = anonIno();
  private readonly createdMs = Date.now();

  constructor(public mask: bigint, flags: number, private readonly owner: SignalReader) {
    super(O_RDONLY | (flags & O_NONBLOCK), 'anon_inode:[signalfd]');
  }

  stat(): Stat {
    return anonStat(this.ino, this.createdMs);
  }

  signalMask(): bigint {
    return this.mask;
  }

  private readyIn(t: SignalReader): bigint {
    return (t.pending.set | t.process.pending.set) & this.mask;
  }

  /** `b` is the reader's syscall context; its thread is whose signals are read. */
  override read(length: number, b: Blocker): IoResult<Uint8Array> {
    if (length < SIGNALFD_SIGINFO_SIZE) throw new SyscallError(Errno.EINVAL);
    const proc = (b as { proc?: unknown }).proc;
    const t = isSignalReader(proc) ? proc : this.owner;
    const max = Math.min(Math.floor(length / SIGNALFD_SIGINFO_SIZE), 64);
    const out: Uint8Array[] = [];
    while (out.length < max) {
      const ready = this.readyIn(t);
      if (ready === 0n) break;
      let sig = 1;
      while (!(ready & sigBit(sig))) sig++;
      const info = t.pending.set & sigBit(sig) ? t.pending.take(sig) : t.process.pending.take(sig);
      out.push(encode(sig, info));
    }
    if (out.length === 0) {
      if (this.nonblocking) throw new SyscallError(Errno.EAGAIN);
      t.waitingFor |= this.mask;
      return b.block(this.queue);
    }
    t.waitingFor &= ~this.mask;
    const all = new Uint8Array(out.length * SIGNALFD_SIGINFO_SIZE);
    out.forEach((x, i) => all.set(x, i * SIGNALFD_SIGINFO_SIZE));
    return all;
  }

  /** Readable when the owner (the thread that polls, as far as we know it) has one pending. */
  pollMask(reader?: unknown): number {
    const t = isSignalReader(reader) ? reader : this.owner;
    return this.readyIn(t) ? POLLIN | POLLRDNORM : 0;
  }

  override pollQueues(): WaitQueue[] {
    return [this.queue];
  }
}

function encode(sig: number, info: SignalInfoView | undefined): Uint8Array {
  const b = new Uint8Array(SIGNALFD_SIGINFO_SIZE);
  const v = new DataView(b.buffer);
  v.setUint32(0, sig, true);
  const code = info?.code ?? 0;
  v.setInt32(8, code, true);
  v.setUint32(12, (info?.pid ?? 0) >>> 0, true);
  v.setUint32(16, (info?.uid ?? 0) >>> 0, true);
  if (code === SI_TIMER) {
    v.setUint32(24, (info?.timerId ?? 0) >>> 0, true);
    v.setUint32(32, (info?.overrun ?? 0) >>> 0, true);
  }
  v.setInt32(40, info?.status ?? 0, true);
  const value = BigInt.asUintN(64, info?.value ?? 0n);
  v.setInt32(44, Number(BigInt.asIntN(32, value)), true);
  v.setBigUint64(48, value, true);
  v.setBigUint64(72, BigInt.asUintN(64, info?.addr ?? 0n), true);
  return b;
}
