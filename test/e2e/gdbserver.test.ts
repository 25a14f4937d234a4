/**
 * gdbserver over SSH, end to end: the real gdb-multiarch in batch mode runs
 * `target remote | ssh ... gdbserver - ./gdbtarget` through /usr/bin/ssh against a real
 * listening server (stdio transport: nothing but the SSH connection), and
 * `gdbserver --attach PID` reaches a running process only for its owner or root.
 * The program is packages/kernel-tests' gdbtarget (built -g), copied into the user's home.
 */

import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, SSH, makeKey, opensshOptions, removeDir, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';
import { ROOT, ktBinary } from '../kernel/kernel-helpers.js';

const SRC_DIR = join(ROOT, 'packages/kernel-tests');
const PROG = ktBinary('gdbtarget');
const HAVE_GDB = spawnSync('sh', ['-c', 'command -v gdb-multiarch']).status === 0;
const skip = NO_OPENSSH || (!HAVE_GDB && 'gdb-multiarch not installed');

const dir = tmpDir();
let server: ServerHandle;

/** The `ssh ...` command line gdb runs as its remote pipe. */
function sshPipe(user: string, command: string): string {
  const quoted = opensshOptions(dir).map((a) => `'${a}'`).join(' ');
  return `${SSH} ${quoted} -p ${server.port} ${user}@127.0.0.1 ${command}`;
}

