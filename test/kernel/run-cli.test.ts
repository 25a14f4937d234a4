import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, ktBinary, pkgBinary } from './kernel-helpers.js';

const CLI = join(ROOT, 'dist/server/cli.js');

function akuma(args: string[], input = ''): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [CLI, 'run', ...args], { input, encoding: 'utf8', timeout: 120_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

t.test('run: output streams to the host, status passes through', (t) => {
  const hello = pkgBinary('hello');
  if (hello) {
    const r = akuma([hello]);
    t.equal(r.stdout, 'Hello from akuma-vm!\n');
    t.equal(r.status, 0);
  }
  const f = pkgBinary('false');
  if (f) t.equal(akuma([f]).status, 1);
  const r = akuma([ktBinary('sleeper'), '10']);
  t.equal(r.stdout, 'slept\n');
  t.end();
});

t.test('run: a fault prints the report on stderr and exits 128+11', (t) => {
  const r = akuma([ktBinary('fault')]);
  t.equal(r.stdout, 'fault: storing to 0x816003\n');
  t.equal(r.stderr.split('\n')[0], '[Fault] Data abort from EL0 at FAR=0x816003, ISS=0x46');
  t.match(r.stderr.split('\n')[1], /^ {2}ELR=0x/);
  t.equal(r.status, 139);
  t.equal(akuma([ktBinary('traps'), 'udf']).status, 132, 'SIGILL: 128+4');
  t.equal(akuma([ktBinary('traps'), 'brk']).status, 133, 'SIGTRAP: 128+5');
  t.end();
});

t.test('run: refused files give one exec line and 126/127 like a shell', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'akuma-run-'));
  const bad = join(dir, 'x86');
  const f = new Uint8Array(readFileSync(ktBinary('sleeper')));
  new DataView(f.buffer).setUint16(18, 62, true);
  writeFileSync(bad, f);
  let r = akuma([bad]);
  t.equal(r.stderr, `exec: ${bad}: wrong machine (e_machine 62, expected AArch64)\n`);
  t.equal(r.stdout, '');
  t.equal(r.status, 126);
  const text = join(dir, 'script');
  writeFileSync(text, 'echo hi\n');
  r = akuma([text]);
  t.equal(r.stderr, `exec: ${text}: not an ELF file\n`);
  t.equal(r.status, 126);
  r = akuma([join(dir, 'missing')]);
  t.equal(r.stderr, `exec: ${join(dir, 'missing')}: No such file or directory\n`);
  t.equal(r.status, 127);
  t.end();
});

t.test('run: --env, --ram, --trace-syscalls, stdin, program arguments that look like options', (t) => {
  const env = pkgBinary('env');
  if (env) t.match(akuma(['--env', 'FOO=bar', '--env', 'X=1 2', env]).stdout, /^FOO=bar$[\s\S]*^X=1 2$/m);
  const hog = akuma(['--ram', '32M', ktBinary('hog')]);
  t.equal(hog.stdout, 'hog: ENOMEM after 31 MiB\n', 'a 32 MiB machine');
  const traced = akuma(['--trace-syscalls', ktBinary('sleeper'), '1']);
  t.equal(traced.stdout, 'slept\n');
  t.equal(traced.stderr, '[pid 1] nanosleep({tv_sec=0, tv_nsec=1000000}, NULL) = 0\n[pid 1] write(1, "slept\\n", 6)          = 6\n[pid 1] exit_group(0)                   = ?\n[pid 1] +++ exited with 0 +++\n');
  const cat = pkgBinary('cat');
  if (cat) t.equal(akuma([cat], 'piped in\nand more\n').stdout, 'piped in\nand more\n');
  const echo = pkgBinary('echo');
  if (echo) t.equal(akuma([echo, '-x', '--foo', 'a b']).stdout, '-x --foo a b\n');
  t.end();
});

const QEMU = spawnSync('qemu-aarch64', ['--version']).status === 0;

t.test('guest programs print the same under akuma-vm as under qemu-aarch64', { skip: QEMU ? false : 'qemu-aarch64 is not installed' }, (t) => {
  // Lines where qemu-user 7.2 itself departs from Linux (so akuma-vm, following Linux, differs).
  const QEMU_DEVIATIONS = [
    /^(ok {3}|FAIL )MAP_FIXED_NOREPLACE over a mapping = EEXIST/, // qemu treats it as a hint
    /^(ok {3}|FAIL )nanosleep bad pointer = EFAULT/, // qemu answers EINVAL
    /^(ALL PASSED|SOME FAILED)$/,
    /^(ok {3}|FAIL )pipe2 with bad flags = EINVAL/, // qemu drops unknown flags
    /^(ok {3}|FAIL )madvise (with unknown advice = EINVAL|of unmapped memory = ENOMEM)/, // qemu answers 0 to advice it does not act on
    /^vfork (child: running first|parent: resumed after the child)$/, // qemu's vfork does not suspend the parent
    /^(ok {3}|FAIL )(get_robust_list\(self\)|robust list length 24)/, // qemu-user has no get_robust_list (ENOSYS)
  ];
  const programs: Array<[string, string[], string[]]> = [
    [ktBinary('syscalls'), ['a', 'b'], []],
    [ktBinary('sleeper'), ['20'], []],
    [ktBinary('forker'), [], []],
    [ktBinary('fscheck'), [`/tmp/akuma-fscheck-${process.pid}`], []],
    [ktBinary('sleeper-pie'), ['20'], []],
    [ktBinary('bigbss'), [], []],
    [ktBinary('bigbss-lld'), [], []],
    [ktBinary('fault'), [], []],
    [ktBinary('traps'), ['udf'], []],
    [ktBinary('traps'), ['brk'], []],
    [ktBinary('traps'), ['stack'], []],
    [ktBinary('glibc-hello'), ['one', 'two words'], ['AKUMA_TEST=yes']],
    [ktBinary('regthreads'), [], []],
  ];
  for (const name of ['hello', 'stdcheck', 'regcheck', 'true', 'false']) {
    const p = pkgBinary(name);
    if (p) programs.push([p, [], []]);
  }
  const echo = pkgBinary('echo');
  if (echo) programs.push([echo, ['-n', 'x', 'y z'], []]);
  for (const [path, args, env] of programs) {
    const label = [path.split('/').slice(-1)[0], ...args].join(' ');
    const q = spawnSync('qemu-aarch64', [path, ...args], { encoding: 'utf8', env: Object.fromEntries(env.map((kv) => kv.split('='))) });
    const a = akuma([...env.flatMap((kv) => ['--env', kv]), path, ...args]);
    const keep = (s: string) => s.split('\n').filter((l) => !QEMU_DEVIATIONS.some((re) => re.test(l))).join('\n');
    t.equal(keep(a.stdout), keep(q.stdout), `${label}: same stdout${a.stderr ? ` (stderr: ${a.stderr.split('\n')[0]})` : ''}`);
    const qStatus = q.status ?? 128 + (({ SIGSEGV: 11, SIGILL: 4, SIGTRAP: 5, SIGBUS: 7 } as Record<string, number>)[q.signal ?? ''] ?? 0);
    // The syscall program's status reflects qemu's deviations above; its checks are compared line by line.
    if (!label.startsWith('syscalls') && !label.startsWith('fscheck')) t.equal(a.status, qStatus, `${label}: same status (${qStatus})`);
  }
  t.end();
});
