/**
 * What the SSH server needs from the machine side, and nothing more: a shell per
 * session and a filesystem for SFTP. The kernel implements these; the server never
 * reaches past them, so the SSH layer can be tested and reasoned about on its own.
 */

import type { Logger } from 'pino';

export interface PtyInfo {
  term: string;
  cols: number;
  rows: number;
}

export interface ShellOptions {
  user: string;
  /** Variables the client sent with `env` requests (e.g. ssh -o SetEnv=FOO=bar). */
  env: Record<string, string>;
  /** Set when the client asked for a terminal (ssh -t, interactive logins). */
  pty: PtyInfo | null;
  /** Bytes for the client's stdout; false means the client is behind (wait for drain()). */
  stdout: (data: Uint8Array) => boolean | void;
  /** Bytes for the client's stderr (merged into stdout by a pty, as a terminal would). */
  stderr: (data: Uint8Array) => boolean | void;
  /** Session identifier for logs. */
  session: string;
  /** The session's logger (carries session id and user); each command line is logged on it. */
  logger?: Logger;
}

export interface ShellSession {
  /** Runs one command line (ssh host 'cmd'); resolves with the shell's final status. */
  exec(commandLine: string): Promise<number>;
  /** Runs an interactive shell (prompt and line editing with a pty, commands from stdin without); resolves at logout. */
  interactive(): Promise<number>;
  /** Client stdin. */
  input(data: Uint8Array): void;
  /** Client closed stdin (EOF). */
  endInput(): void;
  /** The client caught up with output (channel 'drain'). */
  drain(): void;
  resize(cols: number, rows: number): void;
  /** A `signal` request: SIGINT, SIGTERM, ... without the SIG prefix, as SSH names them. */
  signal(name: string): void;
  /** The client went away: kill the session's processes and free what they hold. */
  hangup(): void;
}

export interface FileStat {
  type: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  mode: number;
  mtimeMs: number;
}

/** Host-side access to the guest filesystem, for SFTP and scp. Paths are absolute guest paths. */
export interface GuestFiles {
  stat(path: string): FileStat | null;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array, mode?: number): void;
  list(path: string): { name: string; stat: FileStat }[];
  mkdir(path: string, mode?: number): void;
  remove(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
}

export interface SessionHost {
  openShell(options: ShellOptions): ShellSession;
  files(user: string): GuestFiles;
  /** The home directory SFTP starts in. */
  homeOf(user: string): string;
}
