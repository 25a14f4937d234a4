/**
 * The package repository's tables and their migrations.
 *
 * The repository shares the data directory's SQLite file with the guest disk, so it
 * keeps its own schema version (table repo_schema) instead of PRAGMA user_version.
 * Each migration runs in a transaction with the version bump: a server killed during an
 * upgrade leaves the old schema, intact, and the next start runs the migration again.
 * Migrations are appended, never edited, and never drop data.
 */

import type Database from 'better-sqlite3';

const MIGRATIONS: readonly string[] = [
  // 1: packages (every published version, with its ELF blob), what is installed where, and
  //    which bundled versions were ever seeded (so a withdrawn one does not come back).
  `CREATE TABLE packages (
     name         TEXT    NOT NULL,
     version      TEXT    NOT NULL,
     description  TEXT    NOT NULL DEFAULT '',
     arch         TEXT    NOT NULL DEFAULT 'aarch64',
     size         INTEGER NOT NULL,
     sha256       TEXT    NOT NULL,
     blob         BLOB    NOT NULL,
     base         INTEGER NOT NULL DEFAULT 0,
     published_at INTEGER NOT NULL,
     PRIMARY KEY (name, version)
   );
   CREATE TABLE installed (
     name         TEXT    PRIMARY KEY,
     version      TEXT    NOT NULL,
     path         TEXT    NOT NULL,
     installed_at INTEGER NOT NULL
   );
   CREATE TABLE seeded (
     name         TEXT    NOT NULL,
     version      TEXT    NOT NULL,
     PRIMARY KEY (name, version)
   );`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS repo_schema (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT version FROM repo_schema').get() as { version: number } | undefined;
  let version = row?.version ?? 0;
  if (!row) db.prepare('INSERT INTO repo_schema (version) VALUES (0)').run();
  if (version > SCHEMA_VERSION) {
    throw new Error(`package repository schema version ${version} is newer than this akuma-vm understands (${SCHEMA_VERSION})`);
  }
  while (version < SCHEMA_VERSION) {
    const next = version + 1;
    db.transaction(() => {
      db.exec(MIGRATIONS[version]);
      db.prepare('UPDATE repo_schema SET version = ?').run(next);
    })();
    version = next;
  }
}
