/** tac, rev, fold, nl, comm, paste: small line-oriented text tools. */
import { getopt } from '../lib/getopt.js';
import { forEachLine, inputsOf, openInput } from '../lib/files.js';
import { Input, splitLines } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { program, type Ctx } from '../lib/program.js';

async function readAllOf(ctx: Ctx, f: string): Promise<string | null> {
  const inp = await openInput(ctx, f);
  if (!inp) return null;
  const t = await inp.all();
  inp.close();
  return t;
}

export const tac = program('tac', async (ctx) => {
  let status = 0;
  for (const f of inputsOf(ctx.args)) {
    const t = await readAllOf(ctx, f);
    if (t === null) {
      status = 1;
      continue;
    }
    const lines = t.split('\n');
    const last = lines.pop()!;
    let out = last;
    for (let i = lines.length - 1; i >= 0; i--) out += lines[i] + '\n';
    await ctx.out.write(out);
  }
  return status;
});

export const rev = program('rev', async (ctx) => {
  return forEachLine(ctx, ctx.args, async (body, nl) => {
    await ctx.out.write(body.split('').reverse().join('') + (nl ? '\n' : ''));
  });
});

export const fold = program('fold', async (ctx) => {
  let args = ctx.args;
  args = args.map((a) => (/^-\d+$/.test(a) ? '-w' + a.slice(1) : a));
  const o = getopt(args, { short: 'bsw:', long: { bytes: 'b', spaces: 's', 'width=': 'w' } });
  const width = Number(o.get('w') ?? 80);
  if (!(width > 0)) return ctx.die(`invalid number '${o.get('w')}'`);
  // The display column a line reaches: bytes with -b, else tabs, backspaces and CR as a terminal moves.
  const colOf = (s: string) => {
    if (o.has('b')) return s.length;
    let c = 0;
    for (const ch of s) {
      if (ch === '\t') c = c + 8 - (c % 8);
      else if (ch === '\b') c = Math.max(0, c - 1);
      else if (ch === '\r') c = 0;
      else c++;
    }
    return c;
  };
  return forEachLine(ctx, o.operands, async (line, nl) => {
    let rest = line;
    let out = '';
    while (colOf(rest) > width) {
      let cut = 0;
      while (cut < rest.length && colOf(rest.slice(0, cut + 1)) <= width) cut++;
      if (cut === 0) cut = 1;
      if (o.has('s')) {
        const sp = rest.slice(0, cut).search(/[ \t][^ \t]*$/);
        if (sp >= 0) cut = sp + 1;
      }
      out += rest.slice(0, cut) + '\n';
      rest = rest.slice(cut);
    }
    await ctx.out.write(out + rest + (nl ? '\n' : ''));
  });
});

export const nl = program('nl', async (ctx) => {
  const o = getopt(ctx.args, { short: 'b:n:w:s:v:i:', long: { 'body-numbering=': 'b', 'number-format=': 'n', 'number-width=': 'w', 'number-separator=': 's', 'starting-line-number=': 'v', 'line-increment=': 'i' } });
  const style = o.get('b') ?? 't';
  const fmt = o.get('n') ?? 'rn';
  const width = Number(o.get('w') ?? 6);
  const sep = bytesOf(o.get('s') ?? '\t');
  let n = Number(o.get('v') ?? 1);
  const inc = Number(o.get('i') ?? 1);
  return forEachLine(ctx, o.operands, async (body) => {
    const number = style === 'a' || (style === 't' && body !== '');
    if (number) {
      const s = String(n);
      const num = fmt === 'ln' ? s.padEnd(width, ' ') : fmt === 'rz' ? s.padStart(width, '0') : s.padStart(width, ' ');
      await ctx.out.write(num + sep + body + '\n');
      n += inc;
    } else await ctx.out.write(' '.repeat(width + sep.length) + body + '\n');
  });
});

export const comm = program('comm', async (ctx) => {
  const o = getopt(ctx.args, { short: '123' });
  if (o.operands.length !== 2) return ctx.usage('[-123] FILE1 FILE2');
  const a = await readAllOf(ctx, o.operands[0]);
  const b = await readAllOf(ctx, o.operands[1]);
  if (a === null || b === null) return 1;
  const la = splitLines(a);
  const lb = splitLines(b);
  const show = [!o.has('1'), !o.has('2'), !o.has('3')];
  const prefix = (col: number) => {
    let p = '';
    for (let k = 0; k < col; k++) if (show[k]) p += '\t';
    return p;
  };
  let i = 0;
  let j = 0;
  let out = '';
  while (i < la.length || j < lb.length) {
    if (j >= lb.length || (i < la.length && la[i] < lb[j])) {
      if (show[0]) out += la[i] + '\n';
      i++;
    } else if (i >= la.length || lb[j] < la[i]) {
      if (show[1]) out += prefix(1) + lb[j] + '\n';
      j++;
    } else {
      if (show[2]) out += prefix(2) + la[i] + '\n';
      i++;
      j++;
    }
  }
  await ctx.out.write(out);
  return 0;
});

export const paste = program('paste', async (ctx) => {
  const o = getopt(ctx.args, { short: 'd:s', long: { 'delimiters=': 'd', serial: 's' } });
  const dl = (() => {
    const raw = bytesOf(o.get('d') ?? '\t');
    const out: string[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw[i] === '\\' && i + 1 < raw.length) {
        const d = raw[++i];
        out.push(d === 'n' ? '\n' : d === 't' ? '\t' : d === '0' ? '' : d);
      } else out.push(raw[i]);
    }
    return out.length ? out : [''];
  })();
  const files = inputsOf(o.operands);
  const inputs: Array<Input | null> = [];
  for (const f of files) inputs.push(await openInput(ctx, f));
  if (inputs.some((x) => x === null)) return 1;
  const strip = (l: string) => (l.endsWith('\n') ? l.slice(0, -1) : l);
  if (o.has('s')) {
    for (const inp of inputs) {
      const lines: string[] = [];
      for (;;) {
        const l = await inp!.line();
        if (l === null) break;
        lines.push(strip(l));
      }
      let s = '';
      lines.forEach((l, k) => (s += (k ? dl[(k - 1) % dl.length] : '') + l));
      await ctx.out.write(s + '\n');
    }
    return 0;
  }
  for (;;) {
    const row: Array<string | null> = [];
    for (const inp of inputs) row.push(await inp!.line());
    if (row.every((r) => r === null)) break;
    let s = '';
    row.forEach((r, k) => (s += (k ? dl[(k - 1) % dl.length] : '') + (r === null ? '' : strip(r))));
    // busybox ends a row without a newline when the last file has run out
    await ctx.out.write(s + (row[row.length - 1] === null ? '' : '\n'));
  }
  return 0;
});
