import t from 'tap';
import { LineEditor, type EditorEvent } from '../../packages/userland/shell/line-editor.js';

function session(keys: string[], history: string[] = []): { events: EditorEvent[]; screen: string } {
  let screen = '';
  const ed = new LineEditor((s) => (screen += s), history);
  ed.begin('$ ');
  const events: EditorEvent[] = [];
  for (const k of keys) events.push(...ed.feed(Buffer.from(k)));
  return { events, screen };
}

const lines = (evs: EditorEvent[]) => evs.map((e) => (e.kind === 'line' ? e.text : `<${e.kind}>`));

t.test('typing and enter', async (t) => {
  const { events, screen } = session(['ls -l', '\r']);
  t.same(lines(events), ['ls -l']);
  t.match(screen, /^\$ ls -l\r\n$/);
});

t.test('backspace, ctrl-u, ctrl-w', async (t) => {
  t.same(lines(session(['echo hx', '\x7f', 'i\r']).events), ['echo hi']);
  t.same(lines(session(['garbage', '\x15', 'pwd\r']).events), ['pwd']);
  t.same(lines(session(['echo one two  ', '\x17', 'three\r']).events), ['echo one three']);
});

t.test('cursor movement inserts in the middle', async (t) => {
  t.same(lines(session(['eho', '\x1b[D', '\x7f', 'ch', '\r']).events), ['echo']);
  t.same(lines(session(['bc', '\x01', 'a', '\x05', 'd\r']).events), ['abcd']);
});

t.test('history with up and down', async (t) => {
  const history = ['first', 'second'];
  t.same(lines(session(['\x1b[A', '\r'], history).events), ['second']);
  t.same(lines(session(['\x1b[A', '\x1b[A', '\x1b[B', '\r'], ['a', 'b']).events), ['b']);
  t.same(lines(session(['draft', '\x1b[A', '\x1b[B', '\r'], ['old']).events), ['draft']);
});

t.test('ctrl-c clears the line, ctrl-d on an empty line is end of input', async (t) => {
  const { events, screen } = session(['half a command', '\x03', '\x04']);
  t.same(lines(events), ['<interrupt>', '<eof>']);
  t.match(screen, /\^C\r\n/);
  t.same(lines(session(['ab', '\x01', '\x04', '\r']).events), ['b'], 'ctrl-d deletes under the cursor');
  t.same(lines(session(['ab', '\x01', '\x1b[3~', '\r']).events), ['b'], 'so does Delete');
});

t.test('escape sequences split across reads', async (t) => {
  t.same(lines(session(['x', '\x1b', '[', 'D', 'y\r']).events), ['yx']);
});

t.test('tab completes the word before the cursor; a second tab lists the choices', async (t) => {
  const names = ['echo', 'env', 'exit', 'grep'];
  const completer = (_line: string, _start: number, word: string) => names.filter((n) => n.startsWith(word));
  const run = (keys: string[]) => {
    let screen = '';
    const ed = new LineEditor((s) => (screen += s), [], completer);
    ed.begin('$ ');
    const events: EditorEvent[] = [];
    for (const k of keys) events.push(...ed.feed(Buffer.from(k)));
    return { events, screen };
  };
  t.same(lines(run(['gr', '\t', 'x\r']).events), ['grep x'], 'a unique completion and a space');
  t.same(lines(run(['ec', '\t', 'hi\r']).events), ['echo hi']);
  const both = run(['e', '\t', '\t']);
  t.match(both.screen, /echo {2}env {2}exit/, 'the choices are listed');
  t.same(lines(run(['ex', '\t', '\r']).events), ['exit ']);
});

t.test('ctrl-r searches the history backwards', async (t) => {
  const history = ['ls /bin', 'echo first', 'cat file', 'echo second'];
  t.same(lines(session(['\x12', 'echo', '\r'], [...history]).events), ['echo second'], 'the newest match');
  t.same(lines(session(['\x12', 'echo', '\x12', '\r'], [...history]).events), ['echo first'], 'ctrl-r again: an older one');
  const edited = session(['\x12', 'cat', '\x1b[C', ' more\r'], [...history]);
  t.same(lines(edited.events), ['cat file more'], 'another key edits the match');
  t.match(edited.screen, /\(reverse-i-search\)'cat': cat file/);
  t.same(lines(session(['\x12', 'zzz', '\x07', 'pwd\r'], [...history]).events), ['pwd'], 'ctrl-g gives up');
});
