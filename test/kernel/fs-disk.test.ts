/**
 * The SQLite disk: files survive closing and reopening the database, bytes are committed on
 * close/fsync (not before), schema versioning, and a process killed with SIGKILL in the middle
 * of writing leaves a consistent database.
 */

import t from 'tap';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { FS_SCHEMA_VERSION, migrate } from '../../kernel/fs/disk.js';
import { O_CREAT, O_RDWR, O_WRONLY, O_TRUNC, S_IFIFO, S_IFMT } from '../../kernel/fs/constants.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { Caller, fakeProc } from './fs-helpers.js';

function tempDb(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-disk-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'akuma.db');
}


t.test('files, directories and symlinks survive a restart', async (t) => {
  const path = tempDb(t);
  {
    const db = new Database(path);
    const vfs = new Vfs({ db });
    vfs.writeFile('/bin/prog', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]), { mode: 0o755 });
    vfs.mkdir('/home/user/a/b', { recursive: true, uid: 1000 });
    vfs.writeFile('/home/user/a/b/notes.txt', 'persist me');
    vfs.symlink('/bin/prog', '/home/user/link');
    vfs.writeFile('/tmp/gone', 'tmpfs is not persistent');
    const c = new Caller(vfs, fakeProc(3, '/home/user'));
    const fd = c.open('log', O_CREAT | O_WRONLY);
    c.write(fd, 'line 1\n');
    c.n('close', fd);
    vfs.remove('/etc/hosts');
    vfs.rename('/home/user/a/b/notes.txt', '/home/user/notes.txt');
    db.close();
  }
  const db = new Database(path);
  const vfs = new Vfs({ db });
  t.same([...vfs.readFile('/bin/prog')], [0x7f, 0x45, 0x4c, 0x46, 1, 2, 3]);
  t.equal(vfs.stat('/bin/prog').mode & 0o777, 0o755);
  t.equal(vfs.readText('/home/user/notes.txt'), 'persist me');
  t.equal(vfs.readText('/home/user/log'), 'line 1\n');
  t.equal(vfs.readlink('/home/user/link'), '/bin/prog');
  t.equal(vfs.stat('/home/user/a/b').uid, 1000);
  t.notOk(vfs.exists('/tmp/gone'), '/tmp starts empty');
  t.notOk(vfs.exists('/etc/hosts'), 'a removed file stays removed');
  t.notOk(vfs.exists('/home/user/a/b/notes.txt'));
  t.same(vfs.list('/home/user').map((e) => e.name).sort(), ['a', 'link', 'log', 'notes.txt']);
  const row = db.prepare("SELECT value FROM fs_meta WHERE key = 'schema_version'").get() as { value: string };
  t.equal(Number(row.value), FS_SCHEMA_VERSION);
  t.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  db.close();
});

t.test('a named pipe (mknod S_IFIFO) survives a restart as a FIFO', async (t) => {
  const path = tempDb(t);
  {
    const db = new Database(path);
    const vfs = new Vfs({ db });
    vfs.mknodAt(null, undefined, '/home/user/pipe', S_IFIFO | 0o640);
    db.close();
  }
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const st = vfs.stat('/home/user/pipe');
  t.equal(st.mode & S_IFMT, S_IFIFO, 'still a FIFO');
  t.equal(st.mode & 0o7777, 0o640);
  t.equal(st.nlink, 1);
  t.equal((db.prepare("SELECT type FROM fs_inodes WHERE ino = ?").get(st.ino) as { type: string }).type, 'fifo');
  vfs.remove('/home/user/pipe');
  t.notOk(vfs.exists('/home/user/pipe'));
  t.equal((db.prepare('SELECT count(*) AS n FROM fs_inodes WHERE ino = ?').get(st.ino) as { n: number }).n, 0, 'its row goes with its last name');
  db.close();
});

t.test('bytes are committed on close and fsync, not on every write', async (t) => {
  const path = tempDb(t);
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const c = new Caller(vfs, fakeProc(3, '/home/user'));
  const fd = c.open('draft', O_CREAT | O_RDWR);
  c.write(fd, 'first');
  const other = new Database(path, { readonly: true });
  const committed = (): string | undefined => {
    const r = other.prepare("SELECT b.data FROM fs_dirents e JOIN fs_extents x ON x.ino = e.ino JOIN fs_blobs b ON b.id = x.blob WHERE e.name = 'draft' ORDER BY x.idx").all() as Array<{ data: Buffer }>;
    return r.length ? Buffer.concat(r.map((x) => x.data)).toString() : undefined;
  };
  t.equal(committed(), undefined, 'not committed before fsync/close');
  t.equal(c.n('fsync', fd), 0);
  t.equal(committed(), 'first', 'committed by fsync');
  c.write(fd, ' second');
  t.equal(committed(), 'first');
  c.n('close', fd);
  t.equal(committed(), 'first second', 'committed by close');
  const fd2 = c.open('draft', O_WRONLY | O_TRUNC);
  c.write(fd2, 'x');
  t.equal(c.n('sync'), 0);
  t.equal(committed(), 'x', 'committed by sync(2)');
  other.close();
  db.close();
});

