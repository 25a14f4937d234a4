import t from 'tap';
import { parse } from '../../kernel/shell/parser.js';
import { wordText } from '../../kernel/shell/lexer.js';

function words(line: string): string[][] {
  return parse(line).items.flatMap((i) => [i.andOr.first, ...i.andOr.rest.map((r) => r.pipeline)]).flatMap((p) => p.commands.map((c) => c.words.map(wordText)));
}

t.test('words, quotes and escapes', async (t) => {
  t.same(words(`echo 'a b' "c d" e\\ f`), [['echo', 'a b', 'c d', 'e f']]);
  t.same(words(`echo "" x`), [['echo', '', 'x']]);
  t.same(words(`echo a'b'"c"`), [['echo', 'abc']]);
  t.same(words(`echo "say \\"hi\\" \\$HOME"`), [['echo', 'say "hi" $HOME']]);
  t.same(words(`echo 'it''s'`), [['echo', 'its']]);
  t.same(words('echo a # a comment'), [['echo', 'a']]);
});

t.test('variables are kept as parts for run-time expansion', async (t) => {
  const cmd = parse('echo $HOME ${USER}x "$?"').items[0].andOr.first.commands[0];
  t.same(cmd.words[1].parts, [{ kind: 'var', name: 'HOME', quoted: false }]);
  t.same(cmd.words[2].parts, [{ kind: 'var', name: 'USER', quoted: false }, { kind: 'text', text: 'x', quoted: false }]);
  t.same(cmd.words[3].parts.filter((p) => p.kind === 'var'), [{ kind: 'var', name: '?', quoted: true }]);
  t.same(words('echo $ a$'), [['echo', '$', 'a$']]);
});

t.test('lists, and-or and pipelines', async (t) => {
  const list = parse('a | b | c && d || e; f');
  t.equal(list.items.length, 2);
  t.equal(list.items[0].andOr.first.commands.length, 3);
  t.same(list.items[0].andOr.rest.map((r) => r.op), ['&&', '||']);
  t.same(words('pkg install stdcheck && stdcheck'), [['pkg', 'install', 'stdcheck'], ['stdcheck']]);
});

t.test('redirections', async (t) => {
  const cmd = parse('cmd <in >out 2>err >>app 2>&1').items[0].andOr.first.commands[0];
  t.same(
    cmd.redirections.map((r) => [r.fd, r.kind, r.target ? wordText(r.target) : r.dupFrom]),
    [
      [0, 'read', 'in'],
      [1, 'write', 'out'],
      [2, 'write', 'err'],
      [1, 'append', 'app'],
      [2, 'dup', 1],
    ],
  );
});

t.test('assignments', async (t) => {
  const cmd = parse('FOO=bar BAZ="q x" env').items[0].andOr.first.commands[0];
  t.same(cmd.assignments.map((a) => [a.name, wordText(a.value)]), [['FOO', 'bar'], ['BAZ', 'q x']]);
  t.same(cmd.words.map(wordText), ['env']);
});

t.test('syntax errors name the offending token', async (t) => {
  t.throws(() => parse('| a'), { message: "sh: syntax error near '|'" });
  t.throws(() => parse('a | | b'), { message: "sh: syntax error near '|'" });
  t.throws(() => parse('a &&'), { message: "sh: syntax error near 'newline'" });
  t.throws(() => parse('a ;; b'), { message: "sh: syntax error near ';'" });
  t.throws(() => parse('echo >'), { message: "sh: syntax error near 'newline'" });
  t.throws(() => parse(`echo 'abc`), { message: 'sh: syntax error: unterminated quoted string' });
  t.same(parse('').items, []);
  t.same(parse('   # only a comment').items, []);
});
