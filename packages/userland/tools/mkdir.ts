/** mkdir and rmdir: make directories (-p parents, -m mode) and remove empty ones (-p parents). */
import { errCode, errorText } from '../lib/errno-text.js';
import { applyMode } from '../lib/file-mode.js';
import { isDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { program } from '../lib/program.js';

class Reported extends Error {}

export const mkdir = program('mkdir', async (ctx) => {
  const o = getopt(ctx.args, { short: 'pm:v', long: { parents: 'p', 'mode=': 'm', verbose: 'v' } });
  const umask = ctx.sys.umask(0);
  ctx.sys.umask(umask);
  let mode = 0o777 & ~umask;
  const m = o.get('m');
  if (m !== undefined) {
    const v = applyMode(m, 0o777, 0, true);
    if (v === null) return ctx.die(`invalid mode '${m}'`);
    mode = v;
  }
  if (o.operands.length === 0) return ctx.usage('[-m MODE] [-p] DIRECTORY...');
  let status = 0;
  for (const path of o.operands) {
    const make = (p: string, finalMode: number): void => {
      ctx.sys.mkdir(p, finalMode);
      if (m !== undefined) ctx.sys.chmod(p, finalMode);
    };
    try {
      if (o.has('p')) {
        const parts = path.split('/');
        let cur = path.startsWith('/') ? '' : '.';
        let built = '';
        for (let i = 0; i < parts.length; i++) {
          if (parts[i] === '') continue;
          built = built === '' && !path.startsWith('/') ? parts[i] : (built || '') + '/' + parts[i];
          cur = built;
          const last = parts.slice(i + 1).every((x) => x === '');
          try {
            if (last) make(cur, mode);
            else ctx.sys.mkdir(cur, 0o777 & ~umask | 0o300);
          } catch (e) {
            if (errCode(e) === 'EEXIST') {
              let dir = false;
              try {
                dir = isDir(ctx.sys.stat(cur).mode);
              } catch {
                /* fall through */
              }
              if (dir) continue;
              if (!last) {
                // busybox creates each prefix with its slash: 'a.txt/' is then "Not a directory"
                await ctx.error(`can't create directory '${cur}/': Not a directory`);
                throw new Reported();
              }
            }
            throw e;
          }
        }
      } else make(path, mode);
      if (o.has('v')) await ctx.out.write(`mkdir: created directory '${path}'\n`);
    } catch (e) {
      if (e instanceof Reported) {
        status = 1;
        continue;
      }
      await ctx.error(`can't create directory '${path}': ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});

export const rmdir = program('rmdir', async (ctx) => {
  const o = getopt(ctx.args, { short: 'pv', long: { parents: 'p', verbose: 'v', 'ignore-fail-on-non-empty': 'i' } });
  if (o.operands.length === 0) {
    await ctx.error('missing operand');
    return 1;
  }
  let status = 0;
  for (const path of o.operands) {
    let p = path.replace(/\/+$/, '') || '/';
    for (;;) {
      try {
        ctx.sys.rmdir(p);
      } catch (e) {
        if (!(o.has('i') && errCode(e) === 'ENOTEMPTY')) {
          await ctx.error(`'${p}': ${errorText(e)}`);
          status = 1;
        }
        break;
      }
      if (!o.has('p')) break;
      const i = p.lastIndexOf('/');
      if (i <= 0) break;
      p = p.slice(0, i).replace(/\/+$/, '');
      if (p === '') break;
    }
  }
  return status;
});
