/**
 * Test helper: a booted machine (kernel, file system, userland) and a way to run
 * `/bin/sh -c SCRIPT` (or a script on stdin, as `sh -s`) in it as a kernel process,
 * collecting stdout, stderr and the exit status.
 */

import { Kernel } from '../../kernel/kernel.js';
import { HostInput, HostOutput } from '../../kernel/fs/stdio.js';
import { USER_GID, USER_UID, Vfs } from '../../kernel/fs/vfs.js';
import { installUserland } from '../../packages/userland/install.js';

export interface Machine {
  kernel: Kernel;
  vfs: Vfs;
}

export function bootMachine(): Machine {
  const kernel = new Kernel({ ramSize: 64 * 1024 * 1024 });
  const vfs = new Vfs({ processes: kernel, hostname: 'akuma' });
  kernel.vfs = vfs;
  installUserland(kernel, { hostname: 'akuma' });
  return { kernel, vfs };
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
}

/** Runs argv (default: sh -c script) with optional stdin text, in `cwd`. */
export async function runSh(m: Machine, argv: string[], stdinText = '', cwd = '/tmp', timeoutMs = 20000): Promise<RunResult> {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdin = new HostInput('test:[stdin]');
  const stdout = new HostOutput((b) => void out.push(Buffer.from(b)), 'test:[stdout]');
  const stderr = new HostOutput((b) => void err.push(Buffer.from(b)), 'test:[stderr]');
  if (stdinText) stdin.push(new TextEncoder().encode(stdinText));
  stdin.end();
  const p = m.kernel.spawn('/bin/sh', argv, ['PATH=/bin:/usr/bin', 'HOME=/tmp', 'USER=user'], { cwd, stdin, stdout, stderr, uid: USER_UID, gid: USER_GID });
  stdin.release();
  stdout.release();
  stderr.release();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
  const r = await Promise.race([p.exited, timeout]);
  clearTimeout(timer);
  if (r === 'timeout') {
    m.kernel.kill(p.pid, 9);
    return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() + '[timeout]', status: -1 };
  }
  // Output written by children that outlive sh is not waited for.
  await new Promise((res) => setImmediate(res));
  return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), status: r.status };
}
