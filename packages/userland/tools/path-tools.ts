/** readlink, realpath, mktemp, truncate, which: path and file-name tools. */
import { errorText } from '../lib/errno-text.js';
import { isDir, joinPath } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { program, type Ctx } from '../lib/program.js';
import { O } from '../sys.js';

/** Canonicalizes a path; `mode` e: every component must exist, f: all but the last, m: none. */
function canonical(ctx: Ctx, path: string, mode: 'e' | 'f' | 'm'): string | null {
  const abs = path.startsWith('/') ? path : joinPath(ctx.sys.getcwd(), path);
  const parts = abs.split('/').filter((p) => p !== '' && p !== '.');
  let out: string[] = [];
  let links = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === '..') {
      out.pop();
      continue;
    }
    const cur = '/' + [...out, p].join('/');
    let st;
    try {
      st = ctx.sys.lstat(cur);
    } catch {
      const isLast = i === parts.length - 1;
      if (mode === 'm' || (mode === 'f' && isLast)) {
        out.push(p);
        continue;
      }
      return null;
    }
    if ((st.mode & 0o170000) === 0o120000) {
      if (++links > 40) return null;
      const target = ctx.sys.readlink(cur);
      const rest = parts.slice(i + 1);
      const base = target.startsWith('/') ? [] : out;
      const tparts = target.split('/').filter((x) => x !== '' && x !== '.');
      parts.splice(0, parts.length, ...base, ...tparts, ...rest);
      out = [];
      i = -1;
      continue;
    }
    if (i < parts.length - 1 && !isDir(st.mode)) {
      if (mode === 'm') {
        out.push(p);
        continue;
      }
      return null;
    }
    out.push(p);
  }
  return '/' + out.join('/');
}

