// `akuma-vm run --trace-syscalls` against the real strace(1): packages/kernel-tests/src/tracecalls.c
// (open, read, fstat, lseek, a missing file, mmap/mprotect/munmap, nanosleep, a refused TCP
// connect, a signal mask, kill, fork and wait) runs in the guest under --trace-syscalls and, built
// for this host with gcc, under strace; the lines of its own calls must be the same once the
// values that differ between two machines (addresses, pids) are blanked and the two calls that
// x86-64 makes under another name (unlink, for AArch64's unlinkat) are renamed.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ktBinary } from './kernel-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');
const SRC = join(ROOT, 'packages/kernel-tests/src/tracecalls.c');
const have = (cmd: string): boolean => spawnSync(cmd, ['--version']).status === 0;

function guestTrace(): string[] {
  const r = spawnSync(process.execPath, [CLI, 'run', '--trace-syscalls', ktBinary('tracecalls')], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`run failed: ${r.stderr}`);
  return r.stderr.split('\n').filter(Boolean);
}

/** The lines from the program's first own call to its last, in a form both tools share. */
function ownCalls(lines: string[], pidPrefix: RegExp): string[] {
  const out: string[] = [];
  let on = false;
  for (const raw of lines) {
    const m = pidPrefix.exec(raw);
    if (!m) continue;
    let l = raw.slice(m[0].length);
    if (l.startsWith('openat(AT_FDCWD, "/tmp/tracecalls.txt"')) on = true;
    if (!on) continue;
    if (/^(getpid|set_robust_list|exit_group)\(/.test(l) || l.startsWith('+++') || l.startsWith('---')) continue;
    l = l.replace(/^unlink\("([^"]*)"\)/, 'unlinkat(AT_FDCWD, "$1", 0)');
    l = l.replace(/0x[0-9a-f]{5,}/g, 'ADDR');
    l = l.replace(/^kill\(\d+,/, 'kill(PID,').replace(/^wait4\(\d+,/, 'wait4(PID,');
    if (/^(clone|wait4)\(/.test(l)) l = l.replace(/= \d+$/, '= PID');
    out.push(l.replace(/\) +=/, ') ='));
    if (l.startsWith('write(1, "done\\n"')) break;
  }
  return out;
}

t.test('the guest program\'s calls read as strace prints the same program\'s calls on this host', { skip: have('strace') && have('gcc') ? false : 'strace or gcc not installed' }, (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-strace-'));
  const prog = join(dir, 'tracecalls');
  const cc = spawnSync('gcc', ['-O2', '-static', '-o', prog, SRC], { encoding: 'utf8' });
  t.equal(cc.status, 0, `gcc: ${cc.stderr}`);
  const log = join(dir, 'strace.txt');
  const st = spawnSync('strace', ['-o', log, prog], { encoding: 'utf8' });
  if (st.status !== 0) {
    t.skip(`strace cannot trace here: ${st.stderr.trim().split("\n")[0]}`, () => {});
    return t.end();
  }
  const theirs = ownCalls(readFileSync(log, 'utf8').split('\n'), /^/);
  const ours = ownCalls(guestTrace(), /^\[pid 1\] /);
  t.ok(theirs.length >= 20, `strace saw ${theirs.length} calls`);
  t.same(ours, theirs, 'line for line');
  const last = (lines: string[]): string => lines.filter(Boolean).at(-1) ?? '';
  t.equal(last(guestTrace()).replace(/^\[pid 1\] /, ''), last(readFileSync(log, 'utf8').split('\n')), 'the exit line');
  t.end();
});

t.test('the shapes strace documents, on their own', (t) => {
  const lines = guestTrace();
  const find = (re: RegExp): string | undefined => lines.find((l) => re.test(l));
  t.ok(find(/^\[pid 1\] openat\(AT_FDCWD, "\/tmp\/tracecalls.txt", O_WRONLY\|O_CREAT\|O_TRUNC\|O_CLOEXEC, 0644\) = 3$/), 'open flags, and the mode with O_CREAT');
  t.ok(find(/^\[pid 1\] read\(3, "root:x:0:0:root:\/root:\/bin\/sh\\nda"\.\.\., 4096\) = 78$/), 'a read buffer: 32 bytes, escaped, then ...');
  t.ok(find(/^\[pid 1\] newfstatat\(3, "", \{st_mode=S_IFREG\|0644, st_size=78, \.\.\.\}, AT_EMPTY_PATH\) = 0$/), 'struct stat');
  t.ok(find(/^\[pid 1\] openat\(AT_FDCWD, "\/nonexistent\/file", O_RDONLY\) = -1 ENOENT \(No such file or directory\)$/), 'errno name and text');
  t.ok(find(/^\[pid 1\] mmap\(NULL, 8192, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\) = 0x[0-9a-f]+$/), 'mmap');
  t.ok(find(/^\[pid 1\] clock_nanosleep\(CLOCK_REALTIME, 0, \{tv_sec=0, tv_nsec=1000000\}, NULL\) = 0$/), 'timespec');
  t.ok(find(/^\[pid 1\] connect\(3, \{sa_family=AF_INET, sin_port=htons\(9\), sin_addr=inet_addr\("127.0.0.1"\)\}, 16\) = -1 ECONNREFUSED \(Connection refused\)$/), 'sockaddr');
  t.ok(find(/^\[pid 1\] rt_sigprocmask\(SIG_BLOCK, \[USR1 TERM\], NULL, 8\) = 0$/), 'signal sets');
  t.ok(find(/^\[pid 1\] kill\(1, SIGUSR1\) += 0$/), 'signal names');
  t.ok(find(/^\[pid 1\] clone\(child_stack=NULL, flags=CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD, child_tidptr=0x[0-9a-f]+\) = 2$/), 'clone flags');
  t.ok(find(/^\[pid 1\] wait4\(2, \[\{WIFEXITED\(s\) && WEXITSTATUS\(s\) == 3\}\], 0, NULL\) = 2$/), 'wait status');
  t.ok(find(/^\[pid 2\] \+\+\+ exited with 3 \+\+\+$/), 'the child\'s exit');
  t.equal(lines.at(-2), '[pid 1] exit_group(0)                   = ?', 'exit_group as it starts');
  t.equal(lines.at(-1), '[pid 1] +++ exited with 0 +++', 'then the exit');
  const close = find(/^\[pid 1\] close\(3\) /);
  t.equal(close?.indexOf('= 0'), 40, 'a short call\'s result at column 40');
  t.end();
});

t.test('a fault: the signal with its si_code and address, then the kill, as strace shows them', (t) => {
  const r = spawnSync(process.execPath, [CLI, 'run', '--trace-syscalls', ktBinary('fault')], { encoding: 'utf8', timeout: 120_000 });
  t.equal(r.status, 139);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('[pid'));
  t.equal(lines.at(-2), '[pid 1] --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x816003} ---');
  t.equal(lines.at(-1), '[pid 1] +++ killed by SIGSEGV +++');
  t.end();
});
