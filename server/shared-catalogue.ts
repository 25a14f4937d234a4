/**
 * `serve --repository FILE`: the package catalogue a farm of servers shares, opened
 * read-only (a file made by `akuma-vm repo export`, from an image layer or a read-only
 * volume). Every server reads the same packages; each keeps what it installed in its own
 * data directory. A problem with the file is one line naming it.
 */

import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { SharedCatalogue } from '../packages/repository/repository.js';

export class SharedCatalogueError extends Error {}

export function openSharedCatalogue(file: string): SharedCatalogue {
  const where = `--repository ${file}`;
  let st;
  try {
    st = statSync(file);
    accessSync(file, constants.R_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new SharedCatalogueError(`${where}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  if (!st.isFile()) throw new SharedCatalogueError(`${where}: not a file`);
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    // A database that is not SQLite fails here, at the first read, not at open.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { db, file: resolve(file) };
  } catch (err) {
    throw new SharedCatalogueError(`${where}: cannot read it as a repository: ${(err as Error).message}`);
  }
}
