/**
 * futex_waitv (kernel/syscalls/futex.ts), compared with the same source run on the host's Linux
 * (qemu-aarch64 7.2 does not pass it through).
 */

import t from 'tap';
import { sameAsHostBuild } from './compare.js';

t.test('threads/futex_waitv: woken by FUTEX_WAKE on each of three futexes, EAGAIN, ETIMEDOUT on both clocks, the EINVAL cases', async (t) => {
  sameAsHostBuild(t, 'threads', 'futex_waitv');
});
