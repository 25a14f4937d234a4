/**
 * The shell: runs parsed command lines on the kernel.
 *
 * A pipeline's stages start together, connected by kernel pipes, and stream: `a | b | c`
 * is three processes (or builtins) running at once. Redirections open files through the
 * VFS before a stage starts. The pipeline's status is its last stage's. A foreground
 * program that ends non-zero makes the shell print `[exit code: N]` (N = the exit code,
 * or -SIG when a signal killed it), while `$?` follows POSIX (128+SIG).
 *
 * The shell holds no terminal of its own: the session (session.ts) gives it the stdio
 * files for each line and reads `foreground` to deliver Ctrl-C and SSH signals.
 */

import type { Logger } from 'pino';
import { Errno, ERRNO_NAMES, SyscallError } from '../errno.js';
import { ExecError } from '../exec.js';
import type { Kernel } from '../kernel.js';
import type { Process } from '../process.js';
import { O_APPEND, O_CREAT, O_RDONLY, O_TRUNC, O_WRONLY } from '../fs/constants.js';
import { hostWrite, type OpenFile } from '../fs/file.js';
import { FileTable } from '../fs/filetable.js';
import { createPipe } from '../fs/pipe.js';
import type { FsProcess } from '../fs/process.js';
import type { Tty } from '../fs/tty.js';
import { USER_GID, USER_UID, type Vfs } from '../fs/vfs.js';
import { SIGINT } from '../signals.js';
import { BUILTINS, type Builtin } from './builtins.js';
import { expandToString, expandWord, type ExpansionScope } from './expand.js';
import { ShellSyntaxError } from './lexer.js';
import { parse, type AndOr, type Pipeline, type SimpleCommand } from './parser.js';
import type { PackageStore } from './pkg.js';

export interface ShellIo {
  stdin: OpenFile;
  stdout: OpenFile;
  stderr: OpenFile;
}

/** What the shell runs on. */
export interface ShellSystem {
  kernel: Kernel;
  vfs: Vfs;
  packages: PackageStore | null;
  hostname: string;
}

export const STATUS_NOT_FOUND = 127;
export const STATUS_NOT_EXECUTABLE = 126;
export const STATUS_SYNTAX = 2;

const encoder = new TextEncoder();

/** A stage's three descriptors, and which of them the stage opened (and must close). */
interface StageFiles {
  fds: OpenFile[];
  owned: OpenFile[];
}

export class Shell implements ExpansionScope {
  readonly vars = new Map<string, string>();
  readonly exported = new Set<string>();
  cwd: string;
  lastStatus = 0;
  /** Set by `exit`: the session ends with this status after the current line. */
  exitStatus: number | null = null;
  /** Processes of the job in the foreground, for Ctrl-C and `signal` requests. */
  foreground = new Set<Process>();
  /** The session's terminal, when it has one (processes get it as their controlling tty). */
  tty: Tty | null = null;
  readonly uid = USER_UID;
  readonly gid = USER_GID;
  /** Where each command line is logged (pids, status, run time); the session's child logger. */
  log: Logger | null = null;
  /** Told when a foreground program starts (the session hands it the terminal's typeahead). */
  onProgramStarted: (() => void) | null = null;
  /** Set when the foreground job died of SIGINT (Ctrl-C): the rest of the line is abandoned, as sh does. */
  private interrupted = false;
  /** Pids the current line started, for its log line. */
  private linePids: number[] = [];

  constructor(
    readonly system: ShellSystem,
    readonly user: string,
    environment: Record<string, string> = {},
  ) {
    const home = user === 'root' ? '/root' : '/home/user';
    this.cwd = system.vfs.exists(home) ? home : '/';
    const defaults: Record<string, string> = {
      HOME: home,
      USER: user,
      LOGNAME: user,
      PATH: '/bin',
      SHELL: '/bin/sh',
      HOSTNAME: system.hostname,
      PWD: this.cwd,
    };
    for (const [k, v] of Object.entries({ ...defaults, ...environment })) this.setVar(k, v, true);
  }

