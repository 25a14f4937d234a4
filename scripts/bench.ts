/**
 * `npm run bench`: how fast akuma-vm is, on this machine, against qemu-aarch64 when it is
 * installed. Speed goals live here, not in the tests.
 *
 *  1. CPU: packages/bin/cpubench (integer checksums, sieve, sorting) on a fresh kernel;
 *     guest instructions per second, and qemu-aarch64's time for the same ELF (the same
 *     instruction stream, so our instruction count serves for both).
 *  2. Server: time from `serve` start to the ready log line, and the wall time of the
 *     headline command `pkg install stdcheck && stdcheck` over the OpenSSH client
 *     (median of several runs, each on a fresh data directory).
 *
 * Options (environment): BENCH_RUNS (default 3), BENCH_SKIP_SSH=1.
 */

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HostInput, HostOutput } from '../kernel/fs/stdio.js';
import { Vfs } from '../kernel/fs/vfs.js';
import { Kernel } from '../kernel/kernel.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CPUBENCH = join(ROOT, 'packages', 'bin', 'cpubench');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

async function runOnKernel(path: string): Promise<{ ms: number; instructions: number; output: string; status: number }> {
  const kernel = new Kernel({});
  const vfs = new Vfs({ processes: kernel });
  kernel.vfs = vfs;
  vfs.writeFile('/bin/cpubench', readFileSync(path), { mode: 0o755 });
  let output = '';
  const stdout = new HostOutput((b) => void (output += Buffer.from(b).toString()));
  const stdin = new HostInput();
  stdin.end();
  const before = kernel.machine.cpu.icount;
  const t0 = performance.now();
  const p = kernel.spawn('/bin/cpubench', ['cpubench'], [], { stdin, stdout, stderr: stdout });
  const exit = await p.exited;
  const ms = performance.now() - t0;
  const instructions = kernel.machine.cpu.icount - before;
  kernel.shutdown();
  return { ms, instructions, output, status: exit.status };
}

function timeQemu(qemu: string, path: string): number {
  const t0 = performance.now();
  const r = spawnSync(qemu, [path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`qemu-aarch64 failed: ${r.stderr}`);
  return performance.now() - t0;
}

async function benchCpu(): Promise<void> {
  console.log('== CPU: packages/bin/cpubench');
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnKernel(CPUBENCH));
  const best = runs.reduce((a, b) => (a.ms < b.ms ? a : b));
  if (best.status !== 0) console.log(`cpubench exited ${best.status}:\n${best.output}`);
  const mips = best.instructions / best.ms / 1000;
  console.log(`akuma-vm: ${best.instructions.toLocaleString()} instructions in ${(best.ms / 1000).toFixed(2)} s = ${mips.toFixed(1)} MIPS (best of ${RUNS})`);
  const qemu = which('qemu-aarch64');
  if (!qemu) {
    console.log('qemu-aarch64 not on PATH: no comparison (apt-get install qemu-user)');
    return;
  }
  const qms = Math.min(...Array.from({ length: RUNS }, () => timeQemu(qemu, CPUBENCH)));
  const qmips = best.instructions / qms / 1000;
  console.log(`qemu-aarch64: ${(qms / 1000).toFixed(2)} s = ${qmips.toFixed(0)} MIPS (same instruction count)`);
  console.log(`ratio: akuma-vm runs at 1/${(qmips / mips).toFixed(1)} of qemu-aarch64's speed (bar: 1/60)`);
}

function startServer(dataDir: string): Promise<{ port: number; readyMs: number; stop: () => Promise<void> }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'server', 'cli.js'), 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split('\n')) {
        if (!line.includes('akuma-vm ready')) continue;
        const port = Number(/"address":"[^"]*:(\d+)"/.exec(line)?.[1]);
        resolve({
          port,
          readyMs: performance.now() - t0,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
  });
}

async function benchSsh(): Promise<void> {
  console.log('== Server: time to ready and the headline command over ssh');
  if (!which('ssh')) {
    console.log('no ssh client on PATH: skipped');
    return;
  }
  const readies: number[] = [];
  const headlines: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'akuma-bench-'));
    try {
      const server = await startServer(dir);
      readies.push(server.readyMs);
      const t0 = performance.now();
      const r = spawnSync(
        'ssh',
        ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-p', String(server.port), 'user@localhost', 'pkg install stdcheck && stdcheck'],
        { encoding: 'utf8' },
      );
      headlines.push(performance.now() - t0);
      if (r.status !== 0 || !r.stdout.includes('Result: ALL PASSED')) console.log(`headline failed (status ${r.status}):\n${r.stdout}${r.stderr}`);
      await server.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`time to ready: median ${median(readies).toFixed(0)} ms (${readies.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`ssh "pkg install stdcheck && stdcheck": median ${median(headlines).toFixed(0)} ms (${headlines.map((x) => x.toFixed(0)).join(', ')})`);
}

await benchCpu();
if (!process.env.BENCH_SKIP_SSH) await benchSsh();
