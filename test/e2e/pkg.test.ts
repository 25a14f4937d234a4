/**
 * The pkg client's flags and messages over SSH: -y/--yes/-q accepted, an unknown version
 * names the versions that exist, versions ordered by semver (rc.10 after rc.9), removing a
 * base program asks for --force, an unknown option is named.
 */

import t from 'tap';
import { join } from 'node:path';
import { PACKAGES_BIN, execOnce, removeDir, runCli, startServer, tmpDir } from './helpers.js';

const dir = tmpDir();
t.teardown(() => removeDir(dir));

t.test('pkg flags and messages', async (t) => {
  const data = join(dir, 'data');
  for (const v of ['1.0.0-rc.9', '1.0.0-rc.10', '0.9.0']) {
    const r = runCli(['repo', 'add', join(PACKAGES_BIN, 'hello'), '--name', 'mine', '--version', v, '--data-dir', data]);
    t.equal(r.code, 0, `published mine ${v}: ${r.stderr}`);
  }
  const server = await startServer({ dataDir: data });
  t.teardown(() => server.stop());
  const run = (cmd: string) => execOnce(server.port, cmd);

  let r = await run('pkg install -y crash');
  t.equal(r.code, 0, '-y is accepted');
  t.match(r.stdout, /^Installed crash /);
  r = await run('pkg --yes -q install mine');
  t.equal(r.code, 0);
  t.equal(r.stdout, '', '-q prints nothing on success');
  t.match((await run('pkg list')).stdout, /^mine\s+1\.0\.0-rc\.10\s/m, 'the newest by semver: rc.10 after rc.9');
  r = await run('pkg install stdcheck@9.9');
  t.equal(r.code, 1);
  t.match(r.stderr, /^pkg: stdcheck has no version 9\.9; versions: \d+\.\d+\.\d+/, 'an unknown version lists those that exist');
  r = await run('pkg install nosuchthing');
  t.equal(r.stderr, "pkg: package 'nosuchthing' not found\n");
  r = await run('pkg remove ls');
  t.equal(r.code, 1, 'removing a base program is refused');
  t.match(r.stderr, /^pkg: ls is part of the base system .*pkg remove --force ls/);
  t.equal((await run('ls / > /dev/null; echo $?')).stdout, '0\n', 'ls is still there');
  r = await run('pkg remove --force ls');
  t.equal(r.code, 0, 'with --force it goes');
  t.match(r.stdout, /^Removed ls /);
  r = await run('pkg install -x crash');
  t.equal(r.code, 1);
  t.match(r.stderr, /^pkg: unknown option -x\nusage: pkg/);
});
