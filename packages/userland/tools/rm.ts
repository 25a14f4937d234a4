/** rm: remove files and (with -r) directory trees; -f ignores missing files, -i asks. */
import { errCode, errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { isDir, isLnk, joinPath, listDir } from '../lib/files.js';
import { Input } from '../lib/input.js';
import { program, type Ctx } from '../lib/program.js';

/** Asks on stderr and reads one line of stdin; true for an answer starting with y/Y. */
export async function ask(ctx: Ctx, question: string, stdin: Input): Promise<boolean> {
  await ctx.errOut.write(`${ctx.name}: ${question}`);
  const line = await stdin.line();
  return !!line && /^[yY]/.test(line);
}

export const rm = program('rm', async (ctx) => {
  const o = getopt(ctx.args, { short: 'fiRrv', long: { force: 'f', interactive: 'i', recursive: 'r', verbose: 'v' } });
  let force = false;
  let interactive = false;
  for (const [k] of o.list) {
    if (k === 'f') {
      force = true;
      interactive = false;
    } else if (k === 'i') {
      interactive = true;
      force = false;
    }
  }
  const recursive = o.has('r') || o.has('R');
  const stdin = new Input(ctx.sys, 0);
  let status = 0;
  const remove = async (path: string): Promise<boolean> => {
    let st;
    try {
      st = ctx.sys.lstat(path);
    } catch (e) {
      if (force && errCode(e) === 'ENOENT') return true;
      await ctx.error(`can't remove '${path}': ${errorText(e)}`);
      return false;
    }
    if (isDir(st.mode) && !isLnk(st.mode)) {
      if (!recursive) {
        await ctx.error(`'${path}' is a directory`);
        return false;
      }
      if (interactive && !(await ask(ctx, `descend into directory '${path}'? `, stdin))) return true;
      let ok = true;
      let names: string[] = [];
      try {
        names = listDir(ctx, path);
      } catch (e) {
        await ctx.error(`can't open '${path}': ${errorText(e)}`);
        return false;
      }
      for (const n of names) if (!(await remove(joinPath(path, n)))) ok = false;
      if (!ok) return false;
      if (interactive && !(await ask(ctx, `remove directory '${path}'? `, stdin))) return true;
      try {
        ctx.sys.rmdir(path);
      } catch (e) {
        await ctx.error(`can't remove '${path}': ${errorText(e)}`);
        return false;
      }
      if (o.has('v')) await ctx.out.write(`removed directory: '${path}'\n`);
      return true;
    }
    if (interactive && !(await ask(ctx, `remove '${path}'? `, stdin))) return true;
    try {
      ctx.sys.unlink(path);
    } catch (e) {
      if (force && errCode(e) === 'ENOENT') return true;
      await ctx.error(`can't remove '${path}': ${errorText(e)}`);
      return false;
    }
    if (o.has('v')) await ctx.out.write(`removed '${path}'\n`);
    return true;
  };
  if (o.operands.length === 0 && !force) return ctx.usage('[-irf] FILE...');
  for (const p of o.operands) {
    const base = p.replace(/\/+$/, '').split('/').pop();
    if (base === '.' || base === '..') {
      await ctx.error(`can't remove '.' or '..'`);
      status = 1;
      continue;
    }
    if (!(await remove(p))) status = 1;
  }
  return status;
});
