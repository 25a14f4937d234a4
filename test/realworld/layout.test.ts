/**
 * Address-space layout randomisation as a dynamically linked program sees it
 * (packages/realworld/src/dynamic/layout.c prints where its program, dynamic linker, libc,
 * a large malloc, brk and stack are, and its AT_RANDOM bytes): every run differs, as on
 * Linux; `run -R` (setarch -R) and the program's own personality(ADDR_NO_RANDOMIZE) plus
 * exec give the same addresses every time; `run --seed N` repeats a randomised run
 * exactly. No address is written down here: runs are compared with each other.
 * The program's ordinary behaviour under randomisation is compared with qemu-aarch64 -L
 * (its output with the addresses taken out).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { HAVE_QEMU, realworldBinary, runUnderAkuma, runUnderQemu } from './compare.js';

const CROSS = '/usr/aarch64-linux-gnu';
const LAYOUT = realworldBinary('dynamic', 'layout');
const KINDS = ['program', 'interpreter', 'libc', 'mmap', 'brk', 'stack', 'random'];

function layoutOf(options: string[], args: string[] = []): Map<string, string> {
  const r = runUnderAkuma(LAYOUT, { akumaOptions: ['-L', CROSS, ...options], args });
  if (r.status !== 0) throw new Error(`layout failed (${r.status}): ${r.stderr}`);
  return new Map(r.stdout.trim().split('\n').map((line) => [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)]));
}

t.test('load addresses: random by default, fixed with -R or ADDR_NO_RANDOMIZE, repeatable with --seed', (t) => {
  if (!existsSync(join(CROSS, 'lib/ld-linux-aarch64.so.1')) || !existsSync(LAYOUT)) {
    t.pass(`skip: ${CROSS} (libc6-arm64-cross) or ${LAYOUT} is missing`);
    return t.end();
  }
  const a = layoutOf([]);
  const b = layoutOf([]);
  for (const k of KINDS) t.not(a.get(k), b.get(k), `two runs: ${k} differs`);
  t.equal(a.get('personality'), '0', 'randomised: ADDR_NO_RANDOMIZE is not set');

  const r1 = layoutOf(['-R']);
  const r2 = layoutOf(['-R']);
  for (const k of KINDS.filter((k) => k !== 'random')) t.equal(r1.get(k), r2.get(k), `-R: ${k} the same in both runs`);
  t.not(r1.get('random'), r2.get('random'), '-R: AT_RANDOM is still random (as under setarch -R)');

  const p1 = layoutOf([], ['norand']);
  const p2 = layoutOf([], ['norand']);
  t.equal(p1.get('personality'), '0x40000', 'personality(ADDR_NO_RANDOMIZE) is kept across exec');
  for (const k of ['program', 'interpreter', 'libc', 'mmap', 'brk']) {
    t.equal(p1.get(k), p2.get(k), `personality + exec: ${k} the same in both runs`);
    t.equal(p1.get(k), r1.get(k), `personality + exec: ${k} as with -R`);
  }

  const s1 = layoutOf(['--seed', '7']);
  const s2 = layoutOf(['--seed', '7']);
  const s3 = layoutOf(['--seed', '8']);
  for (const k of KINDS) t.equal(s1.get(k), s2.get(k), `--seed 7 twice: ${k} the same`);
  t.not(s1.get('program'), s3.get('program'), 'another seed: another layout');
  t.not(s1.get('program'), r1.get('program'), 'a seeded layout is randomised');
  t.end();
});

t.test('under randomisation the program behaves as under qemu-aarch64 -L', (t) => {
  if (!HAVE_QEMU || !existsSync(join(CROSS, 'lib/ld-linux-aarch64.so.1')) || !existsSync(LAYOUT)) {
    t.pass('skip: qemu-aarch64 or the cross libc is missing');
    return t.end();
  }
  const shape = (s: string) => s.replace(/0x[0-9a-f]+/g, 'ADDR').replace(/( [0-9a-f]{2}){16}/, ' BYTES');
  const ours = runUnderAkuma(LAYOUT, { akumaOptions: ['-L', CROSS] });
  const theirs = runUnderQemu(LAYOUT, { qemuOptions: ['-L', CROSS] });
  t.equal(shape(ours.stdout), shape(theirs.stdout), 'the same lines');
  t.equal(ours.status, theirs.status);
  t.end();
});