t.test('a file unlinked while open lives until closed, and its row goes away', async (t) => {
  const path = tempDb(t);
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const c = new Caller(vfs, fakeProc());
  const fd = c.open('/home/user/tmpfile', O_CREAT | O_RDWR);
  c.write(fd, 'data');
  c.n('fsync', fd);
  const count = (): number => (db.prepare('SELECT count(*) AS n FROM fs_inodes').get() as { n: number }).n;
  const before = count();
  vfs.remove('/home/user/tmpfile');
  t.equal(count(), before, 'inode row kept while open');
  c.n('lseek', fd, 0, 0);
  t.equal(c.read(fd), 'data');
  c.n('close', fd);
  t.equal(count(), before - 1, 'deleted at last close');
  db.close();
});

t.test('orphans left by a crash are cleaned at open; schema versions', async (t) => {
  const path = tempDb(t);
  const db = new Database(path);
  new Vfs({ db });
  // Simulate a crash while a file was unlinked but open: inode row without a dirent.
  db.prepare("INSERT INTO fs_inodes (ino, type, mode, uid, gid, size, atime, mtime, ctime) VALUES (999, 'reg', 420, 0, 0, 3, 0, 0, 0)").run();
  db.prepare('INSERT INTO fs_blobs (id, data) VALUES (777, ?)').run(Buffer.from('abc'));
  db.prepare('INSERT INTO fs_extents (ino, idx, blob, len) VALUES (999, 0, 777, 3)').run();
  db.prepare('INSERT INTO fs_blobs (id, data) VALUES (778, ?)').run(Buffer.from('parked, never committed'));
  db.prepare("INSERT INTO fs_dirents (dir, name, ino) VALUES (1, 'broken', 12345)").run();
  db.close();
  const db2 = new Database(path);
  const vfs = new Vfs({ db: db2 });
  t.equal((db2.prepare('SELECT count(*) AS n FROM fs_inodes WHERE ino = 999').get() as { n: number }).n, 0);
  t.equal((db2.prepare('SELECT count(*) AS n FROM fs_extents WHERE ino = 999').get() as { n: number }).n, 0);
  t.equal((db2.prepare('SELECT count(*) AS n FROM fs_blobs WHERE id IN (777, 778)').get() as { n: number }).n, 0, 'orphan and parked blobs removed');
  t.notOk(vfs.exists('/broken'));
  t.equal(migrate(db2), FS_SCHEMA_VERSION, 'already current');
  db2.prepare("UPDATE fs_meta SET value = '999' WHERE key = 'schema_version'").run();
  t.throws(() => new Vfs({ db: db2 }), /newer than this program/);
  db2.close();
});

t.test('other tables in the same database are left alone', async (t) => {
  const path = tempDb(t);
  const db = new Database(path);
  db.exec('CREATE TABLE packages (name TEXT PRIMARY KEY); INSERT INTO packages VALUES (\'stdcheck\')');
  db.pragma('user_version = 7');
  new Vfs({ db });
  t.equal((db.prepare('SELECT name FROM packages').get() as { name: string }).name, 'stdcheck');
  t.equal(db.pragma('user_version', { simple: true }), 7, 'user_version untouched');
  db.close();
});

const WRITER = `
import Database from 'better-sqlite3';
import { Vfs } from ${JSON.stringify(new URL('../../kernel/fs/vfs.js', import.meta.url).href)};
const db = new Database(process.argv[2]);
const vfs = new Vfs({ db });
let i = 0;
process.stdout.write('ready\\n');
for (;;) {
  const size = 1000 + (i % 50) * 997;
  const byte = i % 251;
  vfs.writeFile('/home/user/f' + (i % 20), new Uint8Array(size).fill(byte));
  if (i % 7 === 0) { try { vfs.remove('/home/user/d' + (i % 5), { recursive: true }); } catch {} }
  if (i % 7 === 3) { try { vfs.mkdir('/home/user/d' + (i % 5) + '/x', { recursive: true }); } catch {} }
  i++;
}
`;

t.test('SIGKILL in the middle of writes leaves a consistent database', async (t) => {
  const path = tempDb(t);
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'fs-disk-writer.tmp.mjs');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(script, WRITER);
  t.teardown(() => rmSync(script, { force: true }));
  for (let round = 0; round < 3; round++) {
    const child = spawn(process.execPath, [script, path], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early: ${code}`)));
    });
    await new Promise((r) => setTimeout(r, 150 + round * 100));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const db = new Database(path);
    t.equal(db.pragma('integrity_check', { simple: true }), 'ok', `round ${round}: integrity_check`);
    const vfs = new Vfs({ db });
    let files = 0;
    for (const e of vfs.list('/home/user')) {
      if (!e.name.startsWith('f')) continue;
      const data = vfs.readFile('/home/user/' + e.name);
      t.equal(data.length, e.stat.size, `${e.name}: size matches`);
      t.ok(data.every((b) => b === data[0]), `${e.name}: one whole version`);
      files++;
    }
    t.ok(files > 0, `round ${round}: files were written`);
    const tmpNames = vfs.list('/home/user').filter((e) => e.name.startsWith('.'));
    t.same(tmpNames, [], 'no half-installed temporary files');
    db.close();
  }
});
