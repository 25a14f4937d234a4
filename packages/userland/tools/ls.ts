/**
 * ls: list directory contents in busybox's formats: one per line when stdout is not a
 * terminal, columns when it is, -l long listing with busybox's column widths, and the
 * options scripts use (-a -A -d -R -1 -C -h -t -r -S -X -v -i -n -s -F -p -L -c -u
 * --full-time).
 */
import { getopt } from '../lib/getopt.js';
import { errorText } from '../lib/errno-text.js';
import { isDir, isLnk, joinPath, listDir, S_IFMT } from '../lib/files.js';
import { modeString } from '../lib/file-mode.js';
import { bytesOf } from '../lib/output.js';
import { Accounts } from '../lib/passwd.js';
import { program, type Ctx } from '../lib/program.js';
import { strftime } from '../lib/time-format.js';
import { loadTimeZone, UTC } from '../lib/timezone.js';
import type { StatResult } from '../sys.js';

interface Entry {
  name: string;
  path: string;
  st: StatResult | null;
  target?: string;
}

/** Human-readable size as busybox prints it (1 decimal below 10, K/M/G). */
export function humanSize(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  if (i === 0) return String(n);
  if (v < 10) {
    const r = Math.round(v * 10) / 10;
    return (r >= 10 ? String(Math.round(r)) : r.toFixed(1)) + units[i];
  }
  return String(Math.round(v)) + units[i];
}

