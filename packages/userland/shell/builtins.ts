/**
 * The shell's builtins: POSIX's special builtins (whose assignments persist and whose
 * errors end a script), the regular builtins a shell must run itself (cd, read, wait,
 * jobs...), and a few that stand in for programs PATH lacks (pkg, which, time, help,
 * history: FALLBACK_BUILTINS). Each writes and reads only through the shell's Sys.
 */

import { SIGNAL_NAMES } from '../../../kernel/signals.js';
import type { Vfs } from '../../../kernel/fs/vfs.js';
import { baseSystemOf, describeSysError } from '../kernel-sys.js';
import { SysError } from '../sys.js';
import { BreakSignal, ContinueSignal, ErrorExit, ExitSignal, OPTION_NAMES, ReturnSignal, VARIABLE_NAME, type Job, type Shell } from './eval.js';
import { ExpansionError } from './expand.js';
import { runPkg, type PackageStore } from './pkg.js';
import { printf } from './printf.js';
import { test } from './test.js';
import { ulimit } from './ulimit.js';
import { bytesOf, textOf } from '../lib/output.js';
import { applyMode } from '../lib/file-mode.js';

export type Builtin = (shell: Shell, argv: string[]) => Promise<number> | number;

/** What the machine-wide builtins use: set once at boot by the userland's installer. */
export const machine: { packages: PackageStore | null; hostname: string } = { packages: null, hostname: 'akuma' };

/** Each kernel's package store, for `pkg` (machines of their own, serve --machines, each have theirs). */
const packagesByKernel = new WeakMap<object, PackageStore | null>();

export function setPackagesOf(kernel: object, store: PackageStore | null): void {
  packagesByKernel.set(kernel, store);
}

/** The package store `pkg` uses on this kernel's machine (the machine-wide one for a kernel booted without). */
export function packagesOf(kernel: object): PackageStore | null {
  return packagesByKernel.has(kernel) ? packagesByKernel.get(kernel)! : machine.packages;
}

export function signalNumber(spec: string): number | null {
  if (/^\d+$/.test(spec)) return Number(spec) <= 64 ? Number(spec) : null;
  const upper = spec.toUpperCase();
  if (upper === 'EXIT') return 0;
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  const entry = Object.entries(SIGNAL_NAMES).find(([, n]) => n === name);
  return entry ? Number(entry[0]) : null;
}

function signalName(sig: number): string {
  return sig === 0 ? 'EXIT' : (SIGNAL_NAMES[sig] ?? String(sig)).replace(/^SIG/, '');
}

/**
 * A signal's name as dash's `kill -l` lists it: the numbers without a name of their own
 * (0, 16, 32, 33) as numbers, the real-time ones counted from RTMIN (34) and RTMAX (64).
 */
function listedSignalName(sig: number): string {
  if (sig === 0 || sig === 16 || sig === 32 || sig === 33) return String(sig);
  if (sig >= 34 && sig <= 49) return sig === 34 ? 'RTMIN' : `RTMIN+${sig - 34}`;
  if (sig >= 50 && sig <= 64) return sig === 64 ? 'RTMAX' : `RTMAX-${64 - sig}`;
  return (SIGNAL_NAMES[sig] ?? String(sig)).replace(/^SIG/, '');
}

function quote(s: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const colon: Builtin = () => 0;

const echo: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let newline = true;
  if (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  let text = args.join(' ');
  // dash's echo interprets backslash escapes; \c ends the output.
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i];
    const map: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (n === 'c') {
      newline = false;
      text = '';
      break;
    }
    if (n in map) out += map[n];
    else if (n === '0') {
      let v = 0;
      let k = 0;
      while (k < 3 && /[0-7]/.test(text[i + 1] ?? '')) {
        v = v * 8 + Number(text[++i]);
        k++;
      }
      out += String.fromCharCode(v);
    } else out += '\\' + n;
  }
  await sh.out(out + (newline ? '\n' : ''));
  return 0;
};

