/**
 * Slows down repeated failed logins from one address: after a few free failures each
 * further one doubles the delay before the server answers, up to a ceiling. A success
 * clears the address's record; records are forgotten after a quiet period.
 */

export interface ThrottleOptions {
  freeFailures?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  forgetAfterMs?: number;
}

export class AuthThrottle {
  private readonly failures = new Map<string, { count: number; last: number }>();
  private readonly freeFailures: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly forgetAfterMs: number;

  constructor(options: ThrottleOptions = {}) {
    this.freeFailures = options.freeFailures ?? 3;
    this.baseDelayMs = options.baseDelayMs ?? 250;
    this.maxDelayMs = options.maxDelayMs ?? 8000;
    this.forgetAfterMs = options.forgetAfterMs ?? 10 * 60_000;
  }

  /** How long to wait before answering this address's next attempt. */
  delayFor(address: string, now = Date.now()): number {
    const record = this.failures.get(address);
    if (!record) return 0;
    if (now - record.last > this.forgetAfterMs) {
      this.failures.delete(address);
      return 0;
    }
    const over = record.count - this.freeFailures;
    if (over < 0) return 0;
    return Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** over);
  }

  failed(address: string, now = Date.now()): number {
    const record = this.failures.get(address) ?? { count: 0, last: now };
    record.count++;
    record.last = now;
    this.failures.set(address, record);
    if (this.failures.size > 10_000) this.prune(now);
    return record.count;
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }

  private prune(now: number): void {
    for (const [address, record] of this.failures) {
      if (now - record.last > this.forgetAfterMs) this.failures.delete(address);
    }
  }
}
