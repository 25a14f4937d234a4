/** kill, timeout, ps, setsid: signals by name or number, a time limit on a command (status 124), the process table from /proc, a command in a new session. */
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { Accounts } from '../lib/passwd.js';
import { program } from '../lib/program.js';
import { listDir } from '../lib/files.js';

export const SIGNALS = ['', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS'];

export function signalNumber(s: string): number | null {
  if (/^\d+$/.test(s)) return Number(s) < 65 ? Number(s) : null;
  const n = s.toUpperCase().replace(/^SIG/, '');
  if (n === 'IO') return 29;
  const i = SIGNALS.indexOf(n);
  return i > 0 ? i : null;
}

export const kill = program('kill', async (ctx) => {
  const args = ctx.args;
  let sig = 15;
  let i = 0;
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length > 1) {
      let out = '';
      for (const a of args.slice(1)) {
        const n = Number(a);
        if (/^\d+$/.test(a)) out += (SIGNALS[n > 128 ? n - 128 : n] ?? a) + '\n';
        else {
          const v = signalNumber(a);
          if (v === null) return ctx.die(`unknown signal '${a}'`);
          out += v + '\n';
        }
      }
      await ctx.out.write(out);
      return 0;
    }
    let out = '';
    for (let k = 1; k < SIGNALS.length; k++) out += `${String(k).padStart(2, ' ')}) ${SIGNALS[k]}\n`;
    await ctx.out.write(out);
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const v = signalNumber(args[1] ?? '');
    if (v === null) return ctx.die(`bad signal name '${args[1]}'`);
    sig = v;
    i = 2;
  } else if (args[0] && args[0].startsWith('-') && args[0] !== '--' && !/^-\d+$/.test(args[1] ?? 'x') || (args[0] && /^-[A-Za-z0-9]+$/.test(args[0]) && args.length > 1)) {
    const v = signalNumber(args[0].slice(1));
    if (v === null) return ctx.die(`bad signal name '${args[0].slice(1)}'`);
    sig = v;
    i = 1;
  }
  if (args[i] === '--') i++;
  if (i >= args.length) return ctx.usage('[-s SIG | -SIG] PID...');
  let status = 0;
  for (const p of args.slice(i)) {
    if (!/^-?\d+$/.test(p)) {
      await ctx.error(`invalid number '${p}'`);
      status = 1;
      continue;
    }
    try {
      ctx.sys.kill(Number(p), sig);
    } catch (e) {
      await ctx.error(`can't kill pid ${p}: ${errorText(e)}`);
      status = 1;
    }
  }
  return status;
});

export const timeout = program('timeout', async (ctx) => {
  const o = getopt(ctx.args, { short: 's:k:t:', long: { 'signal=': 's', 'kill-after=': 'k', 'preserve-status': 'p', foreground: 'f' }, stopAtOperand: true });
  const ops = [...o.operands];
  const dur = o.get('t') ?? ops.shift();
  if (dur === undefined || !ops.length) return ctx.usage('[-s SIG] [-k KILL_SECS] SECS PROG ARGS');
  const m = /^(\d*\.?\d+)([smhd]?)$/.exec(dur);
  if (!m) return ctx.die(`invalid number '${dur}'`);
  const ms = Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
  const sig = signalNumber(o.get('s') ?? 'TERM');
  if (sig === null) return ctx.die(`unknown signal '${o.get('s')}'`);
  await ctx.out.flush();
  let pid: number;
  try {
    pid = ctx.sys.spawn({ path: ops[0], argv: ops, env: ctx.env });
  } catch (e) {
    await ctx.error(`can't execute '${ops[0]}': ${errorText(e)}`);
    return (e as { code?: string }).code === 'ENOENT' ? 127 : 126;
  }
  let timedOut = false;
  const wait = ctx.sys.waitpid(pid, 0);
  const timer = ctx.sys.sleep(ms).then(() => 'timeout' as const);
  const first = await Promise.race([wait.then(() => 'exited' as const), timer]);
  if (first === 'timeout') {
    timedOut = true;
    try {
      ctx.sys.kill(pid, sig);
    } catch {
      /* already gone */
    }
    if (o.has('k')) {
      const k = Number(o.get('k')) * 1000;
      const again = await Promise.race([wait.then(() => 'exited' as const), ctx.sys.sleep(k).then(() => 'timeout' as const)]);
      if (again === 'timeout') {
        try {
          ctx.sys.kill(pid, 9);
        } catch {
          /* gone */
        }
      }
    }
  }
  const st = await wait;
  if (timedOut && !o.has('p')) return 124;
  return st?.status ?? 0;
});

