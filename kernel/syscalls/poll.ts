/**
 * Waiting for file descriptors: ppoll, pselect6, and epoll (epoll_create1, epoll_ctl,
 * epoll_pwait, epoll_pwait2). A call that finds nothing ready parks on every watched file's
 * queues (and the timeout) and is re-run when one of them wakes, with its deadline kept in
 * syscallState so a re-run does not restart the clock. The sigmask argument replaces the
 * thread's mask for the wait (the kernel restores it once a handler's frame has saved it);
 * signalfds being waited on register their signals as ones that wake the thread.
 */

import { Errno, SyscallError } from '../errno.js';
import { O_CLOEXEC } from '../fs/constants.js';
import { EpollFile } from '../fs/epoll.js';
import type { OpenFile } from '../fs/file.js';
import { POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDBAND, POLLRDNORM, POLLWRBAND, POLLWRNORM, readiness, signalMaskOf } from '../fs/readiness.js';
import { accountFor } from '../net/buffers.js';
import { maskOf } from '../signals.js';
import type { FsSyscallProcess, FsKernel } from './fs.js';
import type { SyscallContext, SyscallResult, Waitable } from './context.js';
import { SYSCALL_NUMBERS as NR } from './numbers.js';

/** The calling thread as waiting needs it. */
interface WaitingThread extends FsSyscallProcess {
  sigmask: bigint;
  savedMask: bigint | null;
  waitingFor: bigint;
  nextSignal(): number;
  vm?: { committedBytes(): number };
}

type Ctx = SyscallContext<WaitingThread, FsKernel & { processMemoryLimit?: number }>;
type Handler = (ctx: Ctx) => SyscallResult;

const NR_pselect6 = 72;
const NR_epoll_create1 = 20;
const NR_epoll_ctl = 21;
const NR_epoll_pwait = 22;
const NR_epoll_pwait2 = 441;
const SIGSET_SIZE = 8;
const EPOLL_EVENT_SIZE = 16;
const MAX_EPOLL_EVENTS = Math.floor(0x7fffffff / EPOLL_EVENT_SIZE);

function files(ctx: Ctx) {
  return ctx.proc.files;
}

interface WaitState {
  /** performance.now() deadline, or null for no timeout. */
  deadline: number | null;
}

/** Reads a struct timespec as milliseconds; EINVAL for a negative or unnormalised one. */
function readTimespecMs(ctx: Ctx, addr: number): number {
  const ts = ctx.mem.read(addr, 16);
  const tv = new DataView(ts.buffer, ts.byteOffset, 16);
  const sec = tv.getBigInt64(0, true);
  const nsec = tv.getBigInt64(8, true);
  if (sec < 0n || nsec < 0n || nsec >= 1_000_000_000n) throw new SyscallError(Errno.EINVAL);
  return Number(sec) * 1000 + Number(nsec) / 1e6;
}

function writeRemaining(ctx: Ctx, addr: number, state: WaitState): void {
  if (!addr || state.deadline === null) return;
  const left = Math.max(0, state.deadline - performance.now());
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  const sec = Math.floor(left / 1000);
  v.setBigInt64(0, BigInt(sec), true);
  v.setBigInt64(8, BigInt(Math.floor((left - sec * 1000) * 1e6)), true);
  try {
    ctx.mem.write(addr, b);
  } catch {
    // Linux ignores a timeout it cannot write back.
  }
}

/**
 * The first run of a wait: the deadline, and the temporary signal mask (EINTR at once if it
 * unblocks a pending signal). Later runs return the kept state.
 */
function beginWait(ctx: Ctx, timeoutMs: () => number | null, sigmaskAddr: number, sigsetSize: number): WaitState {
  const kept = ctx.proc.syscallState as WaitState | undefined;
  if (kept) return kept;
  const ms = timeoutMs();
  const state: WaitState = { deadline: ms === null ? null : performance.now() + ms };
  if (sigmaskAddr) {
    if (sigsetSize !== SIGSET_SIZE) throw new SyscallError(Errno.EINVAL);
    const mask = ctx.mem.readU64(sigmaskAddr);
    const t = ctx.proc;
    t.savedMask = t.sigmask;
    t.sigmask = maskOf(mask);
    if (t.nextSignal()) throw new SyscallError(Errno.EINTR);
  }
  ctx.proc.syscallState = state;
  return state;
}

