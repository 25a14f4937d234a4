/** pwd: print the working directory (-L uses $PWD when it names the same directory). */
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { getopt } from '../lib/getopt.js';
import { errorText } from '../lib/errno-text.js';

export const pwd = program('pwd', async (ctx) => {
  const o = getopt(ctx.args, { short: 'LP' });
  let cwd: string;
  try {
    cwd = ctx.sys.getcwd();
  } catch (e) {
    return ctx.die(`getcwd: ${errorText(e)}`);
  }
  const logical = o.list.length && o.list[o.list.length - 1][0] === 'L';
  const env = ctx.getenv('PWD');
  if (logical && env && env.startsWith('/')) {
    try {
      const a = ctx.sys.stat(env);
      const b = ctx.sys.stat('.');
      if (a.ino === b.ino && a.dev === b.dev) cwd = env;
    } catch {
      /* use getcwd */
    }
  }
  await ctx.out.write(bytesOf(cwd) + '\n');
  return 0;
});
