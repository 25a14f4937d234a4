/** diff, expr, tar, du, kill compared with busybox; tar archives we write are also listed by GNU tar. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import t from 'tap';
import { compareWithBusybox, haveBusybox, type Case } from '../busybox-compare.js';
import { HostSys } from '../host-sys.js';
import { TOOLS } from '../../../packages/userland/tools/index.js';

const files = {
  a: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n',
  b: 'one\n2\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\neleven\n',
  c: 'zero\none\nthree\n',
  nonl: 'one\ntwo',
  same: 'one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n',
  'd1/x': 'x\n', 'd1/y': 'y1\n', 'd1/only1': '', 'd1/sub/z': 'z\n',
  'd2/x': 'x\n', 'd2/y': 'y2\n', 'd2/only2': '', 'd2/sub/z': 'Z\n',
  'big/f1': 'x'.repeat(10000), 'big/s/f2': 'y'.repeat(3000),
};
const f = (args: string[], extra: Partial<Case> = {}): Case => ({ args, files, ...extra });
// diff -u headers carry file times; both sides see the same files, so the times agree

const suites: Record<string, Case[]> = {
  diff: [
    f(['a', 'same']), f(['a', 'b']), f(['-u', 'a', 'b']), f(['-U', '1', 'a', 'b']), f(['-U', '0', 'a', 'b']), f(['a', 'c']), f(['-u', 'a', 'c']), f(['c', 'a']),
    f(['-q', 'a', 'b']), f(['-q', 'a', 'same']), f(['a', 'nonl']), f(['-u', 'nonl', 'a']), f(['a', 'nofile']), f(['-r', 'd1', 'd2']), f(['d1', 'd2']),
    f(['-ru', 'd1', 'd2']), f(['-rq', 'd1', 'd2']), f(['-i', 'a', 'a']), f(['-u', 'a', '-'], { stdin: 'one\ntwo\n' }), f(['-w', 'a', 'a']),
  ],
  expr: [
    f(['1', '+', '2']), f(['10', '-', '3', '*', '2']), f(['7', '/', '2']), f(['7', '%', '3']), f(['(', '1', '+', '2', ')', '*', '3']),
    f(['3', '<', '10']), f(['abc', '<', 'abd']), f(['2', '=', '2']), f(['a', '!=', 'a']), f(['0', '|', '5']), f(['3', '&', '0']), f(['', '|', '']),
    f(['abcdef', ':', 'abc']), f(['abcdef', ':', '\\(b.*\\)e']), f(['abcdef', ':', 'x']), f(['match', 'foobar', 'fo*']), f(['substr', 'hello', '2', '3']),
    f(['index', 'hello', 'lo']), f(['length', 'hello']), f(['1', '/', '0']), f(['a', '+', '1']), f(['1', '+']), f([]), f(['0']), f(['-5', '+', '3']),
    f(['9223372036854775807', '-', '1']), f(['+', 'match']),
  ],
  tar: [
    f(['-tf', 'nofile.tar']),
    f(['-xf', 'nofile.tar']),
    f(['-c']),
  ],
  du: [f(['-s', 'big']), f(['-a', 'big']), f(['big']), f(['-h', 'big']), f(['-c', 'a', 'b']), f(['-d', '0', 'big']), f(['-k', 'big/f1']), f(['nofile'])],
  kill: [f(['-l']), f(['-l', '9']), f(['-l', 'TERM']), f(['-l', '137']), f(['-s', 'BOGUS', '1']), f(['abc'])],
};

for (const [tool, cases] of Object.entries(suites)) {
  t.test(tool, async (t) => compareWithBusybox(t, tool, cases));
}

/** A fixture archive from GNU tar, listed and extracted by both. */
t.test('tar with a GNU tar archive', async (t) => {
  if (spawnSync('tar', ['--version']).status !== 0) return t.pass('skip: GNU tar missing');
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'akuma-tarsrc-'));
  fs.mkdirSync(path.join(src, 'top/sub'), { recursive: true });
  fs.writeFileSync(path.join(src, 'top/a.txt'), 'alpha\n');
  fs.writeFileSync(path.join(src, 'top/sub/b.bin'), Buffer.from([0, 1, 2, 255]));
  fs.writeFileSync(path.join(src, 'top/' + 'long'.repeat(30)), 'long name\n');
  fs.symlinkSync('a.txt', path.join(src, 'top/link'));
  const r = spawnSync('tar', ['--sort=name', '--owner=0', '--group=0', '--numeric-owner', '--mtime=2024-01-01 00:00:00', '--format=gnu', '-cf', '-', 'top'], { cwd: src });
  const gz = spawnSync('gzip', ['-9', '-n', '-c'], { input: r.stdout });
  fs.rmSync(src, { recursive: true });
  const archive = r.stdout.toString('latin1');
  const fx = { 'g.tar': archive, 'g.tgz': gz.stdout.toString('latin1') };
  await compareWithBusybox(t, 'tar', [
    { args: ['-tf', 'g.tar'], files: fx },
    { args: ['-tvf', 'g.tar'], files: fx },
    { args: ['-tzf', 'g.tgz'], files: fx },
    { args: ['-xf', 'g.tar'], files: fx, tree: true },
    { args: ['-xzf', 'g.tgz', '-C', 'out'], files: { ...fx, out: { dir: true } }, tree: true },
    { args: ['-xvf', 'g.tar', 'top/sub'], files: fx, tree: true },
    { args: ['-xOf', 'g.tar', 'top/a.txt'], files: fx },
    { args: ['-tf', 'g.tar', 'top/nothere'], files: fx },
    { args: ['xf', 'g.tar'], files: fx, tree: true },
  ]);
});

/** Archives written by our tar are read by GNU tar and by busybox tar the same as busybox's own. */
t.test('tar archives we create', async (t) => {
  if (!haveBusybox() || spawnSync('tar', ['--version']).status !== 0) return t.pass('skip: busybox or GNU tar missing');
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'akuma-tarmk-')));
  try {
    fs.mkdirSync(path.join(dir, 'top/sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'top/a.txt'), 'alpha\n');
    fs.writeFileSync(path.join(dir, 'top/sub/' + 'n'.repeat(120)), 'long\n');
    fs.symlinkSync('a.txt', path.join(dir, 'top/link'));
    for (const p of ['top/a.txt', 'top/sub/' + 'n'.repeat(120), 'top/sub', 'top']) fs.utimesSync(path.join(dir, p), 1700000000, 1700000000);
    for (const z of [false, true]) {
      const flag = z ? '-czf' : '-cf';
      const ours = await HostSys.run(TOOLS, ['tar', flag, 'ours.tar', 'top'], { cwd: dir });
      t.equal(ours.status, 0, 'our tar created an archive');
      const bb = spawnSync('qemu-aarch64', [path.resolve('.cache/debian-arm64/bin/busybox'), 'tar', flag, 'bb.tar', 'top'], { cwd: dir });
      t.equal(bb.status, 0, 'busybox created an archive');
      const gnuList = (f: string) => spawnSync('tar', ['-tv' + (z ? 'z' : '') + 'f', f, '--numeric-owner'], { cwd: dir }).stdout.toString().split('\n').sort().join('\n');
      t.equal(gnuList('ours.tar'), gnuList('bb.tar'), `GNU tar lists ours as busybox's (${z ? 'gzip' : 'plain'})`);
      const x = spawnSync('tar', ['-x' + (z ? 'z' : '') + 'f', 'ours.tar', '-O', 'top/a.txt'], { cwd: dir });
      t.equal(x.stdout.toString(), 'alpha\n', 'GNU tar extracts our file data');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
