/**
 * Limits of a machine of its own (serve --machines per-session), through a real server and
 * the OpenSSH client: --machine-disk is a quota on what the machine writes (EDQUOT in the
 * guest, "Disk quota exceeded", df showing the quota, one log line; an SFTP upload past it
 * fails too), and another connection's machine has its own quota; --machine-nproc stops a
 * machine's forks with EAGAIN (the shell's "Cannot fork") and --machine-nofile its new fds
 * with ENFILE (the shell's "Pipe call failed"), each with one log line.
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

t.test('--machine-nproc and --machine-nofile: fork fails with EAGAIN and pipe with ENFILE, one log line each', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'nproc'), args: ['--machines', 'per-session', '--machine-nproc', '16'] });
  t.teardown(() => server.stop());
  const stages = (n: number): string => Array.from({ length: n }, () => 'sleep 600').join(' | ');

  // Twenty stages of a pipeline are twenty processes: past 16 (the login shell is one) fork fails.
  const forks = await ssh(server, dir, `${stages(20)}; echo not reached`);
  t.equal(forks.code, 2, 'the shell ends with status 2, as dash does');
  t.match(forks.stderr, /Cannot fork/, forks.stderr.trim());
  const nproc = await server.waitForLog((l) => l.msg.includes('--machine-nproc'), 30_000);
  t.match(nproc, { machineNproc: 16 }, 'one log line with the cap');

  // Another connection's machine has its own count: a small command runs.
  const ok = await ssh(server, dir, 'echo a | cat');
  t.equal(ok.stdout, 'a\n', `a fresh machine forks: ${ok.stderr}`);

  // Thirty stages hold three fds each: past 64 the shell's next pipe() is refused.
  const files = await startServer({ dataDir: join(dir, 'nofile'), args: ['--machines', 'per-session', '--machine-nofile', '64'] });
  t.teardown(() => files.stop());
  const pipes = await ssh(files, dir, `${stages(30)}; echo not reached`);
  t.equal(pipes.code, 2);
  t.match(pipes.stderr, /Pipe call failed/, pipes.stderr.trim());
  const nofile = await files.waitForLog((l) => l.msg.includes('--machine-nofile'), 30_000);
  t.match(nofile, { machineNofile: 64 });
});
