/** yes: repeat a line (default "y") until the reader goes away. */
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export const yes = program('yes', async (ctx) => {
  const line = (ctx.args.length ? ctx.args.map(bytesOf).join(' ') : 'y') + '\n';
  const block = line.repeat(Math.max(1, Math.floor(8192 / line.length)));
  for (;;) {
    await ctx.out.write(block);
    await ctx.out.flush();
  }
});
