/**
 * The server's settings and where they come from, in order of precedence:
 *
 *   1. command-line flags (`--port 2222`);
 *   2. environment variables named after the options that exist (`AKUMA_PORT=2222`;
 *      any other AKUMA_* variable, such as AKUMA_SMOKE_TIMEOUT, is not ours and is ignored);
 *   3. a config file (`--config FILE` or AKUMA_CONFIG): a JSON object whose keys are the
 *      option names (`{"port": 2222, "accept-env": "LANG LC_*"}`, camelCase accepted too);
 *   4. the defaults below.
 *
 * Every value is checked here, whatever its source, and a bad one is one line naming the
 * option, the value, where it came from and what is allowed (ConfigError).
 */

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';

export class ConfigError extends Error {}

/** Parses "256M", "1G", "65536K", "1048576" into bytes; null when it is none of those. */
export function parseByteSize(text: string): number | null {
  const m = /^(\d+)\s*([kKmMgG]?)(i?[bB])?$/.exec(text.trim());
  if (!m) return null;
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Number(m[1]) * unit;
}

/** sshd's time format: "120", "90s", "2m", "1h", "1m30s"; seconds, or null. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!/^(\d+[smhSMH])+$/.test(t)) return null;
  let total = 0;
  for (const [, n, u] of t.matchAll(/(\d+)([smhSMH])/g)) total += Number(n) * { s: 1, m: 60, h: 3600 }[u.toLowerCase() as 's' | 'm' | 'h'];
  return total;
}

/** sshd's MaxStartups "start:rate:full" (or one number: refuse beyond it). */
export interface MaxStartups {
  start: number;
  rate: number;
  full: number;
}

export function parseMaxStartups(text: string): MaxStartups | null {
  const t = text.trim();
  if (/^\d+$/.test(t) && Number(t) > 0) return { start: Number(t), rate: 100, full: Number(t) };
  const m = /^(\d+):(\d+):(\d+)$/.exec(t);
  if (!m) return null;
  const [start, rate, full] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (start < 1 || rate > 100 || full < start) return null;
  return { start, rate, full };
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
/** serve --machines: who shares a machine (server/machine-pool.ts). */
export const MACHINE_MODES = ['shared', 'per-session', 'per-user'] as const;
export type MachineMode = (typeof MACHINE_MODES)[number];

export interface ServeConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Guest RAM in bytes. */
  ram: number;
  authorizedKeys?: string;
  logLevel: (typeof LOG_LEVELS)[number];
  logFormat: (typeof LOG_FORMATS)[number];
  insecureOpen: boolean;
  /** Apply authorized_keys environment= options, like sshd's PermitUserEnvironment. */
  permitUserEnvironment: boolean;
  /** Patterns of variable names a client may set (SetEnv/SendEnv), like sshd's AcceptEnv. */
  acceptEnv: string[];
  /** Seconds a connection may take to authenticate (0: no limit), like sshd's LoginGraceTime. */
  loginGraceTime: number;
  maxStartups: MaxStartups;
  /** Unauthenticated connections one address may hold at once, like sshd's PerSourceMaxStartups. */
  perSourceMaxStartups: number;
  /** An arm64 root file system directory: the machine's read-only lower layer (serve --rootfs). */
  rootfs?: string;
  /** A shared read-only package catalogue made by `repo export` (serve --repository). */
  repository?: string;
  /** Hard cap on one user's committed memory in bytes; 'fair': only the fair share of RAM (kernel/memory-admission.ts). */
  userMemory: number | 'fair';
  /** RLIMIT_NPROC's default: processes and threads one user may have. */
  userNproc: number;
  machineDisk: number;
  machineNproc: number;
  machineNofile: number;
  /** Most session channels open at once on the server. */
  maxSessions: number;
  /** Most session channels one user may hold at once. */
  maxSessionsPerUser: number;
  /** Fault injection for debugging practice (`clobber-x9`); refused unless allowFaultInjection. */
  inject?: 'clobber-x9';
  allowFaultInjection: boolean;
  /** One machine for all (shared), or one of its own per connection or per user (machine-pool.ts). */
  machines: MachineMode;
  /** The most machines of their own alive at once (0: no limit). */
  maxMachines: number;
  /** Worker threads the machines of their own run in (0: on the main thread). */
  workers: number;
}

