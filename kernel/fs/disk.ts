/**
 * The disk: the root file system stored in the data directory's SQLite database (tables fs_*,
 * next to the package repository's). Directory changes are committed at once, a file's bytes when
 * it is synced or closed, each in one transaction; WAL mode means a server killed at any moment
 * leaves the last committed state. The schema has its own version (fs_meta.schema_version) and
 * migrations run in order at open.
 */

import Database from 'better-sqlite3';
import { makedev, type InodeType } from './constants.js';
import { MemDir, MemFile, MemFs, MemSymlink, type FsStore, type MemInode } from './memfs.js';

export type SqliteDatabase = Database.Database;

/** Migration i brings the schema from version i to i+1. Append only. */
const MIGRATIONS: ReadonlyArray<(db: SqliteDatabase) => void> = [
  (db) => {
    db.exec(`
      CREATE TABLE fs_inodes (
        ino INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('dir', 'reg', 'lnk')),
        mode INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        gid INTEGER NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        atime REAL NOT NULL,
        mtime REAL NOT NULL,
        ctime REAL NOT NULL,
        target TEXT
      );
      CREATE TABLE fs_data (
        ino INTEGER PRIMARY KEY REFERENCES fs_inodes(ino) ON DELETE CASCADE,
        data BLOB NOT NULL
      );
      CREATE TABLE fs_dirents (
        dir INTEGER NOT NULL,
        name TEXT NOT NULL,
        ino INTEGER NOT NULL,
        PRIMARY KEY (dir, name)
      );
      CREATE INDEX fs_dirents_by_ino ON fs_dirents(ino);
      INSERT INTO fs_inodes (ino, type, mode, uid, gid, size, atime, mtime, ctime)
        VALUES (1, 'dir', ${0o755}, 0, 0, 0, unixepoch('subsec') * 1000, unixepoch('subsec') * 1000, unixepoch('subsec') * 1000);
    `);
  },
];

export const FS_SCHEMA_VERSION = MIGRATIONS.length;

/** Brings the fs_* tables to the current schema; returns the version found before. */
export function migrate(db: SqliteDatabase): number {
  db.exec('CREATE TABLE IF NOT EXISTS fs_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM fs_meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  const found = row ? Number(row.value) : 0;
  if (found > MIGRATIONS.length) {
    throw new Error(`disk: database schema version ${found} is newer than this program (${MIGRATIONS.length})`);
  }
  for (let v = found; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      MIGRATIONS[v]!(db);
      db.prepare("INSERT INTO fs_meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(v + 1));
    }).immediate();
  }
  return found;
}

interface InodeRow {
  ino: number;
  type: InodeType;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  atime: number;
  mtime: number;
  ctime: number;
  target: string | null;
}

class SqliteStore implements FsStore {
  private readonly q;

