/**
 * The package repository as one copy-on-write machine sees it (serve --machines
 * per-session / per-user): the published packages are the data directory's, read from its
 * SQLite file, while what is installed is the machine's own, so `pkg install` in one
 * machine is seen by no other and is gone with the machine.
 *
 * It is an in-memory SQLite database holding the machine's `installed` and
 * `installed_files` tables (a copy of the base system's records, taken at boot, as the
 * machine's disk starts as the base disk), with the data directory's file attached as
 * `base`. SQLite resolves a table name in the main database first and in attached ones
 * after, so the repository's own queries, joins included, read the machine's records and
 * the shared catalogue unchanged.
 */

import Database from 'better-sqlite3';
import { PackageRepository, type SharedCatalogue } from './repository.js';

/** The machine's own tables, as schema.ts defines them in the data directory. */
const MACHINE_TABLES = `
  CREATE TABLE installed (
    name         TEXT    PRIMARY KEY,
    version      TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    installed_at INTEGER NOT NULL
  );
  CREATE TABLE installed_files (
    path     TEXT    PRIMARY KEY,
    name     TEXT    NOT NULL,
    type     TEXT    NOT NULL
  );
  CREATE INDEX installed_files_by_name ON installed_files (name);`;

/** Pages of the attached file a machine may cache (SQLite's default is 2 MB per database). */
const BASE_CACHE_KIB = 256;

export class MachineRepositoryError extends Error {
  override name = 'MachineRepositoryError';
}

/**
 * A machine's view of the repository in `baseFile` (the data directory's database file):
 * close it with the machine (`repository.db.close()`). With `shared` (serve --repository)
 * the packages come from that read-only catalogue instead, as for the base machine.
 */
export function openMachineRepository(baseFile: string, shared?: SharedCatalogue | null): PackageRepository {
  if (!baseFile || baseFile === ':memory:') throw new MachineRepositoryError('a machine of its own needs the repository in a database file (the data directory), not in memory');
  const db = new Database(':memory:');
  try {
    db.exec(MACHINE_TABLES);
    db.prepare('ATTACH DATABASE ? AS base').run(baseFile);
    db.pragma(`base.cache_size = -${BASE_CACHE_KIB}`);
    db.transaction(() => {
      db.exec('INSERT INTO main.installed SELECT name, version, path, installed_at FROM base.installed');
      db.exec('INSERT INTO main.installed_files SELECT path, name, type FROM base.installed_files');
    })();
  } catch (err) {
    db.close();
    throw err;
  }
  return new PackageRepository(db, { migrate: false, shared: shared ?? undefined });
}
