/**
 * Connection hygiene like sshd's, end to end: a connection that does not authenticate is
 * closed after --login-grace-time; one address cannot hold more than
 * --per-source-max-startups unauthenticated connections, and beyond --max-startups's start
 * new ones are dropped at random; failed logins are slowed without slowing a good key from
 * the same address, and parallel failures raise each other's delay; env requests pass only
 * what --accept-env allows and never USER, HOME, LOGNAME or SHELL.
 */

import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect, type Socket } from 'node:net';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { NO_OPENSSH, SSH, connect, exec, makeKey, opensshOptions, removeDir, runOpenssh, sleep, ssh, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

/** Opens a TCP connection and resolves once it is connected (or failed). */
function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.on('error', () => undefined);
    // Read (and ignore) what the server sends, so its close is seen.
    s.resume();
    s.once('connect', () => resolve(s));
    s.once('close', () => resolve(s));
  });
}

/** Waits until the socket is closed by the other side; false if it is still open after timeoutMs. */
function closedWithin(s: Socket, timeoutMs: number): Promise<boolean> {
  if (s.destroyed || s.readyState === 'closed') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    s.once('close', () => (clearTimeout(timer), resolve(true)));
  });
}

t.test('--login-grace-time closes connections that do not authenticate', async (t) => {
  const server = await startServer({ dataDir: join(dir, 'grace'), args: ['--login-grace-time', '2'] });
  t.teardown(() => server.stop());
  const silent = await rawSocket(server.port);
  const client = await connect(server.port);
  t.ok(await closedWithin(silent, 30_000), 'a socket that never speaks is closed');
  await server.waitForLog((l) => l.msg.startsWith('login grace time over'));
  await sleep(2500);
  t.equal((await exec(client, 'echo still here')).stdout, 'still here\n', 'an authenticated session outlives the grace time');
  client.end();
});

t.test('one address cannot hold more than --per-source-max-startups unauthenticated connections', async (t) => {
  const server = await startServer({ dataDir: join(dir, 'caps'), args: ['--per-source-max-startups', '5', '--max-startups', '1000:30:2000'] });
  t.teardown(() => server.stop());
  let open: Socket[] = [];
  const all: Socket[] = [];
  // 10,000 connection attempts in waves of 1,000; after each wave at most 5 stay open.
  for (let wave = 0; wave < 10; wave++) {
    const sockets = await Promise.all(Array.from({ length: 1000 }, () => rawSocket(server.port)));
    all.push(...sockets);
    // The server's closes take a moment to arrive on a loaded machine: wait for them.
    for (let i = 0; i < 100; i++) {
      open = all.filter((s) => !s.destroyed && s.readyState === 'open');
      if (open.length <= 5) break;
      await sleep(100);
    }
    if (open.length > 5) break;
    for (const s of all.filter((x) => x.destroyed)) all.splice(all.indexOf(s), 1);
  }
  t.ok(open.length <= 5, `at most 5 of 10,000 stayed open (${open.length})`);
  t.ok(await server.logged((l) => l.msg.startsWith('dropping connections') && String(l.reason).startsWith('per-source-max-startups 5')), 'drops are logged');
  for (const s of all) s.destroy();
  // The server learns of those closes when their FINs are read: on a loaded host that can take
  // longer than any fixed pause, so a refused attempt is retried until the server has caught up.
  // (ssh2 reports a dropped connection more than once: every error of an attempt is heard here.)
  const attempt = (): Promise<string> =>
    new Promise((resolve) => {
      const client = new ssh2.Client();
      client.on('error', () => resolve(''));
      client.once('ready', () =>
        exec(client, 'echo after').then(
          (r) => (client.end(), resolve(r.stdout)),
          () => (client.end(), resolve('')),
        ),
      );
      client.connect({ host: '127.0.0.1', port: server.port, username: 'user', readyTimeout: 60_000 });
    });
  let after = '';
  for (const giveUp = Date.now() + 60_000; after === '' && Date.now() < giveUp; ) {
    after = await attempt();
    if (after === '') await sleep(200);
  }
  t.equal(after, 'after\n', 'once they are gone, a client gets in');
});

t.test('--max-startups drops at random between start and full', async (t) => {
  const server = await startServer({ dataDir: join(dir, 'startups'), args: ['--max-startups', '3:50:8', '--per-source-max-startups', '1000'] });
  t.teardown(() => server.stop());
  const sockets = await Promise.all(Array.from({ length: 100 }, () => rawSocket(server.port)));
  let open = sockets.length;
  for (let i = 0; i < 100 && open > 8; i++) {
    await sleep(100);
    open = sockets.filter((s) => !s.destroyed && s.readyState === 'open').length;
  }
  t.ok(open >= 3 && open <= 8, `between start (3) and full (8) held: ${open}`);
  for (const s of sockets) s.destroy();
});

