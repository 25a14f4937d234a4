/**
 * The kernel's message log: what syslog(2)/klogctl and dmesg read. Each record has a printk
 * level and the seconds since boot; the buffer keeps the newest LOG_BUF_LEN bytes' worth of
 * records, and remembers how far SYSLOG_ACTION_READ (the destructive reader) has got.
 */

/** CONFIG_LOG_BUF_SHIFT=17 on Debian's arm64 kernel. */
export const LOG_BUF_LEN = 1 << 17;

export const KERN_ERR = 3;
export const KERN_WARNING = 4;
export const KERN_NOTICE = 5;
export const KERN_INFO = 6;

interface LogRecord {
  seq: number;
  text: string;
}

export class KernelLog {
  private records: LogRecord[] = [];
  private bytes = 0;
  private nextSeq = 0;
  /** First record SYSLOG_ACTION_READ has not returned yet. */
  private readSeq = 0;
  /** First record READ_ALL still shows (SYSLOG_ACTION_CLEAR moves it). */
  private clearSeq = 0;
  /** console_loglevel (SYSLOG_ACTION_CONSOLE_LEVEL, CONSOLE_OFF/ON). */
  consoleLevel = 7;
  savedConsoleLevel = -1;

  constructor(private readonly bootMs: number) {}

  /** Appends one message, `<level>[seconds.micros] text`, as syslog(2) returns them. */
  log(level: number, text: string, nowMs = Date.now()): void {
    const t = Math.max(0, nowMs - this.bootMs) / 1000;
    const stamp = t.toFixed(6).padStart(12, ' ');
    const record = { seq: this.nextSeq++, text: `<${level}>[${stamp}] ${text}\n` };
    this.records.push(record);
    this.bytes += record.text.length;
    while (this.bytes > LOG_BUF_LEN && this.records.length > 1) this.bytes -= this.records.shift()!.text.length;
  }

  private since(seq: number): LogRecord[] {
    return this.records.filter((r) => r.seq >= seq);
  }

  /** SYSLOG_ACTION_READ_ALL: the newest records that fit in `max` bytes, oldest first. */
  readAll(max: number): string {
    const all = this.since(this.clearSeq);
    let out = '';
    for (let i = all.length - 1; i >= 0; i--) {
      if (out.length + all[i]!.text.length > max) break;
      out = all[i]!.text + out;
    }
    return out;
  }

  /** SYSLOG_ACTION_READ: unread records (at most `max` bytes, whole records), consumed. */
  readUnread(max: number): string {
    let out = '';
    for (const r of this.since(this.readSeq)) {
      if (out.length + r.text.length > max) break;
      out += r.text;
      this.readSeq = r.seq + 1;
    }
    return out;
  }

  unreadBytes(): number {
    return this.since(this.readSeq).reduce((n, r) => n + r.text.length, 0);
  }

  clear(): void {
    this.clearSeq = this.nextSeq;
  }
}
