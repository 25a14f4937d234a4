import t from 'tap';
import { LineEditor, type EditorEvent } from '../../kernel/shell/line-editor.js';

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