/** Ends a wait with `result`, or parks until a queue wakes or the deadline passes. */
function finishOrBlock(ctx: Ctx, state: WaitState, ready: boolean, queues: Waitable[], signals: bigint, done: () => number): SyscallResult {
  const left = state.deadline === null ? undefined : state.deadline - performance.now();
  const t = ctx.proc;
  if (ready || (left !== undefined && left <= 0)) {
    if (typeof t.waitingFor === 'bigint') t.waitingFor = 0n;
    return done();
  }
  if (signals && typeof t.waitingFor === 'bigint') t.waitingFor |= signals;
  return ctx.block(queues, left === undefined ? undefined : Math.max(0, left));
}

// ------------------------------------------------------------------ ppoll

const ppoll: Handler = (ctx) => {
  const addr = ctx.args.u64(0);
  const nfds = ctx.args.u64(1);
  const tsAddr = ctx.args.u64(2);
  if (nfds > files(ctx).maxFds) throw new SyscallError(Errno.EINVAL);
  const raw = nfds > 0 ? ctx.mem.read(addr, nfds * 8) : new Uint8Array(0);
  const state = beginWait(ctx, () => (tsAddr ? readTimespecMs(ctx, tsAddr) : null), ctx.args.u64(3), ctx.args.u64(4));
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const t = files(ctx);
  let ready = 0;
  let signals = 0n;
  const queues: Waitable[] = [];
  for (let i = 0; i < nfds; i++) {
    const fd = v.getInt32(i * 8, true);
    const events = v.getUint16(i * 8 + 4, true);
    let revents = 0;
    if (fd >= 0) {
      if (!t.has(fd)) revents = POLLNVAL;
      else {
        const f = t.get(fd);
        revents = readiness(f, ctx.proc) & (events | POLLERR | POLLHUP);
        queues.push(...f.pollQueues());
        signals |= signalMaskOf(f);
      }
    }
    v.setInt16(i * 8 + 6, revents, true);
    if (revents) ready++;
  }
  return finishOrBlock(ctx, state, ready > 0, queues, signals, () => {
    if (nfds > 0) ctx.mem.write(addr, raw);
    writeRemaining(ctx, tsAddr, state);
    return ready;
  });
};

// ------------------------------------------------------------------ pselect6

const SELECT_READ = POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR;
const SELECT_WRITE = POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR;
const SELECT_EXCEPT = POLLPRI;

const pselect6: Handler = (ctx) => {
  const nfds = ctx.args.int(0);
  const sets = [ctx.args.u64(1), ctx.args.u64(2), ctx.args.u64(3)];
  const tsAddr = ctx.args.u64(4);
  const sigArg = ctx.args.u64(5);
  if (nfds < 0) throw new SyscallError(Errno.EINVAL);
  const t = files(ctx);
  const n = Math.min(nfds, t.maxFds);
  const bytes = Math.ceil(n / 64) * 8;
  const inputs = sets.map((a) => (a && bytes ? ctx.mem.read(a, bytes) : null));
  let sigmask = 0;
  let sigsize = 0;
  if (sigArg) {
    const s = ctx.mem.read(sigArg, 16);
    const sv = new DataView(s.buffer, s.byteOffset, 16);
    sigmask = Number(sv.getBigUint64(0, true));
    sigsize = Number(sv.getBigUint64(8, true));
  }
  const state = beginWait(ctx, () => (tsAddr ? readTimespecMs(ctx, tsAddr) : null), sigmask, sigsize);
  const outputs = inputs.map((b) => (b ? new Uint8Array(b.length) : null));
  const masks = [SELECT_READ, SELECT_WRITE, SELECT_EXCEPT];
  let ready = 0;
  let signals = 0n;
  const queues: Waitable[] = [];
  for (let fd = 0; fd < n; fd++) {
    const byte = fd >> 3;
    const bit = 1 << (fd & 7);
    const wanted = inputs.map((b) => (b ? (b[byte] & bit) !== 0 : false));
    if (!wanted.some((w) => w)) continue;
    if (!t.has(fd)) throw new SyscallError(Errno.EBADF);
    const f: OpenFile = t.get(fd);
    const r = readiness(f, ctx.proc);
    for (let k = 0; k < 3; k++) {
      if (wanted[k] && r & masks[k]) {
        outputs[k]![byte] |= bit;
        ready++;
      }
    }
    queues.push(...f.pollQueues());
    signals |= signalMaskOf(f);
  }
  return finishOrBlock(ctx, state, ready > 0, queues, signals, () => {
    sets.forEach((a, k) => {
      if (a && outputs[k]) ctx.mem.write(a, outputs[k]!);
    });
    writeRemaining(ctx, tsAddr, state);
    return ready;
  });
};

