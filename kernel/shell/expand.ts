/**
 * Word expansion at run time: variables (`$NAME`, `${NAME}`, `$?`, `$$`, `$#`, `$0`) are
 * replaced, and the results of unquoted expansions are split into fields on blanks, as a
 * POSIX shell does. Quoted text is never split; a word that expands to nothing unquoted
 * disappears, while `""` stays an empty argument.
 */

import type { Word } from './lexer.js';

export interface ExpansionScope {
  lookup(name: string): string | undefined;
}

export function expandWord(word: Word, scope: ExpansionScope): string[] {
  const fields: string[] = [];
  let current = '';
  let hasCurrent = false;
  for (const part of word.parts) {
    if (part.kind === 'text') {
      current += part.text;
      hasCurrent = true;
      continue;
    }
    const value = scope.lookup(part.name) ?? '';
    if (part.quoted) {
      current += value;
      hasCurrent = true;
      continue;
    }
    // Unquoted: split on blanks; the first piece joins the text before it, the last the text after.
    const pieces = value.split(/[ \t\n]+/);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) {
        if (hasCurrent) fields.push(current);
        current = '';
        hasCurrent = false;
      }
      if (pieces[i]) {
        current += pieces[i];
        hasCurrent = true;
      }
    }
  }
  if (hasCurrent) fields.push(current);
  return fields;
}

/** Expands a word that must be one string (redirection targets, assignment values). */
export function expandToString(word: Word, scope: ExpansionScope): string {
  return word.parts.map((p) => (p.kind === 'text' ? p.text : scope.lookup(p.name) ?? '')).join('');
}