type Kind = 'string' | 'boolean';

interface OptionSpec<K extends keyof ServeConfig = keyof ServeConfig> {
  key: K;
  flag: string;
  kind: Kind;
  describe: string;
  /** The default as a user would write it (shown in --help and parsed like any other value). */
  default?: string;
  /** What is allowed, for the error line. */
  allowed: string;
  parse(text: string): ServeConfig[K] | null;
}

const MIN_RAM = 16 * 1024 ** 2;
const MAX_RAM = 4 * 1024 ** 3;

const ipOrName = (t: string) => (t && (isIP(t) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(t)) ? t : null);
const nonEmpty = (t: string) => (t.trim() ? t : null);
const integerIn = (lo: number, hi: number) => (t: string) => (/^\d+$/.test(t.trim()) && Number(t) >= lo && Number(t) <= hi ? Number(t) : null);
const oneOf = <T extends string>(choices: readonly T[]) => (t: string) => ((choices as readonly string[]).includes(t) ? (t as T) : null);
const bool = (t: string) => {
  const v = t.trim().toLowerCase();
  return ['1', 'true', 'yes', 'on'].includes(v) ? true : ['0', 'false', 'no', 'off', ''].includes(v) ? false : null;
};

export const SERVE_OPTIONS: OptionSpec[] = [
  { key: 'host', flag: 'host', kind: 'string', default: '127.0.0.1', describe: 'address to listen on', allowed: 'an IP address or host name', parse: ipOrName },
  { key: 'port', flag: 'port', kind: 'string', default: '2222', describe: 'TCP port (0: any free port)', allowed: 'an integer from 0 to 65535', parse: integerIn(0, 65535) },
  { key: 'dataDir', flag: 'data-dir', kind: 'string', default: './data', describe: 'data directory (SQLite database, host key)', allowed: 'a directory path', parse: nonEmpty },
  {
    key: 'ram', flag: 'ram', kind: 'string', default: '256M', describe: 'guest RAM size (e.g. 256M, 1G)', allowed: 'a size from 16M to 4G such as 256M or 1G',
    parse: (t) => {
      const n = parseByteSize(t);
      return n !== null && n >= MIN_RAM && n <= MAX_RAM ? n : null;
    },
  },
  {
    key: 'userMemory', flag: 'user-memory', kind: 'string', default: 'fair',
    describe: 'memory one user\'s processes may commit together: a size (e.g. 64M), or fair (RAM shared among the users holding memory, idle RAM lent out)',
    allowed: 'fair, or a size from 1M to the RAM size such as 64M',
    parse: (t) => {
      if (t.trim() === 'fair') return 'fair';
      const n = parseByteSize(t);
      return n !== null && n >= 1024 ** 2 && n <= MAX_RAM ? n : null;
    },
  },
  { key: 'userNproc', flag: 'user-nproc', kind: 'string', default: '256', describe: 'processes and threads one user may have (RLIMIT_NPROC)', allowed: 'an integer from 1 to 65535', parse: integerIn(1, 65_535) },
  {
    key: 'machineDisk', flag: 'machine-disk', kind: 'string', default: '512M',
    describe: 'with --machines per-session/per-user: bytes each machine may write over the base system (its disk changes and /tmp together; EDQUOT past it)',
    allowed: 'a size from 1M to 64G such as 256M',
    parse: (t) => {
      const n = parseByteSize(t);
      return n !== null && n >= 1024 ** 2 && n <= 64 * 1024 ** 3 ? n : null;
    },
  },
  { key: 'machineNproc', flag: 'machine-nproc', kind: 'string', default: '512', describe: 'with --machines per-session/per-user: processes and threads each machine may have, all its users and root together (EAGAIN past it)', allowed: 'an integer from 8 to 65535', parse: integerIn(8, 65_535) },
  { key: 'machineNofile', flag: 'machine-nofile', kind: 'string', default: '8192', describe: 'with --machines per-session/per-user: file descriptors all processes of each machine may hold together (ENFILE past it)', allowed: 'an integer from 64 to 1048576', parse: integerIn(64, 1_048_576) },
  { key: 'authorizedKeys', flag: 'authorized-keys', kind: 'string', describe: 'OpenSSH authorized_keys file; its keys may log in as any user', allowed: 'a file path', parse: nonEmpty },
  { key: 'logLevel', flag: 'log-level', kind: 'string', default: 'info', describe: 'log level', allowed: LOG_LEVELS.join(', '), parse: oneOf(LOG_LEVELS) },
  { key: 'logFormat', flag: 'log-format', kind: 'string', default: 'auto', describe: 'json, pretty, or auto (pretty on a terminal)', allowed: LOG_FORMATS.join(', '), parse: oneOf(LOG_FORMATS) },
  { key: 'rootfs', flag: 'rootfs', kind: 'string', describe: 'arm64 root file system DIR as the read-only lower layer (changes go to the data directory)', allowed: 'a directory path', parse: nonEmpty },
  { key: 'repository', flag: 'repository', kind: 'string', describe: 'packages from FILE (made by akuma-vm repo export), read-only and shared by a farm; installs are still recorded in the data directory', allowed: 'a file path', parse: nonEmpty },
  { key: 'inject', flag: 'inject', kind: 'string', describe: 'fault injection: clobber-x9 (every system call returns with x9 overwritten); needs --allow-fault-injection', allowed: 'clobber-x9', parse: oneOf(['clobber-x9'] as const) },
  { key: 'allowFaultInjection', flag: 'allow-fault-injection', kind: 'boolean', default: 'false', describe: 'let --inject break every session\'s programs on purpose', allowed: 'true or false', parse: bool },
  { key: 'machines', flag: 'machines', kind: 'string', default: 'shared', describe: 'shared (one machine for every session), per-session (a fresh copy-on-write machine per SSH connection) or per-user (one per user while they have a connection)', allowed: MACHINE_MODES.join(', '), parse: oneOf(MACHINE_MODES) },
  { key: 'maxMachines', flag: 'max-machines', kind: 'string', default: '0', describe: 'with --machines per-session/per-user: the most machines at once (0: no limit); past it a connection is refused', allowed: 'an integer from 0 to 100000', parse: integerIn(0, 100_000) },
  {
    key: 'workers', flag: 'workers', kind: 'string', default: 'auto', describe: 'with --machines per-session/per-user: worker threads the machines run in, so no guest delays the SSH front door (auto: one per core; 0: on the main thread)',
    allowed: 'auto or an integer from 0 to 256', parse: (t) => (t.trim() === 'auto' ? availableParallelism() : integerIn(0, 256)(t)),
  },
  { key: 'insecureOpen', flag: 'insecure-open', kind: 'boolean', default: 'false', describe: 'allow a non-loopback address without authorized keys', allowed: 'true or false', parse: bool },
  { key: 'permitUserEnvironment', flag: 'permit-user-environment', kind: 'boolean', default: 'false', describe: 'apply environment= options of authorized_keys (sshd\'s PermitUserEnvironment)', allowed: 'true or false', parse: bool },
  {
    key: 'acceptEnv', flag: 'accept-env', kind: 'string', default: 'LANG LC_*', describe: 'variables clients may set (SetEnv/SendEnv), names or patterns with * and ?',
    allowed: 'variable names or patterns separated by spaces or commas',
    parse: (t) => {
      const names = t.split(/[\s,]+/).filter(Boolean);
      return names.every((n) => /^[A-Za-z_*?][A-Za-z0-9_*?]*$/.test(n)) ? names : null;
    },
  },
  {
    key: 'loginGraceTime', flag: 'login-grace-time', kind: 'string', default: '120', describe: 'seconds to authenticate before the connection is closed (0: no limit)',
    allowed: 'a time such as 120, 30s or 2m', parse: (t) => {
      const s = parseDuration(t);
      return s !== null && s <= 86_400 ? s : null;
    },
  },
  { key: 'maxStartups', flag: 'max-startups', kind: 'string', default: '64:30:256', describe: 'unauthenticated connections: start:rate:full (random early drop, as sshd)', allowed: 'start:rate:full such as 10:30:100, or one number', parse: parseMaxStartups },
  { key: 'maxSessions', flag: 'max-sessions', kind: 'string', default: '1024', describe: 'session channels (shells, commands, SFTP) open at once on the server', allowed: 'an integer from 1 to 100000', parse: integerIn(1, 100_000) },
  { key: 'maxSessionsPerUser', flag: 'max-sessions-per-user', kind: 'string', default: '256', describe: 'session channels one user may hold at once', allowed: 'an integer from 1 to 100000', parse: integerIn(1, 100_000) },
  { key: 'perSourceMaxStartups', flag: 'per-source-max-startups', kind: 'string', default: '64', describe: 'unauthenticated connections one address may hold', allowed: 'an integer from 1 to 100000', parse: integerIn(1, 100_000) },
];

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
export const envName = (flag: string) => `AKUMA_${flag.replace(/-/g, '_').toUpperCase()}`;

