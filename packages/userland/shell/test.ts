/**
 * test / [ : POSIX's expression grammar (unary file and string tests, binary string and
 * integer comparisons, !, -a, -o and parentheses), the way dash's test builtin reads it.
 * Returns true/false, or an error message (status 2).
 */

import type { Sys } from '../sys.js';

const S_IFMT = 0o170000;

function fileTest(op: string, path: string, sys: Sys): boolean {
  let st;
  try {
    st = op === '-h' || op === '-L' ? sys.lstat(path) : sys.stat(path);
  } catch {
    return false;
  }
  const type = st.mode & S_IFMT;
  switch (op) {
    case '-e':
      return true;
    case '-f':
      return type === 0o100000;
    case '-d':
      return type === 0o040000;
    case '-h':
    case '-L':
      return type === 0o120000;
    case '-p':
      return type === 0o010000;
    case '-c':
      return type === 0o020000;
    case '-b':
      return type === 0o060000;
    case '-S':
      return type === 0o140000;
    case '-s':
      return st.size > 0;
    case '-r':
      return sys.access(path, 4);
    case '-w':
      return sys.access(path, 2);
    case '-x':
      return sys.access(path, 1);
    case '-u':
      return (st.mode & 0o4000) !== 0;
    case '-g':
      return (st.mode & 0o2000) !== 0;
    case '-k':
      return (st.mode & 0o1000) !== 0;
    default:
      return false;
  }
}

const UNARY = new Set(['-e', '-f', '-d', '-h', '-L', '-p', '-c', '-b', '-S', '-s', '-r', '-w', '-x', '-u', '-g', '-k', '-n', '-z', '-t']);
const BINARY = new Set(['=', '!=', '==', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>', '-nt', '-ot', '-ef']);

class TestError extends Error {}

function integer(s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`Illegal number: ${s}`);
  return BigInt(t);
}

export function test(args: string[], sys: Sys): boolean | string {
  let i = 0;
  const peek = (k = 0): string | undefined => args[i + k];
  const primary = (): boolean => {
    const a = args[i];
    if (a === undefined) throw new TestError('argument expected');
    if (a === '!' ) {
      i++;
      return !primary();
    }
    if (a === '(' && args.length - i >= 3 && !(BINARY.has(args[i + 1] ?? '') && args.length - i === 3)) {
      i++;
      const v = orExpr();
      if (args[i] !== ')') throw new TestError('closing paren expected');
      i++;
      return v;
    }
    if (BINARY.has(peek(1) ?? '') && i + 2 < args.length + 0 && args[i + 2] !== undefined) {
      const l = a;
      const op = args[i + 1];
      const r = args[i + 2];
      i += 3;
      switch (op) {
        case '=':
        case '==':
          return l === r;
        case '!=':
          return l !== r;
        case '<':
          return l < r;
        case '>':
          return l > r;
        case '-eq':
          return integer(l) === integer(r);
        case '-ne':
          return integer(l) !== integer(r);
        case '-lt':
          return integer(l) < integer(r);
        case '-le':
          return integer(l) <= integer(r);
        case '-gt':
          return integer(l) > integer(r);
        case '-ge':
          return integer(l) >= integer(r);
        case '-nt':
        case '-ot': {
          let lm = -1;
          let rm = -1;
          try {
            lm = sys.stat(l).mtimeMs;
          } catch {
            // missing
          }
          try {
            rm = sys.stat(r).mtimeMs;
          } catch {
            // missing
          }
          return op === '-nt' ? lm > rm && lm >= 0 : rm > lm && rm >= 0 ? true : lm >= 0 && rm < 0 ? false : lm < rm;
        }
        case '-ef':
          try {
            const x = sys.stat(l);
            const y = sys.stat(r);
            return x.dev === y.dev && x.ino === y.ino;
          } catch {
            return false;
          }
      }
    }
    if (UNARY.has(a) && args[i + 1] !== undefined) {
      const operand = args[i + 1];
      i += 2;
      if (a === '-n') return operand !== '';
      if (a === '-z') return operand === '';
      if (a === '-t') return sys.isatty(Number(integer(operand)));
      return fileTest(a, operand, sys);
    }
    i++;
    return a !== '';
  };
  const andExpr = (): boolean => {
    let v = primary();
    while (args[i] === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  };
  const orExpr = (): boolean => {
    let v = andExpr();
    while (args[i] === '-o') {
      i++;
      const r = andExpr();
      v = v || r;
    }
    return v;
  };
  try {
    if (args.length === 0) return false;
    // POSIX's rules by argument count.
    if (args.length === 1) return args[0] !== '';
    if (args.length === 2) {
      if (args[0] === '!') return args[1] === '';
      if (UNARY.has(args[0])) return primary();
      return `${args[0]}: unexpected operator`;
    }
    if (args.length === 3 && BINARY.has(args[1])) return primary();
    const v = orExpr();
    if (i < args.length) return `${args[i]}: unexpected operator`;
    return v;
  } catch (e) {
    if (e instanceof TestError) return e.message;
    throw e;
  }
}
