/** mkfifo: makes named pipes (mknod S_IFIFO), mode a=rw less the umask, or exactly -m MODE. */
import { errorText } from '../lib/errno-text.js';
import { applyMode } from '../lib/file-mode.js';
import { getopt } from '../lib/getopt.js';
import { program } from '../lib/program.js';

export const mkfifo = program('mkfifo', async (ctx) => {
  const o = getopt(ctx.args, { short: 'm:', long: { 'mode=': 'm' } });
  const umask = ctx.sys.umask(0);
  ctx.sys.umask(umask);
  let mode = 0o666 & ~umask;
  const m = o.get('m');
  if (m !== undefined) {
    const v = applyMode(m, 0o666, 0, false);
    if (v === null) return ctx.die(`invalid mode '${m}'`);
    mode = v;
  }
  if (o.operands.length === 0) return ctx.usage('[-m MODE] NAME');
  let status = 0;
  for (const path of o.operands) {
    try {
      ctx.sys.mkfifo(path, mode);
      // -m is the exact mode, as busybox (which clears the umask for it).
      if (m !== undefined) ctx.sys.chmod(path, mode);
    } catch (e) {
      await ctx.error(`${path}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});
