/**
 * Memory between tenants, end to end (kernel/memory-admission.ts through `serve`): the real
 * server with a small guest RAM and the OpenSSH client. One user's hogs take memory until
 * the kernel refuses it (ENOMEM and one log line naming the user, never the OOM killer
 * taking another user's process) while another user's stdcheck passes; `--user-memory`
 * caps one user's memory outright; bad values are one line at start.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NO_OPENSSH, makeKey, removeDir, runCli, ssh, startServer, tmpDir, type ServerHandle } from './helpers.js';

const HOG = join(process.cwd(), 'packages', 'kernel-tests', 'bin', 'hog');

const dir = tmpDir();
t.teardown(() => removeDir(dir));

/** Installs stdcheck and copies the hog program in as `user`'s ~/hog. */
async function prepare(server: ServerHandle, user: string): Promise<void> {
  const install = await ssh(server, dir, 'pkg install stdcheck', { user, timeoutMs: 120_000 });
  if (install.code !== 0) throw new Error(`pkg install stdcheck: ${install.stderr}`);
  const put = await ssh(server, dir, 'cat > hog && chmod +x hog', { user, input: readFileSync(HOG) });
  if (put.code !== 0) throw new Error(`copying hog in: ${put.stderr}`);
}

t.test('one user hogging memory gets ENOMEM; another user\'s stdcheck still passes', { skip: NO_OPENSSH }, async (t) => {
  makeKey(dir, 'id_ed25519');
  const server = await startServer({ dataDir: join(dir, 'data1'), args: ['--ram', '64M'] });
  t.teardown(() => server.stop('SIGKILL'));
  await prepare(server, 'alice');
  const aliceUid = Number((await ssh(server, dir, 'id -u', { user: 'alice' })).stdout.trim());
  const bobUid = Number((await ssh(server, dir, 'id -u', { user: 'bob' })).stdout.trim());

  // Two hogs of alice take memory until refused, then hold it for 25 s.
  const hogs = [0, 1].map(() => ssh(server, dir, './hog 25000', { user: 'alice', timeoutMs: 120_000 }));
  const refused = await server.waitForLog((l) => l.msg.startsWith('memory refused (ENOMEM)') && l.uid === aliceUid, 60_000);
  t.equal(refused.cmd, `/home/alice/hog`, 'the log line names the program');
  t.equal(refused.call, 'mmap');
  t.match(String(refused.reason), /fair share/);
  t.ok(Number(refused.userCommitKb) > 40 * 1024, `alice had taken the idle RAM first (${refused.userCommitKb} KiB committed)`);

  // bob's stdcheck (several MiB of its own) passes beside alice's hogs.
  const bob = await ssh(server, dir, 'stdcheck', { user: 'bob', timeoutMs: 120_000 });
  t.equal(bob.code, 0, `bob's stdcheck passes: ${bob.stdout.slice(-120)}${bob.stderr}`);
  t.match(bob.stdout, /ALL PASSED/);

  const ends = await Promise.all(hogs);
  for (const h of ends) {
    // A hog holding memory bob needed may be ended by the OOM killer: alice's, not bob's.
    t.ok(h.code === 0 ? /hog: ENOMEM after \d+ MiB/.test(h.stdout) : /Out of memory/.test(h.stderr + h.stdout), `alice's hog: refused or killed itself (code ${h.code}): ${h.stdout}${h.stderr}`);
  }
  const kills = server.logs.filter((l) => l.msg.startsWith('out of memory: killed'));
  t.ok(kills.every((l) => l.uid === aliceUid), `every OOM kill (${kills.length}) took one of alice's processes`);
  t.notOk(server.logs.some((l) => l.msg.startsWith('memory refused') && l.uid === bobUid), 'bob was never refused memory');
});

t.test('--user-memory caps one user\'s memory; bad values are refused at start', { skip: NO_OPENSSH }, async (t) => {
  const server = await startServer({ dataDir: join(dir, 'data2'), args: ['--ram', '64M', '--user-memory', '16M'] });
  t.teardown(() => server.stop('SIGKILL'));
  const ready = server.logs.find((l) => l.msg.startsWith('akuma-vm ready'))!;
  t.equal(ready.userMemory, 16 << 20, 'the ready line states the cap');
  await prepare(server, 'carol');
  const hog = await ssh(server, dir, './hog', { user: 'carol' });
  t.equal(hog.code, 0, hog.stderr);
  const mib = Number(/ENOMEM after (\d+) MiB/.exec(hog.stdout)?.[1]);
  t.ok(mib > 0 && mib <= 16, `hog stopped by ENOMEM within the 16M cap: ${hog.stdout.trim()}`);
  const line = await server.waitForLog((l) => l.msg === 'memory refused (ENOMEM): user memory limit');
  t.equal(line.userLimitKb, 16 * 1024);
  const passes = await ssh(server, dir, 'stdcheck', { user: 'carol', timeoutMs: 120_000 });
  t.equal(passes.code, 0, 'the same user\'s stdcheck fits in its cap');

  const tooBig = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'data3'), '--ram', '64M', '--user-memory', '128M']);
  t.equal(tooBig.code, 1);
  t.equal(tooBig.stderr, 'akuma-vm: --user-memory 128M is more than the guest RAM (--ram 64M)\n');
  const bad = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'data3'), '--user-memory', 'lots']);
  t.equal(bad.code, 1);
  t.match(bad.stderr, /^akuma-vm: --user-memory 'lots': not allowed; expected fair, or a size/);
  const nproc = runCli(['serve', '--port', '0', '--data-dir', join(dir, 'data3'), '--user-nproc', '0']);
  t.equal(nproc.code, 1);
  t.match(nproc.stderr, /^akuma-vm: --user-nproc '0': not allowed/);
});
