/**
 * The disk's file data in extents (kernel/fs/extents.ts): a database made by the schema-1 code
 * migrates; sparse files take no space and read zeros; a small write costs one extent's rows, not
 * the file; an open file's host memory stays bounded however much is written before a sync;
 * the streaming API (vfs.open) costs what a write changes; hard links persist; and a 700 MB
 * file written with fsync by a guest C program (packages/kernel-tests/src/bigwrite.c), on a
 * machine whose node process is then killed with SIGKILL, reads back with the same sha256.
 */

import t from 'tap';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Errno } from '../../kernel/errno.js';
import { O_CREAT, O_RDONLY, O_RDWR, O_WRONLY } from '../../kernel/fs/constants.js';
import { FS_SCHEMA_VERSION } from '../../kernel/fs/disk.js';
import { EXTENT_SIZE, SPILL_BYTES } from '../../kernel/fs/extents.js';
import { MemFile } from '../../kernel/fs/memfs.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { Caller, fakeProc } from './fs-helpers.js';

const HERE = fileURLToPath(new URL('.', import.meta.url));
/** Made by the Vfs of commit b1e587a (schema 1: a file's bytes in one fs_data value). */
const SCHEMA1_DB = join(HERE, '../../../test/kernel/fixtures/akuma-fs-schema1.db');

function tempDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-extents-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function count(db: Database.Database, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

t.test('a schema-1 database (one value per file) migrates to extents', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  copyFileSync(SCHEMA1_DB, path);
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const big = vfs.readFile('/home/user/big.bin');
  t.equal(big.length, 200 * 1024 + 123);
  let same = true;
  for (let i = 0; i < big.length; i++) if (big[i] !== ((i * 7 + (i >> 9)) & 0xff)) same = false;
  t.ok(same, 'a 4-extent file has every byte');
  t.equal(vfs.readText('/home/user/hello.txt'), 'hello from schema 1\n');
  t.equal(vfs.readFile('/home/user/empty').length, 0);
  t.equal(vfs.readlink('/home/user/link'), 'hello.txt');
  t.equal(vfs.stat('/home/user/dir/sub').uid, 1000);
  t.equal(vfs.stat('/bin/tool').mode & 0o777, 0o755);
  t.equal(vfs.stat('/home/user/big.bin').blocks, Math.ceil(big.length / 4096) * 8);
  t.equal(Number((db.prepare("SELECT value FROM fs_meta WHERE key = 'schema_version'").get() as { value: string }).value), FS_SCHEMA_VERSION);
  t.equal(count(db, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'fs_data'"), 0, 'fs_data is gone');
  t.equal(count(db, "SELECT count(*) AS n FROM fs_extents x JOIN fs_dirents e ON e.ino = x.ino WHERE e.name = 'big.bin'"), 4);
  t.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  db.close();
});

t.test('sparse files: holes take no space, read as zeros, SEEK_DATA/SEEK_HOLE find them, and persist', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  {
    const db = new Database(path);
    const vfs = new Vfs({ db });
    const c = new Caller(vfs, fakeProc());
    const used = vfs.disk.usedBytes;
    const fd = c.open('/home/user/sparse', O_CREAT | O_RDWR);
    const GiB = 2 ** 30;
    t.equal(c.n('pwrite64', fd, c.mem.data('end'), 3, GiB), 3);
    t.equal(c.n('pwrite64', fd, c.mem.data('start'), 5, 0), 5);
    c.n('close', fd);
    const s = vfs.stat('/home/user/sparse');
    t.equal(s.size, GiB + 3);
    t.equal(s.blocks, 16, 'two 4 KiB blocks allocated for a 1 GiB file');
    t.equal(vfs.disk.usedBytes - used, 8, 'the disk counts 8 bytes, not a GiB');
    db.close();
  }
  const db = new Database(path);
  const vfs = new Vfs({ db });
  t.equal(vfs.stat('/home/user/sparse').blocks, 16, 'blocks after a restart');
  const c = new Caller(vfs, fakeProc());
  const fd = c.open('/home/user/sparse', O_RDONLY);
  const buf = c.mem.alloc(16);
  t.equal(c.n('pread64', fd, buf, 16, 2 ** 29), 16);
  t.same([...c.mem.read(buf, 16)], new Array(16).fill(0), 'a hole reads zeros');
  t.equal(c.n('pread64', fd, buf, 16, 2 ** 30), 3);
  t.equal(Buffer.from(c.mem.read(buf, 3)).toString(), 'end');
  t.equal(c.n('lseek', fd, 0, 4 /* SEEK_HOLE */), 4096, 'the first hole starts at the block after "start"');
  t.equal(c.n('lseek', fd, 4096, 3 /* SEEK_DATA */), 2 ** 30, 'data again at 1 GiB');
  t.equal(c.n('lseek', fd, 2 ** 30 + 3, 3), -Errno.ENXIO, 'no data at EOF');
  t.equal(count(db, 'SELECT count(*) AS n FROM fs_extents'), count(db, 'SELECT count(*) AS n FROM fs_blobs'));
  db.close();
});

t.test('a 4 KiB write in a 16 MiB file commits one extent, not the file', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  const db = new Database(path);
  const vfs = new Vfs({ db });
  vfs.writeFile('/home/user/data', new Uint8Array(16 << 20).fill(1));
  t.equal(count(db, 'SELECT count(*) AS n FROM fs_extents'), (16 << 20) / EXTENT_SIZE + 6 /* the layout's /etc files */);
  const c = new Caller(vfs, fakeProc());
  const fd = c.open('/home/user/data', O_RDWR);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const changes = (): number => count(db, 'SELECT total_changes() AS n');
  const before = changes();
  t.equal(c.n('pwrite64', fd, c.mem.data(new Uint8Array(4096).fill(2)), 4096, 8 << 20), 4096);
  t.equal(c.n('fsync', fd), 0);
  const rows = changes() - before;
  const walBytes = statSync(path + '-wal').size;
  t.comment(`4 KiB write + fsync in a 16 MiB file: ${rows} rows changed, ${walBytes} WAL bytes`);
  t.equal(rows, 4, 'new blob, extent row, old blob, inode row');
  t.ok(walBytes < 4 * EXTENT_SIZE, `WAL grew by ${walBytes} bytes (the schema-1 code wrote 16 MiB)`);
  c.n('close', fd);
  const back = vfs.readFile('/home/user/data');
  t.equal(back[(8 << 20) - 1], 1);
  t.equal(back[8 << 20], 2);
  t.equal(back[(8 << 20) + 4096], 1);
  db.close();
});

