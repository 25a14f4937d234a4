/**
 * The `pkg` builtin: installs programs from the package repository into /bin.
 *
 *   pkg install NAME[@VERSION]...   pkg remove NAME...   pkg list
 *   pkg search TEXT                 pkg info NAME        pkg update
 *   pkg files NAME
 *
 * The repository is reached through PackageStore, so the kernel does not depend on
 * where packages are kept (the server hands it the SQLite repository; tests can hand it
 * anything). Installing writes the file and its record in one store transaction.
 * A Debian package (format 'deb') is a file tree with dependencies: the store resolves
 * and places it (installTree) through a TreeWriter over the guest's file system.
 *
 * Options, anywhere after the command: -y/--yes (pkg never asks, so scripts written for
 * apt work), -q/--quiet (only errors), -f/--force (remove a base program). Versions are
 * ordered by semver (npm's library: 1.10.0 > 1.9.0, 1.0.0-rc.10 > 1.0.0-rc.9, a pre-release
 * before its release).
 */

import semver from 'semver';
import { compareDebianVersions } from '../../repository/debian-version.js';
import type { Vfs } from '../../../kernel/fs/vfs.js';
import { S_IFDIR, S_IFMT, S_IFREG } from '../../../kernel/fs/constants.js';

export interface PackageInfo {
  name: string;
  version: string;
  description: string;
  arch: string;
  size: number;
  sha256: string;
  /** 'elf' (one program, installed to /bin) or 'deb' (a Debian package's file tree). */
  format?: string;
}

/** What a store needs of the guest file system to place and remove a package's tree. */
export interface TreeWriter {
  /** lstat: whether anything (even a dangling symlink) is at the path. */
  exists(path: string): boolean;
  /** Whether the path is a directory (following symlinks, as /lib -> usr/lib). */
  isDir(path: string): boolean;
  /** The bytes of a regular file there, if there is one (to restore it on failure). */
  readFile(path: string): Uint8Array | undefined;
  writeFile(path: string, data: Uint8Array, mode: number): void;
  symlink(target: string, path: string): void;
  mkdir(path: string, mode: number): void;
  /** Removes a file or symlink, or a directory when it is empty. */
  remove(path: string): void;
}

export interface InstalledInfo {
  name: string;
  version: string;
  path: string;
}

export interface PackageStore {
  /** `name` (newest version) or `name@version`. */
  find(spec: string): PackageInfo | undefined;
  search(text: string): PackageInfo[];
  installed(): InstalledInfo[];
  /** Fetches and verifies the blob, runs `place` with it and records the install, atomically. */
  install(pkg: PackageInfo, path: string, place: (blob: Uint8Array) => void): void;
  /** Runs `unplace` with the installed path and forgets the install, atomically. */
  uninstall(name: string, unplace: (path: string) => void): InstalledInfo;
  /** Every published version of a name, oldest first (for "which versions exist"). */
  versions?(name: string): string[];
  /** Whether the name is part of the base system (removing it needs --force). */
  isBase?(name: string): boolean;
  /** Installs a tree package and the dependencies it needs, all or nothing; returns what it installed. */
  installTree?(pkg: PackageInfo, fs: TreeWriter): PackageInfo[];
  /** The configuration files the last installTree kept because the user had changed them. */
  readonly keptConffiles?: readonly string[];
  /** The installed packages the last installTree removed because a new one Conflicts with and Replaces them. */
  readonly removedByInstall?: readonly { name: string; version: string; by: string }[];
  /** The paths an installed tree package placed (undefined when it has no file list). */
  installedFiles?(name: string): string[] | undefined;
  /** Installed packages that would lose a dependency if `name` went. */
  dependentsOf?(name: string): string[];
}

/**
 * The embedded system's own programs (the userland's /bin entries): a Debian package may
 * put its file over one (coreutils' /bin/ls over the embedded ls), and removing the
 * package puts the embedded one back, as dpkg puts a diverted file back.
 */
export interface BaseSystem {
  /** Writes the embedded program back at path if it has one there and nothing else is; true when it did. */
  restore(path: string): boolean;
}