const cd: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let physical = false;
  while (args[0] === '-P' || args[0] === '-L') {
    physical = args[0] === '-P';
    args = args.slice(1);
  }
  let target = args[0];
  let print = false;
  if (target === undefined) {
    target = sh.get('HOME') ?? '';
    if (!target) {
      await sh.error('cd: HOME not set');
      return 2;
    }
  } else if (target === '-') {
    target = sh.get('OLDPWD') ?? '';
    print = true;
  }
  const old = sh.get('PWD') ?? sh.sys.getcwd();
  let dest = target;
  if (!target.startsWith('/') && !target.startsWith('.')) {
    for (const dir of (sh.get('CDPATH') ?? '').split(':').filter(Boolean)) {
      const candidate = `${dir}/${target}`;
      if (sh.exists(candidate + '/.')) {
        dest = candidate;
        print = true;
        break;
      }
    }
  }
  try {
    const logical = dest.startsWith('/') ? dest : `${old === '/' ? '' : old}/${dest}`;
    sh.sys.chdir(physical ? dest : normalize(logical));
  } catch (e) {
    await sh.error(`cd: can't cd to ${target}`);
    void e;
    return 2;
  }
  const cwd = physical ? sh.sys.getcwd() : normalize(dest.startsWith('/') ? dest : `${old === '/' ? '' : old}/${dest}`);
  sh.setVar('OLDPWD', old, { exported: sh.variable('OLDPWD')?.exported });
  sh.setVar('PWD', cwd, { exported: sh.variable('PWD')?.exported });
  if (print) await sh.out(`${cwd}\n`);
  return 0;
};

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

const pwd: Builtin = async (sh, argv) => {
  const physical = argv.includes('-P');
  const pwdVar = sh.get('PWD');
  const real = sh.sys.getcwd();
  let shown = real;
  if (!physical && pwdVar && pwdVar.startsWith('/')) {
    try {
      if (sh.sys.realpath(pwdVar) === real) shown = pwdVar;
    } catch {
      // PWD gone
    }
  }
  await sh.out(`${shown}\n`);
  return 0;
};

const exportBuiltin = (readonlyMode: boolean): Builtin => async (sh, argv) => {
  const args = argv.slice(1).filter((a) => a !== '-p');
  if (args.length === 0) {
    const lines: string[] = [];
    for (const [k, v] of [...sh.vars].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (readonlyMode ? !v.readonly : !v.exported) continue;
      lines.push(`${readonlyMode ? 'readonly' : 'export'} ${k}${v.value === undefined ? '' : `=${quote(v.value)}`}`);
    }
    await sh.out(lines.map((l) => l + '\n').join(''));
    return 0;
  }
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!VARIABLE_NAME.test(name)) {
      await sh.error(`${argv[0]}: ${name}: bad variable name`);
      throw new ErrorExit(2);
    }
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    let v = sh.vars.get(name);
    if (!v) {
      v = { value: undefined, exported: false, readonly: false };
      sh.vars.set(name, v);
    }
    if (readonlyMode) v.readonly = true;
    else v.exported = true;
  }
  return 0;
};

const unset: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let functions = false;
  while (args[0] === '-f' || args[0] === '-v') {
    functions = args[0] === '-f';
    args = args.slice(1);
  }
  for (const a of args) {
    if (functions) sh.functions.delete(a);
    else {
      try {
        sh.unsetVar(a);
      } catch (e) {
        if (e instanceof ExpansionError) {
          await sh.error(`unset: ${e.message}`);
          return 2;
        }
        throw e;
      }
    }
  }
  return 0;
};

const set: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    const lines = [...sh.vars].filter(([, v]) => v.value !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${quote(v.value!)}\n`);
    await sh.out(lines.join(''));
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      sh.positionalParams = args.slice(i);
      return 0;
    }
    if (a === '-' ) {
      sh.options.xtrace = false;
      sh.options.verbose = false;
      i++;
      break;
    }
    if ((a[0] === '-' || a[0] === '+') && a.length > 1) {
      const on = a[0] === '-';
      if (a[1] === 'o') {
        const name = args[i + 1];
        if (name === undefined) {
          const lines = Object.entries(OPTION_NAMES).map(([n, key]) => (on ? `${n.padEnd(16)}${sh.options[key] ? 'on' : 'off'}\n` : `set ${sh.options[key] ? '-' : '+'}o ${n}\n`));
          await sh.out(lines.join(''));
          return 0;
        }
        const key = OPTION_NAMES[name];
        if (!key) {
          await sh.error(`set: Illegal option -o ${name}`);
          return 2;
        }
        sh.options[key] = on;
        i++;
        continue;
      }
      for (const letter of a.slice(1)) {
        if (!sh.setOptionLetter(letter, on)) {
          await sh.error(`set: Illegal option ${a[0]}${letter}`);
          if (!sh.options.interactive) throw new ErrorExit(2);
          return 2;
        }
      }
      continue;
    }
    break;
  }
  if (i < args.length || args.includes('--')) sh.positionalParams = args.slice(i);
  return 0;
};

const shift: Builtin = async (sh, argv) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 0) {
    await sh.error(`shift: Illegal number: ${argv[1]}`);
    throw new ErrorExit(2);
  }
  if (n > sh.positionalParams.length) {
    await sh.error(`shift: can't shift that many`);
    throw new ErrorExit(2);
  }
  sh.positionalParams = sh.positionalParams.slice(n);
  return 0;
};

