/**
 * The executor: walks the syntax tree (syntax.ts) as dash's eval.c does. The shell is a
 * native kernel process (kernel/native.ts) and acts only through its Sys: redirections
 * change its own file table (saved and restored around builtins and programs, so a program
 * inherits exactly what the redirection made), external programs are spawned as its
 * children, and subshells, pipeline stages, command substitutions and `&` jobs are forks
 * of it running a copy of this state.
 */

import { SysError, type WaitStatus } from '../sys.js';
import { describeSysError, type KernelSys } from '../kernel-sys.js';
import { O } from '../sys.js';
import { BUILTINS, FALLBACK_BUILTINS, SPECIAL_BUILTINS, signalNumber } from './builtins.js';
import { Expander, ExpansionError, expandHeredoc, matchPattern, type ExpansionContext } from './expand.js';
import { Parser } from './parser.js';
import { ShellSyntaxError, type Command, type Redirection } from './syntax.js';

export class ExitSignal {
  constructor(readonly status: number) {}
}
/**
 * The exit of a non-interactive shell after an error (syntax, expansion, redirection, a special
 * builtin's misuse); `command` turns it back into a status, as POSIX says and dash does.
 */
export class ErrorExit extends ExitSignal {}
export class BreakSignal {
  constructor(public count: number) {}
}
export class ContinueSignal {
  constructor(public count: number) {}
}
/** Ctrl-C killed the foreground job: an interactive shell abandons the rest of the line. */
export class InterruptSignal {}
/**
 * fork() failed (EAGAIN at RLIMIT_NPROC, ENOMEM): dash's "Cannot fork", whatever the errno,
 * is an error of the shell itself, status 2, ending a non-interactive shell. `line` is the
 * line dash names (0 for a `&` job, whose node dash never numbers).
 */
export class ForkFailure {
  constructor(readonly line?: number) {}
}
/**
 * pipe() failed (ENFILE at the machine's fd budget, EMFILE at RLIMIT_NOFILE): dash's "Pipe
 * call failed", an error of the shell itself, status 2, as ForkFailure.
 */
export class PipeFailure {
  constructor(readonly line?: number) {}
}
export class ReturnSignal {
  constructor(readonly status: number) {}
}

interface Variable {
  value: string | undefined;
  exported: boolean;
  readonly: boolean;
}

export interface Job {
  id: number;
  pids: number[];
  command: string;
  /** Exit status once it ended (and was reaped). */
  status: number | null;
  pgid: number;
  /** Stopped by a signal (Ctrl-Z) until fg or bg continues it. */
  stopped?: boolean;
  /** The statuses of its processes that were already reaped (pid -> $? style). */
  done?: Map<number, number>;
}

export interface ShellOptionFlags {
  errexit: boolean;
  nounset: boolean;
  xtrace: boolean;
  noglob: boolean;
  noclobber: boolean;
  pipefail: boolean;
  noexec: boolean;
  verbose: boolean;
  allexport: boolean;
  monitor: boolean;
  interactive: boolean;
  stdin: boolean;
}