export interface PkgOutput {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = 'usage: pkg [-y] [-q] install NAME[@VERSION]... | remove [-f] NAME... | list | search TEXT | info NAME | files NAME | update';

interface PkgFlags {
  quiet: boolean;
  force: boolean;
}

/** Runs one pkg command; returns the exit status. */
export function runPkg(store: PackageStore | null, vfs: Vfs, args: string[], io: PkgOutput, base?: BaseSystem): number {
  if (!store) {
    io.err('pkg: no package repository is attached to this machine\n');
    return 1;
  }
  const flags: PkgFlags = { quiet: false, force: false };
  const words: string[] = [];
  for (const a of args) {
    if (a === '-y' || a === '--yes' || a === '--assume-yes') continue;
    else if (a === '-q' || a === '--quiet') flags.quiet = true;
    else if (a === '-f' || a === '--force') flags.force = true;
    else if (/^-[yqf]+$/.test(a)) {
      if (a.includes('q')) flags.quiet = true;
      if (a.includes('f')) flags.force = true;
    } else if (a.startsWith('-') && a !== '-h' && a !== '--help' && a !== '-') {
      io.err(`pkg: unknown option ${a}\n${USAGE}\n`);
      return 1;
    } else words.push(a);
  }
  if (flags.quiet) io = { out: () => undefined, err: io.err };
  const [command, ...rest] = words;
  try {
    switch (command) {
      case 'install':
      case 'add':
        return install(store, vfs, rest, io);
      case 'remove':
      case 'uninstall':
        return remove(store, vfs, rest, io, flags, base);
      case 'list':
        return list(store, io);
      case 'search':
        return search(store, rest, io);
      case 'info':
      case 'show':
        return info(store, rest, io);
      case 'files':
        return files(store, rest, io);
      case 'update':
      case 'upgrade':
        return update(store, vfs, io);
      case undefined:
      case 'help':
      case '-h':
      case '--help':
        io.out(`${USAGE}\n`);
        return command === undefined ? 1 : 0;
      default:
        io.err(`pkg: unknown command '${command}'\n${USAGE}\n`);
        return 1;
    }
  } catch (err) {
    io.err(`pkg: ${(err as Error).message}\n`);
    return 1;
  }
}

function installOne(store: PackageStore, vfs: Vfs, pkg: PackageInfo, io: PkgOutput): void {
  const path = `/bin/${pkg.name}`;
  store.install(pkg, path, (blob) => vfs.writeFile(path, blob, { mode: 0o755 }));
  io.out(`Installed ${pkg.name} ${pkg.version} (${pkg.size} bytes) to ${path}\n`);
}

function install(store: PackageStore, vfs: Vfs, specs: string[], io: PkgOutput): number {
  if (specs.length === 0) {
    io.err('pkg: install what? (pkg install NAME[@VERSION]...)\n');
    return 1;
  }
  let status = 0;
  const installed = new Map(store.installed().map((r) => [r.name, r]));
  for (const spec of specs) {
    const pkg = store.find(spec);
    if (!pkg) {
      io.err(`pkg: ${notFound(store, spec)}\n`);
      status = 1;
      continue;
    }
    const current = installed.get(pkg.name);
    if (pkg.format === 'deb') {
      if (current && current.version === pkg.version) {
        io.out(`${pkg.name} ${pkg.version} is already installed\n`);
        continue;
      }
      if (!store.installTree) {
        io.err(`pkg: ${pkg.name}: this repository cannot install Debian packages\n`);
        status = 1;
        continue;
      }
      try {
        placeDebs(store, vfs, pkg, installed, io);
      } catch (err) {
        io.err(`pkg: ${pkg.name}: ${(err as Error).message}\n`);
        status = 1;
      }
      continue;
    }
    if (current && current.version === pkg.version && vfs.exists(current.path)) {
      io.out(`${pkg.name} ${pkg.version} is already installed at ${current.path}\n`);
      continue;
    }
    try {
      installOne(store, vfs, pkg, io);
    } catch (err) {
      io.err(`pkg: ${pkg.name}: ${(err as Error).message}\n`);
      status = 1;
    }
  }
  return status;
}

/**
 * Installs (or upgrades) a .deb and what it needs; one line per package placed, and one per
 * configuration file kept as the user changed it.
 */
function placeDebs(store: PackageStore, vfs: Vfs, pkg: PackageInfo, before: ReadonlyMap<string, { version: string }>, io: PkgOutput): void {
  const placed = store.installTree!(pkg, treeWriter(vfs));
  for (const r of store.removedByInstall ?? []) io.out(`Removed ${r.name} ${r.version}: ${r.by} takes its place (Conflicts and Replaces; its configuration files stay)\n`);
  for (const p of placed) {
    const old = before.get(p.name);
    if (old && old.version !== p.version) io.out(`Upgraded ${p.name} ${old.version} -> ${p.version} (Debian package; maintainer scripts not run)\n`);
    else io.out(`Installed ${p.name} ${p.version} (Debian package; maintainer scripts not run)\n`);
  }
  for (const path of store.keptConffiles ?? []) io.out(`Kept ${path} as you changed it; the package's new version is ${path}.dpkg-dist\n`);
}

/** "package 'x@9.9' not found; versions of x: 1.0.0, 1.1.0" (or that x does not exist at all). */
function notFound(store: PackageStore, spec: string): string {
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at) : spec;
  const versions = store.versions?.(name) ?? [];
  if (at > 0 && versions.length) return `${name} has no version ${spec.slice(at + 1)}; versions: ${versions.join(', ')}`;
  return `package '${spec}' not found`;
}

