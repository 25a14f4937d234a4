/**
 * Scale (issue 13, "How it is measured"): what many sessions at once get from one server, measured
 * through a real `serve` (a temp data directory, port 0, the ready log line) and the OpenSSH client.
 * Three servers are compared: shared (the one machine, on the main thread), per-session with
 * --workers 0 (every machine on the main thread) and per-session with --workers N (BENCH_SCALE_WORKERS,
 * default one per core: machines in worker threads). They are measurements, not assertions.
 *
 *  - Throughput: K concurrent sessions each running packages/bin/cpubench (the `cpubench` package,
 *    installed first: once in shared mode, by each session in per-session mode) for K in
 *    BENCH_SCALE_KS (default 1,2,4,8), in shared and per-session modes, after one uncounted run;
 *    wall time for all K to finish relative to K = 1 (ideal: flat up to the core count, then linear).
 *  - Latency: p50/p99 of `ssh host true` from fresh connections (BENCH_SCALE_SAMPLES, default 20,
 *    one after another) with the server idle, while 8 sessions run `cpubench` in a loop, while one
 *    session (another user, so its RLIMIT_NPROC is its own) runs a shell-function fork bomb, and
 *    idle again after those sessions were closed (shows whether closing them cleaned up).
 *  - Load: BENCH_SCALE_SESSIONS (default 50) concurrent sessions each running
 *    `pkg install stdcheck && stdcheck` on a per-session server: how many print "ALL PASSED",
 *    the wall time for all, and the server's peak RSS (VmHWM of /proc/PID/status).
 *
 * BENCH_SCALE_ONLY=throughput,latency,load picks parts (default: all three).
 *
 *   node dist/scripts/bench-scale.js      # also section 8 of `npm run bench`
 */

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'cli.js');
const SSH = '/usr/bin/ssh';
const MiB = 1024 * 1024;
/** A server configuration: --machines and --workers (the label is what the tables print). */
interface Mode {
  label: string;
  machines: 'shared' | 'per-session';
  workers: number;
}
const WORKERS = Number(process.env.BENCH_SCALE_WORKERS ?? availableParallelism());
const MODES: Mode[] = [
  { label: 'shared', machines: 'shared', workers: 0 },
  { label: 'per-session, workers 0', machines: 'per-session', workers: 0 },
  { label: `per-session, workers ${WORKERS}`, machines: 'per-session', workers: WORKERS },
];
const PER_SESSION_IN_WORKERS = MODES[2]!;

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * q) - 1)];
}

