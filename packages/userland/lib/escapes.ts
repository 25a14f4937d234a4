/**
 * Backslash escapes as busybox's echo -e, printf and friends read them (\a \b \e \f \n
 * \r \t \v \\, octal \NNN, hex \xHH), over byte strings.
 */

export interface EscapeResult {
  text: string;
  /** \c was met: stop all output. */
  stop: boolean;
}

/**
 * Expands escapes in s. `octalNeedsZero`: echo's style, where octal is \0NNN (up to three
 * digits after the 0); otherwise (printf format) \NNN.
 */
export function expandEscapes(s: string, octalNeedsZero: boolean): EscapeResult {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i];
    switch (d) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case 'c': return { text: out, stop: true };
      case 'x': {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1));
        if (!m) {
          out += '\\x';
          break;
        }
        out += String.fromCharCode(parseInt(m[0], 16));
        i += m[0].length;
        break;
      }
      default: {
        if (d >= '0' && d <= '7') {
          const j = octalNeedsZero && d === '0' && s[i + 1] >= '0' && s[i + 1] <= '7' ? i + 1 : i;
          const m = /^[0-7]{1,3}/.exec(s.slice(j))!;
          out += String.fromCharCode(parseInt(m[0], 8) & 255);
          i = j + m[0].length - 1;
          break;
        }
        out += '\\' + d;
      }
    }
  }
  return { text: out, stop: false };
}
