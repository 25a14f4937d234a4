/**
 * Limits of a machine of its own (serve --machines per-session), through a real server and
 * the OpenSSH client: --machine-disk is a quota on what the machine writes (EDQUOT in the
 * guest, "Disk quota exceeded", df showing the quota, one log line; an SFTP upload past it
 * fails too), and another connection's machine has its own quota.
 */

import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, SFTP, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir } from './helpers.js';

const dir = tmpDir('akuma-e2e-machine-limits-');
t.teardown(() => removeDir(dir));
if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');

t.test('--machine-disk: writes past the quota fail with EDQUOT, in the shell and over SFTP', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'disk'), args: ['--machines', 'per-session', '--machine-disk', '8M'] });
  t.teardown(() => server.stop());

  const r = await ssh(server, dir, 'df -k / | tail -1; head -c 6291456 /dev/zero > /tmp/six && echo six; head -c 4194304 /dev/zero > /home/user/four; echo "status $?"');
  t.match(r.stdout, /^\/dev\/vda\s+8192\s/m, `df shows the 8 MiB quota: ${r.stdout}`);
  t.match(r.stdout, /^six\n/m, '6 MiB fit');
  t.match(r.stderr, /head: write error: Disk quota exceeded/, `4 MiB more do not: ${r.stderr.trim()}`);
  t.match(r.stdout, /status 1\n$/);
  const line = await server.waitForLog((l) => l.msg.includes('machine disk quota reached'), 30_000);
  t.match(line, { quotaKb: 8192 }, 'one log line with the quota');

  // A new connection is a new machine with the whole quota; an SFTP upload past it fails.
  const local = join(dir, 'ten-mib');
  writeFileSync(local, Buffer.alloc(10 * 1024 * 1024, 7));
  const put = await runOpenssh(SFTP, [...opensshOptions(dir), '-b', '-', '-P', String(server.port), 'user@127.0.0.1'], { input: `put ${local} /tmp/ten\n` });
  t.not(put.code, 0, 'sftp put fails');
  t.match(put.stderr, /write remote|Failure|quota/i, `the client says the write failed: ${put.stderr.trim()}`);
  t.ok(line.machine, 'the line names its machine');
  const sftpLine = await server.waitForLog((l) => l.msg.includes('machine disk quota reached') && l.machine !== line.machine, 30_000);
  t.match(sftpLine, { quotaKb: 8192 }, 'the SFTP session\'s machine logs its own line');
  const small = await runOpenssh(SFTP, [...opensshOptions(dir), '-b', '-', '-P', String(server.port), 'user@127.0.0.1'], { input: `put ${join(dir, 'id_ed25519.pub')} /tmp/key.pub\n` });
  t.equal(small.code, 0, `an upload within the quota works: ${small.stderr}`);
});
