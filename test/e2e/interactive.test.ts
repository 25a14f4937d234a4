/**
 * Interactive sessions and process lifetime end to end: a pty login with prompt, line
 * editing, Ctrl-C and Ctrl-D; window-change reaching TIOCGWINSZ; `signal` requests; and a
 * client that disconnects mid-command having its processes killed and memory freed.
 */

import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ssh2 from 'ssh2';
import {
  NO_DASH_PTY,
  NO_OPENSSH,
  Transcript,
  dashOnPty,
  typeAtPrompts,
  SCRIPT,
  connect,
  exec,
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
/** A pty shell session of 100x30 on `client` (a new connection when none), at its first prompt. */
async function ptyShell(client?: ssh2.Client): Promise<{ client: ssh2.Client; channel: ssh2.ClientChannel; screen: Transcript; closed: Promise<void> }> {
  const c = client ?? (await connect(server.port));
  const channel = await openShell(c, { cols: 100, rows: 30 });
  const screen = new Transcript(channel);
  const closed = new Promise<void>((resolve) => channel.on('close', () => resolve()));
  await screen.waitFor(PROMPT);
  return { client: c, channel, screen, closed };
}

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
  // Not timed: that sleep was interrupted, not finished, is its exit by SIGINT (below).
  t.comment(`back at the prompt ${Date.now() - t0} ms after the sleep started`);
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
    ['INT', 130, ''],
    ['TERM', 143, 'Terminated\n'],
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
    // Exec mode: no [exit code: N] line; the shell says what killed the job as dash does (SIGINT silently).
    t.equal(r.stderr, code);
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
  // The login shell (/bin/sh) is a process of the session too; the stages are its children.
  const pids = server.logs.slice(since).filter((l) => l.msg === 'process started' && l.cmd !== '/bin/sh').map((l) => l.pid as number);
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

t.test('history persists in ~/.sh_history; Tab completes commands and paths; PS1 is honoured', async (t) => {
  const login = ptyShell;
  const first = await login();
  first.channel.write('echo remembered-line\r');
  await first.screen.waitFor(`remembered-line\r\n${PROMPT}`);
  first.channel.write('exit\r');
  await first.closed;
  first.client.end();

  const second = await login();
  let mark = second.screen.text.length;
  second.channel.write('\x1b[A\x1b[A');
  await second.screen.waitFor('echo remembered-line', mark);
  second.channel.write('\x15');
  t.pass('Up recalls the last session\'s lines (exit, then the echo)');
  mark = second.screen.text.length;
  second.channel.write('\x12remem\r');
  await second.screen.waitFor(`remembered-line\r\n${PROMPT}`, mark);
  t.pass('Ctrl-R finds it and runs it');
  mark = second.screen.text.length;
  second.channel.write('ech\t tabbed\r');
  await second.screen.waitFor(`tabbed\r\n${PROMPT}`, mark);
  t.pass('Tab completed a command name');
  mark = second.screen.text.length;
  second.channel.write('mkdir -p /tmp/tabdir/inner\r');
  await second.screen.waitFor(PROMPT, mark + 10);
  mark = second.screen.text.length;
  second.channel.write('ls /tmp/tabd\t\r');
  await second.screen.waitFor(`inner\r\n${PROMPT}`, mark);
  t.pass('Tab completed a path');
  mark = second.screen.text.length;
  second.channel.write(`PS1='custom> '\r`);
  await second.screen.waitFor('custom> ', mark);
  t.pass('PS1 is the prompt');
  second.channel.write('exit\r');
  await second.closed;
  second.client.end();
  const h = await execOnce(server.port, 'cat ~/.sh_history');
  t.match(h.stdout, /echo remembered-line\n/);
});

t.test('PS2 asks for the rest of an unfinished command, as dash on a pty does', { skip: NO_DASH_PTY }, async (t) => {
  const inputs = ['if true; then\r', 'echo yes\r', 'fi\r', 'for x in a\r', '\x03', 'echo $?\r', 'echo "open\r', 'close"\r',
    'case x in\r', 'x) echo matched;;\r', 'esac\r', 'cat <<END\r', 'here\r', 'END\r', 'f() {\r', 'echo in-f\r', '}\r', 'f\r',
    // Ctrl-D at PS2: dash's syntax error, naming the session's line number where the input ended.
    'if true; then\r', '\x04', 'echo "open\r', '\x04', 'echo after\r'];
  const prompts = ['sh$ ', '> '];
  const dash = dashOnPty({ PS1: 'sh$ ', HOME: dir });
  await dash.ready;
  // The same first line as ours gets (PS1), so that both count the same lines.
  await typeAtPrompts(dash.write, dash.screen, ['PS1="sh\\$ "\r'], prompts);
  // Messages name the shell as it was started: dash by its path, the machine's as sh.
  const expected = (await typeAtPrompts(dash.write, dash.screen, inputs, prompts)).replace(/\/usr\/bin\/dash: /g, 'sh: ');
  await dash.end();

  const { client, channel, screen, closed } = await ptyShell();
  await typeAtPrompts((s) => channel.write(s), screen, ['PS1="sh\\$ "\r'], prompts);
  const ours = await typeAtPrompts((s) => channel.write(s), screen, inputs, prompts);
  t.equal(ours, expected, 'the same transcript as dash');
  const h = await typeAtPrompts((s) => channel.write(s), screen, ['tail -9 ~/.sh_history\r'], prompts);
  t.match(h, /echo in-f\r\n}\r\nf\r\n/, 'each line of a continued command is its own history line');
  channel.write('exit\r');
  await closed;
  client.end();
});

