/**
 * awk's interpreter: walks the syntax tree with POSIX awk's value rules — numbers,
 * strings and "strnums" (input that looks numeric compares as a number), uninitialized
 * values that are both "" and 0, CONVFMT/OFMT conversions — records and fields (FS as
 * " ", one character or an ERE; RS as newline, one character, paragraph mode or an ERE),
 * arrays by reference, functions with local arrays, getline's forms, output redirections
 * and pipes through Sys.
 */
import { formatFloat, formatInt, formatString, parseSpec } from '../../lib/c-format.js';
import { errorText } from '../../lib/errno-text.js';
import { Input } from '../../lib/input.js';
import { Output, bytesOf, textOf } from '../../lib/output.js';
import { PosixRegex } from '../../lib/posix-regex.js';
import type { Ctx } from '../../lib/program.js';
import { O } from '../../sys.js';
import type { Expr, FuncDef, Program, Stmt } from './parser.js';
import { unescapeString } from './lexer.js';

export class StrNum {
  constructor(
    readonly s: string,
    readonly n: number,
  ) {}
}
export type Value = number | string | StrNum | undefined;
type AwkArray = Map<string, Value>;

interface Slot {
  v?: Value;
  arr?: AwkArray;
  ref?: () => AwkArray;
}

class NextSignal {}
class NextFileSignal {}
class ExitSignal {
  constructor(readonly code: number) {}
}
class BreakSignal {}
class ContinueSignal {}
class ReturnSignal {
  constructor(readonly v: Value) {}
}
export class AwkRuntimeError extends Error {}

const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[ \t\n\r\f\v]*$/;

export function strnum(s: string): Value {
  return NUMERIC.test(s) ? new StrNum(s, Number(s.trim())) : s;
}

/** strtod(3), as busybox's awk converts strings: hexadecimal (0x1A) counts too. */
function strtod(s: string): number {
  const hex = /^[ \t\n\r\f\v]*([+-]?)0[xX]([0-9a-fA-F]+)/.exec(s);
  if (hex) return (hex[1] === '-' ? -1 : 1) * parseInt(hex[2], 16);
  const m = /^[ \t\n\r\f\v]*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(s);
  if (m) return Number(m[1]);
  const inf = /^[ \t]*([+-]?)(inf|nan)/i.exec(s);
  if (inf) return /nan/i.test(inf[2]) ? NaN : inf[1] === '-' ? -Infinity : Infinity;
  return 0;
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (v instanceof StrNum) return v.n;
  return strtod(v);
}

