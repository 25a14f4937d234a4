/**
 * `akuma-vm serve` (what `npm start` runs): boots the machine, opens or creates the data
 * directory (SQLite repository and disk, host key), and listens for SSH.
 *
 * Settings come from flags, AKUMA_* variables named after the options, and an optional
 * JSON config file (server/config.ts). The server stops on SIGTERM/SIGINT within
 * SHUTDOWN_DEADLINE_MS whatever state its stdout is in, and, when npm or npx started it,
 * also when that parent goes away (npm does not pass SIGTERM on to its script).
 */

import { isIP } from 'node:net';
import type { Logger } from 'pino';
import type { Argv, CommandModule } from 'yargs';
import { AuthorizedKeys, WatchedKeyFile } from '../authorized-keys.js';
import { ConfigError, SERVE_OPTIONS, envName, resolveServeConfig, type ServeConfig } from '../config.js';
import { DataDirError, ensureDataDir, openDatabase } from '../data-dir.js';
import { lockDataDir } from '../data-dir-lock.js';
import { openSharedCatalogue } from '../shared-catalogue.js';
import { loadOrCreateHostKey } from '../host-key.js';
import { createServerLog } from '../logging.js';
import { MachineHost } from '../machine-host.js';
import { MachinePool } from '../machine-pool.js';
import { WorkerPool } from '../worker-machines.js';
import { SshServer } from '../ssh-server.js';
import { PackageRepository, type SharedCatalogue } from '../../packages/repository/repository.js';
import { seedRepository } from '../../packages/repository/seed.js';
import { rootFileSystemProblem } from '../../kernel/fs/hostdir.js';
import { resolve } from 'node:path';

/** The longest a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 8000;
/** How often a server started by npm checks that npm is still there. */
const PARENT_CHECK_MS = 500;

export type ServeArgs = ServeConfig;
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
  // Every user's programs would break: only when the operator said so twice.
  if (args.inject && !args.allowFaultInjection) throw new Error(`refusing --inject ${args.inject} in serve: it breaks every session's programs (add --allow-fault-injection to allow that)`);
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
  const ramSize = args.ram;
  const mib = (n: number) => `${Math.round(n / 1024 ** 2)}M`;
  if (args.userMemory !== 'fair' && args.userMemory > ramSize) throw new Error(`--user-memory ${mib(args.userMemory)} is more than the guest RAM (--ram ${mib(ramSize)})`);
  // --rootfs DIR: the machine's root is DIR (read lazily, never written) under the disk (kernel/fs/overlay.ts).
  const rootfs = args.rootfs ? resolve(args.rootfs) : undefined;
  if (rootfs) {
    const problem = rootFileSystemProblem(rootfs);
    if (problem) throw new Error(`--rootfs ${problem}`);
  }

  const fixedModes = ensureDataDir(args.dataDir);
  const lock = lockDataDir(args.dataDir);
  let db;
  try {
    db = openDatabase(args.dataDir);
  } catch (err) {
    lock.release();
    throw err;
  }
  if (fixedModes.length) logger.warn({ dataDir: args.dataDir, fixed: fixedModes }, 'data directory was readable by others: made private (directory 0700, files 0600)');
  let repository: PackageRepository;
  let shared: SharedCatalogue | undefined;
  try {
    shared = args.repository ? openSharedCatalogue(args.repository) : undefined;
    repository = new PackageRepository(db, { shared });
  } catch (err) {
    shared?.db.close();
    db.close();
    lock.release();
    throw err;
  }
  // A shared catalogue was seeded where it was built (repo export runs the seeding too).
  const seeded = repository.isShared ? [] : seedRepository(repository);
  const hostKey = loadOrCreateHostKey(args.dataDir);
  const machine = new MachineHost({ ramSize, db, repository, logger, rootfs, userMemoryLimit: args.userMemory === 'fair' ? undefined : args.userMemory, nproc: args.userNproc, machineDisk: args.machineDisk, machineNproc: args.machineNproc, machineNofile: args.machineNofile });
  if (args.inject === 'clobber-x9') {
    machine.kernel.injectClobberX9 = true;
    logger.warn({ inject: args.inject }, 'fault injection on: every system call returns with x9 overwritten');
  }
  const installed = machine.installBasePackages();
  // --machines per-session/per-user: the machine above is the base system every machine is copied
  // from; with --workers N each worker boots its own view of it from the data directory.
  const workers = args.machines !== 'shared' && args.workers > 0
    ? new WorkerPool({
        size: args.workers,
        logger,
        settings: {
          dataDir: resolve(args.dataDir),
          ramSize,
          rootfs,
          sharedCatalogue: shared?.file,
          userMemoryLimit: args.userMemory === 'fair' ? undefined : args.userMemory,
          nproc: args.userNproc,
          machineDisk: args.machineDisk,
          machineNproc: args.machineNproc,
          machineNofile: args.machineNofile,
          logLevel: args.logLevel,
          injectClobberX9: machine.kernel.injectClobberX9,
        },
      })
    : undefined;
  const pool = args.machines === 'shared' ? null : new MachinePool(machine, { mode: args.machines, ramSize, maxMachines: args.maxMachines, logger, workers });
  const server = new SshServer({
    host: args.host,
    port: args.port,
    hostKey: hostKey.privateKey,
    // Re-read when it changes: a key removed from the file is refused without a restart.
    authorizedKeys: keys
      ? new WatchedKeyFile(keys, (count, errors) => {
          logger.info({ file: keys.path, keys: count }, 'authorized keys file changed: re-read');
          for (const e of errors) logger.warn({ err: e }, 'authorized keys line skipped');
        })
      : null,
    permitUserEnvironment: args.permitUserEnvironment,
    logger,
    sessionHost: machine,
    machines: pool ?? undefined,
    acceptEnv: args.acceptEnv,
    loginGraceTime: args.loginGraceTime,
    maxStartups: args.maxStartups,
    perSourceMaxStartups: args.perSourceMaxStartups,
    maxSessions: args.maxSessions,
    maxSessionsPerUser: args.maxSessionsPerUser,
  });
  let address;
  try {
    address = await server.listen();
  } catch (err) {
    pool?.shutdown();
    await workers?.shutdown();
    machine.shutdown();
    shared?.db.close();
    db.close();
    lock.release();
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
      machines: args.machines,
      workers: workers?.size ?? 0,
      userMemory: args.userMemory,
      userNproc: args.userNproc,
      ...(args.machines !== 'shared' ? { machineDisk: args.machineDisk, machineNproc: args.machineNproc, machineNofile: args.machineNofile } : {}),
      seeded: seeded.length,
      ...(shared ? { repository: shared.file } : {}),
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
        pool?.shutdown();
        await workers?.shutdown();
        machine.shutdown();
        shared?.db.close();
        db.close();
        lock.release();
        logger.info({ reason }, 'akuma-vm stopped');
      })();
      return closing;
    },
  };
}

