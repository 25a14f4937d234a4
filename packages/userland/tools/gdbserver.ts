/**
 * gdbserver: gdb's remote stub for a program in the machine, over nothing but the session's
 * own stdin and stdout, so a user reaches it through the SSH connection alone:
 *
 *     gdb-multiarch -ex 'target remote | ssh -p 2222 user@host gdbserver - ./prog args'
 *     gdbserver --attach - PID        (or gdbserver --attach PID)
 *     gdbserver --record - ./prog     (recorded: gdb's reverse-stepi/-continue/-finish work)
 *
 * As GNU gdbserver with the stdio transport ("-"): the started program's stdin is /dev/null
 * and its stdout goes to gdbserver's stderr, since stdout carries the protocol; messages are
 * GNU gdbserver's ("Process ./prog created; pid = 42", "Child exited with status 7"). The
 * protocol and the stopping are the kernel's (Sys.debug, kernel/debug/); this tool only
 * carries bytes between fd 0/1 and that session. When gdb goes away without k or D, a
 * program started for it is killed and an attached one runs on, as with GNU gdbserver.
 */

import { O } from '../sys.js';
import { errorText } from '../lib/errno-text.js';
import { program } from '../lib/program.js';

const USAGE = '[--record] [--attach] COMM PROG [ARGS...] | [--record] --attach [COMM] PID  (COMM: - for stdin/stdout)';

export const gdbserver = program('gdbserver', async (ctx) => {
  const sys = ctx.sys;
  const args = [...ctx.args];
  let attach = false;
  let record = false;
  while (args[0]?.startsWith('--') && args[0] !== '--') {
    const opt = args.shift()!;
    if (opt === '--attach') attach = true;
    else if (opt === '--record') record = true; // as run --record: reverse execution (kernel/debug/recording.ts)
    else if (opt === '--once' || opt === '--no-startup-with-shell') continue; // what we do anyway
    else return ctx.usage(USAGE);
  }
  if (args[0] === '--') args.shift();
  let comm = args[0] === '-' || (args[0]?.includes(':') ?? false) ? args.shift()! : attach ? '-' : undefined;
  if (attach && args[0] === '--attach') args.shift();
  if (comm === undefined || !args.length) return ctx.usage(USAGE);
  if (comm !== '-') return ctx.die(`${comm}: only the stdio transport (-) is offered here; use ssh as the pipe`);
  if (!sys.debug) return ctx.die('no kernel to debug with');

  let pid: number;
  if (attach) {
    if (args.length !== 1 || !/^\d+$/.test(args[0])) return ctx.usage(USAGE);
    pid = Number(args[0]);
  } else {
    await ctx.out.flush();
    const devNull = sys.open('/dev/null', O.RDWR | O.CLOEXEC);
    try {
      pid = sys.spawn({ path: args[0], argv: args, env: ctx.env, fds: { 0: devNull, 1: 2, 2: 2 } });
    } catch (e) {
      await ctx.error(`Cannot exec ${args[0]}: ${errorText(e)}.`);
      return (e as { code?: string }).code === 'ENOENT' ? 127 : 126;
    } finally {
      sys.close(devNull);
    }
  }

  // Replies go out in order: each write waits for the one before it.
  let writing: Promise<void> = Promise.resolve();
  let outGone = false;
  const send = (data: string): void => {
    writing = writing.then(() => (outGone ? undefined : sys.write(1, Buffer.from(data, 'latin1')))).catch(() => {
      outGone = true;
    });
  };
  let session;
  try {
    session = sys.debug(pid, send, !attach, { record });
  } catch (e) {
    if (!attach) sys.kill(pid, 9);
    return ctx.die(`Cannot attach to process ${pid}: ${errorText(e)}`);
  }
  await ctx.errOut.write(attach ? `Attached; pid = ${pid}\nRemote debugging using stdio\n` : `Process ${args[0]} created; pid = ${pid}\nRemote debugging using stdio\n`);

  let over = false;
  void session.done.then(() => (over = true));
  const input = (async (): Promise<void> => {
    while (!over) {
      const chunk = await sys.read(0, 16384);
      if (!chunk.length) return;
      session.receive(Buffer.from(chunk).toString('latin1'));
    }
  })().catch(() => undefined);
  await Promise.race([session.done, input]);
  if (!over) session.hangUp(); // stdin closed: gdb (or the SSH connection) went away
  await writing;
  if (!attach) {
    const st = await sys.waitpid(pid, 0).catch(() => null);
    if (st && st.code !== null) await ctx.errOut.write(`\nChild exited with status ${st.code}\n`);
    else if (st && st.signal !== null) await ctx.errOut.write(`\nChild terminated with signal = ${st.signal}\n`);
  }
  return 0;
});
