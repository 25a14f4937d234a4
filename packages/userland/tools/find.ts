/**
 * find: walk trees and evaluate an expression per file — tests -name -iname -path -ipath
 * -regex -type -mtime -mmin -atime -amin -ctime -cmin -newer -size -perm -user -group -uid
 * -gid -links -inum -empty -samefile -true -false, options -maxdepth -mindepth -depth -xdev
 * -follow, actions -print -print0 -printf -exec/-ok {} \; and {} + -delete -prune -quit,
 * operators ! -not -a -and -o -or ( ) with implicit -a; -L/-H/-P. Busybox's messages.
 */
import { errorText } from '../lib/errno-text.js';
import { applyMode } from '../lib/file-mode.js';
import { isDir, isLnk, joinPath, listDir, S_IFMT } from '../lib/files.js';
import { fnmatchRegExp } from '../lib/fnmatch.js';
import { bytesOf } from '../lib/output.js';
import { Accounts } from '../lib/passwd.js';
import { PosixRegex } from '../lib/posix-regex.js';
import { program, type Ctx } from '../lib/program.js';
import { runCommand } from '../lib/run-command.js';
import { strftime } from '../lib/time-format.js';
import type { StatResult } from '../sys.js';
import { Input } from '../lib/input.js';

interface Visit {
  path: string;
  st: StatResult;
  depth: number;
  prune: boolean;
}

type Node =
  | { op: 'and' | 'or'; l: Node; r: Node }
  | { op: 'not'; e: Node }
  | { op: 'test'; f: (v: Visit) => boolean | Promise<boolean>; action?: boolean };

class FindError extends Error {}
class Quit extends Error {}

function cmpNum(spec: string, value: number, parse: (s: string) => number): boolean {
  if (spec.startsWith('+')) return value > parse(spec.slice(1));
  if (spec.startsWith('-')) return value < parse(spec.slice(1));
  return value === parse(spec);
}

