/**
 * POSIX regular expressions (basic and extended, as glibc's regcomp reads them, which is
 * what busybox's grep, sed, awk and expr use) for the userland tools.
 *
 * A POSIX expression is translated into an equivalent JS RegExp: BRE's \( \) \{ \} and
 * ERE's ( ) { } | + ?, bracket expressions with [:classes:], [=x=], [.x.] and a literal
 * backslash, back-references \1-\9, the GNU escapes (\< \> \b \B \w \W \s \S \| \+ \?)
 * and the context rules for ^ $ * (literal where POSIX says they are). JS matching is
 * leftmost but takes the first alternative that fits, where POSIX takes the longest
 * match at the leftmost position; for expressions with alternation, exec() therefore
 * looks for the longest end at the leftmost start (sed s///, grep -o and awk's match()
 * depend on it).
 *
 * Subject strings are byte strings (one char per byte), as the tools carry their data.
 */

export class RegexSyntaxError extends Error {}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: '0-9a-zA-Z',
  upper: 'A-Z',
  lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~',
  print: ' -~',
  graph: '!-~',
  cntrl: '\\x00-\\x1f\\x7f',
  xdigit: '0-9A-Fa-f',
};

function escapeChar(c: string): string {
  if (/[\\^$.|?*+()[\]{}/]/.test(c)) return '\\' + c;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code >= 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  return c;
}

function classChar(c: string): string {
  if (/[\\\]^\-[]/.test(c)) return '\\' + c;
  const code = c.charCodeAt(0);
  if (code < 0x20 || code >= 0x7f) return '\\x' + code.toString(16).padStart(2, '0');
  return c;
}

/** Parses a bracket expression starting after '['; returns [jsClass, indexAfter]. */
export function parseBracket(p: string, i: number): [string, number] {
  let neg = false;
  if (p[i] === '^') {
    neg = true;
    i++;
  }
  const items: string[] = [];
  let first = true;
  for (;;) {
    if (i >= p.length) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
    let c = p[i];
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (p[i + 1] === ':' || p[i + 1] === '=' || p[i + 1] === '.')) {
      const kind = p[i + 1];
      const end = p.indexOf(kind + ']', i + 2);
      if (end < 0) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
      const name = p.slice(i + 2, end);
      i = end + 2;
      if (kind === ':') {
        const cls = CLASSES[name];
        if (cls === undefined) throw new RegexSyntaxError('Invalid character class name');
        items.push(cls);
        continue;
      }
      c = name;
      if (c.length !== 1) throw new RegexSyntaxError('Invalid collation character');
    } else {
      i++;
    }
    // a range?
    if (p[i] === '-' && p[i + 1] !== undefined && p[i + 1] !== ']') {
      let hi = p[i + 1];
      i += 2;
      if (hi === '[' && (p[i] === '.' || p[i] === '=')) {
        const kind = p[i];
        const end = p.indexOf(kind + ']', i + 1);
        if (end < 0) throw new RegexSyntaxError('Unmatched [, [^, [:, [., or [=');
        hi = p.slice(i + 1, end);
        i = end + 2;
      }
      if (hi.charCodeAt(0) < c.charCodeAt(0)) throw new RegexSyntaxError('Invalid range end');
      items.push(classChar(c) + '-' + classChar(hi));
    } else {
      items.push(classChar(c));
    }
  }
  const body = items.join('');
  if (body === '') return [neg ? '[\\s\\S]' : '[]', i];
  return [(neg ? '[^' : '[') + body + ']', i];
}

export interface Translation {
  source: string;
  groups: number;
  hasAlternation: boolean;
}

