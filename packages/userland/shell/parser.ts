/**
 * The shell's lexer and parser: source text -> syntax tree (syntax.ts), one complete
 * command at a time, as dash's parser.c does (so a script runs up to its first syntax
 * error, and an alias defined on one line applies to the next).
 *
 * Words are delimited here (quotes, `\`, $(...), `...`, ${...} and $((...)) respected,
 * command substitutions parsed recursively so `)` inside them is found correctly) but
 * kept as source text; expand.ts gives them meaning when they run. Here-document bodies
 * are read after the newline that ends their command line.
 */

import { ShellSyntaxError, type Command, type Redirection } from './syntax.js';

type Token =
  | { kind: 'word'; value: string; line: number }
  | { kind: 'op'; value: string; line: number }
  | { kind: 'io'; value: string; fd: number; line: number }
  | { kind: 'newline'; value: '\n'; line: number }
  | { kind: 'eof'; value: ''; line: number };

const OPERATORS = ['&&', '||', ';;', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&', '|', ';', '(', ')', '<', '>'];
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

function isMeta(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '(' || c === ')' || c === '<' || c === '>';
}

/** A word's text with quotes removed (for here-document delimiters and reserved words). */
export function unquoteLiteral(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if (c === "'") {
      const j = word.indexOf("'", i + 1);
      out += word.slice(i + 1, j < 0 ? word.length : j);
      i = j < 0 ? word.length : j;
    } else if (c === '"') {
      continue;
    } else if (c === '\\' && i + 1 < word.length) {
      out += word[++i];
    } else out += c;
  }
  return out;
}

export interface ParserOptions {
  /** Alias table consulted for the first word of each simple command. */
  aliases?: Map<string, string>;
  /** Starting line number. */
  line?: number;
}

export class Parser {
  private pos: number;
  private line: number;
  private peeked: Token | null = null;
  private pendingHeredocs: Array<{ redirection: Redirection; delimiter: string; stripTabs: boolean }> = [];
  /** Aliases being expanded (no recursion), and whether the next word is in command position after an alias ending in a blank. */
  private readonly aliases: Map<string, string> | null;
  private readonly expandingAliases = new Set<string>();
  /** A here-document ran into the end of the source (an interactive reader wants more lines). */
  unterminatedHeredoc = false;

  constructor(
    private src: string,
    start = 0,
    options: ParserOptions = {},
  ) {
    this.pos = start;
    this.line = options.line ?? 1;
    this.aliases = options.aliases ?? null;
  }

  get offset(): number {
    return this.pos;
  }
  get currentLine(): number {
    return this.line;
  }

  // ---- lexer ---------------------------------------------------------------------------

  private error(detail: string, line = this.line): never {
    throw new ShellSyntaxError(line, detail);
  }

  private describe(t: Token): string {
    if (t.kind === 'eof') return 'end of file';
    if (t.kind === 'newline') return 'newline';
    return `"${t.value}"`;
  }

  private unexpected(t: Token, expecting?: string): never {
    this.error(`${this.describe(t)} unexpected${expecting ? ` (expecting "${expecting}")` : ''}`, t.line);
  }

  private peek(): Token {
    if (!this.peeked) this.peeked = this.lex();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  private lex(): Token {
    const s = this.src;
    for (;;) {
      while (this.pos < s.length && (s[this.pos] === ' ' || s[this.pos] === '\t')) this.pos++;
      if (s[this.pos] === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
        continue;
      }
      break;
    }
    if (s[this.pos] === '#') while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
    const line = this.line;
    if (this.pos >= s.length) {
      if (this.pendingHeredocs.length) this.readHeredocs();
      return { kind: 'eof', value: '', line };
    }
    const c = s[this.pos];
    if (c === '\n') {
      this.pos++;
      this.line++;
      if (this.pendingHeredocs.length) this.readHeredocs();
      return { kind: 'newline', value: '\n', line };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        return { kind: 'op', value: op, line };
      }
    }
    const start = this.pos;
    const end = this.scanWord(start);
    const value = s.slice(start, end);
    this.pos = end;
    if (/^[0-9]+$/.test(value) && (s[end] === '<' || s[end] === '>')) return { kind: 'io', value, fd: Number(value), line };
    return { kind: 'word', value, line };
  }

  /** The end of the word starting at `i`. */
  private scanWord(i: number): number {
    const s = this.src;
    while (i < s.length && !isMeta(s[i])) i = this.scanUnit(i, false);
    return i;
  }

