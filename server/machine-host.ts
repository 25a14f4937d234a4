/**
 * The one machine every SSH session attaches to: a kernel on an emulated AArch64
 * machine, its file system (disk in the data directory's database), the package
 * repository behind `pkg`, and the shells the sessions run. This is the SessionHost the
 * SSH server talks to.
 *
 * Booted with `base`, it is a machine of its own (serve --machines, machine-pool.ts):
 * its disk is copy-on-write over the base machine's file system (an overlay whose upper
 * layer is in memory), its /tmp, processes and RAM are its own, and `pkg` records installs
 * in its own copy of the install records; nothing of it outlives shutdown().
 */

import type Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Kernel } from '../kernel/kernel.js';
import { bootKernel } from '../kernel/boot.js';
import { HostFs } from '../kernel/fs/hostdir.js';
import { guestFiles } from '../kernel/fs/guest-files.js';
import { DISK_DEV } from '../kernel/fs/disk.js';
import { MemFs } from '../kernel/fs/memfs.js';
import { DiskQuota } from '../kernel/fs/disk-quota.js';
import { openMachineRepository } from '../packages/repository/machine-repository.js';
import type { Vfs } from '../kernel/fs/vfs.js';
import { ShellSession, type ShellSystem } from '../packages/userland/shell/session.js';
import { ProgramSession } from '../packages/userland/shell/program-session.js';
import { installUserland } from '../packages/userland/install.js';
import type { PackageRepository } from '../packages/repository/repository.js';
import type { GuestFiles, SessionHost, ShellOptions, ShellSession as LoginSession } from './session-host.js';
import { asyncGuestFiles, type AsyncGuestFiles } from './async-guest-files.js';
import { GuestAccounts, type GuestAccount } from './guest-accounts.js';
import { AuthorizedKeys, parseAuthorizedKeys } from './authorized-keys.js';

export const HOSTNAME = 'akuma';
/** The most of RAM one process may hold. */
const PROCESS_SHARE_OF_RAM = 0.75;

export interface MachineHostOptions {
  ramSize?: number;
  /** The data directory's database: the guest disk lives in it. In memory when absent. */
  db?: Database.Database;
  repository: PackageRepository | null;
  logger: Logger;
  /** serve --rootfs: a host directory as the read-only root under the disk (an overlay). */
  rootfs?: string;
  /**
   * Boot a machine of its own, copy-on-write over this one's file system and install
   * records (then db, repository and rootfs are the base machine's).
   */
  base?: MachineHost;
  /** serve --user-memory: hard cap on one user's committed memory (bytes); none: the fair share only. */
  userMemoryLimit?: number;
  /** serve --user-nproc: RLIMIT_NPROC's default. */
  nproc?: number;
  /** serve --machine-disk: bytes a machine of its own may write (its upper layer and /tmp; EDQUOT past it). */
  machineDisk?: number;
  /** serve --machine-nproc, --machine-nofile: a machine of its own's tasks and fds, all users together (EAGAIN, ENFILE past them). */
  machineNproc?: number;
  machineNofile?: number;
  /**
   * A worker thread's view of the data directory's machine (machine-worker.ts): boots over
   * the disk as it is, only as the base of machines of their own, and writes nothing of its
   * own (no /bin entries, no skeleton, no sync at shutdown): the main thread's machine owns
   * the disk and has set it up already.
   */
  view?: boolean;
}

/** Bytes a machine of its own may write over its base disk by default (held in memory; EDQUOT past it). */
export const MACHINE_DISK_LIMIT = 512 * 1024 * 1024;

export class MachineHost implements SessionHost {
  readonly kernel: Kernel;
  readonly vfs: Vfs;
  readonly system: ShellSystem;
  private readonly sessions = new Set<{ hangup(): void }>();
  readonly accounts: GuestAccounts;
  /** What `pkg` installs from and records in: the data directory's, or this machine's own view of it. */
  readonly repository: PackageRepository | null;
  private readonly options: MachineHostOptions;

  constructor(options: MachineHostOptions) {
    const base = options.base;
    // A machine of its own runs what its base runs: same root file system, same repository.
    if (base) options = { ...options, db: undefined, rootfs: base.options.rootfs, userMemoryLimit: base.options.userMemoryLimit, nproc: base.options.nproc, machineDisk: base.options.machineDisk, machineNproc: base.options.machineNproc, machineNofile: base.options.machineNofile };
    this.options = options;
    const logger = options.logger.child({ component: 'kernel' });
    const diskBytes = options.machineDisk ?? MACHINE_DISK_LIMIT;
    const fs = base
      ? { hostname: HOSTNAME, lower: base.vfs.root, disk: new MemFs(DISK_DEV, null, diskBytes), quota: new DiskQuota(diskBytes, logger) }
      : { db: options.db, hostname: HOSTNAME, lower: options.rootfs ? new HostFs([options.rootfs]).root : undefined };
    // The machine caps are a tenant's: only machines of their own have them.
    const caps = base ? { machineNproc: options.machineNproc, machineNofile: options.machineNofile } : {};
    const booted = bootKernel({ ramSize: options.ramSize, userMemoryLimit: options.userMemoryLimit, nproc: options.nproc, ...caps, logger, fs });
    this.kernel = booted.kernel;
    this.vfs = booted.vfs;
    try {
      this.repository = base ? (base.repository ? openMachineRepository(base.repository.db.name, base.repository.shared) : null) : options.repository;
    } catch (err) {
      this.kernel.shutdown();
      throw err;
    }
    // One session's runaway program must leave room for everyone else's.
    this.kernel.processMemoryLimit = Math.floor(this.kernel.machine.memory.size * PROCESS_SHARE_OF_RAM);
    this.system = { kernel: this.kernel, vfs: this.vfs, packages: this.repository, hostname: HOSTNAME };
    installUserland(this.kernel, { packages: this.repository, hostname: HOSTNAME, rootfs: options.rootfs !== undefined, registerOnly: base !== undefined || options.view === true });
    this.accounts = new GuestAccounts(this.vfs, () => (options.rootfs ? this.systemShell() : '/bin/sh'));
    if (!options.view) this.accounts.ensureSkeleton();
  }

