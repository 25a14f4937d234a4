/** Shared set-up for the kernel-core tests: boot a kernel with a file system and run real ELF files. */

import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import type { Vfs } from '../../kernel/fs/vfs.js';
import type { Kernel, KernelOptions } from '../../kernel/kernel.js';
import { bootKernel } from '../../kernel/boot.js';
import type { ExitStatus, Process } from '../../kernel/process.js';

/** The repository root (tests run from dist/test/kernel). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const KT_BIN = join(ROOT, 'packages/kernel-tests/bin');
export const PKG_BIN = join(ROOT, 'packages/bin');

export function ktBinary(name: string): string {
  return join(KT_BIN, name);
}
export function pkgBinary(name: string): string | null {
  const p = join(PKG_BIN, name);
  return existsSync(p) ? p : null;
}

export interface Booted {
  kernel: Kernel;
  vfs: Vfs;
}

export function boot(options: KernelOptions = {}): Booted {
  return bootKernel({ ramSize: 64 * 1024 * 1024, ...options });
}

export interface Started {
  proc: Process;
  stdout: () => string;
  stderr: () => string;
  stdin: HostInput;
}

/** Copies a host ELF into /bin and spawns it with captured output. */
export function start(b: Booted, hostPath: string, args: string[] = [], env: string[] = [], guestName?: string): Started {
  const guest = `/bin/${guestName ?? basename(hostPath)}`;
  if (!b.vfs.exists(guest)) b.vfs.writeFile(guest, readFileSync(hostPath), { mode: 0o755 });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new HostOutput((d) => void out.push(Buffer.from(d)));
  const stderr = new HostOutput((d) => void err.push(Buffer.from(d)));
  const stdin = new HostInput();
  const proc = b.kernel.spawn(guest, [guest, ...args], env, { cwd: '/', stdin, stdout, stderr });
  return { proc, stdin, stdout: () => Buffer.concat(out).toString(), stderr: () => Buffer.concat(err).toString() };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exit: ExitStatus;
  ms: number;
}

/** Runs a program to completion (stdin at EOF); fails the promise after timeoutMs. */
export async function run(b: Booted, hostPath: string, args: string[] = [], env: string[] = [], timeoutMs = 60_000): Promise<RunResult> {
  const t0 = performance.now();
  const s = start(b, hostPath, args, env);
  s.stdin.end();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      b.kernel.kill(s.proc.pid, 9);
      reject(new Error(`${basename(hostPath)} did not finish in ${timeoutMs} ms; output so far: ${s.stdout()}`));
    }, timeoutMs);
  });
  try {
    const exit = await Promise.race([s.proc.exited, timeout]);
    return { stdout: s.stdout(), stderr: s.stderr(), exit, ms: performance.now() - t0 };
  } finally {
    clearTimeout(timer);
  }
}

export function readBinary(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Resolves once `done()` holds, checking every few milliseconds; rejects after timeoutMs
 * (generous: only a hang, never a slow or loaded host, should reach it). Tests wait for the
 * state they mean to assert on instead of sleeping a fixed time and hoping it was reached.
 */
export async function waitUntil(what: string, done: () => boolean, timeoutMs = 60_000): Promise<void> {
  const giveUp = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > giveUp) throw new Error(`gave up after ${timeoutMs} ms waiting until ${what}`);
    await sleep(5);
  }
}