function statusArg(sh: Shell, arg: string | undefined): number {
  if (arg === undefined) return sh.lastStatus;
  const n = Number(arg);
  if (!/^-?[0-9]+$/.test(arg)) throw new ExpansionError(`Illegal number: ${arg}`);
  return n & 0xff;
}

const exit: Builtin = (sh, argv) => {
  throw new ExitSignal(statusArg(sh, argv[1]));
};

const returnBuiltin: Builtin = (sh, argv) => {
  throw new ReturnSignal(statusArg(sh, argv[1]));
};

const loopControl = (kind: 'break' | 'continue'): Builtin => async (sh, argv) => {
  const n = argv[1] === undefined ? 1 : Number(argv[1]);
  if (!Number.isInteger(n) || n < 1) {
    await sh.error(`${kind}: Illegal number: ${argv[1]}`);
    throw new ErrorExit(2);
  }
  if (sh.loopDepth === 0) return 0;
  const count = Math.min(n, sh.loopDepth);
  throw kind === 'break' ? new BreakSignal(count) : new ContinueSignal(count);
};

const evalBuiltin: Builtin = async (sh, argv) => {
  const src = argv.slice(1).join(' ');
  if (!src.trim()) return 0;
  // As in dash, the text's lines count from 1 and its errors say "eval:".
  const outer = sh.commandName;
  sh.commandName = 'eval';
  try {
    return await sh.runSource(src, { lineBase: 1 });
  } finally {
    sh.commandName = outer;
  }
};

const dot: Builtin = async (sh, argv) => {
  const name = argv[1];
  if (name === undefined) return 0;
  let path = name;
  if (!name.includes('/')) {
    const found = (sh.get('PATH') ?? '').split(':').map((d) => `${d || '.'}/${name}`).find((p) => sh.exists(p));
    if (!found) {
      await sh.error(`.: ${name}: not found`);
      throw new ErrorExit(2);
    }
    path = found;
  }
  let text: string;
  try {
    text = await sh.readWholeFile(path);
  } catch {
    await sh.error(`.: cannot open ${name}: No such file`);
    throw new ErrorExit(2);
  }
  // As in dash, arguments after the file name are not given to it, and its errors name it.
  const outer = sh.commandName;
  sh.commandName = path;
  try {
    return await sh.runSource(text);
  } catch (e) {
    if (e instanceof ReturnSignal) return e.status;
    throw e;
  } finally {
    sh.commandName = outer;
  }
};

const exec: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  const path = sh.findInPath(args[0]);
  if (!path) {
    await sh.error(`exec: ${args[0]}: not found`);
    throw new ExitSignal(127);
  }
  try {
    sh.sys.exec(path, args, sh.environment());
  } catch (e) {
    if (e instanceof SysError) {
      await sh.error(`exec: ${args[0]}: ${describeSysError(e)}`);
      throw new ExitSignal(e.code === 'ENOENT' ? 127 : 126);
    }
    throw e;
  }
  return 0;
};

const trap: Builtin = async (sh, argv) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  // dash's trap takes no options (no bash -p or -l): an error that ends a script.
  if (argv[1] !== '--' && args[0]?.startsWith('-') && args[0] !== '-') {
    await sh.error(`trap: Illegal option -${args[0][1]}`);
    throw new ErrorExit(2);
  }
  if (args.length === 0) {
    const lines = [...sh.traps].sort(([a], [b]) => a - b).map(([sig, action]) => `trap -- ${quote(action)} ${signalName(sig)}\n`);
    await sh.out(lines.join(''));
    return 0;
  }
  let action: string | null;
  let sigs: string[];
  if (/^\d+$/.test(args[0]) || args.length === 1) {
    action = null;
    sigs = args;
  } else {
    action = args[0] === '-' ? null : args[0];
    sigs = args.slice(1);
  }
  let status = 0;
  for (const s of sigs) {
    const sig = signalNumber(s);
    if (sig === null || sig === 9 || sig === 19) {
      await sh.error(`trap: ${s}: bad trap`);
      status = 1;
      continue;
    }
    sh.setTrap(sig, action);
  }
  return status;
};

