/** split (-l N, -b N[kmg], -a LEN, -d numeric suffixes, PREFIX) and join (-t C, -1 F, -2 F, -j F, -a N, -v N, -o LIST, -i). */
import { getopt } from '../lib/getopt.js';
import { openInput } from '../lib/files.js';
import { splitLines } from '../lib/input.js';
import { bytesOf, textOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { errorText } from '../lib/errno-text.js';
import { O } from '../sys.js';

export const split = program('split', async (ctx) => {
  const o = getopt(ctx.args, { short: 'l:b:a:d', long: { 'lines=': 'l', 'bytes=': 'b', 'suffix-length=': 'a', 'numeric-suffixes': 'd' } });
  const inp = await openInput(ctx, o.operands[0] ?? '-', 'cantopen');
  if (!inp) return 1;
  const prefix = o.operands[1] ?? 'x';
  const sfx = Number(o.get('a') ?? 2);
  const data = await inp.all();
  inp.close();
  const pieces: string[] = [];
  if (o.has('b')) {
    const m = /^(\d+)([bkmg]?)$/i.exec(o.get('b')!);
    if (!m) return ctx.die(`invalid number '${o.get('b')}'`);
    const n = Number(m[1]) * ({ '': 1, b: 512, k: 1024, m: 1 << 20, g: 1 << 30 } as Record<string, number>)[m[2].toLowerCase()];
    for (let i = 0; i < data.length; i += n) pieces.push(data.slice(i, i + n));
  } else {
    const n = Number(o.get('l') ?? 1000);
    if (!(n > 0)) return ctx.die(`invalid number '${o.get('l')}'`);
    let start = 0;
    let count = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === '\n' && ++count === n) {
        pieces.push(data.slice(start, i + 1));
        start = i + 1;
        count = 0;
      }
    }
    if (start < data.length) pieces.push(data.slice(start));
  }
  const alpha = 'abcdefghijklmnopqrstuvwxyz';
  for (let k = 0; k < pieces.length; k++) {
    let s = '';
    let v = k;
    for (let j = 0; j < sfx; j++) {
      s = (o.has('d') ? String(v % 10) : alpha[v % 26]) + s;
      v = Math.floor(v / (o.has('d') ? 10 : 26));
    }
    if (v > 0) return ctx.die('suffixes exhausted');
    try {
      const fd = ctx.sys.open(textOf(bytesOf(prefix) + s), O.WRONLY | O.CREAT | O.TRUNC, 0o666);
      await ctx.sys.write(fd, Buffer.from(pieces[k], 'latin1'));
      ctx.sys.close(fd);
    } catch (e) {
      return ctx.die(`${prefix}${s}: ${errorText(e)}`);
    }
  }
  return 0;
});

export const join = program('join', async (ctx) => {
  const o = getopt(ctx.args, { short: 't:1:2:j:a:v:o:ie:' });
  if (o.operands.length !== 2) return ctx.usage('[-t C] [-1 F] [-2 F] [-a N] [-v N] [-o LIST] FILE1 FILE2');
  const sep = o.has('t') ? bytesOf(o.get('t')!) : null;
  const f1 = Number(o.get('1') ?? o.get('j') ?? 1) - 1;
  const f2 = Number(o.get('2') ?? o.get('j') ?? 1) - 1;
  const texts: string[] = [];
  for (const f of o.operands) {
    const inp = await openInput(ctx, f);
    if (!inp) return 1;
    texts.push(await inp.all());
    inp.close();
  }
  const fields = (l: string) => (sep !== null ? l.split(sep) : l.trim().split(/[ \t]+/));
  const a = splitLines(texts[0]).map(fields);
  const b = splitLines(texts[1]).map(fields);
  const key = (r: string[], f: number) => (o.has('i') ? (r[f] ?? '').toLowerCase() : r[f] ?? '');
  const outSep = sep ?? ' ';
  const unpaired = new Set(o.all('a').map(Number));
  const only = new Set(o.all('v').map(Number));
  const fmt = o.get('o');
  const empty = o.get('e') ?? '';
  const line = (x: string[] | null, y: string[] | null): string => {
    if (fmt) {
      return fmt.split(/[, ]+/).map((spec) => {
        if (spec === '0') return (x ?? y)![x ? f1 : f2] ?? empty;
        const [fi, fld] = spec.split('.').map(Number);
        const r = fi === 1 ? x : y;
        return r ? r[fld - 1] ?? empty : empty;
      }).join(outSep);
    }
    const k = x ? x[f1] : y![f2];
    const rest = (r: string[] | null, f: number) => (r ? r.filter((_, i) => i !== f) : []);
    return [k, ...rest(x, f1), ...rest(y, f2)].join(outSep);
  };
  let out = '';
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const ka = i < a.length ? key(a[i], f1) : null;
    const kb = j < b.length ? key(b[j], f2) : null;
    if (kb === null || (ka !== null && ka < kb)) {
      if (unpaired.has(1) || only.has(1)) out += line(a[i], null) + '\n';
      i++;
    } else if (ka === null || kb < ka) {
      if (unpaired.has(2) || only.has(2)) out += line(null, b[j]) + '\n';
      j++;
    } else {
      let j2 = j;
      while (j2 < b.length && key(b[j2], f2) === ka) j2++;
      let i2 = i;
      while (i2 < a.length && key(a[i2], f1) === ka) i2++;
      if (!only.size) for (let x = i; x < i2; x++) for (let y = j; y < j2; y++) out += line(a[x], b[y]) + '\n';
      i = i2;
      j = j2;
    }
  }
  await ctx.out.write(out);
  return 0;
});
