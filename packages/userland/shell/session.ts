/**
 * A login session: one shell attached to one client (an SSH channel), in one of three
 * modes, chosen the way sshd and a POSIX shell choose them:
 *
 *  - exec (`ssh host 'cmd'`): the command line runs once; stdin, stdout and stderr are
 *    the channel's three streams (or its terminal, with `ssh -t`);
 *  - interactive with a pty: prompt, line editor and history; a running program reads
 *    the terminal, and Ctrl-C sends it SIGINT;
 *  - interactive without a pty: commands are read from stdin line by line, without a
 *    prompt, and whatever the shell has not read is left for the programs it runs.
 *
 * The shell is a native kernel process (/bin/sh, kernel/native.ts) started for the
 * session with the client's streams as fds 0-2 and the session's terminal as its
 * controlling tty: it has a pid, and the programs it runs are its children.
 *
 * When the client goes away (hangup) every process of the session gets SIGHUP, and after
 * a grace period SIGKILL, except those that ignore SIGHUP (nohup), which are logged.
 */

import type { Logger } from 'pino';
import { HostInput, HostOutput } from '../../../kernel/fs/stdio.js';
import { Tty } from '../../../kernel/fs/tty.js';
import { hostRead } from '../../../kernel/fs/file.js';
import { SIGHUP, SIGINT, SIGKILL, SIGNAL_NAMES, SIGWINCH, SIG_IGN } from '../../../kernel/signals.js';
import type { Kernel } from '../../../kernel/kernel.js';
import type { Process } from '../../../kernel/process.js';
import { groupMembers, sessionMembers } from '../../../kernel/sessions.js';
import type { OpenFile } from '../../../kernel/fs/file.js';
import { USER_GID, USER_UID, type Vfs } from '../../../kernel/fs/vfs.js';
import { KernelSys } from '../kernel-sys.js';
import { NativeProcessGone } from '../../../kernel/native.js';
import { LineEditor } from './line-editor.js';
import { ExitSignal, JOB_STOP_SIGNALS, type Shell } from './eval.js';
import { newShell } from './sh.js';
import type { PackageStore } from './pkg.js';

/** What the sessions' shells run on. */
export interface ShellSystem {
  kernel: Kernel;
  vfs: Vfs;
  packages: PackageStore | null;
  hostname: string;
}

/** Seconds between SIGHUP and SIGKILL when a session hangs up. */
const HANGUP_GRACE_MS = 2000;

/** A user's home directory (one definition for the server and the shell). */
export function homeOf(user: string): string {
  return user === 'root' ? '/root' : '/home/user';
}

export interface PtyInfo {
  term: string;
  cols: number;
  rows: number;
}

/** What a session is opened with (server/session-host.ts's ShellOptions is this type). */
export interface SessionOptions {
  user: string;
  /** Who the user is in the guest (server/guest-accounts.ts); without it, the fixed ids of root and user. */
  account?: { uid: number; gid: number; groups: number[]; home: string; shell: string };
  env: Record<string, string>;
  pty: PtyInfo | null;
  /** Client stdout; returns false when the client is not keeping up (call drain() later). */
  stdout: (data: Uint8Array) => boolean | void;
  stderr: (data: Uint8Array) => boolean | void;
  session: string;
  /** Logger for this session's commands (one line per command line). */
  logger?: Logger;
  /** Called once when the session ends (hangup). */
  onClose?: () => void;
}

const encoder = new TextEncoder();
/** Status a shell reports after Ctrl-C abandons a line or kills the foreground job. */
const STATUS_INTERRUPTED = 128 + SIGINT;

