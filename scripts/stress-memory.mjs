#!/usr/bin/env node
/**
 * Memory stress across tenants: starts the server (dist/server/cli.js) with a small guest
 * RAM on a fresh data directory, then runs SESSIONS concurrent `ssh host stdcheck`
 * sessions spread round robin over USERS user names, and counts how each ended: passed
 * (exit 0), killed by the OOM killer ("[Kernel] Out of memory"), refused memory (ENOMEM:
 * the program's own failure line, "out of memory" in its output), or otherwise failed.
 * With HOG set, user0 runs that many `hog` sessions instead (each allocates and touches
 * memory until the kernel says no) and the stdcheck runs go to the other users, so their
 * results show whether one tenant's memory use costs another tenant its jobs.
 *
 *   node scripts/stress-memory.mjs [SESSIONS=100] [USERS=4] [RAM=256M] [HOG=0] [-- serve flags...]
 *   node scripts/stress-memory.mjs 10,4,1,1 - 48M      (stdcheck runs per user: uneven load)
 *
 * Prints one JSON summary (per user: passed, oomKilled, enomem, failed) and the server's
 * memory-admission log lines counted by message; exits 1 when a user without hogs lost a
 * job. Needs a built tree (npx tsc -p .).
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ssh2 from 'ssh2';
import { exitAfterServer } from './server-run-exit.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dash = process.argv.indexOf('--');
const positional = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash);
const extra = dash < 0 ? [] : process.argv.slice(dash + 1);
// SESSIONS may also be per-user counts, "10,4,1,1" (then USERS is their number).
const perUserCounts = String(positional[0] ?? '').includes(',') ? positional[0].split(',').map(Number) : null;
const sessions = perUserCounts ? perUserCounts.reduce((a, b) => a + b, 0) : Number(positional[0] ?? 100);
const users = perUserCounts ? perUserCounts.length : Number(positional[1] ?? 4);
const ram = positional[2] ?? '256M';
const hogs = Number(positional[3] ?? 0);
const dir = mkdtempSync(join(tmpdir(), 'akuma-stress-mem-'));

const server = spawn(process.execPath, [join(root, 'dist/server/cli.js'), 'serve', '--port', '0', '--data-dir', join(dir, 'data'), '--log-level', 'info', '--ram', ram, '--max-startups', '1000', '--per-source-max-startups', '1000', ...extra], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
let port = 0;
let partial = '';
const logCounts = {};
server.stdout.setEncoding('utf8');
server.stdout.on('data', (chunk) => {
  partial += chunk;
  let nl;
  while ((nl = partial.indexOf('\n')) >= 0) {
    const text = partial.slice(0, nl);
    partial = partial.slice(nl + 1);
    let line;
    try {
      line = JSON.parse(text);
    } catch {
      continue;
    }
    if (!port && String(line.msg).startsWith('akuma-vm ready')) port = Number(String(line.address).split(':').pop());
    if (line.level >= 40) logCounts[line.msg] = (logCounts[line.msg] ?? 0) + 1;
  }
});

function run(user, command, input) {
  return new Promise((resolve) => {
    const c = new ssh2.Client();
    let out = '';
    const done = (code) => {
      c.end();
      resolve({ code, out });
    };
    c.once('error', (err) => resolve({ code: -1, out: `connection: ${err.message}` }));
    c.once('ready', () =>
      c.exec(command, (err, ch) => {
        if (err) return done(-1);
        if (input) ch.end(input);
        ch.on('data', (d) => (out += d));
        ch.stderr.on('data', (d) => (out += d));
        let code = null;
        ch.on('exit', (c2, signal) => (code = c2 ?? (signal ? 128 : -1)));
        ch.on('close', () => done(code));
      }),
    );
    c.connect({ host: '127.0.0.1', port, username: user, readyTimeout: 120_000 });
  });
}

function classify(r) {
  if (r.code === 0) return 'passed';
  if (/\[Kernel\] Out of memory|\[Fault\] Out of memory/.test(r.out)) return 'oomKilled';
  if (/out of memory|cannot allocate|ENOMEM|memory allocation/i.test(r.out)) return 'enomem';
  return 'failed';
}

async function main() {
  const started = Date.now();
  while (!port) {
    if (server.exitCode !== null || Date.now() - started > 60_000) throw new Error('server did not get ready');
    await new Promise((r) => setTimeout(r, 50));
  }
  const install = await run('user0', 'pkg install stdcheck');
  if (install.code !== 0) throw new Error(`pkg install stdcheck failed: ${install.out.trim()}`);
  if (hogs) {
    // hog is a kernel test program, not a package: copied in as user0's ~/hog.
    const hog = readFileSync(join(root, 'packages/kernel-tests/bin/hog'));
    const put = await run('user0', 'cat > hog && chmod +x hog', hog);
    if (put.code !== 0) throw new Error(`copying hog in failed: ${put.out.trim()}`);
  }
  const perUser = {};
  const failures = [];
  const t0 = Date.now();
  const jobs = [];
  for (let i = 0; i < hogs; i++) {
    // hog HOLD_MS MAX_MIB: takes memory until the kernel refuses, holds it 30 s, exits.
    jobs.push(run('user0', './hog 30000 4096').then((r) => ({ user: 'user0', hog: true, r })));
  }
  const order = [];
  if (perUserCounts) {
    // Interleaved, so every user's runs start among the others'.
    for (let round = 0; order.length < sessions; round++) perUserCounts.forEach((n, u) => round < n && order.push(`user${u}`));
  }
  for (let i = 0; i < sessions; i++) {
    if (perUserCounts) {
      const user = order[i];
      jobs.push(run(user, 'stdcheck').then((r) => ({ user, hog: false, r })));
      continue;
    }
    // With hogs, user0 only hogs: the stdcheck runs are the other users'.
    const user = hogs && users > 1 ? `user${1 + (i % (users - 1))}` : `user${i % users}`;
    jobs.push(run(user, 'stdcheck').then((r) => ({ user, hog: false, r })));
  }
  for (const { user, hog, r } of await Promise.all(jobs)) {
    const key = hog ? `${user}-hog` : user;
    const s = (perUser[key] ??= { passed: 0, oomKilled: 0, enomem: 0, failed: 0 });
    const kind = classify(r);
    s[kind]++;
    if (!hog && kind !== 'passed' && failures.length < 5) failures.push({ user, code: r.code, tail: r.out.slice(-240) });
  }
  const summary = { sessions, users, ram, hogs, extra, seconds: (Date.now() - t0) / 1000, perUser, warnings: logCounts, firstFailures: failures };
  console.log(JSON.stringify(summary, null, 1));
  const hogUser = hogs ? 'user0' : null;
  const lost = Object.entries(perUser).filter(([k]) => !k.endsWith('-hog') && k !== hogUser).reduce((n, [, s]) => n + s.oomKilled + s.failed + s.enomem, 0);
  console.log(`jobs of users without hogs that did not pass: ${lost}`);
  return lost ? 1 : 0;
}

exitAfterServer(main(), 'stress-memory', server, dir);
