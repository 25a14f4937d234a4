/**
 * Interactive sessions and process lifetime end to end: a pty login with prompt, line
 * editing, Ctrl-C and Ctrl-D; window-change reaching TIOCGWINSZ; `signal` requests; and a
 * client that disconnects mid-command having its processes killed and memory freed.
 */

import t from 'tap';
import { join } from 'node:path';
import type ssh2 from 'ssh2';
import {
  NO_OPENSSH,
  Transcript,
  connect,
  execOnce,
  makeKey,
  removeDir,
  sleep,
  ssh,
  startServer,
  tmpDir,
  type ServerHandle,
} from './helpers.js';

const dir = tmpDir();
let server: ServerHandle;
const PROMPT = 'user@akuma:~$ ';

t.before(async () => {
  if (!NO_OPENSSH) makeKey(dir, 'id_ed25519');
  server = await startServer({ dataDir: join(dir, 'data') });
});
t.teardown(async () => {
  await server?.stop();
  removeDir(dir);
});

function openShell(client: ssh2.Client, window: { cols: number; rows: number }): Promise<ssh2.ClientChannel> {
  return new Promise((resolve, reject) =>
    client.shell({ term: 'xterm-256color', cols: window.cols, rows: window.rows }, (err, channel) => (err ? reject(err) : resolve(channel))),
  );
}

/** Waits for the kernel to log that a program started (optionally after `since` lines) and returns its pid. */
async function started(cmd: string, since: number): Promise<number> {
  const line = await server.waitForLog((l) => l.msg === 'process started' && l.cmd === cmd && server.logs.indexOf(l) >= since);
  return line.pid as number;
}

async function processes(): Promise<string> {
  return (await execOnce(server.port, 'ps')).stdout;
}

t.test('a pty login: prompt, commands, line editing, Ctrl-C, window size, Ctrl-D', async (t) => {
  const client = await connect(server.port);
  const channel = await openShell(client, { cols: 100, rows: 30 });
  const screen = new Transcript(channel);
  let exitCode: number | null = null;
  channel.on('exit', (code: number) => (exitCode = code));
  const closed = new Promise<void>((resolve) => channel.on('close', () => resolve()));

  await screen.waitFor(PROMPT);
  t.match(screen.text, /Welcome to akuma-vm/);

  // A command and its output, with the terminal's CRLF.
  let mark = screen.text.length;
  channel.write('echo hi there\r');
  await screen.waitFor(`hi there\r\n${PROMPT}`, mark);
  t.pass('echo runs and the prompt comes back');

  // A guest program on the terminal.
  mark = screen.text.length;
  channel.write('hello\r');
  await screen.waitFor(new RegExp(`Hello[^\\n]*\\r\\n${PROMPT.replace('$', '\\$')}`), mark);
  t.pass('a guest program writes to the terminal');

  // Line editing: backspace, Ctrl-U, left arrow, history.
  mark = screen.text.length;
  channel.write('echo abX\x7fc\r');
  await screen.waitFor(`abc\r\n${PROMPT}`, mark);
  mark = screen.text.length;
  channel.write('garbage\x15echo edited\r');
  await screen.waitFor(`edited\r\n${PROMPT}`, mark);
  mark = screen.text.length;
  channel.write('echo lft\x1b[D\x1b[De\r');
  await screen.waitFor(`left\r\n${PROMPT}`, mark);
  mark = screen.text.length;
  channel.write('\x1b[A\r');
  await screen.waitFor(`left\r\n${PROMPT}`, mark);
  t.pass('backspace, Ctrl-U, cursor keys and history work');

  // The window size, as TIOCGWINSZ reports it, follows window-change.
  mark = screen.text.length;
  channel.write('stty size\r');
  await screen.waitFor(`30 100\r\n${PROMPT}`, mark);
  channel.setWindow(40, 132, 0, 0);
  await sleep(100);
  mark = screen.text.length;
  channel.write('stty size\r');
  await screen.waitFor(`40 132\r\n${PROMPT}`, mark);
  t.pass('window-change updates TIOCGWINSZ');

  // Ctrl-C interrupts a running program and returns to the prompt.
  let since = server.logs.length;
  mark = screen.text.length;
  const t0 = Date.now();
  channel.write('sleep 100; echo not-reached\r');
  const sleepPid = await started('/bin/sleep', since);
  channel.write('\x03');
  const echoed = mark + 'sleep 100; echo not-reached\r\n'.length;
  await screen.waitFor(PROMPT, echoed);
  t.ok(Date.now() - t0 < 20_000, 'interrupted well before 100 s');
  t.notMatch(screen.text.slice(echoed), /not-reached/, 'the rest of the line is abandoned');
  const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === sleepPid);
  t.equal(exited.signal, 'SIGINT');
  mark = screen.text.length;
  channel.write('echo $?\r');
  await screen.waitFor(`130\r\n${PROMPT}`, mark);

  // Ctrl-C reaches cat reading the terminal, too.
  since = server.logs.length;
  mark = screen.text.length;
  channel.write('cat\r');
  await started('/bin/cat', since);
  channel.write('typed line\r');
  await screen.waitFor('typed line\r\ntyped line\r\n', mark);
  channel.write('\x03');
  await screen.waitFor(PROMPT, mark + 5);
  t.pass('cat echoes a line and Ctrl-C stops it');

  // A line typed while a program runs is the next command, as on a real terminal.
  since = server.logs.length;
  mark = screen.text.length;
  channel.write('sleep 0.5\r');
  await started('/bin/sleep', since);
  channel.write('echo typed-ahead\r');
  await screen.waitFor(`${PROMPT}echo typed-ahead\r\ntyped-ahead\r\n${PROMPT}`, mark);
  t.pass('typeahead runs after the program');

  // Ctrl-C at the prompt clears the line.
  mark = screen.text.length;
  channel.write('echo never\x03');
  await screen.waitFor(`^C\r\n${PROMPT}`, mark);
  channel.write('echo after-clear\r');
  await screen.waitFor(`after-clear\r\n${PROMPT}`, mark);
  t.notMatch(screen.text.slice(mark), /never\r\n/);

  // Ctrl-D on an empty line logs out.
  channel.write('true\r');
  await sleep(200);
  channel.write('\x04');
  await closed;
  client.end();
  t.equal(exitCode, 0, 'logout status is the last status');
});