/** Translates a POSIX BRE (extended=false) or ERE into JS RegExp source. */
export function translate(p: string, extended: boolean): Translation {
  let out = '';
  let groups = 0;
  let hasAlternation = false;
  const openGroups: number[] = [];
  // Where the last atom started in `out` (for quantifiers) and whether the last thing was a quantifier.
  let atomStart = -1;
  let lastWasQuant = false;
  // At the start of an expression (or after '(' or '|'): '*' is literal, '^' is an anchor.
  let atStart = true;

  const addAtom = (s: string): void => {
    atomStart = out.length;
    out += s;
    lastWasQuant = false;
    atStart = false;
  };
  const addQuant = (q: string): void => {
    if (atomStart < 0) {
      // nothing to repeat: literal in BRE/glibc ERE
      addAtom(escapeChar(q[0]) + q.slice(1).replace(/[{}]/g, (m) => '\\' + m));
      return;
    }
    if (lastWasQuant) {
      out = out.slice(0, atomStart) + '(?:' + out.slice(atomStart) + ')';
    }
    out += q;
    lastWasQuant = true;
    atStart = false;
  };
  const parseInterval = (i: number, close: string): [string, number] | null => {
    // i points after '{' ; returns [jsQuantifier, indexAfterClose]
    const end = p.indexOf(close, i);
    if (end < 0) return null;
    const body = p.slice(i, end);
    const m = /^(\d*)(,(\d*))?$/.exec(body);
    if (!m || (m[1] === '' && m[2] === undefined)) return null;
    const lo = m[1] === '' ? '0' : m[1];
    if (m[2] === undefined) return [`{${lo}}`, end + close.length];
    if (m[3] !== '' && Number(m[3]) < Number(lo)) throw new RegexSyntaxError('Invalid content of \\{\\}');
    return [`{${lo},${m[3]}}`, end + close.length];
  };

  for (let i = 0; i < p.length; ) {
    const c = p[i];
    if (c === '\\') {
      const d = p[i + 1];
      if (d === undefined) throw new RegexSyntaxError('Trailing backslash');
      i += 2;
      if (!extended && d === '(') {
        groups++;
        openGroups.push(out.length);
        out += '(';
        atomStart = -1;
        lastWasQuant = false;
        atStart = true;
        continue;
      }
      if (!extended && d === ')') {
        if (!openGroups.length) throw new RegexSyntaxError('Unmatched ) or \\)');
        const start = openGroups.pop()!;
        out += ')';
        atomStart = start;
        lastWasQuant = false;
        atStart = false;
        continue;
      }
      if (!extended && d === '{') {
        const iv = parseInterval(i, '\\}');
        if (!iv) throw new RegexSyntaxError('Invalid preceding regular expression');
        if (atStart) {
          addAtom('\\{');
          continue;
        }
        addQuant(iv[0]);
        i = iv[1];
        continue;
      }
      if (!extended && d === '|') {
        hasAlternation = true;
        out += '|';
        atomStart = -1;
        lastWasQuant = false;
        atStart = true;
        continue;
      }
      if (!extended && (d === '+' || d === '?')) {
        if (atStart) addAtom('\\' + d);
        else addQuant(d);
        continue;
      }
      if (d >= '1' && d <= '9') {
        if (Number(d) > groups) throw new RegexSyntaxError('Invalid back reference');
        addAtom('\\' + d);
        continue;
      }
      switch (d) {
        case '<':
          addAtom('\\b(?=\\w)');
          continue;
        case '>':
          addAtom('\\b(?<=\\w)');
          continue;
        case 'b':
        case 'B':
          addAtom('\\' + d);
          continue;
        case 'w':
        case 'W':
        case 's':
        case 'S':
          addAtom('\\' + d);
          continue;
        case '`':
          addAtom('^');
          continue;
        case "'":
          addAtom('$');
          continue;
        case 'n':
          addAtom('\\n');
          continue;
        case 't':
          addAtom('\\t');
          continue;
        default:
          addAtom(escapeChar(d));
          continue;
      }
    }
    if (c === '[') {
      const [cls, next] = parseBracket(p, i + 1);
      addAtom(cls);
      i = next;
      continue;
    }
    if (c === '.') {
      addAtom('[\\s\\S]');
      i++;
      continue;
    }
    if (c === '*') {
      if (atStart) addAtom('\\*');
      else addQuant('*');
      i++;
      continue;
    }
    if (c === '^') {
      if (extended || atStart) {
        out += '^';
        atomStart = -1;
        lastWasQuant = false;
        // in BRE, '*' after a leading '^' is literal
        atStart = true;
      } else addAtom('\\^');
      i++;
      continue;
    }
    if (c === '$') {
      const rest = p.slice(i + 1);
      if (extended || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) {
        out += '$';
        atomStart = -1;
        lastWasQuant = false;
        atStart = false;
      } else addAtom('\\$');
      i++;
      continue;
    }
    if (extended) {
      if (c === '(') {
        groups++;
        openGroups.push(out.length);
        out += '(';
        atomStart = -1;
        lastWasQuant = false;
        atStart = true;
        i++;
        continue;
      }
      if (c === ')') {
        if (!openGroups.length) {
          addAtom('\\)');
          i++;
          continue;
        }
        const start = openGroups.pop()!;
        out += ')';
        atomStart = start;
        lastWasQuant = false;
        atStart = false;
        i++;
        continue;
      }
      if (c === '|') {
        hasAlternation = true;
        out += '|';
        atomStart = -1;
        lastWasQuant = false;
        atStart = true;
        i++;
        continue;
      }
      if (c === '+' || c === '?') {
        if (atStart) addAtom('\\' + c);
        else addQuant(c);
        i++;
        continue;
      }
      if (c === '{') {
        const iv = atStart ? null : parseInterval(i + 1, '}');
        if (!iv) {
          addAtom('\\{');
          i++;
          continue;
        }
        addQuant(iv[0]);
        i = iv[1];
        continue;
      }
    }
    addAtom(escapeChar(c));
    i++;
  }
  if (openGroups.length) throw new RegexSyntaxError('Unmatched ( or \\(');
  return { source: out, groups, hasAlternation };
}