const wait: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const job of sh.jobs) {
      if (job.status !== null) continue;
      for (const pid of job.pids) {
        try {
          const st = await sh.sys.waitpid(pid);
          job.status = st?.status ?? 0;
        } catch (e) {
          if (e instanceof SysError && e.code === 'EINTR') {
            const sig = sh.pendingTraps[0];
            await sh.runTraps();
            return 128 + (sig ?? 0);
          }
          job.status ??= 127;
        }
      }
    }
    sh.jobs = [];
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const job = a.startsWith('%') ? jobOf(sh, a) : sh.jobs.find((j) => j.pids.includes(Number(a)));
    const pid = job ? job.pids[job.pids.length - 1] : Number(a);
    if (job && job.status !== null) {
      status = job.status;
      continue;
    }
    try {
      const st = await sh.sys.waitpid(pid);
      status = st?.status ?? 0;
      if (job) job.status = status;
      // dash tells how the job it waited for by name ended ("Terminated"); a bare `wait` does not.
      if (st?.signal !== null && st?.signal !== undefined) await sh.reportSignal(status);
    } catch (e) {
      if (e instanceof SysError && e.code === 'EINTR') {
        const sig = sh.pendingTraps[0];
        await sh.runTraps();
        return 128 + (sig ?? 0);
      }
      status = 127;
    }
  }
  return status;
};

function jobOf(sh: Shell, spec: string): (typeof sh.jobs)[number] | undefined {
  const s = spec.slice(1);
  if (s === '' || s === '%' || s === '+') return sh.jobs[sh.jobs.length - 1];
  if (s === '-') return sh.jobs[sh.jobs.length - 2];
  if (/^\d+$/.test(s)) return sh.jobs.find((j) => j.id === Number(s));
  return sh.jobs.find((j) => j.command.startsWith(s));
}

const jobs: Builtin = async (sh, argv) => {
  await sh.reapJobs();
  const pidsOnly = argv.includes('-p');
  const lines: string[] = [];
  for (const job of sh.jobs) {
    if (pidsOnly) lines.push(`${job.pids[0]}\n`);
    else lines.push(`[${job.id}]${job === sh.jobs[sh.jobs.length - 1] ? '+' : ' '}  ${job.stopped ? 'Stopped' : job.status === null ? 'Running' : job.status === 0 ? 'Done' : `Done(${job.status})`}${''.padEnd(20)}${job.command}\n`);
  }
  await sh.out(lines.join(''));
  sh.jobs = sh.jobs.filter((j) => j.status === null);
  return 0;
};

/**
 * SIGCONT to a stopped job: its whole process group, as killpg in dash (a pipeline stage's
 * own children, such as the program a subshell stage runs, stopped with it); a job in the
 * shell's own group (no job control) gets it process by process.
 */
function continueJob(sh: Shell, job: Job): void {
  const targets = job.pgid !== sh.sys.getpgrp() ? [-job.pgid] : job.pids;
  for (const pid of targets) {
    try {
      sh.sys.kill(pid, 18);
    } catch {
      // already gone
    }
  }
}

const fg: Builtin = async (sh, argv) => {
  const job = jobOf(sh, argv[1] ?? '%');
  if (!job) {
    await sh.error(`fg: No current job`);
    return 2;
  }
  await sh.out(`${job.command}\n`);
  for (const pid of job.pids) sh.foreground.add(pid);
  try {
    if (job.stopped) {
      job.stopped = false;
      continueJob(sh, job);
    }
    const waited = await sh.inForeground(job.pgid, () => sh.waitJob(job));
    if (!waited.stopped) sh.jobs = sh.jobs.filter((j) => j !== job);
    return waited.statuses[waited.statuses.length - 1] ?? 0;
  } finally {
    for (const pid of job.pids) sh.foreground.delete(pid);
  }
};

const bg: Builtin = async (sh, argv) => {
  const job = jobOf(sh, argv[1] ?? '%');
  if (!job) {
    await sh.error(`bg: No current job`);
    return 2;
  }
  job.stopped = false;
  continueJob(sh, job);
  await sh.out(`[${job.id}] ${job.command} &\n`);
  return 0;
};

