/**
 * `akuma-vm repo list | add <elf> --name --version --description | remove NAME[@VERSION]`:
 * publishes or withdraws packages in the data directory's repository from the host,
 * including a user's own ELF files.
 */

import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { openDatabase } from '../data-dir.js';
import { PackageRepository, RepositoryError, parseSpec } from '../../packages/repository/repository.js';
import { seedRepository } from '../../packages/repository/seed.js';

interface RepoArgs {
  dataDir: string;
  action: string;
  target?: string;
  name?: string;
  version?: string;
  description?: string;
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1048576).toFixed(1)}M` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)}K` : `${bytes}`;
}

export const repoCommand: CommandModule<object, RepoArgs> = {
  command: 'repo <action> [target]',
  describe: 'Manage the package repository (list, add <elf>, remove NAME[@VERSION])',
  builder: (yargs: Argv) =>
    yargs
      .positional('action', { choices: ['list', 'add', 'remove'] as const, describe: 'what to do', demandOption: true })
      .positional('target', { type: 'string', describe: 'ELF file (add) or NAME[@VERSION] (remove)' })
      .option('data-dir', { type: 'string', default: './data', describe: 'data directory holding the repository' })
      .option('name', { type: 'string', describe: 'package name (add; default: the file name)' })
      .option('version', { type: 'string', describe: 'package version (add)', default: '1.0.0' })
      .option('description', { type: 'string', describe: 'one-line description (add)', default: '' }) as unknown as Argv<RepoArgs>,
  handler: (args) => {
    const db = openDatabase(args.dataDir);
    try {
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
