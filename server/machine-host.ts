/**
 * The one machine every SSH session attaches to: a kernel on an emulated AArch64
 * machine, its file system (disk in the data directory's database), the package
 * repository behind `pkg`, and the shells the sessions run. This is the SessionHost the
 * SSH server talks to.
 */

import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { Kernel } from '../kernel/kernel.js';
import { guestFiles } from '../kernel/fs/guest-files.js';
import { Vfs } from '../kernel/fs/vfs.js';
import { ShellSession } from '../kernel/shell/session.js';
import type { ShellSystem } from '../kernel/shell/shell.js';
import type { PackageRepository } from '../packages/repository/repository.js';
import type { GuestFiles, SessionHost, ShellOptions } from './session-host.js';

export const HOSTNAME = 'akuma';
/** The most of RAM one process may hold. */
const PROCESS_SHARE_OF_RAM = 0.75;

export interface MachineHostOptions {
  ramSize?: number;
  /** The data directory's database: the guest disk lives in it. In memory when absent. */
  db?: Database.Database;
  repository: PackageRepository | null;
  logger: Logger;
}

export class MachineHost implements SessionHost {
  readonly kernel: Kernel;
  readonly vfs: Vfs;
  readonly system: ShellSystem;
  private readonly sessions = new Set<ShellSession>();

  constructor(private readonly options: MachineHostOptions) {
    this.kernel = new Kernel({ ramSize: options.ramSize, logger: options.logger.child({ component: 'kernel' }) });
    // One session's runaway program must leave room for everyone else's.
    this.kernel.processMemoryLimit = Math.floor(this.kernel.machine.memory.size * PROCESS_SHARE_OF_RAM);
    this.vfs = new Vfs({ db: options.db, processes: this.kernel, hostname: HOSTNAME });
    this.kernel.vfs = this.vfs;
    this.system = { kernel: this.kernel, vfs: this.vfs, packages: options.repository, hostname: HOSTNAME };
  }

  /** A fresh machine's /bin holds the base programs; reinstalls any whose file went missing. */
  installBasePackages(): string[] {
    const repo = this.options.repository;
    if (!repo) return [];
    const installed = new Map(repo.installed().map((r) => [r.name, r]));
    const done: string[] = [];
    const newestBase = new Map<string, ReturnType<PackageRepository['list']>[number]>();
    for (const p of repo.list()) if (p.base) newestBase.set(p.name, p);
    for (const p of newestBase.values()) {
      const current = installed.get(p.name);
      if (current && this.vfs.exists(current.path)) continue;
      const path = `/bin/${p.name}`;
      repo.install(p, path, (blob) => this.vfs.writeFile(path, blob, { mode: 0o755 }));
      done.push(p.name);
    }
    return done;
  }

  openShell(options: ShellOptions): ShellSession {
    const session = new ShellSession(this.system, {
      user: options.user,
      env: options.env,
      pty: options.pty,
      stdout: options.stdout,
      stderr: options.stderr,
      session: options.session,
      logger: options.logger,
      onClose: () => this.sessions.delete(session),
    });
    this.sessions.add(session);
    return session;
  }

  homeOf(user: string): string {
    return user === 'root' ? '/root' : '/home/user';
  }

  files(): GuestFiles {
    return guestFiles(this.vfs);
  }

  /** Ends every session and process and commits the disk. */
  shutdown(): void {
    for (const s of [...this.sessions]) s.hangup();
    this.kernel.shutdown();
    this.vfs.sync();
  }
}
