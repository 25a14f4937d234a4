/**
 * strftime(3) for date, ls, stat and find -printf: broken-down time in a time zone
 * (lib/timezone.ts; UTC when none is given, the machine's own clock zone).
 */

import { offsetText, UTC, type TimeZone } from './timezone.js';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthAbbr(m: number): string {
  return MONTHS[m].slice(0, 3);
}

function dayOfYear(d: Date): number {
  return Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1;
}

function isoWeek(d: Date): [number, number] {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const y = t.getUTCFullYear();
  const w = Math.ceil(((t.getTime() - Date.UTC(y, 0, 1)) / 86400000 + 1) / 7);
  return [y, w];
}

/** Formats ms-since-epoch with a strftime format; `nanos` is the sub-second part for %N. */
export function strftime(fmt: string, ms: number, nanos?: number, zone: TimeZone = UTC): string {
  const local = zone.at(ms);
  // The local wall clock, read with the UTC getters.
  const d = new Date(ms + local.offsetSec * 1000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let f = fmt[++i];
    let padMode: string | null = null;
    if (f === '-' || f === '_' || f === '0' || f === '^' || f === '#') {
      padMode = f;
      f = fmt[++i];
    }
    const num = (n: number, w: number, padChar = '0'): string => {
      if (padMode === '-') return String(n);
      if (padMode === '_') return String(n).padStart(w, ' ');
      if (padMode === '0') return String(n).padStart(w, '0');
      return String(n).padStart(w, padChar);
    };
    const y = d.getUTCFullYear();
    const h = d.getUTCHours();
    let s: string;
    switch (f) {
      case 'a': s = DAYS[d.getUTCDay()].slice(0, 3); break;
      case 'A': s = DAYS[d.getUTCDay()]; break;
      case 'b': case 'h': s = MONTHS[d.getUTCMonth()].slice(0, 3); break;
      case 'B': s = MONTHS[d.getUTCMonth()]; break;
      case 'c': s = strftime('%a %b %e %H:%M:%S %Y', ms, nanos, zone); break;
      case 'C': s = num(Math.floor(y / 100), 2); break;
      case 'd': s = num(d.getUTCDate(), 2); break;
      case 'D': s = strftime('%m/%d/%y', ms, nanos, zone); break;
      case 'e': s = num(d.getUTCDate(), 2, ' '); break;
      case 'F': s = strftime('%Y-%m-%d', ms, nanos, zone); break;
      case 'g': s = num(isoWeek(d)[0] % 100, 2); break;
      case 'G': s = String(isoWeek(d)[0]); break;
      case 'H': s = num(h, 2); break;
      case 'I': s = num(h % 12 || 12, 2); break;
      case 'j': s = num(dayOfYear(d), 3); break;
      case 'k': s = num(h, 2, ' '); break;
      case 'l': s = num(h % 12 || 12, 2, ' '); break;
      case 'm': s = num(d.getUTCMonth() + 1, 2); break;
      case 'M': s = num(d.getUTCMinutes(), 2); break;
      case 'n': s = '\n'; break;
      case 'N': s = String(nanos ?? (((ms % 1000) + 1000) % 1000) * 1e6).padStart(9, '0'); break;
      case 'p': s = h < 12 ? 'AM' : 'PM'; break;
      case 'P': s = h < 12 ? 'am' : 'pm'; break;
      case 'r': s = strftime('%I:%M:%S %p', ms, nanos, zone); break;
      case 'R': s = strftime('%H:%M', ms, nanos, zone); break;
      case 's': s = String(Math.floor(ms / 1000)); break;
      case 'S': s = num(d.getUTCSeconds(), 2); break;
      case 't': s = '\t'; break;
      case 'T': s = strftime('%H:%M:%S', ms, nanos, zone); break;
      case 'u': s = String(d.getUTCDay() || 7); break;
      case 'U': s = num(Math.floor((dayOfYear(d) - 1 + 7 - d.getUTCDay()) / 7), 2); break;
      case 'V': s = num(isoWeek(d)[1], 2); break;
      case 'w': s = String(d.getUTCDay()); break;
      case 'W': s = num(Math.floor((dayOfYear(d) - 1 + 7 - ((d.getUTCDay() + 6) % 7)) / 7), 2); break;
      case 'x': s = strftime('%m/%d/%y', ms, nanos, zone); break;
      case 'X': s = strftime('%H:%M:%S', ms, nanos, zone); break;
      case 'y': s = num(y % 100, 2); break;
      case 'Y': s = String(y); break;
      case 'z': s = offsetText(local.offsetSec); break;
      case 'Z': s = local.abbr; break;
      case '%': s = '%'; break;
      default: s = '%' + (padMode ?? '') + f;
    }
    if (padMode === '^') s = s.toUpperCase();
    out += s;
  }
  return out;
}
