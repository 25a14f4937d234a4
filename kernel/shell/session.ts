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
 * When the client goes away (hangup) every process of the session is killed, which
 * frees their memory, and the session's streams are closed.
 */

import { HostInput, HostOutput } from '../fs/stdio.js';
import { Tty } from '../fs/tty.js';
import { hostRead } from '../fs/file.js';
import { SIGHUP, SIGINT, SIGKILL, SIGNAL_NAMES, SIGWINCH } from '../signals.js';
import { LineEditor } from './line-editor.js';
import { Shell, type ShellIo, type ShellSystem } from './shell.js';

export interface SessionOptions {
  user: string;
  env: Record<string, string>;
  pty: { term: string; cols: number; rows: number } | null;
  /** Client stdout; returns false when the client is not keeping up (call drain() later). */
  stdout: (data: Uint8Array) => boolean | void;
  stderr: (data: Uint8Array) => boolean | void;
  session: string;
  /** Called once when the session ends (hangup). */
  onClose?: () => void;
}

const encoder = new TextEncoder();
/** Status a shell reports after Ctrl-C abandons a line or kills the foreground job. */
const STATUS_INTERRUPTED = 128 + SIGINT;

export class ShellSession {
  readonly shell: Shell;
  private readonly tty: Tty | null;
  private readonly stdin: HostInput | null;
  private readonly stdout: HostOutput | null;
  private readonly stderr: HostOutput | null;
  private editor: LineEditor | null = null;
  /** The interactive loop waits here for the editor's next line (or null at end of input). */
  private pendingLine: ((line: string | null) => void) | null = null;
  private closed = false;

  constructor(system: ShellSystem, private readonly options: SessionOptions) {
    const env = { ...options.env };
    if (options.pty) env.TERM = options.pty.term || 'xterm';
    this.shell = new Shell(system, options.user, env);
    if (options.pty) {
      this.tty = new Tty({
        output: (bytes) => void options.stdout(bytes),
        rows: options.pty.rows,
        cols: options.pty.cols,
        onSignal: (sig) => this.onTerminalSignal(sig),
      });
      this.shell.tty = this.tty;
      this.stdin = this.stdout = this.stderr = null;
    } else {
      this.tty = null;
      this.stdin = new HostInput('ssh:[stdin]');
      this.stdout = new HostOutput((b) => options.stdout(b) !== false, 'ssh:[stdout]');
      this.stderr = new HostOutput((b) => options.stderr(b) !== false, 'ssh:[stderr]');
    }
  }

  /** The stdio every command of this session starts from (fresh references each time). */
  private io(): ShellIo {
    if (this.tty) return { stdin: this.tty.open(), stdout: this.tty.open(), stderr: this.tty.open() };
    return { stdin: this.stdin!.retain(), stdout: this.stdout!.retain(), stderr: this.stderr!.retain() };
  }

  private async runLine(line: string): Promise<number> {
    const io = this.io();
    try {
      return await this.shell.runLine(line, io);
    } finally {
      io.stdin.release();
      io.stdout.release();
      io.stderr.release();
    }
  }

  /** `ssh host 'cmd'`: runs the line, returns the shell's final status. */
  async exec(commandLine: string): Promise<number> {
    const status = await this.runLine(commandLine);
    return this.shell.exitStatus ?? status;
  }

  /** A login shell; resolves with the status it exits with. */
  async interactive(): Promise<number> {
    return this.tty ? this.interactiveTerminal() : this.interactiveScript();
  }

  private prompt(): string {
    const home = this.shell.lookup('HOME') ?? '';
    const cwd = this.shell.cwd;
    const shown = home && (cwd === home || cwd.startsWith(`${home}/`)) ? `~${cwd.slice(home.length)}` : cwd;
    return `${this.shell.user}@${this.shell.system.hostname}:${shown}$ `;
  }

  private async interactiveTerminal(): Promise<number> {
    const tty = this.tty!;
    const write = (text: string) => {
      if (!this.closed) this.options.stdout(encoder.encode(text));
    };
    write(`Welcome to akuma-vm (AArch64). Type 'help' for commands, 'pkg search' for programs.\r\n`);
    this.editor = new LineEditor(write);
    for (;;) {
      if (this.closed) return this.shell.lastStatus;
      const line = await new Promise<string | null>((resolve) => {
        this.pendingLine = resolve;
        this.editor!.begin(this.prompt());
      });
      this.pendingLine = null;
      if (line === null) return this.shell.lastStatus;
      if (!line.trim()) continue;
      tty.flushInput();
      await this.runLine(line);
      if (this.shell.exitStatus !== null) return this.shell.exitStatus;
    }
  }

  /** No terminal: read commands from stdin a byte at a time, so programs get the rest. */
  private async interactiveScript(): Promise<number> {
    const stdin = this.stdin!;
    const decoder = new TextDecoder();
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
      const line = decoder.decode(Uint8Array.from(bytes));
      if (line.trim()) await this.runLine(line);
      if (this.shell.exitStatus !== null) return this.shell.exitStatus;
      if (eof || this.closed) return this.shell.lastStatus;
    }
  }

  /** Client stdin: to the line editor while the shell is reading, else to the program. */
  input(data: Uint8Array): void {
    if (this.closed) return;
    if (!this.tty) {
      this.stdin!.push(data);
      return;
    }
    if (this.pendingLine && this.editor) {
      for (const event of this.editor.feed(data)) {
        const deliver = this.pendingLine;
        if (!deliver) break;
        if (event.kind === 'line') deliver(event.text);
        else if (event.kind === 'eof') deliver(null);
        else {
          this.shell.lastStatus = STATUS_INTERRUPTED;
          this.editor.begin(this.prompt());
        }
      }
      return;
    }
    this.tty.push(data);
  }

  endInput(): void {
    if (this.stdin) this.stdin.end();
    else if (this.pendingLine) this.pendingLine(null);
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
    if (entry) this.shell.signalForeground(Number(entry[0]));
  }

  private onTerminalSignal(sig: number): void {
    // Ctrl-C while no program runs is the editor's business (it never reaches the tty).
    if (sig === SIGWINCH || this.shell.foreground.size > 0) this.shell.signalForeground(sig);
  }

  /** The client is gone: kill what runs for it, close the streams. */
  hangup(): void {
    if (this.closed) return;
    this.closed = true;
    this.shell.signalForeground(SIGHUP);
    this.shell.signalForeground(SIGKILL);
    this.shell.exitStatus ??= 128 + SIGHUP;
    this.tty?.hangup();
    this.stdin?.end();
    this.stdout?.disconnect();
    this.stderr?.disconnect();
    this.pendingLine?.(null);
    this.options.onClose?.();
  }
}

