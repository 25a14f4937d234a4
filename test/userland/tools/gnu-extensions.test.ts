/**
 * What Debian's busybox build lacks (comm, printenv, nl -n, sort -h, uniq -D, cut
 * --output-delimiter, find -delete, xargs -L/-d, tr [c*n], seq -f, sed's step
 * addresses) compared with the host's GNU tools instead.
 */
import t from 'tap';
import { compareWithBusybox, type Case } from '../busybox-compare.js';

const files = { a: 'one\nthree\ntwo\n', b: 'four\none\nthree\n', h: '1K\n2M\n512\n1G\n3K\n', dup: 'a\na\nb\nc\nc\nc\n', csv: 'x,y,z\n1,2,3\n', 'd/k.h': '', 'd/m.c': '', 'd/s/n.h': '' };
const g = (tool: string, args: string[], extra: Partial<Case> = {}): Case => ({ tool, args, files, gnu: true, ...extra });

const cases: Case[] = [
  g('comm', ['a', 'b']), g('comm', ['-12', 'a', 'b']), g('comm', ['-3', 'a', 'b']), g('comm', ['-1', 'a', 'b']), g('comm', ['-23', 'a', 'b']),
  g('printenv', ['HOME']), g('printenv', ['NOPE']), g('printenv', ['HOME', 'NOPE', 'TZ']),
  g('nl', ['-n', 'ln', 'a']), g('nl', ['-n', 'rz', '-w', '3', 'a']),
  g('sort', ['-h', 'h']), g('uniq', ['-D', 'dup']), g('cut', ['-d', ',', '--output-delimiter=|', '-f', '1,3', 'csv']),
  g('find', ['d', '-name', '*.h', '-delete'], { tree: true }), g('find', ['d', '-delete'], { tree: true }),
  g('xargs', ['-L', '1', 'echo'], { stdin: 'a b\nc d\n' }), g('xargs', ['-d', ',', 'echo'], { stdin: 'a,b c,d' }),
  g('tr', ['a-c', '[x*]'], { stdin: 'abcd\n' }), g('tr', ['a-f', 'A[x*2]B'], { stdin: 'abcdef\n' }),
  g('seq', ['-f', '%.2f', '1', '3']), g('seq', ['-w', '-3', '2']),
  g('sed', ['1~3d'], { stdin: '1\n2\n3\n4\n5\n6\n7\n' }), g('sed', ['0~3d'], { stdin: '1\n2\n3\n4\n5\n6\n7\n' }), g('sed', ['2,~4d'], { stdin: '1\n2\n3\n4\n5\n6\n7\n' }),
  g('sed', ['0,/2/d'], { stdin: '1\n2\n3\n' }), g('sed', ['3q5'], { stdin: '1\n2\n3\n4\n' }), g('sed', ['2Q'], { stdin: '1\n2\n3\n' }), g('sed', ['-s', '-n', '$p', 'a', 'b']),
  g('sed', ['-z', 's/\\n/,/g'], { stdin: 'a\nb\n' }),
];

t.test('GNU behaviour where busybox lacks it', async (t) => compareWithBusybox(t, 'gnu', cases));
