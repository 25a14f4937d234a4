/**
 * /bin/sh for programs: a static glibc program calling system(), popen() (read and write),
 * posix_spawn() and fork+execve("/bin/sh", -s) runs under `akuma-vm run` as under
 * qemu-aarch64 (where /bin/sh is the host's dash): same output, same statuses.
 */

import t from 'tap';
import { join } from 'node:path';
import { ROOT, sameAsQemu } from '../realworld/compare.js';

t.test('system, popen and posix_spawn of /bin/sh', async (t) => {
  sameAsQemu(t, 'shellcalls', join(ROOT, 'packages/kernel-tests/bin/shellcalls'), { env: ['PATH=/bin:/usr/bin'] });
});
