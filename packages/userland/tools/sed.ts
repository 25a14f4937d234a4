/**
 * sed: the stream editor, as busybox's applet — s///[gpNIiw] with groups and &, d D p P n
 * N a i c y q Q = l r w z { } !, labels with b t T, hold space h H g G x; addresses by
 * line, $, /re/ (any \cREc delimiter, I flag), ranges addr,addr / addr,+N / addr,~N,
 * first~step and 0,/re/; -n -e -f -E/-r -i[SUFFIX] -s -z. Regular expressions are POSIX
 * BRE (ERE with -E) through lib/posix-regex (leftmost-longest for s///).
 */
import { errorText } from '../lib/errno-text.js';
import { getopt } from '../lib/getopt.js';
import { Input } from '../lib/input.js';
import { Output, bytesOf } from '../lib/output.js';
import { PosixRegex, RegexSyntaxError } from '../lib/posix-regex.js';
import { Exit, program, type Ctx } from '../lib/program.js';
import { O } from '../sys.js';
import { dirname, joinPath } from '../lib/files.js';

type Addr =
  | { kind: 'line'; n: number }
  | { kind: 'last' }
  | { kind: 're'; re: PosixRegex | null }
  | { kind: 'step'; first: number; step: number }
  | { kind: 'plus'; n: number }
  | { kind: 'mult'; n: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  c: string;
  // range state
  active?: boolean;
  endLine?: number;
  // arguments
  text?: string;
  label?: string;
  jump?: number;
  re?: PosixRegex | null;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: number;
  wfd?: number;
  file?: string;
  exitCode?: number;
  map?: Map<string, string>;
  blockEnd?: number;
}

class SedError extends Error {}

interface Parsed {
  cmds: Cmd[];
  nflag: boolean;
}

