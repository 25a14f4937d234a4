/**
 * Time zones for date (and whoever formats local times): what TZ means, as the C library
 * reads it. TZ unset is /etc/localtime (UTC without one); TZ="" and "UTC" are UTC; a name
 * (optionally after ':') is a zoneinfo file, /usr/share/zoneinfo/NAME or an absolute path, in
 * the TZif format (RFC 8536: transitions, local time types, and the POSIX string in its
 * footer for times after the last transition); anything else is a POSIX TZ string
 * ("EST5EDT", "UTC-2", "<+0530>-5:30", "CET-1CEST,M3.5.0,M10.5.0/3"), whose offsets count
 * hours west of Greenwich. What cannot be read is UTC under the name given, as glibc does.
 */

import type { Sys } from '../sys.js';

export interface LocalTime {
  /** Seconds east of UTC. */
  offsetSec: number;
  abbr: string;
  isDst: boolean;
}

export interface TimeZone {
  /** The offset and abbreviation in force at `utcMs`. */
  at(utcMs: number): LocalTime;
}

export const UTC: TimeZone = { at: () => ({ offsetSec: 0, abbr: 'UTC', isDst: false }) };

function fixed(offsetSec: number, abbr: string): TimeZone {
  const lt = { offsetSec, abbr, isDst: false };
  return { at: () => lt };
}

// ---- POSIX TZ strings -----------------------------------------------------------------

interface Rule {
  kind: 'J' | 'n' | 'M';
  day: number;
  week: number;
  month: number;
  /** Seconds after local midnight when it takes effect. */
  time: number;
}

const DAY = 86400;

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Seconds since the epoch of local midnight (as if UTC) on the day `rule` names in year y. */
function ruleDay(y: number, r: Rule): number {
  const jan1 = Date.UTC(y, 0, 1) / 1000;
  if (r.kind === 'J') return jan1 + (r.day - 1 + (isLeap(y) && r.day >= 60 ? 1 : 0)) * DAY;
  if (r.kind === 'n') return jan1 + r.day * DAY;
  // Mm.w.d: day d (0 Sunday) of week w (5: the last) of month m.
  const first = Date.UTC(y, r.month - 1, 1) / 1000;
  const firstDow = new Date(first * 1000).getUTCDay();
  let mday = 1 + ((r.day - firstDow + 7) % 7) + (r.week - 1) * 7;
  const daysInMonth = new Date(Date.UTC(y, r.month, 0)).getUTCDate();
  while (mday > daysInMonth) mday -= 7;
  return first + (mday - 1) * DAY;
}

class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  /** A zone name: three or more letters, or <...> (letters, digits, + and -). */
  name(): string | null {
    if (this.peek() === '<') {
      const end = this.s.indexOf('>', this.i);
      if (end < 0) return null;
      const n = this.s.slice(this.i + 1, end);
      if (n.length < 3 || !/^[A-Za-z0-9+-]+$/.test(n)) return null;
      this.i = end + 1;
      return n;
    }
    const m = /^[A-Za-z]+/.exec(this.s.slice(this.i));
    if (!m || m[0].length < 3) return null;
    this.i += m[0].length;
    return m[0];
  }
  /** [+-]hh[:mm[:ss]] in seconds; null if none. */
  time(maxHours = 24): number | null {
    const m = /^([+-]?)(\d{1,3})(?::(\d{1,2}))?(?::(\d{1,2}))?/.exec(this.s.slice(this.i));
    if (!m || Number(m[2]) > maxHours) return null;
    this.i += m[0].length;
    const v = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -v : v;
  }
  rule(): Rule | null {
    const rest = this.s.slice(this.i);
    let m: RegExpExecArray | null;
    let r: Rule;
    if ((m = /^M(\d{1,2})\.(\d)\.(\d)/.exec(rest))) {
      r = { kind: 'M', month: +m[1], week: +m[2], day: +m[3], time: 7200 };
      if (r.month < 1 || r.month > 12 || r.week < 1 || r.week > 5 || r.day > 6) return null;
    } else if ((m = /^J(\d{1,3})/.exec(rest))) {
      r = { kind: 'J', day: +m[1], week: 0, month: 0, time: 7200 };
      if (r.day < 1 || r.day > 365) return null;
    } else if ((m = /^(\d{1,3})/.exec(rest))) {
      r = { kind: 'n', day: +m[1], week: 0, month: 0, time: 7200 };
      if (r.day > 365) return null;
    } else return null;
    this.i += m[0].length;
    if (this.peek() === '/') {
      this.i++;
      const t = this.time(167);
      if (t === null) return null;
      r.time = t;
    }
    return r;
  }
}

/** A POSIX TZ string as a zone, or null when it is not one. */
export function parsePosixTz(tz: string): TimeZone | null {
  const sc = new Scanner(tz);
  const std = sc.name();
  if (!std) return null;
  const stdWest = sc.time();
  if (stdWest === null) return null;
  const stdOff = -stdWest;
  if (sc.done) return fixed(stdOff, std);
  const dst = sc.name();
  if (!dst) return null;
  let dstOff = stdOff + 3600;
  if (sc.peek() !== ',' && !sc.done) {
    const w = sc.time();
    if (w === null) return null;
    dstOff = -w;
  }
  let start: Rule;
  let end: Rule;
  if (sc.done) {
    // No rules: the United States' since 2007, what glibc assumes.
    start = { kind: 'M', month: 3, week: 2, day: 0, time: 7200 };
    end = { kind: 'M', month: 11, week: 1, day: 0, time: 7200 };
  } else {
    if (sc.peek() !== ',') return null;
    sc.i++;
    const a = sc.rule();
    if (!a || sc.peek() !== ',') return null;
    sc.i++;
    const b = sc.rule();
    if (!b || !sc.done) return null;
    start = a;
    end = b;
  }
  const stdTime = { offsetSec: stdOff, abbr: std, isDst: false };
  const dstTime = { offsetSec: dstOff, abbr: dst, isDst: true };
  return {
    at(utcMs: number): LocalTime {
      const t = Math.floor(utcMs / 1000);
      // glibc counts the rules from 1970 on: any earlier time lies before both changes of 1970.
      const y = Math.max(1970, new Date((t + stdOff) * 1000).getUTCFullYear());
      // Start is given in standard time, end in daylight time, both local.
      const on = ruleDay(y, start) + start.time - stdOff;
      const off = ruleDay(y, end) + end.time - dstOff;
      const inDst = on < off ? t >= on && t < off : t < off || t >= on;
      return inDst ? dstTime : stdTime;
    },
  };
}

