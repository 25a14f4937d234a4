/**
 * The file syscalls against a Vfs with an in-memory disk, through a fake process and user
 * memory: results and errno values as Linux returns them.
 */

import t from 'tap';
import { Errno } from '../../kernel/errno.js';
import {
  O_APPEND, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NONBLOCK, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY,
  S_IFCHR, S_IFDIR, S_IFIFO, S_IFLNK, S_IFMT, S_IFREG, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW,
} from '../../kernel/fs/constants.js';
import { Vfs } from '../../kernel/fs/vfs.js';
import { BLOCKED } from '../../kernel/syscalls/context.js';
import { Caller, FakeMemory, fakeProc } from './fs-helpers.js';

const AT_FDCWD = -100;

function setup(uid = 0): { vfs: Vfs; c: Caller } {
  const vfs = new Vfs();
  const c = new Caller(vfs, fakeProc(7, '/', uid));
  return { vfs, c };
}

t.test('open, write, read back, lseek, pread/pwrite, O_APPEND, O_TRUNC', async (t) => {
  const { c } = setup();
  const fd = c.open('/tmp/a.txt', O_CREAT | O_RDWR, 0o644);
  t.equal(fd, 0, 'lowest free fd');
  t.equal(c.write(fd, 'hello world'), 11);
  t.equal(c.n('lseek', fd, 0, 0), 0);
  t.equal(c.read(fd, 5), 'hello');
  t.equal(c.read(fd), ' world');
  t.equal(c.read(fd), '', 'EOF');
  t.equal(c.n('lseek', fd, -5, 2), 6, 'SEEK_END');
  t.equal(c.n('lseek', fd, -100, 1), -Errno.EINVAL, 'negative offset');
  t.equal(c.n('lseek', fd, 0, 9), -Errno.EINVAL, 'bad whence');
  const buf = c.mem.alloc(16);
  t.equal(c.n('pread64', fd, buf, 5, 6), 5);
  t.equal(Buffer.from(c.mem.read(buf, 5)).toString(), 'world');
  t.equal(c.n('pwrite64', fd, c.mem.data('W'), 1, 6), 1);
  t.equal(c.n('pread64', fd, buf, 3, -1), -Errno.EINVAL);
  t.equal(c.n('close', fd), 0);
  t.equal(c.n('close', fd), -Errno.EBADF);

  const ap = c.open('/tmp/a.txt', O_WRONLY | O_APPEND);
  c.write(ap, '!');
  c.n('close', ap);
  const r = c.open('/tmp/a.txt', O_RDONLY);
  t.equal(c.read(r), 'hello World!');
  t.equal(c.write(r, 'x'), -Errno.EBADF, 'write to O_RDONLY');
  c.n('close', r);
  const tr = c.open('/tmp/a.txt', O_WRONLY | O_TRUNC);
  t.equal(c.read(tr), -Errno.EBADF, 'read from O_WRONLY');
  c.n('close', tr);
  const st = c.stat('/tmp/a.txt');
  t.ok(typeof st === 'object' && st.size === 0, 'truncated');
});

t.test('openat errors', async (t) => {
  const { c } = setup();
  t.equal(c.open('/nope/x'), -Errno.ENOENT);
  t.equal(c.open('/nope'), -Errno.ENOENT);
  t.equal(c.open(''), -Errno.ENOENT);
  t.equal(c.open('/etc/hostname/x'), -Errno.ENOTDIR);
  t.equal(c.open('/etc/hostname', O_DIRECTORY), -Errno.ENOTDIR);
  t.equal(c.open('/etc', O_WRONLY), -Errno.EISDIR);
  t.equal(c.open('/etc/hostname', O_CREAT | O_EXCL | O_WRONLY), -Errno.EEXIST);
  t.equal(c.open('/tmp/new/', O_CREAT | O_WRONLY), -Errno.EISDIR);
  t.equal(c.open('/x'.repeat(3000)), -Errno.ENAMETOOLONG);
  t.equal(c.open('/tmp/' + 'n'.repeat(256), O_CREAT | O_WRONLY), -Errno.ENAMETOOLONG);
  t.equal(c.n('openat', AT_FDCWD, 0x10, 0, 0), -Errno.EFAULT, 'bad path pointer');
  t.equal(c.n('openat', 99, c.mem.str('rel'), 0, 0), -Errno.EBADF, 'bad dirfd with relative path');
  const f = c.open('/etc/hostname');
  t.equal(c.n('openat', f, c.mem.str('rel'), 0, 0), -Errno.ENOTDIR, 'dirfd not a directory');
  t.ok(c.n('openat', 99, c.mem.str('/etc/hostname'), 0, 0) >= 0, 'absolute path ignores dirfd');
  const d = c.open('/etc', O_RDONLY | O_DIRECTORY);
  t.ok(d >= 0);
  const h = c.n('openat', d, c.mem.str('hostname'), 0, 0);
  t.equal(c.read(h), 'akuma\n', 'openat relative to a directory fd');
  t.equal(c.read(d), -Errno.EISDIR, 'read on a directory');
});

