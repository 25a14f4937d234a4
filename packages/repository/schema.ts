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
  // 2: Debian packages. A .deb's version row keeps the .deb itself as its blob, its
  //    relation fields, and every entry of its data.tar (package_files); an install of
  //    one records each path it placed (installed_files) so removal takes exactly those.
  `ALTER TABLE packages ADD COLUMN format      TEXT NOT NULL DEFAULT 'elf';
   ALTER TABLE packages ADD COLUMN depends     TEXT NOT NULL DEFAULT '';
   ALTER TABLE packages ADD COLUMN pre_depends TEXT NOT NULL DEFAULT '';
   ALTER TABLE packages ADD COLUMN provides    TEXT NOT NULL DEFAULT '';
   ALTER TABLE packages ADD COLUMN conflicts   TEXT NOT NULL DEFAULT '';
   ALTER TABLE packages ADD COLUMN breaks      TEXT NOT NULL DEFAULT '';
   CREATE TABLE package_files (
     name     TEXT    NOT NULL,
     version  TEXT    NOT NULL,
     seq      INTEGER NOT NULL,
     path     TEXT    NOT NULL,
     type     TEXT    NOT NULL,
     mode     INTEGER NOT NULL,
     target   TEXT,
     data     BLOB,
     PRIMARY KEY (name, version, seq)
   );
   CREATE TABLE installed_files (
     path     TEXT    PRIMARY KEY,
     name     TEXT    NOT NULL,
     type     TEXT    NOT NULL
   );
   CREATE INDEX installed_files_by_name ON installed_files (name);`,
  // 3: what an upgrade needs to know of a .deb: the packages whose files it may take over
  //    (Replaces) and its configuration files (control.tar's conffiles, one path a line),
  //    which an upgrade leaves alone when the user changed them.
  `ALTER TABLE packages ADD COLUMN replaces  TEXT NOT NULL DEFAULT '';
   ALTER TABLE packages ADD COLUMN conffiles TEXT NOT NULL DEFAULT '';`,
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
