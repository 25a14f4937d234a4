/**
 * The package repository: every published version of every guest program, stored with
 * its ELF blob and sha256 in the data directory's SQLite database, and the record of
 * what is installed where.
 *
 * Publishing checks that a blob is an AArch64 executable (with the kernel's own ELF
 * validation) before it can reach any machine; fetching re-hashes the blob, so a
 * corrupted row is refused instead of installed. Each write is one SQLite transaction:
 * a server killed mid-publish or mid-install leaves the package fully there or absent.
 */

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parseElf, ElfError } from '../../kernel/elf.js';
import { compareVersions, type InstalledInfo, type PackageInfo, type PackageStore } from '../../kernel/shell/pkg.js';
import { migrate } from './schema.js';

export { compareVersions };

/** A published version: what `pkg` sees (PackageInfo) plus the repository's bookkeeping. */
export interface PackageRecord extends PackageInfo {
  base: boolean;
  publishedAt: number;
}

export interface InstalledRecord extends InstalledInfo {
  installedAt: number;
}

export interface PublishRequest {
  name: string;
  version: string;
  description?: string;
  blob: Uint8Array;
  base?: boolean;
}

/** A repository error whose message is the one line a user sees. */
export class RepositoryError extends Error {
  override name = 'RepositoryError';
}

const NAME = /^[a-z0-9][a-z0-9._+-]{0,63}$/;
const VERSION = /^\d+(\.\d+){0,3}([-+][0-9A-Za-z.-]+)?$/;

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Parses `name` or `name@version`. */
export function parseSpec(spec: string): { name: string; version?: string } {
  const at = spec.indexOf('@');
  return at < 0 ? { name: spec } : { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

interface Row {
  name: string;
  version: string;
  description: string;
  arch: string;
  size: number;
  sha256: string;
  base: number;
  published_at: number;
}

function toRecord(r: Row): PackageRecord {
  return {
    name: r.name,
    version: r.version,
    description: r.description,
    arch: r.arch,
    size: r.size,
    sha256: r.sha256,
    base: r.base === 1,
    publishedAt: r.published_at,
  };
}

const COLUMNS = 'name, version, description, arch, size, sha256, base, published_at';

export class PackageRepository implements PackageStore {
  constructor(readonly db: Database.Database) {
    migrate(db);
  }

  /** Validates and stores a package version. Refuses a version that is already published. */
  publish(req: PublishRequest): PackageRecord {
    if (!NAME.test(req.name)) throw new RepositoryError(`invalid package name '${req.name}' (lower-case letters, digits, . _ + -)`);
    if (!VERSION.test(req.version)) throw new RepositoryError(`invalid version '${req.version}' (expected e.g. 1.0.0)`);
    try {
      parseElf(req.blob);
    } catch (err) {
      if (err instanceof ElfError) throw new RepositoryError(`not an AArch64 executable: ${err.reason}`);
      throw err;
    }
    const record: PackageRecord = {
      name: req.name,
      version: req.version,
      description: (req.description ?? '').replace(/\s+/g, ' ').trim(),
      arch: 'aarch64',
      size: req.blob.length,
      sha256: sha256Hex(req.blob),
      base: req.base ?? false,
      publishedAt: Date.now(),
    };
    this.db.transaction(() => {
      if (this.get(req.name, req.version)) throw new RepositoryError(`${req.name} ${req.version} is already published`);
      this.db
        .prepare(`INSERT INTO packages (${COLUMNS}, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(record.name, record.version, record.description, record.arch, record.size, record.sha256, record.base ? 1 : 0, record.publishedAt, Buffer.from(req.blob));
    })();
    return record;
  }

  /** Removes one version, or every version when none is given. Returns how many went. */
  withdraw(name: string, version?: string): number {
    const result = version
      ? this.db.prepare('DELETE FROM packages WHERE name = ? AND version = ?').run(name, version)
      : this.db.prepare('DELETE FROM packages WHERE name = ?').run(name);
    if (result.changes === 0) throw new RepositoryError(`package '${version ? `${name}@${version}` : name}' not found`);
    return result.changes;
  }

  /** Every published version, by name then version. */
  list(): PackageRecord[] {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM packages`).all() as Row[];
    return rows.map(toRecord).sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  }

  get(name: string, version: string): PackageRecord | undefined {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE name = ? AND version = ?`).get(name, version) as Row | undefined;
    return row && toRecord(row);
  }

  /** The newest version of a package. */
  latest(name: string): PackageRecord | undefined {
    const rows = this.db.prepare(`SELECT ${COLUMNS} FROM packages WHERE name = ?`).all(name) as Row[];
    return rows.map(toRecord).sort((a, b) => compareVersions(b.version, a.version))[0];
  }

  /** `name` (newest) or `name@version`. */
  find(spec: string): PackageRecord | undefined {
    const { name, version } = parseSpec(spec);
    return version ? this.get(name, version) : this.latest(name);
  }

  /** Newest version of each package whose name or description contains the text. */
  search(text: string): PackageRecord[] {
    const needle = text.toLowerCase();
    const newest = new Map<string, PackageRecord>();
    for (const p of this.list()) {
      if (!p.name.includes(needle) && !p.description.toLowerCase().includes(needle)) continue;
      const seen = newest.get(p.name);
      if (!seen || compareVersions(p.version, seen.version) > 0) newest.set(p.name, p);
    }
    return [...newest.values()];
  }

  /** The ELF blob of a version, re-hashed: a blob that does not match its sha256 is refused. */
  fetch(name: string, version: string): Uint8Array {
    const row = this.db.prepare('SELECT blob, sha256 FROM packages WHERE name = ? AND version = ?').get(name, version) as
      | { blob: Buffer; sha256: string }
      | undefined;
    if (!row) throw new RepositoryError(`package '${name}@${version}' not found`);
    const actual = sha256Hex(row.blob);
    if (actual !== row.sha256) throw new RepositoryError(`${name} ${version}: checksum mismatch (expected ${row.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…); not installed`);
    return new Uint8Array(row.blob.buffer, row.blob.byteOffset, row.blob.byteLength);
  }

  installed(): InstalledRecord[] {
    const rows = this.db.prepare('SELECT name, version, path, installed_at FROM installed ORDER BY name').all() as {
      name: string;
      version: string;
      path: string;
      installed_at: number;
    }[];
    return rows.map((r) => ({ name: r.name, version: r.version, path: r.path, installedAt: r.installed_at }));
  }

  installedVersion(name: string): InstalledRecord | undefined {
    return this.installed().find((r) => r.name === name);
  }

  /**
   * Records an installation. `place` writes the file into the guest filesystem; it runs
   * inside the same transaction, so when the guest disk lives in this database too the
   * file and the record commit together or not at all.
   */
  install(record: PackageRecord, path: string, place: (blob: Uint8Array) => void): void {
    const blob = this.fetch(record.name, record.version);
    this.db.transaction(() => {
      place(blob);
      this.db
        .prepare('INSERT INTO installed (name, version, path, installed_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, path = excluded.path, installed_at = excluded.installed_at')
        .run(record.name, record.version, path, Date.now());
    })();
  }

  /** Forgets an installation; `unplace` removes the file in the same transaction. */
  uninstall(name: string, unplace: (path: string) => void): InstalledRecord {
    const current = this.installedVersion(name);
    if (!current) throw new RepositoryError(`package '${name}' is not installed`);
    this.db.transaction(() => {
      unplace(current.path);
      this.db.prepare('DELETE FROM installed WHERE name = ?').run(name);
    })();
    return current;
  }
}