function parseScript(ctx: Ctx, script: string, ere: boolean, wfds: Map<string, number>): Parsed {
  const cmds: Cmd[] = [];
  const stack: number[] = [];
  let i = 0;
  const s = script;
  const nflag = s.startsWith('#n\n') || s === '#n';
  const skipWs = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  const compile = (pat: string, flagsI: boolean): PosixRegex | null => {
    if (pat === '') return null; // the last regex used
    try {
      return new PosixRegex(pat, { extended: ere, icase: flagsI });
    } catch (e) {
      if (e instanceof RegexSyntaxError) throw new SedError(`bad regex '${pat}': ${e.message}`);
      throw e;
    }
  };
  /** Reads up to an unescaped delimiter; `\delim` becomes delim, `\n` a newline (in regexes). */
  const readDelimited = (delim: string, isRegex: boolean): string => {
    let out = '';
    while (i < s.length && s[i] !== delim) {
      if (s[i] === '\\' && i + 1 < s.length) {
        const d = s[i + 1];
        if (d === delim) out += delim === '&' && !isRegex ? '\\&' : delim;
        else if (d === 'n' && isRegex) out += '\n';
        else if (d === '\n') out += '\n';
        else out += '\\' + d;
        i += 2;
        continue;
      }
      if (isRegex && s[i] === '[') {
        // a bracket expression may contain the delimiter
        let j = i + 1;
        if (s[j] === '^') j++;
        if (s[j] === ']') j++;
        while (j < s.length && s[j] !== ']' && s[j] !== '\n') {
          if (s[j] === '[' && (s[j + 1] === ':' || s[j + 1] === '.' || s[j + 1] === '=')) {
            const e = s.indexOf(s[j + 1] + ']', j + 2);
            if (e < 0) break;
            j = e + 2;
          } else j++;
        }
        if (s[j] === ']') {
          // sed turns \t and \n into the characters before the regex sees them, brackets included
          out += s.slice(i, j + 1).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
          i = j + 1;
          continue;
        }
      }
      out += s[i++];
    }
    if (i >= s.length) throw new SedError('unterminated');
    i++;
    return out;
  };
  const parseAddr = (): Addr | undefined => {
    if (s[i] === '$') {
      i++;
      return { kind: 'last' };
    }
    const m = /^(\d+)(?:~(\d+))?/.exec(s.slice(i));
    if (m) {
      i += m[0].length;
      if (m[2] !== undefined) return { kind: 'step', first: Number(m[1]), step: Number(m[2]) };
      return { kind: 'line', n: Number(m[1]) };
    }
    if (s[i] === '/' || s[i] === '\\') {
      let delim = '/';
      if (s[i] === '\\') {
        delim = s[i + 1];
        i += 2;
      } else i++;
      let pat: string;
      try {
        pat = readDelimited(delim, true);
      } catch {
        throw new SedError('unterminated address regex');
      }
      let icase = false;
      while (s[i] === 'I' || s[i] === 'M') {
        if (s[i] === 'I') icase = true;
        i++;
      }
      return { kind: 're', re: compile(pat, icase) };
    }
    return undefined;
  };
  /** a/i/c text: `a\` newline text (continued by trailing backslashes) or the one-line `a text`. */
  const readText = (): string => {
    skipWs();
    if (s[i] === '\\') {
      i++;
      if (s[i] === '\n') i++;
      else skipWs();
    }
    let out = '';
    while (i < s.length && s[i] !== '\n') {
      if (s[i] === '\\' && i + 1 < s.length) {
        out += s[i + 1];
        i += 2;
        continue;
      }
      out += s[i++];
    }
    return out;
  };
  const readLabel = (): string => {
    skipWs();
    let out = '';
    while (i < s.length && s[i] !== '\n' && s[i] !== ';') out += s[i++];
    return out.trim();
  };
  const readFileName = (): string => {
    skipWs();
    let out = '';
    while (i < s.length && s[i] !== '\n') out += s[i++];
    return out;
  };
  const openW = (name: string): number => {
    if (name === '/dev/stdout') return 1;
    if (name === '/dev/stderr') return 2;
    let fd = wfds.get(name);
    if (fd === undefined) {
      try {
        fd = ctx.sys.open(name, O.WRONLY | O.CREAT | O.TRUNC, 0o666);
      } catch (e) {
        throw new SedError(`can't open '${name}': ${errorText(e)}`);
      }
      wfds.set(name, fd);
    }
    return fd;
  };

  while (i < s.length) {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === ';')) i++;
    if (i >= s.length) break;
    if (s[i] === '#') {
      while (i < s.length && s[i] !== '\n') i++;
      continue;
    }
    const cmd: Cmd = { neg: false, c: '' };
    cmd.a1 = parseAddr();
    if (cmd.a1 && s[i] === ',') {
      i++;
      skipWs();
      const m = /^([+~])(\d+)/.exec(s.slice(i));
      if (m) {
        i += m[0].length;
        cmd.a2 = m[1] === '+' ? { kind: 'plus', n: Number(m[2]) } : { kind: 'mult', n: Number(m[2]) };
      } else {
        cmd.a2 = parseAddr();
        if (!cmd.a2) throw new SedError('unexpected \',\'');
      }
    }
    skipWs();
    while (s[i] === '!') {
      cmd.neg = true;
      i++;
      skipWs();
    }
    if (i >= s.length) throw new SedError('missing command');
    const c = s[i++];
    cmd.c = c;
    switch (c) {
      case '{':
        stack.push(cmds.length);
        break;
      case '}':
        if (cmd.a1) throw new SedError('} doesn\'t want any addresses');
        if (!stack.length) throw new SedError('unexpected }');
        cmds[stack.pop()!].blockEnd = cmds.length;
        break;
      case 'a':
      case 'i':
      case 'c':
        cmd.text = readText();
        break;
      case ':':
        if (cmd.a1) throw new SedError(': doesn\'t want any addresses');
        cmd.label = readLabel();
        if (!cmd.label) throw new SedError("\":\" lacks a label");
        break;
      case 'b':
      case 't':
      case 'T':
        cmd.label = readLabel();
        break;
      case 'r':
      case 'R':
        cmd.file = readFileName();
        break;
      case 'w':
      case 'W':
        cmd.wfd = openW(readFileName());
        break;
      case 'q':
      case 'Q':
      case 'l':
      case 'L': {
        skipWs();
        const m = /^\d+/.exec(s.slice(i));
        if (m) {
          cmd.exitCode = Number(m[0]);
          i += m[0].length;
        }
        break;
      }
      case 's': {
        const delim = s[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') throw new SedError("unterminated `s' command");
        let pat: string;
        let repl: string;
        try {
          pat = readDelimited(delim, true);
          repl = readDelimited(delim, false);
        } catch {
          throw new SedError(`unmatched '${delim}'`);
        }
        cmd.repl = repl;
        let icase = false;
        for (;;) {
          const f = s[i];
          if (f === 'g') cmd.global = true;
          else if (f === 'p') cmd.print = (cmd.print ?? 0) + 1;
          else if (f === 'i' || f === 'I') icase = true;
          else if (f === 'm' || f === 'M' || f === 'e') {
            /* accepted, no effect */
          } else if (f !== undefined && f >= '0' && f <= '9') {
            const m = /^\d+/.exec(s.slice(i))!;
            cmd.nth = Number(m[0]);
            if (cmd.nth === 0) throw new SedError("number option to `s' command may not be zero");
            i += m[0].length;
            continue;
          } else if (f === 'w') {
            i++;
            cmd.wfd = openW(readFileName());
            break;
          } else break;
          i++;
        }
        cmd.re = compile(pat, icase);
        break;
      }
      case 'y': {
        const delim = s[i++];
        let a: string;
        let b: string;
        try {
          a = readDelimited(delim, false).replace(/\\\\/g, '\\');
          b = readDelimited(delim, false).replace(/\\\\/g, '\\');
        } catch {
          throw new SedError("unterminated `y' command");
        }
        if (a.length !== b.length) throw new SedError("strings for `y' command are different lengths");
        cmd.map = new Map();
        for (let k = 0; k < a.length; k++) cmd.map.set(a[k], b[k]);
        break;
      }
      case '=':
      case 'd':
      case 'D':
      case 'g':
      case 'G':
      case 'h':
      case 'H':
      case 'x':
      case 'n':
      case 'N':
      case 'p':
      case 'P':
      case 'z':
      case 'F':
        break;
      default:
        throw new SedError(`unsupported command ${c}`);
    }
    cmds.push(cmd);
    // the rest of the command: spaces, then ';', newline, '}' or end
    skipWs();
    if (c !== '{' && c !== 'a' && c !== 'i' && c !== 'c' && s[i] !== undefined && s[i] !== ';' && s[i] !== '\n' && s[i] !== '}' && s[i] !== '#') {
      throw new SedError(`extra characters after command`);
    }
  }
  if (stack.length) throw new SedError('unmatched {');
  for (const cmd of cmds) {
    if (cmd.c === 'b' || cmd.c === 't' || cmd.c === 'T') {
      if (!cmd.label) cmd.jump = cmds.length;
      else {
        const at = cmds.findIndex((x) => x.c === ':' && x.label === cmd.label);
        if (at < 0) throw new SedError(`can't find label for jump to '${cmd.label}'`);
        cmd.jump = at;
      }
    }
  }
  return { cmds, nflag };
}

