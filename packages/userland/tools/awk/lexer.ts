/**
 * awk's lexer: tokens of the POSIX awk language, with the two context rules it needs —
 * '/' starts a regular expression where an operand is expected, and newlines are
 * tokens (statement ends) except after tokens that continue a line (&& || , { do else ...).
 */

export type TokKind = 'num' | 'str' | 'ere' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

export interface Token {
  kind: TokKind;
  v: string;
  n?: number;
  line: number;
}

export class AwkSyntaxError extends Error {}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'sin', 'cos', 'atan2', 'exp', 'log', 'sqrt', 'int', 'rand', 'srand', 'tolower', 'toupper', 'system', 'close', 'fflush']);
const OPS = ['+=', '-=', '*=', '/=', '%=', '^=', '**=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

/** Escapes in awk string literals. */
export function unescapeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (map[d] !== undefined) out += map[d];
    else if (d >= '0' && d <= '7') {
      const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
      out += String.fromCharCode(parseInt(m[0], 8) & 255);
      i += m[0].length - 1;
    } else out += '\\' + d;
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let line = 1;
  const last = () => toks[toks.length - 1];
  const operandExpected = (): boolean => {
    const t = last();
    if (!t) return true;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'builtin') return false;
    if (t.kind === 'kw') return t.v !== 'getline';
    if (t.kind === 'op') return !(t.v === ')' || t.v === ']' || t.v === '$' || t.v === '++' || t.v === '--');
    return true;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\r' && src[i + 2] === '\n') {
      i += 3;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ kind: 'nl', v: '\n', line });
      line++;
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') {
            j += 2;
            line++;
            continue;
          }
          raw += src[j] + src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '\n') throw new AwkSyntaxError(`unterminated string`);
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(`unterminated string`);
      toks.push({ kind: 'str', v: unescapeString(raw), line });
      i = j + 1;
      continue;
    }
    if (c === '/' && operandExpected()) {
      let j = i + 1;
      let raw = '';
      let inBracket = false;
      while (j < src.length && (src[j] !== '/' || inBracket)) {
        if (src[j] === '\n') throw new AwkSyntaxError('unterminated regexp');
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j + 1] === '/' ? '/' : src[j] + src[j + 1];
          j += 2;
          continue;
        }
        if (src[j] === '[' && !inBracket) {
          inBracket = true;
          raw += src[j++];
          if (src[j] === '^') raw += src[j++];
          if (src[j] === ']') raw += src[j++];
          continue;
        }
        if (src[j] === ']' && inBracket) inBracket = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError('unterminated regexp');
      toks.push({ kind: 'ere', v: raw, line });
      i = j + 1;
      continue;
    }
    const num = /^(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i, i + 64));
    if (num && /[\d.]/.test(c)) {
      toks.push({ kind: 'num', v: num[0], n: /^0[xX]/.test(num[0]) ? parseInt(num[0], 16) : Number(num[0]), line });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 256));
    if (id) {
      const w = id[0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ kind: 'kw', v: w === 'func' ? 'function' : w, line });
      else if (BUILTINS.has(w)) toks.push({ kind: 'builtin', v: w, line });
      else if (src[i] === '(') toks.push({ kind: 'funcname', v: w, line });
      else toks.push({ kind: 'name', v: w, line });
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`unexpected character '${c}'`);
    toks.push({ kind: 'op', v: op === '**' ? '^' : op === '**=' ? '^=' : op, line });
    i += op.length;
  }
  toks.push({ kind: 'eof', v: '', line });
  return toks;
}
