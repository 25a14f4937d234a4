/**
 * The real-program suite, Rust: programs using Rust's std (packages/realworld/src/rust/*.rs,
 * built by packages/realworld/build.sh with Debian's rustc 1.63 against the arm64 std of
 * libstd-rust-dev:arm64), each run under akuma-vm and under qemu-aarch64: threads with
 * Mutex/Condvar/RwLock/Barrier and mpsc channels (std::fs and std::net are in
 * rust-io.test.ts; the process's arguments, environment, stdin and exit paths in
 * rust-env.test.ts). std::process runs this program's own binary as its
 * children, which qemu-aarch64 cannot exec, so its reference is the same source built for
 * the host with the same rustc and run on the host's Linux.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { ROOT, realworldBinary, runUnderAkuma, sameAsQemu } from './compare.js';

const rust = (name: string): string => realworldBinary('rust', name);

const THREADS = ['mutex', 'condvar', 'channels', 'sync', 'misc'];
for (const c of THREADS) {
  t.test(`rust threads ${c}`, async (t) => {
    sameAsQemu(t, `threads ${c}`, rust('threads'), { args: [c] });
  });
}

t.test('rust std::process: output, status, signals, pipes, env, cwd, kill, spawn errors', async (t) => {
  const guest = rust('process');
  if (!existsSync(guest)) return void t.pass('skip rust process: packages/realworld/bin/rust/process is not built');
  if (!existsSync('/usr/bin/rustc')) return void t.pass('skip rust process: /usr/bin/rustc is not installed (needed to build the host reference)');
  const dir = mkdtempSync(join(tmpdir(), 'akuma-rust-process-'));
  try {
    const hostBin = join(dir, 'process');
    const b = spawnSync('/usr/bin/rustc', ['--edition', '2021', '-O', '-o', hostBin, join(ROOT, 'packages/realworld/src/rust/process.rs')], { encoding: 'utf8' });
    if (b.status !== 0) return void t.pass(`skip rust process: host build failed: ${b.stderr.split('\n')[0]}`);
    const host = spawnSync(hostBin, [], { encoding: 'utf8', timeout: 60_000 });
    const a = runUnderAkuma(guest);
    t.equal(a.stdout, host.stdout, `process: same stdout as on the host's Linux${a.stderr ? ` (akuma stderr: ${a.stderr.split('\n')[0]})` : ''}`);
    t.equal(a.status, host.status, 'process: same exit status');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
