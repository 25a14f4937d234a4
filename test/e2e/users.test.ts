/**
 * Every SSH login name is a guest user, end to end over the OpenSSH client and ssh2's:
 * its own uid, group and 0700 home (from /etc/skel) recorded in /etc/passwd and /etc/group;
 * root is uid 0 with /root; two users cannot read, write or kill each other's things over
 * the shell or over SFTP/scp; SFTP reports real owners and modes; invalid names are refused
 * with a message; command lines are not logged at info.
 */

import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, SCP, SFTP, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');

t.test('users: accounts, homes, isolation, SFTP as the user', { skip: NO_OPENSSH }, async (t) => {
  const server: ServerHandle = await startServer({ dataDir: join(dir, 'data') });
  t.teardown(() => server.stop());
  const as = (user: string, command: string) => ssh(server, dir, command, { user });

  let r = await as('alice', 'echo "$USER $HOME"; pwd; ls -la ~ | head -2 | tail -1; ls -a ~');
  t.equal(r.stdout.split('\n')[0], 'alice /home/alice');
  t.equal(r.stdout.split('\n')[1], '/home/alice', 'the session starts in the home');
  t.match(r.stdout.split('\n')[2], /^drwx------ +\d+ +(alice|1001) +(alice|1001) /, 'home is 0700, owned by alice');
  t.match(r.stdout, /\.profile/, 'copied from /etc/skel');
  await as('bob', 'true');
  r = await as('alice', 'cat /etc/passwd /etc/group');
  t.match(r.stdout, /^root:x:0:0:root:\/root:\/bin\/sh$/m);
  t.match(r.stdout, /^alice:x:1001:1001:alice:\/home\/alice:\/bin\/sh$/m, 'alice recorded like useradd');
  t.match(r.stdout, /^bob:x:1002:1002:bob:\/home\/bob:\/bin\/sh$/m, 'bob gets the next uid');
  t.match(r.stdout, /^alice:x:1001:$/m, 'with a group of her own');
  r = await as('alice', 'cat /etc/passwd');
  t.equal(r.stdout.match(/^alice:/gm)?.length, 1, 'a second login does not add her again');

  // Files.
  t.equal((await as('alice', 'echo secret > ~/diary; chmod 600 ~/diary; echo $?')).stdout, '0\n');
  r = await as('bob', 'cat /home/alice/diary; ls /home/alice; echo x > /home/alice/planted');
  t.match(r.stderr, /cat: \/home\/alice\/diary: Permission denied/);
  t.match(r.stderr, /Permission denied/);
  t.notOk((await as('alice', 'ls ~')).stdout.includes('planted'), 'bob could not write into alice\'s home');
  r = await as('bob', 'rm /bin/hello; echo x > /bin/mine');
  t.match(r.stderr, /Permission denied/);
  t.equal((await as('bob', 'hello')).stdout, 'Hello from akuma-vm!\n', '/bin/hello is still there');

  // Processes and signals.
  // setsid: a process the session's hang-up leaves alone (a plain background job gets SIGHUP when
  // alice's exec session ends, as the session-teardown rules say).
  // The session waits until the job has become `sleep 120` (setsid has run), or its end could
  // hang the job up before it left the session.
  await as('alice', "setsid sleep 120 > /dev/null 2>&1 & until ps | grep -q 'sleep 120$'; do sleep 1; done");
  r = await as('bob', 'ps');
  const m = /^\s*(\d+)\s+alice\s+\S+\s+sleep 120$/m.exec(r.stdout); // /bin/ps: PID USER TIME COMMAND, as busybox ps
  t.ok(m, `alice's sleep is listed: ${r.stdout}`);
  if (m) {
    r = await as('bob', `kill ${m[1]}; echo status=$?`);
    t.match(r.stderr, /Operation not permitted/, 'bob may not kill it');
    t.match((await as('bob', 'ps')).stdout, new RegExp(`^\\s*${m[1]}\\s`, 'm'), 'it is still running');
    r = await as('root', `kill ${m[1]}; echo status=$?`);
    t.equal(r.stdout, 'status=0\n', 'root may');
  }

  // root.
  r = await as('root', 'echo "$USER $HOME"; echo y > /root/own && cat /root/own; cat /home/alice/diary');
  t.equal(r.stdout, 'root /root\ny\nsecret\n', 'root is uid 0: writes /root, reads everyone\'s files');

  // SFTP and scp as the user.
  const options = opensshOptions(dir);
  const upload = join(dir, 'upload.bin');
  writeFileSync(upload, Buffer.alloc(200_000, 7));
  r = await runOpenssh(SCP, [...options, '-P', String(server.port), upload, 'alice@127.0.0.1:up.bin']);
  t.equal(r.code, 0, `scp into alice's home: ${r.stderr}`);
  r = await runOpenssh(SCP, [...options, '-P', String(server.port), upload, 'bob@127.0.0.1:/home/alice/x']);
  t.not(r.code, 0, 'scp by bob into alice\'s home is refused');
  t.match(r.stderr, /Permission denied/);
  r = await runOpenssh(SCP, [...options, '-P', String(server.port), upload, 'bob@127.0.0.1:/bin/hello']);
  t.match(r.stderr, /Permission denied/, 'scp over /bin/hello is refused');
  r = await runOpenssh(SFTP, [...options, '-P', String(server.port), '-b', '-', 'bob@127.0.0.1'], { input: '-rm /bin/hello\n-put ' + upload + ' /root/x\n-get /home/alice/diary ' + join(dir, 'stolen') + '\nls -ln /home\n' });
  t.match(r.stderr, /remote delete .*\/bin\/hello.*Permission denied/i, 'sftp rm of a base program is refused');
  t.match(r.stderr, /\/root\/x.*Permission denied/i, 'sftp put into /root is refused');
  t.match(r.stderr, /Permission denied/, 'sftp get of alice\'s private file is refused');
  t.match(r.stdout, /drwx------ +\S+ 1001 +1001 .*alice/, 'sftp lists real owners and modes');
  r = await runOpenssh(SFTP, [...options, '-P', String(server.port), '-b', '-', 'alice@127.0.0.1'], { input: 'ls -l\n' });
  t.match(r.stdout, /-rw-r--r-- +1 alice +alice +200000 .*up\.bin/, 'with names from /etc/passwd');
  t.match((await as('alice', 'ls -l up.bin')).stdout, /^-rw-r--r-- +1 +(alice|1001) +(alice|1001) +200000 /, 'the uploaded file belongs to alice');
  t.equal((await as('bob', 'hello')).stdout, 'Hello from akuma-vm!\n');
});

