/**
 * kcmp, pidfd_getfd, name_to_handle_at and open_by_handle_at (kernel/syscalls/kcmp.ts). kcmp and
 * pidfd_getfd are compared with the same source run on the host's Linux (qemu-aarch64 7.2 has
 * neither); the handle calls depend on the file system (the host's export file handles, this
 * machine's do not), so their answers are stated here.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { realworldBinary, runUnderAkuma, sameAsHostBuild } from './compare.js';

t.test('process/kcmp: kcmp of files, address spaces, file tables, fs state and handlers across fork and sharing clone; pidfd_getfd; the errors, root and unprivileged', async (t) => {
  sameAsHostBuild(t, 'process', 'kcmp');
});

t.test('process/handles: name_to_handle_at resolves the path, then EOPNOTSUPP (no export operations); open_by_handle_at is EPERM unprivileged, ESTALE for root', async (t) => {
  const bin = realworldBinary('process', 'handles');
  if (!existsSync(bin)) return void t.pass('skip handles: not built');
  const a = runUnderAkuma(bin);
  t.equal(a.stdout, [
    'name_to_handle_at /etc/passwd: EOPNOTSUPP',
    'name_to_handle_at missing: ENOENT',
    'name_to_handle_at bad flags: EINVAL',
    'name_to_handle_at AT_EMPTY_PATH: EOPNOTSUPP',
    'open_by_handle_at as root: ESTALE',
    'open_by_handle_at empty handle: EINVAL',
    'open_by_handle_at bad fd: EBADF',
    'open_by_handle_at unprivileged: EPERM',
    '',
  ].join('\n'), `handles output${a.stderr ? ` (stderr: ${a.stderr.split('\n')[0]})` : ''}`);
  t.equal(a.status, 0, 'exit status 0');
});

t.test('process/mrelease_landlock: process_mrelease of a live (EINVAL) and an ended (ESRCH) process; Landlock not enabled (EOPNOTSUPP)', async (t) => {
  // Whether the host enables Landlock is its own configuration: the answers are stated here.
  const bin = realworldBinary('process', 'mrelease_landlock');
  if (!existsSync(bin)) return void t.pass('skip mrelease_landlock: not built');
  const a = runUnderAkuma(bin);
  t.equal(a.stdout, [
    'process_mrelease live: EINVAL',
    'process_mrelease flags: EINVAL',
    'process_mrelease not a pidfd: EBADF',
    'process_mrelease ended: ESRCH',
    'landlock ABI version: EOPNOTSUPP',
    'landlock_create_ruleset: EOPNOTSUPP',
    'landlock_restrict_self: EOPNOTSUPP',
    '',
  ].join('\n'), `mrelease_landlock output${a.stderr ? ` (stderr: ${a.stderr.split('\n')[0]})` : ''}`);
  t.equal(a.status, 0, 'exit status 0');
});
