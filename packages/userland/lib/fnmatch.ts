/**
 * fnmatch(3) patterns (* ? [...] with classes and !/^ negation, backslash quoting) as
 * find -name/-path, the shell-style matching of tools, compiled to JS RegExp.
 */
import { parseBracket } from './posix-regex.js';

export interface FnmatchOptions {
  /** '*' and '?' do not match '/' (FNM_PATHNAME). */
  pathname?: boolean;
  icase?: boolean;
}

export function fnmatchRegExp(pattern: string, opts: FnmatchOptions = {}): RegExp {
  let src = '';
  const any = opts.pathname ? '[^/]' : '[\\s\\S]';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') src += any + '*';
    else if (c === '?') src += any;
    else if (c === '[') {
      let j = i + 1;
      let body = '';
      if (pattern[j] === '!' || pattern[j] === '^') {
        body = '^';
        j++;
      }
      const rest = pattern.slice(j);
      // find the closing bracket, the first char may be ']'
      let k = rest[0] === ']' ? 1 : 0;
      while (k < rest.length && rest[k] !== ']') {
        if (rest[k] === '[' && rest[k + 1] === ':') {
          const e = rest.indexOf(':]', k + 2);
          k = e < 0 ? k + 1 : e + 2;
        } else k++;
      }
      if (k >= rest.length) {
        src += '\\[';
        continue;
      }
      try {
        const [cls] = parseBracket(body + rest.slice(0, k + 1), 0);
        src += cls;
        i = j + k;
      } catch {
        src += '\\[';
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      src += pattern[++i].replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
    } else src += c.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
  }
  return new RegExp('^' + src + '$', 's' + (opts.icase ? 'i' : ''));
}

export function fnmatch(pattern: string, s: string, opts: FnmatchOptions = {}): boolean {
  return fnmatchRegExp(pattern, opts).test(s);
}