/** gdb-multiarch -batch with these commands after `target remote | ssh ...`; stdout and stderr in order. */
function gdb(user: string, remote: string, commands: string[], options: { file?: string | null } = {}): Promise<string> {
  const args = ['-batch', '-nx', '-ex', 'set architecture aarch64'];
  if (options.file !== null) args.push('-ex', `file ${options.file ?? PROG}`);
  args.push('-ex', `target remote | ${sshPipe(user, remote)}`);
  for (const c of commands) args.push('-ex', c);
  return new Promise((resolve) => {
    const g = spawn('sh', ['-c', 'exec gdb-multiarch "$@" 2>&1', 'gdb', ...args], { cwd: SRC_DIR, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    g.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => g.kill('SIGKILL'), 150_000);
    g.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

t.before(async () => {
  if (skip) return;
  makeKey(dir, 'id_ed25519');
  server = await startServer({ dataDir: join(dir, 'data') });
  for (const user of ['user', 'alice', 'bob']) {
    const r = await ssh(server, dir, 'cat > gdbtarget && chmod 755 gdbtarget', { user, input: readFileSync(PROG) });
    if (r.code !== 0) throw new Error(`upload for ${user}: ${r.stderr}`);
    const s = await ssh(server, dir, 'cat > spin && chmod 755 spin', { user, input: readFileSync(ktBinary('spin')) });
    if (s.code !== 0) throw new Error(`upload for ${user}: ${s.stderr}`);
  }
});
t.teardown(async () => {
  await server?.stop();
  removeDir(dir);
});

t.test('gdb through ssh and gdbserver -: breakpoints by name, registers, memory, the exit status', { skip }, async (t) => {
  const out = await gdb('user', 'gdbserver - ./gdbtarget', [
    'break add',
    'continue',
    'info registers x0 x1 pc',
    'x/4gx $sp',
    'next',
    'p sum',
    'delete',
    'break scale',
    'continue',
    'finish',
    'p $v0.d.f[0]',
    'p *(int *)8',
    'continue',
  ]);
  t.match(out, /^Process \.\/gdbtarget created; pid = \d+$/m, "gdbserver's own words, on stderr");
  t.match(out, /^Breakpoint 1, add \(a=0, b=1\) at \.\/src\/gdbtarget\.c:12$/m, 'break by name stops in add() at its line');
  t.match(out, /^x1 +0x1 +1$/m, 'info registers');
  t.match(out, /^pc +0x[0-9a-f]+ +0x[0-9a-f]+ <add\+\d+>$/m);
  t.match(out, /^0x[0-9a-f]+:\t0x[0-9a-f]{16}\t0x[0-9a-f]{16}$/m, 'x/4gx');
  t.match(out, /^\$1 = 1$/m, 'next, then a local');
  t.match(out, /^Breakpoint 2, scale \(x=1\.5, n=6\) at \.\/src\/gdbtarget\.c:18$/m);
  t.match(out, /^Value returned is \$\d+ = 9$/m, 'finish shows the double returned in v0');
  t.match(out, /^\$\d+ = 9$/m, 'p $v0.d.f[0]');
  t.match(out, /^Cannot access memory at address 0x8$/m, 'a wrong address is an error');
  t.match(out, /^total=6 scaled=9\.0 counter=6$/m, "the program's output comes through gdbserver's stderr, as with GNU gdbserver");
  t.match(out, /exited with code 07\]$/m, 'the exit status reaches gdb');
  t.match(out, /^Child exited with status 7$/m);
  t.notMatch(out, /Remote connection closed|Ignoring packet error|Bad remote/, 'a clean session');
});

t.test('with no local copy, gdb reads the program, its auxv and /proc/PID/maps from the machine', { skip }, async (t) => {
  const out = await gdb('user', 'gdbserver - ./gdbtarget', ['info proc mappings', 'info auxv', 'break add', 'continue', 'bt', 'watch counter', 'continue', 'kill'], { file: null });
  t.match(out, /^Reading symbols from target:\/home\/user\/gdbtarget\.\.\.$/m, 'qXfer:exec-file + vFile: symbols from the remote file');
  t.match(out, /^process (\d+)$/m, 'info proc knows the real pid (multiprocess ids)');
  t.match(out, /^ +0x400000 +0x[0-9a-f]+ +0x[0-9a-f]+ +0x0 +r-xp +\/home\/user\/gdbtarget$/m, 'info proc mappings from /proc/PID/maps');
  t.match(out, /^ +0x[0-9a-f]+ +0x[0-9a-f]+ +0x[0-9a-f]+ +0x0 +rw-p +\[stack\]$/m);
  t.match(out, /^9 +AT_ENTRY +Entry point of program +0x4[0-9a-f]+$/m, 'info auxv');
  t.match(out, /^31 +AT_EXECFN +File name of executable +0x[0-9a-f]+ "\/home\/user\/gdbtarget"$/m);
  t.match(out, /^Breakpoint 1, add \(a=0, b=1\) at \.\/src\/gdbtarget\.c:12$/m, 'a breakpoint by name in the remote symbols');
  t.match(out, /^#1 +0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at \.\/src\/gdbtarget\.c:\d+$/m, 'bt');
  t.match(out, /^Hardware watchpoint 2: counter\n\nOld value = 0\nNew value = 1\nadd \(a=0, b=1\) at \.\/src\/gdbtarget\.c:14$/m, 'a watchpoint fires after the store, on its line');
  t.match(out, /^\[Inferior 1 \(process \d+\) killed\]$/m);
});

t.test('gdbserver --record: reverse-continue to the watched store and reverse-finish, over ssh alone', { skip }, async (t) => {
  const out = await gdb('user', 'gdbserver --record - ./gdbtarget', [
    'break add',
    'continue',
    'watch counter',
    'continue',
    'continue',
    'reverse-continue',
    'x/i $pc',
    'delete',
    'reverse-finish',
    'continue',
  ]);
  t.match(out, /^Hardware watchpoint 2: counter\n\nOld value = 1\nNew value = 0\n0x[0-9a-f]+ in add \(a=0, b=1\) at \.\/src\/gdbtarget\.c:13$/m, 'back on the line of the store');
  t.match(out, /^=> 0x[0-9a-f]+ <add\+\d+>:\tstr\tx1, \[x0\]$/m, 'at the store');
  t.match(out, /^0x[0-9a-f]+ in main \(argc=1, argv=0x[0-9a-f]+\) at \.\/src\/gdbtarget\.c:30$/m, 'reverse-finish: in the caller');
  t.match(out, /^No more reverse-execution history\.$/m, 'forward to the present');
  t.notMatch(out, /Remote connection closed|Ignoring packet error|Bad remote/, 'a clean session');
});

t.test('gdbserver --attach: only the owner (or root) may debug a running process', { skip }, async (t) => {
  // (the sleep: setsid must have made its new session before this one's hang-up)
  await ssh(server, dir, 'setsid ./spin > /dev/null 2>&1 & sleep 1', { user: 'alice' });
  const ps = await ssh(server, dir, 'ps', { user: 'alice' });
  // /bin/ps, busybox's layout: PID USER TIME COMMAND.
  const pid = /^\s*(\d+)\s+alice\s+\S+\s+\.\/spin$/m.exec(ps.stdout)?.[1];
  t.ok(pid, `alice's spin runs: ${ps.stdout}`);
  if (!pid) return;

  const bob = await ssh(server, dir, `gdbserver --attach - ${pid} < /dev/null`, { user: 'bob' });
  t.equal(bob.stderr, `gdbserver: Cannot attach to process ${pid}: Operation not permitted\n`, 'bob may not');
  t.equal(bob.code, 1);

  const mine = await gdb('alice', `gdbserver --attach ${pid}`, ['info registers pc', 'stepi', 'p $pc == $pc', 'detach'], { file: ktBinary('spin') });
  t.match(mine, /^Attached; pid = \d+$/m);
  t.match(mine, /^pc +0x4[0-9a-f]+ +0x4[0-9a-f]+$/m, 'alice stops her own spinning program where it is');
  t.match(mine, /^\[Inferior 1 \(.*\) detached\]$/m, 'and detaches');
  const still = await ssh(server, dir, 'ps', { user: 'alice' });
  t.match(still.stdout, new RegExp(`^\\s*${pid}\\s.*\\./spin$`, 'm'), 'detached, it runs on');

  const root = await gdb('root', `gdbserver --attach - ${pid}`, ['p $pc != 0', 'kill'], { file: ktBinary('spin') });
  t.match(root, /^\$1 = 1$/m, 'root may debug anyone');
  t.match(root, /^\[Inferior 1 \(.*\) killed\]$/m);
  const gone = await ssh(server, dir, 'ps', { user: 'alice' });
  t.notMatch(gone.stdout, /\.\/spin/, 'kill ends it');
  t.equal(server.proc.exitCode, null, 'the server carries on');
});

t.test('a gdb that goes away kills the program started for it; the server carries on', { skip }, async (t) => {
  // No commands after target remote: batch gdb quits at once, closing the pipe without k.
  const out = await gdb('user', 'gdbserver - ./spin', [], { file: ktBinary('spin') });
  t.match(out, /Process \.\/spin created/);
  let left = '';
  for (let i = 0; i < 50; i++) {
    left = (await ssh(server, dir, 'ps')).stdout;
    if (!/\.\/spin/.test(left)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  t.notMatch(left, /\.\/spin/, 'the program is gone');
  const again = await ssh(server, dir, 'echo still here');
  t.equal(again.stdout, 'still here\n');
});
