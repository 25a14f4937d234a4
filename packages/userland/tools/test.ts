/**
 * test and [: evaluate a conditional expression (POSIX's argument-count rules for up to
 * four arguments, then the -o / -a / ! / ( ) grammar), exit 0 true, 1 false, 2 error,
 * with busybox's messages ("[: missing ]", "test: a: bad number").
 */
import { program, type Ctx } from '../lib/program.js';
import type { StatResult } from '../sys.js';
import { S_IFBLK, S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, S_IFSOCK } from '../lib/files.js';

class TestError extends Error {}

const UNARY = new Set(['-b', '-c', '-d', '-e', '-f', '-g', '-G', '-h', '-k', '-L', '-n', '-O', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-z']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

function num(s: string): bigint {
  if (!/^\s*[+-]?\d+\s*$/.test(s)) throw new TestError(`${s}: bad number`);
  return BigInt(s.trim());
}

export function evaluateTest(ctx: Ctx, args: string[]): boolean {
  const sys = ctx.sys;
  const st = (p: string, l = false): StatResult | null => {
    try {
      return l ? sys.lstat(p) : sys.stat(p);
    } catch {
      return null;
    }
  };
  const unary = (op: string, a: string): boolean => {
    switch (op) {
      case '-n':
        return a !== '';
      case '-z':
        return a === '';
      case '-t':
        try {
          return sys.isatty(Number(num(a)));
        } catch (e) {
          if (e instanceof TestError) throw e;
          return false;
        }
      case '-r':
        return sys.access(a, 4);
      case '-w':
        return sys.access(a, 2);
      case '-x':
        return sys.access(a, 1);
      case '-h':
      case '-L': {
        const s = st(a, true);
        return !!s && (s.mode & S_IFMT) === S_IFLNK;
      }
    }
    const s = st(a);
    if (!s) return false;
    const t = s.mode & S_IFMT;
    switch (op) {
      case '-e':
        return true;
      case '-f':
        return t === S_IFREG;
      case '-d':
        return t === S_IFDIR;
      case '-b':
        return t === S_IFBLK;
      case '-c':
        return t === S_IFCHR;
      case '-p':
        return t === S_IFIFO;
      case '-S':
        return t === S_IFSOCK;
      case '-s':
        return s.size > 0;
      case '-g':
        return (s.mode & 0o2000) !== 0;
      case '-u':
        return (s.mode & 0o4000) !== 0;
      case '-k':
        return (s.mode & 0o1000) !== 0;
      case '-O':
        return s.uid === sys.geteuid();
      case '-G':
        return s.gid === sys.getegid();
    }
    return false;
  };
  const binary = (a: string, op: string, b: string): boolean => {
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '-eq':
        return num(a) === num(b);
      case '-ne':
        return num(a) !== num(b);
      case '-lt':
        return num(a) < num(b);
      case '-le':
        return num(a) <= num(b);
      case '-gt':
        return num(a) > num(b);
      case '-ge':
        return num(a) >= num(b);
      case '-nt':
      case '-ot': {
        const x = st(a);
        const y = st(b);
        if (op === '-nt') return !!x && (!y || x.mtimeMs > y.mtimeMs);
        return !!y && (!x || x.mtimeMs < y.mtimeMs);
      }
      case '-ef': {
        const x = st(a);
        const y = st(b);
        return !!x && !!y && x.dev === y.dev && x.ino === y.ino;
      }
    }
    return false;
  };

  // the general grammar
  let i = 0;
  const n = args.length;
  const primary = (): boolean => {
    if (i >= n) throw new TestError('argument expected');
    const a = args[i];
    if (a === '(' ) {
      i++;
      const v = oexpr();
      if (args[i] !== ')') throw new TestError(i < n ? `${args[i]}: unknown operand` : "')' expected");
      i++;
      return v;
    }
    if (i + 2 < n + 0 && BINARY.has(args[i + 1]) ) {
      const v = binary(a, args[i + 1], args[i + 2]);
      i += 3;
      return v;
    }
    if (UNARY.has(a)) {
      if (i + 1 >= n) throw new TestError(`${a}: argument expected`);
      const v = unary(a, args[i + 1]);
      i += 2;
      return v;
    }
    if (i + 1 < n && BINARY.has(args[i + 1])) throw new TestError(`${args[i + 1]}: argument expected`);
    i++;
    return a !== '';
  };
  const nexpr = (): boolean => {
    if (args[i] === '!' && i + 1 < n) {
      i++;
      return !nexpr();
    }
    return primary();
  };
  const aexpr = (): boolean => {
    let v = nexpr();
    while (args[i] === '-a' && i + 1 < n) {
      i++;
      const w = nexpr();
      v = v && w;
    }
    return v;
  };
  const oexpr = (): boolean => {
    let v = aexpr();
    while (args[i] === '-o' && i + 1 < n) {
      i++;
      const w = aexpr();
      v = v || w;
    }
    return v;
  };
  const posix = (a: string[]): boolean | undefined => {
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== '';
      case 2:
        if (a[0] === '!') return a[1] === '';
        if (UNARY.has(a[0])) return unary(a[0], a[1]);
        return undefined;
      case 3:
        if (BINARY.has(a[1])) return binary(a[0], a[1], a[2]);
        if (a[0] === '!') return !posix(a.slice(1));
        if (a[0] === '(' && a[2] === ')') return a[1] !== '';
        return undefined;
      case 4:
        if (a[0] === '!') {
          const r = posix(a.slice(1));
          return r === undefined ? undefined : !r;
        }
        if (a[0] === '(' && a[3] === ')') return posix(a.slice(1, 3));
        return undefined;
    }
    return undefined;
  };
  const quick = posix(args);
  if (quick !== undefined) return quick;
  const v = oexpr();
  if (i < n) throw new TestError(`${args[i]}: unknown operand`);
  return v;
}

export const test = program('test', async (ctx) => {
  let args = ctx.args;
  if (ctx.name === '[') {
    if (args[args.length - 1] !== ']') return ctx.die('missing ]', 2);
    args = args.slice(0, -1);
  }
  try {
    return evaluateTest(ctx, args) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return ctx.die(e.message, 2);
    throw e;
  }
});

export const bracket = program('[', async (ctx) => test(ctx.sys, ['[', ...ctx.args], ctx.env));
