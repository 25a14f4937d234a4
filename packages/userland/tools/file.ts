/**
 * file: what a file holds, in the words of file(1) (5.44, the host's): ELF objects (class,
 * byte order, type with pie, machine, OS ABI, static or dynamic linking and the interpreter,
 * the GNU build id and ABI note, debug info, stripped or not), #! scripts by interpreter,
 * text (ASCII, UTF-8, CRLF and missing line terminators), gzip, bzip2, xz, tar, empty
 * files, directories and symbolic links; anything else is "data". -b leaves out the name.
 */
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { isDir, isLnk } from '../lib/files.js';
import { Input } from '../lib/input.js';
import { program } from '../lib/program.js';

const MACHINES: Record<number, string> = { 3: 'Intel 80386', 8: 'MIPS, MIPS-I', 20: 'PowerPC or cisco 4500', 21: '64-bit PowerPC or cisco 7500', 40: 'ARM', 62: 'x86-64', 183: 'ARM aarch64', 243: 'UCB RISC-V' };
const OSABI: Record<number, string> = { 0: 'SYSV', 3: 'GNU/Linux', 9: 'FreeBSD' };
const INTERPRETERS: Record<string, string> = { sh: 'POSIX shell script', bash: 'Bourne-Again shell script', dash: 'POSIX shell script', python3: 'Python script', python: 'Python script', perl: 'Perl script', awk: 'awk script', busybox: 'POSIX shell script' };

function describeElf(b: Buffer): string | null {
  if (b.length < 52 || b.readUInt32BE(0) !== 0x7f454c46) return null;
  const is64 = b[4] === 2;
  const le = b[5] === 1;
  const u16 = (o: number) => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
  const u32 = (o: number) => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const addr = (o: number) => (is64 ? Number(le ? b.readBigUInt64LE(o) : b.readBigUInt64BE(o)) : u32(o));
  const type = u16(16);
  const machine = u16(18);
  const phoff = addr(is64 ? 32 : 28);
  const shoff = addr(is64 ? 40 : 32);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);
  const shentsize = u16(is64 ? 58 : 46);
  const shnum = u16(is64 ? 60 : 48);
  const shstrndx = u16(is64 ? 62 : 50);
  let interp: string | null = null;
  let dynamic: [number, number] | null = null;
  const notes: Array<[number, number]> = [];
  for (let i = 0; i < phnum && phoff + (i + 1) * phentsize <= b.length; i++) {
    const p = phoff + i * phentsize;
    const ptype = u32(p);
    const off = addr(p + (is64 ? 8 : 4));
    const size = addr(p + (is64 ? 32 : 16));
    if (ptype === 3) interp = b.toString('latin1', off, off + size).replace(/\0.*$/s, '');
    if (ptype === 2) dynamic = [off, size];
    if (ptype === 4) notes.push([off, size]);
  }
  const sections: Array<{ name: string; type: number; off: number; size: number }> = [];
  if (shoff && shnum && shoff + shnum * shentsize <= b.length) {
    const read = (i: number) => {
      const s = shoff + i * shentsize;
      return { nameAt: u32(s), type: u32(s + 4), off: addr(s + (is64 ? 24 : 16)), size: addr(s + (is64 ? 32 : 20)) };
    };
    const strtab = shstrndx < shnum ? read(shstrndx) : null;
    for (let i = 0; i < shnum; i++) {
      const r = read(i);
      const at = (strtab?.off ?? 0) + r.nameAt;
      const end = b.indexOf(0, at);
      sections.push({ name: strtab ? b.toString('latin1', at, end < 0 ? at : end) : '', type: r.type, off: r.off, size: r.size });
    }
  }
  if (!notes.length) for (const s of sections) if (s.type === 7) notes.push([s.off, s.size]);
  let pie = false;
  if (dynamic) {
    const entry = is64 ? 16 : 8;
    for (let o = dynamic[0]; o + entry <= Math.min(b.length, dynamic[0] + dynamic[1]); o += entry) {
      const tag = addr(o);
      if (tag === 0) break;
      if (tag === 0x6ffffffb && addr(o + entry / 2) & 0x08000000) pie = true; // DT_FLAGS_1 & DF_1_PIE
    }
  }
  const kind = type === 1 ? 'relocatable' : type === 2 ? 'executable' : type === 3 ? (pie || interp ? 'pie executable' : 'shared object') : type === 4 ? 'core file' : `unknown type ${type}`;
  const parts = [`ELF ${is64 ? '64' : '32'}-bit ${le ? 'LSB' : 'MSB'} ${kind}`, MACHINES[machine] ?? `unknown arch 0x${machine.toString(16)}`, `version ${b[6]} (${OSABI[b[7]] ?? `unknown ${b[7]}`})`];
  if (type === 2 || type === 3) {
    if (interp) parts.push('dynamically linked', `interpreter ${interp}`);
    else if (dynamic) parts.push(type === 3 && pie ? 'static-pie linked' : 'dynamically linked');
    else parts.push('statically linked');
  }
  for (const [off, size] of notes) {
    for (let o = off; o + 12 <= Math.min(b.length, off + size); ) {
      const namesz = u32(o);
      const descsz = u32(o + 4);
      const ntype = u32(o + 8);
      const name = b.toString('latin1', o + 12, o + 12 + namesz).replace(/\0+$/, '');
      const desc = o + 12 + ((namesz + 3) & ~3);
      if (name === 'GNU' && ntype === 3) parts.push(`BuildID[${descsz === 20 ? 'sha1' : descsz === 16 ? 'md5/uuid' : 'xxHash'}]=${b.toString('hex', desc, desc + descsz)}`);
      if (name === 'GNU' && ntype === 1 && descsz >= 16 && u32(desc) === 0) parts.push(`for GNU/Linux ${u32(desc + 4)}.${u32(desc + 8)}.${u32(desc + 12)}`);
      o = desc + ((descsz + 3) & ~3);
    }
  }
  if (sections.some((s) => s.name === '.debug_info')) parts.push('with debug_info');
  if (type !== 1) parts.push(sections.some((s) => s.type === 2) ? 'not stripped' : 'stripped');
  return parts.join(', ');
}

