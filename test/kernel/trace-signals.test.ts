// --trace-syscalls' signal lines against the real strace(1): packages/kernel-tests/src/tracesignals.c
// (kill, tgkill and sigqueue to itself, a POSIX timer, alarm, SIGPIPE, an ignored SIGINT, a child
// ended by SIGTERM, then a SIGTERM that ends it) runs in the guest under --trace-syscalls and, built
// for this host with gcc, under strace -f. Each process's "--- SIG... {siginfo} ---" and "+++ ... +++"
// lines must be the same once pids are numbered by first appearance and CPU times and uids blanked.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ktBinary } from './kernel-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');
const SRC = join(ROOT, 'packages/kernel-tests/src/tracesignals.c');
const have = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;

/** Signal and exit lines per process, in order, with pids renumbered (P1, P2...) and times blanked. */
function signalLines(lines: string[], prefix: RegExp): string[][] {
  const names = new Map<string, string>();
  const nameOf = (pid: string): string => names.get(pid) ?? (names.set(pid, `P${names.size + 1}`), names.get(pid)!);
  const byProcess = new Map<string, string[]>();
  for (const raw of lines) {
    const m = prefix.exec(raw);
    if (!m) continue;
    const body = raw.slice(m[0].length);
    if (!body.startsWith('---') && !body.startsWith('+++')) continue;
    const who = nameOf(m[1]);
    const text = body.replace(/si_pid=(\d+)/, (_, pid: string) => `si_pid=${nameOf(pid)}`).replace(/si_utime=\d+, si_stime=\d+/, 'si_utime=N, si_stime=N').replace(/si_uid=\d+/g, 'si_uid=U');
    byProcess.set(who, [...(byProcess.get(who) ?? []), text]);
  }
  return [...byProcess.values()];
}

function guestTrace(): { lines: string[]; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'run', '--trace-syscalls', ktBinary('tracesignals')], { encoding: 'utf8', timeout: 120_000 });
  return { lines: r.stderr.split('\n'), status: r.status };
}

t.test('each process\'s signal lines read as strace prints them for the same program on this host', { skip: have('strace') && have('gcc') ? false : 'strace or gcc not installed' }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-strace-signals-'));
  const prog = join(dir, 'tracesignals');
  const cc = spawnSync('gcc', ['-O2', '-static', '-o', prog, SRC], { encoding: 'utf8' });
  t.equal(cc.status, 0, `gcc: ${cc.stderr}`);
  const log = join(dir, 'strace.txt');
  const st = spawnSync('strace', ['-f', '-o', log, prog], { encoding: 'utf8', timeout: 120_000 });
  if (st.status === null && st.signal === null) {
    t.skip(`strace cannot trace here: ${st.stderr.trim().split('\n')[0]}`, () => {});
    return t.end();
  }
  const theirs = existsSync(log) ? signalLines(readFileSync(log, 'utf8').split('\n'), /^(\d+) +/) : [];
  if (theirs.length === 0) {
    t.skip(`strace cannot trace here: ${st.stderr.trim().split('\n')[0]}`, () => {});
    return t.end();
  }
  rmSync(dir, { recursive: true, force: true });
  const guest = guestTrace();
  t.equal(guest.status, 143, 'the program ends by its own SIGTERM');
  t.same(signalLines(guest.lines, /^\[pid (\d+)\] /), theirs, 'line for line, per process');
  t.end();
});

t.test('the signal lines strace documents, on their own', (t) => {
  const { lines, status } = guestTrace();
  t.equal(status, 143);
  const traced = lines.filter((l) => /^\[pid \d+\] (---|\+\+\+)/.test(l)).map((l) => l.replace(/si_utime=\d+, si_stime=\d+/, 'si_utime=N, si_stime=N'));
  t.same(traced, [
    '[pid 1] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '[pid 1] --- SIGUSR2 {si_signo=SIGUSR2, si_code=SI_TKILL, si_pid=1, si_uid=0} ---',
    '[pid 1] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_QUEUE, si_pid=1, si_uid=0, si_int=42, si_ptr=0x2a} ---',
    '[pid 1] --- SIGALRM {si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0, si_overrun=0, si_int=7, si_ptr=0x7} ---',
    '[pid 1] --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---',
    '[pid 1] --- SIGPIPE {si_signo=SIGPIPE, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '[pid 1] --- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '[pid 2] --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '[pid 2] +++ killed by SIGTERM +++',
    '[pid 1] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=2, si_uid=0, si_status=SIGTERM, si_utime=N, si_stime=N} ---',
    '[pid 1] --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=1, si_uid=0} ---',
    '[pid 1] +++ killed by SIGTERM +++',
  ]);
  t.end();
});
