/**
 * A fork the process limit refuses (RLIMIT_NPROC, `ulimit -p 1`): the machine's /bin/sh says
 * "sh: LINE: Cannot fork" and exits 2, as dash does, for every place a shell forks (programs,
 * pipelines, `&` jobs, subshells, command substitution). Each script also runs in Debian's
 * dash on the host as an unprivileged user (root ignores RLIMIT_NPROC), stdout, stderr and
 * status compared. ENOMEM, which the host cannot be made to give on demand, is injected at the
 * kernel's fork and must read the same (dash's message does not depend on errno).
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { DASH } from './shell-corpus/compare.js';
import { bootMachine, runSh } from './run-sh.js';
import { Errno, SyscallError } from '../../kernel/errno.js';

const SCRIPTS = [
  'ulimit -p 1; /bin/true; echo st=$?',
  'ulimit -p 1\necho a\n/bin/true\necho not here',
  'ulimit -p 1\necho a | cat',
  'ulimit -p 1\necho a &\necho after',
  'ulimit -p 1; true & echo after',
  'ulimit -p 1\n\n(echo sub); echo st=$?',
  'ulimit -p 1\nx=$(echo hi); echo x=$x',
  'ulimit -p 1\nf() {\n  echo x | cat\n}\nf',
  'ulimit -p 1; { /bin/true; }; echo $?',
];

/** dash as `sh` (its messages then begin "sh:"), under an unprivileged uid when we are root. */
function runInDashUnprivileged(script: string): { stdout: string; stderr: string; status: number } | null {
  const root = process.getuid?.() === 0;
  const cmd = root ? '/usr/bin/setpriv' : DASH;
  if (root && !existsSync(cmd)) return null;
  const args = root ? ['--reuid=65534', '--regid=65534', '--clear-groups', DASH, '-c', script, 'sh'] : ['-c', script];
  // argv0 "sh" so dash names itself as ours does; setpriv execs dash with argv[0] = DASH, so the name is rewritten below.
  const r = spawnSync(cmd, args, { cwd: '/', env: { PATH: '/usr/bin:/bin' }, encoding: 'utf8', timeout: 20000, argv0: 'sh' });
  return { stdout: r.stdout, stderr: r.stderr.replace(/^(?:\/usr\/bin\/)?dash:/gm, 'sh:'), status: r.status ?? -1 };
}

t.test('a refused fork is "Cannot fork", status 2, as in dash', async (t) => {
  const m = bootMachine();
  const haveDash = existsSync(DASH);
  if (!haveDash) t.comment('skip: /usr/bin/dash is not installed (.ci/run installs it): checked against dash\'s known wording only');
  for (const script of SCRIPTS) {
    const ours = await runSh(m, ['sh', '-c', script]);
    t.match(ours.stderr, /^sh: \d+: Cannot fork\n$/, `${JSON.stringify(script)}: one line`);
    t.equal(ours.status, 2, `${JSON.stringify(script)}: status 2`);
    const dash = haveDash ? runInDashUnprivileged(script) : null;
    if (dash) t.same(ours, dash, `${JSON.stringify(script)}: as dash`);
  }
  // The machine keeps running: the next shell forks as usual.
  const after = await runSh(m, ['sh', '-c', 'echo a | cat; (exit 3); echo $?']);
  t.same(after, { stdout: 'a\n3\n', stderr: '', status: 0 });
  m.kernel.shutdown();
});

t.test('a subshell whose fork fails exits 2; its parent goes on', async (t) => {
  const m = bootMachine();
  const script = '(ulimit -p 1; /bin/true; echo no); echo parent $?';
  const r = await runSh(m, ['sh', '-c', script]);
  t.same(r, { stdout: 'parent 2\n', stderr: 'sh: 1: Cannot fork\n', status: 0 });
  const dash = existsSync(DASH) ? runInDashUnprivileged(script) : null;
  if (dash) t.same(r, dash, 'as dash');
  m.kernel.shutdown();
});

t.test('fork failing with ENOMEM reads the same', async (t) => {
  const m = bootMachine();
  const real = m.kernel.procs.forkNative.bind(m.kernel.procs);
  let failing = false;
  m.kernel.procs.forkNative = (p, continuation) => {
    if (failing) throw new SyscallError(Errno.ENOMEM);
    return real(p, continuation);
  };
  failing = true;
  // A pipeline first in the script is line 0, as dash says it (no simple command has numbered the shell yet).
  for (const [script, line] of [['echo a | cat', 0], ['\n(echo sub)', 2], ['x=$(echo hi)', 1], ['true &', 0]] as const) {
    const r = await runSh(m, ['sh', '-c', `${script}\necho not here`]);
    t.same(r, { stdout: '', stderr: `sh: ${line}: Cannot fork\n`, status: 2 }, JSON.stringify(script));
  }
  failing = false;
  t.same(await runSh(m, ['sh', '-c', 'echo a | cat']), { stdout: 'a\n', stderr: '', status: 0 }, 'forks again once memory is back');
  m.kernel.shutdown();
});
