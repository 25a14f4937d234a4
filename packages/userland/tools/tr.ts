/** tr: translate, squeeze (-s) or delete (-d) characters; sets with ranges, [:classes:], [=c=], [c*n], escapes; -c complement. */
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { classMembers } from '../lib/posix-regex.js';
import { program } from '../lib/program.js';

function unescape(s: string, i: number): [string, number] {
  // s[i] === '\\'
  const d = s[i + 1];
  if (d === undefined) return ['\\', i + 1];
  const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
  if (map[d] !== undefined) return [map[d], i + 2];
  const m = /^[0-7]{1,3}/.exec(s.slice(i + 1));
  if (m) return [String.fromCharCode(parseInt(m[0], 8) & 255), i + 1 + m[0].length];
  return [d, i + 2];
}

/** Expands a tr set into its characters (a repeat [c*] with no count fills to `fill`). */
export function expandSet(s: string, fill = 0): string[] | string {
  const out: string[] = [];
  let i = 0;
  let fillAt = -1;
  let fillChar = '';
  while (i < s.length) {
    if (s[i] === '[' && s[i + 1] === ':') {
      const end = s.indexOf(':]', i + 2);
      if (end > 0) {
        const members = classMembers(s.slice(i + 2, end));
        if (members === undefined) return `invalid class '${s.slice(i + 2, end)}'`;
        out.push(...members);
        i = end + 2;
        continue;
      }
    }
    if (s[i] === '[' && s[i + 1] === '=' && s[i + 3] === '=' && s[i + 4] === ']') {
      out.push(s[i + 2]);
      i += 5;
      continue;
    }
    if (s[i] === '[' && i + 2 < s.length) {
      let c: string;
      let j: number;
      if (s[i + 1] === '\\') [c, j] = unescape(s, i + 1);
      else [c, j] = [s[i + 1], i + 2];
      if (s[j] === '*') {
        const m = /^\*(\d*)\]/.exec(s.slice(j));
        if (m) {
          const n = m[1] === '' ? 0 : m[1].startsWith('0') ? parseInt(m[1], 8) : Number(m[1]);
          if (n === 0) {
            fillAt = out.length;
            fillChar = c;
          } else for (let k = 0; k < n; k++) out.push(c);
          i = j + m[0].length;
          continue;
        }
      }
    }
    let c: string;
    if (s[i] === '\\') [c, i] = unescape(s, i);
    else c = s[i++];
    if (s[i] === '-' && i + 1 < s.length) {
      let hi: string;
      let j = i + 1;
      if (s[j] === '\\') [hi, j] = unescape(s, j);
      else hi = s[j++];
      // a reversed range is empty (busybox does not complain)
      for (let k = c.charCodeAt(0); k <= hi.charCodeAt(0); k++) out.push(String.fromCharCode(k));
      i = j;
      continue;
    }
    out.push(c);
  }
  if (fillAt >= 0) out.splice(fillAt, 0, ...Array(Math.max(0, fill - out.length)).fill(fillChar));
  return out;
}

export const tr = program('tr', async (ctx) => {
  const o = getopt(ctx.args, { short: 'cCdst', long: { complement: 'c', delete: 'd', 'squeeze-repeats': 's', 'truncate-set1': 't' } });
  const del = o.has('d');
  const squeeze = o.has('s');
  const comp = o.has('c') || o.has('C');
  const ops = o.operands.map(bytesOf);
  if (ops.length === 0) return ctx.usage('[-cds] STRING1 [STRING2]');
  if (!del && !squeeze && ops.length < 2) ops.push(ops[0]);
  let set1 = expandSet(ops[0]);
  if (typeof set1 === 'string') return ctx.die(set1);
  if (comp) {
    const inSet = new Set(set1);
    set1 = [];
    for (let c = 0; c < 256; c++) if (!inSet.has(String.fromCharCode(c))) set1.push(String.fromCharCode(c));
  }
  const s1: string[] = set1;
  let set2 = ops.length > 1 ? expandSet(ops[1], s1.length) : [];
  if (typeof set2 === 'string') return ctx.die(set2);
  const map = new Map<string, string>();
  const delSet = new Set<string>();
  const squeezeSet = new Set<string>();
  if (del) {
    for (const c of s1) delSet.add(c);
    if (squeeze) for (const c of set2) squeezeSet.add(c);
  } else if (set2.length || ops.length > 1) {
    const s2 = set2 as string[];
    if (s2.length === 0) return ctx.die('STRING2 cannot be empty');
    for (let i = 0; i < s1.length; i++) map.set(s1[i], s2[Math.min(i, s2.length - 1)]);
    if (squeeze) for (const c of s2) squeezeSet.add(c);
  } else if (squeeze) for (const c of s1) squeezeSet.add(c);
  const inp = new Input(ctx.sys, 0);
  // busybox tr writes each buffer it read at once (full_write), not through stdio.
  ctx.out.unbuffered = true;
  let last = '';
  for (;;) {
    const chunk = await inp.chunk();
    if (chunk === null) break;
    let out = '';
    for (const ch of chunk) {
      if (delSet.has(ch)) continue;
      const c = map.get(ch) ?? ch;
      if (squeezeSet.has(c) && c === last) continue;
      out += c;
      last = c;
    }
    await ctx.out.write(out);
  }
  return 0;
});
