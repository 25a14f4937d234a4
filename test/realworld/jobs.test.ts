/**
 * Process groups and sessions (packages/realworld/src/jobs) under akuma-vm and qemu-aarch64,
 * which hands setpgid/setsid/getpgid/getsid/kill/wait4 to the host's Linux: the same answers,
 * errors included, and the same status.
 */

import t from 'tap';
import { realworldBinary, sameAsQemu } from './compare.js';

const CASES: Array<[string, string]> = [
  ['pgrp_session', 'setsid, setpgid and its errors, getpgid/getsid, kill(-pgid), kill(0), wait4(-pgid), wait4(0)'],
];

for (const [name, what] of CASES) {
  t.test(`jobs/${name}: ${what}`, async (t) => {
    sameAsQemu(t, name, realworldBinary('jobs', name));
  });
}
