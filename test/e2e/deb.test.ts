/**
 * Debian packages end to end: `repo import` of the real arm64 .debs that .ci/run fetches
 * (.cache/debs), then over SSH `pkg install sed` pulls libc6 and the rest, and the
 * installed, dynamically linked /bin/sed runs on the embedded system through the loader
 * and libc it just installed; its output is compared with qemu-aarch64 -L on the same
 * files extracted by dpkg-deb. `pkg remove sed` takes /bin/sed away again. Debian's
 * python3.11 installed the same way runs too.
 */

import t from 'tap';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, execOnce, removeDir, runCli, startServer, tmpDir } from './helpers.js';

const DEBS = join(CLI, '..', '..', '..', '.cache', 'debs');
const CHAIN = ['sed', 'libc6', 'libgcc-s1', 'gcc-12-base', 'libacl1', 'libselinux1', 'libpcre2-8-0'];

t.test('pkg install sed from imported .debs, and the installed sed runs', async (t) => {
  const names = existsSync(DEBS) ? readdirSync(DEBS) : [];
  const files = CHAIN.map((p) => names.find((n) => n.startsWith(`${p}_`)));
  if (files.some((f) => !f)) {
    t.pass('skip: .cache/debs lacks sed and its dependencies (fetched by .ci/run)');
    return t.end();
  }
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const data = join(dir, 'data');
  const imported = runCli(['repo', 'import', '--data-dir', data, ...files.map((f) => join(DEBS, f!))], 120_000);
  t.equal(imported.code, 0, imported.stderr);

  const server = await startServer({ dataDir: data });
  t.teardown(() => server.stop());
  const run = (cmd: string) => execOnce(server.port, cmd);
  let r = await run('pkg install sed');
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /^Installed libc6 2\.36-9\+deb12u\d+ \(Debian package; maintainer scripts not run\)$/m);
  t.match(r.stdout, /^Installed sed 4\.9-1\+deb12u1 /m);

  r = await run("/bin/sed --version | head -1; echo hello world | /bin/sed -E 's/(o+)/[\\1]/g'");
  // The same files under qemu-aarch64 -L, extracted by dpkg-deb.
  const tree = join(dir, 'tree');
  mkdirSync(tree);
  for (const f of files) spawnSync('dpkg-deb', ['-x', join(DEBS, f!), tree]);
  const qemu = spawnSync('sh', ['-c', `${'qemu-aarch64'} -L ${tree} ${tree}/bin/sed --version | head -1; echo hello world | qemu-aarch64 -L ${tree} ${tree}/bin/sed -E 's/(o+)/[\\1]/g'`], { encoding: 'utf8' });
  if (qemu.error || qemu.status !== 0) t.pass('skip qemu comparison: qemu-aarch64 or dpkg-deb missing');
  // sed names itself by argv[0]: the tree's path under qemu, /bin/sed in the guest.
  else t.equal(r.stdout, qemu.stdout.split(`${tree}/bin/sed`).join('/bin/sed'), 'the same output as qemu-aarch64 -L');
  t.match(r.stdout, /^\/bin\/sed \(GNU sed\) 4\.9\nhell\[o\] w\[o\]rld\n$/);

  // Debian's /bin/sed had replaced the embedded system's; removing the package puts that one back.
  r = await run('pkg files sed | grep -c /usr/share/locale/; pkg remove sed; ls /usr/share/locale/de/LC_MESSAGES/sed.mo; echo a-b | sed s/-/+/');
  t.match(r.stdout, /^\d+\nRemoved sed 4\.9-1\+deb12u1 \(\d+ paths\)\nRestored the base system's \/bin\/sed\na\+b\n$/);
  t.match(r.stderr, /sed\.mo/, "the package's other files are gone");
  t.end();
});

