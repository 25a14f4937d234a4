/**
 * Machines in worker threads, as the main thread sees them (serve --workers N): a pool of
 * N workers (machine-worker.ts), each hosting many machines, and for each machine a proxy
 * that is a SessionHost like MachineHost, so the SSH server cannot tell the difference.
 * Shells and file operations become messages (machine-messages.ts); nothing of a guest
 * runs here, so the front door (SSH, SFTP, auth, logging) never waits for one.
 *
 * A worker that dies (a host exception a guest provoked) takes only its own machines: the
 * sessions on them end with one line saying so, the log says which worker died, and the
 * next machine is booted in a fresh worker in its place.
 */

import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { SyscallError } from '../kernel/errno.js';
import type { GuestFileStat } from '../kernel/fs/guest-files.js';
import type { AsyncGuestFileHandle, AsyncGuestFiles } from './async-guest-files.js';
import { BUSY_MS, HEARTBEAT_MS, STUCK_MS, ownBuffer, type FileOp, type FromWorker, type ToWorker, type WorkerSettings } from './machine-messages.js';
import type { SessionHost, ShellOptions, ShellSession } from './session-host.js';

/** What the pool hears about one machine. */
export interface MachineEvents {
  booted(ms: number, worker: number): void;
  failed(message: string, worker: number): void;
  /** Its worker died: the machine and everything in it are gone. */
  lost(why: string, worker: number): void;
}

const LEVEL_NAMES: Record<number, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

