/**
 * The package repository: every published version of every guest program, stored with
 * its ELF blob and sha256 in the data directory's SQLite database, and the record of
 * what is installed where.
 *
 * Publishing checks that a blob is an AArch64 executable (with the kernel's own ELF
 * validation) before it can reach any machine; fetching re-hashes the blob, so a
 * corrupted row is refused instead of installed. Each write is one SQLite transaction:
 * a server killed mid-publish or mid-install leaves the package fully there or absent.
 *
 * Two roles, usually one database: the catalogue (tables packages and package_files, what
 * can be installed) and the record of what this machine installed (installed,
 * installed_files, seeded). A farm of servers shares one catalogue, a file made by `akuma-vm
 * repo export` and opened read-only by each (`serve --repository FILE`), while each server's
 * data directory keeps its own installation record; publishing then belongs to the host
 * that builds the file.
 */

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { parseElf, ElfError } from '../../kernel/elf.js';
import { compareVersions as compareSemver, type InstalledInfo, type PackageInfo, type PackageStore, type TreeWriter } from '../userland/shell/pkg.js';
import { migrate, SCHEMA_VERSION } from './schema.js';
import type { DebPackage } from './deb.js';
import { compareDebianVersions, isDebianVersion } from './debian-version.js';
import { relationSatisfiedBy, resolveInstallPlan, type DebCandidate } from './deb-resolver.js';
import { parseRelations } from './debian-version.js';

/**
 * Orders versions: semver for the project's own programs, Debian's rules when both are
 * Debian-style (an epoch, a ~, or not semver at all), so 1:2.0 > 3.0 and 1.0~rc1 < 1.0.
 */
export function compareVersions(a: string, b: string): number {
  const debianish = (v: string) => /[:~]/.test(v) || !/^\d+(\.\d+)*([-+][0-9A-Za-z.-]+)?$/.test(v);
  if ((debianish(a) || debianish(b)) && isDebianVersion(a) && isDebianVersion(b)) return compareDebianVersions(a, b);
  return compareSemver(a, b);
}


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
  format: string;
}

/** A relation field with its continuation lines folded into one line. */
function one(field: string | undefined): string {
  return (field ?? '').replace(/\s+/g, ' ').trim();
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
    format: r.format,
  };
}

const COLUMNS = 'name, version, description, arch, size, sha256, base, published_at, format';

export interface SharedCatalogue {
  /** The catalogue file, opened read-only. */
  db: Database.Database;
  /** Its path, for messages. */
  file: string;
}

export class PackageRepository implements PackageStore {
  /** Where packages and package_files are read: `db` itself, or a shared read-only file. */
  private readonly catalogue: Database.Database;
  /** The shared catalogue (serve --repository), if packages come from one. */
  readonly shared: SharedCatalogue | null;

  /**
   * `migrate: false` for a database whose tables another one holds (machine-repository.ts);
   * `shared` for a catalogue file shared read-only by a farm (serve --repository).
   */
  constructor(readonly db: Database.Database, options: { migrate?: boolean; shared?: SharedCatalogue } = {}) {
    if (options.migrate !== false) migrate(db);
    this.catalogue = options.shared?.db ?? db;
    this.shared = options.shared ?? null;
    if (options.shared) checkSharedSchema(options.shared);
  }

  /** Whether packages come from a shared read-only catalogue (serve --repository). */
  get isShared(): boolean {
    return this.shared !== null;
  }

