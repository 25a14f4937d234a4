/** chmod and chown: change modes (octal or symbolic, -R -v -c -f) and owners (USER[:GROUP], -R -h). */
import { errorText } from '../lib/errno-text.js';
import { applyMode, modeString } from '../lib/file-mode.js';
import { isDir, isLnk, joinPath, listDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Accounts } from '../lib/passwd.js';
import { program, type Ctx } from '../lib/program.js';

async function walk(ctx: Ctx, path: string, recursive: boolean, follow: boolean, fn: (p: string) => Promise<boolean>): Promise<boolean> {
  let ok = await fn(path);
  if (!recursive) return ok;
  let st;
  try {
    st = ctx.sys.lstat(path);
  } catch {
    return ok;
  }
  if (isLnk(st.mode) && !follow) return ok;
  if (!isDir(st.mode)) return ok;
  let names: string[];
  try {
    names = listDir(ctx, path);
  } catch (e) {
    await ctx.error(`${path}: ${errorText(e)}`);
    return false;
  }
  for (const n of names) if (!(await walk(ctx, joinPath(path, n), true, false, fn))) ok = false;
  return ok;
}

export const chmod = program('chmod', async (ctx) => {
  // a mode like -w or -x looks like an option: take it as the mode when no mode is given yet
  const args = ctx.args;
  const flags: string[] = [];
  const rest: string[] = [];
  let modeArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (modeArg === undefined && /^-[Rvcf]+$/.test(a)) flags.push(a);
    else if (a === '--' && modeArg === undefined) {
      continue;
    } else if (modeArg === undefined) modeArg = a;
    else rest.push(a);
  }
  const o = getopt(flags, { short: 'Rvcf' });
  if (modeArg === undefined || rest.length === 0) {
    await ctx.error(modeArg === undefined ? 'missing operand' : `missing operand after '${modeArg}'`);
    return 1;
  }
  const umask = ctx.sys.umask(0);
  ctx.sys.umask(umask);
  let status = 0;
  for (const f of rest) {
    const ok = await walk(ctx, f, o.has('R'), true, async (p) => {
      let st;
      try {
        st = ctx.sys.stat(p);
      } catch (e) {
        if (!o.has('f')) await ctx.error(`${p}: ${errorText(e)}`);
        return false;
      }
      const m = applyMode(modeArg!, st.mode, umask);
      if (m === null) return ctx.die(`invalid mode '${modeArg}'`);
      try {
        ctx.sys.chmod(p, m);
        if (o.has('v') || (o.has('c') && m !== (st.mode & 0o7777))) await ctx.out.write(`mode of '${p}' changed to ${m.toString(8).padStart(4, '0')} (${modeString(m).slice(1)})\n`);
      } catch (e) {
        if (!o.has('f')) await ctx.error(`${p}: ${errorText(e)}`);
        return false;
      }
      return true;
    });
    if (!ok) status = 1;
  }
  return status;
});

export const chown = program('chown', async (ctx) => {
  const o = getopt(ctx.args, { short: 'RhLHPvcf', long: { recursive: 'R', 'no-dereference': 'h', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f' } });
  if (o.operands.length < 2) {
    await ctx.error(o.operands.length ? `missing operand after '${o.operands[0]}'` : 'missing operand');
    return 1;
  }
  const spec = o.operands[0];
  const acc = await Accounts.load(ctx.sys);
  const m = /^([^:.]*)(?:[:.](.*))?$/.exec(spec)!;
  let uid = -1;
  let gid = -1;
  if (m[1]) {
    uid = /^\d+$/.test(m[1]) ? Number(m[1]) : acc.user(m[1])?.uid ?? -2;
    if (uid === -2) return ctx.die(`unknown user ${m[1]}`);
  }
  if (m[2]) {
    gid = /^\d+$/.test(m[2]) ? Number(m[2]) : acc.group(m[2])?.gid ?? -2;
    if (gid === -2) return ctx.die(`unknown group ${m[2]}`);
  } else if (m[2] === '' && m[1]) gid = acc.user(m[1])?.gid ?? -1;
  const noFollow = o.has('h') || (o.has('R') && !o.has('L') && !o.has('H'));
  let status = 0;
  for (const f of o.operands.slice(1)) {
    const ok = await walk(ctx, f, o.has('R'), !o.has('P'), async (p) => {
      try {
        const st = noFollow ? ctx.sys.lstat(p) : ctx.sys.stat(p);
        ctx.sys.chown(p, uid === -1 ? st.uid : uid, gid === -1 ? st.gid : gid, noFollow);
        if (o.has('v')) await ctx.out.write(`ownership of '${p}' retained as ${spec}\n`);
      } catch (e) {
        if (!o.has('f')) await ctx.error(`${p}: ${errorText(e)}`);
        return false;
      }
      return true;
    });
    if (!ok) status = 1;
  }
  return status;
});