t.test('job control on a pty: Ctrl-Z stops the foreground job, jobs lists it, fg continues it, bg too', async (t) => {
  const { client, channel, screen, closed } = await ptyShell();
  let since = server.logs.length;
  let mark = screen.text.length;
  channel.write('sleep 100\r');
  const pid = await started('/bin/sleep', since);
  channel.write('\x1a');
  await screen.waitFor(/\[1\] \+ Stopped\s+sleep 100/, mark);
  await server.waitForLog((l) => l.msg === 'process stopped' && l.pid === pid);
  t.pass('Ctrl-Z stopped it and the prompt came back');
  mark = screen.text.length;
  channel.write('jobs\r');
  await screen.waitFor(/\[1\]\+\s+Stopped\s+sleep 100/, mark);
  mark = screen.text.length;
  channel.write('fg\r');
  await screen.waitFor('sleep 100\r\n', mark);
  await server.waitForLog((l) => l.msg === 'process continued' && l.pid === pid);
  t.pass('fg continued it');
  channel.write('\x03');
  await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pid);
  await screen.waitFor(PROMPT, mark + 5);
  t.pass('Ctrl-C ends the job brought back with fg');
  since = server.logs.length;
  mark = screen.text.length;
  channel.write('sleep 100\r');
  const pid2 = await started('/bin/sleep', since);
  channel.write('\x1a');
  await screen.waitFor('Stopped', mark);
  channel.write('bg\r');
  await server.waitForLog((l) => l.msg === 'process continued' && l.pid === pid2);
  channel.write('kill %1\r');
  const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pid2);
  t.equal(exited.signal, 'SIGTERM', 'bg continued it and kill %1 ended it');
  channel.write('exit\r');
  await closed;
  client.end();
});

