/**
 * Who gets in, end to end: with --authorized-keys only the listed ed25519, ECDSA and RSA
 * keys; other keys and passwords are refused, logged, and slowed down when repeated. And
 * the server refuses to listen on a non-loopback address without keys unless
 * --insecure-open.
 */

import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  NO_OPENSSH,
  connect,
  exec,
  makeKey,
  removeDir,
  runCli,
  ssh,
  startServer,
  tmpDir,
  type LogLine,
  type ServerHandle,
} from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

t.test('--authorized-keys: only the listed keys get in', { skip: NO_OPENSSH }, async (t) => {
  const keys = {
    ed25519: makeKey(dir, 'id_ed25519', 'ed25519'),
    ecdsa: makeKey(dir, 'id_ecdsa', 'ecdsa'),
    rsa: makeKey(dir, 'id_rsa', 'rsa'),
  };
  const stranger = makeKey(dir, 'id_stranger', 'ed25519');
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(
    authorized,
    [
      '# keys allowed in',
      readFileSync(`${keys.ed25519}.pub`, 'utf8').trim(),
      `from="127.0.0.1" ${readFileSync(`${keys.ecdsa}.pub`, 'utf8').trim()}`,
      '',
      readFileSync(`${keys.rsa}.pub`, 'utf8').trim(),
    ].join('\n') + '\n',
  );
  const server: ServerHandle = await startServer({ dataDir: join(dir, 'data'), args: ['--authorized-keys', authorized] });
  t.teardown(() => server.stop());
  t.ok(await server.logged((l) => l.msg === 'public key authentication only' && l.keys === 3), 'start-up log names the key count');

  for (const [type, key] of Object.entries(keys)) {
    const r = await ssh(server, dir, 'echo in', { key });
    t.equal(r.code, 0, `OpenSSH with the listed ${type} key gets in (${r.stderr.trim()})`);
    t.equal(r.stdout, 'in\n');
    const client = await connect(server.port, { privateKey: readFileSync(key) });
    t.equal((await exec(client, 'echo in')).stdout, 'in\n', `ssh2 with the listed ${type} key gets in`);
    client.end();
  }
  const accepted = server.logs.filter((l) => l.msg === 'auth accepted');
  t.ok(accepted.every((l) => l.method === 'publickey' && l.user === 'user' && l.address === '127.0.0.1'), 'accepted logins are logged with method, user, address');

  const wrong = await ssh(server, dir, 'echo in', { key: stranger });
  t.equal(wrong.code, 255, 'OpenSSH with another key is refused');
  t.match(wrong.stderr, /Permission denied/);
  t.equal(wrong.stdout, '');

  await t.rejects(connect(server.port, { privateKey: readFileSync(stranger) }), /authentication methods failed/, 'ssh2 with another key is refused');
  await t.rejects(connect(server.port, { password: 'hunter2' }), /authentication methods failed/, 'a password is refused');
  const pw = await ssh(server, dir, 'echo in', { key: stranger, extra: ['-o', 'PreferredAuthentications=password,keyboard-interactive'] });
  t.equal(pw.code, 255, 'OpenSSH password login is refused');
  t.match(pw.stderr, /Permission denied \(publickey\)/, 'the server offers only publickey');

  const refused = server.logs.filter((l) => l.msg === 'auth refused');
  t.ok(refused.some((l) => l.method === 'publickey' && l.reason === 'key not authorized' && l.address === '127.0.0.1' && l.user === 'user'), 'refused key logged');
  t.ok(refused.some((l) => l.method === 'password' && l.user === 'user'), 'refused password logged');

  // Repeated failures from one address are slowed down; a success clears the record. What
  // the server decided is in its log (delayMs of each refusal); the wall clock is only
  // checked from below (it waited at least that long), which a slow host cannot break.
  const isPasswordRefusal = (l: LogLine): boolean => l.msg === 'auth refused' && l.method === 'password' && l.address === '127.0.0.1';
  /** The delays of the first n password refusals logged from index `from` on (log lines may trail the client's answer). */
  const passwordDelays = async (from: number, n: number): Promise<number[]> => {
    const refusals = (): LogLine[] => server.logs.slice(from).filter(isPasswordRefusal);
    await server.waitForLog(() => refusals().length >= n);
    return refusals().slice(0, n).map((l) => Number(l.delayMs));
  };
  const start = server.logs.length;
  const timings: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    await connect(server.port, { password: 'wrong' }).then(
      (c) => c.end(),
      () => undefined,
    );
    timings.push(performance.now() - t0);
  }
  const delays = await passwordDelays(start, 4);
  t.ok(delays[3] > delays[0] && delays[3] >= 800, `later failures wait longer (delays ${delays.join(', ')} ms)`);
  t.ok(timings[3] >= delays[3] - 5, `and the server really waited (${timings.map((x) => x.toFixed(0)).join(', ')} ms)`);
  const client = await connect(server.port, { privateKey: readFileSync(keys.ed25519) });
  client.end();
  await server.waitForLog((l) => l.msg === 'auth accepted' && server.logs.indexOf(l) >= start);
  const from = server.logs.length;
  await connect(server.port, { password: 'wrong' }).catch(() => undefined);
  // Without the reset this attempt would wait 4 s (seven failures); with it, none.
  const [afterReset] = await passwordDelays(from, 1);
  t.equal(afterReset, 0, 'a success resets the delay');
});

t.test('start-up refusals', async (t) => {
  let r = runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--data-dir', join(dir, 'open')]);
  t.equal(r.code, 1, 'refuses 0.0.0.0 without keys');
  t.match(r.stderr, /refusing to listen on 0\.0\.0\.0 without --authorized-keys.*--insecure-open/);
  t.equal(r.stderr.trim().split('\n').length, 1, 'one line');

  r = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'open'), '--authorized-keys', join(dir, 'missing')]);
  t.equal(r.code, 1);
  t.match(r.stderr, /--authorized-keys .*missing: no such file/);

  writeFileSync(join(dir, 'empty_keys'), '# nothing\n');
  r = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'open'), '--authorized-keys', join(dir, 'empty_keys')]);
  t.equal(r.code, 1);
  t.match(r.stderr, /holds no keys/);

  const open = await startServer({ dataDir: join(dir, 'open'), args: ['--host', '0.0.0.0', '--insecure-open'] });
  t.ok(open.port > 0, '--insecure-open allows 0.0.0.0');
  t.ok(await open.logged((l) => /any user name gets in/.test(l.msg) && l.level >= 40), 'and warns');
  t.match(await open.stop(), { code: 0 });
});