// ---- TZif files -----------------------------------------------------------------------

/** A TZif file's zone, or null when the bytes are not one. */
export function parseTzif(b: Uint8Array): TimeZone | null {
  if (b.length < 44 || String.fromCharCode(...b.subarray(0, 4)) !== 'TZif') return null;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const version = b[4];
  const counts = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((k) => view.getUint32(at + 20 + k * 4));
  let at = 0;
  let timeSize = 4;
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0);
  const v1Size = timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
  if (version >= 0x32) {
    // Version 2+: a second header with 64-bit times follows the version 1 block.
    at = 44 + v1Size;
    if (b.length < at + 44) return null;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(at);
    timeSize = 8;
  }
  let p = at + 44;
  const need = timecnt * timeSize + timecnt + typecnt * 6 + charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  if (b.length < p + need || typecnt === 0) return null;
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++, p += timeSize) times.push(timeSize === 8 ? Number(view.getBigInt64(p)) : view.getInt32(p));
  const indexes = [...b.subarray(p, p + timecnt)];
  p += timecnt;
  const types: Array<{ off: number; dst: boolean; abbrAt: number }> = [];
  for (let i = 0; i < typecnt; i++, p += 6) types.push({ off: view.getInt32(p), dst: b[p + 4] !== 0, abbrAt: b[p + 5] });
  const chars = b.subarray(p, p + charcnt);
  p += charcnt + leapcnt * (timeSize + 4) + isstdcnt + isutcnt;
  const abbrOf = (i: number): string => {
    let e = i;
    while (e < chars.length && chars[e] !== 0) e++;
    return String.fromCharCode(...chars.subarray(i, e));
  };
  const local: LocalTime[] = types.map((t) => ({ offsetSec: t.off, abbr: abbrOf(t.abbrAt), isDst: t.dst }));
  let footer: TimeZone | null = null;
  if (timeSize === 8 && b[p] === 0x0a) {
    const end = b.indexOf(0x0a, p + 1);
    if (end > p + 1) footer = parsePosixTz(String.fromCharCode(...b.subarray(p + 1, end)));
  }
  // Before the first transition: the first standard-time type (RFC 8536 3.2), else type 0.
  const before = local[types.findIndex((t) => !t.dst)] ?? local[0];
  return {
    at(utcMs: number): LocalTime {
      const t = Math.floor(utcMs / 1000);
      if (!times.length || t < times[0]) return times.length || !footer ? before : footer.at(utcMs);
      if (t >= times[times.length - 1] && footer) return footer.at(utcMs);
      let lo = 0;
      let hi = times.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (times[mid] <= t) lo = mid;
        else hi = mid - 1;
      }
      return local[indexes[lo]] ?? before;
    },
  };
}

// ---- TZ as a process sees it ------------------------------------------------------------

async function readWhole(sys: Sys, path: string): Promise<Uint8Array | null> {
  let fd: number;
  try {
    fd = sys.open(path, 0);
  } catch {
    return null;
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const chunk = await sys.read(fd, 65536);
      if (!chunk.length) break;
      parts.push(chunk);
      total += chunk.length;
      if (total > 1 << 20) return null; // no zoneinfo file is that big
    }
  } catch {
    return null;
  } finally {
    sys.close(fd);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of parts) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The zone TZ (the environment's value, undefined when unset) names, read through sys. */
export async function loadTimeZone(sys: Sys, tz: string | undefined): Promise<TimeZone> {
  if (tz === undefined) {
    const b = await readWhole(sys, '/etc/localtime');
    return (b && parseTzif(b)) ?? UTC;
  }
  const name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name === '' || name === 'UTC' || name === 'UTC0') return UTC;
  if (name.startsWith('/') || (!name.split('/').includes('..') && /^[A-Za-z0-9_+\-/.]+$/.test(name))) {
    const b = await readWhole(sys, name.startsWith('/') ? name : `/usr/share/zoneinfo/${name}`);
    const zone = b && parseTzif(b);
    if (zone) return zone;
  }
  const posix = parsePosixTz(name);
  if (posix) return posix;
  const lead = /^[A-Za-z]{3,}/.exec(name);
  return fixed(0, lead ? lead[0] : 'UTC');
}

/** Local wall-clock milliseconds (as if UTC) back to UTC, for times a user typed. */
export function localToUtc(zone: TimeZone, wallMs: number): number {
  let guess = wallMs - zone.at(wallMs).offsetSec * 1000;
  guess = wallMs - zone.at(guess).offsetSec * 1000;
  return guess;
}

/** "+0200", or with a colon "+02:00" (%z and %:z). */
export function offsetText(offsetSec: number, colon = false): string {
  const sign = offsetSec < 0 ? '-' : '+';
  const a = Math.abs(offsetSec);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor((a % 3600) / 60)).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}
