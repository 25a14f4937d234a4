/** stat: file or file-system status in busybox's default layout or a -c FORMAT (%n %s %a %A %F %u %U %g %G %i %h %b %B %o %d %t %T %x %X %y %Y %z %Z %N), -f, -L, -t. */
import { errorText } from '../lib/errno-text.js';
import { modeString } from '../lib/file-mode.js';
import { S_IFMT } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { bytesOf } from '../lib/output.js';
import { Accounts } from '../lib/passwd.js';
import { program } from '../lib/program.js';
import { strftime } from '../lib/time-format.js';
import { loadTimeZone, type TimeZone } from '../lib/timezone.js';
import type { StatResult } from '../sys.js';

function typeName(st: StatResult): string {
  switch (st.mode & S_IFMT) {
    case 0o040000: return 'directory';
    case 0o120000: return 'symbolic link';
    case 0o020000: return 'character special file';
    case 0o060000: return 'block special file';
    case 0o010000: return 'fifo';
    case 0o140000: return 'socket';
    default: return st.size === 0 ? 'regular empty file' : 'regular file';
  }
}
/** A time as GNU and busybox stat print it, in the local zone (TZ, /etc/localtime): 2024-01-02 03:04:05.000000000 +0100. */
const fullTime = (ms: number, zone: TimeZone) =>
  strftime('%Y-%m-%d %H:%M:%S', ms, undefined, zone) + '.' + String(Math.floor(((ms % 1000) + 1000) % 1000) * 1e6).padStart(9, '0') + ' ' + strftime('%z', ms, undefined, zone);

export const stat = program('stat', async (ctx) => {
  const o = getopt(ctx.args, { short: 'c:fLt', long: { 'format=': 'c', 'file-system': 'f', dereference: 'L', terse: 't' } });
  if (!o.operands.length) return ctx.usage('[-ltf] [-c FMT] FILE...');
  const acc = await Accounts.load(ctx.sys);
  const zone = await loadTimeZone(ctx.sys, ctx.getenv('TZ'));
  let status = 0;
  for (const f of o.operands) {
    if (o.has('f')) {
      let s;
      try {
        s = ctx.sys.statfs(f);
      } catch (e) {
        await ctx.error(`can't read file system information for '${f}': ${errorText(e)}`);
        status = 1;
        continue;
      }
      await ctx.out.write(`  File: "${bytesOf(f)}"\n    ID: 0        Namelen: ${s.namelen}     Type: ${s.type.toString(16)}\nBlock size: ${s.bsize}\nBlocks: Total: ${s.blocks}     Free: ${s.bfree}     Available: ${s.bavail}\nInodes: Total: ${s.files}     Free: ${s.ffree}\n`);
      continue;
    }
    let st: StatResult;
    try {
      st = o.has('L') ? ctx.sys.stat(f) : ctx.sys.lstat(f);
    } catch (e) {
      await ctx.error(`can't stat '${f}': ${errorText(e)}`);
      status = 1;
      continue;
    }
    const user = acc.userName(st.uid) ?? 'UNKNOWN';
    const group = acc.groupName(st.gid) ?? 'UNKNOWN';
    let link = '';
    if ((st.mode & S_IFMT) === 0o120000) {
      try {
        link = ctx.sys.readlink(f);
      } catch {
        /* unreadable */
      }
    }
    const fmt = o.get('c');
    if (fmt !== undefined) {
      let out = '';
      for (let i = 0; i < fmt.length; i++) {
        const c = fmt[i];
        // busybox prints backslashes in -c formats as they are
        if (c !== '%' || i + 1 >= fmt.length) {
          out += c;
          continue;
        }
        const d = fmt[++i];
        const v: Record<string, () => string> = {
          n: () => bytesOf(f), N: () => (link ? `'${bytesOf(f)}' -> '${bytesOf(link)}'` : `'${bytesOf(f)}'`), s: () => String(st.size), a: () => (st.mode & 0o7777).toString(8),
          A: () => modeString(st.mode), f: () => st.mode.toString(16), F: () => typeName(st), u: () => String(st.uid), U: () => user, g: () => String(st.gid), G: () => group,
          i: () => String(st.ino), h: () => String(st.nlink), b: () => String(st.blocks), B: () => '512', o: () => String(st.blksize), d: () => String(st.dev), D: () => st.dev.toString(16),
          t: () => (st.rdev >> 8).toString(16), T: () => (st.rdev & 0xff).toString(16), x: () => fullTime(st.atimeMs, zone), X: () => String(Math.floor(st.atimeMs / 1000)),
          y: () => fullTime(st.mtimeMs, zone), Y: () => String(Math.floor(st.mtimeMs / 1000)), z: () => fullTime(st.ctimeMs, zone), Z: () => String(Math.floor(st.ctimeMs / 1000)), '%': () => '%',
        };
        out += v[d] ? v[d]() : '?';
      }
      await ctx.out.write(out + '\n');
      continue;
    }
    if (o.has('t')) {
      await ctx.out.write(`${bytesOf(f)} ${st.size} ${st.blocks} ${st.mode.toString(16)} ${st.uid} ${st.gid} ${st.dev.toString(16)} ${st.ino} ${st.nlink} ${(st.rdev >> 8).toString(16)} ${(st.rdev & 0xff).toString(16)} ${Math.floor(st.atimeMs / 1000)} ${Math.floor(st.mtimeMs / 1000)} ${Math.floor(st.ctimeMs / 1000)} ${st.blksize}\n`);
      continue;
    }
    const name = link ? `'${bytesOf(f)}' -> '${bytesOf(link)}'` : `'${bytesOf(f)}'`;
    await ctx.out.write(
      `  File: ${name}\n  Size: ${String(st.size).padEnd(10)}\tBlocks: ${String(st.blocks).padEnd(10)} IO Block: ${String(st.blksize).padEnd(6)} ${typeName(st)}\n` +
        `Device: ${st.dev.toString(16)}h/${st.dev}d\tInode: ${String(st.ino).padEnd(10)}  Links: ${st.nlink}\n` +
        `Access: (${(st.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(st.mode)})  Uid: (${String(st.uid).padStart(5)}/${user.padStart(8)})   Gid: (${String(st.gid).padStart(5)}/${group.padStart(8)})\n` +
        `Access: ${fullTime(st.atimeMs, zone)}\nModify: ${fullTime(st.mtimeMs, zone)}\nChange: ${fullTime(st.ctimeMs, zone)}\n`,
    );
  }
  return status;
});