t.test('EFAULT on bad buffers', async (t) => {
  const { c } = setup();
  const fd = c.open('/etc/passwd');
  t.equal(c.n('read', fd, 0x20, 10), -Errno.EFAULT);
  t.equal(c.n('lseek', fd, 0, 1), 0, 'offset unchanged after EFAULT');
  t.equal(c.n('read', fd, 0x20, 0), 0, 'zero-length read needs no buffer');
  const w = c.open('/tmp/f', O_CREAT | O_WRONLY);
  t.equal(c.n('write', w, 0x20, 10), -Errno.EFAULT);
  t.equal(c.n('write', w, 0x20, 2 ** 40), -Errno.EFAULT, 'huge count');
  t.equal(c.n('write', w, FakeMemory.BASE + (4 << 20) - 100, 2 ** 40), 100, 'a write that runs into unmapped memory is partial');
  t.equal(c.n('fstat', fd, 0x30), -Errno.EFAULT);
  t.equal(c.n('pipe2', 0x40, 0), -Errno.EFAULT);
  t.same(c.proc.files.fds(), [fd, w], 'pipe2 left no fds behind');
  t.equal(c.n('getcwd', 0x40, 100), -Errno.EFAULT);
  t.equal(c.n('read', 55, c.mem.alloc(4), 4), -Errno.EBADF);
  t.equal(c.n('write', -1, c.mem.alloc(4), 4), -Errno.EBADF);
});

t.test('fstat, newfstatat and statx layouts', async (t) => {
  const { c } = setup();
  const s = c.stat('/etc/hostname');
  t.ok(typeof s === 'object');
  if (typeof s !== 'object') return;
  t.equal(s.mode & S_IFMT, S_IFREG);
  t.equal(s.mode & 0o777, 0o644);
  t.equal(s.size, 6);
  t.equal(s.nlink, 1);
  const d = c.stat('/home');
  t.ok(typeof d === 'object' && (d.mode & S_IFMT) === S_IFDIR);
  const n = c.stat('/dev/null');
  t.ok(typeof n === 'object' && (n.mode & S_IFMT) === S_IFCHR && n.rdev === 0x103, '/dev/null is char 1:3');
  t.equal(c.stat('/nope'), -Errno.ENOENT);
  c.n('symlinkat', c.mem.str('/etc/hostname'), AT_FDCWD, c.mem.str('/tmp/link'));
  const l = c.stat('/tmp/link', AT_SYMLINK_NOFOLLOW);
  t.ok(typeof l === 'object' && (l.mode & S_IFMT) === S_IFLNK && l.size === 13, 'lstat of a symlink');
  const f = c.stat('/tmp/link');
  t.ok(typeof f === 'object' && (f.mode & S_IFMT) === S_IFREG, 'stat follows');
  // AT_EMPTY_PATH on an fd
  const fd = c.open('/etc/hostname');
  const buf = c.mem.alloc(128);
  t.equal(c.n('newfstatat', fd, c.mem.str(''), buf, 0x1000), 0);
  t.equal(new DataView(c.mem.read(buf, 128).buffer).getBigInt64(48, true), 6n);
  t.equal(c.n('newfstatat', fd, c.mem.str(''), buf, 0), -Errno.ENOENT, 'empty path without AT_EMPTY_PATH');
  t.equal(c.n('newfstatat', AT_FDCWD, c.mem.str('/etc'), buf, 0x4), -Errno.EINVAL, 'bad flags');
  // statx
  const sx = c.mem.alloc(256);
  t.equal(c.n('statx', AT_FDCWD, c.mem.str('/etc/hostname'), 0, 0x7ff, sx), 0);
  const v = new DataView(c.mem.read(sx, 256).buffer);
  t.equal(v.getUint32(0, true), 0x7ff);
  t.equal(v.getUint16(28, true), S_IFREG | 0o644);
  t.equal(v.getBigUint64(40, true), 6n);
  // pipes
  const p = c.mem.alloc(8);
  c.n('pipe2', p, 0);
  const rfd = new DataView(c.mem.read(p, 8).buffer).getInt32(0, true);
  t.equal(c.n('fstat', rfd, buf), 0);
  t.equal(new DataView(c.mem.read(buf, 128).buffer).getUint32(16, true) & S_IFMT, S_IFIFO);
});

