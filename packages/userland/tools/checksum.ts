/**
 * md5sum, sha1sum, sha256sum, sha512sum (one concept: a digest per file, and -c to check a
 * list) over node:crypto, reading the files through Sys; busybox's output and messages.
 */
import { createHash } from 'node:crypto';
import { getopt } from '../lib/getopt.js';
import { inputsOf, openInput } from '../lib/files.js';
import { Input } from '../lib/input.js';
import { bytesOf, textOf } from '../lib/output.js';
import { program, type Ctx } from '../lib/program.js';
import type { UserProgram } from '../sys.js';

async function digestOf(ctx: Ctx, algo: string, file: string): Promise<string | null> {
  const inp = await openInput(ctx, file, 'cantopen');
  if (!inp) return null;
  const h = createHash(algo);
  try {
    for (;;) {
      const c = await inp.chunk();
      if (c === null) break;
      h.update(Buffer.from(c, 'latin1'));
    }
  } finally {
    inp.close();
  }
  return h.digest('hex');
}

function checksumTool(name: string, algo: string): UserProgram {
  return program(name, async (ctx) => {
    const o = getopt(ctx.args, { short: 'cswbt', long: { check: 'c', status: 's', quiet: 'q', warn: 'w', binary: 'b', text: 't' } });
    let status = 0;
    if (!o.has('c')) {
      for (const f of inputsOf(o.operands)) {
        const d = await digestOf(ctx, algo, f);
        if (d === null) {
          status = 1;
          continue;
        }
        await ctx.out.write(`${d}  ${bytesOf(f)}\n`);
      }
      return status;
    }
    for (const list of inputsOf(o.operands)) {
      const inp = await openInput(ctx, list, 'cantopen');
      if (!inp) {
        status = 1;
        continue;
      }
      let lines = 0;
      let bad = 0;
      for (;;) {
        let l = await inp.line();
        if (l === null) break;
        l = l.replace(/\n$/, '');
        const m = /^([0-9a-fA-F]+) [ *](.*)$/.exec(l);
        if (!m) continue;
        lines++;
        const file = textOf(m[2]);
        const inner = new Input(ctx.sys, 0);
        void inner;
        const d = await digestOf(ctx, algo, file);
        const ok = d !== null && d.toLowerCase() === m[1].toLowerCase();
        if (!ok) {
          status = 1;
          bad++;
        }
        if (!o.has('s')) await ctx.out.write(`${m[2]}: ${ok ? 'OK' : 'FAILED'}\n`);
      }
      inp.close();
      if (bad && !o.has('s')) await ctx.error(`WARNING: ${bad} of ${lines} computed checksums did NOT match`);
      if (!lines) {
        await ctx.error('no checksum lines found');
        status = 1;
      }
    }
    return status;
  });
}

export const md5sum = checksumTool('md5sum', 'md5');
export const sha1sum = checksumTool('sha1sum', 'sha1');
export const sha256sum = checksumTool('sha256sum', 'sha256');
export const sha512sum = checksumTool('sha512sum', 'sha512');
