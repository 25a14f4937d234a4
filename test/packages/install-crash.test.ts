import t from 'tap';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/data-dir.js';
import { PackageRepository, sha256Hex } from '../../packages/repository/repository.js';
import { Vfs } from '../../kernel/fs/vfs.js';

const dist = (rel: string) => JSON.stringify(fileURLToPath(new URL(rel, import.meta.url)));

t.test('a server killed in the middle of installs leaves each package fully installed or absent', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-install-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  // The child publishes and installs package after package (file on the guest disk plus
  // install record, both in the data directory's database) until it is killed.
  const script = `
    import { openDatabase } from ${dist('../../server/data-dir.js')};
    import { PackageRepository } from ${dist('../../packages/repository/repository.js')};
    import { seedRepository } from ${dist('../../packages/repository/seed.js')};
    import { Vfs } from ${dist('../../kernel/fs/vfs.js')};
    const db = openDatabase(${JSON.stringify(dir)});
    const repo = new PackageRepository(db);
    seedRepository(repo);
    const vfs = new Vfs({ db });
    const stdcheck = repo.find('stdcheck');
    const blob = repo.fetch(stdcheck.name, stdcheck.version);
    for (let i = 0; ; i++) {
      const rec = repo.publish({ name: 'p' + i, version: '1.0.0', blob });
      repo.install(rec, '/bin/p' + i, (b) => vfs.writeFile('/bin/p' + i, b, { mode: 0o755 }));
      if (i === 3) process.stdout.write('installing\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const db = openDatabase(dir);
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const repo = new PackageRepository(db);
  const vfs = new Vfs({ db });
  const installed = repo.installed().filter((r) => /^p\d+$/.test(r.name));
  t.ok(installed.length >= 4, `${installed.length} installs completed before the kill`);
  for (const r of installed) {
    const rec = repo.find(r.name)!;
    t.equal(sha256Hex(vfs.readFile(r.path)), rec.sha256, `${r.path} holds the whole package`);
  }
  const files = vfs.list('/bin').map((e) => e.name).filter((n) => /^p\d+$/.test(n));
  t.same(files.sort(), installed.map((r) => r.name).sort(), 'no file without its record, no record without its file');
  db.close();
});