t.test('an open disk file holds bounded host memory however much is written before a sync', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const f = vfs.open('/home/user/stream', O_CREAT | O_WRONLY);
  const chunk = new Uint8Array(1 << 20);
  let peak = 0;
  for (let i = 0; i < 48; i++) {
    chunk.fill(i);
    f.pwrite(i << 20, chunk);
    peak = Math.max(peak, ((f as unknown as { node: MemFile }).node).residentBytes);
  }
  t.ok(peak <= SPILL_BYTES + 2 * EXTENT_SIZE, `peak ${peak} bytes held for 48 MiB written`);
  // Not committed yet: another connection sees the empty file.
  const other = new Database(path, { readonly: true });
  t.equal((other.prepare("SELECT i.size AS n FROM fs_inodes i JOIN fs_dirents e ON e.ino = i.ino WHERE e.name = 'stream'").get() as { n: number }).n, 0);
  f.release();
  t.equal((other.prepare("SELECT i.size AS n FROM fs_inodes i JOIN fs_dirents e ON e.ino = i.ino WHERE e.name = 'stream'").get() as { n: number }).n, 48 << 20, 'committed at close');
  other.close();
  const r = vfs.open('/home/user/stream', O_RDONLY);
  for (const i of [0, 17, 47]) t.equal(r.pread((i << 20) + 12345, 1)[0], i);
  r.release();
  db.close();
});

t.test('the streaming API (what SFTP uses): a 1-byte write at 1.5 GB costs a block, not 1.5 GB', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  const db = new Database(path);
  const vfs = new Vfs({ db });
  const used = vfs.disk.usedBytes;
  const f = vfs.open('/home/user/far', O_CREAT | O_RDWR);
  t.equal(f.pwrite(1.5 * 2 ** 30, new Uint8Array([42])), 1);
  f.truncate(1.5 * 2 ** 30 + 10);
  f.sync();
  t.ok(((f as unknown as { node: MemFile }).node).residentBytes <= EXTENT_SIZE, 'no big buffer in memory');
  t.equal(f.pread(1.5 * 2 ** 30, 1)[0], 42);
  t.equal(f.pread(2 ** 30, 4).length, 4, 'a hole reads as zeros');
  f.release();
  t.equal(vfs.disk.usedBytes - used, 1, 'one byte allocated');
  t.equal(vfs.stat('/home/user/far').size, 1.5 * 2 ** 30 + 10);
  t.ok(statSync(path).size + statSync(path + '-wal').size < 4 << 20, 'the database stays small');
  db.close();
});

