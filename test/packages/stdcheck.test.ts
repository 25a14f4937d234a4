import t from 'tap';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES_DIR } from '../../packages/repository/seed.js';

const CLI = fileURLToPath(new URL('../../server/cli.js', import.meta.url));

// The reproduction of the original heap bug, through the user-facing `run` command, in the
// default layout and with the allocator's static padded to 0x401000 and 0x402000.
for (const name of ['stdcheck', 'stdcheck-pad401000', 'stdcheck-pad402000']) {
  t.test(`akuma-vm run packages/bin/${name}`, async (t) => {
    const r = spawnSync(process.execPath, [CLI, 'run', join(PACKAGES_DIR, 'bin', name)], { encoding: 'utf8', timeout: 240_000 });
    t.equal(r.status, 0, 'exits 0');
    t.match(r.stdout, /^=== stdcheck: Testing std compatibility ===\n/);
    for (const test of ['Vec', 'String::from', 'String::push_str', 'String::push_str (debug)', 'Box']) {
      t.match(r.stdout, `[TEST] ${test}... PASS\n`);
    }
    t.notMatch(r.stdout, /FAIL/);
    t.match(r.stdout, /=== stdcheck: All tests complete ===\nResult: ALL PASSED\n$/);
    t.equal(r.stderr, '');
  });
}
