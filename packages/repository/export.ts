/**
 * `akuma-vm repo export FILE`: the catalogue of a data directory's repository (every
 * published version with its blob and, for .debs, their files) as a file of its own, for a
 * farm of servers to share read-only (`serve --repository FILE`), from an image layer or a
 * read-only volume.
 *
 * The file is written beside its destination and renamed into place, so a server that opens
 * it sees the old catalogue or the new one, never half of one. It uses a rollback journal,
 * not WAL: a WAL database cannot be opened where its directory is read-only, which is where a
 * shared file lives. It holds no disk, no host key and no installation record, and is made
 * readable by all (0644): it is published, like the packages in it.
 */

import { chmodSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './schema.js';

/** The tables that make a catalogue; the others are one machine's record. */
const CATALOGUE_TABLES = ['packages', 'package_files'];

export interface ExportResult {
  versions: number;
  bytes: number;
}

export function exportCatalogue(source: Database.Database, file: string): ExportResult {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temp, { force: true });
  try {
    const out = new Database(temp);
    try {
      out.pragma('journal_mode = DELETE');
      migrate(out);
    } finally {
      out.close();
    }
    // ATTACH takes a plain path (this SQLite build has no URI filenames); the schema name
    // keeps every statement below pointed at the right file.
    source.prepare('ATTACH DATABASE ? AS export_target').run(temp);
    try {
      source.transaction(() => {
        for (const table of CATALOGUE_TABLES) source.exec(`INSERT INTO export_target.${table} SELECT * FROM main.${table}`);
      })();
    } finally {
      source.exec('DETACH DATABASE export_target');
    }
    const check = new Database(temp);
    let versions: number;
    try {
      check.exec('VACUUM');
      versions = (check.prepare('SELECT count(*) AS n FROM packages').get() as { n: number }).n;
    } finally {
      check.close();
    }
    chmodSync(temp, 0o644);
    renameSync(temp, file);
    return { versions, bytes: statSync(file).size };
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