t.test('failed logins are slowed, a good key from the same address is not', { skip: NO_OPENSSH }, async (t) => {
  const good = makeKey(dir, 'id_good');
  const bad = makeKey(dir, 'id_bad');
  writeFileSync(join(dir, 'keys'), readFileSync(`${good}.pub`));
  const server = await startServer({ dataDir: join(dir, 'throttle'), args: ['--authorized-keys', join(dir, 'keys')] });
  t.teardown(() => server.stop());
  let wrongDone = 0;
  const wrong = Array.from({ length: 12 }, () =>
    connect(server.port, { privateKey: readFileSync(bad) }).then(
      (c) => c.end(),
      () => void wrongDone++,
    ),
  );
  await server.waitForLog((l) => l.msg === 'auth refused' && Number(l.delayMs) >= 1000);
  t.pass('parallel failures raise each other\'s delay (a later one waits at least 1 s)');
  const r = await ssh(server, dir, 'echo good', { key: good });
  t.equal(r.stdout, 'good\n', 'the good key gets in');
  t.ok(wrongDone < 12, `while failing attempts are still waiting (${wrongDone} of 12 answered)`);
  await Promise.all(wrong);
  t.equal(wrongDone, 12, 'every wrong key is refused in the end');
});

t.test('SetEnv/SendEnv: only --accept-env names, never USER, HOME, LOGNAME, SHELL', { skip: NO_OPENSSH }, async (t) => {
  makeKey(dir, 'id_ed25519');
  const server = await startServer({ dataDir: join(dir, 'env') });
  t.teardown(() => server.stop());
  const r = await ssh(server, dir, 'echo "$USER|$HOME|$LOGNAME|$LC_ALL|$LANG|$FOO"', {
    extra: ['-o', 'SetEnv=USER=root HOME=/tmp LOGNAME=root LC_ALL=C.UTF-8 LANG=C FOO=bar'],
  });
  t.equal(r.stdout, 'user|/home/user|user|C.UTF-8|C|\n', 'LANG and LC_* pass by default; FOO and the identity variables do not');
  const wide = await startServer({ dataDir: join(dir, 'env2'), args: ['--accept-env', '*'] });
  t.teardown(() => wide.stop());
  const w = await ssh(wide, dir, 'echo "$USER|$HOME|$FOO"', { extra: ['-o', 'SetEnv=USER=root HOME=/tmp FOO=bar'] });
  t.equal(w.stdout, 'user|/home/user|bar\n', '--accept-env * lets FOO in, still not USER or HOME');
});

t.test('a 100 KB exec command runs; a 300 KB one is refused with one line and status 126, and the connection stays', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'big-exec') });
  t.teardown(() => server.stop());
  // OpenSSH's own client, as a user would type it (Linux caps one argument at 128 KiB, so
  // the 300 KB command is three words that ssh joins with spaces).
  const big = await ssh(server, dir, `echo ${'a'.repeat(100_000)} | wc -c`);
  t.equal(big.code, 0, 'the 100 KB command succeeds');
  t.equal(big.stdout.trim(), '100001', 'and sees its whole argument');
  const word = 'b'.repeat(100_000);
  const huge = await runOpenssh(SSH, [...opensshOptions(dir), '-p', String(server.port), 'user@127.0.0.1', 'echo', word, word, word]);
  t.equal(huge.code, 126, 'the 300 KB command ends with status 126');
  t.match(huge.stderr, /^akuma-vm: command refused: it is 300007 bytes, over the limit of 256 KiB\r?\n/m, 'and one line saying why');
  t.equal(huge.stdout, '', 'nothing ran');

  // ssh2's client: the refusals, then more work on the same connection.
  const client = await connect(server.port);
  t.teardown(() => client.end());
  const refused = await exec(client, `echo ${'c'.repeat(300_000)}`);
  t.equal(refused.code, 126, 'ssh2: a 300 KB command is refused');
  t.match(refused.stderr, /command refused: it is 300005 bytes/, 'with the reason');
  const env = await exec(client, 'echo $LANG', { env: { LANG: 'x'.repeat(200_000) } });
  t.equal(env.code, 126, 'a 200 KB environment variable is refused');
  t.match(env.stderr, /^akuma-vm: environment variable LANG refused: it is 200005 bytes, over the limit of 128 KiB/, 'with its name and size');
  // A pty request whose terminal type (OpenSSH sends $TERM) is over the limit.
  const pty = await runOpenssh('/usr/bin/env', [`TERM=${'t'.repeat(5000)}`, SSH, '-tt', ...opensshOptions(dir), '-p', String(server.port), 'user@127.0.0.1', 'echo hi']);
  t.equal(pty.code, 126, 'a pty request with a 5000-byte terminal type is refused');
  t.match(pty.stderr, /pty refused: its terminal type is 5000 bytes, over the limit of 256 bytes/, 'with the reason');
  t.equal((await exec(client, 'echo still here')).stdout, 'still here\n', 'the same connection still runs commands');
  await server.waitForLog((l) => l.msg === 'session request refused');
});