  constructor(readonly db: SqliteDatabase) {
    this.q = {
      createInode: db.prepare('INSERT INTO fs_inodes (type, mode, uid, gid, size, atime, mtime, ctime, target) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?)'),
      updateMeta: db.prepare('UPDATE fs_inodes SET mode = ?, uid = ?, gid = ?, atime = ?, mtime = ?, ctime = ? WHERE ino = ?'),
      updateSize: db.prepare('UPDATE fs_inodes SET mode = ?, uid = ?, gid = ?, size = ?, atime = ?, mtime = ?, ctime = ? WHERE ino = ?'),
      writeData: db.prepare('INSERT INTO fs_data (ino, data) VALUES (?, ?) ON CONFLICT(ino) DO UPDATE SET data = excluded.data'),
      readData: db.prepare('SELECT data FROM fs_data WHERE ino = ?').pluck(),
      addEntry: db.prepare('INSERT INTO fs_dirents (dir, name, ino) VALUES (?, ?, ?)'),
      removeEntry: db.prepare('DELETE FROM fs_dirents WHERE dir = ? AND name = ?'),
      deleteData: db.prepare('DELETE FROM fs_data WHERE ino = ?'),
      deleteInode: db.prepare('DELETE FROM fs_inodes WHERE ino = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  createInode(n: { type: InodeType; mode: number; uid: number; gid: number; atimeMs: number; mtimeMs: number; ctimeMs: number }, target?: string): number {
    const r = this.q.createInode.run(n.type, n.mode, n.uid, n.gid, n.atimeMs, n.mtimeMs, n.ctimeMs, target ?? null);
    return Number(r.lastInsertRowid);
  }

  updateMeta(n: MemInode): void {
    this.q.updateMeta.run(n.mode, n.uid, n.gid, n.atimeMs, n.mtimeMs, n.ctimeMs, n.ino);
  }

  writeData(n: MemFile, data: Uint8Array): void {
    this.transaction(() => {
      this.q.writeData.run(n.ino, Buffer.from(data.buffer, data.byteOffset, data.length));
      this.q.updateSize.run(n.mode, n.uid, n.gid, data.length, n.atimeMs, n.mtimeMs, n.ctimeMs, n.ino);
    });
  }

  readData(ino: number): Uint8Array {
    const b = this.q.readData.get(ino) as Buffer | undefined;
    return b ?? new Uint8Array(0);
  }

  addEntry(dir: number, name: string, ino: number): void {
    this.q.addEntry.run(dir, name, ino);
  }

  removeEntry(dir: number, name: string): void {
    this.q.removeEntry.run(dir, name);
  }

  deleteInode(ino: number): void {
    this.transaction(() => {
      this.q.deleteData.run(ino);
      this.q.deleteInode.run(ino);
    });
  }
}

export interface DiskOptions {
  /** An open database (the data directory's); an in-memory one when absent. */
  db?: SqliteDatabase;
  /** Byte limit for all files (ENOSPC past it). */
  limitBytes?: number;
}

/** The st_dev of the disk (like sda1). */
export const DISK_DEV = makedev(8, 1);

/** Opens (creating or migrating) the disk in `db` and loads its tree. */
export function openDisk(opts: DiskOptions = {}): MemFs {
  const db = opts.db ?? new Database(':memory:');
  if (!db.memory) db.pragma('journal_mode = WAL');
  const found = migrate(db);
  const store = new SqliteStore(db);
  const fs = new MemFs(DISK_DEV, store, opts.limitBytes ?? 1024 * 1024 * 1024);
  fs.fresh = found === 0;
  load(db, fs);
  return fs;
}

/** Builds the in-memory tree from the tables; repairs what an interrupted run could leave. */
function load(db: SqliteDatabase, fs: MemFs): void {
  const rows = db.prepare('SELECT ino, type, mode, uid, gid, size, atime, mtime, ctime, target FROM fs_inodes').all() as InodeRow[];
  const nodes = new Map<number, MemInode>();
  for (const r of rows) {
    if (r.ino === 1) {
      Object.assign(fs.root, { mode: r.mode, uid: r.uid, gid: r.gid, atimeMs: r.atime, mtimeMs: r.mtime, ctimeMs: r.ctime });
      nodes.set(1, fs.root);
      continue;
    }
    let node: MemInode;
    if (r.type === 'dir') node = new MemDir(fs, r.ino, r.mode, r.uid, r.gid, null, r.mtime);
    else if (r.type === 'reg') node = new MemFile(fs, r.ino, r.mode, r.uid, r.gid, r.mtime, r.size, false);
    else node = new MemSymlink(fs, r.ino, r.target ?? '', r.uid, r.gid, r.mtime);
    node.atimeMs = r.atime;
    node.ctimeMs = r.ctime;
    nodes.set(r.ino, node);
  }
  const entries = db.prepare('SELECT dir, name, ino FROM fs_dirents ORDER BY rowid').all() as Array<{ dir: number; name: string; ino: number }>;
  const reachable = new Set<number>([1]);
  const broken: Array<{ dir: number; name: string }> = [];
  for (const e of entries) {
    const dir = nodes.get(e.dir);
    const child = nodes.get(e.ino);
    if (!(dir instanceof MemDir) || !child || reachable.has(e.ino)) {
      broken.push(e);
      continue;
    }
    dir.children.set(e.name, child);
    if (child instanceof MemDir) child.parent = dir;
    reachable.add(e.ino);
  }
  // Inodes no entry names: files unlinked while open when the server stopped.
  const orphans = [...nodes.keys()].filter((ino) => !reachable.has(ino));
  if (broken.length > 0 || orphans.length > 0) {
    const store = fs.store!;
    store.transaction(() => {
      for (const e of broken) store.removeEntry(e.dir, e.name);
      for (const ino of orphans) {
        const n = nodes.get(ino);
        if (n instanceof MemFile) fs.usedBytes -= n.size();
        store.deleteInode(ino);
      }
    });
  }
}
