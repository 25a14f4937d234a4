/**
 * Shell builtins: the commands the shell runs itself, because they change the shell
 * (cd, export, exit...) or look at the whole machine (ps, free, pkg).
 */

import { SyscallError } from '../errno.js';
import { SIGNAL_NAMES, SIGTERM } from '../signals.js';
import type { IoctlContext } from '../fs/file.js';
import { TIOCGWINSZ } from '../fs/tty.js';
import { describeErrno, type ShellIo, type Shell } from './shell.js';
import { runPkg } from './pkg.js';

export type Builtin = (shell: Shell, argv: string[], io: ShellIo) => Promise<number> | number;

async function out(shell: Shell, io: ShellIo, text: string): Promise<void> {
  await shell.print(io.stdout, text);
}
async function err(shell: Shell, io: ShellIo, text: string): Promise<void> {
  await shell.print(io.stderr, text);
}

const cd: Builtin = async (shell, argv, io) => {
  const home = shell.lookup('HOME') ?? '/';
  let target = argv[1] ?? home;
  if (target === '-') target = shell.lookup('OLDPWD') ?? shell.cwd;
  if (target.startsWith('~')) target = home + target.slice(1);
  try {
    const vfs = shell.system.vfs;
    const proc = shell.credentials();
    vfs.chdir(proc, target, shell.cwd);
    shell.setVar('OLDPWD', shell.cwd, true);
    shell.cwd = proc.cwd;
    shell.setVar('PWD', shell.cwd, true);
    if (argv[1] === '-') await out(shell, io, `${shell.cwd}\n`);
    return 0;
  } catch (e) {
    if (e instanceof SyscallError) {
      await err(shell, io, `cd: ${target}: ${describeErrno(e.errno)}\n`);
      return 1;
    }
    throw e;
  }
};

const pwd: Builtin = (shell, _argv, io) => out(shell, io, `${shell.cwd}\n`).then(() => 0);