t.test('signal requests reach the foreground process', async (t) => {
  const client = await connect(server.port);
  for (const [name, status, code] of [
    ['INT', 130, -2],
    ['TERM', 143, -15],
  ] as const) {
    const since = server.logs.length;
    const result = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      client.exec('sleep 100', (err, channel) => {
        if (err) return reject(err);
        let stderr = '';
        let exit: number | null = null;
        channel.stderr.on('data', (d: Buffer) => (stderr += d));
        channel.resume(); // 'close' waits for stdout to be read to its end
        channel.on('exit', (c: number) => (exit = c));
        channel.on('close', () => resolve({ code: exit, stderr }));
        started('/bin/sleep', since).then(() => channel.signal(name), reject);
      });
    });
    const r = await result;
    t.equal(r.code, status, `SIG${name}: status ${status}`);
    t.equal(r.stderr, `[exit code: ${code}]\n`);
  }
  client.end();
});

t.test('a client that disconnects mid-command has its processes killed and memory freed', async (t) => {
  const usedKb = async () => {
    const m = /Mem:\s+(\d+)\s+(\d+)/.exec((await execOnce(server.port, 'free')).stdout);
    return Number(m?.[2]);
  };
  const before = await usedKb();
  for (const how of ['end', 'destroy'] as const) {
    const since = server.logs.length;
    const client = await connect(server.port);
    client.exec('sleep 100', () => undefined);
    const pid = await started('/bin/sleep', since);
    t.match(await processes(), new RegExp(`\\b${pid}\\b.*sleep`), `sleep (pid ${pid}) runs`);
    const middle = await usedKb();
    t.ok(middle > before, `the sleeping process holds memory (${middle - before} KB)`);
    if (how === 'end') client.end();
    else (client as unknown as { _sock: { destroy(): void } })._sock.destroy();
    const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pid, 10_000);
    t.ok(exited.signal === 'SIGKILL' || exited.signal === 'SIGHUP', `killed on ${how} (${exited.signal})`);
    t.notMatch(await processes(), new RegExp(`\\b${pid}\\b.*sleep`), 'gone from ps');
  }
  const after = await usedKb();
  t.ok(after <= before + 64, `memory back to where it was (${before} KB used before, ${after} KB after)`);
  // A pipeline too: every stage goes.
  const since = server.logs.length;
  const client = await connect(server.port);
  client.exec('cat | cat | sleep 100', () => undefined);
  const pid = await started('/bin/sleep', since);
  const pids = server.logs.slice(since).filter((l) => l.msg === 'process started').map((l) => l.pid as number);
  t.equal(pids.length, 3, 'three stages started');
  client.end();
  await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pid, 10_000);
  for (const p of pids) await server.waitForLog((l) => l.msg === 'process exited' && l.pid === p, 10_000);
  t.pass('every stage of the pipeline exited');
});

t.test('OpenSSH: ssh -tt with commands piped in; ssh -T reads commands from stdin', { skip: NO_OPENSSH }, async (t) => {
  const tt = await ssh(server, dir, null, { extra: ['-tt'], input: 'echo tt-ok; stty size\nexit 3\n' });
  t.equal(tt.code, 3, `exit status of 'exit 3' (stderr: ${tt.stderr})`);
  t.match(tt.stdout, /tt-ok\r\n/);
  t.match(tt.stdout, PROMPT);
  const plain = await ssh(server, dir, null, { extra: ['-T'], input: 'echo no-tty\nstty size\nfalse\n' });
  t.equal(plain.stdout, 'no-tty\n');
  t.equal(plain.stderr, 'stty: standard input: Not a tty\n');
  t.equal(plain.code, 1, 'the last status');
});

t.test('ssh2 exec with a pty merges stderr into the terminal', async (t) => {
  const client = await connect(server.port);
  const r = await new Promise<{ out: string; code: number | null }>((resolve, reject) => {
    client.exec('echo out; echo err >&2; stty size', { pty: { cols: 90, rows: 20, term: 'xterm' } }, (err, channel) => {
      if (err) return reject(err);
      let out = '';
      let code: number | null = null;
      channel.on('data', (d: Buffer) => (out += d));
      channel.on('exit', (c: number) => (code = c));
      channel.on('close', () => resolve({ out, code }));
    });
  });
  client.end();
  t.equal(r.code, 0);
  t.equal(r.out, 'out\r\nerr\r\n20 90\r\n');
});