/** Reads a config file: a JSON object of option names to values. */
export function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`--config ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`--config ${path}: not valid JSON (${(err as Error).message})`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new ConfigError(`--config ${path}: must hold a JSON object of option names and values`);
  const known = new Map<string, OptionSpec>();
  for (const o of SERVE_OPTIONS) known.set(o.flag, o).set(camel(o.flag), o);
  for (const key of Object.keys(value)) {
    if (!known.has(key)) throw new ConfigError(`--config ${path}: unknown option "${key}" (allowed: ${SERVE_OPTIONS.map((o) => o.flag).join(', ')})`);
  }
  return value as Record<string, unknown>;
}

/**
 * Resolves every option from flags (what yargs parsed, without defaults), the environment
 * and the config file, and checks each value.
 */
export function resolveServeConfig(flags: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): ServeConfig {
  const configPath = (flags.config as string | undefined) ?? env.AKUMA_CONFIG;
  const file = configPath ? readConfigFile(configPath) : {};
  const out: Record<string, unknown> = {};
  for (const o of SERVE_OPTIONS) {
    let raw: unknown;
    let source: string;
    if (flags[o.flag] !== undefined) [raw, source] = [flags[o.flag], `--${o.flag}`];
    else if (env[envName(o.flag)] !== undefined) [raw, source] = [env[envName(o.flag)], envName(o.flag)];
    else if (file[o.flag] !== undefined || file[camel(o.flag)] !== undefined) [raw, source] = [file[o.flag] ?? file[camel(o.flag)], `"${o.flag}" in ${configPath}`];
    else if (o.default !== undefined) [raw, source] = [o.default, `--${o.flag} default`];
    else continue;
    // yargs gives arrays for a repeated flag; the last one wins, as with most tools.
    if (Array.isArray(raw)) raw = raw[raw.length - 1];
    const text = typeof raw === 'string' ? raw : typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : null;
    const value = text === null ? null : o.parse(text);
    if (value === null) {
      const shown = text === null ? JSON.stringify(raw) : `'${text}'`;
      const where = source.startsWith('--') ? '' : ` (from ${source})`;
      throw new ConfigError(`--${o.flag} ${shown}${where}: not allowed; expected ${o.allowed}`);
    }
    out[o.key] = value;
  }
  return out as unknown as ServeConfig;
}

/** The data directory `repo` and `serve` use when none is given: --data-dir, AKUMA_DATA_DIR, ./data. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.AKUMA_DATA_DIR || './data';
}