  lookup(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.lastStatus);
      case '$':
        return '1';
      case '#':
        return '0';
      case '0':
        return 'sh';
      default:
        return this.vars.get(name);
    }
  }

  setVar(name: string, value: string, exported = false): void {
    this.vars.set(name, value);
    if (exported) this.exported.add(name);
  }

  unsetVar(name: string): void {
    this.vars.delete(name);
    this.exported.delete(name);
  }

  /** The environment a child process gets: exported variables plus per-command assignments. */
  environment(extra: Map<string, string> = new Map()): string[] {
    const env = new Map<string, string>();
    for (const name of this.exported) {
      const v = this.vars.get(name);
      if (v !== undefined) env.set(name, v);
    }
    for (const [k, v] of extra) env.set(k, v);
    return [...env].map(([k, v]) => `${k}=${v}`);
  }

  /** Runs one command line; returns its status (also left in `$?`). */
  async runLine(line: string, io: ShellIo): Promise<number> {
    const started = performance.now();
    this.linePids = [];
    this.interrupted = false;
    const status = await this.runParsedLine(line, io);
    this.log?.info({ cmd: line, pids: this.linePids, status, ms: Math.round(performance.now() - started) }, 'command');
    return status;
  }

  private async runParsedLine(line: string, io: ShellIo): Promise<number> {
    let list;
    try {
      list = parse(line);
    } catch (err) {
      if (err instanceof ShellSyntaxError) {
        await this.print(io.stderr, `${err.message}\n`);
        this.lastStatus = STATUS_SYNTAX;
        return STATUS_SYNTAX;
      }
      throw err;
    }
    for (const item of list.items) {
      const status = await this.runAndOr(item.andOr, io);
      this.lastStatus = status;
      if (this.exitStatus !== null || this.interrupted) break;
    }
    return this.lastStatus;
  }

  private async runAndOr(andOr: AndOr, io: ShellIo): Promise<number> {
    let status = await this.runPipeline(andOr.first, io);
    for (const { op, pipeline } of andOr.rest) {
      if (this.exitStatus !== null || this.interrupted) break;
      this.lastStatus = status;
      if ((op === '&&') === (status === 0)) status = await this.runPipeline(pipeline, io);
    }
    return status;
  }

  /** Starts every stage, connected by pipes, then waits for all of them. */
  private async runPipeline(pipeline: Pipeline, io: ShellIo): Promise<number> {
    const stages = pipeline.commands;
    const waits: Promise<{ status: number; process: Process | null; code: number }>[] = [];
    let input: OpenFile = io.stdin;
    let inputOwned = false;
    for (let i = 0; i < stages.length; i++) {
      const last = i === stages.length - 1;
      let output: OpenFile = io.stdout;
      let nextInput: OpenFile | null = null;
      if (!last) {
        const [reader, writer] = createPipe();
        output = writer;
        nextInput = reader;
      }
      const started = this.startStage(stages[i], { stdin: input, stdout: output, stderr: io.stderr }, io.stderr, stages.length > 1);
      waits.push(started);
      // The stage holds its own references now; dropping ours lets EOF and EPIPE happen.
      if (inputOwned) input.release();
      if (!last) output.release();
      if (nextInput) {
        input = nextInput;
        inputOwned = true;
      }
    }
    const results = await Promise.all(waits);
    const final = results[results.length - 1];
    if (final.process && final.code !== 0) await this.print(io.stderr, `[exit code: ${final.code}]\n`);
    return final.status;
  }

  /**
   * Starts one stage and returns a promise of its end. `io` files are borrowed: the stage
   * takes its own references. Builtins run in the shell (and see its variables and cwd,
   * except inside a pipeline, where a real shell would run them in a subshell).
   */
  private async startStage(
    cmd: SimpleCommand,
    io: ShellIo,
    errors: OpenFile,
    inPipeline: boolean,
  ): Promise<{ status: number; process: Process | null; code: number }> {
    const argv = cmd.words.flatMap((w) => expandWord(w, this));
    const assignments = new Map(cmd.assignments.map((a) => [a.name, expandToString(a.value, this)]));
    let files: StageFiles;
    try {
      files = this.applyRedirections(cmd, io);
    } catch (err) {
      await this.print(errors, `sh: ${(err as Error).message}\n`);
      return { status: 1, process: null, code: 1 };
    }
    const [stdin, stdout, stderr] = files.fds;
    const stageIo: ShellIo = { stdin, stdout, stderr };
    try {
      if (argv.length === 0) {
        // Only assignments: they set shell variables.
        if (!inPipeline) for (const [k, v] of assignments) this.setVar(k, v, this.exported.has(k));
        return { status: 0, process: null, code: 0 };
      }
      const builtin = BUILTINS.get(argv[0]);
      if (builtin) return { status: await this.runBuiltin(builtin, argv, stageIo), process: null, code: 0 };
      return await this.runProgram(argv, assignments, stageIo);
    } finally {
      for (const f of files.owned) f.release();
    }
  }

  private async runBuiltin(builtin: Builtin, argv: string[], io: ShellIo): Promise<number> {
    try {
      return await builtin(this, argv, io);
    } catch (err) {
      const message = err instanceof SyscallError ? describeErrno(err.errno) : (err as Error).message;
      await this.print(io.stderr, `${argv[0]}: ${message}\n`).catch(() => undefined);
      return 1;
    }
  }

  /** Runs /bin programs (or paths) as processes. */
  async runProgram(argv: string[], assignments: Map<string, string>, io: ShellIo): Promise<{ status: number; process: Process | null; code: number }> {
    const name = argv[0];
    const path = name.includes('/') ? name : `/bin/${name}`;
    let proc: Process;
    try {
      proc = this.system.kernel.spawn(path, argv, this.environment(assignments), {
        cwd: this.cwd,
        stdin: io.stdin,
        stdout: io.stdout,
        stderr: io.stderr,
        uid: this.uid,
        gid: this.gid,
        tty: this.tty ?? undefined,
      });
    } catch (err) {
      if (err instanceof ExecError) {
        if (err.errno === Errno.ENOENT && !name.includes('/')) {
          await this.print(io.stderr, `sh: ${name}: command not found\n`);
          return { status: STATUS_NOT_FOUND, process: null, code: STATUS_NOT_FOUND };
        }
        const status = err.errno === Errno.ENOENT ? STATUS_NOT_FOUND : STATUS_NOT_EXECUTABLE;
        await this.print(io.stderr, `${err.message}\n`);
        return { status, process: null, code: status };
      }
      throw err;
    }
    this.foreground.add(proc);
    this.linePids.push(proc.pid);
    this.onProgramStarted?.();
    try {
      const exit = await proc.exited;
      if (exit.signal === SIGINT) this.interrupted = true;
      return { status: exit.status, process: proc, code: exit.code };
    } finally {
      this.foreground.delete(proc);
    }
  }

  /** Opens a stage's redirections over the borrowed stdio; returns fds 0..2 and what it opened. */
  private applyRedirections(cmd: SimpleCommand, io: ShellIo): StageFiles {
    const fds: OpenFile[] = [io.stdin, io.stdout, io.stderr];
    const owned: OpenFile[] = [];
    try {
      for (const r of cmd.redirections) {
        if (r.fd > 2) throw new Error(`${r.fd}: only descriptors 0, 1 and 2 can be redirected`);
        if (r.kind === 'dup') {
          if (r.dupFrom === undefined || r.dupFrom > 2) throw new Error(`${r.dupFrom}: bad file descriptor`);
          fds[r.fd] = fds[r.dupFrom];
          continue;
        }
        const target = expandToString(r.target!, this);
        const flags = r.kind === 'read' ? O_RDONLY : O_WRONLY | O_CREAT | (r.kind === 'append' ? O_APPEND : O_TRUNC);
        let file: OpenFile;
        try {
          file = this.system.vfs.openAt(this.credentials(), this.cwd, target, flags, 0o644);
        } catch (err) {
          if (err instanceof SyscallError) throw new Error(`${target}: ${describeErrno(err.errno)}`);
          throw err;
        }
        owned.push(file);
        fds[r.fd] = file;
      }
    } catch (err) {
      for (const f of owned) f.release();
      throw err;
    }
    return { fds, owned };
  }

  /** The shell acting on the file system as the session's user. */
  credentials(): FsProcess {
    return { pid: 0, cwd: this.cwd, uid: this.uid, gid: this.gid, files: new FileTable() };
  }

  /** Writes text to a stdio file, waiting if it is a full pipe. */
  async print(file: OpenFile, text: string): Promise<void> {
    if (text) await hostWrite(file, encoder.encode(text));
  }

  /** Sends a signal to every process of the foreground job. */
  signalForeground(sig: number): boolean {
    let any = false;
    for (const p of this.foreground) any = this.system.kernel.kill(p.pid, sig) || any;
    return any;
  }
}

export function describeErrno(errno: number): string {
  switch (errno) {
    case Errno.ENOENT:
      return 'No such file or directory';
    case Errno.EACCES:
      return 'Permission denied';
    case Errno.ENOTDIR:
      return 'Not a directory';
    case Errno.EISDIR:
      return 'Is a directory';
    case Errno.EEXIST:
      return 'File exists';
    case Errno.ENOTEMPTY:
      return 'Directory not empty';
    case Errno.ENOSPC:
      return 'No space left on device';
    case Errno.EROFS:
      return 'Read-only file system';
    default:
      return ERRNO_NAMES[errno] ?? `error ${errno}`;
  }
}
