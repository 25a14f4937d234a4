/**
 * Machines of their own (serve --machines per-session / per-user): how long one takes to
 * boot copy-on-write over the base system, and what an idle one costs in memory.
 *
 *  - Boot: BENCH_MACHINES_BOOTS (default 50) machines booted one after another over the
 *    base machine of a fresh data directory (seeded repository, base packages installed)
 *    and shut down again; median and 95th percentile of the boot (goal: under 50 ms), and
 *    the ratio to booting the base machine itself (its own disk in the data directory).
 *  - Idle memory: BENCH_MACHINES_IDLE (default 100) machines booted at once, each with an
 *    idle login shell waiting on its stdin (what an open SSH session that does nothing
 *    holds); the process's RSS after a full GC minus before, per machine (goal: under 4 MiB).
 *  - Through the server: `serve --machines per-session` with BENCH_MACHINES_SSH (default 50)
 *    open idle SSH connections, each with a shell channel (ssh2's client); the server's RSS
 *    minus its RSS with none, per connection (Linux /proc).
 *
 *   node --expose-gc dist/scripts/bench-machines.js      # also section 7 of `npm run bench`
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pino from 'pino';
import ssh2 from 'ssh2';
import { openDatabase } from '../server/data-dir.js';
import { MachineHost } from '../server/machine-host.js';
import { PackageRepository } from '../packages/repository/repository.js';
import { seedRepository } from '../packages/repository/seed.js';

const MiB = 1024 * 1024;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
}

function collect(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) for (let i = 0; i < 3; i++) gc();
}

export interface MachineBench {
  bootMedianMs: number;
  bootP95Ms: number;
  baseBootMs: number;
  idleRssPerMachineMiB: number;
  idleMachines: number;
  gcExposed: boolean;
}

export async function benchMachines(boots = Number(process.env.BENCH_MACHINES_BOOTS ?? 50), idle = Number(process.env.BENCH_MACHINES_IDLE ?? 100)): Promise<MachineBench> {
  const work = mkdtempSync(join(tmpdir(), 'akuma-bench-machines-'));
  const logger = pino({ level: 'silent' });
  const db = openDatabase(join(work, 'data'));
  try {
    const repository = new PackageRepository(db);
    seedRepository(repository);
    let t0 = performance.now();
    const base = new MachineHost({ db, repository, logger });
    base.installBasePackages();
    const baseBootMs = performance.now() - t0;

    // Warm-up, then one at a time: boot, shut down.
    for (let i = 0; i < 3; i++) new MachineHost({ base, repository: null, logger }).shutdown();
    const times: number[] = [];
    for (let i = 0; i < boots; i++) {
      t0 = performance.now();
      const m = new MachineHost({ base, repository: null, logger });
      times.push(performance.now() - t0);
      m.shutdown();
    }

    // Idle machines, each with a login shell waiting for input.
    collect();
    await new Promise((r) => setTimeout(r, 50));
    const before = process.memoryUsage().rss;
    const held: MachineHost[] = [];
    for (let i = 0; i < idle; i++) {
      const m = new MachineHost({ base, repository: null, logger });
      const s = m.openShell({ user: 'user', env: {}, pty: null, session: `bench${i}`, stdout: () => true, stderr: () => true });
      void s.interactive().catch(() => undefined);
      held.push(m);
    }
    // Let every shell reach its read of stdin.
    await new Promise((r) => setTimeout(r, 500));
    collect();
    const after = process.memoryUsage().rss;
    for (const m of held) m.shutdown();
    base.shutdown();
    return {
      bootMedianMs: quantile(times, 0.5),
      bootP95Ms: quantile(times, 0.95),
      baseBootMs,
      idleRssPerMachineMiB: (after - before) / idle / MiB,
      idleMachines: idle,
      gcExposed: typeof (globalThis as { gc?: unknown }).gc === 'function',
    };
  } finally {
    db.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'cli.js');

function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

/** Server RSS per idle per-session connection (with a shell), in MiB. */
export async function benchIdleConnections(count = Number(process.env.BENCH_MACHINES_SSH ?? 50)): Promise<{ perConnectionMiB: number; count: number }> {
  const work = mkdtempSync(join(tmpdir(), 'akuma-bench-machines-ssh-'));
  const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(work, 'data'), '--machines', 'per-session', '--log-level', 'info'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const clients: ssh2.Client[] = [];
  try {
    let out = '';
    let port = 0;
    let booted = 0;
    server.stdout!.setEncoding('utf8').on('data', (d: string) => {
      if (!port) out += d;
      booted += d.split('"msg":"machine booted"').length - 1;
    });
    for (let i = 0; i < 300 && !port; i++) {
      await new Promise((r) => setTimeout(r, 100));
      port = Number(/"address":"127\.0\.0\.1:(\d+)".*akuma-vm ready/.exec(out)?.[1] ?? 0);
    }
    if (!port) throw new Error('the server did not start listening');
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssOf(server.pid!);
    for (let i = 0; i < count; i++) {
      const c = new ssh2.Client();
      await new Promise<void>((resolve, reject) => {
        c.once('ready', () => c.shell(false, (err, ch) => (err ? reject(err) : (ch.resume(), ch.stderr.resume(), resolve()))));
        c.once('error', reject);
        c.connect({ host: '127.0.0.1', port, username: 'user', readyTimeout: 60_000 });
      });
      clients.push(c);
    }
    for (let i = 0; i < 100 && booted < count; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2000));
    return { perConnectionMiB: (rssOf(server.pid!) - before) / count / MiB, count };
  } finally {
    for (const c of clients) c.end();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

export function printMachineBench(r: MachineBench): void {
  console.log(`  boot of a copy-on-write machine: median ${r.bootMedianMs.toFixed(1)} ms, p95 ${r.bootP95Ms.toFixed(1)} ms (goal < 50 ms); ` +
    `${(r.baseBootMs / r.bootMedianMs).toFixed(1)}x faster than booting the base machine (${r.baseBootMs.toFixed(0)} ms)`);
  console.log(`  RSS per idle machine with a login shell: ${r.idleRssPerMachineMiB.toFixed(2)} MiB over ${r.idleMachines} machines (goal < 4 MiB)${r.gcExposed ? '' : ' (run with --expose-gc for a steadier number)'}`);
}

export function printIdleConnections(r: { perConnectionMiB: number; count: number }): void {
  console.log(`  server RSS per idle per-session SSH connection with a shell: ${r.perConnectionMiB.toFixed(2)} MiB over ${r.count} connections (goal < 4 MiB)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('Machines of their own (serve --machines per-session):');
  printMachineBench(await benchMachines());
  printIdleConnections(await benchIdleConnections());
}
