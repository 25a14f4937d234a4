/** /proc formats (maps, status, meminfo, cpuinfo), /proc/self, /proc/<pid>/fd, /dev/tty (the controlling terminal). */

import t from 'tap';
import { Errno } from '../../kernel/errno.js';
import { O_RDONLY, O_RDWR, O_WRONLY } from '../../kernel/fs/constants.js';
import type { ProcessInfo, ProcessInfoSource } from '../../kernel/fs/process.js';
import { deviceString, formatMapsLine } from '../../kernel/fs/procfs.js';
import { Tty } from '../../kernel/fs/tty.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { Caller, fakeProc } from './fs-helpers.js';

const hello: ProcessInfo = {
  pid: 7, ppid: 1, name: 'hello', state: 'R', uid: 1000, gid: 1000, exe: '/bin/hello', cwd: '/home/user',
  argv: ['hello', 'world'],
  regions: () => [
    { start: 0x3fef_f000, end: 0x3fff_f000, perms: 'rw-p', name: '[stack]' },
    { start: 0x400000, end: 0x401000, perms: 'r-xp', offset: 0, device: '08:01', inode: 12, name: '/bin/hello' },
    { start: 0x401000, end: 0x402000, perms: 'rw-p', offset: 0x1000, device: '08:01', inode: 12, name: '/bin/hello' },
    { start: 0x402000, end: 0x412000, perms: 'rw-p', name: '[heap]' },
    { start: 0x1000_0000, end: 0x1001_0000, perms: 'rw-p' },
  ],
};

const source: ProcessInfoSource = {
  pids: () => [1, 7],
  process: (pid) => (pid === 7 ? hello : pid === 1 ? { ...hello, pid: 1, ppid: 0, name: 'init', argv: ['init'], regions: () => [] } : undefined),
  memory: () => ({ totalKb: 262144, freeKb: 200000, availableKb: 210000 }),
  uptime: () => 12.5,
};

function setup() {
  const vfs = new Vfs({ processes: source });
  const c = new Caller(vfs, fakeProc(7, '/home/user', 1000));
  return { vfs, c };
}

t.test('maps lines match the Linux format', async (t) => {
  t.equal(
    formatMapsLine({ start: 0x400000, end: 0x401000, perms: 'r-xp', offset: 0, device: '08:01', inode: 12, name: '/bin/hello' }),
    '00400000-00401000 r-xp 00000000 08:01 12                                 /bin/hello\n',
  );
  t.equal(formatMapsLine({ start: 0x10000000, end: 0x10010000, perms: 'rw-p' }), '10000000-10010000 rw-p 00000000 00:00 0 \n', 'anonymous: trailing space');
  const line = formatMapsLine({ start: 0x3fef_f000, end: 0x3fff_f000, perms: 'rw-p', name: '[stack]' });
  t.equal(line.indexOf('[stack]'), 73, 'names start at column 73');
  t.equal(deviceString(0x801), '08:01', 'the disk');
  t.equal(deviceString(0), '00:00');
});

t.test('/proc/self/maps, status, cmdline, exe, comm', async (t) => {
  const { c } = setup();
  const maps = c.read(c.open('/proc/self/maps')) as string;
  const lines = maps.trimEnd().split('\n');
  t.equal(lines.length, 5);
  t.match(lines[0], /^00400000-00401000 r-xp 00000000 08:01 12 +\/bin\/hello$/);
  t.match(lines[2], /\[heap\]$/);
  t.match(lines[4], /^3feff000-3ffff000 rw-p 00000000 00:00 0 +\[stack\]$/, 'sorted by address');
  const status = c.read(c.open('/proc/7/status')) as string;
  t.match(status, /^Name:\thello\n/);
  t.match(status, /\nState:\tR \(running\)\n/);
  t.match(status, /\nPid:\t7\n/);
  t.match(status, /\nPPid:\t1\n/);
  t.match(status, /\nUid:\t1000\t1000\t1000\t1000\n/);
  t.match(status, /\nVmSize:\t +\d+ kB\n/);
  t.equal(c.read(c.open('/proc/self/cmdline')), 'hello\0world\0');
  t.equal(c.read(c.open('/proc/self/comm')), 'hello\n');
  const buf = c.mem.alloc(64);
  const n = c.n('readlinkat', -100, c.mem.str('/proc/self/exe'), buf, 64);
  t.equal(Buffer.from(c.mem.read(buf, n)).toString(), '/bin/hello');
  const n2 = c.n('readlinkat', -100, c.mem.str('/proc/self'), buf, 64);
  t.equal(Buffer.from(c.mem.read(buf, n2)).toString(), '7');
  t.equal(c.open('/proc/self/maps', O_WRONLY), -Errno.EACCES);
  t.equal(c.open('/proc/99/maps'), -Errno.ENOENT, 'no such process');
  const st = c.stat('/proc/self/maps');
  t.ok(typeof st === 'object' && st.size === 0, 'proc files report size 0');
});

t.test('/proc/meminfo, cpuinfo, uptime and the /proc listing', async (t) => {
  const { c, vfs } = setup();
  const mem = c.read(c.open('/proc/meminfo')) as string;
  t.match(mem, /^MemTotal: {9}262144 kB\nMemFree: {10}200000 kB\nMemAvailable: {5}210000 kB\n/);
  const cpu = c.read(c.open('/proc/cpuinfo')) as string;
  t.match(cpu, /^processor\t: 0\n/);
  t.match(cpu, /CPU architecture: 8\n/);
  t.match(cpu, /CPU implementer\t: 0x41\n/);
  t.equal(c.read(c.open('/proc/uptime')), '12.50 12.50\n');
  t.same(vfs.list('/proc').map((e) => e.name).slice(0, 2), ['1', '7']);
  t.equal(vfs.readText('/proc/cpuinfo'), cpu, 'host API reads /proc too');
});

