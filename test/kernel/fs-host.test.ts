/** The host-side API (shell, pkg, sftp) and the host stdio adapters. */

import t from 'tap';
import { Errno, SyscallError } from '../../kernel/errno.js';
import { O_CREAT, O_RDONLY, O_RDWR, O_WRONLY } from '../../kernel/fs/constants.js';
import { hostRead, hostWrite } from '../../kernel/fs/file.js';
import { FileTable } from '../../kernel/fs/filetable.js';
import { createPipe } from '../../kernel/fs/pipe.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { guestFiles } from '../../kernel/fs/guest-files.js';
import { Caller, fakeProc } from './fs-helpers.js';

function throwsErrno(t: { ok: (...args: any[]) => any }, fn: () => unknown, errno: number, message?: RegExp): void {
  try {
    fn();
    t.ok(false, `expected errno ${errno}`);
  } catch (e) {
    t.ok(e instanceof SyscallError && e.errno === errno && (!message || message.test(e.message)), `errno ${errno}: ${(e as Error).message}`);
  }
}

t.test('host API: write, read, list, stat, mkdir, rename, remove, chmod, symlink', async (t) => {
  const vfs = new Vfs();
  t.same(vfs.list('/').map((e) => e.name).sort(), ['bin', 'dev', 'etc', 'home', 'proc', 'root', 'tmp', 'usr', 'var']);
  t.equal(vfs.readText('/etc/hostname'), 'akuma\n');
  t.match(vfs.readText('/etc/passwd'), /^user:x:1000:1000:user:\/home\/user:\/bin\/sh$/m);
  t.equal(vfs.stat('/home/user').uid, 1000);
  t.equal(vfs.stat('/tmp').mode & 0o7777, 0o1777);
  vfs.writeFile('/bin/tool', new Uint8Array([1, 2, 3]), { mode: 0o755 });
  t.equal(vfs.stat('/bin/tool').mode & 0o777, 0o755);
  vfs.writeFile('/bin/tool', new Uint8Array([4, 5]));
  t.equal(vfs.stat('/bin/tool').mode & 0o777, 0o755, 'replacing keeps the mode');
  t.same([...vfs.readFile('/bin/tool')], [4, 5]);
  vfs.writeFile('/home/user/a/b/c.txt', 'deep', { parents: true });
  t.equal(vfs.readText('/home/user/a/b/c.txt'), 'deep');
  vfs.mkdir('/home/user/x/y', { recursive: true });
  throwsErrno(t, () => vfs.mkdir('/home/user/x'), Errno.EEXIST);
  throwsErrno(t, () => vfs.readFile('/nope'), Errno.ENOENT, /^read \/nope: ENOENT$/);
  throwsErrno(t, () => vfs.readFile('/etc'), Errno.EISDIR);
  throwsErrno(t, () => vfs.writeFile('/etc', 'x'), Errno.EISDIR);
  vfs.rename('/home/user/a', '/home/user/z');
  t.ok(vfs.exists('/home/user/z/b/c.txt'));
  throwsErrno(t, () => vfs.remove('/home/user/z'), Errno.ENOTEMPTY);
  vfs.remove('/home/user/z', { recursive: true });
  t.notOk(vfs.exists('/home/user/z'));
  vfs.chmod('/home/user/x', 0o700);
  t.equal(vfs.stat('/home/user/x').mode & 0o777, 0o700);
  vfs.symlink('/bin/tool', '/home/user/t');
  t.equal(vfs.readlink('/home/user/t'), '/bin/tool');
  t.equal(vfs.lstat('/home/user/t').mode & 0o170000, 0o120000);
  t.equal(vfs.stat('/home/user/t').size, 2);
  t.equal(vfs.realpath('/home/user/../user/t'), '/bin/tool');
  const l = vfs.list('/home/user').find((e) => e.name === 'x');
  t.ok(l && (l.stat.mode & 0o170000) === 0o040000);
  // streaming, as sftp does
  const f = vfs.open('/tmp/upload', O_CREAT | O_WRONLY);
  f.pwrite(0, Buffer.from('chunk1-'));
  f.pwrite(7, Buffer.from('chunk2'));
  f.release();
  const rf = vfs.open('/tmp/upload', O_RDONLY);
  t.equal(Buffer.from(rf.pread(0, 100)).toString(), 'chunk1-chunk2');
  rf.release();
  // executables
  const exe = vfs.readExecutable('tool', '/bin');
  t.equal(exe.path, '/bin/tool');
  t.same([...exe.data], [4, 5]);
  throwsErrno(t, () => vfs.readExecutable('/etc/hostname'), Errno.EACCES);
  throwsErrno(t, () => vfs.readExecutable('/bin'), Errno.EACCES);
  throwsErrno(t, () => vfs.readExecutable('/bin/none'), Errno.ENOENT);
});

t.test('a running program keeps its file when pkg replaces it', async (t) => {
  const vfs = new Vfs();
  vfs.writeFile('/bin/prog', 'version 1', { mode: 0o755 });
  const old = vfs.open('/bin/prog', O_RDONLY);
  vfs.writeFile('/bin/prog', 'version 2');
  t.equal(Buffer.from(old.readAt(0, 100)).toString(), 'version 1');
  t.equal(vfs.readText('/bin/prog'), 'version 2');
  old.release();
});

