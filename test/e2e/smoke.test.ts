/**
 * scripts/smoke.sh as a CI job uses it: --put uploads the user's own program with scp, the
 * command runs over ssh, the script exits with the command's status and prints the server
 * log when it fails.
 */

import t from 'tap';
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CLI, NO_OPENSSH, PACKAGES_BIN, removeDir, tmpDir } from './helpers.js';

const ROOT = join(dirname(CLI), '..', '..');
const SMOKE = join(ROOT, 'scripts', 'smoke.sh');
const dir = tmpDir();
t.teardown(() => removeDir(dir));

function smoke(args: string[], cwd = dir) {
  const r = spawnSync('bash', [SMOKE, ...args], { cwd, encoding: 'utf8', timeout: 240_000, env: { ...process.env, AKUMA_SMOKE_TIMEOUT: '120' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

t.test('smoke.sh --put runs the user\'s own program and returns its status', { skip: NO_OPENSSH }, async (t) => {
  copyFileSync(join(PACKAGES_BIN, 'echo'), join(dir, 'mytest'));
  copyFileSync(join(PACKAGES_BIN, 'false'), join(dir, 'failing'));
  let r = smoke(['--put', './mytest:/tmp/mytest', '/tmp/mytest --ci']);
  t.equal(r.code, 0, `status 0: ${r.stderr.slice(-300)}`);
  t.equal(r.stdout, '--ci\n', 'the uploaded program ran with its arguments (a relative LOCAL is the caller\'s)');
  t.match(r.stderr, /smoke: uploaded .*mytest to \/tmp\/mytest/);
  r = smoke(['--put', `${join(dir, 'failing')}:/tmp/failing`, '/tmp/failing']);
  t.equal(r.code, 1, 'the command\'s status comes back');
  t.match(r.stderr, /smoke: the command failed; server log:\n[\s\S]*akuma-vm ready/, 'and the server log is printed');
  r = smoke(['--bogus']);
  t.equal(r.code, 2);
  t.match(r.stderr, /^smoke: unknown option: --bogus\nusage: scripts\/smoke.sh/);
  r = smoke(['--put', './missing:/tmp/x', 'true']);
  t.equal(r.code, 2);
  t.match(r.stderr, /--put \.\/missing:\/tmp\/x: no such file/);
});