t.test('/proc/self/fd and /dev/stdout reopen the same open file', async (t) => {
  const { c } = setup();
  const p = c.mem.alloc(8);
  c.n('pipe2', p, 0);
  const v = new DataView(c.mem.read(p, 8).buffer);
  const [r, w] = [v.getInt32(0, true), v.getInt32(4, true)];
  t.same([r, w], [0, 1]);
  const out = c.open('/dev/stdout', O_WRONLY);
  t.ok(out >= 2);
  c.write(out, 'via /dev/stdout');
  t.equal(c.read(r), 'via /dev/stdout');
  const buf = c.mem.alloc(64);
  const n = c.n('readlinkat', -100, c.mem.str('/proc/self/fd/0'), buf, 64);
  t.match(Buffer.from(c.mem.read(buf, n)).toString(), /^pipe:\[\d+\]$/);
  const d = c.open('/proc/self/fd', 0o40000);
  const dbuf = c.mem.alloc(512);
  t.ok(c.n('getdents64', d, dbuf, 512) > 0);
});

t.test('TTY: canonical input, echo, erase, ^C, ^D, raw mode, ioctls, /dev/tty', async (t) => {
  const output: string[] = [];
  const signals: number[] = [];
  const tty = new Tty({ output: (b) => void output.push(Buffer.from(b).toString('latin1')), onSignal: (s) => void signals.push(s), rows: 40, cols: 120 });
  const vfs = new Vfs();
  const c = new Caller(vfs, fakeProc(3));
  c.proc.files.install(tty.open(O_RDWR));
  c.proc.files.install(tty.open(O_RDWR));
  t.equal(c.call('read', 0, c.mem.alloc(100), 100).toString(), 'Symbol(blocked)', 'nothing typed yet');
  tty.push(Buffer.from('helo\x7flo\r'));
  t.equal(output.join(''), 'helo\b \blo\r\n', 'echo, erase, CR shown as CRLF');
  t.equal(c.read(0), 'hello\n', 'one line, CR mapped to NL');
  tty.push(Buffer.from('abc\x15xyz\x17q\n'));
  t.equal(c.read(0), 'q\n', 'kill and word erase');
  tty.push(Buffer.from('partial'));
  t.equal(c.call('read', 0, c.mem.alloc(10), 10).toString(), 'Symbol(blocked)', 'no full line yet');
  tty.push(Buffer.from('\x04'));
  t.equal(c.read(0), 'partial', '^D ends the line without a newline');
  tty.push(Buffer.from('\x04'));
  t.equal(c.read(0), '', '^D on an empty line is end of file');
  tty.push(Buffer.from('zz\x03'));
  t.same(signals, [2], '^C sends SIGINT');
  t.equal(c.call('read', 0, c.mem.alloc(10), 10).toString(), 'Symbol(blocked)', '^C discarded the line');
  // output processing
  output.length = 0;
  c.write(1, 'a\nb');
  t.equal(output.join(''), 'a\r\nb');
  // ioctls
  const ws = c.mem.alloc(8);
  t.equal(c.n('ioctl', 1, 0x5413, ws), 0);
  const wv = new DataView(c.mem.read(ws, 8).buffer);
  t.same([wv.getUint16(0, true), wv.getUint16(2, true)], [40, 120]);
  tty.resize(50, 160);
  c.n('ioctl', 1, 0x5413, ws);
  t.equal(new DataView(c.mem.read(ws, 8).buffer).getUint16(2, true), 160, 'window-change seen');
  t.same(signals, [2, 28], 'SIGWINCH');
  const tio = c.mem.alloc(36);
  t.equal(c.n('ioctl', 0, 0x5401, tio), 0, 'TCGETS');
  const tb = c.mem.read(tio, 36);
  const tv = new DataView(tb.buffer);
  t.ok(tv.getUint32(12, true) & 2, 'ICANON set');
  t.equal(tb[17 + 0], 3, 'VINTR is ^C');
  // raw mode, no echo (what a line editor does)
  tv.setUint32(12, tv.getUint32(12, true) & ~(2 | 8), true);
  c.mem.write(tio, tb);
  t.equal(c.n('ioctl', 0, 0x5402, tio), 0, 'TCSETS');
  output.length = 0;
  tty.push(Buffer.from('k'));
  t.equal(c.read(0), 'k', 'raw: a byte at a time');
  t.equal(output.join(''), '', 'no echo');
  const fion = c.mem.alloc(4);
  tty.push(Buffer.from('xyz'));
  c.n('ioctl', 0, 0x541b, fion);
  t.equal(c.mem.readU32(fion), 3, 'FIONREAD');
  // /dev/tty is the controlling terminal only (a terminal on fd 0..2 is not enough, as on Linux)
  t.equal(c.open('/dev/tty', O_RDWR), -Errno.ENXIO, 'no controlling terminal: ENXIO');
  c.proc.tty = tty;
  const fd = c.open('/dev/tty', O_RDWR);
  t.ok(fd >= 0);
  t.equal(c.read(fd), 'xyz');
  const st = c.mem.alloc(128);
  c.n('fstat', fd, st);
  t.equal(new DataView(c.mem.read(st, 128).buffer).getUint32(16, true) & 0o170000, 0o020000, 'character device');
  // not a tty
  const f = c.open('/etc/hostname', O_RDONLY);
  t.equal(c.n('ioctl', f, 0x5413, ws), -Errno.ENOTTY);
  tty.hangup();
  t.equal(c.read(0), '', 'hangup: end of file');
  t.equal(c.write(1, 'x'), -Errno.EIO);
});
