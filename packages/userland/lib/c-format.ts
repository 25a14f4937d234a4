/**
 * C printf conversions (%d %i %o %u %x %X %c %s %e %E %f %F %g %G with flags, width and
 * precision) as glibc prints them, shared by printf, awk's printf/sprintf and seq -f.
 * Integers go through BigInt so 64-bit values print exactly.
 */

export interface ConvSpec {
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

function pad(s: string, spec: ConvSpec, numeric: boolean): string {
  const w = spec.width ?? 0;
  if (s.length >= w) return s;
  if (spec.flags.includes('-')) return s + ' '.repeat(w - s.length);
  if (numeric && spec.flags.includes('0')) {
    const m = /^([+\- ]|0[xX])?/.exec(s)!;
    const sign = m[0];
    return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
  }
  return ' '.repeat(w - s.length) + s;
}

function signOf(neg: boolean, flags: string): string {
  return neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
}

/** Formats an integer conversion (d i o u x X) of a BigInt. */
export function formatInt(v: bigint, spec: ConvSpec): string {
  const c = spec.conv;
  let neg = false;
  let digits: string;
  if (c === 'd' || c === 'i') {
    neg = v < 0n;
    digits = (neg ? -v : v).toString();
  } else {
    const u = BigInt.asUintN(64, v);
    digits = c === 'o' ? u.toString(8) : c === 'x' ? u.toString(16) : c === 'X' ? u.toString(16).toUpperCase() : u.toString();
  }
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && v === 0n) digits = '';
    digits = digits.padStart(spec.precision, '0');
  }
  let prefix = '';
  if (spec.flags.includes('#')) {
    if (c === 'o' && !digits.startsWith('0')) digits = '0' + digits;
    if ((c === 'x' || c === 'X') && v !== 0n) prefix = c === 'x' ? '0x' : '0X';
  }
  const s = (c === 'd' || c === 'i' ? signOf(neg, spec.flags) : '') + prefix + digits;
  const zeroOk = spec.precision === undefined;
  return pad(s, zeroOk ? spec : { ...spec, flags: spec.flags.replace(/0/g, '') }, true);
}

function expForm(v: number, prec: number, upper: boolean): string {
  let s = v.toExponential(prec);
  s = s.replace(/e([+-])(\d)$/, 'e$10$2');
  return upper ? s.toUpperCase() : s;
}

function fixedForm(v: number, prec: number): string {
  if (Math.abs(v) < 1e21) return v.toFixed(prec);
  // beyond toFixed's range: exact digits of the double
  const big = BigInt(Math.round(v));
  return big.toString() + (prec > 0 ? '.' + '0'.repeat(prec) : '');
}

/** Formats a floating conversion (e E f F g G) of a number. */
export function formatFloat(v: number, spec: ConvSpec): string {
  const c = spec.conv;
  const upper = c === 'E' || c === 'G' || c === 'F';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  let body: string;
  if (!Number.isFinite(a)) {
    body = Number.isNaN(a) ? 'nan' : 'inf';
    if (upper) body = body.toUpperCase();
    return pad(signOf(neg && !Number.isNaN(v), spec.flags) + body, { ...spec, flags: spec.flags.replace(/0/g, '') }, false);
  }
  const prec = spec.precision ?? 6;
  const alt = spec.flags.includes('#');
  if (c === 'f' || c === 'F') {
    body = fixedForm(a, prec);
    if (alt && prec === 0) body += '.';
  } else if (c === 'e' || c === 'E') {
    body = expForm(a, prec, upper);
    if (alt && prec === 0) body = body.replace(/e/i, (m) => '.' + m);
  } else {
    const p = prec === 0 ? 1 : prec;
    const x = a === 0 ? 0 : Number(a.toExponential(p - 1).split('e')[1]);
    if (x < p && x >= -4) body = a.toFixed(p - 1 - x);
    else body = expForm(a, p - 1, upper);
    if (!alt) {
      if (body.includes('e') || body.includes('E')) body = body.replace(/\.?0+([eE])/, '$1');
      else if (body.includes('.')) body = body.replace(/\.?0+$/, '');
    }
  }
  return pad(signOf(neg, spec.flags) + body, spec, true);
}

export function formatString(s: string, spec: ConvSpec): string {
  if (spec.precision !== undefined) s = s.slice(0, spec.precision);
  return pad(s, { ...spec, flags: spec.flags.replace(/0/g, '') }, false);
}

/** Parses a conversion spec at fmt[i] (just after '%'); returns it and the index after it, or null. */
export function parseSpec(fmt: string, i: number, args?: () => number): [ConvSpec, number] | null {
  let flags = '';
  while (i < fmt.length && '-+ #0\''.includes(fmt[i])) flags += fmt[i++];
  let width: number | undefined;
  if (fmt[i] === '*' && args) {
    width = args();
    if (width < 0) {
      flags += '-';
      width = -width;
    }
    i++;
  } else {
    const m = /^\d+/.exec(fmt.slice(i));
    if (m) {
      width = Number(m[0]);
      i += m[0].length;
    }
  }
  let precision: number | undefined;
  if (fmt[i] === '.') {
    i++;
    if (fmt[i] === '*' && args) {
      precision = args();
      if (precision < 0) precision = undefined;
      i++;
    } else {
      const m = /^\d*/.exec(fmt.slice(i))!;
      precision = m[0] === '' ? 0 : Number(m[0]);
      i += m[0].length;
    }
  }
  while (i < fmt.length && 'hlLqjzt'.includes(fmt[i])) i++;
  if (i >= fmt.length) return null;
  return [{ flags, width, precision, conv: fmt[i] }, i + 1];
}