t.test('hard links persist with their link counts; unlinking one name keeps the data', async (t) => {
  const path = join(tempDir(t), 'akuma.db');
  {
    const db = new Database(path);
    const vfs = new Vfs({ db });
    vfs.writeFile('/home/user/a', 'shared bytes');
    vfs.linkAt(null, '/', '/home/user/a', '/', '/home/user/b', false);
    vfs.mkdir('/home/user/d');
    vfs.linkAt(null, '/', '/home/user/a', '/', '/home/user/d/c', false);
    t.equal(vfs.stat('/home/user/b').nlink, 3);
    t.equal(vfs.stat('/home/user/a').ino, vfs.stat('/home/user/d/c').ino);
    vfs.remove('/home/user/a');
    db.close();
  }
  const db = new Database(path);
  const vfs = new Vfs({ db });
  t.equal(vfs.stat('/home/user/b').nlink, 2, 'two names left after a restart');
  t.equal(vfs.readText('/home/user/d/c'), 'shared bytes');
  vfs.remove('/home/user/b');
  vfs.remove('/home/user/d', { recursive: true });
  t.equal(count(db, "SELECT count(*) AS n FROM fs_inodes WHERE type = 'reg' AND ino NOT IN (SELECT ino FROM fs_dirents)"), 0, 'the inode went with its last name');
  db.close();
});

/** The child: a machine on a real database file running the guest program bigwrite. */
const GUEST_WRITER = `
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { bootKernel } from ${JSON.stringify(new URL('../../kernel/boot.js', import.meta.url).href)};
import { HostInput, HostOutput } from ${JSON.stringify(new URL('../../kernel/fs/stdio.js', import.meta.url).href)};
const [path, binary, mib] = process.argv.slice(2);
const db = new Database(path);
const { kernel, vfs } = bootKernel({ ramSize: 64 * 1024 * 1024, fs: { db } });
vfs.writeFile('/bin/bigwrite', readFileSync(binary), { mode: 0o755 });
const out = new HostOutput((d) => { process.stdout.write(d); });
const stdin = new HostInput();
stdin.end();
kernel.spawn('/bin/bigwrite', ['/bin/bigwrite', '/home/user/big', mib], [], { cwd: '/', stdin, stdout: out, stderr: out });
setInterval(() => process.stdout.write('rss ' + Math.round(process.memoryUsage().rss / 1048576) + '\\n'), 250);
`;

t.test('a 700 MB file written with fsync by a guest program survives SIGKILL of the machine, sha256 intact', { timeout: 600_000 }, async (t) => {
  const MIB = 700;
  const binary = join(HERE, '../../../packages/kernel-tests/bin/bigwrite');
  const dir = tempDir(t);
  const path = join(dir, 'akuma.db');
  const script = join(HERE, 'fs-extents-writer.tmp.mjs');
  writeFileSync(script, GUEST_WRITER);
  t.teardown(() => rmSync(script, { force: true }));
  const started = Date.now();
  const child = spawn(process.execPath, [script, path, binary, String(MIB)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peakMiB = 0;
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      for (const m of out.matchAll(/rss (\d+)/g)) peakMiB = Math.max(peakMiB, Number(m[1]));
      if (out.includes('synced\n')) resolve();
      if (/failed/.test(out)) reject(new Error(out));
    });
    child.once('exit', (code) => reject(new Error(`writer exited early: ${code} ${out}`)));
  });
  const writeMs = Date.now() - started;
  await new Promise((r) => setTimeout(r, 500)); // it is overwriting the file, unsynced
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const expected = createHash('sha256');
  const chunk = new Uint32Array(1 << 18);
  for (let j = 0; j < chunk.length; j++) chunk[j] = Math.imul(j, 2654435761) >>> 0;
  const bytes = new Uint8Array(chunk.buffer);
  for (let i = 0; i < MIB; i++) {
    chunk[0] = i;
    chunk[1] = 0;
    expected.update(bytes);
  }
  const readStarted = Date.now();
  const db = new Database(path);
  t.equal(db.pragma('quick_check', { simple: true }), 'ok', 'the database is consistent');
  const vfs = new Vfs({ db });
  t.equal(vfs.stat('/home/user/big').size, MIB << 20, 'the size as of the last fsync');
  const f = vfs.open('/home/user/big', O_RDONLY);
  const got = createHash('sha256');
  for (let off = 0; ; off += 1 << 20) {
    const d = f.pread(off, 1 << 20);
    if (d.length === 0) break;
    got.update(d);
  }
  f.release();
  const readMs = Date.now() - readStarted;
  t.equal(got.digest('hex'), expected.digest('hex'), 'same sha256 as the guest wrote and synced');
  t.comment(`700 MB by a guest program: write+fsync ${writeMs} ms (machine peak RSS ${peakMiB} MiB), reopen+read ${readMs} ms, database ${Math.round(statSync(path).size / 1048576)} MiB`);
  t.ok(peakMiB > 0 && peakMiB < MIB * 0.6, `the machine's RSS (${peakMiB} MiB) stayed well under the file's size`);
  db.close();
});
