/**
 * The real-program suite's one comparison: a program nobody in the project wrote (built by
 * packages/realworld/build.sh, or a Debian binary fetched by .ci/run) runs under
 * `akuma-vm run` and under qemu-aarch64 with the same arguments, environment and stdin;
 * its stdout and exit status must be the same. Where qemu-aarch64 is missing, or a binary
 * is, the case prints one skip line instead.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Test } from 'tap';

/** The repository root (tests run from dist/test/realworld). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CLI = join(ROOT, 'dist/server/cli.js');
export const REALWORLD_BIN = join(ROOT, 'packages/realworld/bin');
/** Debian arm64 packages that .ci/run downloads and extracts (never committed). */
export const DEBIAN_ARM64 = join(ROOT, '.cache/debian-arm64');

export const HAVE_QEMU = spawnSync('qemu-aarch64', ['--version']).status === 0;

/** packages/realworld/bin/<area>/<name>. */
export function realworldBinary(area: string, name: string): string {
  return join(REALWORLD_BIN, area, name);
}

export interface CaseOptions {
  args?: string[];
  /** Extra environment, "K=V" (both sides get exactly these plus nothing else). */
  env?: string[];
  stdin?: string;
  /** Milliseconds for each side (default 120 s). */
  timeoutMs?: number;
  /** Extra `akuma-vm run` options placed before the program path (e.g. ['--ram', '512M']). */
  akumaOptions?: string[];
  /** Extra qemu-aarch64 options placed before the program path (e.g. ['-L', DIR]). */
  qemuOptions?: string[];
  /** Extra environment of the akuma-vm process itself (e.g. AKUMA_TIER), not the guest's. */
  hostEnv?: Record<string, string>;
  /** Lines removed from both outputs before comparing (say why at the call site). */
  ignoreLines?: RegExp[];
}

export interface Outcome {
  stdout: string;
  stderr: string;
  /** Exit status as a shell sees it: the code, or 128 + the terminating signal. */
  status: number | null;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };

function statusOf(r: ReturnType<typeof spawnSync>): number | null {
  if (r.status !== null) return r.status;
  return r.signal ? 128 + (SIGNALS[r.signal] ?? 0) : null;
}

export function runUnderQemu(path: string, o: CaseOptions = {}): Outcome {
  const r = spawnSync('qemu-aarch64', [...(o.qemuOptions ?? []), path, ...(o.args ?? [])], {
    input: o.stdin ?? '', encoding: 'utf8', timeout: o.timeoutMs ?? 120_000, env: Object.fromEntries((o.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])),
  });
  return { stdout: r.stdout, stderr: r.stderr, status: statusOf(r) };
}

export function runUnderAkuma(path: string, o: CaseOptions = {}): Outcome {
  const envArgs = (o.env ?? []).flatMap((kv) => ['--env', kv]);
  const r = spawnSync(process.execPath, [CLI, 'run', ...(o.akumaOptions ?? []), ...envArgs, path, ...(o.args ?? [])], {
    input: o.stdin ?? '', encoding: 'utf8', timeout: o.timeoutMs ?? 120_000, env: o.hostEnv ? { ...process.env, ...o.hostEnv } : process.env,
  });
  return { stdout: r.stdout, stderr: r.stderr, status: statusOf(r) };
}

/**
 * Where two outputs part, as one line: a failing comparison then names the line and both
 * sides in its own message, which is what a CI log excerpt keeps when the diff is cut off.
 */
export function firstDifference(akuma: string, reference: string): string {
  const a = akuma.split('\n');
  const r = reference.split('\n');
  let i = 0;
  while (i < a.length && i < r.length && a[i] === r[i]) i++;
  const show = (l: string | undefined): string => (l === undefined ? 'end of output' : JSON.stringify(l.slice(0, 120)));
  return `line ${i + 1}: akuma ${show(a[i])}, reference ${show(r[i])}`;
}

/**
 * One case of the suite: same stdout and same status under akuma-vm as under qemu-aarch64.
 * Returns akuma-vm's outcome (or null when skipped) for extra assertions.
 */
export function sameAsQemu(t: Test, label: string, path: string, o: CaseOptions = {}): Outcome | null {
  if (!existsSync(path)) {
    t.pass(`skip ${label}: ${path.slice(ROOT.length + 1)} is not built or fetched`);
    return null;
  }
  if (!HAVE_QEMU) {
    t.pass(`skip ${label}: qemu-aarch64 is not installed`);
    return null;
  }
  const q = runUnderQemu(path, o);
  const a = runUnderAkuma(path, o);
  const keep = (s: string): string => (o.ignoreLines ? s.split('\n').filter((l) => !o.ignoreLines!.some((re) => re.test(l))).join('\n') : s);
  const [mine, theirs] = [keep(a.stdout), keep(q.stdout)];
  const where = mine === theirs ? '' : ` (${firstDifference(mine, theirs)})`;
  t.equal(mine, theirs, `${label}: same stdout${where}${a.stderr ? ` (akuma stderr: ${a.stderr.split('\n').slice(0, 3).join(' | ')})` : ''}`);
  t.equal(a.status, q.status, `${label}: same exit status (${q.status})`);
  return a;
}

/**
 * For what qemu-aarch64 cannot run the Linux way: the same source built for the host with its
 * C compiler and run on the host's Linux is the reference (same stdout, same status).
 */
export function sameAsHostBuild(t: Test, area: string, name: string, o: { ccArgs?: string[] } = {}): void {
  const src = join(ROOT, 'packages/realworld/src', area, `${name}.c`);
  const dir = mkdtempSync(join(tmpdir(), 'akuma-host-'));
  try {
    const bin = join(dir, name);
    // ccArgs: e.g. -static, for a program that runs a copy of itself where no ld.so is (a chroot).
    const cc = spawnSync('cc', ['-O2', ...(o.ccArgs ?? []), '-o', bin, src], { encoding: 'utf8' });
    if (cc.status !== 0) return void t.pass(`skip ${name}: no host C compiler (${(cc.stderr ?? '').split('\n')[0]})`);
    const host = spawnSync(bin, [], { encoding: 'utf8', timeout: 60_000 });
    const a = runUnderAkuma(realworldBinary(area, name));
    const where = a.stdout === host.stdout ? '' : ` (${firstDifference(a.stdout, host.stdout)})`;
    t.equal(a.stdout, host.stdout, `${name}: same stdout as on the host's Linux${where}${a.stderr ? ` (akuma stderr: ${a.stderr.split('\n')[0]})` : ''}`);
    t.equal(a.status, host.status, `${name}: same exit status`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
