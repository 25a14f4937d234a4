/**
 * The date strings busybox's date -d and touch -d accept (its parse_datestr): '@SECONDS',
 * 'YYYY-MM-DD[ T]hh:mm[:ss]', 'YYYY-MM-DD', 'hh:mm[:ss]', 'MM-DD hh:mm[:ss]',
 * 'YYYY.MM.DD-hh:mm[:ss]', '[[[[[YY]YY]MM]DD]hh]mm[.ss]' and the RFC-2822/`date` output
 * form ('Tue Dec  1 18:00:00 UTC 2026'); touch -t's [[CC]YY]MMDDhhmm[.ss]. A time without its own
 * zone (Z, UTC, GMT, +hhmm) is a wall-clock time in `zone` (TZ's; UTC by default).
 */

import { localToUtc, UTC, type TimeZone } from './timezone.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

/** Parses a date string relative to `now` (ms); returns ms since the epoch or null. */
export function parseDate(str: string, now: number, zone: TimeZone = UTC): number | null {
  const r = parseIn(str, now + zone.at(now).offsetSec * 1000);
  if (r === null) return null;
  return typeof r === 'number' ? localToUtc(zone, r) : r.utc;
}

/** A wall-clock time (ms as if UTC), or { utc } when the string fixed its own zone. */
function parseIn(str: string, now: number): number | { utc: number } | null {
  const s = str.trim();
  const n = new Date(now);
  const Y = n.getUTCFullYear();
  const M = n.getUTCMonth() + 1;
  const D = n.getUTCDate();
  let m: RegExpExecArray | null;
  if ((m = /^@(-?\d+)$/.exec(s))) return { utc: Number(m[1]) * 1000 };
  if ((m = /^(\d{4})-(\d\d?)-(\d\d?)(?:[ T](\d\d?):(\d\d)(?::(\d\d))?(?:\.\d+)?)?\s*(Z|UTC|[+-]\d\d:?\d\d)?$/.exec(s))) {
    const t = utc(+m[1], +m[2], +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    if (t === null) return null;
    if (!m[7]) return t;
    let off = 0;
    if (m[7] !== 'Z' && m[7] !== 'UTC') {
      const z = m[7].replace(':', '');
      off = (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(3, 5))) * 60000;
    }
    return { utc: t - off };
  }
  if ((m = /^(\d{4})\.(\d\d?)\.(\d\d?)-(\d\d?):(\d\d)(?::(\d\d))?$/.exec(s))) return utc(+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0));
  if ((m = /^(\d\d?)-(\d\d?) (\d\d?):(\d\d)(?::(\d\d))?$/.exec(s))) return utc(Y, +m[1], +m[2], +m[3], +m[4], +(m[5] ?? 0));
  if ((m = /^(\d\d?):(\d\d)(?::(\d\d))?$/.exec(s))) return utc(Y, M, D, +m[1], +m[2], +(m[3] ?? 0));
  if ((m = /^(\d+)(?:\.(\d\d))?$/.exec(s))) {
    // [[[[[YY]YY]MM]DD]hh]mm[.ss]
    const d = m[1];
    const ss = +(m[2] ?? 0);
    let y = Y, mo = M, dd = D, h = n.getUTCHours(), mi: number;
    switch (d.length) {
      case 2: mi = +d; break;
      case 4: h = +d.slice(0, 2); mi = +d.slice(2); break;
      case 6: dd = +d.slice(0, 2); h = +d.slice(2, 4); mi = +d.slice(4); break;
      case 8: mo = +d.slice(0, 2); dd = +d.slice(2, 4); h = +d.slice(4, 6); mi = +d.slice(6); break;
      case 10: y = 2000 + +d.slice(0, 2); mo = +d.slice(2, 4); dd = +d.slice(4, 6); h = +d.slice(6, 8); mi = +d.slice(8); if (y >= 2069) y -= 100; break;
      case 12: y = +d.slice(0, 4); mo = +d.slice(4, 6); dd = +d.slice(6, 8); h = +d.slice(8, 10); mi = +d.slice(10); break;
      default: return null;
    }
    return utc(y, mo, dd, h, mi, ss);
  }
  // 'Tue Dec  1 18:00:00 UTC 2026' or 'Dec 1 2026 18:00' style
  if ((m = /^(?:[A-Za-z]{3},?\s+)?([A-Za-z]{3})\s+(\d\d?)\s+(\d\d?):(\d\d)(?::(\d\d))?(\s+(?:UTC|GMT|Z))?\s+(\d{4})$/.exec(s))) {
    const mo = MONTHS.indexOf(m[1].toLowerCase()) + 1;
    if (!mo) return null;
    const t = utc(+m[7], mo, +m[2], +m[3], +m[4], +(m[5] ?? 0));
    return t !== null && m[6] ? { utc: t } : t;
  }
  if ((m = /^(?:[A-Za-z]{3},\s+)?(\d\d?)\s+([A-Za-z]{3})\s+(\d{4})\s+(\d\d?):(\d\d)(?::(\d\d))?(?:\s+([+-]\d{4}|UTC|GMT))?$/.exec(s))) {
    const mo = MONTHS.indexOf(m[2].toLowerCase()) + 1;
    if (!mo) return null;
    const t = utc(+m[3], mo, +m[1], +m[4], +m[5], +(m[6] ?? 0));
    if (t === null) return null;
    if (!m[7]) return t;
    const z = /^[+-]/.test(m[7]) ? (m[7][0] === '-' ? -1 : 1) * (Number(m[7].slice(1, 3)) * 60 + Number(m[7].slice(3))) * 60000 : 0;
    return { utc: t - z };
  }
  return null;
}

/** touch -t: [[CC]YY]MMDDhhmm[.SS], a wall-clock time in `zone`. */
export function parseTouchStamp(s: string, now: number, zone: TimeZone = UTC): number | null {
  const m = /^(\d{8}|\d{10}|\d{12})(?:\.(\d\d))?$/.exec(s);
  if (!m) return null;
  const d = m[1];
  const Y = new Date(now + zone.at(now).offsetSec * 1000).getUTCFullYear();
  let y = Y;
  let rest = d;
  if (d.length === 12) {
    y = +d.slice(0, 4);
    rest = d.slice(4);
  } else if (d.length === 10) {
    const yy = +d.slice(0, 2);
    y = yy < 69 ? 2000 + yy : 1900 + yy;
    rest = d.slice(2);
  }
  const wall = utc(y, +rest.slice(0, 2), +rest.slice(2, 4), +rest.slice(4, 6), +rest.slice(6, 8), +(m[2] ?? 0));
  return wall === null ? null : localToUtc(zone, wall);
}
