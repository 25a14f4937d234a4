/**
 * The shell's grammar, a small subset of POSIX sh:
 *
 *   list      := and_or ((';' | '\n' | '&') and_or)* [';' | '\n' | '&']
 *   and_or    := pipeline (('&&' | '||') pipeline)*
 *   pipeline  := command ('|' command)*
 *   command   := (assignment)* (word | redirection)+
 *   redirection := [n]'<' word | [n]'>' word | [n]'>>' word | [n]'>&'m | [n]'<&'m
 *
 * Leading NAME=value words are assignments for that command's environment (or the
 * shell's, when the command has no words).
 */

import { tokenize, ShellSyntaxError, wordText, type Token, type Word } from './lexer.js';

export interface Redirection {
  /** The descriptor redirected (0 for <, 1 for > unless a number was given). */
  fd: number;
  kind: 'read' | 'write' | 'append' | 'dup';
  /** File to open (read/write/append). */
  target?: Word;
  /** Descriptor to duplicate (dup). */
  dupFrom?: number;
}

export interface SimpleCommand {
  assignments: { name: string; value: Word }[];
  words: Word[];
  redirections: Redirection[];
}

export interface Pipeline {
  commands: SimpleCommand[];
}

export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; pipeline: Pipeline }[];
}

export interface CommandList {
  items: { andOr: AndOr; background: boolean }[];
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

export function parse(line: string): CommandList {
  return new Parser(tokenize(line)).parseList();
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private peekOp(): string | undefined {
    const t = this.peek();
    return t?.kind === 'op' ? t.op : undefined;
  }

  parseList(): CommandList {
    const items: CommandList['items'] = [];
    this.skipNewlines();
    while (this.pos < this.tokens.length) {
      const andOr = this.parseAndOr();
      const op = this.peekOp();
      let background = false;
      if (op === ';' || op === '\n' || op === '&') {
        background = op === '&';
        this.pos++;
      } else if (op !== undefined) {
        throw new ShellSyntaxError(op);
      }
      items.push({ andOr, background });
      this.skipNewlines();
      if (this.peekOp() === ';' || this.peekOp() === '&') throw new ShellSyntaxError(this.peekOp()!);
    }
    return { items };
  }

  private skipNewlines(): void {
    while (this.peekOp() === '\n') this.pos++;
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.pos++;
      this.skipNewlines();
      rest.push({ op, pipeline: this.parsePipeline() });
    }
    return { first, rest };
  }

  private parsePipeline(): Pipeline {
    const commands = [this.parseCommand()];
    while (this.peekOp() === '|') {
      this.pos++;
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { commands };
  }

  private parseCommand(): SimpleCommand {
    const cmd: SimpleCommand = { assignments: [], words: [], redirections: [] };
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.kind === 'word') {
        this.pos++;
        const first = t.word.parts[0];
        const m = cmd.words.length === 0 && first?.kind === 'text' && !first.quoted ? ASSIGNMENT.exec(first.text) : null;
        if (m && first.kind === 'text') {
          const rest = first.text.slice(m[0].length);
          const value: Word = { parts: [...(rest ? [{ kind: 'text' as const, text: rest, quoted: false }] : []), ...t.word.parts.slice(1)] };
          cmd.assignments.push({ name: m[1], value });
        } else {
          cmd.words.push(t.word);
        }
        continue;
      }
      if (t.op === '<' || t.op === '>' || t.op === '>>') {
        this.pos++;
        const fd = t.fd ?? (t.op === '<' ? 0 : 1);
        if (t.dupTarget !== undefined) {
          cmd.redirections.push({ fd, kind: 'dup', dupFrom: t.dupTarget });
          continue;
        }
        const target = this.peek();
        if (!target || target.kind !== 'word') throw new ShellSyntaxError(target ? opText(target) : 'newline');
        this.pos++;
        cmd.redirections.push({ fd, kind: t.op === '<' ? 'read' : t.op === '>' ? 'write' : 'append', target: target.word });
        continue;
      }
      break;
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirections.length === 0) {
      const t = this.peek();
      throw new ShellSyntaxError(t ? opText(t) : 'newline');
    }
    return cmd;
  }
}

function opText(t: Token): string {
  if (t.kind === 'word') return wordText(t.word);
  return t.op === '\n' ? 'newline' : t.op;
}