export const readlink = program('readlink', async (ctx) => {
  const o = getopt(ctx.args, { short: 'femnqsvz', long: { canonicalize: 'f', 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', 'no-newline': 'n', quiet: 'q', silent: 's', verbose: 'v', zero: 'z' } });
  if (!o.operands.length) return ctx.usage('[-fnv] FILE');
  // busybox's -f goes through realpath(3): every component must exist
  const mode = o.has('e') || o.has('f') ? 'e' : o.has('m') ? 'm' : null;
  let status = 0;
  let out = '';
  for (const f of o.operands) {
    let r: string | null;
    if (mode) r = canonical(ctx, f, mode);
    else {
      try {
        r = ctx.sys.readlink(f);
      } catch (e) {
        if (o.has('v')) await ctx.error(`${f}: ${errorText(e)}`);
        r = null;
      }
    }
    if (r === null) {
      status = 1;
      continue;
    }
    out += bytesOf(r) + (o.has('n') && o.operands.length === 1 ? '' : o.has('z') ? '\0' : '\n');
  }
  await ctx.out.write(out);
  return status;
});

export const realpath = program('realpath', async (ctx) => {
  const o = getopt(ctx.args, { short: 'emsqz', long: { 'canonicalize-existing': 'e', 'canonicalize-missing': 'm', quiet: 'q' } });
  const ops = o.operands.length ? o.operands : ['.'];
  let status = 0;
  for (const f of ops) {
    const r = canonical(ctx, f, o.has('m') ? 'm' : 'e');
    if (r === null) {
      if (!o.has('q')) await ctx.error(`${f}: No such file or directory`);
      status = 1;
      continue;
    }
    await ctx.out.write(bytesOf(r) + '\n');
  }
  return status;
});

export const mktemp = program('mktemp', async (ctx) => {
  const o = getopt(ctx.args, { short: 'dqtup:', long: { directory: 'd', quiet: 'q', 'dry-run': 'u', 'tmpdir=': 'p' } });
  let template = o.operands[0] ?? 'tmp.XXXXXX';
  const m = /X{3,}$/.exec(template) ?? /X+$/.exec(template);
  if (!m || m[0].length < 3) {
    if (!o.has('q')) await ctx.error(`${o.has('d') ? 'mkdtemp' : 'mkstemp'}: Invalid argument`);
    return 1;
  }
  let dir: string | undefined;
  if (o.has('p') || o.has('t') || !o.operands.length) dir = o.get('p') || ctx.getenv('TMPDIR') || '/tmp';
  if (o.has('t') && template.includes('/')) template = template.slice(template.lastIndexOf('/') + 1);
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let attempt = 0; attempt < 100; attempt++) {
    let rnd = '';
    for (let k = 0; k < m[0].length; k++) rnd += chars[Math.floor(Math.random() * chars.length)];
    const name = template.slice(0, m.index) + rnd;
    const path = dir !== undefined && !name.startsWith('/') ? joinPath(dir, name) : name;
    try {
      if (o.has('u')) ctx.sys.lstat(path);
    } catch {
      await ctx.out.write(bytesOf(path) + '\n');
      return 0;
    }
    if (o.has('u')) continue;
    try {
      if (o.has('d')) ctx.sys.mkdir(path, 0o700);
      else ctx.sys.close(ctx.sys.open(path, O.WRONLY | O.CREAT | O.EXCL, 0o600));
      await ctx.out.write(bytesOf(path) + '\n');
      return 0;
    } catch (e) {
      if ((e as { code?: string }).code === 'EEXIST') continue;
      if (!o.has('q')) await ctx.error(`${o.has('d') ? 'mkdtemp' : 'mkstemp'}: ${errorText(e)}`);
      return 1;
    }
  }
  return 1;
});

export const truncate = program('truncate', async (ctx) => {
  const o = getopt(ctx.args, { short: 'cs:', long: { 'no-create': 'c', 'size=': 's' } });
  const spec = o.get('s');
  if (spec === undefined) return ctx.usage('[-c] -s SIZE FILE...');
  const m = /^([+\-<>/%]?)(\d+)(K|M|G|KB|MB|GB|k|m|g)?$/.exec(spec);
  if (!m) return ctx.die(`invalid number '${spec}'`);
  const mult: Record<string, number> = { K: 1024, k: 1024, M: 1 << 20, m: 1 << 20, G: 1 << 30, g: 1 << 30, KB: 1000, MB: 1e6, GB: 1e9 };
  const n = Number(m[2]) * (m[3] ? mult[m[3]] : 1);
  let status = 0;
  for (const f of o.operands) {
    try {
      let size = 0;
      try {
        size = ctx.sys.stat(f).size;
      } catch (e) {
        if (o.has('c')) continue;
        ctx.sys.close(ctx.sys.open(f, O.WRONLY | O.CREAT, 0o666));
      }
      const target = m[1] === '+' ? size + n : m[1] === '-' ? Math.max(0, size - n) : m[1] === '<' ? Math.min(size, n) : m[1] === '>' ? Math.max(size, n) : m[1] === '/' ? Math.floor(size / n) * n : m[1] === '%' ? Math.ceil(size / n) * n : n;
      ctx.sys.truncate(f, target);
    } catch (e) {
      await ctx.error(`${f}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});

export const which = program('which', async (ctx) => {
  const o = getopt(ctx.args, { short: 'a' });
  if (!o.operands.length) return ctx.usage('[-a] COMMAND...');
  const path = ctx.getenv('PATH') ?? '/bin:/usr/bin';
  let status = 0;
  for (const name of o.operands) {
    let found = false;
    const cands = name.includes('/') ? [name] : path.split(':').map((d) => joinPath(d || '.', name));
    for (const c of cands) {
      try {
        const st = ctx.sys.stat(c);
        if ((st.mode & 0o170000) === 0o100000 && ctx.sys.access(c, 1)) {
          await ctx.out.write(bytesOf(c) + '\n');
          found = true;
          if (!o.has('a')) break;
        }
      } catch {
        /* not here */
      }
    }
    if (!found) status = 1;
  }
  return status;
});
