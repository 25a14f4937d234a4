/** base64: encode (wrapping at -w COLS, 76 by default; 0 for none) or decode (-d) a file or stdin. */
import { getopt } from '../lib/getopt.js';
import { openInput } from '../lib/files.js';
import { program } from '../lib/program.js';

export const base64 = program('base64', async (ctx) => {
  const o = getopt(ctx.args, { short: 'dw:i', long: { decode: 'd', 'wrap=': 'w', 'ignore-garbage': 'i' } });
  const inp = await openInput(ctx, o.operands[0] ?? '-');
  if (!inp) return 1;
  const data = Buffer.from(await inp.all(), 'latin1');
  inp.close();
  if (o.has('d')) {
    const text = data.toString('latin1').replace(/[\s]/g, '');
    // busybox decodes what it can and does not complain about the rest
    await ctx.out.writeBytes(Buffer.from(text.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
    return 0;
  }
  const w = Number(o.get('w') ?? 76);
  const enc = data.toString('base64');
  if (w > 0) {
    let out = '';
    for (let i = 0; i < enc.length; i += w) out += enc.slice(i, i + w) + '\n';
    await ctx.out.write(out);
  } else await ctx.out.write(enc);
  return 0;
});
