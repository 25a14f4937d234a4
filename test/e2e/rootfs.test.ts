/**
 * `serve --rootfs DIR` end to end over the OpenSSH client: the machine's root is Debian's
 * arm64 tree that .ci/run extracts (.cache/debian-arm64) under the data directory's disk.
 * `ls /` shows DIR's root, Debian's own dynamically linked bash runs, files written over
 * SSH survive a restart, and DIR is byte for byte unchanged (a hash before and after).
 * A --rootfs that is not a directory or not arm64 is refused with one line.
 */

import t from 'tap';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, NO_OPENSSH, makeKey, removeDir, runCli, ssh, startServer, tmpDir } from './helpers.js';

const ROOTFS = join(CLI, '..', '..', '..', '.cache', 'debian-arm64');

/** A hash of every path, mode, size, link target and file byte under dir. */
function treeHash(dir: string): string {
  const h = createHash('sha256');
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      h.update(`${p}:${st.mode}:${st.size}:${st.mtimeMs}\n`);
      if (st.isSymbolicLink()) h.update(readlinkSync(p));
      else if (st.isDirectory()) walk(p);
      else if (st.isFile()) h.update(readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/**
 * What the Debian tests need: the OpenSSH client and .cache/debian-arm64 (else one skip
 * line and null), then a temporary directory, removed at the end, holding a client key.
 */
function sshWorkDir(t: { pass(message: string): void; teardown(fn: () => void): void }): string | null {
  if (NO_OPENSSH) {
    t.pass(`skip: ${NO_OPENSSH}`);
    return null;
  }
  if (!existsSync(join(ROOTFS, 'lib/ld-linux-aarch64.so.1')) || !existsSync(join(ROOTFS, 'bin/bash'))) {
    t.pass('skip: .cache/debian-arm64 has no arm64 root file system (run .ci/run to fetch it)');
    return null;
  }
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  makeKey(dir, 'id_ed25519');
  return dir;
}

t.test('a bad --rootfs is one line, before anything starts', async (t) => {
  const dir = tmpDir();
  t.teardown(() => removeDir(dir));
  const notDir = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'data'), '--rootfs', join(dir, 'missing')]);
  t.equal(notDir.code, 1);
  t.equal(notDir.stderr, `akuma-vm: --rootfs ${join(dir, 'missing')}: no such directory\n`);
  const notArm = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'data'), '--rootfs', dir]);
  t.equal(notArm.code, 1);
  t.match(notArm.stderr, /^akuma-vm: --rootfs .*: not an arm64 root file system \(checked lib\/ld-linux-aarch64\.so\.1: missing; bin\/sh: missing\)\n$/);
  t.end();
});

t.test('serve --rootfs: Debian over ssh, changes persist, the root file system is untouched', async (t) => {
  const dir = sshWorkDir(t);
  if (!dir) return t.end();
  const dataDir = join(dir, 'data');
  const before = treeHash(ROOTFS);
  const args = ['--rootfs', ROOTFS];

  const first = await startServer({ dataDir, args });
  try {
    const visible = readdirSync(ROOTFS).filter((n) => !n.startsWith('.'));
    const count = new Set([...visible, 'dev', 'proc', 'tmp']).size;
    const ls = await ssh(first, dir, 'ls / | wc -l', { user: 'root' });
    t.equal(ls.stdout.trim(), String(count), `ls / shows the root file system's ${count} entries`);
    const bash = await ssh(first, dir, `bash -c 'a=(x y z); echo "\${#a[@]} $(echo sub | tr a-z A-Z)"'`, { user: 'root' });
    t.equal(bash.stdout, '3 SUB\n', "Debian's bash (dynamically linked) runs");
    // A login name the root file system has no /etc/passwd entry for becomes an account whose
    // shell is the system's (this tree has bash and no /bin/sh), not the embedded shell.
    const newcomer = await ssh(first, dir, 'echo "$0 $SHELL $BASH_VERSION" | cut -c1-16; grep ^newcomer: /etc/passwd | cut -d: -f7', { user: 'newcomer' });
    t.equal(newcomer.stdout, 'bash /bin/bash 5\n/bin/bash\n', `a new user gets the system's shell (${JSON.stringify(newcomer.stdout + newcomer.stderr)})`);
    const write = await ssh(first, dir, 'echo kept > /root/note.txt && mkdir -p /srv/data && echo more > /srv/data/f && rm /etc/debian_version && cat /root/note.txt', { user: 'root' });
    t.equal(write.stdout, 'kept\n', 'a file written over ssh');
    t.equal(write.code, 0);
    const pkg = await ssh(first, dir, 'pkg install crash', { user: 'root' });
    t.match(pkg.stdout, /Installed crash/, 'pkg install writes into the root file system (the upper layer)');
  } finally {
    await first.stop();
  }
  t.equal(treeHash(ROOTFS), before, 'the root file system directory is unchanged');

  const second = await startServer({ dataDir, args });
  try {
    const again = await ssh(second, dir, 'cat /root/note.txt /srv/data/f; ls /etc/debian_version', { user: 'root' });
    t.equal(again.stdout, 'kept\nmore\n', 'the files written before the restart are there');
    const installed = await ssh(second, dir, 'pkg list', { user: 'root' });
    t.match(installed.stdout, /crash/, 'the installed package is still installed');
    t.equal((await ssh(second, dir, 'ls /bin/crash', { user: 'root' })).stdout, '/bin/crash\n', 'and its file is there');
    t.match(again.stderr, /debian_version/, 'the deleted file stays deleted');
  } finally {
    await second.stop();
  }
  t.equal(treeHash(ROOTFS), before, 'still unchanged after the restart');
  t.end();
});

