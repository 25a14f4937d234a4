/** cut: select bytes, characters or fields of each line (-b -c -f LIST, -d DELIM, -s, -n, --output-delimiter). */
import { getopt } from '../lib/getopt.js';
import { forEachLine } from '../lib/files.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export function parseList(list: string): Array<[number, number]> | null {
  const ranges: Array<[number, number]> = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) return null;
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    // busybox accepts 0 (it selects nothing)
    if (hi < lo) return null;
    ranges.push([lo, hi]);
  }
  return ranges;
}

export const cut = program('cut', async (ctx) => {
  const o = getopt(ctx.args, { short: 'b:c:f:d:snO:', long: { 'bytes=': 'b', 'characters=': 'c', 'fields=': 'f', 'delimiter=': 'd', 'only-delimited': 's', 'output-delimiter=': 'O' } });
  const modes = ['b', 'c', 'f'].filter((k) => o.has(k));
  if (modes.length !== 1) return ctx.die(modes.length ? 'only one list may be specified' : 'expected a list of bytes, characters, or fields');
  const mode = modes[0];
  const ranges = parseList(o.get(mode)!);
  if (!ranges) return ctx.die(`invalid byte, character or field list`);
  // busybox uses the first character of a longer -d
  const delim = o.has('d') ? bytesOf(o.get('d')!).slice(0, 1) : '\t';
  const outDelim = o.has('O') ? bytesOf(o.get('O')!) : delim;
  const inRange = (i: number) => ranges.some(([a, b]) => i >= a && i <= b);
  return forEachLine(ctx, o.operands, async (l) => {
    if (mode !== 'f') {
      let s = '';
      for (let i = 0; i < l.length; i++) if (inRange(i + 1)) s += l[i];
      await ctx.out.write(s + '\n');
      return;
    }
    if (!l.includes(delim || '\t')) {
      if (!o.has('s')) await ctx.out.write(l + '\n');
      return;
    }
    const fields = l.split(delim);
    const picked: string[] = [];
    for (let i = 0; i < fields.length; i++) if (inRange(i + 1)) picked.push(fields[i]);
    await ctx.out.write(picked.join(outDelim) + '\n');
  });
});