  /** The guest account of a login name (created with its home on first login); throws for an invalid name. */
  account(user: string): GuestAccount {
    return this.accounts.ensure(user);
  }

  /** A fresh machine's /bin holds the base programs; reinstalls any whose file went missing. */
  installBasePackages(): string[] {
    const repo = this.repository;
    // A root file system brings its own programs: the base packages would shadow them.
    if (!repo || this.options.rootfs || this.options.base) return [];
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

  /**
   * A session's login shell: with a root file system, the account's shell from its
   * /etc/passwd when that is a program of the system (bash on Debian), started as sshd
   * starts it; otherwise (and always without --rootfs) the embedded shell, with a warning in
   * the log when a root file system's account names a shell the system does not have. A
   * login name without an entry gets one whose shell is the system's (systemShell).
   */
  openShell(options: ShellOptions): LoginSession {
    const account = this.accounts.ensure(options.user);
    const onClose = (): void => void this.sessions.delete(session);
    const systemShell = this.options.rootfs !== undefined && this.isSystemProgram(account.shell);
    if (this.options.rootfs && !systemShell) {
      this.kernel.logger.warn({ user: options.user, shell: account.shell }, 'login shell from /etc/passwd is not a program of the root file system; the session gets the embedded shell');
    }
    const session = systemShell
      ? new ProgramSession(this.system, { ...options, account, onClose })
      : new ShellSession(this.system, { ...options, account, onClose });
    this.sessions.add(session);
    return session;
  }

  /**
   * A new account's shell on a root file system: /bin/sh when the system has one (Debian's
   * useradd default), else its bash; /bin/sh (the embedded shell) when it has neither.
   */
  private systemShell(): string {
    return ['/bin/sh', '/bin/bash', '/usr/bin/bash'].find((p) => this.isSystemProgram(p)) ?? '/bin/sh';
  }

  /** True when path is an executable file of the guest that is not one of the userland's own programs. */
  private isSystemProgram(path: string): boolean {
    try {
      const st = this.vfs.stat(path);
      if ((st.mode & 0o170000) !== 0o100000 || (st.mode & 0o111) === 0) return false;
      return this.kernel.natives.programOf(this.vfs.readFile(path)) === null;
    } catch {
      return false;
    }
  }

  homeOf(user: string): string {
    return this.accounts.ensure(user).home;
  }

  files(user: string): AsyncGuestFiles {
    return asyncGuestFiles(this.guestFilesOf(user));
  }

  /** The guest's files as `user` sees them, in this thread. */
  guestFilesOf(user: string): GuestFiles {
    const a = this.accounts.ensure(user);
    return guestFiles(this.vfs, { uid: a.uid, gid: a.gid, groups: a.groups });
  }

  /**
   * The user's own ~/.ssh/authorized_keys inside the guest, read at each attempt (so a change
   * counts at once), with sshd's StrictModes checks: the file, ~/.ssh and the home must be
   * owned by the user or root and writable by no one else, or the file is ignored.
   */
  authorizedKeysOf(user: string): { keys: AuthorizedKeys | null; problem?: string } {
    const account = this.accounts.find(user);
    if (!account) return { keys: null };
    const path = `${account.home}/.ssh/authorized_keys`;
    if (!this.vfs.exists(path)) return { keys: null };
    for (const p of [account.home, `${account.home}/.ssh`, path]) {
      const st = this.vfs.lstat(p);
      if ((st.uid !== account.uid && st.uid !== 0) || (st.mode & 0o022) !== 0) {
        return { keys: null, problem: `bad ownership or modes for ${p} (owner ${st.uid}, mode ${(st.mode & 0o7777).toString(8)})` };
      }
    }
    const { keys } = parseAuthorizedKeys(this.vfs.readText(path), path);
    return { keys: new AuthorizedKeys(keys, path) };
  }

  /** Ends every session and process and commits the disk (a machine of its own: discards it). */
  shutdown(): void {
    for (const s of [...this.sessions]) s.hangup();
    this.kernel.shutdown();
    if (this.options.base) {
      if (this.repository?.db.open) this.repository.db.close();
      return;
    }
    if (!this.options.view) this.vfs.sync();
  }
}
