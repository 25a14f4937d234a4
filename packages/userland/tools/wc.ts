/** wc: count lines, words, characters, bytes and the longest line (-l -w -m -c -L), busybox's column layout. */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { program } from '../lib/program.js';
import { bytesOf } from '../lib/output.js';

export const wc = program('wc', async (ctx) => {
  const o = getopt(ctx.args, { short: 'lwcmL', long: { lines: 'l', words: 'w', bytes: 'c', chars: 'm', 'max-line-length': 'L' } });
  let want = ['l', 'w', 'm', 'c', 'L'].filter((k) => o.has(k));
  if (want.length === 0) want = ['l', 'w', 'c'];
  const files = inputsOf(o.operands);
  const totals: Record<string, number> = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  let status = 0;
  const fmt = (v: Record<string, number>, name: string | null) => {
    const cols = want.map((k) => (want.length === 1 && want[0] !== 'L' && files.length === 1 ? String(v[k]) : String(v[k]).padStart(9, ' ')));
    return cols.join(' ') + (name !== null ? ' ' + bytesOf(name) : '') + '\n';
  };
  for (const f of files) {
    const inp = await openInput(ctx, f);
    if (!inp) {
      status = 1;
      continue;
    }
    const v: Record<string, number> = { l: 0, w: 0, m: 0, c: 0, L: 0 };
    let inWord = false;
    let col = 0;
    for (;;) {
      const chunk = await inp.chunk();
      if (chunk === null) break;
      v.c += chunk.length;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if ((c & 0xc0) !== 0x80) v.m++;
        if (c === 10) {
          v.l++;
          if (col > v.L) v.L = col;
          col = 0;
        } else if (c === 9) col = (col + 8) & ~7;
        else if (c >= 32 && c < 127) col++;
        const space = c === 32 || (c >= 9 && c <= 13);
        if (space) inWord = false;
        else if (!inWord && c >= 33 && c < 127) {
          inWord = true;
          v.w++;
        }
      }
    }
    if (col > v.L) v.L = col;
    inp.close();
    for (const k of Object.keys(totals)) totals[k] = k === 'L' ? Math.max(totals[k], v[k]) : totals[k] + v[k];
    await ctx.out.write(fmt(v, f === '-' && o.operands.length === 0 ? null : f));
  }
  if (files.length > 1) await ctx.out.write(fmt(totals, 'total'));
  return status;
});
