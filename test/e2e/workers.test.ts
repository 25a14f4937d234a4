/**
 * serve --workers 2 --machines per-session, through a real server and the OpenSSH client:
 * the machines run in worker threads and everything a session does still works across the
 * thread boundary (commands with stdin, stdout, stderr and status; a pty login; scp and
 * sftp both ways); a session spinning forever does not stop another from completing; and
 * a worker that dies (the AKUMA_TEST_CRASH_WORKER hook throws out of its event loop, as a
 * kernel bug would) ends only its own sessions, with one line, while the server serves on;
 * and so does one that never returns to its event loop (AKUMA_TEST_HANG_WORKER), once the
 * heartbeat has found it silent for 30 s.
 * Nothing here is timed: every wait is for an event, with a generous limit.
 */

import t from 'tap';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, PACKAGES_BIN, SCP, SFTP, SSH, makeKey, opensshOptions, removeDir, runOpenssh, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';

const dir = tmpDir('akuma-e2e-workers-');
t.teardown(() => removeDir(dir));
if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');

const CRASH = 'akuma-test-crash-this-worker';
const HANG = 'akuma-test-hang-this-worker';
let server: ServerHandle;

t.before(async () => {
  if (NO_OPENSSH) return;
  server = await startServer({ dataDir: join(dir, 'data'), args: ['--machines', 'per-session', '--workers', '2'], env: { AKUMA_TEST_CRASH_WORKER: CRASH, AKUMA_TEST_HANG_WORKER: HANG } });
});
t.teardown(() => server?.stop());

/** An ssh session left running: its stdin stays open; `ended` resolves with how it ended. */
function openSession(command: string): { child: ChildProcessWithoutNullStreams; out: () => string; err: () => string; ended: Promise<number | null> } {
  const child = spawn(SSH, [...opensshOptions(dir), '-p', String(server.port), 'user@127.0.0.1', command], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  child.stdin.on('error', () => undefined);
  const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  t.teardown(() => void child.kill('SIGKILL'));
  return { child, out: () => out, err: () => err, ended };
}

/** The nth 'machine booted' line (1-based), waited for. */
const booted = (n: number) => server.waitForLog(() => server.logs.filter((l) => l.msg === 'machine booted').length >= n, 60_000).then(() => server.logs.filter((l) => l.msg === 'machine booted')[n - 1]!);

t.test('the ready line says how many workers', { skip: NO_OPENSSH }, async (t) => {
  const ready = server.logs.find((l) => l.msg.startsWith('akuma-vm ready'));
  t.equal(ready?.workers, 2);
  t.equal(ready?.machines, 'per-session');
});

t.test('commands: status, stdout, stderr and stdin cross the thread boundary', { skip: NO_OPENSSH }, async (t) => {
  const r = await ssh(server, dir, 'echo out; echo err >&2; read line; echo "got $line"; exit 7', { input: 'typed\n' });
  t.equal(r.code, 7);
  t.equal(r.stdout, 'out\ngot typed\n');
  t.equal(r.stderr, 'err\n');
  const hello = await ssh(server, dir, 'hello');
  t.equal(hello.code, 0, hello.stderr);
  t.match(hello.stdout, /hello/i, 'a guest ELF runs in a worker');
  // More output than the flow-control window: every byte arrives, in order.
  const big = await ssh(server, dir, 'i=0; while [ $i -lt 3000 ]; do echo "line $i of output that is long enough to add up"; i=$((i+1)); done | cat');
  t.equal(big.code, 0, big.stderr);
  const lines = big.stdout.split('\n');
  t.equal(lines.length, 3001);
  t.equal(lines[2999], 'line 2999 of output that is long enough to add up');
});

t.test('an interactive pty session', { skip: NO_OPENSSH }, async (t) => {
  const r = await runOpenssh(SSH, [...opensshOptions(dir), '-tt', '-p', String(server.port), 'user@127.0.0.1'], { input: 'tty; echo pty-$((6*7))\nexit\n' });
  t.match(r.stdout, /pty-42/, `the shell ran the typed line: ${JSON.stringify(r.stdout.slice(-300))}`);
  t.match(r.stdout, /\/dev\/(pts\/\d+|tty\w*)/, 'on a terminal');
});

t.test('scp and sftp upload and download', { skip: NO_OPENSSH }, async (t) => {
  const opts = opensshOptions(dir);
  // One connection for all of them (per-session: a connection is one machine).
  const control = ['-o', 'ControlMaster=auto', '-o', `ControlPath=${join(dir, 'cm-%p')}`, '-o', 'ControlPersist=60'];
  const elf = join(dir, 'hello.elf');
  writeFileSync(elf, readFileSync(join(PACKAGES_BIN, 'hello')));
  const up = await runOpenssh(SCP, [...opts, ...control, '-P', String(server.port), elf, 'user@127.0.0.1:/tmp/hello']);
  t.equal(up.code, 0, `scp upload: ${up.stderr}`);
  const run = await ssh(server, dir, 'chmod +x /tmp/hello && /tmp/hello', { extra: control });
  t.equal(run.code, 0, `the uploaded ELF runs: ${run.stderr}`);
  const down = join(dir, 'hello.back');
  const get = await runOpenssh(SCP, [...opts, ...control, '-P', String(server.port), 'user@127.0.0.1:/tmp/hello', down]);
  t.equal(get.code, 0, `scp download: ${get.stderr}`);
  t.same(readFileSync(down), readFileSync(elf), 'scp round trip is byte-exact');

  const data = Buffer.alloc(700_000);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7919) & 0xff;
  writeFileSync(join(dir, 'blob'), data);
  const batch = [`put ${join(dir, 'blob')} blob`, 'ls -l', `get blob ${join(dir, 'blob.back')}`, 'mkdir d', 'rename blob d/moved', 'ls d', 'get nothing-here', 'rm d/moved', 'rmdir d'].join('\n');
  const s = await runOpenssh(SFTP, [...opts, ...control, '-P', String(server.port), '-b', '-', 'user@127.0.0.1'], { input: `${batch}\n` });
  t.not(s.code, 0, 'the batch stops at the missing file');
  t.match(s.stderr, /nothing-here.*(not found|No such file)/, `with the status a missing file has: ${s.stderr}`);
  t.match(s.stdout, /moved/);
  t.same(readFileSync(join(dir, 'blob.back')), data, 'sftp round trip is byte-exact');
  const after = await ssh(server, dir, 'ls /home/user/d/moved', { extra: control });
  t.equal(after.stdout, '/home/user/d/moved\n', 'rename took effect in the same machine');
  await ssh(server, dir, null, { extra: [...control, '-O', 'exit'] });
});

