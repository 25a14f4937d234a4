/** echo: print the arguments (busybox: -n, -e, -E; any other word is printed). */
import { expandEscapes } from '../lib/escapes.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export const echo = program('echo', async (ctx) => {
  const args = ctx.args;
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (!/^-[neE]+$/.test(a)) break;
    for (const c of a.slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
  }
  let out = '';
  for (let j = i; j < args.length; j++) {
    if (j > i) out += ' ';
    let w = bytesOf(args[j]);
    if (escapes) {
      const r = expandEscapes(w, true);
      out += r.text;
      if (r.stop) {
        await ctx.out.write(out);
        return 0;
      }
      continue;
    }
    out += w;
  }
  await ctx.out.write(out + (newline ? '\n' : ''));
  return 0;
});
