/** cat: concatenate files to stdout (busybox's -n -b -v -e -t -A -u). */
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { errorText } from '../lib/errno-text.js';
import { program } from '../lib/program.js';

/** cat -v's notation for a byte: ^X for controls, M- for the high half. */
export function visible(c: number, tabs: boolean): string {
  let s = '';
  if (c >= 128) {
    s = 'M-';
    c -= 128;
  }
  if (c === 9 && !tabs) return s + '\t';
  if (c < 32) return s + '^' + String.fromCharCode(c + 64);
  if (c === 127) return s + '^?';
  return s + String.fromCharCode(c);
}

export const cat = program('cat', async (ctx) => {
  const o = getopt(ctx.args, { short: 'nbvetAu', long: { number: 'n', 'number-nonblank': 'b', 'show-all': 'A', 'show-nonprinting': 'v', 'show-ends': 'E' } });
  const number = o.has('n') || o.has('b');
  const nonblank = o.has('b');
  const A = o.has('A');
  const vis = o.has('v') || o.has('e') || o.has('t') || A;
  const ends = o.has('e') || A || o.has('E');
  const tabs = o.has('t') || A;
  let status = 0;
  let lineNo = 0;
  for (const f of inputsOf(o.operands)) {
    const inp = await openInput(ctx, f, 'cantopen');
    if (!inp) {
      status = 1;
      continue;
    }
    try {
      if (!number && !vis && !ends) {
        // busybox copies each read straight out (bb_copyfd), so a pipeline stage passes lines on as they come.
        ctx.out.unbuffered = true;
        for (;;) {
          const c = await inp.chunk();
          if (c === null) break;
          await ctx.out.write(c);
        }
      } else {
        for (;;) {
          const line = await inp.line();
          if (line === null) break;
          const nl = line.endsWith('\n');
          let body = nl ? line.slice(0, -1) : line;
          if (vis) {
            let v = '';
            for (let i = 0; i < body.length; i++) v += visible(body.charCodeAt(i), tabs);
            body = v;
          }
          let prefix = '';
          if (number && !(nonblank && body === '' && nl)) prefix = String(++lineNo).padStart(6, ' ') + '\t';
          // busybox numbers through its nl code, which ends every line, even a last one without a newline
          await ctx.out.write(prefix + body + (nl || number ? (ends ? '$\n' : '\n') : ''));
        }
      }
    } catch (e) {
      await ctx.error(`read error: ${errorText(e)}`);
      status = 1;
    } finally {
      inp.close();
    }
  }
  return status;
});
