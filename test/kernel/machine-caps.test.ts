/**
 * A machine's own caps (serve --machine-nproc, --machine-nofile; kernel/limits.ts and
 * FdBudget in kernel/fs/filetable.ts): the tasks of all its users together, root's too,
 * stop at EAGAIN from fork/clone; the fds all its processes hold together stop at ENFILE
 * ("Too many open files in system"); each with one log line, and both counts come back as
 * processes end.
 */

import t from 'tap';
import { readFileSync } from 'node:fs';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { installUserland } from '../../packages/userland/install.js';
import { boot, ktBinary, sleep, type Booted } from './kernel-helpers.js';

function captureLogger() {
  const warnings: Array<{ o: Record<string, unknown>; msg: string }> = [];
  const logger = {
    warn: (o: Record<string, unknown>, msg: string) => void warnings.push({ o, msg }),
    info() {}, debug() {}, error() {}, trace() {}, fatal() {},
    child() {
      return logger;
    },
  };
  return { logger, warnings };
}

function startAs(b: Booted, uid: number, path: string, args: string[]) {
  if (!path.startsWith('/bin/sh') && !b.vfs.exists(`/bin/${path.split('/').pop()}`)) b.vfs.writeFile(`/bin/${path.split('/').pop()}`, readFileSync(path), { mode: 0o755 });
  const guest = path.startsWith('/bin/') ? path : `/bin/${path.split('/').pop()}`;
  let out = '';
  let err = '';
  const stdin = new HostInput();
  const proc = b.kernel.spawn(guest, [guest, ...args], ['PATH=/bin'], {
    cwd: '/', uid, gid: uid, stdin,
    stdout: new HostOutput((d) => void (out += Buffer.from(d).toString())),
    stderr: new HostOutput((d) => void (err += Buffer.from(d).toString())),
  });
  return { proc, stdin, stdout: () => out, stderr: () => err };
}

async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}

/** The fds the machine's processes hold, counted table by table (what the budget must agree with). */
function fdsHeld(b: Booted): number {
  const tables = new Set<{ count: number }>();
  for (const p of b.kernel.processes.values()) if (!p.exit) tables.add(p.files);
  let n = 0;
  for (const f of tables) n += f.count;
  return n;
}

t.test('--machine-nproc: fork fails with EAGAIN at the machine\'s task cap, for every uid and root, with one log line', async (t) => {
  const { logger, warnings } = captureLogger();
  const b = boot({ machineNproc: 12, logger: logger as never });
  const bomb = startAs(b, 1000, ktBinary('forkbomb'), []);
  await until(() => bomb.stdout().includes('then'));
  t.equal(bomb.stdout(), 'forkbomb: RLIMIT_NPROC 256\nforkbomb: 11 children, then EAGAIN\n', 'the machine\'s cap, not the uid\'s 256, stops it');
  t.equal(b.kernel.limits.machineTaskCount, 12);
  const root = startAs(b, 0, ktBinary('forkbomb'), []);
  await until(() => root.stdout().includes('then'));
  t.match(root.stdout(), /0 children, then EAGAIN/, 'root is not exempt from the machine\'s cap');
  const lines = warnings.filter((w) => w.msg.includes('--machine-nproc'));
  t.equal(lines.length, 1, 'one log line for the machine');
  t.match(lines[0]?.o, { machineNproc: 12, tasks: 12 });
  for (const s of [bomb, root]) s.stdin.end();
  await Promise.all([bomb.proc.exited, root.proc.exited]);
  t.equal(b.kernel.limits.machineTaskCount, 0, 'every task uncounted when it ended');
  b.kernel.shutdown();
  t.end();
});

t.test('--machine-nofile: a new fd fails with ENFILE at the machine\'s budget; the shell says "Pipe call failed"', async (t) => {
  const { logger, warnings } = captureLogger();
  const b = boot({ machineNofile: 64, logger: logger as never });
  installUserland(b.kernel, { hostname: 'akuma' });
  // Thirty stages hold three fds each: past 64 the shell's next pipe() is refused.
  // The stages sleep far longer than the test looks, so none ends (giving its fds back) early.
  const pipeline = Array.from({ length: 30 }, () => 'sleep 600').join(' | ');
  const sh = startAs(b, 1000, '/bin/sh', ['-c', `${pipeline}; echo not reached`]);
  sh.stdin.end();
  const e = await sh.proc.exited;
  t.equal(e.code, 2, 'an error of the shell itself, as in dash');
  t.match(sh.stderr(), /Pipe call failed/, sh.stderr().trim());
  t.notMatch(sh.stdout(), /not reached/);
  const budget = b.kernel.fdBudget!;
  t.equal(budget.open, fdsHeld(b), `the budget counts exactly the fds held (${budget.open})`);

  for (const p of [...b.kernel.processes.values()]) b.kernel.kill(p.pid, 9);
  await until(() => [...b.kernel.processes.values()].every((p) => p.exit));
  t.equal(budget.open, 0, 'every fd given back when its processes ended');
  const ok = startAs(b, 1000, '/bin/sh', ['-c', 'echo a | cat']);
  ok.stdin.end();
  t.equal((await ok.proc.exited).code, 0);
  t.equal(ok.stdout(), 'a\n', 'and the machine opens files again');
  t.equal(warnings.filter((w) => w.msg.includes('--machine-nofile')).length, 1, 'one log line for the machine');
  b.kernel.shutdown();
  t.end();
});