const OPTION_LETTERS: Record<string, keyof ShellOptionFlags> = {
  e: 'errexit', u: 'nounset', x: 'xtrace', f: 'noglob', C: 'noclobber', n: 'noexec', v: 'verbose', a: 'allexport', m: 'monitor', i: 'interactive', s: 'stdin',
};
export const OPTION_NAMES: Record<string, keyof ShellOptionFlags> = {
  errexit: 'errexit', nounset: 'nounset', xtrace: 'xtrace', noglob: 'noglob', noclobber: 'noclobber', pipefail: 'pipefail', noexec: 'noexec',
  verbose: 'verbose', allexport: 'allexport', monitor: 'monitor',
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The longest a shell loop runs before it yields to the rest of the machine (a few ms, as a kernel tick). */
const LOOP_TURN_MS = 4;
/** SIGTSTP, SIGTTIN, SIGTTOU: an interactive shell ignores them (it takes the terminal back from its jobs). */
export const JOB_STOP_SIGNALS = [20, 21, 22];

export class Shell implements ExpansionContext {
  vars = new Map<string, Variable>();
  functions = new Map<string, Command>();
  aliases = new Map<string, string>();
  positionalParams: string[] = [];
  arg0 = 'sh';
  /**
   * What dash calls commandname: "eval", or the file `.` reads, while their text runs, named
   * between the line number and the message of the shell's own errors ("sh: 1: eval: x: unset").
   * Builtins word their own messages, so it is cleared while one runs.
   */
  commandName: string | null = null;
  options: ShellOptionFlags = {
    errexit: false, nounset: false, xtrace: false, noglob: false, noclobber: false, pipefail: false, noexec: false, verbose: false,
    allexport: false, monitor: false, interactive: false, stdin: false,
  };
  lastStatus = 0;
  lastBackground: number | undefined;
  traps = new Map<number, string>();
  pendingTraps: number[] = [];
  jobs: Job[] = [];
  localFrames: Array<Map<string, Variable | undefined>> = [];
  loopDepth = 0;
  functionDepth = 0;
  /** Inside an if/while condition, the left of && or ||, or after !: set -e does not apply. */
  conditionDepth = 0;
  currentLine = 0;
  /** A subshell's copy (exit ends the process, traps are reset). */
  isSubshell = false;
  /** Called with each foreground job's pids while it runs (the session's Ctrl-C target). */
  foreground = new Set<number>();
  history: string[] = [];
  /** Status of the last command substitution (an assignment-only command's status). */
  private substitutionStatus: number | null = null;
  readonly expander: Expander;
  /** The interactive session prints `[exit code: N]` for a foreground program that failed. */
  reportExitCodes = false;
  /** Pids of the programs started since the session last cleared it (its command log line). */
  linePids: number[] = [];
  private heredocCount = 0;
  private running = true;
  /** When a loop last let the machine's other work run (loopTurn). */
  private lastTurn = performance.now();

  constructor(public sys: KernelSys) {
    this.expander = new Expander(this);
  }

  // ---- variables (ExpansionContext) ------------------------------------------------------

  get nounset(): boolean {
    return this.options.nounset;
  }
  get noglob(): boolean {
    return this.options.noglob;
  }

  get(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.lastStatus);
      case '$':
        return String(this.rootPid);
      case '!':
        return this.lastBackground === undefined ? undefined : String(this.lastBackground);
      case '#':
        return String(this.positionalParams.length);
      case '-':
        return this.optionString();
      case '0':
        return this.arg0;
      case '@':
      case '*':
        return this.positionalParams.join(' ');
    }
    if (/^[0-9]+$/.test(name)) return this.positionalParams[Number(name) - 1];
    if (name === 'LINENO') return String(this.currentLine);
    if (name === 'PPID' && !this.vars.has('PPID')) return String(this.sys.getppid());
    return this.vars.get(name)?.value;
  }

  /** $$ is the top shell's pid, also in subshells. */
  rootPid = 0;

  set(name: string, value: string): void {
    this.setVar(name, value);
  }

  setVar(name: string, value: string, opts: { exported?: boolean } = {}): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: is read only`);
    if (v) {
      v.value = value;
      if (opts.exported) v.exported = true;
    } else this.vars.set(name, { value, exported: opts.exported ?? this.options.allexport, readonly: false });
    if (this.options.allexport) this.vars.get(name)!.exported = true;
  }

  unsetVar(name: string): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ExpansionError(`${name}: is read only`);
    this.vars.delete(name);
  }

  variable(name: string): Variable | undefined {
    return this.vars.get(name);
  }

  positional(): string[] {
    return this.positionalParams;
  }

  optionString(): string {
    let s = '';
    for (const [letter, key] of Object.entries(OPTION_LETTERS)) if (this.options[key]) s += letter;
    return s;
  }

  setOptionLetter(letter: string, on: boolean): boolean {
    const key = OPTION_LETTERS[letter];
    if (!key) return false;
    this.options[key] = on;
    return true;
  }

  environment(extra: Map<string, string> = new Map()): string[] {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined) env.set(k, v.value);
    for (const [k, v] of extra) env.set(k, v);
    return [...env].map(([k, v]) => `${k}=${v}`);
  }

  async substitute(src: string): Promise<string> {
    const [r, w] = this.sys.pipe(O.CLOEXEC);
    let pid: number;
    try {
      pid = this.fork(async (child) => {
        child.sys.dup2(w, 1);
        child.sys.close(w);
        child.sys.close(r);
        return child.runSource(src, { lineBase: this.currentLine });
      });
    } catch (e) {
      this.sys.close(r);
      throw e;
    } finally {
      this.sys.close(w);
    }
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const b = await this.sys.read(r, 65536);
        if (b.length === 0) break;
        chunks.push(b);
      }
    } finally {
      this.sys.close(r);
    }
    this.substitutionStatus = await this.waitFor(pid);
    this.lastStatus = this.substitutionStatus;
    return Buffer.concat(chunks).toString('utf8');
  }

  list(dir: string): string[] {
    try {
      return this.sys.readdir(dir).map((e) => e.name);
    } catch {
      return [];
    }
  }

  exists(path: string): boolean {
    try {
      this.sys.lstat(path.endsWith('/.') ? path.slice(0, -2) || '/' : path);
      if (path.endsWith('/.')) return (this.sys.stat(path.slice(0, -2) || '/').mode & 0o170000) === 0o040000;
      return true;
    } catch {
      return false;
    }
  }

  homeOf(user: string): string | undefined {
    if (user === 'root') return '/root';
    try {
      const passwd = this.readFileText('/etc/passwd');
      for (const line of passwd.split('\n')) {
        const f = line.split(':');
        if (f[0] === user && f[5]) return f[5];
      }
    } catch {
      // no passwd
    }
    return undefined;
  }

  readFileText(path: string): string {
    return Buffer.from(this.sys.readFileSync(path)).toString('utf8');
  }

  // ---- output ----------------------------------------------------------------------------

  async out(text: string | Uint8Array, fd = 1): Promise<void> {
    if (text.length) await this.sys.write(fd, text);
  }

  async err(text: string): Promise<void> {
    try {
      await this.sys.write(2, text);
    } catch {
      // stderr closed: nothing to tell
    }
  }

  /** `sh: 1: message` as dash words errors. */
  async error(message: string): Promise<void> {
    const context = this.commandName === null ? '' : `${this.commandName}: `;
    await this.err(`${this.arg0}: ${this.currentLine}: ${context}${message}\n`);
  }

  // ---- running source --------------------------------------------------------------------

  /** Parses and runs source one complete command at a time; returns the last status. */
  async runSource(src: string, opts: { lineBase?: number } = {}): Promise<number> {
    const parser = new Parser(src, 0, { aliases: this.aliases, line: opts.lineBase || 1 });
    for (;;) {
      let command: Command | null;
      try {
        command = parser.parseNext();
      } catch (e) {
        if (e instanceof ShellSyntaxError || e instanceof ExpansionError) {
          this.currentLine = e instanceof ShellSyntaxError ? e.line : this.currentLine;
          await this.error(e.message);
          this.lastStatus = 2;
          if (!this.options.interactive) throw new ErrorExit(2);
          return 2;
        }
        throw e;
      }
      if (!command) return this.lastStatus;
      if (this.options.noexec) continue;
      try {
        await this.run(command);
      } catch (e) {
        if (e instanceof InterruptSignal && this.functionDepth === 0 && this.loopDepth === 0) return (this.lastStatus = 130);
        throw e;
      }
      await this.runTraps();
    }
  }

  /** Runs a command, turning expansion errors into a message and status 2 (exit when not interactive). */
  async run(command: Command): Promise<number> {
    try {
      return await this.evaluate(command);
    } catch (e) {
      if (e instanceof ExpansionError || e instanceof ForkFailure || e instanceof PipeFailure) {
        if (e instanceof ForkFailure) await this.err(`${this.arg0}: ${e.line ?? this.currentLine}: Cannot fork\n`);
        else if (e instanceof PipeFailure) await this.err(`${this.arg0}: ${e.line ?? this.currentLine}: Pipe call failed\n`);
        else await this.error(e.message);
        this.lastStatus = 2;
        if (!this.options.interactive) throw new ErrorExit(2);
        return 2;
      }
      throw e;
    }
  }

  private checkErrexit(status: number): void {
    if (status !== 0 && this.options.errexit && this.conditionDepth === 0) throw new ExitSignal(status);
  }

  async evaluate(c: Command): Promise<number> {
    let status: number;
    if (this.options.noexec && !this.options.interactive) return 0;
    switch (c.type) {
      case 'simple':
        status = await this.evalSimple(c);
        this.lastStatus = status;
        this.checkErrexit(status);
        return status;
      case 'list': {
        status = 0;
        for (const item of c.items) {
          if (item.background) {
            this.background(item.command);
            status = 0;
          } else status = await this.evaluate(item.command);
          this.lastStatus = status;
          await this.runTraps();
        }
        return status;
      }
      case 'and':
      case 'or': {
        this.conditionDepth++;
        let left: number;
        try {
          left = await this.evaluate(c.left);
        } finally {
          this.conditionDepth--;
        }
        this.lastStatus = left;
        if ((c.type === 'and') !== (left === 0)) return left;
        return this.evaluate(c.right);
      }
      case 'pipeline':
        status = await this.evalPipeline(c.commands, c.negate);
        this.lastStatus = status;
        if (!c.negate) this.checkErrexit(status);
        return status;
      case 'subshell': {
        // dash numbers a subshell with the line of its '(' (its errors and LINENO say it).
        this.currentLine = c.line;
        const undo = await this.redirect(c.redirections);
        if (!undo) return (this.lastStatus = 2);
        try {
          const pid = this.fork((child) => child.evaluate(c.body));
          status = await this.waitFor(pid);
        } finally {
          undo();
        }
        this.lastStatus = status;
        this.checkErrexit(status);
        return status;
      }
      case 'group':
        return this.withRedirections(c.redirections, () => this.evaluate(c.body));
      case 'if':
        return this.withRedirections(c.redirections, async () => {
          this.conditionDepth++;
          let cond: number;
          try {
            cond = await this.evaluate(c.condition);
          } finally {
            this.conditionDepth--;
          }
          if (cond === 0) return this.evaluate(c.then);
          if (c.otherwise) return this.evaluate(c.otherwise);
          return (this.lastStatus = 0);
        });
      case 'while':
      case 'until':
        return this.withRedirections(c.redirections, () => this.evalLoop(c.type, c.condition, c.body));
      case 'for':
        return this.withRedirections(c.redirections, async () => {
          const items = c.words === null ? [...this.positionalParams] : await this.expander.fields(c.words);
          let last = 0;
          this.loopDepth++;
          try {
            for (const item of items) {
              this.setVar(c.name, item);
              const r = await this.loopStep(c.body);
              if (r === 'break') break;
              if (r !== 'continue') last = r;
              await this.loopTurn();
            }
          } finally {
            this.loopDepth--;
          }
          return (this.lastStatus = last);
        });
      case 'case':
        return this.withRedirections(c.redirections, async () => {
          const word = await this.expander.string(c.word);
          for (const item of c.items) {
            for (const p of item.patterns) {
              if (matchPattern(await this.expander.pattern(p), word)) {
                return (this.lastStatus = item.body ? await this.evaluate(item.body) : 0);
              }
            }
          }
          return (this.lastStatus = 0);
        });
      case 'function':
        this.functions.set(c.name, c.body);
        return (this.lastStatus = 0);
    }
  }

  /**
   * Runs one part of a loop (its body, or a while/until condition): its status, or what a
   * `break`/`continue` inside it asks of this loop. A `break N`/`continue N` for an outer loop
   * goes on up with its count less one.
   */
  private async loopStep(part: Command): Promise<number | 'break' | 'continue'> {
    try {
      return await this.evaluate(part);
    } catch (e) {
      if (e instanceof BreakSignal || e instanceof ContinueSignal) {
        if (--e.count > 0) throw e;
        return e instanceof BreakSignal ? 'break' : 'continue';
      }
      throw e;
    }
  }

  /**
   * Between a loop's iterations: once LOOP_TURN_MS have passed since the last turn, yields
   * (sched_yield), since a loop of builtins (`while :; do :; done`) makes no system call that
   * waits and would otherwise hold its thread, and with it every other session, its own
   * hangup and Ctrl-C, for ever.
   */
  private async loopTurn(): Promise<void> {
    if (performance.now() - this.lastTurn < LOOP_TURN_MS) return;
    await this.sys.schedYield();
    this.lastTurn = performance.now();
  }

  private async evalLoop(kind: 'while' | 'until', condition: Command, body: Command): Promise<number> {
    let last = 0;
    this.loopDepth++;
    try {
      for (;;) {
        this.conditionDepth++;
        let cond: number | 'break' | 'continue';
        try {
          cond = await this.loopStep(condition);
        } finally {
          this.conditionDepth--;
        }
        if (cond === 'break') break;
        if (cond === 'continue') {
          await this.loopTurn();
          continue;
        }
        if ((cond === 0) !== (kind === 'while')) break;
        const r = await this.loopStep(body);
        if (r === 'break') break;
        if (r !== 'continue') last = r;
        await this.loopTurn();
      }
    } finally {
      this.loopDepth--;
    }
    return (this.lastStatus = last);
  }

  private async withRedirections(redirections: Redirection[], body: () => Promise<number>): Promise<number> {
    if (!redirections.length) return body();
    const undo = await this.redirect(redirections);
    if (!undo) return (this.lastStatus = 2);
    try {
      return await body();
    } finally {
      undo();
    }
  }

  // ---- simple commands -------------------------------------------------------------------

  private async evalSimple(c: Command & { type: 'simple' }): Promise<number> {
    this.currentLine = c.line;
    this.substitutionStatus = null;
    const argv = await this.expander.fields(c.words);
    const assignments: Array<[string, string]> = [];
    for (const a of c.assignments) {
      const eq = a.indexOf('=');
      assignments.push([a.slice(0, eq), await this.expander.string(a.slice(eq + 1), 'assignment')]);
    }
    if (this.options.xtrace) {
      const ps4 = this.get('PS4') ?? '+ ';
      const parts = [...assignments.map(([k, v]) => `${k}=${quoteForTrace(v)}`), ...argv.map(quoteForTrace)];
      if (parts.length) await this.err(`${ps4}${parts.join(' ')}\n`);
    }
    if (argv.length === 0) {
      for (const [k, v] of assignments) this.setVar(k, v);
      const undo = await this.redirect(c.redirections);
      if (!undo) return 2;
      undo();
      return this.substitutionStatus ?? 0;
    }
    const name = argv[0];
    const special = SPECIAL_BUILTINS.has(name);
    const fn = special ? undefined : this.functions.get(name);
    const builtin = fn || (FALLBACK_BUILTINS.has(name) && this.findInPath(name)) ? undefined : BUILTINS.get(name);
    if (special || builtin) {
      if (name === 'exec' && argv.length === 1) {
        // exec with only redirections: they stay.
        const ok = await this.redirect(c.redirections, false);
        for (const [k, v] of assignments) this.setVar(k, v);
        if (!ok && !this.options.interactive) throw new ErrorExit(2);
        return ok ? 0 : 2;
      }
      const saved = special ? null : this.saveAssignments(assignments);
      if (special) for (const [k, v] of assignments) this.setVar(k, v);
      const undo = await this.redirect(c.redirections);
      if (!undo) {
        if (saved) this.restoreAssignments(saved);
        if (special && !this.options.interactive) throw new ErrorExit(2);
        return 2;
      }
      const outerCommandName = this.commandName;
      this.commandName = null;
      try {
        return await (builtin ?? BUILTINS.get(name)!)(this, argv);
      } catch (e) {
        if (e instanceof SysError) {
          await this.error(`${name}: ${describeSysError(e)}`);
          return 1;
        }
        throw e;
      } finally {
        this.commandName = outerCommandName;
        undo();
        if (saved) this.restoreAssignments(saved);
      }
    }
    if (fn) {
      const undo = await this.redirect(c.redirections);
      if (!undo) return 1;
      const saved = this.saveAssignments(assignments, true);
      try {
        return await this.callFunction(fn, argv);
      } finally {
        this.restoreAssignments(saved);
        undo();
      }
    }
    const undo = await this.redirect(c.redirections);
    if (!undo) return 2;
    try {
      return await this.runProgram(argv, new Map(assignments));
    } finally {
      undo();
    }
  }

  private saveAssignments(assignments: Array<[string, string]>, exported = false): Array<[string, Variable | undefined]> {
    const saved: Array<[string, Variable | undefined]> = [];
    for (const [k, v] of assignments) {
      const old = this.vars.get(k);
      saved.push([k, old ? { ...old } : undefined]);
      this.setVar(k, v, { exported });
    }
    return saved;
  }

  private restoreAssignments(saved: Array<[string, Variable | undefined]>): void {
    for (const [k, old] of saved.reverse()) {
      if (old) this.vars.set(k, old);
      else this.vars.delete(k);
    }
  }

  async callFunction(body: Command, argv: string[]): Promise<number> {
    const savedParams = this.positionalParams;
    this.positionalParams = argv.slice(1);
    this.functionDepth++;
    this.localFrames.push(new Map());
    const savedLoop = this.loopDepth;
    this.loopDepth = 0;
    try {
      return await this.evaluate(body);
    } catch (e) {
      if (e instanceof ReturnSignal) return (this.lastStatus = e.status);
      throw e;
    } finally {
      this.loopDepth = savedLoop;
      const frame = this.localFrames.pop()!;
      for (const [k, old] of [...frame].reverse()) {
        if (old) this.vars.set(k, old);
        else this.vars.delete(k);
      }
      this.functionDepth--;
      this.positionalParams = savedParams;
    }
  }

  /** Looks a command up in PATH: the path, or null. */
  findInPath(name: string): string | null {
    if (name.includes('/')) return name;
    const path = this.get('PATH') ?? '/bin:/usr/bin';
    for (const dir of path.split(':')) {
      const candidate = `${dir || '.'}/${name}`;
      try {
        const s = this.sys.stat(candidate);
        if ((s.mode & 0o170000) === 0o100000 && this.sys.access(candidate, 1)) return candidate;
      } catch {
        // not here
      }
    }
    return null;
  }

  /**
   * Job control (an interactive shell): each job is its own process group, as in a real
   * shell (setpgid from the parent; the child has not run yet, so there is no race to close).
   * A failure (the group's leader already gone) leaves the process where it is.
   */
  joinJobGroup(pid: number, pgid: number): void {
    if (!this.options.interactive) return;
    try {
      this.sys.setpgid(pid, pgid);
    } catch {
      // as dash: the job runs on in the shell's group
    }
  }

  /** tcsetpgrp on the terminal (fd 0) of an interactive shell: the group Ctrl-C/Ctrl-Z reach. */
  setTerminalGroup(pgid: number): void {
    if (!this.options.interactive) return;
    try {
      if (this.sys.isatty(0)) this.sys.tcsetpgrp(0, pgid);
    } catch {
      // not our terminal, or the group is gone: the terminal stays where it is
    }
  }

  /** Runs `body` with `pgid` as the terminal's foreground group, then gives the terminal back to the shell. */
  async inForeground<T>(pgid: number, body: () => Promise<T>): Promise<T> {
    this.setTerminalGroup(pgid);
    try {
      return await body();
    } finally {
      this.setTerminalGroup(this.sys.getpgrp());
    }
  }

  /** Runs an external program in the foreground; its status. */
  async runProgram(argv: string[], assignments: Map<string, string>): Promise<number> {
    const pid = await this.startProgram(argv, assignments);
    if (pid < 0) return -pid;
    this.joinJobGroup(pid, pid);
    return this.inForeground(pid, () => this.waitForeground(pid, argv));
  }

  private async waitForeground(pid: number, argv: string[]): Promise<number> {
    this.foreground.add(pid);
    this.linePids.push(pid);
    try {
      const status = await this.waitFor(pid, argv.join(' '));
      if (this.jobs.some((j) => j.stopped && j.pids.includes(pid))) return status;
      await this.reportSignal(status);
      if (this.reportExitCodes && status !== 0) {
        const shown = status > 128 ? -(status - 128) : status;
        await this.err(`[exit code: ${shown}]\n`);
      }
      this.checkInterrupt(status);
      return status;
    } finally {
      this.foreground.delete(pid);
    }
  }

  /** An interactive shell whose foreground job died of SIGINT (Ctrl-C) drops the rest of the line. */
  private checkInterrupt(status: number): void {
    if (status === 128 + 2 && this.options.interactive && !this.traps.has(2)) {
      this.lastStatus = status;
      throw new InterruptSignal();
    }
  }

  /** dash's line for a foreground job a signal killed ("Segmentation fault"); SIGINT and SIGPIPE are silent. */
  async reportSignal(status: number): Promise<void> {
    if (status <= 128 || status > 128 + 64) return;
    const sig = status - 128;
    if (sig === 2 || sig === 13) return;
    await this.err(`${SIGNAL_TEXTS[sig] ?? `Signal ${sig}`}\n`);
  }

  /** Spawns a program; its pid, or -status when it could not start (message printed). */
  async startProgram(argv: string[], assignments: Map<string, string>): Promise<number> {
    const name = argv[0];
    const path = this.findInPath(name);
    if (!path) {
      await this.error(`${name}: not found`);
      return -127;
    }
    try {
      return this.sys.spawn({ path, argv, env: this.environment(assignments) });
    } catch (e) {
      // EAGAIN is the fork half of spawn failing (RLIMIT_NPROC); other errors are the exec's.
      if (e instanceof SysError && e.code === 'EAGAIN') throw new ForkFailure();
      if (e instanceof SysError) {
        if (e.code === 'ENOEXEC') {
          // A text file without #!: sh runs it as a script, as execvp does.
          return this.fork(async (child) => child.runScriptFile(path, argv.slice(1), argv[0]));
        }
        await this.error(`${name}: ${e.code === 'ENOENT' ? 'not found' : describeSysError(e)}`);
        return e.code === 'ENOENT' ? -127 : -126;
      }
      throw e;
    }
  }

  async runScriptFile(path: string, args: string[], arg0: string): Promise<number> {
    const text = await this.readWholeFile(path);
    this.arg0 = arg0;
    this.positionalParams = args;
    try {
      return await this.runSource(text);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      throw e;
    }
  }

  async readWholeFile(path: string): Promise<string> {
    const fd = this.sys.open(path, O.RDONLY | O.CLOEXEC);
    const chunks: Uint8Array[] = [];
    try {
      for (;;) {
        const b = await this.sys.read(fd, 65536);
        if (b.length === 0) break;
        chunks.push(b);
      }
    } finally {
      this.sys.close(fd);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /**
   * Waits for a child, running traps for signals that interrupt the wait; returns $?-style
   * status. An interactive shell also sees a child stop (Ctrl-Z): it becomes a stopped job.
   */
  async waitFor(pid: number, command?: string, of?: Job): Promise<number> {
    for (;;) {
      try {
        const st = await this.sys.waitpid(pid, this.options.interactive ? 2 : 0);
        if (st && st.stopped !== null) {
          let job = of ?? this.jobs.find((j) => j.pids.includes(pid));
          if (!job) job = { id: 0, pids: [pid], command: command ?? `pid ${pid}`, status: null, pgid: pid };
          if (!this.jobs.includes(job)) {
            job.id = this.newJobId();
            this.jobs.push(job);
          }
          job.stopped = true;
          await this.err(`\n${this.jobLine(job, STOP_TEXTS[st.stopped] ?? 'Stopped')}`);
          return st.status;
        }
        const status = st ? st.status : 0;
        const job = this.jobs.find((j) => j.pids.includes(pid));
        if (job) job.status = status;
        return status;
      } catch (e) {
        if (e instanceof SysError && e.code === 'EINTR') {
          await this.runTraps();
          continue;
        }
        if (e instanceof SysError && e.code === 'ECHILD') {
          const job = this.jobs.find((j) => j.pids.includes(pid));
          return job?.status ?? 127;
        }
        throw e;
      }
    }
  }

  /**
   * Waits for every process of a foreground job (a pipeline's stages, or a job fg brought
   * back) in order. A stop of any of them stops the job: it is reported once (as one job, not
   * one a stage) and the wait ends there, with `stopped` set; fg waits for the rest later.
   */
  async waitJob(job: Job): Promise<{ statuses: number[]; stopped: boolean }> {
    const done = (job.done ??= new Map());
    for (const pid of job.pids) {
      if (done.has(pid)) continue;
      const status = await this.waitFor(pid, job.command, job);
      if (job.stopped) return { statuses: job.pids.map((p) => done.get(p) ?? status), stopped: true };
      done.set(pid, status);
    }
    return { statuses: job.pids.map((p) => done.get(p)!), stopped: false };
  }

  // ---- pipelines, subshells, background --------------------------------------------------

  /** fork(): a child process running `body` on a copy of this shell. */
  fork(body: (child: Shell) => Promise<number>): number {
    // The copy is taken now, as fork() copies memory at the moment it is called.
    const child = this.copyFor(this.sys);
    const jobControl = this.options.interactive;
    return this.forkOrFail(async (childSys) => {
      child.sys = childSys;
      // The interactive shell ignores the job-control stops; its children take them as dash's forkchild does.
      if (jobControl) for (const sig of JOB_STOP_SIGNALS) childSys.signal(sig, 'default');
      let status: number;
      try {
        status = await body(child);
      } catch (e) {
        if (e instanceof ExpansionError) {
          await child.error(e.message);
          status = 2;
        } else if (e instanceof ForkFailure) {
          await child.err(`${child.arg0}: ${e.line ?? child.currentLine}: Cannot fork\n`);
          status = 2;
        } else if (e instanceof ExitSignal) status = e.status;
        else if (e instanceof ReturnSignal) status = e.status;
        else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = 0;
        else throw e;
      }
      return child.exitNow(status);
    });
  }

  /** sys.fork, its failure (any errno, as dash) a ForkFailure. */
  private forkOrFail(child: (sys: KernelSys) => Promise<number>): number {
    try {
      return this.sys.fork(child);
    } catch (e) {
      if (e instanceof SysError) throw new ForkFailure();
      throw e;
    }
  }

  private copyFor(sys: KernelSys): Shell {
    const c = new Shell(sys);
    c.vars = new Map([...this.vars].map(([k, v]) => [k, { ...v }]));
    c.functions = new Map(this.functions);
    c.aliases = new Map(this.aliases);
    c.positionalParams = [...this.positionalParams];
    c.arg0 = this.arg0;
    c.commandName = this.commandName;
    c.options = { ...this.options, interactive: false, monitor: false };
    c.lastStatus = this.lastStatus;
    c.lastBackground = this.lastBackground;
    c.rootPid = this.rootPid;
    c.isSubshell = true;
    c.currentLine = this.currentLine;
    c.functionDepth = this.functionDepth;
    c.loopDepth = this.loopDepth;
    c.conditionDepth = this.conditionDepth;
    // Traps are reset in a subshell, except ignored signals (which the kernel kept ignored).
    for (const [sig, action] of this.traps) {
      if (action === '') c.traps.set(sig, '');
    }
    return c;
  }

  /** The EXIT trap, then the status to end with. */
  async exitNow(status: number): Promise<number> {
    const exitTrap = this.traps.get(0);
    if (exitTrap !== undefined && exitTrap !== '') {
      this.traps.delete(0);
      this.lastStatus = status;
      try {
        await this.runSource(exitTrap);
      } catch (e) {
        if (e instanceof ExitSignal) return e.status;
        throw e;
      }
    }
    return status;
  }

  private async evalPipeline(commands: Command[], negate: boolean): Promise<number> {
    if (commands.length === 1) {
      this.conditionDepth += negate ? 1 : 0;
      let s: number;
      try {
        s = await this.evaluate(commands[0]);
      } finally {
        this.conditionDepth -= negate ? 1 : 0;
      }
      return negate ? (s === 0 ? 1 : 0) : s;
    }
    const pids: number[] = [];
    let input = -1;
    for (let i = 0; i < commands.length; i++) {
      const last = i === commands.length - 1;
      let r = -1;
      let w = -1;
      if (!last) {
        try {
          [r, w] = this.sys.pipe(O.CLOEXEC);
        } catch (e) {
          // The stages already started run on; this shell's end of the last pipe is closed.
          if (input >= 0) this.sys.close(input);
          throw e instanceof SysError ? new PipeFailure() : e;
        }
      }
      const stageIn = input;
      const stageOut = w;
      const readEnd = r;
      let pid: number;
      try {
        pid = this.fork(async (child) => {
          if (stageIn >= 0) {
            child.sys.dup2(stageIn, 0);
            child.sys.close(stageIn);
          }
          if (stageOut >= 0) {
            child.sys.dup2(stageOut, 1);
            child.sys.close(stageOut);
          }
          if (readEnd >= 0) child.sys.close(readEnd);
          child.conditionDepth = 0;
          return child.evaluate(commands[i]);
        });
      } catch (e) {
        // The stages already started run on; this shell's ends of the pipes are closed.
        for (const fd of [stageIn, stageOut, readEnd]) if (fd >= 0) this.sys.close(fd);
        throw e;
      }
      pids.push(pid);
      this.joinJobGroup(pid, pids[0]);
      this.foreground.add(pid);
      if (stageIn >= 0) this.sys.close(stageIn);
      if (stageOut >= 0) this.sys.close(stageOut);
      input = r;
    }
    const job: Job = { id: 0, pids, command: commands.map(describeCommand).join(' | '), status: null, pgid: pids[0] };
    let waited: { statuses: number[]; stopped: boolean };
    try {
      waited = await this.inForeground(pids[0], () => this.waitJob(job));
    } finally {
      for (const pid of pids) this.foreground.delete(pid);
    }
    const statuses = waited.statuses;
    let status = statuses[statuses.length - 1];
    if (waited.stopped) return status;
    await this.reportSignal(status);
    this.checkInterrupt(status);
    if (this.options.pipefail) status = [...statuses].reverse().find((s) => s !== 0) ?? 0;
    return negate ? (status === 0 ? 1 : 0) : status;
  }

  private background(command: Command): void {
    const interactive = this.options.interactive;
    let pid: number;
    try {
      pid = this.fork(async (child) => {
        if (!interactive) {
          // Without job control a background job's stdin is /dev/null (POSIX).
          try {
            const fd = child.sys.open('/dev/null', O.RDONLY);
            child.sys.dup2(fd, 0);
            child.sys.close(fd);
          } catch {
            // no /dev/null: keep stdin
          }
        }
        return child.evaluate(command);
      });
    } catch (e) {
      if (e instanceof ForkFailure) throw new ForkFailure(0);
      throw e;
    }
    this.joinJobGroup(pid, pid);
    this.lastBackground = pid;
    const job: Job = { id: this.newJobId(), pids: [pid], command: describeCommand(command), status: null, pgid: pid };
    this.jobs.push(job);
    if (interactive) void this.err(`[${job.id}] ${pid}\n`);
  }

  // ---- redirections ----------------------------------------------------------------------

  /**
   * Applies redirections to the shell's own descriptors. Returns the undo function (or, with
   * keep=false, a no-op), or null after printing why one failed (earlier ones undone).
   */
  async redirect(redirections: Redirection[], keep = true): Promise<(() => void) | null> {
    if (!redirections.length) return () => undefined;
    const saved: Array<{ fd: number; copy: number }> = [];
    const undo = (): void => {
      for (const s of saved.reverse()) {
        try {
          if (s.copy >= 0) {
            this.sys.dup2(s.copy, s.fd);
            this.sys.close(s.copy);
          } else this.sys.close(s.fd);
        } catch {
          // already closed
        }
      }
      saved.length = 0;
    };
    const save = (fd: number): void => {
      if (!keep) return;
      if (saved.some((s) => s.fd === fd)) return;
      let copy = -1;
      try {
        copy = this.sys.dupAtLeast(fd, 10, true);
      } catch {
        copy = -1;
      }
      saved.push({ fd, copy });
    };
    for (const r of redirections) {
      try {
        if (r.op === '<<') {
          const body = r.heredoc!.quoted ? r.heredoc!.body : await expandHeredoc(this.expander, r.heredoc!.body);
          const fd = await this.heredocFd(body);
          save(r.fd);
          if (fd !== r.fd) {
            this.sys.dup2(fd, r.fd);
            this.sys.close(fd);
          }
          continue;
        }
        const target = await this.expander.string(r.target);
        if (r.op === '<&' || r.op === '>&') {
          if (target === '-') {
            save(r.fd);
            try {
              this.sys.close(r.fd);
            } catch {
              // closing a closed fd is fine
            }
            continue;
          }
          if (!/^[0-9]+$/.test(target)) {
            if (r.op === '>&' && r.fd === 1) {
              // >&file (csh style): dash rejects it too.
            }
            throw new ExpansionError(`${target}: Bad file descriptor`);
          }
          const from = Number(target);
          this.sys.fstat(from);
          save(r.fd);
          if (from !== r.fd) this.sys.dup2(from, r.fd);
          continue;
        }
        let flags: number;
        switch (r.op) {
          case '<':
            flags = O.RDONLY;
            break;
          case '<>':
            flags = O.RDWR | O.CREAT;
            break;
          case '>>':
            flags = O.WRONLY | O.CREAT | O.APPEND;
            break;
          case '>':
            flags = O.WRONLY | O.CREAT | O.TRUNC | (this.options.noclobber ? O.EXCL : 0);
            break;
          default:
            flags = O.WRONLY | O.CREAT | O.TRUNC;
        }
        let fd: number;
        try {
          fd = this.sys.open(target, flags | O.CLOEXEC, 0o666);
        } catch (e) {
          if (e instanceof SysError && e.code === 'EEXIST' && r.op === '>') {
            // noclobber allows writing to non-regular files (/dev/null).
            const st = this.sys.stat(target);
            if ((st.mode & 0o170000) !== 0o100000) fd = this.sys.open(target, O.WRONLY | O.CLOEXEC);
            else throw new RedirectError(`cannot create ${target}: File exists`);
          } else if (e instanceof SysError) {
            throw new RedirectError(r.op === '<' ? `cannot open ${target}: ${noSuch(e)}` : `cannot create ${target}: ${e.code === 'ENOENT' ? 'Directory nonexistent' : noSuch(e)}`);
          } else throw e;
        }
        save(r.fd);
        if (fd !== r.fd) {
          this.sys.dup2(fd, r.fd);
          this.sys.close(fd);
        } else this.sys.fcntlSetFd(fd, 0);
      } catch (e) {
        if (e instanceof RedirectError || e instanceof ExpansionError || e instanceof SysError) {
          const msg = e instanceof SysError ? `${r.target}: ${describeSysError(e)}` : e.message;
          await this.error(msg);
          undo();
          return null;
        }
        throw e;
      }
    }
    return keep ? undo : () => undefined;
  }

  private async heredocFd(body: string): Promise<number> {
    const data = Buffer.from(body, 'utf8');
    if (data.length < 16384) {
      const [r, w] = this.sys.pipe(O.CLOEXEC);
      await this.sys.write(w, data);
      this.sys.close(w);
      return r;
    }
    const path = `/tmp/.sh-heredoc-${this.sys.getpid()}-${this.heredocCount++}`;
    const fd = this.sys.open(path, O.RDWR | O.CREAT | O.TRUNC | O.CLOEXEC, 0o600);
    await this.sys.write(fd, data);
    this.sys.lseek(fd, 0, 0);
    this.sys.unlink(path);
    return fd;
  }

  // ---- traps -----------------------------------------------------------------------------

  setTrap(sig: number, action: string | null): void {
    if (action === null) {
      this.traps.delete(sig);
      if (sig !== 0) this.sys.signal(sig, 'default');
      return;
    }
    this.traps.set(sig, action);
    if (sig === 0) return;
    if (action === '') this.sys.signal(sig, 'ignore');
    else this.sys.signal(sig, (s) => this.pendingTraps.push(s));
  }

  async runTraps(): Promise<void> {
    this.sys.runSignalHandlers();
    while (this.pendingTraps.length) {
      const sig = this.pendingTraps.shift()!;
      const action = this.traps.get(sig);
      if (!action) continue;
      const saved = this.lastStatus;
      await this.runSource(action);
      this.lastStatus = saved;
    }
  }

  /**
   * What an interactive shell tells before its prompt, as dash does: each job that stopped
   * since (a background reader of the terminal: "Stopped (tty input)"), ended ("Done",
   * "Done(N)") or was killed ("Killed", "Terminated"...), once; ended jobs leave the table.
   */
  async notifyJobs(): Promise<void> {
    let text = '';
    for (const job of [...this.jobs]) {
      if (job.status !== null) continue;
      const done = (job.done ??= new Map());
      let last: WaitStatus | null = null;
      let stoppedBy = 0;
      for (const pid of job.pids) {
        if (done.has(pid)) continue;
        let st: WaitStatus | null;
        try {
          st = await this.sys.waitpid(pid, 3); // WNOHANG | WUNTRACED
        } catch {
          st = { pid, code: 0, signal: null, stopped: null, status: 0 };
        }
        if (!st) continue;
        if (st.stopped !== null) stoppedBy = st.stopped;
        else {
          done.set(pid, st.status);
          last = st;
        }
      }
      if (stoppedBy && !job.stopped) {
        job.stopped = true;
        text += this.jobLine(job, STOP_TEXTS[stoppedBy] ?? 'Stopped');
      } else if (job.pids.every((p) => done.has(p))) {
        const final = last ?? { code: 0, signal: null, status: done.get(job.pids[job.pids.length - 1]) ?? 0 };
        job.status = final.status;
        job.stopped = false;
        const how = final.signal !== null && final.signal !== undefined ? SIGNAL_TEXTS[final.signal] ?? `Signal ${final.signal}` : final.status === 0 ? 'Done' : `Done(${final.status})`;
        text += this.jobLine(job, how);
        this.jobs.splice(this.jobs.indexOf(job), 1);
      }
    }
    if (text) await this.err(text);
  }

  /** "[1] + Stopped (tty input)        cat": dash's job line (+ the current job, - the previous). */
  jobLine(job: Job, state: string): string {
    const order = [...this.jobs].reverse().sort((a, b) => Number(!!b.stopped) - Number(!!a.stopped));
    const at = order.indexOf(job);
    const mark = at === 0 || at < 0 ? '+' : at === 1 ? '-' : ' ';
    return `[${job.id}] ${mark} ${state}`.padEnd(33) + `${job.command}\n`;
  }

  /** Reaps finished background jobs (for `jobs` and the interactive "Done" lines). */
  async reapJobs(): Promise<Job[]> {
    const done: Job[] = [];
    for (const job of this.jobs) {
      if (job.status !== null) continue;
      for (const pid of job.pids) {
        try {
          const st = await this.sys.waitpid(pid, 1);
          if (st) job.status = st.status;
        } catch {
          job.status ??= 0;
        }
      }
      if (job.status !== null) done.push(job);
    }
    return done;
  }

  /** Job numbers as dash gives them: one more than the highest job still known. */
  newJobId(): number {
    return this.jobs.reduce((m, j) => Math.max(m, j.id), 0) + 1;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Parses a signal name or number (trap, kill). */
  signalOf(spec: string): number | null {
    return signalNumber(spec);
  }
}

class RedirectError extends Error {}

/** strsignal(3) texts of the stop signals, as dash prints a stopped job's state. */
const STOP_TEXTS: Record<number, string> = { 19: 'Stopped (signal)', 20: 'Stopped', 21: 'Stopped (tty input)', 22: 'Stopped (tty output)' };

/** strsignal(3) texts, as dash prints them for a job a signal ended. */
const SIGNAL_TEXTS: Record<number, string> = {
  1: 'Hangup', 3: 'Quit', 4: 'Illegal instruction', 5: 'Trace/breakpoint trap', 6: 'Aborted', 7: 'Bus error', 8: 'Floating point exception',
  9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault', 12: 'User defined signal 2', 14: 'Alarm clock', 15: 'Terminated',
  16: 'Stack fault', 24: 'CPU time limit exceeded', 25: 'File size limit exceeded', 26: 'Virtual timer expired', 27: 'Profiling timer expired',
  29: 'I/O possible', 30: 'Power failure', 31: 'Bad system call',
};

function noSuch(e: SysError): string {
  return e.code === 'ENOENT' ? 'No such file' : describeSysError(e);
}

function quoteForTrace(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function describeCommand(c: Command): string {
  switch (c.type) {
    case 'simple':
      return [...c.assignments, ...c.words].join(' ');
    case 'pipeline':
      return (c.negate ? '! ' : '') + c.commands.map(describeCommand).join(' | ');
    case 'and':
      return `${describeCommand(c.left)} && ${describeCommand(c.right)}`;
    case 'or':
      return `${describeCommand(c.left)} || ${describeCommand(c.right)}`;
    case 'list':
      return c.items.map((i) => describeCommand(i.command) + (i.background ? ' &' : '')).join('; ');
    case 'subshell':
      return `(${describeCommand(c.body)})`;
    case 'group':
      return `{ ${describeCommand(c.body)}; }`;
    default:
      return c.type;
  }
}

export { NAME as VARIABLE_NAME };
