/**
 * The data directory: the SQLite database (package repository and guest disk) and the
 * host key. Created on first start with nothing else to set up.
 */

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'akuma.db';

export function ensureDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Opens (or creates) the database. WAL with synchronous=FULL: every committed transaction
 * survives a crash of the server or the host, and a server killed at any moment leaves
 * the file consistent (SQLite rolls back the unfinished transaction on the next open).
 */
export function openDatabase(dir: string): Database.Database {
  ensureDataDir(dir);
  const db = new Database(join(dir, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Concurrent writers (a second server on the same directory, a `repo add` while serving) wait instead of failing.
  db.pragma('busy_timeout = 5000');
  return db;
}