t.test("pkg install python3.11-minimal, and Debian's python runs on the embedded system", async (t) => {
  const names = existsSync(DEBS) ? readdirSync(DEBS) : [];
  const wanted = ['python3.11-minimal', 'libpython3.11-minimal', 'libexpat1', 'zlib1g', 'libssl3', 'libc6', 'libgcc-s1', 'gcc-12-base'];
  const files = wanted.map((p) => names.find((n) => n.startsWith(`${p}_`)));
  if (files.some((f) => !f)) {
    t.pass('skip: .cache/debs lacks python3.11-minimal and its dependencies (fetched by .ci/run)');
    return t.end();
  }
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const data = join(dir, 'data');
  t.equal(runCli(['repo', 'import', '--data-dir', data, ...files.map((f) => join(DEBS, f!))], 120_000).code, 0);
  const server = await startServer({ dataDir: data });
  t.teardown(() => server.stop());
  const r = await execOnce(server.port, "pkg install -q python3.11-minimal && /usr/bin/python3.11 -c 'import sys; print(6*7, sys.version.split()[0])'");
  t.equal(r.stderr, '');
  t.equal(r.stdout, '42 3.11.2\n');
  const tree = join(dir, 'tree');
  mkdirSync(tree);
  for (const f of files) spawnSync('dpkg-deb', ['-x', join(DEBS, f!), tree]);
  const qemu = spawnSync('qemu-aarch64', ['-L', tree, join(tree, 'usr/bin/python3.11'), '-c', 'import sys; print(6*7, sys.version.split()[0])'], { encoding: 'utf8' });
  if (qemu.error || qemu.status !== 0) t.pass('skip qemu comparison: qemu-aarch64 or dpkg-deb missing');
  else t.equal(r.stdout, qemu.stdout, 'the same output as qemu-aarch64 -L');
  t.end();
});

t.test('pkg install bash grep: Debian programs over the embedded ones, kept across a restart, the embedded ones back on remove', async (t) => {
  const names = existsSync(DEBS) ? readdirSync(DEBS) : [];
  // bash needs debianutils and base-files (which pre-depends on awk: mawk), grep dpkg | install-info.
  const wanted = ['bash', 'grep', 'base-files', 'debianutils', 'mawk', 'install-info', 'libtinfo6', 'libpcre2-8-0', 'libc6', 'libgcc-s1', 'gcc-12-base'];
  const files = wanted.map((p) => names.find((n) => n.startsWith(`${p}_`)));
  if (files.some((f) => !f)) {
    t.pass(`skip: .cache/debs lacks ${wanted.filter((_, i) => !files[i]).join(', ')} (fetched by .ci/run)`);
    return t.end();
  }
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const data = join(dir, 'data');
  t.equal(runCli(['repo', 'import', '--data-dir', data, ...files.map((f) => join(DEBS, f!))], 120_000).code, 0);
  const script = 'a=(x y z); f() { echo "$# args"; }; f 1 2; echo ${#a[@]} $(printf "one\\ntwo\\nthree\\n" | grep -c -E "o$|^t")';
  let server = await startServer({ dataDir: data });
  try {
    let r = await execOnce(server.port, 'pkg install bash grep');
    t.equal(r.code, 0, r.stderr);
    t.match(r.stdout, /^Installed debianutils .*\n(.*\n)*Installed bash 5\.2\.15-2\+b13 /m, 'bash with debianutils');
    t.match(r.stdout, /^Installed install-info .*\n(.*\n)*Installed grep 3\.8-5 /m, "grep with install-info for dpkg | install-info");
    r = await execOnce(server.port, `/bin/bash -c '${script}'`);
    const tree = join(dir, 'tree');
    mkdirSync(tree);
    for (const f of files) spawnSync('dpkg-deb', ['-x', join(DEBS, f!), tree]);
    const qemu = spawnSync('qemu-aarch64', ['-L', tree, join(tree, 'bin/bash'), '-c', script], { encoding: 'utf8', env: { PATH: '/bin:/usr/bin' } });
    if (qemu.error || qemu.status !== 0) t.pass('skip qemu comparison: qemu-aarch64 or dpkg-deb missing');
    else t.equal(r.stdout, qemu.stdout, "Debian's bash and grep: the same output as under qemu-aarch64 -L");
    t.equal(r.stdout, '2 args\n3 2\n');
  } finally {
    await server.stop();
  }
  server = await startServer({ dataDir: data });
  try {
    let r = await execOnce(server.port, 'grep --version | head -1');
    t.equal(r.stdout, 'grep (GNU grep) 3.8\n', "after a restart /bin/grep is still Debian's, not the embedded one");
    r = await execOnce(server.port, 'pkg remove grep; echo abc | grep -c b; grep --version 2>&1 | head -1');
    t.match(r.stdout, /^Removed grep 3\.8-5 \(\d+ paths\)\nRestored the base system's \/bin\/egrep \/bin\/fgrep \/bin\/grep\n1\n/, 'the embedded grep is back');
    t.notMatch(r.stdout, /GNU grep/, 'and it is not GNU grep');
  } finally {
    await server.stop();
  }
  t.end();
});
