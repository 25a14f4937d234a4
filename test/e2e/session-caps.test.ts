/**
 * Session caps end to end (server/session-caps.ts, channel-refusal.ts): the real server with
 * --max-sessions-per-user and --max-sessions, the OpenSSH client. A session over a cap is
 * refused when its channel opens, the client prints why, the server logs one line, and the
 * slot comes back when a session ends.
 */

import t from 'tap';
import { join } from 'node:path';
import { NO_OPENSSH, SSH, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

/** ssh at OpenSSH's default LogLevel (INFO), where it prints why a channel open failed. */
function sshInfo(server: ServerHandle, user: string, command: string) {
  const options = opensshOptions(dir).map((o) => (o === 'LogLevel=ERROR' ? 'LogLevel=INFO' : o));
  return runOpenssh(SSH, [...options, '-p', String(server.port), `${user}@127.0.0.1`, command]);
}

t.test('a user over --max-sessions-per-user, and anyone over --max-sessions, is refused with a reason OpenSSH prints', { skip: NO_OPENSSH }, async (t) => {
  makeKey(dir, 'id_ed25519');
  const server = await startServer({ dataDir: join(dir, 'data'), args: ['--max-sessions-per-user', '2', '--max-sessions', '3'] });
  t.teardown(() => server.stop('SIGKILL'));
  // alice holds two sessions (sleeping), her third is refused; bob still gets in.
  const held = [ssh(server, dir, 'sleep 8', { user: 'alice' }), ssh(server, dir, 'sleep 8', { user: 'alice' })];
  await server.waitForLog((l) => l.msg === 'process started' && l.cmd === '/bin/sleep');
  while (server.logs.filter((l) => l.msg === 'session open' && l.user === 'alice').length < 2) await new Promise((r) => setTimeout(r, 50));
  const third = await sshInfo(server, 'alice', 'echo third');
  t.equal(third.code, 255, 'ssh fails');
  t.equal(third.stdout, '');
  t.match(third.stderr, /open failed: administratively prohibited: akuma-vm: session refused: user alice has 2 sessions open, the most one user may have \(--max-sessions-per-user 2\)/, third.stderr.trim());
  const line = await server.waitForLog((l) => l.msg === 'session refused: --max-sessions-per-user reached');
  t.equal(line.user, 'alice');
  t.equal(line.limit, 2);

  const bob = ssh(server, dir, 'sleep 4; echo bob', { user: 'bob' });
  while (server.logs.filter((l) => l.msg === 'session open').length < 3) await new Promise((r) => setTimeout(r, 50));
  // Three open in all: carol is refused by the server-wide cap.
  const carol = await sshInfo(server, 'carol', 'echo carol');
  t.equal(carol.code, 255);
  t.match(carol.stderr, /administratively prohibited: akuma-vm: session refused: the server has 3 sessions open, the most it allows \(--max-sessions 3\)/, carol.stderr.trim());
  t.ok(await server.logged((l) => l.msg === 'session refused: --max-sessions reached' && l.user === 'carol'));

  t.equal((await bob).stdout, 'bob\n', 'bob\'s session ran');
  for (const h of await Promise.all(held)) t.equal(h.code, 0);
  // Every slot was given back: alice gets in again.
  const again = await ssh(server, dir, 'echo again', { user: 'alice' });
  t.equal(again.stdout, 'again\n', `alice's slots came back: ${again.stderr}`);
});