const kill: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let sig = 15;
  if (args[0] === '-l') {
    if (args[1] !== undefined) {
      // dash names only the first: a signal number, or an exit status 128 + signal.
      if (!/^\d+$/.test(args[1])) {
        await sh.error(`kill: Illegal number: ${args[1]}`);
        return 2;
      }
      const n = Number(args[1]);
      const sig = n > 128 ? n - 128 : n;
      if (sig < 1 || sig > 64) {
        await sh.error(`kill: invalid signal number or exit status: ${args[1]}`);
        return 2;
      }
      await sh.out(`${listedSignalName(sig)}\n`);
      return 0;
    }
    await sh.out(Array.from({ length: 65 }, (_, i) => `${listedSignalName(i)}\n`).join(''));
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = signalNumber(args[1] ?? '');
    if (s === null) {
      await sh.error(`kill: invalid signal number or name: ${args[1]}`);
      return 2;
    }
    sig = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--' && args[0].length > 1) {
    const s = signalNumber(args[0].slice(1));
    if (s === null) {
      await sh.error(`kill: invalid signal number or name: ${args[0].slice(1)}`);
      return 2;
    }
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (args.length === 0) {
    await sh.error('kill: usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]');
    return 2;
  }
  let status = 0;
  for (const a of args) {
    const job = a.startsWith('%') ? jobOf(sh, a) : undefined;
    if (a.startsWith('%') && !job) {
      await sh.error(`kill: No such job: ${a}`);
      status = 1;
      continue;
    }
    // With job control a job is a process group: kill %N reaches all of it (dash's killpg).
    const pids = job ? (sh.options.interactive ? [-job.pgid] : job.pids) : [Number(a)];
    if (!job && !/^-?\d+$/.test(a)) {
      await sh.error(`kill: Illegal number: ${a}`);
      status = 2;
      continue;
    }
    for (const pid of pids) {
      try {
        sh.sys.kill(pid, sig);
      } catch (e) {
        await sh.error(`kill: ${describeSysError(e)}`);
        status = 1;
      }
    }
  }
  // A signal sent to ourselves is handled now, its trap seeing kill's status as $?.
  sh.lastStatus = status;
  await sh.runTraps();
  return status;
};

const local: Builtin = async (sh, argv) => {
  const frame = sh.localFrames[sh.localFrames.length - 1];
  if (!frame) {
    await sh.error('local: not in a function');
    throw new ErrorExit(2);
  }
  for (const a of argv.slice(1)) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!frame.has(name)) {
      const old = sh.vars.get(name);
      frame.set(name, old ? { ...old } : undefined);
    }
    if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
    else if (!sh.vars.has(name)) sh.vars.set(name, { value: undefined, exported: false, readonly: false });
  }
  return 0;
};

const read: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let raw = false;
  let prompt = '';
  while (args[0]?.startsWith('-') && args[0] !== '-') {
    if (args[0] === '-r') raw = true;
    else if (args[0] === '-p') {
      prompt = args[1] ?? '';
      args = args.slice(1);
    } else if (args[0] === '--') {
      args = args.slice(1);
      break;
    } else break;
    args = args.slice(1);
  }
  if (args.length === 0) args = ['REPLY'];
  if (prompt && sh.sys.isatty(0)) await sh.err(prompt);
  // One byte at a time, so what follows the line stays for the next reader (as dash does).
  let line = '';
  let eof = false;
  const bytes: number[] = [];
  for (;;) {
    let b: Uint8Array;
    try {
      b = await sh.sys.read(0, 1);
    } catch (e) {
      if (e instanceof SysError && e.code === 'EINTR') {
        await sh.runTraps();
        return 128 + 2;
      }
      throw e;
    }
    if (b.length === 0) {
      eof = true;
      break;
    }
    if (b[0] === 10) {
      if (!raw && bytes.length && bytes[bytes.length - 1] === 92) {
        bytes.pop();
        continue;
      }
      break;
    }
    bytes.push(b[0]);
  }
  line = Buffer.from(bytes).toString('utf8');
  // Backslash removes the special meaning of the next character (unless -r).
  const chars: Array<{ c: string; escaped: boolean }> = [];
  for (let i = 0; i < line.length; i++) {
    if (!raw && line[i] === '\\' && i + 1 < line.length) chars.push({ c: line[++i], escaped: true });
    else if (!raw && line[i] === '\\') continue;
    else chars.push({ c: line[i], escaped: false });
  }
  const ifs = sh.get('IFS') ?? ' \t\n';
  const isIfs = (x: { c: string; escaped: boolean }): boolean => !x.escaped && ifs.includes(x.c);
  const isWs = (x: { c: string; escaped: boolean }): boolean => isIfs(x) && ' \t\n'.includes(x.c);
  let i = 0;
  while (i < chars.length && isWs(chars[i])) i++;
  for (let k = 0; k < args.length; k++) {
    const name = args[k];
    if (k === args.length - 1) {
      let end = chars.length;
      while (end > i && isWs(chars[end - 1])) end--;
      let rest = chars.slice(i, end);
      // A trailing single non-whitespace IFS delimiter is dropped.
      if (rest.length && isIfs(rest[rest.length - 1]) && !isWs(rest[rest.length - 1]) && !(rest.length >= 2 && isIfs(rest[rest.length - 2]))) {
        const inner = rest.slice(0, -1);
        if (!inner.some(isIfs)) rest = inner;
      }
      sh.setVar(name, rest.map((x) => x.c).join(''));
      break;
    }
    let field = '';
    while (i < chars.length && !isIfs(chars[i])) field += chars[i++].c;
    // Skip one delimiter: whitespace around it, at most one non-whitespace IFS char.
    while (i < chars.length && isWs(chars[i])) i++;
    if (i < chars.length && isIfs(chars[i]) && !isWs(chars[i])) {
      i++;
      while (i < chars.length && isWs(chars[i])) i++;
    }
    sh.setVar(name, field);
  }
  return eof ? 1 : 0;
};

