/** ln: make hard or symbolic links (-s -f -n -v -T, -b/-S backup suffix). */
import { errorText } from '../lib/errno-text.js';
import { basename, isDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { joinPath } from '../lib/files.js';
import { program } from '../lib/program.js';

export const ln = program('ln', async (ctx) => {
  const o = getopt(ctx.args, { short: 'sfnbS:vTL', long: { symbolic: 's', force: 'f', 'no-dereference': 'n', verbose: 'v', 'no-target-directory': 'T' } });
  const ops = [...o.operands];
  if (ops.length === 0) {
    await ctx.error('missing operand');
    return 1;
  }
  let target: string;
  if (ops.length === 1) target = '.';
  else target = ops.pop()!;
  let targetIsDir = false;
  try {
    const st = o.has('n') ? ctx.sys.lstat(target) : ctx.sys.stat(target);
    targetIsDir = isDir(st.mode);
  } catch {
    /* new name */
  }
  if (o.has('T')) targetIsDir = false;
  if (ops.length > 1 && !targetIsDir) {
    await ctx.error(`${target}: Not a directory`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const dst = targetIsDir ? joinPath(target, basename(src)) : target;
    if (!o.has('s')) {
      try {
        ctx.sys.stat(src);
      } catch (e) {
        await ctx.error(`${src}: ${errorText(e)}`);
        status = 1;
        continue;
      }
    }
    if (o.has('b')) {
      try {
        ctx.sys.rename(dst, dst + (o.get('S') ?? '~'));
      } catch {
        /* nothing to back up */
      }
    }
    if (o.has('f')) {
      try {
        ctx.sys.unlink(dst);
      } catch {
        /* not there */
      }
    }
    try {
      if (o.has('s')) ctx.sys.symlink(src, dst);
      else ctx.sys.link(src, dst);
      if (o.has('v')) await ctx.out.write(`'${dst}' -> '${src}'\n`);
    } catch (e) {
      await ctx.error(`${dst}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});
