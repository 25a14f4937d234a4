/**
 * The disk: the root file system stored in the data directory's SQLite database (tables fs_*,
 * next to the package repository's). Inodes (fs_inodes) are apart from the names that point at
 * them (fs_dirents: several for a hard-linked file). A file's bytes are fixed-size extents
 * (fs_extents, see extents.ts) whose bytes are rows of fs_blobs; holes have no row. Directory
 * changes are committed at once, a file's changed extents and size when it is synced or closed,
 * each in one transaction; WAL mode means a server killed at any moment leaves the last
 * committed state (blobs parked by a file not yet synced are unreferenced, and removed at the
 * next open). The schema has its own version (fs_meta.schema_version) and migrations run in
 * order at open.
 */

import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { makedev, type InodeType } from './constants.js';
import { EXTENT_SIZE, type ExtentPut, type StoredExtent } from './extents.js';
import { MemDir, MemFifo, MemFile, MemFs, MemSymlink, type FsStore, type MemInode } from './memfs.js';

export type SqliteDatabase = BetterSqlite3.Database;

/**
 * better-sqlite3, loaded when an in-memory disk is first opened: a caller with a data
 * directory has loaded it already, and `run -L` (whose root is a host directory) never
 * needs it, so its start does not pay for loading the native module.
 */
