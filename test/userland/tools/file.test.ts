/**
 * file compared with the host's file(1): ELF programs (the repository's static arm64 guest
 * programs, Debian's arm64 busybox when fetched, the host's own dynamically linked PIE
 * /bin/ls with its interpreter, build id and ABI note), #! scripts, text of several kinds,
 * gzip, bzip2, xz, a GNU tar archive, empty files and binary data, name column included.
 */

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { corpusMachine, runInMachine } from '../shell-corpus/compare.js';
import { BUSYBOX } from '../busybox-compare.js';

const PACKAGES_BIN = join(import.meta.dirname, '../../../../packages/bin');
const have = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

t.test('file says what the host file(1) says', async (t) => {
  if (!have('file') || !have('gzip') || !have('bzip2') || !have('xz') || !have('tar')) return void t.pass('skip: needs file, gzip, bzip2, xz and tar on the host');
  const dir = mkdtempSync(join(tmpdir(), 'file-'));
  try {
    const w = (n: string, data: string | Buffer) => writeFileSync(join(dir, n), data);
    w('s.sh', '#!/bin/sh\necho hi\n');
    w('b.sh', '#!/bin/bash\necho\n');
    w('t.txt', 'hello\n');
    w('u.txt', 'héllo\n');
    w('empty', '');
    w('crlf', 'a\r\nb\r\n');
    w('nolf', 'abc');
    w('bin', Buffer.from([0, 1, 2, 3]));
    spawnSync('sh', ['-c', 'gzip -nc t.txt > t.gz; gzip -9nc t.txt > t9.gz; bzip2 -c t.txt > t.bz2; xz -c t.txt > t.xz; tar cf a.tar t.txt s.sh'], { cwd: dir });
    for (const p of ['hello', 'true', 'stdcheck']) if (existsSync(join(PACKAGES_BIN, p))) copyFileSync(join(PACKAGES_BIN, p), join(dir, p));
    if (existsSync(BUSYBOX)) copyFileSync(BUSYBOX, join(dir, 'busybox'));
    copyFileSync('/bin/ls', join(dir, 'hostls'));
    const names = readdirSync(dir).sort();
    const host = spawnSync('file', names, { cwd: dir, encoding: 'utf8' });
    const hostBrief = spawnSync('file', ['-b', ...names], { cwd: dir, encoding: 'utf8' });
    const m = corpusMachine();
    m.vfs.mkdir('/tmp/ft', { mode: 0o777 });
    for (const n of names) m.vfs.writeFile(`/tmp/ft/${n}`, readFileSync(join(dir, n)), { mode: 0o755 });
    const ours = await runInMachine(m, { script: `cd /tmp/ft && file ${names.join(' ')} && file -b ${names.join(' ')}` });
    m.kernel.shutdown();
    const want = host.stdout + hostBrief.stdout;
    const a = ours.stdout.split('\n');
    const b = want.split('\n');
    for (let i = 0; i < b.length; i++) if (a[i] !== b[i]) t.equal(a[i], b[i], `line ${i + 1}`);
    t.equal(ours.stdout, want, `same as file(1) for ${names.length} files`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
