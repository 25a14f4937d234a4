/** seq, date, id, uname, hostname, tac, rev, fold, nl, comm, paste, readlink, realpath, truncate, which, checksums, base64, gzip, cmp, sleep compared with busybox. */
import t from 'tap';
import { compareWithBusybox, type Case } from '../busybox-compare.js';

const files = {
  a: 'one\ntwo\nthree\n',
  b: 'one\nthree\nfour\n',
  long: 'the quick brown fox jumps over the lazy dog and keeps running far away\n',
  nonl: 'x\ny',
  bin: '\x00\x01\x02binary\xff\xfe\n',
  lnk: { link: 'a' },
  chain: { link: 'lnk' },
  'd/f': 'in d\n',
  empty: '',
  'x.gz': '',
};
const f = (args: string[], extra: Partial<Case> = {}): Case => ({ args, files, ...extra });

const suites: Record<string, Case[]> = {
  seq: [
    f(['5']), f(['3', '7']), f(['1', '2', '10']), f(['10', '-3', '1']), f(['0.5', '0.25', '1.5']), f(['-s', ',', '5']), f(['-w', '8', '12']),
    f(['5', '1']), f(['1', '0.1', '1.35']), f(['abc']), f([]),
    f(['-s', '', '3']), f(['1e2', '1e2']),
  ],
  date: [
    f(['-d', '@0']), f(['-u', '-d', '@1700000000']), f(['-d', '@1700000000', '+%Y-%m-%d %H:%M:%S %j %a %A %b %B %p %I %y %e %u %w %s %%']),
    f(['-d', '2024-02-29 13:45:10', '+%s']), f(['-d', '2024-02-29', '+%F %T']), 
    f(['-R', '-d', '@86400']), f(['-I', '-d', '@86400']), f(['-Iseconds', '-d', '@86400']), f(['-Iminutes', '-d', '@86400']),
    f(['-d', '@1700000000', '+%-d %-m %_H']), f(['-d', '@1700000000', '+%D %R %T %H%M %C %G %V %U %W %k %l %n%t|']), f(['-d', 'garbage']), 
    f(['-d', '1999.12.31-23:59:58', '+%s']), f(['-d', '12:34', '+%H:%M']),
  ],
  id: [f([]), f(['-u']), f(['-g']), f(['-un']), f(['-gn']), f(['-G']), f(['-Gn']), f(['root']), f(['-u', 'root']), f(['nosuchuser'])],
  whoami: [f([])],
  uname: [f([]), f(['-s']), f(['-m']), f(['-n']), f(['-r']), f(['-sm']), f(['-o']), f(['-a'])],
  hostname: [f([]), f(['-s'])],
  tac: [f(['a']), f(['a', 'b']), f(['nonl']), f([], { stdin: 'x\ny\nz\n' }), f(['nofile'])],
  rev: [f(['a']), f(['nonl']), f(['long'])],
  fold: [f(['-w', '20', 'long']), f(['-s', '-w', '20', 'long']), f(['-w', '5', 'a']), f(['-10', 'long']), f(['-b', '-w', '7', 'long'])],
  nl: [f(['a']), f(['-b', 'a', 'a']), f(['-s', ': ', 'a']), f(['-v', '10', '-i', '5', 'a']), f([], { stdin: 'a\n\nb\n' })],
  paste: [f(['a', 'b']), f(['-d', ',', 'a', 'b']), f(['-s', 'a']), f(['-s', '-d', ':,', 'a']), f(['a', 'nonl']), f(['-d', '\\n', 'a', 'b'])],
  readlink: [f(['lnk']), f(['chain']), f(['a']), f(['-f', 'chain']), f(['-f', 'nofile']), f(['-n', 'lnk']), f(['-f', 'd/../a']), f(['-f', '.'])],
  realpath: [f(['chain']), f(['d']), f(['.']), f(['d/../a']), f(['nofile'])],
  truncate: [f(['-s', '3', 'a'], { tree: true }), f(['-s', '0', 'new'], { tree: true }), f(['-c', '-s', '5', 'new'], { tree: true })],
  which: [f(['ls'], { env: ['PATH=/bin:/usr/bin'] }), f(['nosuchcommand']), f(['-a', 'sh'], { env: ['PATH=/bin:/usr/bin'] })],
  md5sum: [f(['a']), f(['a', 'b', 'bin']), f([], { stdin: 'hello\n' }), f(['nofile', 'a']), f(['-c', 'sums'], { files: { ...files, sums: '6d8ed4fd72dc2a51b4a5a8fb6de5b9a3  a\n00000000000000000000000000000000  b\n' } })],
  sha1sum: [f(['a', 'bin'])],
  sha256sum: [f(['a', 'b']), f([], { stdin: '' }), f(['-c', 'sums'], { files: { ...files, sums: 'e7b5dd46f3a9bbd2d2b05a3fea47f1e63cca6d2e7b8f8ae5d17a0a1cf6d6a2f9  a\n' } })],
  sha512sum: [f(['a'])],
  base64: [f(['a']), f(['bin']), f([], { stdin: '' }), f(['long']), f(['-w', '10', 'long']), f(['-w', '0', 'long']), f(['-d'], { stdin: 'aGVsbG8K\n' }), f(['-d'], { stdin: 'aGVs\nbG8K\n' }), f(['-d'], { stdin: 'not base64!\n' }), f(['nofile'])],
  gzip: [
    f(['a'], { tree: true, normalize: (s) => s.replace(/a\.gz 644 nlink=1 ".*"/, 'a.gz 644 <gzip data>') }),
    f(['-k', 'a'], { tree: true, normalize: (s) => s.replace(/a\.gz 644 nlink=1 ".*"/, 'a.gz 644 <gzip data>') }),
    f(['nofile']),
    f(['-d', 'a']),
  ],
  gunzip: [f(['-c', 'x.gz']), f(['nofile.gz']), f(['a'])],
  cmp: [f(['a', 'a']), f(['a', 'b']), f(['-s', 'a', 'b']), f(['-l', 'a', 'b']), f(['a', 'nonl']), f(['a', 'nofile']), f(['nonl', 'a'])],
  sleep: [f(['0']), f(['0.01']), f(['0.01s', '0.001']), f(['x']), f([])],
};

for (const [tool, cases] of Object.entries(suites)) {
  t.test(tool, async (t) => compareWithBusybox(t, tool, cases));
}