t.test('a hang-up reaches every process group of the session; a setsid one stays', async (t) => {
  const since = server.logs.length;
  const client = await connect(server.port);
  // -w: setsid waits, so sleep 101 is still a descendant of the login shell when it hangs up.
  client.exec('setsid -w sleep 101 & sleep 102 & sleep 103', () => undefined);
  const pids = new Map<string, number>();
  for (const n of ['101', '102', '103']) {
    const line = await server.waitForLog((l) => l.msg === 'process started' && l.cmd === '/bin/sleep' && (l.argv as string[])[1] === n && server.logs.indexOf(l) >= since);
    pids.set(n, line.pid as number);
  }
  client.end();
  for (const n of ['102', '103']) {
    const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pids.get(n), 10_000);
    t.equal(exited.signal, 'SIGHUP', `sleep ${n} (pid ${pids.get(n)}) ended by SIGHUP`);
  }
  // The line of this session (an earlier test's may come after `since`): the one naming sleep 102.
  const hungUp = await server.waitForLog((l) => l.msg === 'session hung up: processes ended' && (l.pids as number[]).includes(pids.get('102')!), 10_000);
  t.ok((hungUp.detached as Array<{ pid: number }>).some((d) => d.pid === pids.get('101')), 'the log line names the setsid process as detached');
  const ps = await processes();
  t.match(ps, new RegExp(`\\b${pids.get('101')}\\b.*sleep 101`), 'setsid sleep 101 still runs (ps from another session)');
  t.notMatch(ps, /sleep 10[23]/, 'the plain jobs are gone');
  await execOnce(server.port, `kill ${pids.get('101')}`);
  const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pids.get('101'), 10_000);
  t.equal(exited.signal, 'SIGTERM', 'and it ends when killed');
});

t.test('Ctrl-C on a pty reaches every process of the foreground pipeline, not a background job', async (t) => {
  const { client, channel, screen, closed } = await ptyShell();
  let since = server.logs.length;
  channel.write('sleep 201 &\r');
  const background = await started('/bin/sleep', since);
  await screen.waitFor(PROMPT, screen.text.length - PROMPT.length);
  since = server.logs.length;
  const mark = screen.text.length;
  channel.write('sleep 101 | sleep 102 | sleep 103\r');
  const stages: number[] = [];
  for (const n of ['101', '102', '103']) {
    const line = await server.waitForLog((l) => l.msg === 'process started' && l.cmd === '/bin/sleep' && (l.argv as string[])[1] === n && server.logs.indexOf(l) >= since);
    stages.push(line.pid as number);
  }
  channel.write('\x03');
  for (const pid of stages) {
    const exited = await server.waitForLog((l) => l.msg === 'process exited' && l.pid === pid, 10_000);
    t.equal(exited.signal, 'SIGINT', `stage ${pid} ended by SIGINT`);
  }
  await screen.waitFor(PROMPT, mark + 5);
  t.match(await processes(), new RegExp(`\\b${background}\\b.*sleep 201`), 'the background job still runs');
  channel.write('kill %1\r');
  await server.waitForLog((l) => l.msg === 'process exited' && l.pid === background, 10_000);
  channel.write('exit\r');
  await closed;
  client.end();
});

const TTY_JOBS = join(dirname(fileURLToPath(import.meta.url)), '../../../packages/realworld/bin/jobs/tty_jobs');
const NO_QEMU_PTY = spawnSync('qemu-aarch64', ['--version']).status !== 0 ? 'qemu-aarch64 not installed' : NO_DASH_PTY;

/** What a program prints between its BEGIN and END lines. */
function between(text: string): string {
  const begin = text.indexOf('BEGIN\r\n');
  const end = text.indexOf('END\r\n', begin);
  return begin < 0 || end < 0 ? text : text.slice(begin, end + 5);
}

