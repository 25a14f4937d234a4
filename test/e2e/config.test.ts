/**
 * The server as an operator starts and stops it: settings from flags, AKUMA_* variables
 * and a config file (unrelated AKUMA_* variables ignored), one line for every bad value,
 * --version, one server per data directory (also after kill -9), the data directory made
 * private, `npm start` stopped by SIGTERM leaving the port free, a server whose stdout
 * reader went away still exiting on SIGTERM, and `run`'s arguments.
 */

import t from 'tap';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { dirname, join } from 'node:path';
import { CLI, PACKAGES_BIN, execOnce, removeDir, runCli, sleep, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));
const ROOT = join(dirname(CLI), '..', '..');

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = tcpConnect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
}

t.test('every bad value is one line naming the option, the value and what is allowed', async (t) => {
  const data = join(dir, 'bad');
  writeFileSync(join(dir, 'a-file'), 'x');
  writeFileSync(join(dir, 'bad.json'), '{"port": "x"}');
  writeFileSync(join(dir, 'typo.json'), '{"prot": 1}');
  const cases: [string[], RegExp][] = [
    [['serve', '--port', 'abc', '--data-dir', data], /^akuma-vm: --port 'abc': not allowed; expected an integer from 0 to 65535\n$/],
    [['serve', '--port', '70000', '--data-dir', data], /^akuma-vm: --port '70000': not allowed; expected an integer from 0 to 65535\n$/],
    [['serve', '--ram', '3X', '--data-dir', data], /^akuma-vm: --ram '3X': not allowed; expected a size from 16M to 4G/],
    [['serve', '--log-level', 'loud', '--data-dir', data], /^akuma-vm: --log-level 'loud': not allowed; expected fatal, error, warn, info, debug, trace, silent\n$/],
    [['serve', '--max-startups', '1:2', '--data-dir', data], /^akuma-vm: --max-startups '1:2': not allowed; expected start:rate:full/],
    [['serve', '--login-grace-time', 'soon', '--data-dir', data], /^akuma-vm: --login-grace-time 'soon': not allowed; expected a time such as 120, 30s or 2m\n$/],
    [['serve', '--workers', 'lots', '--data-dir', data], /^akuma-vm: --workers 'lots': not allowed; expected auto or an integer from 0 to 256\n$/],
    [['serve', '--port', '0', '--data-dir', join(dir, 'a-file')], /^akuma-vm: --data-dir .*a-file: is a file, not a directory\n$/],
    [['serve', '--port', '0', '--data-dir', '/proc/1/akuma'], /^akuma-vm: --data-dir \/proc\/1\/akuma: cannot create it: /],
    [['serve', '--config', join(dir, 'bad.json'), '--data-dir', data], /^akuma-vm: --port 'x' \(from "port" in .*bad\.json\): not allowed; expected an integer/],
    [['serve', '--config', join(dir, 'typo.json')], /^akuma-vm: --config .*typo\.json: unknown option "prot" \(allowed: host, port, /],
    [['serve', '--config', join(dir, 'missing.json')], /^akuma-vm: --config .*missing\.json: no such file\n$/],
    [['serve', '--bogus'], /^akuma-vm: Unknown argument: bogus\n\(see akuma-vm serve --help\)\n$/],
  ];
  for (const [args, pattern] of cases) {
    const r = runCli(args);
    t.equal(r.code, 1, `${args.join(' ')}: status 1`);
    t.match(r.stderr, pattern, `${args.join(' ')}: ${r.stderr.trim()}`);
  }
  const env = runCliEnv(['serve', '--data-dir', data], { AKUMA_PORT: 'zz' });
  t.match(env.stderr, /^akuma-vm: --port 'zz' \(from AKUMA_PORT\): not allowed; expected an integer from 0 to 65535\n$/);
});

function runCliEnv(args: string[], env: NodeJS.ProcessEnv): { code: number | null; stderr: string; stdout: string } {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return runCli(args);
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

t.test('--version, and unrelated AKUMA_* variables do not stop the server', async (t) => {
  const v = runCli(['--version']);
  t.equal(v.code, 0);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  t.equal(v.stdout, `akuma-vm ${pkg.version}\n`);
  const server = await startServer({ dataDir: join(dir, 'unrelated'), env: { AKUMA_FOO: '1', AKUMA_SMOKE_TIMEOUT: '120', AKUMA_TRANSLATE: '0' } });
  t.equal((await execOnce(server.port, 'echo up')).stdout, 'up\n', 'AKUMA_FOO, AKUMA_SMOKE_TIMEOUT and AKUMA_TRANSLATE ignored');
  t.same(await server.stop(), { code: 0, signal: null });
});

t.test('a config file, with flags over it', async (t) => {
  const data = join(dir, 'from-config');
  writeFileSync(join(dir, 'akuma.json'), JSON.stringify({ port: 2, 'data-dir': data, ram: '64M', logLevel: 'info' }));
  const server = await startServer({ dataDir: data, bare: true, args: ['--config', join(dir, 'akuma.json'), '--port', '0'] });
  const ready = await server.waitForLog((l) => l.msg.startsWith('akuma-vm ready'));
  t.equal(ready.dataDir, data, 'data-dir from the file');
  t.equal(ready.ram, 64 << 20, 'ram from the file');
  t.not(server.port, 2, 'the --port flag wins over the file');
  t.same(await server.stop(), { code: 0, signal: null });
});

t.test('one server per data directory, freed after kill -9; the directory made private', async (t) => {
  const data = join(dir, 'shared');
  mkdirSync(data, { mode: 0o755 });
  chmodSync(data, 0o755);
  const first = await startServer({ dataDir: data });
  t.equal(statSync(data).mode & 0o777, 0o700, 'a 0755 data directory is made 0700');
  t.equal(statSync(join(data, 'akuma.db')).mode & 0o777, 0o600, 'akuma.db is 0600');
  const second = runCli(['serve', '--port', '0', '--data-dir', data]);
  t.equal(second.code, 1, 'the second server refuses');
  t.equal(second.stderr, `akuma-vm: data directory ${data} is in use by another akuma-vm server (pid ${first.proc.pid})\n`, 'naming the directory and the pid');
  t.same(await first.stop('SIGKILL'), { code: null, signal: 'SIGKILL' });
  chmodSync(join(data, 'akuma.db'), 0o644);
  const third = await startServer({ dataDir: data });
  t.pass('after kill -9 the lock is free');
  t.equal(statSync(join(data, 'akuma.db')).mode & 0o777, 0o600, 'a 0644 akuma.db is made 0600 at start');
  t.ok(await third.logged((l) => l.msg.startsWith('data directory was readable by others') && String(l.fixed).includes('akuma.db 0644 -> 0600')), 'and that is logged');
  t.same(await third.stop(), { code: 0, signal: null });
});

t.test('SIGTERM to `npm start` stops the server and frees the port', async (t) => {
  const npm = spawn('npm', ['start', '--', '--port', '0', '--data-dir', join(dir, 'npm')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  npm.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  npm.stderr.resume();
  let port = 0;
  for (let i = 0; i < 300 && !port; i++) {
    const m = /"address":"127\.0\.0\.1:(\d+)".*akuma-vm ready/.exec(out);
    if (m) port = Number(m[1]);
    else await sleep(100);
  }
  t.ok(port > 0, `npm start got ready on port ${port}`);
  const exited = new Promise((resolve) => npm.on('exit', resolve));
  npm.kill('SIGTERM');
  await exited;
  let free = false;
  for (let i = 0; i < 100 && !free; i++) {
    free = await portIsFree(port);
    if (!free) await sleep(100);
  }
  t.ok(free, 'nothing listens on the port afterwards');
  const again = await startServer({ dataDir: join(dir, 'npm') });
  t.pass('and the data directory lock was released');
  await again.stop();
});

t.test('SIGTERM exits even when the reader of stdout went away', async (t) => {
  const server = await startServer({ dataDir: join(dir, 'closed-stdout') });
  server.proc.stdout!.destroy();
  // Log lines now hit a closed pipe; sessions must keep working and the server must still stop.
  t.equal((await execOnce(server.port, 'echo still')).stdout, 'still\n');
  const t0 = Date.now();
  const r = await server.stop('SIGTERM');
  t.ok(r.code !== null, `exited (status ${r.code}) after ${Date.now() - t0} ms`);
});

t.test('run: everything after the program path is the program\'s', async (t) => {
  const echo = join(PACKAGES_BIN, 'echo');
  let r = runCli(['run', echo, '--', '--help', 'x']);
  t.equal(r.stdout, '-- --help x\n', 'run prog -- --help x passes all three');
  t.equal(r.code, 0);
  r = runCli(['run', '--ram', '64M', echo, '--ram', '1G', '-x']);
  t.equal(r.stdout, '--ram 1G -x\n', 'options after the path are the program\'s');
  r = runCli(['run', '-x', echo]);
  t.equal(r.code, 2);
  t.match(r.stderr, /^akuma-vm run: unknown option: -x\nusage: akuma-vm run \[--ram SIZE\]/, 'an unknown option and the usage line');
  r = runCli(['run', '--', echo, 'a']);
  t.equal(r.stdout, 'a\n', '-- before the path ends akuma-vm\'s options');
});

t.test('repo commands use serve\'s data directory default and say which', async (t) => {
  const cwd = join(dir, 'repo-cwd');
  mkdirSync(cwd);
  const list = spawnCli(['repo', 'list'], cwd);
  t.equal(list.code, 1);
  t.equal(list.stderr, `akuma-vm: no data directory at ${join(cwd, 'data')} (start the server there first, or give --data-dir or AKUMA_DATA_DIR)\n`);
  const add = spawnCli(['repo', 'add', join(PACKAGES_BIN, 'hello'), '--name', 'mine', '--version', '2.0.0'], cwd, { AKUMA_DATA_DIR: join(dir, 'repo-env') });
  t.equal(add.code, 0);
  t.match(add.stderr, `akuma-vm: creating data directory ${join(dir, 'repo-env')}`);
  const listed = spawnCli(['repo', 'list'], cwd, { AKUMA_DATA_DIR: join(dir, 'repo-env') });
  t.match(listed.stderr, `akuma-vm: using data directory ${join(dir, 'repo-env')}`);
  t.match(listed.stdout, /mine\s+2\.0\.0/);
});

function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const e = { ...process.env, ...env };
  if (!('AKUMA_DATA_DIR' in env)) delete e.AKUMA_DATA_DIR;
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: e });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