function remove(store: PackageStore, vfs: Vfs, names: string[], io: PkgOutput, flags: PkgFlags, base?: BaseSystem): number {
  if (names.length === 0) {
    io.err('pkg: remove what? (pkg remove NAME...)\n');
    return 1;
  }
  let status = 0;
  for (const name of names) {
    if (!store.installed().some((r) => r.name === name)) {
      io.err(`pkg: package '${name}' is not installed\n`);
      status = 1;
      continue;
    }
    if (store.isBase?.(name) && !flags.force) {
      io.err(`pkg: ${name} is part of the base system (every user's ${name}); to remove it anyway: pkg remove --force ${name}\n`);
      status = 1;
      continue;
    }
    const needed = flags.force ? [] : (store.dependentsOf?.(name) ?? []);
    if (needed.length) {
      io.err(`pkg: ${name} is needed by ${needed.join(', ')}; remove ${needed.length === 1 ? 'it' : 'them'} first, or: pkg remove --force ${name}\n`);
      status = 1;
      continue;
    }
    const tree = store.installedFiles?.(name);
    const fs = treeWriter(vfs);
    const gone = store.uninstall(name, (path) => {
      if (fs.exists(path)) fs.remove(path);
    });
    io.out(tree ? `Removed ${gone.name} ${gone.version} (${tree.length} paths)\n` : `Removed ${gone.name} ${gone.version} from ${gone.path}\n`);
    const restored = base ? (tree ?? []).filter((path) => base.restore(path)) : [];
    if (restored.length) io.out(`Restored the base system's ${restored.join(' ')}\n`);
  }
  return status;
}

function list(store: PackageStore, io: PkgOutput): number {
  const rows = store.installed();
  if (rows.length === 0) {
    io.out('No packages installed.\n');
    return 0;
  }
  for (const r of rows) io.out(`${r.name.padEnd(20)} ${r.version.padEnd(10)} ${r.path}\n`);
  return 0;
}

function search(store: PackageStore, terms: string[], io: PkgOutput): number {
  const found = store.search(terms.join(' '));
  if (found.length === 0) {
    io.err(`pkg: nothing matches '${terms.join(' ')}'\n`);
    return 1;
  }
  const installed = new Map(store.installed().map((r) => [r.name, r.version]));
  for (const p of found) {
    const mark = installed.get(p.name) === p.version ? ' [installed]' : '';
    io.out(`${p.name.padEnd(20)} ${p.version.padEnd(10)} ${p.description}${mark}\n`);
  }
  return 0;
}

