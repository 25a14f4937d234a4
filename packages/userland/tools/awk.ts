/**
 * awk: the POSIX awk language (awk/lexer, awk/parser, awk/interp), with -F FS, -v
 * VAR=VALUE and -f PROGFILE; messages and exit statuses in busybox's manner (status 1 and
 * `awk: cmd. line:N: ...` for a program that does not parse or fails).
 */
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { RegexSyntaxError } from '../lib/posix-regex.js';
import { program } from '../lib/program.js';
import { AwkRuntimeError, Interpreter, strnum } from './awk/interp.js';
import { AwkSyntaxError, unescapeString } from './awk/lexer.js';
import { parseProgram, type Program } from './awk/parser.js';

export const awk = program('awk', async (ctx) => {
  const o = getopt(ctx.args, { short: 'F:v:f:e:', long: { 'field-separator=': 'F', 'assign=': 'v', 'file=': 'f' }, stopAtOperand: true });
  const ops = [...o.operands];
  let src = '';
  if (o.has('f') || o.has('e')) {
    for (const [k, v] of o.list) {
      if (k === 'e') src += bytesOf(v) + '\n';
      if (k !== 'f') continue;
      try {
        const inp = Input.open(ctx.sys, v);
        src += (await inp.all()) + '\n';
        inp.close();
      } catch (e) {
        return ctx.die(`can't open '${v}': ${errorText(e)}`);
      }
    }
  } else {
    if (!ops.length) return ctx.usage("[OPTIONS] [AWK_PROGRAM] [FILE]...");
    src = bytesOf(ops.shift()!);
  }
  let prog: Program;
  try {
    prog = parseProgram(src);
  } catch (e) {
    if (e instanceof AwkSyntaxError || e instanceof RegexSyntaxError) {
      await ctx.error(e instanceof AwkSyntaxError ? `cmd. ${e.message}` : `cmd. line:1: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const interp = new Interpreter(ctx, prog);
  if (o.has('F')) {
    let fs = unescapeString(bytesOf(o.get('F')!));
    if (fs === 't') fs = '\t';
    interp.setVar('FS', fs);
  }
  for (const a of o.all('v')) {
    const eq = a.indexOf('=');
    if (eq <= 0) return ctx.die(`invalid -v argument '${a}'`);
    interp.setVar(a.slice(0, eq), strnum(unescapeString(bytesOf(a.slice(eq + 1)))));
  }
  try {
    return await interp.run(ops);
  } catch (e) {
    if (e instanceof AwkRuntimeError || e instanceof RegexSyntaxError) {
      await interp.flushAll().catch(() => undefined);
      await ctx.error(`cmd. line:1: ${e.message}`);
      return 1;
    }
    throw e;
  }
});