function inMemoryDatabase(): SqliteDatabase {
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return new Database(':memory:');
}

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
  // 2: a file's bytes as 64 KiB extents instead of one value (which SQLite caps at 512 MiB and
  // which every commit rewrote whole). Existing files are split; fs_data goes.
  (db) => {
    db.exec(`
      CREATE TABLE fs_blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
      CREATE TABLE fs_extents (
        ino INTEGER NOT NULL,
        idx INTEGER NOT NULL,
        blob INTEGER NOT NULL,
        len INTEGER NOT NULL,
        PRIMARY KEY (ino, idx)
      ) WITHOUT ROWID;
      CREATE INDEX fs_extents_by_blob ON fs_extents(blob);
    `);
    const inos = db.prepare('SELECT d.ino AS ino, i.size AS size FROM fs_data d JOIN fs_inodes i ON i.ino = d.ino').all() as Array<{ ino: number; size: number }>;
    const get = db.prepare('SELECT data FROM fs_data WHERE ino = ?').pluck();
    const blob = db.prepare('INSERT INTO fs_blobs (data) VALUES (?)');
    const ext = db.prepare('INSERT INTO fs_extents (ino, idx, blob, len) VALUES (?, ?, ?, ?)');
    for (const { ino, size } of inos) {
      const data = get.get(ino) as Buffer;
      const end = Math.min(size, data.length);
      for (let off = 0, idx = 0; off < end; off += EXTENT_SIZE, idx++) {
        const piece = data.subarray(off, Math.min(end, off + EXTENT_SIZE));
        ext.run(ino, idx, Number(blob.run(piece).lastInsertRowid), piece.length);
      }
    }
    db.exec('DROP TABLE fs_data');
  },
  // 3: named pipes (mknod S_IFIFO) are inodes too: the type check admits 'fifo'.
  (db) => {
    db.exec(`
      CREATE TABLE fs_inodes_v3 (
        ino INTEGER PRIMARY KEY,
        type TEXT NOT NULL CHECK (type IN ('dir', 'reg', 'lnk', 'fifo')),
        mode INTEGER NOT NULL,
        uid INTEGER NOT NULL,
        gid INTEGER NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        atime REAL NOT NULL,
        mtime REAL NOT NULL,
        ctime REAL NOT NULL,
        target TEXT
      );
      INSERT INTO fs_inodes_v3 SELECT ino, type, mode, uid, gid, size, atime, mtime, ctime, target FROM fs_inodes;
      DROP TABLE fs_inodes;
      ALTER TABLE fs_inodes_v3 RENAME TO fs_inodes;
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
      readBlob: db.prepare('SELECT data FROM fs_blobs WHERE id = ?').pluck(),
      putBlob: db.prepare('INSERT INTO fs_blobs (data) VALUES (?)'),
      dropBlob: db.prepare('DELETE FROM fs_blobs WHERE id = ?'),
      putExtent: db.prepare('INSERT INTO fs_extents (ino, idx, blob, len) VALUES (?, ?, ?, ?) ON CONFLICT(ino, idx) DO UPDATE SET blob = excluded.blob, len = excluded.len'),
      dropExtent: db.prepare('DELETE FROM fs_extents WHERE ino = ? AND idx = ?'),
      dropBlobsOf: db.prepare('DELETE FROM fs_blobs WHERE id IN (SELECT blob FROM fs_extents WHERE ino = ?)'),
      dropExtentsOf: db.prepare('DELETE FROM fs_extents WHERE ino = ?'),
      addEntry: db.prepare('INSERT INTO fs_dirents (dir, name, ino) VALUES (?, ?, ?)'),
      removeEntry: db.prepare('DELETE FROM fs_dirents WHERE dir = ? AND name = ?'),
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

  updateSize(n: MemFile): void {
    this.q.updateSize.run(n.mode, n.uid, n.gid, n.size(), n.atimeMs, n.mtimeMs, n.ctimeMs, n.ino);
  }

  readBlob(id: number): Uint8Array {
    return (this.q.readBlob.get(id) as Buffer | undefined) ?? new Uint8Array(0);
  }

  putBlob(data: Uint8Array): number {
    return Number(this.q.putBlob.run(Buffer.from(data.buffer, data.byteOffset, data.length)).lastInsertRowid);
  }

  dropBlob(id: number): void {
    this.q.dropBlob.run(id);
  }

  commitExtents(ino: number, removed: Array<{ idx: number; blob: number }>, put: ExtentPut[], also: () => void): number[] {
    return this.transaction(() => {
      for (const r of removed) {
        this.q.dropExtent.run(ino, r.idx);
        this.q.dropBlob.run(r.blob);
      }
      const ids = put.map((p) => {
        const id = p.blob ?? this.putBlob(p.data!);
        this.q.putExtent.run(ino, p.idx, id, p.len);
        if (p.old !== undefined && p.old !== id) this.q.dropBlob.run(p.old);
        return id;
      });
      also();
      return ids;
    });
  }

  addEntry(dir: number, name: string, ino: number): void {
    this.q.addEntry.run(dir, name, ino);
  }

  removeEntry(dir: number, name: string): void {
    this.q.removeEntry.run(dir, name);
  }

  deleteInode(ino: number): void {
    this.transaction(() => {
      this.q.dropBlobsOf.run(ino);
      this.q.dropExtentsOf.run(ino);
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
  const db = opts.db ?? inMemoryDatabase();
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
  // Blobs a file parked before its commit, when the server stopped before that commit.
  db.prepare('DELETE FROM fs_blobs WHERE NOT EXISTS (SELECT 1 FROM fs_extents e WHERE e.blob = fs_blobs.id)').run();
  const extents = new Map<number, StoredExtent[]>();
  for (const e of db.prepare('SELECT ino, idx, blob, len FROM fs_extents').iterate() as Iterable<StoredExtent & { ino: number }>) {
    let list = extents.get(e.ino);
    if (!list) extents.set(e.ino, (list = []));
    list.push({ idx: e.idx, blob: e.blob, len: e.len });
  }
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
    else if (r.type === 'reg') node = new MemFile(fs, r.ino, r.mode, r.uid, r.gid, r.mtime, r.size, extents.get(r.ino));
    else if (r.type === 'fifo') node = new MemFifo(fs, r.ino, r.mode, r.uid, r.gid, r.mtime);
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
    // A directory has one name; files and symlinks may have several (hard links).
    if (!(dir instanceof MemDir) || !child || (child instanceof MemDir && reachable.has(e.ino)) || dir.children.has(e.name)) {
      broken.push(e);
      continue;
    }
    dir.children.set(e.name, child);
    if (child instanceof MemDir) child.parent = dir;
    else child.links++;
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
        if (n instanceof MemFile) fs.usedBytes -= n.allocatedBytes;
        store.deleteInode(ino);
      }
    });
  }
}
