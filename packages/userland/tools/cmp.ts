/** cmp: compare two files byte by byte (-l list all differences, -s silent); 0 same, 1 different, 2 trouble. */
import { getopt } from '../lib/getopt.js';
import { openInput } from '../lib/files.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export const cmp = program('cmp', async (ctx) => {
  const o = getopt(ctx.args, { short: 'ls', long: { verbose: 'l', silent: 's', quiet: 's' } });
  if (o.operands.length < 1 || o.operands.length > 2) return 2 + 0 * (await ctx.usage('[-ls] FILE1 [FILE2]'));
  const [fa, fb = '-'] = o.operands;
  const ia = await openInput(ctx, fa);
  if (!ia) return 2;
  const ib = await openInput(ctx, fb);
  if (!ib) return 2;
  const a = await ia.all();
  const b = await ib.all();
  let line = 1;
  let differ = false;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      differ = true;
      if (o.has('s')) return 1;
      if (!o.has('l')) {
        await ctx.out.write(`${bytesOf(fa)} ${bytesOf(fb)} differ: char ${i + 1}, line ${line}\n`);
        return 1;
      }
      await ctx.out.write(`${i + 1} ${a.charCodeAt(i).toString(8).padStart(3, ' ')} ${b.charCodeAt(i).toString(8).padStart(3, ' ')}\n`);
    }
    if (a[i] === '\n') line++;
  }
  if (a.length !== b.length) {
    if (!o.has('s')) await ctx.error(`EOF on ${a.length < b.length ? fa : fb}`);
    return 1;
  }
  return differ ? 1 : 0;
});