const alias: Builtin = async (sh, argv) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    await sh.out([...sh.aliases].sort().map(([k, v]) => `${k}=${quote(v)}\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq < 0) {
      const v = sh.aliases.get(a);
      if (v === undefined) {
        await sh.error(`alias: ${a} not found`);
        status = 1;
      } else await sh.out(`${a}=${quote(v)}\n`);
    } else sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
  }
  return status;
};

const unalias: Builtin = async (sh, argv) => {
  if (argv[1] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (!sh.aliases.delete(a)) {
      await sh.error(`unalias: ${a} not found`);
      status = 1;
    }
  }
  return status;
};

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

async function describe(sh: Shell, name: string, mode: 'v' | 'V' | 'which'): Promise<boolean> {
  if (mode !== 'which') {
    if (sh.aliases.has(name)) {
      await sh.out(mode === 'v' ? `alias ${name}=${quote(sh.aliases.get(name)!)}\n` : `${name} is an alias for ${sh.aliases.get(name)}\n`);
      return true;
    }
    if (KEYWORDS.has(name)) {
      await sh.out(mode === 'v' ? `${name}\n` : `${name} is a shell keyword\n`);
      return true;
    }
    if (sh.functions.has(name)) {
      await sh.out(mode === 'v' ? `${name}\n` : `${name} is a shell function\n`);
      return true;
    }
    if (BUILTINS.has(name) && !(FALLBACK_BUILTINS.has(name) && sh.findInPath(name))) {
      await sh.out(mode === 'v' ? `${name}\n` : `${name} is a ${SPECIAL_BUILTINS.has(name) ? 'special ' : ''}shell builtin\n`);
      return true;
    }
  }
  const path = sh.findInPath(name);
  if (path) {
    await sh.out(mode === 'V' ? `${name} is ${path}\n` : `${path}\n`);
    return true;
  }
  if (mode !== 'which' && BUILTINS.has(name)) {
    await sh.out(mode === 'v' ? `${name}\n` : `${name} is a shell builtin\n`);
    return true;
  }
  // dash tells this on stdout, as the other answers.
  if (mode === 'V') await sh.out(`${name}: not found\n`);
  return false;
}

const type: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1)) if (!(await describe(sh, name, 'V'))) status = 127;
  return status;
};

const which: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => a !== '-a')) if (!(await describe(sh, name, 'which'))) status = 1;
  return status;
};

const command: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  let mode: 'v' | 'V' | null = null;
  while (args[0]?.startsWith('-')) {
    if (args[0] === '-v') mode = 'v';
    else if (args[0] === '-V') mode = 'V';
    else if (args[0] === '--') {
      args = args.slice(1);
      break;
    }
    args = args.slice(1);
  }
  if (mode) {
    let status = 0;
    for (const name of args) if (!(await describe(sh, name, mode))) status = 127;
    return status;
  }
  if (args.length === 0) return 0;
  const builtin = BUILTINS.get(args[0]);
  if (builtin) {
    try {
      return await builtin(sh, args);
    } catch (e) {
      // `command eval 'fi'` reports the error and goes on, with status 2.
      if (e instanceof ErrorExit) return e.status;
      throw e;
    }
  }
  return sh.runProgram(args, new Map());
};

const umask: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  const symbolic = args[0] === '-S';
  if (symbolic) args = args.slice(1);
  if (args[0] === '--') args = args.slice(1);
  const value = args[0];
  if (value === undefined) {
    const m = sh.sys.umask(0);
    sh.sys.umask(m);
    if (symbolic) {
      const perms = (bits: number): string => (bits & 4 ? 'r' : '') + (bits & 2 ? 'w' : '') + (bits & 1 ? 'x' : '');
      const allowed = ~m & 0o777;
      await sh.out(`u=${perms(allowed >> 6)},g=${perms((allowed >> 3) & 7)},o=${perms(allowed & 7)}\n`);
    } else await sh.out(`${m.toString(8).padStart(4, '0')}\n`);
    return 0;
  }
  if (/^[0-7]+$/.test(value)) {
    sh.sys.umask(parseInt(value, 8) & 0o777);
    return 0;
  }
  if (/^\d/.test(value)) {
    await sh.error(`umask: Illegal number: ${value}`);
    return 2;
  }
  // A symbolic mode (u=rwx,g=rx,o=) edits the permissions the mask leaves, as chmod edits a file's.
  const old = sh.sys.umask(0);
  const allowed = applyMode(value, ~old & 0o777, 0, false);
  if (allowed === null) {
    sh.sys.umask(old);
    await sh.error(`umask: Illegal mode: ${value}`);
    return 2;
  }
  sh.sys.umask(~allowed & 0o777);
  return 0;
};

/** Where getopts stopped inside a word of grouped options ("-ab"), keyed by the OPTIND it left. */
interface GetoptsState {
  getoptsInd?: number;
  getoptsChar?: number;
}

/**
 * getopts as dash has it: OPTIND names the word after the one being read, also while the
 * options grouped in a word are taken one by one; assigning OPTIND starts over.
 */
const getopts: Builtin = async (sh, argv) => {
  const spec = argv[1];
  const name = argv[2];
  if (spec === undefined || name === undefined) {
    await sh.error('getopts: usage: getopts optstring var [arg]');
    return 2;
  }
  const memo = sh as unknown as GetoptsState;
  const params = argv.length > 3 ? argv.slice(3) : sh.positionalParams;
  const optind = Number(sh.get('OPTIND') ?? '1') || 1;
  const silent = spec.startsWith(':');
  const opts = silent ? spec.slice(1) : spec;
  const inWord = optind === memo.getoptsInd && (memo.getoptsChar ?? 1) > 1;
  const word = inWord ? optind - 2 : optind - 1;
  const charIndex = inWord ? memo.getoptsChar! : 1;
  const arg = params[word];
  const finish = (nextOptind: number, nextChar: number): void => {
    sh.setVar('OPTIND', String(nextOptind));
    memo.getoptsInd = nextOptind;
    memo.getoptsChar = nextChar;
  };
  if (arg === undefined || arg === '-' || !arg.startsWith('-') || arg === '--') {
    sh.setVar(name, '?');
    sh.vars.delete('OPTARG');
    finish(arg === '--' ? word + 2 : word + 1, 1);
    return 1;
  }
  const c = arg[charIndex];
  let next = charIndex + 1;
  let following = word + 2;
  const at = opts.indexOf(c);
  sh.vars.delete('OPTARG');
  if (at < 0 || c === ':') {
    if (silent) {
      sh.setVar('OPTARG', c);
    } else await sh.err(`Illegal option -${c}\n`);
    sh.setVar(name, '?');
  } else if (opts[at + 1] === ':') {
    let value: string | undefined;
    if (next < arg.length) value = arg.slice(next);
    else {
      value = params[word + 1];
      if (value !== undefined) following++;
    }
    next = arg.length;
    if (value === undefined) {
      if (silent) {
        sh.setVar('OPTARG', c);
        sh.setVar(name, ':');
      } else {
        await sh.err(`No arg for -${c} option\n`);
        sh.setVar(name, '?');
      }
    } else {
      sh.setVar('OPTARG', value);
      sh.setVar(name, c);
    }
  } else sh.setVar(name, c);
  finish(following, next >= arg.length ? 1 : next);
  return 0;
};

const times: Builtin = async (sh) => {
  const t = sh.sys.times();
  const fmt = (ms: number): string => `${Math.floor(ms / 60000)}m${((ms % 60000) / 1000).toFixed(6)}s`;
  await sh.out(`${fmt(t.userMs)} ${fmt(t.systemMs)}\n${fmt(t.childUserMs)} ${fmt(t.childSystemMs)}\n`);
  return 0;
};

/** `time cmd`: wall-clock time from the guest's monotonic clock, user/sys from times(2) (the command's children included once reaped). */
const timeBuiltin: Builtin = async (sh, argv) => {
  const start = sh.sys.monotonic();
  const before = sh.sys.times();
  const status = argv.length > 1 ? await command(sh, ['command', ...argv.slice(1)]) : 0;
  const after = sh.sys.times();
  const real = (sh.sys.monotonic() - start) / 1000;
  const user = (after.userMs - before.userMs + after.childUserMs - before.childUserMs) / 1000;
  const sys = (after.systemMs - before.systemMs + after.childSystemMs - before.childSystemMs) / 1000;
  const shown = (s: number): string => `${Math.floor(s / 60)}m${(s % 60).toFixed(3)}s`;
  await sh.err(`real\t${shown(real)}\nuser\t${shown(user)}\nsys\t${shown(sys)}\n`);
  return status;
};

const history: Builtin = async (sh) => {
  await sh.out(sh.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}\n`).join(''));
  return 0;
};

