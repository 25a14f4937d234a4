/** cp: copy files and trees (-r/-R -a -p -d/-P -L -f -i -n -l -s -u -v -T -t DIR). */
import { copyPath, type CopyOptions } from '../lib/copy.js';
import { basename, isDir, joinPath } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { program } from '../lib/program.js';
import { ask } from './rm.js';

export const cp = program('cp', async (ctx) => {
  const o = getopt(ctx.args, {
    short: 'aRrdPLHpfinlsuvTt:',
    long: { archive: 'a', recursive: 'R', 'no-dereference': 'P', dereference: 'L', preserve: 'p', force: 'f', interactive: 'i', 'no-clobber': 'n', link: 'l', 'symbolic-link': 's', update: 'u', verbose: 'v', 'no-target-directory': 'T', 'target-directory=': 't', parents: 'A' },
  });
  const stdin = new Input(ctx.sys, 0);
  const recursive = o.has('r') || o.has('R') || o.has('a');
  let noDeref = o.has('d') || o.has('P') || o.has('a') || (recursive && !o.has('L') && !o.has('H'));
  if (o.has('L')) noDeref = false;
  const opts: CopyOptions = {
    recursive,
    noDereference: noDeref,
    preserve: o.has('p') || o.has('a'),
    force: o.has('f'),
    noClobber: o.has('n'),
    confirm: o.has('i') ? (dst) => ask(ctx, `overwrite '${dst}'? `, stdin) : undefined,
    link: o.has('l') ? 'hard' : o.has('s') ? 'soft' : undefined,
    update: o.has('u'),
    verbose: o.has('v'),
  };
  const ops = [...o.operands];
  let target = o.get('t');
  if (target === undefined) {
    if (ops.length < 2) {
      return ctx.usage('[-arPLHpfinlsTu] SOURCE... DEST');
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
    // busybox tries each source inside the would-be directory
    for (const src of ops) await ctx.error(`can't stat '${joinPath(target, basename(src))}': Not a directory`);
    return 1;
  }
  let status = 0;
  for (const src of ops) {
    const dst = targetIsDir ? joinPath(target, basename(src)) : target;
    if (!(await copyPath(ctx, src, dst, opts))) status = 1;
  }
  return status;
});
