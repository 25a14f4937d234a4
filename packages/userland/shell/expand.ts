/**
 * Word expansion, in POSIX's order (dash's expand.c): tilde, parameter (every ${...}
 * form), command substitution ($(...) and backquotes), arithmetic (the C operators, 64-bit),
 * then field splitting on IFS of the unquoted results, pathname expansion and quote removal.
 *
 * A word is expanded into pieces that remember whether each character was quoted and
 * whether it came from an unquoted expansion (only those are split); patterns (case,
 * ${x#p}, globs) escape quoted characters so they match literally.
 */

import { Parser } from './parser.js';

export interface ExpansionContext {
  /** A variable, positional or special parameter; undefined when unset. */
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  positional(): string[];
  nounset: boolean;
  noglob: boolean;
  /** Runs a command substitution's source and returns its output. */
  substitute(src: string): Promise<string>;
  /** Directory entries (names) for globbing; [] when unreadable. */
  list(dir: string): string[];
  /** Whether a path exists (globbing components without wildcards). */
  exists(path: string): boolean;
  /** A user's home directory (tilde), undefined when unknown. */
  homeOf(user: string): string | undefined;
}

/** A failure a POSIX shell reports and, when not interactive, exits for (status 2). */
export class ExpansionError extends Error {}

interface Piece {
  text: string;
  quoted: boolean;
  /** From an unquoted expansion: subject to field splitting. */
  split: boolean;
}
const BREAK: Piece = { text: '', quoted: false, split: false };
const AT_EMPTY: Piece = { text: '', quoted: false, split: false };

export type ExpandMode = 'fields' | 'string' | 'pattern' | 'assignment';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Index after the matching close of `${` starting at i (pointing after "${"). */
function braceEnd(s: string, i: number): number {
  let depth = 1;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === "'") {
      // Single quotes inside ${...} (outside double quotes) protect braces.
      const j = s.indexOf("'", i + 1);
      i = j < 0 ? s.length : j + 1;
    } else if (c === '"') {
      i++;
      while (i < s.length && s[i] !== '"') i += s[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '$' && s[i + 1] === '{') {
      depth++;
      i += 2;
    } else if (c === '$' && s[i + 1] === '(') {
      i = substitutionEnd(s, i + 2);
    } else if (c === '`') {
      i++;
      while (i < s.length && s[i] !== '`') i += s[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '}') {
      depth--;
      if (depth === 0) return i + 1;
      i++;
    } else i++;
  }
  throw new ExpansionError("Missing '}'");
}

/** Index after the ")" of a $( or $(( starting at i (after "$("). */
function substitutionEnd(s: string, i: number): number {
  if (s[i] === '(') {
    let depth = 0;
    for (let j = i + 1; j < s.length; j++) {
      if (s[j] === '(') depth++;
      else if (s[j] === ')') {
        if (depth === 0) {
          if (s[j + 1] === ')') return j + 2;
          break;
        }
        depth--;
      }
    }
  }
  const p = new Parser(s, i);
  p.parseUntilParen();
  return p.offset;
}

function doubleQuoteEnd(s: string, i: number): number {
  while (i < s.length && s[i] !== '"') {
    const c = s[i];
    if (c === '\\') i += 2;
    else if (c === '$' && s[i + 1] === '{') i = braceEnd(s, i + 2);
    else if (c === '$' && s[i + 1] === '(') i = substitutionEnd(s, i + 2);
    else if (c === '`') {
      i++;
      while (i < s.length && s[i] !== '`') i += s[i] === '\\' ? 2 : 1;
      i++;
    } else i++;
  }
  return i;
}

export class Expander {
  constructor(private readonly ctx: ExpansionContext) {}

  private ifs(): string {
    const v = this.ctx.get('IFS');
    return v === undefined ? ' \t\n' : v;
  }

