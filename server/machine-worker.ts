/**
 * A machine worker thread (serve --workers N): hosts machines of their own, booted and
 * run here, so that guest code never runs on the main thread and an infinite loop in
 * one session cannot delay another session's SSH handshake. The main thread reaches the
 * machines only through messages (machine-messages.ts) sent by worker-machines.ts.
 *
 * The worker opens its own connection to the data directory's database (better-sqlite3
 * objects cannot cross threads) and boots a view of the data directory's machine from it
 * (MachineHost with `view`): the read-only base every machine of this worker is
 * copy-on-write over. Its log lines go to the main thread, which writes them with its own.
 *
 * A host exception that escapes here (a kernel bug a guest triggered) ends this worker
 * only: the main thread ends its sessions with one line, logs which worker died, and
 * starts another for new machines.
 */

import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { SyscallError } from '../kernel/errno.js';
import type { GuestFileHandle, GuestFiles } from '../kernel/fs/guest-files.js';
import { PackageRepository } from '../packages/repository/repository.js';
import { openDatabase } from './data-dir.js';
import { MachineHost } from './machine-host.js';
import { OUTPUT_WINDOW, ownBuffer, type FromWorker, type ToWorker, type WorkerSettings } from './machine-messages.js';
import type { ShellSession } from './session-host.js';
import { openSharedCatalogue } from './shared-catalogue.js';

/**
 * How much lower than the main thread a worker runs (nice levels): when the host's cores
 * are all busy, the SSH front door is served first and guests get what is left.
 */
const WORKER_NICENESS = 5;

/** Lowers this thread's priority (Linux: setpriority on a thread id names that thread only). */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, Math.min(19, getPriority(tid) + WORKER_NICENESS));
  } catch {
    // Not Linux, or not allowed: the worker runs at the server's priority.
  }
}
lowerPriority();

/** The guest RAM of the base view: it runs no program, only lends its file system. */
const VIEW_RAM = 16 * 1024 * 1024;

/**
 * A test hook (AKUMA_TEST_CRASH_WORKER=COMMAND): running exactly COMMAND throws out of the
 * worker's event loop, as a kernel bug would, so tests can see a worker die and the server
 * keep serving. Unset, nothing is different.
 */
const CRASH_COMMAND = process.env.AKUMA_TEST_CRASH_WORKER;
/** The same for a worker that never returns to its event loop (AKUMA_TEST_HANG_WORKER=COMMAND). */
const HANG_COMMAND = process.env.AKUMA_TEST_HANG_WORKER;

