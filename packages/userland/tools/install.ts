/** install: copy files setting mode/owner (-m -o -g -d -D -c -s -p -t DIR), and more/less, which are cat when stdout is not a terminal. */
import { copyPath } from '../lib/copy.js';
import { errorText } from '../lib/errno-text.js';
import { applyMode } from '../lib/file-mode.js';
import { basename, dirname, isDir, joinPath } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Accounts } from '../lib/passwd.js';
import { program, type Ctx } from '../lib/program.js';
import { cat } from './cat.js';

function mkdirs(ctx: Ctx, p: string, mode: number): void {
  const parts = p.split('/');
  let cur = p.startsWith('/') ? '' : '.';
  for (const part of parts) {
    if (!part) continue;
    cur = cur === '' ? '/' + part : cur + '/' + part;
    try {
      ctx.sys.mkdir(cur, mode);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    }
  }
}

export const install = program('install', async (ctx) => {
  const o = getopt(ctx.args, { short: 'cdDpsm:o:g:t:v', long: { directory: 'd', 'mode=': 'm', 'owner=': 'o', 'group=': 'g', 'target-directory=': 't', 'preserve-timestamps': 'p', strip: 's', verbose: 'v' } });
  const mode = o.has('m') ? applyMode(o.get('m')!, 0o755, 0, false) : 0o755;
  if (mode === null) return ctx.die(`invalid mode '${o.get('m')}'`);
  const acc = await Accounts.load(ctx.sys);
  const uid = o.has('o') ? (/^\d+$/.test(o.get('o')!) ? Number(o.get('o')) : acc.user(o.get('o')!)?.uid ?? -1) : -1;
  const gid = o.has('g') ? (/^\d+$/.test(o.get('g')!) ? Number(o.get('g')) : acc.group(o.get('g')!)?.gid ?? -1) : -1;
  const finish = (p: string) => {
    ctx.sys.chmod(p, mode);
    if (uid >= 0 || gid >= 0) {
      const st = ctx.sys.stat(p);
      ctx.sys.chown(p, uid >= 0 ? uid : st.uid, gid >= 0 ? gid : st.gid);
    }
  };
  let status = 0;
  if (o.has('d')) {
    for (const d of o.operands) {
      try {
        mkdirs(ctx, d, 0o755);
        finish(d);
      } catch (e) {
        await ctx.error(`can't create directory '${d}': ${errorText(e)}`);
        status = 1;
      }
    }
    return status;
  }
  const ops = [...o.operands];
  const target = o.get('t') ?? ops.pop();
  if (target === undefined || !ops.length) return ctx.usage('[-cdDsp] [-o USER] [-g GRP] [-m MODE] [-t DIR] [SOURCE]... DEST');
  if (o.has('D')) mkdirs(ctx, o.has('t') ? target : dirname(target), 0o755);
  let targetIsDir = false;
  try {
    targetIsDir = isDir(ctx.sys.stat(target).mode);
  } catch {
    /* a new file */
  }
  for (const src of ops) {
    const dst = targetIsDir ? joinPath(target, basename(src)) : target;
    try {
      ctx.sys.unlink(dst);
    } catch {
      /* not there */
    }
    if (!(await copyPath(ctx, src, dst, { recursive: false, noDereference: false, preserve: o.has('p'), force: true, noClobber: false }))) {
      status = 1;
      continue;
    }
    try {
      finish(dst);
    } catch (e) {
      await ctx.error(`${dst}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});

/** more and less: a pager is only cat when the output is not a terminal (no interactive paging yet). */
export const more = program('more', async (ctx) => cat(ctx.sys, ['cat', ...ctx.args.filter((a) => !a.startsWith('-'))], ctx.env));
export const less = program('less', async (ctx) => cat(ctx.sys, ['cat', ...ctx.args.filter((a) => !a.startsWith('-'))], ctx.env));
