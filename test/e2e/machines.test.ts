/**
 * serve --machines, through a real server and the OpenSSH client: per-session gives each
 * SSH connection (all its channels, multiplexed ones and SFTP included) a machine of its own
 * whose /tmp, processes and `pkg install` no other connection sees, discarded at the end;
 * per-user gives one machine to a user across concurrent connections and none to anyone
 * else; --max-machines refuses past its number with one line; shared is as before.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, NO_OPENSSH, SFTP, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir, type LogLine, type ServerHandle } from './helpers.js';

const dir = tmpDir('akuma-e2e-machines-');
t.teardown(() => removeDir(dir));
if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');

/** Resolves once the server logs that `program` started in some machine; returns that machine's id. */
async function started(server: ServerHandle, program: string, after: number): Promise<string> {
  const line = await server.waitForLog((l: LogLine) => l.msg === 'process started' && l.cmd === program && Number(l.time) >= after, 30_000);
  return String(line.machine);
}

t.test('per-session: each connection has its own /tmp, processes and packages', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'per-session'), args: ['--machines', 'per-session'] });
  t.teardown(() => server.stop());

  // A writes into /tmp and keeps a process running while B looks.
  const since = Date.now();
  const a = ssh(server, dir, 'echo from-a > /tmp/only-a && pkg install -q crash && sleep 6; cat /tmp/only-a; ls /bin/crash');
  const machineA = await started(server, '/bin/sleep', since);
  const b = await ssh(server, dir, 'ls -a /tmp; ps -e; ls /bin/crash; pkg list | grep -c "^crash " ; echo end');
  t.equal(b.stdout.includes('only-a'), false, "B does not see A's file in /tmp");
  t.equal(/\bsleep\b/.test(b.stdout), false, `B does not see A's processes: ${b.stdout}`);
  t.match(b.stderr, /ls: cannot access '\/bin\/crash': No such file or directory/, "A's pkg install is not in B's /bin");
  t.match(b.stdout, /^0\nend\n$/m, "nor in B's pkg list");
  const ra = await a;
  t.equal(ra.code, 0, `A's own file and package are still there: ${ra.stderr}`);
  t.equal(ra.stdout, 'from-a\n/bin/crash\n');

  // A's machine is discarded with its connection; a new connection starts from the base system.
  await server.waitForLog((l) => l.msg === 'machine discarded' && l.machine === machineA);
  const c = await ssh(server, dir, 'ls /tmp/only-a /bin/crash; ls /bin/sh');
  t.match(c.stderr, /cannot access '\/tmp\/only-a'/, 'a new session starts with an empty /tmp');
  t.match(c.stderr, /cannot access '\/bin\/crash'/, 'and without the package');
  t.equal(c.stdout, '/bin/sh\n', 'but with the base system');

  const boots = server.logs.filter((l) => l.msg === 'machine booted');
  t.ok(boots.length >= 3, 'a machine was booted per connection');
  t.ok(boots.every((l) => typeof l.ms === 'number' && l.mode === 'per-session'), 'each boot is logged with its time');
});

