/**
 * awk's parser: tokens to a syntax tree of pattern-action items, function definitions and
 * statements, following the POSIX grammar's precedence (grouping, $, ++/--, ^, unary,
 * * / %, + -, concatenation, comparisons, ~ !~, in, &&, ||, ?:, assignment) and its
 * special cases: '>' and '|' are redirections inside print, `(a, b) in arr`, the getline
 * forms, and newlines that end statements.
 */
import { PosixRegex } from '../../lib/posix-regex.js';
import { AwkSyntaxError, tokenize, type Token } from './lexer.js';

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 're'; re: PosixRegex; src: string }
  | { t: 'var'; name: string; local?: number }
  | { t: 'field'; e: Expr }
  | { t: 'index'; name: string; local?: number; subs: Expr[] }
  | { t: 'assign'; op: string; lhs: Expr; rhs: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr }
  | { t: 'or' | 'and'; a: Expr; b: Expr }
  | { t: 'in'; subs: Expr[]; name: string; local?: number }
  | { t: 'match'; neg: boolean; a: Expr; re: Expr }
  | { t: 'cmp'; op: string; a: Expr; b: Expr }
  | { t: 'concat'; a: Expr; b: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'unary'; op: string; e: Expr }
  | { t: 'incdec'; op: string; pre: boolean; lv: Expr }
  | { t: 'call'; name: string; args: Expr[] }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; kind: 'simple' | 'file' | 'cmd'; lv?: Expr; src?: Expr }
  | { t: 'group'; e: Expr }
  | { t: 'grouplist'; list: Expr[] };

export interface Redir {
  op: '>' | '>>' | '|';
  e: Expr;
}

