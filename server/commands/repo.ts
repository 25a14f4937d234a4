/**
 * `akuma-vm repo list | add <elf> --name --version --description | import FILE.deb... |
 * remove NAME[@VERSION] | export FILE`: publishes or withdraws packages in the data
 * directory's repository from the host, including a user's own ELF files and Debian arm64
 * .debs, and exports the catalogue as one file for a farm of servers (serve --repository).
 * import reads every file first and publishes only when all of them are good, so a
 * corrupt or foreign one among them changes nothing.
 *
 * The data directory is found as `serve` finds it (--data-dir, AKUMA_DATA_DIR, ./data)
 * and named on stderr, so a command run from the wrong place does not quietly work on
 * (or create) some other directory: list and remove refuse a directory that does not
 * exist; add, import and export create it and say so (export from a new directory writes
 * the packages this checkout bundles).
 */

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultDataDir } from '../config.js';
import type { Argv, CommandModule } from 'yargs';
import { DataDirError, openDatabase } from '../data-dir.js';
import { PackageRepository, RepositoryError, parseSpec } from '../../packages/repository/repository.js';
import { seedRepository } from '../../packages/repository/seed.js';
import { exportCatalogue } from '../../packages/repository/export.js';
import { DebError, readDeb, type DebPackage } from '../../packages/repository/deb.js';

interface RepoArgs {
  dataDir?: string;
  action: string;
  target?: string;
  more?: string[];
  name?: string;
  version?: string;
  description?: string;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(1)}M` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)}K` : `${bytes}`;
}

export const repoCommand: CommandModule<object, RepoArgs> = {
  command: 'repo <action> [target] [more..]',
  describe: 'Manage the package repository (list, add <elf>, import FILE.deb..., remove NAME[@VERSION], export FILE)',
  builder: (yargs: Argv) =>
    yargs
      .positional('action', { choices: ['list', 'add', 'import', 'remove', 'export'] as const, describe: 'what to do', demandOption: true })
      .positional('target', { type: 'string', describe: 'ELF file (add), .deb files (import), NAME[@VERSION] (remove) or the file to write (export)' })
      .option('data-dir', { type: 'string', describe: 'data directory holding the repository [AKUMA_DATA_DIR]', defaultDescription: './data' })
      .option('name', { type: 'string', describe: 'package name (add; default: the file name)' })
      .option('version', { type: 'string', describe: 'package version (add)', default: '1.0.0' })
      .option('description', { type: 'string', describe: 'one-line description (add)', default: '' }) as unknown as Argv<RepoArgs>,
  handler: async (args) => {
    const dataDir = args.dataDir ?? defaultDataDir();
    const exists = existsSync(dataDir);
    if (!exists && args.action !== 'add' && args.action !== 'import' && args.action !== 'export') {
      process.stderr.write(`akuma-vm: no data directory at ${resolve(dataDir)} (start the server there first, or give --data-dir or AKUMA_DATA_DIR)\n`);
      process.exitCode = 1;
      return;
    }
    process.stderr.write(`akuma-vm: ${exists ? 'using' : 'creating'} data directory ${resolve(dataDir)}\n`);
    let db;
    try {
      db = openDatabase(dataDir);
    } catch (err) {
      if (!(err instanceof DataDirError)) throw err;
      process.stderr.write(`akuma-vm: ${err.message}\n`);
      process.exitCode = 1;
      return;
    }
    try {
      if (args.action === 'import') {
        // Reading is asynchronous (xz is WebAssembly streams); the database opens after.
        db.close();
        const files = [args.target, ...(args.more ?? [])].filter((f): f is string => !!f);
        if (files.length === 0) throw new RepositoryError('repo import: which .deb files? (akuma-vm repo import FILE.deb...)');
        const debs: { file: string; bytes: Buffer; deb: DebPackage }[] = [];
        for (const file of files) {
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch (err) {
            throw new RepositoryError(`repo import: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          try {
            debs.push({ file, bytes, deb: await readDeb(bytes) });
          } catch (err) {
            if (err instanceof DebError) throw new RepositoryError(`repo import: ${file}: ${err.message}; nothing imported`);
            throw err;
          }
        }
        db = openDatabase(dataDir);
        const repo = new PackageRepository(db);
        seedRepository(repo);
        const lines = db.transaction(() =>
          debs.map(({ deb, bytes }) => {
            const rec = repo.importDeb(deb, bytes);
            return `Imported ${rec.name} ${rec.version} (${rec.arch}, ${deb.entries.length} paths, ${formatSize(rec.size)})\n`;
          }),
        )();
        for (const line of lines) process.stdout.write(line);
        return;
      }
      const repo = new PackageRepository(db);
      seedRepository(repo);
      switch (args.action) {
        case 'list': {
          const installed = new Map(repo.installed().map((r) => [r.name, r.version]));
          for (const p of repo.list()) {
            const mark = installed.get(p.name) === p.version ? ' [installed]' : p.base ? ' [base]' : '';
            process.stdout.write(`${p.name.padEnd(20)} ${p.version.padEnd(10)} ${formatSize(p.size).padStart(7)}  ${p.description}${mark}\n`);
          }
          return;
        }
        case 'add': {
          if (!args.target) throw new RepositoryError('repo add: which ELF file? (akuma-vm repo add <elf> --name NAME --version X.Y.Z)');
          let blob: Buffer;
          try {
            blob = readFileSync(args.target);
          } catch (err) {
            throw new RepositoryError(`repo add: cannot read ${args.target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          const name = args.name ?? args.target.split('/').pop()!.toLowerCase();
          const rec = repo.publish({ name, version: args.version ?? '1.0.0', description: args.description, blob });
          process.stdout.write(`Published ${rec.name} ${rec.version} (${rec.size} bytes, sha256 ${rec.sha256.slice(0, 16)}…)\n`);
          return;
        }
        case 'export': {
          if (!args.target) throw new RepositoryError('repo export: to which file? (akuma-vm repo export FILE, then serve --repository FILE)');
          let result;
          try {
            result = exportCatalogue(db, args.target);
          } catch (err) {
            throw new RepositoryError(`repo export: cannot write ${args.target}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
          }
          process.stdout.write(`Exported ${result.versions} package version${result.versions === 1 ? '' : 's'} (${formatSize(result.bytes)}) to ${args.target}\n`);
          return;
        }
        case 'remove': {
          if (!args.target) throw new RepositoryError('repo remove: which package? (NAME or NAME@VERSION)');
          const { name, version } = parseSpec(args.target);
          const n = repo.withdraw(name, version);
          process.stdout.write(`Removed ${n} version${n === 1 ? '' : 's'} of ${name}\n`);
          return;
        }
      }
    } catch (err) {
      if (err instanceof RepositoryError) {
        process.stderr.write(`akuma-vm: ${err.message}\n`);
        process.exitCode = 1;
        return;
      }
      throw err;
    } finally {
      db.close();
    }
  },
};
