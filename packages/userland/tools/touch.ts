/** touch: update file times or create empty files (-c -a -m -h -d DATE -t STAMP -r FILE); -d and -t are local times (lib/timezone.ts). */
import { parseDate, parseTouchStamp } from '../lib/date-parse.js';
import { errCode, errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { program } from '../lib/program.js';
import { O } from '../sys.js';
import { loadTimeZone } from '../lib/timezone.js';

export const touch = program('touch', async (ctx) => {
  const o = getopt(ctx.args, { short: 'camhd:t:r:', long: { 'no-create': 'c', 'date=': 'd', 'reference=': 'r', 'no-dereference': 'h' } });
  let atime: number | 'now' = 'now';
  let mtime: number | 'now' = 'now';
  const d = o.get('d');
  const tt = o.get('t');
  const r = o.get('r');
  if (r !== undefined) {
    try {
      const st = ctx.sys.stat(r);
      atime = st.atimeMs;
      mtime = st.mtimeMs;
    } catch (e) {
      return ctx.die(`${r}: ${errorText(e)}`);
    }
  }
  // -d and -t name local times (TZ, /etc/localtime) unless they carry their own offset.
  const zone = d !== undefined || tt !== undefined ? await loadTimeZone(ctx.sys, ctx.getenv('TZ')) : undefined;
  if (d !== undefined) {
    const v = parseDate(d, ctx.sys.now(), zone);
    if (v === null) return ctx.die(`invalid date '${d}'`);
    atime = mtime = v;
  }
  if (tt !== undefined) {
    const v = parseTouchStamp(tt, ctx.sys.now(), zone);
    if (v === null) return ctx.die(`invalid date '${tt}'`);
    atime = mtime = v;
  }
  const onlyA = o.has('a') && !o.has('m');
  const onlyM = o.has('m') && !o.has('a');
  if (o.operands.length === 0) {
    await ctx.error('missing file operand');
    return 1;
  }
  let status = 0;
  for (const f of o.operands) {
    try {
      ctx.sys.utimes(f, onlyM ? null : atime, onlyA ? null : mtime);
    } catch (e) {
      if (errCode(e) !== 'ENOENT') {
        await ctx.error(`${f}: ${errorText(e)}`);
        status = 1;
        continue;
      }
      if (o.has('c')) continue;
      try {
        ctx.sys.close(ctx.sys.open(f, O.WRONLY | O.CREAT, 0o666));
        if (atime !== 'now' || mtime !== 'now') ctx.sys.utimes(f, onlyM ? null : atime, onlyA ? null : mtime);
      } catch (e2) {
        await ctx.error(`${f}: ${errorText(e2)}`);
        status = 1;
      }
    }
  }
  return status;
});