/** l's rendering: C escapes, octal for other non-printables, lines folded with '\'. */
function listLine(ps: string, width: number): string {
  let out = '';
  let col = 0;
  const esc: Record<string, string> = { '\\': '\\\\', '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  for (const ch of ps) {
    const code = ch.charCodeAt(0);
    const piece = esc[ch] ?? (code < 32 || code >= 127 ? '\\' + code.toString(8).padStart(3, '0') : ch);
    if (width > 1 && col + piece.length > width - 1) {
      out += '\\\n';
      col = 0;
    }
    out += piece;
    col += piece.length;
  }
  return out + '$\n';
}

export const sed = program('sed', async (ctx) => {
  const o = getopt(ctx.args, { short: 'ne:f:Eri::sz', long: { quiet: 'n', silent: 'n', 'expression=': 'e', 'file=': 'f', 'regexp-extended': 'E', 'in-place': 'i', separate: 's', 'null-data': 'z', posix: 'P', debug: 'D' } });
  void 0;
  const ere = o.has('E') || o.has('r');
  const pieces: string[] = [];
  for (const [k, v] of o.list) {
    if (k === 'e') pieces.push(bytesOf(v));
    else if (k === 'f') {
      let inp: Input;
      try {
        inp = Input.open(ctx.sys, v);
      } catch (e) {
        return ctx.die(`can't open '${v}': ${errorText(e)}`);
      }
      let t = await inp.all();
      inp.close();
      if (t.endsWith('\n')) t = t.slice(0, -1);
      pieces.push(t);
    }
  }
  const operands = [...o.operands];
  if (!pieces.length) {
    if (!operands.length) return ctx.usage('[-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...');
    pieces.push(bytesOf(operands.shift()!));
  }
  const wfds = new Map<string, number>();
  let parsed: Parsed;
  try {
    parsed = parseScript(ctx, pieces.join('\n'), ere, wfds);
  } catch (e) {
    if (e instanceof SedError) return ctx.die(e.message);
    throw e;
  }
  const { cmds } = parsed;
  const nflag = o.has('n') || parsed.nflag;
  const inPlace = o.has('i');
  const suffix = o.get('i') ?? '';
  const separate = inPlace || o.has('s');
  const sep = o.has('z') ? '\0' : '\n';
  const files = operands.length ? operands : ['-'];
  if (inPlace && !operands.length) return ctx.die('no input files');
  let status = 0;
  let lastRe: PosixRegex | null = null;
  let hold = '';
  let lineNo = 0;
  let quitting = false;

  // ---- input across files ----
  let fileIdx = 0;
  let cur: Input | null = null;
  let curName = '-';
  let peeked: string | null | undefined;
  const group = separate ? files.map((f) => [f]) : [files];
  let groupFiles: string[] = [];
  const openNext = async (): Promise<boolean> => {
    while (fileIdx < groupFiles.length) {
      const f = groupFiles[fileIdx++];
      try {
        cur = Input.open(ctx.sys, f);
        curName = f;
        return true;
      } catch (e) {
        await ctx.error(`${f}: ${errorText(e)}`);
        status = 1;
      }
    }
    return false;
  };
  const rawLine = async (): Promise<string | null> => {
    for (;;) {
      if (!cur && !(await openNext())) return null;
      const l = await cur!.line(sep);
      if (l !== null) return l;
      cur!.close();
      cur = null;
    }
  };
  const nextLine = async (): Promise<string | null> => {
    if (peeked !== undefined) {
      const p = peeked;
      peeked = undefined;
      return p;
    }
    return rawLine();
  };
  const isLast = async (): Promise<boolean> => {
    if (peeked === undefined) peeked = await rawLine();
    return peeked === null;
  };

  // ---- output ----
  let out = ctx.out;
  let missingNewline = false;
  const emit = async (text: string, nl = true): Promise<void> => {
    if (missingNewline) {
      await out.write(sep);
      missingNewline = false;
    }
    await out.write(text);
    if (nl) await out.write(sep);
    else missingNewline = true;
  };
  let lineHadNewline = true;
  const emitPS = async (ps: string) => emit(ps, lineHadNewline);

  const matchRe = (re: PosixRegex | null | undefined, text: string): boolean => {
    const r = re ?? lastRe;
    if (!r) throw new SedError('no previous regular expression');
    lastRe = r;
    return r.test(text);
  };
  const matchAddr = async (a: Addr, ps: string): Promise<boolean> => {
    switch (a.kind) {
      case 'line':
        return lineNo === a.n;
      case 'last':
        return isLast();
      case 're':
        return matchRe(a.re, ps);
      case 'step':
        return a.step <= 0 ? lineNo === a.first : lineNo >= a.first && (lineNo - a.first) % a.step === 0;
      default:
        return false;
    }
  };
  const selected = async (cmd: Cmd, ps: string): Promise<boolean> => {
    if (!cmd.a1) return true;
    if (!cmd.a2) return matchAddr(cmd.a1, ps);
    if (cmd.active) {
      const a2 = cmd.a2;
      if (a2.kind === 'line') {
        if (lineNo >= a2.n) cmd.active = false;
        return lineNo <= a2.n || true;
      }
      if (a2.kind === 'plus' || a2.kind === 'mult') {
        if (lineNo >= cmd.endLine!) cmd.active = false;
        return true;
      }
      if (await matchAddr(a2, ps)) cmd.active = false;
      return true;
    }
    const startZero = cmd.a1.kind === 'line' && cmd.a1.n === 0;
    if (startZero ? lineNo === 1 || false : await matchAddr(cmd.a1, ps)) {
      const a2 = cmd.a2;
      cmd.active = true;
      if (a2.kind === 'line') {
        if (a2.n <= lineNo) cmd.active = false;
      } else if (a2.kind === 'plus') {
        cmd.endLine = lineNo + a2.n;
        if (a2.n === 0) cmd.active = false;
      } else if (a2.kind === 'mult') {
        cmd.endLine = a2.n <= 0 ? lineNo : Math.ceil(lineNo / a2.n) * a2.n;
        if (cmd.endLine <= lineNo) cmd.active = false;
      } else if (a2.kind === 'last') {
        if (await isLast()) cmd.active = false;
      } else if (startZero && (await matchAddr(a2, ps))) cmd.active = false;
      return true;
    }
    return false;
  };

  const substitute = (cmd: Cmd, ps: string): string | null => {
    const r = cmd.re ?? lastRe;
    if (!r) throw new SedError('no previous regular expression');
    lastRe = r;
    let result = '';
    let pos = 0;
    let count = 0;
    let did = false;
    let from = 0;
    let prevEnd = -1;
    while (from <= ps.length) {
      const m = r.exec(ps, from);
      if (!m) break;
      count++;
      if (m.index === m.end && m.index === prevEnd) {
        // no empty match right after a match (GNU and busybox: s/x*/-/g on "six" is -s-i-)
        if (m.index >= ps.length) break;
        from = m.index + 1;
        continue;
      }
      // busybox ignores N when g is also given
      const take = cmd.nth === undefined || cmd.global ? true : count >= cmd.nth;
      if (take) {
        result += ps.slice(pos, m.index) + expandRepl(cmd.repl!, m.groups);
        pos = m.end;
        prevEnd = m.end;
        did = true;
        if (!cmd.global) break;
      }
      if (m.end === m.index) {
        // an empty match: step over one character
        if (m.index >= ps.length) break;
        if (take) {
          result += ps[m.index];
          pos = m.index + 1;
        }
        from = m.index + 1;
      } else from = m.end;
    }
    if (!did) return null;
    return result + ps.slice(pos);
  };

  const appendQueue: Array<{ text?: string; file?: string }> = [];
  const flushAppends = async () => {
    for (const a of appendQueue.splice(0)) {
      if (a.text !== undefined) await emit(a.text);
      else if (a.file !== undefined) {
        try {
          const inp = Input.open(ctx.sys, a.file);
          const t = await inp.all();
          inp.close();
          if (t) {
            if (missingNewline) {
              await out.write(sep);
              missingNewline = false;
            }
            await out.write(t);
            if (!t.endsWith('\n')) missingNewline = true;
          }
        } catch {
          /* r of a missing file is silently nothing */
        }
      }
    }
  };

  const runGroup = async (): Promise<void> => {
    lineNo = separate ? 0 : lineNo;
    let ps: string | null = null;
    let restartWithoutRead = false;
    for (;;) {
      if (quitting) return;
      if (!restartWithoutRead) {
        const l = await nextLine();
        if (l === null) return;
        lineNo++;
        lineHadNewline = l.endsWith(sep);
        ps = lineHadNewline ? l.slice(0, -1) : l;
      }
      restartWithoutRead = false;
      let substituted = false;
      let pc = 0;
      let autoprint = !nflag;
      let endCycle = false;
      while (pc < cmds.length && !endCycle) {
        const cmd = cmds[pc];
        let sel = await selected(cmd, ps!);
        if (cmd.neg) sel = !sel;
        if (cmd.c === '}' || cmd.c === ':') {
          pc++;
          continue;
        }
        if (!sel) {
          pc = cmd.c === '{' ? cmd.blockEnd! + 1 : pc + 1;
          continue;
        }
        switch (cmd.c) {
          case '{':
            break;
          case '=':
            await emit(String(lineNo));
            break;
          case 'a':
            appendQueue.push({ text: cmd.text! });
            break;
          case 'i':
            await emit(cmd.text!);
            break;
          case 'c':
            if (!cmd.a2 || !cmd.active || cmd.neg) await emit(cmd.text!);
            autoprint = false;
            endCycle = true;
            break;
          case 'd':
            autoprint = false;
            endCycle = true;
            break;
          case 'D': {
            const nl = ps!.indexOf('\n');
            if (nl < 0) {
              autoprint = false;
              endCycle = true;
              break;
            }
            ps = ps!.slice(nl + 1);
            await flushAppends();
            restartWithoutRead = true;
            autoprint = false;
            endCycle = true;
            break;
          }
          case 'p':
            await emit(ps!);
            break;
          case 'P': {
            const nl = ps!.indexOf('\n');
            await emit(nl < 0 ? ps! : ps!.slice(0, nl));
            break;
          }
          case 'l':
            await emit(listLine(ps!, cmd.exitCode ?? 70).slice(0, -1));
            break;
          case 'h':
            hold = ps!;
            break;
          case 'H':
            hold += '\n' + ps!;
            break;
          case 'g':
            ps = hold;
            break;
          case 'G':
            ps = ps! + '\n' + hold;
            break;
          case 'x': {
            const t = ps!;
            ps = hold;
            hold = t;
            break;
          }
          case 'z':
            ps = '';
            break;
          case 'F':
            await emit(curName);
            break;
          case 'n': {
            if (await isLast()) {
              // no next line: end as at the end of the script
              endCycle = true;
              quitting = true;
              break;
            }
            if (!nflag) await emitPS(ps!);
            await flushAppends();
            const l = (await nextLine())!;
            lineNo++;
            lineHadNewline = l.endsWith(sep);
            ps = lineHadNewline ? l.slice(0, -1) : l;
            break;
          }
          case 'N': {
            if (await isLast()) {
              // GNU and busybox print the pattern space when N finds no next line
              endCycle = true;
              quitting = true;
              break;
            }
            await flushAppends();
            const l = (await nextLine())!;
            lineNo++;
            lineHadNewline = l.endsWith(sep);
            ps = ps! + '\n' + (lineHadNewline ? l.slice(0, -1) : l);
            break;
          }
          case 'q':
            status = cmd.exitCode ?? status;
            quitting = true;
            endCycle = true;
            break;
          case 'Q':
            status = cmd.exitCode ?? status;
            quitting = true;
            autoprint = false;
            endCycle = true;
            break;
          case 'r':
            appendQueue.push({ file: cmd.file! });
            break;
          case 'w':
            await ctx.sys.write(cmd.wfd!, Buffer.from(ps! + '\n', 'latin1'));
            break;
          case 'y': {
            let t = '';
            for (const ch of ps!) t += cmd.map!.get(ch) ?? ch;
            ps = t;
            break;
          }
          case 's': {
            const r = substitute(cmd, ps!);
            if (r !== null) {
              ps = r;
              substituted = true;
              for (let k = 0; k < (cmd.print ?? 0); k++) await emit(ps);
              if (cmd.wfd !== undefined) await ctx.sys.write(cmd.wfd, Buffer.from(ps + '\n', 'latin1'));
            }
            break;
          }
          case 'b':
            pc = cmd.jump!;
            continue;
          case 't':
            if (substituted) {
              substituted = false;
              pc = cmd.jump!;
              continue;
            }
            break;
          case 'T':
            if (!substituted) {
              pc = cmd.jump!;
              continue;
            }
            substituted = false;
            break;
        }
        pc++;
      }
      if (autoprint) await emitPS(ps!);
      await flushAppends();
    }
  };

  try {
    for (const g of group) {
      groupFiles = g;
      fileIdx = 0;
      cur = null;
      peeked = undefined;
      if (inPlace) {
        const f = g[0];
        let st;
        try {
          st = ctx.sys.stat(f);
        } catch (e) {
          await ctx.error(`${f}: ${errorText(e)}`);
          status = 4;
          continue;
        }
        const tmp = joinPath(dirname(f), `.sed${ctx.sys.getpid()}.${Math.floor(ctx.sys.now()) % 100000}`);
        const fd = ctx.sys.open(tmp, O.WRONLY | O.CREAT | O.TRUNC, st.mode & 0o7777);
        out = new Output(ctx.sys, fd);
        missingNewline = false;
        await runGroup();
        await out.flush();
        ctx.sys.close(fd);
        if (suffix) ctx.sys.link(f, f + suffix);
        ctx.sys.rename(tmp, f);
        out = ctx.out;
        lineNo = 0;
        if (quitting) break;
      } else {
        await runGroup();
        if (quitting) break;
      }
    }
  } catch (e) {
    if (e instanceof SedError) return ctx.die(e.message);
    if (e instanceof Exit) throw e;
    throw e;
  }
  for (const fd of wfds.values()) if (fd > 2) ctx.sys.close(fd);
  return status;
});

/** The replacement text of s///: & is the match, \1-\9 groups, \n newline, \& and \\ literal. */
function expandRepl(repl: string, groups: (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c === '&') {
      out += groups[0] ?? '';
      continue;
    }
    if (c === '\\' && i + 1 < repl.length) {
      const d = repl[++i];
      if (d >= '0' && d <= '9') out += groups[Number(d)] ?? '';
      else if (d === 'n') out += '\n';
      else if (d === 't') out += '\t';
      else out += d;
      continue;
    }
    out += c;
  }
  return out;
}
