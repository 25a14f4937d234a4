/**
 * `#!` scripts, by Linux's binfmt_script rules: the first line (at most 255 bytes are read)
 * names the interpreter and at most one argument (everything after the interpreter's name,
 * with surrounding blanks removed, even if it has spaces inside). The interpreter runs with
 * argv = [interpreter, optional argument, the script's path as exec was given it, argv[1..]].
 * Interpreters may themselves be scripts, four levels deep (then ELOOP).
 */

import { Errno, SyscallError } from './errno.js';

/** Linux's BINPRM_BUF_SIZE: how much of the file the #! line may take. */
const LINE_MAX = 256;
export const MAX_INTERPRETER_DEPTH = 4;

export interface Shebang {
  interpreter: string;
  arg: string | null;
}

/** The interpreter line of a `#!` script, or null for any other file; ENOEXEC if it names none. */
export function parseShebang(data: Uint8Array): Shebang | null {
  if (data.length < 2 || data[0] !== 0x23 /* # */ || data[1] !== 0x21 /* ! */) return null;
  let end = data.indexOf(0x0a, 2);
  const truncated = end < 0 || end >= LINE_MAX;
  if (truncated) end = Math.min(data.length, LINE_MAX);
  const line = Buffer.from(data.subarray(2, end)).toString('latin1');
  const body = line.replace(/^[ \t]+/, '');
  const m = /^([^ \t]+)(?:[ \t]+(.*))?$/.exec(body.replace(/[ \t\r]+$/, ''));
  if (!m || !m[1]) throw new SyscallError(Errno.ENOEXEC);
  // A line cut at 255 bytes is accepted only if the interpreter's name ended before the cut (Linux 5.x).
  if (truncated && m[2] === undefined && end === LINE_MAX) throw new SyscallError(Errno.ENOEXEC);
  const arg = m[2] !== undefined && m[2].length > 0 ? m[2] : null;
  return { interpreter: Buffer.from(m[1], 'latin1').toString('utf8'), arg: arg === null ? null : Buffer.from(arg, 'latin1').toString('utf8') };
}

/** argv for the interpreter of `scriptPath` run with `argv`. */
export function interpreterArgv(s: Shebang, scriptPath: string, argv: readonly string[]): string[] {
  return [s.interpreter, ...(s.arg === null ? [] : [s.arg]), scriptPath, ...argv.slice(1)];
}