// ------------------------------------------------------------------ epoll

function epollOf(ctx: Ctx, fd: number): EpollFile {
  const f = files(ctx).get(fd);
  if (!(f instanceof EpollFile)) throw new SyscallError(Errno.EINVAL);
  return f;
}

const epollCreate1: Handler = (ctx) => {
  const flags = ctx.args.int(0);
  if (flags & ~O_CLOEXEC) throw new SyscallError(Errno.EINVAL);
  const p = ctx.proc;
  const limit = ctx.kernel?.processMemoryLimit ?? 256 << 20;
  const account = accountFor((p.vm as object | undefined) ?? p, () => limit - (p.vm?.committedBytes() ?? 0));
  const ep = new EpollFile(0, account);
  try {
    return files(ctx).install(ep, (flags & O_CLOEXEC) !== 0);
  } catch (e) {
    ep.release();
    throw e;
  }
};

const epollCtl: Handler = (ctx) => {
  const ep = epollOf(ctx, ctx.args.int(0));
  const op = ctx.args.int(1);
  const fd = ctx.args.int(2);
  const f = files(ctx).get(fd);
  let events = 0;
  let data = 0n;
  if (op !== 2 /* EPOLL_CTL_DEL */) {
    const raw = ctx.mem.read(ctx.args.u64(3), EPOLL_EVENT_SIZE);
    const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    events = v.getUint32(0, true);
    data = v.getBigUint64(8, true);
  }
  ep.control(op, fd, f, events, data);
  return 0;
};

function epollWait(ctx: Ctx, timeoutMs: () => number | null): SyscallResult {
  const ep = epollOf(ctx, ctx.args.int(0));
  const out = ctx.args.u64(1);
  const max = ctx.args.int(2);
  if (max <= 0 || max > MAX_EPOLL_EVENTS) throw new SyscallError(Errno.EINVAL);
  // The buffer must be writable before anything is consumed.
  ctx.mem.read(out, Math.min(max, 1) * EPOLL_EVENT_SIZE);
  const state = beginWait(ctx, timeoutMs, ctx.args.u64(4), ctx.args.u64(5));
  const events = ep.collect(Math.min(max, Math.max(ep.size, 1)), ctx.proc);
  return finishOrBlock(ctx, state, events.length > 0, [ep.queue], ep.signalMask(), () => {
    if (events.length) {
      const b = new Uint8Array(events.length * EPOLL_EVENT_SIZE);
      const v = new DataView(b.buffer);
      events.forEach((e, i) => {
        v.setUint32(i * EPOLL_EVENT_SIZE, e.events, true);
        v.setBigUint64(i * EPOLL_EVENT_SIZE + 8, e.data, true);
      });
      ctx.mem.write(out, b);
    }
    return events.length;
  });
}

const epollPwait: Handler = (ctx) => epollWait(ctx, () => {
  const ms = ctx.args.int(3);
  return ms < 0 ? null : ms;
});

const epollPwait2: Handler = (ctx) => epollWait(ctx, () => {
  const ts = ctx.args.u64(3);
  return ts ? readTimespecMs(ctx, ts) : null;
});

export const POLL_SYSCALLS: Record<number, (ctx: SyscallContext<any, any>) => SyscallResult> = {
  [NR.ppoll]: ppoll,
  [NR_pselect6]: pselect6,
  [NR_epoll_create1]: epollCreate1,
  [NR_epoll_ctl]: epollCtl,
  [NR_epoll_pwait]: epollPwait,
  [NR_epoll_pwait2]: epollPwait2,
};
