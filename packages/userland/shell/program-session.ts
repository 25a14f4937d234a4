/**
 * A login session whose shell is a guest program: the account's shell from the guest's
 * /etc/passwd (bash on a Debian root file system, `serve --rootfs`), started the way
 * OpenSSH's sshd starts it:
 *
 *  - `ssh host` with a pty: the shell as a login shell (argv[0] "-bash") on the terminal,
 *    the leader of a new session whose controlling terminal it is, so its job control,
 *    line editing, completion and history are its own;
 *  - `ssh host` without a pty: the same login shell reading its commands from stdin;
 *  - `ssh host CMD`: `SHELL -c CMD` (argv[0] the shell's name), on a pty if one was asked.
 *
 * The embedded system's shell (session.ts) stays the login shell when the account's shell
 * is the userland's own /bin/sh, as it is without a root file system.
 */

import { basename } from 'node:path';
import type { OpenFile } from '../../../kernel/fs/file.js';
import { HostInput, HostOutput } from '../../../kernel/fs/stdio.js';
import { Tty } from '../../../kernel/fs/tty.js';
import type { Process } from '../../../kernel/process.js';
import { groupMembers, sessionMembers } from '../../../kernel/sessions.js';
import { SIGHUP, SIGKILL, SIG_IGN, SIGNAL_NAMES } from '../../../kernel/signals.js';
import type { SessionOptions, ShellSystem } from './session.js';

/** How long hung-up processes get to exit after SIGHUP before SIGKILL (as session.ts). */
const HANGUP_GRACE_MS = 2000;

export class ProgramSession {
  private readonly tty: Tty | null;
  private readonly stdin: HostInput | null;
  private readonly stdout: HostOutput | null;
  private readonly stderr: HostOutput | null;
  private process: Process | null = null;
  private closed = false;
  private readonly env: string[];
  private readonly cwd: string;

  constructor(private readonly system: ShellSystem, private readonly options: SessionOptions & { account: NonNullable<SessionOptions['account']> }) {
    if (options.pty) {
      this.tty = new Tty({
        output: (bytes) => void options.stdout(bytes),
        rows: options.pty.rows,
        cols: options.pty.cols,
        onSignal: (sig, pgrp) => this.signalGroup(pgrp || this.tty!.foregroundPgrp, sig),
      });
      this.stdin = this.stdout = this.stderr = null;
    } else {
      this.tty = null;
      this.stdin = new HostInput('ssh:[stdin]');
      this.stdout = new HostOutput((b) => options.stdout(b) !== false, 'ssh:[stdout]');
      this.stderr = new HostOutput((b) => options.stderr(b) !== false, 'ssh:[stderr]');
    }
    const a = options.account;
    this.cwd = system.vfs.exists(a.home) ? a.home : '/';
    // sshd's environment for the shell: who the user is never comes from the client.
    const env: Record<string, string> = {
      PATH: a.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin',
      ...options.env,
      HOME: a.home, USER: options.user, LOGNAME: options.user, SHELL: a.shell,
    };
    if (options.pty) env.TERM = options.pty.term || 'xterm';
    this.env = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  }

  /** `ssh host CMD`: SHELL -c CMD; the shell's status. */
  exec(commandLine: string): Promise<number> {
    return this.start([basename(this.options.account.shell), '-c', commandLine]);
  }

  /** `ssh host`: the login shell; its status at logout. */
  interactive(): Promise<number> {
    return this.start([`-${basename(this.options.account.shell)}`]);
  }

  private async start(argv: string[]): Promise<number> {
    const a = this.options.account;
    const io = this.io();
    let p: Process;
    try {
      p = this.system.kernel.spawn(a.shell, argv, this.env, { ...io, cwd: this.cwd, uid: a.uid, gid: a.gid, tty: this.tty ?? undefined });
    } catch (e) {
      this.options.stderr(new TextEncoder().encode(`${(e as Error).message}\n`));
      return 127;
    } finally {
      io.stdin.release();
      io.stdout.release();
      io.stderr.release();
    }
    p.groups = [...a.groups];
    this.process = p;
    // The shell leads the session the terminal controls, and is its first foreground group.
    if (this.tty) {
      this.tty.sessionId = p.sid;
      this.tty.foregroundPgrp = p.pgid;
    }
    const exit = await p.exited;
    return exit.status;
  }

  private io(): { stdin: OpenFile; stdout: OpenFile; stderr: OpenFile } {
    if (this.tty) return { stdin: this.tty.open(), stdout: this.tty.open(), stderr: this.tty.open() };
    return { stdin: this.stdin!.retain(), stdout: this.stdout!.retain(), stderr: this.stderr!.retain() };
  }

  input(data: Uint8Array): void {
    if (this.closed) return;
    if (this.tty) this.tty.push(data);
    else this.stdin!.push(data);
  }

  /** The client's EOF: without a pty the shell reads end of file; a terminal has no EOF of its own. */
  endInput(): void {
    this.stdin?.end();
  }

  drain(): void {
    this.stdout?.drain();
    this.stderr?.drain();
  }

  resize(cols: number, rows: number): void {
    this.tty?.resize(rows, cols);
  }

  /** An SSH `signal` request: to the terminal's foreground group, or the shell without one. */
  signal(name: string): void {
    const entry = Object.entries(SIGNAL_NAMES).find(([, n]) => n === `SIG${name.toUpperCase()}`);
    if (!entry || !this.process) return;
    const pgrp = this.tty?.foregroundPgrp || this.process.pgid;
    this.signalGroup(pgrp, Number(entry[0]));
  }

  private signalGroup(pgrp: number, sig: number): void {
    for (const q of groupMembers(this.system.kernel, pgrp)) this.system.kernel.kill(q.pid, sig);
  }

  /**
   * The client is gone: SIGHUP to every process group of the shell's session, as the
   * terminal's hang-up does on Linux; what is left after a grace period and does not
   * ignore SIGHUP gets SIGKILL.
   */
  hangup(): void {
    if (this.closed) return;
    this.closed = true;
    const k = this.system.kernel;
    const p = this.process;
    if (p && !p.exit) {
      const session = sessionMembers(k, p.sid);
      for (const pgid of new Set(session.map((q) => q.pgid))) this.signalGroup(pgid, SIGHUP);
      const timer = setTimeout(() => {
        for (const q of session) {
          if (!q.exit && q.handlers.actions[SIGHUP]?.handler !== SIG_IGN) k.kill(q.pid, SIGKILL);
        }
      }, HANGUP_GRACE_MS);
      timer.unref?.();
    }
    this.tty?.hangup();
    this.stdin?.end();
    this.stdout?.disconnect();
    this.stderr?.disconnect();
    this.options.onClose?.();
  }
}