export class ShellSession {
  /** The login shell's state, once its process has started. */
  private shellState: Shell | null = null;
  /** The login shell's kernel process. */
  readonly process: Process;
  private readonly ready: Promise<Shell>;
  private finishShell!: (status: number) => void;
  /** Set by `exit`: the session ends with this status. */
  private exitStatus: number | null = null;
  private lastStatus = 0;
  private readonly user: string;
  private readonly tty: Tty | null;
  private readonly stdin: HostInput | null;
  private readonly stdout: HostOutput | null;
  private readonly stderr: HostOutput | null;
  private editor: LineEditor | null = null;
  /** The interactive loop waits here for the editor's next line (or null at end of input). */
  private pendingLine: ((line: string | null) => void) | null = null;
  /** Terminal bytes typed after a completed line, before its command started a program. */
  private typeahead = new Uint8Array(0);
  /** Whether the running command line has started a foreground program (which reads the terminal). */
  private programStarted = false;
  private inputEnded = false;
  private closed = false;
  /** Physical lines the interactive session has read (dash's line numbers count them all). */
  private linesRead = 0;
  /** The editor is reading a continuation line (PS2) of an unfinished command. */
  private continuing = false;
  /** Ctrl-C at PS2 dropped the unfinished command. */
  private abandoned = false;

  constructor(private readonly system: ShellSystem, private readonly options: SessionOptions) {
    this.user = options.user;
    if (options.pty) {
      this.tty = new Tty({
        output: (bytes) => void options.stdout(bytes),
        rows: options.pty.rows,
        cols: options.pty.cols,
        onSignal: (sig) => this.onTerminalSignal(sig),
      });
      this.stdin = this.stdout = this.stderr = null;
    } else {
      this.tty = null;
      this.stdin = new HostInput('ssh:[stdin]');
      this.stdout = new HostOutput((b) => options.stdout(b) !== false, 'ssh:[stdout]');
      this.stderr = new HostOutput((b) => options.stderr(b) !== false, 'ssh:[stderr]');
    }
    // The login shell: a native process with the session's streams as fds 0-2.
    const account = options.account;
    const home = account?.home ?? homeOf(options.user);
    const cwd = system.vfs.exists(home) ? home : '/';
    const env: Record<string, string> = {
      PATH: '/bin:/usr/bin', HOSTNAME: system.hostname, PWD: cwd,
      ...options.env,
      // Who the user is never comes from the client's env requests.
      HOME: home, USER: options.user, LOGNAME: options.user, SHELL: account?.shell ?? '/bin/sh',
    };
    if (options.pty) env.TERM = options.pty.term || 'xterm';
    const envList = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    const io = this.io();
    const uid = account?.uid ?? (options.user === 'root' ? 0 : USER_UID);
    const gid = account?.gid ?? (options.user === 'root' ? 0 : USER_GID);
    let resolveReady!: (s: Shell) => void;
    this.ready = new Promise((r) => (resolveReady = r));
    const done = new Promise<number>((r) => (this.finishShell = r));
    this.process = system.kernel.procs.spawnNative('sh', async (p) => {
      const shell = newShell(new KernelSys(system.kernel, p), envList);
      shell.arg0 = 'sh';
      shell.options.interactive = options.pty !== null;
      if (shell.options.interactive) for (const sig of JOB_STOP_SIGNALS) shell.sys.signal(sig, 'ignore');
      shell.reportExitCodes = options.pty !== null;
      this.shellState = shell;
      resolveReady(shell);
      return done;
    }, '/bin/sh', ['-sh'], envList, { stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, cwd, uid, gid, tty: this.tty ?? undefined });
    if (account) this.process.groups = [...account.groups];
    // The login shell leads the session the terminal controls, and is its first foreground group.
    if (this.tty) {
      this.tty.sessionId = this.process.sid;
      this.tty.foregroundPgrp = this.process.pgid;
    }
    io.stdin.release();
    io.stdout.release();
    io.stderr.release();
    void this.process.exited.then(() => this.finishShell(this.lastStatus));
  }

  /** The session's stdio files (fresh references). */
  private io(): { stdin: OpenFile; stdout: OpenFile; stderr: OpenFile } {
    if (this.tty) return { stdin: this.tty.open(), stdout: this.tty.open(), stderr: this.tty.open() };
    return { stdin: this.stdin!.retain(), stdout: this.stdout!.retain(), stderr: this.stderr!.retain() };
  }

  /** The login shell (its process's state). */
  get shell(): Shell {
    return this.shellState!;
  }

