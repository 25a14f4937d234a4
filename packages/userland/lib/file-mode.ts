/**
 * File modes: the ls -l string of st_mode (drwxr-sr-t ...) and chmod's symbolic and
 * octal mode language (u+x,go-w,a=rX,g=u, 755), shared by ls, stat, chmod, mkdir -m,
 * install -m, mknod and find -perm.
 */
import { S_IFMT, S_IFDIR } from './files.js';

export function typeChar(mode: number): string {
  switch (mode & S_IFMT) {
    case 0o040000: return 'd';
    case 0o120000: return 'l';
    case 0o020000: return 'c';
    case 0o060000: return 'b';
    case 0o010000: return 'p';
    case 0o140000: return 's';
    default: return '-';
  }
}

export function modeString(mode: number): string {
  const r = (bit: number, c: string) => (mode & bit ? c : '-');
  const x = (exec: number, special: number, on: string, off: string) =>
    mode & special ? (mode & exec ? on : off) : mode & exec ? 'x' : '-';
  return (
    typeChar(mode) +
    r(0o400, 'r') + r(0o200, 'w') + x(0o100, 0o4000, 's', 'S') +
    r(0o40, 'r') + r(0o20, 'w') + x(0o10, 0o2000, 's', 'S') +
    r(0o4, 'r') + r(0o2, 'w') + x(0o1, 0o1000, 't', 'T')
  );
}

/**
 * Applies a chmod mode (octal or symbolic, comma-separated clauses) to `old`; returns the
 * new permission bits or null when the mode is invalid. `umask` applies to clauses with
 * no who letters, as POSIX says.
 */
export function applyMode(spec: string, old: number, umask = 0, isDirectory = (old & S_IFMT) === S_IFDIR): number | null {
  if (/^[0-7]+$/.test(spec)) {
    const v = parseInt(spec, 8);
    if (v > 0o7777) return null;
    // like GNU/busybox, a short octal mode on a directory keeps its set-id bits
    return spec.length <= 3 && isDirectory ? v | (old & 0o6000) : v;
  }
  let mode = old & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return null;
    let who = 0;
    for (const w of m[1]) who |= w === 'u' ? 0o4700 : w === 'g' ? 0o2070 : w === 'o' ? 0o1007 : 0o7777;
    const noWho = who === 0;
    if (noWho) who = 0o7777;
    const ops = m[2].match(/[-+=][rwxXstugo]*/g)!;
    for (const op of ops) {
      const kind = op[0];
      let bits = 0;
      for (const p of op.slice(1)) {
        switch (p) {
          case 'r': bits |= 0o444; break;
          case 'w': bits |= 0o222; break;
          case 'x': bits |= 0o111; break;
          case 'X': if (isDirectory || (mode & 0o111)) bits |= 0o111; break;
          case 's': bits |= 0o6000; break;
          case 't': bits |= 0o1000; break;
          case 'u': { const u = (mode >> 6) & 7; bits |= (u << 6) | (u << 3) | u; break; }
          case 'g': { const g = (mode >> 3) & 7; bits |= (g << 6) | (g << 3) | g; break; }
          case 'o': { const o = mode & 7; bits |= (o << 6) | (o << 3) | o; break; }
        }
      }
      let mask = who;
      if (noWho) mask &= ~umask;
      bits &= mask;
      if (kind === '+') mode |= bits;
      else if (kind === '-') mode &= ~bits;
      else {
        let clear = who & 0o777 | (who & 0o7000);
        if (isDirectory) clear &= ~0o6000 | (bits & 0o6000);
        mode = (mode & ~clear) | bits;
      }
    }
  }
  return mode;
}