t.test('invalid login names are refused with a message', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'names') });
  t.teardown(() => server.stop());
  for (const name of ['Bob', 'a.b', '9lives', 'x'.repeat(33)]) {
    const r = await ssh(server, dir, 'echo in', { user: name });
    t.equal(r.code, 1, `${name}: status 1`);
    t.equal(r.stdout, '');
    t.match(r.stderr, /is not a valid user name/, `${name}: told why`);
  }
  t.notMatch((await ssh(server, dir, 'cat /etc/passwd', { user: 'root' })).stdout, /^(Bob|a\.b|9lives):/m, 'nothing recorded in /etc/passwd');
});

t.test('command lines are logged only at debug', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'logs') });
  t.teardown(() => server.stop());
  await ssh(server, dir, 'echo token-s3cr3t > /dev/null');
  await server.waitForLog((l) => l.msg === 'session command finished');
  t.notOk(server.logs.some((l) => JSON.stringify(l).includes('token-s3cr3t')), 'no info line holds the command line');
  const debug = await startServer({ dataDir: join(dir, 'logs-debug'), args: ['--log-level', 'debug'] });
  t.teardown(() => debug.stop());
  await ssh(debug, dir, 'echo token-s3cr3t > /dev/null');
  await debug.waitForLog((l) => l.level === 20 && JSON.stringify(l).includes('token-s3cr3t'));
  t.pass('at debug it is');
});

