/** uname, hostname, nproc, tty, sync, clear, free, stty: small questions about the machine and the terminal. */
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { program } from '../lib/program.js';

export const uname = program('uname', async (ctx) => {
  const o = getopt(ctx.args, { short: 'asnrvmpio', long: { all: 'a', 'kernel-name': 's', nodename: 'n', 'kernel-release': 'r', 'kernel-version': 'v', machine: 'm', processor: 'p', 'hardware-platform': 'i', 'operating-system': 'o' } });
  const u = ctx.sys.uname();
  const all = o.has('a');
  const parts: string[] = [];
  const want = (k: string) => all || o.has(k);
  if (want('s') || (!o.list.length)) parts.push(u.sysname);
  if (want('n')) parts.push(u.nodename);
  if (want('r')) parts.push(u.release);
  if (want('v')) parts.push(u.version);
  if (want('m')) parts.push(u.machine);
  if (o.has('p') || (all && false)) parts.push('unknown');
  if (o.has('i')) parts.push('unknown');
  if (want('o')) parts.push('GNU/Linux');
  await ctx.out.write(parts.join(' ') + '\n');
  return 0;
});

export const hostname = program('hostname', async (ctx) => {
  const o = getopt(ctx.args, { short: 'sidfF:', long: { short: 's', 'ip-address': 'i', domain: 'd', fqdn: 'f' } });
  if (o.operands.length || o.has('F')) return ctx.die('sethostname: Operation not permitted');
  const n = ctx.sys.uname().nodename;
  if (o.has('i')) {
    await ctx.out.write('127.0.0.1\n');
    return 0;
  }
  if (o.has('d')) {
    const i = n.indexOf('.');
    if (i >= 0) await ctx.out.write(n.slice(i + 1) + '\n');
    return 0;
  }
  await ctx.out.write((o.has('s') ? n.split('.')[0] : n) + '\n');
  return 0;
});

export const nproc = program('nproc', async (ctx) => {
  let n = 1;
  try {
    const inp = Input.open(ctx.sys, '/proc/cpuinfo');
    const t = await inp.all();
    inp.close();
    n = Math.max(1, (t.match(/^processor\s*:/gm) ?? []).length);
  } catch {
    /* one cpu */
  }
  await ctx.out.write(n + '\n');
  return 0;
});

export const tty = program('tty', async (ctx) => {
  const o = getopt(ctx.args, { short: 's', long: { silent: 's', quiet: 's' } });
  if (!ctx.sys.isatty(0)) {
    if (!o.has('s')) await ctx.out.write('not a tty\n');
    return 1;
  }
  let name = '/dev/tty';
  try {
    name = ctx.sys.readlink('/proc/self/fd/0');
  } catch {
    /* unknown */
  }
  if (!o.has('s')) await ctx.out.write(name + '\n');
  return 0;
});

export const sync = program('sync', async () => 0);

export const clear = program('clear', async (ctx) => {
  await ctx.out.write('\x1b[H\x1b[J');
  return 0;
});

/** free: memory from /proc/meminfo, in busybox's layout (KiB; -b bytes, -m MiB, -g GiB). */
export const free = program('free', async (ctx) => {
  const o = getopt(ctx.args, { short: 'bkmgh', long: { bytes: 'b', kibi: 'k', mebi: 'm', gibi: 'g', human: 'h' } });
  let text: string;
  try {
    const inp = Input.open(ctx.sys, '/proc/meminfo');
    text = await inp.all();
    inp.close();
  } catch {
    return ctx.die("can't open '/proc/meminfo'");
  }
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  const shift = o.has('b') ? -10 : o.has('g') ? 20 : o.has('m') ? 10 : 0;
  const unit = (k: number): string => String(shift < 0 ? k * 1024 : Math.floor(k / 2 ** shift));
  const total = kb('MemTotal');
  const free = kb('MemFree');
  const cache = kb('Buffers') + kb('Cached');
  const used = total - free - cache;
  const row = (label: string, values: number[]): string => label.padEnd(7) + values.map((v) => unit(v).padStart(12)).join('') + '\n';
  await ctx.out.write(
    ' '.repeat(7) + ['total', 'used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('') + '\n' +
      row('Mem:', [total, used, free, kb('Shmem'), cache, kb('MemAvailable')]) +
      row('Swap:', [kb('SwapTotal'), kb('SwapTotal') - kb('SwapFree'), kb('SwapFree')]),
  );
  return 0;
});

/** stty: the terminal's size (`stty`, `stty size`); other settings are not offered. */
export const stty = program('stty', async (ctx) => {
  const size = ctx.sys.windowSize(0);
  if (!size) return ctx.die('standard input: Not a tty');
  if (ctx.args[0] === 'size') await ctx.out.write(`${size.rows} ${size.cols}\n`);
  else if (ctx.args.length === 0) await ctx.out.write(`speed 38400 baud; rows ${size.rows}; columns ${size.cols};\n`);
  else return ctx.die(`only 'stty' and 'stty size' are supported`);
  return 0;
});
