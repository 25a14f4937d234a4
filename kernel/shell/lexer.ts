/**
 * The shell's lexer: turns a command line into words and operators.
 *
 * Quoting follows POSIX sh: single quotes keep everything literal; double quotes keep
 * everything literal except `$` expansions and backslash before `$`, `"`, `\` and
 * newline; outside quotes a backslash quotes the next character. Words are not expanded
 * here: a word is a list of parts (literal text, or a variable reference) with a flag
 * telling whether the part was quoted, so the executor can expand `$?` at run time and
 * split only unquoted expansions.
 */

export type WordPart =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean };

export interface Word {
  parts: WordPart[];
}

export type Operator = ';' | '&&' | '||' | '|' | '<' | '>' | '>>' | '&' | '\n';

export type Token =
  | { kind: 'word'; word: Word }
  | {
      kind: 'op';
      op: Operator;
      /** Digits directly before a redirection, e.g. the 2 of `2>`. */
      fd?: number;
      /** For `2>&1`-style duplications: the target fd. */
      dupTarget?: number;
    };

export class ShellSyntaxError extends Error {
  constructor(readonly near: string) {
    super(near === 'quote' ? 'sh: syntax error: unterminated quoted string' : `sh: syntax error near '${near}'`);
  }
}

const OPERATOR_START = new Set([';', '&', '|', '<', '>', '\n']);
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

export function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = line.length;

  while (i < n) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      // A comment runs to the end of the line.
      while (i < n && line[i] !== '\n') i++;
      continue;
    }
    if (OPERATOR_START.has(ch)) {
      i = readOperator(line, i, tokens);
      continue;
    }
    // An IO number: digits immediately followed by < or >.
    const io = /^(\d+)(?=[<>])/.exec(line.slice(i));
    if (io) {
      i += io[1].length;
      const before = tokens.length;
      i = readOperator(line, i, tokens);
      const op = tokens[before];
      if (op.kind === 'op') op.fd = Number(io[1]);
      continue;
    }
    const { word, end } = readWord(line, i);
    tokens.push({ kind: 'word', word });
    i = end;
  }
  return tokens;
}

function readOperator(line: string, i: number, tokens: Token[]): number {
  const two = line.slice(i, i + 2);
  if (two === '&&' || two === '||' || two === '>>') {
    tokens.push({ kind: 'op', op: two });
    return i + 2;
  }
  const ch = line[i] as Operator;
  if ((ch === '>' || ch === '<') && line[i + 1] === '&') {
    // n>&m: duplicate a descriptor.
    const m = /^\d+/.exec(line.slice(i + 2));
    if (!m) throw new ShellSyntaxError(`${ch}&`);
    tokens.push({ kind: 'op', op: ch, dupTarget: Number(m[0]) });
    return i + 2 + m[0].length;
  }
  tokens.push({ kind: 'op', op: ch });
  return i + 1;
}

function readWord(line: string, start: number): { word: Word; end: number } {
  const parts: WordPart[] = [];
  let text = '';
  let i = start;
  const n = line.length;

  // Unquoted literal characters collect in `text` until something else starts.
  const flush = (): void => {
    if (text.length > 0) parts.push({ kind: 'text', text, quoted: false });
    text = '';
  };

  while (i < n) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || OPERATOR_START.has(ch)) break;
    if (ch === '\\') {
      if (i + 1 < n) {
        if (line[i + 1] !== '\n') {
          flush();
          parts.push({ kind: 'text', text: line[i + 1], quoted: true });
        }
        i += 2;
      } else {
        i++;
      }
      continue;
    }
    if (ch === "'") {
      const close = line.indexOf("'", i + 1);
      if (close < 0) throw new ShellSyntaxError('quote');
      flush();
      parts.push({ kind: 'text', text: line.slice(i + 1, close), quoted: true });
      i = close + 1;
      continue;
    }
    if (ch === '"') {
      flush();
      i++;
      let inner = '';
      let closed = false;
      while (i < n) {
        const c = line[i];
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\' && i + 1 < n && '$"\\\n'.includes(line[i + 1])) {
          if (line[i + 1] !== '\n') inner += line[i + 1];
          i += 2;
          continue;
        }
        if (c === '$') {
          const v = readVariable(line, i);
          if (v) {
            parts.push({ kind: 'text', text: inner, quoted: true });
            inner = '';
            parts.push({ kind: 'var', name: v.name, quoted: true });
            i = v.end;
            continue;
          }
        }
        inner += c;
        i++;
      }
      if (!closed) throw new ShellSyntaxError('quote');
      parts.push({ kind: 'text', text: inner, quoted: true });
      continue;
    }
    if (ch === '$') {
      const v = readVariable(line, i);
      if (v) {
        flush();
        parts.push({ kind: 'var', name: v.name, quoted: false });
        i = v.end;
        continue;
      }
    }
    text += ch;
    i++;
  }
  flush();
  // Empty quoted parts stay: "" is an argument of its own.
  return { word: { parts: parts.filter((p) => p.kind === 'var' || p.text.length > 0 || p.quoted) }, end: i };
}

/** `$NAME`, `${NAME}`, `$?`, `$$`, `$#`, `$0`..`$9`; null when `$` is literal. */
function readVariable(line: string, i: number): { name: string; end: number } | null {
  const next = line[i + 1];
  if (next === undefined) return null;
  if (next === '{') {
    const close = line.indexOf('}', i + 2);
    if (close < 0) throw new ShellSyntaxError('${');
    const name = line.slice(i + 2, close);
    if (!/^([A-Za-z_][A-Za-z0-9_]*|\?|\$|#|\d+)$/.test(name)) throw new ShellSyntaxError(`\${${name}}`);
    return { name, end: close + 1 };
  }
  if (next === '?' || next === '$' || next === '#' || /\d/.test(next)) return { name: next, end: i + 2 };
  if (!NAME_START.test(next)) return null;
  let end = i + 2;
  while (end < line.length && NAME_CHAR.test(line[end])) end++;
  return { name: line.slice(i + 1, end), end };
}

/** The literal text of a word with no expansions (used for diagnostics and tests). */
export function wordText(word: Word): string {
  return word.parts.map((p) => (p.kind === 'text' ? p.text : `$${p.name}`)).join('');
}