  /** Skips one character or quoted/expansion unit at i; returns the index after it. */
  private scanUnit(i: number, inDouble: boolean): number {
    const s = this.src;
    const c = s[i];
    if (c === '\\') {
      if (s[i + 1] === '\n') this.line++;
      return Math.min(i + 2, s.length);
    }
    if (c === "'" && !inDouble) {
      const j = s.indexOf("'", i + 1);
      if (j < 0) this.error('Unterminated quoted string');
      this.countLines(i, j);
      return j + 1;
    }
    if (c === '"' && !inDouble) {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j = this.scanUnit(j, true);
      if (j >= s.length) this.error('Unterminated quoted string');
      return j + 1;
    }
    if (c === '`') {
      let j = i + 1;
      while (j < s.length && s[j] !== '`') {
        if (s[j] === '\\') j++;
        else if (s[j] === '\n') this.line++;
        j++;
      }
      if (j >= s.length) this.error('EOF in backquote substitution');
      return j + 1;
    }
    if (c === '$' && s[i + 1] === '(') {
      if (s[i + 2] === '(') {
        const end = this.scanArithmetic(i + 3);
        if (end >= 0) return end;
      }
      const sub = new Parser(s, i + 2, { line: this.line });
      sub.parseUntilParen();
      this.line = sub.line;
      return sub.pos;
    }
    if (c === '$' && s[i + 1] === '{') {
      let j = i + 2;
      while (j < s.length && s[j] !== '}') j = this.scanUnit(j, true) + (s[j] === '"' && !inDouble ? 0 : 0);
      if (j >= s.length) this.error('Missing \'}\'');
      return j + 1;
    }
    if (c === '\n') this.line++;
    return i + 1;
  }

  private countLines(from: number, to: number): void {
    for (let k = from; k < to; k++) if (this.src[k] === '\n') this.line++;
  }