export const find = program('find', async (ctx: Ctx) => {
  let args = ctx.args;
  let follow: 'P' | 'L' | 'H' = 'P';
  while (args.length && /^-[LHP]$/.test(args[0])) {
    follow = args[0][1] as 'P' | 'L' | 'H';
    args = args.slice(1);
  }
  const roots: string[] = [];
  while (args.length && !args[0].startsWith('-') && args[0] !== '!' && args[0] !== '(') roots.push(args.shift()!);
  if (!roots.length) roots.push('.');
  const now = ctx.sys.now();
  let maxDepth = Infinity;
  let minDepth = 0;
  let depthFirst = false;
  let xdev = false;
  let hasAction = false;
  let accounts: Accounts | null = null;
  const pendingPlus: Array<{ argv: string[]; paths: string[] }> = [];
  let status = 0;
  const stdin = new Input(ctx.sys, 0);
  let i = 0;
  const need = (name: string): string => {
    if (i >= args.length) throw new FindError(`${name} requires an argument`);
    return args[i++];
  };
  const parseMode = (s: string): number => {
    const v = applyMode(s, 0, 0, false);
    if (v === null) throw new FindError(`invalid mode '${s}'`);
    return v;
  };
  const primary = (): Node => {
    const a = args[i++];
    switch (a) {
      case '(': {
        const e = orExpr();
        if (args[i] !== ')') throw new FindError("unpaired '('");
        i++;
        return e;
      }
      case '!':
      case '-not':
        return { op: 'not', e: primary() };
      case '-name':
      case '-iname': {
        const re = fnmatchRegExp(bytesOf(need(a)), { icase: a === '-iname' });
        return { op: 'test', f: (v) => re.test(bytesOf(baseName(v.path))) };
      }
      case '-path':
      case '-wholename':
      case '-ipath': {
        const re = fnmatchRegExp(bytesOf(need(a)), { icase: a === '-ipath' });
        return { op: 'test', f: (v) => re.test(bytesOf(v.path)) };
      }
      case '-regex':
      case '-iregex': {
        const src = bytesOf(need(a));
        const re = new PosixRegex(src, { icase: a === '-iregex', frame: (s) => `^(?:${s})$` });
        return { op: 'test', f: (v) => re.test(bytesOf(v.path)) };
      }
      case '-type': {
        const t = need(a);
        const types: Record<string, number> = { f: 0o100000, d: 0o040000, l: 0o120000, c: 0o020000, b: 0o060000, p: 0o010000, s: 0o140000 };
        const want = t.split(',').map((x) => {
          if (types[x] === undefined) throw new FindError(`invalid argument '${t}' to '-type'`);
          return types[x];
        });
        return { op: 'test', f: (v) => want.includes(v.st.mode & S_IFMT) };
      }
      case '-mtime':
      case '-atime':
      case '-ctime':
      case '-mmin':
      case '-amin':
      case '-cmin': {
        const spec = need(a);
        if (!/^[+-]?\d+$/.test(spec)) throw new FindError(`invalid argument '${spec}' to '${a}'`);
        const field = a[1] === 'm' ? 'mtimeMs' : a[1] === 'a' ? 'atimeMs' : 'ctimeMs';
        const unit = a.endsWith('min') ? 60000 : 86400000;
        return {
          op: 'test',
          f: (v) => {
            const age = (now - v.st[field]) / unit;
            // busybox: whole units for -mtime, and -mmin compares the age rounded the same way
            return cmpNum(spec, Math.floor(age), Number);
          },
        };
      }
      case '-newer': {
        const ref = need(a);
        let t: number;
        try {
          t = ctx.sys.stat(ref).mtimeMs;
        } catch (e) {
          throw new FindError(`${ref}: ${errorText(e)}`);
        }
        return { op: 'test', f: (v) => v.st.mtimeMs > t };
      }
      case '-size': {
        const spec = need(a);
        const m = /^([+-]?)(\d+)([bckwMG]?)$/.exec(spec);
        if (!m) throw new FindError(`invalid argument '${spec}' to '-size'`);
        const unit = { b: 512, c: 1, k: 1024, w: 2, M: 1048576, G: 1 << 30, '': 512 }[m[3] as 'b'];
        const n = Number(m[2]);
        return {
          op: 'test',
          // busybox compares bytes for + and -, whole units for an exact size
          f: (v) => (m[1] === '+' ? v.st.size > n * unit : m[1] === '-' ? v.st.size < n * unit : Math.ceil(v.st.size / unit) === n),
        };
      }
      case '-perm': {
        const spec = need(a);
        const kind = spec[0] === '-' || spec[0] === '/' ? spec[0] : '';
        const mode = parseMode(kind ? spec.slice(1) : spec);
        return {
          op: 'test',
          f: (v) => {
            const p = v.st.mode & 0o7777;
            if (kind === '-') return (p & mode) === mode;
            if (kind === '/') return mode === 0 || (p & mode) !== 0;
            return p === mode;
          },
        };
      }
      case '-user':
      case '-group': {
        const name = need(a);
        let id: number | undefined = /^\d+$/.test(name) ? Number(name) : undefined;
        const wantUser = a === '-user';
        return {
          op: 'test',
          f: async (v) => {
            if (id === undefined) {
              accounts ??= await Accounts.load(ctx.sys);
              id = wantUser ? accounts.user(name)?.uid : accounts.group(name)?.gid;
              if (id === undefined) throw new FindError(`invalid ${wantUser ? 'user' : 'group'} name '${name}'`);
            }
            return (wantUser ? v.st.uid : v.st.gid) === id;
          },
        };
      }
      case '-uid':
      case '-gid':
      case '-links':
      case '-inum': {
        const spec = need(a);
        const field = a === '-uid' ? 'uid' : a === '-gid' ? 'gid' : a === '-links' ? 'nlink' : 'ino';
        return { op: 'test', f: (v) => cmpNum(spec, v.st[field], Number) };
      }
      case '-empty':
        return {
          op: 'test',
          f: (v) => {
            if (isDir(v.st.mode)) {
              try {
                return listDir(ctx, v.path).length === 0;
              } catch {
                return false;
              }
            }
            return (v.st.mode & S_IFMT) === 0o100000 && v.st.size === 0;
          },
        };
      case '-samefile': {
        const ref = need(a);
        const st = ctx.sys.stat(ref);
        return { op: 'test', f: (v) => v.st.ino === st.ino && v.st.dev === st.dev };
      }
      case '-true':
        return { op: 'test', f: () => true };
      case '-false':
        return { op: 'test', f: () => false };
      case '-maxdepth':
        maxDepth = Number(need(a));
        return { op: 'test', f: () => true };
      case '-mindepth':
        minDepth = Number(need(a));
        return { op: 'test', f: () => true };
      case '-depth':
        depthFirst = true;
        return { op: 'test', f: () => true };
      case '-xdev':
      case '-mount':
        xdev = true;
        return { op: 'test', f: () => true };
      case '-follow':
        follow = 'L';
        return { op: 'test', f: () => true };
      case '-print':
      case '-print0': {
        hasAction = true;
        const end = a === '-print' ? '\n' : '\0';
        return { op: 'test', action: true, f: async (v) => (await ctx.out.write(bytesOf(v.path) + end), true) };
      }
      case '-printf': {
        hasAction = true;
        const fmt = bytesOf(need(a));
        return { op: 'test', action: true, f: async (v) => (await ctx.out.write(printfFind(fmt, v)), true) };
      }
      case '-prune':
        return { op: 'test', f: (v) => ((v.prune = true), true) };
      case '-quit':
        return {
          op: 'test',
          f: () => {
            throw new Quit();
          },
        };
      case '-delete':
        hasAction = true;
        depthFirst = true;
        return {
          op: 'test',
          action: true,
          f: async (v) => {
            try {
              if (isDir(v.st.mode)) ctx.sys.rmdir(v.path);
              else ctx.sys.unlink(v.path);
              return true;
            } catch (e) {
              await ctx.error(`${v.path}: ${errorText(e)}`);
              status = 1;
              return false;
            }
          },
        };
      case '-exec':
      case '-ok':
      case '-execdir': {
        hasAction = true;
        const cmd: string[] = [];
        while (i < args.length && args[i] !== ';' && !(args[i] === '+' && cmd[cmd.length - 1] === '{}')) cmd.push(args[i++]);
        if (i >= args.length) throw new FindError(`missing argument to '${a}'`);
        const plus = args[i++] === '+';
        if (!cmd.length) throw new FindError(`missing argument to '${a}'`);
        if (plus) {
          const batch = { argv: cmd.slice(0, -1), paths: [] as string[] };
          pendingPlus.push(batch);
          return {
            op: 'test',
            action: true,
            f: async (v) => {
              batch.paths.push(v.path);
              if (batch.paths.length >= 1000) await flushPlus(batch);
              return true;
            },
          };
        }
        return {
          op: 'test',
          action: true,
          f: async (v) => {
            const argv = cmd.map((w) => w.split('{}').join(v.path));
            if (a === '-ok') {
              await ctx.errOut.write(`'${argv.join(' ')} ?'`);
              const l = await stdin.line();
              if (!l || !/^[yY]/.test(l)) return false;
            }
            const r = await runCommand(ctx, argv);
            if (!r.started) status = 1;
            return r.status === 0;
          },
        };
      }
      default:
        if (a.startsWith('-')) throw new FindError(`unrecognized: ${a}`);
        throw new FindError(`invalid argument '${a}'`);
    }
  };
  const andExpr = (): Node => {
    let l = primary();
    while (i < args.length && args[i] !== '-o' && args[i] !== '-or' && args[i] !== ')') {
      if (args[i] === '-a' || args[i] === '-and') i++;
      const r = primary();
      l = { op: 'and', l, r };
    }
    return l;
  };
  const orExpr = (): Node => {
    let l = andExpr();
    while (args[i] === '-o' || args[i] === '-or') {
      i++;
      const r = andExpr();
      l = { op: 'or', l, r };
    }
    return l;
  };
  const flushPlus = async (batch: { argv: string[]; paths: string[] }): Promise<void> => {
    if (!batch.paths.length) return;
    const r = await runCommand(ctx, [...batch.argv, ...batch.paths.splice(0)]);
    if (r.status !== 0) status = 1;
  };
  let expr: Node = { op: 'test', f: () => true };
  try {
    if (args.length) expr = orExpr();
    if (i < args.length) throw new FindError(args[i] === ')' ? 'unpaired )' : `invalid argument '${args[i]}'`);
  } catch (e) {
    if (e instanceof FindError) return ctx.die(e.message);
    throw e;
  }
  if (!hasAction) expr = { op: 'and', l: expr, r: { op: 'test', f: async (v) => (await ctx.out.write(bytesOf(v.path) + '\n'), true) } };
  const evaluate = async (n: Node, v: Visit): Promise<boolean> => {
    switch (n.op) {
      case 'and':
        return (await evaluate(n.l, v)) && evaluate(n.r, v);
      case 'or':
        return (await evaluate(n.l, v)) || evaluate(n.r, v);
      case 'not':
        return !(await evaluate(n.e, v));
      default:
        return n.f(v);
    }
  };
  const walk = async (path: string, depth: number, rootDev: number): Promise<void> => {
    let st: StatResult;
    try {
      st = follow === 'L' || (follow === 'H' && depth === 0) ? ctx.sys.stat(path) : ctx.sys.lstat(path);
    } catch (e) {
      try {
        st = ctx.sys.lstat(path);
      } catch {
        await ctx.error(`${path}: ${errorText(e)}`);
        status = 1;
        return;
      }
    }
    const v: Visit = { path, st, depth, prune: false };
    if (!depthFirst && depth >= minDepth) await evaluate(expr, v);
    if (isDir(st.mode) && !isLnk(st.mode) && depth < maxDepth && !v.prune && !(xdev && st.dev !== rootDev)) {
      let names: string[] = [];
      try {
        names = listDir(ctx, path);
      } catch (e) {
        await ctx.error(`${path}: ${errorText(e)}`);
        status = 1;
      }
      for (const n of names) await walk(joinPath(path, n), depth + 1, rootDev);
    }
    if (depthFirst && depth >= minDepth) await evaluate(expr, v);
  };
  try {
    for (const r of roots) {
      let dev = 0;
      try {
        dev = ctx.sys.stat(r).dev;
      } catch {
        /* reported by walk */
      }
      await walk(r, 0, dev);
    }
  } catch (e) {
    if (e instanceof FindError) {
      await ctx.error(e.message);
      return 1;
    }
    if (!(e instanceof Quit)) throw e;
  }
  for (const b of pendingPlus) await flushPlus(b);
  return status;
});