export type Stmt =
  | { t: 'expr'; e: Expr }
  | { t: 'print' | 'printf'; args: Expr[]; redir?: Redir }
  | { t: 'if'; c: Expr; a: Stmt; b?: Stmt }
  | { t: 'while'; c: Expr; body: Stmt }
  | { t: 'do'; body: Stmt; c: Expr }
  | { t: 'for'; init?: Expr; c?: Expr; step?: Expr; body: Stmt }
  | { t: 'forin'; v: Expr; name: string; local?: number; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' | 'nextfile' | 'break' | 'continue' }
  | { t: 'exit' | 'return'; e?: Expr }
  | { t: 'delete'; name: string; local?: number; subs?: Expr[] };

export interface Item {
  kind: 'begin' | 'end' | 'main';
  pattern?: Expr;
  pattern2?: Expr;
  action?: Stmt[];
}

export interface FuncDef {
  name: string;
  params: string[];
  body: Stmt[];
}

export interface Program {
  items: Item[];
  funcs: Map<string, FuncDef>;
}

export function parseProgram(src: string): Program {
  const toks = tokenize(src);
  let p = 0;
  let params: string[] | null = null;
  let printDepth = 0; // > 0 while parsing a print's arguments outside parentheses
  let parenDepth = 0;
  const peek = (o = 0): Token => toks[Math.min(p + o, toks.length - 1)];
  const is = (v: string, o = 0): boolean => {
    const t = peek(o);
    return (t.kind === 'op' || t.kind === 'kw') && t.v === v;
  };
  const fail = (what?: string): never => {
    const t = peek();
    // busybox's wording: "cmd. line:N: Unexpected token"
    throw new AwkSyntaxError(`line:${t.line}: ${what ?? 'Unexpected token'}`);
  };
  const expect = (v: string): void => {
    if (!is(v)) fail(`expected '${v}'`);
    p++;
  };
  const skipNl = (): void => {
    while (peek().kind === 'nl') p++;
  };
  const skipTerms = (): void => {
    while (peek().kind === 'nl' || is(';')) p++;
  };
  const nameRef = (name: string): { name: string; local?: number } => {
    const i = params ? params.indexOf(name) : -1;
    return i >= 0 ? { name, local: i } : { name };
  };

  // ---- expressions ----
  const startsOperand = (): boolean => {
    const t = peek();
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'ere' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return t.v === '$' || t.v === '(' || t.v === '!' || t.v === '-' || t.v === '+' || t.v === '++' || t.v === '--';
    return false;
  };
  const lvalue = (): Expr => {
    const t = peek();
    if (t.kind === 'name') {
      p++;
      if (is('[')) {
        p++;
        const subs = exprList();
        expect(']');
        return { t: 'index', ...nameRef(t.v), subs };
      }
      return { t: 'var', ...nameRef(t.v) };
    }
    if (is('$')) {
      p++;
      return { t: 'field', e: incdec() };
    }
    return fail();
  };
  const isLvalue = (e: Expr): boolean => e.t === 'var' || e.t === 'field' || e.t === 'index';
  const primary = (): Expr => {
    const t = peek();
    switch (t.kind) {
      case 'num':
        p++;
        return { t: 'num', v: t.n! };
      case 'str':
        p++;
        return { t: 'str', v: t.v };
      case 'ere':
        p++;
        try {
          return { t: 're', re: new PosixRegex(t.v, { extended: true }), src: t.v };
        } catch (e) {
          return fail(`bad regex /${t.v}/: ${(e as Error).message}`);
        }
      case 'funcname': {
        p++;
        expect('(');
        const args = is(')') ? [] : exprList();
        expect(')');
        return { t: 'call', name: t.v, args };
      }
      case 'builtin': {
        p++;
        if (is('(')) {
          p++;
          parenDepth++;
          const args = is(')') ? [] : exprList();
          parenDepth--;
          expect(')');
          return { t: 'builtin', name: t.v, args };
        }
        if (t.v === 'length') return { t: 'builtin', name: 'length', args: [] };
        return fail();
      }
      case 'name':
        return lvalue();
      case 'kw':
        if (t.v === 'getline') {
          p++;
          let lv: Expr | undefined;
          if (peek().kind === 'name' || is('$')) lv = lvalue();
          if (is('<')) {
            p++;
            const src = incdec();
            return { t: 'getline', kind: 'file', lv, src };
          }
          return { t: 'getline', kind: 'simple', lv };
        }
        return fail();
      case 'op':
        if (t.v === '$') {
          p++;
          return { t: 'field', e: incdec() };
        }
        if (t.v === '(') {
          p++;
          parenDepth++;
          const saved = printDepth;
          printDepth = 0;
          const list = exprList();
          printDepth = saved;
          parenDepth--;
          expect(')');
          if (list.length > 1) return { t: 'grouplist', list };
          return { t: 'group', e: list[0] };
        }
        if (t.v === '-' || t.v === '+' || t.v === '!') {
          p++;
          return { t: 'unary', op: t.v, e: unary() };
        }
        return fail();
      default:
        return fail();
    }
  };
  const incdec = (): Expr => {
    if (is('++') || is('--')) {
      const op = peek().v;
      p++;
      const lv = lvalue();
      return { t: 'incdec', op, pre: true, lv };
    }
    const e = primary();
    if ((is('++') || is('--')) && isLvalue(e)) {
      const op = peek().v;
      p++;
      return { t: 'incdec', op, pre: false, lv: e };
    }
    return e;
  };
  const power = (): Expr => {
    const base = incdec();
    if (is('^')) {
      p++;
      const exp = unaryForPower();
      return { t: 'bin', op: '^', a: base, b: exp };
    }
    return base;
  };
  const unaryForPower = (): Expr => {
    if (is('-') || is('+') || is('!')) {
      const op = peek().v;
      p++;
      return { t: 'unary', op, e: unaryForPower() };
    }
    return power();
  };
  const unary = (): Expr => {
    if (is('-') || is('+') || is('!')) {
      const op = peek().v;
      p++;
      return { t: 'unary', op, e: unary() };
    }
    return power();
  };
  const mul = (): Expr => {
    let a = unary();
    while (is('*') || is('/') || is('%')) {
      const op = peek().v;
      p++;
      a = { t: 'bin', op, a, b: unary() };
    }
    return a;
  };
  const add = (): Expr => {
    let a = mul();
    while (is('+') || is('-')) {
      const op = peek().v;
      p++;
      a = { t: 'bin', op, a, b: mul() };
    }
    return a;
  };
  const concat = (): Expr => {
    let a = add();
    for (;;) {
      if (is('in') || !startsOperand() || is('-') || is('+') || is('!')) break;
      a = { t: 'concat', a, b: add() };
    }
    return a;
  };
  const comparison = (): Expr => {
    let a = concat();
    for (;;) {
      if (is('|') && is('getline', 1)) {
        p += 2;
        let lv: Expr | undefined;
        if (peek().kind === 'name' || is('$')) lv = lvalue();
        a = { t: 'getline', kind: 'cmd', lv, src: a };
        continue;
      }
      const t = peek();
      if (t.kind === 'op' && ['<', '<=', '==', '!=', '>=', '>'].includes(t.v)) {
        if (t.v === '>' && printDepth > 0 && parenDepth === 0) break;
        p++;
        a = { t: 'cmp', op: t.v, a, b: concat() };
        continue;
      }
      break;
    }
    return a;
  };
  const matchExpr = (): Expr => {
    let a = comparison();
    while (is('~') || (is('!~'))) {
      const neg = peek().v === '!~';
      p++;
      a = { t: 'match', neg, a, re: comparison() };
    }
    return a;
  };
  const inExpr = (): Expr => {
    let a = matchExpr();
    while (is('in')) {
      p++;
      const n = peek();
      if (n.kind !== 'name') fail();
      p++;
      const subs = a.t === 'grouplist' ? a.list : [a.t === 'group' ? a.e : a];
      a = { t: 'in', subs, ...nameRef(n.v) };
    }
    return a;
  };
  const andExpr = (): Expr => {
    let a = inExpr();
    while (is('&&')) {
      p++;
      skipNl();
      a = { t: 'and', a, b: inExpr() };
    }
    return a;
  };
  const orExpr = (): Expr => {
    let a = andExpr();
    while (is('||')) {
      p++;
      skipNl();
      a = { t: 'or', a, b: andExpr() };
    }
    return a;
  };
  const ternary = (): Expr => {
    const c = orExpr();
    if (is('?')) {
      p++;
      skipNl();
      const a = ternary();
      skipNl();
      expect(':');
      skipNl();
      const b = ternary();
      return { t: 'cond', c, a, b };
    }
    return c;
  };
  const expr = (): Expr => {
    const lhs = ternary();
    const t = peek();
    if (t.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(t.v) && isLvalue(lhs)) {
      p++;
      skipNl();
      return { t: 'assign', op: t.v, lhs, rhs: expr() };
    }
    // a regex literal or a division assignment written as /=: handled by the lexer
    return lhs;
  };
  const exprList = (): Expr[] => {
    const list = [expr()];
    while (is(',')) {
      p++;
      skipNl();
      list.push(expr());
    }
    return list;
  };

  // ---- statements ----
  const simpleEnd = (): void => {
    if (is(';') || peek().kind === 'nl') {
      p++;
      return;
    }
    if (is('}') || peek().kind === 'eof') return;
    fail();
  };
  const printStmt = (kind: 'print' | 'printf'): Stmt => {
    p++;
    let args: Expr[] = [];
    printDepth++;
    if (startsOperand() && !is('>') ) {
      args = exprList();
    }
    printDepth--;
    if (args.length === 1 && args[0].t === 'grouplist') args = args[0].list;
    let redir: Redir | undefined;
    if (is('>') || is('>>') || is('|')) {
      const op = peek().v as '>' | '>>' | '|';
      p++;
      printDepth++;
      redir = { op, e: concat() };
      printDepth--;
    }
    return { t: kind, args, redir };
  };
  const stmt = (): Stmt => {
    const t = peek();
    if (is('{')) {
      p++;
      const body = stmtList();
      expect('}');
      return { t: 'block', body };
    }
    if (t.kind === 'kw') {
      switch (t.v) {
        case 'if': {
          p++;
          expect('(');
          const c = expr();
          expect(')');
          skipNl();
          const a = stmtOrEmpty();
          const save = p;
          skipTerms();
          if (is('else')) {
            p++;
            skipNl();
            return { t: 'if', c, a, b: stmtOrEmpty() };
          }
          p = save;
          return { t: 'if', c, a };
        }
        case 'while': {
          p++;
          expect('(');
          const c = expr();
          expect(')');
          if (is(';')) {
            p++;
            return { t: 'while', c, body: { t: 'block', body: [] } };
          }
          skipNl();
          return { t: 'while', c, body: stmtOrEmpty() };
        }
        case 'do': {
          p++;
          skipNl();
          const body = stmtOrEmpty();
          skipTerms();
          if (!is('while')) fail("expected 'while'");
          p++;
          expect('(');
          const c = expr();
          expect(')');
          simpleEnd();
          return { t: 'do', body, c };
        }
        case 'for': {
          p++;
          expect('(');
          if (peek().kind === 'name' && is('in', 1) && peek(2).kind === 'name' && is(')', 3)) {
            const v: Expr = { t: 'var', ...nameRef(peek().v) };
            const arr = peek(2).v;
            p += 4;
            skipNl();
            return { t: 'forin', v, ...nameRef(arr), body: stmtOrEmpty() };
          }
          if (is('(') && peek(1).kind === 'name' && is(')', 2) && is('in', 3)) {
            /* for ((k) in a) is unusual: fall through to the C form */
          }
          const init = is(';') ? undefined : expr();
          expect(';');
          skipNl();
          const c = is(';') ? undefined : expr();
          expect(';');
          skipNl();
          const step = is(')') ? undefined : expr();
          expect(')');
          if (is(';')) {
            p++;
            return { t: 'for', init, c, step, body: { t: 'block', body: [] } };
          }
          skipNl();
          return { t: 'for', init, c, step, body: stmtOrEmpty() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          p++;
          simpleEnd();
          return { t: t.v };
        case 'exit':
        case 'return': {
          p++;
          const e = is(';') || is('}') || peek().kind === 'nl' || peek().kind === 'eof' ? undefined : expr();
          simpleEnd();
          return { t: t.v, e };
        }
        case 'delete': {
          p++;
          const n = peek();
          if (n.kind !== 'name') fail();
          p++;
          let subs: Expr[] | undefined;
          if (is('[')) {
            p++;
            subs = exprList();
            expect(']');
          }
          simpleEnd();
          return { t: 'delete', ...nameRef(n.v), subs };
        }
        case 'print':
        case 'printf': {
          const s = printStmt(t.v);
          simpleEnd();
          return s;
        }
      }
    }
    if (is(';')) {
      p++;
      return { t: 'block', body: [] };
    }
    const e = expr();
    simpleEnd();
    return { t: 'expr', e };
  };
  const stmtOrEmpty = (): Stmt => {
    if (is(';')) {
      p++;
      return { t: 'block', body: [] };
    }
    return stmt();
  };
  const stmtList = (): Stmt[] => {
    const body: Stmt[] = [];
    skipTerms();
    while (!is('}') && peek().kind !== 'eof') {
      body.push(stmt());
      skipTerms();
    }
    return body;
  };
  const action = (): Stmt[] => {
    expect('{');
    const body = stmtList();
    expect('}');
    return body;
  };

  const items: Item[] = [];
  const funcs = new Map<string, FuncDef>();
  skipTerms();
  while (peek().kind !== 'eof') {
    if (is('BEGIN')) {
      p++;
      skipNl();
      items.push({ kind: 'begin', action: action() });
    } else if (is('END')) {
      p++;
      skipNl();
      items.push({ kind: 'end', action: action() });
    } else if (is('function')) {
      p++;
      const n = peek();
      if (n.kind !== 'name' && n.kind !== 'funcname') fail('expected a function name');
      p++;
      expect('(');
      const ps: string[] = [];
      while (!is(')')) {
        const a = peek();
        if (a.kind !== 'name') fail();
        ps.push(a.v);
        p++;
        if (is(',')) {
          p++;
          skipNl();
        }
      }
      p++;
      skipNl();
      params = ps;
      const body = action();
      params = null;
      funcs.set(n.v, { name: n.v, params: ps, body });
    } else {
      let pattern: Expr | undefined;
      let pattern2: Expr | undefined;
      if (!is('{')) {
        pattern = expr();
        if (is(',')) {
          p++;
          skipNl();
          pattern2 = expr();
        }
      }
      const act = is('{') ? action() : undefined;
      items.push({ kind: 'main', pattern, pattern2, action: act });
    }
    skipTerms();
  }
  return { items, funcs };
}
