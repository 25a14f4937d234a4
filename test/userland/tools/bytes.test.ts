/** stat, od, hexdump, xxd and strings compared with busybox (Debian's busybox has no install applet). */
import t from 'tap';
import { compareWithBusybox, type Case } from '../busybox-compare.js';

const files = {
  a: 'hello world\n',
  bin: '\x00\x01\x02\x7f\x80\xfftext here\x00more strings!\x00ab\n' + 'A'.repeat(40),
  z: '\x00'.repeat(64),
  lnk: { link: 'a' },
  'd/x': '',
  run: { content: '#!/bin/sh\n', mode: 0o750 },
  // 1.0f -2.0f pi inf | nan, the smallest subnormal, -0.0f | 1.0 pi (doubles) | 5 bytes past a whole float
  floats: '\x00\x00\x80\x3f\x00\x00\x00\xc0\xdb\x0f\x49\x40\x00\x00\x80\x7f\x00\x00\xc0\x7f\x01\x00\x00\x00\x00\x00\x00\x80',
  doubles: '\x00\x00\x00\x00\x00\x00\xf0\x3f\x18\x2d\x44\x54\xfb\x21\x09\x40\x00\x00\x00\x00\x00\x00\xf0\xff\x01\x02\x03',
};
const f = (args: string[], extra: Partial<Case> = {}): Case => ({ args, files, ...extra });

const suites: Record<string, Case[]> = {
  stat: [
    f(['-c', '%n %s %a %A %F %u %U %g %G %h', 'a']), f(['-c', '%n|%F|%N', 'lnk']), f(['-L', '-c', '%F %s', 'lnk']), f(['-c', '%F %a', 'd']), f(['-c', '%Y %y', 'a']),
    f(['-c', '%s', 'nofile']), f(['-c', '%A %a', 'run']), f(['-c', '%n\\t%s', 'a', 'run']),
  ],
  od: [f(['a']), f(['-c', 'a']), f(['-x', 'a']), f(['-b', 'bin']), f(['-A', 'x', '-t', 'x1', 'bin']), f(['-A', 'n', '-t', 'x1', 'a']), f(['-t', 'd2', 'a']), f(['z']), f(['-v', 'z']), f(['-N', '4', '-j', '2', '-c', 'a']), f(['-t', 'u1', 'bin']), f(['-d', 'a']), f(['-o', 'a']),
    f(['-t', 'f4', 'floats']), f(['-t', 'fF', 'floats']), f(['-t', 'f8', 'doubles']), f(['-t', 'fD', 'doubles']), f(['-t', 'f', 'doubles']),
    f(['-A', 'd', '-t', 'f4', 'bin']), f(['-A', 'x', '-t', 'f8', 'bin']), f(['-A', 'n', '-t', 'f4', 'doubles']), f(['-t', 'f4', '-t', 'x4', 'floats'])],
  hexdump: [f(['-C', 'a']), f(['-C', 'z']), f(['-C', '-v', 'z']), f(['-C', '-n', '5', 'a']), f(['a'])],
  xxd: [f(['a']), f(['bin']), f(['-p', 'bin']), f(['-c', '8', 'a']), f(['-l', '5', 'a']), f(['-r', '-p'], { stdin: '68656c6c6f0a' })],
  strings: [f(['bin']), f(['-n', '2', 'bin']), f(['-f', 'bin', 'a'])],
};

for (const [tool, cases] of Object.entries(suites)) {
  t.test(tool, async (t) => compareWithBusybox(t, tool, cases));
}

// Debian's busybox has no split, join or install applet: these compare with GNU coreutils on the host
const text = 'l1\nl2\nl3\nl4\nl5\n';
const gnu = (args: string[], extra: Partial<Case> = {}): Case => ({ args, gnu: true, ...extra });
t.test('split (GNU coreutils)', async (t) =>
  compareWithBusybox(t, 'split', [
    gnu(['-l', '2', 'f'], { files: { f: text }, tree: true }),
    gnu(['-l', '2', 'f', 'part.'], { files: { f: text }, tree: true }),
    gnu(['-b', '4', 'f'], { files: { f: text }, tree: true }),
    gnu(['-a', '3', '-l', '1', 'f'], { files: { f: text }, tree: true }),
    gnu(['-d', '-l', '2', 'f'], { files: { f: text }, tree: true }),
    gnu(['-l', '2'], { stdin: text, tree: true }),
  ]),
);
const j1 = 'a 1\nb 2\nc 3\n';
const j2 = 'a x\nc y\nd z\n';
t.test('join (GNU coreutils)', async (t) =>
  compareWithBusybox(t, 'join', [
    gnu(['f1', 'f2'], { files: { f1: j1, f2: j2 } }),
    gnu(['-a', '1', 'f1', 'f2'], { files: { f1: j1, f2: j2 } }),
    gnu(['-v', '2', 'f1', 'f2'], { files: { f1: j1, f2: j2 } }),
    gnu(['-t', ',', 'f1', 'f2'], { files: { f1: 'a,1\nb,2\n', f2: 'a,x\nb,y\n' } }),
    gnu(['-o', '1.2,2.2', 'f1', 'f2'], { files: { f1: j1, f2: j2 } }),
    gnu(['-1', '2', '-2', '1', 'f1', 'f2'], { files: { f1: 'x a\ny c\n', f2: j2 } }),
  ]),
);
t.test('install (GNU coreutils)', async (t) =>
  compareWithBusybox(t, 'install', [
    gnu(['a', 'b'], { files, tree: true }),
    gnu(['-m', '644', 'a', 'd'], { files, tree: true }),
    gnu(['-d', 'p/q/r'], { files, tree: true }),
    gnu(['-D', 'a', 'x/y/z'], { files, tree: true }),
    gnu(['-m', '600', 'a', 'run', 'd'], { files, tree: true }),
  ]),
);
