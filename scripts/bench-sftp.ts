/**
 * SFTP throughput and the server's memory while it streams: uploads and downloads files of
 * BENCH_SFTP_SIZES megabytes (default 10,100,500) with ssh2's client (fastPut/fastGet, 64
 * requests of 32 KiB in flight, as OpenSSH's sftp) into the user's home on the disk of a
 * fresh data directory, and reports MB/s each way and the server's resident memory: before,
 * and its peak (VmHWM from /proc, Linux only) after each transfer.
 *
 *   node dist/scripts/bench-sftp.js            # or: BENCH_SFTP_SIZES=10,100 node ...
 *
 * BENCH_SFTP_SERVE adds serve options, e.g. "--machines per-session --workers 2" for SFTP
 * into a machine in a worker thread (each transfer then crosses the thread boundary).
 *
 * Timing belongs here, not in the tests.
 */

import { spawn } from 'node:child_process';
import { createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'dist', 'server', 'cli.js');
const SIZES = (process.env.BENCH_SFTP_SIZES ?? '10,100,500').split(',').map(Number);

function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex'))).on('error', reject);
  });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'akuma-bench-sftp-'));
  const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(work, 'data'), '--ram', '256M', '--log-level', 'info', ...(process.env.BENCH_SFTP_SERVE ?? '').split(/\s+/).filter(Boolean)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    let port = 0;
    let out = '';
    server.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d.length < 1e6 ? d : ''));
    for (let i = 0; i < 300 && !port; i++) {
      await new Promise((r) => setTimeout(r, 100));
      port = Number(/"address":"127\.0\.0\.1:(\d+)".*akuma-vm ready/.exec(out)?.[1] ?? 0);
    }
    if (!port) throw new Error('the server did not start listening');
    const client = await new Promise<ssh2.Client>((resolve, reject) => {
      const c = new ssh2.Client();
      c.once('ready', () => resolve(c)).once('error', reject).connect({ host: '127.0.0.1', port, username: 'user' });
    });
    const sftp = await new Promise<ssh2.SFTPWrapper>((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s))));
    const before = memoryOf(server.pid!);
    console.log(`server before transfers: RSS ${before.rssMB.toFixed(0)} MB (peak so far ${before.peakMB.toFixed(0)} MB)`);
    for (const mb of SIZES) {
      const local = join(work, `up-${mb}`);
      const fd = openSync(local, 'w');
      const chunk = Buffer.alloc(1 << 20);
      for (let i = 0; i < mb; i++) {
        chunk.fill(i & 0xff);
        chunk.writeUInt32LE(i, 0);
        writeSync(fd, chunk);
      }
      closeSync(fd);
      const remote = `/home/user/bench-${mb}`;
      let t0 = performance.now();
      await new Promise<void>((resolve, reject) => sftp.fastPut(local, remote, { concurrency: 64, chunkSize: 32768 }, (err) => (err ? reject(err) : resolve())));
      const up = (performance.now() - t0) / 1000;
      const afterUp = memoryOf(server.pid!);
      const back = join(work, `down-${mb}`);
      t0 = performance.now();
      await new Promise<void>((resolve, reject) => sftp.fastGet(remote, back, { concurrency: 64, chunkSize: 32768 }, (err) => (err ? reject(err) : resolve())));
      const down = (performance.now() - t0) / 1000;
      const afterDown = memoryOf(server.pid!);
      const same = (await sha256(local)) === (await sha256(back));
      console.log(
        `${String(mb).padStart(4)} MB: up ${up.toFixed(1)} s (${(mb / up).toFixed(1)} MB/s), down ${down.toFixed(1)} s (${(mb / down).toFixed(1)} MB/s); ` +
          `server RSS after up ${afterUp.rssMB.toFixed(0)} MB, after down ${afterDown.rssMB.toFixed(0)} MB, peak ${afterDown.peakMB.toFixed(0)} MB; ${same ? 'sha256 matches' : 'CONTENT DIFFERS'}`,
      );
      await new Promise<void>((resolve) => sftp.unlink(remote, () => resolve()));
      rmSync(local);
      rmSync(back);
    }
    client.end();
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
