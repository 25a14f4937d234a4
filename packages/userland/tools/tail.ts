/** tail: the last lines or bytes of files (-n [+]N, -c [+]N, -N, +N, -q, -v, -f/-F polling with Sys.sleep, -s). */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { program } from '../lib/program.js';
import { bytesOf } from '../lib/output.js';
import { parseCount } from './head.js';
import type { Input } from '../lib/input.js';

export const tail = program('tail', async (ctx) => {
  let args = ctx.args;
  if (args[0] && /^[-+]\d+[bkm]?[cl]?$/.test(args[0]) && !(args[0].startsWith('-') && args[0].length === 1)) {
    const m = /^([-+])(\d+[bkm]?)([cl])?$/.exec(args[0])!;
    args = [m[3] === 'c' ? '-c' : '-n', (m[1] === '+' ? '+' : '') + m[2], ...args.slice(1)];
  }
  const o = getopt(args, { short: 'n:c:qvfFs:', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v', follow: 'f', 'sleep-interval=': 's' } });
  let count = 10;
  let bytes = false;
  let fromStart = false;
  for (const [k, v] of o.list) {
    if (k !== 'n' && k !== 'c') continue;
    let s = v;
    fromStart = s.startsWith('+');
    if (fromStart || s.startsWith('-')) s = s.slice(1);
    const n = parseCount(s);
    if (n === null) return ctx.die(`invalid number '${v}'`);
    count = n;
    bytes = k === 'c';
  }
  const follow = o.has('f') || o.has('F');
  const interval = Number(o.get('s') ?? '1') * 1000;
  const files = inputsOf(o.operands);
  const headers = o.has('v') || (files.length > 1 && !o.has('q'));
  let status = 0;
  let first = true;
  const opened: Array<{ inp: Input; name: string }> = [];
  for (const f of files) {
    const inp = await openInput(ctx, f, 'cantopen');
    if (!inp) {
      status = 1;
      continue;
    }
    if (headers) await ctx.out.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : bytesOf(f)} <==\n`);
    first = false;
    const all = await inp.all();
    let out: string;
    if (bytes) {
      out = fromStart ? all.slice(Math.max(0, count - 1)) : count === 0 ? '' : all.slice(-count);
    } else if (fromStart) {
      let pos = 0;
      for (let i = 1; i < count && pos >= 0; i++) {
        const j = all.indexOf('\n', pos);
        pos = j < 0 ? -1 : j + 1;
      }
      out = pos < 0 ? '' : all.slice(pos);
    } else {
      let start = 0;
      if (count === 0) start = all.length;
      let p = all.length - (all.endsWith('\n') ? 1 : 0);
      let n = 0;
      while (count > 0 && p > 0) {
        const j = all.lastIndexOf('\n', p - 1);
        if (j < 0) break;
        if (++n === count) {
          start = j + 1;
          break;
        }
        p = j;
      }
      out = all.slice(start);
    }
    await ctx.out.write(out);
    if (follow && f !== '-') opened.push({ inp, name: f });
    else inp.close();
  }
  if (!follow || opened.length === 0) return status;
  let last = opened[opened.length - 1].name;
  for (;;) {
    await ctx.out.flush();
    await ctx.sys.sleep(interval);
    for (const { inp, name } of opened) {
      for (;;) {
        const c = await inp.chunk();
        if (c === null) break;
        if (headers && name !== last) {
          await ctx.out.write(`\n==> ${bytesOf(name)} <==\n`);
          last = name;
        }
        await ctx.out.write(c);
      }
    }
  }
});
