/**
 * tar: create (-c), list (-t) and extract (-x) ustar archives that GNU tar reads, with
 * -f FILE (or - for stdin/stdout), -z gzip, -j bzip2 (lib/bzip2-compress.ts), and on reading
 * also -J xz (each also detected by its magic number; lib/decompress.ts), -C DIR, -v,
 * -O to stdout, -p, -m, -h, --exclude, --strip-components; GNU long names ('L') and pax
 * path/linkpath records are understood when reading and long names are written as 'L'
 * entries as busybox does. A small reader/writer of our own: the format is 512-byte
 * blocks, and an npm library would have to be bridged to Sys file access anyway.
 */
import { gzipSync } from 'node:zlib';
import { bzip2Compress } from '../lib/bzip2-compress.js';
import { compressionOf, decompress, type Compression } from '../lib/decompress.js';
import { errorText } from '../lib/errno-text.js';
import { fnmatch } from '../lib/fnmatch.js';
import { isDir, isLnk, isReg, joinPath, listDir, S_IFMT } from '../lib/files.js';
import { modeString } from '../lib/file-mode.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf, textOf } from '../lib/output.js';
import { Accounts } from '../lib/passwd.js';
import { program, type Ctx } from '../lib/program.js';
import { strftime } from '../lib/time-format.js';
import { O } from '../sys.js';

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(name: string, mode: number, uid: number, gid: number, size: number, mtime: number, type: string, link: string, uname: string, gname: string): Buffer {
  const h = Buffer.alloc(512);
  let prefix = '';
  let nm = name;
  if (Buffer.byteLength(nm, 'latin1') > 100) {
    const cut = nm.lastIndexOf('/', 155);
    if (cut > 0 && nm.length - cut - 1 <= 100) {
      prefix = nm.slice(0, cut);
      nm = nm.slice(cut + 1);
    }
  }
  h.write(nm.slice(0, 100), 0, 'latin1');
  h.write(octal(mode & 0o7777, 8), 100, 'latin1');
  h.write(octal(uid, 8), 108, 'latin1');
  h.write(octal(gid, 8), 116, 'latin1');
  h.write(octal(size, 12), 124, 'latin1');
  h.write(octal(Math.floor(mtime), 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(type, 156, 'latin1');
  h.write(link.slice(0, 100), 157, 'latin1');
  h.write('ustar\x0000', 257, 'latin1');
  h.write(uname.slice(0, 31), 265, 'latin1');
  h.write(gname.slice(0, 31), 297, 'latin1');
  h.write(octal(0, 8), 329, 'latin1');
  h.write(octal(0, 8), 337, 'latin1');
  h.write(prefix.slice(0, 155), 345, 'latin1');
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += h[i];
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

function field(h: Buffer, off: number, len: number): string {
  const s = h.subarray(off, off + len).toString('latin1');
  const z = s.indexOf('\0');
  return z >= 0 ? s.slice(0, z) : s;
}
function num(h: Buffer, off: number, len: number): number {
  if (h[off] & 0x80) {
    let v = 0;
    for (let i = 1; i < len; i++) v = v * 256 + h[off + i];
    return v;
  }
  const s = field(h, off, len).trim();
  return s ? parseInt(s, 8) : 0;
}

interface Entry {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  type: string;
  link: string;
  uname: string;
  gname: string;
  data: Buffer;
}

function* readArchive(buf: Buffer): Generator<Entry> {
  let off = 0;
  let longName: string | null = null;
  let longLink: string | null = null;
  let pax: Record<string, string> = {};
  while (off + 512 <= buf.length) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (sum !== num(h, 148, 8)) throw new Error('invalid tar header checksum');
    const size = num(h, 124, 12);
    const type = String.fromCharCode(h[156] || 48);
    const data = buf.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = data.toString('latin1').replace(/\0+$/, '');
      continue;
    }
    if (type === 'K') {
      longLink = data.toString('latin1').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x' || type === 'g') {
      if (type === 'x') {
        pax = {};
        const t = data.toString('utf8');
        let p = 0;
        while (p < t.length) {
          const sp = t.indexOf(' ', p);
          const len = Number(t.slice(p, sp));
          if (!len) break;
          const rec = t.slice(sp + 1, p + len - 1);
          const eq = rec.indexOf('=');
          pax[rec.slice(0, eq)] = rec.slice(eq + 1);
          p += len;
        }
      }
      continue;
    }
    const prefix = field(h, 345, 155);
    let name = longName ?? pax.path ?? (prefix ? prefix + '/' : '') + field(h, 0, 100);
    if (pax.path) name = bytesOf(pax.path);
    const link = longLink ?? (pax.linkpath ? bytesOf(pax.linkpath) : field(h, 157, 100));
    longName = longLink = null;
    pax = {};
    yield { name, mode: num(h, 100, 8), uid: num(h, 108, 8), gid: num(h, 116, 8), size, mtime: num(h, 136, 12), type, link, uname: field(h, 265, 32), gname: field(h, 297, 32), data };
  }
}

export const tar = program('tar', async (ctx: Ctx) => {
  // the old style: first word of options without a dash (tar xzf file)
  let args = ctx.args;
  if (args.length && !args[0].startsWith('-') && /^[cxtzvfCOpmhjJk]+$/.test(args[0])) {
    const letters = args[0].split('');
    const rest = args.slice(1);
    const out: string[] = [];
    for (const l of letters) {
      out.push('-' + l);
      if ((l === 'f' || l === 'C') && rest.length) out.push(rest.shift()!);
    }
    args = [...out, ...rest];
  }
  const o = getopt(args, {
    short: 'cxtf:C:zvOpmhkjJa',
    long: { create: 'c', extract: 'x', get: 'x', list: 't', 'file=': 'f', 'directory=': 'C', gzip: 'z', gunzip: 'z', verbose: 'v', 'to-stdout': 'O', 'preserve-permissions': 'p', touch: 'm', dereference: 'h', 'keep-old-files': 'k', 'exclude=': 'X', 'strip-components=': 'S', 'no-same-owner': 'N', 'same-owner': 'W', 'numeric-owner': 'n', overwrite: 'w' },
  });
  const modes = ['c', 'x', 't'].filter((k) => o.has(k));
  if (modes.length !== 1) return ctx.die(modes.length ? 'multiple -c|-x|-t' : 'need to specify one of -c, -t, -x');
  const mode = modes[0];
  if (mode === 'c' && o.has('J')) {
    return ctx.die(`creating xz archives is not supported (no compressor here): use -z or -j, or pipe 'tar cf - ...' into one`);
  }
  const file = o.get('f') ?? '-';
  const excludes = o.all('X');
  const strip = Number(o.get('S') ?? 0);
  const verbose = o.has('v');
  const acc = await Accounts.load(ctx.sys);
  const msgOut = async (s: string) => {
    if (mode === 'c' && file === '-') await ctx.errOut.write(s);
    else await ctx.out.write(s);
  };
  const excluded = (name: string) => excludes.some((p) => fnmatch(p, name) || fnmatch(p, name.replace(/\/$/, '')) || name.split('/').some((c) => fnmatch(p, c)));
  const origCwd = ctx.sys.getcwd();
  const chdirTo = o.get('C');
  const cdC = async (): Promise<boolean> => {
    if (chdirTo === undefined) return true;
    try {
      ctx.sys.chdir(chdirTo);
      return true;
    } catch (e) {
      await ctx.error(`can't change directory to '${chdirTo}': ${errorText(e)}`);
      return false;
    }
  };
  const absFile = file === '-' || file.startsWith('/') ? file : joinPath(origCwd, file);

  if (mode === 'c') {
    if (!o.operands.length) return ctx.die('empty archive');
    const parts: Buffer[] = [];
    let status = 0;
    if (!(await cdC())) return 1;
    const add = async (path: string): Promise<void> => {
      let st;
      try {
        st = o.has('h') ? ctx.sys.stat(path) : ctx.sys.lstat(path);
      } catch (e) {
        await ctx.error(`${path}: ${errorText(e)}`);
        status = 2;
        return;
      }
      let name = path.replace(/^\/+/, '');
      if (isDir(st.mode) && !name.endsWith('/')) name += '/';
      if (excluded(name)) return;
      const uname = acc.userName(st.uid) ?? '';
      const gname = acc.groupName(st.gid) ?? '';
      const mt = st.mtimeMs / 1000;
      const push = (type: string, size: number, link: string, data?: Buffer) => {
        const bname = bytesOf(name);
        if (Buffer.byteLength(bname, 'latin1') > 100 && !(bname.lastIndexOf('/', 155) > 0 && bname.length - bname.lastIndexOf('/', 155) - 1 <= 100)) {
          const ln = Buffer.from(bname + '\0', 'latin1');
          parts.push(header('././@LongLink', 0, 0, 0, ln.length, 0, 'L', '', 'root', 'root'), ln, Buffer.alloc((512 - (ln.length % 512)) % 512));
        }
        parts.push(header(bname, st!.mode, st!.uid, st!.gid, size, mt, type, bytesOf(link), uname, gname));
        if (data) {
          parts.push(data);
          if (data.length % 512) parts.push(Buffer.alloc(512 - (data.length % 512)));
        }
      };
      if (verbose) await msgOut(bytesOf(name) + '\n');
      if (isDir(st.mode)) {
        push('5', 0, '');
        let names: string[] = [];
        try {
          names = listDir(ctx, path);
        } catch (e) {
          await ctx.error(`${path}: ${errorText(e)}`);
          status = 2;
        }
        for (const n of names) await add(joinPath(path, n));
      } else if (isLnk(st.mode)) push('2', 0, ctx.sys.readlink(path));
      else if (isReg(st.mode)) {
        const inp = Input.open(ctx.sys, path);
        const data = Buffer.from(await inp.all(), 'latin1');
        inp.close();
        push('0', data.length, '', data);
      } else {
        const t = st.mode & S_IFMT;
        push(t === 0o020000 ? '3' : t === 0o060000 ? '4' : '6', 0, '');
      }
    };
    for (const p of o.operands) await add(p);
    parts.push(Buffer.alloc(1024));
    let archive = Buffer.concat(parts);
    const rec = 10240;
    if (archive.length % rec) archive = Buffer.concat([archive, Buffer.alloc(rec - (archive.length % rec))]);
    if (o.has('z')) archive = gzipSync(archive);
    else if (o.has('j')) archive = Buffer.from(bzip2Compress(archive));
    ctx.sys.chdir(origCwd);
    if (file === '-') await ctx.out.writeBytes(archive);
    else {
      try {
        const fd = ctx.sys.open(absFile, O.WRONLY | O.CREAT | O.TRUNC, 0o666);
        await ctx.sys.write(fd, archive);
        ctx.sys.close(fd);
      } catch (e) {
        return ctx.die(`can't open '${file}': ${errorText(e)}`);
      }
    }
    return status;
  }

  // list or extract
  let raw: Buffer;
  try {
    const inp = file === '-' ? new Input(ctx.sys, 0) : Input.open(ctx.sys, absFile);
    raw = Buffer.from(await inp.all(), 'latin1');
    inp.close();
  } catch (e) {
    return ctx.die(`can't open '${file}': ${errorText(e)}`);
  }
  // The compression is read from the data (as GNU tar does); -z, -j or -J asks for one and
  // refuses data of another kind, with busybox's message.
  const asked: Compression = o.has('z') ? 'gzip' : o.has('j') ? 'bzip2' : o.has('J') ? 'xz' : null;
  const found = compressionOf(raw);
  if (asked && found !== asked) return ctx.die('invalid magic');
  if (found) {
    try {
      raw = Buffer.from(await decompress(found, raw));
    } catch (e) {
      return ctx.die(`corrupted ${found} data${e instanceof Error && /Cannot find (module|package)/.test(e.message) ? ' (the seek-bzip package is not installed)' : ''}`);
    }
  }
  if (mode === 'x' && !o.has('O') && !(await cdC())) return 1;
  const wanted = o.operands;
  const seen = new Set<string>();
  let status = 0;
  const dirTimes: Array<[string, number]> = [];
  try {
    for (const e of readArchive(raw)) {
      let name = e.name;
      if (strip) {
        const comps = name.split('/');
        if (comps.filter(Boolean).length <= strip) continue;
        name = comps.slice(strip).join('/');
      }
      const bare = name.replace(/\/$/, '');
      if (wanted.length && !wanted.some((w) => bare === w.replace(/\/$/, '') || bare.startsWith(w.replace(/\/$/, '') + '/'))) continue;
      if (excluded(name)) continue;
      wanted.forEach((w) => (bare === w.replace(/\/$/, '') || bare.startsWith(w.replace(/\/$/, '') + '/')) && seen.add(w));
      const typeBits: Record<string, number> = { '0': 0o100000, '5': 0o040000, '2': 0o120000, '1': 0o100000, '3': 0o020000, '4': 0o060000, '6': 0o010000, '7': 0o100000 };
      if (mode === 't') {
        if (verbose) {
          const owner = `${e.uname || e.uid}/${e.gname || e.gid}`;
          let line = `${modeString((typeBits[e.type] ?? 0o100000) | e.mode)} ${owner} ${String(e.size).padStart(9, ' ')} ${strftime('%Y-%m-%d %H:%M:%S', e.mtime * 1000)} ${name}`;
          if (e.type === '2') line += ` -> ${e.link}`;
          if (e.type === '1') line += ` link to ${e.link}`;
          await ctx.out.write(line + '\n');
        } else await ctx.out.write(name + '\n');
        continue;
      }
      if (o.has('O')) {
        if (e.type === '0' || e.type === '7') await ctx.out.writeBytes(e.data);
        continue;
      }
      if (verbose) await ctx.out.write(name + '\n');
      const path = textOf(name.replace(/^\/+/, '')) || '.';
      const ensureParent = () => {
        const parts = path.split('/').slice(0, -1);
        let cur = '';
        for (const p of parts) {
          if (!p) continue;
          cur = cur ? cur + '/' + p : p;
          try {
            ctx.sys.mkdir(cur, 0o777);
          } catch {
            /* exists */
          }
        }
      };
      try {
        ensureParent();
        if (e.type === '5') {
          try {
            ctx.sys.mkdir(path, e.mode & 0o7777);
          } catch (err) {
            if ((err as { code?: string }).code !== 'EEXIST') throw err;
          }
          ctx.sys.chmod(path, e.mode & 0o7777);
          dirTimes.push([path, e.mtime]);
          continue;
        }
        try {
          const st = ctx.sys.lstat(path);
          if (o.has('k')) continue;
          if (!isDir(st.mode)) ctx.sys.unlink(path);
        } catch {
          /* new */
        }
        if (e.type === '2') {
          ctx.sys.symlink(textOf(e.link), path);
          continue;
        }
        if (e.type === '1') {
          ctx.sys.link(textOf(e.link), path);
          continue;
        }
        const fd = ctx.sys.open(path, O.WRONLY | O.CREAT | O.TRUNC, e.mode & 0o777);
        await ctx.sys.write(fd, e.data);
        ctx.sys.close(fd);
        ctx.sys.chmod(path, e.mode & 0o7777);
        if (!o.has('m')) ctx.sys.utimes(path, e.mtime * 1000, e.mtime * 1000);
      } catch (err) {
        await ctx.error(`can't create '${path}': ${errorText(err)}`);
        status = 1;
      }
    }
  } catch (err) {
    await ctx.out.flush();
    return ctx.die((err as Error).message === 'invalid tar header checksum' ? 'invalid tar header checksum' : `${(err as Error).message}`);
  }
  if (!o.has('m')) for (const [p, t] of dirTimes.reverse()) {
    try {
      ctx.sys.utimes(p, t * 1000, t * 1000);
    } catch {
      /* best effort */
    }
  }
  for (const w of wanted) {
    if (!seen.has(w)) {
      await ctx.error(`${w}: not found in archive`);
      status = 1;
    }
  }
  return status;
});