  /** Publishing and withdrawing change the catalogue: refused when it is a shared file. */
  private mustOwnCatalogue(what: string): void {
    if (this.shared) throw new RepositoryError(`cannot ${what}: the repository is ${this.shared.file}, read-only here (publish where it is built, then akuma-vm repo export it again)`);
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
    this.mustOwnCatalogue(`publish ${req.name} ${req.version}`);
    this.db.transaction(() => {
      if (this.get(req.name, req.version)) throw new RepositoryError(`${req.name} ${req.version} is already published`);
      this.db
        .prepare(`INSERT INTO packages (${COLUMNS}, blob) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(record.name, record.version, record.description, record.arch, record.size, record.sha256, record.base ? 1 : 0, record.publishedAt, 'elf', Buffer.from(req.blob));
    })();
    return record;
  }

  /**
   * Publishes a Debian package read by readDeb: its .deb as the blob, its relations, and
   * every entry of its data tree, in one transaction. Only arm64 and all are accepted.
   */
  importDeb(deb: DebPackage, file: Uint8Array): PackageRecord {
    if (deb.architecture !== 'arm64' && deb.architecture !== 'all') {
      throw new RepositoryError(`${deb.name} ${deb.version}: architecture ${deb.architecture} is not arm64 (or all); not imported`);
    }
    if (!NAME.test(deb.name)) throw new RepositoryError(`invalid package name '${deb.name}'`);
    if (!isDebianVersion(deb.version)) throw new RepositoryError(`${deb.name}: invalid Debian version '${deb.version}'`);
    const c = deb.control;
    const record: PackageRecord = {
      name: deb.name,
      version: deb.version,
      description: deb.description.replace(/\s+/g, ' ').trim(),
      arch: deb.architecture,
      size: file.length,
      sha256: sha256Hex(file),
      base: false,
      publishedAt: Date.now(),
      format: 'deb',
    };
    this.mustOwnCatalogue(`import ${deb.name} ${deb.version}`);
    this.db.transaction(() => {
      if (this.get(deb.name, deb.version)) throw new RepositoryError(`${deb.name} ${deb.version} is already published`);
      this.db
        .prepare(`INSERT INTO packages (${COLUMNS}, blob, depends, pre_depends, provides, conflicts, breaks, replaces, conffiles) VALUES (?, ?, ?, ?, ?, ?, 0, ?, 'deb', ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(record.name, record.version, record.description, record.arch, record.size, record.sha256, record.publishedAt, Buffer.from(file),
          one(c.Depends), one(c['Pre-Depends']), one(c.Provides), one(c.Conflicts), one(c.Breaks), one(c.Replaces), deb.conffiles.join('\n'));
      const put = this.db.prepare('INSERT INTO package_files (name, version, seq, path, type, mode, target, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      deb.entries.forEach((e, i) => put.run(deb.name, deb.version, i, e.path, e.type, e.mode, e.target ?? null, e.data ? Buffer.from(e.data) : null));
    })();
    return record;
  }

  /** Every .deb version as the resolver sees it. */
  private debCandidates(where = "format = 'deb'", ...params: string[]): DebCandidate[] {
    return (
      this.catalogue.prepare(`SELECT name, version, depends, pre_depends, provides, conflicts, breaks, replaces FROM packages WHERE ${where}`).all(...params) as {
        name: string;
        version: string;
        depends: string;
        pre_depends: string;
        provides: string;
        conflicts: string;
        breaks: string;
        replaces: string;
      }[]
    ).map((r) => ({ name: r.name, version: r.version, depends: r.depends, preDepends: r.pre_depends, provides: r.provides, conflicts: r.conflicts, breaks: r.breaks, replaces: r.replaces }));
  }

  /**
   * Installs a .deb and what it needs (resolveInstall), writing every file through `fs`
   * and recording each path, in one transaction. Any failure (a dependency that cannot
   * be satisfied, a conflict, a path another package owns, a write the guest refuses)
   * undoes what was placed and records nothing. An installed package the new one Conflicts
   * with and Replaces is removed first, as dpkg removes it: its files go except its
   * configuration files, which stay as dpkg's remove (not purge) leaves them.
   */
  installTree(pkg: PackageInfo, fs: TreeWriter): PackageInfo[] {
    const [root] = this.debCandidates("format = 'deb' AND name = ? AND version = ?", pkg.name, pkg.version);
    if (!root) throw new RepositoryError(`package '${pkg.name}@${pkg.version}' not found`);
    const installed = this.installed().map((inst) => {
      const [deb] = this.debCandidates('name = ? AND version = ?', inst.name, inst.version);
      return deb ?? { name: inst.name, version: inst.version, depends: '', preDepends: '', provides: '', conflicts: '', breaks: '' };
    });
    const { install: plan, remove: replaced } = resolveInstallPlan(root, this.debCandidates(), installed);
    // A path is owned by a .deb that placed it, or by an installed program (pkg install ls -> /bin/ls).
    const ownerByFile = this.db.prepare("SELECT name FROM installed_files WHERE path = ? AND type != 'dir'");
    const ownerByProgram = this.db.prepare('SELECT name, version FROM installed WHERE path = ?');
    const owner = (path: string): string | undefined =>
      (ownerByFile.get(path) as { name: string } | undefined)?.name ??
      (ownerByProgram.all(path) as { name: string; version: string }[]).find((i) => this.get(i.name, i.version)?.format === 'elf')?.name;
    const undo: (() => void)[] = [];
    const done: PackageInfo[] = [];
    const keptConffiles: string[] = [];
    this.keptConffiles = keptConffiles;
    this.removedByInstall = [];
    this.db.transaction(() => {
      try {
        for (const p of plan) {
          const record = this.get(p.name, p.version)!;
          this.fetch(p.name, p.version); // re-hashes the stored .deb: a damaged row is refused
          const entries = this.catalogue.prepare('SELECT path, type, mode, target, data FROM package_files WHERE name = ? AND version = ? ORDER BY seq').all(p.name, p.version) as {
            path: string;
            type: 'file' | 'dir' | 'symlink';
            mode: number;
            target: string | null;
            data: Buffer | null;
          }[];
          const record_file = this.db.prepare('INSERT OR REPLACE INTO installed_files (path, name, type) VALUES (?, ?, ?)');
          // An upgrade: the installed version's files, and its conffiles' bytes as shipped.
          const oldVersion = installed.find((i) => i.name === p.name)?.version;
          const upgrading = oldVersion !== undefined && oldVersion !== p.version;
          const oldFiles = upgrading ? (this.db.prepare('SELECT path, type FROM installed_files WHERE name = ?').all(p.name) as { path: string; type: string }[]) : [];
          const shipped = (path: string): Buffer | undefined =>
            upgrading
              ? ((this.catalogue.prepare("SELECT data FROM package_files WHERE name = ? AND version = ? AND path = ? AND type = 'file'").get(p.name, oldVersion, path) as { data: Buffer | null } | undefined)?.data ?? undefined)
              : undefined;
          const conffiles = new Set(this.conffilesOf(p.name, p.version));
          const replaced = (owner: string): boolean => {
            const inst = installed.find((i) => i.name === owner);
            return inst !== undefined && parseRelations(p.replaces ?? '').some((group) => group.some((rel) => relationSatisfiedBy(inst, rel)));
          };
          for (const e of entries) {
            if (e.type === 'dir') {
              if (fs.isDir(e.path)) continue;
              fs.mkdir(e.path, e.mode);
              undo.push(() => fs.remove(e.path));
              record_file.run(e.path, p.name, 'dir');
              continue;
            }
            const other = owner(e.path);
            // dpkg's "trying to overwrite '/bin/ls', which is also in package ls", unless this package Replaces that one.
            if (other && other !== p.name && !replaced(other)) {
              throw new RepositoryError(`${p.name} ${p.version}: ${e.path} belongs to ${other}; nothing installed (a package may take it over only with Replaces: ${other})`);
            }
            const previous = fs.readFile(e.path);
            const existed = fs.exists(e.path);
            if (e.type === 'file' && conffiles.has(e.path) && upgrading && previous) {
              const before = shipped(e.path);
              if (before && !Buffer.from(previous).equals(before)) {
                // The user changed this configuration file: it stays, the new one lands beside it (dpkg's confold).
                const dist = `${e.path}.dpkg-dist`;
                const distBefore = fs.readFile(dist);
                fs.writeFile(dist, e.data ?? new Uint8Array(0), e.mode);
                undo.push(() => {
                  if (distBefore) fs.writeFile(dist, distBefore, 0o644);
                  else if (fs.exists(dist)) fs.remove(dist);
                });
                keptConffiles.push(e.path);
                record_file.run(e.path, p.name, e.type);
                continue;
              }
            }
            try {
              if (e.type === 'symlink') fs.symlink(e.target ?? '', e.path);
              else fs.writeFile(e.path, e.data ?? new Uint8Array(0), e.mode);
            } catch (err) {
              throw new RepositoryError(`${p.name} ${p.version}: cannot place ${e.path} (${(err as Error).message}); nothing installed`);
            }
            undo.push(() => {
              if (previous) fs.writeFile(e.path, previous, 0o644);
              else if (!existed && fs.exists(e.path)) fs.remove(e.path);
            });
            record_file.run(e.path, p.name, e.type);
          }
          // What the old version had and the new one has not goes (files first, then emptied directories).
          const now = new Set(entries.map((e) => e.path));
          const gone = oldFiles.filter((f) => !now.has(f.path));
          for (const f of [...gone.filter((f) => f.type !== 'dir'), ...gone.filter((f) => f.type === 'dir').sort((a, b) => b.path.length - a.path.length)]) {
            const previous = f.type === 'file' ? fs.readFile(f.path) : undefined;
            const target = f.type === 'symlink' ? this.symlinkTarget(p.name, oldVersion!, f.path) : undefined;
            if (fs.exists(f.path)) fs.remove(f.path);
            undo.push(() => {
              if (previous) fs.writeFile(f.path, previous, 0o644);
              else if (target !== undefined) fs.symlink(target, f.path);
              else if (f.type === 'dir' && !fs.exists(f.path)) fs.mkdir(f.path, 0o755);
            });
            this.db.prepare('DELETE FROM installed_files WHERE path = ? AND name = ?').run(f.path, p.name);
          }
          const files = entries.filter((e) => e.type !== 'dir');
          const main = files.find((e) => /^\/(usr\/)?s?bin\//.test(e.path)) ?? files[0];
          this.db
            .prepare('INSERT INTO installed (name, version, path, installed_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, path = excluded.path, installed_at = excluded.installed_at')
            .run(p.name, p.version, main?.path ?? '', Date.now());
          done.push(record);
        }
        // Last, once every new file is in place (taking over the paths it shares with them):
        // what is left of the packages the new ones Conflict with and Replace.
        for (const gone of replaced) {
          const by = plan.find((p) => parseRelations(p.replaces ?? '').some((group) => group.some((rel) => rel.name === gone.name)))!;
          this.removeForReplacement(gone, fs, undo);
          this.removedByInstall.push({ name: gone.name, version: gone.version, by: by.name });
        }
      } catch (err) {
        for (const step of undo.reverse()) {
          try {
            step();
          } catch {
            // Best effort: the transaction still forgets every record.
          }
        }
        throw err;
      }
    })();
    return done;
  }

  /** The configuration files the last installTree left as the user had changed them (the new ones are at PATH.dpkg-dist). */
  keptConffiles: string[] = [];

  /** The installed packages the last installTree removed because a new one Conflicts with and Replaces them. */
  removedByInstall: { name: string; version: string; by: string }[] = [];

  /**
   * Inside installTree's transaction, after the new packages are placed: removes what an
   * installed package still owns (not its conffiles, not directories something else still
   * fills) and its records, pushing the steps that put each file back onto `undo`.
   */
  private removeForReplacement(gone: DebCandidate, fs: TreeWriter, undo: (() => void)[]): void {
    const conffiles = new Set(this.conffilesOf(gone.name, gone.version));
    const files = this.db.prepare('SELECT path, type FROM installed_files WHERE name = ?').all(gone.name) as { path: string; type: string }[];
    const ordered = [...files.filter((f) => f.type !== 'dir'), ...files.filter((f) => f.type === 'dir').sort((a, b) => b.path.length - a.path.length)];
    for (const f of ordered) {
      if (conffiles.has(f.path)) continue;
      // A copy: the file system may reuse the bytes it handed out once the file is gone.
      const previous = f.type === 'file' ? fs.readFile(f.path)?.slice() : undefined;
      const target = f.type === 'symlink' ? this.symlinkTarget(gone.name, gone.version, f.path) : undefined;
      if (fs.exists(f.path)) fs.remove(f.path);
      undo.push(() => {
        if (previous) fs.writeFile(f.path, previous, 0o644);
        else if (target !== undefined && !fs.exists(f.path)) fs.symlink(target, f.path);
        else if (f.type === 'dir' && !fs.exists(f.path)) fs.mkdir(f.path, 0o755);
      });
    }
    this.db.prepare('DELETE FROM installed_files WHERE name = ?').run(gone.name);
    this.db.prepare('DELETE FROM installed WHERE name = ?').run(gone.name);
  }

  /** A .deb version's conffiles (control.tar's list). */
  private conffilesOf(name: string, version: string): string[] {
    const row = this.catalogue.prepare('SELECT conffiles FROM packages WHERE name = ? AND version = ?').get(name, version) as { conffiles: string } | undefined;
    return row?.conffiles ? row.conffiles.split('\n') : [];
  }

  /** Where a symlink of a .deb version pointed. */
  private symlinkTarget(name: string, version: string, path: string): string | undefined {
    const row = this.catalogue.prepare("SELECT target FROM package_files WHERE name = ? AND version = ? AND path = ? AND type = 'symlink'").get(name, version, path) as { target: string | null } | undefined;
    return row?.target ?? undefined;
  }

  /** Installed .debs with a Depends/Pre-Depends group that only `name` satisfies. */
  dependentsOf(name: string): string[] {
    const installed = this.installed().map(
      (inst) => this.debCandidates('name = ? AND version = ?', inst.name, inst.version)[0] ?? { name: inst.name, version: inst.version, depends: '', preDepends: '', provides: '', conflicts: '', breaks: '' },
    );
    const leaving = installed.find((p) => p.name === name);
    if (!leaving) return [];
    const others = installed.filter((p) => p !== leaving);
    return others
      .filter((p) =>
        [...parseRelations(p.preDepends), ...parseRelations(p.depends)].some(
          (group) => group.some((rel) => relationSatisfiedBy(leaving, rel)) && !group.some((rel) => others.some((o) => relationSatisfiedBy(o, rel))),
        ),
      )
      .map((p) => p.name);
  }

  /** Every path an installed .deb placed (directories it created included), or undefined for an ELF install. */
  installedFiles(name: string): string[] | undefined {
    const rows = this.db.prepare('SELECT path FROM installed_files WHERE name = ? ORDER BY path').all(name) as { path: string }[];
    return rows.length ? rows.map((r) => r.path) : undefined;
  }

  /** Removes one version, or every version when none is given. Returns how many went. */
  withdraw(name: string, version?: string): number {
    this.mustOwnCatalogue(`remove ${version ? `${name}@${version}` : name}`);
    const result = version
      ? this.db.prepare('DELETE FROM packages WHERE name = ? AND version = ?').run(name, version)
      : this.db.prepare('DELETE FROM packages WHERE name = ?').run(name);
    if (version) this.db.prepare('DELETE FROM package_files WHERE name = ? AND version = ?').run(name, version);
    else this.db.prepare('DELETE FROM package_files WHERE name = ?').run(name);
    if (result.changes === 0) throw new RepositoryError(`package '${version ? `${name}@${version}` : name}' not found`);
    return result.changes;
  }

  /** Every published version, by name then version. */
  list(): PackageRecord[] {
    const rows = this.catalogue.prepare(`SELECT ${COLUMNS} FROM packages`).all() as Row[];
    return rows.map(toRecord).sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version));
  }

  get(name: string, version: string): PackageRecord | undefined {
    const row = this.catalogue.prepare(`SELECT ${COLUMNS} FROM packages WHERE name = ? AND version = ?`).get(name, version) as Row | undefined;
    return row && toRecord(row);
  }

  /** The newest version of a package. */
  latest(name: string): PackageRecord | undefined {
    const rows = this.catalogue.prepare(`SELECT ${COLUMNS} FROM packages WHERE name = ?`).all(name) as Row[];
    return rows.map(toRecord).sort((a, b) => compareVersions(b.version, a.version))[0];
  }

  /** Every published version of a name, oldest first. */
  versions(name: string): string[] {
    return this.list().filter((p) => p.name === name).map((p) => p.version);
  }

  /** Whether the name is a base program (installed on every fresh machine). */
  isBase(name: string): boolean {
    return this.list().some((p) => p.name === name && p.base);
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
    const row = this.catalogue.prepare('SELECT blob, sha256 FROM packages WHERE name = ? AND version = ?').get(name, version) as
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

  /**
   * Forgets an installation; `unplace` removes the file in the same transaction. A .deb's
   * every recorded path goes, files and symlinks first, then the directories it created,
   * deepest first (unplace leaves a directory that is not empty).
   */
  uninstall(name: string, unplace: (path: string) => void): InstalledRecord {
    const current = this.installedVersion(name);
    if (!current) throw new RepositoryError(`package '${name}' is not installed`);
    const tree = this.db.prepare('SELECT path, type FROM installed_files WHERE name = ?').all(name) as { path: string; type: string }[];
    this.db.transaction(() => {
      if (tree.length === 0) unplace(current.path);
      for (const f of tree.filter((f) => f.type !== 'dir')) unplace(f.path);
      for (const d of tree.filter((f) => f.type === 'dir').sort((a, b) => b.path.length - a.path.length)) unplace(d.path);
      this.db.prepare('DELETE FROM installed_files WHERE name = ?').run(name);
      this.db.prepare('DELETE FROM installed WHERE name = ?').run(name);
    })();
    return current;
  }
}

/** A shared catalogue cannot be migrated (it is read-only): it must be of this schema exactly. */
function checkSharedSchema(shared: SharedCatalogue): void {
  let version: number | undefined;
  try {
    version = (shared.db.prepare('SELECT version FROM repo_schema').get() as { version: number } | undefined)?.version;
  } catch {
    throw new RepositoryError(`${shared.file}: not an akuma-vm repository (make one with akuma-vm repo export FILE)`);
  }
  if (version !== SCHEMA_VERSION) {
    throw new RepositoryError(`${shared.file}: repository schema version ${version ?? 'none'}, this akuma-vm reads ${SCHEMA_VERSION}: export it again with this version's akuma-vm repo export`);
  }
}
