import t from 'tap';
import { parse } from '../../packages/userland/shell/parser.js';
import { ShellSyntaxError, type Command } from '../../packages/userland/shell/syntax.js';

function first(src: string): Command {
  const list = parse(src);
  if (list.type !== 'list') throw new Error('not a list');
  return list.items[0].command;
}

t.test('words keep their source text for run-time expansion', async (t) => {
  const c = first(`echo 'a b' "c $d" e\\ f $(echo ')') \${x:-}`);
  t.equal(c.type, 'simple');
  if (c.type === 'simple') t.same(c.words, ['echo', `'a b'`, `"c $d"`, 'e\\ f', `$(echo ')')`, '${x:-}']);
});

t.test('lists, and-or, pipelines and compound commands', async (t) => {
  const c = first('a | b && c || d');
  t.equal(c.type, 'or');
  t.equal(first('if a; then b; elif c; then d; else e; fi').type, 'if');
  t.equal(first('for i in 1 2; do echo $i; done').type, 'for');
  t.equal(first('case x in (a|b) echo;; *) ;; esac').type, 'case');
  t.equal(first('f() { echo; }').type, 'function');
  t.equal(first('( a; b )').type, 'subshell');
});

t.test('redirections and here-documents', async (t) => {
  const c = first('cmd <in >out 2>err >>app 2>&1 3<&- <<-EOF\n\tbody\n\tEOF\n');
  if (c.type !== 'simple') return t.fail('not simple');
  t.same(c.redirections.map((r) => [r.fd, r.op, r.target]), [[0, '<', 'in'], [1, '>', 'out'], [2, '>', 'err'], [1, '>>', 'app'], [2, '>&', '1'], [3, '<&', '-'], [0, '<<', 'EOF']]);
  t.equal(c.redirections[6].heredoc?.body, 'body\n');
});

t.test('syntax errors name the line and the token, as dash does', async (t) => {
  const err = (src: string): string => {
    try {
      parse(src);
      return 'no error';
    } catch (e) {
      return e instanceof ShellSyntaxError ? `${e.line}: ${e.message}` : String(e);
    }
  };
  t.equal(err('| a'), '1: Syntax error: "|" unexpected');
  t.equal(err('echo a\nif true; then echo'), '2: Syntax error: end of file unexpected (expecting "fi")');
  t.equal(err(`echo 'abc`), '1: Syntax error: Unterminated quoted string');
  t.equal(err('a ;; b'), '1: Syntax error: ";;" unexpected');
});
