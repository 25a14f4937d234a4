/**
 * Per-user limits (kernel/limits.ts, the run queue in kernel/scheduler.ts) with real guest
 * programs run under different uids, as SSH logins are: RLIMIT_NPROC stops one user's fork
 * bomb with EAGAIN while another user still starts processes; the CPU is shared per user
 * first (counted in guest instructions, not wall-clock time); one user's memory hogs meet
 * the per-user cap or the OOM killer, and another user's stdcheck still passes.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import type { Process } from '../../kernel/process.js';
import { installUserland } from '../../packages/userland/install.js';
import { Machine } from '../../machine/machine.js';
import { COUNTER_FREQUENCY } from '../../machine/cpu.js';
import { boot, ktBinary, pkgBinary, sleep, type Booted } from './kernel-helpers.js';

interface AsUser {
  proc: Process;
  stdin: HostInput;
  stdout: () => string;
  stderr: () => string;
}

/** Spawns a host ELF (copied into /bin), or a program already in /bin, as uid/gid `uid`. */
function startAs(b: Booted, uid: number, hostPath: string, args: string[] = []): AsUser {
  const guest = hostPath.startsWith('/bin/') ? hostPath : `/bin/${basename(hostPath)}`;
  if (!b.vfs.exists(guest)) b.vfs.writeFile(guest, readFileSync(hostPath), { mode: 0o755 });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = new HostInput();
  const proc = b.kernel.spawn(guest, [guest, ...args], [], {
    cwd: '/', uid, gid: uid, stdin,
    stdout: new HostOutput((d) => void out.push(Buffer.from(d))),
    stderr: new HostOutput((d) => void err.push(Buffer.from(d))),
  });
  return { proc, stdin, stdout: () => Buffer.concat(out).toString(), stderr: () => Buffer.concat(err).toString() };
}

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

t.test('a fork bomb stops at EAGAIN at its uid\'s RLIMIT_NPROC and another uid still starts processes', async (t) => {
  const warnings: unknown[] = [];
  const logger = { warn: (o: unknown) => void warnings.push(o), info() {}, debug() {}, error() {}, trace() {}, fatal() {}, child() { return logger; } };
  const b = boot({ nproc: 40, logger: logger as never });
  const bomb = startAs(b, 1000, ktBinary('forkbomb'));
  await until(() => bomb.stdout().includes('then'));
  // 40 tasks for uid 1000: the bomb itself and 39 children.
  t.equal(bomb.stdout(), 'forkbomb: RLIMIT_NPROC 40\nforkbomb: 39 children, then EAGAIN\n');
  t.equal(b.kernel.limits.taskCount(1000), 40);
  t.equal(warnings.filter((w) => (w as { uid?: number }).uid === 1000).length, 1, 'one log line when the uid hits its limit');

  // Another user is not affected: its fork bomb reaches its own limit, and forker passes.
  const other = startAs(b, 1001, ktBinary('forkbomb'), ['5']);
  await until(() => other.stdout().includes('then'));
  t.equal(other.stdout(), 'forkbomb: RLIMIT_NPROC 5\nforkbomb: 4 children, then EAGAIN\n', 'a lowered RLIMIT_NPROC (prlimit64) holds for that process');
  const forker = startAs(b, 1002, ktBinary('forker'));
  forker.stdin.end();
  const fe = await forker.proc.exited;
  t.equal(fe.code, 0);
  t.match(forker.stdout(), /first child: exited 7\n/);

  // The shell's commands (its spawn is fork + exec) meet the same limit, for that uid only.
  installUserland(b.kernel, { hostname: 'akuma' });
  const shAt = startAs(b, 1000, '/bin/sh', ['-c', '/bin/forker']);
  shAt.stdin.end();
  const she = await shAt.proc.exited;
  t.not(she.code, 0, 'uid 1000\'s shell cannot start a command at the limit');
  // dash's words for a fork the kernel refused (test/userland/fork-failure compares them with dash).
  t.match(shAt.stderr(), /^\/bin\/sh: \d+: Cannot fork$/m, shAt.stderr().trim());
  const shOther = startAs(b, 1002, '/bin/sh', ['-c', '/bin/forker']);
  shOther.stdin.end();
  t.equal((await shOther.proc.exited).code, 0, 'uid 1002\'s shell runs forker');
  t.match(shOther.stdout(), /first child: exited 7\n/);

  for (const s of [bomb, other]) s.stdin.end();
  await Promise.all([bomb.proc.exited, other.proc.exited]);
  t.match(bomb.stdout(), /reaped 39\n$/);
  t.match(other.stdout(), /reaped 4\n$/);
  await until(() => b.kernel.limits.taskCount(1000) === 0);
  t.equal(b.kernel.limits.taskCount(1001), 0, 'every task uncounted when it ended');

  // Root is exempt, as in Linux (CAP_SYS_RESOURCE).
  const root = startAs(b, 0, ktBinary('forkbomb'), ['3']);
  await sleep(300);
  b.kernel.kill(root.proc.pid, 9);
  t.notMatch(root.stdout(), /then EAGAIN/, 'root forks past RLIMIT_NPROC');
  await root.proc.exited;
  for (const p of [...b.kernel.processes.values()]) b.kernel.kill(p.pid, 9);
  t.end();
});

