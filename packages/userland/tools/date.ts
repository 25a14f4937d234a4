/** date: print or parse a time (+FORMAT, -d STRING, -u, -R, -I[date|hours|minutes|seconds], -r FILE, -D input format ignored), in TZ's zone (lib/timezone.ts). */
import { parseDate } from '../lib/date-parse.js';
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { strftime } from '../lib/time-format.js';
import { loadTimeZone, offsetText, UTC } from '../lib/timezone.js';

export const date = program('date', async (ctx) => {
  const o = getopt(ctx.args, { short: 'd:uRI::r:D:s:', long: { 'date=': 'd', utc: 'u', universal: 'u', 'rfc-2822': 'R', 'rfc-email': 'R', 'iso-8601': 'I', 'reference=': 'r' } });
  let ms = ctx.sys.now();
  const zone = o.has('u') ? UTC : await loadTimeZone(ctx.sys, ctx.getenv('TZ'));
  const d = o.get('d');
  if (d !== undefined) {
    const v = parseDate(d, ms, zone);
    if (v === null) return ctx.die(`invalid date '${d}'`);
    ms = v;
  }
  const r = o.get('r');
  if (r !== undefined) {
    try {
      ms = ctx.sys.stat(r).mtimeMs;
    } catch (e) {
      return ctx.die(`${r}: ${errorText(e)}`);
    }
  }
  if (o.has('s')) return ctx.die("can't set date: Operation not permitted");
  let fmt = '%a %b %e %H:%M:%S %Z %Y';
  if (o.has('R')) fmt = '%a, %d %b %Y %H:%M:%S %z';
  if (o.has('I')) {
    const spec = o.get('I') || 'date';
    const z = offsetText(zone.at(ms).offsetSec, true);
    fmt = { date: '%Y-%m-%d', hours: `%Y-%m-%dT%H${z}`, minutes: `%Y-%m-%dT%H:%M${z}`, seconds: `%Y-%m-%dT%H:%M:%S${z}` }[spec] ?? '';
    if (!fmt) return ctx.die(`invalid argument '${spec}' for '-I'`);
  }
  for (const op of o.operands) {
    if (op.startsWith('+')) fmt = op.slice(1);
    else return ctx.die("can't set date: Operation not permitted");
  }
  await ctx.out.write(bytesOf(strftime(fmt, ms, undefined, zone)) + '\n');
  return 0;
});
