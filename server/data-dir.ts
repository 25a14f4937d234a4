/**
 * The data directory: the SQLite database (package repository and guest disk) and the
 * host key. Created on first start with nothing else to set up.
 *
 * It holds the guest's disk and the host's private key, so it is the owner's alone: the
 * directory is made 0700 and every file in it 0600 at each start (a directory created by
 * hand with 0755 is corrected and the correction logged). A problem with it is one line
 * naming the path (DataDirError).
 */

import { accessSync, chmodSync, constants, existsSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'akuma.db';

export class DataDirError extends Error {}

function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'read-only file system' : code === 'ENOTDIR' ? 'a parent is not a directory' : code === 'ENOSPC' ? 'no space left' : (err as Error).message;
}

/**
 * Creates the directory if needed and checks it can be used: a directory, writable.
 * Returns the modes it corrected ("akuma.db 0644 -> 0600").
 */
export function ensureDataDir(dir: string): string[] {
  const where = `--data-dir ${dir}`;
  let existing;
  try {
    existing = statSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new DataDirError(`${where}: cannot use it: ${reason(err)}`);
  }
  if (existing && !existing.isDirectory()) throw new DataDirError(`${where}: is a file, not a directory`);
  if (!existing) {
    try {
      makeDirs(resolve(dir));
    } catch (err) {
      throw new DataDirError(`${where}: cannot create it: ${reason(err)}`);
    }
  }
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (err) {
    throw new DataDirError(`${where}: not writable (${resolve(dir)}: ${reason(err)})`);
  }
  return fixModes(dir);
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync spins forever where mkdir
 * says ENOENT under a directory that exists (/proc/1/x).
 */
function makeDirs(path: string): void {
  const parent = dirname(path);
  if (parent !== path && !existsSync(parent)) makeDirs(parent);
  mkdirSync(path, { mode: 0o700 });
}

/** The directory 0700, the regular files directly in it 0600. */
function fixModes(dir: string): string[] {
  const fixed: string[] = [];
  const fix = (path: string, name: string, want: number) => {
    const st = lstatSync(path);
    if ((st.mode & 0o777) === want) return;
    try {
      chmodSync(path, want);
      fixed.push(`${name} ${(st.mode & 0o777).toString(8).padStart(4, '0')} -> ${want.toString(8).padStart(4, '0')}`);
    } catch (err) {
      throw new DataDirError(`--data-dir ${dir}: cannot make ${name} private: ${reason(err)}`);
    }
  };
  fix(dir, '.', 0o700);
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (lstatSync(path).isFile()) fix(path, name, 0o600);
  }
  return fixed;
}

/**
 * Opens (or creates) the database. WAL with synchronous=FULL: every committed transaction
 * survives a crash of the server or the host, and a server killed at any moment leaves
 * the file consistent (SQLite rolls back the unfinished transaction on the next open).
 */
export function openDatabase(dir: string): Database.Database {
  ensureDataDir(dir);
  let db: Database.Database;
  try {
    db = new Database(join(dir, DATABASE_FILE));
    db.pragma('journal_mode = WAL');
  } catch (err) {
    throw new DataDirError(`--data-dir ${dir}: cannot open ${join(resolve(dir), DATABASE_FILE)}: ${(err as Error).message}`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // A `repo add` while the server runs waits for the server's transaction instead of failing.
  db.pragma('busy_timeout = 5000');
  // SQLite creates the -wal and -shm files with the process umask; they hold disk data too.
  fixModes(dir);
  return db;
}
