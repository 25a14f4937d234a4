/**
 * grep (and egrep, fgrep): print lines matching patterns — BRE by default, -E ERE, -F
 * fixed strings; -i -v -c -n -l -L -q -s -o -w -x -h -H -r/-R -e -f -m -A/-B/-C -b -z;
 * exit 0 when something matched, 1 when nothing did, 2 on error (busybox's rules).
 */
import { errorText } from '../lib/errno-text.js';
import { isDir, joinPath, listDir } from '../lib/files.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { bytesOf } from '../lib/output.js';
import { PosixRegex, RegexSyntaxError } from '../lib/posix-regex.js';
import { program, type Ctx } from '../lib/program.js';

interface Matcher {
  /** First match in line at or after `from`: [start, end] or null. */
  find(line: string, from: number): [number, number] | null;
}

function escapeJs(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');
}

function makeMatcher(patterns: string[], mode: 'G' | 'E' | 'F', icase: boolean, word: boolean, whole: boolean): Matcher {
  const frame = (src: string) => {
    if (whole) return `^(?:${src})$`;
    if (word) return `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    return src;
  };
  if (mode === 'F') {
    const alts = patterns.map(escapeJs);
    const re = new RegExp(frame(alts.length ? alts.join('|') : '(?!)'), 'gs' + (icase ? 'i' : ''));
    const empty = patterns.some((p) => p === '');
    return {
      find(line, from) {
        re.lastIndex = from;
        const m = re.exec(line);
        if (m) {
          // longest of the fixed strings at the leftmost start
          let end = m.index + m[0].length;
          for (const p of patterns) {
            const cand = icase ? line.slice(m.index, m.index + p.length).toLowerCase() === p.toLowerCase() : line.startsWith(p, m.index);
            if (cand && m.index + p.length > end && (!whole || m.index + p.length === line.length)) end = m.index + p.length;
          }
          return [m.index, end];
        }
        return empty && !whole && !word ? [from, from] : null;
      },
    };
  }
  const res = patterns.map((p) => new PosixRegex(p, { extended: mode === 'E', icase, frame }));
  return {
    find(line, from) {
      let best: [number, number] | null = null;
      for (const r of res) {
        const m = r.exec(line, from);
        if (m && (!best || m.index < best[0] || (m.index === best[0] && m.end > best[1]))) best = [m.index, m.end];
      }
      return best;
    },
  };
}

async function runGrep(ctx: Ctx, defaultMode: 'G' | 'E' | 'F'): Promise<number> {
  const o = getopt(ctx.args, {
    short: 'EFGivcnlLqsowxhHrRe:f:m:A:B:C:bzaIU',
    long: {
      'extended-regexp': 'E', 'fixed-strings': 'F', 'basic-regexp': 'G', 'ignore-case': 'i', 'invert-match': 'v', count: 'c',
      'line-number': 'n', 'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q', 'no-messages': 's',
      'only-matching': 'o', 'word-regexp': 'w', 'line-regexp': 'x', 'no-filename': 'h', 'with-filename': 'H', recursive: 'r',
      'dereference-recursive': 'R', 'regexp=': 'e', 'file=': 'f', 'max-count=': 'm', 'after-context=': 'A', 'before-context=': 'B',
      'context=': 'C', 'byte-offset': 'b', 'null-data': 'z', text: 'a', 'include=': 'N', 'exclude=': 'X', 'exclude-dir=': 'D', color: 'K', 'color=': 'K', 'colour=': 'K',
    },
  });
  let mode = defaultMode;
  for (const [k] of o.list) if (k === 'E' || k === 'F' || k === 'G') mode = k;
  const operands = [...o.operands];
  let patterns: string[] = [];
  for (const [k, v] of o.list) {
    if (k === 'e') patterns.push(...bytesOf(v).split('\n'));
    if (k === 'f') {
      let inp: Input;
      try {
        inp = Input.open(ctx.sys, v);
      } catch (e) {
        await ctx.error(`${v}: ${errorText(e)}`);
        return 2;
      }
      const text = await inp.all();
      inp.close();
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      patterns.push(...lines);
    }
  }
  if (!o.has('e') && !o.has('f')) {
    if (operands.length === 0) return 2 + 0 * (await ctx.usage('[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...'));
    patterns = bytesOf(operands.shift()!).split('\n');
  }
  let matcher: Matcher;
  try {
    matcher = makeMatcher(patterns, mode, o.has('i'), o.has('w'), o.has('x'));
  } catch (e) {
    if (e instanceof RegexSyntaxError) {
      await ctx.error(`bad regex '${patterns[0]}'`);
      return 2;
    }
    throw e;
  }
  const invert = o.has('v');
  const count = o.has('c');
  const listMatch = o.has('l');
  const listNo = o.has('L');
  const quiet = o.has('q');
  const only = o.has('o');
  const lineNo = o.has('n');
  const byteOff = o.has('b');
  const silent = o.has('s');
  const recursive = o.has('r') || o.has('R');
  const maxCount = o.has('m') ? Number(o.get('m')) : Infinity;
  const ctxC = o.has('C') ? Number(o.get('C')) : 0;
  const after = o.has('A') ? Number(o.get('A')) : ctxC;
  const before = o.has('B') ? Number(o.get('B')) : ctxC;
  const sep = o.has('z') ? '\0' : '\n';
  if (recursive && operands.length === 0) operands.push('.');
  const files = operands.length ? operands : ['-'];
  let showName = files.length > 1 || recursive;
  if (o.has('h')) showName = false;
  if (o.has('H')) showName = true;
  let matchedAny = false;
  let error = false;
  let lastPrinted = -1;
  let anyGroupPrinted = false;

  const grepInput = async (inp: Input, name: string): Promise<void> => {
    const label = name === '-' ? '(standard input)' : bytesOf(name);
    let n = 0;
    let hits = 0;
    let offset = 0;
    const ring: Array<[number, string, number]> = [];
    let afterLeft = 0;
    lastPrinted = -1;
    const prefix = (num: number, off: number, mark: string) => (showName ? label + mark : '') + (lineNo ? num + mark : '') + (byteOff ? off + mark : '');
    for (;;) {
      let line = await inp.line(sep);
      if (line === null) break;
      n++;
      const lineStart = offset;
      offset += line.length;
      if (line.endsWith(sep)) line = line.slice(0, -1);
      if (hits >= maxCount) {
        if (afterLeft > 0 && !count && !listMatch && !listNo && !quiet) {
          await ctx.out.write(prefix(n, lineStart, '-') + line + sep);
          lastPrinted = n;
          afterLeft--;
          continue;
        }
        break;
      }
      const m = matcher.find(line, 0);
      const selected = invert ? m === null : m !== null;
      if (!selected) {
        if (afterLeft > 0 && !count && !listMatch && !listNo && !quiet) {
          await ctx.out.write(prefix(n, lineStart, '-') + line + sep);
          lastPrinted = n;
          afterLeft--;
        } else if (before > 0) {
          ring.push([n, line, lineStart]);
          if (ring.length > before) ring.shift();
        }
        continue;
      }
      hits++;
      matchedAny = true;
      if (quiet) throw new QuietMatch();
      if (listMatch || listNo) break;
      if (count) continue;
      if ((before > 0 || after > 0) && anyGroupPrinted && lastPrinted >= 0 && (ring.length ? ring[0][0] : n) > lastPrinted + 1) await ctx.out.write('--\n');
      else if ((before > 0 || after > 0) && anyGroupPrinted && lastPrinted < 0) await ctx.out.write('--\n');
      for (const [rn, rl, ro] of ring) await ctx.out.write(prefix(rn, ro, '-') + rl + sep);
      ring.length = 0;
      anyGroupPrinted = true;
      if (only) {
        if (!invert) {
          let from = 0;
          let cur: [number, number] | null = m;
          while (cur) {
            if (cur[1] > cur[0]) await ctx.out.write(prefix(n, lineStart + cur[0], ':') + line.slice(cur[0], cur[1]) + sep);
            from = cur[1] > cur[0] ? cur[1] : cur[0] + 1;
            if (from > line.length) break;
            cur = matcher.find(line, from);
          }
        }
      } else await ctx.out.write(prefix(n, lineStart, ':') + line + sep);
      lastPrinted = n;
      afterLeft = after;
    }
    if (count) await ctx.out.write((showName ? label + ':' : '') + hits + '\n');
    if (listMatch && hits > 0) await ctx.out.write(label + '\n');
    if (listNo && hits === 0) await ctx.out.write(label + '\n');
  };

  const grepPath = async (path: string, top: boolean): Promise<void> => {
    if (path === '-') {
      await grepInput(new Input(ctx.sys, 0), '-');
      return;
    }
    if (recursive) {
      let st;
      try {
        st = top || o.has('R') ? ctx.sys.stat(path) : ctx.sys.lstat(path);
      } catch (e) {
        if (!silent) await ctx.error(`${path}: ${errorText(e)}`);
        error = true;
        return;
      }
      if (isDir(st.mode)) {
        let names: string[];
        try {
          names = listDir(ctx, path);
        } catch (e) {
          if (!silent) await ctx.error(`${path}: ${errorText(e)}`);
          error = true;
          return;
        }
        for (const nm of names) await grepPath(joinPath(path, nm), false);
        return;
      }
      if ((st.mode & 0o170000) === 0o120000) return;
    }
    let inp: Input;
    try {
      inp = Input.open(ctx.sys, path);
    } catch (e) {
      if (!silent) await ctx.error(`${path}: ${errorText(e)}`);
      error = true;
      return;
    }
    try {
      await grepInput(inp, path);
    } catch (e) {
      if (e instanceof QuietMatch) throw e;
      if (!silent) await ctx.error(`${path}: ${errorText(e)}`);
      error = true;
    } finally {
      inp.close();
    }
  };
  try {
    for (const f of files) await grepPath(f, true);
  } catch (e) {
    if (e instanceof QuietMatch) return 0;
    throw e;
  }
  if (error && !(quiet && matchedAny)) return 2;
  return matchedAny ? 0 : 1;
}

class QuietMatch extends Error {}

export const grep = program('grep', (ctx) => runGrep(ctx, 'G'));
export const egrep = program('egrep', (ctx) => runGrep(ctx, 'E'));
export const fgrep = program('fgrep', (ctx) => runGrep(ctx, 'F'));