const hash: Builtin = async (sh, argv) => {
  let status = 0;
  for (const name of argv.slice(1).filter((a) => a !== '-r')) {
    if (!sh.findInPath(name)) {
      await sh.error(`hash: ${name}: not found`);
      status = 1;
    }
  }
  return status;
};

const testBuiltin: Builtin = async (sh, argv) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      await sh.error('[: missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  const r = test(args, sh.sys);
  if (typeof r === 'string') {
    await sh.error(`${argv[0]}: ${r}`);
    return 2;
  }
  return r ? 0 : 1;
};

const printfBuiltin: Builtin = async (sh, argv) => {
  // printf works on bytes, as dash's does: \300 is the byte 0xc0, and text keeps its UTF-8 bytes.
  const r = printf(argv.slice(1).map(bytesOf));
  await sh.out(Buffer.from(r.output, 'latin1'));
  for (const e of r.errors) await sh.error(`printf: ${textOf(e)}`);
  return r.status;
};

// ---- machine builtins (they read the kernel the shell runs on) -------------------------

const pkg: Builtin = async (sh, argv) => {
  let stdout = '';
  let stderr = '';
  const status = runPkg(packagesOf(sh.sys.kernel), sh.sys.kernel.vfs as Vfs, argv.slice(1), {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
  }, baseSystemOf(sh.sys.kernel));
  await sh.out(stdout);
  await sh.err(stderr);
  return status;
};

