/**
 * /bin/sh: the program. Reads its invocation the way dash does — `sh -c 'cmd' [arg0 [args]]`,
 * `sh -s [args]` (commands from stdin), `sh file [args]`, option letters (-e -u -x -f -C -n
 * -v -a, -o name) — and runs the source with a Shell (eval.ts). Exits with the last status,
 * after the EXIT trap.
 */

import type { KernelSys } from '../kernel-sys.js';
import { SysError } from '../sys.js';
import { ExitSignal, OPTION_NAMES, Shell } from './eval.js';
import { Parser } from './parser.js';

/** A shell initialised from an environment, as a new sh process starts. */
export function newShell(sys: KernelSys, env: string[]): Shell {
  const shell = new Shell(sys);
  shell.rootPid = sys.getpid();
  for (const e of env) {
    const eq = e.indexOf('=');
    if (eq <= 0) continue;
    const name = e.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    shell.vars.set(name, { value: e.slice(eq + 1), exported: true, readonly: false });
  }
  if (!shell.vars.has('PATH')) shell.setVar('PATH', '/bin:/usr/bin');
  shell.setVar('PS1', shell.get('PS1') ?? (sys.geteuid() === 0 ? '# ' : '$ '));
  shell.setVar('PS2', '> ');
  shell.setVar('PS4', '+ ');
  shell.setVar('OPTIND', '1');
  const cwd = sys.getcwd();
  const pwd = shell.get('PWD');
  let pwdOk = false;
  if (pwd?.startsWith('/')) {
    try {
      pwdOk = sys.realpath(pwd) === cwd;
    } catch {
      pwdOk = false;
    }
  }
  if (!pwdOk) shell.setVar('PWD', cwd, { exported: true });
  return shell;
}

export async function sh(sys: KernelSys, argv: string[], env: string[]): Promise<number> {
  const shell = newShell(sys, env);
  shell.arg0 = argv[0] ?? 'sh';
  let args = argv.slice(1);
  let command: string | null = null;
  let fromStdin = false;
  while (args.length && /^[-+]/.test(args[0]) && args[0].length > 1) {
    const a = args[0];
    args = args.slice(1);
    if (a === '--') break;
    const on = a[0] === '-';
    for (let i = 1; i < a.length; i++) {
      const letter = a[i];
      if (letter === 'c') command = '';
      else if (letter === 's') fromStdin = true;
      else if (letter === 'o') {
        const name = args.shift();
        const key = name ? OPTION_NAMES[name] : undefined;
        if (!key) {
          await shell.err(`${shell.arg0}: Illegal option -o ${name ?? ''}\n`);
          return 2;
        }
        shell.options[key] = on;
      } else if (letter === 'i') shell.options.interactive = on;
      else if (!shell.setOptionLetter(letter, on)) {
        await shell.err(`${shell.arg0}: Illegal option -${letter}\n`);
        return 2;
      }
    }
  }
  let status = 0;
  try {
    if (command !== null) {
      if (args.length === 0) {
        await shell.err(`${shell.arg0}: -c requires an argument\n`);
        return 2;
      }
      command = args[0];
      if (args.length > 1) shell.arg0 = args[1];
      shell.positionalParams = args.slice(2);
      status = await shell.runSource(command);
    } else if (!fromStdin && args.length > 0) {
      const file = args[0];
      shell.positionalParams = args.slice(1);
      let text: string;
      try {
        text = await shell.readWholeFile(file);
      } catch (e) {
        const why = e instanceof SysError && e.code === 'ENOENT' ? 'No such file' : 'Permission denied';
        await shell.err(`${shell.arg0}: 0: cannot open ${file}: ${why}\n`);
        return e instanceof SysError && e.code === 'ENOENT' ? 127 : 126;
      }
      shell.arg0 = file;
      status = await shell.runSource(text.startsWith('#!') ? text.replace(/^#![^\n]*/, '') : text);
    } else {
      shell.positionalParams = args;
      status = await runStdin(shell);
    }
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else throw e;
  }
  return shell.exitNow(status);
}

/**
 * `sh -s` / `sh < file`: commands from stdin, read in blocks as dash reads them (so a
 * program the script runs gets what follows the shell's last block, as with dash), run one
 * complete command at a time.
 */
async function runStdin(shell: Shell): Promise<number> {
  let buffered = '';
  let eof = false;
  let line = 1;
  const decoder = new TextDecoder();
  for (;;) {
    // The longest prefix of whole lines that forms complete commands, one line at a time.
    let taken = 0;
    let pending = '';
    for (;;) {
      const nl = buffered.indexOf('\n', taken);
      if (nl < 0) break;
      pending = buffered.slice(0, nl + 1);
      taken = nl + 1;
      if (isComplete(pending)) break;
      pending = '';
    }
    if (!pending && !eof) {
      const b = await shell.sys.read(0, 8192);
      if (b.length === 0) eof = true;
      else buffered += decoder.decode(b, { stream: true });
      continue;
    }
    if (!pending) pending = buffered;
    buffered = buffered.slice(pending.length);
    if (pending.trim()) await shell.runSource(pending, { lineBase: line });
    line += (pending.match(/\n/g) ?? []).length;
    if (eof && !buffered) return shell.lastStatus;
  }
}

/** Whether source text is a complete command (no open quote, compound command or here-document). */
export function isComplete(src: string): boolean {
  try {
    const p = new Parser(src);
    p.parseAll();
    return !p.unterminatedHeredoc && !/\\\n$/.test(src);
  } catch (e) {
    return !(e as Error).message.includes('end of file') && !(e as Error).message.includes('Unterminated') && !(e as Error).message.includes('EOF');
  }
}