  /** Runs source in the login shell process; `exit` ends the session with its status. */
  private async runLine(line: string, lineBase = 1): Promise<number> {
    const shell = await this.ready;
    if (this.process.exit) return this.lastStatus;
    const started = performance.now();
    shell.linePids = [];
    let status: number;
    try {
      status = await shell.runSource(line, { lineBase });
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exitStatus = await shell.exitNow(e.status).catch(() => e.status);
        status = this.exitStatus;
      } else if (e instanceof NativeProcessGone) {
        status = (this.process.exit as { status: number } | null)?.status ?? 129;
        this.exitStatus = status;
      } else throw e;
    }
    this.lastStatus = status;
    // Command lines can hold secrets: only at debug.
    this.options.logger?.debug({ cmd: line, pid: this.process.pid, pids: shell.linePids, status, ms: Math.round(performance.now() - started) }, 'command');
    return status;
  }

  /** `ssh host 'cmd'`: runs the line, returns the shell's final status. */
  async exec(commandLine: string): Promise<number> {
    let status = await this.runLine(commandLine);
    const shell = await this.ready;
    if (this.exitStatus === null && !this.process.exit) status = await shell.exitNow(status).catch(() => status);
    this.endShell(this.exitStatus ?? status);
    return this.exitStatus ?? status;
  }

  /** The login shell's process ends with the session's status. */
  private endShell(status: number): void {
    this.finishShell(status);
  }

  /** A login shell; resolves with the status it exits with. */
  async interactive(): Promise<number> {
    return this.tty ? this.interactiveTerminal() : this.interactiveScript();
  }

  private prompt(): string {
    const shell = this.shellState;
    const ps1 = shell?.get('PS1');
    const home = shell?.get('HOME') ?? '';
    const cwd = shell?.get('PWD') ?? '/';
    const shown = home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    // The default prompt is user@host:dir$; a PS1 the user set is expanded as sh would show it.
    if (ps1 && ps1 !== '$ ' && ps1 !== '# ') return ps1.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => shell?.get(name) ?? '').replace(/\\u/g, this.user).replace(/\\h/g, this.system.hostname).replace(/\\w/g, shown).replace(/\\\$/g, this.user === 'root' ? '#' : '$');
    return `${this.user}@${this.system.hostname}:${shown}$ `;
  }

  private async interactiveTerminal(): Promise<number> {
    const tty = this.tty!;
    await this.ready;
    const write = (text: string) => {
      if (!this.closed) this.options.stdout(encoder.encode(text));
    };
    write(`Welcome to akuma-vm (AArch64). Type 'help' for commands, 'pkg search' for programs.\r\n`);
    const shell = this.shellState!;
    shell.history.push(...this.loadHistory(shell));
    this.editor = new LineEditor(write, shell.history, (line, start, word) => completions(shell, line, start, word));
    const readLine = (prompt: string) =>
      new Promise<string | null>((resolve) => {
        this.pendingLine = resolve;
        this.editor!.begin(prompt);
        // What was typed ahead while the last command ran is the start of this line.
        const ahead = this.typeahead;
        this.typeahead = new Uint8Array(0);
        if (ahead.length) this.feedEditor(ahead);
        if (this.inputEnded) this.deliverLine(null);
      });
    for (;;) {
      if (this.closed) return this.finish(this.lastStatus);
      this.continuing = false;
      await shell.notifyJobs();
      this.editor!.quietEof = false;
      let line = await readLine(this.prompt());
      if (line === null) return this.finish(this.lastStatus);
      // An open compound command, quote or here-document: PS2 asks for the rest, as dash does.
      let endedAtPs2 = false;
      while (line !== null && !isComplete(`${line}\n`)) {
        this.continuing = true;
        this.editor!.quietEof = true;
        const more: string | null = await readLine(shell.get('PS2') ?? '> ');
        if (more === null) endedAtPs2 = true;
        if (more === null || this.abandoned) break;
        line = `${line}\n${more}`;
      }
      // Lines count through the whole session, as dash numbers them in its messages (one that
      // Ctrl-C abandoned too; the end of input at PS2 is not a line).
      const lineBase = this.linesRead + 1;
      if (line !== null) this.linesRead += line.split('\n').length;
      if (this.abandoned || this.closed) {
        this.abandoned = false;
        continue;
      }
      if (line === null) return this.finish(this.lastStatus);
      if (!line.trim()) continue;
      tty.flushInput();
      this.programStarted = false;
      this.appendHistory(line);
      this.onProgramStarted();
      // Ctrl-D at PS2 ends the input inside the command: dash's "end of file unexpected" on the next line.
      await this.runLine(endedAtPs2 ? `${line}\n` : line, lineBase);
      if (this.exitStatus !== null) return this.finish(this.exitStatus);
      this.takeTerminalTypeahead();
    }
  }

  /**
   * Lines typed while a program ran and that it did not read are the next commands, as with
   * a real terminal (the tty echoed them already; the editor shows them again after the prompt).
   */
  private takeTerminalTypeahead(): void {
    if (!this.tty || this.closed) return;
    const chunks: Uint8Array[] = [];
    for (let bytes = this.tty.take(4096); bytes && bytes.length > 0; bytes = this.tty.take(4096)) chunks.push(bytes);
    if (chunks.length === 0) return;
    this.programStarted = false;
    for (const c of chunks) this.queueTypeahead(c);
  }

  /** ~/.sh_history: the user's earlier lines (the last 500). */
  private loadHistory(shell: Shell): string[] {
    try {
      const text = Buffer.from(shell.sys.readFileSync(`${shell.get('HOME') ?? ''}/.sh_history`, 1 << 20)).toString('utf8');
      return text.split('\n').filter((l) => l.trim()).slice(-500);
    } catch {
      return [];
    }
  }

  /**
   * Appends a command to ~/.sh_history, as the user (a missing or unwritable home is no error),
   * one physical line each, as the editor's history holds them (a PS2 continuation is its own line).
   */
  private appendHistory(line: string): void {
    const shell = this.shellState;
    if (!shell || !line.trim()) return;
    try {
      const fd = shell.sys.open(`${shell.get('HOME') ?? ''}/.sh_history`, O.WRONLY | O.CREAT | O.APPEND | O.CLOEXEC, 0o600);
      shell.sys.write(fd, line.split('\n').filter((l) => l.trim()).map((l) => `${l}\n`).join('')).finally(() => {
        try {
          shell.sys.close(fd);
        } catch {
          // already closed
        }
      }).catch(() => undefined);
    } catch {
      // no history file: the session goes on
    }
  }

  /** The shell's EXIT trap runs and its process ends; the session's status. */
  private async finish(status: number): Promise<number> {
    const shell = this.shellState;
    if (shell && this.exitStatus === null && !this.process.exit) status = await shell.exitNow(status).catch(() => status);
    this.endShell(status);
    return status;
  }

  /** Hands the interactive loop its next line (null: log out); the editor stops reading. */
  private deliverLine(line: string | null): void {
    const deliver = this.pendingLine;
    this.pendingLine = null;
    deliver?.(line);
  }

  /**
   * Feeds terminal bytes to the line editor, one at a time, until it completes a line.
   * Bytes after that line were typed ahead: they wait for the next prompt, or go to the
   * program the line starts, as a terminal's input queue would.
   */
  private feedEditor(data: Uint8Array): void {
    for (let i = 0; i < data.length; i++) {
      if (!this.pendingLine || !this.editor) {
        this.queueTypeahead(data.subarray(i));
        return;
      }
      for (const event of this.editor.feed(data.subarray(i, i + 1))) {
        if (event.kind === 'line') this.deliverLine(event.text);
        else if (event.kind === 'eof') this.deliverLine(null);
        else {
          // $? is 130 after Ctrl-C at a prompt, as in dash.
          this.lastStatus = STATUS_INTERRUPTED;
          if (this.shellState) this.shellState.lastStatus = STATUS_INTERRUPTED;
          if (this.continuing) {
            // Ctrl-C at PS2 abandons the whole unfinished command and goes back to PS1.
            this.abandoned = true;
            this.deliverLine(null);
          } else this.editor.begin(this.prompt());
        }
      }
    }
  }

  private queueTypeahead(data: Uint8Array): void {
    if (this.programStarted) {
      this.tty!.push(data);
      return;
    }
    const joined = new Uint8Array(this.typeahead.length + data.length);
    joined.set(this.typeahead);
    joined.set(data, this.typeahead.length);
    this.typeahead = joined;
  }

  /** The shell started a foreground program: it reads the terminal, typeahead included. */
  private onProgramStarted(): void {
    if (!this.tty || this.programStarted) return;
    this.programStarted = true;
    const ahead = this.typeahead;
    this.typeahead = new Uint8Array(0);
    if (ahead.length) this.tty.push(ahead);
  }

  /** No terminal: read commands from stdin a byte at a time, so programs get the rest. */
  private async interactiveScript(): Promise<number> {
    const stdin = this.stdin!;
    const decoder = new TextDecoder();
    let pending = '';
    for (;;) {
      const bytes: number[] = [];
      let eof = false;
      for (;;) {
        const b = await hostRead(stdin, 1);
        if (b.length === 0) {
          eof = true;
          break;
        }
        if (b[0] === 10) break;
        bytes.push(b[0]);
      }
      pending += decoder.decode(Uint8Array.from(bytes)) + (eof ? '' : '\n');
      if (!eof && !isComplete(pending)) continue;
      if (pending.trim()) await this.runLine(pending);
      pending = '';
      if (this.exitStatus !== null) return this.finish(this.exitStatus);
      if (eof || this.closed) return this.finish(this.lastStatus);
    }
  }

  /** Client stdin: to the line editor while the shell is reading, else to the program. */
  input(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.tty) {
      this.stdin!.push(data);
      return;
    }
    if (this.pendingLine && this.editor) this.feedEditor(data);
    else this.queueTypeahead(data);
  }

  /** The client sent EOF: without a pty, programs see it; with one, the shell logs out once idle. */
  endInput(): void {
    this.inputEnded = true;
    if (this.stdin) this.stdin.end();
    else if (this.pendingLine && this.typeahead.length === 0) this.deliverLine(null);
  }

  /** The client can take more output. */
  drain(): void {
    this.stdout?.drain();
    this.stderr?.drain();
  }

  resize(cols: number, rows: number): void {
    this.tty?.resize(rows, cols);
  }

  /** An SSH `signal` request ("INT", "TERM", ...) for the foreground job. */
  signal(name: string): void {
    const entry = Object.entries(SIGNAL_NAMES).find(([, n]) => n === `SIG${name.toUpperCase()}`);
    if (entry) this.signalForeground(Number(entry[0]));
  }

  /** Every process below the login shell that is not a background job's. */
  private descendants(): Process[] {
    const k = this.system.kernel;
    const shell = this.shellState;
    const background = new Set(shell?.jobs.flatMap((j) => j.pids).filter((pid) => !shell.foreground.has(pid)) ?? []);
    const out: Process[] = [];
    const walk = (pid: number): void => {
      for (const q of k.processes.values()) {
        if (q.ppid === pid && !q.exit && !background.has(q.pid)) {
          out.push(q);
          walk(q.pid);
        }
      }
    };
    walk(this.process.pid);
    return out;
  }

  /**
   * Sends sig to the foreground job. On a terminal that is the tty's foreground process group
   * (the interactive shell gives each job its own and makes it the foreground with
   * TIOCSPGRP), as Linux's ISIG keys reach it; without one (no pty, or the shell's own
   * group in front) the shell's children and their descendants.
   */
  private signalForeground(sig: number): boolean {
    const fg = this.tty?.foregroundPgrp ?? 0;
    if (fg > 0 && fg !== this.process.pgid) {
      const group = groupMembers(this.system.kernel, fg);
      for (const q of group) this.system.kernel.kill(q.pid, sig);
      if (group.length > 0) return true;
    }
    const targets = this.descendants();
    for (const q of targets) this.system.kernel.kill(q.pid, sig);
    return targets.length > 0;
  }

  private onTerminalSignal(sig: number): void {
    // Ctrl-C while no program runs is the editor's business (it never reaches the tty).
    if (sig === SIGWINCH || this.programStarted) this.signalForeground(sig);
  }

  /** The client is gone: kill what runs for it, close the streams. */
  hangup(): void {
    if (this.closed) return;
    this.closed = true;
    this.hangUpProcesses();
    this.exitStatus ??= 128 + SIGHUP;
    this.tty?.hangup();
    this.stdin?.end();
    this.stdout?.disconnect();
    this.stderr?.disconnect();
    this.deliverLine(null);
    this.options.onClose?.();
  }

  /**
   * Issue 15: a session's processes end with it. Every process group of the kernel session
   * the login shell leads (the shell, its jobs, background ones included) gets SIGHUP; after
   * a grace period the ones still there get SIGKILL, except those that ignore SIGHUP (nohup),
   * which stay and are named in the log line. A descendant that started a session of its own
   * (setsid) is not the session's any more and stays, as on Linux; it is named too.
   */
  private hangUpProcesses(): void {
    const k = this.system.kernel;
    const sid = this.process.sid;
    const descendants: Process[] = [this.process];
    for (let i = 0; i < descendants.length; i++) for (const q of k.processes.values()) if (q.ppid === descendants[i].pid && !q.exit) descendants.push(q);
    const detached = descendants.filter((q) => q.sid !== sid).map((q) => ({ pid: q.pid, sid: q.sid, cmd: q.argv.join(' ') }));
    const session = sessionMembers(k, sid);
    for (const pgid of new Set(session.map((q) => q.pgid))) for (const q of groupMembers(k, pgid)) if (q.sid === sid) k.kill(q.pid, SIGHUP);
    this.finishShell(128 + SIGHUP);
    const pids = new Set(session.map((q) => q.pid));
    const timer = setTimeout(() => {
      const survivors: Array<{ pid: number; cmd: string }> = [];
      for (const pid of pids) {
        const q = k.processes.get(pid);
        if (!q || q.exit) continue;
        if (q.handlers.actions[SIGHUP]?.handler === SIG_IGN) survivors.push({ pid, cmd: q.argv.join(' ') });
        else k.kill(pid, SIGKILL);
      }
      this.options.logger?.info({ pids: [...pids], survivors, detached }, 'session hung up: processes ended');
    }, HANGUP_GRACE_MS);
    timer.unref?.();
  }
}