t.test('directories: mkdirat, getdents64, unlinkat, renameat2', async (t) => {
  const { c } = setup();
  t.equal(c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/d'), 0o755), 0);
  t.equal(c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/d'), 0o755), -Errno.EEXIST);
  t.equal(c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/x/y'), 0o755), -Errno.ENOENT);
  t.equal(c.n('mkdirat', AT_FDCWD, c.mem.str('/etc/hostname/y'), 0o755), -Errno.ENOTDIR);
  for (const n of ['a', 'b', 'c']) c.n('close', c.open('/tmp/d/' + n, O_CREAT | O_WRONLY));
  c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/d/sub'), 0o755);
  const d = c.open('/tmp/d', O_DIRECTORY);
  const names: string[] = [];
  const types: number[] = [];
  const buf = c.mem.alloc(64);
  for (;;) {
    const n = c.n('getdents64', d, buf, 64); // small buffer: several calls
    t.ok(n >= 0);
    if (n === 0) break;
    const b = c.mem.read(buf, n);
    const v = new DataView(b.buffer);
    for (let off = 0; off < n; ) {
      const reclen = v.getUint16(off + 16, true);
      types.push(b[off + 18]!);
      const end = b.indexOf(0, off + 19);
      names.push(Buffer.from(b.subarray(off + 19, end)).toString());
      t.equal(reclen % 8, 0, 'reclen aligned');
      off += reclen;
    }
  }
  t.same(names, ['.', '..', 'a', 'b', 'c', 'sub']);
  t.same(types, [4, 4, 8, 8, 8, 4]);
  t.equal(c.n('getdents64', d, buf, 10), 0, 'at end');
  t.equal(c.n('lseek', d, 0, 0), 0);
  t.equal(c.n('getdents64', d, buf, 10), -Errno.EINVAL, 'buffer too small for one entry');
  const f = c.open('/tmp/d/a');
  t.equal(c.n('getdents64', f, buf, 64), -Errno.ENOTDIR);

  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d'), AT_REMOVEDIR), -Errno.ENOTEMPTY);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/sub'), 0), -Errno.EISDIR);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/a'), AT_REMOVEDIR), -Errno.ENOTDIR);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/zz'), 0), -Errno.ENOENT);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/.'), AT_REMOVEDIR), -Errno.EINVAL);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp'), AT_REMOVEDIR), -Errno.EBUSY, 'mount point');
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/sub'), 0x1), -Errno.EINVAL, 'bad flags');
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/sub'), AT_REMOVEDIR), 0);
  t.equal(c.n('unlinkat', AT_FDCWD, c.mem.str('/tmp/d/a'), 0), 0);
  t.equal(c.read(f), '', 'an unlinked file stays readable while open');

  // rename
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d/b'), AT_FDCWD, c.mem.str('/tmp/d/B')), 0);
  t.equal(c.open('/tmp/d/b'), -Errno.ENOENT);
  t.ok(c.open('/tmp/d/B') >= 0);
  t.equal(c.n('renameat2', AT_FDCWD, c.mem.str('/tmp/d/B'), AT_FDCWD, c.mem.str('/tmp/d/c'), 1), -Errno.EEXIST, 'RENAME_NOREPLACE');
  t.equal(c.n('renameat2', AT_FDCWD, c.mem.str('/tmp/d/B'), AT_FDCWD, c.mem.str('/tmp/d/c'), 0), 0, 'replaces');
  c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/d/e'), 0o755);
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d/c'), AT_FDCWD, c.mem.str('/tmp/d/e')), -Errno.EISDIR);
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d/e'), AT_FDCWD, c.mem.str('/tmp/d/c')), -Errno.ENOTDIR);
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d'), AT_FDCWD, c.mem.str('/tmp/d/e/x')), -Errno.EINVAL, 'into itself');
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d/c'), AT_FDCWD, c.mem.str('/home/c')), -Errno.EXDEV);
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/nope'), AT_FDCWD, c.mem.str('/tmp/x')), -Errno.ENOENT);
  t.equal(c.n('renameat', AT_FDCWD, c.mem.str('/tmp/d/e'), AT_FDCWD, c.mem.str('/tmp/e2')), 0, 'directory moves');
  t.ok(c.open('/tmp/e2', O_DIRECTORY) >= 0);
});

