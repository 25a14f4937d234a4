#!/usr/bin/env node
/**
 * The akuma-vm command line. Every module in server/commands/ that exports a yargs
 * CommandModule (an export whose name ends in "Command") is a subcommand, so adding a
 * command is adding a file: `run`, `serve`, `repo`, ...
 */

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';

async function loadCommands(): Promise<CommandModule[]> {
  const dir = join(dirname(fileURLToPath(import.meta.url)), 'commands');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js')).sort();
  const commands: CommandModule[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(dir, f)).href)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (name.endsWith('Command') && value && typeof value === 'object' && 'handler' in value) commands.push(value as CommandModule);
    }
  }
  return commands;
}

// `akuma-vm repo list | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const cli = yargs(hideBin(process.argv)).scriptName('akuma-vm');
for (const c of await loadCommands()) cli.command(c);
await cli.demandCommand(1, 'Give a command (see --help).').strict().help().version(false).parseAsync();