export const ps = program('ps', async (ctx) => {
  const acc = await Accounts.load(ctx.sys);
  const read = async (p: string): Promise<string | null> => {
    try {
      const inp = Input.open(ctx.sys, p);
      const t = await inp.all();
      inp.close();
      return t;
    } catch {
      return null;
    }
  };
  let out = '  PID USER       TIME COMMAND\n';
  let pids: number[] = [];
  try {
    pids = listDir(ctx, '/proc').filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  } catch (e) {
    return ctx.die(`can't open '/proc': ${errorText(e)}`);
  }
  for (const pid of pids) {
    // /proc/PID/stat when the kernel provides it (for the CPU time), else status's Name
    const stat = await read(`/proc/${pid}/stat`);
    const statusText = await read(`/proc/${pid}/status`);
    if (stat === null && statusText === null) continue;
    let comm = '';
    let secs = 0;
    if (stat !== null) {
      const rp = stat.lastIndexOf(')');
      comm = stat.slice(stat.indexOf('(') + 1, rp);
      const f = stat.slice(rp + 2).split(' ');
      secs = Math.floor((Number(f[11] ?? 0) + Number(f[12] ?? 0)) / 100);
    } else comm = /^Name:\s*(.*)$/m.exec(statusText!)?.[1] ?? '';
    let uid = 0;
    const um = statusText && /^Uid:\s*(\d+)/m.exec(statusText);
    if (um) uid = Number(um[1]);
    const cmdline = await read(`/proc/${pid}/cmdline`);
    const cmd = cmdline ? cmdline.replace(/\0+$/, '').split('\0').join(' ') : '';
    const user = (acc.userName(uid) ?? String(uid)).slice(0, 8);
    const time = `${Math.floor(secs / 60)}:${String(secs % 60).padStart(2, '0')}`;
    out += `${String(pid).padStart(5, ' ')} ${user.padEnd(8, ' ')} ${time.padStart(6, ' ')} ${cmd || `[${comm}]`}\n`;
  }
  await ctx.out.write(out);
  return 0;
});

/**
 * setsid [-w] PROG ARGS: runs PROG as the leader of a new session, as util-linux's setsid
 * (which forks when the caller leads a group, as a shell's job does): it leaves the caller's
 * session, so a hang-up of the terminal does not reach it. -w waits and returns its status.
 */
export const setsid = program('setsid', async (ctx) => {
  const o = getopt(ctx.args, { short: 'wcf', long: { wait: 'w', ctty: 'c', fork: 'f' }, stopAtOperand: true });
  const ops = [...o.operands];
  if (!ops.length) return ctx.usage('[-w] PROG ARGS');
  await ctx.out.flush();
  let pid: number;
  try {
    pid = ctx.sys.spawn({ path: ops[0], argv: ops, env: ctx.env, setsid: true });
  } catch (e) {
    await ctx.error(`can't execute '${ops[0]}': ${errorText(e)}`);
    return (e as { code?: string }).code === 'ENOENT' ? 127 : 126;
  }
  if (!o.has('w')) return 0;
  const st = await ctx.sys.waitpid(pid, 0);
  return st?.status ?? 0;
});