function describeText(b: Buffer): string | null {
  if (b.includes(0)) return null;
  const s = b.toString('utf8');
  if (s.includes('\ufffd') && !b.toString('latin1').includes('\ufffd')) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x06\x0e-\x1a\x1c-\x1f\x7f]/.test(s)) return null;
  let kind = /^[\x00-\x7f]*$/.test(s) ? 'ASCII text' : 'Unicode text, UTF-8 text';
  const extras: string[] = [];
  if (s.includes('\r\n')) extras.push('with CRLF line terminators');
  if (!s.includes('\n') && !s.includes('\r')) extras.push('with no line terminators');
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(s);
  if (shebang) {
    const prog = shebang[1].replace(/.*\//, '');
    const interp = prog === 'env' && shebang[2] ? shebang[2] : prog;
    const what = INTERPRETERS[interp] ?? `a ${shebang[1]}${shebang[2] ? ' ' + shebang[2] : ''} script`;
    kind = `${what}, ${kind} executable`;
  }
  return [kind, ...extras].join(', ');
}

function describeBytes(b: Buffer): string {
  if (b.length === 0) return 'empty';
  const elf = describeElf(b);
  if (elf) return elf;
  if (b[0] === 0x1f && b[1] === 0x8b) {
    const parts = ['gzip compressed data'];
    const flags = b[3];
    if (flags & 8) parts.push(`was "${b.toString('latin1', 10, b.indexOf(0, 10))}"`);
    const mtime = b.readUInt32LE(4);
    if (mtime) parts.push(`last modified: ${new Date(mtime * 1000).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_m, d, dd, mo, y, t) => `${d} ${mo} ${dd.padStart(2, ' ')} ${t} ${y}`)}`);
    if (b[8] === 2) parts.push('max compression');
    else if (b[8] === 4) parts.push('max speed');
    parts.push(b[9] === 3 ? 'from Unix' : `from OS ${b[9]}`);
    if (b.length >= 18) parts.push(`original size modulo 2^32 ${b.readUInt32LE(b.length - 4)}`);
    return parts.join(', ');
  }
  if (b.length >= 4 && b.toString('latin1', 0, 3) === 'BZh' && b[3] >= 0x31 && b[3] <= 0x39) return `bzip2 compressed data, block size = ${b[3] - 0x30}00k`;
  if (b.length >= 6 && b.readUInt32BE(0) === 0xfd377a58 && b[4] === 0x5a && b[5] === 0) {
    const check = b[7] & 0xf;
    return `XZ compressed data, checksum ${check === 0 ? 'NONE' : check === 1 ? 'CRC32' : check === 4 ? 'CRC64' : check === 10 ? 'SHA-256' : 'unknown'}`;
  }
  if (b.length >= 263 && b.toString('latin1', 257, 263) === 'ustar ' ) return 'POSIX tar archive (GNU)';
  if (b.length >= 263 && b.toString('latin1', 257, 262) === 'ustar') return 'POSIX tar archive';
  return describeText(b) ?? 'data';
}

export const file = program('file', async (ctx) => {
  const o = getopt(ctx.args, { short: 'bLh', long: { brief: 'b', dereference: 'L', 'no-dereference': 'h' } });
  if (!o.operands.length) return ctx.die('Usage: file [-bLh] FILE...');
  let out = '';
  // Names are padded to the longest one, as file(1) lines them up.
  const width = Math.max(...o.operands.map((n) => n.length)) + 1;
  for (const name of o.operands) {
    const head = o.has('b') ? '' : `${`${name}:`.padEnd(width)} `;
    let what: string;
    try {
      const st = o.has('L') ? ctx.sys.stat(name) : ctx.sys.lstat(name);
      if (isLnk(st.mode)) what = `symbolic link to ${ctx.sys.readlink(name)}`;
      else if (isDir(st.mode)) what = 'directory';
      else {
        const inp = Input.open(ctx.sys, name);
        const data = Buffer.from(await inp.all(), 'latin1');
        inp.close();
        what = describeBytes(data);
      }
    } catch (e) {
      what = `cannot open \`${name}' (${errorText(e)})`;
    }
    out += head + what + '\n';
  }
  await ctx.out.write(out);
  return 0;
});
