/**
 * sort: sort lines (-n -g -h -V -M -r -u -s -f -b -d -i -z -c -o FILE -t SEP -k POS1[,POS2]
 * with per-key flags), comparing in the C locale with a whole-line last resort unless -s,
 * as busybox does.
 */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { O } from '../sys.js';
import { versionCompare } from './ls.js';
import { errorText } from '../lib/errno-text.js';

interface KeyFlags {
  n: boolean; g: boolean; h: boolean; V: boolean; M: boolean; r: boolean; f: boolean; b: boolean; d: boolean; i: boolean;
}
interface Key extends KeyFlags {
  f1: number; c1: number; f2: number; c2: number; bEnd: boolean;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** strtod(3) of the longest numeric prefix (busybox's -n goes through strtod: hex and exponents count). */
export function strtodPrefix(s: string): number {
  const m = /^\s*([+-]?)(0[xX][0-9a-fA-F]+(?:\.[0-9a-fA-F]*)?|inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(s);
  if (!m) return 0;
  const body = m[2];
  let v: number;
  if (/^0x/i.test(body)) v = parseInt(body.split('.')[0], 16);
  else if (/^inf/i.test(body)) v = Infinity;
  else if (/^nan/i.test(body)) v = NaN;
  else v = Number(body);
  return m[1] === '-' ? -v : v;
}
const numPrefix = (s: string): number => {
  const v = strtodPrefix(s);
  return Number.isNaN(v) ? 0 : v;
};
function humanValue(s: string): number {
  const m = /^\s*(-?\d*\.?\d*)([KMGTPE]?)/i.exec(s);
  if (!m) return 0;
  const v = Number(m[1]) || 0;
  const e = m[2] ? 'KMGTPE'.indexOf(m[2].toUpperCase()) + 1 : 0;
  return v * Math.pow(1024, e);
}

export const sort = program('sort', async (ctx) => {
  const o = getopt(ctx.args, {
    short: 'nghVMrusfbdizcCo:t:k:S:T:m',
    long: { 'numeric-sort': 'n', 'general-numeric-sort': 'g', 'human-numeric-sort': 'h', 'version-sort': 'V', 'month-sort': 'M', reverse: 'r', unique: 'u', stable: 's', 'ignore-case': 'f', 'ignore-leading-blanks': 'b', 'dictionary-order': 'd', 'zero-terminated': 'z', check: 'c', 'output=': 'o', 'field-separator=': 't', 'key=': 'k', 'buffer-size=': 'S', 'temporary-directory=': 'T', merge: 'm' },
  });
  const global: KeyFlags = { n: o.has('n'), g: o.has('g'), h: o.has('h'), V: o.has('V'), M: o.has('M'), r: o.has('r'), f: o.has('f'), b: o.has('b'), d: o.has('d'), i: o.has('i') };
  const tsep = o.get('t') !== undefined ? bytesOf(o.get('t')!) : undefined;
  if (tsep !== undefined && tsep.length !== 1) return ctx.die('bad -t parameter');
  const keys: Key[] = [];
  for (const spec of o.all('k')) {
    const m = /^(\d+)(?:\.(\d+))?([bdfghiMnrV]*)(?:,(\d+)(?:\.(\d+))?([bdfghiMnrV]*))?$/.exec(spec);
    if (!m || Number(m[1]) === 0) return ctx.die(`invalid number '${spec}'`);
    const fl = (m[3] ?? '') + (m[6] ?? '');
    const own = fl.length > 0;
    const k: Key = {
      f1: Number(m[1]), c1: m[2] ? Number(m[2]) : 1, f2: m[4] ? Number(m[4]) : 0, c2: m[5] ? Number(m[5]) : 0, bEnd: (m[6] ?? '').includes('b'),
      n: own ? fl.includes('n') : global.n, g: own ? fl.includes('g') : global.g, h: own ? fl.includes('h') : global.h, V: own ? fl.includes('V') : global.V,
      M: own ? fl.includes('M') : global.M, r: own ? fl.includes('r') : global.r, f: own ? fl.includes('f') : global.f,
      b: own ? (m[3] ?? '').includes('b') : global.b, d: own ? fl.includes('d') : global.d, i: own ? fl.includes('i') : global.i,
    };
    keys.push(k);
  }
  const sep = o.has('z') ? '\0' : '\n';
  const fieldStarts = (line: string): number[] => {
    // start index of each field (fields include their leading blanks when there is no -t)
    const starts = [0];
    if (tsep !== undefined) {
      for (let i = 0; i < line.length; i++) if (line[i] === tsep) starts.push(i + 1);
    } else {
      let i = 0;
      while (i < line.length) {
        while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
        while (i < line.length && line[i] !== ' ' && line[i] !== '\t') i++;
        if (i < line.length) starts.push(i);
      }
    }
    return starts;
  };
  const extract = (line: string, k: Key): string => {
    const st = fieldStarts(line);
    const fieldEnd = (f: number): number => {
      if (f >= st.length) return line.length;
      return f + 1 < st.length ? st[f + 1] - (tsep !== undefined ? 1 : 0) : line.length;
    };
    let start: number;
    if (k.f1 - 1 >= st.length) start = line.length;
    else {
      start = st[k.f1 - 1];
      if (k.b) while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
      start = Math.min(start + k.c1 - 1, fieldEnd(k.f1 - 1));
    }
    let end: number;
    if (k.f2 === 0) end = line.length;
    else if (k.c2 === 0) end = fieldEnd(k.f2 - 1);
    else {
      let s2 = k.f2 - 1 < st.length ? st[k.f2 - 1] : line.length;
      if (k.bEnd) while (s2 < line.length && (line[s2] === ' ' || line[s2] === '\t')) s2++;
      end = Math.min(s2 + k.c2, fieldEnd(k.f2 - 1));
    }
    return end > start ? line.slice(start, end) : '';
  };
  const cmpWith = (a: string, b: string, k: KeyFlags): number => {
    if (k.b) {
      a = a.replace(/^[ \t]+/, '');
      b = b.replace(/^[ \t]+/, '');
    }
    let r: number;
    if (k.n) r = numPrefix(a) - numPrefix(b);
    else if (k.g) {
      const num = (v: string) => (/^\s*[+-]?(\d|\.\d|inf|nan)/i.test(v) ? strtodPrefix(v) : NaN);
      const x = num(a);
      const y = num(b);
      r = Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : Number.isNaN(y) ? 1 : x - y;
    } else if (k.h) r = humanValue(a) - humanValue(b);
    else if (k.V) r = versionCompare(a, b);
    else if (k.M) r = MONTHS.indexOf(a.trim().slice(0, 3).toUpperCase()) - MONTHS.indexOf(b.trim().slice(0, 3).toUpperCase());
    else {
      if (k.d) {
        a = a.replace(/[^A-Za-z0-9 \t]/g, '');
        b = b.replace(/[^A-Za-z0-9 \t]/g, '');
      }
      if (k.i) {
        a = a.replace(/[^\x20-\x7e]/g, '');
        b = b.replace(/[^\x20-\x7e]/g, '');
      }
      if (k.f) {
        a = a.toUpperCase();
        b = b.toUpperCase();
      }
      r = a < b ? -1 : a > b ? 1 : 0;
    }
    return r < 0 ? -1 : r > 0 ? 1 : 0;
  };
  const compare = (a: string, b: string): number => {
    if (keys.length) {
      for (const k of keys) {
        const r = cmpWith(extract(a, k), extract(b, k), k);
        if (r) return k.r ? -r : r;
      }
    } else {
      const r = cmpWith(a, b, global);
      if (r) return global.r ? -r : r;
    }
    // busybox keeps the whole-line last resort under -u too (-u then keeps the first of equal keys)
    if (o.has('s')) return 0;
    const r = a < b ? -1 : a > b ? 1 : 0;
    return global.r ? -r : r;
  };
  const lines: string[] = [];
  let status = 0;
  for (const f of inputsOf(o.operands)) {
    const inp = await openInput(ctx, f);
    if (!inp) return 2;
    const text = await inp.all();
    inp.close();
    const ls = text.split(sep);
    if (ls[ls.length - 1] === '') ls.pop();
    for (const l of ls) lines.push(l);
  }
  if (o.has('c') || o.has('C')) {
    for (let i = 1; i < lines.length; i++) {
      const r = compare(lines[i - 1], lines[i]);
      if (r > 0 || (o.has('u') && r === 0)) {
        if (!o.has('C')) await ctx.errOut.write(`Check line ${i}\n`);
        return 1;
      }
    }
    return 0;
  }
  lines.sort(compare);
  let out: string[] = lines;
  if (o.has('u')) {
    out = [];
    const sameKey = (a: string, b: string) => {
      if (keys.length) return keys.every((k) => cmpWith(extract(a, k), extract(b, k), k) === 0);
      return cmpWith(a, b, global) === 0;
    };
    for (const l of lines) if (out.length === 0 || !sameKey(out[out.length - 1], l)) out.push(l);
  }
  const text = out.map((l) => l + sep).join('');
  const outFile = o.get('o');
  if (outFile !== undefined) {
    try {
      const fd = ctx.sys.open(outFile, O.WRONLY | O.CREAT | O.TRUNC, 0o666);
      await ctx.sys.write(fd, Buffer.from(text, 'latin1'));
      ctx.sys.close(fd);
    } catch (e) {
      return ctx.die(`can't open '${outFile}': ${errorText(e)}`);
    }
  } else await ctx.out.write(text);
  return status;
});