/** Whether npm (npm start, npm exec / npx) started this process. */
function startedByNpm(): boolean {
  return process.env.npm_lifecycle_event !== undefined || process.env.npm_command !== undefined;
}

export const serveCommand: CommandModule<object, Record<string, unknown>> = {
  command: 'serve',
  describe: 'Start the SSH server attached to the AArch64 machine',
  builder: (yargs: Argv) => {
    let y = yargs.option('config', { type: 'string', describe: 'JSON file of option names and values (also AKUMA_CONFIG)' });
    for (const o of SERVE_OPTIONS) {
      y = y.option(o.flag, {
        type: o.kind,
        describe: `${o.describe} [${envName(o.flag)}]`,
        defaultDescription: o.default,
        requiresArg: o.kind === 'string',
      });
    }
    // No yargs defaults: config.ts tells a flag given from one left out (env and file come between).
    return y as unknown as Argv<Record<string, unknown>>;
  },
  handler: async (flags) => {
    let config: ServeConfig;
    try {
      config = resolveServeConfig(flags);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      process.stderr.write(`akuma-vm: ${err.message}\n`);
      process.exit(1);
    }
    const log = createServerLog(config.logLevel, config.logFormat);
    const logger = log.logger;
    let server: RunningServer;
    try {
      server = await startServer(config, logger);
    } catch (err) {
      log.flush();
      process.stderr.write(`akuma-vm: ${(err as Error).message}\n`);
      if (!(err instanceof DataDirError || err instanceof ConfigError)) logger.debug({ stack: (err as Error).stack }, 'start failed');
      process.exit(1);
    }
    let stopping = false;
    const stop = (why: string, fields: Record<string, unknown>) => {
      if (stopping) return;
      stopping = true;
      logger.info(fields, 'shutting down');
      // Whatever hangs (a client, a stuck stdout), the process ends within the deadline.
      setTimeout(() => {
        log.flush();
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      server.close(why).then(
        () => {
          log.flush();
          process.exit(0);
        },
        (err: Error) => {
          log.flush();
          process.stderr.write(`akuma-vm: shutdown failed: ${err.message}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', () => stop('received SIGINT', { signal: 'SIGINT' }));
    process.on('SIGTERM', () => stop('received SIGTERM', { signal: 'SIGTERM' }));
    if (startedByNpm()) {
      // npm exits on SIGTERM without passing it on; its script (us) would be left running.
      const parent = process.ppid;
      setInterval(() => {
        if (process.ppid !== parent) stop('npm, which started the server, went away', { reason: 'parent exited', parent });
      }, PARENT_CHECK_MS).unref();
    }
    // A guest or a client must never take the server down; log what slipped through instead.
    process.on('uncaughtException', (err) => logger.error({ err: err.message, stack: err.stack }, 'uncaught exception (server continues)'));
    process.on('unhandledRejection', (err) => logger.error({ err: String(err) }, 'unhandled rejection (server continues)'));
  },
};
