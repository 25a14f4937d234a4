/**
 * What the tests that drive gdb-multiarch share: whether a port is listening (read from
 * /proc/net/tcp*, never by connecting: a gdb stub serves one client, so a probe connection
 * would be the one it serves), waiting for it, and gdb-multiarch in batch mode.
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** True once something listens on `port`. */
export function listening(port: number): boolean {
  const want = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return ['/proc/net/tcp', '/proc/net/tcp6'].some((file) => {
    try {
      return readFileSync(file, 'utf8').split('\n').some((l) => {
        const f = l.trim().split(/\s+/);
        return f[1]?.endsWith(want) && f[3] === '0A';
      });
    } catch {
      return false;
    }
  });
}

/** Waits (up to 30 s) until `port` listens or `child` exits; throws if nothing listens. */
export async function waitListening(port: number, child: ChildProcess, detail: () => string = () => ''): Promise<void> {
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    if (listening(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  if (!listening(port)) throw new Error(`nothing listens on ${port}${detail() ? `: ${detail()}` : ''}`);
}

/**
 * gdb-multiarch -batch on `prog` attached to :port, with these commands; its stdout and
 * stderr through one pipe (2>&1), so an error line lands where gdb wrote it.
 */
export function batchGdb(port: number, prog: string, commands: string[], cwd: string): Promise<string> {
  const args = ['-batch', '-nx', '-ex', 'set architecture aarch64', '-ex', `file ${prog}`, '-ex', `target remote :${port}`];
  for (const c of commands) args.push('-ex', c);
  return new Promise((resolve) => {
    const g = spawn('sh', ['-c', 'exec gdb-multiarch "$@" 2>&1', 'gdb', ...args], { cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    g.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => g.kill('SIGKILL'), 120_000);
    g.on('close', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}
