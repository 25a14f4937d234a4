/**
 * The frame every tool runs in: it turns a tool body into a UserProgram, gives it a
 * buffered stdout and stderr, busybox-style messages (`NAME: text`), and the endings a C
 * applet has — a usage error prints one line and exits 1, a closed pipe ends quietly
 * with 141 (what SIGPIPE gives), an explicit exit unwinds from anywhere.
 */
import type { Sys, UserProgram } from '../sys.js';
import { SysError } from '../sys.js';
import { strerror } from './errno-text.js';
import { UsageError } from './getopt.js';
import { BrokenPipe, Output, WriteError, bytesOf } from './output.js';

/** Thrown to end the tool with a status from deep inside it. */
export class Exit extends Error {
  constructor(readonly status: number) {
    super(`exit ${status}`);
  }
}

export class Ctx {
  readonly out: Output;
  readonly errOut: Output;
  constructor(
    readonly sys: Sys,
    readonly argv: string[],
    readonly env: string[],
    readonly name: string,
  ) {
    this.out = new Output(sys, 1);
    this.errOut = new Output(sys, 2);
    this.errOut.unbuffered = true;
  }

  /** The arguments after argv[0]. */
  get args(): string[] {
    return this.argv.slice(1);
  }

  getenv(key: string): string | undefined {
    const p = key + '=';
    for (let i = this.env.length - 1; i >= 0; i--) if (this.env[i].startsWith(p)) return this.env[i].slice(p.length);
    return undefined;
  }

  /** Writes `NAME: msg` to stderr (after flushing stdout, so the order is kept). */
  async error(msg: string): Promise<void> {
    try {
      await this.out.flush();
    } catch (e) {
      if (!(e instanceof BrokenPipe)) throw e;
    }
    await this.errOut.write(bytesOf(`${this.name}: ${msg}\n`));
  }

  /** `NAME: subject: strerror` for a failed system call. */
  async sysError(subject: string, e: unknown): Promise<void> {
    if (e instanceof SysError) await this.error(`${subject}: ${strerror(e.code)}`);
    else throw e;
  }

  /** A usage error: `Usage: NAME SYNOPSIS` on stderr, status 1 (busybox prints its usage text). */
  async usage(synopsis: string): Promise<number> {
    await this.out.flush().catch(() => undefined);
    await this.errOut.write(bytesOf(`Usage: ${this.name} ${synopsis}\n`));
    return 1;
  }

  /** Prints the message and ends the tool with status 1 (busybox's bb_error_msg_and_die). */
  async die(msg: string, status = 1): Promise<never> {
    await this.error(msg);
    throw new Exit(status);
  }
}

export type ToolBody = (ctx: Ctx) => Promise<number>;

/** Makes a UserProgram of a tool body; `name` is used when argv[0] is empty. */
export function program(name: string, body: ToolBody): UserProgram {
  return async (sys: Sys, argv: string[], env: string[]) => {
    const a0 = argv[0] ?? name;
    const base = a0.slice(a0.lastIndexOf('/') + 1) || name;
    const ctx = new Ctx(sys, argv.length ? argv : [name], env, base);
    let status: number;
    try {
      status = await body(ctx);
    } catch (e) {
      if (e instanceof Exit) status = e.status;
      else if (e instanceof BrokenPipe) return 141;
      else if (e instanceof UsageError) {
        await ctx.error(e.message).catch(() => undefined);
        status = 1;
      } else if (e instanceof SysError && e.code === 'EPIPE') return 141;
      else if (e instanceof WriteError) {
        await ctx.error(e.message).catch(() => undefined);
        status = 1;
      } else throw e;
    }
    try {
      await ctx.out.flush();
    } catch (e) {
      if (e instanceof BrokenPipe) return 141;
      if (!(e instanceof WriteError)) throw e;
      await ctx.error(e.message).catch(() => undefined);
      return 1;
    }
    return status & 255;
  };
}
