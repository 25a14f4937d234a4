/**
 * lib/bzip2-compress.ts against the host's bzip2: every stream it writes is decompressed by
 * `bzip2 -d` to the same bytes (empty input, one byte, runs longer than 255, a period-2 block,
 * incompressible bytes, text, several blocks at level 1), and it is no more than a few percent
 * larger than bzip2's own output for the same input.
 */

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { bzip2Compress } from '../../../packages/userland/lib/bzip2-compress.js';

const have = spawnSync('sh', ['-c', 'command -v bzip2']).status === 0;

/** Bytes from a fixed linear congruential sequence: incompressible, and the same on every run. */
function noise(n: number, seed: number): Buffer {
  const b = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

t.test('bzip2 -d reads back what we compress', { skip: have ? false : 'bzip2 is not installed on the host' }, (t) => {
  const text = readFileSync(join(import.meta.dirname, '../../../../packages/userland/shell/eval.ts'));
  const inputs: Array<[string, Buffer, number]> = [
    ['empty', Buffer.alloc(0), 9],
    ['one byte', Buffer.from('a'), 9],
    ['a 300000-byte run', Buffer.alloc(300000, 0x41), 9],
    ['runs of 4 to 300', Buffer.concat([4, 5, 255, 256, 259, 300, 3].map((n, i) => Buffer.alloc(n, 0x61 + i))), 9],
    ['a period-2 block', Buffer.from('ab'.repeat(60000)), 9],
    ['noise', noise(120000, 7), 9],
    ['text', text, 9],
    ['several blocks', Buffer.concat([text, noise(150000, 3), Buffer.alloc(80000, 0), text, text]), 1],
  ];
  for (const [name, data, level] of inputs) {
    const ours = bzip2Compress(data, level);
    const back = spawnSync('bzip2', ['-d', '-c'], { input: ours, maxBuffer: 1 << 28 });
    t.equal(back.status, 0, `${name}: bzip2 -d accepts it${back.stderr.length ? `: ${back.stderr}` : ''}`);
    t.ok(Buffer.compare(back.stdout, data) === 0, `${name}: the same ${data.length} bytes`);
    const theirs = spawnSync('bzip2', [`-${level}`, '-c'], { input: data, maxBuffer: 1 << 28 }).stdout.length;
    t.ok(ours.length <= theirs * 1.05 + 16, `${name}: ${ours.length} bytes, bzip2 -${level} makes ${theirs}`);
  }
  t.end();
});
