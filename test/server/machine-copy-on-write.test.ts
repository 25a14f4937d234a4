/**
 * A machine of its own (MachineHost with `base`, what serve --machines boots) over a real
 * data directory: it sees the base system, and nothing it writes, deletes or installs
 * reaches the base machine, the data directory's database file or another such machine.
 */

import t from 'tap';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase } from '../../server/data-dir.js';
import { MachineHost } from '../../server/machine-host.js';
import { PackageRepository } from '../../packages/repository/repository.js';
import { seedRepository } from '../../packages/repository/seed.js';

const logger = pino({ level: 'silent' });
const work = mkdtempSync(join(tmpdir(), 'akuma-cow-'));
t.teardown(() => rmSync(work, { recursive: true, force: true }));
const db = openDatabase(join(work, 'data'));
t.teardown(() => db.close());
const repository = new PackageRepository(db);
seedRepository(repository);
const base = new MachineHost({ db, repository, logger });
base.installBasePackages();
t.teardown(() => base.shutdown());

/** Runs a command line in a machine's shell as `user`; resolves with status and output. */
async function run(m: MachineHost, line: string, user = 'user'): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const s = m.openShell({ user, env: {}, pty: null, session: 'test', stdout: (b) => void (out += Buffer.from(b).toString()), stderr: (b) => void (err += Buffer.from(b).toString()) });
  const status = await s.exec(line);
  s.hangup();
  return { status, out, err };
}

/** What the data directory's file holds, read through a connection of its own. */
function onFile(): { installed: string[]; dirents: number; inodes: number } {
  const other = new Database(db.name, { readonly: true });
  try {
    return {
      installed: (other.prepare('SELECT name FROM installed ORDER BY name').pluck().all() as string[]),
      dirents: other.prepare('SELECT count(*) FROM fs_dirents').pluck().get() as number,
      inodes: other.prepare('SELECT count(*) FROM fs_inodes').pluck().get() as number,
    };
  } finally {
    other.close();
  }
}

t.test('writes, deletions and installs stay in the machine', async (t) => {
  base.vfs.sync();
  const before = onFile();
  t.ok(before.installed.includes('ls'), 'the base system has its base packages');
  const m = new MachineHost({ base, repository: null, logger });
  t.teardown(() => m.shutdown());

  t.equal((await run(m, 'ls /bin/sh /bin/cat')).out, '/bin/cat\n/bin/sh\n', 'the machine sees the base system');
  let r = await run(m, 'echo mine > /etc/motd && rm /bin/cat && mkdir -p /opt/x && pkg install -q crash && pkg remove -q --force ls && read line < /etc/motd && echo $line', 'root');
  t.equal(r.status, 0, r.err);
  t.equal(r.out, 'mine\n');
  r = await run(m, 'echo /bin/*rash; test -e /bin/cat || echo no-cat; pkg list | grep -c "^crash "; pkg list | grep -c "^ls "');
  t.equal(r.out, '/bin/crash\nno-cat\n1\n0\n', 'the machine has its changes and its own install records');

  t.equal(base.vfs.exists('/etc/motd'), false, 'the base disk has no new file');
  t.equal(base.vfs.exists('/bin/cat'), true, 'nor lost one');
  t.equal(base.vfs.exists('/bin/crash'), false, 'nor got the package');
  t.equal(base.vfs.exists('/opt'), false);
  t.same(repository.installed().map((p) => p.name), before.installed, 'the base install records are unchanged');
  base.vfs.sync();
  t.same(onFile(), before, 'and so is the data directory file');
});

t.test('two machines do not see each other', async (t) => {
  const a = new MachineHost({ base, repository: null, logger });
  const b = new MachineHost({ base, repository: null, logger });
  t.teardown(() => {
    a.shutdown();
    b.shutdown();
  });
  t.equal((await run(a, 'echo a > /tmp/f && echo a > /home/user/g && pkg install -q crash')).status, 0);
  const r = await run(b, 'ls /tmp; ls /home/user/g /bin/crash');
  t.equal(r.out, '', "b's /tmp is empty");
  t.match(r.err, /'\/home\/user\/g'/);
  t.match(r.err, /'\/bin\/crash'/);
  t.equal((await run(a, 'cat /tmp/f /home/user/g')).out, 'a\na\n');
  t.not(a.kernel.machine.memory, b.kernel.machine.memory, 'each has its own RAM');
});

t.test('a discarded machine frees its install records', async (t) => {
  const m = new MachineHost({ base, repository: null, logger });
  t.ok(m.repository?.db.open);
  m.shutdown();
  t.equal(m.repository?.db.open, false, 'its in-memory database is closed');
});

t.test('a base machine without a database file cannot have machines of its own', async (t) => {
  const memoryRepo = new PackageRepository(new Database(':memory:'));
  const inMemory = new MachineHost({ repository: memoryRepo, logger });
  t.teardown(() => inMemory.shutdown());
  t.throws(() => new MachineHost({ base: inMemory, repository: null, logger }), /needs the repository in a database file/);
});
