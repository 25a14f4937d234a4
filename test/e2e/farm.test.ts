/**
 * Running a farm (README): what can be checked of scripts/deploy/ without a container
 * runtime or a cluster. The Dockerfile's own repository-export line, environment, CMD and
 * HEALTHCHECK are read from the file and run here (with this test's paths and port), the
 * Kubernetes manifest is parsed and its probe command run against a live server, and two
 * servers sharing one read-only repository file serve the same packages over the OpenSSH
 * client while the file stays byte for byte what was exported.
 */

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parseAllDocuments } from 'yaml';
import { CLI, NO_OPENSSH, makeKey, removeDir, runCli, ssh, startServer, tmpDir } from './helpers.js';

const ROOT = join(CLI, '..', '..', '..');
const DOCKERFILE = readFileSync(join(ROOT, 'scripts/deploy/Dockerfile'), 'utf8');
const MANIFEST = readFileSync(join(ROOT, 'scripts/deploy/akuma-vm.yaml'), 'utf8');

/** Instructions with their continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; rest: string }[] {
  const joined = text.split('\n').filter((l) => !/^\s*#/.test(l)).join('\n').replace(/\\\n/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => ({ op: l.split(/\s+/)[0].toUpperCase(), rest: l.slice(l.split(/\s+/)[0].length).trim() }));
}

const steps = instructions(DOCKERFILE);
const exportLine = steps.find((s) => s.op === 'RUN' && / repo .* export /.test(s.rest))!.rest;
const env = Object.fromEntries(
  steps.filter((s) => s.op === 'ENV').flatMap((s) => [...s.rest.matchAll(/(\w+)=(\S+)/g)].map((m) => [m[1], m[2]])),
) as Record<string, string>;
const cmd = JSON.parse(steps.find((s) => s.op === 'CMD')!.rest) as string[];
const healthcheck = JSON.parse(steps.find((s) => s.op === 'HEALTHCHECK')!.rest.replace(/^.*?CMD\s+/, '')) as string[];
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
/** `node dist/server/cli.js ...` as the image runs it, with this test's node and port. */
const asHere = (argv: string[], port: number) => argv.slice(1).map((a) => (a === '2222' ? String(port) : a));