t.test('a session spinning forever does not stop another from completing', { skip: NO_OPENSSH }, async (t) => {
  const before = server.logs.filter((l) => l.msg === 'machine booted').length;
  const spinner = openSession('while :; do :; done');
  await booted(before + 1);
  for (let i = 0; i < 3; i++) {
    const r = await ssh(server, dir, 'true');
    t.equal(r.code, 0, `ssh host true completes next to the spinner (${i + 1}): ${r.stderr}`);
  }
  spinner.child.kill('SIGTERM');
  await spinner.ended;
});

t.test('a worker that dies ends its own sessions with one line; the server serves on', { skip: NO_OPENSSH }, async (t) => {
  // Three machines: two waiting sessions, then the one that crashes its worker.
  const count = server.logs.filter((l) => l.msg === 'machine booted').length;
  const a = openSession('read line; echo "a got $line"');
  const machineA = await booted(count + 1);
  const b = openSession('read line; echo "b got $line"');
  const machineB = await booted(count + 2);
  const crash = await ssh(server, dir, CRASH);
  const died = await server.waitForLog((l) => /^machine worker \d+ died/.test(l.msg), 60_000);
  t.equal(crash.code, 1, 'the session that crashed its worker ends with status 1');
  t.match(crash.stderr.trim(), /^akuma-vm: the machine stopped: its worker thread \(\d+\) died \(.*\)$/, `and one line: ${crash.stderr}`);
  t.match(String(died.err), /AKUMA_TEST_CRASH_WORKER/, 'the log says why the worker died');

  for (const [session, machine, name] of [[a, machineA, 'a'], [b, machineB, 'b']] as const) {
    if (machine.worker === died.worker) {
      const code = await session.ended;
      t.equal(code, 1, `session ${name}, on the dead worker, ended`);
      t.match(session.err().trim(), /^akuma-vm: the machine stopped: its worker thread \(\d+\) died/, 'with one line');
    } else {
      session.child.stdin.end('still-here\n');
      t.equal(await session.ended, 0, `session ${name}, on the other worker, goes on`);
      t.equal(session.out(), `${name} got still-here\n`);
    }
  }
  // New machines go to a live worker (a fresh one replaces the dead).
  for (let i = 0; i < 3; i++) {
    const r = await ssh(server, dir, 'echo still-serving');
    t.equal(r.stdout, 'still-serving\n', `a new connection after the crash (${i + 1}): ${r.stderr}`);
  }
  t.ok(server.logs.some((l) => /^machine worker \d+ started in place/.test(l.msg)), 'a fresh worker took the dead one\'s place');
  t.equal(server.proc.exitCode, null, 'the server is still running');
});

t.test('a worker stuck in host code is found silent, ended and replaced', { skip: NO_OPENSSH }, async (t) => {
  const count = server.logs.filter((l) => l.msg === 'machine booted').length;
  const stuck = openSession(HANG);
  await booted(count + 1);
  const other = await ssh(server, dir, 'echo meanwhile');
  t.equal(other.stdout, 'meanwhile\n', `a connection completes while that worker is stuck: ${other.stderr}`);
  const died = await server.waitForLog((l) => /^machine worker \d+ died/.test(l.msg) && /did not answer/.test(String(l.err)), 120_000);
  t.ok(died, 'the log says which worker went silent');
  t.equal(await stuck.ended, 1, 'the stuck session ends');
  t.match(stuck.err().trim(), /^akuma-vm: the machine stopped: its worker thread \(\d+\) died \(it did not answer for \d+ s/, `with one line: ${stuck.err()}`);
  const after = await ssh(server, dir, 'echo after');
  t.equal(after.stdout, 'after\n', 'and the server serves on');
});
