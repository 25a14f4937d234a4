/**
 * The shell's syntax tree: what parser.ts produces and eval.ts walks (the shape of dash's
 * nodes.h). Words are kept as their source text (quotes included) and expanded at run
 * time by expand.ts, so a word means exactly what its characters say when it runs.
 */

export interface Redirection {
  /** The descriptor redirected. */
  fd: number;
  /** '<' '>' '>>' '>|' '<>' '<&' '>&' '<<' (here-document). */
  op: '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '<<';
  /** The target word (file name or descriptor), source text. */
  target: string;
  /** A here-document's body (source text) and whether its delimiter was quoted (no expansion). */
  heredoc?: { body: string; quoted: boolean };
}

export type Command =
  | { type: 'simple'; line: number; assignments: string[]; words: string[]; redirections: Redirection[] }
  | { type: 'pipeline'; commands: Command[]; negate: boolean }
  | { type: 'and' | 'or'; left: Command; right: Command }
  | { type: 'list'; items: Array<{ command: Command; background: boolean }> }
  | { type: 'subshell'; line: number; body: Command; redirections: Redirection[] }
  | { type: 'group'; body: Command; redirections: Redirection[] }
  | { type: 'if'; condition: Command; then: Command; otherwise: Command | null; redirections: Redirection[] }
  | { type: 'while' | 'until'; condition: Command; body: Command; redirections: Redirection[] }
  | { type: 'for'; name: string; words: string[] | null; body: Command; redirections: Redirection[] }
  | { type: 'case'; word: string; items: Array<{ patterns: string[]; body: Command | null }>; redirections: Redirection[] }
  | { type: 'function'; name: string; body: Command };

/** A syntax error as dash reports it: `Syntax error: "fi" unexpected` at a line. */
export class ShellSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly detail: string,
  ) {
    super(`Syntax error: ${detail}`);
  }
}
