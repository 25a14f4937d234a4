/**
 * Runs a corpus case in the machine's /bin/sh and in Debian's dash on the host, each in a
 * fresh empty directory, and returns both results (stdout and exit status are compared;
 * stderr only for the cases that ask, since the shells' pids and paths differ). dash runs
 * with argv[0] "sh", as the machine's shell is named, so that "sh: 1: ..." reads the same.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { USER_GID, USER_UID } from '../../../kernel/fs/vfs.js';
import { bootMachine, runSh, type Machine, type RunResult } from '../run-sh.js';
import type { CorpusCase } from './cases.js';

export const DASH = '/usr/bin/dash';
const PACKAGES_BIN = join(import.meta.dirname, '../../../../packages/bin');

/** A machine with the userland, plus the base guest programs (sleep, env...) the tools do not provide yet. */
export function corpusMachine(): Machine {
  const m = bootMachine();
  for (const name of ['sleep', 'env', 'uname', 'hello']) {
    const path = `/bin/${name}`;
    if (!m.vfs.exists(path) && existsSync(join(PACKAGES_BIN, name))) m.vfs.writeFile(path, readFileSync(join(PACKAGES_BIN, name)), { mode: 0o755 });
  }
  return m;
}

let serial = 0;

export async function runInMachine(m: Machine, k: CorpusCase): Promise<RunResult> {
  const dir = `/tmp/corpus-${++serial}`;
  m.vfs.mkdir(dir, { mode: 0o755, uid: USER_UID, gid: USER_GID });
  try {
    return k.viaStdin ? await runSh(m, ['sh', '-s'], k.script + '\n', dir) : await runSh(m, ['sh', '-c', k.script], k.stdin ?? '', dir);
  } finally {
    try {
      m.vfs.remove(dir, { recursive: true });
    } catch {
      // left for the next boot
    }
  }
}

export function runInDash(k: CorpusCase): RunResult {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  try {
    const args = k.viaStdin ? ['-s'] : ['-c', k.script];
    const r = spawnSync(DASH, args, {
      argv0: 'sh',
      cwd: dir,
      input: k.viaStdin ? k.script + '\n' : (k.stdin ?? ''),
      env: { PATH: '/usr/bin:/bin', HOME: '/tmp', USER: 'user' },
      timeout: 20000,
      encoding: 'utf8',
    });
    // A dash that a signal ended has the status a shell would report for it (128 + the signal).
    const signalled = r.signal ? 128 + (constants.signals[r.signal] ?? 9) : 128 + 9;
    return { stdout: r.stdout, stderr: r.stderr, status: r.status ?? signalled };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
