/** tee: copy stdin to stdout and to files (-a appends, -i ignores SIGINT). */
import { getopt } from '../lib/getopt.js';
import { errorText } from '../lib/errno-text.js';
import { Input } from '../lib/input.js';
import { program } from '../lib/program.js';
import { O } from '../sys.js';

export const tee = program('tee', async (ctx) => {
  const o = getopt(ctx.args, { short: 'ai', long: { append: 'a', 'ignore-interrupts': 'i' } });
  if (o.has('i')) ctx.sys.signal(2, 'ignore');
  const flags = O.WRONLY | O.CREAT | (o.has('a') ? O.APPEND : O.TRUNC);
  const fds: number[] = [];
  let status = 0;
  for (const f of o.operands) {
    if (f === '-') {
      fds.push(1);
      continue;
    }
    try {
      fds.push(ctx.sys.open(f, flags, 0o666));
    } catch (e) {
      await ctx.error(`${f}: ${errorText(e)}`);
      status = 1;
    }
  }
  const inp = new Input(ctx.sys, 0);
  let stdoutOk = true;
  for (;;) {
    const c = await inp.chunk();
    if (c === null) break;
    const data = Buffer.from(c, 'latin1');
    if (stdoutOk) {
      try {
        await ctx.sys.write(1, data);
      } catch {
        stdoutOk = false;
        status = 1;
      }
    }
    for (const fd of fds) await ctx.sys.write(fd, data);
  }
  for (const fd of fds) if (fd !== 1) ctx.sys.close(fd);
  return status;
});
