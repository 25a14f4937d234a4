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

import type { Logger } from 'pino';
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
  /** Logger for this session's commands (one line per command line). */
  logger?: Logger;
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
  /** Terminal bytes typed after a completed line, before its command started a program. */
  private typeahead = new Uint8Array(0);
  /** Whether the running command line has started a foreground program (which reads the terminal). */
  private programStarted = false;
  private inputEnded = false;
  private closed = false;

  constructor(system: ShellSystem, private readonly options: SessionOptions) {
    const env = { ...options.env };
    if (options.pty) env.TERM = options.pty.term || 'xterm';
    this.shell = new Shell(system, options.user, env);
    this.shell.log = options.logger ?? null;
    this.shell.onProgramStarted = () => this.onProgramStarted();
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
        // What was typed ahead while the last command ran is the start of this line.
        const ahead = this.typeahead;
        this.typeahead = new Uint8Array(0);
        if (ahead.length) this.feedEditor(ahead);
        if (this.inputEnded) this.deliverLine(null);
      });
      if (line === null) return this.shell.lastStatus;
      if (!line.trim()) continue;
      tty.flushInput();
      this.programStarted = false;
      await this.runLine(line);
      if (this.shell.exitStatus !== null) return this.shell.exitStatus;
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
          this.shell.lastStatus = STATUS_INTERRUPTED;
          this.editor.begin(this.prompt());
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
    this.deliverLine(null);
    this.options.onClose?.();
  }
}