t.test('HostOutput, HostInput and their use as process stdio', async (t) => {
  const vfs = new Vfs();
  const c = new Caller(vfs, fakeProc());
  const chunks: string[] = [];
  let accept = true;
  const out = new HostOutput((b) => {
    chunks.push(Buffer.from(b).toString());
    return accept;
  });
  const input = new HostInput();
  c.proc.files.install(input);
  c.proc.files.install(out);
  t.equal(c.write(1, 'one'), 3);
  accept = false;
  t.equal(c.write(1, 'two'), 3, 'the write that fills the sink still succeeds');
  t.equal(c.call('write', 1, c.mem.data('three'), 5).toString(), 'Symbol(blocked)', 'then writers wait');
  out.drain();
  accept = true;
  t.equal(c.write(1, 'three'), 5);
  t.same(chunks, ['one', 'two', 'three']);
  t.equal(c.call('read', 0, c.mem.alloc(10), 10).toString(), 'Symbol(blocked)');
  input.push(Buffer.from('typed'));
  t.equal(c.read(0, 3), 'typ');
  t.equal(c.read(0), 'ed');
  input.end();
  t.equal(c.read(0), '', 'EOF after end()');
  out.disconnect();
  t.equal(c.write(1, 'x'), -Errno.EPIPE);
  const st = c.mem.alloc(128);
  t.equal(c.n('fstat', 1, st), 0);
  t.equal(c.n('ioctl', 1, 0x5413, st), -Errno.ENOTTY, 'not a terminal');
});

t.test('hostRead and hostWrite wait on pipes from the event loop', async (t) => {
  const [r, w] = createPipe();
  const big = new Uint8Array(200_000).map((_, i) => i & 0xff);
  const writing = hostWrite(w, big);
  const got: Uint8Array[] = [];
  let total = 0;
  while (total < big.length) {
    const chunk = await hostRead(r, 1 << 16);
    got.push(chunk);
    total += chunk.length;
  }
  t.equal(await writing, big.length);
  t.ok(Buffer.concat(got).equals(big));
  w.release();
  t.equal((await hostRead(r, 10)).length, 0, 'EOF');
  r.release();
});

t.test('FileTable: clone shares files, closeAll releases them, EMFILE', async (t) => {
  const [r, w] = createPipe();
  const a = new FileTable(4);
  a.install(r);
  a.install(w, true);
  const b = a.clone();
  t.same(b.fds(), [0, 1]);
  t.equal(b.getCloexec(1), true);
  a.closeAll();
  t.equal(r.pipe.readers, 1, 'the clone still holds the read end');
  b.closeAll();
  t.equal(r.pipe.readers, 0);
  t.equal(w.pipe.writers, 0);
  const c = new FileTable(2);
  const [x, y] = createPipe();
  c.install(x);
  c.install(y);
  throwsErrno(t, () => c.install(x.retain()), Errno.EMFILE);
});

t.test('guestFiles: the SFTP view, files owned by the user', async (t) => {
  const vfs = new Vfs();
  const g = guestFiles(vfs);
  g.writeFile('/home/user/up.bin', new Uint8Array([9, 8, 7]));
  const s = g.stat('/home/user/up.bin');
  t.same(s && [s.type, s.size, s.uid, s.mode & 0o777], ['file', 3, 1000, 0o644]);
  t.equal(g.stat('/nope'), null);
  t.equal(g.stat('/etc/hostname/x'), null);
  g.mkdir('/home/user/dir');
  t.equal(g.stat('/home/user/dir')?.type, 'dir');
  throwsErrno(t, () => g.remove('/home/user/dir'), Errno.EISDIR);
  throwsErrno(t, () => g.rmdir('/home/user/up.bin'), Errno.ENOTDIR);
  g.rename('/home/user/up.bin', '/home/user/dir/up.bin');
  t.same(g.list('/home/user/dir').map((e) => [e.name, e.stat.type]), [['up.bin', 'file']]);
  g.remove('/home/user/dir/up.bin');
  g.rmdir('/home/user/dir');
  t.equal(g.stat('/home/user/dir'), null);
});

t.test('limits: ENOSPC before anything is allocated, holes take no space, EFBIG past the largest file', async (t) => {
  const vfs = new Vfs({ tmpLimitBytes: 1 << 20 });
  const c = new Caller(vfs, fakeProc());
  const fd = c.open('/tmp/big', O_CREAT | O_RDWR);
  t.equal(c.n('ftruncate', fd, 2 << 20), 0, 'a 2 MiB hole fits in a 1 MiB file system');
  t.equal(vfs.tmp.usedBytes, 0, 'the hole takes no space');
  const big = c.mem.alloc(1536 << 10);
  t.equal(c.n('pwrite64', fd, big, 1536 << 10, 0), 1 << 20, '1.5 MiB of data does not: a short write, as Linux does');
  t.equal(c.n('pwrite64', fd, big, 4096, 1 << 20), -Errno.ENOSPC, 'then ENOSPC');
  t.equal(vfs.tmp.usedBytes, 1 << 20, 'nothing allocated by the failed write');
  t.equal(c.n('pwrite64', fd, c.mem.data('x'), 1, 2 ** 44), -Errno.EFBIG);
  t.equal(c.n('ftruncate', fd, 0), 0);
  t.equal(vfs.tmp.usedBytes, 0, 'space returned');
  t.equal(c.n('pwrite64', fd, big, 1 << 20, 0), 1 << 20, 'the whole limit is usable');
  t.equal(vfs.tmp.usedBytes, 1 << 20);
});