export interface Match {
  index: number;
  end: number;
  /** groups[0] is the whole match; undefined for a group that did not take part. */
  groups: (string | undefined)[];
}

export interface PosixRegexOptions {
  extended?: boolean;
  icase?: boolean;
  /** Frames the translated JS source (grep -w / -x). */
  frame?: (source: string) => string;
}

export class PosixRegex {
  readonly re: RegExp;
  private readonly anchoredEnd: RegExp | null;
  readonly groups: number;

  constructor(pattern: string, opts: PosixRegexOptions = {}) {
    const t = translate(pattern, !!opts.extended);
    if (opts.frame) t.source = opts.frame(t.source);
    this.groups = t.groups;
    const flags = 'gs' + (opts.icase ? 'i' : '');
    try {
      this.re = new RegExp(t.source, flags);
      this.anchoredEnd = t.hasAlternation ? new RegExp('(?:' + t.source + ')$', 'ys' + (opts.icase ? 'i' : '')) : null;
    } catch (e) {
      throw new RegexSyntaxError((e as Error).message);
    }
  }

  test(s: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(s);
  }

  /** The leftmost-longest match starting at or after `from`. `notBol`: ^ does not match at `from` > 0 semantics are kept by searching in the whole string. */
  exec(s: string, from = 0): Match | null {
    this.re.lastIndex = from;
    const m = this.re.exec(s);
    if (!m) return null;
    let end = m.index + m[0].length;
    let groups: (string | undefined)[] = [...m];
    if (this.anchoredEnd && s.length - m.index <= 4096) {
      for (let e = s.length; e > end; e--) {
        this.anchoredEnd.lastIndex = m.index;
        const sub = e === s.length ? s : s.slice(0, e);
        const m2 = this.anchoredEnd.exec(sub);
        if (m2) {
          end = e;
          groups = [...m2];
          break;
        }
      }
    }
    return { index: m.index, end, groups };
  }
}

/** Character classes for tr and the like: the member characters of [:name:], or undefined. */
export function classMembers(name: string): string | undefined {
  const cls = CLASSES[name];
  if (cls === undefined) return undefined;
  const re = new RegExp('[' + cls + ']');
  let s = '';
  for (let c = 0; c < 256; c++) {
    const ch = String.fromCharCode(c);
    if (c < 128 && re.test(ch)) s += ch;
  }
  return s;
}
