/**
 * `ssh host 'cmd'` end to end: the real server, the stock OpenSSH client and ssh2's
 * Client. Exit statuses, stdin with EOF, separate stdout/stderr, env requests, the
 * shell's syntax, fault reports, scp/sftp, and many sessions at once.
 */

import t from 'tap';
import { readFileSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  NO_OPENSSH,
  PACKAGES_BIN,
  SCP,
  SFTP,
  connect,
  exec,
  execOnce,
  makeKey,
  opensshOptions,
  removeDir,
  runOpenssh,
  ssh,
  startServer,
  tmpDir,
  type ServerHandle,
} from './helpers.js';

const dir = tmpDir();
let server: ServerHandle;

t.before(async () => {
  if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');
  // The env-request tests below set these names; the default --accept-env is only LANG LC_*.
  server = await startServer({ dataDir: join(dir, 'data'), args: ['--accept-env', 'LANG LC_* FOO BAR GREETING WHO', '--log-level', 'debug'] });
});
t.teardown(async () => {
  await server?.stop();
  removeDir(dir);
});

t.test('the ready line carries the real port and the host key fingerprint', async (t) => {
  t.ok(server.port > 0, `listening on ${server.port}`);
  t.match(server.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  const ready = await server.waitForLog((l) => l.msg.startsWith('akuma-vm ready'));
  t.equal(ready.address, `127.0.0.1:${server.port}`);
  t.ok(typeof ready.ms === 'number' && (ready.ms as number) < 5000, `ready in ${ready.ms} ms`);
  t.ok(await server.logged((l) => /any user name gets in/.test(l.msg)), 'open mode is announced');
});

t.test('OpenSSH client', { skip: NO_OPENSSH }, async (t) => {
  t.test('the headline: pkg install stdcheck && stdcheck', async (t) => {
    const started = Date.now();
    const r = await ssh(server, dir, 'pkg install stdcheck && stdcheck', { timeoutMs: 180_000 });
    t.equal(r.code, 0, `exit status (stderr: ${r.stderr})`);
    t.match(r.stdout, /Installed stdcheck/);
    t.match(r.stdout, /Result: ALL PASSED/);
    t.equal(r.stderr, '');
    t.comment(`headline over ssh: ${Date.now() - started} ms`);
  });

  t.test('exit statuses', async (t) => {
    t.equal((await ssh(server, dir, 'false')).code, 1, 'ssh host false');
    t.equal((await ssh(server, dir, 'true')).code, 0, 'ssh host true');
    t.equal((await ssh(server, dir, '/bin/false')).code, 1, 'guest /bin/false');
    t.equal((await ssh(server, dir, 'exit 42')).code, 42, 'exit 42');
    t.equal((await ssh(server, dir, 'exit 300')).code, 300 & 0xff, 'exit status modulo 256');
  });

  t.test('a crashing program: fault report, "Segmentation fault" as dash says it, status 139', async (t) => {
    const r = await ssh(server, dir, 'pkg install crash && crash');
    t.equal(r.code, 139);
    t.match(r.stderr, '[Fault] Data abort from EL0 at FAR=0x816003, ISS=0x46\n');
    t.match(r.stderr, /ELR=0x[0-9a-f]+/);
    t.match(r.stderr, 'Segmentation fault\n');
    t.notMatch(r.stderr, '[exit code:', 'exec mode prints no [exit code: N] line (the exit status says it)');
    const fault = await server.waitForLog((l) => l.msg === 'fault' && l.far === '0x816003');
    t.equal(fault.iss, '0x46');
    t.match(fault.elr, /^0x[0-9a-f]+$/);
    t.equal(fault.signal, 'SIGSEGV');
  });

  t.test('stdin is forwarded with EOF', async (t) => {
    const r = await ssh(server, dir, 'cat', { input: 'hi\n' });
    t.equal(r.code, 0);
    t.equal(r.stdout, 'hi\n');
    const big = Array.from({ length: 5000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const r2 = await ssh(server, dir, 'cat | cat', { input: big });
    t.equal(r2.stdout.length, big.length, 'a pipeline passes 50 KB of stdin through');
    t.equal(r2.stdout, big);
  });

  t.test('stdout and stderr are separate streams', async (t) => {
    const r = await ssh(server, dir, 'echo out; echo err >&2; cat /nonexistent; hello');
    t.equal(r.stdout, 'out\nHello from akuma-vm!\n', 'builtin and guest stdout only');
    t.equal(r.stderr, 'err\ncat: /nonexistent: No such file or directory\n', 'builtin and guest stderr only');
  });

  t.test('env requests (SetEnv) reach the shell', async (t) => {
    const r = await ssh(server, dir, 'echo $FOO ${BAR}; env', { extra: ['-o', 'SetEnv=FOO=bar BAR=baz'] });
    t.match(r.stdout, /^bar baz\n/);
    t.match(r.stdout, /\nFOO=bar\n/, 'exported to programs');
  });

  t.test('shell: $?, syntax errors, command not found', async (t) => {
    let r = await ssh(server, dir, 'false; echo $?; true; echo $?; nosuch; echo $?; crash; echo $?');
    t.equal(r.stdout, '1\n0\n127\ncrash: storing to 0x816003\n139\n');
    t.match(r.stderr, 'sh: 1: nosuch: not found\n');
    r = await ssh(server, dir, 'echo a | | b');
    t.equal(r.code, 2);
    t.equal(r.stderr, 'sh: 1: Syntax error: "|" unexpected\n');
    r = await ssh(server, dir, '| cat');
    t.equal(r.stderr, 'sh: 1: Syntax error: "|" unexpected\n');
    r = await ssh(server, dir, 'nosuch');
    t.equal(r.code, 127);
    t.equal(r.stderr, 'sh: 1: nosuch: not found\n');
    t.equal(r.stdout, '');
  });

  t.test('scp uploads an ELF that then runs; sftp ls/get/put', async (t) => {
    const local = join(dir, 'hello');
    writeFileSync(local, readFileSync(join(PACKAGES_BIN, 'hello')));
    chmodSync(local, 0o755);
    const opts = opensshOptions(dir);
    const up = await runOpenssh(SCP, [...opts, '-P', String(server.port), local, 'user@127.0.0.1:/tmp/']);
    t.equal(up.code, 0, `scp upload (stderr: ${up.stderr})`);
    const run = await ssh(server, dir, '/tmp/hello');
    t.equal(run.code, 0, `uploaded ELF runs (stderr: ${run.stderr})`);
    t.match(run.stdout, /hello/i);
    t.same(run.stdout, (await ssh(server, dir, 'hello')).stdout, 'same output as /bin/hello');

    const down = join(dir, 'hello.back');
    const get = await runOpenssh(SCP, [...opts, '-P', String(server.port), 'user@127.0.0.1:/tmp/hello', down]);
    t.equal(get.code, 0, `scp download (stderr: ${get.stderr})`);
    t.same(readFileSync(down), readFileSync(local), 'round trip is byte-exact');

    writeFileSync(join(dir, 'note.txt'), 'a note\n');
    const batch = [
      'cd /tmp',
      `put ${join(dir, 'note.txt')} note.txt`,
      'ls -l',
      `get note.txt ${join(dir, 'note.back')}`,
      'mkdir sftpdir',
      'rename note.txt sftpdir/renamed.txt',
      'ls sftpdir',
      'rm sftpdir/renamed.txt',
      'rmdir sftpdir',
    ].join('\n');
    const s = await runOpenssh(SFTP, [...opts, '-P', String(server.port), '-b', '-', 'user@127.0.0.1'], { input: `${batch}\n` });
    t.equal(s.code, 0, `sftp batch (stderr: ${s.stderr})`);
    t.match(s.stdout, /hello/);
    t.match(s.stdout, /note\.txt/);
    t.match(s.stdout, /renamed\.txt/);
    t.equal(readFileSync(join(dir, 'note.back'), 'utf8'), 'a note\n');
    const after = await ssh(server, dir, 'ls /tmp; cat /tmp/sftpdir/renamed.txt');
    t.notMatch(after.stdout, /sftpdir/, 'rm and rmdir took effect');
    t.ok(statSync(down).size > 1000);
  });
});

t.test('ssh2 client', async (t) => {
  t.test('exit status, streams and $?', async (t) => {
    const r = await execOnce(server.port, 'echo out; echo err 1>&2; false');
    t.same(r, { code: 1, signal: null, stdout: 'out\n', stderr: 'err\n' });
    const crash = await execOnce(server.port, 'crash');
    t.equal(crash.code, 139);
    t.match(crash.stderr, 'Segmentation fault');
    t.notMatch(crash.stderr, '[exit code:');
  });

  t.test('stdin with EOF', async (t) => {
    const r = await execOnce(server.port, 'cat; echo done', { stdin: 'hi\n' });
    t.equal(r.stdout, 'hi\ndone\n');
    t.equal(r.code, 0);
  });

  t.test('env requests', async (t) => {
    const client = await connect(server.port);
    const r = await exec(client, 'echo "$GREETING, $WHO"; env', { env: { GREETING: 'hello there', WHO: 'world' } });
    client.end();
    t.match(r.stdout, /^hello there, world\n/);
    t.match(r.stdout, /\nWHO=world\n/);
  });

  t.test('shell syntax: quotes, escapes, variables, lists, pipelines, redirections, comments', async (t) => {
    const cases: [string, string, number?][] = [
      [`echo 'a  b' "c  d" e\\ f`, 'a  b c  d e f\n'],
      [`X=1; echo "$X" '$X' \\$X \${X}y`, '1 $X $X 1y\n'],
      ['export A="x y"; echo $A; echo "$A"', 'x y\nx y\n'],
      ['unset A; echo "[$A]"', '[]\n'],
      ['true && echo yes || echo no; false && echo yes || echo no', 'yes\nno\n'],
      ['false; false || echo $?', '1\n'],
      ['echo one # a comment ; echo two', 'one\n'],
      ['cd /tmp && pwd; cd; pwd', '/tmp\n/home/user\n'],
      ['echo a > /tmp/r.txt; echo b >> /tmp/r.txt; cat < /tmp/r.txt', 'a\nb\n'],
      ['cat /nope 2> /tmp/e.txt; echo $?; cat /tmp/e.txt', '1\ncat: /nope: No such file or directory\n'],
      ['cat /nope > /tmp/both.txt 2>&1; cat /tmp/both.txt', 'cat: /nope: No such file or directory\n'],
      ['echo x 2>&1 >/tmp/o.txt; cat /tmp/o.txt', 'x\n'],
      ['cat < /nope; echo $?', '2\n'], // dash: a failed redirection is status 2
      ['echo abc | cat | cat | cat', 'abc\n'],
      ['FOO=per-command /bin/env; echo "[$FOO]"', ''],
      ['uname -a', 'Linux akuma 6.1.0-akuma #1 SMP akuma-vm aarch64\n'], // /bin/uname (packages/bin's program), no longer a builtin
      ['uname -m; uname -s', 'aarch64\nLinux\n'],
    ];
    const client = await connect(server.port);
    for (const [cmd, expected] of cases) {
      const r = await exec(client, cmd);
      if (expected) t.equal(r.stdout, expected, cmd);
      else t.ok(true, cmd);
      if (cmd.startsWith('cat /nope > ')) t.equal(r.stderr, '', '2>&1 sent the message into the file');
      if (cmd.startsWith('cat < /nope')) t.equal(r.stderr, 'sh: 1: cannot open /nope: No such file\n');
      if (cmd.startsWith('FOO=')) {
        t.match(r.stdout, /(^|\n)FOO=per-command\n/, 'assignment reaches the program');
        t.match(r.stdout, /\n\[\]\n$/, 'but not the shell');
      }
    }
    client.end();
  });

  t.test('builtins', async (t) => {
    const client = await connect(server.port);
    const help = await exec(client, 'help');
    for (const b of ['cd', 'pwd', 'echo', 'export', 'unset', 'env', 'exit', 'help', 'pkg', 'ps', 'kill', 'free', 'uname', 'true', 'false', 'clear']) {
      t.match(help.stdout, new RegExp(`\\b${b}\\b`), `help lists ${b}`);
    }
    const ps = await exec(client, 'ps');
    t.match(ps.stdout, /PID/);
    const free = await exec(client, 'free');
    t.match(free.stdout, /Mem:\s+\d+\s+\d+\s+\d+/);
    const clear = await exec(client, 'clear');
    t.equal(clear.stdout, '\x1b[H\x1b[J', '/bin/clear writes what busybox clear writes');
    t.equal((await exec(client, 'type ps uname clear free')).stdout, 'ps is /bin/ps\nuname is /bin/uname\nclear is /bin/clear\nfree is /bin/free\n', 'programs in /bin, not builtins, as dash finds them');
    const kill = await exec(client, 'kill 99999');
    t.equal(kill.code, 1);
    t.match(kill.stderr, /No such process/);
    const pkg = await exec(client, 'pkg list');
    t.match(pkg.stdout, /stdcheck|hello/);
    const search = await exec(client, 'pkg search crash');
    t.match(search.stdout, /crash/);
    client.end();
  });

  t.test('pipelines stream: stages run at once, larger than a pipe buffer', async (t) => {
    const client = await connect(server.port);
    // 200 KB through three stages: a pipe holds 64 KB, so this needs the stages to run concurrently.
    const r = await exec(client, 'cat /bin/stdcheck /bin/stdcheck | cat | cat > /tmp/big; ls -l /tmp/big /bin/stdcheck');
    client.end();
    t.equal(r.code, 0, r.stderr);
    const size = (path: string) => Number(new RegExp(`(\\d+) \\S+ \\S+ ${path}\\n`).exec(r.stdout)?.[1]);
    t.ok(size('/bin/stdcheck') > 60_000, r.stdout);
    t.equal(size('/tmp/big'), 2 * size('/bin/stdcheck'), 'every byte arrived');
  });

  t.test('50 concurrent sessions each run a command', async (t) => {
    const started = Date.now();
    const runs = Array.from({ length: 50 }, async (_, i) => {
      const r = await execOnce(server.port, i % 2 ? `echo session-${i}` : `hello; echo session-${i} $?`);
      return { i, r };
    });
    const results = await Promise.all(runs);
    let good = 0;
    for (const { i, r } of results) {
      const ok = r.code === 0 && r.stdout.includes(i % 2 ? `session-${i}\n` : `session-${i} 0\n`) && (i % 2 === 1 || /Hello/i.test(r.stdout));
      if (ok) good++;
      else t.fail(`session ${i}: ${JSON.stringify(r)}`);
    }
    t.equal(good, 50, 'all 50 completed correctly');
    t.comment(`50 concurrent sessions: ${Date.now() - started} ms`);
  });
});

t.test('logs: auth, sessions and commands', async (t) => {
  const auth = server.logs.find((l) => l.msg === 'auth accepted');
  t.ok(auth, 'auth accepted logged');
  t.match(auth, { user: 'user', address: '127.0.0.1' });
  t.ok(typeof auth?.method === 'string');
  t.ok(await server.logged((l) => l.msg === 'session open' && !!l.session && l.user === 'user'), 'session open logged');
  t.ok(await server.logged((l) => l.msg === 'session close' && typeof l.ms === 'number'), 'session close with duration');
  const cmd = await server.waitForLog((l) => l.msg === 'command' && l.cmd === 'crash');
  t.equal(cmd.status, 139);
  t.ok(Array.isArray(cmd.pids) && (cmd.pids as number[]).length === 1, 'the command line lists its pids');
  t.ok(typeof cmd.ms === 'number');
  t.ok(cmd.session, 'with its session');
  const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === (cmd.pids as number[])[0]);
  t.match(exited, { code: -11, signal: 'SIGSEGV' });
});

t.test('two sessions installing at once both succeed', async (t) => {
  const [a, b] = await Promise.all([
    execOnce(server.port, 'pkg install alloc-bench regcheck'),
    execOnce(server.port, 'pkg install regcheck cpubench'),
  ]);
  t.equal(a.code, 0, `first session (stderr: ${a.stderr})`);
  t.equal(b.code, 0, `second session (stderr: ${b.stderr})`);
  t.match(a.stdout, /alloc-bench 1\.0\.0/);
  t.match(b.stdout, /cpubench 1\.0\.0/);
  const list = await execOnce(server.port, 'pkg list');
  for (const name of ['alloc-bench', 'regcheck', 'cpubench']) t.match(list.stdout, new RegExp(`^${name} +1\\.0\\.0 +/bin/${name}$`, 'm'));
  const run = await execOnce(server.port, 'regcheck');
  t.equal(run.code, 0, 'the package both sessions installed runs');
});
