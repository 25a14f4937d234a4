/**
 * Machines of their own (serve --machines per-session | per-user): instead of every SSH
 * connection attaching to the one shared machine, each connection (per-session) or each
 * user across their connections (per-user) gets a machine booted for it, copy-on-write
 * over the base machine's file system (machine-host.ts with `base`), so what one CI job
 * writes, runs or installs is seen by no other and is gone when it ends.
 *
 * The SSH server leases a machine when a connection first asks for a shell, a command or
 * SFTP, and gives the lease back when the connection closes; a per-user machine is
 * discarded when its user's last connection closes. `--max-machines` bounds how many live
 * at once: past it a lease is refused with one line saying so.
 *
 * With serve --workers N the machines boot in worker threads (worker-machines.ts): the
 * lease is given at once (what its sessions send waits in the worker's queue behind the
 * boot), `machine booted` is logged when the worker says so, and a machine whose worker
 * died is forgotten at once, so it counts against --max-machines no more.
 */

import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { MachineMode } from './config.js';
import { MachineHost } from './machine-host.js';
import type { SessionHost } from './session-host.js';
import type { WorkerPool } from './worker-machines.js';


/** A connection's hold on a machine: the host its sessions use, given back once with release(). */
export interface MachineLease {
  host: SessionHost;
  /** The machine's short id (log lines carry it as `machine`). */
  machine: string;
  release(): void;
}

/** What the SSH server leases machines from. */
export interface MachineProvider {
  /** A machine for one connection of `user`; throws MachineRefusal when none can be had. */
  attach(user: string, connection: string): MachineLease;
}

/** No machine for this connection: the message is the one line the client is shown. */
export class MachineRefusal extends Error {
  override name = 'MachineRefusal';
}

export interface MachinePoolOptions {
  mode: Exclude<MachineMode, 'shared'>;
  /** Guest RAM of each machine (serve --ram). */
  ramSize?: number;
  /** The most machines alive at once (0 or absent: no limit). */
  maxMachines?: number;
  logger: Logger;
  /** serve --workers N (N > 0): machines boot in these worker threads instead of this one. */
  workers?: WorkerPool;
}

interface Held {
  id: string;
  host: SessionHost & { shutdown(): void };
  user: string;
  leases: number;
  booted: number;
}

export class MachinePool implements MachineProvider {
  private readonly live = new Map<string, Held>();
  private readonly byUser = new Map<string, Held>();
  private closed = false;

  constructor(private readonly base: MachineHost, private readonly options: MachinePoolOptions) {}

  /** Machines alive now. */
  get size(): number {
    return this.live.size;
  }

  attach(user: string, connection: string): MachineLease {
    if (this.closed) throw new MachineRefusal('the server is shutting down');
    let held = this.options.mode === 'per-user' ? this.byUser.get(user) : undefined;
    if (!held) held = this.boot(user, connection);
    held.leases++;
    const h = held;
    let released = false;
    return {
      host: h.host,
      machine: h.id,
      release: () => {
        if (released) return;
        released = true;
        if (--h.leases === 0) this.discard(h);
      },
    };
  }

  private boot(user: string, connection: string): Held {
    const log = this.options.logger;
    const max = this.options.maxMachines ?? 0;
    if (max > 0 && this.live.size >= max) {
      log.warn({ user, connection, machines: this.live.size, maxMachines: max }, 'machine refused: --max-machines reached');
      throw new MachineRefusal(`no machine available: all ${max} are in use (--max-machines ${max}); try again later`);
    }
    const id = randomUUID().slice(0, 8);
    if (this.options.workers) return this.bootInWorker(id, user, connection);
    const started = performance.now();
    let host: MachineHost;
    try {
      host = new MachineHost({ base: this.base, ramSize: this.options.ramSize, repository: null, logger: log.child({ machine: id }) });
    } catch (err) {
      log.error({ user, connection, err: (err as Error).message }, 'machine boot failed');
      throw new MachineRefusal(`cannot boot a machine: ${(err as Error).message}`);
    }
    // Fault injection (serve --inject) reaches every machine, as it reaches the shared one.
    host.kernel.injectClobberX9 = this.base.kernel.injectClobberX9;
    const held: Held = { id, host, user, leases: 0, booted: Date.now() };
    this.live.set(id, held);
    if (this.options.mode === 'per-user') this.byUser.set(user, held);
    log.info({ machine: id, user, connection, mode: this.options.mode, machines: this.live.size, ms: Math.round((performance.now() - started) * 10) / 10 }, 'machine booted');
    return held;
  }

  private bootInWorker(id: string, user: string, connection: string): Held {
    const log = this.options.logger;
    const mode = this.options.mode;
    const held: Held = { id, host: null!, user, leases: 0, booted: Date.now() };
    held.host = this.options.workers!.boot(id, {
      booted: (ms, worker) => log.info({ machine: id, user, connection, mode, worker, machines: this.live.size, ms }, 'machine booted'),
      failed: (message, worker) => {
        log.error({ machine: id, user, connection, worker, err: message }, 'machine boot failed');
        this.forget(held);
      },
      lost: (why, worker) => {
        log.warn({ machine: id, user, connection, worker, err: why }, 'machine lost');
        this.forget(held);
      },
    });
    this.live.set(id, held);
    if (mode === 'per-user') this.byUser.set(user, held);
    return held;
  }

  /** A machine that is gone already (boot failed, worker died): no longer counted or reused. */
  private forget(h: Held): void {
    if (this.live.get(h.id) === h) this.live.delete(h.id);
    if (this.byUser.get(h.user) === h) this.byUser.delete(h.user);
  }

  private discard(h: Held): void {
    if (!this.live.delete(h.id)) return;
    if (this.byUser.get(h.user) === h) this.byUser.delete(h.user);
    try {
      h.host.shutdown();
    } catch (err) {
      this.options.logger.error({ machine: h.id, err: (err as Error).message }, 'machine shutdown failed');
    }
    this.options.logger.info({ machine: h.id, user: h.user, machines: this.live.size, ms: Date.now() - h.booted }, 'machine discarded');
  }

  /** Discards every machine (server shutdown); later leases are refused. */
  shutdown(): void {
    this.closed = true;
    for (const h of [...this.live.values()]) this.discard(h);
  }
}