function baseName(p: string): string {
  const s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

/** find -printf: %p %f %h %P? %s %m %M? %u? %g? %t %T@ %d %y %l and escapes. */
function printfFind(fmt: string, v: Visit): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '\\' && i + 1 < fmt.length) {
      const d = fmt[++i];
      out += ({ n: '\n', t: '\t', '0': '\0', '\\': '\\', a: '\x07', r: '\r' } as Record<string, string>)[d] ?? '\\' + d;
      continue;
    }
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const d = fmt[++i];
    switch (d) {
      case '%': out += '%'; break;
      case 'p': out += bytesOf(v.path); break;
      case 'f': out += bytesOf(baseName(v.path)); break;
      case 'h': { const j = v.path.lastIndexOf('/'); out += j < 0 ? '.' : bytesOf(v.path.slice(0, j) || '/'); break; }
      case 's': out += String(v.st.size); break;
      case 'm': out += (v.st.mode & 0o7777).toString(8); break;
      case 'd': out += String(v.depth); break;
      case 'U': out += String(v.st.uid); break;
      case 'G': out += String(v.st.gid); break;
      case 'i': out += String(v.st.ino); break;
      case 'n': out += String(v.st.nlink); break;
      case 'y': out += ({ 0o040000: 'd', 0o120000: 'l', 0o020000: 'c', 0o060000: 'b', 0o010000: 'p', 0o140000: 's' } as Record<number, string>)[v.st.mode & S_IFMT] ?? 'f'; break;
      case 't': out += strftime('%a %b %e %H:%M:%S %Y', v.st.mtimeMs); break;
      case 'T':
        if (fmt[i + 1] === '@') {
          out += (v.st.mtimeMs / 1000).toFixed(10).replace(/0+$/, '0');
          i++;
        } else {
          out += strftime('%' + (fmt[i + 1] ?? 'c'), v.st.mtimeMs);
          i++;
        }
        break;
      default: out += '%' + d;
    }
  }
  return out;
}