t.test('the CPU is shared per uid first: one uid\'s 20 spinners get the share one spinner of another uid gets', async (t) => {
  // The deterministic timer (CNTVCT counts instructions): every turn is exactly one slice of
  // instructions, so the shares are exact whatever the host's load.
  const sliceMs = 2;
  const slice = (sliceMs * COUNTER_FREQUENCY) / 1000;
  const b = boot({ machine: new Machine({ ramSize: 64 * 1024 * 1024, deterministic: true }), sliceMs, tickMs: 20 });
  const many = Array.from({ length: 20 }, () => startAs(b, 1000, ktBinary('spin')));
  const one = startAs(b, 1001, ktBinary('spin'));
  await until(() => one.proc.instructions > 0 && many.every((s) => s.proc.instructions > 0));
  const before = { many: many.reduce((n, s) => n + s.proc.instructions, 0), one: one.proc.instructions };
  await until(() => one.proc.instructions - before.one > 100 * slice, 120_000);
  const many1 = many.reduce((n, s) => n + s.proc.instructions, 0) - before.many;
  const one1 = one.proc.instructions - before.one;
  // Per process it would be 1/21 (under 5%); per user the two uids alternate turns of one slice.
  t.ok(Math.abs(one1 - many1) <= 2 * slice, `uid 1001's one spinner ran ${one1} instructions, uid 1000's 20 spinners ${many1} together (slice ${slice})`);
  for (const s of [...many, one]) b.kernel.kill(s.proc.pid, 9);
  await Promise.all([...many, one].map((s) => s.proc.exited));
  t.end();
});

t.test('one uid\'s memory hogs stop at the per-user cap; another uid\'s stdcheck passes', async (t) => {
  const stdcheck = pkgBinary('stdcheck');
  const b = boot({ ramSize: 64 << 20, userMemoryLimit: 32 << 20 });
  const hogs = [startAs(b, 1000, ktBinary('hog'), ['60000']), startAs(b, 1000, ktBinary('hog'), ['60000'])];
  await until(() => hogs.every((h) => h.stdout().includes('after')));
  const mibs = hogs.map((h) => Number(/after (\d+) MiB/.exec(h.stdout())![1]));
  t.ok(mibs.every((m) => m > 0), `both hogs got memory (${mibs.join(' + ')} MiB)`);
  t.ok(mibs[0]! + mibs[1]! <= 32, 'together within the 32 MiB per-user cap');
  t.match(hogs[0]!.stdout(), /hog: ENOMEM after/, 'ENOMEM, as the per-process limit answers');
  if (!stdcheck) t.pass('skip: packages/bin/stdcheck not built');
  else {
    const s = startAs(b, 1001, stdcheck);
    s.stdin.end();
    const e = await s.proc.exited;
    t.equal(e.code, 0, `uid 1001's stdcheck passes: ${s.stdout().slice(-200)}`);
  }
  for (const h of hogs) b.kernel.kill(h.proc.pid, 9);
  await Promise.all(hogs.map((h) => h.proc.exited));
  t.end();
});