  /** $(( ... )): the index after the closing "))", or -1 if it is really $( (...) ). */
  private scanArithmetic(i: number): number {
    const s = this.src;
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s[j];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return s[j + 1] === ')' ? j + 2 : -1;
        depth--;
      } else if (c === '\n') return -1;
      else if (c === '$' || c === '`' || c === "'" || c === '"' || c === '\\') {
        j = this.scanUnit(j, false) - 1;
      }
    }
    return -1;
  }

  /** For $( ... ): parses commands up to the matching ")" and leaves pos after it. */
  parseUntilParen(): void {
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'op' && t.value === ')') {
        this.next();
        return;
      }
      if (t.kind === 'eof') this.error('end of file unexpected (expecting ")")', t.line);
      this.parseAndOr();
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.value === ';' || sep.value === '&')) this.next();
      else if (sep.kind === 'newline') continue;
      else if (!(sep.kind === 'op' && sep.value === ')')) this.unexpected(sep, ')');
    }
  }

  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.pendingHeredocs) {
      let body = '';
      for (;;) {
        if (this.pos >= s.length) {
          this.unterminatedHeredoc = true;
          break;
        }
        let end = s.indexOf('\n', this.pos);
        if (end < 0) end = s.length;
        let lineText = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        this.line++;
        if (h.stripTabs) lineText = lineText.replace(/^\t+/, '');
        if (lineText === h.delimiter) break;
        body += lineText + '\n';
      }
      h.redirection.heredoc!.body = body;
    }
    this.pendingHeredocs = [];
  }

  // ---- parser --------------------------------------------------------------------------

  private isReserved(t: Token, word: string): boolean {
    return t.kind === 'word' && t.value === word;
  }

  private skipNewlines(): void {
    while (this.peek().kind === 'newline') this.next();
  }

  private expectReserved(word: string): void {
    const t = this.next();
    if (!this.isReserved(t, word)) this.unexpected(t, word);
  }

  /** The next complete command (a list ended by newline or end of file), or null at end. */
  parseNext(): Command | null {
    this.skipNewlines();
    if (this.peek().kind === 'eof') return null;
    const items: Array<{ command: Command; background: boolean }> = [];
    for (;;) {
      const command = this.parseAndOr();
      const t = this.peek();
      let background = false;
      if (t.kind === 'op' && (t.value === ';' || t.value === '&')) {
        this.next();
        background = t.value === '&';
      }
      items.push({ command, background });
      const after = this.peek();
      if (after.kind === 'newline') {
        this.next();
        break;
      }
      if (after.kind === 'eof') break;
      if (!(t.kind === 'op' && (t.value === ';' || t.value === '&'))) this.unexpected(after);
    }
    return items.length === 1 && !items[0].background ? items[0].command : { type: 'list', items };
  }

  /** A whole program (tests and `eval`-like callers that want everything at once). */
  parseAll(): Command {
    const items: Array<{ command: Command; background: boolean }> = [];
    for (let c = this.parseNext(); c; c = this.parseNext()) items.push({ command: c, background: false });
    return { type: 'list', items };
  }

  /** A compound list: and-ors separated by ; & or newlines, up to one of `terminators`. */
  private parseCompoundList(terminators: string[]): Command {
    const items: Array<{ command: Command; background: boolean }> = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'word' && terminators.includes(t.value)) || (t.kind === 'op' && (t.value === ')' || t.value === ';;'))) break;
      const command = this.parseAndOr();
      const sep = this.peek();
      let background = false;
      if (sep.kind === 'op' && (sep.value === ';' || sep.value === '&')) {
        this.next();
        background = sep.value === '&';
      } else if (sep.kind === 'newline') {
        // separator
      } else {
        items.push({ command, background });
        break;
      }
      items.push({ command, background });
      this.skipNewlines();
    }
    if (items.length === 0) {
      const t = this.peek();
      // At the end of the input dash names the word that would have closed the construct.
      this.unexpected(t, t.kind === 'eof' && terminators.length ? terminators[terminators.length - 1] : undefined);
    }
    return items.length === 1 && !items[0].background ? items[0].command : { type: 'list', items };
  }

  private parseAndOr(): Command {
    let left = this.parsePipeline();
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.value !== '&&' && t.value !== '||')) return left;
      this.next();
      this.skipNewlines();
      const right = this.parsePipeline();
      left = { type: t.value === '&&' ? 'and' : 'or', left, right };
    }
  }

  private parsePipeline(): Command {
    let negate = false;
    while (this.isReserved(this.peek(), '!')) {
      this.next();
      negate = !negate;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || t.value !== '|') break;
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    if (commands.length === 1 && !negate) return commands[0];
    return { type: 'pipeline', commands, negate };
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.kind === 'op' && t.value === '(') {
      this.next();
      const body = this.parseCompoundList([]);
      const close = this.next();
      if (!(close.kind === 'op' && close.value === ')')) this.unexpected(close, ')');
      return { type: 'subshell', line: t.line, body, redirections: this.parseRedirections() };
    }
    if (t.kind === 'word') {
      switch (t.value) {
        case '{': {
          this.next();
          const body = this.parseCompoundList(['}']);
          this.expectReserved('}');
          return { type: 'group', body, redirections: this.parseRedirections() };
        }
        case 'if':
          return this.parseIf();
        case 'while':
        case 'until': {
          this.next();
          const condition = this.parseCompoundList(['do']);
          this.expectReserved('do');
          const body = this.parseCompoundList(['done']);
          this.expectReserved('done');
          return { type: t.value, condition, body, redirections: this.parseRedirections() };
        }
        case 'for':
          return this.parseFor();
        case 'case':
          return this.parseCase();
        case 'then':
        case 'else':
        case 'elif':
        case 'fi':
        case 'do':
        case 'done':
        case 'esac':
        case '}':
        case 'in':
          this.unexpected(t);
      }
    }
    if (t.kind === 'op' && !['<', '>', '>>', '<&', '>&', '<>', '>|', '<<', '<<-'].includes(t.value)) this.unexpected(t);
    if (t.kind === 'eof' || t.kind === 'newline') this.unexpected(t);
    return this.parseSimple();
  }

  private parseIf(): Command {
    this.next();
    const condition = this.parseCompoundList(['then']);
    this.expectReserved('then');
    const then = this.parseCompoundList(['elif', 'else', 'fi']);
    const t = this.next();
    let otherwise: Command | null = null;
    if (this.isReserved(t, 'elif')) {
      this.peeked = { kind: 'word', value: 'if', line: t.line };
      otherwise = this.parseIf();
      return { type: 'if', condition, then, otherwise, redirections: [] };
    }
    if (this.isReserved(t, 'else')) {
      otherwise = this.parseCompoundList(['fi']);
      this.expectReserved('fi');
    } else if (!this.isReserved(t, 'fi')) this.unexpected(t, 'fi');
    return { type: 'if', condition, then, otherwise, redirections: this.parseRedirections() };
  }

  private parseFor(): Command {
    this.next();
    const nameTok = this.next();
    if (nameTok.kind !== 'word' || !NAME.test(nameTok.value)) this.error(`Bad for loop variable`, nameTok.line);
    let words: string[] | null = null;
    this.skipNewlines();
    if (this.isReserved(this.peek(), 'in')) {
      this.next();
      words = [];
      for (;;) {
        const w = this.peek();
        if (w.kind !== 'word') break;
        this.next();
        words.push(w.value);
      }
      const sep = this.next();
      if (!(sep.kind === 'newline' || (sep.kind === 'op' && sep.value === ';'))) this.unexpected(sep, 'do');
    } else if (this.peek().kind === 'op' && this.peek().value === ';') this.next();
    this.skipNewlines();
    this.expectReserved('do');
    const body = this.parseCompoundList(['done']);
    this.expectReserved('done');
    return { type: 'for', name: nameTok.value, words, body, redirections: this.parseRedirections() };
  }

  private parseCase(): Command {
    this.next();
    const wordTok = this.next();
    if (wordTok.kind !== 'word') this.unexpected(wordTok);
    this.skipNewlines();
    this.expectReserved('in');
    const items: Array<{ patterns: string[]; body: Command | null }> = [];
    for (;;) {
      this.skipNewlines();
      let t = this.next();
      if (this.isReserved(t, 'esac')) break;
      if (t.kind === 'op' && t.value === '(') t = this.next();
      const patterns: string[] = [];
      for (;;) {
        if (t.kind !== 'word') this.unexpected(t, ')');
        patterns.push(t.value);
        const sep = this.next();
        if (sep.kind === 'op' && sep.value === ')') break;
        if (!(sep.kind === 'op' && sep.value === '|')) this.unexpected(sep, ')');
        t = this.next();
      }
      this.skipNewlines();
      let body: Command | null = null;
      const after = this.peek();
      if (!(this.isReserved(after, 'esac') || (after.kind === 'op' && after.value === ';;'))) body = this.parseCompoundList(['esac']);
      items.push({ patterns, body });
      const end = this.next();
      if (this.isReserved(end, 'esac')) break;
      if (!(end.kind === 'op' && end.value === ';;')) this.unexpected(end, ';;');
    }
    return { type: 'case', word: wordTok.value, items, redirections: this.parseRedirections() };
  }

  private parseRedirections(): Redirection[] {
    const out: Redirection[] = [];
    for (;;) {
      const r = this.tryRedirection();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryRedirection(): Redirection | null {
    const t = this.peek();
    let fd = -1;
    if (t.kind === 'io') {
      this.next();
      fd = t.fd;
    } else if (!(t.kind === 'op' && ['<', '>', '>>', '<&', '>&', '<>', '>|', '<<', '<<-'].includes(t.value))) return null;
    const opTok = this.next();
    if (opTok.kind !== 'op') this.unexpected(opTok);
    const target = this.next();
    if (target.kind !== 'word') this.unexpected(target);
    const op = opTok.value;
    if (op === '<<' || op === '<<-') {
      const r: Redirection = { fd: fd < 0 ? 0 : fd, op: '<<', target: target.value, heredoc: { body: '', quoted: /['"\\]/.test(target.value) } };
      this.pendingHeredocs.push({ redirection: r, delimiter: unquoteLiteral(target.value), stripTabs: op === '<<-' });
      return r;
    }
    const defaultFd = op === '<' || op === '<&' || op === '<>' ? 0 : 1;
    return { fd: fd < 0 ? defaultFd : fd, op: op as Redirection['op'], target: target.value };
  }

  private parseSimple(): Command {
    const line = this.peek().line;
    const assignments: string[] = [];
    const words: string[] = [];
    const redirections: Redirection[] = [];
    for (;;) {
      const r = this.tryRedirection();
      if (r) {
        redirections.push(r);
        continue;
      }
      const t = this.peek();
      if (t.kind !== 'word') break;
      if (words.length === 0 && ASSIGNMENT.test(t.value)) {
        this.next();
        assignments.push(t.value);
        continue;
      }
      if (words.length === 0 && this.aliases && this.expandAlias(t)) continue;
      this.next();
      if (words.length === 0 && assignments.length === 0 && redirections.length === 0 && NAME.test(t.value) && !RESERVED.has(t.value)) {
        const open = this.peek();
        if (open.kind === 'op' && open.value === '(') {
          this.next();
          const close = this.next();
          if (!(close.kind === 'op' && close.value === ')')) this.unexpected(close, ')');
          this.skipNewlines();
          const body = this.parseCommand();
          return { type: 'function', name: t.value, body };
        }
      }
      words.push(t.value);
      this.expandingAliases.clear();
    }
    if (words.length === 0 && assignments.length === 0 && redirections.length === 0) this.unexpected(this.peek());
    return { type: 'simple', line, assignments, words, redirections };
  }

  /** Replaces an alias name in the source with its value (the peeked token is dropped). */
  private expandAlias(t: Token & { kind: 'word' }): boolean {
    const value = this.aliases!.get(t.value);
    if (value === undefined || this.expandingAliases.has(t.value)) return false;
    this.expandingAliases.add(t.value);
    // The token ends at this.pos; put the alias text in its place.
    this.peeked = null;
    const end = this.pos;
    const start = end - t.value.length;
    this.src = this.src.slice(0, start) + value + this.src.slice(end);
    this.pos = start;
    return true;
  }
}

/** Parses a whole string (tests, and callers that want the tree at once). */
export function parse(src: string): Command {
  return new Parser(src).parseAll();
}