t.test('getcwd, chdir, relative paths, . and ..', async (t) => {
  const { c } = setup();
  const buf = c.mem.alloc(256);
  t.equal(c.n('getcwd', buf, 256), 2);
  t.equal(c.mem.readCString(buf), '/');
  t.equal(c.n('chdir', c.mem.str('/home/user/../user/.')), 0);
  t.equal(c.n('getcwd', buf, 256), '/home/user'.length + 1);
  t.equal(c.mem.readCString(buf), '/home/user');
  t.equal(c.n('getcwd', buf, 5), -Errno.ERANGE);
  t.equal(c.n('chdir', c.mem.str('/etc/hostname')), -Errno.ENOTDIR);
  t.equal(c.n('chdir', c.mem.str('/nope')), -Errno.ENOENT);
  const fd = c.open('notes', O_CREAT | O_WRONLY);
  t.ok(fd >= 0);
  t.ok(typeof c.stat('/home/user/notes') === 'object', 'created relative to cwd');
  t.equal(c.n('chdir', c.mem.str('../../..')), 0);
  t.equal(c.n('getcwd', buf, 256), 2, '.. stops at /');
  c.n('chdir', c.mem.str('/tmp'));
  c.n('chdir', c.mem.str('..'));
  c.n('getcwd', buf, 256);
  t.equal(c.mem.readCString(buf), '/', '.. out of a mount goes to its parent');
  // symlinked directory: .. is physical
  c.n('mkdirat', AT_FDCWD, c.mem.str('/tmp/real'), 0o755);
  c.n('symlinkat', c.mem.str('/tmp/real'), AT_FDCWD, c.mem.str('/home/user/ln'));
  c.n('chdir', c.mem.str('/home/user/ln'));
  c.n('getcwd', buf, 256);
  t.equal(c.mem.readCString(buf), '/tmp/real', 'cwd is canonical');
  const d = c.open('/tmp', O_DIRECTORY);
  t.equal(c.n(50 /* fchdir */, d), 0);
  c.n('getcwd', buf, 256);
  t.equal(c.mem.readCString(buf), '/tmp');
});