t.test('out of RAM, the OOM killer picks the largest process of the uid most over its share', async (t) => {
  const stdcheck = pkgBinary('stdcheck');
  // No per-user cap: uid 1000's hogs may fill the RAM; the OOM killer must pick among them.
  const kills: Array<{ uid?: number; for?: number }> = [];
  const logger = { warn: (o: { uid?: number; for?: number }) => void kills.push(o), info() {}, debug() {}, error() {}, trace() {}, fatal() {}, child() { return logger; } };
  const b = boot({ ramSize: 64 << 20, userMemoryLimit: 64 << 20, processMemoryLimit: 40 << 20, logger: logger as never });
  const hogs = [startAs(b, 1000, ktBinary('hog'), ['60000']), startAs(b, 1000, ktBinary('hog'), ['60000'])];
  await until(() => hogs.every((h) => h.stdout().includes('after') || h.proc.exit !== null));
  const killed = hogs.filter((h) => h.stderr().includes('Out of memory'));
  t.ok(b.kernel.pmm.freePages * 4096 < 24 << 20, `RAM nearly exhausted by uid 1000 (${b.kernel.pmm.freePages * 4} KiB free)`);
  const killedBefore = killed.length;
  // uid 1001 now takes 16 MiB: the pages it faults in come from uid 1000, the user most over
  // its share (32 MiB of 64), even while uid 1001's hog is larger than one of uid 1000's.
  const small = startAs(b, 1001, ktBinary('hog'), ['0', '16']);
  const se = await small.proc.exited;
  t.equal(se.signal, null, `uid 1001's hog was not the OOM victim`);
  t.equal(small.stdout(), 'hog: stopped at 16 MiB\n');
  const victims = hogs.filter((h) => h.stderr().includes('Out of memory'));
  const forSmall = kills.filter((k) => k.for === small.proc.pid);
  t.ok(forSmall.length >= 1 && forSmall.every((k) => k.uid === 1000), `uid 1001's faults were served by killing uid 1000's processes (${forSmall.length})`);
  t.ok(victims.length > killedBefore, `the OOM killer ended ${victims.length} of uid 1000's hogs`);
  for (const v of victims) t.equal(v.proc.exit?.signal, 9);
  if (!stdcheck) t.pass('skip: packages/bin/stdcheck not built');
  else {
    const s = startAs(b, 1001, stdcheck);
    s.stdin.end();
    const e = await s.proc.exited;
    t.equal(e.code, 0, `uid 1001's stdcheck passes: ${s.stdout().slice(-200)}`);
  }
  for (const h of hogs) if (!h.proc.exit) b.kernel.kill(h.proc.pid, 9);
  await Promise.all(hogs.map((h) => h.proc.exited));
  t.end();
});

t.test('per-user counts follow setuid: tasks and memory move to the new uid; an exec over its RLIMIT_NPROC fails with EAGAIN', async (t) => {
  const b = boot({ ramSize: 128 << 20, nproc: 40 });
  // Root forks 10 children that become uid 1000, and becomes uid 1000 itself (as a login program does).
  const login = startAs(b, 0, ktBinary('setuid-hold'), ['1000', '10', '0']);
  await until(() => login.stdout().includes('ready') && b.kernel.limits.taskCount(1000) === 11);
  t.equal(b.kernel.limits.taskCount(0), 0, 'nothing left counted to root');
  t.equal(b.kernel.limits.uidOf(login.proc), 1000);
  // uid 1000's own fork bomb has what is left of its 40 tasks.
  const bomb = startAs(b, 1000, ktBinary('forkbomb'));
  await until(() => bomb.stdout().includes('then'));
  t.equal(bomb.stdout(), 'forkbomb: RLIMIT_NPROC 40\nforkbomb: 28 children, then EAGAIN\n', '11 + the bomb + 28 children = 40');
  bomb.stdin.end();
  login.stdin.end();
  await Promise.all([bomb.proc.exited, login.proc.exited]);
  await until(() => b.kernel.limits.taskCount(1000) === 0);
  t.pass('every moved task uncounted from uid 1000 when it ended');

  // Memory: 16 MiB taken as root count to uid 1000 after setuid, against its 24 MiB cap.
  const m = boot({ ramSize: 64 << 20, userMemoryLimit: 24 << 20 });
  const holder = startAs(m, 0, ktBinary('setuid-hold'), ['1000', '0', '16']);
  await until(() => holder.stdout().includes('ready'));
  t.ok(m.kernel.admission.decide(1000, 0).userCommit >= 16 << 20, 'its 16 MiB count to uid 1000');
  const hog = startAs(m, 1000, ktBinary('hog'));
  t.equal((await hog.proc.exited).code, 0);
  const mib = Number(/ENOMEM after (\d+) MiB/.exec(hog.stdout())?.[1]);
  t.ok(mib > 0 && mib <= 8, `uid 1000's hog got the 24 MiB cap less what moved with setuid (${mib} MiB)`);
  holder.stdin.end();
  t.equal((await holder.proc.exited).code, 0);

  // Linux 3.1+: setuid into a uid over RLIMIT_NPROC succeeds, the next execve fails with EAGAIN.
  const tight = boot({ nproc: 5 });
  const over = startAs(tight, 0, ktBinary('setuid-hold'), ['1000', '5', '0', '/bin/setuid-hold']);
  await until(() => over.stdout().includes('execve'));
  t.equal(over.stdout(), 'setuid-hold: ready\nsetuid-hold: execve -11\n', 'uid 1000 holds 6 tasks of 5: execve is EAGAIN');
  over.stdin.end();
  t.equal((await over.proc.exited).code, 0);
  t.end();
});
