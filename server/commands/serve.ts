/**
 * `akuma-vm serve` (what `npm start` runs): boots the machine, opens or creates the data
 * directory (SQLite repository and disk, host key), and listens for SSH.
 *
 * Every option can also come from the environment: AKUMA_HOST, AKUMA_PORT,
 * AKUMA_DATA_DIR, AKUMA_RAM, AKUMA_AUTHORIZED_KEYS, AKUMA_LOG_LEVEL, AKUMA_INSECURE_OPEN.
 */

import { isIP } from 'node:net';
import pino, { type Logger } from 'pino';
import type { Argv, CommandModule } from 'yargs';
import { AuthorizedKeys } from '../authorized-keys.js';
import { ensureDataDir, openDatabase } from '../data-dir.js';
import { loadOrCreateHostKey } from '../host-key.js';
import { MachineHost } from '../machine-host.js';
import { SshServer } from '../ssh-server.js';
import { PackageRepository } from '../../packages/repository/repository.js';
import { seedRepository } from '../../packages/repository/seed.js';
import { parseSize } from './run.js';

export interface ServeArgs {
  host: string;
  port: number;
  dataDir: string;
  ram: string;
  authorizedKeys?: string;
  logLevel: string;
  insecureOpen: boolean;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

export interface RunningServer {
  address: { address: string; port: number };
  fingerprint: string;
  close(reason?: string): Promise<void>;
}

/** Starts everything; resolves when the server listens. Throws one-line errors for bad settings. */
export async function startServer(args: ServeArgs, logger: Logger): Promise<RunningServer> {
  const started = performance.now();
  let keys: AuthorizedKeys | null = null;
  if (args.authorizedKeys) {
    try {
      keys = AuthorizedKeys.load(args.authorizedKeys);
    } catch (err) {
      throw new Error(`cannot use --authorized-keys ${args.authorizedKeys}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    if (keys.keys.length === 0) throw new Error(`--authorized-keys ${args.authorizedKeys} holds no keys; nobody could log in`);
  } else if (!isLoopback(args.host) && !args.insecureOpen) {
    throw new Error(
      `refusing to listen on ${args.host} without --authorized-keys: anyone who can reach it would get a shell (add --insecure-open to allow that)`,
    );
  }
  const ramSize = parseSize(args.ram);

  ensureDataDir(args.dataDir);
  const db = openDatabase(args.dataDir);
  const repository = new PackageRepository(db);
  const seeded = seedRepository(repository);
  const hostKey = loadOrCreateHostKey(args.dataDir);
  const machine = new MachineHost({ ramSize, db, repository, logger });
  const installed = machine.installBasePackages();
  const server = new SshServer({
    host: args.host,
    port: args.port,
    hostKey: hostKey.privateKey,
    authorizedKeys: keys,
    logger,
    sessionHost: machine,
  });
  let address;
  try {
    address = await server.listen();
  } catch (err) {
    machine.shutdown();
    db.close();
    const code = (err as NodeJS.ErrnoException).code;
    throw new Error(code === 'EADDRINUSE' ? `port ${args.port} on ${args.host} is already in use` : `cannot listen on ${args.host}:${args.port}: ${(err as Error).message}`);
  }
  if (!keys) logger.warn({ host: args.host }, 'no --authorized-keys: any user name gets in without a password');
  else logger.info({ keys: keys.keys.length, file: keys.path }, 'public key authentication only');
  logger.info(
    {
      address: `${address.address}:${address.port}`,
      fingerprint: hostKey.fingerprint,
      dataDir: args.dataDir,
      ram: ramSize,
      seeded: seeded.length,
      baseInstalled: installed.length,
      ms: Math.round(performance.now() - started),
    },
    `akuma-vm ready: ssh user@${address.address === '127.0.0.1' ? 'localhost' : address.address} -p ${address.port}`,
  );

  let closing: Promise<void> | null = null;
  return {
    address,
    fingerprint: hostKey.fingerprint,
    close: (reason = 'shutdown') => {
      closing ??= (async () => {
        await server.close(reason);
        machine.shutdown();
        db.close();
        logger.info({ reason }, 'akuma-vm stopped');
      })();
      return closing;
    },
  };
}

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'Start the SSH server attached to the AArch64 machine',
  builder: (yargs: Argv) =>
    yargs
      .env('AKUMA')
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on' })
      .option('port', { type: 'number', default: 2222, describe: 'TCP port' })
      .option('data-dir', { type: 'string', default: './data', describe: 'data directory (SQLite database, host key)' })
      .option('ram', { type: 'string', default: '256M', describe: 'guest RAM size (e.g. 256M, 1G)' })
      .option('authorized-keys', { type: 'string', describe: 'OpenSSH authorized_keys file; only these keys get in' })
      .option('log-level', { type: 'string', default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] })
      .option('insecure-open', { type: 'boolean', default: false, describe: 'allow a non-loopback address without authorized keys' }) as unknown as Argv<ServeArgs>,
  handler: async (args) => {
    const logger = pino({ level: args.logLevel, base: { app: 'akuma-vm' } });
    let server: RunningServer;
    try {
      server = await startServer(args, logger);
    } catch (err) {
      process.stderr.write(`akuma-vm: ${(err as Error).message}\n`);
      process.exit(1);
    }
    const stop = (signal: string) => {
      logger.info({ signal }, 'shutting down');
      server.close(`received ${signal}`).then(
        () => process.exit(0),
        (err: Error) => {
          process.stderr.write(`akuma-vm: shutdown failed: ${err.message}\n`);
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
    // A guest or a client must never take the server down; log what slipped through instead.
    process.on('uncaughtException', (err) => logger.error({ err: err.message, stack: err.stack }, 'uncaught exception (server continues)'));
    process.on('unhandledRejection', (err) => logger.error({ err: String(err) }, 'unhandled rejection (server continues)'));
  },
};