t.test('symlinks and readlinkat', async (t) => {
  const { c } = setup();
  c.n('symlinkat', c.mem.str('hostname'), AT_FDCWD, c.mem.str('/etc/hn'));
  t.equal(c.read(c.open('/etc/hn')), 'akuma\n', 'relative target');
  const buf = c.mem.alloc(64);
  t.equal(c.n('readlinkat', AT_FDCWD, c.mem.str('/etc/hn'), buf, 64), 8);
  t.equal(Buffer.from(c.mem.read(buf, 8)).toString(), 'hostname');
  t.equal(c.n('readlinkat', AT_FDCWD, c.mem.str('/etc/hn'), buf, 3), 3, 'truncated');
  t.equal(c.n('readlinkat', AT_FDCWD, c.mem.str('/etc/hostname'), buf, 64), -Errno.EINVAL, 'not a link');
  t.equal(c.n('readlinkat', AT_FDCWD, c.mem.str('/etc/hn'), buf, 0), -Errno.EINVAL);
  c.n('symlinkat', c.mem.str('/tmp/loop2'), AT_FDCWD, c.mem.str('/tmp/loop1'));
  c.n('symlinkat', c.mem.str('/tmp/loop1'), AT_FDCWD, c.mem.str('/tmp/loop2'));
  t.equal(c.open('/tmp/loop1'), -Errno.ELOOP);
  t.equal(c.open('/etc/hn', 0o100000 /* O_NOFOLLOW */), -Errno.ELOOP);
  t.equal(c.n('symlinkat', c.mem.str('x'), AT_FDCWD, c.mem.str('/etc/hn')), -Errno.EEXIST);
  c.n('symlinkat', c.mem.str('/tmp/target'), AT_FDCWD, c.mem.str('/tmp/dangling'));
  t.ok(c.open('/tmp/dangling', O_CREAT | O_WRONLY) >= 0, 'O_CREAT through a dangling link creates the target');
  t.ok(typeof c.stat('/tmp/target') === 'object');
});

t.test('dup, dup3, fcntl, close-on-exec', async (t) => {
  const { c } = setup();
  const fd = c.open('/etc/hostname', O_CLOEXEC);
  t.equal(c.n('fcntl', fd, 1), 1, 'F_GETFD shows FD_CLOEXEC');
  const d = c.n('dup', fd);
  t.equal(d, 1);
  t.equal(c.n('fcntl', d, 1), 0, 'dup clears cloexec');
  t.equal(c.read(fd, 2), 'ak');
  t.equal(c.read(d, 2), 'um', 'dup shares the offset');
  t.equal(c.n('dup3', fd, 10, O_CLOEXEC), 10);
  t.equal(c.n('fcntl', 10, 1), 1);
  t.equal(c.n('dup3', fd, fd, 0), -Errno.EINVAL);
  t.equal(c.n('dup3', fd, 11, 1), -Errno.EINVAL);
  t.equal(c.n('dup3', 99, 11, 0), -Errno.EBADF);
  t.equal(c.n('dup3', fd, 5000, 0), -Errno.EBADF);
  t.equal(c.n('fcntl', fd, 0, 20), 20, 'F_DUPFD >= 20');
  t.equal(c.n('fcntl', fd, 1030, 20), 21, 'F_DUPFD_CLOEXEC');
  t.equal(c.n('fcntl', 21, 1), 1);
  t.equal(c.n('fcntl', fd, 2, 0), 0);
  t.equal(c.n('fcntl', fd, 1), 0, 'F_SETFD cleared');
  const flags = c.n('fcntl', fd, 3);
  t.equal(flags & 3, O_RDONLY);
  t.ok(flags & 0o400000, 'O_LARGEFILE shown like Linux');
  t.equal(c.n('fcntl', fd, 4, O_NONBLOCK | O_APPEND), 0);
  t.ok(c.n('fcntl', d, 3) & O_NONBLOCK, 'status flags shared through dup');
  t.equal(c.n('fcntl', fd, 12345), -Errno.EINVAL);
  t.equal(c.n('fcntl', 77, 1), -Errno.EBADF);
  c.proc.files.closeOnExec();
  t.same(c.proc.files.fds(), [0, 1, 20], 'close-on-exec fds closed');
});