  /** The word's pieces (quoting and expansions resolved, not yet split). */
  async pieces(word: string, inDouble: boolean, mode: ExpandMode, out: Piece[] = []): Promise<Piece[]> {
    let lit = '';
    const flush = (): void => {
      if (lit) out.push({ text: lit, quoted: inDouble, split: false });
      lit = '';
    };
    for (let i = 0; i < word.length; ) {
      const c = word[i];
      if (c === "'" && !inDouble) {
        flush();
        const j = word.indexOf("'", i + 1);
        const end = j < 0 ? word.length : j;
        out.push({ text: word.slice(i + 1, end), quoted: true, split: false });
        i = end + 1;
      } else if (c === '"' && !inDouble) {
        flush();
        const end = doubleQuoteEnd(word, i + 1);
        const before = out.length;
        await this.pieces(word.slice(i + 1, end), true, mode, out);
        if (out.length === before) out.push({ text: '', quoted: true, split: false });
        i = end + 1;
      } else if (c === '\\') {
        const n = word[i + 1];
        if (n === undefined) {
          lit += '\\';
          i++;
        } else if (n === '\n') {
          i += 2;
        } else if (!inDouble || n === '$' || n === '`' || n === '"' || n === '\\') {
          flush();
          out.push({ text: n, quoted: true, split: false });
          i += 2;
        } else {
          lit += '\\';
          i++;
        }
      } else if (c === '$') {
        const n = word[i + 1];
        if (n === '(') {
          flush();
          const end = substitutionEnd(word, i + 2);
          if (word[i + 2] === '(' && word.endsWith('))', end) && end - 2 >= i + 3 && this.isArithmetic(word, i, end)) {
            const expr = word.slice(i + 3, end - 2);
            const value = await this.arithmetic(expr);
            out.push({ text: value, quoted: inDouble, split: !inDouble });
          } else {
            const output = await this.ctx.substitute(word.slice(i + 2, end - 1));
            out.push({ text: output.replace(/\n+$/, ''), quoted: inDouble, split: !inDouble });
          }
          i = end;
        } else if (n === '{') {
          flush();
          const end = braceEnd(word, i + 2);
          await this.parameter(word.slice(i + 2, end - 1), inDouble, mode, out);
          i = end;
        } else if (n !== undefined && (NAME_START.test(n))) {
          flush();
          let j = i + 1;
          while (j < word.length && NAME_CHAR.test(word[j])) j++;
          this.simpleParameter(word.slice(i + 1, j), inDouble, out);
          i = j;
        } else if (n !== undefined && /[0-9@*#?\-$!]/.test(n)) {
          flush();
          this.simpleParameter(n, inDouble, out);
          i += 2;
        } else {
          lit += '$';
          i++;
        }
      } else if (c === '`') {
        flush();
        let j = i + 1;
        let src = '';
        while (j < word.length && word[j] !== '`') {
          if (word[j] === '\\' && (word[j + 1] === '$' || word[j + 1] === '`' || word[j + 1] === '\\' || (inDouble && word[j + 1] === '"'))) {
            src += word[j + 1];
            j += 2;
          } else src += word[j++];
        }
        const output = await this.ctx.substitute(src);
        out.push({ text: output.replace(/\n+$/, ''), quoted: inDouble, split: !inDouble });
        i = j + 1;
      } else if (c === '~' && !inDouble && (i === 0 || (mode === 'assignment' && word[i - 1] === ':')) && mode !== 'pattern') {
        let j = i + 1;
        while (j < word.length && word[j] !== '/' && !(mode === 'assignment' && word[j] === ':')) j++;
        const user = word.slice(i + 1, j);
        const home = /['"\\$`]/.test(user) ? undefined : user === '' ? this.ctx.get('HOME') : this.ctx.homeOf(user);
        if (home === undefined) {
          lit += c;
          i++;
        } else {
          flush();
          out.push({ text: home, quoted: true, split: false });
          i = j;
        }
      } else {
        lit += c;
        i++;
      }
    }
    flush();
    return out;
  }

  private isArithmetic(word: string, i: number, end: number): boolean {
    // $(( ... )) whose inner text balances its parentheses is arithmetic; otherwise $( (...) ).
    let depth = 0;
    for (let k = i + 3; k < end - 2; k++) {
      if (word[k] === '(') depth++;
      else if (word[k] === ')') {
        depth--;
        if (depth < 0) return false;
      }
    }
    return depth === 0;
  }

  private simpleParameter(name: string, inDouble: boolean, out: Piece[]): void {
    if (name === '@' || name === '*') {
      const params = this.ctx.positional();
      if (inDouble && name === '*') {
        const ifs = this.ifs();
        out.push({ text: params.join(ifs === '' ? '' : ifs[0]), quoted: true, split: false });
        return;
      }
      if (params.length === 0) {
        if (inDouble) out.push(AT_EMPTY);
        return;
      }
      params.forEach((p, k) => {
        if (k > 0) out.push(BREAK);
        out.push({ text: p, quoted: inDouble, split: !inDouble });
      });
      return;
    }
    const value = this.ctx.get(name);
    if (value === undefined && this.ctx.nounset && name !== '!' ) throw new ExpansionError(`${name}: parameter not set`);
    out.push({ text: value ?? '', quoted: inDouble, split: !inDouble });
  }

  private async parameter(inner: string, inDouble: boolean, mode: ExpandMode, out: Piece[]): Promise<void> {
    let i = 0;
    let length = false;
    if (inner[0] === '#' && inner.length > 1 && !/^#[-=?+%#:]/.test(inner.slice(0, 2)) || inner === '#') {
      if (inner !== '#') {
        length = true;
        i = 1;
      }
    } else if (inner.startsWith('##') || inner.startsWith('#%')) {
      // ${##pat}: $# with a pattern op (rare)
    }
    let name: string;
    if (NAME_START.test(inner[i] ?? '')) {
      let j = i;
      while (j < inner.length && NAME_CHAR.test(inner[j])) j++;
      name = inner.slice(i, j);
      i = j;
    } else if (/[0-9]/.test(inner[i] ?? '')) {
      let j = i;
      while (j < inner.length && /[0-9]/.test(inner[j])) j++;
      name = inner.slice(i, j);
      i = j;
    } else if (/[@*#?\-$!]/.test(inner[i] ?? '')) {
      name = inner[i];
      i++;
    } else throw new ExpansionError(`\${${inner}}: Bad substitution`);
    const rest = inner.slice(i);
    const isList = name === '@' || name === '*';
    const value = isList ? (this.ctx.positional().length ? this.ctx.positional().join(' ') : undefined) : this.ctx.get(name);
    if (length) {
      if (rest) throw new ExpansionError(`\${${inner}}: Bad substitution`);
      if (value === undefined && this.ctx.nounset && !isList) throw new ExpansionError(`${name}: parameter not set`);
      // dash counts bytes (it has no locale).
      const n = isList ? this.ctx.positional().length : Buffer.byteLength(value ?? '', 'utf8');
      out.push({ text: String(n), quoted: inDouble, split: !inDouble });
      return;
    }
    if (rest === '') {
      if (isList) return this.simpleParameter(name, inDouble, out);
      if (value === undefined && this.ctx.nounset) throw new ExpansionError(`${name}: parameter not set`);
      out.push({ text: value ?? '', quoted: inDouble, split: !inDouble });
      return;
    }
    const m = /^(:?[-=?+]|%%|%|##|#)/.exec(rest);
    if (!m) throw new ExpansionError(`\${${inner}}: Bad substitution`);
    const op = m[1];
    const arg = rest.slice(op.length);
    const colon = op.startsWith(':');
    const unsetOrNull = value === undefined || (colon && value === '') || (isList && colon && this.ctx.positional().every((p) => p === '') );
    switch (op.replace(':', '')) {
      case '-':
        if (unsetOrNull) await this.pieces(arg, inDouble, 'string', out);
        else if (isList) this.simpleParameter(name, inDouble, out);
        else out.push({ text: value!, quoted: inDouble, split: !inDouble });
        return;
      case '+':
        if (!unsetOrNull) await this.pieces(arg, inDouble, 'string', out);
        return;
      case '=': {
        if (unsetOrNull) {
          if (!NAME_START.test(name)) throw new ExpansionError(`${name}: bad variable name`);
          const v = await this.string(arg);
          this.ctx.set(name, v);
          out.push({ text: v, quoted: inDouble, split: !inDouble });
        } else out.push({ text: value!, quoted: inDouble, split: !inDouble });
        return;
      }
      case '?':
        if (unsetOrNull) {
          const msg = arg ? await this.string(arg) : value === undefined ? 'parameter not set' : 'parameter null or not set';
          throw new ExpansionError(`${name}: ${msg}`);
        }
        out.push({ text: value!, quoted: inDouble, split: !inDouble });
        return;
      default: {
        if (value === undefined && this.ctx.nounset) throw new ExpansionError(`${name}: parameter not set`);
        const v = value ?? '';
        const re = patternRegex(await this.pattern(arg));
        const chars = [...v];
        let result = v;
        if (op === '#' || op === '##') {
          const lengths = op === '#' ? range(0, chars.length) : range(0, chars.length).reverse();
          for (const n of lengths) {
            if (re.test(chars.slice(0, n).join(''))) {
              result = chars.slice(n).join('');
              break;
            }
          }
        } else {
          const starts = op === '%' ? range(0, chars.length).reverse() : range(0, chars.length);
          for (const n of starts) {
            if (re.test(chars.slice(n).join(''))) {
              result = chars.slice(0, n).join('');
              break;
            }
          }
        }
        out.push({ text: result, quoted: inDouble, split: !inDouble });
      }
    }
  }

  /** Expands to one string (assignments, here-documents' words, redirection targets). */
  async string(word: string, mode: ExpandMode = 'string'): Promise<string> {
    const ps = await this.pieces(word, false, mode);
    return ps.map((p) => (p === BREAK ? ' ' : p.text)).join('');
  }

  /** Expands to a pattern: quoted characters escaped so they match themselves. */
  async pattern(word: string): Promise<string> {
    const ps = await this.pieces(word, false, 'pattern');
    return ps.map((p) => (p.quoted ? escapePattern(p.text) : p.text)).join('');
  }

  /** Full expansion to fields (command words, for lists). */
  async fields(words: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const w of words) {
      if (!/[$`'"\\~*?[]/.test(w)) {
        out.push(w);
        continue;
      }
      for (const f of await this.word(w)) out.push(f);
    }
    return out;
  }

  private async word(word: string): Promise<string[]> {
    const ps = await this.pieces(word, false, 'fields');
    if (ps.length === 1 && ps[0] === AT_EMPTY) return [];
    const ifs = this.ifs();
    const fields: Piece[][] = [];
    let cur: Piece[] = [];
    let state: 'start' | 'field' | 'afterWs' | 'afterNonWs' = 'start';
    const push = (): void => {
      fields.push(cur);
      cur = [];
    };
    for (const p of ps) {
      if (p === AT_EMPTY) continue;
      if (p === BREAK) {
        if (state === 'field') push();
        state = 'start';
        continue;
      }
      if (!p.split || ifs === '') {
        cur.push(p);
        state = 'field';
        continue;
      }
      let run = '';
      for (const ch of p.text) {
        if (!ifs.includes(ch)) {
          run += ch;
          state = 'field';
          continue;
        }
        if (run) {
          cur.push({ text: run, quoted: false, split: true });
          run = '';
        }
        const ws = ch === ' ' || ch === '\t' || ch === '\n';
        if (ws) {
          if (state === 'field') {
            push();
            state = 'afterWs';
          }
        } else if (state === 'field') {
          push();
          state = 'afterNonWs';
        } else if (state === 'afterWs') state = 'afterNonWs';
        else {
          push();
          state = 'afterNonWs';
        }
      }
      if (run) cur.push({ text: run, quoted: false, split: true });
    }
    if (state === 'field') push();
    const out: string[] = [];
    for (const f of fields) {
      const text = f.map((p) => p.text).join('');
      const hasGlob = !this.ctx.noglob && f.some((p) => !p.quoted && /[*?[]/.test(p.text));
      if (hasGlob) {
        const pat = f.map((p) => (p.quoted ? escapePattern(p.text) : p.split ? p.text.replace(/\\/g, '\\\\') : p.text)).join('');
        const matches = this.glob(pat);
        if (matches.length) {
          out.push(...matches);
          continue;
        }
      }
      out.push(text);
    }
    return out;
  }

  /** Pathname expansion of one pattern; [] when nothing matches. */
  glob(pattern: string): string[] {
    const absolute = pattern.startsWith('/');
    const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
    let paths: string[] = [absolute ? '/' : ''];
    const comps = absolute ? parts.slice(1) : parts;
    for (let k = 0; k < comps.length; k++) {
      const comp = comps[k];
      const last = k === comps.length - 1;
      const next: string[] = [];
      if (!/[*?[]/.test(comp.replace(/\\./g, ''))) {
        const lit = unescapePattern(comp);
        for (const p of paths) {
          const candidate = p === '' ? lit : p === '/' ? `/${lit}` : `${p}/${lit}`;
          if (this.ctx.exists(candidate)) next.push(candidate);
        }
      } else {
        const re = patternRegex(comp);
        for (const p of paths) {
          const listed = this.ctx.list(p === '' ? '.' : p);
          // A pattern starting with "." also matches "." and "..", as readdir lists them.
          if (comp.startsWith('.') || comp.startsWith('\\.')) listed.push('.', '..');
          const names = listed.sort(byteOrder);
          for (const name of names) {
            if (name.startsWith('.') && !comp.startsWith('.') && !comp.startsWith('\\.')) continue;
            if (!re.test(name)) continue;
            const candidate = p === '' ? name : p === '/' ? `/${name}` : `${p}/${name}`;
            if (!last && !this.ctx.exists(candidate + '/.')) continue;
            next.push(candidate);
          }
        }
      }
      paths = next;
      if (!paths.length) return [];
    }
    if (pattern.endsWith('/')) paths = paths.map((p) => p + '/');
    return paths;
  }

  /** $(( expr )): parameter expansions inside first, then the C expression. */
  async arithmetic(expr: string): Promise<string> {
    const text = await this.string(expr.replace(/"/g, ''));
    return String(new Arithmetic(text, this.ctx).evaluate());
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) out.push(i);
  return out;
}

function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function escapePattern(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

function unescapePattern(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~',
};

const regexCache = new Map<string, RegExp>();

/** A shell pattern as an anchored RegExp. */
export function patternRegex(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRegex(pattern[++i]);
    } else if (c === '*') re += '[^]*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      let j = i + 1;
      let negate = false;
      // Only ! negates: dash reads [^x] as the set of ^ and x.
      if (pattern[j] === '!') {
        negate = true;
        j++;
      }
      let set = '';
      let first = true;
      let closed = false;
      for (; j < pattern.length; j++) {
        const d = pattern[j];
        if (d === ']' && !first) {
          closed = true;
          break;
        }
        first = false;
        if (d === '[' && pattern[j + 1] === ':') {
          const end = pattern.indexOf(':]', j + 2);
          if (end > 0) {
            set += CLASSES[pattern.slice(j + 2, end)] ?? '';
            j = end + 1;
            continue;
          }
        }
        if (d === '\\' && j + 1 < pattern.length) {
          set += escapeRegex(pattern[++j]);
          continue;
        }
        set += d === '-' ? '-' : escapeRegex(d);
      }
      if (!closed) re += '\\[';
      else {
        re += `[${negate ? '^' : ''}${set}]`;
        i = j;
      }
    } else re += escapeRegex(c);
  }
  let out: RegExp;
  try {
    out = new RegExp(`^${re}$`, 'u');
  } catch {
    out = new RegExp(`^${escapeRegex(pattern)}$`, 'u');
  }
  if (regexCache.size > 500) regexCache.clear();
  regexCache.set(pattern, out);
  return out;
}

function escapeRegex(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}

/** Whether `text` matches the shell pattern (case, [[ ]]-free test). */
export function matchPattern(pattern: string, text: string): boolean {
  return patternRegex(pattern).test(text);
}

// ---- arithmetic -------------------------------------------------------------------------

const MASK = (x: bigint): bigint => BigInt.asIntN(64, x);

/** A C-like integer expression evaluator (dash's arith_yacc.c operators), 64-bit. */
class Arithmetic {
  private tokens: string[];
  private i = 0;

  constructor(
    text: string,
    private readonly ctx: ExpansionContext,
  ) {
    this.tokens = [];
    // Numbers are read as strtoimax(3) with base 0 reads them: "08" is 0 then 8.
    const re = /\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*|[A-Za-z_][A-Za-z0-9_]*|<<=|>>=|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%&|^]=|[-+*/%<>&|^!~?:=()])/y;
    let m: RegExpExecArray | null;
    let pos = 0;
    for (;;) {
      re.lastIndex = pos;
      m = re.exec(text);
      if (!m) break;
      this.tokens.push(m[1]);
      pos = re.lastIndex;
    }
    // A character that is no token: "expecting primary" where an operand was due, else "expecting EOF".
    if (text.slice(pos).trim() !== '') this.tokens.push(BAD_TOKEN);
    this.text = text;
  }
  private text: string;

  evaluate(): bigint {
    if (this.tokens.length === 0) return 0n;
    const v = this.assign(true);
    if (this.i < this.tokens.length) throw new ExpansionError(`arithmetic expression: expecting EOF: "${this.text}"`);
    return v;
  }

  private peek(): string | undefined {
    return this.tokens[this.i];
  }

  private variable(name: string): bigint {
    const v = this.ctx.get(name);
    if (v === undefined || v === '') {
      if (this.ctx.nounset && v === undefined) throw new ExpansionError(`${name}: parameter not set`);
      return 0n;
    }
    const t = v.trim();
    if (t === '') return 0n;
    const n = /^[-+]?(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.test(t) ? numberValue(t) : null;
    // As dash's strtoimax: a value out of the 64-bit range is no number.
    if (n === null || n !== MASK(n)) throw new ExpansionError(`Illegal number: ${v}`);
    return n;
  }

  private assign(go: boolean): bigint {
    const t = this.peek();
    const op = this.tokens[this.i + 1];
    if (t && /^[A-Za-z_]/.test(t) && op && /^([-+*/%&|^]|<<|>>)?=$/.test(op) && op !== '==') {
      this.i += 2;
      const rhs = this.assign(go);
      if (!go) return rhs;
      const cur = op === '=' ? 0n : this.variable(t);
      const v = op === '=' ? rhs : binary(op.slice(0, -1), cur, rhs, this.text);
      this.ctx.set(t, String(v));
      return v;
    }
    return this.ternary(go);
  }

  private ternary(go: boolean): bigint {
    const c = this.binaryLevel(0, go);
    if (this.peek() !== '?') return c;
    this.i++;
    const a = this.assign(go && c !== 0n);
    if (this.peek() !== ':') throw new ExpansionError(`arithmetic expression: expecting ':': "${this.text}"`);
    this.i++;
    const b = this.ternary(go && c === 0n);
    return c !== 0n ? a : b;
  }

  private static readonly LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binaryLevel(level: number, go: boolean): bigint {
    if (level >= Arithmetic.LEVELS.length) return this.unary(go);
    let left = this.binaryLevel(level + 1, go);
    for (;;) {
      const op = this.peek();
      if (!op || !Arithmetic.LEVELS[level].includes(op)) return left;
      this.i++;
      if (op === '||' || op === '&&') {
        const shortCircuit = op === '||' ? left !== 0n : left === 0n;
        const right = this.binaryLevel(level + 1, go && !shortCircuit);
        left = op === '||' ? (left !== 0n || right !== 0n ? 1n : 0n) : left !== 0n && right !== 0n ? 1n : 0n;
        continue;
      }
      const right = this.binaryLevel(level + 1, go);
      left = go ? binary(op, left, right, this.text) : 0n;
    }
  }

  private unary(go: boolean): bigint {
    const t = this.peek();
    if (t === '-' || t === '+' || t === '!' || t === '~') {
      this.i++;
      const v = this.unary(go);
      return t === '-' ? MASK(-v) : t === '+' ? v : t === '!' ? (v === 0n ? 1n : 0n) : MASK(~v);
    }
    return this.primary(go);
  }

  private primary(go: boolean): bigint {
    const t = this.tokens[this.i++];
    if (t === undefined) throw new ExpansionError(`arithmetic expression: expecting primary: "${this.text}"`);
    if (t === '(') {
      const v = this.assign(go);
      if (this.tokens[this.i++] !== ')') throw new ExpansionError(`arithmetic expression: expecting ')': "${this.text}"`);
      return v;
    }
    if (/^[0-9]/.test(t)) {
      // A literal beyond the 64-bit range is the largest value, as strtoimax saturates.
      const n = numberValue(t);
      return n > INT64_MAX ? INT64_MAX : n;
    }
    if (/^[A-Za-z_]/.test(t)) return go ? this.variable(t) : 0n;
    throw new ExpansionError(`arithmetic expression: expecting primary: "${this.text}"`);
  }
}

const INT64_MAX = (1n << 63n) - 1n;
/** What the tokenizer pushes for text that is no token. */
const BAD_TOKEN = '\0';

/** The value of a C integer constant (0x hex, 0 octal, decimal) with an optional sign, unbounded. */
function numberValue(t: string): bigint {
  const neg = t.startsWith('-');
  const s = /^[-+]/.test(t) ? t.slice(1) : t;
  const v = /^0[xX]/.test(s) ? BigInt(s) : /^0[0-7]+$/.test(s) ? BigInt('0o' + s.slice(1)) : BigInt(s);
  return neg ? -v : v;
}

/** One binary operator on 64-bit values; `text` is the whole expression, which dash's messages quote. */
function binary(op: string, a: bigint, b: bigint, text: string): bigint {
  switch (op) {
    case '+':
      return MASK(a + b);
    case '-':
      return MASK(a - b);
    case '*':
      return MASK(a * b);
    case '/':
    case '%':
      if (b === 0n) throw new ExpansionError(`arithmetic expression: division by zero: "${text}"`);
      return MASK(op === '/' ? a / b : a % b);
    case '<<':
      return MASK(a << (b & 63n));
    case '>>':
      return MASK(a >> (b & 63n));
    case '<':
      return a < b ? 1n : 0n;
    case '<=':
      return a <= b ? 1n : 0n;
    case '>':
      return a > b ? 1n : 0n;
    case '>=':
      return a >= b ? 1n : 0n;
    case '==':
      return a === b ? 1n : 0n;
    case '!=':
      return a !== b ? 1n : 0n;
    case '&':
      return a & b;
    case '|':
      return a | b;
    case '^':
      return a ^ b;
    default:
      throw new ExpansionError(`arithmetic expression: bad operator ${op}`);
  }
}

/** A here-document body: $, ` and \ are special, quotes are not. */
export async function expandHeredoc(expander: Expander, body: string): Promise<string> {
  // Escape double quotes so the double-quoted expansion keeps them literal.
  const ps = await expander.pieces(body.replace(/\\"/g, '\\\\"'), true, 'string');
  return ps.map((p) => p.text).join('');
}
