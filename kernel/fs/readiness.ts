/**
 * A file's readiness as poll(2)/epoll bits. Files with the full picture (sockets, eventfd,
 * timerfd, signalfd, epoll) answer pollMask(); the rest answer the simple PollState, mapped
 * here the way Linux reports them (a pipe's write end whose readers are gone: POLLERR).
 */

import type { OpenFile } from './file.js';
import { PipeReader, PipeWriter } from './pipe.js';

export const POLLIN = 0x1;
export const POLLPRI = 0x2;
export const POLLOUT = 0x4;
export const POLLERR = 0x8;
export const POLLHUP = 0x10;
export const POLLNVAL = 0x20;
export const POLLRDNORM = 0x40;
export const POLLRDBAND = 0x80;
export const POLLWRNORM = 0x100;
export const POLLWRBAND = 0x200;
export const POLLRDHUP = 0x2000;

/** A file that reports its readiness as poll bits itself. */
export interface PollMaskSource {
  /** `reader` is the polling thread (a signalfd reports that thread's pending signals). */
  pollMask(reader?: unknown): number;
}

export function hasPollMask(f: OpenFile): f is OpenFile & PollMaskSource {
  return typeof (f as Partial<PollMaskSource>).pollMask === 'function';
}

export function readiness(f: OpenFile, reader?: unknown): number {
  if (hasPollMask(f)) return f.pollMask(reader);
  const s = f.poll();
  let m = 0;
  // An empty pipe whose writers are gone is POLLHUP alone (read gives EOF; Linux's pipe_poll).
  if (s.readable && !(f instanceof PipeReader && s.hangup && f.available() === 0)) m |= POLLIN | POLLRDNORM;
  if (s.writable) m |= POLLOUT | POLLWRNORM;
  if (s.hangup) m |= f instanceof PipeWriter ? POLLERR : POLLHUP;
  return m;
}

/** Signals whose arrival makes a file ready (a signalfd's mask; an epoll's signalfds'), so a waiting thread is woken. */
export interface SignalWatcher {
  signalMask(): bigint;
}

export function signalMaskOf(f: OpenFile): bigint {
  const w = f as Partial<SignalWatcher>;
  return typeof w.signalMask === 'function' ? w.signalMask() : 0n;
}
