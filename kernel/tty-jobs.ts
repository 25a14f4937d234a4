/**
 * Job control on a terminal: what Linux's tty_jobctrl.c decides when a process uses its
 * controlling terminal. A process outside the terminal's foreground group that reads it gets
 * SIGTTIN (its group stops), and one that writes with TOSTOP set, or changes the terminal's
 * settings, gets SIGTTOU; a group nobody can continue (orphaned) gets EIO instead, and so does
 * a reader that ignores or blocks SIGTTIN. The session ioctls (TIOCSPGRP, TIOCGPGRP, TIOCGSID,
 * TIOCSCTTY, TIOCNOTTY) check that the terminal is the caller's controlling terminal and
 * that the group belongs to its session.
 *
 * It lives beside sessions.ts, not in fs/tty.ts, because it is about processes, groups and
 * signals; the terminal itself only keeps its foreground group and session.
 */

import { Errno, SyscallError } from './errno.js';
import type { Process } from './process.js';
import { groupMembers, isSessionLeader, sessionMembers, type ProcessTable } from './sessions.js';
import { SIG_DFL, SIG_IGN, SIGCONT, SIGHUP, SIGTTIN, SIGTTOU, sigBit } from './signals.js';
import type { Blocker, IoctlContext } from './fs/file.js';
import type { BLOCKED, SyscallResult } from './syscall-abi.js';
import { TCFLSH, TCSBRK, TCSETS, TCSETSF, TCSETSW, TCXONC, TIOCGPGRP, TIOCGSID, TIOCNOTTY, TIOCSCTTY, TIOCSPGRP, TIOCSWINSZ, TOSTOP, type Tty } from './fs/tty.js';

/** What job control needs of the kernel: its processes, and a way to signal one. */
export interface JobControlKernel extends ProcessTable {
  signals: { signalProcess(p: Process, sig: number): void };
}

/** What the caller asks of the terminal. */
export type TtyUse = 'read' | 'write' | 'change';

/**
 * Linux's is_current_pgrp_orphaned: no member of the group has a live parent in another group
 * of the same session, so no job-control shell is left to continue it after a stop.
 */
export function isOrphanedGroup(k: ProcessTable, pgid: number): boolean {
  for (const p of groupMembers(k, pgid)) {
    const parent = k.processes.get(p.ppid);
    if (parent && !parent.exit && parent.pgid !== pgid && parent.sid === p.sid) return false;
  }
  return true;
}

/** The terminal `p` controls through its session (its controlling terminal), if it is `tty`. */
function controls(p: Process, tty: Tty): boolean {
  return p.tty === tty && tty.sessionId === p.sid;
}

/**
 * __tty_check_change and n_tty's job_control: 'ok' to go on, 'signalled' when the caller's
 * group was sent SIGTTIN/SIGTTOU (the call waits to be run again once continued, or fails
 * with EINTR if the caller handles the signal); throws EIO when nobody could continue it.
 * `sigmask` is the calling thread's blocked set (0 for native processes, which block none).
 */
export function checkTtyUse(k: JobControlKernel, p: Process, sigmask: bigint, tty: Tty, use: TtyUse): 'ok' | 'signalled' {
  if (!controls(p, tty)) return 'ok';
  const fg = tty.foregroundPgrp;
  if (fg === 0 || fg === p.pgid) return 'ok';
  if (use === 'write' && !(tty.termios.lflag & TOSTOP)) return 'ok';
  const sig = use === 'read' ? SIGTTIN : SIGTTOU;
  const ignored = p.handlers.actions[sig].handler === SIG_IGN || (sigmask & sigBit(sig)) !== 0n;
  if (ignored) {
    if (sig === SIGTTIN) throw new SyscallError(Errno.EIO);
    return 'ok';
  }
  if (isOrphanedGroup(k, p.pgid)) throw new SyscallError(Errno.EIO);
  for (const q of groupMembers(k, p.pgid)) k.signals.signalProcess(q, sig);
  return 'signalled';
}

/** Whether an ioctl changes the terminal (and so is job-controlled like a write with TOSTOP). */
export function changesTerminal(request: number): boolean {
  return request === TCSETS || request === TCSETSW || request === TCSETSF || request === TCFLSH || request === TCXONC ||
    request === TCSBRK || request === TIOCSWINSZ || request === TIOCSPGRP;
}

