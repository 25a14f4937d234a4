/** od, hexdump, xxd, strings: looking at bytes (od's default and -A -t (a c d o u x f, f4/fF, f8/fD) -x -c -b -o -d -N -j -v; hexdump -C; xxd plain, -p, -r -p; strings -n). */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { program, type Ctx } from '../lib/program.js';
import { visible } from './cat.js';

async function readInputs(ctx: Ctx, files: string[]): Promise<string | null> {
  let all = '';
  let ok = true;
  for (const f of inputsOf(files)) {
    const inp = await openInput(ctx, f);
    if (!inp) {
      ok = false;
      continue;
    }
    all += await inp.all();
    inp.close();
  }
  return ok || all ? all : null;
}

const C_NAMES: Record<number, string> = { 0: '\\0', 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };

/** printf's %.Ne of a float or double: "1.0000000e+00", "inf", "-nan", "-0.0000000e+00". */
function floatText(v: number, negative: boolean, digits: number): string {
  if (Number.isNaN(v)) return negative ? '-nan' : 'nan';
  if (!Number.isFinite(v)) return v < 0 ? '-inf' : 'inf';
  const [mant, exp] = Math.abs(v).toExponential(digits).split('e');
  const e = Number(exp);
  return `${negative ? '-' : ''}${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

export const od = program('od', async (ctx) => {
  const o = getopt(ctx.args, { short: 'A:t:xcbodN:j:vw:', long: { 'address-radix=': 'A', 'format=': 't', 'read-bytes=': 'N', 'skip-bytes=': 'j', 'output-duplicates': 'v', 'width=': 'w' } });
  let data = await readInputs(ctx, o.operands);
  if (data === null) return 1;
  const skip = Number(o.get('j') ?? 0);
  data = data.slice(skip);
  if (o.has('N')) data = data.slice(0, Number(o.get('N')));
  const radix = o.get('A') ?? 'o';
  const addr = (n: number) => (radix === 'n' ? '' : radix === 'd' ? String(n).padStart(7, '0') : radix === 'x' ? n.toString(16).padStart(6, '0') : n.toString(8).padStart(7, '0'));
  const types: string[] = [];
  for (const [k, v] of o.list) {
    if (k === 't') types.push(v);
    if (k === 'x') types.push('x2');
    if (k === 'c') types.push('c');
    if (k === 'b') types.push('o1');
    if (k === 'o') types.push('o2');
    if (k === 'd') types.push('u2');
  }
  if (!types.length) types.push('o2');
  const width = 16;
  let out = '';
  let prev = '';
  let starred = false;
  for (let off = 0; off < data.length; off += width) {
    const chunk = data.slice(off, off + width);
    if (!o.has('v') && chunk === prev && chunk.length === width) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    starred = false;
    prev = chunk;
    types.forEach((t, ti) => {
      const kind = t[0];
      let size = Number(t.slice(1) || (kind === 'c' || kind === 'a' ? 1 : kind === 'f' ? 8 : 2));
      if (kind === 'f' && /[FD]/.test(t[1] ?? '')) size = t[1] === 'F' ? 4 : 8;
      else if (/[CSIL]/.test(t[1] ?? '')) size = { C: 1, S: 2, I: 4, L: 8 }[t[1] as 'C'];
      let line = ti === 0 ? addr(off + skip) : radix === 'n' ? '' : ' '.repeat(addr(0).length);
      if (kind === 'c' || kind === 'a') {
        for (const ch of chunk) {
          const c = ch.charCodeAt(0);
          const s = C_NAMES[c] ?? (c >= 32 && c < 127 ? ch : c.toString(8).padStart(3, '0'));
          line += ' ' + s.padStart(3, ' ');
        }
      } else if (kind === 'f') {
        for (let i = 0; i < chunk.length; i += size) {
          const bytes = new Uint8Array(size);
          for (let k = 0; k < size; k++) bytes[k] = i + k < chunk.length ? chunk.charCodeAt(i + k) : 0;
          const view = new DataView(bytes.buffer);
          const v = size === 4 ? view.getFloat32(0, true) : view.getFloat64(0, true);
          const negative = (bytes[size - 1] & 0x80) !== 0;
          line += ' ' + floatText(v, negative, size === 4 ? 7 : 15).padStart(size === 4 ? 15 : 23);
        }
      } else {
        const fieldW = kind === 'x' ? size * 2 : kind === 'o' ? Math.ceil((size * 8) / 3) : kind === 'd' ? String(2 ** (size * 8 - 1)).length + 1 : String(2 ** (size * 8)).length;
        for (let i = 0; i < chunk.length; i += size) {
          let v = 0n;
          for (let k = size - 1; k >= 0; k--) v = (v << 8n) | BigInt(i + k < chunk.length ? chunk.charCodeAt(i + k) : 0);
          let s: string;
          if (kind === 'x') s = v.toString(16).padStart(size * 2, '0');
          else if (kind === 'o') s = v.toString(8).padStart(fieldW, '0');
          else if (kind === 'd') s = BigInt.asIntN(size * 8, v).toString().padStart(fieldW, ' ');
          else s = v.toString().padStart(fieldW, ' ');
          line += ' ' + s;
        }
      }
      out += line + '\n';
    });
  }
  if (radix !== 'n') out += addr(data.length + skip) + '\n';
  await ctx.out.write(out);
  return 0;
});

export const hexdump = program('hexdump', async (ctx) => {
  const o = getopt(ctx.args, { short: 'Cvn:s:', long: { canonical: 'C' } });
  let data = await readInputs(ctx, o.operands);
  if (data === null) return 1;
  data = data.slice(Number(o.get('s') ?? 0));
  if (o.has('n')) data = data.slice(0, Number(o.get('n')));
  let out = '';
  let prev = '';
  let starred = false;
  for (let off = 0; off < data.length; off += 16) {
    const chunk = data.slice(off, off + 16);
    if (!o.has('v') && chunk === prev && chunk.length === 16) {
      if (!starred) out += '*\n';
      starred = true;
      continue;
    }
    starred = false;
    prev = chunk;
    if (o.has('C')) {
      let hex = '';
      for (let i = 0; i < 16; i++) hex += (i < chunk.length ? chunk.charCodeAt(i).toString(16).padStart(2, '0') : '  ') + ' ' + (i === 7 ? ' ' : '');
      const asc = chunk.replace(/[^\x20-\x7e]/g, '.');
      out += `${off.toString(16).padStart(8, '0')}  ${hex} |${asc}|\n`;
    } else {
      let words = '';
      for (let i = 0; i < chunk.length; i += 2) words += ' ' + ((chunk.charCodeAt(i + 1) || 0) * 256 + chunk.charCodeAt(i)).toString(16).padStart(4, '0');
      out += `${off.toString(16).padStart(7, '0')}${words.padEnd(40, ' ')}\n`;
    }
  }
  out += (o.has('C') ? data.length.toString(16).padStart(8, '0') : data.length.toString(16).padStart(7, '0')) + '\n';
  await ctx.out.write(out);
  return 0;
});

export const xxd = program('xxd', async (ctx) => {
  const o = getopt(ctx.args, { short: 'prc:l:s:u', long: { plain: 'p', revert: 'r' } });
  const data = await readInputs(ctx, o.operands.slice(0, 1));
  if (data === null) return 1;
  if (o.has('r')) {
    const hex = data.replace(o.has('p') ? /[^0-9a-fA-F]/g : /^[0-9a-f]+: |  .*$|[^0-9a-fA-F\n]/gm, '').replace(/\n/g, '');
    await ctx.out.writeBytes(Buffer.from(hex.length % 2 ? hex.slice(0, -1) : hex, 'hex'));
    return 0;
  }
  let d = data.slice(Number(o.get('s') ?? 0));
  if (o.has('l')) d = d.slice(0, Number(o.get('l')));
  const hexOf = (s: string) => {
    const h = Buffer.from(s, 'latin1').toString('hex');
    return o.has('u') ? h.toUpperCase() : h;
  };
  let out = '';
  if (o.has('p')) {
    const cols = Number(o.get('c') ?? 30);
    for (let i = 0; i < d.length; i += cols) out += hexOf(d.slice(i, i + cols)) + '\n';
  } else {
    const cols = Number(o.get('c') ?? 16);
    for (let i = 0; i < d.length; i += cols) {
      const chunk = d.slice(i, i + cols);
      const h = hexOf(chunk);
      let groups = '';
      for (let k = 0; k < h.length; k += 4) groups += h.slice(k, k + 4) + ' ';
      const full = Math.ceil(cols / 2) * 5;
      out += `${i.toString(16).padStart(8, '0')}: ${groups.padEnd(full, ' ')} ${chunk.replace(/[^\x20-\x7e]/g, '.')}\n`;
    }
  }
  await ctx.out.write(out);
  return 0;
});

export const strings = program('strings', async (ctx) => {
  const o = getopt(ctx.args, { short: 'n:afo', long: { 'bytes=': 'n', all: 'a' } });
  const min = Number(o.get('n') ?? 4);
  let status = 0;
  for (const f of inputsOf(o.operands)) {
    const inp = await openInput(ctx, f);
    if (!inp) {
      status = 1;
      continue;
    }
    const data = await inp.all();
    inp.close();
    let out = '';
    const re = new RegExp(`[\\x20-\\x7e\\t]{${min},}`, 'g');
    for (const m of data.matchAll(re)) out += (o.has('f') ? f + ': ' : '') + m[0] + '\n';
    await ctx.out.write(out);
  }
  void visible;
  return status;
});
