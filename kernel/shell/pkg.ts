/**
 * The `pkg` builtin: installs programs from the package repository into /bin.
 *
 *   pkg install NAME[@VERSION]...   pkg remove NAME...   pkg list
 *   pkg search TEXT                 pkg info NAME        pkg update
 *
 * The repository is reached through PackageStore, so the kernel does not depend on
 * where packages are kept (the server hands it the SQLite repository; tests can hand it
 * anything). Installing writes the file and its record in one store transaction.
 */

import type { Vfs } from '../fs/vfs.js';

export interface PackageInfo {
  name: string;
  version: string;
  description: string;
  arch: string;
  size: number;
  sha256: string;
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
}

export interface PkgOutput {
  out(text: string): void;
  err(text: string): void;
}

const USAGE = 'usage: pkg install NAME[@VERSION]... | remove NAME... | list | search TEXT | info NAME | update';

/** Runs one pkg command; returns the exit status. */
export function runPkg(store: PackageStore | null, vfs: Vfs, args: string[], io: PkgOutput): number {
  if (!store) {
    io.err('pkg: no package repository is attached to this machine\n');
    return 1;
  }
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'install':
      case 'add':
        return install(store, vfs, rest, io);
      case 'remove':
      case 'uninstall':
        return remove(store, vfs, rest, io);
      case 'list':
        return list(store, io);
      case 'search':
        return search(store, rest, io);
      case 'info':
      case 'show':
        return info(store, rest, io);
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
      io.err(`pkg: package '${spec}' not found\n`);
      status = 1;
      continue;
    }
    const current = installed.get(pkg.name);
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

function remove(store: PackageStore, vfs: Vfs, names: string[], io: PkgOutput): number {
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
    const gone = store.uninstall(name, (path) => {
      if (vfs.exists(path)) vfs.remove(path);
    });
    io.out(`Removed ${gone.name} ${gone.version} from ${gone.path}\n`);
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
      io.err(`pkg: package '${spec}' not found\n`);
      status = 1;
      continue;
    }
    const inst = store.installed().find((r) => r.name === p.name);
    io.out(
      `Name:         ${p.name}\nVersion:      ${p.version}\nDescription:  ${p.description}\nArchitecture: ${p.arch}\n` +
        `Size:         ${p.size} bytes\nSHA256:       ${p.sha256}\nInstalled:    ${inst ? `${inst.version} at ${inst.path}` : 'no'}\n`,
    );
  }
  return status;
}

function update(store: PackageStore, vfs: Vfs, io: PkgOutput): number {
  let updated = 0;
  for (const inst of store.installed()) {
    const newest = store.find(inst.name);
    if (!newest || compareVersions(newest.version, inst.version) <= 0) continue;
    installOne(store, vfs, newest, io);
    updated++;
  }
  if (updated === 0) io.out('All packages are up to date.\n');
  return 0;
}

/** Orders versions numerically part by part (1.10.0 > 1.9.2); a pre-release sorts before its release. */
export function compareVersions(a: string, b: string): number {
  const split = (v: string) => {
    const m = /^([\d.]+)(?:-([^+]*))?/.exec(v);
    return { nums: (m?.[1] ?? '0').split('.').map(Number), pre: m?.[2] };
  };
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.max(x.nums.length, y.nums.length); i++) {
    const d = (x.nums[i] ?? 0) - (y.nums[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}
