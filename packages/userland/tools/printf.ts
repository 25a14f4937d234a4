/** printf: formatted output, with the format reused while arguments remain (busybox's applet). */
import { formatFloat, formatInt, formatString, parseSpec } from '../lib/c-format.js';
import { expandEscapes } from '../lib/escapes.js';
import { bytesOf } from '../lib/output.js';
import { program, type Ctx } from '../lib/program.js';

/** Parses a number argument the way printf does ('c gives the char code); errors are reported. */
export function numberArg(s: string, wantFloat: boolean, bad: (msg: string) => void): { int: bigint; float: number } {
  if (s === undefined || s === '') {
    // busybox reports a missing or empty numeric argument as an invalid number
    bad(`invalid number '${s ?? ''}'`);
    return { int: 0n, float: 0 };
  }
  if (s[0] === "'" || s[0] === '"') {
    const c = s.length > 1 ? s.charCodeAt(1) : 0;
    return { int: BigInt(c), float: c };
  }
  const t = s.trim();
  if (!wantFloat) {
    const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(t);
    if (m) {
      let v = BigInt(m[2].startsWith('0') && !/^0[xX]/.test(m[2]) && m[2].length > 1 ? '0o' + m[2].slice(1) : m[2]);
      if (m[1] === '-') v = -v;
      return { int: v, float: Number(v) };
    }
  }
  const f = Number(t);
  if (t !== '' && !Number.isNaN(f) && /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|0[xX][0-9a-fA-F]+|inf(inity)?|nan)$/i.test(t)) {
    return { int: BigInt(Math.trunc(f)), float: f };
  }
  if (/^[+-]?(inf|infinity|nan)$/i.test(t)) {
    const v = /nan/i.test(t) ? NaN : t.startsWith('-') ? -Infinity : Infinity;
    return { int: 0n, float: v };
  }
  // a valid prefix is used, with an error
  bad(`invalid number '${s}'`);
  return { int: 0n, float: 0 };
}

export async function runPrintf(ctx: Ctx, format: string, args: string[]): Promise<number> {
  let status = 0;
  const errs: string[] = [];
  const bad = (msg: string) => {
    errs.push(msg);
    status = 1;
  };
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? bytesOf(args[ai++]) : undefined);
  let out = '';
  const flushErrs = async () => {
    if (errs.length) {
      await ctx.out.write(out);
      out = '';
      for (const e of errs.splice(0)) await ctx.error(e);
    }
  };
  do {
    const start = ai;
    for (let i = 0; i < format.length; ) {
      const c = format[i];
      if (c === '\\') {
        const r = expandEscapes(format.slice(i, i + 5).match(/^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/s)?.[0] ?? '\\', false);
        const len = format.slice(i).match(/^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/s)?.[0].length ?? 1;
        if (r.stop) {
          await ctx.out.write(out);
          return status;
        }
        out += r.text;
        i += len;
        continue;
      }
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const parsed = parseSpec(format, i + 1, () => Number(numberArg(next() ?? '', false, bad).int));
      if (!parsed) {
        await ctx.out.write(out);
        await ctx.error(`${format.slice(i)}: invalid format`);
        return 1;
      }
      const [spec, after] = parsed;
      const specStart = i;
      i = after;
      const a = next();
      switch (spec.conv) {
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X':
          out += formatInt(numberArg(a ?? '', false, bad).int, spec);
          break;
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
          out += formatFloat(numberArg(a ?? '', true, bad).float, spec);
          break;
        case 'c':
          out += formatString((a ?? '').slice(0, 1), spec);
          break;
        case 's':
          out += formatString(a ?? '', spec);
          break;
        case 'b': {
          const r = expandEscapes(a ?? '', true);
          out += formatString(r.text, spec);
          if (r.stop) {
            await ctx.out.write(out);
            return status;
          }
          break;
        }
        default:
          await ctx.out.write(out);
          await ctx.error(`${format.slice(specStart)}: invalid format`);
          return 1;
      }
      await flushErrs();
    }
    if (ai === start) break;
  } while (ai < args.length);
  await ctx.out.write(out);
  return status;
}

export const printf = program('printf', async (ctx) => {
  let args = ctx.args;
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    return ctx.usage('FORMAT [ARGUMENT]...');
  }
  return runPrintf(ctx, bytesOf(args[0]), args.slice(1));
});