t.test('pipes: data, EOF, EPIPE + SIGPIPE, blocking, O_NONBLOCK, FIONREAD', async (t) => {
  const { c } = setup();
  const p = c.mem.alloc(8);
  t.equal(c.n('pipe2', p, 0), 0);
  const v = new DataView(c.mem.read(p, 8).buffer);
  const [r, w] = [v.getInt32(0, true), v.getInt32(4, true)];
  t.same([r, w], [0, 1]);
  t.equal(c.call('read', r, c.mem.alloc(10), 10), BLOCKED, 'empty pipe blocks');
  t.ok(c.blockedOn && c.blockedOn.length === 1);
  let woken = 0;
  c.blockedOn![0]!.addWaiter(() => woken++);
  t.equal(c.write(w, 'abc'), 3);
  t.equal(woken, 1, 'writer woke the reader');
  const n = c.mem.alloc(4);
  t.equal(c.n('ioctl', r, 0x541b, n), 0);
  t.equal(c.mem.readU32(n), 3, 'FIONREAD');
  t.equal(c.read(r), 'abc');
  t.equal(c.write(r, 'x'), -Errno.EBADF, 'write to the read end');
  t.equal(c.n('lseek', r, 0, 0), -Errno.ESPIPE);
  t.equal(c.n('ioctl', r, 0x5401, c.mem.alloc(64)), -Errno.ENOTTY, 'TCGETS on a pipe');
  // fill it
  const big = new Uint8Array(100_000).fill(65);
  const bigAddr = c.mem.data(big);
  t.equal(c.call('write', w, bigAddr, big.length), BLOCKED, 'a large write fills the pipe and waits');
  t.same(c.proc.syscallState, { written: 65536 }, 'progress kept for the re-run');
  t.equal((c.read(r, 70000) as string).length, 65536, 'reader drains');
  t.equal(c.call('write', w, bigAddr, big.length), 100_000, 're-run completes the whole write');
  t.equal(c.proc.syscallState, undefined);
  t.equal((c.read(r, 70000) as string).length, 100_000 - 65536);
  t.equal(c.write(w, new Uint8Array(65536)), 65536);
  t.equal(c.call('write', w, c.mem.data('x'), 1), BLOCKED, 'full pipe blocks the writer');
  t.equal(c.n('fcntl', w, 4, O_NONBLOCK), 0);
  t.equal(c.write(w, 'x'), -Errno.EAGAIN);
  t.equal((c.read(r, 70000) as string).length, 65536);
  t.equal(c.n('fcntl', r, 4, O_NONBLOCK), 0);
  t.equal(c.read(r), -Errno.EAGAIN, 'nonblocking empty read');
  t.equal(c.n('fcntl', r, 1032), 65536, 'F_GETPIPE_SZ');
  c.n('close', w);
  t.equal(c.read(r), '', 'EOF after the last writer closes');
  // EPIPE
  c.n('pipe2', p, O_CLOEXEC);
  const v2 = new DataView(c.mem.read(p, 8).buffer);
  const [r2, w2] = [v2.getInt32(0, true), v2.getInt32(4, true)];
  t.equal(c.n('fcntl', r2, 1), 1, 'O_CLOEXEC');
  c.n('close', r2);
  t.equal(c.write(w2, 'x'), -Errno.EPIPE);
  t.same(c.proc.signals, [13], 'SIGPIPE sent');
  t.equal(c.n('pipe2', p, 0x1), -Errno.EINVAL, 'bad flags');
});

t.test('readv and writev', async (t) => {
  const { c } = setup();
  const fd = c.open('/tmp/v', O_CREAT | O_RDWR);
  const iov = c.mem.alloc(48);
  const parts = ['one ', '', 'two three'];
  const iv = new DataView(new ArrayBuffer(48));
  parts.forEach((p, i) => {
    iv.setBigUint64(i * 16, BigInt(p ? c.mem.data(p) : 0), true);
    iv.setBigUint64(i * 16 + 8, BigInt(p.length), true);
  });
  c.mem.write(iov, new Uint8Array(iv.buffer));
  t.equal(c.n('writev', fd, iov, 3), 13);
  c.n('lseek', fd, 0, 0);
  const out = new DataView(new ArrayBuffer(32));
  const a = c.mem.alloc(3);
  const b = c.mem.alloc(20);
  out.setBigUint64(0, BigInt(a), true);
  out.setBigUint64(8, 3n, true);
  out.setBigUint64(16, BigInt(b), true);
  out.setBigUint64(24, 20n, true);
  const riov = c.mem.data(new Uint8Array(out.buffer));
  t.equal(c.n('readv', fd, riov, 2), 13);
  t.equal(Buffer.from(c.mem.read(a, 3)).toString() + Buffer.from(c.mem.read(b, 10)).toString(), 'one two three');
  t.equal(c.n('readv', fd, riov, -1), -Errno.EINVAL);
  t.equal(c.n('readv', fd, riov, 2000), -Errno.EINVAL);
  t.equal(c.n('writev', fd, 0x10, 1), -Errno.EFAULT);
});

