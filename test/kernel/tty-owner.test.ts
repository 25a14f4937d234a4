/**
 * Who owns a terminal: the uid of the session that has it, the same whether it is asked of
 * /dev/pts/N (stat) or of an open fd on it (fstat), as on Linux where sshd makes the pty the
 * user's. ttyname(3) and tty(1) compare the two, and `ls -l $(tty)` shows the owner.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { Tty, TtyFile } from '../../kernel/fs/tty.js';
import { boot, ROOT } from './kernel-helpers.js';

t.test("a terminal is its session's user's, in stat of /dev/pts/N and in fstat of an fd on it", async (t) => {
  const b = boot();
  b.vfs.writeFile('/bin/cat', readFileSync(join(ROOT, 'packages/bin/cat')), { mode: 0o755 });
  const tty = new Tty({ output: () => undefined });
  t.equal(new TtyFile(tty).stat().uid, 0, 'a terminal no process has yet is root’s');
  const stdin = new HostInput();
  const sink = new HostOutput(() => undefined);
  const proc = b.kernel.spawn('/bin/cat', ['cat'], [], { stdin, stdout: sink, stderr: sink, tty, uid: 1000, gid: 1000 });
  const fromFd = new TtyFile(tty).stat();
  const fromDev = b.vfs.stat(`/dev/pts/${tty.index}`);
  t.equal(fromFd.uid, 1000, 'fstat of an fd on it: the session user');
  t.equal(fromDev.uid, 1000, 'stat of /dev/pts/N: the same');
  t.same([fromFd.ino, fromFd.rdev, fromFd.gid], [fromDev.ino, fromDev.rdev, fromDev.gid], 'the same device, group tty');
  stdin.end();
  await proc.exited;
  b.kernel.shutdown();
  t.end();
});
