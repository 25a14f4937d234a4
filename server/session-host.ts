/**
 * What the SSH server needs from the machine side, and nothing more: a shell per
 * session and a filesystem for SFTP. The kernel implements these; the server never
 * reaches past them, so the SSH layer can be tested and reasoned about on its own.
 */

/** What a session is opened with: one type, defined by the shell's session (packages/userland/shell/session.ts). */
import type { SessionOptions } from '../packages/userland/shell/session.js';
export type { PtyInfo } from '../packages/userland/shell/session.js';
export type ShellOptions = SessionOptions;

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

/** Host-side access to the guest file system for SFTP and scp, acting as one user. */
export type { GuestFiles, GuestFileStat as FileStat } from '../kernel/fs/guest-files.js';
export type { AsyncGuestFiles } from './async-guest-files.js';
import type { AsyncGuestFiles } from './async-guest-files.js';

import type { AuthorizedKeys } from './authorized-keys.js';

export interface SessionHost {
  /** The login name's own authorized_keys in the guest (~/.ssh/authorized_keys), if any. */
  authorizedKeysOf?(user: string): { keys: AuthorizedKeys | null; problem?: string };
  openShell(options: ShellOptions): ShellSession;
  /** The guest's files as `user` sees them; asynchronous, since the machine may be in a worker thread. */
  files(user: string): AsyncGuestFiles;
  /** The home directory SFTP starts in. */
  homeOf(user: string): string | Promise<string>;
}