t.test("serve --rootfs: the login shell is the guest's own from /etc/passwd (bash), started as sshd starts it", async (t) => {
  const dir = sshWorkDir(t);
  if (!dir) return t.end();
  // The extracted packages have no /etc/passwd (base-passwd's maintainer script writes it):
  // a copy of the tree (hard links) with root's entry as Debian's has it.
  const root = join(dir, 'rootfs');
  execFileSync('cp', ['-al', ROOTFS, root]);
  writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(join(root, 'etc/group'), 'root:x:0:\n');
  const server = await startServer({ dataDir: join(dir, 'data'), args: ['--rootfs', root] });
  try {
    // sshd: `ssh host CMD` is `$SHELL -c CMD`, argv[0] the shell's name, not a login shell.
    const c = await ssh(server, dir, 'echo "$0 $SHELL"; shopt -q login_shell && echo login || echo not-login; a=(1 2 3); echo ${#a[@]}', { user: 'root' });
    t.equal(c.stdout, 'bash /bin/bash\nnot-login\n3\n', 'bash -c, as sshd runs a command');
    const status = await ssh(server, dir, 'exit 7', { user: 'root' });
    t.equal(status.code, 7, "the shell's exit status is the session's");
    const pkg = await ssh(server, dir, 'pkg list >/dev/null && echo pkg-ok', { user: 'root' });
    t.equal(pkg.stdout, 'pkg-ok\n', 'pkg is a program under bash');
    // With a pty: a login shell ("-bash") on the terminal, with job control.
    const login = await ssh(server, dir, null, { user: 'root', extra: ['-tt'], input: 'echo "[$0]"; shopt -q login_shell && echo "[login]"; sleep 30 &\njobs\nkill %1; exit 3\n' });
    t.match(login.stdout, /\[-bash\]/, 'argv[0] is -bash');
    t.match(login.stdout, /\[login\]/, 'a login shell');
    t.match(login.stdout, /\[1\]\+ +Running +sleep 30 &/, "bash's own job control");
    t.equal(login.code, 3, 'logout status');
    // Debian's tty(1) names the terminal through ttyname(3): readlink /proc/self/fd/0, then
    // stat of /dev/pts/N must be the same device; without a pty it says "not a tty", status 1.
    const onPty = await ssh(server, dir, '/usr/bin/tty; ls -l "$(/usr/bin/tty)" | cut -c1-10', { user: 'root', extra: ['-tt'] });
    t.match(onPty.stdout, /^\/dev\/pts\/\d+\r?\ncrw--w----\r?\n$/, `tty on a pty names it (${JSON.stringify(onPty.stdout)})`);
    const noPty = await ssh(server, dir, '/usr/bin/tty', { user: 'root' });
    t.same([noPty.stdout, noPty.code], ['not a tty\n', 1], 'tty without one');
  } finally {
    await server.stop();
  }
  t.end();
});
