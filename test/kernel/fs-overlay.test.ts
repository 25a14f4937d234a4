/**
 * The overlay root (serve --rootfs): a real host directory as the read-only lower layer and
 * a real SQLite disk as the upper one. Reads see the lower tree, writes copy up, deletions
 * leave whiteouts, the host directory never changes, and the changes survive a restart.
 */

import t from 'tap';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Errno } from '../../kernel/errno.js';
import { O_APPEND, O_CREAT, O_RDONLY, O_WRONLY } from '../../kernel/fs/constants.js';
import { HostFs } from '../../kernel/fs/hostdir.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { Caller, fakeProc } from './fs-helpers.js';

/** A hash of every path, mode and byte under dir. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      h.update(`${p}:${st?.mode}:${st?.size}\n`);
      if (st?.isDirectory()) walk(p);
      else if (st?.isFile()) h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

function makeLower(): string {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-lower-'));
  mkdirSync(join(dir, 'etc'));
  mkdirSync(join(dir, 'usr/share/doc'), { recursive: true });
  mkdirSync(join(dir, 'tmp'));
  writeFileSync(join(dir, 'etc/hostname'), 'lowerhost\n');
  writeFileSync(join(dir, 'etc/motd'), 'welcome\n');
  writeFileSync(join(dir, 'usr/share/doc/a.txt'), 'A'.repeat(10000));
  writeFileSync(join(dir, 'usr/share/doc/b.txt'), 'B');
  symlinkSync('share/doc', join(dir, 'usr/docs'));
  return dir;
}

t.test('reads come from the lower tree, changes go to the disk, the lower tree never changes', async (t) => {
  const lower = makeLower();
  const dbDir = mkdtempSync(join(tmpdir(), 'akuma-upper-'));
  t.teardown(() => {
    rmSync(lower, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  });
  const before = treeHash(lower);
  const dbPath = join(dbDir, 'akuma.db');
  {
    const db = new Database(dbPath);
    const vfs = new Vfs({ db, lower: new HostFs([lower]).root });
    t.same(vfs.list('/').map((e) => e.name).sort(), ['dev', 'etc', 'proc', 'tmp', 'usr'], 'the lower root, with /dev and /proc made in the upper layer');
    t.equal(vfs.readText('/etc/hostname'), 'lowerhost\n');
    t.equal(vfs.readText('/usr/docs/b.txt'), 'B', 'a lower symlink is followed');
    // Copy-up by appending through a process's open file.
    const c = new Caller(vfs, fakeProc(5, '/'));
    const fd = c.open('/etc/motd', O_WRONLY | O_APPEND);
    c.write(fd, 'more\n');
    c.n('close', fd);
    t.equal(vfs.readText('/etc/motd'), 'welcome\nmore\n', 'appended after copy-up');
    vfs.writeFile('/etc/new.conf', 'x=1\n');
    vfs.mkdir('/usr/share/doc/sub');
    vfs.writeFile('/usr/share/doc/sub/c.txt', 'C');
    vfs.remove('/usr/share/doc/b.txt');
    t.notOk(vfs.exists('/usr/share/doc/b.txt'), 'a deleted lower file is gone (whiteout)');
    t.same(vfs.list('/usr/share/doc').map((e) => e.name).sort(), ['a.txt', 'sub'], 'the whiteout is not listed');
    t.throws(() => vfs.writeFile('/etc/.wh.motd', ''), { errno: Errno.EINVAL } as never, 'whiteout names cannot be made');
    vfs.rename('/usr/share/doc/a.txt', '/etc/a-moved.txt');
    t.equal(vfs.readText('/etc/a-moved.txt'), 'A'.repeat(10000), 'a lower file renamed (copied up)');
    t.notOk(vfs.exists('/usr/share/doc/a.txt'));
    t.throws(() => vfs.rename('/usr/share', '/share'), { errno: Errno.EXDEV } as never, 'a directory with lower contents does not move (mv copies)');
    vfs.chmod('/etc/hostname', 0o600);
    t.equal(vfs.stat('/etc/hostname').mode & 0o777, 0o600, 'chmod of a lower file');
    vfs.remove('/usr/share/doc/sub', { recursive: true });
    vfs.writeFile('/tmp/scratch', 'tmpfs');
    vfs.sync();
    db.close();
  }
  t.equal(treeHash(lower), before, 'the lower directory is unchanged');
  {
    const db = new Database(dbPath);
    const vfs = new Vfs({ db, lower: new HostFs([lower]).root });
    t.equal(vfs.readText('/etc/motd'), 'welcome\nmore\n', 'copied-up change survives a restart');
    t.equal(vfs.readText('/etc/new.conf'), 'x=1\n', 'a new file survives');
    t.notOk(vfs.exists('/usr/share/doc/b.txt'), 'a deletion survives');
    t.equal(vfs.readText('/etc/a-moved.txt').length, 10000);
    t.equal(vfs.stat('/etc/hostname').mode & 0o777, 0o600);
    t.equal(vfs.readText('/etc/hostname'), 'lowerhost\n');
    const c = new Caller(vfs, fakeProc(6, '/'));
    t.equal(c.open('/usr/share/doc/b.txt', O_RDONLY), -Errno.ENOENT);
    t.ok(c.open('/usr/share/doc/new', O_CREAT | O_WRONLY, 0o644) >= 0, 'a name whited out can be made again');
    db.close();
  }
  t.equal(treeHash(lower), before, 'still unchanged');
  t.end();
});
