/** basename and dirname: the last component of a path, and everything before it. */
import { basename as base, dirname as dir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export const basename = program('basename', async (ctx) => {
  const o = getopt(ctx.args, { short: 'as:z', long: { multiple: 'a', 'suffix=': 's', zero: 'z' }, stopAtOperand: false });
  const term = o.has('z') ? '\0' : '\n';
  let names = o.operands;
  let suffix = o.get('s');
  const multiple = o.has('a') || suffix !== undefined;
  if (names.length === 0) return ctx.usage('FILE [SUFFIX] | -a FILE... | -s SUFFIX FILE...');
  if (!multiple) {
    if (names.length > 2) {
      await ctx.error(`extra operand '${names[2]}'`);
      return 1;
    }
    suffix = names[1];
    names = [names[0]];
  }
  let out = '';
  for (const n of names) {
    let b = base(n);
    if (suffix && b !== suffix && b.endsWith(suffix)) b = b.slice(0, -suffix.length);
    out += bytesOf(b) + term;
  }
  await ctx.out.write(out);
  return 0;
});

export const dirname = program('dirname', async (ctx) => {
  const o = getopt(ctx.args, { short: 'z', long: { zero: 'z' } });
  if (o.operands.length !== 1) return ctx.usage('FILENAME');
  const term = o.has('z') ? '\0' : '\n';
  await ctx.out.write(o.operands.map((n) => bytesOf(dir(n)) + term).join(''));
  return 0;
});
