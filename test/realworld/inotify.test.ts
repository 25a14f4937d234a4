/**
 * The real-program suite, inotify (packages/realworld/src/files/inotify.c): the events a
 * directory watch and a file watch report for the usual changes, removal and IN_IGNORED,
 * IN_ONESHOT/IN_MASK_ADD/IN_MASK_CREATE and the errors, and readiness through read, poll
 * and epoll when another process makes the change. qemu-aarch64 passes inotify through to
 * the host's kernel, so each side works in a scratch directory of its own /tmp: same
 * stdout, same exit status.
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

for (const c of ['dir', 'self', 'flags', 'wait']) {
  t.test(`files/inotify ${c}`, async (t) => {
    sameAsQemu(t, `inotify ${c}`, realworldBinary('files', 'inotify'), { args: [`/tmp/akuma-rw-inotify-${process.pid}-${c}`, c] });
  });
}