export class Interpreter {
  private globals = new Map<string, Slot>();
  private frames: Slot[][] = [];
  private record = '';
  private fields: string[] | null = [];
  private nf = 0;
  private outputs = new Map<string, { out: Output; fd: number; pid?: number }>();
  private inputs = new Map<string, { inp: Input; pid?: number; fd: number }>();
  private regexCache = new Map<string, PosixRegex>();
  private rangeActive: boolean[] = [];
  private seed = 0;
  private prevSeed = 0;
  private main: Input | null = null;
  private argIndex = 1;
  private exitCode = 0;
  private inEnd = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly prog: Program,
  ) {
    for (const [k, v] of Object.entries({ FS: ' ', OFS: ' ', ORS: '\n', RS: '\n', NR: 0, NF: 0, FNR: 0, SUBSEP: '\x1c', CONVFMT: '%.6g', OFMT: '%.6g', RSTART: 0, RLENGTH: -1, FILENAME: '' })) {
      this.globals.set(k, { v });
    }
    const env = new Map<string, Value>();
    for (const e of ctx.env) {
      const i = e.indexOf('=');
      if (i > 0) env.set(bytesOf(e.slice(0, i)), strnum(bytesOf(e.slice(i + 1))));
    }
    this.globals.set('ENVIRON', { arr: env });
  }

  // ---- variables ----
  private slot(name: string, local?: number): Slot {
    if (local !== undefined) return this.frames[this.frames.length - 1][local];
    let s = this.globals.get(name);
    if (!s) {
      s = {};
      this.globals.set(name, s);
    }
    return s;
  }
  private arrayOf(name: string, local?: number): AwkArray {
    const s = this.slot(name, local);
    if (s.arr) return s.arr;
    if (s.ref) {
      s.arr = s.ref();
      return s.arr;
    }
    if (s.v !== undefined) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    s.arr = new Map();
    return s.arr;
  }
  getVar(name: string): Value {
    if (name === 'NF') {
      this.split();
      return this.nf;
    }
    return this.globals.get(name)?.v;
  }
  setVar(name: string, v: Value): void {
    if (name === 'NF') {
      this.setNF(Math.trunc(toNum(v)));
      return;
    }
    const s = this.slot(name);
    if (s.arr) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    s.v = v;
  }
  private str(name: string): string {
    return this.toStr(this.getVar(name));
  }

  // ---- conversions ----
  toStr(v: Value, fmtVar = 'CONVFMT'): string {
    if (typeof v === 'string') return v;
    if (v === undefined) return '';
    if (v instanceof StrNum) return v.s;
    if (Number.isInteger(v)) return Math.abs(v) < 1e16 ? String(v === 0 ? 0 : v) : BigInt(v).toString();
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    return this.sprintf(this.str(fmtVar), [v]);
  }
  private truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    if (v === undefined) return false;
    if (v instanceof StrNum) return v.n !== 0;
    return v !== '';
  }
  private compare(a: Value, b: Value): number {
    const numA = typeof a === 'number' || a instanceof StrNum || a === undefined;
    const numB = typeof b === 'number' || b instanceof StrNum || b === undefined;
    if (numA && numB) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : 1;
    }
    const x = this.toStr(a);
    const y = this.toStr(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  private regex(v: Value | PosixRegex): PosixRegex {
    if (v instanceof PosixRegex) return v;
    const s = this.toStr(v);
    let r = this.regexCache.get(s);
    if (!r) {
      r = new PosixRegex(s, { extended: true });
      if (this.regexCache.size > 500) this.regexCache.clear();
      this.regexCache.set(s, r);
    }
    return r;
  }
  private async regexArg(e: Expr): Promise<PosixRegex> {
    return e.t === 're' ? e.re : this.regex(await this.eval(e));
  }

  // ---- records and fields ----
  setRecord(s: string): void {
    this.record = s;
    this.fields = null;
  }
  private splitText(s: string, fs: string, out: string[]): void {
    out.length = 0;
    if (fs === ' ') {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      if (t !== '') out.push(...t.split(/[ \t\n]+/));
      return;
    }
    if (s === '') return;
    if (fs === '') {
      out.push(...s.split(''));
      return;
    }
    if (fs.length === 1 && fs !== '\\') {
      out.push(...s.split(fs));
      return;
    }
    const re = this.regex(fs);
    let pos = 0;
    let from = 0;
    while (from <= s.length) {
      const m = re.exec(s, from);
      if (!m) break;
      if (m.end === m.index) {
        from = m.index + 1;
        continue;
      }
      out.push(s.slice(pos, m.index));
      pos = m.end;
      from = m.end;
    }
    out.push(s.slice(pos));
  }
  private split(): void {
    if (this.fields) return;
    this.fields = [];
    const rs = this.str('RS');
    this.splitText(this.record, this.str('FS'), this.fields);
    if (rs === '' && this.str('FS') !== ' ') {
      // paragraph mode: newline always separates fields
      const f: string[] = [];
      for (const x of this.fields) f.push(...x.split('\n'));
      this.fields = f;
    }
    this.nf = this.fields.length;
  }
  private rebuild(): void {
    this.record = this.fields!.slice(0, this.nf).join(this.str('OFS'));
  }
  getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`trying to access out of range field ${i}`);
    if (i === 0) return strnum(this.record);
    this.split();
    return i <= this.nf ? strnum(this.fields![i - 1]) : undefined;
  }
  setField(i: number, v: string): void {
    if (i < 0) throw new AwkRuntimeError(`trying to access out of range field ${i}`);
    if (i === 0) {
      this.setRecord(v);
      return;
    }
    this.split();
    while (this.fields!.length < i) this.fields!.push('');
    this.fields![i - 1] = v;
    if (i > this.nf) this.nf = i;
    this.rebuild();
  }
  private setNF(n: number): void {
    this.split();
    while (this.fields!.length < n) this.fields!.push('');
    this.fields!.length = Math.max(0, n);
    this.nf = Math.max(0, n);
    this.rebuild();
  }

  // ---- lvalues ----
  private async assignTo(lv: Expr, v: Value): Promise<void> {
    switch (lv.t) {
      case 'var':
        if (lv.local !== undefined) {
          const s = this.slot(lv.name, lv.local);
          if (s.arr) throw new AwkRuntimeError(`can't assign to ${lv.name}; it's an array name.`);
          s.v = v;
        } else this.setVar(lv.name, v);
        return;
      case 'field':
        this.setField(Math.trunc(toNum(await this.eval(lv.e))), this.toStr(v));
        return;
      case 'index':
        this.arrayOf(lv.name, lv.local).set(await this.subscript(lv.subs), v);
        return;
      case 'group':
        await this.assignTo(lv.e, v);
        return;
      default:
        throw new AwkRuntimeError('assignment to a non-lvalue');
    }
  }
  private async subscript(subs: Expr[]): Promise<string> {
    if (subs.length === 1) return this.toStr(await this.eval(subs[0]));
    const parts: string[] = [];
    for (const x of subs) parts.push(this.toStr(await this.eval(x)));
    return parts.join(this.str('SUBSEP'));
  }

  // ---- expressions ----
  async eval(e: Expr): Promise<Value> {
    switch (e.t) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 're':
        return e.re.test(this.record) ? 1 : 0;
      case 'group':
        return await this.eval(e.e);
      case 'grouplist':
        return await this.subscript(e.list);
      case 'var':
        if (e.local !== undefined) {
          const s = this.slot(e.name, e.local);
          if (s.arr) throw new AwkRuntimeError(`can't use array ${e.name} in scalar context`);
          return s.v;
        }
        return this.getVar(e.name);
      case 'field':
        return this.getField(Math.trunc(toNum(await this.eval(e.e))));
      case 'index': {
        const a = this.arrayOf(e.name, e.local);
        const k = await this.subscript(e.subs);
        if (!a.has(k)) a.set(k, undefined);
        return a.get(k);
      }
      case 'assign': {
        if (e.op === '=') {
          let v = await this.eval(e.rhs);
          if (v instanceof StrNum && e.lhs.t !== 'field') v = v; // strnums keep their nature
          await this.assignTo(e.lhs, v);
          return v;
        }
        const cur = toNum(await this.eval(e.lhs));
        const r = toNum(await this.eval(e.rhs));
        const v = this.arith(e.op.slice(0, -1), cur, r);
        await this.assignTo(e.lhs, v);
        return v;
      }
      case 'cond':
        return this.truthy(await this.eval(e.c)) ? await this.eval(e.a) : await this.eval(e.b);
      case 'or':
        return this.truthy(await this.eval(e.a)) || this.truthy(await this.eval(e.b)) ? 1 : 0;
      case 'and':
        return this.truthy(await this.eval(e.a)) && this.truthy(await this.eval(e.b)) ? 1 : 0;
      case 'in':
        return this.arrayOf(e.name, e.local).has(await this.subscript(e.subs)) ? 1 : 0;
      case 'match': {
        const s = this.toStr(await this.eval(e.a));
        const r = (await this.regexArg(e.re)).test(s);
        return r !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        const c = this.compare(await this.eval(e.a), await this.eval(e.b));
        switch (e.op) {
          case '<': return c < 0 ? 1 : 0;
          case '<=': return c <= 0 ? 1 : 0;
          case '>': return c > 0 ? 1 : 0;
          case '>=': return c >= 0 ? 1 : 0;
          case '==': return c === 0 ? 1 : 0;
          default: return c !== 0 ? 1 : 0;
        }
      }
      case 'concat':
        return this.toStr(await this.eval(e.a)) + this.toStr(await this.eval(e.b));
      case 'bin':
        return this.arith(e.op, toNum(await this.eval(e.a)), toNum(await this.eval(e.b)));
      case 'unary': {
        const v = await this.eval(e.e);
        if (e.op === '!') return this.truthy(v) ? 0 : 1;
        const n = toNum(v);
        return e.op === '-' ? -n : n;
      }
      case 'incdec': {
        const old = toNum(await this.eval(e.lv));
        const nv = e.op === '++' ? old + 1 : old - 1;
        await this.assignTo(e.lv, nv);
        return e.pre ? nv : old;
      }
      case 'call':
        return this.call(e.name, e.args);
      case 'builtin':
        if (e.name === 'system') {
          await this.flushAll();
          return this.runShell(this.toStr(await this.eval(e.args[0])));
        }
        if (e.name === 'close') return this.closeStream(this.toStr(await this.eval(e.args[0])));
        if (e.name === 'fflush') {
          await this.flushAll();
          return 0;
        }
        return this.builtin(e.name, e.args);
      case 'getline':
        return this.getline(e);
    }
  }
  private arith(op: string, a: number, b: number): number {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
        if (b === 0) throw new AwkRuntimeError('Division by zero');
        return a / b;
      case '%':
        if (b === 0) throw new AwkRuntimeError('Division by zero');
        return a % b;
      case '^': return Math.pow(a, b);
    }
    return 0;
  }

  private async call(name: string, args: Expr[]): Promise<Value> {
    const f: FuncDef | undefined = this.prog.funcs.get(name);
    if (!f) throw new AwkRuntimeError(`function '${name}' is not defined`);
    if (args.length > f.params.length) throw new AwkRuntimeError(`function '${name}' called with more arguments than declared`);
    const frame: Slot[] = [];
    for (let i = 0; i < f.params.length; i++) {
      const a = args[i];
      if (!a) {
        frame.push({});
        continue;
      }
      if (a.t === 'var') {
        const s = this.slot(a.name, a.local);
        if (s.arr) {
          frame.push({ arr: s.arr });
          continue;
        }
        if (s.ref && s.v === undefined) {
          frame.push({ ref: s.ref });
          continue;
        }
        if (s.v === undefined && !(a.local === undefined && ['NF', 'NR', 'FNR', 'FS', 'OFS', 'ORS', 'RS'].includes(a.name))) {
          // an untyped variable: becomes an array if the callee uses it as one
          frame.push({ ref: () => (s.arr ??= new Map()) });
          continue;
        }
      }
      frame.push({ v: await this.eval(a) });
    }
    if (this.frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    this.frames.push(frame);
    try {
      await this.execList(f.body);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.v;
      throw e;
    } finally {
      this.frames.pop();
    }
    return undefined;
  }

  private async builtin(name: string, args: Expr[]): Promise<Value> {
    const arg = (i: number) => this.eval(args[i]);
    const s = async (i: number) => this.toStr(await arg(i));
    const n = async (i: number) => toNum(await arg(i));
    switch (name) {
      case 'length': {
        if (!args.length) return this.record.length;
        const a = args[0];
        if (a.t === 'var') {
          const sl = this.slot(a.name, a.local);
          if (sl.arr) return sl.arr.size;
        }
        return (await s(0)).length;
      }
      case 'substr': {
        const str = (await s(0));
        // busybox's arithmetic: truncate, clamp the start, the length counts from there
        let start = Math.trunc((await n(1))) - 1;
        if (start > str.length) start = str.length;
        if (start < 0) start = 0;
        let len = args.length > 2 ? Math.trunc((await n(2))) : str.length - start;
        if (len < 0) len = 0;
        return str.substr(start, len);
      }
      case 'index': {
        return (await s(0)).indexOf((await s(1))) + 1;
      }
      case 'split': {
        const str = (await s(0));
        const a = args[1];
        if (a.t !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        const arr = this.arrayOf(a.name, a.local);
        const parts: string[] = [];
        if (args.length > 2) {
          if (args[2].t === 're') {
            const re = args[2].re;
            if (str !== '') {
              let pos = 0;
              let from = 0;
              while (from <= str.length) {
                const m = re.exec(str, from);
                if (!m) break;
                if (m.end === m.index) {
                  from = m.index + 1;
                  continue;
                }
                parts.push(str.slice(pos, m.index));
                pos = from = m.end;
              }
              parts.push(str.slice(pos));
            }
          } else this.splitText(str, (await s(2)), parts);
        } else this.splitText(str, this.str('FS'), parts);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'sub':
      case 'gsub': {
        const re = await this.regexArg(args[0]);
        const repl = (await s(1));
        const target = args[2] ?? { t: 'field', e: { t: 'num', v: 0 } };
        const str = this.toStr(await this.eval(target));
        let out = '';
        let pos = 0;
        let from = 0;
        let count = 0;
        let prevEnd = -1;
        while (from <= str.length) {
          const m = re.exec(str, from);
          if (!m) break;
          if (m.index === m.end && m.index === prevEnd) {
            if (m.index >= str.length) break;
            from = m.index + 1;
            continue;
          }
          count++;
          out += str.slice(pos, m.index);
          for (let i = 0; i < repl.length; i++) {
            const c = repl[i];
            if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
              out += repl[++i];
            } else if (c === '&') out += m.groups[0];
            else out += c;
          }
          pos = m.end;
          prevEnd = m.end;
          if (name === 'sub') break;
          if (m.end === m.index) {
            if (m.index >= str.length) break;
            out += str[m.index];
            pos = m.index + 1;
            from = m.index + 1;
          } else from = m.end;
        }
        if (count) await this.assignTo(target, out + str.slice(pos));
        return count;
      }
      case 'match': {
        const str = (await s(0));
        const m = (await this.regexArg(args[1])).exec(str, 0);
        this.setVar('RSTART', m ? m.index + 1 : 0);
        this.setVar('RLENGTH', m ? m.end - m.index : -1);
        return m ? m.index + 1 : 0;
      }
      case 'sprintf':
        if (!args.length) return '';
        {
          const fmt = await s(0);
          const vals: Value[] = [];
          for (const a of args.slice(1)) vals.push(await this.eval(a));
          return this.sprintf(fmt, vals);
        }
      case 'sin': return Math.sin((await n(0)));
      case 'cos': return Math.cos((await n(0)));
      case 'atan2': return Math.atan2((await n(0)), (await n(1)));
      case 'exp': return Math.exp((await n(0)));
      case 'log': return Math.log((await n(0)));
      case 'sqrt': return Math.sqrt((await n(0)));
      case 'int': return Math.trunc((await n(0)));
      case 'rand': {
        // a small LCG so that srand(seed) makes rand() repeatable
        this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
        return this.seed / 2147483648;
      }
      case 'srand': {
        const prev = this.prevSeed;
        this.prevSeed = args.length ? (await n(0)) : Math.floor(this.ctx.sys.now() / 1000);
        this.seed = Math.abs(Math.trunc(this.prevSeed)) % 2147483648;
        return prev;
      }
      case 'tolower': return (await s(0)).toLowerCase();
      case 'toupper': return (await s(0)).toUpperCase();
      case 'system':
      case 'close':
      case 'fflush':
        throw new AwkRuntimeError(`${name} must be awaited`);
    }
    return undefined;
  }

  sprintf(fmt: string, vals: Value[]): string {
    let out = '';
    let ai = 0;
    const next = (): Value => vals[ai++];
    for (let i = 0; i < fmt.length; ) {
      const c = fmt[i];
      if (c !== '%') {
        out += c;
        i++;
        continue;
      }
      if (fmt[i + 1] === '%') {
        out += '%';
        i += 2;
        continue;
      }
      const parsed = parseSpec(fmt, i + 1, () => Math.trunc(toNum(next())));
      if (!parsed) {
        out += fmt.slice(i);
        break;
      }
      const [spec, after] = parsed;
      i = after;
      const v = next();
      switch (spec.conv) {
        case 'd':
        case 'i':
        case 'o':
        case 'x':
        case 'X':
        case 'u': {
          const num = toNum(v);
          if (!Number.isFinite(num)) out += formatFloat(num, { ...spec, conv: 'f' });
          else out += formatInt(BigInt(Math.trunc(num)), spec.conv === 'i' ? { ...spec, conv: 'd' } : spec);
          break;
        }
        case 'e':
        case 'E':
        case 'f':
        case 'F':
        case 'g':
        case 'G':
          out += formatFloat(toNum(v), spec);
          break;
        case 'c': {
          const ch = typeof v === 'number' ? String.fromCharCode(Math.trunc(v) & 255) : this.toStr(v).slice(0, 1);
          out += formatString(ch, spec);
          break;
        }
        case 's':
          out += formatString(this.toStr(v), spec);
          break;
        default:
          out += '%' + spec.conv;
      }
    }
    return out;
  }

  private async getline(e: Extract<Expr, { t: 'getline' }>): Promise<Value> {
    let line: string | null;
    if (e.kind === 'simple') {
      line = await this.nextMainRecord();
      if (line === null) return 0;
      this.setVar('NR', toNum(this.getVar('NR')) + 1);
      this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
    } else {
      const name = this.toStr(await this.eval(e.src!));
      let st = this.inputs.get(name);
      if (!st) {
        try {
          if (e.kind === 'file') {
            const inp = name === '-' || name === '/dev/stdin' ? new Input(this.ctx.sys, 0) : Input.open(this.ctx.sys, textOf(name));
            st = { inp, fd: inp.fd };
          } else {
            await this.flushAll();
            const [r, w] = this.ctx.sys.pipe(O.CLOEXEC);
            const pid = this.ctx.sys.spawn({ path: '/bin/sh', argv: ['sh', '-c', textOf(name)], env: this.ctx.env, fds: { 1: w } });
            this.ctx.sys.close(w);
            st = { inp: new Input(this.ctx.sys, r), fd: r, pid };
          }
        } catch {
          return -1;
        }
        this.inputs.set(name, st);
      }
      line = await this.readRecord(st.inp);
      if (line === null) return 0;
      if (e.kind === 'cmd') this.setVar('NR', toNum(this.getVar('NR')) + 1);
      if (e.kind === 'cmd' && !e.lv) this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
    }
    if (e.lv) await this.assignTo(e.lv, strnum(line));
    else this.setRecord(line);
    return 1;
  }

  private async runShell(cmd: string): Promise<number> {
    try {
      const pid = this.ctx.sys.spawn({ path: '/bin/sh', argv: ['sh', '-c', textOf(cmd)], env: this.ctx.env });
      const st = await this.ctx.sys.waitpid(pid, 0);
      return st?.status ?? 0;
    } catch {
      return 127;
    }
  }

  private async closeStream(name: string): Promise<number> {
    let r = -1;
    const o = this.outputs.get(name);
    if (o) {
      await o.out.flush();
      if (o.fd > 2) this.ctx.sys.close(o.fd);
      r = 0;
      if (o.pid !== undefined) r = (await this.ctx.sys.waitpid(o.pid, 0))?.status ?? 0;
      this.outputs.delete(name);
    }
    const i = this.inputs.get(name);
    if (i) {
      i.inp.close();
      if (i.fd > 2 && i.pid !== undefined) this.ctx.sys.close(i.fd);
      r = 0;
      if (i.pid !== undefined) r = (await this.ctx.sys.waitpid(i.pid, 0))?.status ?? 0;
      this.inputs.delete(name);
    }
    return r;
  }

  async flushAll(): Promise<void> {
    await this.ctx.out.flush();
    for (const o of this.outputs.values()) await o.out.flush();
  }

  private async stream(op: '>' | '>>' | '|', name: string): Promise<Output> {
    const have = this.outputs.get(name);
    if (have) return have.out;
    if (name === '/dev/stdout' || name === '-') return this.ctx.out;
    if (name === '/dev/stderr') {
      await this.ctx.out.flush();
      return this.ctx.errOut;
    }
    let fd: number;
    let pid: number | undefined;
    try {
      if (op === '|') {
        await this.flushAll();
        const [r, w] = this.ctx.sys.pipe(O.CLOEXEC);
        pid = this.ctx.sys.spawn({ path: '/bin/sh', argv: ['sh', '-c', textOf(name)], env: this.ctx.env, fds: { 0: r } });
        this.ctx.sys.close(r);
        fd = w;
      } else fd = this.ctx.sys.open(textOf(name), O.WRONLY | O.CREAT | (op === '>>' ? O.APPEND : O.TRUNC), 0o666);
    } catch (e) {
      throw new AwkRuntimeError(`cannot open "${name}" for output: ${errorText(e)}`);
    }
    const out = new Output(this.ctx.sys, fd);
    this.outputs.set(name, { out, fd, pid });
    return out;
  }

  private async exec(s: Stmt): Promise<void> {
    switch (s.t) {
      case 'expr':
        await this.eval(s.e);
        return;
      case 'block':
        for (const x of s.body) await this.exec(x);
        return;
      case 'if':
        if (this.truthy(await this.eval(s.c))) await this.exec(s.a);
        else if (s.b) await this.exec(s.b);
        return;
      case 'while':
        while (this.truthy(await this.eval(s.c))) {
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (e instanceof ContinueSignal) continue;
            throw e;
          }
        }
        return;
      case 'do':
        do {
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (e instanceof ContinueSignal) continue;
            throw e;
          }
        } while (this.truthy(await this.eval(s.c)));
        return;
      case 'for':
        if (s.init) await this.eval(s.init);
        while (!s.c || this.truthy(await this.eval(s.c))) {
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
          if (s.step) await this.eval(s.step);
        }
        return;
      case 'forin': {
        const arr = this.arrayOf(s.name, s.local);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          await this.assignTo(s.v, strnum(k));
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        return;
      }
      case 'delete': {
        const arr = this.arrayOf(s.name, s.local);
        if (s.subs) arr.delete(await this.subscript(s.subs));
        else arr.clear();
        return;
      }
      case 'next':
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(await this.eval(s.e))) & 255 : this.exitCode);
      case 'return':
        throw new ReturnSignal(s.e ? await this.eval(s.e) : undefined);
    }
    return this.execOther(s);
  }

  private async execOther(s: Stmt): Promise<void> {
    switch (s.t) {
      case 'print':
      case 'printf': {
        const vals: Value[] = [];
        for (const a of s.args) vals.push(await this.eval(a));
        let text: string;
        if (s.t === 'print') {
          const parts = vals.length ? vals.map((v) => (typeof v === 'number' ? this.toStr(v, 'OFMT') : this.toStr(v))) : [this.record];
          text = parts.join(this.str('OFS')) + this.str('ORS');
        } else {
          if (!vals.length) throw new AwkRuntimeError('printf: no format');
          text = this.sprintf(this.toStr(vals[0]), vals.slice(1));
        }
        const out = s.redir ? await this.stream(s.redir.op, this.toStr(await this.eval(s.redir.e))) : this.ctx.out;
        await out.write(text);
        if (out === this.ctx.errOut) await out.flush();
        return;
      }
      case 'expr':
        await this.eval(s.e);
        return;
      case 'block':
        for (const x of s.body) {
          await this.exec(x);
        }
        return;
      case 'if':
        if (this.truthy(await this.eval(s.c))) {
          await this.exec(s.a);
        } else if (s.b) {
          await this.exec(s.b);
        }
        return;
      case 'while':
      case 'do':
      case 'for': {
        if (s.t === 'for' && s.init) await this.eval(s.init);
        let first = s.t === 'do';
        for (;;) {
          if (!first) {
            const c = s.t === 'for' ? s.c : s.c;
            if (c && !this.truthy(await this.eval(c))) break;
          }
          first = false;
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
          if (s.t === 'for' && s.step) await this.eval(s.step);
        }
        return;
      }
      case 'forin': {
        const arr = this.arrayOf(s.name, s.local);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          await this.assignTo(s.v, strnum(k));
          try {
            await this.exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        return;
      }
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(await this.eval(s.e))) & 255 : this.exitCode);
      default: {
        await this.exec(s);
      }
    }
  }

  // ---- main input ----
  private rsRegex: PosixRegex | null = null;
  private pending = '';
  private async readRecord(inp: Input): Promise<string | null> {
    const rs = this.str('RS');
    if (rs === '\n') {
      const l = await inp.line();
      if (l === null) return null;
      return l.endsWith('\n') ? l.slice(0, -1) : l;
    }
    if (rs === '') {
      let l: string | null;
      do {
        l = await inp.line();
        if (l === null) return null;
      } while (l === '\n');
      let rec = l.endsWith('\n') ? l.slice(0, -1) : l;
      for (;;) {
        const n = await inp.line();
        if (n === null || n === '\n') break;
        rec += '\n' + (n.endsWith('\n') ? n.slice(0, -1) : n);
      }
      return rec;
    }
    if (rs.length === 1) {
      const l = await inp.line(rs);
      if (l === null) return null;
      return l.endsWith(rs) ? l.slice(0, -1) : l;
    }
    // a regular-expression RS: read the rest and split
    if (!this.rsRegex) this.rsRegex = this.regex(rs);
    if (this.pending === '' ) this.pending = await inp.all();
    if (this.pending === '') return null;
    const m = this.rsRegex.exec(this.pending, 0);
    if (!m || m.end === m.index) {
      const rec = this.pending.replace(/\n$/, '');
      this.pending = '';
      return rec;
    }
    const rec = this.pending.slice(0, m.index);
    this.pending = this.pending.slice(m.end);
    return rec;
  }

  private async nextMainRecord(): Promise<string | null> {
    for (;;) {
      if (!this.main) {
        const argc = Math.trunc(toNum(this.getVar('ARGC')));
        const argv = this.arrayOf('ARGV');
        let opened = false;
        while (this.argIndex < argc) {
          const a = this.toStr(argv.get(String(this.argIndex++)));
          if (a === '') continue;
          const eq = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(a);
          if (eq) {
            this.setVar(a.slice(0, eq[0].length - 1), strnum(unescapeString(a.slice(eq[0].length))));
            continue;
          }
          try {
            this.main = a === '-' ? new Input(this.ctx.sys, 0) : Input.open(this.ctx.sys, textOf(a));
          } catch (e) {
            await this.ctx.error(`${textOf(a)}: ${errorText(e)}`);
            this.exitCode = 1;
            continue;
          }
          this.setVar('FILENAME', a);
          this.setVar('FNR', 0);
          opened = true;
          break;
        }
        if (!opened) {
          if (this.usedStdin) return null;
          this.usedStdin = true;
          this.main = new Input(this.ctx.sys, 0);
          this.setVar('FNR', 0);
        }
      }
      const rec = await this.readRecord(this.main!);
      if (rec !== null) {
        this.usedStdin = true;
        return rec;
      }
      this.main!.close();
      this.main = null;
    }
  }
  private usedStdin = false;

  async run(operands: string[]): Promise<number> {
    const argv = new Map<string, Value>();
    argv.set('0', 'awk');
    operands.forEach((o, i) => argv.set(String(i + 1), strnum(bytesOf(o))));
    this.globals.set('ARGV', { arr: argv });
    this.globals.set('ARGC', { v: operands.length + 1 });
    // with file operands, stdin is read only through '-'
    if (operands.some((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(o))) this.usedStdin = true;
    let exiting = false;
    try {
      for (const it of this.prog.items) if (it.kind === 'begin') await this.execList(it.action!);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.exitCode = e.code;
        exiting = true;
      } else throw e;
    }
    const mains = this.prog.items.filter((i) => i.kind === 'main');
    const hasEnd = this.prog.items.some((i) => i.kind === 'end');
    if (!exiting && (mains.length || hasEnd)) {
      try {
        recordLoop: for (;;) {
          const rec = await this.nextMainRecord();
          if (rec === null) break;
          this.setRecord(rec);
          this.setVar('NR', toNum(this.getVar('NR')) + 1);
          this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
          for (let k = 0; k < mains.length; k++) {
            const it = mains[k];
            try {
              if (!(await this.matches(it, k))) continue;
              if (it.action) await this.execList(it.action);
              else await this.ctx.out.write(this.record + this.str('ORS'));
            } catch (e) {
              if (e instanceof NextSignal) continue recordLoop;
              if (e instanceof NextFileSignal) {
                this.main?.close();
                this.main = null;
                continue recordLoop;
              }
              throw e;
            }
          }
        }
      } catch (e) {
        if (e instanceof ExitSignal) this.exitCode = e.code;
        else throw e;
      }
    }
    this.inEnd = true;
    try {
      for (const it of this.prog.items) if (it.kind === 'end') await this.execList(it.action!);
    } catch (e) {
      if (e instanceof ExitSignal) this.exitCode = e.code;
      else throw e;
    }
    await this.flushAll();
    for (const name of [...this.outputs.keys(), ...this.inputs.keys()]) await this.closeStream(name);
    return this.exitCode;
  }

  private async matches(it: { pattern?: Expr; pattern2?: Expr }, k: number): Promise<boolean> {
    if (!it.pattern) return true;
    if (!it.pattern2) return this.truthy(await this.eval(it.pattern));
    if (!this.rangeActive[k]) {
      if (!this.truthy(await this.eval(it.pattern))) return false;
      this.rangeActive[k] = !this.truthy(await this.eval(it.pattern2));
      return true;
    }
    if (this.truthy(await this.eval(it.pattern2))) this.rangeActive[k] = false;
    return true;
  }

  private async execList(body: Stmt[]): Promise<void> {
    for (const s of body) {
      await this.exec(s);
    }
  }
}

