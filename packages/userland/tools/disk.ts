/** du and df: disk usage of trees (-s -h -k -m -a -c -d N -x -L) and of file systems (-h -k -m -P -T -a). */
import { errorText } from '../lib/errno-text.js';
import { isDir, isLnk, joinPath, listDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { humanSize } from './ls.js';
void humanSize;

export const du = program('du', async (ctx) => {
  const o = getopt(ctx.args, { short: 'aHLlsxd:chkmb', long: { all: 'a', summarize: 's', 'max-depth=': 'd', total: 'c', 'human-readable': 'h', 'one-file-system': 'x', dereference: 'L', bytes: 'b' } });
  const maxDepth = o.has('s') ? 0 : o.has('d') ? Number(o.get('d')) : Infinity;
  const unit = o.has('m') ? 1024 * 1024 : 1024;
  // busybox's du -h keeps one decimal (376.0K)
  const duHuman = (n: number) => {
    const units = ['', 'K', 'M', 'G', 'T'];
    let v = n;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return i === 0 ? String(n) : v.toFixed(1) + units[i];
  };
  const fmt = (blocks512: number, bytes: number) => (o.has('b') ? String(bytes) : o.has('h') ? duHuman(blocks512 * 512) : String(Math.ceil((blocks512 * 512) / unit)));
  const seen = new Set<string>();
  let status = 0;
  let total = 0;
  let totalBytes = 0;
  const walk = async (p: string, depth: number, dev: number): Promise<[number, number]> => {
    let st;
    try {
      st = o.has('L') || (o.has('H') && depth === 0) ? ctx.sys.stat(p) : ctx.sys.lstat(p);
    } catch (e) {
      await ctx.error(`${p}: ${errorText(e)}`);
      status = 1;
      return [0, 0];
    }
    const key = `${st.dev}:${st.ino}`;
    if (st.nlink > 1 && !isDir(st.mode)) {
      if (seen.has(key)) return [0, 0];
      seen.add(key);
    }
    let blocks = st.blocks;
    let bytes = st.size;
    if (isDir(st.mode) && !isLnk(st.mode) && !(o.has('x') && depth > 0 && st.dev !== dev)) {
      let names: string[] = [];
      try {
        names = listDir(ctx, p);
      } catch (e) {
        await ctx.error(`${p}: ${errorText(e)}`);
        status = 1;
      }
      for (const n of names) {
        const [b, y] = await walk(joinPath(p, n), depth + 1, st.dev);
        blocks += b;
        bytes += y;
      }
      if (depth <= maxDepth) await ctx.out.write(`${fmt(blocks, bytes)}\t${bytesOf(p)}\n`);
    } else if ((o.has('a') && depth <= maxDepth) || depth === 0) await ctx.out.write(`${fmt(blocks, bytes)}\t${bytesOf(p)}\n`);
    return [blocks, bytes];
  };
  for (const p of o.operands.length ? o.operands : ['.']) {
    let dev = 0;
    try {
      dev = ctx.sys.stat(p).dev;
    } catch {
      /* reported by walk */
    }
    const [b, y] = await walk(p, 0, dev);
    total += b;
    totalBytes += y;
  }
  if (o.has('c')) await ctx.out.write(`${fmt(total, totalBytes)}\ttotal\n`);
  return status;
});

export const df = program('df', async (ctx) => {
  const o = getopt(ctx.args, { short: 'hkmPTaiB:t:', long: { 'human-readable': 'h', portability: 'P', 'print-type': 'T', all: 'a', inodes: 'i' } });
  let mounts: Array<{ src: string; dir: string; type: string }> = [];
  try {
    const inp = Input.open(ctx.sys, '/proc/mounts');
    const t = await inp.all();
    inp.close();
    mounts = t.split('\n').filter(Boolean).map((l) => {
      const f = l.split(' ');
      return { src: f[0], dir: f[1], type: f[2] };
    });
  } catch {
    mounts = [{ src: 'rootfs', dir: '/', type: 'rootfs' }];
  }
  let status = 0;
  const targets = o.operands.length ? o.operands : null;
  const rows: string[][] = [];
  const human = o.has('h');
  const unit = o.has('m') ? 1048576 : 1024;
  rows.push([o.has('P') || !human ? 'Filesystem' : 'Filesystem', ...(o.has('T') ? ['Type'] : []), human ? 'Size' : o.has('P') ? '1024-blocks' : `${unit / 1024}K-blocks`, 'Used', 'Available', o.has('P') ? 'Capacity' : 'Use%', 'Mounted on']);
  const pick = targets
    ? targets.map((t) => {
        let best = mounts[0];
        let abs = t;
        try {
          abs = ctx.sys.realpath(t);
        } catch (e) {
          return { err: `${t}: ${errorText(e)}` };
        }
        for (const m of mounts) if ((abs === m.dir || abs.startsWith(m.dir === '/' ? '/' : m.dir + '/')) && m.dir.length >= (best?.dir.length ?? 0)) best = m;
        return best;
      })
    : mounts;
  for (const m of pick) {
    if ('err' in m) {
      await ctx.error(m.err as string);
      status = 1;
      continue;
    }
    let s;
    try {
      s = ctx.sys.statfs(m.dir);
    } catch {
      continue;
    }
    if (!targets && !o.has('a') && s.blocks === 0) continue;
    const size = s.blocks * s.bsize;
    const free = s.bfree * s.bsize;
    const avail = s.bavail * s.bsize;
    const used = size - free;
    const pct = used + avail > 0 ? Math.ceil((used * 100) / (used + avail)) : 0;
    const f = (n: number) => (human ? humanSize(n) : String(Math.floor(n / unit)));
    rows.push([m.src, ...(o.has('T') ? [m.type] : []), f(size), f(used), f(avail), `${pct}%`, m.dir]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  let out = '';
  for (const r of rows) out += r.map((c, k) => (k === 0 || k === r.length - 1 || (o.has('T') && k === 1) ? c.padEnd(widths[k]) : c.padStart(widths[k]))).join(' ').trimEnd() + '\n';
  await ctx.out.write(out);
  return status;
});
