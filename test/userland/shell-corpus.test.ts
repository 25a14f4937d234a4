/**
 * The shell corpus (shell-corpus/cases.ts): every case run by the machine's /bin/sh (a
 * kernel process, `sh -c` or `sh -s`) and by Debian's dash on the host, stdout and exit
 * status compared. `set -o pipefail`, which dash lacks, is compared with bash instead.
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
      const ok = ours.stdout === dash.stdout && ours.status === dash.status;
      if (ok) same++;
      t.same({ stdout: ours.stdout, status: ours.status }, { stdout: dash.stdout, status: dash.status }, `${k.name}: ${k.script.split('\n')[0].slice(0, 60)}`, { stderr: ours.stderr });
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