/** One worker thread and the proxies of what runs in it. */
class MachineThread {
  private readonly worker: Worker;
  alive = true;
  private stopping = false;
  readonly machines = new Map<string, RemoteMachine>();
  private readonly shells = new Map<number, RemoteShell>();
  private readonly calls = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private nextShell = 1;
  private nextCall = 1;
  private readonly exited: Promise<void>;
  /** When the worker last sent anything (the heartbeat's pong at least). */
  private lastHeard = performance.now();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(readonly index: number, settings: Omit<WorkerSettings, 'index'>, private readonly logger: Logger) {
    this.worker = new Worker(new URL('./machine-worker.js', import.meta.url), { workerData: { ...settings, index } satisfies WorkerSettings });
    this.worker.unref();
    this.worker.on('message', (m: FromWorker) => {
      this.lastHeard = performance.now();
      this.onMessage(m);
    });
    this.heartbeat = setInterval(() => {
      const silent = performance.now() - this.lastHeard;
      if (silent > STUCK_MS) this.died(`it did not answer for ${Math.round(silent / 1000)} s: host code that never returns to its event loop`);
      else this.post({ t: 'ping' });
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
    this.worker.on('error', (err: Error) => this.died(err.message, err.stack));
    this.exited = new Promise((resolve) =>
      this.worker.on('exit', (code) => {
        this.died(`its thread exited with code ${code}`);
        resolve();
      }),
    );
  }

  /** Answering lately (not held by something that does not return to its event loop). */
  get responsive(): boolean {
    return this.alive && performance.now() - this.lastHeard < BUSY_MS;
  }

  post(m: ToWorker, transfer?: ArrayBuffer[]): void {
    if (!this.alive) return;
    this.worker.postMessage(m, transfer ?? []);
  }

  private onMessage(m: FromWorker): void {
    switch (m.t) {
      case 'ready':
      case 'pong':
        return;
      case 'log':
        return this.relayLog(m.line);
      case 'booted':
        return this.machines.get(m.machine)?.events.booted(m.ms, this.index);
      case 'boot-failed':
        return this.machines.get(m.machine)?.events.failed(m.message, this.index);
      case 'out':
        return this.shells.get(m.shell)?.output(m.fd, m.data);
      case 'done':
        return this.shells.get(m.shell)?.finished(m.status, null);
      case 'failed':
        return this.shells.get(m.shell)?.finished(0, m.message);
      case 'file-done':
      case 'file-failed': {
        const call = this.calls.get(m.call);
        if (!call) return;
        this.calls.delete(m.call);
        if (m.t === 'file-done') call.resolve(m.value);
        else call.reject(m.errno !== null ? new SyscallError(m.errno, m.message) : new Error(m.message));
      }
    }
  }

  /** A worker's log line, written by this thread's logger (its format, its destination). */
  private relayLog(line: string): void {
    try {
      const { level, msg, time: _time, pid: _pid, hostname: _hostname, app: _app, ...fields } = JSON.parse(line) as Record<string, unknown>;
      const name = LEVEL_NAMES[Number(level)] ?? 'info';
      this.logger[name]({ worker: this.index, ...fields }, String(msg ?? ''));
    } catch {
      this.logger.info({ worker: this.index, line }, 'worker log line');
    }
  }

  private died(reason: string, stack?: string): void {
    if (!this.alive) return;
    this.alive = false;
    clearInterval(this.heartbeat);
    if (!this.stopping) {
      this.logger.error({ worker: this.index, threadId: this.worker.threadId, err: reason, stack, machines: this.machines.size, sessions: this.shells.size }, `machine worker ${this.index} died: its machines and their sessions are gone`);
    }
    const why = this.stopping ? 'the server is shutting down' : `the machine stopped: its worker thread (${this.index}) died (${reason})`;
    for (const s of this.shells.values()) s.lost(why);
    this.shells.clear();
    for (const c of this.calls.values()) c.reject(new Error(why));
    this.calls.clear();
    if (!this.stopping) for (const m of this.machines.values()) m.events.lost(why, this.index);
    this.machines.clear();
    // Ends the thread if it is still running (an 'error' is followed by its exit anyway).
    void this.worker.terminate().catch(() => undefined);
  }

  openShell(machine: string, options: ShellOptions): ShellSession {
    const id = this.nextShell++;
    const shell = new RemoteShell(this, id, options);
    if (!this.alive) {
      shell.lost(`the machine stopped: its worker thread (${this.index}) died`);
      return shell;
    }
    this.shells.set(id, shell);
    this.post({ t: 'open', machine, shell: id, settings: { user: options.user, env: options.env, pty: options.pty, session: options.session } });
    return shell;
  }

  forgetShell(id: number): void {
    this.shells.delete(id);
  }

  call(machine: string, user: string, op: FileOp, args: unknown[], handle?: number, transfer?: ArrayBuffer[]): Promise<unknown> {
    if (!this.alive) return Promise.reject(new Error(`the machine stopped: its worker thread (${this.index}) died`));
    const call = this.nextCall++;
    return new Promise((resolve, reject) => {
      this.calls.set(call, { resolve, reject });
      this.post({ t: 'file', call, machine, user, op, handle, args }, transfer);
    });
  }

  discard(machine: string): void {
    this.machines.delete(machine);
    this.post({ t: 'discard', machine });
  }

  /** Ends the thread (server shutdown): its machines are gone with it, unlogged. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate().catch(() => undefined);
    await this.exited;
  }
}

/** A shell running in a worker: ShellSession over messages, output flow-controlled by credits. */
class RemoteShell implements ShellSession {
  private running: { resolve(status: number): void; reject(err: Error): void } | null = null;
  /** Output bytes delivered while the channel pushed back: acknowledged at its drain. */
  private unacknowledged = 0;
  private gone: string | null = null;
  private hungUp = false;

  constructor(private readonly thread: MachineThread, private readonly id: number, private readonly options: ShellOptions) {}

  exec(commandLine: string): Promise<number> {
    return this.start({ t: 'exec', shell: this.id, commandLine });
  }

  interactive(): Promise<number> {
    return this.start({ t: 'interactive', shell: this.id });
  }

  private start(m: ToWorker): Promise<number> {
    if (this.gone) return Promise.reject(new Error(this.gone));
    return new Promise((resolve, reject) => {
      this.running = { resolve, reject };
      this.thread.post(m);
    });
  }

  input(data: Uint8Array): void {
    const buffer = ownBuffer(data);
    this.thread.post({ t: 'input', shell: this.id, data: buffer }, [buffer]);
  }

  endInput(): void {
    this.thread.post({ t: 'end-input', shell: this.id });
  }

  drain(): void {
    if (this.unacknowledged === 0) return;
    this.thread.post({ t: 'ack', shell: this.id, bytes: this.unacknowledged });
    this.unacknowledged = 0;
  }

  resize(cols: number, rows: number): void {
    this.thread.post({ t: 'resize', shell: this.id, cols, rows });
  }

  signal(name: string): void {
    this.thread.post({ t: 'signal', shell: this.id, name });
  }

  hangup(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    this.thread.post({ t: 'hangup', shell: this.id });
    // A running command still reports how it ended; otherwise nothing more will come.
    if (!this.running) this.thread.forgetShell(this.id);
  }

  output(fd: 1 | 2, data: ArrayBuffer): void {
    const accepted = (fd === 1 ? this.options.stdout : this.options.stderr)(new Uint8Array(data));
    if (accepted === false) this.unacknowledged += data.byteLength;
    else this.thread.post({ t: 'ack', shell: this.id, bytes: data.byteLength });
  }

  finished(status: number, failure: string | null): void {
    const running = this.running;
    this.running = null;
    if (this.hungUp) this.thread.forgetShell(this.id);
    if (!running) return;
    if (failure === null) running.resolve(status);
    else running.reject(new Error(failure));
  }

  lost(why: string): void {
    this.gone = why;
    const running = this.running;
    this.running = null;
    running?.reject(new Error(why));
  }
}

/** A machine in a worker: what the SSH server leases (a SessionHost) and gives back (shutdown). */
export class RemoteMachine implements SessionHost {
  constructor(private readonly thread: MachineThread, readonly id: string, readonly events: MachineEvents) {}

  get worker(): number {
    return this.thread.index;
  }

  openShell(options: ShellOptions): ShellSession {
    return this.thread.openShell(this.id, options);
  }

  homeOf(user: string): Promise<string> {
    return this.thread.call(this.id, user, 'home', []) as Promise<string>;
  }

  files(user: string): AsyncGuestFiles {
    const call = (op: FileOp, args: unknown[], transfer?: ArrayBuffer[]) => this.thread.call(this.id, user, op, args, undefined, transfer);
    const handle = (id: number): AsyncGuestFileHandle => {
      const h = (op: FileOp, args: unknown[], transfer?: ArrayBuffer[]) => this.thread.call(this.id, user, op, args, id, transfer);
      return {
        pread: async (offset, length) => new Uint8Array((await h('h.pread', [offset, length])) as ArrayBuffer),
        pwrite: async (offset, data) => {
          const buffer = ownBuffer(data);
          await h('h.pwrite', [offset, buffer], [buffer]);
        },
        stat: async () => (await h('h.stat', [])) as GuestFileStat,
        truncate: async (size) => void (await h('h.truncate', [size])),
        close: async () => void (await h('h.close', [])),
      };
    };
    const nothing = async (op: FileOp, args: unknown[]) => void (await call(op, args));
    return {
      stat: async (path, follow) => (await call('stat', [path, follow])) as GuestFileStat | null,
      open: async (path, flags, mode) => handle((await call('open', [path, flags, mode])) as number),
      readFile: async (path) => new Uint8Array((await call('readFile', [path])) as ArrayBuffer),
      writeFile: async (path, data, mode) => {
        const buffer = ownBuffer(data);
        await call('writeFile', [path, buffer, mode], [buffer]);
      },
      list: async (path) => (await call('list', [path])) as Array<{ name: string; stat: GuestFileStat }>,
      mkdir: (path, mode) => nothing('mkdir', [path, mode]),
      remove: (path) => nothing('remove', [path]),
      rmdir: (path) => nothing('rmdir', [path]),
      rename: (from, to) => nothing('rename', [from, to]),
      realpath: async (path) => (await call('realpath', [path])) as string,
      chmod: (path, mode) => nothing('chmod', [path, mode]),
      readlink: async (path) => (await call('readlink', [path])) as string,
      symlink: (target, path) => nothing('symlink', [target, path]),
    };
  }

  /** Discards the machine in its worker. */
  shutdown(): void {
    this.thread.discard(this.id);
  }
}

export interface WorkerPoolOptions {
  /** How many worker threads (at least 1). */
  size: number;
  settings: Omit<WorkerSettings, 'index'>;
  logger: Logger;
}

/**
 * N machine workers; a machine goes to the one with the fewest among those answering (a
 * worker held by a runaway gets none), and a dead one is replaced.
 */
export class WorkerPool {
  private readonly threads: MachineThread[];

  constructor(private readonly options: WorkerPoolOptions) {
    this.threads = Array.from({ length: Math.max(1, options.size) }, (_, i) => this.spawn(i));
  }

  get size(): number {
    return this.threads.length;
  }

  private spawn(index: number): MachineThread {
    return new MachineThread(index, this.options.settings, this.options.logger);
  }

  /** Boots machine `id` in a worker; the events say when it is up, failed, or lost. */
  boot(id: string, events: MachineEvents): RemoteMachine {
    for (let i = 0; i < this.threads.length; i++) {
      if (this.threads[i]!.alive) continue;
      this.threads[i] = this.spawn(i);
      this.options.logger.info({ worker: i }, `machine worker ${i} started in place of the one that died`);
    }
    const answering = this.threads.filter((t) => t.responsive);
    const candidates = answering.length ? answering : this.threads;
    const thread = candidates.reduce((best, t) => (t.machines.size < best.machines.size ? t : best));
    const machine = new RemoteMachine(thread, id, events);
    thread.machines.set(id, machine);
    thread.post({ t: 'boot', machine: id });
    return machine;
  }

  /** Ends every worker (server shutdown). */
  async shutdown(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.stop()));
  }
}