t.test('ftruncate, fsync, faccessat, permissions as a user', async (t) => {
  const { c } = setup();
  const fd = c.open('/tmp/t', O_CREAT | O_RDWR);
  c.write(fd, '0123456789');
  t.equal(c.n('ftruncate', fd, 4), 0);
  t.equal(c.n('pread64', fd, c.mem.alloc(20), 20, 0), 4);
  t.equal(c.n('ftruncate', fd, 8), 0);
  const buf = c.mem.alloc(20);
  c.n('pread64', fd, buf, 20, 0);
  t.same([...c.mem.read(buf, 8)], [48, 49, 50, 51, 0, 0, 0, 0], 'extension is zero-filled');
  t.equal(c.n('ftruncate', fd, -1), -Errno.EINVAL);
  const ro = c.open('/tmp/t');
  t.equal(c.n('ftruncate', ro, 0), -Errno.EINVAL, 'not open for writing');
  t.equal(c.n('fsync', fd), 0);
  t.equal(c.n('fdatasync', fd), 0);
  const p = c.mem.alloc(8);
  c.n('pipe2', p, 0);
  t.equal(c.n('fsync', new DataView(c.mem.read(p, 8).buffer).getInt32(0, true)), -Errno.EINVAL, 'fsync on a pipe');
  t.equal(c.n('faccessat', AT_FDCWD, c.mem.str('/etc/passwd'), 4), 0);
  t.equal(c.n('faccessat', AT_FDCWD, c.mem.str('/etc/nope'), 0), -Errno.ENOENT);
  t.equal(c.n('faccessat', AT_FDCWD, c.mem.str('/etc/passwd'), 1), -Errno.EACCES, 'not executable even for root');

  const { c: u } = setup(1000);
  t.equal(u.open('/etc/passwd', O_WRONLY), -Errno.EACCES, 'user cannot write /etc/passwd');
  t.equal(u.open('/etc/new', O_CREAT | O_WRONLY), -Errno.EACCES, 'nor create in /etc');
  t.equal(u.n('faccessat', AT_FDCWD, u.mem.str('/etc/passwd'), 2), -Errno.EACCES);
  t.equal(u.n('mkdirat', AT_FDCWD, u.mem.str('/home/user/docs'), 0o755), 0, 'home is writable');
  t.ok(u.open('/tmp/mine', O_CREAT | O_WRONLY) >= 0, '/tmp is writable');
  const st = u.stat('/tmp/mine');
  t.ok(typeof st === 'object' && st.uid === 1000 && (st.mode & 0o777) === 0o644, 'owner and umask');
  t.equal(u.open('/root'), -Errno.EACCES);
});

t.test('/dev devices', async (t) => {
  const { c } = setup();
  const z = c.open('/dev/zero');
  t.equal(c.read(z, 4), '\0\0\0\0');
  const nul = c.open('/dev/null', O_RDWR);
  t.equal(c.read(nul), '');
  t.equal(c.write(nul, 'discard'), 7);
  const u = c.open('/dev/urandom');
  const a = c.read(u, 32) as string;
  const b = c.read(u, 32) as string;
  t.equal(a.length, 32);
  t.not(a, b);
  t.equal(c.open('/dev/tty'), -Errno.ENXIO, 'no controlling terminal');
  const full = c.open('/dev/full', O_WRONLY);
  t.equal(c.write(full, 'x'), -Errno.ENOSPC);
});
