#!/usr/bin/env node
/**
 * The akuma-vm command line. Every module in server/commands/ is a subcommand named after
 * its file (serve.js is `akuma-vm serve`) and exports a yargs CommandModule (an export
 * whose name ends in "Command"), so adding a command is adding a file.
 *
 * Only the module of the command that runs is imported: `serve` need not load the
 * run-one-program path and `run` need not load ssh2 and SQLite (start-up time is the
 * product for `run`). `--help` without a command loads them all to list them. A module may
 * also export `rawMain(argv)` to read its own arguments (`run`, whose arguments after the
 * program's path belong to the program and must not go through yargs).
 */

import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CommandModule } from 'yargs';

const here = dirname(fileURLToPath(import.meta.url));
const commandsDir = join(here, 'commands');

type CommandFile = Record<string, unknown> & { rawMain?: (argv: readonly string[]) => Promise<unknown> };

async function loadCommand(name: string): Promise<CommandFile> {
  return (await import(pathToFileURL(join(commandsDir, `${name}.js`)).href)) as CommandFile;
}

function commandModules(mod: CommandFile): CommandModule[] {
  return Object.entries(mod)
    .filter(([name, value]) => name.endsWith('Command') && value && typeof value === 'object' && 'handler' in value)
    .map(([, value]) => value as CommandModule);
}

function version(): string {
  // dist/server/cli.js -> package.json at the root.
  try {
    return (JSON.parse(readFileSync(join(here, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

// `akuma-vm repo list | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// What hideBin does (yargs itself is loaded only for the commands that parse with it).
const argv = process.argv.slice(2);
// `akuma-vm --version` needs no command module at all.
if (argv.length === 1 && argv[0] === '--version') {
  process.stdout.write(`akuma-vm ${version()}\n`);
  process.exit(0);
}
const names = readdirSync(commandsDir).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();
const chosen = argv[0] && names.includes(argv[0]) ? argv[0] : null;

const mods = chosen ? [await loadCommand(chosen)] : await Promise.all(names.map(loadCommand));
if (chosen && mods[0].rawMain) {
  await mods[0].rawMain(argv.slice(1));
} else {
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv).scriptName('akuma-vm');
  for (const mod of mods) for (const c of commandModules(mod)) cli.command(c);
  // `repo add --version X.Y.Z` is the package's version: --version is akuma-vm's only alone.
  if (chosen) cli.version(false);
  else cli.version(`akuma-vm ${version()}`);
  await cli
    .demandCommand(1, 'Give a command (see --help).')
    .strict()
    .help()
    .fail((message, err) => {
      if (err) throw err;
      process.stderr.write(`akuma-vm: ${message}\n(see akuma-vm ${chosen ?? ''}${chosen ? ' ' : ''}--help)\n`);
      process.exit(1);
    })
    .parseAsync();
}
