#!/usr/bin/env node
/**
 * Connect/disconnect soak: starts the server (dist/server/cli.js) on a fresh data
 * directory, then runs CYCLES connections that each run a command (or open a shell and
 * drop mid-command), and samples the server's resident memory (/proc/PID/status VmRSS)
 * and its open file descriptors (/proc/PID/fd) as it goes. Prints the samples and the growth after warm-up; exits 1 when memory grows
 * by more than LIMIT_MB after warm-up, or a cycle fails.
 *
 *   node scripts/soak-connect.mjs [CYCLES=1000] [LIMIT_MB=40]
 *   MACHINES=per-session node scripts/soak-connect.mjs 10000   # a machine per connection
 *
 * With MACHINES (serve --machines per-session or per-user) it also checks from the log that
 * every machine booted was discarded: none is left behind.
 *
 * Needs a built tree (npm run build) and Linux's /proc.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { exitAfterServer } from './server-run-exit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cycles = Number(process.argv[2] ?? 1000);
const limitMb = Number(process.argv[3] ?? 40);
const dir = mkdtempSync(join(tmpdir(), 'akuma-soak-'));
const machines = process.env.MACHINES ?? 'shared';

const server = spawn(process.execPath, [join(root, 'dist/server/cli.js'), 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--log-level', 'info', '--machines', machines], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let port = 0;
let partial = '';
const machineLines = { booted: 0, discarded: 0 };
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => {
  // The port from the ready line, and the machines booted and discarded; the rest is dropped.
  partial += chunk;
  const nl = partial.lastIndexOf('\n');
  if (nl < 0) return;
  const lines = partial.slice(0, nl);
  partial = partial.slice(nl + 1);
  if (!port) {
    const m = /"address":"[^"]*:(\d+)".*"msg":"akuma-vm ready/.exec(lines);
    if (m) port = Number(m[1]);
  }
  machineLines.booted += lines.split('"msg":"machine booted"').length - 1;
  machineLines.discarded += lines.split('"msg":"machine discarded"').length - 1;
});

/** Open file descriptors of the server (/proc/PID/fd): sockets, the database, the lock. */
function openFds() {
  return readdirSync(`/proc/${server.pid}/fd`).length;
}

function rssMb() {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'));
  return Number(m[1]) / 1024;
}

function connect() {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.once('ready', () => resolve(c));
    c.once('error', reject);
    c.connect({ host: '127.0.0.1', port, username: 'soak', readyTimeout: 30_000 });
  });
}

async function cycle(i) {
  const c = await connect();
  try {
    if (i % 4 === 3) {
      // Drop the connection while a program runs.
      await new Promise((resolve, reject) =>
        c.exec('sleep 100', (err, ch) => {
          if (err) return reject(err);
          ch.resume();
          setTimeout(resolve, 20);
        }),
      );
      return;
    }
    const out = await new Promise((resolve, reject) =>
      c.exec(i % 2 ? `echo soak-${i}` : 'hello', (err, ch) => {
        if (err) return reject(err);
        let text = '';
        ch.on('data', (d) => (text += d));
        ch.stderr.resume();
        ch.on('close', () => resolve(text));
      }),
    );
    if (!(i % 2 ? out === `soak-${i}\n` : /Hello/.test(out))) throw new Error(`cycle ${i}: unexpected output ${JSON.stringify(out)}`);
  } finally {
    c.end();
  }
}

async function main() {
  const started = Date.now();
  while (!port) {
    if (server.exitCode !== null || Date.now() - started > 30_000) throw new Error('server did not get ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  const samples = [];
  const fdsBefore = openFds();
  const t0 = Date.now();
  for (let i = 0; i < cycles; i++) {
    await cycle(i);
    if (i % Math.max(1, Math.floor(cycles / 20)) === 0 || i === cycles - 1) samples.push({ cycle: i + 1, rssMb: Math.round(rssMb() * 10) / 10, fds: openFds() });
  }
  await new Promise((r) => setTimeout(r, 1000));
  samples.push({ cycle: cycles, rssMb: Math.round(rssMb() * 10) / 10, fds: openFds(), settled: true });
  // Every dropped connection's program must be gone.
  const c = await connect();
  const ps = await new Promise((resolve, reject) =>
    c.exec('ps', (err, ch) => {
      if (err) return reject(err);
      let text = '';
      ch.on('data', (d) => (text += d));
      ch.on('close', () => resolve(text));
    }),
  );
  c.end();
  const leftover = ps.split('\n').filter((l) => /\bsleep\b/.test(l)).length;
  console.log(`processes left from dropped connections: ${leftover}`);
  if (leftover) return 1;
  if (machines !== 'shared') {
    await new Promise((r) => setTimeout(r, 500));
    const left = machineLines.booted - machineLines.discarded;
    console.log(`machines booted: ${machineLines.booted}, discarded: ${machineLines.discarded}, left behind: ${left}`);
    if (machineLines.booted < cycles || left !== 0) return 1;
  }
  const warm = samples[Math.min(samples.length - 1, Math.floor(samples.length / 4))];
  const last = samples[samples.length - 1];
  const growth = last.rssMb - warm.rssMb;
  console.log(JSON.stringify({ cycles, seconds: (Date.now() - t0) / 1000, samples }, null, 1));
  const fdGrowth = last.fds - fdsBefore;
  console.log(`open file descriptors: ${fdsBefore} before the first cycle, ${last.fds} after the last (${fdGrowth >= 0 ? '+' : ''}${fdGrowth})`);
  console.log(`RSS after warm-up (cycle ${warm.cycle}): ${warm.rssMb} MB; at the end: ${last.rssMb} MB; growth ${growth.toFixed(1)} MB (limit ${limitMb} MB)`);
  // A handful of descriptors may come and go (the log, SQLite's WAL); a leak grows with the cycles.
  if (fdGrowth > 16) {
    console.log(`file descriptors leaked: ${fdGrowth} more after ${cycles} cycles`);
    return 1;
  }
  return growth <= limitMb ? 0 : 1;
}

exitAfterServer(main(), 'soak', server, dir);
