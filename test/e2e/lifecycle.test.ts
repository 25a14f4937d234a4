/**
 * The server's life, end to end: settings from the environment, a clean SIGTERM/SIGINT
 * shutdown (exit 0, sessions told, database closed), and a restart on the same data
 * directory that keeps the installed packages and the host key (known_hosts still
 * matches).
 */

import t from 'tap';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type ssh2 from 'ssh2';
import { NO_OPENSSH, SSH, connect, execOnce, makeKey, removeDir, runCli, runOpenssh, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
const dataDir = join(dir, 'data');
t.teardown(() => removeDir(dir));

const knownHosts = join(dir, 'known_hosts');
/** OpenSSH options that pin the host key in our own known_hosts file. */
// HostKeyAlias: the port changes on every start (--port 0), the key must not.
const pinned = (mode: 'accept-new' | 'yes') => ['-o', `UserKnownHostsFile=${knownHosts}`, '-o', `StrictHostKeyChecking=${mode}`, '-o', 'HostKeyAlias=akuma-e2e'];
const COMMON = ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '-o', 'IdentitiesOnly=yes', '-o', 'IdentityAgent=none', '-i', join(dir, 'id_ed25519')];

t.test('restart keeps packages and the host key; SIGTERM and SIGINT stop cleanly', async (t) => {
  if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');
  const first = await startServer({ dataDir });
  const keyFile = join(dataDir, 'ssh_host_ed25519_key');
  t.equal(statSync(keyFile).mode & 0o777, 0o600, 'host key stored with mode 0600');

  t.match((await execOnce(first.port, 'pkg install crash')).stdout, /Installed crash/);
  t.equal((await execOnce(first.port, 'echo persisted > /home/user/note.txt')).code, 0);
  if (!NO_OPENSSH) {
    const r = await runOpenssh(SSH, [...pinned('accept-new'), ...COMMON, '-p', String(first.port), 'user@127.0.0.1', 'true']);
    t.equal(r.code, 0, 'first connection records the host key');
    t.match(readFileSync(knownHosts, 'utf8'), /ssh-ed25519 /);
  }

  // A session is open (a program running in a pty) when SIGTERM arrives: it is told and closed.
  const client = await connect(first.port);
  const channel = await new Promise<ssh2.ClientChannel>((resolve, reject) =>
    client.shell({ term: 'xterm', cols: 80, rows: 24 }, (err, ch) => (err ? reject(err) : resolve(ch))),
  );
  let told = '';
  channel.on('data', () => undefined);
  channel.stderr.on('data', (d: Buffer) => (told += d));
  channel.write('sleep 100\r');
  const sleepStarted = await first.waitForLog((l) => l.msg === 'process started' && l.cmd === '/bin/sleep');
  const clientGone = new Promise<void>((resolve) => client.on('close', () => resolve()));
  const t0 = Date.now();
  const stopped = await first.stop('SIGTERM');
  // That it did not wait for `sleep 100` is asserted below (its program was killed), not timed.
  t.same(stopped, { code: 0, signal: null }, `SIGTERM: exit status 0 (stopped in ${Date.now() - t0} ms)`);
  await clientGone;
  t.pass('the open session was closed');
  t.match(told, 'akuma-vm: server shutting down (received SIGTERM)', 'and told why');
  t.ok(await first.logged((l) => l.msg === 'shutting down' && l.signal === 'SIGTERM'));
  const sleepExited = await first.waitForLog((l) => l.msg === 'process exited' && l.pid === sleepStarted.pid).catch(() => undefined);
  t.ok(sleepExited?.signal, `its program was killed (by ${sleepExited?.signal}), not waited for`);
  t.ok(await first.logged((l) => l.msg === 'akuma-vm stopped'), 'stopped is logged (after the database closed)');
  t.notOk(existsSync(join(dataDir, 'akuma.db-wal')), 'database closed: the WAL was checkpointed and removed');
  t.equal(first.stderr(), '', 'nothing on stderr');

  const second = await startServer({ dataDir });
  t.equal(second.fingerprint, first.fingerprint, 'same host key fingerprint after restart');
  const crash = await execOnce(second.port, 'crash');
  t.equal(crash.code, 139, 'the installed package survived the restart');
  t.match((await execOnce(second.port, 'pkg list')).stdout, /crash/);
  t.equal((await execOnce(second.port, 'cat /home/user/note.txt')).stdout, 'persisted\n', 'files on the disk survived');
  t.ok(await second.logged((l) => l.msg.startsWith('akuma-vm ready') && l.baseInstalled === 0), 'no base package reinstalled');
  if (!NO_OPENSSH) {
    const r = await runOpenssh(SSH, [...pinned('yes'), ...COMMON, '-p', String(second.port), 'user@127.0.0.1', 'echo known']);
    t.equal(r.code, 0, `known_hosts still matches (StrictHostKeyChecking=yes): ${r.stderr}`);
    t.equal(r.stdout, 'known\n');
  }

  // A second server on a busy port says so in one line.
  const busy = runCli(['serve', '--port', String(second.port), '--data-dir', join(dir, 'other')]);
  t.equal(busy.code, 1);
  t.match(busy.stderr, new RegExp(`port ${second.port} on 127.0.0.1 is already in use`));

  t.same(await second.stop('SIGINT'), { code: 0, signal: null }, 'SIGINT: exit status 0');
  t.ok(await second.logged((l) => l.msg === 'akuma-vm stopped'));
});

t.test('settings from the environment', async (t) => {
  const server = await startServer({
    dataDir: join(dir, 'env-data'),
    bare: true,
    env: { AKUMA_PORT: '0', AKUMA_DATA_DIR: join(dir, 'env-data'), AKUMA_LOG_LEVEL: 'info', AKUMA_RAM: '64M' },
  });
  const ready = await server.waitForLog((l) => l.msg.startsWith('akuma-vm ready'));
  t.equal(ready.dataDir, join(dir, 'env-data'));
  t.equal(ready.ram, 64 * 1024 * 1024);
  t.equal((await execOnce(server.port, 'echo env-ok')).stdout, 'env-ok\n');
  t.same(await server.stop(), { code: 0, signal: null });
});
