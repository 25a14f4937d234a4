/**
 * A machine's disk quota (kernel/fs/disk-quota.ts, serve --machine-disk): a machine of its
 * own, copy-on-write over a base system, may write so many bytes to its upper layer and
 * /tmp together; past them writes fail with EDQUOT ("Disk quota exceeded", as Linux words a
 * quota), one log line says so, df shows the quota as the size, and deleting frees it.
 */

import t from 'tap';
import { bootKernel } from '../../kernel/boot.js';
import { Errno, SyscallError } from '../../kernel/errno.js';
import { DISK_DEV } from '../../kernel/fs/disk.js';
import { DiskQuota } from '../../kernel/fs/disk-quota.js';
import { MemFs } from '../../kernel/fs/memfs.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { installUserland } from '../../packages/userland/install.js';

const MIB = 1024 * 1024;

function errnoOf(fn: () => void): number | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof SyscallError ? e.errno : -1;
  }
}

function captureLogger() {
  const warnings: Array<{ o: Record<string, unknown>; msg: string }> = [];
  const logger = {
    warn: (o: Record<string, unknown>, msg: string) => void warnings.push({ o, msg }),
    info() {}, debug() {}, error() {}, trace() {}, fatal() {},
    child() {
      return logger;
    },
  };
  return { logger, warnings };
}

/** A base system with the userland, and a machine of its own over it with a quota of `quotaMib`. */
function machineWithQuota(quotaMib: number) {
  const base = bootKernel({ ramSize: 32 * MIB });
  installUserland(base.kernel, { hostname: 'akuma' });
  const { logger, warnings } = captureLogger();
  const quota = new DiskQuota(quotaMib * MIB, logger as never);
  const m = bootKernel({ ramSize: 32 * MIB, logger: logger as never, fs: { hostname: 'akuma', lower: base.vfs.root, disk: new MemFs(DISK_DEV, null, quotaMib * MIB), quota } });
  installUserland(m.kernel, { hostname: 'akuma', registerOnly: true });
  return { base, m, quota, warnings };
}

async function sh(b: ReturnType<typeof bootKernel>, script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = new HostInput();
  stdin.end();
  const proc = b.kernel.spawn('/bin/sh', ['/bin/sh', '-c', script], ['PATH=/bin'], {
    cwd: '/', stdin,
    stdout: new HostOutput((d) => void out.push(Buffer.from(d))),
    stderr: new HostOutput((d) => void err.push(Buffer.from(d))),
  });
  const exit = await proc.exited;
  return { code: exit.code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

t.test('writes past the quota fail with EDQUOT in the guest, with one log line; df shows the quota', async (t) => {
  const { base, m, quota, warnings } = machineWithQuota(4);
  t.teardown(() => {
    m.kernel.shutdown();
    base.kernel.shutdown();
  });
  const df = await sh(m, 'df -k /');
  t.match(df.stdout, /\s4096\s/, `df shows the 4 MiB quota as the size: ${df.stdout}`);

  // 3 MiB fit; 2 more do not, in the upper layer or in /tmp (they share the quota).
  const fill = await sh(m, 'head -c 3145728 /dev/zero > /big && echo ok');
  t.equal(fill.stdout, 'ok\n', fill.stderr);
  const over = await sh(m, 'head -c 2097152 /dev/zero > /tmp/more; echo "status $?"');
  t.match(over.stderr, /Disk quota exceeded/, `the guest's tool reports the quota: ${over.stderr.trim()}`);
  t.match(over.stdout, /status [1-9]/);
  const again = await sh(m, 'head -c 2097152 /dev/zero > /more2; echo "status $?"');
  t.match(again.stderr, /Disk quota exceeded/);
  const lines = warnings.filter((w) => w.msg.includes('quota'));
  t.equal(lines.length, 1, 'one log line, at the first refusal');
  t.match(lines[0]?.o, { quotaKb: 4096 });
  t.ok(quota.usedBytes <= quota.limitBytes, `never past the quota: ${quota.usedBytes} of ${quota.limitBytes}`);

  // The kernel's own callers (SFTP's file operations) get the same errno.
  t.equal(errnoOf(() => m.vfs.writeFile('/direct', new Uint8Array(2 * MIB))), Errno.EDQUOT, 'the file API gets EDQUOT');

  // Removing files gives the bytes back; the base system never saw any of it.
  const freed = await sh(m, 'rm -f /big /tmp/more /more2 && head -c 2097152 /dev/zero > /after && echo ok');
  t.equal(freed.stdout, 'ok\n', freed.stderr);
  t.equal(base.vfs.exists('/big') || base.vfs.exists('/after'), false, 'the base system is untouched');
  t.end();
});

t.test('a tmpfs of its own size still says ENOSPC, and a machine without a quota is as before', async (t) => {
  const plain = bootKernel({ ramSize: 16 * MIB, fs: { tmpLimitBytes: 1 * MIB } });
  t.teardown(() => plain.kernel.shutdown());
  t.equal(errnoOf(() => plain.vfs.writeFile('/tmp/x', new Uint8Array(2 * MIB))), Errno.ENOSPC);
  t.end();
});
