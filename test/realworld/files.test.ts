/**
 * The real-program suite, files: static glibc programs (packages/realworld/src/files/*.c)
 * exercising hard links, locks between fork'ed processes, sparse files and fallocate, in-kernel
 * copies, vector I/O, memfd seals, close_range, madvise/mincore/mlock, large directories and
 * rename's edge cases, O_APPEND writers, statfs, chown and utimensat, O_TMPFILE, named pipes, each run under akuma-vm
 * and under qemu-aarch64 with the same arguments: same stdout, same exit status. Each side
 * makes (and removes) its own scratch directory under its own /tmp.
 */

import t from 'tap';
import { realworldBinary, runUnderAkuma, sameAsHostBuild, sameAsQemu } from './compare.js';

const CASES: Array<[string, string]> = [
  ['links', 'count'], ['links', 'unlink'], ['links', 'errors'], ['links', 'rename'], ['links', 'symlink'],
  ['locks', 'flock'], ['locks', 'fcntl'], ['locks', 'setlkw'], ['locks', 'ofd'], ['locks', 'deadlock'], ['locks', 'flock-wait'],
  ['sparse', 'holes'], ['sparse', 'fallocate'], ['sparse', 'truncate'],
  ['copy', 'sendfile'], ['copy', 'copy_file_range'], ['copy', 'splice'],
  ['vecio', 'all'], ['memfd', 'all'], ['fds', 'all'], ['mem', 'all'],
  ['dirs', 'large'], ['dirs', 'rename'], ['append', 'all'], ['statfs', 'all'],
  ['owner', 'chown'], ['owner', 'utimens'], ['tmpfile', 'all'], ['xattr', 'all'],
  ['fifo', 'make'], ['fifo', 'open'], ['fifo', 'between'],
];

/** Cases whose child gives up root: they need setresuid/setgroups from the process calls. */
const AS_USER: Array<[string, string]> = [['owner', 'chown-user'], ['owner', 'utimens-user']];

const scratch = (prog: string, c: string): string => `/tmp/akuma-rw-files-${process.pid}-${prog}-${c}`;

for (const [prog, c] of CASES) {
  t.test(`files/${prog} ${c}`, async (t) => {
    sameAsQemu(t, `${prog} ${c}`, realworldBinary('files', prog), { args: [scratch(prog, c), c] });
  });
}

for (const [prog, c] of AS_USER) {
  t.test(`files/${prog} ${c}`, async (t) => {
    const probe = runUnderAkuma(realworldBinary('files', prog), { args: [scratch(prog, c), c] });
    if (probe.stdout.includes('could not drop root')) {
      t.pass(`skip ${prog} ${c}: the guest cannot give up root yet (setresuid/setgroups)`);
      return;
    }
    sameAsQemu(t, `${prog} ${c}`, realworldBinary('files', prog), { args: [scratch(prog, c), c] });
  });
}

t.test('files/openat2: open_how size and strict flag checks, RESOLVE_NO_SYMLINKS/NO_MAGICLINKS/BENEATH/IN_ROOT/NO_XDEV/CACHED', async (t) => {
  // qemu-aarch64 7.2 has no openat2: the host's Linux is the reference.
  sameAsHostBuild(t, 'files', 'openat2');
});
