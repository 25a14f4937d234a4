/**
 * The messages between the SSH front door (main thread) and a machine worker thread
 * (machine-worker.ts), in one place because both sides must agree on every field.
 *
 * Why a protocol at all: a machine (kernel, CPU, file systems, its better-sqlite3
 * connection) cannot cross threads, and the main thread must never run guest code, so the
 * main thread holds only proxies (worker-machines.ts) and every call on a SessionHost,
 * ShellSession or GuestFiles becomes a message on the worker's port. Messages on one port
 * arrive in the order they were posted, which is what keeps a shell's input, resize and
 * hangup (and an SFTP session's requests) in order without any extra sequencing.
 *
 * Bytes (client input, guest output, SFTP reads and writes) travel as ArrayBuffers in the
 * transfer list: copied once into a buffer of their own by the sender, then moved, never
 * cloned again. Output is flow-controlled with credits: the worker counts the bytes of a
 * shell's output not yet acknowledged, and once OUTPUT_WINDOW are outstanding its
 * stdout()/stderr() return false, so the guest writer waits (the ShellSession contract:
 * false, then drain()). The main thread acknowledges a chunk when the SSH channel took it
 * without pushing back, or later, at the channel's 'drain'.
 */

import type { PtyInfo } from './session-host.js';

/** Output bytes a shell may have in flight to the main thread before its writer is paused. */
export const OUTPUT_WINDOW = 1024 * 1024;

/** What a worker is started with (Worker workerData). */
export interface WorkerSettings {
  /** The worker's number in the pool (log lines carry it as `worker`). */
  index: number;
  /** The data directory: the worker opens its own connection to the database there. */
  dataDir: string;
  ramSize?: number;
  rootfs?: string;
  /** serve --repository: the shared catalogue file, opened again by the worker. */
  sharedCatalogue?: string;
  userMemoryLimit?: number;
  nproc?: number;
  machineDisk?: number;
  machineNproc?: number;
  machineNofile?: number;
  logLevel: string;
  injectClobberX9: boolean;
}

/** Session settings that can cross (the callbacks and the logger stay on the main thread). */
export interface ShellSettings {
  user: string;
  env: Record<string, string>;
  pty: PtyInfo | null;
  session: string;
}

/** The file operations SFTP uses (GuestFiles' methods and its handles'), by name. */
export type FileOp =
  | 'stat' | 'open' | 'readFile' | 'writeFile' | 'list' | 'mkdir' | 'remove' | 'rmdir' | 'rename' | 'realpath' | 'chmod' | 'readlink' | 'symlink'
  | 'home'
  | 'h.pread' | 'h.pwrite' | 'h.stat' | 'h.truncate' | 'h.close';

/** How often the main thread asks each worker whether it is still answering. */
export const HEARTBEAT_MS = 1000;
/** A worker silent this long is busy: new machines go to others while another answers. */
export const BUSY_MS = 3000;
/**
 * A worker silent this long is stuck (host code that never returns to its event loop): its
 * machines cannot even be hung up, so it is ended like a worker that crashed.
 */
export const STUCK_MS = 30_000;

export type ToWorker =
  | { t: 'ping' }
  | { t: 'boot'; machine: string }
  | { t: 'discard'; machine: string }
  | { t: 'open'; machine: string; shell: number; settings: ShellSettings }
  | { t: 'exec'; shell: number; commandLine: string }
  | { t: 'interactive'; shell: number }
  | { t: 'input'; shell: number; data: ArrayBuffer }
  | { t: 'end-input'; shell: number }
  | { t: 'ack'; shell: number; bytes: number }
  | { t: 'resize'; shell: number; cols: number; rows: number }
  | { t: 'signal'; shell: number; name: string }
  | { t: 'hangup'; shell: number }
  /** One file operation; `handle` for the h.* operations; byte arguments as ArrayBuffers. */
  | { t: 'file'; call: number; machine: string; user: string; op: FileOp; handle?: number; args: unknown[] };

export type FromWorker =
  /** The worker has booted its base view and serves requests. */
  | { t: 'ready' }
  | { t: 'pong' }
  | { t: 'log'; line: string }
  | { t: 'booted'; machine: string; ms: number }
  | { t: 'boot-failed'; machine: string; message: string }
  | { t: 'out'; shell: number; fd: 1 | 2; data: ArrayBuffer }
  /** exec()/interactive() resolved with the shell's status. */
  | { t: 'done'; shell: number; status: number }
  | { t: 'failed'; shell: number; message: string }
  /** A file operation's result (an open file as its handle number, bytes as an ArrayBuffer). */
  | { t: 'file-done'; call: number; value: unknown }
  /** A file operation's error: errno (a SyscallError's) when it had one, so SFTP status codes stay right. */
  | { t: 'file-failed'; call: number; errno: number | null; message: string };

/** The bytes of a view in an ArrayBuffer of their own, ready to be moved (transferred). */
export function ownBuffer(data: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy.buffer;
}