const port = parentPort!;
const settings = workerData as WorkerSettings;
const post = (m: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(m, transfer ?? []);
const logger = pino({ level: settings.logLevel, base: { app: 'akuma-vm' } }, { write: (line: string) => post({ t: 'log', line }) });

process.on('unhandledRejection', (err) => logger.error({ worker: settings.index, err: String(err) }, 'unhandled rejection (worker continues)'));

const db = openDatabase(settings.dataDir);
const shared = settings.sharedCatalogue ? openSharedCatalogue(settings.sharedCatalogue) : undefined;
const base = new MachineHost({
  view: true,
  db,
  repository: new PackageRepository(db, { migrate: false, shared }),
  ramSize: VIEW_RAM,
  logger,
  rootfs: settings.rootfs,
  userMemoryLimit: settings.userMemoryLimit,
  nproc: settings.nproc,
  machineDisk: settings.machineDisk,
  machineNproc: settings.machineNproc,
  machineNofile: settings.machineNofile,
});

/** Machines by id: booted, or why they could not be. */
const machines = new Map<string, MachineHost | Error>();

interface HostedShell {
  machine: string;
  session: ShellSession | null;
  /** Why there is no session (its machine is gone, or the shell could not start). */
  problem: string | null;
  /** Output bytes posted and not yet acknowledged. */
  inFlight: number;
  /** The session was told "not keeping up" (stdout returned false) and waits for drain(). */
  paused: boolean;
}
const shells = new Map<number, HostedShell>();
const fileViews = new Map<string, GuestFiles>();
const handles = new Map<number, { machine: string; file: GuestFileHandle }>();
let nextHandle = 1;

function machineOf(id: string): MachineHost {
  const m = machines.get(id);
  if (m instanceof MachineHost) return m;
  throw new Error(m ? `cannot boot a machine: ${m.message}` : 'the machine is gone');
}

function boot(id: string): void {
  const started = performance.now();
  try {
    const host = new MachineHost({ base, ramSize: settings.ramSize, repository: null, logger: logger.child({ machine: id, worker: settings.index }) });
    // Fault injection (serve --inject) reaches every machine, as it reaches the shared one.
    host.kernel.injectClobberX9 = settings.injectClobberX9;
    machines.set(id, host);
    post({ t: 'booted', machine: id, ms: Math.round((performance.now() - started) * 10) / 10 });
  } catch (err) {
    machines.set(id, err as Error);
    post({ t: 'boot-failed', machine: id, message: (err as Error).message });
  }
}

function discard(id: string): void {
  const m = machines.get(id);
  machines.delete(id);
  for (const [key] of fileViews) if (key.startsWith(`${id}\0`)) fileViews.delete(key);
  for (const [h, entry] of handles) if (entry.machine === id) handles.delete(h);
  for (const [s, entry] of shells) if (entry.machine === id) shells.delete(s);
  if (m instanceof MachineHost) {
    try {
      m.shutdown();
    } catch (err) {
      logger.error({ machine: id, worker: settings.index, err: (err as Error).message }, 'machine shutdown failed');
    }
  }
}

function open(id: number, machine: string, m: Extract<ToWorker, { t: 'open' }>['settings']): void {
  const entry: HostedShell = { machine, session: null, problem: null, inFlight: 0, paused: false };
  shells.set(id, entry);
  const output = (fd: 1 | 2) => (data: Uint8Array): boolean => {
    if (data.length === 0) return true;
    const buffer = ownBuffer(data);
    entry.inFlight += data.length;
    post({ t: 'out', shell: id, fd, data: buffer }, [buffer]);
    if (entry.inFlight < OUTPUT_WINDOW) return true;
    entry.paused = true;
    return false;
  };
  try {
    entry.session = machineOf(machine).openShell({ ...m, logger: logger.child({ session: m.session, user: m.user, machine, worker: settings.index }), stdout: output(1), stderr: output(2) });
  } catch (err) {
    entry.problem = (err as Error).message;
  }
}

function run(id: number, how: (s: ShellSession) => Promise<number>): void {
  const entry = shells.get(id);
  const session = entry?.session;
  if (!session) {
    post({ t: 'failed', shell: id, message: entry?.problem ?? 'the machine is gone' });
    return;
  }
  how(session).then(
    (status) => post({ t: 'done', shell: id, status }),
    (err: Error) => post({ t: 'failed', shell: id, message: err.message }),
  );
}

function fileCall(m: Extract<ToWorker, { t: 'file' }>): void {
  try {
    const host = machineOf(m.machine);
    const key = `${m.machine}\0${m.user}`;
    let files = fileViews.get(key);
    if (!files) fileViews.set(key, (files = host.guestFilesOf(m.user)));
    const a = m.args;
    let value: unknown;
    const transfer: ArrayBuffer[] = [];
    const bytes = (data: Uint8Array) => {
      const b = ownBuffer(data);
      transfer.push(b);
      return b;
    };
    if (m.op.startsWith('h.')) {
      const h = handles.get(m.handle ?? -1);
      if (!h) throw new Error('bad handle');
      const f = h.file;
      if (m.op === 'h.pread') value = bytes(f.pread(a[0] as number, a[1] as number));
      else if (m.op === 'h.pwrite') f.pwrite(a[0] as number, new Uint8Array(a[1] as ArrayBuffer));
      else if (m.op === 'h.stat') value = f.stat();
      else if (m.op === 'h.truncate') f.truncate(a[0] as number);
      else if (m.op === 'h.close') {
        handles.delete(m.handle!);
        f.close();
      }
    } else if (m.op === 'home') value = host.homeOf(m.user);
    else if (m.op === 'open') {
      const id = nextHandle++;
      handles.set(id, { machine: m.machine, file: files.open(a[0] as string, a[1] as number, a[2] as number | undefined) });
      value = id;
    } else if (m.op === 'readFile') value = bytes(files.readFile(a[0] as string));
    else if (m.op === 'writeFile') files.writeFile(a[0] as string, new Uint8Array(a[1] as ArrayBuffer), a[2] as number | undefined);
    else value = ((files as unknown as Record<string, (...args: unknown[]) => unknown>)[m.op]!)(...a);
    post({ t: 'file-done', call: m.call, value }, transfer);
  } catch (err) {
    post({ t: 'file-failed', call: m.call, errno: err instanceof SyscallError ? err.errno : null, message: (err as Error).message });
  }
}

function onMessage(m: ToWorker): void {
  switch (m.t) {
    case 'ping':
      return post({ t: 'pong' });
    case 'boot':
      return boot(m.machine);
    case 'discard':
      return discard(m.machine);
    case 'open':
      return open(m.shell, m.machine, m.settings);
    case 'exec':
      if (CRASH_COMMAND && m.commandLine === CRASH_COMMAND) {
        setImmediate(() => {
          throw new Error(`test hook: worker ${settings.index} crashed on purpose (AKUMA_TEST_CRASH_WORKER)`);
        });
        return;
      }
      if (HANG_COMMAND && m.commandLine === HANG_COMMAND) for (;;);
      return run(m.shell, (s) => s.exec(m.commandLine));
    case 'interactive':
      return run(m.shell, (s) => s.interactive());
    case 'input':
      return shells.get(m.shell)?.session?.input(new Uint8Array(m.data));
    case 'end-input':
      return shells.get(m.shell)?.session?.endInput();
    case 'ack': {
      const entry = shells.get(m.shell);
      if (!entry) return;
      entry.inFlight -= m.bytes;
      if (entry.paused && entry.inFlight < OUTPUT_WINDOW) {
        entry.paused = false;
        entry.session?.drain();
      }
      return;
    }
    case 'resize':
      return shells.get(m.shell)?.session?.resize(m.cols, m.rows);
    case 'signal':
      return shells.get(m.shell)?.session?.signal(m.name);
    case 'hangup': {
      const entry = shells.get(m.shell);
      shells.delete(m.shell);
      return entry?.session?.hangup();
    }
    case 'file':
      return fileCall(m);
  }
}

port.on('message', (m: ToWorker) => {
  // A failure of one request is that request's; only what escapes the event loop ends the worker.
  try {
    onMessage(m);
  } catch (err) {
    logger.error({ worker: settings.index, request: m.t, err: (err as Error).message }, 'machine request failed');
  }
});
post({ t: 'ready' });
