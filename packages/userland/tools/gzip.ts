/**
 * gzip, gunzip, zcat (one concept): compress and decompress with node:zlib's deflate
 * (the same format and levels -1..-9), reading and writing through Sys: FILE becomes
 * FILE.gz (and back) keeping the mode and times; -c to stdout, -d, -k keep, -f force,
 * -t test, -q quiet.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { program, type Ctx } from '../lib/program.js';
import { O } from '../sys.js';

async function readAll(ctx: Ctx, f: string): Promise<Buffer | null> {
  try {
    const inp = Input.open(ctx.sys, f);
    const t = await inp.all();
    inp.close();
    return Buffer.from(t, 'latin1');
  } catch (e) {
    await ctx.error(`${f}: ${errorText(e)}`);
    return null;
  }
}

async function run(ctx: Ctx, mode: 'gzip' | 'gunzip' | 'zcat'): Promise<number> {
  const o = getopt(ctx.args, { short: 'cdfkqtvn123456789', long: { stdout: 'c', 'to-stdout': 'c', decompress: 'd', force: 'f', keep: 'k', quiet: 'q', test: 't', verbose: 'v' } });
  const decompress = mode !== 'gzip' || o.has('d') || o.has('t');
  const toStdout = mode === 'zcat' || o.has('c') || o.has('t');
  let level = 6;
  for (const [k] of o.list) if (/^[1-9]$/.test(k)) level = Number(k);
  const files = o.operands.length ? o.operands : ['-'];
  let status = 0;
  for (const f of files) {
    let data: Buffer | null;
    if (f === '-') {
      if (!decompress && ctx.sys.isatty(1) && !o.has('f')) return ctx.die('compressed data not written to a terminal. Use -f to force compression.');
      data = Buffer.from(await new Input(ctx.sys, 0).all(), 'latin1');
    } else {
      if (decompress && !toStdout && !/\.(gz|tgz|z)$/i.test(f)) {
        await ctx.error(`${f}: unknown suffix - ignored`);
        status = 1;
        continue;
      }
      data = await readAll(ctx, f);
    }
    if (data === null) {
      status = 1;
      continue;
    }
    let out: Buffer;
    try {
      out = decompress ? gunzipSync(data) : gzipSync(data, { level });
    } catch {
      await ctx.error('invalid magic');
      status = 1;
      continue;
    }
    if (o.has('t')) continue;
    if (toStdout || f === '-') {
      await ctx.out.writeBytes(out);
      continue;
    }
    const dst = decompress ? f.replace(/\.tgz$/i, '.tar').replace(/\.(gz|z)$/i, '') : f + '.gz';
    try {
      const st = ctx.sys.stat(f);
      let exists = false;
      try {
        ctx.sys.lstat(dst);
        exists = true;
      } catch {
        /* fine */
      }
      if (exists && !o.has('f')) {
        await ctx.error(`can't open '${dst}': File exists`);
        status = 1;
        continue;
      }
      const fd = ctx.sys.open(dst, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o7777);
      await ctx.sys.write(fd, out);
      ctx.sys.close(fd);
      ctx.sys.chmod(dst, st.mode & 0o7777);
      ctx.sys.utimes(dst, st.atimeMs, st.mtimeMs);
      if (!o.has('k')) ctx.sys.unlink(f);
    } catch (e) {
      await ctx.error(`${dst}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
}

export const gzip = program('gzip', (ctx) => run(ctx, 'gzip'));
export const gunzip = program('gunzip', (ctx) => run(ctx, 'gunzip'));
export const zcat = program('zcat', (ctx) => run(ctx, 'zcat'));