const help: Builtin = async (sh) => {
  let programs: string[] = [];
  try {
    programs = sh.sys.readdir('/bin').map((e) => e.name).sort();
  } catch {
    // no /bin
  }
  await sh.out(
    'akuma-vm shell (POSIX sh). Builtins:\n' +
      `  ${[...BUILTINS.keys()].sort().join(' ')}\n` +
      `Programs in /bin:\n  ${programs.join(' ') || '(none)'}\n` +
      'More programs: pkg search TEXT, then pkg install NAME.\n',
  );
  return 0;
};

export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

/**
 * Builtins POSIX does not name as builtins, which stand in for a program only while PATH has
 * none of that name: a /bin/which, a pkg-installed time or help is what runs (and what `type`
 * and `command -v` name), as dash would find it.
 */
export const FALLBACK_BUILTINS: ReadonlySet<string> = new Set(['which', 'time', 'help', 'history', 'pkg']);

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  [':', colon],
  ['true', colon],
  ['false', () => 1],
  ['.', dot],
  ['source', dot],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['eval', evalBuiltin],
  ['exec', exec],
  ['exit', exit],
  ['logout', exit],
  ['export', exportBuiltin(false)],
  ['readonly', exportBuiltin(true)],
  ['return', returnBuiltin],
  ['set', set],
  ['shift', shift],
  ['times', times],
  ['trap', trap],
  ['unset', unset],
  ['echo', echo],
  ['printf', printfBuiltin],
  ['test', testBuiltin],
  ['[', testBuiltin],
  ['cd', cd],
  ['pwd', pwd],
  ['read', read],
  ['wait', wait],
  ['jobs', jobs],
  ['fg', fg],
  ['bg', bg],
  ['kill', kill],
  ['local', local],
  ['alias', alias],
  ['unalias', unalias],
  ['type', type],
  ['which', which],
  ['command', command],
  ['umask', umask],
  ['getopts', getopts],
  ['time', timeBuiltin],
  ['history', history],
  ['hash', hash],
  ['ulimit', ulimit],
  ['pkg', pkg],
  ['help', help],
]);
