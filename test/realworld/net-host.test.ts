/**
 * Network cases whose reference is the same source built for the host and run on the host's
 * Linux, because qemu-aarch64 cannot stand in: qemu-user ignores recvmmsg's timeout
 * (packages/realworld/src/net/recvmmsg_timeout.c).
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ROOT, realworldBinary, runUnderAkuma } from './compare.js';

t.test('net/recvmmsg_timeout: the deadline checked after each datagram, time left written back, EINVAL', async (t) => {
  const name = 'recvmmsg_timeout';
  const dir = mkdtempSync(join(tmpdir(), 'akuma-host-'));
  try {
    const bin = join(dir, name);
    const cc = spawnSync('cc', ['-O2', '-o', bin, join(ROOT, 'packages/realworld/src/net', `${name}.c`)], { encoding: 'utf8' });
    if (cc.status !== 0) return void t.pass(`skip ${name}: no host C compiler (${(cc.stderr ?? '').split('\n')[0]})`);
    const host = spawnSync(bin, [], { encoding: 'utf8', timeout: 60_000 });
    const a = runUnderAkuma(realworldBinary('net', name));
    t.equal(a.stdout, host.stdout, `${name}: same stdout as on the host's Linux${a.stderr ? ` (akuma stderr: ${a.stderr.split('\n')[0]})` : ''}`);
    t.equal(a.status, host.status, `${name}: same exit status`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