/** Version-aware comparison (ls -v, sort -V): digit runs compare as numbers. */
export function versionCompare(a: string, b: string): number {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export const ls = program('ls', async (ctx: Ctx) => {
  const o = getopt(ctx.args, {
    short: '1AaCxdLHRFplinshrSXvctuew:Q',
    long: { all: 'a', 'almost-all': 'A', directory: 'd', recursive: 'R', 'human-readable': 'h', reverse: 'r', 'full-time': 'T', 'group-directories-first': 'G', 'color=': 'K', color: 'K', inode: 'i', size: 's', classify: 'F', 'numeric-uid-gid': 'n', 'dereference': 'L' },
  });
  const has = (k: string) => o.has(k);
  const long = has('l') || has('n') || has('T');
  const showAll = has('a');
  const almostAll = has('A') || showAll;
  const sortKey = (() => {
    let k = '';
    for (const [f] of o.list) if (f === 'S' || f === 't' || f === 'X' || f === 'v') k = f;
    return k;
  })();
  const timeField: 'mtimeMs' | 'ctimeMs' | 'atimeMs' = has('c') ? 'ctimeMs' : has('u') ? 'atimeMs' : 'mtimeMs';
  const tty = ctx.sys.isatty(1);
  const columns = !long && !has('1') && (tty || has('C') || has('x'));
  const width = Number(o.get('w') ?? ctx.getenv('COLUMNS') ?? 80) || 80;
  const accounts = long ? await Accounts.load(ctx.sys) : null;
  const now = ctx.sys.now();
  let status = 0;

  const statOf = (path: string, follow: boolean): StatResult | null => {
    try {
      const l = ctx.sys.lstat(path);
      if (follow && isLnk(l.mode)) {
        try {
          return ctx.sys.stat(path);
        } catch {
          return l;
        }
      }
      return l;
    } catch {
      return null;
    }
  };
  const cmp = (a: Entry, b: Entry): number => {
    let r = 0;
    if (sortKey === 'S') r = (b.st?.size ?? 0) - (a.st?.size ?? 0);
    else if (sortKey === 't') r = (b.st?.[timeField] ?? 0) - (a.st?.[timeField] ?? 0);
    else if (sortKey === 'X') {
      const ea = a.name.lastIndexOf('.') > 0 ? a.name.slice(a.name.lastIndexOf('.') + 1) : '';
      const eb = b.name.lastIndexOf('.') > 0 ? b.name.slice(b.name.lastIndexOf('.') + 1) : '';
      r = ea < eb ? -1 : ea > eb ? 1 : 0;
    } else if (sortKey === 'v') r = versionCompare(a.name, b.name);
    if (r === 0) r = a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    if (has('G')) {
      const da = a.st && isDir(a.st.mode) ? 0 : 1;
      const db = b.st && isDir(b.st.mode) ? 0 : 1;
      if (da !== db) return da - db;
    }
    return has('r') ? -r : r;
  };
  const indicator = (e: Entry): string => {
    if (!e.st) return '';
    const t = e.st.mode & S_IFMT;
    if (has('F')) {
      if (t === 0o040000) return '/';
      if (t === 0o120000) return '@';
      if (t === 0o010000) return '|';
      if (t === 0o140000) return '=';
      if (e.st.mode & 0o111) return '*';
    } else if (has('p') && t === 0o040000) return '/';
    return '';
  };
  // Long listings show times in the local zone (TZ, /etc/localtime), as ls over localtime(3) does.
  const zone = long ? await loadTimeZone(ctx.sys, ctx.getenv('TZ')) : UTC;
  const timeText = (ms: number): string => {
    if (has('T')) return strftime('%Y-%m-%d %H:%M:%S %z', ms, undefined, zone);
    const recent = ms > now - 182.5 * 86400000 && ms < now + 3600000;
    return strftime(recent ? '%b %e %H:%M' : '%b %e  %Y', ms, undefined, zone);
  };
  const line = (e: Entry): string => {
    let s = '';
    const st = e.st;
    if (has('i')) s += String(st?.ino ?? 0).padStart(7, ' ') + ' ';
    if (has('s')) s += (has('h') ? humanSize((st?.blocks ?? 0) * 512) : String(Math.floor((st?.blocks ?? 0) / 2))).padStart(6, ' ') + ' ';
    if (long && st) {
      const user = has('n') ? String(st.uid) : accounts!.userName(st.uid) ?? String(st.uid);
      const group = has('n') ? String(st.gid) : accounts!.groupName(st.gid) ?? String(st.gid);
      s += modeString(st.mode) + ' ' + String(st.nlink).padStart(4, ' ') + ' ' + user.slice(0, 8).padEnd(8, ' ') + ' ' + group.slice(0, 8).padEnd(8, ' ') + ' ';
      const t = st.mode & S_IFMT;
      if (t === 0o020000 || t === 0o060000) s += `${String(Math.floor(st.rdev / 256) & 0xfff).padStart(4, ' ')}, ${String((st.rdev & 0xff) | ((st.rdev >> 12) & 0xfff00)).padStart(4, ' ')} `;
      else if (has('h')) s += humanSize(st.size).padStart(7, ' ') + ' ';
      else s += String(st.size).padStart(9, ' ') + ' ';
      s += timeText(st[timeField]) + ' ';
    }
    s += bytesOf(e.name);
    if (long && e.target !== undefined) s += ' -> ' + bytesOf(e.target);
    s += indicator(e);
    return s;
  };
  const printList = async (entries: Entry[]): Promise<void> => {
    if (!columns) {
      let out = '';
      for (const e of entries) out += line(e) + '\n';
      await ctx.out.write(out);
      return;
    }
    const cells = entries.map(line);
    if (!cells.length) return;
    const colw = Math.max(...cells.map((c) => c.length)) + 2;
    const ncols = Math.max(1, Math.floor(width / colw));
    const nrows = Math.ceil(cells.length / ncols);
    let out = '';
    for (let r = 0; r < nrows; r++) {
      let row = '';
      for (let c = 0; c < ncols; c++) {
        const i = has('x') ? r * ncols + c : c * nrows + r;
        if (i >= cells.length) continue;
        const last = has('x') ? c === ncols - 1 || i === cells.length - 1 : i + nrows >= cells.length;
        row += last ? cells[i] : cells[i].padEnd(colw, ' ');
      }
      out += row + '\n';
    }
    await ctx.out.write(out);
  };
  const withTarget = (e: Entry): Entry => {
    if (long && e.st && isLnk(e.st.mode)) {
      try {
        e.target = ctx.sys.readlink(e.path);
      } catch {
        /* unreadable link */
      }
    }
    return e;
  };
  const listDirectory = async (path: string, header: boolean, firstOut: boolean): Promise<void> => {
    let names: string[];
    try {
      names = listDir(ctx, path);
    } catch (e) {
      await ctx.error(`can't open '${path}': ${errorText(e)}`);
      status = 1;
      return;
    }
    if (header) await ctx.out.write(`${firstOut ? '' : '\n'}${bytesOf(path)}:\n`);
    const entries: Entry[] = [];
    if (showAll) for (const n of ['.', '..']) entries.push({ name: n, path: joinPath(path, n), st: statOf(joinPath(path, n), false) });
    for (const n of names) {
      if (n.startsWith('.') && !almostAll) continue;
      const p = joinPath(path, n);
      entries.push(withTarget({ name: n, path: p, st: statOf(p, has('L')) }));
    }
    entries.sort(cmp);
    if (showAll) {
      // '.' and '..' stay first unless sorting says otherwise (busybox sorts them too)
    }
    if (long || has('s')) {
      const total = entries.reduce((a, e) => a + (e.st?.blocks ?? 0), 0);
      await ctx.out.write(`total ${has('h') ? humanSize(total * 512) : Math.floor(total / 2)}\n`);
    }
    await printList(entries);
    if (has('R')) {
      for (const e of entries) {
        if (e.name === '.' || e.name === '..') continue;
        if (e.st && isDir(e.st.mode) && !isLnk(e.st.mode)) await listDirectory(e.path, true, false);
      }
    }
  };

  const operands = o.operands.length ? o.operands : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const p of operands) {
    let st: StatResult;
    try {
      st = ctx.sys.lstat(p);
      if (isLnk(st.mode) && (has('L') || has('H') || (!long && !has('d') && !has('F')) || (!has('d') && !long))) {
        try {
          const t = ctx.sys.stat(p);
          if (isDir(t.mode) || has('L') || has('H')) st = t;
        } catch {
          /* dangling link: list the link itself */
        }
      }
    } catch (e) {
      await ctx.error(`${p}: ${errorText(e)}`);
      status = 1;
      continue;
    }
    const e = withTarget({ name: p, path: p, st });
    if (isDir(st.mode) && !has('d')) dirs.push(e);
    else files.push(e);
  }
  files.sort(cmp);
  dirs.sort(cmp);
  if (files.length) await printList(files);
  const headers = has('R') || operands.length > 1;
  let first = files.length === 0;
  for (const d of dirs) {
    await listDirectory(d.path, headers, first);
    first = false;
  }
  return status;
});
