/**
 * vmsplice (kernel/syscalls/fs-io.ts), compared with the same source run on the host's Linux
 * (qemu-aarch64 7.2 may not pass it through the Linux way).
 */

import t from 'tap';
import { sameAsHostBuild } from './compare.js';

t.test('ipc/vmsplice: iovecs into and out of a pipe, SPLICE_F_NONBLOCK, O_NONBLOCK ignored, a blocked vmsplice woken by a reader, the errors', async (t) => {
  sameAsHostBuild(t, 'ipc', 'vmsplice');
});
