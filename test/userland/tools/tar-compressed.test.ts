/**
 * tar -j and -J (and detection by magic number): archives made on the host by GNU tar with
 * bzip2 and xz are listed and extracted by the machine's tar, and the output is compared
 * with the host's busybox tar given the same archive; an archive of the wrong kind gives
 * busybox's "invalid magic". An archive ours creates with -j is checked by the host's bzip2
 * and GNU tar; creating xz archives is refused in one line.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { corpusMachine, runInMachine } from '../shell-corpus/compare.js';

const HOST_BUSYBOX = '/bin/busybox';
const have = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

t.test('tar -j, -J and detection, as busybox tar reads the same archives', async (t) => {
  if (!existsSync(HOST_BUSYBOX) || !have('bzip2') || !have('xz') || !have('tar')) return void t.pass('skip: needs busybox, GNU tar, bzip2 and xz on the host');
  const dir = mkdtempSync(join(tmpdir(), 'tarc-'));
  try {
    mkdirSync(join(dir, 'src/sub'), { recursive: true });
    writeFileSync(join(dir, 'src/a.txt'), 'hello\n');
    writeFileSync(join(dir, 'src/sub/b.bin'), Buffer.from(Array.from({ length: 70000 }, (_, i) => (i * 7) % 251)));
    const tarArgs = ['--owner=0', '--group=0', '--numeric-owner', '--mtime=@1700000000', '--sort=name', '-C', dir];
    spawnSync('tar', ['-cf', join(dir, 'a.tar'), ...tarArgs, 'src']);
    spawnSync('tar', ['-cjf', join(dir, 'a.tar.bz2'), ...tarArgs, 'src']);
    spawnSync('tar', ['-cJf', join(dir, 'a.tar.xz'), ...tarArgs, 'src']);
    // Two bzip2 streams back to back (what `cat x.bz2 y.bz2` makes): bzip2 -d reads both.
    spawnSync('sh', ['-c', `cd ${dir} && head -c 10240 a.tar | bzip2 > two.bz2 && tail -c +10241 a.tar | bzip2 >> two.bz2`]);
    const archives = ['a.tar', 'a.tar.bz2', 'a.tar.xz', 'two.bz2'];
    const script = [
      'tar -tjf a.tar.bz2', 'tar -tvjf a.tar.bz2', 'tar -tJf a.tar.xz', 'tar tvJf a.tar.xz', 'tar -tjf two.bz2',
      'tar -xjf a.tar.bz2 -O src/a.txt', 'tar xJf a.tar.xz -O src/sub/b.bin | md5sum',
      'mkdir out && tar -xjf a.tar.bz2 -C out && cat out/src/a.txt && md5sum < out/src/sub/b.bin',
      'mkdir out2 && tar -xJf a.tar.xz -C out2 && md5sum < out2/src/sub/b.bin',
      'tar -tjf a.tar; echo $?', 'tar -tJf a.tar.bz2; echo $?', 'tar -tzf a.tar.xz; echo $?',
      'cat a.tar.bz2 | tar -tjf -',
    ].map((c) => `echo "== ${c}"; ${c} 2>&1`).join('\n');
    const host = spawnSync(HOST_BUSYBOX, ['sh', '-c', script], { cwd: dir, encoding: 'utf8', env: { PATH: '/nonexistent', TZ: 'UTC' } });
    const m = corpusMachine();
    m.vfs.mkdir('/tmp/tarc', { mode: 0o777 });
    for (const a of archives) m.vfs.writeFile(`/tmp/tarc/${a}`, readFileSync(join(dir, a)), { mode: 0o666 });
    const ours = await runInMachine(m, { script: `cd /tmp/tarc && ${script}` });
    // The same archives without -j/-J: detected by their magic (busybox needs the option; GNU tar does not).
    const detected = await runInMachine(m, { script: 'cd /tmp/tarc && tar -tf a.tar.bz2 && tar -tf a.tar.xz && tar -xOf a.tar.xz src/a.txt' });
    const created = await runInMachine(m, { script: 'cd /tmp/tarc && tar -cJf n.tar.xz a.tar; echo $?; tar -cjf n.tar.bz2 a.tar out; echo $?; tar -tjf n.tar.bz2 | sort | md5sum' });
    writeFileSync(join(dir, 'n.tar.bz2'), m.vfs.readFile('/tmp/tarc/n.tar.bz2'));
    m.kernel.shutdown();
    const a = ours.stdout.split('\n');
    const b = host.stdout.split('\n');
    for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) t.equal(a[i], b[i], `line ${i + 1}`);
    t.equal(ours.stdout, host.stdout, 'same output as busybox tar');
    t.equal(detected.stdout, 'src/\nsrc/a.txt\nsrc/sub/\nsrc/sub/b.bin\nsrc/\nsrc/a.txt\nsrc/sub/\nsrc/sub/b.bin\nhello\n', 'bzip2 and xz found by their magic number');
    t.match(created.stdout, /^1\n0\n/, 'creating -J fails, -j works');
    t.match(created.stderr, /^tar: creating xz archives is not supported/, 'in one line');
    // The bzip2 archive we made: the host's bzip2 tests it, GNU tar lists and extracts it.
    t.equal(spawnSync('bzip2', ['-t', join(dir, 'n.tar.bz2')]).status, 0, 'bzip2 -t accepts it');
    const listed = spawnSync('sh', ['-c', 'tar -tjf n.tar.bz2 | LC_ALL=C sort | md5sum'], { cwd: dir, encoding: 'utf8' });
    t.equal(created.stdout.split('\n')[2], listed.stdout.trim(), 'GNU tar lists what ours lists');
    const back = spawnSync('tar', ['-xjf', 'n.tar.bz2', '-O', 'a.tar'], { cwd: dir, maxBuffer: 1 << 28 });
    t.ok(back.status === 0 && Buffer.compare(back.stdout, readFileSync(join(dir, 'a.tar'))) === 0, 'GNU tar extracts the same bytes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