t.test('per-session: every channel of one connection shares its machine (ControlMaster, sftp)', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'channels'), args: ['--machines', 'per-session'] });
  t.teardown(() => server.stop());
  const control = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${join(dir, 'cm-%p')}`, '-o', 'ControlPersist=30'];
  const first = await ssh(server, dir, 'echo shared-by-channels > /tmp/chan; echo $$', { extra: control });
  t.equal(first.code, 0, first.stderr);
  const second = await ssh(server, dir, 'cat /tmp/chan', { extra: control });
  t.equal(second.stdout, 'shared-by-channels\n', 'a second channel on the same connection sees the file');
  const sftp = await runOpenssh(SFTP, [...opensshOptions(dir), ...control, '-P', String(server.port), 'user@127.0.0.1'], { input: 'get /tmp/chan ' + join(dir, 'chan.txt') + '\n' });
  t.equal(sftp.code, 0, `sftp on the same connection: ${sftp.stderr}`);
  const { readFileSync } = await import('node:fs');
  t.equal(readFileSync(join(dir, 'chan.txt'), 'utf8'), 'shared-by-channels\n', 'sftp reads the same machine');
  const other = await ssh(server, dir, 'cat /tmp/chan');
  t.match(other.stderr, /No such file/, 'another connection does not');
  await ssh(server, dir, null, { extra: [...control, '-O', 'exit'] });
  t.equal(server.logs.filter((l) => l.msg === 'machine booted').length, 2, 'one machine for the multiplexed connection, one for the other');
});

t.test('per-user: one machine per user across concurrent sessions, none shared with others', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'per-user'), args: ['--machines', 'per-user'] });
  t.teardown(() => server.stop());
  const since = Date.now();
  const first = ssh(server, dir, 'echo alice-was-here > /tmp/note; sleep 5', { user: 'alice' });
  const machine = await started(server, '/bin/sleep', since);
  const second = await ssh(server, dir, 'cat /tmp/note; ps -e | grep -c "[s]leep"', { user: 'alice' });
  t.equal(second.stdout, 'alice-was-here\n1\n', "alice's second session sees her first one's file and process");
  const bob = await ssh(server, dir, 'cat /tmp/note', { user: 'bob' });
  t.match(bob.stderr, /No such file/, 'bob does not');
  t.equal((await first).code, 0);
  // After her last session the machine goes; her next session starts afresh.
  await server.waitForLog((l) => l.msg === 'machine discarded' && l.machine === machine);
  const later = await ssh(server, dir, 'cat /tmp/note', { user: 'alice' });
  t.match(later.stderr, /No such file/, "alice's machine was discarded after her last session closed");
  t.equal(server.logs.filter((l) => l.msg === 'machine booted').length, 3, 'alice, bob, alice again');
});

t.test('--max-machines: a connection past the limit is refused with one line', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'max'), args: ['--machines', 'per-session', '--max-machines', '1'] });
  t.teardown(() => server.stop());
  const since = Date.now();
  const holder = ssh(server, dir, 'sleep 4');
  await started(server, '/bin/sleep', since);
  const refused = await ssh(server, dir, 'echo should-not-run');
  t.equal(refused.code, 126, 'refused with status 126');
  t.equal(refused.stdout, '');
  t.equal(refused.stderr.trim(), 'akuma-vm: no machine available: all 1 are in use (--max-machines 1); try again later');
  t.ok(await server.logged((l) => l.msg === 'machine refused: --max-machines reached' && l.maxMachines === 1), 'and a log line');
  t.equal((await holder).code, 0, 'the machine holder was not disturbed');
  await server.waitForLog((l) => l.msg === 'machine discarded');
  t.equal((await ssh(server, dir, 'echo ok')).stdout, 'ok\n', 'once a machine is free, a connection gets one');
});

t.test('per-session over --rootfs: Debian in each machine, changes in none of the others', async (t) => {
  const rootfs = join(CLI, '..', '..', '..', '.cache', 'debian-arm64');
  if (NO_OPENSSH) return t.pass(`skip: ${NO_OPENSSH}`);
  if (!existsSync(join(rootfs, 'lib/ld-linux-aarch64.so.1')) || !existsSync(join(rootfs, 'bin/bash'))) {
    return t.pass('skip: .cache/debian-arm64 has no arm64 root file system (run .ci/run to fetch it)');
  }
  const server = await startServer({ dataDir: join(dir, 'rootfs'), args: ['--machines', 'per-session', '--rootfs', rootfs] });
  t.teardown(() => server.stop());
  const first = await ssh(server, dir, 'echo changed > /etc/akuma-test && rm /etc/debian_version && bash -c "echo bash \\$BASH_VERSION" | cut -c1-6', { user: 'root', timeoutMs: 120_000 });
  t.equal(first.code, 0, first.stderr);
  t.equal(first.stdout, 'bash 5\n', "Debian's bash runs in the machine");
  const second = await ssh(server, dir, 'ls /etc/akuma-test; cat /etc/debian_version >/dev/null && echo still-there', { user: 'root', timeoutMs: 120_000 });
  t.match(second.stderr, /cannot access '\/etc\/akuma-test'/, "the first machine's new file is not in the next one");
  t.equal(second.stdout, 'still-there\n', 'nor its deletion');
});

t.test('shared (the default): every session sees the one machine', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'shared') });
  t.teardown(() => server.stop());
  t.equal((await ssh(server, dir, 'echo kept > /tmp/shared-file')).code, 0);
  t.equal((await ssh(server, dir, 'cat /tmp/shared-file', { user: 'bob' })).stdout, 'kept\n', 'the next session, of another user, sees it');
  t.equal(server.logs.some((l) => l.msg === 'machine booted'), false, 'no machine of its own is booted');
  const ready = server.logs.find((l) => l.msg.startsWith('akuma-vm ready'));
  t.equal(ready?.machines, 'shared');
});

t.test('--machines refuses an unknown mode with one line', async (t) => {
  const { runCli } = await import('./helpers.js');
  const r = runCli(['serve', '--machines', 'per-job', '--data-dir', join(dir, 'bad')]);
  t.equal(r.code, 1);
  t.equal(r.stderr.trim(), "akuma-vm: --machines 'per-job': not allowed; expected shared, per-session, per-user");
});
