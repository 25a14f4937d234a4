/**
 * Who may hold a connection that has not authenticated yet, as sshd decides it:
 *
 *  - LoginGraceTime: a connection that has not authenticated within `graceSeconds` is
 *    closed (0: no limit);
 *  - MaxStartups start:rate:full: from `start` unauthenticated connections on, a new one
 *    is dropped with probability rate/100, rising linearly to 1 at `full` ("random early
 *    drop": a flood cannot reliably keep every slot, yet does not lock everyone out);
 *  - PerSourceMaxStartups: at most `perSource` unauthenticated connections per address.
 *
 * The gate sits in front of ssh2 at the TCP level (the SSH server hands it each socket,
 * and it passes the ones it admits to ssh2's injectSocket), so a client that opens a
 * socket and sends nothing is counted and timed like any other.
 */

import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import type { MaxStartups } from './config.js';

export interface GateOptions {
  graceSeconds: number;
  maxStartups: MaxStartups;
  perSource: number;
  logger: Logger;
  /** For tests: the random early drop's coin. */
  random?: () => number;
}

/** How often a summary of dropped connections may be logged. */
const DROP_LOG_INTERVAL_MS = 10_000;

interface Pending {
  address: string;
  timer: NodeJS.Timeout | null;
}

export class ConnectionGate {
  private readonly pending = new Map<Socket, Pending>();
  private readonly perAddress = new Map<string, number>();
  private dropped = 0;
  private lastDropLog = 0;

  constructor(private readonly options: GateOptions) {}

  /** Unauthenticated connections now. */
  get unauthenticated(): number {
    return this.pending.size;
  }

  /** Decides a new socket; false means it was closed. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress ?? '?';
    const why = this.refusal(address);
    if (why) {
      socket.destroy();
      this.noteDrop(address, why);
      return false;
    }
    const entry: Pending = { address, timer: null };
    if (this.options.graceSeconds > 0) {
      entry.timer = setTimeout(() => {
        this.options.logger.info({ address, seconds: this.options.graceSeconds }, 'login grace time over: connection closed before authentication');
        socket.destroy();
      }, this.options.graceSeconds * 1000);
      entry.timer.unref();
    }
    this.pending.set(socket, entry);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    socket.once('close', () => this.settle(socket));
    return true;
  }

  /** The connection authenticated: it no longer counts against the start-up limits. */
  authenticated(socket: Socket): void {
    this.settle(socket);
  }

  private settle(socket: Socket): void {
    const entry = this.pending.get(socket);
    if (!entry) return;
    this.pending.delete(socket);
    if (entry.timer) clearTimeout(entry.timer);
    const n = (this.perAddress.get(entry.address) ?? 1) - 1;
    if (n > 0) this.perAddress.set(entry.address, n);
    else this.perAddress.delete(entry.address);
  }

  private refusal(address: string): string | null {
    if ((this.perAddress.get(address) ?? 0) >= this.options.perSource) return `per-source-max-startups ${this.options.perSource}`;
    const { start, rate, full } = this.options.maxStartups;
    const n = this.pending.size;
    if (n >= full) return `max-startups full (${full})`;
    if (n >= start) {
      const p = rate / 100 + ((1 - rate / 100) * (n - start)) / Math.max(1, full - start);
      if ((this.options.random ?? Math.random)() < p) return `max-startups random early drop (${n} unauthenticated)`;
    }
    return null;
  }

  private noteDrop(address: string, why: string): void {
    this.dropped++;
    const now = Date.now();
    this.options.logger.debug({ address, reason: why }, 'connection dropped before authentication');
    if (now - this.lastDropLog >= DROP_LOG_INTERVAL_MS) {
      this.options.logger.warn({ address, reason: why, dropped: this.dropped, unauthenticated: this.pending.size }, 'dropping connections: too many unauthenticated');
      this.lastDropLog = now;
      this.dropped = 0;
    }
  }
}
