/** expr: evaluate an expression (| & = > >= < <= != + - * / % : match substr index length, parentheses); status 0, 1 for null or 0, 2 for errors. */
import { PosixRegex, RegexSyntaxError } from '../lib/posix-regex.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

class ExprError extends Error {}
type V = string | bigint;

const isInt = (v: V) => typeof v === 'bigint' || /^[+-]?\d+$/.test(v);
const toInt = (v: V): bigint => {
  if (typeof v === 'bigint') return v;
  if (!/^[+-]?\d+$/.test(v)) throw new ExprError('non-numeric argument');
  return BigInt(v);
};
const str = (v: V) => (typeof v === 'bigint' ? v.toString() : v);
const isNull = (v: V) => (typeof v === 'bigint' ? v === 0n : v === '' || /^[+-]?0+$/.test(v) && false) || str(v) === '' || (isInt(v) && toInt(v) === 0n);

export const expr = program('expr', async (ctx) => {
  const t = ctx.args.map(bytesOf);
  let i = 0;
  const match = (s: string, re: string): V => {
    let r: PosixRegex;
    try {
      r = new PosixRegex(re, { frame: (src) => `^(?:${src})` });
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new ExprError(e.message);
      throw e;
    }
    const m = r.exec(s, 0);
    if (r.groups > 0) return m ? m.groups[1] ?? '' : '';
    return m ? BigInt(m.end - m.index) : 0n;
  };
  const primary = (): V => {
    if (i >= t.length) throw new ExprError('syntax error');
    const a = t[i++];
    if (a === '(') {
      const v = orE();
      if (t[i++] !== ')') throw new ExprError('syntax error');
      return v;
    }
    if (a === 'match' && i + 1 < t.length) {
      const s = str(primary());
      return match(s, str(primary()));
    }
    if (a === 'substr' && i + 2 < t.length) {
      const s = str(primary());
      const p = Number(toInt(primary()));
      const n = Number(toInt(primary()));
      return p < 1 || n < 1 ? '' : s.substr(p - 1, n);
    }
    if (a === 'index' && i + 1 < t.length) {
      const s = str(primary());
      const c = str(primary());
      let best = 0;
      for (const ch of c) {
        const k = s.indexOf(ch) + 1;
        if (k && (!best || k < best)) best = k;
      }
      return BigInt(best);
    }
    if (a === 'length' && i < t.length) return BigInt(str(primary()).length);
    return a;
  };
  const colon = (): V => {
    let a = primary();
    while (t[i] === ':') {
      i++;
      a = match(str(a), str(primary()));
    }
    return a;
  };
  const mul = (): V => {
    let a = colon();
    while (t[i] === '*' || t[i] === '/' || t[i] === '%') {
      const op = t[i++];
      const b = colon();
      const x = toInt(a);
      const y = toInt(b);
      if (op !== '*' && y === 0n) throw new ExprError('division by zero');
      a = op === '*' ? x * y : op === '/' ? x / y : x % y;
    }
    return a;
  };
  const add = (): V => {
    let a = mul();
    while (t[i] === '+' || t[i] === '-') {
      const op = t[i++];
      const b = mul();
      a = op === '+' ? toInt(a) + toInt(b) : toInt(a) - toInt(b);
    }
    return a;
  };
  const cmp = (): V => {
    let a = add();
    while (['=', '==', '!=', '<', '<=', '>', '>='].includes(t[i])) {
      const op = t[i++];
      const b = add();
      let c: number;
      if (isInt(a) && isInt(b)) {
        const x = toInt(a);
        const y = toInt(b);
        c = x < y ? -1 : x > y ? 1 : 0;
      } else c = str(a) < str(b) ? -1 : str(a) > str(b) ? 1 : 0;
      const r = { '=': c === 0, '==': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[op]!;
      a = r ? 1n : 0n;
    }
    return a;
  };
  const andE = (): V => {
    let a = cmp();
    while (t[i] === '&') {
      i++;
      const b = cmp();
      a = isNull(a) || isNull(b) ? 0n : a;
    }
    return a;
  };
  const orE = (): V => {
    let a = andE();
    while (t[i] === '|') {
      i++;
      const b = andE();
      // busybox returns the second operand when the first is null or zero
      a = !isNull(a) ? a : b;
    }
    return a;
  };
  try {
    if (!t.length) throw new ExprError('too few arguments');
    const v = orE();
    if (i < t.length) throw new ExprError('syntax error');
    await ctx.out.write(str(v) + '\n');
    return isNull(v) ? 1 : 0;
  } catch (e) {
    if (e instanceof ExprError) return ctx.die(e.message, 2);
    throw e;
  }
});