t.test('the Dockerfile: export the repository, serve it with the image\'s settings, pass its health check', { skip: NO_OPENSSH }, async (t) => {
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const shared = join(dir, 'srv');
  mkdirSync(shared);
  const repositoryFile = join(shared, 'repository.db');
  // The image's export line, with this test's directories for /tmp/akuma-build and /srv/akuma.
  const line = exportLine.replaceAll('/tmp/akuma-build', join(dir, 'build')).replaceAll('/srv/akuma', shared);
  const exported = spawnSync('sh', ['-c', line], { cwd: ROOT, encoding: 'utf8' });
  t.equal(exported.status, 0, `the export line runs in a plain shell (${exported.stderr.trim()})`);
  t.match(exported.stdout, /^Exported \d+ package versions \(.*\) to /, exported.stdout.trim());
  // Read-only as an image layer is: nothing may write it.
  chmodSync(repositoryFile, 0o444);
  chmodSync(shared, 0o555);
  t.teardown(() => chmodSync(shared, 0o755));
  const before = sha256(repositoryFile);

  const key = makeKey(dir, 'id_ed25519');
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(`${key}.pub`));
  t.same(cmd.slice(1), ['dist/server/cli.js', 'serve'], 'CMD is the server itself (node, not npm: signals reach it)');
  const imageEnv = (dataDir: string): NodeJS.ProcessEnv => ({
    ...env,
    AKUMA_HOST: '127.0.0.1',
    AKUMA_PORT: '0',
    AKUMA_DATA_DIR: dataDir,
    AKUMA_REPOSITORY: env.AKUMA_REPOSITORY.replace('/srv/akuma', shared),
    AKUMA_AUTHORIZED_KEYS: join(dir, 'authorized_keys'),
  });
  t.equal(env.AKUMA_REPOSITORY, '/srv/akuma/repository.db', 'the image serves the file its export line wrote');
  const a = await startServer({ dataDir: join(dir, 'a'), bare: true, env: imageEnv(join(dir, 'a', 'akuma')) });
  // The second as the manifest runs it: a machine per connection, over the same shared file.
  const [deployment, service] = parseAllDocuments(MANIFEST).map((d) => d.toJS() as Record<string, any>);
  const container = deployment.spec.template.spec.containers[0];
  const manifestEnv = Object.fromEntries((container.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
  t.equal(manifestEnv.AKUMA_MACHINES, 'per-session', 'the farm runs a machine per connection');
  const b = await startServer({ dataDir: join(dir, 'b'), bare: true, env: { ...imageEnv(join(dir, 'b', 'akuma')), ...manifestEnv } });
  t.teardown(async () => {
    await a.stop();
    await b.stop();
  });
  t.equal(a.logs.find((l) => l.msg.startsWith('akuma-vm ready'))?.repository, repositoryFile, 'the ready line names the shared repository');

  const health = spawnSync(process.execPath, asHere(healthcheck, a.port), { cwd: ROOT, encoding: 'utf8' });
  t.equal(health.status, 0, 'HEALTHCHECK passes against the running server');
  t.match(health.stdout, /^ok: 127\.0\.0\.1:\d+ SSH-2\.0-/, health.stdout.trim());
  t.equal(deployment.kind, 'Deployment');
  t.equal(service.kind, 'Service');
  t.same(container.ports.map((p: { containerPort: number }) => p.containerPort), [2222], 'the container listens on 2222');
  t.same(service.spec.ports.map((p: { port: number }) => p.port), [2222], 'the Service is on 2222');
  t.same(deployment.spec.selector.matchLabels, service.spec.selector, 'the Service selects the Deployment\'s pods');
  const probe = container.readinessProbe.exec.command as string[];
  t.same(probe, healthcheck, 'the readiness probe is the image\'s health check');
  const probed = spawnSync(process.execPath, asHere(probe, b.port), { cwd: ROOT, encoding: 'utf8' });
  t.equal(probed.status, 0, `the readiness probe passes against the second server (${probed.stderr.trim()})`);
  const down = spawnSync(process.execPath, [...asHere(healthcheck, 1)], { cwd: ROOT, encoding: 'utf8' });
  t.equal(down.status, 1, 'the health check fails where nothing listens');
  t.match(down.stderr, /^akuma-vm health: 127\.0\.0\.1:1: connection refused\n$/, down.stderr.trim());

  // Both servers offer the packages of the one file, and install from it.
  const list = (s: { port: number }) => ssh(s, dir, 'pkg search ""', { key });
  const [la, lb] = [await list(a), await list(b)];
  t.equal(la.code, 0, `pkg search on the first server (${la.stderr.trim()})`);
  t.ok(la.stdout.includes('stdcheck'), 'the shared file offers stdcheck');
  t.equal(lb.stdout, la.stdout, 'both servers offer the same packages');
  for (const s of [a, b]) {
    const r = await ssh(s, dir, 'pkg install stdcheck && stdcheck', { key, timeoutMs: 240_000 });
    t.equal(r.code, 0, `pkg install stdcheck && stdcheck on port ${s.port} (${r.stderr.trim().slice(-200)})`);
    t.match(r.stdout, /ALL PASSED/);
  }
  const fresh = await ssh(b, dir, 'pkg list', { key });
  t.notMatch(fresh.stdout, /stdcheck/, 'a per-session machine\'s install is gone with its connection');
  t.equal(sha256(repositoryFile), before, 'the shared file is unchanged after both installed from it');
});

t.test('serve --repository refuses what is not a repository with one line', async (t) => {
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const missing = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'd1'), '--repository', join(dir, 'nope.db')]);
  t.equal(missing.code, 1);
  t.equal(missing.stderr, `akuma-vm: --repository ${join(dir, 'nope.db')}: no such file\n`);
  writeFileSync(join(dir, 'text.db'), 'not a database at all, just some text that is long enough\n'.repeat(20));
  const text = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'd2'), '--repository', join(dir, 'text.db')]);
  t.equal(text.code, 1);
  t.match(text.stderr, /^akuma-vm: --repository .*text\.db: cannot read it as a repository: file is not a database\n$/);
  // SQLite, but not a catalogue.
  const other = join(dir, 'other.db');
  const db = new Database(other);
  db.exec('CREATE TABLE x (y)');
  db.close();
  const sqlite = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'd3'), '--repository', other]);
  t.equal(sqlite.code, 1);
  t.equal(sqlite.stderr, `akuma-vm: ${other}: not an akuma-vm repository (make one with akuma-vm repo export FILE)\n`);
});
