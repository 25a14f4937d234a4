/** mv: rename files, copying and removing across file systems (-f -i -n -v -T -t DIR). */
import { copyPath } from '../lib/copy.js';
import { errCode, errorText } from '../lib/errno-text.js';
import { basename, isDir, isLnk, joinPath, listDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { program, type Ctx } from '../lib/program.js';
import { ask } from './rm.js';

function removeTree(ctx: Ctx, p: string): void {
  const st = ctx.sys.lstat(p);
  if (isDir(st.mode) && !isLnk(st.mode)) {
    for (const n of listDir(ctx, p)) removeTree(ctx, joinPath(p, n));
    ctx.sys.rmdir(p);
  } else ctx.sys.unlink(p);
}

export const mv = program('mv', async (ctx) => {
  const o = getopt(ctx.args, { short: 'finvTt:', long: { force: 'f', interactive: 'i', 'no-clobber': 'n', verbose: 'v', 'no-target-directory': 'T', 'target-directory=': 't' } });
  const stdin = new Input(ctx.sys, 0);
  let mode: 'f' | 'i' | 'n' | '' = '';
  for (const [k] of o.list) if (k === 'f' || k === 'i' || k === 'n') mode = k;
  const ops = [...o.operands];
  let target = o.get('t');
  if (target === undefined) {
    if (ops.length < 2) {
      return ctx.usage('[-fin] SOURCE... DEST');
    }
    target = ops.pop()!;
  }
  let targetIsDir = false;
  try {
    targetIsDir = isDir(ctx.sys.stat(target).mode);
  } catch {
    /* new name */
  }
  if (o.has('T')) targetIsDir = false;
  if (ops.length > 1 && !targetIsDir) {
    for (const src of ops) await ctx.error(`can't stat '${joinPath(target, basename(src))}': Path has non-directory component`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const dst = targetIsDir ? joinPath(target, basename(src)) : target;
    let exists = false;
    try {
      ctx.sys.lstat(dst);
      exists = true;
    } catch {
      /* fine */
    }
    if (exists) {
      if (mode === 'n') continue;
      if (mode === 'i' || (mode === '' && !ctx.sys.access(dst, 2) && ctx.sys.isatty(0))) {
        if (!(await ask(ctx, `overwrite '${dst}'? `, stdin))) continue;
      }
    }
    try {
      ctx.sys.rename(src, dst);
      if (o.has('v')) await ctx.out.write(`'${src}' -> '${dst}'\n`);
    } catch (e) {
      if (errCode(e) !== 'EXDEV') {
        await ctx.error(`can't rename '${src}': ${errorText(e)}`);
        status = 1;
        continue;
      }
      if (!(await copyPath(ctx, src, dst, { recursive: true, noDereference: true, preserve: true, force: true, noClobber: false }))) {
        status = 1;
        continue;
      }
      try {
        removeTree(ctx, src);
      } catch (e2) {
        await ctx.error(`can't remove '${src}': ${errorText(e2)}`);
        status = 1;
      }
    }
  }
  return status;
});
