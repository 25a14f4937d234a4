/**
 * The shell corpus (shell-corpus/cases.ts): every case run by the machine's /bin/sh (a
 * kernel process, `sh -c` or `sh -s`) and by Debian's dash on the host, stdout and exit
 * status compared (stderr too where a case asks). `set -o pipefail`, which dash lacks, is compared with bash instead.
 */

import t from 'tap';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { corpusCases } from './shell-corpus/cases.js';
import { corpusMachine, DASH, runInDash, runInMachine } from './shell-corpus/compare.js';
import { runSh } from './run-sh.js';

if (!existsSync(DASH)) {
  t.pass('skip: /usr/bin/dash is not installed (.ci/run installs it)');
} else {
  t.test('the corpus runs as under dash', async (t) => {
    const m = corpusMachine();
    const cases = corpusCases();
    t.ok(cases.length >= 300, `${cases.length} cases`);
    let same = 0;
    for (const k of cases) {
      const ours = await runInMachine(m, k);
      const dash = runInDash(k);
      const seen = (r: typeof ours) => (k.stderr ? { stdout: r.stdout, stderr: r.stderr, status: r.status } : { stdout: r.stdout, status: r.status });
      const ok = JSON.stringify(seen(ours)) === JSON.stringify(seen(dash));
      if (ok) same++;
      t.same(seen(ours), seen(dash), `${k.name}: ${k.script.split('\n')[0].slice(0, 60)}`, { stderr: ours.stderr });
    }
    t.comment(`${same}/${cases.length} cases as dash`);
    m.kernel.shutdown();
  });
}

const BASH = '/bin/bash';
t.test('set -o pipefail as bash has it', async (t) => {
  if (!existsSync(BASH)) return t.pass('skip: no /bin/bash');
  const m = corpusMachine();
  for (const script of ['set -o pipefail; false | true; echo $?', 'set -o pipefail; true | (exit 3) | true; echo $?', 'set -o pipefail; true | true; echo $?', 'false | true; echo $?']) {
    const ours = await runSh(m, ['sh', '-c', script]);
    const bash = spawnSync(BASH, ['--posix', '-c', script], { encoding: 'utf8' });
    t.same({ stdout: ours.stdout, status: ours.status }, { stdout: bash.stdout, status: bash.status }, script);
  }
  m.kernel.shutdown();
});

// dash prints these lines when it reaps the job inside that `wait` (it usually does; when it
// reaped it before, it prints nothing), so they are written here rather than compared live.
t.test('wait tells how the job it names ended, as dash words it', async (t) => {
  const m = corpusMachine();
  const cases: Array<[string, string, string]> = [
    ['sleep 5 & kill $!; wait $!; echo $?', 'Terminated\n', '143\n'],
    ['sleep 5 & kill -9 $!; wait $!; echo $?', 'Killed\n', '137\n'],
    ['sleep 5 & kill -USR1 $!; wait $!; echo $?', 'User defined signal 1\n', '138\n'],
    ['sleep 5 & kill -PIPE $!; wait $!; echo $?', '', '141\n'],
    ['sleep 5 & kill $!; wait; echo $?', '', '0\n'],
    ['sleep 5 & p=$!; kill $p; wait $p; wait $p; echo $?', 'Terminated\n', '143\n'],
  ];
  for (const [script, stderr, stdout] of cases) {
    const r = await runSh(m, ['sh', '-c', script]);
    t.same({ stdout: r.stdout, stderr: r.stderr }, { stdout, stderr }, script);
  }
  m.kernel.shutdown();
});