interface Server {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

/** `serve --machines MODE --workers N` on a fresh data directory, resolved at its ready log line. */
export async function startServer(mode: Mode): Promise<Server> {
  const work = mkdtempSync(join(tmpdir(), 'akuma-bench-scale-'));
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', join(work, 'data'), '--machines', mode.machines, '--workers', String(mode.workers)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let buffer = '';
      const onData = (chunk: Buffer): void => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.includes('akuma-vm ready')) continue;
          child.stdout!.off('data', onData);
          child.stdout!.resume(); // keep draining the log
          resolve(Number(/"address":"[^"]*:(\d+)"/.exec(line)?.[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    });
    return { port, pid: child.pid!, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

function sshArgs(port: number, user: string, command: string): string[] {
  return ['-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=120', '-p', String(port), `${user}@127.0.0.1`, command];
}

/** One `ssh host COMMAND` to its end: wall milliseconds, exit status, standard output. */
export function ssh(port: number, user: string, command: string): Promise<{ ms: number; status: number | null; stdout: string }> {
  const t0 = performance.now();
  const child = spawn(SSH, sshArgs(port, user, command), { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
  child.stderr.resume();
  return new Promise((resolve) => child.once('close', (status) => resolve({ ms: performance.now() - t0, status, stdout })));
}

/** An `ssh host COMMAND` left running; closing it (killing the client) ends the SSH session. */
function sshHeld(port: number, user: string, command: string): ChildProcess {
  const child = spawn(SSH, sshArgs(port, user, command), { stdio: ['pipe', 'ignore', 'ignore'] });
  return child;
}

async function closeHeld(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((r) => {
    if (c.exitCode !== null || c.signalCode !== null) return r();
    c.once('close', () => r());
    c.kill('SIGTERM');
  })));
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ThroughputRow { mode: Mode; k: number; wallMs: number; ok: number; ratio: number }

async function benchThroughput(ks: number[]): Promise<ThroughputRow[]> {
  const rows: ThroughputRow[] = [];
  for (const mode of MODES) {
    const server = await startServer(mode);
    try {
      // Shared: one install for everyone. Per-session: every session installs into its own machine.
      let command = 'cpubench';
      if (mode.machines === 'shared') {
        const r = await ssh(server.port, 'user', 'pkg install cpubench');
        if (r.status !== 0) console.log(`  pkg install cpubench failed (status ${r.status}): ${r.stdout.trim()}`);
      } else command = 'pkg install cpubench >/dev/null && cpubench';
      // One run first, not counted: the first one also translates cpubench's code.
      await ssh(server.port, 'user', command);
      let base = 0;
      for (const k of ks) {
        const t0 = performance.now();
        const runs = await Promise.all(Array.from({ length: k }, () => ssh(server.port, 'user', command)));
        const wallMs = performance.now() - t0;
        const ok = runs.filter((r) => r.status === 0 && r.stdout.includes('cpubench: OK')).length;
        if (k === ks[0]) base = wallMs / k;
        rows.push({ mode, k, wallMs, ok, ratio: wallMs / (base * ks[0]) });
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

export interface LatencyRow { mode: Mode; load: string; p50: number; p99: number; ok: number; samples: number }

async function probe(port: number, samples: number): Promise<{ p50: number; p99: number; ok: number }> {
  const times: number[] = [];
  let ok = 0;
  for (let i = 0; i < samples; i++) {
    const r = await ssh(port, 'user', 'true');
    times.push(r.ms);
    if (r.status === 0) ok++;
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), ok };
}

async function benchLatency(samples: number): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const loop = 'while :; do cpubench >/dev/null; done';
  // A shell-function fork bomb: bounded by the guest kernel's RLIMIT_NPROC for its uid.
  const bomb = 'b() { b | b & }; b; while :; do sleep 1; done';
  for (const mode of MODES) {
    const server = await startServer(mode);
    try {
      await ssh(server.port, 'user', mode.machines === 'shared' ? 'pkg install cpubench' : 'true'); // also creates the account's home
      const hog = mode.machines === 'shared' ? loop : `pkg install cpubench >/dev/null && ${loop}`;
      rows.push({ mode, load: 'idle', samples, ...(await probe(server.port, samples)) });
      const hogs = Array.from({ length: 8 }, () => sshHeld(server.port, 'user', hog));
      await sleep(5000);
      rows.push({ mode, load: '8 cpubench loops', samples, ...(await probe(server.port, samples)) });
      await closeHeld(hogs);
      const bomber = sshHeld(server.port, 'bomber', bomb);
      await sleep(3000);
      rows.push({ mode, load: 'fork bomb (another user)', samples, ...(await probe(server.port, samples)) });
      await closeHeld([bomber]);
      await sleep(1000);
      rows.push({ mode, load: 'idle, after closing them', samples, ...(await probe(server.port, samples)) });
    } finally {
      await server.stop();
    }
  }
  return rows;
}

function kib(pid: number, field: string): number {
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}

export interface LoadResult { sessions: number; passed: number; wallMs: number; p50Ms: number; maxMs: number; readyHwmMiB: number; peakMiB: number }

async function benchLoad(n: number): Promise<LoadResult> {
  const server = await startServer(PER_SESSION_IN_WORKERS);
  try {
    const readyHwm = kib(server.pid, 'VmHWM');
    const t0 = performance.now();
    const runs = await Promise.all(Array.from({ length: n }, () => ssh(server.port, 'user', 'pkg install stdcheck && stdcheck')));
    const wallMs = performance.now() - t0;
    const peak = kib(server.pid, 'VmHWM');
    const times = runs.map((r) => r.ms);
    return {
      sessions: n,
      passed: runs.filter((r) => r.status === 0 && r.stdout.includes('Result: ALL PASSED')).length,
      wallMs,
      p50Ms: quantile(times, 0.5),
      maxMs: Math.max(...times),
      readyHwmMiB: readyHwm / MiB,
      peakMiB: peak / MiB,
    };
  } finally {
    await server.stop();
  }
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

/** Section 8 of `npm run bench`: prints its tables as it goes. */
export async function benchScale(): Promise<void> {
  if (!existsSync(SSH)) {
    console.log(`  ${SSH} not there: skipped`);
    return;
  }
  const ks = (process.env.BENCH_SCALE_KS ?? '1,2,4,8').split(',').map(Number).filter((k) => k > 0);
  const samples = Number(process.env.BENCH_SCALE_SAMPLES ?? 20);
  const sessions = Number(process.env.BENCH_SCALE_SESSIONS ?? 50);
  console.log(`  host: ${availableParallelism()} cores, load average ${load()} (shared with other work: ratios, not absolutes)`);
  const only = new Set((process.env.BENCH_SCALE_ONLY ?? 'throughput,latency,load').split(','));

  const t0 = performance.now();
  if (only.has('throughput')) {
    console.log('  Throughput: K concurrent sessions each running cpubench (ideal: flat up to the core count, then linear)');
    console.log('    mode                        K   wall (s)   vs K=1   cpubench OK');
    for (const r of await benchThroughput(ks)) {
      console.log(`    ${r.mode.label.padEnd(26)} ${String(r.k).padStart(2)} ${(r.wallMs / 1000).toFixed(1).padStart(10)} ${`${r.ratio.toFixed(2)}x`.padStart(8)}   ${r.ok}/${r.k}`);
    }
    console.log(`    (load average now ${load()})`);
  }

  if (only.has('latency')) {
    console.log(`  Latency: ssh host true from fresh connections, ${samples} one after another (goal under load: p99 within 50 ms of idle)`);
    console.log('    mode                        while                         p50 (ms)  p99 (ms)   ok');
    for (const r of await benchLatency(samples)) {
      console.log(`    ${r.mode.label.padEnd(26)}  ${r.load.padEnd(28)} ${r.p50.toFixed(0).padStart(8)} ${r.p99.toFixed(0).padStart(9)}   ${r.ok}/${r.samples}`);
    }
    console.log(`    (load average now ${load()})`);
  }

  if (!only.has('load')) return;
  console.log(`  Load: ${sessions} concurrent sessions each running "pkg install stdcheck && stdcheck" (serve --machines per-session --workers ${WORKERS})`);
  const l = await benchLoad(sessions);
  console.log(`    ${l.passed}/${l.sessions} printed ALL PASSED; all done in ${(l.wallMs / 1000).toFixed(1)} s (per session: median ${(l.p50Ms / 1000).toFixed(1)} s, slowest ${(l.maxMs / 1000).toFixed(1)} s)`);
  console.log(`    server peak RSS (VmHWM): ${l.peakMiB.toFixed(0)} MiB (${l.readyHwmMiB.toFixed(0)} MiB at ready; ${((l.peakMiB - l.readyHwmMiB) / l.sessions).toFixed(2)} MiB more per session)`);
  console.log(`  (section took ${((performance.now() - t0) / 1000).toFixed(0)} s; load average now ${load()})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log('== Scale: many sessions on one server (serve --machines shared / per-session, --workers 0 / N)');
  await benchScale();
}
