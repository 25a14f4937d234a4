/** head: the first lines or bytes of files (-n [-]N, -c [-]N with b/k/m suffixes, -N, -q, -v). */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { program, type Ctx } from '../lib/program.js';
import { bytesOf } from '../lib/output.js';

/** A count with busybox's size suffixes (b 512, k 1024, m 1048576, and the kB/KB/MB/GB family). */
export function parseCount(s: string): number | null {
  const m = /^(\d+)(b|k|m|g|kB|KB|K|M|MB|G|GB)?$/.exec(s);
  if (!m) return null;
  const mult: Record<string, number> = { b: 512, k: 1024, m: 1048576, g: 1 << 30, kB: 1000, KB: 1024, K: 1024, M: 1048576, MB: 1000000, G: 1 << 30, GB: 1e9 };
  return Number(m[1]) * (m[2] ? mult[m[2]] : 1);
}

export const head = program('head', async (ctx: Ctx) => {
  let args = ctx.args;
  if (args[0] && /^-\d+$/.test(args[0])) args = ['-n', args[0].slice(1), ...args.slice(1)];
  const o = getopt(args, { short: 'n:c:qv', long: { 'lines=': 'n', 'bytes=': 'c', quiet: 'q', silent: 'q', verbose: 'v' } });
  let lines = 10;
  let bytes: number | null = null;
  let allBut = false;
  for (const [k, v] of o.list) {
    if (k !== 'n' && k !== 'c') continue;
    let s = v;
    allBut = s.startsWith('-');
    if (allBut) s = s.slice(1);
    else if (s.startsWith('+')) s = s.slice(1);
    const n = parseCount(s);
    if (n === null) return ctx.die(`invalid number '${v}'`);
    if (k === 'n') {
      lines = n;
      bytes = null;
    } else bytes = n;
  }
  const files = inputsOf(o.operands);
  const headers = o.has('v') || (files.length > 1 && !o.has('q'));
  let status = 0;
  let first = true;
  for (const f of files) {
    const inp = await openInput(ctx, f);
    const wasFirst = first;
    first = false;
    if (!inp) {
      status = 1;
      continue;
    }
    if (headers) {
      await ctx.out.write(`${wasFirst ? '' : '\n'}==> ${f === '-' ? 'standard input' : bytesOf(f)} <==\n`);
    }
    try {
      if (bytes !== null) {
        if (allBut) {
          const all = await inp.all();
          await ctx.out.write(all.slice(0, Math.max(0, all.length - bytes)));
        } else {
          await ctx.out.write(await inp.bytes(bytes));
        }
      } else if (allBut) {
        const ring: string[] = [];
        for (;;) {
          const l = await inp.line();
          if (l === null) break;
          ring.push(l);
          if (ring.length > lines) await ctx.out.write(ring.shift()!);
        }
      } else {
        for (let i = 0; i < lines; i++) {
          const l = await inp.line();
          if (l === null) break;
          await ctx.out.write(l);
        }
      }
    } finally {
      inp.close();
    }
  }
  return status;
});
