/**
 * One server per data directory. Two servers sharing one database each keep their own
 * view of the guest disk and overwrite each other's files, so the second must refuse.
 *
 * The lock is an exclusive SQLite lock on a file of its own (server.lock): SQLite takes
 * it with the operating system's byte-range locks, which the kernel releases when the
 * process ends in any way, kill -9 included, so a crashed server never leaves a stale
 * lock behind. The holder's pid is written next to it (server.pid) so the refusal can
 * name it. `repo` commands do not take the lock: they share the database with a running
 * server through SQLite's own locking, which is safe for them.
 */

import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DataDirError } from './data-dir.js';

export const LOCK_FILE = 'server.lock';
export const PID_FILE = 'server.pid';

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dir: string): DataDirLock {
  const lockPath = join(dir, LOCK_FILE);
  let db: Database.Database | null = null;
  try {
    db = new Database(lockPath);
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db?.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      let holder = 'unknown';
      try {
        holder = readFileSync(join(dir, PID_FILE), 'utf8').trim() || holder;
      } catch {
        // The holder has not written its pid yet.
      }
      throw new DataDirError(`data directory ${resolve(dir)} is in use by another akuma-vm server (pid ${holder})`);
    }
    throw new DataDirError(`--data-dir ${dir}: cannot lock ${lockPath}: ${(err as Error).message}`);
  }
  chmodSync(lockPath, 0o600);
  writeFileSync(join(dir, PID_FILE), `${process.pid}\n`, { mode: 0o600 });
  const held = db;
  return {
    release: () => {
      try {
        held.exec('ROLLBACK');
      } catch {
        // Nothing to undo.
      }
      held.close();
    },
  };
}
