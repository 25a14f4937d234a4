// `--inject clobber-x9`: the kernel's deliberate copy of the origin report's bug
// (shared/origin/USERSPACE_HEAP_BUG.md). The same binaries pass without it, so the failure
// is the injection's, and serve will not turn it on by accident.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, pkgBinary } from './kernel-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');

function akuma(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

t.test('stdcheck-pad401000 crashes as the report says only with the injection', (t) => {
  const bin = pkgBinary('stdcheck-pad401000');
  if (!bin) return t.end();
  const clean = akuma(['run', bin]);
  t.equal(clean.status, 0, 'passes without it');
  t.match(clean.stdout, /ALL PASSED/);
  const hurt = akuma(['run', '--inject', 'clobber-x9', bin]);
  t.equal(hurt.status, 139, 'SIGSEGV with it');
  t.match(hurt.stdout, /\[TEST\] Vec\.\.\. /);
  t.match(hurt.stderr, /^\[Fault\] Data abort from EL0 at FAR=0x814[0-9a-f]{3}, ISS=0x46$/m, 'a store past the head that jumped to 0x814000');
  t.match(hurt.stderr, / x9=0x814000 /);
  t.match(hurt.stderr, /^ {2}at 0x[0-9a-f]+: str x0, \[x9, #0x10\] {3}x0=0x[0-9a-f]+ x9=0x814000$/m, 'the store through x9, and x9 beside it');
  t.end();
});

t.test('regcheck fails with the injection and passes without it', (t) => {
  const bin = pkgBinary('regcheck');
  if (!bin) return t.end();
  const clean = akuma(['run', bin]);
  t.equal(clean.status, 0);
  t.match(clean.stdout, /Result: ALL PASSED/);
  const hurt = akuma(['run', '--inject', 'clobber-x9', bin]);
  t.not(hurt.status, 0);
  t.notMatch(hurt.stdout, /ALL PASSED/);
  // regcheck's own C library keeps a value in x9 across its first svc, so it faults before it
  // can print its comparison; the report shows the clobbered register.
  t.match(hurt.stderr, / x9=0x814000 /);
  t.end();
});

t.test('bad values and serve: one clear line', (t) => {
  const bad = akuma(['run', '--inject', 'nonsense', 'x']);
  t.equal(bad.status, 2);
  t.match(bad.stderr.split('\n')[0], /--inject knows only clobber-x9, got nonsense/);
  const dir = mkdtempSync(join(tmpdir(), 'akuma-inject-'));
  const serve = akuma(['serve', '--port', '0', '--data-dir', join(dir, 'data'), '--inject', 'clobber-x9']);
  t.equal(serve.status, 1);
  t.match(serve.stderr, /refusing --inject clobber-x9 in serve.*--allow-fault-injection/);
  t.equal(serve.stderr.trim().split('\n').length, 1, 'one line');
  t.end();
});
