/**
 * printf(1) as POSIX and dash define it: the format is reused until the arguments are
 * consumed; %b expands backslash escapes in its argument; numeric conversions take C
 * character constants ('a) and report bad numbers without stopping.
 */

export interface PrintfResult {
  output: string;
  errors: string[];
  status: number;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'" };

/** Backslash escapes of a format (or of %b's argument when `b`); stop = \c seen. */
function escapes(s: string, b: boolean): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1];
    if (n === 'c' && b) return { text: out, stop: true };
    if (/[0-7]/.test(n) || (b && n === '0')) {
      let j = i + 1;
      if (b && n === '0') j++;
      let v = 0;
      let k = 0;
      while (k < 3 && /[0-7]/.test(s[j] ?? '')) {
        v = v * 8 + Number(s[j++]);
        k++;
      }
      out += String.fromCharCode(v & 0xff);
      i = j - 1;
      continue;
    }
    if (n in ESCAPES && (n !== '"' && n !== "'" || !b)) {
      out += ESCAPES[n];
      i++;
      continue;
    }
    out += '\\' + n;
    i++;
  }
  return { text: out, stop: false };
}

export function printf(args: string[]): PrintfResult {
  const errors: string[] = [];
  let status = 0;
  if (args.length === 0) return { output: '', errors: ['usage: printf format [arg ...]'], status: 2 };
  const format = args[0];
  const rest = args.slice(1);
  let argi = 0;
  let output = '';
  const nextArg = (): string | undefined => (argi < rest.length ? rest[argi++] : undefined);
  const num = (a: string | undefined, float: boolean): number | bigint => {
    if (a === undefined || a === '') return float ? 0 : 0n;
    if (/^['"]/.test(a)) return float ? a.codePointAt(1) ?? 0 : BigInt(a.codePointAt(1) ?? 0);
    const t = a.trim();
    if (float) {
      const v = Number(t);
      if (Number.isNaN(v)) {
        errors.push(`${a}: expected numeric value`);
        status = 1;
        return parseFloat(t) || 0;
      }
      return v;
    }
    const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)/.exec(t);
    if (!m || m[0].length !== t.length) {
      errors.push(`${a}: ${m ? 'not completely converted' : 'expected numeric value'}`);
      status = 1;
      if (!m) return 0n;
    }
    let v = m[2].startsWith('0x') || m[2].startsWith('0X') ? BigInt(m[2]) : m[2].length > 1 && m[2].startsWith('0') ? BigInt('0o' + m[2].slice(1)) : BigInt(m[2]);
    if (m[1] === '-') v = -v;
    return v;
  };
  for (let pass = 0; ; pass++) {
    const startArg = argi;
    let i = 0;
    while (i < format.length) {
      const c = format[i];
      if (c === '\\') {
        const e = escapes(format.slice(i, i + 5), false);
        // Consume exactly one escape.
        let len = 2;
        if (/[0-7]/.test(format[i + 1] ?? '')) {
          len = 1;
          while (len < 4 && /[0-7]/.test(format[i + len] ?? '')) len++;
        }
        output += escapes(format.slice(i, i + len), false).text;
        void e;
        i += len;
        continue;
      }
      if (c !== '%') {
        output += c;
        i++;
        continue;
      }
      if (format[i + 1] === '%') {
        output += '%';
        i += 2;
        continue;
      }
      const m = /^%([-+ #0]*)(\*|[0-9]*)(?:\.(\*|[0-9]*))?([diouxXfFeEgGcsb])/.exec(format.slice(i));
      if (!m) {
        errors.push(`%${format[i + 1] ?? ''}: invalid directive`);
        return { output, errors, status: 1 };
      }
      i += m[0].length;
      const flags = m[1];
      let width = m[2] === '*' ? Number(num(nextArg(), false)) : m[2] ? Number(m[2]) : undefined;
      let precision = m[3] === undefined ? undefined : m[3] === '*' ? Number(num(nextArg(), false)) : Number(m[3] || '0');
      let left = flags.includes('-');
      if (width !== undefined && width < 0) {
        left = true;
        width = -width;
      }
      const conv = m[4];
      const arg = nextArg();
      let s: string;
      switch (conv) {
        case 's':
          s = arg ?? '';
          if (precision !== undefined) s = s.slice(0, precision);
          break;
        case 'b': {
          const e = escapes(arg ?? '', true);
          s = e.text;
          if (precision !== undefined) s = s.slice(0, precision);
          if (e.stop) {
            output += pad(s, width, left, false);
            return { output, errors, status };
          }
          break;
        }
        case 'c':
          s = (arg ?? '').slice(0, 1);
          break;
        case 'd':
        case 'i': {
          const v = BigInt.asIntN(64, num(arg, false) as bigint);
          let digits = (v < 0n ? -v : v).toString();
          if (precision !== undefined) digits = digits.padStart(precision, '0');
          const sign = v < 0n ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
          s = sign + digits;
          if (flags.includes('0') && !left && precision === undefined && width) s = sign + digits.padStart(width - sign.length, '0');
          break;
        }
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          const v = BigInt.asUintN(64, num(arg, false) as bigint);
          let digits = v.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
          if (conv === 'X') digits = digits.toUpperCase();
          if (precision !== undefined) digits = digits.padStart(precision, '0');
          if (flags.includes('#') && v !== 0n) digits = (conv === 'o' ? '0' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') + digits;
          s = digits;
          if (flags.includes('0') && !left && precision === undefined && width) s = digits.padStart(width, '0');
          break;
        }
        default: {
          const v = num(arg, true) as number;
          const p = precision ?? 6;
          if (conv === 'f' || conv === 'F') s = v.toFixed(p);
          else if (conv === 'e' || conv === 'E') {
            s = v.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
            if (conv === 'E') s = s.toUpperCase();
          } else {
            const P = p === 0 ? 1 : p;
            const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
            if (exp < -4 || exp >= P) s = v.toExponential(P - 1).replace(/e([+-])(\d)$/, 'e$10$2');
            else s = v.toFixed(Math.max(0, P - 1 - exp));
            if (!flags.includes('#')) s = s.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1');
            if (conv === 'G') s = s.toUpperCase();
          }
          if (v >= 0 && flags.includes('+')) s = '+' + s;
          if (flags.includes('0') && !left && width) s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
        }
      }
      output += pad(s, width, left, false);
    }
    if (argi >= rest.length || argi === startArg) break;
  }
  return { output, errors, status };
}

function pad(s: string, width: number | undefined, left: boolean, _zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  return left ? s.padEnd(width) : s.padStart(width);
}
