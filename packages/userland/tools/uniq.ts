/** uniq: collapse adjacent equal lines (-c -d -D -u -i -f N -s N -w N, [INPUT [OUTPUT]]). */
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { openInput } from '../lib/files.js';
import { program } from '../lib/program.js';
import { O } from '../sys.js';
import { Output } from '../lib/output.js';

export const uniq = program('uniq', async (ctx) => {
  const o = getopt(ctx.args, { short: 'cdDuif:s:w:z', long: { count: 'c', repeated: 'd', 'all-repeated': 'D', unique: 'u', 'ignore-case': 'i', 'skip-fields=': 'f', 'skip-chars=': 's', 'check-chars=': 'w', 'zero-terminated': 'z' } });
  const skipF = Number(o.get('f') ?? 0);
  const skipC = Number(o.get('s') ?? 0);
  const width = o.has('w') ? Number(o.get('w')) : Infinity;
  const sep = o.has('z') ? '\0' : '\n';
  const inName = o.operands[0] ?? '-';
  const inp = await openInput(ctx, inName, 'cantopen');
  if (!inp) return 1;
  let out = ctx.out;
  if (o.operands[1] !== undefined && o.operands[1] !== '-') {
    try {
      out = new Output(ctx.sys, ctx.sys.open(o.operands[1], O.WRONLY | O.CREAT | O.TRUNC, 0o666));
    } catch (e) {
      return ctx.die(`can't open '${o.operands[1]}': ${errorText(e)}`);
    }
  }
  const keyOf = (l: string): string => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipC);
    if (width !== Infinity) s = s.slice(0, width);
    return o.has('i') ? s.toLowerCase() : s;
  };
  let prev: string | null = null;
  let prevKey = '';
  let n = 0;
  const group: string[] = [];
  const emit = async () => {
    if (prev === null) return;
    if (o.has('D')) {
      if (n > 1) for (const g of group) await out.write(g + sep);
      return;
    }
    if ((o.has('d') && n < 2) || (o.has('u') && n > 1)) return;
    await out.write((o.has('c') ? String(n).padStart(7, ' ') + ' ' : '') + prev + sep);
  };
  for (;;) {
    let l = await inp.line(sep);
    if (l === null) break;
    if (l.endsWith(sep)) l = l.slice(0, -1);
    const k = keyOf(l);
    if (prev !== null && k === prevKey) {
      n++;
      if (o.has('D')) group.push(l);
      continue;
    }
    await emit();
    prev = l;
    prevKey = k;
    n = 1;
    group.length = 0;
    group.push(l);
  }
  await emit();
  if (out !== ctx.out) {
    await out.flush();
    ctx.sys.close(out.fd);
  }
  return 0;
});
