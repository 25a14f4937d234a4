/**
 * Running another program from a tool (find -exec, xargs, env, timeout, nice ...): spawn
 * it with the caller's fds, wait for it, and report a failure to start the way busybox
 * does (`NAME: can't execute 'CMD': strerror`, status 127 for not found, 126 otherwise).
 */
import { errCode, errorText } from './errno-text.js';
import type { Ctx } from './program.js';

export interface RunResult {
  /** The shell-style status (128+signal when killed), or 126/127 when it could not start. */
  status: number;
  started: boolean;
  signal: number | null;
}

export async function runCommand(ctx: Ctx, argv: string[], env: string[] = ctx.env, quiet = false): Promise<RunResult> {
  await ctx.out.flush();
  let pid: number;
  try {
    pid = ctx.sys.spawn({ path: argv[0], argv, env });
  } catch (e) {
    if (!quiet) await ctx.error(`can't execute '${argv[0]}': ${errorText(e)}`);
    return { status: errCode(e) === 'ENOENT' ? 127 : 126, started: false, signal: null };
  }
  const st = await ctx.sys.waitpid(pid, 0);
  return { status: st?.status ?? 0, started: true, signal: st?.signal ?? null };
}