/** The session ioctls, with Linux's checks; null for a request that is not one of them. */
export function sessionIoctl(k: JobControlKernel, p: Process, tty: Tty, request: number, value: () => number, reply: (v: number) => void): number | null {
  switch (request) {
    case TIOCGPGRP:
      if (!controls(p, tty)) throw new SyscallError(Errno.ENOTTY);
      reply(tty.foregroundPgrp);
      return 0;
    case TIOCGSID:
      if (!controls(p, tty) || tty.sessionId === 0) throw new SyscallError(Errno.ENOTTY);
      reply(tty.sessionId);
      return 0;
    case TIOCSPGRP: {
      if (!controls(p, tty)) throw new SyscallError(Errno.ENOTTY);
      const pgid = value() | 0;
      if (pgid < 0) throw new SyscallError(Errno.EINVAL);
      const members = groupMembers(k, pgid);
      if (members.length === 0) throw new SyscallError(Errno.ESRCH);
      if (members.some((q) => q.sid !== p.sid)) throw new SyscallError(Errno.EPERM);
      tty.foregroundPgrp = pgid;
      tty.jobQueue.wake();
      return 0;
    }
    case TIOCSCTTY: {
      if (p.tty === tty && tty.sessionId === p.sid) return 0;
      if (!isSessionLeader(p) || p.tty) throw new SyscallError(Errno.EPERM);
      if (tty.sessionId !== 0 && sessionMembers(k, tty.sessionId).length > 0) {
        // Stealing another session's terminal: root only, and only when asked to (arg 1).
        if (!(value() === 1 && p.uid === 0)) throw new SyscallError(Errno.EPERM);
        for (const q of sessionMembers(k, tty.sessionId)) if (q.tty === tty) q.tty = null;
      }
      tty.sessionId = p.sid;
      tty.foregroundPgrp = p.pgid;
      p.tty = tty;
      return 0;
    }
    case TIOCNOTTY:
      if (!controls(p, tty)) throw new SyscallError(Errno.ENOTTY);
      if (isSessionLeader(p)) {
        // disassociate_ctty: the foreground group hears the hang-up, and the whole session loses the terminal.
        const fg = tty.foregroundPgrp;
        if (fg > 0) for (const q of groupMembers(k, fg)) {
          k.signals.signalProcess(q, SIGHUP);
          k.signals.signalProcess(q, SIGCONT);
        }
        for (const q of sessionMembers(k, p.sid)) if (q.tty === tty) q.tty = null;
        tty.sessionId = 0;
        tty.foregroundPgrp = 0;
      } else {
        p.tty = null;
      }
      return 0;
    default:
      return null;
  }
}

/** How long a stopped reader or writer sleeps before it looks again (it runs again only once continued). */
const RECHECK_MS = 200;

/**
 * For a guest thread's read, write or terminal-changing ioctl: null to go on; BLOCKED while its
 * group is stopped by SIGTTIN/SIGTTOU (the call runs again once continued and woken, as Linux's
 * ERESTARTSYS restarts it); EINTR when the thread's process handles that signal.
 */
export function guestTtyUse(k: JobControlKernel, t: { process: Process; sigmask: bigint }, tty: Tty, use: TtyUse, b: Blocker): typeof BLOCKED | null {
  if (checkTtyUse(k, t.process, t.sigmask, tty, use) === 'ok') return null;
  const sig = use === 'read' ? SIGTTIN : SIGTTOU;
  if (t.process.handlers.actions[sig].handler !== SIG_DFL) throw new SyscallError(Errno.EINTR);
  return b.block(tty.jobQueue, RECHECK_MS);
}

/** A guest's ioctl on a terminal: the job-control check for a change, then the session ioctls; null for the others. */
export function guestTtyIoctl(k: JobControlKernel, t: { process: Process; sigmask: bigint }, tty: Tty, request: number, arg: number, ctx: IoctlContext & Blocker): SyscallResult | null {
  if (changesTerminal(request)) {
    try {
      const r = guestTtyUse(k, t, tty, 'change', ctx);
      if (r !== null) return r;
    } catch (e) {
      // tiocspgrp turns tty_check_change's EIO into ENOTTY.
      if (request === TIOCSPGRP && e instanceof SyscallError && e.errno === Errno.EIO) throw new SyscallError(Errno.ENOTTY);
      throw e;
    }
  }
  // TIOCSCTTY's argument is the value itself (1: steal); the others point at an int.
  const value = request === TIOCSCTTY ? () => arg : () => ctx.mem.readU32(arg);
  return sessionIoctl(k, t.process, tty, request, value, (v) => ctx.mem.writeU32(arg, v));
}
