import t from 'tap';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../server/data-dir.js';
import { PackageRepository, compareVersions } from '../../packages/repository/repository.js';
import { seedRepository, readManifest, PACKAGES_DIR } from '../../packages/repository/seed.js';
import { exportCatalogue } from '../../packages/repository/export.js';
import Database from 'better-sqlite3';

const hello = readFileSync(join(PACKAGES_DIR, 'bin/hello'));

function freshDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-repo-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

t.test('versions order numerically', async (t) => {
  t.ok(compareVersions('1.10.0', '1.9.2') > 0);
  t.ok(compareVersions('1.0.0', '1.0.0-rc1') > 0);
  t.equal(compareVersions('2.0', '2.0.0'), 0);
});

t.test('publish, find, search, withdraw on a real database file', async (t) => {
  const dir = freshDir(t);
  const db = openDatabase(dir);
  const repo = new PackageRepository(db);
  const rec = repo.publish({ name: 'greet', version: '1.0.0', description: 'Says hello', blob: hello });
  t.equal(rec.size, hello.length);
  t.match(rec.sha256, /^[0-9a-f]{64}$/);
  repo.publish({ name: 'greet', version: '1.2.0', description: 'Says hello, louder', blob: hello });
  t.equal(repo.find('greet')?.version, '1.2.0');
  t.equal(repo.find('greet@1.0.0')?.version, '1.0.0');
  t.equal(repo.find('nothing'), undefined);
  t.same(repo.search('LOUDER').map((p) => `${p.name}@${p.version}`), ['greet@1.2.0']);
  t.throws(() => repo.publish({ name: 'greet', version: '1.2.0', blob: hello }), /already published/);
  t.same(Buffer.from(repo.fetch('greet', '1.0.0')), hello);
  t.equal(repo.withdraw('greet', '1.0.0'), 1);
  t.throws(() => repo.withdraw('greet', '1.0.0'), /not found/);
  db.close();
  // Reopening keeps what was committed.
  const again = new PackageRepository(openDatabase(dir));
  t.same(again.list().map((p) => p.version), ['1.2.0']);
  again.db.close();
});

t.test('refuses what is not an AArch64 executable, and bad names', async (t) => {
  const repo = new PackageRepository(openDatabase(freshDir(t)));
  t.throws(() => repo.publish({ name: 'x', version: '1.0.0', blob: Buffer.from('#!/bin/sh\necho hi\n') }), {
    message: 'not an AArch64 executable: not an ELF file',
  });
  const x86 = Buffer.from(hello);
  x86.writeUInt16LE(62, 18); // e_machine = x86-64
  t.throws(() => repo.publish({ name: 'x', version: '1.0.0', blob: x86 }), /wrong machine/);
  t.throws(() => repo.publish({ name: 'Bad Name', version: '1.0.0', blob: hello }), /invalid package name 'Bad Name'/);
  t.throws(() => repo.publish({ name: 'x', version: 'latest', blob: hello }), /invalid version/);
  t.same(repo.list(), []);
  repo.db.close();
});

t.test('a blob whose sha256 does not match is refused and nothing is installed', async (t) => {
  const repo = new PackageRepository(openDatabase(freshDir(t)));
  const rec = repo.publish({ name: 'greet', version: '1.0.0', blob: hello });
  // Corrupt one byte of the stored blob behind the repository's back.
  const corrupted = Buffer.from(hello);
  corrupted[100] ^= 0xff;
  repo.db.prepare('UPDATE packages SET blob = ? WHERE name = ?').run(corrupted, 'greet');
  let placed = false;
  t.throws(() => repo.install(rec, '/bin/greet', () => (placed = true)), /checksum mismatch/);
  t.equal(placed, false);
  t.same(repo.installed(), []);
  repo.db.close();
});

