/**
 * authorized_keys as sshd(8) reads it, end to end over the OpenSSH client: keys in
 * --authorized-keys may log in as any user, each user's own ~/.ssh/authorized_keys in the
 * guest admits that user only; from=, command=, no-pty, restrict and environment= are
 * enforced; a key removed from either file is refused at once, without a restart.
 */

import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, SFTP, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

t.test('authorized_keys options and files', { skip: NO_OPENSSH }, async (t) => {
  const k = Object.fromEntries(['plain', 'elsewhere', 'forced', 'nopty', 'restricted', 'env', 'own', 'revoked'].map((n) => [n, makeKey(dir, `id_${n}`)]));
  const pub = (n: string) => readFileSync(`${k[n]}.pub`, 'utf8').trim();
  const hostFile = join(dir, 'authorized_keys');
  const lines = [
    pub('plain'),
    `from="10.0.0.0/8,!127.0.0.1" ${pub('elsewhere')}`,
    `command="echo forced:$SSH_ORIGINAL_COMMAND" ${pub('forced')}`,
    `no-pty ${pub('nopty')}`,
    `restrict ${pub('restricted')}`,
    `environment="FROM_KEY=yes",from="127.0.0.0/8" ${pub('env')}`,
  ];
  writeFileSync(hostFile, [...lines, pub('revoked')].join('\n') + '\n');
  const server = await startServer({ dataDir: join(dir, 'data'), args: ['--authorized-keys', hostFile, '--permit-user-environment'] });
  t.teardown(() => server.stop());
  const as = (key: string, user: string, command: string, extra: string[] = []) => ssh(server, dir, command, { key: k[key], user, extra });

  t.equal((await as('plain', 'alice', 'echo $USER')).stdout, 'alice\n', 'a host-file key logs in as alice');
  t.equal((await as('plain', 'bob', 'echo $USER')).stdout, 'bob\n', 'and as bob');
  let r = await as('elsewhere', 'alice', 'echo in');
  t.equal(r.code, 255, 'from="10.0.0.0/8,!127.0.0.1" refuses 127.0.0.1');
  t.ok(await server.logged((l) => l.msg === 'auth refused' && /from= option/.test(String(l.reason))), 'and logs why');
  r = await as('forced', 'alice', 'rm -rf /home/alice');
  t.equal(r.stdout, 'forced:rm -rf /home/alice\n', 'command= runs instead, with SSH_ORIGINAL_COMMAND');
  r = await runOpenssh(SFTP, [...opensshOptions(dir, k.forced), '-P', String(server.port), '-b', '-', 'alice@127.0.0.1'], { input: 'ls\n' });
  t.not(r.code, 0, 'no SFTP past a forced command');
  for (const key of ['nopty', 'restricted']) {
    r = await as(key, 'alice', 'echo ran', ['-tt']);
    t.match(r.stderr, /PTY allocation request failed/, `${key}: the pty is refused`);
    t.equal(r.code, 255, `${key}: ssh -tt gives up, as against sshd`);
    t.equal((await as(key, 'alice', 'echo ran')).stdout, 'ran\n', `${key}: without a terminal the key works`);
  }
  t.equal((await as('env', 'alice', 'echo $FROM_KEY')).stdout, 'yes\n', 'environment= applies with --permit-user-environment');

  // A user's own authorized_keys inside the guest admits that user (ssh-copy-id's way).
  r = await as('own', 'alice', 'echo in');
  t.equal(r.code, 255, 'an unknown key is refused');
  r = await ssh(server, dir, 'mkdir -p ~/.ssh && chmod 700 ~/.ssh && cat > ~/.ssh/authorized_keys && chmod 600 ~/.ssh/authorized_keys && echo ok', { key: k.plain, user: 'alice', input: pub('own') + '\n' });
  t.equal(r.stdout, 'ok\n', 'alice adds a key to her ~/.ssh/authorized_keys');
  t.equal((await as('own', 'alice', 'echo $USER')).stdout, 'alice\n', 'that key now logs in as alice');
  t.equal((await as('own', 'bob', 'echo in')).code, 255, 'but not as bob');
  await ssh(server, dir, 'chmod 666 ~/.ssh/authorized_keys', { key: k.plain, user: 'alice' });
  t.equal((await as('own', 'alice', 'echo in')).code, 255, 'a file others may write is ignored (StrictModes)');
  await ssh(server, dir, 'chmod 600 ~/.ssh/authorized_keys && echo > ~/.ssh/authorized_keys', { key: k.plain, user: 'alice' });
  t.equal((await as('own', 'alice', 'echo in')).code, 255, 'removed from her file: refused at once');

  // The host file is re-read when it changes.
  t.equal((await as('revoked', 'bob', 'echo in')).stdout, 'in\n');
  writeFileSync(hostFile, lines.join('\n') + '\n');
  r = await as('revoked', 'bob', 'echo in');
  t.equal(r.code, 255, 'a key removed from --authorized-keys is refused without a restart');
  t.ok(await server.logged((l) => l.msg === 'authorized keys file changed: re-read' && l.keys === lines.length), 'the re-read is logged');
  t.equal((await as('plain', 'bob', 'echo still')).stdout, 'still\n', 'the other keys still work');
});