const echo: Builtin = async (shell, argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  while (args[0] === '-n') {
    newline = false;
    args = args.slice(1);
  }
  await out(shell, io, args.join(' ') + (newline ? '\n' : ''));
  return 0;
};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const exportBuiltin: Builtin = async (shell, argv, io) => {
  if (argv.length === 1 || argv[1] === '-p') {
    const names = [...shell.exported].sort();
    await out(shell, io, names.map((n) => `export ${n}="${(shell.vars.get(n) ?? '').replace(/(["\\$])/g, '\\$1')}"\n`).join(''));
    return 0;
  }
  let status = 0;
  for (const arg of argv.slice(1)) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!NAME.test(name)) {
      await err(shell, io, `export: '${arg}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    shell.setVar(name, eq < 0 ? shell.vars.get(name) ?? '' : arg.slice(eq + 1), true);
  }
  return status;
};

const unset: Builtin = (shell, argv) => {
  for (const name of argv.slice(1)) shell.unsetVar(name);
  return 0;
};

/** `env` prints the environment; `env NAME=value... command` runs a program with additions. */
const env: Builtin = async (shell, argv, io) => {
  const extra = new Map<string, string>();
  let i = 1;
  for (; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    if (eq <= 0 || !NAME.test(argv[i].slice(0, eq))) break;
    extra.set(argv[i].slice(0, eq), argv[i].slice(eq + 1));
  }
  if (i < argv.length) {
    const result = await shell.runProgram(argv.slice(i), extra, io);
    return result.status;
  }
  await out(shell, io, shell.environment(extra).map((e) => `${e}\n`).join(''));
  return 0;
};

const exit: Builtin = async (shell, argv, io) => {
  const status = argv[1] === undefined ? shell.lastStatus : Number.parseInt(argv[1], 10);
  if (Number.isNaN(status)) {
    await err(shell, io, `exit: ${argv[1]}: numeric argument required\n`);
    shell.exitStatus = 2;
    return 2;
  }
  shell.exitStatus = status & 0xff;
  return status & 0xff;
};

const help: Builtin = async (shell, _argv, io) => {
  let programs: string[] = [];
  try {
    programs = shell.system.vfs.list('/bin').map((e) => e.name).sort();
  } catch {
    // No /bin: nothing to list.
  }
  await out(
    shell,
    io,
    'akuma-vm shell. Builtins:\n' +
      `  ${[...BUILTINS.keys()].sort().join(' ')}\n` +
      `Programs in /bin:\n  ${programs.join(' ') || '(none)'}\n` +
      'More programs: pkg search TEXT, then pkg install NAME.\n' +
      'Syntax: quotes, $VAR, ${VAR}, $?, ;, &&, ||, pipes |, redirections < > >> 2> 2>&1, # comments.\n',
  );
  return 0;
};

const pkg: Builtin = async (shell, argv, io) => {
  let stdout = '';
  let stderr = '';
  const status = runPkg(shell.system.packages, shell.system.vfs, argv.slice(1), {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
  });
  await out(shell, io, stdout);
  await err(shell, io, stderr);
  return status;
};

function formatCpu(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

const ps: Builtin = async (shell, _argv, io) => {
  const k = shell.system.kernel;
  const rows = ['  PID  PPID S     TIME CMD'];
  for (const p of [...k.processes.values()].sort((a, b) => a.pid - b.pid)) {
    if (p.exit) continue;
    rows.push(`${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} ${p.stateLetter} ${formatCpu(p.cpuMs).padStart(8)} ${p.argv.join(' ')}`);
  }
  await out(shell, io, rows.join('\n') + '\n');
  return 0;
};

function parseSignal(spec: string): number | null {
  const upper = spec.toUpperCase();
  if (/^\d+$/.test(spec)) return Number(spec);
  const name = upper.startsWith('SIG') ? upper : `SIG${upper}`;
  const entry = Object.entries(SIGNAL_NAMES).find(([, n]) => n === name);
  return entry ? Number(entry[0]) : null;
}

const kill: Builtin = async (shell, argv, io) => {
  let args = argv.slice(1);
  let sig = SIGTERM;
  if (args[0] === '-l') {
    await out(shell, io, Object.entries(SIGNAL_NAMES).map(([n, name]) => `${n}) ${name}`).join('\n') + '\n');
    return 0;
  }
  if (args[0]?.startsWith('-')) {
    const s = parseSignal(args[0] === '-s' ? args[1] ?? '' : args[0].slice(1));
    if (s === null) {
      await err(shell, io, `kill: ${args[0]}: invalid signal specification\n`);
      return 1;
    }
    sig = s;
    args = args.slice(args[0] === '-s' ? 2 : 1);
  }
  if (args.length === 0) {
    await err(shell, io, 'usage: kill [-SIGNAL] PID...\n');
    return 1;
  }
  let status = 0;
  for (const a of args) {
    const pid = Number(a);
    if (!Number.isInteger(pid) || !shell.system.kernel.kill(pid, sig)) {
      await err(shell, io, `kill: (${a}) - No such process\n`);
      status = 1;
    }
  }
  return status;
};

const free: Builtin = async (shell, _argv, io) => {
  const m = shell.system.kernel.memory();
  const used = m.totalKb - m.freeKb;
  await out(
    shell,
    io,
    `${''.padEnd(7)}${'total'.padStart(12)}${'used'.padStart(12)}${'free'.padStart(12)}${'available'.padStart(12)}\n` +
      `${'Mem:'.padEnd(7)}${String(m.totalKb).padStart(12)}${String(used).padStart(12)}${String(m.freeKb).padStart(12)}${String(m.availableKb ?? m.freeKb).padStart(12)}\n`,
  );
  return 0;
};

const uname: Builtin = async (shell, argv, io) => {
  const fields = { s: 'Linux', n: shell.system.hostname, r: '6.1.0-akuma', v: '#1 SMP akuma-vm', m: 'aarch64' };
  const flags = argv.slice(1).join('').replace(/-/g, '');
  const all: (keyof typeof fields)[] = ['s', 'n', 'r', 'v', 'm'];
  const chosen = flags.includes('a') ? all : all.filter((f) => flags.includes(f));
  await out(shell, io, (chosen.length ? chosen : all.slice(0, 1)).map((f) => fields[f]).join(' ') + '\n');
  return 0;
};

/** The window size of stdin's terminal, asked with TIOCGWINSZ as a guest program would. */
function windowSize(io: ShellIo): { rows: number; cols: number } | null {
  const buf = new Uint8Array(8);
  const ctx: IoctlContext = {
    mem: {
      read: (_addr, length) => buf.slice(0, length),
      write: (_addr, data) => buf.set(data.subarray(0, 8)),
      readU32: () => 0,
      writeU32: () => undefined,
    },
    proc: null,
  };
  try {
    io.stdin.ioctl(TIOCGWINSZ, 0, ctx);
  } catch {
    return null;
  }
  const v = new DataView(buf.buffer);
  return { rows: v.getUint16(0, true), cols: v.getUint16(2, true) };
}

/** `stty size` (rows and columns) and `stty` (a summary); only reads the terminal. */
const stty: Builtin = async (shell, argv, io) => {
  const size = windowSize(io);
  if (!size) {
    await err(shell, io, 'stty: standard input: Not a tty\n');
    return 1;
  }
  if (argv[1] === 'size') await out(shell, io, `${size.rows} ${size.cols}\n`);
  else if (argv.length === 1) await out(shell, io, `speed 38400 baud; rows ${size.rows}; columns ${size.cols};\n`);
  else {
    await err(shell, io, `stty: only 'stty' and 'stty size' are supported\n`);
    return 1;
  }
  return 0;
};

const clear: Builtin = (shell, _argv, io) => out(shell, io, '\x1b[H\x1b[2J').then(() => 0);

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['cd', cd],
  ['pwd', pwd],
  ['echo', echo],
  ['export', exportBuiltin],
  ['unset', unset],
  ['env', env],
  ['exit', exit],
  ['logout', exit],
  ['help', help],
  ['pkg', pkg],
  ['ps', ps],
  ['kill', kill],
  ['free', free],
  ['uname', uname],
  ['true', () => 0],
  ['false', () => 1],
  ['clear', clear],
  ['stty', stty],
]);
