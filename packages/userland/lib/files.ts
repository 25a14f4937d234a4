/**
 * Opening the files a tool was given, with busybox's two message styles for a file it
 * cannot open: most applets say `NAME: FILE: strerror` (grep, wc, sort, head ...), the
 * ones built on xfopen say `NAME: can't open 'FILE': strerror` (cat, tail, uniq, md5sum).
 * Also the small path helpers several tools share.
 */
import { errorText } from './errno-text.js';
import { Input } from './input.js';
import type { Ctx } from './program.js';

export type OpenStyle = 'plain' | 'cantopen';

/** Opens FILE ('-' is stdin) or prints the applet's message and returns null. */
export async function openInput(ctx: Ctx, file: string, style: OpenStyle = 'plain'): Promise<Input | null> {
  try {
    return Input.open(ctx.sys, file);
  } catch (e) {
    await ctx.error(style === 'plain' ? `${file}: ${errorText(e)}` : `can't open '${file}': ${errorText(e)}`);
    return null;
  }
}

/**
 * Runs `each` on every line of every input (none: standard input), given the line without
 * its newline and whether it had one. A file that cannot be opened gets the applet's message
 * and makes the status 1 while the others are still read, as busybox's line tools do.
 */
export async function forEachLine(ctx: Ctx, operands: string[], each: (line: string, hadNewline: boolean) => Promise<void>): Promise<number> {
  let status = 0;
  for (const f of inputsOf(operands)) {
    const inp = await openInput(ctx, f);
    if (!inp) {
      status = 1;
      continue;
    }
    try {
      for (;;) {
        const l = await inp.line();
        if (l === null) break;
        const nl = l.endsWith('\n');
        await each(nl ? l.slice(0, -1) : l, nl);
      }
    } finally {
      inp.close();
    }
  }
  return status;
}

/** The operands as input names: none means standard input. */
export function inputsOf(operands: string[]): string[] {
  return operands.length ? operands : ['-'];
}

export function basename(p: string): string {
  if (p === '') return '';
  let s = p.replace(/\/+$/, '');
  if (s === '') return '/';
  return s.slice(s.lastIndexOf('/') + 1);
}

export function dirname(p: string): string {
  let s = p.replace(/\/+$/, '');
  if (s === '') return p.startsWith('/') ? '/' : '.';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  s = s.slice(0, i).replace(/\/+$/, '');
  return s === '' ? '/' : s;
}

/** Joins a directory and a name the way the tools print paths (no doubled slash). */
export function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : dir + '/' + name;
}

export const S_IFMT = 0o170000;
export const S_IFDIR = 0o040000;
export const S_IFREG = 0o100000;
export const S_IFLNK = 0o120000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
export const S_IFIFO = 0o010000;
export const S_IFSOCK = 0o140000;

export const isDir = (mode: number): boolean => (mode & S_IFMT) === S_IFDIR;
export const isReg = (mode: number): boolean => (mode & S_IFMT) === S_IFREG;
export const isLnk = (mode: number): boolean => (mode & S_IFMT) === S_IFLNK;

/** Directory entries without '.' and '..' (whichever way the kernel reports them). */
export function listDir(ctx: Ctx, path: string): string[] {
  return ctx.sys
    .readdir(path)
    .map((d) => d.name)
    .filter((n) => n !== '.' && n !== '..');
}