function info(store: PackageStore, names: string[], io: PkgOutput): number {
  if (names.length === 0) {
    io.err('pkg: info about what? (pkg info NAME)\n');
    return 1;
  }
  let status = 0;
  for (const spec of names) {
    const p = store.find(spec);
    if (!p) {
      io.err(`pkg: ${notFound(store, spec)}\n`);
      status = 1;
      continue;
    }
    const inst = store.installed().find((r) => r.name === p.name);
    io.out(
      `Name:         ${p.name}\nVersion:      ${p.version}\nDescription:  ${p.description}\nArchitecture: ${p.arch}\n` +
        `Size:         ${p.size} bytes\nSHA256:       ${p.sha256}\nInstalled:    ${inst ? `${inst.version} at ${inst.path}` : 'no'}\n` +
        (p.format === 'deb' ? `Format:       Debian package; maintainer scripts (preinst, postinst, prerm, postrm) are not run\n` : ''),
    );
  }
  return status;
}

function files(store: PackageStore, names: string[], io: PkgOutput): number {
  if (names.length === 0) {
    io.err('pkg: files of what? (pkg files NAME)\n');
    return 1;
  }
  let status = 0;
  for (const name of names) {
    const inst = store.installed().find((r) => r.name === name);
    if (!inst) {
      io.err(`pkg: package '${name}' is not installed\n`);
      status = 1;
      continue;
    }
    for (const path of store.installedFiles?.(name) ?? [inst.path]) io.out(`${path}\n`);
  }
  return status;
}

/** The guest file system as a TreeWriter: root's view, symlinks not followed at the leaf. */
function treeWriter(vfs: Vfs): TreeWriter {
  return {
    exists: (path) => vfs.exists(path, false),
    isDir: (path) => vfs.exists(path) && (vfs.stat(path).mode & S_IFMT) === S_IFDIR,
    readFile: (path) => (vfs.exists(path, false) && (vfs.lstat(path).mode & S_IFMT) === S_IFREG ? vfs.readFile(path) : undefined),
    writeFile: (path, data, mode) => {
      vfs.writeFile(path, data, { mode });
      vfs.chmod(path, mode); // writeFile keeps an existing file's mode
    },
    symlink: (target, path) => {
      if (vfs.exists(path, false)) vfs.remove(path);
      vfs.symlink(target, path);
    },
    mkdir: (path, mode) => vfs.mkdir(path, { mode }),
    remove: (path) => {
      if ((vfs.lstat(path).mode & S_IFMT) === S_IFDIR && vfs.list(path).length > 0) return;
      vfs.remove(path);
    },
  };
}

function update(store: PackageStore, vfs: Vfs, io: PkgOutput): number {
  let updated = 0;
  let status = 0;
  for (const inst of store.installed()) {
    const newest = store.find(inst.name);
    if (!newest) continue;
    if (newest.format === 'deb') {
      // Debian's ordering (epochs, ~), and the version may have been upgraded already as a dependency.
      const now = store.installed().find((r) => r.name === inst.name);
      if (!now || compareDebianVersions(newest.version, now.version) <= 0) continue;
      if (!store.installTree) continue;
      try {
        placeDebs(store, vfs, newest, new Map(store.installed().map((r) => [r.name, r])), io);
        updated++;
      } catch (err) {
        io.err(`pkg: ${inst.name}: ${(err as Error).message}\n`);
        status = 1;
      }
      continue;
    }
    if (compareVersions(newest.version, inst.version) <= 0) continue;
    installOne(store, vfs, newest, io);
    updated++;
  }
  if (updated === 0 && status === 0) io.out('All packages are up to date.\n');
  return status;
}

/**
 * Orders versions as semver does (npm's library); versions that are not semver (a
 * hand-published "2.1") are coerced (2.1 -> 2.1.0) and then compared as text.
 */
export function compareVersions(a: string, b: string): number {
  const x = semver.valid(a) ?? semver.valid(semver.coerce(a, { includePrerelease: true }));
  const y = semver.valid(b) ?? semver.valid(semver.coerce(b, { includePrerelease: true }));
  if (x && y) return semver.compare(x, y);
  return a < b ? -1 : a > b ? 1 : 0;
}