import { isComplete } from './sh.js';
import { O } from '../sys.js';
import { BUILTINS } from './builtins.js';

/** Tab: command names in command position (builtins, functions, aliases, PATH), else paths. */
function completions(shell: Shell, line: string, wordStart: number, word: string): string[] {
  const before = line.slice(0, wordStart).trimEnd();
  const commandPosition = before === '' || /(\|\||&&|[|;&(]|\b(then|do|else|elif|!))$/.test(before);
  if (commandPosition && !word.includes('/')) {
    const names = new Set<string>([...BUILTINS.keys(), ...shell.functions.keys(), ...shell.aliases.keys()]);
    for (const dir of (shell.get('PATH') ?? '/bin').split(':')) {
      for (const n of shell.list(dir || '.')) names.add(n);
    }
    return [...names].filter((n) => n.startsWith(word));
  }
  const slash = word.lastIndexOf('/');
  const dir = slash < 0 ? '' : word.slice(0, slash + 1);
  const prefix = word.slice(slash + 1);
  const home = shell.get('HOME') ?? '';
  const real = dir.startsWith('~/') ? home + dir.slice(1) : dir;
  const out: string[] = [];
  for (const name of shell.list(real || '.')) {
    if (!name.startsWith(prefix) || (name.startsWith('.') && !prefix.startsWith('.'))) continue;
    out.push(dir + name + (shell.exists(`${real || './'}${name}/.`) ? '/' : ''));
  }
  return out;
}

