/**
 * xargs: build command lines from standard input — blank-separated items with quotes and
 * backslashes (or -0 / -d DELIM), -n MAX args, -L MAX lines, -I REPLACE, -r no run if
 * empty, -t trace, -p prompt, -s SIZE, -x, -E EOF, -P (runs one at a time); busybox's exit
 * statuses (123 when a command failed, 124 for 255, 125 killed, 126/127 cannot run).
 */
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf, textOf } from '../lib/output.js';
import { program } from '../lib/program.js';
import { runCommand } from '../lib/run-command.js';

export const xargs = program('xargs', async (ctx) => {
  const o = getopt(ctx.args, { short: '0d:n:L:l::I:i::rtps:xE:e::P:a:o', long: { null: '0', 'delimiter=': 'd', 'max-args=': 'n', 'max-lines=': 'L', 'replace=': 'I', 'no-run-if-empty': 'r', verbose: 't', interactive: 'p', 'max-chars=': 's', exit: 'x', 'eof=': 'E', 'max-procs=': 'P', 'arg-file=': 'a' }, stopAtOperand: true });
  const cmd = o.operands.length ? o.operands : ['echo'];
  let replace = o.get('I');
  if (o.has('i')) replace = o.get('i') || '{}';
  const maxArgs = o.has('n') ? Number(o.get('n')) : Infinity;
  let maxLines = o.has('L') ? Number(o.get('L')) : o.has('l') ? Number(o.get('l') || 1) : Infinity;
  if (replace !== undefined) maxLines = 1;
  const eof = o.get('E') ?? (o.has('e') ? o.get('e') : undefined);
  const inp = o.has('a') ? Input.open(ctx.sys, o.get('a')!) : new Input(ctx.sys, 0);
  const text = await inp.all();
  // items, and which input line each ended (for -L)
  const items: Array<{ s: string; eol: boolean }> = [];
  if (o.has('0') || o.has('d')) {
    let d = o.has('0') ? '\0' : bytesOf(o.get('d')!);
    if (d === '\\n') d = '\n';
    if (d === '\\t') d = '\t';
    const parts = text.split(d);
    if (parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) items.push({ s: p, eol: true });
  } else if (replace !== undefined) {
    for (const l of text.split('\n')) {
      const s = l.replace(/^[ \t]+/, '');
      if (s === '' ) continue;
      if (eof !== undefined && s === eof) break;
      items.push({ s, eol: true });
    }
    if (items.length && text.endsWith('\n') === false) {
      /* last line without newline still counts */
    }
  } else {
    let cur = '';
    let have = false;
    let q: string | null = null;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (q) {
        if (c === q) q = null;
        else if (c === '\n') return ctx.die(`unmatched ${q === '"' ? 'double' : 'single'} quote`);
        else cur += c;
        continue;
      }
      if (c === '\\' && i + 1 < text.length) {
        cur += text[++i];
        have = true;
        continue;
      }
      if (c === "'" || c === '"') {
        q = c;
        have = true;
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\n') {
        if (have) {
          if (eof !== undefined && cur === eof) {
            have = false;
            break;
          }
          // a line ending in a blank continues on the next line for -L
          items.push({ s: cur, eol: c === '\n' });
          cur = '';
          have = false;
        } else if (c === '\n' && items.length) items[items.length - 1].eol = true;
        continue;
      }
      cur += c;
      have = true;
    }
    if (q) return ctx.die(`unmatched ${q === '"' ? 'double' : 'single'} quote`);
    if (have && !(eof !== undefined && cur === eof)) items.push({ s: cur, eol: true });
  }
  let status = 0;
  const run = async (args: string[]): Promise<boolean> => {
    const argv = replace !== undefined ? cmd.map((w) => w.split(replace!).join(textOf(args[0]))) : [...cmd, ...args.map(textOf)];
    if (o.has('t') || o.has('p')) await ctx.errOut.write(bytesOf(argv.join(' ')) + (o.has('p') ? ' ?...' : '\n'));
    const r = await runCommand(ctx, argv);
    if (!r.started) {
      status = r.status;
      return false;
    }
    if (r.signal !== null) {
      status = 125;
      return false;
    }
    if (r.status === 255) {
      await ctx.error(`${argv[0]}: exited with status 255; aborting`);
      status = 124;
      return false;
    }
    if (r.status !== 0) status = 123;
    return true;
  };
  if (!items.length) {
    if (!o.has('r') && replace === undefined) await run([]);
    return status;
  }
  let batch: string[] = [];
  let lines = 0;
  for (const it of items) {
    batch.push(it.s);
    if (it.eol) lines++;
    if (batch.length >= maxArgs || lines >= maxLines) {
      if (!(await run(batch))) return status;
      batch = [];
      lines = 0;
    }
  }
  if (batch.length && !(await run(batch))) return status;
  return status;
});