t.test('job control on the terminal as Linux: SIGTTIN/SIGTTOU, TOSTOP, EIO, session ioctls, /dev/tty (jobs/tty_jobs vs qemu-aarch64 on a host pty)', { skip: NO_QEMU_PTY }, async (t) => {
  // Linux's answers: the program under qemu-aarch64 (which hands these calls to the host) on a pty script(1) made.
  const linux = await new Promise<string>((resolve) => {
    const child = spawn(SCRIPT, ['-q', '-c', `qemu-aarch64 ${TTY_JOBS}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.on('close', () => resolve(out));
  });
  t.match(linux, /END\r\n/, 'the program ran to its end under qemu');

  const client = await connect(server.port);
  const upload = await exec(client, 'base64 -d > /tmp/tty_jobs && chmod 755 /tmp/tty_jobs', { stdin: readFileSync(TTY_JOBS).toString('base64') });
  t.equal(upload.code, 0);
  const { channel, screen, closed } = await ptyShell(client);
  const mark = screen.text.length;
  channel.write('/tmp/tty_jobs\r');
  await screen.waitFor(`END\r\n${PROMPT}`, mark);
  t.equal(between(screen.text.slice(mark)), between(linux), 'the same lines as Linux');
  channel.write('exit\r');
  await closed;
  client.end();
});

t.test('a pipeline of native tools stops with Ctrl-Z, and jobs, fg and bg handle it; a background reader of the terminal stops (tty input)', async (t) => {
  const { client, channel, screen, closed } = await ptyShell();
  let since = server.logs.length;
  let mark = screen.text.length;
  channel.write('cat | tr a-z A-Z\r');
  const cat = await started('/bin/cat', since);
  channel.write('\x1a');
  await screen.waitFor(/\[1\] \+ Stopped\s+cat \| tr a-z A-Z/, mark);
  await server.waitForLog((l) => l.msg === 'process stopped' && l.pid === cat);
  t.pass('Ctrl-Z stopped both native stages');
  mark = screen.text.length;
  channel.write('jobs\r');
  await screen.waitFor(/\[1\]\+\s+Stopped\s+cat \| tr a-z A-Z/, mark);
  mark = screen.text.length;
  since = server.logs.length;
  channel.write('fg\r');
  await server.waitForLog((l) => l.msg === 'process continued' && l.pid === cat);
  channel.write('after fg\r');
  await screen.waitFor('AFTER FG\r\n', mark);
  t.pass('fg continued the pipeline and it reads the terminal again');
  channel.write('\x03');
  await screen.waitFor(PROMPT, screen.text.length);
  since = server.logs.length;
  mark = screen.text.length;
  channel.write('cat &\r');
  const bg = await started('/bin/cat', since);
  await server.waitForLog((l) => l.msg === 'process stopped' && l.pid === bg && l.signal === 'SIGTTIN');
  t.pass('a background cat that reads the terminal is stopped by SIGTTIN');
  // dash on a pty, for `cat &` then a command: "[1] + Stopped (tty input)        cat" before the next prompt.
  mark = screen.text.length;
  channel.write('echo next\r');
  await screen.waitFor(`next\r\n[1] + Stopped (tty input)        cat\r\n${PROMPT}`, mark);
  t.pass('the stop is announced before the next prompt, as dash does');
  mark = screen.text.length;
  channel.write('kill -9 %1\r');
  await server.waitForLog((l) => l.msg === 'process exited' && l.pid === bg);
  channel.write('echo after\r');
  await screen.waitFor(`after\r\n`, mark);
  await screen.waitFor(PROMPT, screen.text.indexOf('after\r\n', mark));
  // Before the prompt after the kill or the one after that (as in dash, whichever comes once the child is reaped).
  t.equal(screen.text.slice(mark).split('[1] + Killed                     cat\r\n').length, 2, 'and its end by SIGKILL, once');
  mark = screen.text.length;
  channel.write('sleep 0.1 &\r');
  await screen.waitFor(PROMPT, mark + 5);
  await new Promise((r) => setTimeout(r, 1500));
  channel.write('echo later\r');
  await screen.waitFor(/later\r\n\[\d\] \+ Done {23}sleep 0\.1\r\n/, mark);
  t.pass('a finished background job is Done');
  channel.write('exit\r');
  await closed;
  client.end();
});
