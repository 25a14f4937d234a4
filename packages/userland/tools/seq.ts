/** seq: print a sequence of numbers (FIRST [INC] LAST, floats, -s SEP, -w equal width, -f FORMAT). */
import { formatFloat, parseSpec } from '../lib/c-format.js';
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';

export const seq = program('seq', async (ctx) => {
  // negative numbers are operands, not options
  const args = ctx.args;
  const opts: string[] = [];
  const nums: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^-[0-9.]/.test(a) || !a.startsWith('-') || nums.length) nums.push(a);
    else {
      opts.push(a);
      if ((a === '-s' || a === '-f') && i + 1 < args.length) opts.push(args[++i]);
    }
  }
  const o = getopt(opts, { short: 's:wf:', long: { 'separator=': 's', 'equal-width': 'w', 'format=': 'f' } });
  nums.push(...o.operands);
  if (nums.length < 1 || nums.length > 3) return ctx.usage('[-w] [-s SEP] [FIRST [INC]] LAST');
  const vals: number[] = [];
  for (const n of nums) {
    const v = Number(n);
    if (n.trim() === '' || Number.isNaN(v)) return ctx.usage('[-w] [-s SEP] [FIRST [INC]] LAST');
    vals.push(v);
  }
  const first = nums.length > 1 ? vals[0] : 1;
  const inc = nums.length === 3 ? vals[1] : 1;
  const last = vals[vals.length - 1];
  const decimals = (s: string) => {
    const m = /\.(\d*)/.exec(s);
    return m && !/[eE]/.test(s) ? m[1].length : 0;
  };
  const prec = Math.max(...(nums.length > 1 ? nums.slice(0, -1) : ['1']).map(decimals), 0);
  const sep = bytesOf(o.get('s') ?? '\n');
  const fmt = o.get('f');
  const fmtOne = (v: number): string => {
    if (fmt !== undefined) {
      const i = fmt.indexOf('%');
      const parsed = parseSpec(fmt, i + 1);
      if (i < 0 || !parsed) return fmt;
      return fmt.slice(0, i) + formatFloat(v, parsed[0]) + fmt.slice(parsed[1]);
    }
    return v.toFixed(prec);
  };
  if (inc === 0) return 0;
  const out: string[] = [];
  const count = Math.floor((last - first) / inc + 1e-10);
  for (let k = 0; k <= count; k++) {
    out.push(fmtOne(first + k * inc));
    if (out.length > 65536) {
      await ctx.out.write(out.join(sep) + sep);
      out.length = 0;
    }
  }
  if (o.has('w') && fmt === undefined) {
    const w = Math.max(...[fmtOne(first), fmtOne(first + count * inc)].map((s) => s.length));
    for (let k = 0; k < out.length; k++) out[k] = out[k].startsWith('-') ? '-' + out[k].slice(1).padStart(w - 1, '0') : out[k].padStart(w, '0');
  }
  if (out.length) await ctx.out.write(out.join(sep) + '\n');
  return 0;
});