t.test('install records commit with the file, or not at all', async (t) => {
  const repo = new PackageRepository(openDatabase(freshDir(t)));
  const rec = repo.publish({ name: 'greet', version: '1.0.0', blob: hello });
  t.throws(() =>
    repo.install(rec, '/bin/greet', () => {
      throw new Error('disk full');
    }),
  );
  t.same(repo.installed(), []);
  repo.install(rec, '/bin/greet', () => undefined);
  t.same(repo.installed().map((r) => [r.name, r.version, r.path]), [['greet', '1.0.0', '/bin/greet']]);
  repo.uninstall('greet', () => undefined);
  t.same(repo.installed(), []);
  repo.db.close();
});

t.test('seeding from packages/manifest.json is idempotent', async (t) => {
  const repo = new PackageRepository(openDatabase(freshDir(t)));
  const added = seedRepository(repo);
  t.equal(added.length, readManifest().length);
  t.ok(repo.find('stdcheck'), 'stdcheck is in the repository');
  t.ok(repo.find('hello')?.base, 'hello is a base package');
  t.same(seedRepository(repo), []);
  repo.db.close();
});

t.test('a process killed in the middle of publishing leaves the database consistent', async (t) => {
  const dir = freshDir(t);
  // The child publishes package after package until it is killed.
  const script = `
    import { openDatabase } from ${JSON.stringify(fileURLToPath(new URL('../../server/data-dir.js', import.meta.url)))};
    import { PackageRepository } from ${JSON.stringify(fileURLToPath(new URL('../../packages/repository/repository.js', import.meta.url)))};
    import { readFileSync } from 'node:fs';
    const blob = readFileSync(${JSON.stringify(join(PACKAGES_DIR, 'bin/stdcheck'))});
    const repo = new PackageRepository(openDatabase(${JSON.stringify(dir)}));
    for (let i = 0; ; i++) {
      repo.publish({ name: 'p' + i, version: '1.0.0', blob });
      if (i === 5) process.stdout.write('publishing\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 150));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const db = openDatabase(dir);
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  const repo = new PackageRepository(db);
  const all = repo.list();
  t.ok(all.length >= 6, `${all.length} packages fully published before the kill`);
  for (const p of all) repo.fetch(p.name, p.version); // every row's blob matches its sha256
  db.close();
});


t.test('a withdrawn bundled package is not seeded again', async (t) => {
  const repo = new PackageRepository(openDatabase(freshDir(t)));
  seedRepository(repo);
  repo.withdraw('crash');
  t.same(seedRepository(repo), []);
  t.equal(repo.find('crash'), undefined);
  repo.db.close();
});

t.test('an exported catalogue, shared read-only: same packages, installs recorded locally, publishing refused', async (t) => {
  const dir = freshDir(t);
  const source = new PackageRepository(openDatabase(join(dir, 'build')));
  seedRepository(source);
  source.publish({ name: 'greet', version: '1.0.0', description: 'Says hello', blob: hello });
  const file = join(dir, 'repository.db');
  const result = exportCatalogue(source.db, file);
  t.equal(result.versions, source.list().length, 'every published version is exported');
  source.db.close();

  const catalogue = new Database(file, { readonly: true, fileMustExist: true });
  t.teardown(() => catalogue.close());
  t.equal(catalogue.pragma('journal_mode', { simple: true }), 'delete', 'a rollback journal: readable from a read-only directory');
  const local = openDatabase(join(dir, 'server'));
  const shared = new PackageRepository(local, { shared: { db: catalogue, file } });
  t.ok(shared.isShared);
  t.same(Buffer.from(shared.fetch('greet', '1.0.0')), hello, 'blobs come from the shared file');
  shared.install(shared.find('greet')!, '/bin/greet', () => {});
  t.same(shared.installed().map((r) => r.name), ['greet'], 'the installation is recorded in the server\'s own database');
  t.throws(() => shared.publish({ name: 'greet', version: '2.0.0', blob: hello }), new RegExp(`cannot publish greet 2\\.0\\.0: the repository is ${file}, read-only here`));
  t.throws(() => shared.withdraw('greet'), /cannot remove greet: the repository is .* read-only here/);
  t.equal((local.prepare('SELECT count(*) AS n FROM packages').get() as { n: number }).n, 0, 'nothing was copied into the server\'s database');
});
